"""Where a kit's files go: a folder, one zip archive, or memory — written the same way by the producer.

A folder or an archive is written into a hidden, private staging folder next to the target and
moved into place only when the whole kit is done (:meth:`Sink.commit`); an error, Ctrl+C or a
termination signal midway removes the staging folder (:meth:`Sink.discard`), so nothing
half-written is ever left behind. An existing target is never touched without ``force``, never
when it is one of the run's inputs, and a folder is replaced as a whole (:class:`FolderSink`).
The guards themselves (lock, inputs, disk errors) are :mod:`.output`; the manifest :mod:`.manifest`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any, Self

from ..archive import ZipWriter
from ..errors import InputError
from .manifest import MANIFEST, Digest, file_digest, foreign_files, manifest_bytes
from .output import check_not_source, os_errors, output_lock, remove_stale, resolved_output, staging_prefix

__all__ = ["FolderSink", "Kit", "KitFile", "MemorySink", "Sink", "ZipSink", "final_path", "write_file", "written"]


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


def _relative(name: str) -> str:
    """Return ``name`` if it is a path inside the kit; anything that would leave the kit is refused.

    Checked on the string (a batch adds thousands of files): not absolute, not empty, no «..» part.
    """
    parts = name.split("/")
    if name.startswith("/") or ".." in parts or all(part in ("", ".") for part in parts):
        raise ValueError(f"not a file name inside a kit: {name!r}")
    return name


def written(path: str, data: bytes) -> Digest:
    """Write ``data`` to the new file ``path``; return its digest for the manifest (a sink's files, a worker's)."""
    with open(path, "wb") as stream:
        stream.write(data)
    return file_digest(data)


class Sink(ABC):
    """Receives a kit's files; use it as a context manager: committed on success, discarded on error."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.documents: dict[str, str] = {}
        self.kits: list[str] = []  # the kits written into the sink (the manifest names them)
        self.digests: dict[str, Digest] = {}  # size and SHA-256 of the files added, for the manifest
        self._made: set[str] = set()  # folders made by add

    @abstractmethod
    def folder(self) -> Path:
        """Return a folder on disk that holds the kit's files: workers and PDF conversion write there."""

    def add(self, name: str, data: bytes, document_id: str = "") -> None:
        """Add the file ``name`` (a relative path, «consents/Иванов_ИИ.docx») with ``data``."""
        target = os.path.join(self.folder(), _relative(name))
        parent = os.path.dirname(target)
        if parent not in self._made:  # a batch writes thousands of files into a few folders
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        digest = written(target, data)
        self._record(name, document_id)
        self.digests[name] = digest

    def adopt(self, name: str, document_id: str = "", digest: Digest | None = None) -> None:
        """Record the file ``name`` that another process (a worker, LibreOffice) wrote into :meth:`folder`
        (``digest``: its size and SHA-256 where the writer took them; else the manifest reads the file)."""
        self._record(_relative(name), document_id)
        if digest is not None:
            self.digests[name] = digest

    def _record(self, name: str, document_id: str) -> None:
        self.names.append(name)
        self.documents[name] = document_id
        self.digests.pop(name, None)  # written again: its digest is taken anew

    def path(self, name: str) -> Path:
        """Return where the file ``name`` lies on disk (to convert it, for example)."""
        return self.folder() / PurePosixPath(_relative(name))

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
    """A sink staged in a hidden folder next to its target, under an exclusive lock on the target.

    The staging folder is private (0700): a kit holds birth dates and addresses. It is named after
    the target, so a run killed midway leaves nothing that the next run on the target does not remove.
    """

    _folder_target = True

    def __init__(self, target: Path, *, force: bool, sources: Iterable[str | Path]) -> None:
        super().__init__()
        self.target = resolved_output(target)
        check_not_source(self.target, sources, folder=self._folder_target)
        self._hold = ExitStack()
        self._hold.enter_context(output_lock(self.target))
        try:
            self._check(force)
            with os_errors(self.target):
                self.target.parent.mkdir(parents=True, exist_ok=True)
                remove_stale(self.target)
                self._workspace = Path(tempfile.mkdtemp(prefix=staging_prefix(self.target), dir=self.target.parent))
                self._stage = self._workspace / "kit"
                self._stage.mkdir(mode=0o700)
        except BaseException:
            self._hold.close()
            raise

    @abstractmethod
    def _check(self, force: bool) -> None: ...

    def folder(self) -> Path:
        return self._stage

    def add(self, name: str, data: bytes, document_id: str = "") -> None:
        with os_errors(self.target):
            super().add(name, data, document_id)

    def discard(self) -> None:
        try:
            shutil.rmtree(self._workspace, ignore_errors=True)
        finally:
            self._hold.close()


class FolderSink(_Staged):
    """A kit written into the folder ``out``; with ``force`` an earlier kit there is replaced as a whole.

    The folder is swapped at the end (the old one renamed aside, the new one renamed in, the old one
    deleted), so it never mixes two runs, and a person removed from the register leaves no document
    behind. ``force`` replaces only a folder whose manifest lists every file in it.
    """

    def __init__(self, out: str | Path, *, force: bool = False, sources: Iterable[str | Path] = ()) -> None:
        super().__init__(Path(out), force=force, sources=sources)

    def _check(self, force: bool) -> None:
        target = self.target
        if not target.exists():
            return
        if not target.is_dir():
            raise InputError(f"{target} — это файл, а не папка.")
        if not any(target.iterdir()):
            return
        if not force:
            raise InputError(
                f"Папка {target} уже существует и не пуста. Чтобы заменить комплект в ней, добавьте --force."
            )
        foreign = foreign_files(target)
        if foreign is None:
            raise InputError(
                f"Папка {target} не пуста, и в ней нет описи комплекта ({MANIFEST}): --force заменяет только папку, "
                "созданную nastavnik-docs, целиком. Укажите новую папку или освободите эту."
            )
        if foreign:
            in_word = any(Path(name).name.startswith("~$") for name in foreign)
            opened = " (файл «~$…» значит, что документ открыт в Word: закройте его)" if in_word else ""
            raise InputError(
                f"В папке {target} есть файлы, которых комплект не создавал ({len(foreign)}, например «{foreign[0]}»)"
                f"{opened}: --force заменил бы папку целиком. Перенесите их или укажите другую папку."
            )

    def commit(self) -> Path:
        try:
            with os_errors(self.target):
                manifest = manifest_bytes(self._stage, self.names, self.documents, self.kits, self.digests)
                (self._stage / MANIFEST).write_bytes(manifest)
                if self.target.exists():
                    self._check(force=True)  # files added while the kit was made stay the user's
                    aside = self._workspace / "old"
                    os.rename(self.target, aside)
                    try:
                        os.rename(self._stage, self.target)
                    except BaseException:
                        os.rename(aside, self.target)
                        raise
                else:
                    os.rename(self._stage, self.target)
        finally:
            self.discard()
        return self.target


class ZipSink(_Staged):
    """A kit written as one archive ``out`` (``.zip`` added when missing), replaced at once with ``force``."""

    _folder_target = False

    def __init__(self, out: str | Path, *, force: bool = False, sources: Iterable[str | Path] = ()) -> None:
        super().__init__(final_path(out, as_zip=True), force=force, sources=sources)

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
            with os_errors(self.target):
                archive = self._workspace / "kit.zip"
                with os.fdopen(os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as stream:
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


def write_file(
    path: str | Path, data: bytes, *, force: bool = False, sources: Iterable[str | Path] = (), what: str = "файл"
) -> Path:
    """Write one file at ``path`` whole or not at all, readable by its owner only.

    An existing file is replaced only with ``force``, and never when it is one of ``sources`` (the
    files the command read); ``what`` names the file in an error of the disk.
    """
    target = resolved_output(path)
    if target.is_dir():
        raise InputError(f"{target} — это папка; укажите имя файла.")
    check_not_source(target, sources, folder=False)
    if target.exists() and not force:
        raise InputError(f"Файл {target} уже существует. Чтобы заменить его, добавьте --force.")
    with os_errors(target, what=what):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, staging = tempfile.mkstemp(prefix=staging_prefix(target), dir=target.parent)  # 0600
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(staging, target)
        except BaseException:
            Path(staging).unlink(missing_ok=True)
            raise
    return target
