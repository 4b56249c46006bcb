"""Shared fixtures for the nastavnik-docs tests."""

from __future__ import annotations

import pytest

NBSP = "\u00a0"


@pytest.fixture
def visible():
    """Return a function showing no-break spaces as «~» so assertions can spell them out."""

    def show(text: str) -> str:
        return text.replace(NBSP, "~")

    return show


from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def school_raw():
    """Return the bundled sample school as plain data (a fresh copy each time)."""
    return yaml.safe_load((ROOT / "samples" / "school.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def stage1_kit():
    """Return the stage-1 kit built once from the bundled sample school."""
    from nastavnik_docs.io import load_data
    from nastavnik_docs.produce import build_kit

    return build_kit("stage-1", load_data(ROOT / "samples" / "school.yaml"))
