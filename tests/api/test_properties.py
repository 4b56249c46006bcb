"""Property-based: generated and malformed requests to every operation of the OpenAPI schema, and no 500.

Schemathesis reads the service's own ``/openapi.json`` (every document's and kit's route carries
its input's JSON Schema) and sends bodies and query values that fit it and that break it; the
service must answer each with a result or a problem details error, never a server error.

Every operation gets random cases (positive and negative); the stage-4 kit, whose input holds
every other model of a school (the school and the whole register), also gets schemathesis's
coverage phase: some two thousand bodies each breaking one rule of the schema.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from nastavnik_docs.api import Settings, create_app

APP = create_app(Settings(timeout=60, warm_up=False))  # its client runs the app's start-up for every call


def _schema(*, coverage: bool) -> schemathesis.schemas.BaseSchema:
    config = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": coverage}}})
    return schemathesis.openapi.from_asgi("/openapi.json", APP, config=config)


EVERY_OPERATION = _schema(coverage=False)
STAGE_4 = _schema(coverage=True).include(path="/v1/kits/stage-4")


def check(case) -> None:
    response = case.call()
    assert response.status_code < 500 or response.status_code in (503, 504), (
        f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
    )
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/problem+json")
        assert response.json()["status"] == response.status_code


@EVERY_OPERATION.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_request_makes_a_server_error(case):
    check(case)


@STAGE_4.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_body_breaking_one_rule_of_the_schema_makes_a_server_error(case):
    check(case)
