"""The JSON Schemas other systems build their clients from, as files for ``docs/schemas/``.

One file per input model (``SchoolData.json``…: what a JSON body or a data file holds) and the
service's ``openapi.json``; ``nastavnik-docs schemas export DIR`` writes them, and a test checks
that the copies in ``docs/schemas/`` are current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .app import create_app, input_models
from .settings import Settings

__all__ = ["export_schemas", "schema_files"]


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_files() -> dict[str, str]:
    """Return every schema file by name: the input models' JSON Schemas and the OpenAPI schema."""
    files = {f"{model.__name__}.json": _text(model.model_json_schema()) for model in input_models()}
    files["openapi.json"] = _text(create_app(Settings()).openapi())
    return files


def export_schemas(folder: str | Path) -> list[Path]:
    """Write :func:`schema_files` into ``folder`` (replacing files of the same names); return the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
