"""Batch rendering of stage 4 against the plain docxtpl loop, measured side by side in one run.

    python bench/batch.py [--pairs 1000] [--plain 300] [--repeat 3] [--ours 3]

Both sides render the same mix — a consent for every mentor and mentee and an agreement for every
pair of a register of distinct invented people (the sample register's generator at a larger
scale) — and write every document to a folder. The plain side is docxtpl's load, render and save
for each document, timed on ``--plain`` documents taken at even steps through the whole batch (so
consents and agreements come in the batch's own proportion, about 11 to 4); ours is the producer
(``produce_documents`` into a folder), timed on all of them. The two alternate (plain, ours,
plain, ours…) and the ratio of their times per document is taken round by round (the plain loop's
time against the median of the round's runs of ours), so that a change in the machine's load falls
on both: its minimum and median are printed. Within a round ours runs with one job and with two in
turn, and each such pair is a sample of the scaling (this machine's speed drifts by a tenth within
seconds, so one pair says little). CPU time is printed
beside wall time, and for two jobs the CPU time of the workers, so that the scaling can be judged
on a busy machine. Peak memory (max RSS) of a whole batch is measured in fresh processes at 100 and
at ``--pairs`` pairs.

Documents are written to a folder in memory (``/dev/shm`` where there is one; ``--folder DIR`` to
choose), so the figures are the program's work and not the disk's: creating a file on this machine's
disk costs about 0.9 ms of system time, more than rendering the document. One more round of ours
writes to the system's temporary folder to show what the disk adds.

Targets: ours ≤ 0.7 ms of CPU per document; ≥ 100 × the plain loop (median ratio); two jobs
≥ 1.7 × one job; memory at ``--pairs`` ≤ 1.2 × at 100.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
KINDS = ("consent-pd", "agreement-pair")
SHM = Path("/dev/shm")
FOLDER: str | None = str(SHM) if SHM.is_dir() and os.access(SHM, os.W_OK) else None
"""Where both sides write their documents (None: the system's temporary folder)."""
PAIRS_PER_SCALE = 82  # the sample register's pairs


def make_input(pairs: int):
    """Return the sample school with a register of about ``pairs`` pairs of distinct invented people."""
    import sample_register
    from office_package import workbook_bytes

    from nastavnik_docs import load_data
    from nastavnik_docs.io.register import load_register
    from nastavnik_docs.models import SchoolRegister

    scale = max(1, round(pairs / PAIRS_PER_SCALE))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.xlsx"
        path.write_bytes(workbook_bytes(sample_register.workbook(scale)))
        roster = load_register(path)
    return SchoolRegister(school=load_data(ROOT / "samples" / "school.yaml"), roster=roster)


def _items(data, count: int):
    """Return (template name, template bytes, context, file name) of ``count`` documents at even steps through
    the batch: the mix of kinds ours renders."""
    from nastavnik_docs.documents import get_document
    from nastavnik_docs.documents.spec import own_context
    from nastavnik_docs.io.templates import read_template
    from nastavnik_docs.ru.filenames import unique_file_names

    items = []
    for kind in KINDS:
        spec = get_document(kind)
        base = spec.build_context(data, {"documents": []}, None)
        template = read_template(spec.templates[0])
        for filename, own in unique_file_names(spec.each(data)):
            items.append((spec.templates[0], template, {**base, **own_context(own)}, filename))
    step = max(1, len(items) // count)
    return items[::step][:count]


def plain(items) -> tuple[int, float, float]:
    """The reference: docxtpl's DocxTemplate load, render, save for each document; (count, wall s, CPU s)."""
    from nastavnik_docs.render.docx import render_docx_plain

    with tempfile.TemporaryDirectory(dir=FOLDER) as folder:
        wall, cpu = time.perf_counter(), time.process_time()
        for name, template, context, filename in items:
            (Path(folder) / filename).write_bytes(render_docx_plain(template, context, name=name))
        return len(items), time.perf_counter() - wall, time.process_time() - cpu


def ours(data, jobs: int, folder: str | None = None) -> tuple[int, float, float, float]:
    """The producer writing both batches into a folder: (count, wall s, CPU s of this process, CPU s of workers)."""
    from nastavnik_docs.io.sinks import FolderSink
    from nastavnik_docs.produce import produce_documents

    with tempfile.TemporaryDirectory(dir=folder or FOLDER) as work:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, cpu = time.perf_counter(), time.process_time()
        sink = FolderSink(Path(work) / "kit")
        with sink:
            produce_documents(KINDS, data, sink, extra={"documents": []}, jobs=jobs)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        for worker in multiprocessing.active_children():  # idle workers exit on their own: wait, to count their CPU
            worker.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
        return len(sink.names), wall, cpu, workers


def peak_memory(pairs: int) -> float:
    """Return the max RSS (MiB) of a fresh process that makes the whole batch for ``pairs``."""
    code = (
        f"import resource, sys, json; sys.path.insert(0, {str(Path(__file__).parent)!r}); import batch; "
        f"data = batch.make_input({pairs}); batch.ours(data, 1); "
        "print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(json.loads(result.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument(
        "--plain", type=int, default=300, help="documents the slow reference renders, in the batch's mix"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds: the plain loop, then ours")
    parser.add_argument("--ours", type=int, default=3, help="runs of ours with one job and with two in each round")
    parser.add_argument("--folder", help="where both sides write (default: /dev/shm, a folder in memory)")
    args = parser.parse_args(argv)
    global FOLDER
    FOLDER = args.folder or FOLDER
    data = make_input(args.pairs)
    sample = _items(data, args.plain)
    ours(make_input(10), 1)  # warm: imports, dictionaries, prepared templates
    ratios, cpu_ratios, one, two, cpu_one, cpu_two = [], [], [], [], [], []
    for _ in range(args.repeat):  # A, B, A, B…: a change of load falls on both sides
        count, wall, cpu = plain(sample)
        plain_per_doc = wall / count
        round_one, round_cpu = [], []
        for _ in range(args.ours):  # one job, two jobs, one job…: each pair is a sample of the scaling
            done, wall_one, cpu_self, _ = ours(data, 1)
            round_one.append(wall_one / done)
            round_cpu.append(cpu_self / done)
            done, wall_two, cpu_self, cpu_workers = ours(data, 2)
            two.append(wall_two / done)
            cpu_two.append((cpu_self + cpu_workers) / done)
        one.extend(round_one)
        cpu_one.extend(round_cpu)
        ratios.append(plain_per_doc / statistics.median(round_one))
        cpu_ratios.append((cpu / count) / statistics.median(round_cpu))
    mix = ", ".join(f"{sum(item[0].startswith(kind) for item in sample)} {kind}" for kind in KINDS)
    print(
        f"plain docxtpl loop: {len(sample)} documents per round ({mix}), last {plain_per_doc * 1000:.1f} ms per document"
    )
    print(
        f"ours, 1 job: {done} documents, median {statistics.median(one) * 1000:.2f} ms per document "
        f"(CPU {statistics.median(cpu_one) * 1000:.2f} ms; {len(one)} runs)"
    )
    print(
        f"ratio plain / ours (the round's median), round by round: min {min(ratios):.0f} ×, "
        f"median {statistics.median(ratios):.0f} × ({', '.join(f'{r:.0f}' for r in ratios)}); "
        f"of CPU time: median {statistics.median(cpu_ratios):.0f} ×"
    )
    scaling = [a / b for a, b in zip(one, two, strict=True)]
    print(
        f"ours, 2 jobs: median {statistics.median(two) * 1000:.2f} ms per document = "
        f"{statistics.median(scaling):.2f} × one job, run after run (min {min(scaling):.2f}, max {max(scaling):.2f}, "
        f"{len(scaling)} pairs); CPU of this process and the workers {statistics.median(cpu_two) * 1000:.2f} ms per document"
    )
    disk = tempfile.gettempdir()
    done, wall_disk, cpu_disk, _ = ours(data, 1, disk)
    print(
        f"written to {FOLDER or disk}; one more round of ours to {disk}: {wall_disk / done * 1000:.2f} ms per document "
        f"(CPU {cpu_disk / done * 1000:.2f} ms): what the disk adds"
    )
    small, large = peak_memory(100), peak_memory(args.pairs)
    print(f"peak memory: {small:.0f} MiB at 100 pairs, {large:.0f} MiB at {args.pairs} pairs ({large / small:.2f} ×)")
    ok = (
        statistics.median(cpu_one) <= 0.0007
        and statistics.median(ratios) >= 100
        and statistics.median(scaling) >= 1.7
        and large <= 1.2 * small
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
