"""Where the bundled templates and their sources live, and which source makes which template file.

The scripts in tools/ are run from a checkout (``python tools/build_templates.py``); none of them is
part of the installed package.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "templates" / "src"
DOCX = ROOT / "templates" / "docx"
XLSX = ROOT / "templates" / "xlsx"
FONT = "Times New Roman"
"""The font of every generated template, Word and Excel (ГОСТ Р 7.0.97-2016)."""


def docx_sources() -> list[Path]:
    """Return the Word template sources (files starting with «_» are fragments for ``include``)."""
    return sorted(path for path in SOURCES.glob("*.yaml") if not path.name.startswith("_") and not is_xlsx(path))


def xlsx_sources() -> list[Path]:
    """Return the Excel template sources (``<id>.xlsx.yaml``)."""
    return sorted(SOURCES.glob("*.xlsx.yaml"))


def is_xlsx(source: Path) -> bool:
    """Return whether ``source`` describes an Excel template rather than a Word one."""
    return source.name.endswith(".xlsx.yaml")


def output_of(source: Path) -> Path:
    """Return the template file built from ``source``."""
    if is_xlsx(source):
        return XLSX / source.name.removesuffix(".yaml")
    return DOCX / f"{source.stem}.docx"
