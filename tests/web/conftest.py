"""The page under test: a real ``nastavnik-docs serve`` on 127.0.0.1 and a real headless Chromium driving it."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from api.conftest import Server

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # the flags are shared with tools/page_images.py
import chromium


@pytest.fixture(scope="session")
def page_server(tmp_path_factory):
    """Return ``nastavnik-docs serve`` running on 127.0.0.1 with its usual limits."""
    running = Server(tmp_path_factory.mktemp("page-server") / "server.log")
    yield running
    running.stop()


@pytest.fixture
def browser(tmp_path):
    """Return a headless Chromium (through chromedriver) downloading into ``tmp_path / "downloads"``."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    profile = Path(tempfile.mkdtemp(prefix="nastavnik-chromium-"))
    driver = chromium.start(profile, width=1366, height=768, downloads=downloads)
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
