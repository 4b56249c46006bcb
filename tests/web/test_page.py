"""The coordinators' page through the test client: forms from the kits, blanks, the problem table, the zip."""

from __future__ import annotations

import io
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from nastavnik_docs.api import Settings, create_app
from nastavnik_docs.documents import KITS

ROOT = Path(__file__).resolve().parents[2]


class _Page(HTMLParser):
    """The parts of a page a test looks at: inputs with their labels, links, the problem table's rows."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.labels: set[str] = set()
        self.links: list[str] = []
        self.options: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self.external: list[str] = []
        self._cell: list[str] | None = None
        self._option: str | None = None
        self._in_body = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in ("input", "select"):
            self.inputs[found.get("id") or ""] = found
        if tag == "label" and found.get("for"):
            self.labels.add(found["for"])
        if tag == "a":
            self.links.append(found.get("href") or "")
        for name in ("href", "src"):
            if (found.get(name) or "").startswith(("http:", "https:", "//")):
                self.external.append(found[name])
        if tag == "option":
            self._option = found.get("value")
        if tag == "tbody":
            self._in_body = True
        if tag == "tr" and self._in_body:
            self.rows.append([])
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        if tag == "tbody":
            self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._option is not None:
            self.options.append((self._option, data.strip()))
            self._option = None


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(warm_up=False))) as test_client:
        yield test_client


def _files(**paths):
    return {name: (Path(path).name, Path(path).read_bytes()) for name, path in paths.items()}


def _finished(client, response):
    """Follow a kit's job page until the kit is made; return the job page."""
    assert response.status_code == 303, response.text[:300]
    address = response.headers["location"]
    for _ in range(600):
        status = client.get(f"{address}/status").json()
        if status["state"] != "running":
            break
        time.sleep(0.1)
    assert status["state"] == "done", status
    assert status["done"] == status["total"] > 0
    return address


def test_the_page_lists_every_kit_with_its_title_and_labels_every_field(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = _Page(response.text)
    assert [value for value, _ in page.options] == list(KITS)
    assert dict(page.options)["stage-4"] == KITS["stage-4"].title
    assert all(field in page.labels for field in page.inputs)
    assert page.external == []  # nothing from elsewhere: it works offline
    assert '<html lang="ru">' in response.text
    assert client.get("/static/page.css").status_code == client.get("/static/page.js").status_code == 200


@pytest.mark.parametrize("name", list(KITS))
def test_the_form_asks_for_what_the_kit_reads(client, name):
    kit = KITS[name]
    page = _Page(client.get("/", params={"kit": name}).text)
    assert ("data" in page.inputs) is (kit.reader is None)
    assert ("register" in page.inputs) is (kit.register != "none")
    if kit.register != "none":
        assert ("required" in page.inputs["register"]) is (kit.register == "required")
        assert "/blank/register.xlsx" in page.links
    assert ("surveys" in page.inputs) is kit.surveys
    assert ("monitoring" in page.inputs) is kit.monitoring
    assert ("forms" in page.inputs) is (kit.reader is not None)


def test_a_kit_that_reads_forms_or_a_monitoring_form_gets_those_fields(client, monkeypatch):
    from dataclasses import replace

    from nastavnik_docs.web import page as web_page

    kits = dict(KITS)
    kits["collect"] = replace(KITS["stage-1"], name="collect", reader=lambda folder: None, title="Сводный")
    kits["report"] = replace(KITS["stage-6"], name="report", monitoring=True, title="Отчёт")
    monkeypatch.setattr(web_page, "KITS", kits)
    collect = _Page(client.get("/", params={"kit": "collect"}).text)
    assert "forms" in collect.inputs and "multiple" in collect.inputs["forms"] and "data" not in collect.inputs
    report = _Page(client.get("/", params={"kit": "report"}).text)
    assert "required" in report.inputs["monitoring"]


@pytest.mark.parametrize(
    "name, sheet", [("school.xlsx", "Анкета"), ("teachers.xlsx", "Анкета"), ("register.xlsx", "Наставники")]
)
def test_blank_workbooks(client, name, sheet):
    response = client.get(f"/blank/{name}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert sheet in openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames
    assert client.get("/blank/../../etc/passwd").status_code == 404
    assert client.get("/blank/other.xlsx").status_code == 404


def test_the_kit_is_made_with_progress_then_downloaded_once(client):
    files = _files(data=ROOT / "samples" / "school.xlsx", register=ROOT / "samples" / "register.xlsx")
    address = _finished(client, client.post("/kits/stage-5", files=files, follow_redirects=False))
    page = client.get(address).text
    assert "Комплект готов" in page and f'href="{address}/download"' in page
    download = client.get(f"{address}/download")
    assert download.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as kit:
        assert sorted(kit.namelist()) == [  # what a person downloads is named as the command line names it
            "01 Перечень мероприятий по распространению практик наставничества.docx",
            "01 Перечень мероприятий по распространению практик наставничества.xlsx",
            "02 Ресурсная карта реализации программы наставничества.docx",
            "02 Ресурсная карта реализации программы наставничества.xlsx",
        ]
    # once downloaded, nothing is left of it
    job = client.app.state.jobs.get(address.rsplit("/", 1)[-1])
    assert job is None
    assert client.get(f"{address}/download").status_code == 404
    assert "уже скачан" in client.get(address).text


def test_a_yaml_data_file_is_accepted_too_and_the_ids_box_names_files_by_id(client):
    assert 'name="ids" type="checkbox"' in client.get("/?kit=municipal").text
    address = _finished(
        client,
        client.post(
            "/kits/municipal",
            files=_files(data=ROOT / "samples" / "municipality.yaml"),
            data={"ids": "1"},
            follow_redirects=False,
        ),
    )
    with zipfile.ZipFile(io.BytesIO(client.get(f"{address}/download").content)) as kit:
        assert kit.namelist() == ["order-municipal.docx"]


def _broken_register() -> bytes:
    book = openpyxl.load_workbook(ROOT / "samples" / "register.xlsx")
    book["Наставляемые"]["F4"] = "вчера"
    book["Наставники"]["C5"] = None
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_every_problem_of_every_file_in_one_table_without_the_values(client):
    book = openpyxl.load_workbook(ROOT / "samples" / "school.xlsx")
    form = book["Анкета"]
    row = next(r for r in range(1, form.max_row + 1) if form.cell(r, 4).value == "orders.introduce_model.date")
    form.cell(row, 2).value = "Иванов Иван Иванович"
    stream = io.BytesIO()
    book.save(stream)
    response = client.post(
        "/kits/stage-4",
        files={"data": ("school.xlsx", stream.getvalue()), "register": ("register.xlsx", _broken_register())},
    )
    assert response.status_code == 422
    page = _Page(response.text)
    assert page.rows == [
        ["Анкета (файл данных)", "Анкета", str(row), "Дата приказа", "ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)"]
    ]
    assert "Иванов" not in response.text
    # with the questionnaire right, the register's problems
    files = {
        "data": ("school.xlsx", (ROOT / "samples" / "school.xlsx").read_bytes()),
        "register": ("register.xlsx", _broken_register()),
    }
    page = _Page(client.post("/kits/stage-4", files=files).text)
    assert ["Реестр участников", "Наставники", "5", "Имя", "обязательное поле не заполнено"] in page.rows
    assert [
        "Реестр участников",
        "Наставляемые",
        "4",
        "Дата рождения",
        "ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)",
    ] in page.rows
    assert "вчера" not in client.post("/kits/stage-4", files=files).text


def test_a_yaml_data_file_with_mistakes_names_its_fields(client):
    bad = (ROOT / "samples" / "teachers.yaml").read_text(encoding="utf-8").replace("year: 2026", "year: давно")
    response = client.post("/kits/teachers", files={"data": ("teachers.yaml", bad.encode())})
    assert response.status_code == 422
    assert _Page(response.text).rows == [["Анкета (файл данных)", "—", "—", "year", "ожидается целое число"]]


def test_missing_wrong_and_oversized_files(client):
    no_register = client.post("/kits/stage-4", files=_files(data=ROOT / "samples" / "school.xlsx"))
    assert no_register.status_code == 422
    assert _Page(no_register.text).rows == [
        ["Реестр участников", "—", "—", "—", "файл не выбран: комплекту нужен реестр участников"]
    ]
    wrong = client.post("/kits/stage-1", files={"data": ("school.docx", b"PK\x03\x04")})
    assert wrong.status_code == 415 and "ожидается анкета Excel или файл данных" in wrong.text
    not_a_book = client.post("/kits/stage-1", files={"data": ("school.xlsx", b"just text")})
    assert not_a_book.status_code == 422 and "не является книгой Excel" in not_a_book.text
    other_kind = client.post("/kits/municipal", files=_files(data=ROOT / "samples" / "school.xlsx"))
    assert "нужна анкета «municipality»" in other_kind.text
    big = client.post("/kits/stage-1", files={"data": ("school.yaml", b"a: b\n" * 1_200_000)})
    assert big.status_code == 413 and "больше 5 МБ" in big.text
    assert client.post("/kits/stage-9", files=_files(data=ROOT / "samples" / "school.xlsx")).status_code == 404
    assert client.app.state.jobs._jobs == {}  # no job is left behind by a refused upload


def test_a_body_over_the_service_limit_is_a_page_not_json():
    with TestClient(create_app(Settings(max_body=50_000, warm_up=False))) as small:
        response = small.post(
            "/kits/stage-4",
            files=_files(data=ROOT / "samples" / "school.xlsx", register=ROOT / "samples" / "register.xlsx"),
            headers={"Accept": "text/html,application/xhtml+xml"},
        )
    assert response.status_code == 413 and response.headers["content-type"].startswith("text/html")
    assert "Тело запроса больше" in response.text


def test_the_service_routes_and_openapi_are_unchanged_by_the_page(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(path == "/" or path.startswith(("/kits", "/jobs", "/blank", "/static")) for path in paths)
    assert client.get("/jobs/nothing").status_code == 404
