"""The website pages as a school's web editor reads them: documents named with their date and number
as their Word files print them, dated news, links that still work once the fragment is pasted into a CMS.

The kit folder is written as the command line writes it (titles as file names) and read as a whole: every
link of the tab is followed to its file, which python-docx opens.
"""

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from readback import docx_text, flat, long_date

from nastavnik_docs.errors import NastavnikDocsError
from nastavnik_docs.produce import build_kit, produce_kit, sample_input

REQUISITES = re.compile(r"от (\d\d)\.(\d\d)\.(\d{4}) № (\S+?)[ )»]")


plain = flat  # no-break spaces and hyphens as plain ones: a reader compares words


class Page(HTMLParser):
    """Links (href, text), <time> elements (datetime, text), comments and the tag stack of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.times, self.comments, self.stack, self.news = [], [], [], [], []
        self._link = self._time = None
        self._item = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("meta", "br", "img"):
            self.stack.append(tag)
        if tag == "a":
            self._link = [attrs["href"], ""]
        elif tag == "time":
            self._time = [attrs["datetime"], ""]
        elif tag == "ul" and attrs.get("class") == "news":
            self._item = []

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()
        if tag == "a":
            self.links.append(tuple(self._link))
            self._link = None
        elif tag == "time":
            self.times.append(tuple(self._time))
            self._time = None
        elif tag == "ul" and self._item is not None:
            self.news, self._item = self._item, None

    def handle_data(self, data):
        for open_ in (self._link, self._time):
            if open_ is not None:
                open_[1] += data
        if self._item is not None and data.strip():
            self._item.append(data.strip())

    def handle_comment(self, data):
        self.comments.append(data.strip())


def parse(data):
    page = Page()
    page.feed(data if isinstance(data, str) else data.decode("utf-8"))
    page.close()
    assert page.stack == []
    return page


def printed_requisites(path):
    """Return (date, number) as the Word file prints them: an order's head, or a regulation's stamp."""
    document = docx.Document(path)
    if document.tables and document.tables[0].rows[0].cells[1].text.startswith("№"):  # an order's date | number
        day, number = (plain(cell.text) for cell in document.tables[0].rows[0].cells)
        return long_date(day), number.removeprefix("№ ")
    text = plain("\n".join(docx_text(path.read_bytes())))
    assert "УТВЕРЖДЕНО" in text
    found = re.search(r"^от (\d\d)\.(\d\d)\.(\d{4}) № (\S+)$", text, re.MULTILINE)
    assert found, "no approval stamp"
    return dt.date(int(found[3]), int(found[2]), int(found[1])), found[4]


@pytest.fixture(scope="module")
def stage1_folder(tmp_path_factory):
    """Return the stage-1 kit written as the command line writes it: titles as file names."""
    import yaml

    raw = yaml.safe_load((Path(__file__).resolve().parents[2] / "samples" / "school.yaml").read_text(encoding="utf-8"))
    return produce_kit("stage-1", raw, tmp_path_factory.mktemp("site") / "kit", titles=True)


def tab(folder, fragment=False):
    [path] = [p for p in folder.glob("*.html") if ("фрагмент" in p.name) == fragment]
    return parse(path.read_bytes())


@pytest.mark.parametrize("fragment", [False, True])
def test_every_document_of_the_tab_is_named_with_the_date_and_number_its_word_file_prints(stage1_folder, fragment):
    links = [(href, plain(text)) for href, text in tab(stage1_folder, fragment).links if href.endswith(".docx")]
    assert len(links) == 4
    for href, text in links:
        path = stage1_folder / unquote(href)
        assert path.is_file(), href  # the link leads to the file of the folder
        found = REQUISITES.search(text + " ")
        assert found, text
        day = dt.date(int(found[3]), int(found[2]), int(found[1]))
        assert (day, found[4]) == printed_requisites(path), text
    names = [text for _, text in links]
    assert names[0] == (
        "Приказ от 15.05.2026 № 45-од «О создании и организации работы управленческой команды для внедрения "
        "целевой модели наставничества»"
    )
    assert names[1] == "Приказ от 29.05.2026 № 52-од «О внедрении целевой модели наставничества обучающихся»"
    assert names[3] == "Положение о формах наставничества (утверждено приказом от 29.05.2026 № 52-од)"


def test_news_items_are_dated_by_the_schedule_in_russian_with_a_time_element(stage1_folder):
    page = tab(stage1_folder)
    # the sample dates its news by the orders they tell about: the Word files print the same days
    orders = sorted(stage1_folder.glob("0[12] *.docx"))
    days = [printed_requisites(path)[0] for path in orders]
    assert [(iso, plain(text)) for iso, text in page.times] == [
        (days[0].isoformat(), f"{days[0].day} мая 2026 г."),
        (days[1].isoformat(), f"{days[1].day} мая 2026 г."),
    ]
    assert plain(page.news[0]) == "15 мая 2026 г." and page.news[1].startswith("В школе создана управленческая команда")


def test_a_news_item_without_a_date_is_dated_by_the_tab_and_one_by_a_day_keeps_it(school_raw):
    school_raw["website"]["news"] = [
        "Открыта вкладка «Наставничество».",
        {"date": "01.09.2026", "text": "Начался учебный год."},
        {"date": "pairs_start+1d", "text": "Пары провели первые встречи."},
    ]
    school_raw["schedule"]["website"] = "2026-06-10"
    kit = build_kit("stage-1", school_raw)
    page = parse(next(f.data for f in kit.files if f.name == "website-tab.html"))
    assert [(iso, plain(text)) for iso, text in page.times] == [
        ("2026-06-10", "10 июня 2026 г."),
        ("2026-09-01", "1 сентября 2026 г."),
        ("2026-09-16", "16 сентября 2026 г."),
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("pair_start", r"website\.news\[0\]\.date: в графике этого комплекта нет точки «pair_start»"),
        ("someday", r"website\.news\[0\]\.date: неизвестная точка графика «someday»"),
        ("32.13.2026", r"website\.news\[0\]\.date: ожидается дата ДД\.ММ\.ГГГГ"),
    ],
)
def test_a_news_date_the_schedule_does_not_know_is_an_error_naming_the_field(school_raw, date, message):
    school_raw["website"]["news"] = [{"date": date, "text": "Новость"}]
    with pytest.raises(NastavnikDocsError, match=message):
        build_kit("stage-1", school_raw)


def test_without_a_documents_folder_the_fragment_tells_the_editor_its_links_are_relative(stage1_folder):
    page = tab(stage1_folder, fragment=True)
    hrefs = [href for href, _ in page.links if href.endswith(".docx")]
    assert len(hrefs) == 4 and not any(re.match(r"^[a-z]+:|^/", href) for href in hrefs)
    [comment] = page.comments
    assert "ссылки на документы относительные" in comment and "в ту же папку, где будет эта страница" in comment
    assert "website.documents_url" in comment


@pytest.mark.parametrize("url", ["https://school12.example/docs/nastavnik", "https://school12.example/docs/nastavnik/"])
def test_with_a_documents_folder_every_link_of_the_fragment_is_absolute(school_raw, url):
    school_raw["website"]["documents_url"] = url
    kit = build_kit("stage-1", school_raw, with_pdf=False)
    for name in ("website-tab.html", "website-tab-fragment.html"):
        page = parse(next(f.data for f in kit.files if f.name == name))
        documents = [href for href, _ in page.links if href.endswith(".docx")]
        assert documents == [
            f"https://school12.example/docs/nastavnik/{document}.docx"
            for document in ("order-management-team", "order-introduce-model", "regulation-model", "regulation-forms")
        ]
        [comment] = page.comments
        assert "ведут в папку https://school12.example/docs/nastavnik/" in comment


def test_the_results_page_links_into_the_folder_and_says_so(school_raw):
    sample = sample_input("stage-7")
    for url, start in ((None, ""), ("/upload/nastavnik", "/upload/nastavnik/")):
        school_raw["website"]["documents_url"] = url
        data = sample.model_copy(update={"school": sample.school.model_validate(school_raw)})
        files = {item.name: item.data for item in build_kit("stage-7", data).files}
        page = parse(files["website-results-fragment.html"])
        assert page.links and all(href.startswith(start) for href, _ in page.links)
        [comment] = page.comments
        assert ("относительные" in comment) is (url is None)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        'https://school12.example/docs"onmouseover="alert(1)',
        "https://school12.example/<script>",
        "https://school12.example/docs'",
        "https://school12.example/docs -->",
    ],
)
def test_a_hostile_documents_folder_is_refused_naming_the_field(school_raw, url):
    school_raw["website"]["documents_url"] = url
    with pytest.raises(NastavnikDocsError, match=r"website\.documents_url: "):
        build_kit("stage-1", school_raw)


def test_an_ampersand_of_the_folder_is_escaped_and_reads_back_as_typed(school_raw):
    school_raw["website"]["documents_url"] = "https://school12.example/files?dir=nastavnik&view=1"
    kit = build_kit("stage-1", school_raw)
    data = next(f.data for f in kit.files if f.name == "website-tab-fragment.html").decode("utf-8")
    assert "dir=nastavnik&amp;view=1/" in data and "dir=nastavnik&view=1/" not in data
    hrefs = [href for href, _ in parse(data).links if href.endswith(".docx")]
    assert hrefs[0] == "https://school12.example/files?dir=nastavnik&view=1/order-management-team.docx"


def test_the_results_page_names_the_stage1_files_as_the_stage1_folder_does(stage1_folder, tmp_path):
    """The command line names both kits' files by their titles: a link of the results page opens the stage-1 file."""
    out = produce_kit("stage-7", sample_input("stage-7"), tmp_path / "kit7", titles=True)
    [page] = [path for path in out.glob("*.html") if "фрагмент" not in path.name]
    links = {unquote(href): plain(text) for href, text in parse(page.read_bytes()).links if href.endswith(".docx")}
    stage1 = {path.name for path in stage1_folder.glob("*.docx")}
    linked = sorted(name for name in links if name in stage1)
    assert len(linked) == 4  # the two orders and the two regulations of stage 1
    for name in linked:
        found = REQUISITES.search(links[name] + " ")
        day = dt.date(int(found[3]), int(found[2]), int(found[1]))
        assert (day, found[4]) == printed_requisites(stage1_folder / name), name
    elsewhere = [name for name in links if name not in stage1 and not (out / name).is_file()]
    assert len(elsewhere) == 3  # the order on pairs, the programme and its order: the stage-4 folder's names
    assert all(re.match(r"^\d\d (Приказ|Программа) ", name) for name in elsewhere), elsewhere
    assert any("/" in name for name in links if (out / name).is_file())  # a case in its folder
