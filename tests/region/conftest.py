"""A region of invented organisations, its kits made in this process, and a real Redis with real workers.

The region (tools/sample_region.py) holds 21 organisations, the last one deliberately bad (a text
where a birth date belongs). Redis (Debian's redis-server) and the workers (``nastavnik-docs
worker``) run as separate processes on 127.0.0.1, each worker in a process group of its own so
that a test can kill it whole, as a machine that is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(
    0, str(Path(__file__).resolve().parents[2] / "tools")
)  # the scripts of tools/ import each other by name

from api.conftest import _free_port
from sample_region import make_region

from nastavnik_docs.region import produce_region

ORGANISATIONS = 21
PAIRS = 2
"""Pairs in each register: enough for every kind of document of stage 4, few for speed."""
VISIBILITY = 20
"""Seconds after which a task of a dead worker goes to another: longer than any kit of the test takes."""

_TASK = re.compile(r"Task (\S+)\[([0-9a-f-]{36})\] (received|succeeded)")


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file below ``folder`` by its path inside it, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="session")
def region(tmp_path_factory) -> Path:
    """Return the region folder: 21 organisations, the last one bad."""
    folder = tmp_path_factory.mktemp("region") / "omsk"
    make_region(folder, ORGANISATIONS, PAIRS)
    return folder


@pytest.fixture(scope="session")
def in_process(region, tmp_path_factory) -> Path:
    """Return the region's stage-4 kits made in this process (the reference of the workers' run)."""
    out = tmp_path_factory.mktemp("in-process") / "kits"
    produce_region("stage-4", region, out)
    return out


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """Return the URL of a real Redis started on a free local port (no persistence), stopped after the tests."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed: .ci/run installs it (apt-get install redis-server)")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with (folder / "redis.log").open("wb") as log:
        process = subprocess.Popen([*command, "--dir", str(folder)], stdout=log, stderr=subprocess.STDOUT)
    import redis

    client = redis.Redis(port=port)
    started = time.monotonic()
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() - started > 20:
                raise RuntimeError((folder / "redis.log").read_text(errors="replace")) from None
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


class Worker:
    """``nastavnik-docs worker`` as a real process (and its pool) in a process group of its own; its log in a file."""

    def __init__(self, broker: str, log: Path, name: str) -> None:
        self.log = log
        self.name = name
        command = [
            sys.executable,
            "-m",
            "nastavnik_docs",
            "worker",
            "--broker",
            broker,
            "--concurrency",
            "1",
            "--name",
            name,
            "--visibility-timeout",
            str(VISIBILITY),
        ]
        with log.open("wb") as stream:
            self.process = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT, start_new_session=True)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = 90) -> None:
        """Wait until the worker takes tasks."""
        started = time.monotonic()
        while "ready." not in self.text():
            if self.process.poll() is not None or time.monotonic() - started > timeout:
                raise RuntimeError(f"the worker did not start:\n{self.text()}")
            time.sleep(0.1)

    def tasks(self, event: str) -> list[str]:
        """Return the ids of the tasks this worker logged as ``received`` or ``succeeded``, in order."""
        return [match[2] for match in _TASK.finditer(self.text()) if match[3] == event]

    def busy_with(self) -> str | None:
        """Return the id of the task the worker is running now, if any."""
        received, succeeded = self.tasks("received"), set(self.tasks("succeeded"))
        running = [task for task in received if task not in succeeded]
        return running[-1] if running else None

    def kill(self) -> None:
        """Kill the worker and its pool at once (SIGKILL): no task is finished or given back."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def workers(redis_url, tmp_path):
    """Return two started workers on the test's Redis (stopped after the test)."""
    started = [Worker(redis_url, tmp_path / f"worker-{n}.log", f"w{n}@test") for n in (1, 2)]
    try:
        for worker in started:
            worker.wait_ready()
        yield started
    finally:
        for worker in started:
            worker.stop()
