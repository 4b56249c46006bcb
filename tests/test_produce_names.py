"""The names of a kit's files and folders as a secretary sees them, and every link between them.

The demo is made once named by titles and once by ids; the tests open the folders and the pages.
"""

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from nastavnik_docs.documents import KITS, get_document
from nastavnik_docs.io.manifest import MANIFEST
from nastavnik_docs.produce import produce_kit, produce_kits, sample_input

WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
NUMBERED = re.compile(r"^(\d{2}) \S")


@pytest.fixture(scope="module")
def titled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = {name: sample_input(name) for name in KITS}
    return produce_kits(inputs, tmp_path_factory.mktemp("titled") / "demo", titles=True)


@pytest.fixture(scope="module")
def by_ids(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # the kits with pages, and those the pages link to
    inputs = {name: sample_input(name) for name in ("stage-1", "stage-4", "stage-7", "monitoring")}
    return produce_kits(inputs, tmp_path_factory.mktemp("ids") / "demo")


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)


def test_stage_4_names_its_documents_and_folders_by_place_and_title(titled):
    assert entries(titled / "stage-4") == [
        "01 Приказ о закреплении наставнических пар (групп).docx",
        "02 Программа наставничества образовательной организации.docx",
        "03 Приказ об утверждении программы наставничества и индивидуальных планов наставнических пар (групп).docx",
        "04 План внедрения «Дорожной карты» целевой модели наставничества.docx",
        "04 План внедрения «Дорожной карты» целевой модели наставничества.xlsx",
        "05 Форма базы данных наставников, наставляемых и программ наставничества.xlsx",
        "06 Согласия на обработку персональных данных",
        "07 Соглашения о сотрудничестве между наставником и наставляемым",
        "08 Индивидуальные планы наставнических пар (групп)",
        "09 Договоры о социальном партнёрстве",
    ]
    plans = entries(titled / "stage-4" / "08 Индивидуальные планы наставнических пар (групп)")
    assert len(plans) == 82 and plans[:2] == ["01_Никитин_АМ.docx", "02_Толстая_НИ.docx"]


def test_the_teachers_kit_counts_its_folders_in_its_order(titled):
    assert entries(titled / "teachers") == [
        "01 Приказ о внедрении системы наставничества педагогических работников.docx",
        "02 Положение о системе наставничества педагогических работников.docx",
        "03 Дорожная карта (план мероприятий) по реализации Положения о системе наставничества.docx",
        "04 Письменные согласия педагогических работников на осуществление наставничества (ст. 351.8 ТК РФ)",
        "05 Дополнительные соглашения к трудовым договорам наставников (ст. 351.8 ТК РФ)",
        "06 Приказ о назначении наставнических пар (групп) педагогических работников.docx",
    ]


def test_a_colon_of_a_title_reads_as_a_dash(titled):
    assert "03 Итоги мониторинга реализации целевой модели наставничества — страница для сайта.html" in entries(
        titled / "monitoring"
    )


def test_every_kit_numbers_each_document_once_in_order_and_names_it_safely(titled):
    for name, kit in KITS.items():
        names = entries(titled / name)
        numbers = sorted({int(NUMBERED.match(n).group(1)) for n in names})  # type: ignore[union-attr]
        assert numbers == list(range(1, len(kit.documents) + 1)), name  # no place skipped, none without a number
        for entry in names:
            stem = entry.rsplit(".", 1)[0] if (titled / name / entry).is_file() else entry
            assert not WINDOWS_FORBIDDEN.search(entry) and not stem.endswith((" ", ".")), entry
            assert len(stem.removesuffix(" (фрагмент для сайта)")) <= 100, entry  # within Windows' 260 for a path
            assert not re.search(r"[A-Za-z]", stem), entry  # no English id left
        folders = [entry for entry in names if (titled / name / entry).is_dir()]
        batches = [d for d in kit.documents if get_document(d).each is not None]
        assert len(folders) == len(batches), name
        for folder in folders:
            files = entries(titled / name / folder)
            assert files and all(f.endswith(".docx") and not WINDOWS_FORBIDDEN.search(f) for f in files)
            numbers = [int(m.group(1)) for f in files if (m := re.match(r"^(\d+)_", f))]
            assert numbers == sorted(numbers), folder  # zero-padded: «10_…» sorts after «09_…»


def test_ids_keep_the_document_ids_and_english_folders(by_ids):
    assert sorted(p.name for p in (by_ids / "stage-4").iterdir() if p.is_dir()) == [
        "agreements",
        "consents",
        "individual-plans",
        "partnership-agreements",
    ]
    assert entries(by_ids / "stage-7") == [
        "best-practices",
        "school-report.docx",
        "website-results-fragment.html",
        "website-results.html",
    ]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for key, value in attrs if key in ("href", "src") and value]


def page_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links if not link.startswith(("tel:", "mailto:", "data:", "#", "http"))]


@pytest.mark.parametrize("mode", ["titled", "by_ids"])
def test_every_link_of_every_page_opens_a_file_of_the_kits(mode, request):
    root: Path = request.getfixturevalue(mode)
    pages = sorted(root.rglob("*.html"))
    assert len(pages) == 6
    checked = 0
    for page in pages:
        for link in page_links(page):
            target = unquote(link)
            here = page.parent / target
            # the results page links to the orders of stages 1 and 4 too: the school puts every kit on its site
            elsewhere = [root / kit / target for kit in ("stage-1", "stage-4") if (root / kit / target).is_file()]
            assert here.is_file() or elsewhere, f"{page.relative_to(root)}: {link}"
            checked += 1
    cases = [link for page in pages for link in page_links(page) if unquote(link).count("/") == 1]
    assert len(cases) == 4 and all((root / "stage-7" / unquote(link)).is_file() for link in cases)
    assert checked == 28  # the tab's 4 documents, the results' 2 cases, report and 7 orders, twice


def test_the_manifest_lists_the_files_under_their_names(titled):
    import json

    listed = {entry["name"] for entry in json.loads((titled / MANIFEST).read_text(encoding="utf-8"))["files"]}
    found = {p.relative_to(titled).as_posix() for p in titled.rglob("*") if p.is_file() and p.name != MANIFEST}
    assert listed == found
    assert "stage-4/06 Согласия на обработку персональных данных/Алексеев_ИИ.docx" in listed


def test_a_titled_zip_holds_the_same_names(tmp_path):
    target = produce_kit("stage-7", sample_input("stage-7"), tmp_path / "kit", as_zip=True, titles=True)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert all(info.flag_bits & 0x800 for info in archive.infolist())  # UTF-8 names: Windows reads them
    assert sorted(n.split("/")[0] for n in names if "/" in n) == ["03 Кейсы лучших наставнических практик"] * 2
    assert "01 Отчёт о реализации целевой модели наставничества за год.docx" in names
