"""Reading a large participant register: 10,000 people (mentors and mentees), every one distinct.

    python bench/register.py [--people 10000]

The register is the sample register's generator (tools/sample_register.py) at a larger scale,
saved once; the bench times ``load_register`` (the command line's `register check` and every kit
of stages 4–6 read it) over three runs and prints the median. Target: 10,000 people in ≤ 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
PEOPLE_PER_SCALE = 228  # the sample register: 82 mentors and 146 mentees


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    import sample_register
    from office_package import workbook_bytes

    from nastavnik_docs.io.register import load_register

    scale = max(1, round(args.people / PEOPLE_PER_SCALE))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.xlsx"
        path.write_bytes(workbook_bytes(sample_register.workbook(scale)))
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            register = load_register(path)
            times.append(time.perf_counter() - start)
    people = len(register.mentors) + len(register.mentees)
    median = statistics.median(times)
    print(
        f"register: {people} people, {len(register.pairs)} pairs read in median {median:.2f} s "
        f"(min {min(times):.2f}, {args.runs} runs) — target ≤ 3 s for 10,000 people"
    )
    return 0 if median <= 3 * people / 10_000 else 1


if __name__ == "__main__":
    sys.exit(main())
