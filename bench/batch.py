"""Batch rendering of stage 4: 1,000 pairs, ≈ 3,000 documents (a consent for every mentor and
mentee, an agreement for every pair), measured in one run against the plain docxtpl loop.

    python bench/batch.py [--pairs 1000] [--plain 300]

Prints documents per second of: the plain docxtpl loop (load, render, save for each document,
same templates and data; timed on the first --plain documents), ours with one job, ours with two
jobs; and the peak memory (max RSS) of a whole batch at 100 and at 1,000 pairs, each in a fresh
process. Targets: one job ≥ 10 × plain; two jobs ≥ 1.7 × one job; memory at 1,000 ≤ 1.2 × at 100.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("consent-pd", "agreement-pair")


def make_input(pairs: int):
    """Return a school and a register of ``pairs`` one-to-one pairs, cloned from the sample register."""
    from nastavnik_docs import load_data
    from nastavnik_docs.io.register import load_register
    from nastavnik_docs.models import Register, SchoolRegister

    school = load_data(ROOT / "samples" / "school.yaml")
    sample = load_register(ROOT / "samples" / "register.xlsx")
    by_code = {p.code: p for p in (*sample.mentors, *sample.mentees)}
    mentors, mentees, made = [], [], []
    for index in range(pairs):
        pair = sample.pairs[index % len(sample.pairs)]
        mentor = by_code[pair.mentor].model_copy(update={"code": f"Н-{index}"})
        mentee = by_code[pair.mentees[0]].model_copy(update={"code": f"У-{index}"})
        mentors.append(mentor)
        mentees.append(mentee)
        made.append(pair.model_copy(update={"code": str(index + 1), "mentor": mentor.code, "mentees": [mentee.code]}))
    return SchoolRegister(school=school, roster=Register(mentors=mentors, mentees=mentees, pairs=made))


def jobs_of(data):
    """Return, per kind, the template bytes, the shared context and the (file, context) items."""
    from nastavnik_docs.documents import get_document
    from nastavnik_docs.io.templates import read_template
    from nastavnik_docs.ru.filenames import UniqueNames, file_stem

    result = []
    for kind in KINDS:
        spec = get_document(kind)
        base = spec.build_context(data, {"documents": []}, None)
        names = UniqueNames()
        items = [(names.take(file_stem(stem), ".docx"), context) for stem, context in spec.each(data)]
        result.append((spec.templates[0], read_template(spec.templates[0]), base, items))
    return result


def ours(data, jobs: int) -> tuple[int, float]:
    """Ours as the stage-4 kit runs it: the producer writing both batches into a folder with ``jobs``."""
    from nastavnik_docs.io.sinks import FolderSink
    from nastavnik_docs.produce import produce_documents

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        sink = FolderSink(Path(folder) / "kit")
        with sink:
            produce_documents(KINDS, data, sink, extra={"documents": []}, jobs=jobs)
        return len(sink.names), time.perf_counter() - start


def plain(data, limit: int) -> tuple[int, float]:
    """The reference: docxtpl's DocxTemplate load, render, save for each document."""
    from nastavnik_docs.render.docx import render_docx_plain

    batches = jobs_of(data)
    share = limit // len(batches)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        done = 0
        for name, template, base, items in batches:
            for filename, context in islice(items, share):
                (Path(folder) / filename).write_bytes(render_docx_plain(template, {**base, **context}, name=name))
                done += 1
        return done, time.perf_counter() - start


def peak_memory(pairs: int) -> float:
    """Return the max RSS (MiB) of a fresh process that makes the whole batch for ``pairs``."""
    code = (
        f"import resource, sys, json; sys.path.insert(0, {str(Path(__file__).parent)!r}); import batch; "
        f"data = batch.make_input({pairs}); batch.ours(data, 1); "
        "print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--plain", type=int, default=300, help="documents the slow reference loop renders")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours with one and with two jobs")
    args = parser.parse_args(argv)
    data = make_input(args.pairs)
    ours(make_input(10), 1)  # warm: imports, dictionaries
    count, seconds = plain(data, args.plain)
    plain_rate = count / seconds
    print(f"plain docxtpl loop: {count} documents in {seconds:.1f} s = {plain_rate:.0f} docs/s")
    # one and two jobs alternate, three times each: the median of each is compared (the machine is noisy)
    runs: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):
        for jobs in (1, 2):
            count, seconds = ours(data, jobs)
            runs[jobs].append(count / seconds)
    one, two = statistics.median(runs[1]), statistics.median(runs[2])
    print(
        f"ours, 1 job: {count} documents, median {one:.0f} docs/s of {args.repeat} runs "
        f"({', '.join(f'{r:.0f}' for r in runs[1])}) = {one / plain_rate:.1f} × plain"
    )
    print(
        f"ours, 2 jobs: {count} documents, median {two:.0f} docs/s of {args.repeat} runs "
        f"({', '.join(f'{r:.0f}' for r in runs[2])}) = {two / one:.2f} × one job"
    )
    small, large = peak_memory(100), peak_memory(args.pairs)
    print(f"peak memory: {small:.0f} MiB at 100 pairs, {large:.0f} MiB at {args.pairs} pairs ({large / small:.2f} ×)")
    ok = one >= 10 * plain_rate and two >= 1.7 * one and large <= 1.2 * small
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
