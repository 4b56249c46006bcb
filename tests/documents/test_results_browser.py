"""Stage 7: the results page as a visitor sees it, in a real headless Chromium (Debian's ``chromium`` and
``chromium-driver``, driven by selenium), served over HTTP from 127.0.0.1.

.ci/run installs Chromium; without it these tests are skipped, saying why.
"""

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest

from nastavnik_docs.produce import build_kit, sample_input

NBSP = "\u00a0"

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # the flags are shared with tools/page_images.py
import chromium  # noqa: E402  (tools/, found through the path above)

pytestmark = pytest.mark.skipif(
    not chromium.available(),
    reason="нет Chromium: нужны пакеты Debian chromium и chromium-driver (их ставит .ci/run)",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Serve the stage-7 kit of the samples from a temporary folder; return the page's address."""
    folder = tmp_path_factory.mktemp("site")
    for item in build_kit("stage-7", sample_input("stage-7")).files:
        target = folder / item.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Write no line per request: the test's output stays readable."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(site, browser):
    browser.get(f"{site}/website-results.html")
    return browser


def test_the_visitor_sees_the_headings_and_the_figures(page, results_sections):
    from selenium.webdriver.common.by import By

    data = sample_input("stage-7")
    forms = data.report.forms.values()
    assert page.title == "Итоги наставничества за 2026 год — МБОУ «СОШ № 12»".replace("№ ", f"№{NBSP}")
    assert page.find_element(By.TAG_NAME, "h1").text == "Итоги наставничества за 2026 год"
    assert [h.text for h in page.find_elements(By.TAG_NAME, "h2")] == results_sections
    figures = [item.text.replace(NBSP, " ") for item in page.find_elements(By.CSS_SELECTOR, ".figures li")]
    assert figures[0] == f"{sum(f.pairs or 0 for f in forms)}\nнаставнические пары (группы)"
    assert figures[1].startswith(f"{sum(f.mentors or 0 for f in forms)}\n")
    assert figures[2].startswith(f"{sum(f.mentees or 0 for f in forms)}\n")
    indicators = page.find_elements(By.CSS_SELECTOR, "table")[1].find_elements(By.CSS_SELECTOR, "tbody tr")
    first = data.report.indicators["mentees-10-19"]
    assert indicators[0].find_elements(By.TAG_NAME, "td")[0].text == str(first.fact).replace(".", ",")
    assert page.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"


def test_every_chart_image_is_loaded_and_described(page):
    from selenium.webdriver.common.by import By

    images = page.find_elements(By.CSS_SELECTOR, "figure img")
    assert len(images) == 3
    for image in images:
        page.execute_script("arguments[0].scrollIntoView()", image)
        assert page.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 600
        assert image.get_attribute("alt").startswith("Столбчатая диаграмма")
        assert image.size["width"] > 300  # shown, not collapsed


def test_the_links_lead_to_the_documents_with_their_date_and_number(page, site):
    import urllib.request

    from selenium.webdriver.common.by import By

    links = {a.text.replace(NBSP, " "): a.get_attribute("href") for a in page.find_elements(By.CSS_SELECTOR, "a")}
    order = links[
        "Приказ от 07.10.2026 № 90-од «Об утверждении программы наставничества и индивидуальных планов наставнических пар (групп)»"
    ]
    assert order == f"{site}/order-approve-programme.docx"
    assert links["Приказ от 14.09.2026 № 87-од «О закреплении наставнических пар (групп)»"].endswith(
        "/order-pairs.docx"
    )
    report = links["Отчёт о реализации целевой модели наставничества за 2026 год"]
    cases = [href for text, href in links.items() if text.startswith("Кейс")]
    assert len(cases) == 2
    for href in [report, *cases]:  # the kit's own documents are there, next to the page
        with urllib.request.urlopen(href, timeout=10) as answer:
            assert answer.status == 200 and answer.read(2) == b"PK"


def test_a_screenshot_of_the_page(page, tmp_path):
    page.execute_script("window.scrollTo(0, 0)")
    target = tmp_path / "website-results.png"
    assert page.save_screenshot(str(target))
    assert target.read_bytes().startswith(b"\x89PNG")
