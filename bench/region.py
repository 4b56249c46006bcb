"""Region jobs: the same region made in this process, by one worker and by two workers, in one run.

Makes a region of invented organisations (tools/sample_region.py, none of them bad), then makes
stage-4 for all of them three times: ``nastavnik-docs region kits`` in a fresh process without a
broker; with ``--broker`` on a Redis started here and one ``nastavnik-docs worker``
(``--concurrency 1``); and with two such workers. The workers are started and warm before the
clock starts (a worker lives for days); the in-process run pays its imports, as a user's command
does. Every run's files are compared with the first's: they must be the same byte for byte.

    python bench/region.py [--organisations 30] [--pairs 6] [--keep FOLDER]

It also prints the bytes a document takes on disk and the bytes of Redis's memory a task takes while it
waits in the queue (2,000 tasks sent to a database no worker listens to).

The last line reads ``region: N documents; in-process D/s, 1 worker D/s, 2 workers D/s (×R of one)``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _workers(broker: str, count: int, logs: Path) -> list[subprocess.Popen[bytes]]:
    """Start ``count`` workers of one process each and wait until every one of them takes tasks."""
    started = []
    for number in range(count):
        log = logs / f"worker-{count}-{number}.log"
        command = [sys.executable, "-m", "nastavnik_docs", "worker", "--broker", broker, "-c", "1"]
        command += ["--name", f"bench{number}@%h"]
        with log.open("wb") as stream:
            started.append(subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT, start_new_session=True))
    for number, process in enumerate(started):
        log = logs / f"worker-{count}-{number}.log"
        while "ready." not in log.read_text(errors="replace"):
            if process.poll() is not None:
                raise RuntimeError(log.read_text(errors="replace"))
            time.sleep(0.1)
    return started


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(60)


def _queued_bytes(broker: str, count: int = 2000) -> float:
    """Return Redis's memory per organisation's task waiting in the queue (sent where no worker listens)."""
    import redis

    from nastavnik_docs.region.queue import ORGANISATION_KIT, CeleryRunner, QueueSettings

    client = redis.Redis.from_url(broker)
    before = int(client.info("memory")["used_memory"])
    app = CeleryRunner(QueueSettings(broker)).app
    options = {"as_zip": False, "pdf": False, "latin": False, "jobs": 1}
    folder, out = "/srv/nastavnik/region/2026/omsk/055-tarsky-123", "/srv/nastavnik/out/2026/omsk-stage-4"
    for _ in range(count):
        app.send_task(ORGANISATION_KIT, args=["stage-4", folder, out, options])
    used = int(client.info("memory")["used_memory"]) - before
    client.flushdb()
    return used / count


def _run(region: Path, out: Path, broker: str | None = None) -> float:
    """Return the seconds of ``nastavnik-docs region kits`` on ``region`` (a fresh process)."""
    command = [sys.executable, "-m", "nastavnik_docs", "region", "kits", str(region), "--kit", "stage-4"]
    command += ["-o", str(out)] + (["--broker", broker] if broker else [])
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=30)
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--keep", type=Path, help="keep the region and the outputs in this folder")
    args = parser.parse_args()
    from sample_region import make_region

    from nastavnik_docs.io.region import read_summary

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-region-"))
    region = work / "region"
    started = time.perf_counter()
    make_region(region, args.organisations, args.pairs, bad=False)
    print(
        f"region: {args.organisations} organisations, {args.pairs} pairs each ({time.perf_counter() - started:.1f} s)"
    )
    port = _free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    broker = f"redis://127.0.0.1:{port}/0"
    try:
        seconds = {"in-process": _run(region, work / "in-process")}
        summary = read_summary(work / "in-process")
        assert summary is not None and not summary.failed
        documents = summary.documents
        reference = _tree(work / "in-process")
        for count in (1, 2):
            workers = _workers(broker, count, work)
            try:
                name = f"{count} worker" + ("s" if count > 1 else "")
                seconds[name] = _run(region, work / name.replace(" ", "-"), broker)
            finally:
                _stop(workers)
            assert _tree(work / name.replace(" ", "-")) == reference, f"{name}: not the in-process files"
        queued = _queued_bytes(broker.rsplit("/", 1)[0] + "/5")
    finally:
        redis.terminate()
        redis.wait(10)
    for name, value in seconds.items():
        print(f"{name:>10}: {value:6.1f} s, {documents / value:6.1f} documents/s")
    one, two = seconds["1 worker"], seconds["2 workers"]
    stored = sum(len(data) for data in reference.values())
    print(f"files of the three runs the same byte for byte; cores: {os.cpu_count()}")
    print(f"on disk: {stored / documents / 1024:.1f} KiB a document; Redis: {queued:.0f} bytes a queued task")
    print(
        f"region: {documents} documents; in-process {documents / seconds['in-process']:.1f}/s, "
        f"1 worker {documents / one:.1f}/s, 2 workers {documents / two:.1f}/s (×{one / two:.2f} of one)"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
