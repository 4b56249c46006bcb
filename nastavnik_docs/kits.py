"""Kits: the documents of a stage, as lists of document ids of the catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["KITS", "SAMPLES"]

KITS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "stage-1": (
            "order-management-team",
            "order-introduce-model",
            "regulation-model",
            "regulation-forms",
            "website-tab",
        ),
    }
)
"""Every kit by name; ``nastavnik-docs kit NAME`` builds one."""

SAMPLES: Mapping[str, str] = MappingProxyType({"stage-1": "school.yaml"})
"""The bundled sample data file each kit is demonstrated with (``nastavnik-docs demo``)."""
