"""Stage 6, the final monitoring (November, due 20–25 November): the mandatory annual form, filled in
with everything the data file, the register and the survey answers already tell.

What is counted, on the form's date (``monitoring.date``, 20 November of the monitoring year by
default): the pairs that had started by then; their mentors and mentees by form of mentorship and
by role and age group (age on that date); pairs started in the reporting year, completed and
ended early by then; partners and those that gave mentors; dissemination events held by then;
best practices; the satisfaction shares of the survey. Headcounts the register cannot know (pupils
aged 10–19, young teachers) come from the data file or are left to the school. The layout is
``content/data/final-monitoring.yaml``; the stage-6 kit adds the questionnaires of :mod:`.surveys`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..content import content_data
from ..models import Mentee, Mentor, Pair, PairStatus, Register, SchoolData, SchoolMonitoring, SurveyAnswers
from ..models.dissemination import event_levels
from ..models.register import age_on
from ..models.surveys import Role, Satisfaction, satisfaction
from .context import school_context
from .dissemination import events_by_level, mentors_from
from .measures import indicator_rows
from .spec import DocumentSpec, KitSpec

__all__ = ["DOCUMENTS", "KIT", "monitoring_values", "school_monitoring"]


def _counted(roster: Register, day: dt.date) -> list[Pair]:
    """Return the pairs that had started by ``day``."""
    return [pair for pair in roster.pairs if pair.start <= day]


def _by_form(pairs: list[Pair], year: int, day: dt.date, shares: Satisfaction | None) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for form in content_data("forms.yaml"):
        own = [pair for pair in pairs if pair.form == form["id"]]
        ended = [pair for pair in own if pair.finished_on is not None and pair.finished_on <= day]
        row: dict[str, Any] = {
            "mentors": len({pair.mentor for pair in own}),
            "mentees": len({code for pair in own for code in pair.mentees}),
            "pairs": len(own),
            "started": sum(1 for pair in own if pair.start.year == year),
            "completed": sum(1 for pair in ended if pair.status is PairStatus.COMPLETED),
            "terminated": sum(1 for pair in ended if pair.status is PairStatus.TERMINATED),
            "satisfied_mentees": None,
            "satisfied_mentors": None,
        }
        if shares is not None:
            for key, part in (("satisfied_mentees", shares.mentees), ("satisfied_mentors", shares.mentors)):
                share = part.by_form.get(form["id"])
                row[key] = share.share if share is not None else None
        values[form["id"]] = row
    return values


def _groups(mentors: list[Mentor], mentees: list[Mentee], day: dt.date) -> dict[str, int]:
    """Return the participants by role and age group (students by age on ``day``, others by category)."""
    groups: Counter[str] = Counter()
    for mentee in mentees:
        age = age_on(mentee.birth_date, day)
        if mentee.category == "обучающийся":
            group = "under_10" if age < 10 else "10_14" if age < 15 else "15_19" if age < 20 else "other"
        else:
            group = "teachers" if mentee.category == "педагог" else "other"
        groups[f"mentees_{group}"] += 1
    categories = {"обучающийся": "students", "педагог": "teachers", "работник предприятия": "employees"}
    for mentor in mentors:
        groups[f"mentors_{categories.get(mentor.category, 'other')}"] += 1
    fields = [field["id"] for field in _section("groups")["fields"]]
    return {field: groups[field] for field in fields}


def _section(section_id: str) -> dict[str, Any]:
    return next(s for s in content_data("final-monitoring.yaml")["sections"] if s["id"] == section_id)


def _planned(school: SchoolData, base: dict[str, Any]) -> dict[str, Any]:
    """Return the planned value of every efficiency indicator for the reporting year (stage 3's plan)."""
    years = list(range(school.period.start_year, school.period.end_year + 1))
    year = school.report_year
    rows = indicator_rows(list(school.indicators), years, base)
    return {row["id"]: row["values"][years.index(year)] if year in years else None for row in rows}


def monitoring_values(data: SchoolMonitoring, base: dict[str, Any]) -> dict[str, Any]:
    """Return ``fm``: the value of every cell of the form, by section and row (and column)."""
    school, roster = data.school, data.roster
    day, year = school.report_date, school.report_year
    pairs = _counted(roster, day)
    codes = {pair.mentor for pair in pairs}, {code for pair in pairs for code in pair.mentees}
    mentors = [m for m in roster.mentors if m.code in codes[0]]
    mentees = [m for m in roster.mentees if m.code in codes[1]]
    shares = satisfaction(data.answers, roster) if data.answers is not None else None
    groups = _groups(mentors, mentees, day)
    partner_names = {partner.short_name for partner in roster.partners}
    giving = len(mentors_from(mentors, partner_names))
    headcount = school.monitoring.headcount
    plan = _planned(school, base)

    def survey(role: Role) -> tuple[int | None, int | None]:
        if shares is None:
            return None, None
        total = shares.of(role).total
        return total.respondents, total.satisfied

    counts = {
        "mentees-10-19": (headcount.students_10_19, groups["mentees_10_14"] + groups["mentees_15_19"]),
        "mentors-15-19": (
            headcount.students_15_19,
            sum(1 for m in mentors if m.category == "обучающийся" and 15 <= age_on(m.birth_date, day) <= 19),
        ),
        "young-teachers-mentees": (headcount.young_teachers, groups["mentees_teachers"]),
        "partner-organisations": (len(roster.partners), giving),
        "mentees-satisfaction": survey("mentee"),
        "mentors-satisfaction": survey("mentor"),
    }
    levels = events_by_level(school, until=day)
    ids = event_levels()
    curator = school.curator
    org = school.organisation
    return {
        "org": {
            "full_name": org.full_name,
            "short_name": org.short_name,
            "inn": org.inn or "",
            "municipality": org.municipality,
            "year": year,
            "date": day,
            "curator": f"{curator.name}, {curator.position}",
            "contact": ", ".join(item for item in (org.phone, org.email) if item),
        },
        "forms": _by_form(pairs, year, day, shares),
        "forms_total": {
            "satisfied_mentees": shares.mentees.total.share if shares else None,
            "satisfied_mentors": shares.mentors.total.share if shares else None,
        },
        "groups": groups,
        "indicators": {
            key: {"base": base_count, "count": count, "plan": plan.get(key)}
            for key, (base_count, count) in counts.items()
        },
        "practice": {
            **{f"events_{ids[level]}": count for level, count in levels.items()},
            "best_practices": sum(1 for pair in pairs if pair.best_practice),
            "partners": len(roster.partners),
            "partners_with_mentors": giving,
        },
        "comments": {"difficulties": None, "proposals": None},
    }


def _final_form(data: SchoolMonitoring, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    return {**base, "fm": monitoring_values(data, base)}


def _base(data: SchoolMonitoring) -> dict[str, Any]:
    return school_context(data.school)


def school_monitoring(
    school: SchoolData, roster: Register, *, answers: SurveyAnswers | None = None
) -> SchoolMonitoring:
    """Return the input of the stage-6 kit: the data file, the register and, if given, the survey answers."""
    return SchoolMonitoring(school=school, roster=roster, answers=answers)


DOCUMENTS = (
    DocumentSpec(
        "final-monitoring-form",
        "Форма итогового мониторинга эффективности реализации целевой модели наставничества",
        6,
        SchoolMonitoring,
        _base,
        ("final-monitoring-form.xlsx",),
        _final_form,
        dated=lambda data: data.school.report_date,
    ),
)

KIT = KitSpec(
    "stage-6",
    ("final-monitoring-form", "survey-answers", "survey-mentor", "survey-mentee"),
    model=SchoolMonitoring,
    data_model=SchoolData,
    samples=("school.yaml", "register.xlsx", "surveys.xlsx"),
    register="required",
    surveys=True,
    combine=school_monitoring,
    title="Этап 6. Итоговый мониторинг и анкеты удовлетворённости",
)
