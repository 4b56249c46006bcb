"""Build the bundled Word and Excel templates (templates/docx/, templates/xlsx/) from templates/src/.

The build is reproducible, so ``--check`` compares bytes.

    python tools/build_templates.py            # rebuild every template
    python tools/build_templates.py --check    # exit 1 if a checked-in template differs from its source
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import docx_templates
import xlsx_templates
from template_files import ROOT, docx_sources, is_xlsx, output_of, xlsx_sources


def sources() -> list[Path]:
    """Return every template source, the Word ones first."""
    return [*docx_sources(), *xlsx_sources()]


def build(source: Path) -> bytes:
    """Return the bytes of the Word or Excel template built from ``source``."""
    return xlsx_templates.build(source) if is_xlsx(source) else docx_templates.build(source)


def stale() -> list[Path]:
    """Return the template files that are missing or differ from what their sources make."""
    return [
        output_of(source)
        for source in sources()
        if not output_of(source).is_file() or output_of(source).read_bytes() != build(source)
    ]


def main(argv: list[str] | None = None) -> int:
    """Rebuild every template, or with ``--check`` name the out-of-date ones and return 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    if args.check:
        out_of_date = stale()
        if out_of_date:
            names = ", ".join(path.name for path in out_of_date)
            print(f"out of date: {names} (run python tools/build_templates.py)")
            return 1
        return 0
    for source in sources():
        target = output_of(source)
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(build(source))
        print(f"built {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
