"""Stage 6: the final monitoring form filled in from the data file, the register and the survey answers.

Every figure is checked against a count made here from the sample files themselves (the register
and the answers read with openpyxl, the data file with yaml), not through the package's readers.
"""

import datetime as dt
import io
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from nastavnik_docs.content import content_data
from nastavnik_docs.errors import InputError
from nastavnik_docs.produce import build_document, build_kit, load_kit_input, sample_input

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REPORT_DAY = dt.date(2026, 11, 20)


def sheet_rows(book, title, header_row=2, first=4):
    """Return the rows of a register sheet as dicts by header (without «*»)."""
    rows = list(book[title].iter_rows(values_only=True))
    headers = [str(h).rstrip("*") if h else h for h in rows[header_row - 1]]
    return [dict(zip(headers, row, strict=False)) for row in rows[first - 1 :] if row[0]]


@pytest.fixture(scope="module")
def by_hand():
    """Return the figures of the form counted from the sample files."""
    school = yaml.safe_load((SAMPLES / "school.yaml").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(SAMPLES / "register.xlsx", read_only=True)
    mentors = {r["Код"]: r for r in sheet_rows(book, "Наставники")}
    mentees = {r["Код"]: r for r in sheet_rows(book, "Наставляемые")}
    pairs = [r for r in sheet_rows(book, "Пары и группы") if r["Дата начала"].date() <= REPORT_DAY]
    partners = sheet_rows(book, "Партнёры")
    book.close()
    forms = defaultdict(lambda: defaultdict(set))
    counts = defaultdict(lambda: defaultdict(int))
    for pair in pairs:
        form = pair["Форма наставничества"]
        codes = [c.strip() for c in str(pair["Коды наставляемых"]).split(",")]
        forms[form]["mentors"].add(pair["Код наставника"])
        forms[form]["mentees"].update(codes)
        counts[form]["pairs"] += 1
        counts[form]["started"] += pair["Дата начала"].year == 2026
        ended = pair["Дата завершения"].date() if pair["Дата завершения"] else None
        if pair["Статус"] == "завершена" and (ended or pair["Дата окончания"].date()) <= REPORT_DAY:
            counts[form]["completed"] += 1
        if pair["Статус"] == "прекращена досрочно" and ended <= REPORT_DAY:
            counts[form]["terminated"] += 1
        counts[form]["best"] += pair["Лучшая практика"] == "да"

    def age(row):
        born = row["Дата рождения"].date()
        return REPORT_DAY.year - born.year - ((REPORT_DAY.month, REPORT_DAY.day) < (born.month, born.day))

    in_pairs = (
        {code for f in forms.values() for code in f["mentees"]},
        {code for f in forms.values() for code in f["mentors"]},
    )
    pupils = [age(mentees[c]) for c in in_pairs[0] if mentees[c]["Категория"] == "обучающийся"]
    surveys = openpyxl.load_workbook(SAMPLES / "surveys.xlsx", read_only=True)
    shares = {}
    for role, title in (("mentees", "Наставляемые"), ("mentors", "Наставники")):
        rows = list(surveys[title].iter_rows(values_only=True))
        start = next(i for i, row in enumerate(rows) if row[0] == "Код участника")
        column = rows[start].index("1. Удовлетворённость в целом")
        scores = [row[column] for row in rows[start + 1 :] if row[0] and row[column] is not None]
        shares[role] = (len(scores), sum(score >= 7 for score in scores))
    surveys.close()
    return {
        "school": school,
        "forms": {
            f: {"mentors": len(v["mentors"]), "mentees": len(v["mentees"]), **counts[f]} for f, v in forms.items()
        },
        "pupils": pupils,
        "mentor_pupils": [age(mentors[c]) for c in in_pairs[1] if mentors[c]["Категория"] == "обучающийся"],
        "mentee_teachers": sum(mentees[c]["Категория"] == "педагог" for c in in_pairs[0]),
        "mentor_categories": [mentors[c]["Категория"] for c in in_pairs[1]],
        "partners": [p["Краткое наименование"] for p in partners],
        "partners_giving": {mentors[c]["Место работы (учёбы)"] for c in in_pairs[1]}
        & {p["Краткое наименование"] for p in partners},
        "shares": shares,
        "best": sum(c["best"] for c in counts.values()),
    }


@pytest.fixture(scope="module")
def form():
    [item] = build_document("final-monitoring-form", sample_input("stage-6"))
    return openpyxl.load_workbook(io.BytesIO(item.data))


def cell(book, name):
    """Return the value of the cell a defined name points at."""
    [(title, coordinate)] = list(book.defined_names[name].destinations)
    return book[title][coordinate.replace("$", "")].value


def percent(part, whole):
    return float((Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_identity_version_and_hidden_service_sheet(form, by_hand):
    layout = content_data("final-monitoring.yaml")
    org = by_hand["school"]["organisation"]
    assert cell(form, "fm_form") == "final-monitoring-form" and cell(form, "fm_version") == layout["version"]
    assert cell(form, "fm_inn") == org["inn"] == cell(form, "fm_org_inn")
    assert form[layout["service_sheet"]].sheet_state == "hidden"
    assert cell(form, "fm_org_full_name") == org["full_name"]
    assert cell(form, "fm_org_year") == 2026
    assert cell(form, "fm_org_date").date() == REPORT_DAY
    assert (
        cell(form, "fm_org_curator") == "Черных Любовь Павловна, заместитель директора по учебно-воспитательной работе"
    )


def test_pairs_by_form_as_counted_from_the_register(form, by_hand):
    titles = {f["id"]: f["title"] for f in content_data("forms.yaml")}
    for form_id, title in titles.items():
        expected = by_hand["forms"].get(title, {})
        for column in ("mentors", "mentees", "pairs", "started", "completed", "terminated"):
            assert cell(form, f"fm_forms_{form_id.replace('-', '_')}_{column}") == expected.get(column, 0), (
                title,
                column,
            )
    assert sum(f.get("completed", 0) for f in by_hand["forms"].values()) == 3  # the sample has each status
    assert sum(f.get("terminated", 0) for f in by_hand["forms"].values()) == 4


def test_roles_and_age_groups(form, by_hand):
    pupils = by_hand["pupils"]
    assert cell(form, "fm_groups_mentees_under_10") == sum(a < 10 for a in pupils)
    assert cell(form, "fm_groups_mentees_10_14") == sum(10 <= a <= 14 for a in pupils)
    assert cell(form, "fm_groups_mentees_15_19") == sum(15 <= a <= 19 for a in pupils)
    assert cell(form, "fm_groups_mentees_teachers") == by_hand["mentee_teachers"]
    categories = by_hand["mentor_categories"]
    assert cell(form, "fm_groups_mentors_students") == categories.count("обучающийся")
    assert cell(form, "fm_groups_mentors_teachers") == categories.count("педагог")
    assert cell(form, "fm_groups_mentors_employees") == categories.count("работник предприятия")


def test_indicators_numerators_headcounts_and_plan(form, by_hand):
    headcount = by_hand["school"]["monitoring"]["headcount"]
    pupils = by_hand["pupils"]
    expected = {
        "mentees_10_19": (headcount["students_10_19"], sum(10 <= a <= 19 for a in pupils)),
        "mentors_15_19": (headcount["students_15_19"], sum(15 <= a <= 19 for a in by_hand["mentor_pupils"])),
        "young_teachers_mentees": (headcount["young_teachers"], by_hand["mentee_teachers"]),
        "partner_organisations": (len(by_hand["partners"]), len(by_hand["partners_giving"])),
        "mentees_satisfaction": by_hand["shares"]["mentees"],
        "mentors_satisfaction": by_hand["shares"]["mentors"],
    }
    plans = {
        item["id"].replace("-", "_"): item["base"] for item in content_data("indicators.yaml")
    }  # 2026 = the base year
    for key, (base, count) in expected.items():
        assert (cell(form, f"fm_indicators_{key}_base"), cell(form, f"fm_indicators_{key}_count")) == (base, count), key
        assert cell(form, f"fm_indicators_{key}_plan") == plans[key]
    row = form.defined_names["fm_indicators_mentees_10_19_count"].attr_text.split("$")[-1]
    assert form["Мониторинг"][f"E{row}"].value == f'=IF(OR(C{row}="",C{row}=0,D{row}=""),"",ROUND(D{row}/C{row}*100,1))'


def test_satisfaction_shares_in_the_total_row(form, by_hand):
    for role in ("mentees", "mentors"):
        respondents, satisfied = by_hand["shares"][role]
        assert cell(form, f"fm_forms_total_satisfied_{role}") == percent(satisfied, respondents)


def test_dissemination_held_by_the_date_and_partners(form, by_hand):
    events = [e for e in by_hand["school"]["events"] if dt.date.fromisoformat(str(e["date"])) <= REPORT_DAY]
    levels = {
        "школьный": "school",
        "муниципальный": "municipal",
        "региональный": "regional",
        "всероссийский": "federal",
        "международный": "international",
    }
    for level, key in levels.items():
        assert cell(form, f"fm_practice_events_{key}") == sum(e["level"] == level for e in events)
    assert len(events) < len(by_hand["school"]["events"])  # later events of the plan are not counted yet
    assert cell(form, "fm_practice_best_practices") == by_hand["best"] == 2
    assert cell(form, "fm_practice_partners") == len(by_hand["partners"])
    assert cell(form, "fm_practice_partners_with_mentors") == len(by_hand["partners_giving"])


def test_what_the_school_fills_stays_open_and_the_rest_is_protected(form):
    sheet = form["Мониторинг"]
    assert sheet.protection.sheet
    for name in ("fm_comments_difficulties", "fm_org_contact", "fm_indicators_mentees_10_19_base"):
        [(_, coordinate)] = list(form.defined_names[name].destinations)
        assert sheet[coordinate.replace("$", "")].protection.locked is False
    row = form.defined_names["fm_indicators_mentees_10_19_count"].attr_text.split("$")[-1]
    assert sheet[f"E{row}"].protection.locked is not False  # a formula cannot be overwritten
    assert cell(form, "fm_comments_difficulties") is None
    integer = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert integer and any(
        form.defined_names["fm_forms_student_student_pairs"].attr_text.split("!")[1].replace("$", "") in str(v.sqref)
        for v in integer
    )


def test_without_answers_the_shares_are_left_to_the_school():
    data = load_kit_input("stage-6", SAMPLES / "school.yaml", SAMPLES / "register.xlsx")
    [item] = build_document("final-monitoring-form", data)
    book = openpyxl.load_workbook(io.BytesIO(item.data))
    assert cell(book, "fm_forms_total_satisfied_mentees") is None
    assert cell(book, "fm_indicators_mentors_satisfaction_base") is None
    assert cell(book, "fm_forms_student_student_pairs") > 0


def test_kit_stage_6_holds_the_form_and_the_questionnaires():
    data = sample_input("stage-6")
    names = build_kit("stage-6", data).names()
    assert names[:2] == ["final-monitoring-form.xlsx", "survey-answers.xlsx"]
    assert sum(n.startswith("surveys/mentors/") for n in names) == len(data.roster.mentors) + 1  # and a blank
    assert sum(n.startswith("surveys/mentees/") for n in names) == len(data.roster.mentees) + 1


def test_answers_only_where_a_kit_takes_them():
    with pytest.raises(InputError, match="ответы анкетирования не нужны"):
        load_kit_input("stage-4", SAMPLES / "school.yaml", SAMPLES / "register.xlsx", SAMPLES / "surveys.xlsx")
