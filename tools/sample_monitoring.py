"""Make samples/monitoring/: filled final monitoring forms of invented organisations, and bad files.

Thirty organisations of three invented municipalities report for 2026, each form rendered from the
real template (templates/xlsx/final-monitoring-form.xlsx) by the package's Excel renderer with
figures drawn from a fixed seed: most organisations meet their plan, a few are clearly behind it,
one held no survey, one lost many pairs early, so that the recommendations differ. Beside them lie
files the collection must set aside, one of each kind: a workbook that is not the form, a form of
another version, text where a number belongs, a total typed over its formula, contradicting
figures, the same organisation twice, a truncated (corrupt) form, a password-protected form (the
password is «nastavnik»), a letter in Word and one in plain text.

    python tools/sample_monitoring.py            # write samples/monitoring/
    python tools/sample_monitoring.py --check    # exit 1 if samples/monitoring/ differs from what this makes

Every run gives the same figures; workbooks are compared by their cells (tests/tools/test_templates.py).
The bench (bench/collect.py) makes its thousand forms with :func:`organisation` and :func:`form_bytes`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
import zipfile
from typing import Any

import docx
from office_package import FIXED_DATETIME, document_bytes, workbook_bytes
from openpyxl import Workbook, load_workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.xml.functions import fromstring, tostring
from template_files import ROOT, XLSX

from nastavnik_docs.archive import zip_bytes
from nastavnik_docs.content import content_data
from nastavnik_docs.render.xlsx import render_xlsx

TARGET = ROOT / "samples" / "monitoring"
TEMPLATE = XLSX / "final-monitoring-form.xlsx"
SEED = 14
YEAR = 2026
GOOD = 30
PASSWORD = "nastavnik"

Record = dict[str, Any]

# (folder, municipality, the genitive used in full names)
MUNICIPALITIES = [
    ("novoborsk", "город Новоборск", "города Новоборска"),
    ("zaozerny", "Заозёрный муниципальный район", "Заозёрного муниципального района"),
    ("klyuchevskoy", "Ключевской муниципальный округ", "Ключевского муниципального округа"),
]
VILLAGES = [
    "Заозёрная", "Берёзовская", "Ключевская", "Сосновская", "Озёрная", "Луговская", "Кедровая", "Полевая",
    "Дубравная", "Ольховская", "Рябиновая", "Светлая", "Родниковая", "Зареченская", "Солнечная", "Подгорная",
    "Каменская", "Лесная", "Малиновская", "Ясная", "Степная", "Вишнёвая", "Ракитная", "Кленовая",
]  # fmt: skip
SCHOOL_FORMS = ["student-student", "teacher-teacher", "student-pupil", "employer-pupil", "teacher-pupil"]
COLLEGE_FORMS = ["student-student-college", "teacher-teacher", "employer-student"]
STUDENT_FORMS = {"student-student", "student-pupil", "employer-pupil", "teacher-pupil"}
SURNAMES = ["Корнилова", "Дёмина", "Савельева", "Тихонова", "Гладких", "Руденко", "Власова", "Ершова", "Лаптева"]
NAMES = [("Ольга", "Викторовна"), ("Ирина", "Павловна"), ("Наталья", "Сергеевна"), ("Елена", "Юрьевна")]
PLANS = {  # the plan of the reporting year, % (a range the organisations' plans are drawn from)
    "mentees-10-19": (35, 55),
    "mentors-15-19": (8, 12),
    "young-teachers-mentees": (50, 70),
    "partner-organisations": (20, 30),
    "mentees-satisfaction": (75, 80),
    "mentors-satisfaction": (75, 80),
}


def inn(rng: random.Random) -> str:
    """Return an invented ten-digit ИНН of an organisation of the region «55», with a valid check digit."""
    digits = [5, 5, 0, rng.randint(1, 9), *(rng.randint(0, 9) for _ in range(5))]
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


def _identity(rng: random.Random, index: int, place: tuple[str, str, str]) -> Record:
    """Return the organisation's section 1: names, ИНН, municipality, date, curator, contact."""
    folder, municipality, genitive = place
    number = 2 + index * 3 % 40
    if folder == "novoborsk":
        kinds = [
            (
                "МБОУ «СОШ № {n}»",
                "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {n}»",
            ),
            ("МАОУ «Гимназия № {n}»", "Муниципальное автономное общеобразовательное учреждение «Гимназия № {n}»"),
            ("МБОУ «Лицей № {n}»", "Муниципальное бюджетное общеобразовательное учреждение «Лицей № {n}»"),
        ]
        short, full = kinds[index // 3 % 3]
        short, full = short.format(n=number), f"{full.format(n=number)} {genitive}"
    else:
        village = VILLAGES[(index - index // 3 - 1) % len(VILLAGES)]  # a village of its own for every organisation
        short = f"МКОУ «{village} СОШ»" if index % 4 else f"МБОУ «{village} СОШ № {number % 3 + 1}»"
        full = (
            f"Муниципальное казённое общеобразовательное учреждение «{village} средняя общеобразовательная школа» {genitive}"
            if index % 4
            else f"Муниципальное бюджетное общеобразовательное учреждение «{village} средняя общеобразовательная школа № {number % 3 + 1}» {genitive}"
        )
    surname, (first, middle) = rng.choice(SURNAMES), rng.choice(NAMES)
    return {
        "full_name": full,
        "short_name": short,
        "inn": inn(rng),
        "municipality": municipality,
        "year": YEAR,
        "date": dt.date(YEAR, 11, rng.randint(18, 25)),
        "curator": f"{surname} {first} {middle}, заместитель директора по учебно-воспитательной работе",
        "contact": f"+7 (3812) {rng.randint(20, 79)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}, school{index + 1}@edu55.example",
    }


def _college(rng: random.Random, index: int, place: tuple[str, str, str]) -> Record:
    _, municipality, genitive = place
    return {
        **_identity(rng, index, place),
        "full_name": f"Бюджетное профессиональное образовательное учреждение «Новоборский технологический колледж» {genitive}",
        "short_name": "БПОУ «Новоборский технологический колледж»",
        "municipality": municipality,
    }


def organisation(rng: random.Random, index: int, *, behind: bool = False, profile: str = "") -> tuple[Record, Record]:
    """Return (``org`` for the template, ``fm``: every value of the form) of an invented organisation.

    ``behind`` makes its involvement clearly lower than planned; ``profile`` adds a trait:
    ``no-survey``, ``early-ends``, ``no-partners``, ``college``.
    """
    place = MUNICIPALITIES[index % len(MUNICIPALITIES)]
    identity = _college(rng, index, place) if profile == "college" else _identity(rng, index, place)
    used = (
        COLLEGE_FORMS
        if profile == "college"
        else [f for f in SCHOOL_FORMS if f != "employer-pupil" or rng.random() < 0.85]
    )
    plan = {key: rng.randint(*bounds) for key, bounds in PLANS.items()}
    forms: dict[str, Record] = {}
    for form in content_data("forms.yaml"):
        row: Record = dict.fromkeys(
            (
                "mentors",
                "mentees",
                "pairs",
                "started",
                "completed",
                "terminated",
                "satisfied_mentees",
                "satisfied_mentors",
            ),
            0,
        )
        row["satisfied_mentees"] = row["satisfied_mentors"] = None
        if form["id"] in used:
            pairs = rng.randint(3, 6) if form["id"] == "teacher-teacher" else rng.randint(6, 24)
            if behind:
                pairs = max(2, pairs // 3)
            row["pairs"] = pairs
            row["mentees"] = pairs + rng.randint(0, pairs // 3)
            row["mentors"] = pairs - rng.randint(0, pairs // 5)
            row["started"] = rng.randint(pairs // 2, pairs)
            row["terminated"] = (
                rng.randint(pairs // 3, pairs // 2) if profile == "early-ends" else rng.randint(0, pairs // 8)
            )
            row["completed"] = rng.randint(0, (pairs - row["terminated"]) // 3)
            if profile != "no-survey":
                row["satisfied_mentees"] = round(rng.uniform(72, 97), 1)
                row["satisfied_mentors"] = round(rng.uniform(75, 98), 1)
        forms[form["id"]] = row
    students = sum(
        row["mentees"]
        for key, row in forms.items()
        if key in STUDENT_FORMS | {"student-student-college", "employer-student"}
    )
    if profile == "college":
        groups = {"mentees_under_10": 0, "mentees_10_14": 0, "mentees_15_19": students * 4 // 5}
        groups["mentees_other"] = students - groups["mentees_15_19"]
    else:
        young = students // 10
        older = students * 2 // 5
        groups = {
            "mentees_under_10": young,
            "mentees_10_14": students - young - older,
            "mentees_15_19": older,
            "mentees_other": 0,
        }
    groups["mentees_teachers"] = forms["teacher-teacher"]["mentees"]
    peers = forms["student-student"]["mentors"] + forms["student-student-college"]["mentors"]
    groups["mentors_students"] = peers
    groups["mentors_teachers"] = forms["teacher-teacher"]["mentors"] + forms["teacher-pupil"]["mentors"]
    groups["mentors_employees"] = forms["employer-pupil"]["mentors"] + forms["employer-student"]["mentors"]
    groups["mentors_other"] = forms["student-pupil"]["mentors"]
    groups = {field["id"]: groups[field["id"]] for field in _section("groups")["fields"]}
    involved = groups["mentees_10_14"] + groups["mentees_15_19"]
    share = plan["mentees-10-19"] * (rng.uniform(0.4, 0.7) if behind else rng.uniform(0.95, 1.3))
    partners = 0 if profile == "no-partners" else rng.randint(2, 7)
    giving = min(partners, rng.randint(1, 3)) if groups["mentors_employees"] else 0
    respondents = {role: sum(row[role] for row in forms.values()) for role in ("mentees", "mentors")}
    indicators: dict[str, Record] = {
        "mentees-10-19": {"base": max(involved, round(involved * 100 / share)), "count": involved},
        "mentors-15-19": {"base": max(peers, round(involved * 100 / share * 0.45)), "count": peers // 2},
        "young-teachers-mentees": {
            "base": groups["mentees_teachers"] + (rng.randint(2, 5) if behind else rng.randint(0, 1))
        },
        "partner-organisations": {"base": partners or None, "count": giving if partners else None},
    }
    indicators["young-teachers-mentees"]["count"] = groups["mentees_teachers"]
    for key, role in (("mentees-satisfaction", "mentees"), ("mentors-satisfaction", "mentors")):
        if profile == "no-survey":
            indicators[key] = {"base": None, "count": None}
        else:
            asked = respondents[role] - rng.randint(0, respondents[role] // 6)
            indicators[key] = {"base": asked, "count": round(asked * rng.uniform(0.78, 0.95))}
    for key, row in indicators.items():
        row["plan"] = plan[key]
    satisfaction = {
        f"satisfied_{role}": round(
            indicators[f"{role}-satisfaction"]["count"] * 100 / indicators[f"{role}-satisfaction"]["base"], 1
        )
        if indicators[f"{role}-satisfaction"]["base"]
        else None
        for role in ("mentees", "mentors")
    }
    practice = {
        "events_school": rng.randint(2, 8),
        "events_municipal": 0 if behind else rng.randint(0, 3),
        "events_regional": 0 if behind else rng.randint(0, 1),
        "events_federal": 0,
        "events_international": 0,
        "best_practices": 0 if behind else rng.randint(0, 3),
        "partners": partners,
        "partners_with_mentors": giving,
    }
    comments = {
        "difficulties": "Недостаточно наставников из числа обучающихся старших классов." if behind else None,
        "proposals": None,
    }
    fm = {
        "org": identity,
        "forms": forms,
        "forms_total": satisfaction,
        "groups": groups,
        "indicators": indicators,
        "practice": practice,
        "comments": comments,
    }
    return {"full_name": identity["full_name"], "short_name": identity["short_name"]}, fm


def _section(section_id: str) -> Record:
    return next(s for s in content_data("final-monitoring.yaml")["sections"] if s["id"] == section_id)


def _fixed_times(data: bytes) -> bytes:
    """Return a workbook's bytes with its members and its «created»/«modified» at the fixed time."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = {name: package.read(name) for name in package.namelist()}
    properties = DocumentProperties.from_tree(fromstring(members["docProps/core.xml"]))
    properties.created = properties.modified = FIXED_DATETIME
    members["docProps/core.xml"] = tostring(properties.to_tree())
    return zip_bytes(members)


def form_bytes(org: Record, fm: Record) -> bytes:
    """Return the filled form rendered from the real template, as the stage-6 kit renders it."""
    return _fixed_times(render_xlsx(TEMPLATE.read_bytes(), {"org": org, "fm": fm}, name=TEMPLATE.name))


def _edited(data: bytes, changes: dict[str, Any]) -> bytes:
    """Return the form with the cells of the given defined names set to the given values (as a school would type)."""
    book = load_workbook(io.BytesIO(data))
    for name, value in changes.items():
        [(title, coordinate)] = list(book.defined_names[name].destinations)
        book[title][coordinate.replace("$", "")].value = value
    return workbook_bytes(book)


def _not_the_form() -> bytes:
    """Return a workbook a school might send instead: a list of events, no form inside."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Мероприятия"
    for row in (["№", "Мероприятие", "Дата"], [1, "Школьный фестиваль наставников", "15.10.2026"]):
        sheet.append(row)
    return workbook_bytes(book)


def _letter() -> bytes:
    """Return a covering letter in Word: a package, but not a workbook."""
    document = docx.Document()
    document.add_paragraph(
        "Направляем форму итогового мониторинга реализации целевой модели наставничества за 2026 год."
    )
    return document_bytes(document)


def _encrypted(data: bytes) -> bytes:
    """Return the workbook protected by the password «nastavnik» (Excel's «Зашифровать с использованием пароля»)."""
    import msoffcrypto.format.ooxml  # tools and tests only: pip install -e '.[dev]'

    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)).encrypt(PASSWORD, encrypted)
    return encrypted.getvalue()


def files() -> dict[str, bytes]:
    """Return every file of samples/monitoring/ by its path there (the password-protected one encrypted anew)."""
    rng = random.Random(SEED)
    made: dict[str, bytes] = {}
    behind = {4, 11, 17, 23, 28}
    profiles = {7: "no-survey", 13: "early-ends", 20: "no-partners", 0: "college"}
    good: dict[int, bytes] = {}
    for index in range(GOOD):
        org, fm = organisation(rng, index, behind=index in behind, profile=profiles.get(index, ""))
        folder = MUNICIPALITIES[index % len(MUNICIPALITIES)][0]
        good[index] = form_bytes(org, fm)
        made[f"{folder}/forma-{index + 1:02d}.xlsx"] = good[index]
    bad = [organisation(rng, GOOD + index) for index in range(6)]
    forms = [form_bytes(org, fm) for org, fm in bad]
    made["novoborsk/forma-2025.xlsx"] = _edited(forms[0], {"fm_version": "2025.1"})
    made["zaozerny/forma-s-tekstom.xlsx"] = _edited(
        forms[1],
        {"fm_forms_student_student_mentors": "около двадцати", "fm_forms_teacher_pupil_satisfied_mentees": 120},
    )
    made["klyuchevskoy/forma-itog-vpisan.xlsx"] = _edited(forms[2], {"fm_forms_total_pairs": 7})
    made["novoborsk/forma-protivorechie.xlsx"] = _edited(forms[3], {"fm_forms_teacher_teacher_started": 40})
    made["zaozerny/forma-oborvana.xlsx"] = forms[4][: len(forms[4]) // 2]
    made["klyuchevskoy/forma-s-parolem.xlsx"] = _encrypted(forms[5])
    made["novoborsk/povtorno/forma-04.xlsx"] = good[3]  # novoborsk/forma-04.xlsx sent again (sorted after it)
    made["zaozerny/meropriyatiya.xlsx"] = _not_the_form()
    made["zaozerny/soprovoditelnoe-pismo.docx"] = _letter()
    made["klyuchevskoy/soprovoditelnoe-pismo.txt"] = "Форма мониторинга будет направлена дополнительно.\n".encode()
    return made


def decrypted(data: bytes) -> bytes:
    """Return the password-protected sample opened with its password (for the comparison of tests)."""
    import msoffcrypto

    opened = msoffcrypto.OfficeFile(io.BytesIO(data))
    opened.load_key(password=PASSWORD)
    plain = io.BytesIO()
    opened.decrypt(plain)
    return plain.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write samples/monitoring/ (or with ``--check`` only say whether it is what this script makes)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    made = files()
    if args.check:
        on_disk = {p.relative_to(TARGET).as_posix() for p in TARGET.rglob("*") if p.is_file()}
        return 0 if on_disk == set(made) else 1
    for old in sorted(TARGET.rglob("*"), reverse=True):
        if old.is_file():
            old.unlink()
        elif old.is_dir():
            old.rmdir()
    for name, data in made.items():
        path = TARGET / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(made)} files to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
