"""Collecting filled final monitoring forms: 1,000 forms of invented organisations, read in a fresh process.

Makes the forms with the sample generator (tools/sample_monitoring.py: the real template, the
package's renderer, figures from a fixed seed; two processes), then collects the first 100 and all
1,000 of them, each in a fresh process that reports its time and its peak memory (ru_maxrss) right
after collecting; the 1,000-form process then also makes the summary, the report and the page,
which is timed apart. Targets: under 60 s for 1,000 forms, peak memory at 1,000 within 1.2 × of 100.

    python bench/collect.py [--forms 1000] [--keep FOLDER]

The last line reads ``collect: 1000 forms in S s, peak memory M MiB (100 forms: M MiB)``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

TIME_TARGET = 60.0
MEMORY_TARGET = 1.2


def _make(index: int) -> tuple[str, bytes]:
    import sample_monitoring

    rng = random.Random(f"bench-{index}")
    org, fm = sample_monitoring.organisation(rng, index, behind=index % 7 == 3)
    folder = sample_monitoring.MUNICIPALITIES[index % len(sample_monitoring.MUNICIPALITIES)][0]
    return f"{folder}/forma-{index + 1:04d}.xlsx", sample_monitoring.form_bytes(org, fm)


def make_forms(folder: Path, count: int) -> None:
    """Write ``count`` filled forms below ``folder`` (two processes: the renderer takes ~0.2 s a form)."""
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for name, data in pool.imap_unordered(_make, range(count), chunksize=20):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def child(folder: Path, documents: bool) -> None:
    """Collect ``folder`` in this fresh process; print JSON: forms, seconds, peak MiB (and the documents' seconds)."""
    from nastavnik_docs.io.monitoring import read_collection

    started = time.perf_counter()
    collection = read_collection(folder)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"forms": len(collection.reports), "rejected": len(collection.rejected), "seconds": seconds, "peak": peak}
    if documents:
        from nastavnik_docs.produce import build_kit

        started = time.perf_counter()
        build_kit("monitoring", collection)
        result["documents"] = time.perf_counter() - started
    print(json.dumps(result))


def fresh(folder: Path, documents: bool = False) -> dict[str, float]:
    """Return what :func:`child` prints, run in a new Python process."""
    command = [sys.executable, __file__, "--child", str(folder)] + (["--documents"] if documents else [])
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="make the forms in this folder and keep them (reused if there)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--documents", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.documents)
        return 0
    work = Path(tempfile.mkdtemp(prefix="nastavnik-collect-"))
    try:
        forms = args.keep or work / "forms"
        if not (forms.is_dir() and len(list(forms.rglob("*.xlsx"))) >= args.forms):
            started = time.perf_counter()
            make_forms(forms, args.forms)
            print(f"made {args.forms} forms in {time.perf_counter() - started:.1f} s")
        small = work / "small"
        for path in sorted(forms.rglob("*.xlsx"))[:100]:
            target = small / path.relative_to(forms)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        few = fresh(small)
        many = fresh(forms, documents=True)
        print(f"100 forms: {few['seconds']:.2f} s, {few['forms']} accepted, peak {few['peak']:.0f} MiB")
        print(
            f"{args.forms} forms: {many['seconds']:.2f} s = {many['forms'] / many['seconds']:.0f} forms/s, "
            f"{many['forms']} accepted, {many['rejected']} rejected, peak {many['peak']:.0f} MiB"
        )
        print(f"summary, report and page of {many['forms']} organisations: {many['documents']:.1f} s")
        ratio = many["peak"] / few["peak"]
        met = many["seconds"] < TIME_TARGET and ratio <= MEMORY_TARGET
        print(
            f"memory {ratio:.2f} × (target ≤ {MEMORY_TARGET} ×), time target < {TIME_TARGET:.0f} s: targets {'met' if met else 'NOT met'}"
        )
        print(
            f"collect: {many['forms']} forms in {many['seconds']:.1f} s, peak memory {many['peak']:.0f} MiB "
            f"(100 forms: {few['peak']:.0f} MiB)"
        )
        return 0 if met else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
