import subprocess
import sys

from command import run

from nastavnik_docs import __version__


def test_version(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "--version")
    assert code == 0
    assert out.strip() == f"nastavnik-docs {__version__}"


def test_decline_one_name_in_dative(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "decline", "Ткач Анна Сергеевна", "--case", "dative")
    assert (code, out, err) == (0, "Ткач Анне Сергеевне\n", "")


def test_decline_without_case_prints_all_six(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "decline", "Смирнов Павел Ильич")
    assert code == 0
    assert out.strip().split("\t") == [
        "Смирнов Павел Ильич",
        "Смирнова Павла Ильича",
        "Смирнову Павлу Ильичу",
        "Смирнова Павла Ильича",
        "Смирновым Павлом Ильичом",
        "Смирнове Павле Ильиче",
    ]


def test_decline_initials_and_russian_case_name(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "decline", "Абдреева Наталья Петровна", "-c", "дательный", "--initials")
    assert (code, out) == (0, "Абдреевой\u00a0Н.\u00a0П.\n")


def test_decline_reads_standard_input_and_reports_bad_lines_by_number(monkeypatch, capsys):
    names = "Римская-Корсакова Любовь Петровна\nSmith John\n\nЧерных Лев Ильич\n"
    code, out, err = run(monkeypatch, capsys, "decline", "-", "--case", "genitive", stdin=names)
    assert code == 2
    assert out.splitlines() == ["Римской-Корсаковой Любови Петровны", "Черных Льва Ильича"]
    assert err.startswith("Ошибка: строка 2:")
    assert "Smith" not in err
    assert "Traceback" not in err


def test_decline_reads_a_file(monkeypatch, capsys, tmp_path):
    source = tmp_path / "names.txt"
    source.write_text("\ufeffПетров Илья Кузьмич\nЛебедева Любовь Павловна\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "decline", "--file", str(source), "-c", "instrumental")
    assert code == 0
    assert out.splitlines() == ["Петровым Ильёй Кузьмичом", "Лебедевой Любовью Павловной"]


def test_missing_file_is_a_clear_error(monkeypatch, capsys, tmp_path):
    code, _, err = run(monkeypatch, capsys, "decline", "--file", str(tmp_path / "нет.txt"))
    assert code == 2
    assert err.startswith("Ошибка: Файл") and "не найден" in err


def test_unknown_case_exits_2_with_one_line(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "decline", "Иванов Иван", "--case", "dativ")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "Допустимые значения: nominative, genitive, dative" in err


def test_bad_single_name_exits_2(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "decline", "Ivanov Ivan")
    assert code == 2
    assert "латинские" in err


def test_nothing_to_decline(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "decline")
    assert code == 2
    assert "Укажите имя" in err


def test_phrase_and_date(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "phrase", "заместитель директора по УВР", "-c", "dative")
    assert (code, out) == (0, "заместителю директора по УВР\n")
    code, out, _ = run(monkeypatch, capsys, "date", "29.05.2020")
    assert (code, out) == (0, "«29»\u00a0мая\u00a02020\u00a0г.\n")
    code, _, err = run(monkeypatch, capsys, "date", "32.05.2020")
    assert code == 2 and "ДД.ММ.ГГГГ" in err


def test_module_entry_point_runs_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "nastavnik_docs", "decline", "Ткач Анна", "-c", "foo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Ошибка: Неизвестный падеж")
    assert "Traceback" not in result.stderr


def test_names_and_file_together_are_refused(monkeypatch, capsys, tmp_path):
    source = tmp_path / "names.txt"
    source.write_text("Петров Илья\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "decline", "Ткач Анна", "--file", str(source))
    assert code == 2 and "не то и другое" in err
    code, _, err = run(monkeypatch, capsys, "decline", "Ткач Анна", "-")
    assert code == 2 and "без других имён" in err
