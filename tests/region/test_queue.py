"""Region work on real Celery workers with a real Redis: a worker killed mid-run loses nothing, doubles nothing."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from region.conftest import ORGANISATIONS, tree

from nastavnik_docs.errors import InputError, OutputError, QueueUnavailableError
from nastavnik_docs.io.monitoring import read_collection
from nastavnik_docs.io.region import read_summary
from nastavnik_docs.region import collect_forms, produce_region
from nastavnik_docs.region.queue import ORGANISATION_KIT, CeleryRunner, QueueSettings

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_killed_mid_run_every_kit_made_once_and_the_same(region, in_process, workers, redis_url, tmp_path):
    first, second = workers
    out = tmp_path / "kits"
    runner = CeleryRunner(QueueSettings(redis_url))
    outcome: dict[str, object] = {}
    arrived: list[str] = []

    def run() -> None:
        try:
            outcome["summary"] = produce_region(
                "stage-4", region, out, runner=runner, done=lambda o: arrived.append(o.folder)
            )
        except BaseException as error:
            outcome["error"] = error

    job = threading.Thread(target=run)
    job.start()
    killed = None
    deadline = time.monotonic() + 120
    while killed is None:  # kill the first worker while it makes a kit, once it has made one and two are done
        assert time.monotonic() < deadline, "the first worker never took a task"
        assert job.is_alive(), outcome
        if len(arrived) >= 2 and first.tasks("succeeded"):
            killed = first.busy_with()
        time.sleep(0.02)
    first.kill()
    job.join(300)
    assert not job.is_alive(), "the region job did not end after the worker was killed"
    assert "error" not in outcome, outcome.get("error")

    summary = outcome["summary"]
    assert len(summary.organisations) == ORGANISATIONS
    assert [item.folder for item in summary.failed] == [sorted(p.name for p in region.iterdir())[-1]]
    # The killed worker's task went to the other worker, and every task succeeded exactly once.
    assert killed in second.tasks("succeeded") and killed not in first.tasks("succeeded")
    succeeded = Counter(first.tasks("succeeded") + second.tasks("succeeded"))
    assert len(succeeded) == ORGANISATIONS and set(succeeded.values()) == {1}
    assert first.tasks("succeeded") and second.tasks("succeeded")  # both worked before the kill
    # The same files as the in-process run, byte for byte: no kit missing, none doubled, no staging left.
    assert sorted(tree(out)) == sorted(tree(in_process))
    assert tree(out) == tree(in_process)
    assert read_summary(out) == read_summary(in_process)
    assert ORGANISATION_KIT in first.text()


def test_the_collection_read_by_workers_is_the_one_read_here(workers, redis_url):
    folder = ROOT / "samples" / "monitoring"
    here = read_collection(folder)
    there = collect_forms(folder, runner=CeleryRunner(QueueSettings(redis_url)), batch=3)
    assert there == here
    assert here.reports and here.rejected  # the sample folder has good and bad forms


def test_a_broker_that_is_not_there_is_a_clear_error(region, tmp_path):
    runner = CeleryRunner(QueueSettings("redis://127.0.0.1:1/0"))
    with pytest.raises(QueueUnavailableError, match=r"Очередь заданий redis://127\.0\.0\.1:1/0 недоступна"):
        produce_region("stage-4", region, tmp_path / "kits", runner=runner)
    assert not (tmp_path / "kits").exists()


def test_a_broker_is_redis_and_its_password_is_never_shown():
    with pytest.raises(InputError, match="ожидается адрес redis://") as caught:
        QueueSettings("amqp://user:secret@host/")
    assert "secret" not in str(caught.value)
    assert "secret" not in QueueSettings("redis://:secret@host:6379/0").where


def test_monitoring_collect_on_the_workers_writes_what_it_writes_here(
    workers, redis_url, monkeypatch, capsys, tmp_path
):
    from command import run

    written = {}
    for name, extra in (("here", []), ("workers", ["--broker", redis_url, "--batch", "4"])):
        folder = tmp_path / name
        folder.mkdir()
        code, out, err = run(
            monkeypatch, capsys, "monitoring", "collect", str(ROOT / "samples" / "monitoring"),
            "-o", str(folder / "svod.xlsx"), "--report", str(folder / "spravka.docx"), *extra,
        )  # fmt: skip
        assert code == 1 and out.startswith("Принято: 30 форм; записано: ")
        written[name] = (tree(folder), err)
    assert written["workers"] == written["here"]


def test_only_errors_that_may_pass_are_tried_again():
    from nastavnik_docs.errors import ConverterBusyError, ConverterMissingError, RenderTimeoutError, ValidationError
    from nastavnik_docs.region.work import retryable

    assert retryable(ConverterBusyError("занят")) and retryable(RenderTimeoutError("долго"))
    assert retryable(OutputError("диск"))
    assert not retryable(ConverterMissingError("нет LibreOffice"))
    assert not retryable(ValidationError("данные", problems=["поле"])) and not retryable(InputError("нет файла"))
