"""The monitoring kit made from the sample folder: sums checked against the forms' own cells, every bad
file with its cell, the report's tables, recommendations and charts, the results page as a visitor reads it."""

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
from readback import flat

from nastavnik_docs.documents.recommendations import applying_rules, figure
from nastavnik_docs.produce import build_kit, sample_input

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "monitoring"
COLUMNS = ("mentors", "mentees", "pairs", "started", "completed", "terminated")
FORMS = (
    "student_student",
    "teacher_teacher",
    "student_pupil",
    "employer_pupil",
    "teacher_pupil",
    "student_student_college",
    "employer_student",
)


def cells(path: Path) -> dict[str, object]:
    """Return every defined name's value of a filled form, read with openpyxl alone."""
    book = openpyxl.load_workbook(path)
    values = {}
    for name, defined in book.defined_names.items():
        [(title, coordinate)] = list(defined.destinations)
        values[name] = book[title][coordinate.replace("$", "")].value
    return values


@pytest.fixture(scope="module")
def good_forms():
    """The sample forms that are fine: «forma-NN.xlsx» straight in a municipality's folder (the test's own knowledge)."""
    paths = sorted(p for p in SAMPLES.glob("*/forma-*.xlsx") if re.fullmatch(r"forma-\d\d\.xlsx", p.name))
    return {p.relative_to(SAMPLES).as_posix(): cells(p) for p in paths}


@pytest.fixture(scope="module")
def kit():
    return {item.name: item.data for item in build_kit("monitoring", sample_input("monitoring")).files}


def test_the_kit_makes_the_summary_the_report_and_the_page(kit):
    assert sorted(kit) == [
        "analytical-report.docx",
        "monitoring-results-fragment.html",
        "monitoring-results.html",
        "monitoring-summary.xlsx",
    ]


def test_summary_sums_are_the_forms_own_figures_added_up(kit, good_forms):
    book = openpyxl.load_workbook(io.BytesIO(kit["monitoring-summary.xlsx"]))
    assert len(good_forms) == 30
    expected = {c: sum(f[f"fm_forms_{form}_{c}"] or 0 for f in good_forms.values() for form in FORMS) for c in COLUMNS}
    rows = list(book["Организации"].iter_rows(min_row=5, values_only=True))
    organisations = [row for row in rows if isinstance(row[0], int)]
    total = next(row for row in rows if row[1] == "Итого")
    assert sorted(row[18] for row in organisations) == sorted(good_forms)  # every good form counted once
    for row in organisations:
        form = good_forms[row[18]]
        assert row[2] == form["fm_org_short_name"].replace("№ ", "№\u00a0") and row[3] == form["fm_org_inn"]
        assert row[4:10] == tuple(sum(form[f"fm_forms_{name}_{c}"] or 0 for name in FORMS) for c in COLUMNS)
    assert dict(zip(COLUMNS, total[4:10], strict=True)) == expected
    base = sum(f["fm_indicators_mentees_10_19_base"] for f in good_forms.values())
    count = sum(f["fm_indicators_mentees_10_19_count"] for f in good_forms.values())
    assert total[10] == round(count * 100 / base, 1)
    practices = sum(f["fm_practice_best_practices"] for f in good_forms.values())
    assert total[14] == practices
    forms_sheet = list(book["Итоги"].iter_rows(min_row=7, values_only=True))
    by_form = {row[1]: row for row in forms_sheet if isinstance(row[0], int)}
    pairs = sum(f["fm_forms_teacher_teacher_pairs"] for f in good_forms.values())
    assert by_form["«учитель – учитель»"][4] == pairs
    assert by_form["«учитель – учитель»"][5] == round(pairs * 100 / expected["pairs"], 1)


def test_summary_plan_and_fact_per_organisation(kit, good_forms):
    book = openpyxl.load_workbook(io.BytesIO(kit["monitoring-summary.xlsx"]))
    sheet = book["План и факт"]
    header = [c.value for c in sheet[4]]
    assert header[3] == "Наставляемые 10–19 лет: факт, %" and header[4] == "Наставляемые 10–19 лет: план, %"
    short = {f["fm_org_short_name"].replace("№ ", "№\u00a0"): f for f in good_forms.values()}
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)]
    assert len(rows) == 30
    for row in rows:
        form = short[row[1]]
        base, count = form["fm_indicators_mentees_10_19_base"], form["fm_indicators_mentees_10_19_count"]
        assert row[3] == round(count * 100 / base, 1) and row[4] == form["fm_indicators_mentees_10_19_plan"]


def test_every_bad_file_is_on_the_errors_sheet_with_its_cell(kit):
    sheet = openpyxl.load_workbook(io.BytesIO(kit["monitoring-summary.xlsx"]))["Ошибки"]
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)]
    found = {(row[1], row[3] or "") for row in rows}
    assert found == {
        ("klyuchevskoy/forma-itog-vpisan.xlsx", "E25"),
        ("klyuchevskoy/forma-s-parolem.xlsx", ""),
        ("klyuchevskoy/soprovoditelnoe-pismo.txt", ""),
        ("novoborsk/forma-2025.xlsx", ""),
        ("novoborsk/forma-protivorechie.xlsx", "E19"),
        ("novoborsk/povtorno/forma-04.xlsx", ""),
        ("zaozerny/forma-oborvana.xlsx", ""),
        ("zaozerny/forma-s-tekstom.xlsx", "C18"),
        ("zaozerny/forma-s-tekstom.xlsx", "I22"),
        ("zaozerny/meropriyatiya.xlsx", ""),
        ("zaozerny/soprovoditelnoe-pismo.docx", ""),
    }
    messages = {row[1]: row[5] for row in rows}
    assert "защищена паролем" in messages["klyuchevskoy/forma-s-parolem.xlsx"]
    assert "повреждён" in messages["zaozerny/forma-oborvana.xlsx"]
    assert "другой версии" in messages["novoborsk/forma-2025.xlsx"]
    assert "уже принята из файла novoborsk/forma-04.xlsx" in messages["novoborsk/povtorno/forma-04.xlsx"]
    assert all(row[2] == "Мониторинг" for row in rows if row[3])
    assert "около двадцати" not in str(rows)  # a cell is named, never quoted


def test_summary_has_native_charts_over_its_tables(kit):
    with zipfile.ZipFile(io.BytesIO(kit["monitoring-summary.xlsx"])) as package:
        charts = sorted(name for name in package.namelist() if name.startswith("xl/charts/chart"))
        texts = [package.read(name).decode("utf-8") for name in charts]
    assert len(charts) == 3
    assert "'Итоги'!C6" in texts[0] and "'Итоги'!$B$7:$B$13" in texts[0]  # the series' name, the seven forms
    assert "'Показатели'!$E$5:$E$10" in texts[1]
    assert "'Организации'!$C$5:$C$34" in texts[2]  # all thirty organisations
    assert all("{%" not in text for text in texts)


def paragraphs_after(document, heading: str) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    start = texts.index(heading) + 1
    end = next(
        (i for i in range(start, len(texts)) if re.match(r"\d\. ", texts[i]) and "(" not in texts[i]), len(texts)
    )
    return texts[start:end]


def test_report_tables_recommendations_and_pictures(kit, good_forms):
    document = docx.Document(io.BytesIO(kit["analytical-report.docx"]))
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert "{{" not in text and "{%" not in text
    assert document.paragraphs[0].text == "Аналитическая справка"
    assert "К обработке приняты формы 30 образовательных организаций из 3 муниципальных образований" in text
    forms_table = document.tables[0]
    total = [cell.text for cell in forms_table.rows[-1].cells]
    pairs = sum(f[f"fm_forms_{form}_pairs"] or 0 for f in good_forms.values() for form in FORMS)
    assert total[1] == "Итого" and total[4] == str(pairs)
    indicators = [[cell.text for cell in row.cells] for row in document.tables[1].rows[1:]]
    assert [row[1] for row in indicators][:2] == ["Наставляемые 10–19\u00a0лет", "Наставники 15–19\u00a0лет"]
    assert len(document.inline_shapes) == 3  # forms, indicators, organisations

    # an organisation clearly behind plan is in the table of section 4 and gets the recommendation, with its figures
    def involvement(form):
        return round(form["fm_indicators_mentees_10_19_count"] * 100 / form["fm_indicators_mentees_10_19_base"], 1)

    behind = min(good_forms.values(), key=lambda f: involvement(f) / f["fm_indicators_mentees_10_19_plan"])
    name = behind["fm_org_short_name"].replace("№ ", "№\u00a0")
    fact, plan = involvement(behind), behind["fm_indicators_mentees_10_19_plan"]
    assert fact < plan * 0.8  # clearly behind: the samples have a few such organisations
    behind_table = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert any(flat(row[1]) == flat(name) and "Наставляемые 10–19 лет" in flat(row[3]) for row in behind_table)
    blocks = "\n".join(p.text for p in document.paragraphs)
    own = blocks.split(f" {name} (")[1].split("\n")[1:]
    recommendations = own[: next(i for i, line in enumerate(own) if not line.startswith("– "))]
    shown = f"{fact:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    assert flat(recommendations[0]) == flat(
        "– Расширить вовлечение обучающихся 10–19 лет в программы наставничества в роли наставляемых: доля "
        f"вовлечённых {shown}\u00a0% при плане {plan}\u00a0%. Провести диагностику запросов обучающихся и "
        "сформировать новые пары (группы) в формах «ученик – ученик» и «педагог – ученик»."
    )
    # the organisation without a survey is asked to hold one; one that meets its plan gets no such line
    assert "Провести анкетирование удовлетворённости" in blocks
    on_plan = next(row for row in indicators if flat(row[1]) == "Наставляемые 10–19 лет")
    assert int(on_plan[7].split(" / ")[0]) + int(on_plan[7].split(" / ")[1]) == 30
    errors = [[cell.text for cell in row.cells] for row in document.tables[-1].rows[1:]]
    assert len(errors) == 11 and errors[7][1] == "zaozerny/forma-s-tekstom.xlsx" and "C18" in errors[7][2]


class Page(HTMLParser):
    """What a visitor's reader sees: headings, captions, images with their alt text, the page's language."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.captions: list[str] = []
        self.images: list[dict[str, str]] = []
        self.lang = None
        self._open: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "img":
            self.images.append(attributes)
        if tag in ("h1", "h2", "caption", "figcaption"):
            self._open, self._text = tag, ""

    def handle_data(self, data):
        if self._open:
            self._text += data

    def handle_endtag(self, tag):
        if tag == self._open:
            (self.captions.append if "caption" in tag else lambda t: self.headings.append((tag, t)))(self._text.strip())
            self._open = None


def test_results_page_reads_as_a_visitor_hears_it(kit):
    html = kit["monitoring-results.html"].decode("utf-8")
    page = Page()
    page.feed(html)
    assert page.lang == "ru" and "{{" not in html and "{%" not in html
    assert page.headings[0] == (
        "h1",
        "Итоги мониторинга реализации целевой модели наставничества обучающихся за 2026 год",
    )
    assert [text for tag, text in page.headings[1:]] == [
        "Общие сведения",
        "Наставнические пары по формам наставничества",
        "Показатели эффективности: план и факт",
        "Организации",
        "Организации, не выполнившие плановые показатели",
    ]
    assert len(page.images) == 3
    for image in page.images:
        assert image["src"].startswith("data:image/png;base64,") and len(image["alt"]) > 40
    assert "«ученик – ученик»: наставляемых —" in page.images[0]["alt"]
    assert "Участники и пары по формам наставничества, 2026 год" in page.captions
    assert "Рисунок 3 — Наставляемые 10–19 лет по организациям: факт и план" in page.captions
    fragment = kit["monitoring-results-fragment.html"].decode("utf-8")
    assert "<html" not in fragment and fragment.strip().startswith("<section")


def test_rules_pick_recommendations_from_figures():
    figures = {
        "indicators": {"mentees-10-19": {"done": 80.0}, "mentees-satisfaction": {"base": None, "fact": None}},
        "pairs": {"terminated_share": 10.0},
        "practice": {"partners": 3, "events_outside": 2, "best_practices": 0},
        "behind": 1,
    }
    assert figure(figures, "indicators.mentees-10-19.done") == 80.0 and figure(figures, "indicators.none.done") is None
    assert applying_rules(figures) == ["mentees-behind", "survey-missing"]
    calm = {"indicators": {}, "pairs": {}, "practice": {"partners": 2, "events_outside": 1}, "behind": 0}
    assert applying_rules({**calm, "indicators": {"mentees-satisfaction": {"base": 40, "fact": 90.0}}}) == [
        "keep-going"
    ]
    proud = {
        **calm,
        "indicators": {"mentees-satisfaction": {"base": 40}},
        "practice": {**calm["practice"], "best_practices": 2},
    }
    assert applying_rules(proud) == ["share-practice"]


def test_an_empty_collection_still_makes_its_documents():
    from nastavnik_docs.models import MonitoringCollection

    files = {f.name: f.data for f in build_kit("monitoring", MonitoringCollection()).files}
    sheet = openpyxl.load_workbook(io.BytesIO(files["monitoring-summary.xlsx"]))["Ошибки"]
    assert any("Все представленные файлы приняты" in str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Все организации выполнили плановые значения показателей." in files["monitoring-results.html"].decode()
