"""Kits being made for the page: each in a temporary folder of its own, with its progress, until downloaded.

A job's folder holds what the coordinator uploaded that must be a file (the filled monitoring
form, a collection's forms) and the finished zip; it is removed when the zip has been sent, when
the job fails, when nobody downloads it within :data:`KEEP` seconds, and when the process ends.
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NastavnikDocsError, RenderTimeoutError

__all__ = ["KEEP", "Job", "Jobs"]

KEEP = 3600.0
"""Seconds a finished kit waits for its download before it is removed."""


@dataclass
class Job:
    """One kit being made: its progress, then its zip or its error."""

    id: str
    kit: str
    folder: Path
    total: int = 0
    pdfs: int = 0
    done: int = 0
    converted: int = 0
    state: str = "running"
    """``running``, ``done`` or ``failed``."""
    message: str = ""
    path: Path | None = None
    size: int = 0
    files: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def status(self) -> dict[str, object]:
        """Return the progress as the page's script reads it."""
        return {
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "converted": self.converted,
            "pdfs": self.pdfs,
            "message": self.message,
        }


class Jobs:
    """The jobs of one process: made in threads (at most ``threads`` at once), each under a time limit."""

    def __init__(self, *, threads: int, timeout: float) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(threads)
        self._timeout = timeout
        self._root: Path | None = None

    def _folder(self) -> Path:
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="nastavnik-web-"))
                atexit.register(shutil.rmtree, self._root, True)
            return Path(tempfile.mkdtemp(dir=self._root))

    def create(self, kit: str) -> Job:
        """Return a new job with an empty folder of its own (old undownloaded jobs are removed first)."""
        self.sweep()
        job = Job(secrets.token_urlsafe(18), kit, self._folder())
        with self._lock:
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        """Return the job ``job_id`` if it is still there."""
        with self._lock:
            return self._jobs.get(job_id)

    def remove(self, job: Job) -> None:
        """Forget ``job`` and remove its folder."""
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self) -> None:
        """Remove the jobs finished more than :data:`KEEP` seconds ago."""
        now = time.monotonic()
        with self._lock:
            old = [job for job in self._jobs.values() if job.finished is not None and now - job.finished > KEEP]
        for job in old:
            self.remove(job)

    def start(self, job: Job, work: Callable[[Job, Callable[[], None]], Path]) -> None:
        """Run ``work(job, check)`` in a thread of its own; ``check`` raises once the time is up."""
        deadline = time.monotonic() + self._timeout

        def check() -> None:
            if time.monotonic() > deadline:
                raise RenderTimeoutError(f"Комплект не собран за отведённое время ({self._timeout:g} с).")

        def run() -> None:
            with self._slots:
                try:
                    job.path = work(job, check)
                    job.size = job.path.stat().st_size
                    job.state = "done"
                except NastavnikDocsError as error:
                    job.message, job.state = str(error), "failed"
                    shutil.rmtree(job.folder, ignore_errors=True)
                except Exception:
                    job.message, job.state = "Внутренняя ошибка: комплект не собран.", "failed"
                    shutil.rmtree(job.folder, ignore_errors=True)
                finally:
                    job.finished = time.monotonic()

        threading.Thread(target=run, name=f"nastavnik-web-{job.kit}", daemon=True).start()
