"""Fixtures of the family tests: the kits of stages 2 and 3 built once from the sample school."""

from pathlib import Path

import pytest

from nastavnik_docs.io import load_data
from nastavnik_docs.produce import build_kit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kits():
    """Return the files of the stage-2 and stage-3 kits by name."""
    data = load_data(ROOT / "samples" / "school.yaml")
    files = {}
    for name in ("stage-2", "stage-3"):
        for item in build_kit(name, data).files:
            files[item.name] = item.data
    return files


@pytest.fixture
def results_sections():
    """Return the headings of the sections of the stage-7 results page of the sample, in order."""
    return [
        "Наставнические пары и группы",
        "Показатели эффективности",
        "Удовлетворённость участников",
        "Лучшие практики",
        "Распространение опыта",
        "Документы",
    ]
