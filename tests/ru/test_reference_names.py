"""The hand-made reference list of bench/data/names.tsv, checked for accuracy (never for speed)."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "names.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_names", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_list_is_large_enough_and_well_formed():
    bench = _bench_module()
    rows = bench.load_rows()
    assert len(rows) * 5 >= 500
    assert {r["part"] for r in rows} == {"last", "first", "middle"}
    assert {r["gender"] for r in rows} == {"male", "female"}
    assert all(all(r[c.value] for c in bench.OBLIQUE) for r in rows)


def test_engine_gets_at_least_99_5_percent_of_reference_forms():
    bench = _bench_module()
    correct, total, failures = bench.evaluate(bench.ours, bench.load_rows())
    accuracy = sum(correct.values()) / sum(total.values())
    assert accuracy >= 0.995, "\n".join(failures[:20])


def test_engine_beats_the_goal_and_pytrovich_on_the_held_out_half():
    bench = _bench_module()
    rows = bench.load_rows(bench.LISTS["heldout"])
    assert len(rows) > 5000
    ours, total, failures = bench.evaluate(bench.ours, rows)
    rules, _, _ = bench.evaluate(bench.make_pytrovich(), rows)
    accuracy = 100 * sum(ours.values()) / sum(total.values())
    assert accuracy >= bench.GOAL, "\n".join(failures[:20])
    assert sum(ours.values()) > sum(rules.values())


def test_held_out_names_stay_out_of_the_hand_made_list():
    bench = _bench_module()
    tuned = {r["nominative"].lower() for r in bench.load_rows()}
    assert not tuned & {r["nominative"].lower() for r in bench.load_rows(bench.LISTS["heldout"])}
