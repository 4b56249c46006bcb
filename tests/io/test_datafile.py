import json

import pytest

from nastavnik_docs.errors import DataFileError, ValidationError
from nastavnik_docs.io import load_data
from nastavnik_docs.models import SchoolData, validate


def write_yaml(tmp_path, data, name="school.yaml"):
    import yaml

    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems_of(raw):
    with pytest.raises(ValidationError) as caught:
        validate(raw, SchoolData, source="school.yaml")
    return caught.value.problems, str(caught.value)


def test_sample_school_is_valid(school_raw):
    school = validate(school_raw, SchoolData)
    assert school.organisation.director.name == "Ткач Анна Сергеевна"
    assert school.forms == ["student-student", "teacher-teacher", "teacher-pupil", "employer-pupil"]


def test_bad_director_name_is_reported_with_its_path(school_raw):
    school_raw["organisation"]["director"]["name"] = "Tkach Anna"
    problems, message = problems_of(school_raw)
    assert problems == [
        "organisation.director.name: ожидается «Фамилия Имя Отчество» (В фамилии есть латинские буквы: имена в документах пишутся кириллицей)"
    ]
    assert "Tkach" not in message


def test_every_problem_is_reported_at_once(school_raw):
    del school_raw["curator"]
    school_raw["team"][2]["name"] = "Соколова"
    school_raw["period"]["end_year"] = "скоро"
    school_raw["orders"]["introduce_model"]["date"] = "31.02.2026"
    school_raw["forms"].append("student-teacher")
    school_raw["organisation"]["inn"] = "12345"
    problems, message = problems_of(school_raw)
    assert "curator: обязательное поле не заполнено" in problems
    assert "team[2].name: ожидается «Фамилия Имя Отчество» (нужны хотя бы фамилия и имя)" in problems
    assert "period.end_year: ожидается целое число" in problems
    assert "orders.introduce_model.date: ожидается дата ДД.ММ.ГГГГ" in problems
    assert any(
        p.startswith("forms[4]: неизвестная форма наставничества; допустимые значения: student-student")
        for p in problems
    )
    assert "organisation.inn: ожидается ИНН из 10 или 12 цифр" in problems
    assert len(problems) == 6
    assert message.startswith("school.yaml: 6 ошибок в данных:")


def test_unknown_field_suggests_the_right_one(school_raw):
    school_raw["organisation"]["short_nmae"] = school_raw["organisation"].pop("short_name")
    problems, _ = problems_of(school_raw)
    assert "organisation.short_nmae: неизвестное поле. Возможно, вы имели в виду «short_name»?" in problems
    assert "organisation.short_name: обязательное поле не заполнено" in problems


def test_form_by_title_is_accepted(school_raw):
    school_raw["forms"] = ["ученик – ученик", "учитель-учитель"]
    assert validate(school_raw, SchoolData).forms == ["student-student", "teacher-teacher"]


def test_consistency_rules(school_raw):
    school_raw["forms"] = ["student-student", "student-student"]
    school_raw["orders"]["introduce_model"]["date"] = "2026-05-01"
    school_raw["period"] = {"start_year": 2030, "end_year": 2026}
    problems, _ = problems_of(school_raw)
    assert "period: последний год раньше первого" in problems


def test_top_level_must_be_a_mapping():
    with pytest.raises(ValidationError, match="на верхнем уровне"):
        validate(["a", "b"], SchoolData)


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("organisation:\n  full_name: «Школа»\n   bad: [\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="строка 3"):
        load_data(path)


def test_json_data_file_and_json_syntax_error(tmp_path, school_raw):
    path = tmp_path / "school.json"
    path.write_text(json.dumps(school_raw, ensure_ascii=False, default=str), encoding="utf-8")
    assert load_data(path).curator.name == "Черных Любовь Павловна"
    path.write_text('{\n  "organisation": }', encoding="utf-8")
    with pytest.raises(DataFileError, match="строка 2: ошибка синтаксиса JSON"):
        load_data(path)


def test_missing_huge_and_binary_files(tmp_path):
    with pytest.raises(DataFileError, match="не найден"):
        load_data(tmp_path / "nope.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (6 * 1024 * 1024))
    with pytest.raises(DataFileError, match="больше 5 МБ"):
        load_data(big)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage")
    with pytest.raises(DataFileError, match="UTF-8"):
        load_data(binary)


def test_control_characters_are_dropped_and_line_breaks_kept(school_raw):
    school_raw["organisation"]["address"] = "644999,\x07 ул. Школьная,\r\nд. 7\x00"
    school = validate(school_raw, SchoolData)
    assert school.organisation.address == "644999, ул. Школьная,\nд. 7"


def test_too_long_text_is_reported_in_characters(school_raw):
    school_raw["organisation"]["short_name"] = "М" * 600
    problems, _ = problems_of(school_raw)
    assert problems == ["organisation.short_name: слишком длинный текст: не больше 500 знаков"]
    school_raw["organisation"]["short_name"] = ""
    problems, _ = problems_of(school_raw)
    assert problems == ["organisation.short_name: не должно быть пустым"]
    school_raw["organisation"]["short_name"] = "МБОУ"
    school_raw["team"] = school_raw["team"][:1]
    problems, _ = problems_of(school_raw)
    assert problems == ["team: нужно не меньше 2 элементов"]
