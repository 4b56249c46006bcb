"""Region work as Celery tasks on a Redis broker (optional extra ``[queue]``): the workers, and the side that sends.

Each organisation's kit, each batch of monitoring forms and each kit job of the HTTP service is one
task (:mod:`.work` does the work). Tasks are acknowledged late: a task whose worker dies — killed,
its machine gone — stays in Redis and is delivered again once ``visibility_timeout`` has passed,
to another worker; it then writes the same files again (outputs are reproducible and staged).
A task has a time limit (``time_limit``: a soft one that stops the kit cleanly, a hard one 30 s
later), and a PDF conversion that failed or an output that was busy is tried again, ``retries``
times, a few seconds apart. The broker carries paths, names of organisations and counts, never the
data of a person: a job's input lies in the shared results folder, not in a message.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.result import AsyncResult, ResultSet
from kombu.utils.url import maybe_sanitize_url

from ..errors import InputError, NastavnikDocsError, QueueUnavailableError
from ..models import MonitoringReport, OrganisationOutcome, RejectedForm
from ..models.collection import FormIssue
from .work import forms_from_json, kit_job, organisation_kit, read_form_batch, retryable

__all__ = [
    "KIT_JOB",
    "ORGANISATION_KIT",
    "QUEUE",
    "READ_FORMS",
    "CeleryRunner",
    "QueueSettings",
    "make_app",
    "run_worker",
]

ORGANISATION_KIT = "nastavnik_docs.organisation_kit"
READ_FORMS = "nastavnik_docs.read_forms"
KIT_JOB = "nastavnik_docs.kit_job"
QUEUE = "nastavnik-docs"
_SCHEMES = ("redis://", "rediss://", "redis+socket://", "unix://")
_PROGRESS_EVERY = 0.5  # seconds between the progress a kit job reports


@dataclass(frozen=True)
class QueueSettings:
    """Where the broker is and how tasks behave; the workers and the side that sends share them."""

    broker: str
    """The Redis URL: ``redis://HOST:PORT/N``; results are kept in the same database."""
    time_limit: float = 600.0
    """Seconds one task may take (a kit with PDF of a large register takes minutes); then it fails."""
    visibility_timeout: float | None = None
    """Seconds after which a task not acknowledged (its worker died) is delivered again; longer than any
    task may take (by default ``time_limit`` × 1.5 + 60), or a slow task would be delivered twice."""
    retries: int = 3
    """How many times a failed PDF conversion or a busy output is tried again."""
    retry_delay: float = 5.0
    """Seconds before the first try again; doubled each time."""

    def __post_init__(self) -> None:
        if not self.broker.startswith(_SCHEMES):
            raise InputError(f"Очередь заданий — это Redis: ожидается адрес redis://ХОСТ:ПОРТ/N, а не «{self.where}».")

    @property
    def where(self) -> str:
        """Return the broker's URL without its password (for messages and logs)."""
        return str(maybe_sanitize_url(self.broker))

    @property
    def visibility(self) -> float:
        """Return the visibility timeout in force."""
        return self.visibility_timeout or self.time_limit * 1.5 + 60

    @classmethod
    def from_env(cls, broker: str | None = None, **given: Any) -> QueueSettings | None:
        """Return the settings of ``broker`` (else ``NASTAVNIK_DOCS_BROKER``); None when neither is given.

        ``NASTAVNIK_DOCS_TASK_TIME_LIMIT`` and ``NASTAVNIK_DOCS_VISIBILITY_TIMEOUT`` set the limits
        where ``given`` does not.
        """
        url = broker or os.environ.get("NASTAVNIK_DOCS_BROKER")
        if not url:
            return None
        try:
            if "time_limit" not in given and "NASTAVNIK_DOCS_TASK_TIME_LIMIT" in os.environ:
                given["time_limit"] = float(os.environ["NASTAVNIK_DOCS_TASK_TIME_LIMIT"])
            if "visibility_timeout" not in given and "NASTAVNIK_DOCS_VISIBILITY_TIMEOUT" in os.environ:
                given["visibility_timeout"] = float(os.environ["NASTAVNIK_DOCS_VISIBILITY_TIMEOUT"])
        except ValueError:
            raise InputError(
                "NASTAVNIK_DOCS_TASK_TIME_LIMIT и NASTAVNIK_DOCS_VISIBILITY_TIMEOUT должны быть числами секунд."
            ) from None
        return cls(url, **{key: value for key, value in given.items() if value is not None})


def make_app(settings: QueueSettings) -> Celery:
    """Return a Celery application on the broker of ``settings``, with the region's tasks registered on it."""
    app = Celery("nastavnik_docs", broker=settings.broker, backend=settings.broker, set_as_current=False)
    visibility = settings.visibility
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_default_queue=QUEUE,
        task_acks_late=True,  # a task is removed from Redis when done, not when received
        task_reject_on_worker_lost=True,  # a pool process killed midway: the task goes back to the queue
        worker_prefetch_multiplier=1,  # a worker holds no more tasks than it runs
        task_track_started=True,
        task_soft_time_limit=settings.time_limit,
        task_time_limit=settings.time_limit + 30,
        broker_transport_options={
            "visibility_timeout": visibility,
            "unacked_restore_interval": max(1, min(10, int(visibility // 4))),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        result_expires=24 * 3600,
        worker_send_task_events=False,
        enable_utc=True,
    )
    retry = {"max_retries": settings.retries, "default_retry_delay": settings.retry_delay}
    app.task(bind=True, name=ORGANISATION_KIT, resultrepr_maxsize=300, **retry)(_organisation_kit)
    app.task(bind=True, name=READ_FORMS, resultrepr_maxsize=60)(_read_forms)
    app.task(bind=True, name=KIT_JOB, resultrepr_maxsize=200, **retry)(_kit_job)
    return app


def _delay(task: Any) -> float:
    return float(task.default_retry_delay) * 2 ** int(task.request.retries)


def _organisation_kit(task: Any, kit: str, folder: str, out: str, options: dict[str, Any]) -> dict[str, Any]:
    """The task of one organisation's kit: its outcome as JSON; a retryable error tried again later."""
    last = task.request.retries >= task.max_retries
    try:
        outcome = organisation_kit(kit, folder, out, raise_retryable=not last, **options)
    except NastavnikDocsError as error:  # retryable, and tries are left
        raise task.retry(exc=error, countdown=_delay(task)) from None
    except SoftTimeLimitExceeded:
        outcome = OrganisationOutcome(
            folder=Path(folder).name, ok=False, error=f"Комплект не изготовлен за {task.soft_time_limit or 0:g} с."
        )
    return outcome.model_dump(mode="json")


def _read_forms(task: Any, root: str, names: list[str]) -> list[dict[str, Any]]:
    """The task of a batch of monitoring forms: each read, as JSON."""
    return read_form_batch(root, names)


def _kit_job(task: Any, folder: str) -> dict[str, Any]:
    """The task of a kit job of the service: its kit made into the job's folder, progress reported on the way."""
    last_report = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last_report[0] >= _PROGRESS_EVERY or done == total:
            last_report[0] = now
            task.update_state(state="PROGRESS", meta={"done": done, "total": total})

    try:
        return {"ok": True, **kit_job(folder, report=report)}
    except NastavnikDocsError as error:
        if retryable(error) and task.request.retries < task.max_retries:
            raise task.retry(exc=error, countdown=_delay(task)) from None
        return {"ok": False, "error": str(error).split("\n")[0]}
    except SoftTimeLimitExceeded:
        return {"ok": False, "error": f"Комплект не изготовлен за {task.soft_time_limit or 0:g} с."}


class CeleryRunner:
    """Sends a region's units of work to the workers and gathers their results (the in-process runner's twin)."""

    def __init__(self, settings: QueueSettings) -> None:
        self.settings = settings
        self.app = make_app(settings)

    def organisation_kits(
        self,
        kit: str,
        folders: list[Path],
        out: Path,
        options: dict[str, Any],
        done: Callable[[OrganisationOutcome], None] | None = None,
    ) -> list[OrganisationOutcome]:
        """Return the outcome of every organisation's kit, each made by a task; ``done`` is called as each comes."""
        sent = self._send(ORGANISATION_KIT, [[kit, str(folder), str(out), options] for folder in folders])
        names = {result.id: folder.name for result, folder in zip(sent, folders, strict=True)}
        found: list[OrganisationOutcome] = []

        def arrived(task_id: str, value: Any) -> None:
            if isinstance(value, dict):
                outcome = OrganisationOutcome.model_validate(value)
            else:
                outcome = OrganisationOutcome(folder=names[task_id], ok=False, error=_failure(value))
            found.append(outcome)
            if done is not None:
                done(outcome)

        self._gather(sent, arrived)
        return found

    def form_batches(
        self, root: Path, batches: list[list[str]], done: Callable[[int], None] | None = None
    ) -> list[list[MonitoringReport | RejectedForm]]:
        """Return every batch of forms read by a task, in the order of ``batches``; ``done`` gets each batch's size."""
        sent = self._send(READ_FORMS, [[str(root), names] for names in batches])
        index = {result.id: number for number, result in enumerate(sent)}
        read: dict[int, list[MonitoringReport | RejectedForm]] = {}

        def arrived(task_id: str, value: Any) -> None:
            number = index[task_id]
            if isinstance(value, list):
                read[number] = forms_from_json(value)
            else:  # the task failed as a whole: its files are set aside, the others go on
                message = f"файл не прочитан: {_failure(value)}"
                read[number] = [
                    RejectedForm(source=name, problems=[FormIssue(file=name, message=message)])
                    for name in batches[number]
                ]
            if done is not None:
                done(len(batches[number]))

        self._gather(sent, arrived)
        return [read[number] for number in range(len(batches))]

    def submit_job(self, folder: Path, job_id: str) -> None:
        """Send the kit job of ``folder`` as task ``job_id``."""
        self.check()
        with _connection_errors(self.settings):
            self.app.send_task(KIT_JOB, args=[str(folder)], task_id=job_id)

    def job_result(self, job_id: str) -> AsyncResult:
        """Return the task of a kit job (its state, progress and result)."""
        return AsyncResult(job_id, app=self.app)

    def _send(self, name: str, calls: Iterable[list[Any]]) -> list[AsyncResult]:
        self.check()
        with _connection_errors(self.settings):
            return [self.app.send_task(name, args=args) for args in calls]

    def check(self) -> None:
        """Raise :class:`QueueUnavailableError` at once when the broker cannot be reached (Celery would retry for minutes)."""
        with _connection_errors(self.settings), self.app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0.2, timeout=5)

    def _gather(self, sent: list[AsyncResult], arrived: Callable[[str, Any], None]) -> None:
        """Wait for every task of ``sent``, handing each result to ``arrived`` as it comes; forget them after.

        Interrupted (Ctrl+C), the tasks not yet done are revoked: a worker that has not started one skips it.
        """
        results = ResultSet(list(sent), app=self.app)
        try:
            with _connection_errors(self.settings):
                results.join_native(propagate=False, callback=arrived)
        except BaseException:
            pending = [result.id for result in sent if not result.ready()]
            if pending:
                self.app.control.revoke(pending)
            raise
        finally:
            results.forget()


def _failure(value: Any) -> str:
    """Return why a task failed as a whole, in words (its exception's kind; never a value)."""
    kind = type(value).__name__
    if kind == "TimeLimitExceeded":
        return "задача прервана по времени"
    return f"задача завершилась ошибкой ({kind})"


@contextmanager
def _connection_errors(settings: QueueSettings) -> Iterator[None]:
    """Turn a broker that cannot be reached into :class:`QueueUnavailableError` naming it (without its password)."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError

    try:
        yield
    except (OperationalError, RedisConnectionError, ConnectionError):
        raise QueueUnavailableError(
            f"Очередь заданий {settings.where} недоступна: проверьте, что Redis запущен."
        ) from None


def run_worker(settings: QueueSettings, *, concurrency: int, name: str | None = None) -> None:
    """Run a worker of the region's tasks until it is stopped (Ctrl+C or SIGTERM: it finishes its tasks first).

    The producer and the readers are imported before the pool's processes are forked, so that they start warm.
    """
    from ..io import register  # noqa: F401 - the producer is imported already (.work); the register reader too

    app = make_app(settings)
    argv = [
        "worker",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        f"--queues={QUEUE}",
    ]
    if name:
        argv.append(f"--hostname={name}")
    app.worker_main(argv)
