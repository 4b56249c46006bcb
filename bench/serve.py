"""Requests per second and latency of the HTTP service: a bounded load on a local server.

    python bench/serve.py [--requests 500] [--clients 4] [--workers 1] [--document order-management-team]

Starts ``nastavnik-docs serve`` on a free port of 127.0.0.1, sends ``--requests`` requests for
one Word document (the sample school as JSON) from ``--clients`` concurrent clients, checks every
answer is a Word file, prints requests per second and the latency median, p95 and maximum, and
stops the server. Only 127.0.0.1 is ever addressed; the load is bounded in count and in time.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "nastavnik_docs", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    sys.exit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="server processes (uvicorn --workers)")
    parser.add_argument("--document", default="order-management-team")
    args = parser.parse_args()

    from nastavnik_docs.produce import sample_input

    body = sample_input("stage-1").model_dump(mode="json")
    port = free_port()
    server = start_server(port, args.workers)
    url = f"http://127.0.0.1:{port}/v1/documents/{args.document}?format=docx"
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    counter = iter(range(args.requests))

    def client() -> None:
        with httpx.Client(timeout=60) as session:
            while True:
                with lock:
                    if next(counter, None) is None:
                        return
                start = time.perf_counter()
                response = session.post(url, json=body)
                elapsed = time.perf_counter() - start
                ok = response.status_code == 200 and response.content.startswith(b"PK")
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        failures.append(response.status_code)

    try:
        with httpx.Client(timeout=60) as warm:  # first request: imports and template caches
            warm.post(url, json=body).raise_for_status()
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"{len(latencies)} requests for {args.document}.docx, {args.clients} clients, {args.workers} server process(es)"
    )
    print(f"requests per second: {len(latencies) / wall:.1f}  (wall {wall:.1f} s)")
    print(
        f"latency: median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"failed: {len(failures)} {sorted(set(failures)) if failures else ''}")


if __name__ == "__main__":
    main()
