"""The service's limits, from arguments or from ``NASTAVNIK_DOCS_*`` environment variables.

Environment variables carry them into every worker process that ``uvicorn --workers`` starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import InputError

__all__ = ["Settings"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """How much the service accepts and how long it works on one request."""

    max_body: int = 60 * _MB
    """Largest request body in bytes (a data file of 5 MB and a register of 50 MB fit); more is 413."""
    timeout: float = 300.0
    """Seconds one request may take to produce its documents (PDF included); more is 504."""
    threads: int = 4
    """Requests producing documents at the same time; more wait their turn."""
    warm_up: bool = True
    """Start LibreOffice when the service starts, so that the first PDF does not wait for it."""
    broker: str | None = None
    """The Redis of the workers (``redis://HOST:PORT/N``): with it the service takes kit jobs (``POST /v1/jobs``)."""
    results: str | None = None
    """The folder the workers and the service share, where the jobs' inputs and archives lie."""

    @classmethod
    def from_env(cls) -> Settings:
        """Return the settings given by ``NASTAVNIK_DOCS_MAX_BODY_MB``, ``…_TIMEOUT``, ``…_THREADS``, ``…_BROKER``
        and ``…_RESULTS``."""
        default = cls()
        try:
            return cls(
                max_body=int(float(os.environ.get("NASTAVNIK_DOCS_MAX_BODY_MB", default.max_body / _MB)) * _MB),
                timeout=float(os.environ.get("NASTAVNIK_DOCS_TIMEOUT", default.timeout)),
                threads=int(os.environ.get("NASTAVNIK_DOCS_THREADS", default.threads)),
                broker=os.environ.get("NASTAVNIK_DOCS_BROKER") or None,
                results=os.environ.get("NASTAVNIK_DOCS_RESULTS") or None,
            )
        except ValueError:
            raise InputError(
                "NASTAVNIK_DOCS_MAX_BODY_MB, NASTAVNIK_DOCS_TIMEOUT и NASTAVNIK_DOCS_THREADS должны быть числами."
            ) from None

    def to_env(self) -> dict[str, str]:
        """Return the environment variables that give these settings to another process."""
        given = {"NASTAVNIK_DOCS_BROKER": self.broker, "NASTAVNIK_DOCS_RESULTS": self.results}
        return {
            "NASTAVNIK_DOCS_MAX_BODY_MB": repr(self.max_body / _MB),
            "NASTAVNIK_DOCS_TIMEOUT": repr(self.timeout),
            "NASTAVNIK_DOCS_THREADS": str(self.threads),
            **{key: value for key, value in given.items() if value},
        }
