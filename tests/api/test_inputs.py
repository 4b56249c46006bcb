"""Uploads the service refuses before parsing them (api/inputs.py): zip bombs and forged workbooks are problems, not 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from bombs import bomb

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def bombs():
    """Return a register that unpacks past 512 MB (0.5 MB on disk) and one whose sheet's header lies."""
    return {
        "inflating": bomb(SAMPLES / "register.xlsx", 513),
        "lying": bomb(SAMPLES / "register.xlsx", 40, member="xl/worksheets/sheet2.xml", declared=4096),
    }


def refused(response):
    """Return the detail of a 422 problem answer."""
    assert response.status_code == 422, response.text[:500]
    assert response.headers["content-type"].startswith(PROBLEM)
    return response.json()["detail"]


@pytest.mark.parametrize(
    ("kind", "detail"),
    [
        ("inflating", "Файл реестра register.xlsx не принят: в распакованном виде он занимает 514 МБ"),
        ("lying", "Файл реестра register.xlsx повреждён или подделан"),
    ],
)
def test_a_register_bomb_is_a_problem_for_register_check_and_kits(api, bombs, kind, detail):
    register = ("register.xlsx", bombs[kind])
    assert refused(api.post("/v1/register/check", files={"register": register})).startswith(detail)
    files = {"data": ("school.yaml", (SAMPLES / "school.yaml").read_bytes()), "register": register}
    assert refused(api.post("/v1/kits/stage-4", files=files)).startswith(detail)


def test_survey_answers_bomb_is_a_problem(api):
    files = {
        "data": ("school.yaml", (SAMPLES / "school.yaml").read_bytes()),
        "register": ("register.xlsx", (SAMPLES / "register.xlsx").read_bytes()),
        "surveys": ("surveys.xlsx", bomb(SAMPLES / "surveys.xlsx", 2)),
    }
    detail = refused(api.post("/v1/kits/stage-6", files=files))
    assert detail.startswith("Файл ответов surveys.xlsx не принят: одна его часть сжата в")
