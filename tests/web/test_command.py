"""``nastavnik-docs web``: the service on 127.0.0.1, the page opened in the browser (Python's webbrowser)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
from api.conftest import _free_port


def test_web_starts_the_page_on_localhost_and_opens_the_browser(tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n")
    port = _free_port()
    env = {**os.environ, "BROWSER": f"{sys.executable} {browser} %s"}
    process = subprocess.Popen(
        [sys.executable, "-m", "nastavnik_docs", "web", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        started = time.monotonic()
        while not opened.exists() and time.monotonic() - started < 60:
            assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
            time.sleep(0.1)
        time.sleep(0.2)
        assert opened.read_text() == f"http://127.0.0.1:{port}/"
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert page.status_code == 200 and "Собрать комплект документов" in page.text
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode()
    assert f"Страница для координаторов: http://127.0.0.1:{port}/" in output
