"""Stage 7: the school's report, its results page and the cases of its best practices.

The figures are checked against the cells of the sample's filled form, read here with openpyxl by
their defined names (never through the package's reader); the best pairs against the register's
sheet read the same way.
"""

import io
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from readback import docx_text, flat

from nastavnik_docs.content import content_data
from nastavnik_docs.errors import InputError
from nastavnik_docs.models import SchoolResults
from nastavnik_docs.produce import build_kit, load_kit_input, sample_input

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
NBSP = "\u00a0"


def form_cells():
    """Return the value of every defined name of the sample's filled form."""
    book = openpyxl.load_workbook(SAMPLES / "monitoring-form.xlsx")
    values = {}
    for name, defined in book.defined_names.items():
        [(sheet, cell)] = list(defined.destinations)
        values[name] = book[sheet][cell.replace("$", "")].value
    return values


def shown(value):
    """Return a figure as the documents print it (decimal comma, one decimal at most, «—» for none)."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def share(part, whole):
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def best_pairs():
    """Return (number, result) of every pair of the register marked as a best practice, read with openpyxl."""
    book = openpyxl.load_workbook(SAMPLES / "register.xlsx", read_only=True)
    rows = list(book["Пары и группы"].iter_rows(values_only=True))
    book.close()
    headers = [str(h).rstrip("*") if h else h for h in rows[1]]
    pairs = [dict(zip(headers, row, strict=False)) for row in rows[3:] if row[0]]
    return [(str(p["№ пары"]), p["Результат"]) for p in pairs if p["Лучшая практика"] == "да"]


@pytest.fixture(scope="module")
def kit():
    return {item.name: item.data for item in build_kit("stage-7", sample_input("stage-7")).files}


@pytest.fixture(scope="module")
def report(kit):
    return docx.Document(io.BytesIO(kit["school-report.docx"]))


def table_rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_kit_makes_the_report_the_page_its_fragment_and_a_case_per_best_pair(kit):
    cases = sorted(name for name in kit if name.startswith("best-practices/"))
    assert {name for name in kit if "/" not in name} == {
        "school-report.docx",
        "website-results.html",
        "website-results-fragment.html",
    }
    assert [name.split("/")[1].split("_")[0] for name in cases] == sorted(code for code, _ in best_pairs())
    assert all(name.endswith(".docx") and " " not in name for name in cases)


def test_report_forms_table_is_the_forms_cells(report):
    cells = form_cells()
    school = yaml.safe_load((SAMPLES / "school.yaml").read_text(encoding="utf-8"))
    titles = {form["id"]: form["title"] for form in content_data("forms.yaml")}
    columns = ("mentors", "mentees", "pairs", "started", "completed", "terminated")
    expected = []
    for form_id, title in titles.items():
        key = form_id.replace("-", "_")
        if form_id in school["forms"] or cells[f"fm_forms_{key}_pairs"]:
            expected.append([f"«{title}»", *(str(cells[f"fm_forms_{key}_{c}"]) for c in columns)])
    rows = table_rows(report.tables[0])
    assert [row[1:] for row in rows[1:-1]] == expected
    totals = [str(sum(int(row[index]) for row in expected)) for index in range(1, 7)]
    assert rows[-1][1:] == ["Итого", *totals]


def test_report_indicators_table_is_the_forms_cells_with_fact_and_done_computed_here(report):
    cells = form_cells()
    rows = table_rows(report.tables[2])[1:]
    ids = [item["id"] for item in content_data("indicators.yaml")]
    assert len(rows) == len(ids)
    for row, key in zip(rows, ids, strict=True):
        name = f"fm_indicators_{key.replace('-', '_')}"
        base, count, plan = cells[f"{name}_base"], cells[f"{name}_count"], cells[f"{name}_plan"]
        fact = share(count, base)
        assert row[2:] == [shown(base), shown(count), shown(fact), shown(plan), shown(share(fact, plan))], key


def test_report_groups_and_dissemination_are_the_forms_cells(report):
    cells = form_cells()
    layout = next(s for s in content_data("final-monitoring.yaml")["sections"] if s["id"] == "groups")
    rows = table_rows(report.tables[1])[1:]
    assert [row[2] for row in rows] == [str(cells[f"fm_groups_{f['id']}"]) for f in layout["fields"]]
    text = "\n".join(docx_text(report_bytes(report)))
    events = sum(
        cells[f"fm_practice_events_{level}"]
        for level in ("school", "municipal", "regional", "federal", "international")
    )
    assert f"Проведено {events}{NBSP}мероприятия по распространению практик наставничества" in text
    assert f"участвуют {cells['fm_practice_partners']}{NBSP}организации-партнёра" in text
    assert cells["fm_comments_difficulties"][1:] in text  # the school's own comment, first letter lowered


def report_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_report_places_three_charts_and_leaves_no_tags(kit, report):
    assert len(report.inline_shapes) == 3
    text = "\n".join(docx_text(kit["school-report.docx"]))
    assert "{{" not in text and "{%" not in text
    assert "Рисунок 3. Удовлетворённость участников" in text
    assert "Плановые значения всех показателей на 2026 год достигнуты." in flat(text)
    assert "о реализации целевой модели наставничества обучающихся в МБОУ «СОШ № 12» за 2026 год" in flat(text).replace(
        NBSP, " "
    )


def test_one_case_per_best_pair_with_the_pairs_result(kit):
    cases = {name.split("/")[1].split("_")[0]: data for name, data in kit.items() if name.startswith("best-practices/")}
    for code, result in best_pairs():
        text = "\n".join(docx_text(cases[code]))
        assert result in text
        assert "КЕЙС ЛУЧШЕЙ НАСТАВНИЧЕСКОЙ ПРАКТИКИ" in text
        assert "«ученик – ученик»" in text
        assert "{{" not in text and "{%" not in text
    story = "\n".join(docx_text(cases["10"]))
    assert "«Читаем вместе»" in story and "читательский дневник с рисунками" in story
    assert "Отзыв наставника: Я научился объяснять просто" in story
    plain = flat("\n".join(docx_text(cases["17"])))
    assert "Наставническая пара (группа) № 17, форма наставничества «ученик – ученик»" in plain
    assert "Отзыв наставника: ____" in plain


def test_case_names_the_participants_by_initials_and_role(kit):
    data = sample_input("stage-7")
    pair = next(p for p in data.roster.pairs if p.code == "10")
    mentor = next(m for m in data.roster.mentors if m.code == pair.mentor)
    mentee = next(m for m in data.roster.mentees if m.code == pair.mentees[0])
    name = next(n for n in kit if n.startswith("best-practices/10_"))
    rows = [[flat(c) for c in row] for row in table_rows(docx.Document(io.BytesIO(kit[name])).tables[0])]
    last, first, middle = mentor.name.split()
    assert ["Наставник", f"{last} {first[0]}. {middle[0]}., {mentor.position}"] in rows
    last, first, middle = mentee.name.split()
    assert ["Наставляемый", f"{last} {first[0]}. {middle[0]}., {mentee.position}"] in rows
    assert all(mentor.name not in cell and mentee.name not in cell for row in rows for cell in row)


class Page(HTMLParser):
    """What a page holds: its headings, captions, images, links and text."""

    def __init__(self):
        super().__init__()
        self.lang, self.headings, self.captions, self.images, self.links, self.text = None, [], [], [], [], []
        self._open = None
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "caption", "a"):
            self._open, self._buffer = (tag, attrs), []
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            text = "".join(self._buffer).strip()
            if tag in ("h1", "h2"):
                self.headings.append((tag, text))
            elif tag == "caption":
                self.captions.append(text)
            else:
                self.links.append((self._open[1].get("href"), text))
            self._open = None

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._buffer.append(data)


def parse(html):
    page = Page()
    page.feed(html)
    return page


def test_results_page_shows_the_figures_charts_and_documents(kit, results_sections):
    page = parse(kit["website-results.html"].decode("utf-8"))
    cells = form_cells()
    assert page.lang == "ru"
    assert page.headings[0] == ("h1", "Итоги наставничества за 2026 год")
    assert [text for tag, text in page.headings[1:]] == results_sections
    assert page.captions[0].startswith("Таблица 1.") and len(page.captions) == 3
    text = " ".join(" ".join(page.text).split())
    pairs = sum(
        cells[name]
        for name in cells
        if name.startswith("fm_forms_") and name.endswith("_pairs") and "total" not in name
    )
    assert f"{pairs} наставнические пары (группы)" in text.replace(NBSP, " ")
    assert f"{shown(cells['fm_forms_total_satisfied_mentees'])}" in text
    assert len(page.images) == 3
    for image in page.images:
        assert image["src"].startswith("data:image/png;base64,")
        assert len(image["alt"]) > 60 and "Столбчатая диаграмма" in image["alt"]
    assert "«педагог – ученик» — наставников 30, наставляемых 73" in page.images[0]["alt"]


def test_results_page_links_documents_with_their_date_and_number(kit):
    page = parse(kit["website-results.html"].decode("utf-8"))
    links = {text.replace(NBSP, " "): href for href, text in page.links}
    assert (
        links[
            "Приказ от 07.10.2026 № 90-од «Об утверждении программы наставничества и индивидуальных планов наставнических пар (групп)»"
        ]
        == "order-approve-programme.docx"
    )
    assert (
        links["Приказ от 29.05.2026 № 52-од «О внедрении целевой модели наставничества обучающихся»"]
        == "order-introduce-model.docx"
    )
    assert (
        links["Положение о формах наставничества (утверждено приказом от 29.05.2026 № 52-од)"]
        == "regulation-forms.docx"
    )
    assert links["Отчёт о реализации целевой модели наставничества за 2026 год"] == "school-report.docx"
    cases = [href for href in links.values() if href.startswith("best-practices/")]
    assert sorted(cases) == sorted(name for name in kit if name.startswith("best-practices/"))


def test_results_fragment_is_the_section_alone(kit):
    fragment = kit["website-results-fragment.html"].decode("utf-8")
    assert "<html" not in fragment and "<style" not in fragment
    assert fragment.strip().startswith('<section class="nastavnik-results" lang="ru"')
    assert parse(fragment).headings == parse(kit["website-results.html"].decode("utf-8")).headings


def test_results_page_links_into_the_documents_folder(school_raw, tmp_path):
    school_raw["website"]["documents_url"] = "https://school12.example/docs"
    data = sample_input("stage-7").model_copy(
        update={"school": sample_input("stage-7").school.model_validate(school_raw)}
    )
    files = {item.name: item.data for item in build_kit("stage-7", data).files}
    hrefs = [href for href, _ in parse(files["website-results.html"].decode("utf-8")).links]
    assert hrefs and all(href.startswith("https://school12.example/docs/") for href in hrefs)


def test_a_story_of_a_pair_not_marked_best_is_refused(school_raw):
    school_raw["best_practices"].append({"pair": "1", "title": "Не лучшая"})
    sample = sample_input("stage-7")
    data = SchoolResults(school=sample.school.model_validate(school_raw), roster=sample.roster, report=sample.report)
    with pytest.raises(InputError, match=r"best_practices\[1\]\.pair: пары \(группы\) № 1 нет среди отмеченных"):
        build_kit("stage-7", data)


def test_a_form_of_another_organisation_is_refused(tmp_path, school_raw):
    school_raw["organisation"]["inn"] = "5509999999"
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump(school_raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="заполнена другой организацией"):
        load_kit_input("stage-7", other, SAMPLES / "register.xlsx", monitoring=SAMPLES / "monitoring-form.xlsx")


def test_the_kit_needs_the_form():
    with pytest.raises(InputError, match="нужна заполненная форма итогового мониторинга"):
        load_kit_input("stage-7", SAMPLES / "school.yaml", SAMPLES / "register.xlsx")
