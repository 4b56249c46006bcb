"""The HTTP service's kit jobs: a kit made by a worker while the service keeps answering.

A job is a folder of the shared results folder, ``jobs/<id>/``, made by the service: ``job.json``
(the kit and its options) and ``input.json`` (the validated input, which holds personal data: owner
only, removed once the kit is made), then ``<kit>.zip`` written by the worker. The job id is the
Celery task's id; the broker carries only the folder's path. A job's state is its archive on disk
or, before that, its task's state in Redis.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CatalogueError
from ..io.output import os_errors
from ..io.sinks import write_file
from ..models import Model
from .queue import CeleryRunner, QueueSettings
from .work import JOB_FILE, JOB_INPUT

__all__ = ["JobState", "JobStore"]

_ID = re.compile(r"^[0-9a-f]{32}$")
_STATES = {"PENDING": "queued", "RECEIVED": "queued", "RETRY": "queued", "STARTED": "running", "PROGRESS": "running"}


@dataclass(frozen=True, slots=True)
class JobState:
    """Where a job stands: ``queued``, ``running``, ``done`` or ``failed``, with its progress and its error."""

    id: str
    kit: str
    state: str
    done: int | None = None
    total: int | None = None
    documents: int | None = None
    error: str | None = None


class JobStore:
    """The kit jobs kept in ``results``/jobs and sent to the workers of ``settings``' broker."""

    def __init__(self, results: str | Path, settings: QueueSettings) -> None:
        self.folder = Path(results).absolute() / "jobs"
        self.runner = CeleryRunner(settings)

    def create(self, kit: str, model: Model, *, pdf: bool = False, latin: bool = False, titles: bool = False) -> str:
        """Store a job of kit ``kit`` made from the validated ``model`` and send it to the workers; return its id."""
        job_id = uuid.uuid4().hex
        place = self.folder / job_id
        with os_errors(self.folder, what="задание"):
            place.mkdir(mode=0o700, parents=True)
        try:
            write_file(place / JOB_INPUT, model.model_dump_json().encode("utf-8"), what="задание")
            job = {"kit": kit, "pdf": pdf, "latin": latin, "titles": titles}
            write_file(place / JOB_FILE, json.dumps(job, ensure_ascii=False).encode("utf-8"), what="задание")
            self.runner.submit_job(place, job_id)
        except BaseException:
            shutil.rmtree(place, ignore_errors=True)
            raise
        return job_id

    def _place(self, job_id: str) -> tuple[Path, dict[str, Any]]:
        """Return a job's folder and description; an unknown id is :class:`CatalogueError` (404)."""
        place = self.folder / job_id
        try:
            if not _ID.match(job_id):
                raise FileNotFoundError(job_id)
            return place, json.loads((place / JOB_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise CatalogueError(f"Задания {job_id[:40]} нет: оно не создавалось или уже удалено.") from None

    def state(self, job_id: str) -> JobState:
        """Return where job ``job_id`` stands."""
        place, job = self._place(job_id)
        kit = job["kit"]
        if (place / f"{kit}.zip").is_file() and not (place / JOB_INPUT).exists():
            return JobState(job_id, kit, "done", job.get("documents"), job.get("documents"), job.get("documents"))
        self.runner.check()  # Redis down: 503 at once, not a minute of the backend's retries
        task = self.runner.job_result(job_id)
        status, info = task.state, task.info
        if status == "SUCCESS" and isinstance(info, dict) and not info.get("ok", True):
            return JobState(job_id, kit, "failed", error=str(info.get("error")))
        if status == "FAILURE":
            kind = type(info).__name__
            return JobState(job_id, kit, "failed", error=f"Задание прервано: {kind}.")
        progress = info if status == "PROGRESS" and isinstance(info, dict) else {}
        return JobState(job_id, kit, _STATES.get(status, "running"), progress.get("done"), progress.get("total"))

    def result(self, job_id: str) -> tuple[Path, JobState]:
        """Return the archive of job ``job_id`` (when it is done) and the job's state."""
        place, job = self._place(job_id)
        state = self.state(job_id)
        return place / f"{job['kit']}.zip", state

    def delete(self, job_id: str) -> None:
        """Remove job ``job_id``: its input, its archive, its task (a job not started yet is not started)."""
        place, _ = self._place(job_id)
        self.runner.check()
        task = self.runner.job_result(job_id)
        if not task.ready():
            self.runner.app.control.revoke(job_id)
        task.forget()
        with os_errors(place, what="задание"):
            shutil.rmtree(place)
