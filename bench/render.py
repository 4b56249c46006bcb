"""Time where a user waits: the stage-1 kit in-process and cold, ``--version``, a 300-row roadmap in Word and Excel.

    python bench/render.py [--runs N]

Targets: the stage-1 kit under 0.5 s in-process and ≤ 1.0 s for ``nastavnik-docs kit stage-1``
from a cold start; ``nastavnik-docs --version`` ≤ 0.3 s; a roadmap of 300 rows ≤ 150 ms in Excel.
Cold runs alternate with a bare interpreter (``python -c pass``), timed in the same run, so what
the package adds to the interpreter's own start can be read on a busy machine. They run as an
installed package does: from compiled bytecode (``pip install`` compiles it; the bench compiles the
package first and lifts ``PYTHONDONTWRITEBYTECODE``, which would otherwise make every cold run
compile the package's modules from source again).
"""

from __future__ import annotations

import argparse
import compileall
import os
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


def _timed(command: list[str], environment: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=environment)
    return time.perf_counter() - start


def _installed_environment() -> dict[str, str]:
    """Return the environment of a user's command: the package's bytecode compiled and read, as after ``pip install``."""
    import nastavnik_docs

    compileall.compile_dir(Path(nastavnik_docs.__file__).parent, quiet=1)
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def cold_commands(runs: int) -> dict[str, list[float]]:
    """Return the seconds of each cold run of the bare interpreter, ``--version`` and ``kit stage-1``, alternated."""
    times: dict[str, list[float]] = {"python -c pass": [], "--version": [], "kit stage-1": []}
    command = [sys.executable, "-m", "nastavnik_docs"]
    environment = _installed_environment()
    with tempfile.TemporaryDirectory() as folder:
        for index in range(runs):
            times["python -c pass"].append(_timed([sys.executable, "-c", "pass"], environment))
            times["--version"].append(_timed([*command, "--version"], environment))
            out = Path(folder) / f"kit{index}"
            kit = [*command, "kit", "stage-1", str(SAMPLE), "-o", str(out)]
            times["kit stage-1"].append(_timed(kit, environment))
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
    parser.add_argument(
        "--runs", type=int, default=20, help="in-process runs (the cold commands run a quarter of that)"
    )
    args = parser.parse_args(argv)
    inner = in_process(args.runs)
    cold = cold_commands(max(5, args.runs // 4))
    bare = statistics.median(cold["python -c pass"])
    print(
        f"stage-1 kit in-process: median {statistics.median(inner) * 1000:.0f} ms "
        f"(min {min(inner) * 1000:.0f}, max {max(inner) * 1000:.0f}, {len(inner)} runs) — target < 500 ms"
    )
    targets = {"python -c pass": None, "--version": 0.3, "kit stage-1": 1.0}
    for name, values in cold.items():
        target = targets[name]
        median = statistics.median(values)
        print(
            f"{name}, cold: median {median:.3f} s (min {min(values):.3f}, {len(values)} runs"
            + (f"; {median - bare:+.3f} s over the bare interpreter) — target ≤ {target} s" if target else ")")
        )
    big = big_roadmap(300, max(3, args.runs // 4))
    medians = {kind: statistics.median(values) for kind, values in big.items()}
    docx = next(value for kind, value in medians.items() if kind.endswith(".docx"))
    for kind, values in big.items():
        extra = "" if kind.endswith(".docx") else f"; {medians[kind] / docx:.1f} × the Word roadmap) — target ≤ 150 ms"
        print(
            f"roadmap with 300 rows, {kind}: median {medians[kind] * 1000:.0f} ms "
            f"(min {min(values) * 1000:.0f}, {len(values)} runs{extra or ')'}"
        )
    xlsx = max(value for kind, value in medians.items() if kind.endswith(".xlsx"))
    ok = (
        statistics.median(inner) < 0.5
        and statistics.median(cold["--version"]) <= 0.3
        and statistics.median(cold["kit stage-1"]) <= 1.0
        and xlsx <= 0.15
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
