"""Reading filled final monitoring forms back: values by defined name, every problem with its cell."""

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from nastavnik_docs.errors import DataFileError, ValidationError
from nastavnik_docs.io.monitoring import collect, read_report
from nastavnik_docs.produce import build_document, sample_input


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    [item] = build_document("final-monitoring-form", sample_input("stage-6"))
    path = tmp_path_factory.mktemp("forms") / "school-12.xlsx"
    path.write_bytes(item.data)
    return path


def edited(filled, tmp_path, changes, name="edited.xlsx"):
    book = openpyxl.load_workbook(filled)
    for defined, value in changes.items():
        [(title, coordinate)] = list(book.defined_names[defined].destinations)
        book[title][coordinate.replace("$", "")].value = value
    path = tmp_path / name
    book.save(path)
    return path


def test_a_form_reads_back_what_the_kit_wrote(filled):
    data = sample_input("stage-6")
    report = read_report(filled)
    assert report.org.short_name == "МБОУ «СОШ № 12»" and report.org.inn == data.school.organisation.inn
    assert sum(row.pairs for row in report.forms.values()) == len(data.roster.pairs)
    assert report.indicators["mentees-satisfaction"].fact == report.forms_total["satisfied_mentees"] == 79.8
    assert report.practice["partners_with_mentors"] == 4


def test_every_wrong_value_is_named_by_its_cell_and_never_quoted(filled, tmp_path):
    path = edited(
        filled,
        tmp_path,
        {
            "fm_forms_student_student_mentors": "около двадцати",
            "fm_forms_teacher_pupil_satisfied_mentees": 120,
            "fm_groups_mentors_teachers": -3,
            "fm_org_date": "вчера",
        },
    )
    with pytest.raises(ValidationError) as caught:
        read_report(path)
    problems = caught.value.problems
    assert len(problems) == 4
    assert (
        "edited.xlsx, лист «Мониторинг», ячейка C18 («Наставников, чел. — «ученик – ученик»»): "
        "ожидается целое число (в ячейке — текст)"
    ) in problems
    assert "ожидается процент от 0 до 100" in "".join(problems) and "ожидается число не меньше 0" in "".join(problems)
    assert "около двадцати" not in str(caught.value) and "вчера" not in str(caught.value)


def test_contradicting_figures_and_a_total_typed_over(filled, tmp_path):
    path = edited(filled, tmp_path, {"fm_forms_student_student_started": 99, "fm_forms_total_pairs": 1})
    with pytest.raises(ValidationError) as caught:
        read_report(path)
    text = "\n".join(caught.value.problems)
    assert "пар (групп) меньше, чем начали работу в отчётном году" in text
    assert "итог не равен сумме строк" in text


def test_another_version_is_refused(filled, tmp_path):
    path = edited(filled, tmp_path, {"fm_version": "2025.1"})
    with pytest.raises(ValidationError, match=r"форма другой версии \(2025\.1\)"):
        read_report(path)


def test_collecting_a_folder_never_stops_at_a_bad_file(filled, tmp_path):
    folder = tmp_path / "forms"
    (folder / "district").mkdir(parents=True)
    shutil.copy(filled, folder / "district" / "a.xlsx")
    shutil.copy(filled, folder / "b.xlsx")  # the same organisation twice
    (folder / "c.xlsx").write_bytes(b"not a workbook")
    (folder / "~$a.xlsx").write_bytes(b"Excel's lock file")
    edited(filled, folder, {"fm_groups_mentors_teachers": "много", "fm_org_inn": "5509999999"}, name="d.xlsx")
    result = collect(folder)
    assert [r.source for r in result.reports] == ["b.xlsx"]
    rejected = {r.source: [str(p) for p in r.problems] for r in result.rejected}
    assert sorted(rejected) == ["c.xlsx", "d.xlsx", "district/a.xlsx"]
    assert rejected["district/a.xlsx"] == ["district/a.xlsx: форма этой организации уже принята из файла b.xlsx"]
    assert "не является книгой Excel" in rejected["c.xlsx"][0]
    assert rejected["d.xlsx"][0].startswith("d.xlsx, лист «Мониторинг», ячейка")


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(DataFileError, match="не найдена"):
        collect(tmp_path / "nothing")


SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "monitoring"


def only_problem(path):
    result = collect(path.parent, files=[path])
    assert result.reports == []
    [rejected] = result.rejected
    [problem] = rejected.problems
    return str(problem)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda form: form[: len(form) // 2], "файл повреждён (архив книги оборван или испорчен)"),
        (lambda form: b"", "файл пуст"),
        (lambda form: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "файл в старом формате Excel 97–2003 (.xls)"),
        (
            lambda form: (SAMPLES / "klyuchevskoy" / "forma-s-parolem.xlsx").read_bytes(),
            "книга защищена паролем на открытие",
        ),
        (
            lambda form: (SAMPLES / "zaozerny" / "soprovoditelnoe-pismo.docx").read_bytes(),
            "файл не является книгой Excel (.xlsx): это архив",
        ),
        (lambda form: "Форма будет позже".encode(), "файл не является книгой Excel (.xlsx)"),
    ],
    ids=["truncated", "empty", "xls", "password", "word", "text"],
)
def test_a_file_that_cannot_be_opened_says_why(filled, tmp_path, make, expected):
    path = tmp_path / "form.xlsx"
    path.write_bytes(make(filled.read_bytes()))
    assert f"form.xlsx: {expected}" in only_problem(path)
    with pytest.raises(DataFileError, match=re.escape(expected)):
        read_report(path)


def test_a_file_without_read_permission_is_set_aside(filled, tmp_path, monkeypatch):
    path = tmp_path / "locked.xlsx"
    shutil.copy(filled, path)
    real_open = Path.open

    def denied(self, *args, **kwargs):  # the tests run as root, for whom no mode bit denies reading
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    assert (
        only_problem(path)
        == "locked.xlsx: нет доступа к файлу: он закрыт правами доступа или открыт в другой программе"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"")
        package.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    assert "файл не принят: одна его часть в распакованном виде занимает 60 МБ" in only_problem(path)


def test_the_collection_knows_its_year_and_who_collects(tmp_path, filled):
    from nastavnik_docs.io.monitoring import read_collection

    shutil.copy(filled, tmp_path / "a.xlsx")
    collection = read_collection(tmp_path, collector="Управление образования")
    assert collection.reporting_year == 2026 and collection.collector == "Управление образования"
    assert read_collection(tmp_path, year=2025).reporting_year == 2025


def test_a_value_beyond_what_the_form_allows_is_named_by_its_cell(filled, tmp_path):
    path = edited(filled, tmp_path, {"fm_org_year": 20026})
    with pytest.raises(ValidationError) as caught:
        read_report(path)
    assert caught.value.problems == [
        "edited.xlsx, лист «Мониторинг», ячейка C11 («Отчётный год»): значение вне допустимых пределов"
    ]
