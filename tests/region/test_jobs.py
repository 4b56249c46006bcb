"""Kit jobs of the HTTP service: queued at once, made by a real worker, downloaded when done."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from nastavnik_docs.api import Settings, create_app
from nastavnik_docs.produce import sample_input
from nastavnik_docs.region.work import JOB_INPUT


def _client(**given) -> TestClient:
    return TestClient(create_app(Settings(warm_up=False, **given)))


def test_a_job_is_queued_made_by_a_worker_and_is_the_kit_of_the_service(workers, redis_url, tmp_path):
    body = sample_input("stage-1").model_dump(mode="json")
    with _client(broker=redis_url, results=str(tmp_path)) as api:
        created = api.post("/v1/jobs?kit=stage-1", json=body)
        assert created.status_code == 202, created.text
        job = created.json()
        assert job["kit"] == "stage-1" and job["state"] in {"queued", "running", "done"}
        assert created.headers["location"] == job["status_url"] == f"/v1/jobs/{job['id']}"
        place = tmp_path / "jobs" / job["id"]
        assert place.stat().st_mode & 0o777 == 0o700  # the input holds personal data: the owner's only
        deadline = time.monotonic() + 120
        while (state := api.get(job["status_url"]).json())["state"] != "done":
            assert state["state"] in {"queued", "running"}, state
            assert time.monotonic() < deadline, state
            time.sleep(0.2)
        assert state["documents"] == 5
        assert not (place / JOB_INPUT).exists()  # removed once the kit is made
        archive = api.get(job["result_url"])
        assert archive.status_code == 200 and archive.headers["content-type"] == "application/zip"
        assert archive.content == api.post("/v1/kits/stage-1", json=body).content  # what the service makes at once
        assert api.delete(job["status_url"]).status_code == 204
        assert api.get(job["status_url"]).status_code == 404
        assert not place.exists()


def test_a_job_not_done_is_409_and_deleted_is_404(redis_url, tmp_path):
    idle = redis_url.rsplit("/", 1)[0] + "/7"  # a database no worker listens to: the job stays queued
    with _client(broker=idle, results=str(tmp_path)) as api:
        job = api.post("/v1/jobs?kit=stage-1", json=sample_input("stage-1").model_dump(mode="json")).json()
        assert api.get(job["status_url"]).json()["state"] == "queued"
        result = api.get(job["result_url"])
        assert result.status_code == 409 and "не выполнено (состояние queued)" in result.json()["detail"]
        assert api.delete(job["status_url"]).status_code == 204
        assert api.get(job["status_url"]).status_code == 404
        assert api.get("/v1/jobs/../../etc").status_code == 404
        assert list((tmp_path / "jobs").iterdir()) == []


def test_bad_input_is_422_at_once_and_never_queued(redis_url, tmp_path):
    with _client(broker=redis_url, results=str(tmp_path)) as api:
        response = api.post("/v1/jobs?kit=stage-1", json={"organisation": {}})
        assert response.status_code == 422
        assert response.json()["problems"]
        assert not (tmp_path / "jobs").exists() or list((tmp_path / "jobs").iterdir()) == []


def test_without_a_broker_jobs_are_503():
    with _client() as api:
        response = api.post("/v1/jobs?kit=stage-1", json={})
        assert response.status_code == 503 and "--broker" in response.json()["detail"]
        assert api.get("/v1/jobs/0123456789abcdef0123456789abcdef").status_code == 503


def test_a_queue_that_is_down_is_503_and_no_job_is_left(tmp_path):
    with _client(broker="redis://127.0.0.1:1/0", results=str(tmp_path)) as api:
        response = api.post("/v1/jobs?kit=stage-1", json=sample_input("stage-1").model_dump(mode="json"))
        assert response.status_code == 503
        assert (
            response.json()["detail"]
            == "Очередь заданий redis://127.0.0.1:1/0 недоступна: проверьте, что Redis запущен."
        )
        assert list((tmp_path / "jobs").iterdir()) == []
