"""Evaluate the name-declension engine on the hand-made list in bench/data/names.tsv.

Prints accuracy per case and per part, the failures, and throughput (inflections per second,
with the engine's caches cleared, i.e. every inflection computed). With ``--compare`` it also
runs the candidate engines (pytrovich and petrovich used directly, pymorphy3) on the same list,
so the choice of engine is backed by figures from one run.

    python bench/names.py [--compare] [--show-failures N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from nastavnik_docs.ru import Case, PersonName, _declension

DATA = Path(__file__).with_name("data") / "names.tsv"
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
    engine: Engine, rows: list[dict[str, str]], *, clear: Callable[[], None] | None, seconds: float = 1.0
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


def report(title: str, engine: Engine, rows: list[dict[str, str]], *, clear=None, show: int = 0) -> float:
    correct, total, failures = evaluate(engine, rows)
    all_right, all_total = sum(correct.values()), sum(total.values())
    accuracy = 100 * all_right / all_total
    print(f"\n== {title}: {all_right}/{all_total} forms correct = {accuracy:.2f} %")
    print(
        "   per part:  "
        + "  ".join(
            f"{part} {100 * sum(v for (p, _), v in correct.items() if p == part) / max(1, sum(v for (p, _), v in total.items() if p == part)):.2f} %"
            for part in ("last", "first", "middle")
        )
    )
    print(
        "   per case:  "
        + "  ".join(
            f"{case.value} {100 * sum(v for (_, c), v in correct.items() if c is case) / max(1, sum(v for (_, c), v in total.items() if c is case)):.2f} %"
            for case in OBLIQUE
        )
    )
    speed = throughput(engine, rows, clear=clear)
    print(f"   throughput: {speed:,.0f} inflections/s" + (" (caches cleared every pass)" if clear else ""))
    for line in failures[:show]:
        print("   ✗ " + line)
    if len(failures) > show:
        print(f"   … {len(failures) - show} more failures (use --show-failures)")
    return accuracy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also evaluate the candidate engines")
    parser.add_argument("--show-failures", type=int, default=20, metavar="N")
    args = parser.parse_args(argv)
    rows = load_rows()
    parts = Counter(r["part"] for r in rows)
    print(f"Reference list: {DATA.relative_to(Path.cwd()) if DATA.is_relative_to(Path.cwd()) else DATA}")
    print(
        f"{len(rows)} names ({parts['last']} surnames, {parts['first']} first names, "
        f"{parts['middle']} patronymics) × {len(OBLIQUE)} oblique cases = {len(rows) * len(OBLIQUE)} forms"
    )
    accuracy = report(
        "nastavnik_docs (pytrovich rules + project data)", ours, rows, clear=_clear_caches, show=args.show_failures
    )
    right, total = gender_detection(rows)
    print(f"   gender from a first name or patronymic alone: {right}/{total} = {100 * right / total:.2f} %")
    if args.compare:
        for title, factory in (
            ("pytrovich 0.2 alone", make_pytrovich),
            ("petrovich (damirazo) alone", make_petrovich),
            ("pymorphy3 + OpenCorpora", make_pymorphy3),
        ):
            try:
                engine = factory()
            except ImportError as error:
                print(f"\n== {title}: not installed ({error.name})")
                continue
            report(title, engine, rows, show=0)
    return 0 if accuracy >= 99.5 else 1


if __name__ == "__main__":
    sys.exit(main())
