"""Every endpoint and every error status, through the test client and through a real server."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openpyxl
import pytest
import yaml
from machine import needs_libreoffice
from readback import docx_text

from nastavnik_docs.documents import CATALOGUE, KITS
from nastavnik_docs.models import MunicipalData

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def problem(response, status):
    """Return the problem details of an error response, after checking its shape (RFC 9457)."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["type"].startswith("urn:nastavnik-docs:problem:")
    assert body["title"] and body["detail"]
    return body


def upload(name, path):
    return (name, Path(path).read_bytes())


# --- the catalogue and the service ----------------------------------------------------------------------------


def test_health(api):
    body = api.get("/healthz").json()
    assert body["status"] == "ok" and body["pdf"] in ("office", "soffice")


def test_the_catalogue_lists_every_document_with_its_formats_and_input(api):
    documents = {d["id"]: d for d in api.get("/v1/documents").json()}
    assert set(documents) == set(CATALOGUE)
    assert documents["roadmap"]["formats"] == ["docx", "xlsx", "pdf"]
    assert documents["website-tab"]["formats"] == ["html"]
    assert documents["consent-pd"] | {"title": ""} == {
        "id": "consent-pd",
        "title": "",
        "stage": 4,
        "formats": ["docx", "pdf"],
        "input": "SchoolRegister",
        "schema": "/v1/documents/consent-pd/schema",
        "batch": True,
        "kit": "stage-4",
    }


def test_the_kits_list_their_documents_and_register(api):
    kits = {k["name"]: k for k in api.get("/v1/kits").json()}
    assert set(kits) == set(KITS)
    assert kits["stage-4"]["register"] == "required" and kits["stage-4"]["data_file"] == "SchoolData"
    assert kits["teachers"]["register"] == "optional"
    assert kits["stage-1"]["documents"] == list(KITS["stage-1"].documents)


def test_schemas_of_documents_and_kits(api):
    schema = api.get("/v1/documents/order-municipal/schema").json()
    assert schema["title"] == "MunicipalData"
    assert set(schema["properties"]) == set(MunicipalData.model_fields)
    kit = api.get("/v1/kits/stage-4/schema").json()
    assert set(kit["properties"]) == {"school", "roster"}
    assert problem(api.get("/v1/kits/stage-9/schema"), 404)["detail"].startswith("Неизвестный комплект «stage-9»")


def test_openapi_documents_every_route_with_its_input_schema(api):
    schema = api.get("/openapi.json").json()
    body = schema["paths"]["/v1/documents/order-pairs"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/SchoolRegister"}
    kit = schema["paths"]["/v1/kits/stage-4"]["post"]["requestBody"]["content"]
    assert set(kit) == {"application/json", "multipart/form-data"}
    assert "SchoolData" in schema["components"]["schemas"]
    assert {"/healthz", "/v1/documents", "/v1/kits", "/v1/register/check"} <= set(schema["paths"])
    assert api.get("/docs").status_code == 200


# --- producing ------------------------------------------------------------------------------------------------


def test_one_document_from_a_json_body(api, school, visible):
    response = api.post("/v1/documents/order-management-team", json=school)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="order-management-team.docx"'
    text = visible("\n".join(docx_text(response.content)))
    assert "ПРИКАЗЫВАЮ:" in text and "Черных~Любовь Павловну" in text.replace("Черных ", "Черных~")
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("document_id", sorted(CATALOGUE))
def test_every_document_from_the_sample_data(app_client, samples, document_id):
    kit = next(k for k in KITS.values() if document_id in k.documents)
    spec = CATALOGUE[document_id]
    payload = samples[kit.name]
    if spec.model is not kit.model:  # a document of a kit whose input extends the document's (stage 6's questionnaires)
        payload = {key: value for key, value in payload.items() if key in spec.model.model_fields}
    response = app_client.post(f"/v1/documents/{document_id}", json=payload)
    assert response.status_code == 200, response.text[:300]
    first = spec.formats[0]
    if spec.each is not None:
        with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
            names = bundle.namelist()
        assert names and all(name.startswith(f"{spec.folder}/") and name.endswith(".docx") for name in names)
    elif first == "docx":
        assert not any("{{" in line for line in docx_text(response.content))
    elif first == "xlsx":
        assert response.headers["content-type"] == XLSX and response.content.startswith(b"PK")
    else:
        assert "<html" in response.text and "{{" not in response.text


def test_the_html_page_of_the_website_tab_links_the_kit(api, school):
    response = api.post("/v1/documents/website-tab?format=html", json=school)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert 'href="order-management-team.docx"' in response.text


def test_a_batch_document_is_a_zip_of_one_file_per_person(api, samples):
    response = api.post("/v1/documents/partnership-agreement", json=samples["stage-4"])
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        assert len(bundle.namelist()) == 4  # four partners in the sample register


def test_a_kit_from_a_json_body_is_named_as_a_person_reads_it(api, school):
    response = api.post("/v1/kits/stage-2", json=school)
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        assert sorted(bundle.namelist()) == [
            "01 Дорожная карта реализации системы мероприятий по внедрению целевой модели наставничества.docx",
            "01 Дорожная карта реализации системы мероприятий по внедрению целевой модели наставничества.xlsx",
            "02 План реализации мероприятий по внедрению целевой модели наставничества.docx",
            "02 План реализации мероприятий по внедрению целевой модели наставничества.xlsx",
        ]


def test_ids_name_a_kits_files_by_document_id(api, school):
    response = api.post("/v1/kits/stage-2?ids=true", json=school)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        assert sorted(bundle.namelist()) == ["plan.docx", "plan.xlsx", "roadmap.docx", "roadmap.xlsx"]


def test_a_kit_from_uploaded_files_is_the_command_lines_kit(api, tmp_path):
    files = {
        "data": upload("school.yaml", ROOT / "samples" / "school.yaml"),
        "register": upload("register.xlsx", ROOT / "samples" / "register.xlsx"),
    }
    response = api.post("/v1/kits/stage-4", files=files)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="stage-4.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        names = bundle.namelist()
        order = docx_text(bundle.read("01 Приказ о закреплении наставнических пар (групп).docx"))
    assert (
        len(names) == 402 and sum(n.startswith("06 Согласия на обработку персональных данных/") for n in names) == 228
    )
    assert any("ПРИКАЗЫВАЮ" in line for line in order)


def test_a_json_data_file_upload(api, school):
    files = {"data": ("school.json", json.dumps(school, ensure_ascii=False).encode("utf-8"), "application/json")}
    response = api.post("/v1/kits/stage-1?latin=true&ids=true", files=files)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        assert "regulation-model.docx" in bundle.namelist()


def test_the_register_check_answers_every_problem_with_its_cell(api, tmp_path):
    good = api.post("/v1/register/check", files={"register": upload("r.xlsx", ROOT / "samples" / "register.xlsx")})
    assert good.json() == {
        "valid": True,
        "detail": "Реестр в порядке.",
        "counts": {"mentors": 82, "mentees": 146, "pairs": 82, "partners": 4},
        "problems": [],
        "warnings": [],
    }
    broken = _broken_register(tmp_path)
    body = api.post("/v1/register/check", files={"register": upload("broken.xlsx", broken)}).json()
    assert body["valid"] is False
    assert {"sheet": "Наставляемые", "row": 4, "column": "Дата рождения"}.items() <= body["problems"][0].items()
    assert body["problems"][0]["text"] == (
        "Наставляемые, строка 4, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)"
    )


def _broken_register(tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(ROOT / "samples" / "register.xlsx")
    sheet = book["Наставляемые"]
    column = next(c.column for c in sheet[2] if c.value and str(c.value).startswith("Дата рождения"))
    sheet.cell(row=4, column=column).value = "когда-то"
    path = tmp_path / "broken.xlsx"
    book.save(path)
    return path


# --- errors ---------------------------------------------------------------------------------------------------


def test_invalid_data_is_422_with_the_command_lines_paths(api, school, tmp_path):
    bad = json.loads(json.dumps(school))
    bad["organisation"]["director"]["name"] = "Tkach Anna"
    del bad["curator"]
    body = problem(api.post("/v1/documents/order-management-team", json=bad), 422)
    assert body["detail"] == "тело запроса: 2 ошибки в данных."
    fields = {p["field"]: p for p in body["problems"]}
    assert fields["curator"]["message"] == "обязательное поле не заполнено"
    assert fields["organisation.director.name"]["loc"] == ["organisation", "director", "name"]
    assert "Tkach" not in json.dumps(body)
    # the same problems, word for word, as the command line prints for the same data in a file
    data = tmp_path / "school.yaml"
    data.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    printed = subprocess.run(
        [*_cli(), "kit", "stage-1", str(data), "-o", str(tmp_path / "out")], capture_output=True, text=True
    ).stderr
    assert [line.strip() for line in printed.splitlines()[1:]] == [p["text"] for p in body["problems"]]


def _cli():
    import sys

    return [sys.executable, "-m", "nastavnik_docs"]


def test_a_register_given_as_data_is_checked_across_records(api, samples):
    data = json.loads(json.dumps(samples["stage-4"]))
    data["roster"]["pairs"][2]["mentor"] = "нет-такого"
    body = problem(api.post("/v1/kits/stage-4", json=data), 422)
    assert {"field": "roster.pairs[2].mentor", "message": "такого кода нет на листе «Наставники»"}.items() <= (
        body["problems"][0].items()
    )


def test_register_problems_of_an_upload_are_422_with_sheet_row_and_column(api, tmp_path):
    files = {
        "data": upload("school.yaml", ROOT / "samples" / "school.yaml"),
        "register": upload("r.xlsx", _broken_register(tmp_path)),
    }
    body = problem(api.post("/v1/kits/stage-4", files=files), 422)
    assert body["detail"] == "register.xlsx: 1 ошибка в реестре."
    assert body["problems"][0] | {"text": ""} == {
        "message": "ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)",
        "text": "",
        "sheet": "Наставляемые",
        "row": 4,
        "column": "Дата рождения",
    }


@pytest.mark.parametrize(
    "request_args, status",
    [
        (("POST", "/v1/documents/consent"), 404),
        (("POST", "/v1/kits/stage-9"), 404),
        (("GET", "/v1/documents/nope/schema"), 404),
        (("GET", "/nowhere"), 404),
        (("DELETE", "/v1/documents"), 405),
    ],
)
def test_unknown_addresses(api, request_args, status):
    method, url = request_args
    body = problem(api.request(method, url, json={}), status)
    if "consent" in url:
        assert "Возможно, вы имели в виду «consent-pd»?" in body["detail"]


def test_a_format_the_document_has_not_is_422(api, school):
    body = problem(api.post("/v1/documents/website-tab?format=pdf", json=school), 422)
    assert body["problems"] == [
        {
            "message": "допустимые значения: html",
            "text": "format: допустимые значения: html",
            "field": "format",
            "loc": ["format"],
        }
    ]


def test_a_bad_query_value_is_422(api, school):
    body = problem(api.post("/v1/kits/stage-1?pdf=maybe", json=school), 422)
    assert body["problems"][0]["field"] == "pdf"


def test_broken_json_and_bad_encoding_are_422(api):
    headers = {"content-type": "application/json"}
    body = problem(api.post("/v1/documents/roadmap", content=b'{"organisation": ', headers=headers), 422)
    assert body["detail"].startswith("тело запроса, строка 1: ошибка синтаксиса JSON")
    body = problem(api.post("/v1/documents/roadmap", content="[1]".encode("utf-16"), headers=headers), 422)
    assert "UTF-8" in body["detail"]
    body = problem(api.post("/v1/documents/roadmap", content=b"[" * 100_000, headers=headers), 422)
    body = problem(api.post("/v1/documents/roadmap", json=[1, 2]), 422)
    assert body["problems"][0]["text"].startswith("верхний уровень: ожидается набор полей")


def test_a_body_over_the_limit_is_413(api):
    big = b'{"a": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    problem(api.post("/v1/documents/roadmap", content=big, headers={"content-type": "application/json"}), 413)
    chunks = (b"x" * 65536 for _ in range(40))  # no Content-Length: counted as it arrives
    problem(api.post("/v1/kits/stage-1", content=chunks, headers={"content-type": "application/json"}), 413)


@pytest.mark.parametrize(
    "files, detail",
    [
        ({"data": ("school.docx", b"PK\x03\x04 not yaml")}, "Файл данных: ожидается YAML, JSON или анкета Excel"),
        (
            {"data": ("s.yaml", b"a: 1"), "register": ("register.csv", b"a;b")},
            "Реестр участников: ожидается книга Excel",
        ),
        ({"data": ("s.yaml", b"a: 1"), "register": ("register.xlsx", b"not a zip")}, "файл не является книгой Excel"),
    ],
)
def test_a_wrong_file_type_is_415(api, files, detail):
    assert detail in problem(api.post("/v1/kits/teachers", files=files), 415)["detail"]


def test_a_body_neither_json_nor_multipart_is_415(api):
    problem(api.post("/v1/kits/stage-1", content=b"a: 1", headers={"content-type": "text/yaml"}), 415)
    problem(api.post("/v1/register/check", content=b"PK", headers={"content-type": XLSX}), 415)


def test_upload_mistakes_say_which_field(api):
    body = problem(api.post("/v1/kits/stage-1", files={"register": ("r.xlsx", b"PK\x03\x04")}), 422)
    assert body["detail"] == "Комплекту stage-1 реестр участников не нужен: укажите только файл данных."
    body = problem(api.post("/v1/kits/stage-4", files={"data": ("s.yaml", b"a: 1")}), 422)
    assert body["detail"].startswith("Для комплекта stage-4 нужен реестр участников")
    body = problem(api.post("/v1/kits/stage-1", files={"data": ("s.yaml", b"a: [1"), "photo": ("p.png", b"x")}), 422)
    assert body["problems"][0]["field"] == "photo"
    body = problem(api.post("/v1/kits/stage-1", files={"data": ("s.yaml", b"a: [1")}), 422)
    assert body["detail"].startswith("data.yaml, строка 1: ошибка синтаксиса YAML")


def test_over_the_time_limit_is_504(limited, samples):
    body = problem(limited.post("/v1/kits/stage-4", json=samples["stage-4"]), 504)
    assert body["detail"] == "Документы не изготовлены за отведённое время (0.3 с)."


def test_pdf_without_libreoffice_is_503(limited, school):
    body = problem(limited.post("/v1/documents/order-management-team?format=pdf", json=school), 503)
    assert body["detail"].startswith("LibreOffice не найден.")


# --- PDF --------------------------------------------------------------------------------------------------------


@needs_libreoffice
def test_eight_concurrent_pdf_requests_all_give_valid_pdfs(server, samples):
    asks = [
        ("order-management-team", "stage-1", "ПРИКАЗЫВАЮ"),
        ("order-introduce-model", "stage-1", "ПРИКАЗЫВАЮ"),
        ("regulation-model", "stage-1", "ПОЛОЖЕНИЕ"),
        ("roadmap", "stage-1", "Дорожная карта"),
        ("monitoring-form", "stage-1", "мониторинг"),  # a workbook: PDF from Excel
        ("order-municipal", "municipal", "ПРИКАЗЫВАЮ"),
        ("order-teacher-model", "teachers", "ПРИКАЗЫВАЮ"),
        ("order-pairs", "stage-4", "ПРИКАЗЫВАЮ"),
    ]

    def ask(item):
        document_id, kit, _ = item
        with httpx.Client(base_url=server.url, timeout=120) as client:
            return client.post(f"/v1/documents/{document_id}?format=pdf", json=samples[kit])

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(ask, asks))
    for (document_id, _, word), response in zip(asks, responses, strict=True):
        assert response.status_code == 200, (document_id, response.text[:300])
        assert response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF") and b"%%EOF" in response.content[-1024:]
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
            ).stdout
            assert word.lower() in text.decode("utf-8").lower(), document_id


@needs_libreoffice
def test_a_kit_with_pdf(api, school):
    response = api.post("/v1/kits/stage-2?pdf=true&ids=true", json=school)
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        names = sorted(bundle.namelist())
        assert names == ["plan.docx", "plan.pdf", "plan.xlsx", "roadmap.docx", "roadmap.pdf", "roadmap.xlsx"]
        assert bundle.read("plan.pdf").startswith(b"%PDF")


# --- what the server writes in its log ----------------------------------------------------------------------


def test_the_server_log_holds_no_personal_data_nor_file_names(server, samples):
    secret = json.loads(json.dumps(samples["stage-1"]))
    secret["organisation"]["director"]["name"] = "Секретова Тайна Скрытовна"
    with httpx.Client(base_url=server.url, timeout=60) as client:
        client.post("/v1/documents/order-management-team?format=docx&note=Секретова", json=secret)
        client.post(
            "/v1/kits/stage-1", files={"data": ("Секретова_ТС.yaml", yaml.safe_dump(secret, allow_unicode=True))}
        )
        client.post("/v1/documents/Секретова", json=secret)
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "POST /v1/documents/order-management-team 200" in log
    assert "POST /v1/documents/{document_id} 404" in log
    assert "Секретова" not in log and "Тайна" not in log and "%D0%A1" not in log


def test_stage_6_takes_the_survey_answers_as_a_third_upload(api):
    files = {
        "data": upload("school.yaml", ROOT / "samples" / "school.yaml"),
        "register": upload("register.xlsx", ROOT / "samples" / "register.xlsx"),
        "surveys": upload("surveys.xlsx", ROOT / "samples" / "surveys.xlsx"),
    }
    response = api.post("/v1/kits/stage-6", files=files)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        form = "01 Форма итогового мониторинга эффективности реализации целевой модели наставничества.xlsx"
        book = openpyxl.load_workbook(io.BytesIO(bundle.read(form)))
    [(title, coordinate)] = list(book.defined_names["fm_forms_total_satisfied_mentees"].destinations)
    assert book[title][coordinate.replace("$", "")].value == 79.8
    files["surveys"] = upload("surveys.xlsx", ROOT / "samples" / "surveys.xlsx")
    refused = api.post(
        "/v1/kits/stage-4", files={**files, "register": upload("register.xlsx", ROOT / "samples" / "register.xlsx")}
    )
    assert refused.status_code == 422 and "ответы анкетирования не нужны" in refused.text
