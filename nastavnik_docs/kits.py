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
        "stage-2": ("roadmap", "plan"),
        "stage-3": (
            "participants-list",
            "forms-characteristics",
            "practice-criteria",
            "planned-indicators",
            "monitoring-form",
        ),
        "stage-4": (
            "order-pairs",
            "roadmap-implementation-plan",
            "register",
            "consent-pd",
            "agreement-pair",
            "individual-plan",
            "partnership-agreement",
        ),
        "municipal": ("order-municipal",),
        "teachers": ("order-teacher-model", "regulation-teacher-system", "roadmap-teacher", "order-teacher-pairs"),
    }
)
"""Every kit by name; ``nastavnik-docs kit NAME`` builds one."""

SAMPLES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "stage-1": ("school.yaml",),
        "stage-2": ("school.yaml",),
        "stage-3": ("school.yaml",),
        "stage-4": ("school.yaml", "register.xlsx"),
        "municipal": ("municipality.yaml",),
        "teachers": ("teachers.yaml",),
    }
)
"""The bundled sample files each kit is demonstrated with (``nastavnik-docs demo``): the data
file, and for stage 4 the participant register too."""
