"""Render the page images of docs/documents.md from the bundled samples.

    python tools/page_images.py                                      # every image
    python tools/page_images.py survey-mentor survey-answers.xlsx    # only these documents

Needs LibreOffice and pdftoppm (poppler-utils). Writes docs/images/<document>-<page>.png; the
website tab and the results pages are also screenshots of headless Chromium (Debian's chromium and
chromium-driver, through selenium): docs/images/website-tab.png, website-results.png, monitoring-results.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from nastavnik_docs import build_kit
from nastavnik_docs.documents import KITS
from nastavnik_docs.documents.pairs import each_consent
from nastavnik_docs.documents.spec import own_context
from nastavnik_docs.documents.surveys import BLANK
from nastavnik_docs.produce import sample_input
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
    "order-pairs": [1, 3],
    "roadmap-implementation-plan": [1],
    "roadmap-implementation-plan.xlsx": [1],
    "register.xlsx": [1],
    "consent-adult": [1, 2],
    "consent-minor": [1, 2],
    "consent-child": [1, 2],
    "agreement-pair": [1, 2, 3],
    "individual-plan": [1, 2],
    "partnership-agreement": [1, 3],
    "mentorship-programme": [1, 2, 4],
    "order-approve-programme": [1, 2],
    "dissemination-events": [1],
    "dissemination-events.xlsx": [1],
    "resource-map": [1],
    "resource-map.xlsx": [1],
    "final-monitoring-form.xlsx": [1, 2],
    "order-municipal": [1, 2, 3, 4, 10, 11, 12],
    "order-teacher-model": [1],
    "regulation-teacher-system": [1],
    "roadmap-teacher": [1],
    "consent-teacher-mentor": [1],
    "agreement-teacher-mentor": [1],
    "order-teacher-pairs": [3],
    "survey-mentor": [1, 2],
    "survey-mentee": [1],
    "survey-answers.xlsx": [1],
    "monitoring-summary.xlsx": [1, 2],
    "analytical-report": [1, 2, 4, 8],
    "school-report": [1, 2, 5],
    "best-practice-case": [1, 2],
    "roadmap-corrected": [1, 4],
    "roadmap-corrected.xlsx": [1],
    "plan-corrected": [1, 5],
    "plan-corrected.xlsx": [2],
}
SCREENSHOTS = {"website-tab": (1000, 2400), "website-results": (1000, 4500), "monitoring-results": (1000, 1500)}
"""HTML pages shown as a visitor's browser shows them (LibreOffice ignores most of their CSS): width and height in pixels."""
BATCHES = {  # the folder of a batch document → the name of its example
    "agreements": "agreement-pair",
    "individual-plans": "individual-plan",
    "partnership-agreements": "partnership-agreement",
    "surveys/mentors": "survey-mentor",
    "surveys/mentees": "survey-mentee",
    "best-practices": "best-practice-case",
    "mentor-consents": "consent-teacher-mentor",
    "mentor-agreements": "agreement-teacher-mentor",
}


def _examples(items):
    """Keep every single document and one example of each batch document (a consent per variant)."""
    data = sample_input("stage-4")
    variants = [own_context(make)["consent"]["variant"] for _, make in each_consent(data)]
    consents = iter(variants)
    shown = set()
    for item in items:
        if "/" not in item.name:
            yield item
            continue
        folder, name = item.name.rsplit("/", 1)
        if name == f"{BLANK}.docx":
            continue  # a blank questionnaire differs from the others in its code line only
        key = f"consent-{next(consents)}" if folder == "consents" else BATCHES[folder]
        if key not in shown:
            shown.add(key)
            yield type(item)(f"{key}.docx", item.data, item.document_id)


def main(argv: list[str] | None = None) -> int:
    """Write the page images of every document, or of the documents named in ``argv`` (keys of PAGES)."""
    only = set(sys.argv[1:] if argv is None else argv)
    made = [item for kit in KITS for item in build_kit(kit, sample_input(kit)).files]
    files = list(_examples(made))
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
            if only and stem not in only:
                continue
            pdf = work / (stem.replace(".xlsx", "-xlsx") + ".pdf")
            for page in pages:
                target = IMAGES / f"{stem.replace('.xlsx', '-xlsx')}-{page}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-singlefile",
                        str(pdf),
                        str(target),
                    ],
                    check=True,
                )
                print(f"wrote {target.with_suffix('.png').relative_to(ROOT)}")
        for stem, (width, height) in SCREENSHOTS.items():
            if only and stem not in only:
                continue
            page = work / f"{stem}.html"
            page.write_bytes(next(item.data for item in files if item.name == f"{stem}.html"))
            target = IMAGES / f"{stem}.png"
            _screenshot(page, target, width, height, work / "chromium-profile")
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


def _screenshot(page: Path, target: Path, width: int, height: int, profile: Path) -> None:
    """Save what headless Chromium shows of ``page``, ``width`` pixels wide and as tall as the page."""
    import chromium

    driver = chromium.start(profile, width=width, height=height)
    try:
        driver.get(page.resolve().as_uri())
        height = driver.execute_script("return document.body.scrollHeight")  # the content, not the window
        driver.set_window_size(width, height)
        # the window's height includes the browser's frame: grow it until the viewport holds the whole page
        frame = height - driver.execute_script("return window.innerHeight")
        if frame > 0:
            driver.set_window_size(width, height + frame)
        driver.save_screenshot(str(target))
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
