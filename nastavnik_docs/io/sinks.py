"""Where a kit's files go: a folder, one zip archive, or memory — written the same way by the producer.

A folder or an archive is written into a hidden staging folder next to the target and moved into
place only when the whole kit is done (:meth:`Sink.commit`); an error or Ctrl+C midway removes the
staging folder (:meth:`Sink.discard`), so nothing half-written is ever left behind, and an existing
target is never touched without ``force``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any, Self

from ..archive import ZipWriter
from ..errors import InputError

__all__ = ["FolderSink", "Kit", "KitFile", "MemorySink", "Sink", "ZipSink", "final_path", "write_file"]


@dataclass(frozen=True, slots=True)
class KitFile:
    """One produced file: its name in the kit, its bytes and the document it is."""

    name: str
    data: bytes
    document_id: str


@dataclass(slots=True)
class Kit:
    """The files of a kit, in the order they were made (the order of the kit's list)."""

    name: str
    files: list[KitFile] = field(default_factory=list)

    def names(self) -> list[str]:
        """Return the file names of the kit."""
        return [f.name for f in self.files]


def _relative(name: str) -> PurePosixPath:
    """Return ``name`` as a path inside the kit; anything that would leave the kit is refused."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts:
        raise ValueError(f"not a file name inside a kit: {name!r}")
    return path


class Sink(ABC):
    """Receives a kit's files; use it as a context manager: committed on success, discarded on error."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.documents: dict[str, str] = {}

    @abstractmethod
    def folder(self) -> Path:
        """Return a folder on disk that holds the kit's files: workers and PDF conversion write there."""

    def add(self, name: str, data: bytes, document_id: str = "") -> None:
        """Add the file ``name`` (a relative path, «consents/Иванов_ИИ.docx») with ``data``."""
        target = self.folder() / _relative(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.adopt(name, document_id)

    def adopt(self, name: str, document_id: str = "") -> None:
        """Record the file ``name`` that another process (a worker, LibreOffice) wrote into :meth:`folder`."""
        _relative(name)
        self.names.append(name)
        self.documents[name] = document_id

    def path(self, name: str) -> Path:
        """Return where the file ``name`` lies on disk (to convert it, for example)."""
        return self.folder() / _relative(name)

    @abstractmethod
    def commit(self) -> Any:
        """Finish: move the kit into place; return what was made."""

    @abstractmethod
    def discard(self) -> None:
        """Throw away everything written so far."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


class _Staged(Sink):
    """A sink staged in a hidden folder next to its target."""

    def __init__(self, target: Path, *, force: bool) -> None:
        super().__init__()
        self.target = target
        self._check(force)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._workspace = tempfile.TemporaryDirectory(prefix=".nastavnik-", dir=target.parent)
        self._stage = Path(self._workspace.name) / "kit"
        self._stage.mkdir()

    @abstractmethod
    def _check(self, force: bool) -> None: ...

    def folder(self) -> Path:
        return self._stage

    def discard(self) -> None:
        self._workspace.cleanup()


class FolderSink(_Staged):
    """A kit written into the folder ``out``; with ``force`` the kit's own files in it are replaced."""

    def __init__(self, out: str | Path, *, force: bool = False) -> None:
        super().__init__(Path(out), force=force)

    def _check(self, force: bool) -> None:
        target = self.target
        if not target.exists():
            return
        if not target.is_dir():
            raise InputError(f"{target} — это файл, а не папка.")
        if any(target.iterdir()) and not force:
            raise InputError(
                f"Папка {target} уже существует и не пуста. Чтобы заменить в ней файлы комплекта, добавьте --force."
            )

    def commit(self) -> Path:
        try:
            _move_into(self._stage, self.target)
        finally:
            self.discard()
        return self.target


class ZipSink(_Staged):
    """A kit written as one archive ``out`` (``.zip`` added when missing)."""

    def __init__(self, out: str | Path, *, force: bool = False) -> None:
        super().__init__(final_path(out, as_zip=True), force=force)

    def _check(self, force: bool) -> None:
        target = self.target
        if not target.exists():
            return
        if target.is_dir():
            raise InputError(f"{target} — это папка, а не архив.")
        if not force:
            raise InputError(f"Файл {target} уже существует. Чтобы заменить его, добавьте --force.")

    def commit(self) -> Path:
        try:
            archive = Path(self._workspace.name) / "kit.zip"
            with archive.open("wb") as stream:
                writer = ZipWriter(stream)
                for path in sorted(self._stage.rglob("*")):
                    if path.is_file():
                        writer.add(path.relative_to(self._stage).as_posix(), path.read_bytes())
                writer.close()
            os.replace(archive, self.target)
        finally:
            self.discard()
        return self.target


class MemorySink(Sink):
    """A kit kept in memory as a :class:`Kit`; a temporary folder is made only when one is asked for."""

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.kit = Kit(name)
        self._data: dict[str, bytes] = {}
        self._workspace: tempfile.TemporaryDirectory[str] | None = None

    def folder(self) -> Path:
        if self._workspace is None:
            self._workspace = tempfile.TemporaryDirectory(prefix="nastavnik-")
        return Path(self._workspace.name)

    def add(self, name: str, data: bytes, document_id: str = "") -> None:
        self.adopt(name, document_id)
        self._data[name] = data

    def path(self, name: str) -> Path:
        target = super().path(name)
        if name in self._data and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self._data[name])
        return target

    def commit(self) -> Kit:
        try:
            for name in self.names:
                data = self._data[name] if name in self._data else self.path(name).read_bytes()
                self.kit.files.append(KitFile(name, data, self.documents[name]))
        finally:
            self.discard()
        return self.kit

    def discard(self) -> None:
        if self._workspace is not None:
            self._workspace.cleanup()
            self._workspace = None


def final_path(out: str | Path, *, as_zip: bool) -> Path:
    """Return where a kit written to ``out`` ends up (``.zip`` added for an archive)."""
    target = Path(out)
    if as_zip and target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    return target


def write_file(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write one file at ``path`` whole or not at all; an existing file is replaced only with ``force``."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} — это папка; укажите имя файла.")
    if target.exists() and not force:
        raise InputError(f"Файл {target} уже существует. Чтобы заменить его, добавьте --force.")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=".nastavnik-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(staging, 0o666 & ~mask)  # as an ordinary new file, not the staging file's 0600
        os.replace(staging, target)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return target


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
