"""Deadlines of roadmaps and plans: relative offsets, month ends, the forms a deadline may take."""

import datetime as dt
import re

import pytest

from nastavnik_docs.models import Deadline
from nastavnik_docs.models.schedule import shift

NB = "\u00a0"


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        ({"by": "+6w"}, f"до{NB}10.07.2026"),
        ({"from": "+3m3d", "to": "+3m18d"}, "01–16.09.2026"),
        ({"month": "+1m"}, f"Июнь{NB}2026{NB}года"),
        ({"months": ["+2m", "+3m"]}, f"Июль{NB}– август{NB}2026{NB}года"),
        ({"year_end": "+0d"}, f"до{NB}31.12.2026"),
        ("в течение всего периода", "в течение всего периода"),
        ("16.09.2026", "16.09.2026"),
        ({"on": dt.date(2027, 1, 10)}, "10.01.2027"),
        ({"during": ["+0d", "+19m"]}, f"в течение 2026, 2027{NB}годов"),
        ({"during": ["+0d", "+1m"], "before": "постоянно,"}, f"постоянно, в течение 2026{NB}года"),
        ({"half_years": ["+6m", "+19m"]}, f"Декабрь{NB}2026{NB}года, май{NB}2027{NB}года, декабрь{NB}2027{NB}года"),
        ({"month": "+1m", "after": "(по плану)"}, f"Июнь{NB}2026{NB}года (по плану)"),
    ],
)
def test_deadlines_relative_to_the_start(spec, text):
    assert Deadline.model_validate(spec).render(dt.date(2026, 5, 29)) == text


def test_offsets_keep_month_ends():
    assert shift(dt.date(2026, 1, 31), "+1m") == dt.date(2026, 2, 28)
    assert shift(dt.date(2026, 5, 29), "-1m") == dt.date(2026, 4, 29)


@pytest.mark.parametrize(
    "bad",
    [
        {"by": "+6x"},
        {"by": "+6w", "on": "+1d"},
        {"from": "+1d"},
        {},
        {"during": ["+0d"]},
        {"text": "ежегодно", "after": "(по плану)"},  # words around words: write them in text
    ],
)
def test_bad_deadlines_are_refused(bad):
    from pydantic import ValidationError as PydanticError

    with pytest.raises(PydanticError):
        Deadline.model_validate(bad)


def test_unquoted_on_in_yaml_is_still_on():
    import yaml

    assert Deadline.model_validate(yaml.safe_load("{on: '+1d'}")).render(dt.date(2026, 5, 29)) == "30.05.2026"


def test_half_years_without_a_december_or_a_may_name_the_dates():
    from nastavnik_docs.errors import LanguageError

    with pytest.raises(LanguageError, match=re.escape("с 29.06.2026 по 29.10.2026 нет ни декабря, ни мая")):
        Deadline.model_validate({"half_years": ["+1m", "+5m"]}).render(dt.date(2026, 5, 29))
