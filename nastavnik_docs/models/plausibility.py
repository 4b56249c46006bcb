"""How far dates of the register and the data file may lie from each other: one home for the margins.

The rules catch a year typed wrong before it changes a document: a consent dated 2200 would give a
13-year-old the adult consent, a pair ending in 2127 would overflow the arithmetic of its plan. What
the law allows but is rare (a consent signed after the pair started, a pupil of 20) is a warning;
what cannot be is an error. ``docs/register.md`` lists the same rules for the coordinator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..ru import plural

__all__ = [
    "AHEAD",
    "CONSENT_EARLY",
    "CONSENT_MARGIN",
    "MAX_PAIR_YEARS",
    "AgeRule",
    "age_rule",
    "pair_period_problem",
    "years",
]

CONSENT_MARGIN = dt.timedelta(days=31)
"""A consent may be signed up to a month after its pair (group) starts without a word: the papers of
a September start are collected during September. Later, while the pair works, is a warning (a mentee
who joined a group later signs later); after the pair has ended it is an error."""

CONSENT_EARLY = dt.timedelta(days=366)
"""A consent signed more than a year before the first pair starts is a warning: legal, but more often
the year typed wrong."""

AHEAD = dt.timedelta(days=366)
"""How far after today a register may look: a pair starting, a consent or a partner's agreement signed
more than a year from now is an error (a register is made for this school year or the next)."""

MAX_PAIR_YEARS = 3
"""The longest a pair (group) may work: mentorship of a pupil lasts a school year or two, that of a young
teacher the first three years of work (the «0–3 years' experience» of the efficiency indicators)."""


@dataclass(frozen=True, slots=True)
class AgeRule:
    """The ages a category of participant can have on the consent's date: below ``least`` is an error,
    below ``usual`` or above ``most`` a warning."""

    least: int
    usual: int
    most: int | None = None
    known: bool = True
    """Whether the category is one of the register's list (a message may name it) or free text."""


_YOUNGEST = AgeRule(5, 5, known=False)
_AGES: dict[str, AgeRule] = {
    # school from 6½ (earlier with the founder's permission); grade 11 ends at 17–18, evening schools later
    "обучающийся": AgeRule(5, 6, 19),
    # a college takes pupils after grade 9, at 15
    "студент": AgeRule(5, 15),
    # teaching needs vocational or higher education: work from 16 (Labour Code, art. 63), a teacher from 18
    "педагог": AgeRule(16, 18),
    "работник предприятия": AgeRule(14, 18),
    "родитель": AgeRule(14, 18),
    "выпускник": AgeRule(14, 17),
}


def age_rule(category: str) -> AgeRule:
    """Return the ages a participant of ``category`` can have (only the floor of 5 years for another category)."""
    return _AGES.get(category.strip().lower(), _YOUNGEST)


def years(count: int) -> str:
    """Return «13 лет», «1 год», «2 года» with a plain space, as a message on a console writes them."""
    return plural(count, ("год", "года", "лет"), space=" ")


def pair_period_problem(start: dt.date, end: dt.date) -> str | None:
    """Return what is wrong with a pair's (group's) dates of start and end, or None.

    >>> pair_period_problem(dt.date(2026, 9, 1), dt.date(2027, 5, 31)) is None
    True
    >>> pair_period_problem(dt.date(2026, 9, 1), dt.date(2127, 5, 31))
    'пара (группа) длится больше 3 лет — проверьте год даты окончания'
    """
    if end < start:
        return "дата окончания раньше даты начала"
    if _add_years(start, MAX_PAIR_YEARS) < end:
        longest = plural(MAX_PAIR_YEARS, ("года", "лет", "лет"), space=" ")  # «больше 1 года», «больше 3 лет»
        return f"пара (группа) длится больше {longest} — проверьте год даты окончания"
    return None


def _add_years(day: dt.date, count: int) -> dt.date:
    """Return ``day`` moved by ``count`` years (29 February to 28 February)."""
    try:
        return day.replace(year=day.year + count)
    except ValueError:
        return day.replace(year=day.year + count, day=28)
