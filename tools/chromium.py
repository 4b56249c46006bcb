"""Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by selenium: one set of flags
for the results page's test and for its screenshot in docs/images/.

Selenium is told where the browser and its driver are, so it never looks for them elsewhere or
downloads one.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--lang=ru-RU",
)


def available() -> bool:
    """Return whether the browser and its driver are installed."""
    return CHROMIUM.is_file() and DRIVER.is_file()


def start(profile: Path, *, width: int = 1280, height: int = 2400, downloads: Path | None = None) -> Any:
    """Return a headless Chromium with a fresh profile in ``profile`` and a window of ``width`` × ``height``;
    with ``downloads``, files the page offers are saved there without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(30)
    if downloads is not None:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver
