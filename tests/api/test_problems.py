"""The service's answers to the library's errors that no request can provoke on a healthy server."""

import json

from nastavnik_docs.api.problems import problem_for
from nastavnik_docs.errors import OutputError


def test_a_full_disk_of_the_service_is_507_without_its_paths():
    response = problem_for(
        OutputError("Не удалось записать комплект в /srv/nastavnik/tmp/x: на диске не осталось места.")
    )
    body = json.loads(response.body)
    assert response.status_code == 507 and response.media_type == "application/problem+json"
    assert body["type"].endswith("insufficient-storage") and body["status"] == 507
    assert "/srv" not in body["detail"] and "места" in body["detail"]
