"""Who runs a region's units of work: this process, one after another, or the Celery workers (:mod:`.queue`).

Both answer the same two calls with the same results, so a region job and a distributed collection
are written once (:mod:`.kits`, :mod:`.collect`) and a test can compare the two runs file by file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..io.monitoring import read_forms
from ..models import MonitoringReport, OrganisationOutcome, RejectedForm
from .work import organisation_kit

__all__ = ["InProcess", "Runner"]


class Runner(Protocol):
    """Runs organisations' kits and batches of forms, reporting each as it is done."""

    def check(self) -> None:
        """Raise when the work could not be sent (the workers' broker cannot be reached), before anything is written."""
        ...

    def organisation_kits(
        self,
        kit: str,
        folders: list[Path],
        out: Path,
        options: dict[str, Any],
        done: Callable[[OrganisationOutcome], None] | None = None,
    ) -> list[OrganisationOutcome]:
        """Return the outcome of kit ``kit`` for every organisation folder, written into ``out``."""
        ...

    def form_batches(
        self, root: Path, batches: list[list[str]], done: Callable[[int], None] | None = None
    ) -> list[list[MonitoringReport | RejectedForm]]:
        """Return every batch of forms (paths inside ``root``) read, in the order of ``batches``."""
        ...


class InProcess:
    """This process does the work itself, one unit after another."""

    def check(self) -> None:
        """Nothing to reach: this process does the work."""

    def organisation_kits(
        self,
        kit: str,
        folders: list[Path],
        out: Path,
        options: dict[str, Any],
        done: Callable[[OrganisationOutcome], None] | None = None,
    ) -> list[OrganisationOutcome]:
        """Return the outcome of kit ``kit`` for every organisation folder, written into ``out``."""
        found = []
        for folder in folders:
            found.append(organisation_kit(kit, folder, out, **options))
            if done is not None:
                done(found[-1])
        return found

    def form_batches(
        self, root: Path, batches: list[list[str]], done: Callable[[int], None] | None = None
    ) -> list[list[MonitoringReport | RejectedForm]]:
        """Return every batch of forms (paths inside ``root``) read, in the order of ``batches``."""
        read = []
        for names in batches:
            read.append(read_forms(root, names))
            if done is not None:
                done(len(names))
        return read
