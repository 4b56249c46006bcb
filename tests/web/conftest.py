"""The page under test: a real ``nastavnik-docs serve`` on 127.0.0.1 and a real headless Chromium driving it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from api.conftest import Server

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def page_server(tmp_path_factory):
    """Return ``nastavnik-docs serve`` running on 127.0.0.1 with its usual limits."""
    running = Server(tmp_path_factory.mktemp("page-server") / "server.log")
    yield running
    running.stop()


@pytest.fixture
def browser(tmp_path):
    """Return a headless Chromium (through chromedriver) downloading into ``tmp_path / "downloads"``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    profile = Path(tempfile.mkdtemp(prefix="nastavnik-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1366,768",
        "--lang=ru-RU",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
