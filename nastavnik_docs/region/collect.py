"""A collection of monitoring forms read in batches, by this process or by the workers; the summary made once.

The forms of a folder are shared into batches of ``batch`` files, each batch read as one unit of
work (a Celery task with :class:`~.queue.CeleryRunner`); the batches are merged in the folder's
order — so a second form of an organisation is set aside as when one process reads them all — and
the collection's documents are then made once, from the whole, by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..io.monitoring import form_names, merge_forms, read_collection
from ..models import MonitoringCollection
from .runner import InProcess, Runner

__all__ = ["BATCH", "collect_forms"]

BATCH = 50
"""Forms read by one task: about a second of work, so that the workers share the folder evenly."""


def collect_forms(
    folder: str | Path,
    *,
    runner: Runner | None = None,
    batch: int = BATCH,
    year: int | None = None,
    collector: str | None = None,
    title: str | None = None,
    done: Callable[[int], None] | None = None,
) -> MonitoringCollection:
    """Return the collection of the forms below ``folder``, read in batches of ``batch`` by ``runner``.

    The same collection as :func:`~nastavnik_docs.io.monitoring.read_collection` (the workers need
    ``folder`` on a folder they share); ``done`` is called with the number of files of each batch read.
    """
    root = Path(folder).absolute()
    names = form_names(root)
    batches = [names[start : start + batch] for start in range(0, len(names), max(1, batch))]
    read = (runner or InProcess()).form_batches(root, batches, done)
    found = merge_forms(item for forms in read for item in forms)
    return read_collection(root, year=year, collector=collector, title=title, found=found)
