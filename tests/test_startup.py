"""What a command imports decides how long a user waits before it starts (bench/render.py times it)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

HEAVY = ("openpyxl", "numpy", "matplotlib", "fastapi", "pymorphy3", "docxtpl", "pydantic")


def imported_after(args: list[str]) -> set[str]:
    """Return the heavy top-level modules loaded by ``nastavnik-docs ARGS`` run in a fresh interpreter."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.argv = ["nastavnik-docs", *{args!r}]
        from nastavnik_docs.__main__ import main
        try:
            main()
        except SystemExit as stop:
            assert not stop.code, stop.code
        print(sorted(name for name in {HEAVY!r} if name in sys.modules))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(eval(done.stdout.strip().splitlines()[-1]))  # a list literal printed by the script above


def test_version_imports_nothing_heavy():
    assert imported_after(["--version"]) == set()


def test_a_stage_1_kit_needs_neither_excel_nor_charts(tmp_path):
    out = tmp_path / "kit"
    loaded = imported_after(["kit", "stage-1", str(ROOT / "samples" / "school.yaml"), "-o", str(out)])
    assert loaded == {"docxtpl", "pydantic", "pymorphy3"}  # Word, the models, the names' cases: all it needs
    assert len(list(out.glob("*.docx"))) == 4  # the orders and regulations (the fifth document is the website tab)
