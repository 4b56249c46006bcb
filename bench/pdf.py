"""Seconds per document to PDF: the persistent LibreOffice against plain ``soffice --convert-to``, same files.

    python bench/pdf.py [--people N]

The files are the Word documents of the stage-4 kit of the sample register cut to ``N`` people
(consents, agreements, individual plans, the order; default 60) plus the kit's workbooks. Each
converter starts cold (its LibreOffice start-up is in its total) and converts every file once;
the persistent one then converts them again warm. Figures are within one run: compare ratios.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cut_kit_input(people: int) -> object:
    """Return the sample stage-4 input cut to about ``people`` people (their pairs kept whole)."""
    from nastavnik_docs.models import Register, SchoolRegister
    from nastavnik_docs.produce import sample_input

    full = sample_input("stage-4")
    assert isinstance(full, SchoolRegister)
    pairs = full.roster.pairs[: max(1, people // 3)]
    codes = {p.mentor for p in pairs} | {code for p in pairs for code in p.mentees}
    roster = Register(
        mentors=[m for m in full.roster.mentors if m.code in codes],
        mentees=[m for m in full.roster.mentees if m.code in codes],
        pairs=pairs,
        partners=full.roster.partners,
    )
    return SchoolRegister(school=full.school, roster=roster)


def files_of_a_kit(folder: Path, people: int) -> list[Path]:
    """Write the Word files (and the workbooks without a Word twin) of a cut stage-4 kit into ``folder``."""
    from nastavnik_docs.produce import build_kit

    kit = build_kit("stage-4", _cut_kit_input(people))
    words = {Path(f.name).with_suffix("") for f in kit.files if f.name.endswith(".docx")}
    paths = []
    for item in kit.files:
        wanted = item.name.endswith(".docx") or (
            item.name.endswith(".xlsx") and Path(item.name).with_suffix("") not in words
        )
        if wanted:
            path = folder / item.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.data)
            paths.append(path)
    return paths


def run(converter: object, files: list[Path]) -> tuple[float, int]:
    """Return the seconds to convert ``files`` and how many PDFs were made."""
    for path in files:
        path.with_suffix(".pdf").unlink(missing_ok=True)
    start = time.perf_counter()
    results = converter.convert(files)  # type: ignore[attr-defined]
    return time.perf_counter() - start, sum(r.ok for r in results)


def through_the_producer(people: int, jobs: int) -> tuple[float, int]:
    """Return the seconds and the PDFs of a cut stage-4 kit made with ``--pdf --jobs`` (LibreOffices warm)."""
    from nastavnik_docs.produce import produce_kit
    from nastavnik_docs.render.pdf import pdf_converter

    data = _cut_kit_input(people)
    for index in range(jobs):  # started once before timing, as in a service or a long kit
        converter = pdf_converter(index)
        if hasattr(converter, "start"):
            converter.start()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-kit-") as folder:
        plain_start = time.perf_counter()
        produce_kit("stage-4", data, Path(folder) / "plain", jobs=jobs)
        plain = time.perf_counter() - plain_start
        start = time.perf_counter()
        out = produce_kit("stage-4", data, Path(folder) / "kit", pdf=True, jobs=jobs)
        seconds = time.perf_counter() - start - plain
        return seconds, sum(1 for _ in out.rglob("*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60, help="people of the register to keep (default 60)")
    args = parser.parse_args()

    from nastavnik_docs.render.pdf import OfficeConverter, SofficeConverter, find_libreoffice, find_uno_python

    if find_libreoffice() is None:
        sys.exit("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        files = files_of_a_kit(Path(folder), args.people)
        count = len(files)
        print(
            f"{count} files ({sum(p.suffix == '.docx' for p in files)} Word, {sum(p.suffix == '.xlsx' for p in files)} Excel)"
        )
        rows = []
        soffice_seconds, soffice_made = run(SofficeConverter(), files)
        rows.append(("soffice --convert-to (cold, 50 per call)", soffice_seconds, soffice_made))
        if find_uno_python() is None:
            print("python3-uno is missing: the persistent path is not measured")
        else:
            with OfficeConverter() as office:
                start = time.perf_counter()
                office.start()
                started = time.perf_counter() - start
                cold, made = run(office, files)
                rows.append(("persistent LibreOffice (cold: start-up included)", cold + started, made))
                warm, made = run(office, files)
                rows.append(("persistent LibreOffice (warm)", warm, made))
            print(f"persistent LibreOffice start-up: {started:.2f} s")
        print(f"{'path':<52} {'total s':>8} {'s/doc':>7} {'PDFs':>5}")
        for name, seconds, made in rows:
            print(f"{name:<52} {seconds:>8.2f} {seconds / count:>7.3f} {made:>5}")
        if len(rows) == 3:
            print(f"warm persistent vs soffice: {soffice_seconds / rows[2][1]:.2f}x faster per document")
        for jobs in (1, 2):
            seconds, pdfs = through_the_producer(args.people, jobs)
            print(
                f"stage-4 kit with --pdf --jobs {jobs}: {pdfs} PDFs in {seconds:.1f} s = {pdfs / seconds:.1f} documents/s "
                "(target ≥ 5 documents/s)"
            )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
