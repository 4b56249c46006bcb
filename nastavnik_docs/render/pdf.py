"""PDF through LibreOffice: a persistent office started once per process, or one ``soffice`` call per batch.

Two converters with one shape (:class:`PdfConverter`): each converts a list of files to PDFs
next to them and returns a :class:`PdfResult` per file, retrying a file that failed once.

* :class:`OfficeConverter` keeps one LibreOffice running (``_office_worker.py`` under a Python that
  has LibreOffice's ``uno``, Debian's ``python3-uno``) and converts one file at a time through it;
  a hung conversion is killed after ``timeout`` and the office started again.
* :class:`SofficeConverter` is the fallback without ``uno``: ``soffice --convert-to pdf`` with many
  files per call, each call with its own user profile; files a call left out are retried one by one.

Both let one conversion run at a time per converter (LibreOffice cannot share a user profile) and
hold at most ``queue`` callers waiting; one more gets :class:`ConverterBusyError`.
:func:`pdf_converter` returns the process's shared converter, started on first use.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue as _queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from ..errors import ConverterBusyError, ConverterMissingError, RenderError, RenderTimeoutError

__all__ = [
    "INSTALL_HINT",
    "OfficeConverter",
    "PdfConverter",
    "PdfResult",
    "SofficeConverter",
    "close_pdf_converter",
    "convert_to_pdf",
    "find_libreoffice",
    "find_uno_python",
    "pdf_converter",
    "require_libreoffice",
]

INSTALL_HINT = (
    "LibreOffice не найден. Установите его, например в Debian/Ubuntu: "
    "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation "
    "(Liberation Serif заменяет Times New Roman с теми же метриками)."
)
_WORKER = Path(__file__).with_name("_office_worker.py")
_PER_CALL = 50  # files converted by one soffice call
_REASONS = {
    "load": "LibreOffice не открыл файл",
    "office": "LibreOffice не сохранил PDF",
    "died": "LibreOffice завершился во время преобразования",
    "timeout": "преобразование не закончилось вовремя",
    "missing": "LibreOffice не создал PDF",
}

Progress = Callable[[int], None]


def find_libreoffice() -> str | None:
    """Return the path of LibreOffice's ``soffice``, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_libreoffice() -> None:
    """Raise :class:`ConverterMissingError` (saying how to install it) when LibreOffice is not installed."""
    if find_libreoffice() is None:
        raise ConverterMissingError(INSTALL_HINT)


@cache
def find_uno_python() -> str | None:
    """Return a Python that can ``import uno`` (LibreOffice's bridge), or ``None``.

    ``NASTAVNIK_DOCS_UNO_PYTHON`` names one; else this Python, the system's ``/usr/bin/python3``
    (Debian's ``python3-uno``) and LibreOffice's own ``program/python`` are tried.
    """
    candidates = [os.environ.get("NASTAVNIK_DOCS_UNO_PYTHON", ""), sys.executable, "/usr/bin/python3"]
    soffice = find_libreoffice()
    if soffice:
        candidates.append(str(Path(os.path.realpath(soffice)).with_name("python")))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            try:
                found = subprocess.run(
                    [candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False, env=_clean_env()
                )
            except (OSError, subprocess.TimeoutExpired):
                continue
            if found.returncode == 0:
                return candidate
    return None


def _clean_env() -> dict[str, str]:
    """Return the environment for another Python: without this one's virtual environment and paths."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}


@dataclass(frozen=True, slots=True)
class PdfResult:
    """The outcome for one file: its PDF, or why there is none (never a file name: names can be personal)."""

    source: Path
    pdf: Path | None
    error: str | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        """Return whether the PDF was made."""
        return self.pdf is not None


class _Queue:
    """One conversion at a time; at most ``size`` callers waiting for their turn."""

    def __init__(self, size: int, wait: float) -> None:
        self._lock = threading.Lock()
        self._count = threading.Lock()
        self._waiting = 0
        self._size = size
        self._wait = wait

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._count:
            if self._waiting >= self._size:
                raise ConverterBusyError(
                    f"Очередь преобразования в PDF занята ({self._size} в ожидании). Повторите запрос позже."
                )
            self._waiting += 1
        try:
            if not self._lock.acquire(timeout=self._wait):
                raise RenderTimeoutError(f"Очередь преобразования в PDF не дошла до файла за {self._wait:.0f} с.")
        finally:
            with self._count:
                self._waiting -= 1
        try:
            yield
        finally:
            self._lock.release()


class PdfConverter(ABC):
    """Converts files (Word, Excel) to PDFs next to them: one result per file, a failed file retried once."""

    name: str

    def __init__(self, *, timeout: float = 120, queue: int = 64) -> None:
        self.timeout = timeout
        self._queue = _Queue(queue, wait=max(timeout * 4, 600))

    def convert(self, files: Sequence[Path], *, progress: Progress | None = None) -> list[PdfResult]:
        """Convert ``files`` to ``<name>.pdf`` beside each; ``progress`` is called with 1 per finished file."""
        results = self._convert(list(files), progress)
        return [results[path] for path in files]

    @abstractmethod
    def _convert(self, files: list[Path], progress: Progress | None) -> dict[Path, PdfResult]: ...

    def close(self) -> None:  # noqa: B027 — only the persistent converter has something to stop
        """Stop whatever the converter keeps running."""

    def __enter__(self) -> PdfConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OfficeConverter(PdfConverter):
    """A LibreOffice kept running (through ``uno``), converting one file at a time."""

    name = "office"

    def __init__(
        self, *, python: str | None = None, soffice: str | None = None, timeout: float = 120, queue: int = 64
    ) -> None:
        super().__init__(timeout=timeout, queue=queue)
        soffice = soffice or find_libreoffice()
        if soffice is None:
            raise ConverterMissingError(INSTALL_HINT)
        python = python or find_uno_python()
        if python is None:
            raise ConverterMissingError(
                "Для постоянного LibreOffice нужен его модуль uno: sudo apt-get install python3-uno."
            )
        self._python, self._soffice = python, soffice
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: _queue.Queue[dict[str, object] | None] = _queue.Queue()
        self._profile: Path | None = None  # removed by _stop, after LibreOffice has quit
        self._pipe = ""
        self._state = threading.Lock()
        self.starts = 0
        """How many times LibreOffice was started (once, unless a conversion failed or hung)."""

    def start(self) -> None:
        """Start LibreOffice now (otherwise it starts with the first file); return when it is ready."""
        with self._state:
            if self._process is not None and self._process.poll() is None:
                return
            self._stop()
            self._profile = Path(tempfile.mkdtemp(prefix="nastavnik-office-"))
            pipe = self._pipe = f"nastavnik-{os.getpid()}-{secrets.token_hex(6)}"
            self._answers = _queue.Queue()
            self._process = subprocess.Popen(
                [self._python, str(_WORKER), self._soffice, self._profile.as_uri(), pipe],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_clean_env(),
                start_new_session=True,  # its own process group: a hung LibreOffice is killed with it
            )
            self.starts += 1
            assert self._process.stdout is not None
            threading.Thread(target=_read_answers, args=(self._process.stdout, self._answers), daemon=True).start()
            ready = self._answer(max(self.timeout, 90))
        if not ready or not ready.get("ready"):
            self.close()
            raise RenderError("LibreOffice не запустился для преобразования в PDF.")

    def _answer(self, timeout: float) -> dict[str, object] | None:
        try:
            return self._answers.get(timeout=timeout)
        except _queue.Empty:
            return None

    def _convert(self, files: list[Path], progress: Progress | None) -> dict[Path, PdfResult]:
        results = {}
        for path in files:
            target = path.with_suffix(".pdf")
            attempts = 0
            while True:
                attempts += 1
                with self._queue.turn():
                    error = self._one(path, target)
                if error is None or attempts == 2:  # a failed file is tried once more, LibreOffice restarted
                    break
            results[path] = PdfResult(path, target if error is None else None, error, attempts)
            if progress:
                progress(1)
        return results

    def _one(self, source: Path, target: Path) -> str | None:
        """Convert one file; return ``None``, or why it failed (LibreOffice is restarted after a crash or hang)."""
        self.start()
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            process.stdin.write((json.dumps({"source": str(source), "target": str(target)}) + "\n").encode())
            process.stdin.flush()
        except OSError:
            self._kill()
            return _REASONS["died"]
        answer = self._answer(self.timeout)
        if answer is None:  # hung (killed here) or died (its pipe closed)
            hung = process.poll() is None
            self._kill()
            return _REASONS["timeout" if hung else "died"]
        if answer.get("ok") and target.is_file():
            return None
        reason = str(answer.get("error", "missing")) if not answer.get("ok") else "missing"
        if reason == "died":
            self._kill()
        return _REASONS.get(reason, _REASONS["office"])

    def _kill(self) -> None:
        with self._state:
            if self._process is not None and self._process.poll() is None:
                with suppress(ProcessLookupError):
                    os.killpg(self._process.pid, signal.SIGKILL)
            self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                with suppress(OSError):
                    process.stdin.close()  # the worker quits LibreOffice and exits
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None
        for folder in {Path(tempfile.gettempdir()), Path("/tmp")}:  # a killed LibreOffice leaves its pipe behind
            for leftover in folder.glob(f"OSL_PIPE_*_{self._pipe}"):
                leftover.unlink(missing_ok=True)

    def close(self) -> None:
        """Quit LibreOffice and remove its profile."""
        with self._state:
            self._stop()


def _read_answers(stream: IO[bytes], answers: _queue.Queue[dict[str, object] | None]) -> None:
    with stream:
        for line in stream:
            try:
                answers.put(json.loads(line))
            except ValueError:
                continue
    answers.put(None)  # the worker has gone


class SofficeConverter(PdfConverter):
    """``soffice --convert-to pdf`` with many files per call; a file a call left out is retried alone."""

    name = "soffice"

    def __init__(self, *, soffice: str | None = None, timeout: float = 300, queue: int = 64) -> None:
        super().__init__(timeout=timeout, queue=queue)
        self._soffice = soffice

    def _convert(self, files: list[Path], progress: Progress | None) -> dict[Path, PdfResult]:
        results: dict[Path, PdfResult] = {}
        by_folder: dict[Path, list[Path]] = {}
        for path in files:
            by_folder.setdefault(path.parent, []).append(path)
        for folder, group in by_folder.items():
            for start in range(0, len(group), _PER_CALL):
                chunk = group[start : start + _PER_CALL]
                with self._queue.turn():
                    done = self._call(chunk, folder, progress)  # progress file by file, as each PDF appears
                for path in chunk:
                    if path in done:
                        results[path] = PdfResult(path, path.with_suffix(".pdf"))
                for path in chunk:
                    if path not in done:
                        with self._queue.turn():
                            again = self._call([path], folder)
                        target = path.with_suffix(".pdf") if path in again else None
                        results[path] = PdfResult(path, target, None if target else _REASONS["missing"], 2)
                        if progress:
                            progress(1)
        return results

    def _call(self, files: list[Path], out_dir: Path, progress: Progress | None = None) -> set[Path]:
        with suppress(RenderTimeoutError):
            convert_to_pdf(files, out_dir, timeout=self.timeout, soffice=self._soffice, check=False, progress=progress)
        return {path for path in files if path.with_suffix(".pdf").is_file()}


def convert_to_pdf(
    files: Sequence[Path],
    out_dir: Path,
    *,
    timeout: float = 300,
    soffice: str | None = None,
    check: bool = True,
    progress: Progress | None = None,
) -> list[Path]:
    """Convert ``files`` to PDF into ``out_dir`` in one LibreOffice call with its own profile; return the PDF paths.

    ``progress`` is called with 1 for every PDF as LibreOffice writes it (the folder is watched
    while the call runs), so a long call shows its progress file by file.

    LibreOffice is given neutral copies (``00001.docx``…): a process's command line is visible to
    every user of the machine (``ps``), and a kit's file names are people's names. With ``check`` a
    file left without its PDF is an error; without it the caller looks for itself.
    """
    if not files:
        return []
    soffice = soffice or find_libreoffice()
    if soffice is None:
        raise ConverterMissingError(INSTALL_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="nastavnik-lo-") as profile,
        tempfile.TemporaryDirectory(prefix=".pdf-", dir=out_dir) as work,
    ):
        neutral = [Path(work) / f"{index:05d}{Path(f).suffix}" for index, f in enumerate(files, start=1)]
        for source, copy in zip(files, neutral, strict=True):
            with suppress(OSError):  # a file that cannot be read is left without its PDF, as LibreOffice would
                _link_or_copy(Path(source), copy)
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            work,
            *(str(f) for f in neutral if f.exists()),
        ]
        returncode = _run_watching(command, [f.with_suffix(".pdf") for f in neutral], timeout, progress)
        pdfs = [out_dir / f"{Path(f).stem}.pdf" for f in files]
        for copy, pdf in zip(neutral, pdfs, strict=True):
            made = copy.with_suffix(".pdf")
            if made.is_file():
                os.replace(made, pdf)
    missing = sum(not p.is_file() for p in pdfs)
    if check and (returncode != 0 or missing):
        raise RenderError(f"LibreOffice не смог преобразовать в PDF {missing} из {len(pdfs)} файлов.")
    return pdfs


def _run_watching(command: list[str], targets: list[Path], timeout: float, progress: Progress | None) -> int:
    """Run LibreOffice's ``command``; call ``progress`` with 1 for each of ``targets`` as it appears; return the exit code.

    A PDF counts once LibreOffice has started the next file or finished (it writes each PDF whole
    before opening the next document).
    """
    # a group of its own: «soffice» is a wrapper whose office process would outlive a kill of the wrapper alone
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    reported, left = 0, timeout
    try:
        while True:
            try:
                returncode = process.wait(timeout=_WATCH)
            except subprocess.TimeoutExpired:
                returncode = None
            if progress is not None:
                made = sum(1 for target in targets if target.exists())
                if made > reported:
                    progress(made - reported)
                    reported = made
            if returncode is not None:
                return returncode
            left -= _WATCH
            if left <= 0:
                raise RenderTimeoutError(f"LibreOffice не закончил преобразование в PDF за {timeout:.0f} с.")
    finally:
        _stop_group(process)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice's process and whatever it started that is still running (its process group)."""
    if not hasattr(os, "killpg"):  # Windows: no process groups to stop
        if process.poll() is None:
            process.kill()
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):  # the whole group has exited already
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


_WATCH = 0.25  # seconds between looks at the folder of PDFs


def _link_or_copy(source: Path, target: Path) -> None:
    """Give ``source`` a second name ``target`` (a hard link; a copy where links are impossible)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


_SHARED: dict[str, PdfConverter] = {}
_SHARED_LOCK = threading.Lock()


def pdf_converter(index: int = 0) -> PdfConverter:
    """Return this process's shared converter: a persistent LibreOffice where ``uno`` is found, else ``soffice``.

    ``index`` > 0 gives further converters, each a LibreOffice of its own (its own profile), for
    converting in parallel. ``NASTAVNIK_DOCS_PDF=soffice`` chooses the fallback; LibreOffice missing
    is :class:`ConverterMissingError`. The converters are closed when the process exits.
    """
    key = f"pdf-{index}"
    with _SHARED_LOCK:
        converter = _SHARED.get(key)
        if converter is None:
            require_libreoffice()
            wanted = os.environ.get("NASTAVNIK_DOCS_PDF", "")
            if wanted != "soffice" and find_uno_python() is not None:
                converter = OfficeConverter()
            else:
                converter = SofficeConverter()
            _SHARED[key] = converter
        return converter


def close_pdf_converter() -> None:
    """Stop the shared converters (LibreOffice quits); the next :func:`pdf_converter` starts a new one."""
    with _SHARED_LOCK:
        converters = list(_SHARED.values())
        _SHARED.clear()
    for converter in converters:
        converter.close()


atexit.register(close_pdf_converter)
