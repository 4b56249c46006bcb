"""Running the command line in-process, as the CLI tests do."""

import io
import sys

import pytest

from nastavnik_docs.cli import main


def run(monkeypatch, capsys, *args, stdin=None):
    """Run ``nastavnik-docs ARGS`` in-process; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["nastavnik-docs", *args])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as caught:
        main()
    out, err = capsys.readouterr()
    return caught.value.code or 0, out, err
