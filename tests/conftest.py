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
