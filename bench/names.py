"""Evaluate the name-declension engine against pytrovich alone and pymorphy3 alone, in one run.

Three lists (``bench/data``): the hand-made reference ``names.tsv`` and the tuning half
``names-tune.tsv`` — the engine and its data were tuned on these — and the held-out half
``names-heldout.tsv``, never looked at while tuning (``tools/name_evaluation_set.py`` builds the
two halves from public name lists and the OpenCorpora dictionary). For each list and engine it
prints accuracy overall, per part and per case, and forms per second (the project's caches
cleared every pass, so every form is computed). On the held-out half it also measures the
project's rules without the dictionary, i.e. as for names no dictionary knows.

    python bench/names.py [--list reference|tune|heldout|all] [--show-failures N]

Exit code 1 when the project falls below 99.6 % on the held-out half, below either engine
there, or below 20,000 forms/s.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from nastavnik_docs.ru import Case, PersonName, _declension, _dictionary

DATA = Path(__file__).with_name("data") / "names.tsv"
LISTS = {
    "reference": DATA,
    "tune": DATA.with_name("names-tune.tsv"),
    "heldout": DATA.with_name("names-heldout.tsv"),
}
GOAL, SPEED = 99.6, 20_000
OBLIQUE = [c for c in Case if c is not Case.NOMINATIVE]
PART_FIELD = {"last": "last", "first": "first", "middle": "middle"}

Engine = Callable[[str, str, str, Case], str]  # (word, part, gender, case) -> form


def load_rows(path: Path = DATA) -> list[dict[str, str]]:
    """Return the rows of the reference list (comment lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def ours(word: str, part: str, gender: str, case: Case) -> str:
    name = PersonName(**{PART_FIELD[part]: word}, gender=gender)
    return getattr(name.inflect(case), PART_FIELD[part])


def _clear_caches() -> None:
    _declension._inflect_word.cache_clear()
    getattr(_dictionary.name_forms, "cache_clear", lambda: None)()


@contextmanager
def without_dictionary() -> Iterator[None]:
    """Run the project's engine as for names the dictionary does not know: its rules and data only."""
    saved = _dictionary.name_forms
    _dictionary.name_forms = lambda word, part, gender: None  # type: ignore[assignment]
    _clear_caches()
    try:
        yield
    finally:
        _dictionary.name_forms = saved
        _clear_caches()


def make_pytrovich() -> Engine:
    from pytrovich.enums import Case as PC
    from pytrovich.enums import Gender as PG
    from pytrovich.enums import NamePart as PP
    from pytrovich.maker import PetrovichDeclinationMaker

    maker = PetrovichDeclinationMaker()
    parts = {"last": PP.LASTNAME, "first": PP.FIRSTNAME, "middle": PP.MIDDLENAME}
    cases = dict(zip(OBLIQUE, [PC.GENITIVE, PC.DATIVE, PC.ACCUSATIVE, PC.INSTRUMENTAL, PC.PREPOSITIONAL], strict=True))

    def run(word: str, part: str, gender: str, case: Case) -> str:
        return maker.make(parts[part], PG.MALE if gender == "male" else PG.FEMALE, cases[case], word)

    return run


def make_petrovich() -> Engine:
    from petrovich.enums import Case as PC
    from petrovich.enums import Gender as PG
    from petrovich.main import Petrovich

    engine = Petrovich()
    cases = dict(zip(OBLIQUE, [PC.GENITIVE, PC.DATIVE, PC.ACCUSATIVE, PC.INSTRUMENTAL, PC.PREPOSITIONAL], strict=True))
    methods = {"last": engine.lastname, "first": engine.firstname, "middle": engine.middlename}

    def run(word: str, part: str, gender: str, case: Case) -> str:
        return methods[part](word, cases[case], PG.MALE if gender == "male" else PG.FEMALE)

    return run


def make_pymorphy3() -> Engine:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    tags = {"last": "Surn", "first": "Name", "middle": "Patr"}
    grammeme = {
        Case.GENITIVE: "gent",
        Case.DATIVE: "datv",
        Case.ACCUSATIVE: "accs",
        Case.INSTRUMENTAL: "ablt",
        Case.PREPOSITIONAL: "loct",
    }

    def run(word: str, part: str, gender: str, case: Case) -> str:
        g = "masc" if gender == "male" else "femn"
        parses = [p for p in morph.parse(word) if tags[part] in p.tag and p.tag.case == "nomn"]
        parses = [p for p in parses if p.tag.gender in (g, None)] or parses
        if not parses:
            return word
        form = parses[0].inflect({grammeme[case]})
        if form is None:
            return word
        text = form.word
        return text[:1].upper() + text[1:] if word[:1].isupper() else text

    return run


def evaluate(engine: Engine, rows: list[dict[str, str]]) -> tuple[Counter, Counter, list[str]]:
    """Return (correct, total) counters keyed by (part, case) and the list of failures."""
    correct: Counter = Counter()
    total: Counter = Counter()
    failures: list[str] = []
    for row in rows:
        for case in OBLIQUE:
            expected = row[case.value]
            if not expected:  # a form of disputed norm, left out by a verdict
                continue
            got = engine(row["nominative"], row["part"], row["gender"], case)
            key = (row["part"], case)
            total[key] += 1
            if got == expected:
                correct[key] += 1
            else:
                failures.append(
                    f"{row['part']:6} {row['gender']:6} {row['nominative']:18} {case.value:13} ожидалось {expected}, получено {got}"
                )
    return correct, total, failures


def throughput(
    engine: Engine, rows: list[dict[str, str]], *, clear: Callable[[], None] | None = None, seconds: float = 1.0
) -> float:
    """Return inflections per second over repeated passes of the whole list."""
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if clear is not None:
            clear()
        for row in rows:
            for case in OBLIQUE:
                engine(row["nominative"], row["part"], row["gender"], case)
        done += len(rows) * len(OBLIQUE)
    return done / (time.perf_counter() - start)


def gender_detection(rows: list[dict[str, str]]) -> tuple[int, int]:
    """Return (right, total) for detecting gender from a first name or patronymic alone."""
    right = total = 0
    for row in rows:
        if row["part"] == "last":
            continue
        name = PersonName(**{PART_FIELD[row["part"]]: row["nominative"]})
        detected = name.gender
        total += 1
        right += detected is not None and detected.value == row["gender"]
    return right, total


def percent(correct: Counter, total: Counter, keep: Callable[[tuple[str, Case]], bool]) -> float:
    right = sum(v for k, v in correct.items() if keep(k))
    return 100 * right / max(1, sum(v for k, v in total.items() if keep(k)))


def report(title: str, engine: Engine, rows: list[dict[str, str]], *, clear=None, show: int = 0) -> tuple[float, float]:
    """Print one engine's figures on ``rows``; return (accuracy in %, forms per second)."""
    correct, total, failures = evaluate(engine, rows)
    all_right, all_total = sum(correct.values()), sum(total.values())
    accuracy = 100 * all_right / all_total
    speed = throughput(engine, rows, clear=clear, seconds=2.0)
    print(
        f"  {title}: {all_right}/{all_total} = {accuracy:.3f} %, {speed:,.0f} forms/s"
        + (" (caches cleared)" if clear else "")
    )
    print(
        "     per part: "
        + "  ".join(
            f"{p} {percent(correct, total, lambda k, p=p: k[0] == p):.3f} %" for p in ("last", "first", "middle")
        )
    )
    print(
        "     per case: "
        + "  ".join(f"{c.value} {percent(correct, total, lambda k, c=c: k[1] is c):.3f} %" for c in OBLIQUE)
    )
    for line in failures[:show]:
        print("     ✗ " + line)
    if len(failures) > show:
        print(f"     … {len(failures) - show} more failures (--show-failures)")
    return accuracy, speed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", choices=[*LISTS, "all"], default="all")
    parser.add_argument("--show-failures", type=int, default=10, metavar="N")
    args = parser.parse_args(argv)
    others = {"pytrovich alone": make_pytrovich(), "pymorphy3 alone": make_pymorphy3()}
    with suppress(ImportError):
        others["petrovich (damirazo) alone"] = make_petrovich()
    held: dict[str, float] = {}
    speed = 0.0
    for name, path in LISTS.items():
        if args.list not in (name, "all"):
            continue
        rows = load_rows(path)
        parts = Counter(r["part"] for r in rows)
        forms = sum(1 for r in rows for c in OBLIQUE if r[c.value])
        print(
            f"\n== {path.name} ({name}): {len(rows)} names ({parts['last']} surnames, {parts['first']} first names, {parts['middle']} patronymics), {forms} forms"
        )
        accuracy, own_speed = report("nastavnik_docs", ours, rows, clear=_clear_caches, show=args.show_failures)
        if name == "heldout":
            held["nastavnik_docs"], speed = accuracy, own_speed
        for title, engine in others.items():
            result, _ = report(title, engine, rows, show=args.show_failures if name == "heldout" else 0)
            if name == "heldout":
                held[title] = result
        if name == "heldout":
            with without_dictionary():
                report(
                    "nastavnik_docs without the dictionary (names no dictionary knows)",
                    ours,
                    rows,
                    clear=_clear_caches,
                    show=args.show_failures,
                )
        if name == "reference":
            right, total = gender_detection(rows)
            print(f"  gender from a first name or patronymic alone: {right}/{total} = {100 * right / total:.2f} %")
    if not held:
        return 0
    ok = held["nastavnik_docs"] >= GOAL and all(held["nastavnik_docs"] >= v for v in held.values()) and speed >= SPEED
    print(
        f"\nheld-out: nastavnik_docs {held['nastavnik_docs']:.3f} % (goal ≥ {GOAL} %, not below any engine), {speed:,.0f} forms/s (goal ≥ {SPEED:,}): {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
