"""Stage 8, the correction (January – February): next year's roadmap and plan, built from this year's
(stage 2: the bundled rows or the data file's own) and the school's filled final monitoring form.

Each row of this year's document, numbered as stage 2 prints it, fares by these rules, in order:

1. named in ``correction.progress.<document>.done`` — done: dropped;
2. named in ``…not_done`` — unfinished: carried over, its dates moved by whole years to the first
   year in which its deadline falls after the correction date;
3. a deadline in words («в течение всего периода») — continuing: carried over as it is;
4. a yearly deadline («до 14.09.2026 и далее ежегодно») whose last day is before the correction
   date — this year's done, next year's due: carried over, moved to the next year;
5. a deadline whose last day is before the correction date — done: dropped;
6. any other — not due yet, so unfinished: carried over with its dates (they are in the new period).

For every indicator of the form behind plan (its fact below this year's plan, or below the plan
for the next year) or without a fact, the rows the rules of ``content/data/correction.yaml`` give
for it are added in a section of their own. The appendix lists every row carried over, dropped or
added, with the reason.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import content_data
from ..errors import InputError
from ..models import Deadline, MonitoringReport, Schedule, SchoolCorrection, SchoolData
from ..models.schedule import resolve
from ..ru import add_months, plural
from .context import school_context, typeset
from .measures import indicator_rows, measure_rows, measure_sections, row_deadline, school_responsible
from .results import check_organisation, figure, report_year
from .spec import ContextBuilder, DocumentSpec, KitSpec
from .wording import load_wording, render_text, require, wording_name

__all__ = ["DOCUMENTS", "KIT", "Change", "corrected_rows", "last_day", "school_correction"]

_RULES = "content/data/correction.yaml"
_DATES = ("by", "on", "start", "to", "month", "year_end")


def school_correction(school: SchoolData, roster: None = None, *, monitoring: MonitoringReport) -> SchoolCorrection:
    """Return the input of the stage-8 kit: the data file and the school's own filled form (no register)."""
    check_organisation(school, monitoring)
    return SchoolCorrection(school=school, report=monitoring)


def last_day(deadline: Deadline, start: Schedule | dt.date) -> dt.date | None:
    """Return the last day a deadline allows (points and offsets resolved on ``start``); None for words.

    >>> last_day(Deadline(month=dt.date(2026, 9, 1)), dt.date(2026, 5, 29))
    datetime.date(2026, 9, 30)
    >>> last_day(Deadline(text="ежегодно"), dt.date(2026, 5, 29)) is None
    True
    """

    def day(value: dt.date | str) -> dt.date:
        return resolve(value, start)

    if deadline.text is not None:
        return None
    if deadline.to is not None:
        return day(deadline.to)
    if deadline.months is not None:
        return _month_end(day(deadline.months[1]))
    if deadline.month is not None:
        return _month_end(day(deadline.month))
    if deadline.year_end is not None:
        return dt.date(day(deadline.year_end).year, 12, 31)
    if deadline.during is not None:
        return dt.date(day(deadline.during[1]).year, 12, 31)
    if deadline.half_years is not None:
        return _month_end(day(deadline.half_years[1]))
    return day(deadline.by if deadline.by is not None else deadline.on)  # type: ignore[arg-type]


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def _absolute(deadline: Deadline, start: Schedule | dt.date, years: int = 0) -> Deadline:
    """Return the deadline with its points and offsets resolved on ``start`` and every date moved by ``years``."""

    def moved(value: dt.date | str) -> dt.date:
        return add_months(resolve(value, start), 12 * years)

    update: dict[str, Any] = {name: moved(getattr(deadline, name)) for name in _DATES if getattr(deadline, name)}
    if deadline.months is not None:
        update["months"] = [moved(value) for value in deadline.months]
    return deadline.model_copy(update=update)


@dataclass(frozen=True, slots=True)
class Change:
    """What became of one row: carried over (maybe moved), dropped, or added; with the reason."""

    kind: str
    """``carried``, ``moved``, ``dropped`` or ``added``."""
    section: str
    row: dict[str, Any]
    """The row as the data gives it, its ``deadline`` the new one (the old one for a dropped row)."""
    old: int | None
    """Its number in this year's document (None for an added row)."""
    was: Deadline | None
    reason: str


def _progress(school: SchoolData, document_id: str, count: int) -> tuple[set[int], set[int]]:
    """Return the numbers the data file marks done and not done, each checked against the rows there are."""
    given = getattr(school.correction.progress, document_id)
    for key in ("done", "not_done"):
        wrong = [number for number in getattr(given, key) if number > count]
        if wrong:
            rows = plural(count, ("мероприятие", "мероприятия", "мероприятий"), space=" ")
            raise InputError(
                f"correction.progress.{document_id}.{key}: мероприятия № {', '.join(map(str, wrong))} нет "
                f"в документе этапа 2 (в нём {rows})."
            )
    return set(given.done), set(given.not_done)


def _reason(key: str, scope: dict[str, Any]) -> str:
    return render_text(content_data("correction.yaml")["reasons"][key], scope, where=_RULES)


def _years_to_move(last: dt.date, day: dt.date) -> int:
    """Return the fewest whole years (at least one) that move ``last`` after ``day``."""
    years = 1
    while add_months(last, 12 * years) <= day:
        years += 1
    return years


def _indicator_scope(data: SchoolCorrection, base: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every indicator of the form with its fact and plans (this year's from the form, next year's from stage 3)."""
    school, report = data.school, data.report
    year = report_year(school, report)
    years = list(range(school.period.start_year, school.period.end_year + 1))
    planned = {row["id"]: row for row in indicator_rows(list(school.indicators), years, base)}
    scope = []
    for key, figures in report.indicators.items():
        row = planned.get(key, {})
        next_plan = row["values"][years.index(year + 1)] if row and year + 1 in years else None
        scope.append(
            {
                "id": key,
                "title": row.get("title", key),
                "fact_value": figures.fact,
                "plan_value": figures.plan,
                "next_plan_value": next_plan if isinstance(next_plan, int | float) else None,
                "fact": figure(figures.fact),
                "plan": figure(figures.plan),
                "next_plan": figure(next_plan) if isinstance(next_plan, int | float) else "",
                "year": year,
                "next_year": year + 1,
            }
        )
    return scope


def _added(data: SchoolCorrection, base: dict[str, Any], section: str) -> list[Change]:
    """Return the rows the rules add for the indicators behind plan or without a fact."""
    rules = content_data("correction.yaml")["indicators"]
    day = data.school.correction_date
    from_day = data.school.timeline.with_points(programme_start=day)  # bare offsets count from the correction
    changes = []
    for indicator in _indicator_scope(data, base):
        fact, plan, next_plan = indicator["fact_value"], indicator["plan_value"], indicator["next_plan_value"]
        if fact is None:
            kind, why = "no_data", "no_data"
        elif plan is not None and fact < plan:
            kind, why = "behind", "behind_plan"
        elif next_plan is not None and fact < next_plan:
            kind, why = "behind", "behind_next"
        else:
            continue
        scope = {**base, "indicator": indicator, "date": day}
        for index, rule in enumerate(rules.get(indicator["id"], {}).get(kind, [])):
            where = f"{_RULES}, {indicator['id']}.{kind}[{index}]"
            row = {
                key: render_text(value, scope, where=_RULES) if isinstance(value, str) else value
                for key, value in rule.items()
            }
            deadline = _absolute(row_deadline(row, where=where, number=index + 1), from_day)
            changes.append(Change("added", section, {**row, "deadline": deadline}, None, None, _reason(why, scope)))
    return changes


def corrected_rows(
    document_id: str, data: SchoolCorrection, base: dict[str, Any], wording_dir: Path | None
) -> tuple[str, str, list[Change]]:
    """Return this year's title and subtitle and what becomes of every row, then the rows added, in order."""
    school = data.school
    title, subtitle, sections = measure_sections(
        document_id, school, base, wording_dir, own=getattr(school, document_id)
    )
    where = wording_name(document_id, wording_dir)
    count = sum(len(rows) for _, rows in sections)
    done, not_done = _progress(school, document_id, count)
    day, start = school.correction_date, school.timeline
    changes: list[Change] = []
    number = 0
    for section, rows in sections:
        for row in rows:
            number += 1
            deadline = row_deadline(row, where=where, number=number)
            last = last_day(deadline, start)
            shown = deadline.render(start)
            scope = {"deadline": shown, "date": day, "document": document_id}
            if number in done and not deadline.yearly:
                kind, moved, reason = "dropped", 0, _reason("done_marked", scope)
            elif number in not_done and last is not None and last <= day:
                moved = _years_to_move(last, day)
                kind, reason = "moved", _reason("not_done_marked", {**scope, "years": moved})
            elif last is None:
                kind, moved, reason = "carried", 0, _reason("continuing", scope)
            elif deadline.yearly and (last <= day or number in done):
                moved = _years_to_move(last, day)
                kind, reason = "moved", _reason("yearly", {**scope, "years": moved})
            elif last <= day and number not in not_done:
                kind, moved, reason = "dropped", 0, _reason("done_by_date", scope)
            else:
                kind, moved, reason = "carried", 0, _reason("pending", scope)
            new = deadline if kind == "dropped" else _absolute(deadline, start, moved)
            changes.append(Change(kind, section, {**row, "deadline": new}, number, deadline, reason))
    return title, subtitle, changes


def _corrected(document_id: str) -> ContextBuilder:
    """Return the context builder of next year's roadmap or plan, with the appendix of changes."""

    def build(data: SchoolCorrection, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        school = data.school
        source_id = document_id.removesuffix("-corrected")
        year = report_year(school, data.report)
        correction = {
            "date": school.correction_date,
            "year": year,
            "first_year": year + 1,
            "last_year": max(year + 1, school.period.end_year),
        }
        where = wording_name(document_id, wording_dir)
        wording = load_wording(document_id, wording_dir)
        require(wording, ("title", "subtitle", "section", "appendix"), where)
        title, subtitle, changes = corrected_rows(source_id, data, base, wording_dir)
        scope = {**base, "source": {"title": title, "subtitle": subtitle}, "correction": correction}
        added_section = render_text(wording["section"], scope, where=where)
        changes += _added(data, base, added_section)
        kept = [change for change in changes if change.kind != "dropped"]
        sections: dict[str, list[dict[str, Any]]] = {}
        for change in kept:
            sections.setdefault(change.section, []).append(change.row)
        resolve = school_responsible(school)
        measures = measure_rows(list(sections.items()), school.timeline, resolve, where=where)
        new_numbers = iter(row["number"] for row in measures if "number" in row)
        numbers = {id(change): next(new_numbers) for change in kept}
        kinds = content_data("correction.yaml")["kinds"]
        start = school.timeline
        rows = [
            {
                "number": f"{index}.",
                "old": f"{change.old}." if change.old else "—",
                "new": numbers.get(id(change), "—"),
                "content": change.row["content"],
                "change": kinds[change.kind],
                "was": change.was.render(start) if change.was else "—",
                "now": "—" if change.kind == "dropped" else change.row["deadline"].render(start),
                "reason": change.reason,
            }
            for index, change in enumerate(changes, start=1)
        ]
        counts = {kind: sum(1 for change in changes if change.kind == kind) for kind in kinds}
        return {
            **scope,
            "doc": {
                "title": render_text(wording["title"], scope, where=where),
                "subtitle": render_text(wording["subtitle"], scope, where=where),
            },
            "measures": measures,
            "changes": typeset(
                {"title": render_text(wording["appendix"], scope, where=where), "rows": rows, "counts": counts}
            ),
        }

    return build


def _base(data: SchoolCorrection) -> dict[str, Any]:
    return school_context(data.school)


DOCUMENTS = (
    DocumentSpec(
        "roadmap-corrected",
        "Дорожная карта реализации системы мероприятий по внедрению целевой модели наставничества (корректировка)",
        8,
        SchoolCorrection,
        _base,
        ("roadmap-corrected.docx", "roadmap-corrected.xlsx"),
        _corrected("roadmap-corrected"),
        wording=("roadmap-corrected",),
        dated=lambda data: data.school.correction_date,
    ),
    DocumentSpec(
        "plan-corrected",
        "План реализации мероприятий по внедрению целевой модели наставничества (корректировка)",
        8,
        SchoolCorrection,
        _base,
        ("plan-corrected.docx", "plan-corrected.xlsx"),
        _corrected("plan-corrected"),
        wording=("plan-corrected",),
        dated=lambda data: data.school.correction_date,
    ),
)

KIT = KitSpec(
    "stage-8",
    ("roadmap-corrected", "plan-corrected"),
    model=SchoolCorrection,
    data_model=SchoolData,
    samples=("school.yaml", "monitoring-form.xlsx"),
    monitoring=True,
    combine=school_correction,
)
