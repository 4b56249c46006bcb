"""Finding templates: a user's folder overrides the bundled ones by file name.

A user's Word or Excel template is checked as a package (:mod:`.packages`) before any parser opens it.
"""

from __future__ import annotations

import io
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import DataFileError, InputError, TemplateError
from .packages import TEMPLATE_LIMITS, check_package

__all__ = ["FOLDERS", "bundled_templates", "read_template"]

FOLDERS = {".docx": "docx", ".xlsx": "xlsx", ".html": "html"}
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def _bundled(filename: str) -> Traversable:
    folder = FOLDERS.get(Path(filename).suffix)
    if folder is None:
        raise TemplateError(f"Неизвестный вид шаблона: {filename}.", template=filename)
    return resources.files("nastavnik_docs").joinpath("templates", folder, filename)


def bundled_templates() -> dict[str, Traversable]:
    """Return every bundled template by file name."""
    root = resources.files("nastavnik_docs").joinpath("templates")
    found: dict[str, Traversable] = {}
    for folder in FOLDERS.values():
        directory = root.joinpath(folder)
        if directory.is_dir():
            for entry in directory.iterdir():
                if entry.name.endswith(tuple(FOLDERS)):
                    found[entry.name] = entry
    return dict(sorted(found.items()))


def read_template(filename: str, override: Path | None = None) -> bytes:
    """Return the bytes of template ``filename``: from ``override`` when it has one, else bundled."""
    if override is not None:
        if not override.is_dir():
            raise InputError(f"Папка шаблонов {override} не найдена.")
        candidate = override / filename
        if candidate.is_file():
            if candidate.stat().st_size > MAX_TEMPLATE_BYTES:
                raise TemplateError(
                    f"Шаблон {candidate} больше 20 МБ — это не похоже на шаблон документа.", template=filename
                )
            data = candidate.read_bytes()
            if candidate.suffix in (".docx", ".xlsx"):
                try:
                    check_package(io.BytesIO(data), what="Шаблон", name=filename, limits=TEMPLATE_LIMITS)
                except DataFileError as error:
                    raise TemplateError(str(error), template=filename) from None
            return data
    bundled = _bundled(filename)
    if not bundled.is_file():
        raise TemplateError(f"Шаблон {filename} не найден среди встроенных шаблонов.", template=filename)
    return bundled.read_bytes()
