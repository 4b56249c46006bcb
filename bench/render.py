"""Time building the stage-1 kit: in-process (median of repeated runs) and the whole command cold.

    python bench/render.py [--runs N]

Targets (issue «The document engine and the stage-1 kit»): under 0.5 s in-process, under 2 s
for ``nastavnik-docs kit stage-1`` from a cold start.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "school.yaml"


def in_process(runs: int) -> list[float]:
    """Return the seconds of each in-process build of the stage-1 kit (data loaded each time)."""
    from nastavnik_docs import build_kit, load_data

    build_kit("stage-1", load_data(SAMPLE))  # warm: imports, dictionaries, template caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_kit("stage-1", load_data(SAMPLE))
        times.append(time.perf_counter() - start)
    return times


def cold_command(runs: int) -> list[float]:
    """Return the seconds of each ``nastavnik-docs kit stage-1`` run in a fresh interpreter."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(runs):
            out = Path(folder) / f"kit{index}"
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "nastavnik_docs", "kit", "stage-1", str(SAMPLE), "-o", str(out)],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    return times


def big_roadmap(rows: int, runs: int) -> dict[str, list[float]]:
    """Return seconds per rendering of a roadmap of ``rows`` measures, in docx and in xlsx."""
    import yaml

    from nastavnik_docs.documents import get_document
    from nastavnik_docs.io.templates import read_template
    from nastavnik_docs.models import validate
    from nastavnik_docs.render.docx import render_docx
    from nastavnik_docs.render.xlsx import render_xlsx

    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    per_section = rows // 5
    data["roadmap"] = {
        "sections": [
            {
                "title": f"Раздел {s + 1}",
                "rows": [
                    {
                        "content": f"Мероприятие {s * per_section + i + 1}: организация встречи наставников "
                        "и наставляемых, анкетирование участников и анализ результатов",
                        "deadline": {"by": f"+{i % 12 + 1}m"},
                        "responsible": ["curator", "working-group"],
                    }
                    for i in range(per_section)
                ],
            }
            for s in range(5)
        ]
    }
    spec = get_document("roadmap")
    model = validate(data, spec.model)
    context = spec.build_context(model, {}, None)
    times: dict[str, list[float]] = {}
    for template in spec.templates:
        source = read_template(template)
        render = render_docx if template.endswith(".docx") else render_xlsx
        render(source, context, name=template)  # warm
        times[template] = []
        for _ in range(runs):
            start = time.perf_counter()
            render(source, context, name=template)
            times[template].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="in-process runs (the command runs a quarter of that)")
    args = parser.parse_args(argv)
    inner = in_process(args.runs)
    outer = cold_command(max(3, args.runs // 4))
    print(
        f"stage-1 kit in-process: median {statistics.median(inner) * 1000:.0f} ms "
        f"(min {min(inner) * 1000:.0f}, max {max(inner) * 1000:.0f}, {len(inner)} runs) — target < 500 ms"
    )
    print(
        f"kit stage-1 command, cold start: median {statistics.median(outer):.2f} s "
        f"(min {min(outer):.2f}, max {max(outer):.2f}, {len(outer)} runs) — target < 2 s"
    )
    big = big_roadmap(300, max(3, args.runs // 4))
    for kind, values in big.items():
        print(
            f"roadmap with 300 rows, {kind}: median {statistics.median(values) * 1000:.0f} ms "
            f"(min {min(values) * 1000:.0f}, {len(values)} runs)"
        )
    ok = statistics.median(inner) < 0.5 and statistics.median(outer) < 2.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
