"""The ``nastavnik-docs`` command (also ``python -m nastavnik_docs``).

``--version`` answers without importing the command line's libraries; everything else goes to
:func:`nastavnik_docs.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command: ``--version`` at once, any other command through the command line."""
    if sys.argv[1:] == ["--version"]:
        from .version import release

        sys.stdout.write(f"nastavnik-docs {release()}\n")
        return
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
