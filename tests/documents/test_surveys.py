"""Stage 6 surveys read back: one questionnaire per participant named by the code and never by
the name, a blank one, and the answers workbook with its codes, lists and number checks."""

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from readback import docx_text, flat

from nastavnik_docs.io.register import load_register
from nastavnik_docs.io.sinks import MemorySink
from nastavnik_docs.io.surveys import load_answers
from nastavnik_docs.io.templates import read_template
from nastavnik_docs.models import SurveyRoster, survey_catalogue
from nastavnik_docs.produce import build_document, produce_documents
from nastavnik_docs.render.docx import prepare_docx, render_docx, render_docx_plain

ROOT = Path(__file__).resolve().parents[2]
JINJA_MARKS = ("{{", "{%", "}}", "%}")
WORDS = re.compile(r"[А-Яа-яЁё-]+")


@pytest.fixture(scope="module")
def roster():
    return load_register(ROOT / "samples" / "register.xlsx")


@pytest.fixture(scope="module")
def questionnaires(roster):
    """Return {file name: bytes} of both questionnaires made from the sample register."""
    data = SurveyRoster(roster=roster)
    return {
        item.name: item.data
        for document in ("survey-mentor", "survey-mentee")
        for item in build_document(document, data)
    }


def personal_words(roster):
    """Return every part of every name in the register: none may appear in a questionnaire."""
    words = set()
    for person in [*roster.mentors, *roster.mentees]:
        words |= set(person.name.split())
        if person.representative is not None:
            words |= set(person.representative.name.split())
    return words


def test_one_questionnaire_per_participant_named_by_the_code_and_a_blank(questionnaires, roster):
    mentors = sorted(name for name in questionnaires if name.startswith("surveys/mentors/"))
    mentees = sorted(name for name in questionnaires if name.startswith("surveys/mentees/"))
    assert mentors == sorted(
        ["surveys/mentors/бланк.docx", *(f"surveys/mentors/{m.code}.docx" for m in roster.mentors)]
    )
    assert mentees == sorted(
        ["surveys/mentees/бланк.docx", *(f"surveys/mentees/{m.code}.docx" for m in roster.mentees)]
    )
    assert len(questionnaires) == len(roster.mentors) + len(roster.mentees) + 2


def test_a_questionnaire_shows_the_code_and_the_questions_in_order(questionnaires, roster):
    code = roster.mentees[3].code
    lines = docx_text(questionnaires[f"surveys/mentees/{code}.docx"])
    text = "\n".join(lines)
    assert flat(lines[0]) == f"Код участника: {code}"  # «У-004»: a code keeps its plain hyphen
    assert lines[1:4] == ["АНКЕТА", "удовлетворённости участием в программе наставничества", "(для наставляемого)"]
    questionnaire = survey_catalogue().questionnaires["mentee"]
    positions = [text.index(question.text) for _, question in questionnaire.numbered]
    assert positions == sorted(positions)  # scale questions, then yes/no, then open ones, as numbered
    for number, question in questionnaire.numbered:
        assert f"{number}\n{question.text}" in text  # the number in its cell, the question in the next
    assert "Оцените по шкале от 1 до 10, где 1 — самая низкая оценка, 10 — самая высокая" in text
    assert not [line for line in lines if any(mark in line for mark in JINJA_MARKS)]


def test_the_scale_table_has_a_column_for_every_point_of_the_scale(questionnaires):
    document = docx.Document(io.BytesIO(questionnaires["surveys/mentors/бланк.docx"]))
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    catalogue = survey_catalogue()
    assert header == ["№", "Вопрос", *(str(point) for point in range(catalogue.low, catalogue.high + 1))]
    assert len(document.tables[0].rows) == 1 + len(catalogue.questionnaires["mentor"].scale)
    assert [cell.text for cell in document.tables[1].rows[0].cells] == [
        "№",
        "Вопрос (отметьте один ответ)",
        "да",
        "нет",
    ]


def test_the_blank_has_a_line_for_the_code(questionnaires):
    lines = docx_text(questionnaires["surveys/mentors/бланк.docx"])
    assert lines[0] == "Код участника: ________________"
    assert lines[3] == "(для наставника)"


def test_no_name_of_a_person_anywhere_in_a_questionnaire(questionnaires, roster):
    names = personal_words(roster)
    for file_name, data in questionnaires.items():
        assert not names & set(Path(file_name).stem.replace("_", " ").split())
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = " ".join(
                package.read(member).decode("utf-8") for member in package.namelist() if member.endswith(".xml")
            )
        assert names & set(WORDS.findall(xml)) == set(), file_name


def test_latin_file_names(roster):
    sink = MemorySink("surveys")
    with sink:
        produce_documents(("survey-mentor",), SurveyRoster(roster=roster), sink, latin=True)
    names = sink.kit.names()
    assert names[:2] == ["surveys/mentors/blank.docx", f"surveys/mentors/N-{roster.mentors[0].code[2:]}.docx"]


def test_without_a_register_only_the_blanks():
    assert [item.name for item in build_document("survey-mentor", {})] == ["surveys/mentors/бланк.docx"]
    assert [item.name for item in build_document("survey-mentee", {})] == ["surveys/mentees/бланк.docx"]


@pytest.mark.parametrize("document_id", ["survey-mentor", "survey-mentee"])
def test_questionnaire_renders_as_docxtpl_does_on_the_fast_path(document_id, roster):
    from nastavnik_docs.documents import get_document

    spec = get_document(document_id)
    name = spec.templates[0]
    source = read_template(name)
    assert prepare_docx(source, name=name).fast
    data = SurveyRoster(roster=roster)
    context = spec.build_context(data, {}, None)
    for _, own in list(spec.each(data))[:2]:  # the blank and the first participant
        merged = {**context, **own}
        assert docx_text(render_docx(source, merged, name=name)) == docx_text(
            render_docx_plain(source, merged, name=name)
        )


# --- the answers workbook ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(roster):
    [item] = build_document("survey-answers", SurveyRoster(roster=roster))
    assert item.name == "survey-answers.xlsx"
    return openpyxl.load_workbook(io.BytesIO(item.data))


def rules(sheet):
    return {(rule.type, str(rule.sqref)): rule for rule in sheet.data_validations.dataValidation}


@pytest.mark.parametrize(
    ("role", "title", "codes_column"), [("mentor", "Наставники", "A"), ("mentee", "Наставляемые", "B")]
)
def test_answers_sheet_lists_the_register_codes_with_validations(workbook, roster, role, title, codes_column):
    sheet = workbook[title]
    questionnaire = survey_catalogue().questionnaires[role]
    codes = [p.code for p in (roster.mentors if role == "mentor" else roster.mentees)]
    headers = [cell.value for cell in sheet[4]]
    assert headers == ["Код участника", *(questionnaire.column_header(q) for q in questionnaire.scale)]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert [row[0] for row in rows] == codes
    assert all(value is None for row in rows for value in row[1:])  # no answers yet
    last = 4 + len(codes)
    found = rules(sheet)
    code_list = found[("list", f"A5:A{last}")]
    assert code_list.formula1 == f"'Коды'!${codes_column}$2:${codes_column}${len(codes) + 1}"
    for column in "BCDEFGHI":
        score = found[("whole", f"{column}5:{column}{last}")]
        assert (score.operator, score.formula1, score.formula2) == ("between", "1", "10")
        assert score.error == "Введите целое число от 1 до 10."
    listed = [row[0 if role == "mentor" else 1] for row in workbook["Коды"].iter_rows(min_row=2, values_only=True)]
    assert [code for code in listed if code] == codes
    assert sheet.protection.sheet and workbook["Коды"].protection.sheet
    assert sheet["B4"].protection.locked and sheet["A1"].protection.locked  # headers protected
    assert not sheet["A5"].protection.locked and not sheet[f"I{last}"].protection.locked  # answers open
    assert sheet.freeze_panes == "B5"


def test_codes_sheet_is_hidden(workbook):
    assert workbook["Коды"].sheet_state == "hidden"
    assert workbook.sheetnames == ["Наставники", "Наставляемые", "Коды"]


def test_blank_answers_workbook_has_rows_to_fill_and_no_list_of_codes():
    [item] = build_document("survey-answers", {})
    book = openpyxl.load_workbook(io.BytesIO(item.data))
    blank = survey_catalogue().blank_rows
    for title in ("Наставники", "Наставляемые"):
        sheet = book[title]
        assert sheet.max_row == 4 + blank
        assert all(row[0] is None for row in sheet.iter_rows(min_row=5, values_only=True))
        kinds = {rule.type for rule in sheet.data_validations.dataValidation}
        assert kinds == {"whole"}
        assert all(str(rule.sqref).endswith(str(4 + blank)) for rule in sheet.data_validations.dataValidation)


def test_the_answers_workbook_reads_back_empty(tmp_path, roster):
    [item] = build_document("survey-answers", SurveyRoster(roster=roster))
    (tmp_path / "answers.xlsx").write_bytes(item.data)
    answers = load_answers(tmp_path / "answers.xlsx", roster)
    assert (answers.mentors, answers.mentees) == ([], [])
