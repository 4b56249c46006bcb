"""Render the page images of docs/documents.md from the bundled samples.

    python docs/render_pages.py

Needs LibreOffice and pdftoppm (poppler-utils). Writes docs/images/<document>-<page>.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from nastavnik_docs import build_kit, load_data
from nastavnik_docs.render.pdf import convert_to_pdf

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
PAGES = {  # which pages of each document the guide shows
    "order-management-team": [1, 2, 3],
    "order-introduce-model": [1, 2],
    "regulation-model": [1, 2],
    "regulation-forms": [1, 3],
    "website-tab": [1],
}


def main() -> int:
    kit = build_kit("stage-1", load_data(ROOT / "samples" / "school.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = []
        for item in kit.files:
            if item.name.endswith(".docx") or item.name == "website-tab.html":
                path = work / item.name
                path.write_bytes(item.data)
                sources.append(path)
        convert_to_pdf(sources, work)
        for stem, pages in PAGES.items():
            for page in pages:
                target = IMAGES / f"{stem}-{page}"
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                     str(work / f"{stem}.pdf"), str(target)],
                    check=True,
                )
                print(f"wrote {target.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
