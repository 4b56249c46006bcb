"""The service under test: its test client, and real servers (uvicorn) on 127.0.0.1.

Every test taking ``api`` runs twice: against the application through FastAPI's test client, and
against ``nastavnik-docs serve`` started as a real process. ``limited`` does the same with a
service allowed almost no time and given no LibreOffice (for 504 and 503).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from nastavnik_docs.api import Settings, create_app
from nastavnik_docs.produce import sample_input

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 1.0
"""The body limit of the services under test: the sample register fits, a 2 MB body does not."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``nastavnik-docs serve`` running as a real process on 127.0.0.1; its log collected in a file."""

    def __init__(self, log: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [sys.executable, "-m", "nastavnik_docs", "serve", "--port", str(self.port), *args]
        with log.open("wb") as stream:
            self.process = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT, env=env)
        started = time.monotonic()
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() - started > 60:
                raise RuntimeError(f"the server did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Return the real service with the test limits (1 MB bodies), LibreOffice for PDF."""
    running = Server(tmp_path_factory.mktemp("server") / "server.log", "--max-body-mb", str(LIMIT_MB))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def limited_server(tmp_path_factory):
    """Return a real service allowed 0.3 s per request and without LibreOffice on its PATH."""
    bare = tmp_path_factory.mktemp("bare-path")
    os.symlink(sys.executable, bare / "python3")
    env = {**os.environ, "PATH": str(bare)}
    running = Server(tmp_path_factory.mktemp("limited") / "server.log", "--timeout", "0.3", env=env)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def app_client():
    with TestClient(create_app(Settings(max_body=int(LIMIT_MB * 1024 * 1024)))) as client:
        yield client


@pytest.fixture(params=["testclient", "server"])
def api(request):
    """Return a client of the service: the test client, then a real server (the same tests for both)."""
    if request.param == "testclient":
        yield request.getfixturevalue("app_client")
        return
    with httpx.Client(base_url=request.getfixturevalue("server").url, timeout=120) as client:
        yield client


@pytest.fixture(params=["testclient", "server"])
def limited(request, monkeypatch):
    """Return a client of a service allowed 0.3 s per request and without LibreOffice."""
    if request.param == "testclient":
        from nastavnik_docs.render import pdf

        pdf.close_pdf_converter()
        monkeypatch.setattr(pdf, "find_libreoffice", lambda: None)
        with TestClient(create_app(Settings(timeout=0.3))) as client:
            yield client
        pdf.close_pdf_converter()
        return
    with httpx.Client(base_url=request.getfixturevalue("limited_server").url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def samples():
    """Return the bundled sample input of every kit as JSON data (what a client sends)."""
    from nastavnik_docs.documents import KITS

    return {name: sample_input(name).model_dump(mode="json") for name in KITS}


@pytest.fixture(scope="session")
def school(samples):
    return samples["stage-1"]
