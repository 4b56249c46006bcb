"""What one organisation's filled form says, as named figures, and the addressed recommendations they call for.

The rules are data (``content/data/collection.yaml``: conditions on named figures, one table of
thresholds), the sentences are wording (``content/wording/analytical-report.yaml``,
``recommendations.<rule id>``): this module only computes the figures and checks the conditions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from ..content import content_data
from ..errors import TemplateError
from ..models.report import MonitoringReport
from ..ru import percent

__all__ = ["applying_rules", "decimal_text", "figure", "finite", "organisation_figures", "percent_text", "settings"]

_COMPARISONS = {
    "below": lambda value, limit: value < limit,
    "above": lambda value, limit: value > limit,
    "at_most": lambda value, limit: value <= limit,
    "at_least": lambda value, limit: value >= limit,
}
_EVENTS_OUTSIDE = ("events_municipal", "events_regional", "events_federal", "events_international")


@cache
def settings() -> dict[str, Any]:
    """Return the collection's settings (``content/data/collection.yaml``), its rules checked once."""
    data = content_data("collection.yaml")
    for rule in data["rules"]:
        for condition in rule["when"]:
            kinds = [key for key in condition if key != "figure"]
            if len(kinds) != 1 or kinds[0] not in {*_COMPARISONS, "missing"}:
                raise TemplateError(
                    f"content/data/collection.yaml, правило {rule['id']}: в условии нужно одно сравнение "
                    f"(below, above, at_most, at_least или missing), а не {', '.join(kinds) or 'ничего'}.",
                    template="collection.yaml",
                )
    return data


def finite(value: float | int | None) -> float | int | None:
    """Return ``value``, or None for a figure that is not a number at all (NaN, infinity)."""
    return value if value is None or math.isfinite(value) else None


def decimal_text(value: float | int | None) -> str:
    """Return a number as documents write it: one decimal at most, a decimal comma; «—» for none.

    >>> decimal_text(34.5), decimal_text(70.0), decimal_text(None)
    ('34,5', '70', '—')
    """
    value = finite(value)
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",")


def percent_text(value: float | int | None) -> str:
    """Return a percentage as documents write it: «34,5 %» (a no-break space), «—» for none.

    >>> percent_text(34.5), percent_text(70), percent_text(None)
    ('34,5\\xa0%', '70\\xa0%', '—')
    """
    text = decimal_text(value)
    return text if text == "—" else f"{text}\u00a0%"


def organisation_figures(report: MonitoringReport) -> dict[str, Any]:
    """Return the named figures of one organisation: ``pairs.*``, ``practice.*``, ``indicators.<id>.*``, ``behind``."""
    rows = list(report.forms.values())

    def total(column: str) -> int:
        return sum(int(finite(getattr(row, column)) or 0) for row in rows)

    pairs: dict[str, Any] = {
        column: total(column) for column in ("mentors", "mentees", "pairs", "started", "completed", "terminated")
    }
    pairs["terminated_share"] = percent(pairs["terminated"], pairs["pairs"]) if pairs["pairs"] > 0 else None
    practice: dict[str, Any] = {key: finite(value) for key, value in report.practice.items()}
    practice["events"] = sum(value or 0 for key, value in practice.items() if key.startswith("events_"))
    practice["events_outside"] = sum(practice.get(key) or 0 for key in _EVENTS_OUTSIDE)
    indicators: dict[str, dict[str, Any]] = {}
    limit = settings()["behind_plan_below"]
    for key in settings()["indicators"]:
        row = report.indicators.get(key)
        base, count, plan = (finite(row.base), finite(row.count), finite(row.plan)) if row else (None, None, None)
        fact = percent(count, base) if count is not None and base else None
        done = percent(fact, plan) if fact is not None and plan else None
        indicators[key] = {"base": base, "count": count, "plan": plan, "fact": fact, "done": done}
    behind = [key for key, row in indicators.items() if row["done"] is not None and row["done"] < limit]
    return {"pairs": pairs, "practice": practice, "indicators": indicators, "behind": len(behind), "behind_ids": behind}


def figure(figures: Mapping[str, Any], path: str) -> Any:
    """Return the figure named ``path`` (``indicators.mentees-10-19.done``), None where there is none."""
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _holds(condition: Mapping[str, Any], figures: Mapping[str, Any]) -> bool:
    value = figure(figures, condition["figure"])
    if "missing" in condition:
        return (value is None) == bool(condition["missing"])
    if value is None:
        return False
    [(kind, limit)] = [(key, item) for key, item in condition.items() if key != "figure"]
    return bool(_COMPARISONS[kind](value, limit))


def applying_rules(figures: Mapping[str, Any]) -> list[str]:
    """Return the ids of the rules whose every condition holds for ``figures``, in the table's order, or «otherwise»."""
    found = [rule["id"] for rule in settings()["rules"] if all(_holds(c, figures) for c in rule["when"])]
    return found or [settings()["otherwise"]]
