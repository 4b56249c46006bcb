"""Make a region folder: one folder per invented organisation, each with its data file and its register.

Every organisation is the sample school (samples/school.yaml) renamed — its own name, ИНН, director,
curator and web address — with a register of its own invented people (the sample register's
generator with the organisation's seed, cut to ``--pairs`` pairs). The last organisation is
deliberately bad: a birth date in its register is text, so its kit fails and the others must not.

    python tools/sample_region.py REGION [--organisations 21] [--pairs 6] [--no-bad]

The test of the region jobs (tests/region/) and bench/region.py make their regions with :func:`make_region`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import sample_register
import yaml
from office_package import workbook_bytes
from sample_monitoring import MUNICIPALITIES, VILLAGES, inn
from template_files import ROOT

SCHOOL = ROOT / "samples" / "school.yaml"
BAD_CELL = "тридцатое мая"
"""What the bad organisation's register holds where a mentee's birth date belongs."""

Record = dict[str, Any]


def _names(index: int) -> tuple[str, str, str]:
    """Return the short name, the full name and the folder of organisation ``index`` (from 1)."""
    folder, _, genitive = MUNICIPALITIES[index % len(MUNICIPALITIES)]
    if folder == "novoborsk":
        number = 10 + index
        return (
            f"МБОУ «СОШ № {number}»",
            f"Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {number}» "
            f"{genitive}",
            folder,
        )
    village = VILLAGES[index % len(VILLAGES)]
    return (
        f"МКОУ «{village} СОШ № {index}»",
        f"Муниципальное казённое общеобразовательное учреждение «{village} средняя общеобразовательная школа "
        f"№ {index}» {genitive}",
        folder,
    )


def school(index: int) -> Record:
    """Return the data file of organisation ``index``: the sample school under another name and other heads."""
    data = yaml.safe_load(SCHOOL.read_text(encoding="utf-8"))
    rng = random.Random(f"region-{index}")
    people = sample_register.People(seed=1000 + index)
    director = people.person(female=rng.random() < 0.6, born=people.birth(50))
    curator = people.person(female=rng.random() < 0.8, born=people.birth(42))
    old = {data["organisation"]["director"]["name"]: director, data["curator"]["name"]: curator}
    short, full, _ = _names(index)
    organisation = data["organisation"]
    organisation.update(short_name=short, full_name=full, inn=inn(rng), municipality=MUNICIPALITIES[index % 3][1])
    site = f"school{index}.edu55.example"
    organisation.update(email=f"info@{site}", website=f"https://{site}")
    data["website"]["url"] = f"https://{site}/nastavnichestvo"
    for person in [organisation["director"], data["curator"], *data["team"]]:
        if person["name"] in old:
            new = old[person["name"]]
            person["name"] = f"{new['last']} {new['first']} {new['middle']}"
    data.pop("best_practices", None)  # its story names a pair of the sample register
    return data


def register(index: int, pairs: int, *, bad: bool = False) -> bytes:
    """Return the register of organisation ``index``: ``pairs`` pairs of its own people, every form of mentorship."""
    mentors, mentees, all_pairs, partners = sample_register.records(seed=2000 + index)
    step = max(1, len(all_pairs) // pairs)
    kept = all_pairs[::step][:pairs]
    codes = {pair["mentor"] for pair in kept} | {
        code.strip() for pair in kept for code in pair["mentees"].split(",") if code.strip()
    }
    kept_mentors = [m for m in mentors if m["code"] in codes]
    kept_mentees = [m for m in mentees if m["code"] in codes]
    if bad:
        kept_mentees[0] = {**kept_mentees[0], "birth_date": BAD_CELL}
    return workbook_bytes(sample_register.workbook(rows=(kept_mentors, kept_mentees, kept, partners)))


def make_region(folder: Path, organisations: int = 21, pairs: int = 6, *, bad: bool = True) -> list[str]:
    """Write ``organisations`` organisation folders into ``folder`` (the last one bad if ``bad``); return their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index in range(1, organisations + 1):
        _, _, place = _names(index)
        name = f"{index:03d}-{place}"
        target = folder / name
        target.mkdir(exist_ok=True)
        text = yaml.safe_dump(school(index), allow_unicode=True, sort_keys=False, width=1000)
        (target / "data.yaml").write_text(text, encoding="utf-8")
        (target / "register.xlsx").write_bytes(register(index, pairs, bad=bad and index == organisations))
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    """Write the region folder and say what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--organisations", type=int, default=21)
    parser.add_argument("--pairs", type=int, default=6, help="pairs in each register (82 at most)")
    parser.add_argument("--no-bad", action="store_true", help="no deliberately bad organisation")
    args = parser.parse_args(argv)
    names = make_region(args.folder, args.organisations, args.pairs, bad=not args.no_bad)
    print(f"wrote {len(names)} organisations to {args.folder}" + ("" if args.no_bad else f" ({names[-1]} is bad)"))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
