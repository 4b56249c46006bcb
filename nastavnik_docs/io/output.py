"""Writing a kit: into a folder or one zip archive, atomically, never over the user's files unasked.

Everything is written to a temporary place next to the target first and moved into place only
when complete, so a failure midway leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..render.pdf import convert_to_pdf

if TYPE_CHECKING:
    from ..build import Kit

__all__ = ["convert_folder_to_pdf", "final_path", "staging", "write_kit"]

_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write_kit(
    kit: Kit | Iterable[Kit],
    out: str | Path,
    *,
    as_zip: bool = False,
    force: bool = False,
    pdf: bool = False,
) -> Path:
    """Write one kit (or several, each in a subfolder) to ``out``; return the folder or archive path.

    An existing target is refused unless ``force``; with ``force`` only the kit's own files are
    replaced, other files in the folder stay. ``pdf`` adds a PDF of every Word file (LibreOffice).
    """
    kits = [kit] if not isinstance(kit, Iterable) or hasattr(kit, "files") else list(kit)
    with staging(out, as_zip=as_zip, force=force) as stage:
        nested = len(kits) > 1
        for one in kits:
            folder = stage / one.name if nested else stage
            folder.mkdir(exist_ok=True)
            for item in one.files:
                (folder / item.name).parent.mkdir(parents=True, exist_ok=True)
                (folder / item.name).write_bytes(item.data)
        if pdf:
            convert_folder_to_pdf(stage)
    return final_path(out, as_zip=as_zip)


def final_path(out: str | Path, *, as_zip: bool) -> Path:
    """Return where a kit written to ``out`` ends up (``.zip`` added for an archive)."""
    target = Path(out)
    if as_zip and target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    return target


@contextmanager
def staging(out: str | Path, *, as_zip: bool, force: bool) -> Iterator[Path]:
    """Yield an empty folder to write a kit into; on success it becomes ``out`` (or ``out.zip``).

    The folder is next to the target, so moving it into place is a rename. Any exception —
    a render error, Ctrl+C — removes it: nothing half-written is ever left behind.
    """
    target = final_path(out, as_zip=as_zip)
    _check_target(target, as_zip=as_zip, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".nastavnik-", dir=target.parent) as workspace:
        stage = Path(workspace) / "kit"
        stage.mkdir()
        yield stage
        if as_zip:
            archive = Path(workspace) / "kit.zip"
            _zip(stage, archive)
            os.replace(archive, target)
        else:
            _move_into(stage, target)


def convert_folder_to_pdf(folder: Path, *, per_call: int = 50) -> None:
    """Add a PDF next to every Word file below ``folder`` (LibreOffice, many files per call)."""
    for directory in sorted({p.parent for p in folder.rglob("*.docx")}):
        files = sorted(directory.glob("*.docx"))
        for start in range(0, len(files), per_call):
            convert_to_pdf(files[start : start + per_call], directory)


def _check_target(target: Path, *, as_zip: bool, force: bool) -> None:
    if not target.exists():
        return
    if as_zip:
        if target.is_dir():
            raise InputError(f"{target} — это папка, а не архив.")
        if not force:
            raise InputError(f"Файл {target} уже существует. Чтобы заменить его, добавьте --force.")
        return
    if not target.is_dir():
        raise InputError(f"{target} — это файл, а не папка.")
    if any(target.iterdir()) and not force:
        raise InputError(
            f"Папка {target} уже существует и не пуста. Чтобы заменить в ней файлы комплекта, добавьте --force."
        )


def _zip(folder: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                bundle.writestr(info, path.read_bytes())


def _move_into(stage: Path, target: Path) -> None:
    if not target.exists():
        os.replace(stage, target)
        return
    for path in sorted(stage.rglob("*")):
        destination = target / path.relative_to(stage)
        if path.is_dir():
            if destination.exists() and not destination.is_dir():
                raise InputError(f"{destination} — это файл, а комплекту нужна папка с этим именем.")
            destination.mkdir(exist_ok=True)
        else:
            if destination.is_dir():
                shutil.rmtree(destination)
            os.replace(path, destination)
