"""Guarding a kit's output on disk: one run at a time, never over its own inputs, disk errors in plain words.

Shared by the folder and archive sinks (:mod:`.sinks`) and the single-file writer. A run holds an
exclusive lock on its output for the whole run (:func:`output_lock`), so two runs started at once
cannot mix two schools in one folder; staging folders left by a killed run are found by their
name next to the output and removed under that lock (:func:`remove_stale`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, NastavnikDocsWarning, OutputError

__all__ = [
    "check_not_source",
    "describe",
    "os_errors",
    "output_lock",
    "remove_stale",
    "resolved_output",
    "staging_prefix",
]

_REASONS = {
    errno.ENOSPC: "на диске не осталось места",
    errno.EDQUOT: "исчерпана квота диска",
    errno.EFBIG: "файл больше, чем позволяет система",
    errno.EROFS: "диск доступен только для чтения",
    errno.EACCES: "нет прав на запись",
    errno.EPERM: "нет прав на запись",
    errno.ENAMETOOLONG: "слишком длинный путь или имя",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.EEXIST: "на месте папки уже есть файл",
    errno.ELOOP: "путь зацикливается через символические ссылки",
    errno.ENOENT: "путь не существует",
    errno.EBUSY: "папка занята другой программой",
    errno.EXDEV: "папка результата и временная папка на разных дисках",
    errno.EIO: "ошибка ввода-вывода диска",
}
_NAME_PART = 60  # characters of the output's name kept in its staging folder's name


def describe(error: OSError) -> str:
    """Return what went wrong in a few Russian words, without the file name (it may hold a person's name)."""
    return _REASONS.get(error.errno or 0, f"ошибка системы (код {error.errno})" if error.errno else "ошибка системы")


@contextmanager
def os_errors(target: Path, *, what: str = "комплект") -> Iterator[None]:
    """Turn an operating system's error inside the block into :class:`OutputError` naming ``target`` only."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"Не удалось записать {what} в {target}: {describe(error)}.") from None


def resolved_output(out: str | Path) -> Path:
    """Return the output path the user gave, checked: a link to an existing place is followed; a broken one refused."""
    target = Path(out)
    if target.is_symlink():
        if not target.exists():
            raise InputError(f"{target} — символическая ссылка на то, чего нет; укажите существующую или новую папку.")
        return target.resolve()
    return target


def check_not_source(target: Path, sources: Iterable[str | Path], *, folder: bool) -> None:
    """Refuse an output that is one of the run's inputs or (for a folder) holds one: nothing is written over them."""
    try:
        where = target.resolve()
    except (OSError, RuntimeError):
        return  # a path that cannot be resolved holds nothing of ours; writing it will say what is wrong
    for given in sources:
        try:
            source = Path(given).resolve()
        except (OSError, RuntimeError):
            continue
        inside = folder and where in source.parents
        if source == where or inside:
            kind = "папка результата содержит" if inside else "результат совпадает с"
            raise InputError(
                f"{target}: {kind} входной файл или папку этого запуска ({Path(given).name}); "
                "комплект не записывается поверх своих входных данных. Укажите другую папку результата."
            )


def staging_prefix(target: Path) -> str:
    """Return how the hidden staging folders of ``target`` begin (they lie next to it)."""
    return f".{target.name[:_NAME_PART]}.nastavnik-"


def remove_stale(target: Path) -> None:
    """Remove staging folders of ``target`` left by an interrupted run (call under :func:`output_lock`).

    They may hold thousands of consents with birth dates and addresses: they must not stay on disk.
    """
    parent = target.parent
    if not parent.is_dir():
        return
    prefix = staging_prefix(target)
    for entry in parent.iterdir():
        if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            warnings.warn(
                NastavnikDocsWarning(f"удалена незавершённая папка прерванного запуска: {entry}"), stacklevel=2
            )


def _lock_folder() -> Path:
    """Return this user's private folder of locks (in the system's temporary folder)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / (f"nastavnik-docs-{uid}" if uid is not None else "nastavnik-docs")
    folder.mkdir(mode=0o700, exist_ok=True)
    if uid is not None:
        found = os.lstat(folder)
        if stat.S_ISLNK(found.st_mode) or found.st_uid != uid or found.st_mode & 0o077:
            raise OutputError(f"Папка блокировок {folder} принадлежит другому пользователю или открыта всем.")
    return folder


@contextmanager
def output_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output ``target`` for the block; another run on it gets :class:`OutputError`.

    The lock file lies in the user's private temporary folder (named by a hash of the output's full
    path), not beside the output: a lock file must outlive its holder to stay exclusive.
    """
    from filelock import FileLock, Timeout

    key = hashlib.sha256(str(target.parent.resolve() / target.name).encode("utf-8", "surrogatepass")).hexdigest()
    with os_errors(target):
        lock = FileLock(_lock_folder() / f"{key[:32]}.lock", timeout=0, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            raise OutputError(
                f"В {target} сейчас пишет другой запуск nastavnik-docs; дождитесь его окончания или укажите другую папку."
            ) from None
    try:
        yield
    finally:
        lock.release()
