"""The ``surveys`` commands: the answers workbook written from the register, the shares printed and
written, bad answers listed with exit code 2 and nothing written."""

import re
from pathlib import Path

import openpyxl
import pytest
from command import run

ROOT = Path(__file__).resolve().parents[1]
REGISTER = str(ROOT / "samples" / "register.xlsx")
SURVEYS = str(ROOT / "samples" / "surveys.xlsx")


def overall_by_hand(sheet):
    """Return (respondents, satisfied) of a sheet of the sample, read straight with openpyxl."""
    book = openpyxl.load_workbook(SURVEYS, read_only=True)
    scores = [row[1] for row in book[sheet].iter_rows(min_row=5, values_only=True) if row[1] is not None]
    return len(scores), sum(score >= 7 for score in scores)


def test_template_with_the_register_lists_its_codes_and_keeps_existing_files(monkeypatch, capsys, tmp_path):
    target = tmp_path / "answers.xlsx"
    code, out, err = run(monkeypatch, capsys, "surveys", "template", "-o", str(target), "--register", REGISTER)
    assert (code, err) == (0, "")
    assert out == f"Записана книга ответов: {target} (наставников 82, наставляемых 146).\n"
    book = openpyxl.load_workbook(target)
    assert book["Наставники"]["A5"].value == "Н-001" and book["Наставляемые"].max_row == 4 + 146
    code, out, err = run(monkeypatch, capsys, "surveys", "template", "-o", str(target))
    assert code == 2 and out == ""
    assert err == f"Ошибка: Файл {target} уже существует. Чтобы заменить его, добавьте --force.\n"
    code, out, _ = run(monkeypatch, capsys, "surveys", "template", "-o", str(target), "--force")
    assert code == 0 and out == f"Записана пустая книга ответов: {target}.\n"
    assert openpyxl.load_workbook(target)["Наставники"]["A5"].value is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.xlsx"]  # no staging file left


def test_summarize_prints_the_shares_by_role_and_form_and_writes_them(monkeypatch, capsys, tmp_path):
    target = tmp_path / "summary.xlsx"
    code, out, err = run(monkeypatch, capsys, "surveys", "summarize", SURVEYS, "-r", REGISTER, "-o", str(target))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Удовлетворённость участием в программе наставничества"
    assert lines[1].split("  ")[0] == "Участники"
    mentors, mentees = overall_by_hand("Наставники"), overall_by_hand("Наставляемые")
    mentor_line = next(line for line in lines if line.startswith("Наставники") and "все формы" in line)
    mentee_line = next(line for line in lines if line.startswith("Наставляемые") and "все формы" in line)
    share = f"{100 * mentors[1] / mentors[0]:.1f}".replace(".", ",")
    assert mentor_line.split()[-4:] == ["82", str(mentors[0]), str(mentors[1]), share]
    assert mentee_line.split()[-4:-1] == ["146", str(mentees[0]), str(mentees[1])]
    assert any("ученик – ученик" in line for line in lines)
    assert lines[-1] == f"Итоги записаны: {target}."
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Удовлетворённость участием в программе наставничества", None, None, None, None, None)
    assert rows[2] == (
        "Участники",
        "Форма наставничества",
        "В реестре",
        "Ответили",
        "Удовлетворены",
        "Доля удовлетворённых, %",
    )
    assert rows[3][:5] == ("Наставники", "все формы", 82, mentors[0], mentors[1])
    assert rows[3][5] == pytest.approx(100 * mentors[1] / mentors[0], abs=0.05)
    printed = [tuple(re.split(r"\s{2,}", line)[:2]) for line in lines[2:-1]]
    assert [row[:2] for row in rows[3:]] == printed  # the rows printed, in the same order


def test_summarize_without_the_register_gives_totals_only(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "surveys", "summarize", SURVEYS)
    assert code == 0
    rows = out.splitlines()[2:]
    assert [row.split()[0] for row in rows] == ["Наставники", "Наставляемые"]
    assert all(row.split()[3] == "—" for row in rows)  # nobody known to be in the register


def test_bad_answers_exit_2_list_every_problem_and_write_nothing(monkeypatch, capsys, tmp_path):
    book = openpyxl.load_workbook(SURVEYS)
    book["Наставники"]["B5"] = 12
    book["Наставляемые"]["A6"] = "Н-001"
    answers = tmp_path / "answers.xlsx"
    book.save(answers)
    target = tmp_path / "summary.xlsx"
    code, out, err = run(monkeypatch, capsys, "surveys", "summarize", str(answers), "-r", REGISTER, "-o", str(target))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "Ошибка: answers.xlsx: 2 ошибки в ответах на анкеты:",
        "  Наставники, строка 5, «1. Удовлетворённость в целом»: ожидается целое число от 1 до 10 (в ячейке — число вне шкалы)",
        "  Наставляемые, строка 6, «Код участника»: это код наставника — его анкету внесите на лист «Наставники»",
    ]
    assert "Traceback" not in err
    assert not target.exists()


def test_a_file_that_is_not_a_workbook(monkeypatch, capsys, tmp_path):
    (tmp_path / "answers.xlsx").write_bytes(b"PK\x03\x04 broken")
    code, _, err = run(monkeypatch, capsys, "surveys", "summarize", str(tmp_path / "answers.xlsx"))
    assert code == 2 and "не является книгой Excel" in err
