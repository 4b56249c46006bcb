"""End to end: a real headless Chromium on the page of a real ``nastavnik-docs serve``.

It downloads the blanks, uploads the sample questionnaire and register, receives the zip, and
sees the problem table for a broken register. Screenshots of each state are taken at a laptop's
width (1366) and a phone's (390); with ``NASTAVNIK_SCREENSHOTS=docs/images`` they are kept there.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import chromium  # tools/chromium.py: the conftest of tests/web puts tools/ on the path
import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"laptop": (1366, 768), "phone": (390, 844)}

pytestmark = pytest.mark.skipif(
    not chromium.available(), reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
)


def _downloaded(folder: Path, name: str, timeout: float = 120) -> Path:
    """Return the file ``name`` once the browser has finished downloading it."""
    target = folder / name
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if target.exists() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; the folder has {sorted(p.name for p in folder.iterdir())}")


def _screenshots(driver, name: str, folder: Path) -> list[Path]:
    """Take the whole page at both widths; return the PNG files (also kept in $NASTAVNIK_SCREENSHOTS)."""
    taken = []
    keep = os.environ.get("NASTAVNIK_SCREENSHOTS")
    for width_name, (width, height) in WIDTHS.items():
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        full = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": max(height, full)})
        path = folder / f"web-{name}-{width_name}.png"
        path.write_bytes(driver.get_screenshot_as_png())
        assert path.read_bytes().startswith(b"\x89PNG")
        if keep:
            shutil.copy(path, Path(keep) / path.name)
        taken.append(path)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return taken


def _choose(driver, url: str, kit: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver.get(url)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    Select(driver.find_element(By.ID, "kit")).select_by_value(kit)
    driver.find_element(By.CSS_SELECTOR, "form.choose button").click()
    WebDriverWait(driver, 30).until(expected_conditions.url_contains(f"/?kit={kit}"))
    WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located((By.ID, "data")))


def test_a_coordinator_downloads_the_blanks_uploads_the_files_and_gets_the_kit(page_server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    _choose(browser, page_server.url + "/", "stage-4")
    # every input has its label, as a screen reader announces it
    for field in browser.find_elements(By.CSS_SELECTOR, "input, select"):
        assert browser.find_elements(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']"), field
    _screenshots(browser, "empty", tmp_path)

    browser.find_element(By.LINK_TEXT, "Анкета образовательной организации (Excel)").click()
    questionnaire = openpyxl.load_workbook(_downloaded(browser.downloads, "school.xlsx"))
    assert questionnaire["Анкета"]["A1"].value == "Анкета образовательной организации"
    browser.find_element(By.LINK_TEXT, "Реестр участников (Excel)").click()
    register = openpyxl.load_workbook(_downloaded(browser.downloads, "register.xlsx"))
    assert "Наставники" in register.sheetnames

    browser.find_element(By.ID, "data").send_keys(str(ROOT / "samples" / "school.xlsx"))
    browser.find_element(By.ID, "register").send_keys(str(ROOT / "samples" / "register.xlsx"))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    link = WebDriverWait(browser, 120).until(expected_conditions.element_to_be_clickable((By.ID, "download")))
    assert "Комплект готов" in browser.find_element(By.TAG_NAME, "main").text
    _screenshots(browser, "done", tmp_path)
    link.click()
    with zipfile.ZipFile(_downloaded(browser.downloads, "stage-4.zip")) as kit:
        names = kit.namelist()
        order = "01 Приказ о закреплении наставнических пар (групп).docx"
        assert {order, "02 Программа наставничества образовательной организации.docx"} <= set(names)
        assert len(names) == 402
        assert len([n for n in names if n.startswith("06 Согласия на обработку персональных данных/")]) == 228
        from readback import docx_text

        assert any("МБОУ «СОШ\xa0№\xa012»" in line for line in docx_text(kit.read(order)))


def test_a_broken_register_shows_every_problem_with_its_cell(page_server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    book = openpyxl.load_workbook(ROOT / "samples" / "register.xlsx")
    book["Наставляемые"]["F4"] = "вчера"  # Дата рождения: not a date
    book["Наставники"]["C5"] = None  # Имя: required
    book["Пары и группы"]["D6"] = "сосед – сосед"  # Форма наставничества: not in the list
    broken = tmp_path / "register.xlsx"
    book.save(broken)

    _choose(browser, page_server.url + "/", "stage-4")
    browser.find_element(By.ID, "data").send_keys(str(ROOT / "samples" / "school.xlsx"))
    browser.find_element(By.ID, "register").send_keys(str(broken))
    browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    table = browser.find_element(By.CSS_SELECTOR, "#problems table")
    assert browser.switch_to.active_element == browser.find_element(By.ID, "problems")  # focus moved there
    rows = [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    assert [
        "Реестр участников",
        "Наставляемые",
        "4",
        "Дата рождения",
        "ожидается дата ДД.ММ.ГГГГ (в ячейке — текст)",
    ] in rows
    assert ["Реестр участников", "Наставники", "5", "Имя", "обязательное поле не заполнено"] in rows
    assert any(row[:4] == ["Реестр участников", "Пары и группы", "6", "Форма наставничества"] for row in rows)
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "вчера" not in page and "сосед" not in page  # the values themselves are never shown
    _screenshots(browser, "errors", tmp_path)
    # the form is there again, for the corrected files
    assert browser.find_element(By.ID, "register").get_attribute("required") == "true"
