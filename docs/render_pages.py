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
from nastavnik_docs.kits import KITS
from nastavnik_docs.render.pdf import convert_to_pdf

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
PAGES = {  # which pages of each document the guide shows (Excel files as printed: «<id>.xlsx»)
    "order-management-team": [1, 2, 3],
    "order-introduce-model": [1, 2],
    "regulation-model": [1, 2],
    "regulation-forms": [1, 3],
    "website-tab": [1],
    "roadmap": [1],
    "roadmap.xlsx": [1],
    "plan": [1],
    "plan.xlsx": [1],
    "participants-list": [1],
    "participants-list.xlsx": [1],
    "forms-characteristics": [1],
    "practice-criteria": [1],
    "planned-indicators": [1],
    "planned-indicators.xlsx": [1],
    "monitoring-form.xlsx": [1],
}


def main() -> int:
    data = load_data(ROOT / "samples" / "school.yaml")
    files = [item for kit in KITS for item in build_kit(kit, data).files]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = []
        for item in files:
            if item.name.endswith((".docx", ".xlsx")) or item.name == "website-tab.html":
                # Word and Excel files of one document share a stem: keep the Excel one apart
                name = item.name.replace(".xlsx", "-xlsx.xlsx")
                path = work / name
                path.write_bytes(item.data)
                sources.append(path)
        convert_to_pdf(sources, work)
        for stem, pages in PAGES.items():
            pdf = work / (stem.replace(".xlsx", "-xlsx") + ".pdf")
            for page in pages:
                target = IMAGES / f"{stem.replace('.xlsx', '-xlsx')}-{page}"
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                     str(pdf), str(target)],
                    check=True,
                )
                print(f"wrote {target.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
