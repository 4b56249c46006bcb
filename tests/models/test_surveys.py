"""The questionnaires as data, the answers' models, and the satisfaction shares — checked against
counts made here, straight from the sample workbooks with openpyxl."""

import datetime as dt
from pathlib import Path

import openpyxl
import pydantic
import pytest

from nastavnik_docs.io.register import load_register
from nastavnik_docs.io.surveys import load_answers
from nastavnik_docs.models import Register, Response, SurveyAnswers, forms_catalogue, satisfaction, survey_catalogue
from nastavnik_docs.models.register import Pair
from nastavnik_docs.models.surveys import Share, summary_rows

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "samples" / "register.xlsx"
SURVEYS = ROOT / "samples" / "surveys.xlsx"


@pytest.fixture(scope="module")
def roster():
    return load_register(REGISTER)


# --- the questionnaires ---------------------------------------------------------------------------


def test_two_questionnaires_with_scale_yes_no_and_open_questions():
    catalogue = survey_catalogue()
    assert set(catalogue.questionnaires) == {"mentor", "mentee"}
    assert (catalogue.low, catalogue.high) == (1, 10)
    for questionnaire in catalogue.questionnaires.values():
        kinds = [question.kind for _, question in questionnaire.numbered]
        assert kinds == sorted(kinds, key=["scale", "yes_no", "text"].index)  # scale first, as on paper
        assert {"scale", "yes_no", "text"} == set(kinds)
        assert [number for number, _ in questionnaire.numbered] == list(range(1, len(kinds) + 1))
        headers = [questionnaire.column_header(q) for q in questionnaire.scale]
        assert len(set(headers)) == len(headers)
        assert headers[0] == "1. Удовлетворённость в целом"


def test_satisfied_means_overall_seven_or_more():
    for questionnaire in survey_catalogue().questionnaires.values():
        rule = questionnaire.satisfied
        assert (rule.questions, rule.at_least) == (["overall"], 7)
        assert rule.verdict({"overall": 7}) is True
        assert rule.verdict({"overall": 6, "contact": 10}) is False
        assert rule.verdict({"contact": 10}) is None  # the question of the rule unanswered: not counted


def test_note_of_the_answers_sheet_says_the_scale_and_the_rule():
    assert (
        survey_catalogue()
        .note("mentee")
        .endswith(
            "Баллы — целые числа от 1 до 10. Если участник не сдал анкету, оставьте его строку без баллов. "
            "Удовлетворённым считается участник, поставивший по вопросу 1 оценку не ниже 7."
        )
    )


# --- answers ------------------------------------------------------------------------------------


def test_a_response_takes_scale_questions_of_its_role_on_the_scale():
    assert Response(code="Н-001", role="mentor", answers={"overall": 10, "growth": 1}).answers["growth"] == 1
    with pytest.raises(pydantic.ValidationError, match="нет вопросов по шкале с кодами help"):
        Response(code="Н-001", role="mentor", answers={"help": 5})  # a mentee's question
    with pytest.raises(pydantic.ValidationError, match="нет вопросов по шкале с кодами again"):
        Response(code="Н-001", role="mentor", answers={"again": 1})  # a yes/no question is not entered
    with pytest.raises(pydantic.ValidationError, match="оценка вне шкалы от 1 до 10"):
        Response(code="Н-001", role="mentor", answers={"overall": 11})


def test_answers_keep_roles_apart_and_one_response_per_participant():
    mentor = Response(code="Н-001", role="mentor", answers={"overall": 8})
    with pytest.raises(pydantic.ValidationError, match="анкета другой роли"):
        SurveyAnswers(mentees=[mentor])
    with pytest.raises(pydantic.ValidationError, match="две анкеты"):
        SurveyAnswers(mentors=[mentor, mentor])


# --- shares ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("respondents", "satisfied", "share"),
    [(3, 2, 66.7), (8, 7, 87.5), (400, 1, 0.3), (2000, 1, 0.1), (10, 10, 100.0), (5, 0, 0.0), (0, 0, None)],
)
def test_share_has_one_decimal_rounded_half_up(respondents, satisfied, share):
    # 1 of 400 is 0.25 %: Python's round() would give 0.2, the monitoring form's ROUND() gives 0.3
    assert Share(None, respondents, satisfied).share == share


def test_a_participant_counts_under_every_form_of_their_pairs(roster):
    mentor = roster.pairs[0].mentor
    first_form = roster.pairs[0].form
    other_form = next(form for form in forms_catalogue() if form != first_form)
    extra = Pair(
        code="999",
        mentor=mentor,
        mentees=[roster.pairs[1].mentees[0]],
        form=other_form,
        programme="Другая программа",
        start=dt.date(2027, 1, 10),
        end=dt.date(2027, 5, 20),
    )
    two_forms = roster.model_copy(update={"pairs": [*roster.pairs, extra]})
    answers = SurveyAnswers(
        mentors=[
            Response(code=mentor, role="mentor", answers={"overall": 9}),
            Response(code="Н-999", role="mentor", answers={"overall": 3}),  # not in the register: total only
            Response(code=roster.mentors[5].code, role="mentor", answers={"contact": 9}),  # no overall: not counted
        ]
    )
    before = satisfaction(SurveyAnswers(), roster).mentors.by_form
    result = satisfaction(answers, two_forms).mentors
    assert (result.total.participants, result.total.respondents, result.total.satisfied) == (len(roster.mentors), 2, 1)
    assert result.by_form[first_form].respondents == 1
    assert (
        result.by_form[other_form].participants == (before[other_form].participants if other_form in before else 0) + 1
    )
    assert result.by_form[other_form].respondents == 1
    assert result.by_form[other_form].share == 100.0
    assert list(result.by_form) == [form for form in forms_catalogue() if form in result.by_form]


def test_without_a_register_only_totals():
    answers = SurveyAnswers(mentees=[Response(code="У-001", role="mentee", answers={"overall": 7})])
    result = satisfaction(answers, Register())
    assert (result.mentees.total.participants, result.mentees.total.share, dict(result.mentees.by_form)) == (
        None,
        100.0,
        {},
    )
    assert result.mentors.total.share is None


def _sheet_rows(sheet):
    """Return the rows below the header row (the one starting with «Код участника») as dicts by header."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Код участника")
    headers = rows[start]
    return [dict(zip(headers, row, strict=False)) for row in rows[start + 1 :]]


def _counted_by_hand():
    """Return {(role, form title or None): (participants, respondents, satisfied)} from the sample files."""
    surveys = openpyxl.load_workbook(SURVEYS, read_only=True)
    register = openpyxl.load_workbook(REGISTER, read_only=True)
    pairs = list(register["Пары и группы"].iter_rows(values_only=True))
    header = pairs[1]
    mentor_col, mentees_col, form_col = (
        header.index(h) for h in ("Код наставника*", "Коды наставляемых*", "Форма наставничества*")
    )
    members = {"mentor": {}, "mentee": {}}  # code → forms
    for row in pairs[3:]:
        if row[mentor_col] is None:
            continue
        members["mentor"].setdefault(row[mentor_col], set()).add(row[form_col])
        for code in str(row[mentees_col]).replace(";", ",").split(","):
            members["mentee"].setdefault(code.strip(), set()).add(row[form_col])
    people = {
        "mentor": [r[0] for r in register["Наставники"].iter_rows(min_row=4, values_only=True) if r[0]],
        "mentee": [r[0] for r in register["Наставляемые"].iter_rows(min_row=4, values_only=True) if r[0]],
    }
    counts = {}
    for role, sheet in (("mentor", "Наставники"), ("mentee", "Наставляемые")):
        overall = {
            row["Код участника"]: row["1. Удовлетворённость в целом"]
            for row in _sheet_rows(surveys[sheet])
            if row["Код участника"] and row["1. Удовлетворённость в целом"] is not None
        }
        counts[(role, None)] = (len(people[role]), len(overall), sum(score >= 7 for score in overall.values()))
        for title in {form for forms in members[role].values() for form in forms}:
            group = [code for code, forms in members[role].items() if title in forms]
            answered = [overall[code] for code in group if code in overall]
            counts[(role, title)] = (len(group), len(answered), sum(score >= 7 for score in answered))
    return counts


def test_sample_shares_match_counts_made_from_the_files(roster):
    result = satisfaction(load_answers(SURVEYS, roster), roster)
    titles = {form_id: form.title for form_id, form in forms_catalogue().items()}
    computed = {}
    for role in ("mentor", "mentee"):
        part = result.of(role)
        computed[(role, None)] = (part.total.participants, part.total.respondents, part.total.satisfied)
        for form_id, share in part.by_form.items():
            computed[(role, titles[form_id])] = (share.participants, share.respondents, share.satisfied)
    by_hand = _counted_by_hand()
    assert computed == by_hand
    mentors, mentees = by_hand[("mentor", None)], by_hand[("mentee", None)]
    assert result.mentors.total.share == round(100 * mentors[2] / mentors[1], 1) == 87.5
    assert result.mentees.total.share == round(100 * mentees[2] / mentees[1], 1) == 79.8
    assert 0 < mentors[1] < mentors[0] and 0 < mentees[1] < mentees[0]  # some did not answer


def test_summary_rows_give_each_role_then_its_forms(roster):
    rows = summary_rows(satisfaction(load_answers(SURVEYS, roster), roster))
    assert rows[0][:2] == ("Наставники", "все формы")
    assert rows[0][2:] == (*_counted_by_hand()[("mentor", None)], 87.5)
    mentee_rows = [row for row in rows if row[0] == "Наставляемые"]
    assert mentee_rows[0][1] == "все формы"
    assert sum(row[2] for row in mentee_rows[1:]) == mentee_rows[0][2]  # each mentee in one pair in the sample
