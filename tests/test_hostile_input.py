"""Hostile and clumsy input: what used to crash now answers «Ошибка: …» with exit code 1 or 2 and
no traceback (and a 4xx problem from the service); what used to pass silently is refused or made safe.

Command lines run in-process (an exception other than the library's would fail the test with it),
three of them also as a real process whose stderr is read for «Traceback».
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from command import run
from conftest import ROOT
from fastapi.testclient import TestClient
from registers import ROWS, TODAY, header, partner_fields, roster_fields, title, write_register

from nastavnik_docs import build_kit
from nastavnik_docs.api import Settings, create_app
from nastavnik_docs.content import content_data, parse_yaml, wording_files
from nastavnik_docs.errors import DataFileError, ValidationError
from nastavnik_docs.io import read_data_file
from nastavnik_docs.io.register import load_register
from nastavnik_docs.models import Register, SchoolData, SchoolRegister, validate
from nastavnik_docs.ru.filenames import file_stem, unique_file_names

SCHOOL = ROOT / "samples" / "school.yaml"


def school() -> dict:
    return yaml.safe_load(SCHOOL.read_text(encoding="utf-8"))


def as_json(data: object) -> str:
    return json.dumps(data, default=str, ensure_ascii=False)


def fails(monkeypatch, capsys, *args: str, code: int = 2) -> str:
    """Run the command line; assert one «Ошибка: …» line and ``code``, no traceback; return stderr."""
    exit_code, out, err = run(monkeypatch, capsys, *args)
    assert exit_code == code, err
    assert err.startswith("Ошибка: ") and "Traceback" not in err + out
    return err


# -- data files that crashed --------------------------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.yaml", "a: " + "[" * DEEP + "]" * DEEP, "deep.yaml: слишком глубокая вложенность."),
        ("deep-map.yaml", "a: " + "{a: " * 5000 + "1" + "}" * 5000, "deep-map.yaml: слишком глубокая вложенность."),
        ("deep.json", '{"a": ' + "[" * DEEP + "]" * DEEP + "}", "deep.json: слишком глубокая вложенность."),
        ("long.yaml", "monitoring_year: " + "9" * 5000, "long.yaml, строка 1: число длиннее 50 знаков."),
        ("long.json", '{"monitoring_year": ' + "9" * 5000 + "}", "long.json: число длиннее 50 знаков."),
        ("float.yaml", "monitoring_year: 1." + "9" * 5000, "float.yaml, строка 1: число длиннее 50 знаков."),
        ("feb30.yaml", "a: 2020-02-30", "feb30.yaml, строка 1: недопустимая дата"),
        ("year0.yaml", "a: 0000-01-01", "year0.yaml, строка 1: недопустимая дата"),
        ("tag.yaml", "a: 1\nb: !!int сорок", "tag.yaml, строка 2: недопустимое целое число."),
        ("bool.yaml", "a: !!bool может быть", "bool.yaml, строка 1: недопустимое логическое значение"),
        ("nan.json", '{"a": NaN}', "nan.json: NaN — не число."),
    ],
)
def test_a_data_file_that_crashed_is_an_error(monkeypatch, capsys, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    err = fails(monkeypatch, capsys, "kit", "stage-1", str(path), "-o", str(tmp_path / "out"))
    assert err == f"Ошибка: {path.parent}/{message}\n" if message.endswith(".") else message in err
    assert not (tmp_path / "out").exists()


def test_nothing_crashes_as_a_real_process(tmp_path):
    """The same as a user runs it: stderr holds the one line, never a traceback."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * DEEP + "]" * DEEP, encoding="utf-8")
    long = tmp_path / "long.json"
    long.write_text('{"a": ' + "1" * 5000 + "}", encoding="utf-8")
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "order-management-team.yaml").write_bytes("title: Приказ\n".encode("cp1251"))
    for args in (
        ["kit", "stage-1", str(deep), "-o", str(tmp_path / "a")],
        ["kit", "stage-2", str(long), "-o", str(tmp_path / "b")],
        ["templates", "check", str(templates)],
    ):
        done = subprocess.run([sys.executable, "-m", "nastavnik_docs", *args], capture_output=True, text=True)
        assert done.returncode in (1, 2), done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("Ошибка: ") or "не в кодировке UTF-8" in done.stdout  # the check reports per file


# -- wording files under --templates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title: Приказ\n".encode("cp1251"), "Текст документа order-management-team.yaml не в кодировке UTF-8."),
        (("title: " + "[" * DEEP + "]" * DEEP).encode(), "В order-management-team.yaml: слишком глубокая вложенность."),
        (b"title: a\ntitle: b\n", "В order-management-team.yaml, строка 2: ключ «title» повторяется в одном разделе."),
        (
            b'title: "\\uFFFF"\n',
            "В order-management-team.yaml, поле title: недопустимый символ U+FFFF — Word не откроет такой документ.",
        ),
        (
            b'preamble: ["a", "b\\x0b"]\n',
            "В order-management-team.yaml, поле preamble[1]: недопустимый символ U+000B — Word не откроет такой документ.",
        ),
    ],
)
def test_a_broken_wording_file_is_an_error_in_a_kit_and_in_the_check(monkeypatch, capsys, tmp_path, content, message):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "order-management-team.yaml").write_bytes(content)
    err = fails(
        monkeypatch,
        capsys,
        "kit",
        "stage-1",
        str(SCHOOL),
        "-o",
        str(tmp_path / "out"),
        "--templates",
        str(templates),
        code=1,
    )
    assert err == f"Ошибка: {message}\n"
    code, out, err = run(monkeypatch, capsys, "templates", "check", str(templates))
    assert code == 2 and "Traceback" not in out + err
    assert out == f"order-management-team.yaml: ошибки\n  {message}\n"


def test_bundled_content_and_samples_have_no_repeated_keys():
    for name, entry in wording_files().items():
        assert isinstance(parse_yaml(entry.read_text(encoding="utf-8")), dict), name
    for entry in (ROOT / "nastavnik_docs" / "content" / "data").glob("*.yaml"):
        assert content_data(entry.name) is not None
    for sample in (ROOT / "samples").glob("*.yaml"):
        assert read_data_file(sample)


def test_a_repeated_key_in_a_data_file_names_its_line(tmp_path):
    text = SCHOOL.read_text(encoding="utf-8").replace("curator:\n", "curator:\n  name: Иванова Анна Петровна\n", 1)
    path = tmp_path / "school.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_data_file(path)
    line = text.splitlines().index("  name: Черных Любовь Павловна", text.splitlines().index("curator:")) + 1
    assert str(caught.value) == f"{path}, строка {line}: ключ «name» повторяется в одном разделе."
    same = tmp_path / "school.json"
    same.write_text('{"organisation": {}, "organisation": {}}', encoding="utf-8")
    with pytest.raises(DataFileError, match="ключ «organisation» повторяется в одном объекте"):
        read_data_file(same)


# -- characters Word cannot open ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("МБОУ «СОШ № 12»\uffff", "недопустимый символ U+FFFF"),
        ("МБОУ\ufffe «СОШ № 12»", "недопустимый символ U+FFFE"),
        ("МБОУ \ud800«СОШ № 12»", "недопустимый символ в тексте (половина суррогатной пары UTF-16"),
    ],
)
def test_a_character_word_cannot_open_is_refused_with_its_field(tmp_path, monkeypatch, capsys, text, message):
    data = school()
    data["organisation"]["short_name"] = text
    path = tmp_path / "school.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")  # \uXXXX escapes, as a program would write
    err = fails(monkeypatch, capsys, "kit", "stage-1", str(path), "-o", str(tmp_path / "out"))
    assert f"organisation.short_name: {message}" in err


def test_control_characters_are_dropped_and_tabs_and_line_breaks_kept():
    data = school()
    data["organisation"]["address"] = "644999,\x0b г. Новоборск,\x07 ул. Школьная,\tд. 7\r\nкорпус 2"
    assert validate(data, SchoolData).organisation.address == "644999, г. Новоборск, ул. Школьная,\tд. 7\nкорпус 2"


def test_a_register_cell_holding_uffff_is_refused_with_its_cell(tmp_path):
    path = write_register(tmp_path / "r.xlsx", {("mentees", 0, "address"): "PLACEHOLDER"})
    patched = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(b"PLACEHOLDER", "ул. Лесная\uffff".encode()))
    path.write_bytes(patched.getvalue())
    with pytest.raises(ValidationError) as caught:
        load_register(path, today=TODAY)
    assert caught.value.problems == [
        f"{title('mentees')}, строка 4, «{header('mentees', 'address')}»: недопустимый символ U+FFFF (текст "
        "повреждён при копировании?) — Word не откроет такой документ (в ячейке — текст)"
    ]


# -- links ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "https:x"],
)
def test_a_link_other_than_http_or_a_path_is_refused(link):
    for place in (("website", "documents_url"), ("website", "url"), ("organisation", "website")):
        data = school()
        data[place[0]][place[1]] = link
        with pytest.raises(ValidationError) as caught:
            validate(data, SchoolData)
        assert caught.value.problems == [
            f"{'.'.join(place)}: ожидается адрес, начинающийся с https:// или http://, или путь на сайте"
        ]


def test_a_link_with_spaces_is_refused_and_ordinary_links_pass():
    data = school()
    data["website"]["documents_url"] = "java script:alert(1)"
    with pytest.raises(ValidationError, match="в адресе не должно быть пробелов"):
        validate(data, SchoolData)
    for link in ("https://school12.example/docs", "http://school12.example", "/upload/nastavnichestvo", "docs"):
        data["website"]["documents_url"] = link
        assert validate(data, SchoolData).website.documents_url == link


# -- register cells that passed silently ------------------------------------------------------------------------


def read_problems(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load_register(path, today=TODAY)
    return caught.value.problems


def test_true_in_a_text_cell_is_refused_and_in_a_yes_no_column_read(tmp_path):
    found = read_problems(write_register(tmp_path / "r.xlsx", {("mentees", 0, "address"): True}))
    assert found == [
        f"{title('mentees')}, строка 4, «{header('mentees', 'address')}»: ожидается текст, а в ячейке логическое "
        "значение (ИСТИНА или ЛОЖЬ)"
    ]
    register = load_register(write_register(tmp_path / "b.xlsx", {("pairs", 0, "best_practice"): True}), today=TODAY)
    assert register.pairs[0].best_practice is True


@pytest.mark.parametrize("field", ["document_number", "rep_document_number"])
def test_a_document_number_typed_as_a_number_is_refused(tmp_path, field):
    found = read_problems(write_register(tmp_path / "r.xlsx", {("mentees", 0, field): 5225654321}))
    assert len(found) == 1
    assert found[0].startswith(
        f"{title('mentees')}, строка 4, «{header('mentees', field)}»: ожидается текст, а в ячейке число"
    )
    assert "5225654321" not in found[0]


def test_the_blank_register_formats_document_numbers_as_text():
    from nastavnik_docs.io.templates import read_template

    book = openpyxl.load_workbook(io.BytesIO(read_template("register.xlsx")))
    for key in ("mentors", "mentees"):
        sheet = book[title(key)]
        for field in ("document_number", "rep_document_number"):
            column = next(c.column for c in sheet[2] if c.value and c.value.rstrip("*") == header(key, field))
            assert sheet.cell(4, column).number_format == "@"
            assert sheet.cell(1003, column).number_format == "@"


def test_a_sheet_with_a_trailing_space_beside_the_real_one_is_refused(tmp_path):
    path = write_register(tmp_path / "r.xlsx", extra_sheets=("наставники ",))
    assert read_problems(path) == [
        "листы «Наставники» и «наставники » называются одинаково (без учёта заглавных букв и пробелов по краям): "
        "оставьте один, удалите или переименуйте другой"
    ]
    hidden = write_register(tmp_path / "h.xlsx", titles={"mentors": "наставники "}, extra_sheets=("Наставники",))
    assert "листы «наставники » и «Наставники» называются одинаково" in read_problems(hidden)[0]


def test_names_typed_into_the_codes_column_are_not_echoed(tmp_path):
    found = read_problems(write_register(tmp_path / "r.xlsx", {("pairs", 0, "mentees"): "Козлов Денис"}))
    assert (
        f"{title('pairs')}, строка 4, «{header('pairs', 'mentees')}»: кодов нет на листе «Наставляемые»: по порядку "
        "в ячейке 1, 2 из 2 (в них нет цифр — похоже, вписаны не коды, а слова)"
    ) in found
    assert not any("Козлов" in line or "Денис" in line for line in found)
    one = read_problems(write_register(tmp_path / "o.xlsx", {("pairs", 0, "mentees"): "Козлов"}))
    assert (
        f"{title('pairs')}, строка 4, «{header('pairs', 'mentees')}»: такого кода нет на листе «Наставляемые» (в них нет цифр — похоже, вписаны не коды, а слова)"
        in one
    )


def test_a_person_in_two_pairs_is_reported_by_the_other_pairs_row_not_its_code(tmp_path):
    second = {**ROWS["pairs"][0], "code": "2"}
    rows = {**ROWS, "pairs": [ROWS["pairs"][0], second]}
    path = write_register(tmp_path / "r.xlsx", rows=rows)
    found = read_problems(path)
    assert (
        f"{title('pairs')}, строка 5, «Код наставника»: наставник уже состоит в другой паре (группе) этой же программы (см. «№ пары» в строке 4)"
        in found
    )
    assert not any("Н-001" in line or "У-001" in line for line in found)


# -- Windows reserved names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["CON", "con", "PRN", "AUX", "NUL", "COM1", "com9", "LPT1", "LPT9", "CON."])
def test_windows_reserved_names_are_made_safe(name):
    stem = file_stem(name)
    assert stem.upper().split(".")[0] not in {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{n}" for n in range(10)),
        *(f"LPT{n}" for n in range(10)),
    }
    assert file_stem(name, latin=True) == stem


def test_a_partner_named_con_gets_a_file_windows_can_open(school_raw):
    partners = [
        {**partner_fields(ROWS["partners"][0]), "short_name": short, "number": str(n)}
        for n, short in enumerate(("CON", "Lpt1", "aux"), 1)
    ]
    roster = Register.model_validate({**roster_fields(), "partners": partners})
    kit = build_kit("stage-4", SchoolRegister(school=validate(school_raw, SchoolData), roster=roster))
    names = sorted(f.name for f in kit.files if f.name.startswith("partnership-agreements/"))
    assert names == [
        "partnership-agreements/CON_.docx",
        "partnership-agreements/Lpt1_.docx",
        "partnership-agreements/aux_.docx",
    ]
    assert list(unique_file_names([("NUL", 1), ("NUL", 2)])) == [("NUL_.docx", 1), ("NUL__2.docx", 2)]


# -- the HTTP service ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service():
    with TestClient(create_app(Settings(warm_up=False))) as client:
        yield client


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"a": ' + b"1" * 5000 + b"}", "тело запроса: число длиннее 50 знаков."),
        (b'{"a": 1, "a": 2}', "тело запроса: ключ «a» повторяется в одном объекте."),
        (b'{"a": ' + b"[" * DEEP + b"]" * DEEP + b"}", "тело запроса: слишком глубокая вложенность."),
        (b'{"a": Infinity}', "тело запроса: Infinity — не число."),
    ],
)
def test_the_service_answers_4xx_where_it_crashed(service, body, detail):
    response = service.post("/v1/documents/roadmap", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_the_service_refuses_uffff_and_javascript_links_with_their_fields(service):
    data = school()
    data["organisation"]["short_name"] = "МБОУ\uffff"
    data["website"]["documents_url"] = "javascript:alert(1)"
    response = service.post(
        "/v1/documents/website-tab", content=as_json(data), headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["problems"]}
    assert fields == {"organisation.short_name", "website.documents_url"}


def test_the_service_refuses_an_upload_with_a_repeated_key_and_names_its_line(service):
    response = service.post("/v1/kits/stage-1", files={"data": ("s.yaml", b"a: 1\nb: 2\na: 3\n")})
    assert response.status_code == 422
    assert response.json()["detail"] == "data.yaml, строка 3: ключ «a» повторяется в одном разделе."


def test_the_register_check_of_the_service_lists_warnings(service, tmp_path):
    path = write_register(tmp_path / "r.xlsx", {("mentees", 0, "consent_date"): dt.date(2026, 11, 10)})
    response = service.post("/v1/register/check", files={"register": ("r.xlsx", path.read_bytes())})
    body = response.json()
    assert response.status_code == 200 and body["valid"] is True
    assert [w["column"] for w in body["warnings"]] == ["Дата согласия"]
    assert "см. «Дата начала» на листе «Пары и группы», строка 4" in body["warnings"][0]["text"]


def test_register_check_and_the_kit_print_warnings_and_succeed(monkeypatch, capsys, tmp_path):
    path = write_register(tmp_path / "r.xlsx", {("mentees", 0, "consent_date"): dt.date(2026, 11, 10)})
    warning = (
        f"Предупреждение: r.xlsx: {title('mentees')}, строка 4, «Дата согласия»: согласие подписано больше чем "
        "через месяц после начала пары (группы)"
    )
    code, out, err = run(monkeypatch, capsys, "register", "check", str(path))
    assert code == 0 and out.startswith("Реестр в порядке")
    assert err.startswith(warning)
    code, out, err = run(
        monkeypatch, capsys, "kit", "stage-4", str(SCHOOL), str(path), "-o", str(tmp_path / "kit"), "--ids"
    )
    assert code == 0 and out.startswith("Готово")
    assert err.startswith(warning)
    assert (tmp_path / "kit" / "consents").is_dir()
