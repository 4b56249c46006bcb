"""Build the evaluation sets of bench/names.py from public name lists and a public dictionary.

The names are the nominatives that public lists of people carry: the ``russiannames`` package
(first names, patronymics and surnames counted over lists of real people, with their gender),
Faker's and Mimesis's Russian person data. The case forms are those of the OpenCorpora
dictionary shipped as ``pymorphy3-dicts-ru``: every lexeme tagged as a surname, first name or
patronymic whose nominative is the listed name in the listed gender gives its five oblique
forms; a name whose lexemes disagree on a form, or that the dictionary spells with «ё» where the
list does not, is left out. Where the dictionary and the petrovich rules disagree, the form was
checked by hand against the norms: ``names-verdicts.tsv`` holds each verdict (a corrected form, or
«-» to leave out a form, or a name, whose norm is disputed; a form left out is an empty cell). Nothing here comes from the project's engine.

The names are then split in two by a hash of the dictionary lemma (so «Иванов», «Иванова» and
their forms fall on the same side): ``names-tune.tsv`` is the half one may look at while
changing the engine or its data, ``names-heldout.tsv`` the half that is only measured. A name of
the hand-made list ``names.tsv`` (which the engine is tuned on) never goes to the held-out half.

    pip install duckdb faker mimesis russiannames   # the public lists (not project dependencies)
    python tools/name_evaluation_set.py             # rewrite bench/data/names-{tune,heldout}.tsv
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pymorphy3

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"
CASES = ("genitive", "dative", "accusative", "instrumental", "prepositional")
GRAMMEMES = {
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "prepositional": "loct",
}
TAGS = {"last": "Surn", "first": "Name", "middle": "Patr"}
GENDERS = {"male": "masc", "female": "femn"}
WORD = re.compile(r"[А-ЯЁ][а-яё]+")
MIN_PEOPLE = 3  # a name of russiannames must be borne by at least this many people of its lists
HEADER = (
    "# {title}: built by tools/name_evaluation_set.py — names from public lists of people (russiannames,\n"
    "# Faker and Mimesis ru data), case forms from the OpenCorpora dictionary (pymorphy3-dicts-ru). The\n"
    "# note column names the lists a name comes from. {rule}\n"
)


def listed_names() -> Iterator[tuple[str, str, str, str]]:
    """Yield (part, gender, nominative, source) from every public list installed."""
    yield from _russiannames()
    yield from _faker()
    yield from _mimesis()


def _russiannames() -> Iterator[tuple[str, str, str, str]]:
    import duckdb

    folder = resources.files("russiannames") / "data"
    for part, table in (("first", "names"), ("middle", "midnames"), ("last", "surnames")):
        path = str(folder / f"{table}.parquet")
        query = f"select text, gender from read_parquet(?) where count >= {MIN_PEOPLE} and gender in ('m', 'f')"
        for text, gender in duckdb.execute(query, [path]).fetchall():
            yield part, "male" if gender == "m" else "female", text, "russiannames"


def _faker() -> Iterator[tuple[str, str, str, str]]:
    provider = importlib.import_module("faker.providers.person.ru_RU").Provider
    lists = {
        ("first", "male"): provider.first_names_male,
        ("first", "female"): provider.first_names_female,
        ("middle", "male"): provider.middle_names_male,
        ("middle", "female"): provider.middle_names_female,
        ("last", "male"): provider.last_names_male,
        ("last", "female"): provider.last_names_female,
    }
    for (part, gender), names in lists.items():
        for text in names:
            yield part, gender, text, "faker"


def _mimesis() -> Iterator[tuple[str, str, str, str]]:
    folder = resources.files("mimesis") / "datasets" / "ru" / "person.json"
    data = json.loads(folder.read_text(encoding="utf-8"))
    for key, part in (("names", "first"), ("surnames", "last"), ("patronymic", "middle")):
        for gender in ("male", "female"):
            for text in data[key][gender]:
                yield part, gender, text, "mimesis"


def dictionary_forms(morph: pymorphy3.MorphAnalyzer, part: str, gender: str, word: str) -> tuple[str, list[str]] | None:
    """Return (lemma, the five oblique forms) of ``word`` from the dictionary, or ``None`` if unknown or ambiguous."""
    found: dict[str, set[str]] = {case: set() for case in CASES}
    lemmas = set()
    for parse in morph.parse(word.lower()):
        tag = parse.tag
        if TAGS[part] not in tag or tag.case != "nomn" or tag.number == "plur" or not parse.is_known:
            continue
        common = "ms-f" in tag  # one lexeme for both genders: Черных, Шевченко, Саша
        if not common and tag.gender != GENDERS[gender]:
            continue
        agree = {"sing"} | (set() if common else {GENDERS[gender]})
        nominative = parse.inflect(agree | {"nomn"})
        if nominative is None or nominative.word.replace("ё", "е") != word.lower().replace("ё", "е"):
            continue
        if "ё" in nominative.word and "ё" not in word.lower():
            return None  # the list wrote «е» for the dictionary's «ё»: which spelling is meant is unknown
        for case in CASES:
            form = parse.inflect(agree | {GRAMMEMES[case]})
            if form is None:
                return None
            found[case].add(form.word)
        lemmas.add(parse.normal_form)
    if not lemmas or any(len(forms) != 1 for forms in found.values()):
        return None
    return min(lemmas), [_capitalised(next(iter(found[case]))) for case in CASES]


def _capitalised(form: str) -> str:
    return "-".join(piece[:1].upper() + piece[1:] for piece in form.split("-"))


def tuning_names() -> set[str]:
    """Return the lower-case nominatives of the hand-made list, which stay out of the held-out half."""
    with (DATA / "names.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["nominative"].lower() for row in rows}


def verdicts() -> dict[tuple[str, str, str], dict[str, str]]:
    """Return the verdicts of names-verdicts.tsv: (part, gender, nominative) → case → form (``-``: drop the name)."""
    with (DATA / "names-verdicts.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        found: dict[tuple[str, str, str], dict[str, str]] = {}
        for row in rows:
            found.setdefault((row["part"], row["gender"], row["nominative"]), {})[row["case"]] = row["form"]
        return found


def held_out(lemma: str) -> bool:
    """Return whether a lemma falls in the held-out half (a stable hash, the same on every machine)."""
    return hashlib.sha256(lemma.encode("utf-8")).digest()[0] % 2 == 0


def main(argv: list[str] | None = None) -> int:
    """Write bench/data/names-tune.tsv and bench/data/names-heldout.tsv; print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    morph = pymorphy3.MorphAnalyzer()
    sources: dict[tuple[str, str, str], set[str]] = {}
    for part, gender, text, source in listed_names():
        text = text.strip()
        if WORD.fullmatch(text):
            sources.setdefault((part, gender, text), set()).add(source)
    tuned = tuning_names()
    judged = verdicts()
    halves: dict[str, list[list[str]]] = {"tune": [], "heldout": []}
    for (part, gender, text), found_in in sorted(sources.items()):
        gold = dictionary_forms(morph, part, gender, text)
        if gold is None:
            continue
        lemma, forms = gold
        verdict = judged.get((part, gender, text), {})
        if "-" in verdict:
            continue
        forms = [verdict.get(case, form).replace("-", "") for case, form in zip(CASES, forms, strict=True)]
        half = "heldout" if held_out(lemma) and text.lower() not in tuned else "tune"
        halves[half].append([part, gender, text, *forms, ",".join(sorted(found_in))])
    rules = {
        "tune": "The half that may be looked at while tuning the engine.",
        "heldout": "The held-out half: measured, never looked at while tuning.",
    }
    for half, rows in halves.items():
        path = DATA / f"names-{half}.tsv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(HEADER.format(title=f"names-{half}.tsv", rule=rules[half]))
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["part", "gender", "nominative", *CASES, "note"])
            writer.writerows(rows)
        parts = {p: sum(1 for r in rows if r[0] == p) for p in TAGS}
        print(f"{path.name}: {len(rows)} names ({parts}), {len(rows) * len(CASES)} forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
