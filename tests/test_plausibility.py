"""Dates that must fit together: a year typed wrong is caught before it changes a document.

Each rule is tried on a small valid register (tests/registers.py) with one cell changed, read by
the real reader: the problem names the sheet, the row and the column (and, for a rule comparing
two cells, the other one), never the value. The data file's dates have the same range; its
problems name the field's path.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from registers import ROWS, TODAY, header, person_fields, title, write_register

from nastavnik_docs import build_kit
from nastavnik_docs.errors import NastavnikDocsWarning, ValidationError
from nastavnik_docs.io import load_data
from nastavnik_docs.io.register import load_register
from nastavnik_docs.models import SchoolData, SchoolRegister, TeachersData, validate

MENTEE = f"{title('mentees')}, строка 4"
MENTOR = f"{title('mentors')}, строка 4"
PAIR = f"{title('pairs')}, строка 4"
PARTNER = f"{title('partners')}, строка 4"


def read(tmp_path, changes):
    """Return (errors, warnings) of the small register with ``changes``; errors empty if it reads."""
    warnings: list = []
    try:
        load_register(write_register(tmp_path / "register.xlsx", changes), today=TODAY, warnings=warnings)
    except ValidationError as error:
        return error.problems, [str(w) for w in warnings]
    return [], [str(w) for w in warnings]


def cell(place: str, sheet: str, field: str) -> str:
    return f"{place}, «{header(sheet, field)}»: "


def test_the_small_register_is_plausible(tmp_path):
    assert read(tmp_path, {}) == ([], [])


# -- every date within 1900–2100 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "field", "place"),
    [
        ("mentees", "consent_date", MENTEE),
        ("mentors", "birth_date", MENTOR),
        ("pairs", "end", PAIR),
        ("pairs", "start", PAIR),
        ("partners", "term_end", PARTNER),
        ("mentees", "rep_document_issued_on", MENTEE),
    ],
)
def test_a_date_out_of_range_is_an_error_naming_the_cell(tmp_path, sheet, field, place):
    errors, _ = read(tmp_path, {(sheet, 0, field): dt.date(2200, 1, 1)})
    assert (
        cell(place, sheet, field) + "дата вне допустимого диапазона (01.01.1900 – 31.12.2100): проверьте год" in errors
    )
    assert not any("2200" in e for e in errors)


def test_a_pair_ending_in_2127_is_refused_and_the_kit_never_overflows(tmp_path):
    errors, _ = read(tmp_path, {("pairs", 0, "end"): dt.date(2127, 5, 31)})
    assert errors == [
        cell(PAIR, "pairs", "end") + "дата вне допустимого диапазона (01.01.1900 – 31.12.2100): проверьте год"
    ]


# -- consent -------------------------------------------------------------------------------------


def test_a_consent_dated_2200_no_longer_gives_a_13_year_old_the_adult_consent(tmp_path):
    thirteen = dt.date(2013, 6, 1)
    errors, _ = read(
        tmp_path, {("mentees", 0, "birth_date"): thirteen, ("mentees", 0, "consent_date"): dt.date(2200, 1, 1)}
    )
    assert cell(MENTEE, "mentees", "consent_date") + "дата вне допустимого диапазона" in errors[0]


def test_a_consent_before_birth_is_an_error_naming_both_cells(tmp_path):
    errors, _ = read(tmp_path, {("mentees", 0, "consent_date"): dt.date(1990, 9, 1)})
    assert errors == [
        cell(MENTEE, "mentees", "consent_date")
        + "дата согласия не позже даты рождения: проверьте год (см. «Дата рождения»)"
    ]


def test_a_consent_after_the_pair_ended_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("mentees", 0, "consent_date"): dt.date(2027, 9, 1)})
    assert errors == [
        cell(MENTEE, "mentees", "consent_date")
        + "согласие подписано после окончания пары (группы) — проверьте год "
        + "(см. «Дата окончания» на листе «Пары и группы», строка 4)"
    ]


def test_a_consent_within_a_month_of_the_start_is_silent(tmp_path):
    assert read(tmp_path, {("mentees", 0, "consent_date"): dt.date(2026, 10, 2)}) == ([], [])


def test_a_consent_signed_later_while_the_pair_works_is_a_warning_naming_both_cells(tmp_path):
    errors, warnings = read(tmp_path, {("mentees", 0, "consent_date"): dt.date(2026, 11, 10)})
    assert errors == []
    assert warnings == [
        cell(MENTEE, "mentees", "consent_date")
        + "согласие подписано больше чем через месяц после начала пары (группы): так бывает, если участник "
        + "присоединился позже или подписал согласие заново; иначе проверьте дату "
        + "(см. «Дата начала» на листе «Пары и группы», строка 4)"
    ]


def test_a_consent_more_than_a_year_before_the_start_is_a_warning(tmp_path):
    errors, warnings = read(tmp_path, {("mentees", 0, "consent_date"): dt.date(2025, 5, 1)})
    assert errors == []
    assert warnings == [
        cell(MENTEE, "mentees", "consent_date")
        + "согласие подписано больше чем за год до начала пары (группы) — проверьте год "
        + "(см. «Дата начала» на листе «Пары и группы», строка 4)"
    ]


def test_a_consent_of_someone_in_no_pair_more_than_a_year_ahead_is_an_error(tmp_path):
    spare = {**ROWS["mentors"][0], "code": "Н-002", "consent_date": dt.date(2028, 9, 1)}
    rows = {**ROWS, "mentors": [ROWS["mentors"][0], spare]}
    warnings: list = []
    with pytest.raises(ValidationError) as caught:
        load_register(write_register(tmp_path / "r.xlsx", rows=rows), today=TODAY, warnings=warnings)
    assert caught.value.problems == [
        f"{title('mentors')}, строка 5, «Дата согласия»: дата согласия больше чем через год — проверьте год"
    ]


def test_someone_born_after_their_pair_started_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("mentees", 0, "birth_date"): dt.date(2026, 10, 1)})
    assert (
        cell(MENTEE, "mentees", "birth_date") + "участник родился позже начала своей пары (группы): проверьте год "
        "рождения (см. «Дата начала» на листе «Пары и группы», строка 4)"
    ) in errors


# -- pairs and partners ----------------------------------------------------------------------------


def test_a_pair_lasting_more_than_three_years_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("pairs", 0, "end"): dt.date(2029, 9, 2)})
    assert errors == [
        cell(PAIR, "pairs", "end")
        + "пара (группа) длится больше 3 лет — проверьте год даты окончания (см. «Дата начала»)"
    ]
    assert read(tmp_path, {("pairs", 0, "end"): dt.date(2029, 9, 1)})[0] == []  # three years exactly


def test_a_pair_ending_before_it_starts_names_both_cells(tmp_path):
    errors, _ = read(tmp_path, {("pairs", 0, "end"): dt.date(2026, 6, 1)})
    assert cell(PAIR, "pairs", "end") + "дата окончания раньше даты начала (см. «Дата начала»)" in errors


def test_a_pair_starting_more_than_a_year_ahead_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("pairs", 0, "start"): dt.date(2028, 1, 10), ("pairs", 0, "end"): dt.date(2028, 5, 31)})
    assert cell(PAIR, "pairs", "start") + "пара (группа) начинается больше чем через год — проверьте год" in errors


def test_a_partner_agreement_ending_before_it_is_signed_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("partners", 0, "term_end"): dt.date(2025, 5, 31)})
    assert errors == [
        cell(PARTNER, "partners", "term_end") + "срок действия договора раньше даты договора (см. «Дата договора»)"
    ]


def test_a_partner_agreement_more_than_a_year_ahead_is_an_error(tmp_path):
    errors, _ = read(
        tmp_path, {("partners", 0, "date"): dt.date(2028, 8, 12), ("partners", 0, "term_end"): dt.date(2029, 5, 31)}
    )
    assert errors == [cell(PARTNER, "partners", "date") + "дата договора больше чем через год — проверьте год"]


# -- documents -----------------------------------------------------------------------------------


def test_a_document_issued_before_birth_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("mentees", 0, "document_issued_on"): dt.date(2010, 1, 1)})
    assert errors == [
        cell(MENTEE, "mentees", "document_issued_on")
        + "дата выдачи документа раньше даты рождения (см. «Дата рождения»)"
    ]


def test_a_document_issued_after_today_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("mentors", 0, "document_issued_on"): dt.date(2026, 12, 20)})
    assert errors == [cell(MENTOR, "mentors", "document_issued_on") + "дата выдачи документа в будущем"]


def test_a_document_issued_after_the_consent_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("mentees", 0, "document_issued_on"): dt.date(2026, 10, 1)})
    assert errors == [
        cell(MENTEE, "mentees", "document_issued_on")
        + "документ выдан позже даты согласия: согласие не может ссылаться на документ, которого ещё нет "
        + "(см. «Дата начала» на листе «Пары и группы», строка 4)"
    ]
    given, _ = read(
        tmp_path,
        {
            ("mentees", 0, "document_issued_on"): dt.date(2026, 9, 10),
            ("mentees", 0, "consent_date"): dt.date(2026, 9, 5),
        },
    )
    assert given[0].endswith("(см. «Дата согласия»)")


def test_a_representatives_document_issued_after_the_consent_is_an_error(tmp_path):
    errors, _ = read(tmp_path, {("mentees", 0, "rep_document_issued_on"): dt.date(2026, 10, 1)})
    assert errors == [
        cell(MENTEE, "mentees", "rep_document_issued_on")
        + "документ представителя выдан позже даты согласия: согласие не может ссылаться на документ, которого "
        + "ещё нет (см. «Дата начала» на листе «Пары и группы», строка 4)"
    ]


# -- ages a school can have ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "category", "birth", "expected", "warning"),
    [
        ("mentees", "обучающийся", dt.date(2022, 1, 10), "участнику 4 года на дату согласия — так не бывает", False),
        ("mentees", "обучающийся", dt.date(2021, 1, 10), "участнику 5 лет на дату согласия — необычно", True),
        ("mentees", "обучающийся", dt.date(2005, 1, 10), "участнику 21 год на дату согласия — необычно", True),
        ("mentees", "студент", dt.date(2012, 1, 10), "участнику 14 лет на дату согласия — необычно", True),
        ("mentors", "педагог", dt.date(2011, 1, 10), "участнику 15 лет на дату согласия — так не бывает", False),
        ("mentors", "педагог", dt.date(2009, 1, 10), "участнику 17 лет на дату согласия — необычно", True),
        ("mentors", "работник предприятия", dt.date(2010, 1, 10), "участнику 16 лет на дату согласия — необычно", True),
    ],
)
def test_ages_a_school_cannot_have_are_errors_and_unusual_ones_warnings(
    tmp_path, sheet, category, birth, expected, warning
):
    place = MENTEE if sheet == "mentees" else MENTOR
    changes = {(sheet, 0, "birth_date"): birth, (sheet, 0, "category"): category}
    if sheet == "mentors":  # a minor mentor needs a representative: not the rule under test
        changes |= {(sheet, 0, field): value for field, value in ROWS["mentees"][0].items() if field.startswith("rep_")}
    changes[(sheet, 0, "document_issued_on")] = birth + dt.timedelta(days=30)  # not the rule under test either
    errors, warnings = read(tmp_path, changes)
    found = warnings if warning else errors
    line = next(p for p in found if p.startswith(cell(place, sheet, "birth_date")))
    assert expected in line and f"«{category}»" in line and line.endswith("(см. «Категория»)")
    assert (errors == []) is warning


def test_a_category_typed_as_free_text_is_not_quoted(tmp_path):
    errors, _ = read(
        tmp_path,
        {
            ("mentees", 0, "birth_date"): dt.date(2022, 1, 10),
            ("mentees", 0, "category"): "Козлова Анна",
            ("mentees", 0, "document_issued_on"): dt.date(2022, 2, 1),
        },
    )
    assert any("так не бывает для этой категории" in e for e in errors)
    assert not any("Козлова" in e for e in errors)


# -- the same rules for a register given as data (the HTTP service) -----------------------------------


def test_a_register_given_as_data_names_the_paths_of_both_fields(school_raw):
    roster = {
        "mentors": [person_fields(ROWS["mentors"][0])],
        "mentees": [person_fields({**ROWS["mentees"][0], "consent_date": dt.date(1990, 9, 1)})],
        "pairs": [{**ROWS["pairs"][0], "mentees": ["У-001"], "form": "teacher-pupil"}],
    }
    with pytest.raises(ValidationError) as caught:
        validate({"school": school_raw, "roster": roster}, SchoolRegister)
    assert caught.value.problems == [
        "roster.mentees[0].consent_date: дата согласия не позже даты рождения: проверьте год "
        "(см. roster.mentees[0].birth_date)"
    ]


# -- the data file ---------------------------------------------------------------------------------


def test_an_order_dated_9999_is_an_error_naming_the_field(tmp_path, school_raw):
    school_raw["orders"]["introduce_model"]["date"] = "31.12.9999"
    path = tmp_path / "school.json"
    path.write_text(json.dumps(school_raw, default=str, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_data(path)
    assert caught.value.problems == [
        "orders.introduce_model.date: дата вне допустимого диапазона (01.01.1900 – 31.12.2100): проверьте год"
    ]
    assert "9999" not in str(caught.value).replace(str(path), "")


def test_a_deadline_dated_beyond_2100_is_an_error(school_raw):
    measure = {"content": "Совещание", "deadline": {"on": "01.01.2101"}, "responsible": ["director"]}
    school_raw["roadmap"] = {"sections": [{"title": "Организация", "rows": [measure]}]}
    with pytest.raises(ValidationError) as caught:
        validate(school_raw, SchoolData)
    assert any(p.startswith("roadmap.") and "дата вне допустимого диапазона" in p for p in caught.value.problems)


def test_the_latest_dates_allowed_still_make_every_kit_of_the_school(school_raw):
    """Dates at the end of the range: the bundled deadlines (months after the start) stay computable."""
    latest = dt.date(2100, 12, 31)
    school_raw["orders"]["management_team"]["date"] = latest
    school_raw["orders"]["introduce_model"]["date"] = latest
    school_raw["period"] = {"start_year": 2100, "end_year": 2100}
    for dated in ("schedule", "pairs_order", "programme", "correction"):  # the school year follows the orders
        school_raw.pop(dated, None)
    school_raw["monitoring"].pop("date", None)
    with pytest.warns(NastavnikDocsWarning, match="пары ещё не начали работу"):  # an order of 31 December
        school = validate(school_raw, SchoolData)
    for kit in ("stage-1", "stage-2", "stage-3"):
        assert build_kit(kit, school).files


def test_a_teacher_pair_of_the_data_file_has_the_registers_period_rule():
    raw = yaml_teachers()
    raw["pairs"][0]["end"] = "01.09.2126"
    raw["pairs"][0]["start"] = "01.09.2026"
    with pytest.raises(ValidationError) as caught:
        validate(raw, TeachersData)
    assert "pairs[0]: дата вне" not in str(caught.value)
    assert any(p.startswith("pairs[0].end: дата вне допустимого диапазона") for p in caught.value.problems)
    raw["pairs"][0]["end"] = "01.09.2030"
    with pytest.raises(ValidationError) as caught:
        validate(raw, TeachersData)
    assert caught.value.problems == ["pairs[0]: пара (группа) длится больше 3 лет — проверьте год даты окончания"]


def yaml_teachers() -> dict:
    import yaml
    from conftest import ROOT

    return yaml.safe_load((ROOT / "samples" / "teachers.yaml").read_text(encoding="utf-8"))
