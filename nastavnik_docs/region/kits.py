"""A region job: one kit per organisation of a region folder, the index of what was made and what was not.

The region's output is a folder of the organisations' kits (each written by the producer's own sink:
staged, swapped in whole, with its manifest), ``index.xlsx`` and ``region.json``. One bad
organisation never stops the others: its error is its row. The units of work run in this process or
on Celery workers (:class:`~.runner.Runner`); the output is the same byte for byte.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ..documents import get_kit
from ..errors import InputError
from ..io.manifest import foreign_files
from ..io.output import check_not_source, os_errors, output_lock, resolved_output
from ..io.region import INDEX, SUMMARY, find_organisations, index_bytes, read_summary, summary_bytes
from ..io.sinks import write_file
from ..models import OrganisationOutcome, RegionSummary
from .runner import InProcess, Runner

__all__ = ["produce_region"]


def produce_region(
    kit: str,
    region: str | Path,
    out: str | Path,
    *,
    runner: Runner | None = None,
    force: bool = False,
    as_zip: bool = False,
    pdf: bool = False,
    latin: bool = False,
    titles: bool = False,
    jobs: int = 1,
    done: Callable[[OrganisationOutcome], None] | None = None,
) -> RegionSummary:
    """Make kit ``kit`` for every organisation folder of ``region`` into ``out``; return what became of each.

    ``out`` must be new or empty, or with ``force`` an earlier region job's output (its ``region.json``
    lists everything in it): each kit there is replaced, and the kits of organisations gone or failed
    this time are removed. ``runner`` runs the kits (this process by default; the Celery workers with
    :class:`~.queue.CeleryRunner`, which need ``region`` and ``out`` on a folder they share); ``titles`` names
    each kit's files by their place and title («01 Приказ ….docx»), as the command line does, not by ids;
    ``done`` is called with each organisation's outcome as it comes.
    """
    spec = get_kit(kit)
    if spec.reader is not None:
        raise InputError(
            f"Комплект {kit} собирается из папки форм, а не из файлов организаций: "
            "nastavnik-docs monitoring collect ПАПКА -o СВОДНАЯ.xlsx."
        )
    source = Path(region).absolute()
    folders = find_organisations(source)
    target = resolved_output(out).absolute()
    check_not_source(target, [source], folder=True)
    if source in target.parents:
        raise InputError(f"{target}: папка результата лежит внутри папки региона; укажите папку вне её.")
    runner = runner or InProcess()
    runner.check()  # a broker that is down: said before the output folder is made
    with output_lock(target):
        previous = _check_output(target, force=force)
        with os_errors(target):
            target.mkdir(mode=0o700, parents=True, exist_ok=True)
        options = {"as_zip": as_zip, "pdf": pdf, "latin": latin, "titles": titles, "jobs": jobs}
        outcomes = runner.organisation_kits(kit, folders, target, options, done)
        by_folder = {outcome.folder: outcome for outcome in outcomes}
        summary = RegionSummary(kit=kit, organisations=[by_folder[folder.name] for folder in folders])
        if previous is not None:
            _remove_left_over(target, previous, summary)
        write_file(target / SUMMARY, summary_bytes(summary), force=True, what="сводку региона")
        write_file(target / INDEX, index_bytes(summary), force=True, what="оглавление региона")
    return summary


def _check_output(target: Path, *, force: bool) -> RegionSummary | None:
    """Refuse an output that is not new, empty or (with ``force``) an earlier region job's; return that job's summary."""
    if not target.exists():
        return None
    if not target.is_dir():
        raise InputError(f"{target} — это файл, а не папка.")
    entries = sorted(entry.name for entry in target.iterdir())
    if not entries:
        return None
    if not force:
        raise InputError(f"Папка {target} уже существует и не пуста. Чтобы заменить комплекты в ней, добавьте --force.")
    previous = read_summary(target)
    if previous is None:
        raise InputError(
            f"Папка {target} не пуста, и в ней нет сводки {SUMMARY}: --force заменяет только папку, "
            "созданную nastavnik-docs region. Укажите новую папку или освободите эту."
        )
    known = {INDEX, SUMMARY} | {item.output for item in previous.organisations if item.output}
    foreign = [name for name in entries if name not in known and ".nastavnik-" not in name]  # staging: the sinks'
    if foreign:
        raise InputError(
            f"В папке {target} есть то, чего задание региона не создавало ({len(foreign)}, например «{foreign[0]}»): "
            "--force заменил бы папку. Перенесите это или укажите другую папку."
        )
    return previous


def _remove_left_over(target: Path, previous: RegionSummary, summary: RegionSummary) -> None:
    """Remove the kits of the earlier job that this one did not make (an organisation gone, or failed this time)."""
    made = {item.output for item in summary.organisations if item.output}
    with os_errors(target):
        for item in previous.organisations:
            if not item.output or item.output in made:
                continue
            path = target / item.output
            if path.is_dir() and not path.is_symlink() and foreign_files(path) == []:
                shutil.rmtree(path)
            elif path.is_file() and path.suffix == ".zip":
                path.unlink()
