"""The school year's schedule: points from the data file's dates, defaults derived from them, and the
explicit dates that break the order of events refused (or warned about) naming both fields."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from nastavnik_docs.errors import NastavnikDocsWarning, ValidationError
from nastavnik_docs.models import Deadline, SchoolData, validate

ROOT = Path(__file__).resolve().parents[2]
NB = "\u00a0"


@pytest.fixture
def raw():
    return yaml.safe_load((ROOT / "samples" / "school.yaml").read_text(encoding="utf-8"))


def test_the_sample_year_in_order(raw):
    dates = validate(raw, SchoolData).timeline.dates
    order = [
        "management_team",
        "introduce_model",
        "year_start",
        "consents",
        "pairs_order",
        "pairs_start",
        "first_meetings",
        "plans",
        "programme_order",
        "monitoring",
        "monitoring_due",
        "results",
        "correction",
        "year_end",
    ]
    days = [dates[name] for name in order]
    assert days == sorted(days), dict(zip(order, days, strict=True))
    assert dates["pairs_order"] == dt.date(2026, 9, 14) and dates["pairs_start"] == dt.date(2026, 9, 15)


def test_defaults_follow_the_orders(raw):
    for name in ("schedule", "programme"):
        raw.pop(name)
    raw["pairs_order"]["date"] = "2026-09-20"
    dates = validate(raw, SchoolData).timeline.dates
    assert dates["pairs_start"] == dt.date(2026, 9, 21)  # the day after the order forming the pairs
    assert dates["consents"] == dt.date(2026, 9, 17)  # before the order that cites them
    assert dates["first_meetings"] == dt.date(2026, 9, 28)
    assert dates["plans"] == dt.date(2026, 10, 12)


def test_a_deadline_names_a_point_of_the_schedule(raw):
    timeline = validate(raw, SchoolData).timeline
    assert Deadline.model_validate({"by": "pairs_order"}).render(timeline) == f"до{NB}14.09.2026"
    assert Deadline.model_validate({"by": "pairs_start+1w", "yearly": True}).render(timeline) == (
        f"до{NB}22.09.2026 и далее ежегодно"
    )
    with pytest.raises(Exception, match="неизвестная точка графика «pair_starts»"):
        Deadline.model_validate({"by": "pair_starts+1w"})


def test_pairs_before_the_order_forming_them_are_refused(raw):
    raw["schedule"]["pairs_start"] = "2026-09-10"
    raw["schedule"]["consents"] = "2026-09-05"
    with pytest.raises(ValidationError) as caught:
        validate(raw, SchoolData)
    message = str(caught.value)
    assert "schedule.pairs_start:" in message and "pairs_order.date, 14.09.2026" in message
    assert "10.09.2026" in message


def test_a_consent_after_the_start_of_the_pairs_is_refused(raw):
    raw["schedule"]["consents"] = "2026-09-16"
    with pytest.raises(ValidationError) as caught:
        validate(raw, SchoolData)
    message = str(caught.value)
    assert "schedule.consents:" in message and "schedule.pairs_start, 15.09.2026" in message


def test_a_programme_approved_before_its_council_is_refused(raw):
    raw["programme"]["order"]["date"] = "2026-09-20"
    with pytest.raises(ValidationError, match=r"programme\.order\.date: .*programme\.council\.date, 24\.09\.2026"):
        validate(raw, SchoolData)


def test_a_consent_after_the_order_is_a_warning_naming_both_fields(raw):
    raw["schedule"]["consents"] = "2026-09-15"  # the law allows it (before the pairs start); a reader stops
    with pytest.warns(NastavnikDocsWarning) as caught:
        validate(raw, SchoolData)
    [warning] = [str(w.message) for w in caught]
    assert "schedule.consents:" in warning and "pairs_order.date, 14.09.2026" in warning


def test_the_sample_gives_no_warning(raw, recwarn):
    validate(raw, SchoolData)
    assert not [w for w in recwarn if issubclass(w.category, NastavnikDocsWarning)]
