"""The JSON Schemas in docs/schemas/ are what ``nastavnik-docs schemas export`` writes today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from nastavnik_docs.api.schemas import schema_files

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def test_the_exported_schemas_are_current(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "nastavnik_docs", "schemas", "export", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    written = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    shipped = {path.name: path.read_text(encoding="utf-8") for path in DOCS.iterdir()}
    stale = sorted(name for name in written.keys() | shipped.keys() if written.get(name) != shipped.get(name))
    assert not stale, f"run `nastavnik-docs schemas export docs/schemas`: {stale} differ"


def test_every_input_model_and_the_openapi_schema_are_exported():
    files = schema_files()
    assert set(files) == {
        "MonitoringCollection.json",
        "MunicipalData.json",
        "SchoolCorrection.json",
        "SchoolData.json",
        "SchoolMonitoring.json",
        "SchoolRegister.json",
        "SchoolResults.json",
        "SurveyRoster.json",
        "TeachersData.json",
        "openapi.json",
    }
    assert '"Данные организации (тот же файл, что для этапов 1–3)."' in files["SchoolRegister.json"]
