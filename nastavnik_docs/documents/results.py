"""Stage 7, the results (November – December): the school's report on the year, the results section of
its website tab, and a case («кейс») for every pair the register marks as a best practice.

Every figure comes from the school's filled final monitoring form (read back by
:func:`~nastavnik_docs.io.monitoring.read_report`), never recounted from the register: what the
school reported is what it publishes. The register gives the best practices (their result, people
and dates), the data file the organisation, its documents and the events held. The texts of the
charts are ``content/data/results.yaml``; the documents the page links to, with the orders that issued
or approved them, ``content/data/references.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..content import content_data
from ..errors import InputError
from ..models import Mentee, Mentor, MonitoringReport, Pair, SchoolData, SchoolResults, forms_catalogue
from ..models.register import Register
from ..render.charts import bar_chart
from ..render.pictures import Picture
from ..ru import capfirst, format_date, lowerfirst
from ..ru.filenames import href, unique_file_names
from .context import school_context, typeset
from .introduction import site_folder
from .measures import indicator_rows
from .pairs import activities, code_width, pair_stem, person_field
from .references import document_references, referenced_documents
from .spec import DocumentSpec, KitSpec
from .wording import expand, load_wording, numbered, render_text, require, wording_name

__all__ = [
    "DOCUMENTS",
    "KIT",
    "check_organisation",
    "each_case",
    "figure",
    "report_year",
    "results_variables",
    "school_results",
]

CASES_FOLDER = "best-practices"


def figure(value: float | int | None) -> str:
    """Return a figure as the documents print it: a decimal comma, at most one decimal, «—» for none.

    >>> figure(20.9), figure(100.0), figure(12), figure(None)
    ('20,9', '100', '12', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def report_year(school: SchoolData, report: MonitoringReport) -> int:
    """Return the year the form reports on: the form's own, else the data file's monitoring year."""
    return report.org.year or school.report_year


def check_organisation(school: SchoolData, report: MonitoringReport) -> None:
    """Refuse a form filled by another organisation than the data file's (by INN, else by short name)."""
    org = school.organisation
    if org.inn and report.org.inn:
        same = org.inn.strip() == report.org.inn.strip()
    else:
        same = (report.org.short_name or "").strip().lower() == org.short_name.strip().lower()
    if not same:
        raise InputError(
            f"Форма мониторинга {report.source} заполнена другой организацией "
            f"(«{report.org.short_name or 'без наименования'}»), а файл данных — об организации «{org.short_name}»."
        )


def school_results(school: SchoolData, roster: Register, *, monitoring: MonitoringReport) -> SchoolResults:
    """Return the input of the stage-7 kit: the data file, the register and the school's own filled form."""
    check_organisation(school, monitoring)
    return SchoolResults(school=school, roster=roster, report=monitoring)


# --- the figures ------------------------------------------------------------------------------


def _forms(school: SchoolData, report: MonitoringReport) -> list[dict[str, Any]]:
    """Return a row per form of mentorship the school runs or has pairs in, with the form's figures."""
    rows = []
    for form_id, form in forms_catalogue().items():
        figures = report.forms.get(form_id)
        if figures is None or (form_id not in school.forms and not figures.pairs):
            continue
        rows.append(
            {
                "id": form_id,
                "title": form.title,
                **{
                    key: getattr(figures, key) or 0
                    for key in ("mentors", "mentees", "pairs", "started", "completed", "terminated")
                },
                "satisfied_mentees": figures.satisfied_mentees,
                "satisfied_mentors": figures.satisfied_mentors,
            }
        )
    return [{"number": f"{index}.", **row} for index, row in enumerate(rows, start=1)]


def _indicators(school: SchoolData, report: MonitoringReport, year: int, base: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a row per efficiency indicator of the form: group, involved, fact, plan, done, behind or not."""
    titles = {row["id"]: row for row in indicator_rows(list(school.indicators), [year], base)}
    labels = content_data("results.yaml")["charts"]["indicators"]["labels"]
    rows = []
    for index, (key, figures) in enumerate(report.indicators.items(), start=1):
        fact, plan = figures.fact, figures.plan
        rows.append(
            {
                "number": f"{index}.",
                "id": key,
                "title": titles.get(key, {}).get("title", key),
                "label": labels.get(key, f"Показатель {index}"),
                "base": figure(figures.base),
                "count": figure(figures.count),
                "fact": figure(fact),
                "plan": figure(plan),
                "done": figure(figures.done),
                "fact_value": fact,
                "plan_value": plan,
                "behind": fact is not None and plan is not None and fact < plan,
            }
        )
    return rows


def _groups(report: MonitoringReport) -> list[dict[str, Any]]:
    """Return the participants by role and age group as the form labels them (section 3)."""
    section = next(s for s in content_data("final-monitoring.yaml")["sections"] if s["id"] == "groups")
    return [
        {
            "number": f"{index}.",
            "label": field["label"].removesuffix(", чел."),  # the table's column says «Человек»
            "value": figure(report.groups.get(field["id"])),
        }
        for index, field in enumerate(section["fields"], start=1)
    ]


def _events(school: SchoolData, day: dt.date) -> list[dict[str, Any]]:
    """Return the dissemination events of the data file held by the form's date (those the form counts)."""
    held = sorted((event for event in school.events if event.date <= day), key=lambda event: event.date)
    return [
        {
            "number": f"{index}.",
            "date": format_date(event.date, "numeric"),
            "title": event.title,
            "level": capfirst(event.level),
            "participants": event.participants if event.participants is not None else "",
            "result": event.result or "",
        }
        for index, event in enumerate(held, start=1)
    ]


def _case_files(data: SchoolResults, base: dict[str, Any]) -> dict[str, str]:
    """Return the link to every case, by pair number, as the batch names them in the kit's folder of cases
    (``best-practices/…`` or, with the kit's ``titles``, «03 Кейсы лучших наставнических практик/…»)."""
    from . import home_stem  # the catalogue is assembled from this module too: look it up when called

    folder = home_stem("best-practice-case", titles=bool(base.get("titles")))
    stems = ((stem, pair.code) for stem, pair in _best_pairs(data))
    return {code: href(f"{folder}/{name}") for name, code in unique_file_names(stems, latin=bool(base.get("latin")))}


def _best_pairs(data: SchoolResults) -> Iterator[tuple[str, Pair]]:
    mentors = {mentor.code: mentor for mentor in data.roster.mentors}
    width = code_width(data.roster.pairs)
    for pair in data.roster.pairs:
        if pair.best_practice:
            yield pair_stem(pair, mentors, width), pair


def _story_titles(data: SchoolResults) -> dict[str, str]:
    return {story.pair: story.title for story in data.school.best_practices if story.title}


def _documents(school: SchoolData, *, titles: bool) -> list[dict[str, Any]]:
    """Return the school's documents the results page links to, each named with its order's date and number.

    A file is named as its own kit names it (``titles``: «02 Приказ о внедрении ….docx», as the command line
    writes the kits; else its id), so that the kits' files uploaded side by side are what the links open.
    """
    from . import get_document, home_stem  # the catalogue is assembled from this module too: look it up when called

    ids = referenced_documents()
    references = document_references(school, ((document_id, get_document(document_id).title) for document_id in ids))
    return [
        {
            "id": document_id,
            "title": get_document(document_id).title,
            "href": href(f"{home_stem(document_id, titles=titles)}.docx"),
            **reference,
        }
        for document_id, reference in references.items()
    ]


def results_variables(data: SchoolResults, base: dict[str, Any]) -> dict[str, Any]:
    """Return ``results``: the year's figures of the school's form, its best practices, events and documents."""
    school, report = data.school, data.report
    year = report_year(school, report)
    day = report.org.date or school.report_date
    forms = _forms(school, report)
    totals = {
        key: sum(row[key] for row in forms)
        for key in ("mentors", "mentees", "pairs", "started", "completed", "terminated")
    }
    indicators = _indicators(school, report, year, base)
    practice = report.practice
    levels = [
        {"id": key.removeprefix("events_"), "count": value or 0}
        for key, value in practice.items()
        if key.startswith("events_")
    ]
    files = _case_files(data, base)
    titles = _story_titles(data)
    catalogue = forms_catalogue()
    cases = [
        {
            "pair": pair.code,
            "form": catalogue[pair.form].title,
            "title": titles.get(pair.code, ""),
            "result": pair.result or "",
            "href": files[pair.code],
        }
        for _, pair in _best_pairs(data)
    ]
    satisfied = [row for row in forms if row["satisfied_mentees"] is not None or row["satisfied_mentors"] is not None]
    return typeset(
        {
            "year": year,
            "date": day,
            "source": report.source,
            "forms": [
                {
                    **row,
                    "satisfied_mentees": figure(row["satisfied_mentees"]),
                    "satisfied_mentors": figure(row["satisfied_mentors"]),
                }
                for row in forms
            ],
            "totals": totals,
            "groups": _groups(report),
            "indicators": indicators,
            "behind": [row for row in indicators if row["behind"]],
            "measured": [row for row in indicators if row["fact_value"] is not None],
            "satisfaction": {
                "mentees": figure(report.forms_total.get("satisfied_mentees")),
                "mentors": figure(report.forms_total.get("satisfied_mentors")),
                "known": any(
                    report.forms_total.get(key) is not None for key in ("satisfied_mentees", "satisfied_mentors")
                ),
                "forms": [
                    {
                        "title": row["title"],
                        "mentees": figure(row["satisfied_mentees"]),
                        "mentors": figure(row["satisfied_mentors"]),
                    }
                    for row in satisfied
                ],
            },
            "practice": {
                "levels": levels,
                "events": sum(level["count"] for level in levels),
                "best_practices": practice.get("best_practices") or 0,
                "partners": practice.get("partners") or 0,
                "partners_with_mentors": practice.get("partners_with_mentors") or 0,
            },
            "events": _events(school, day),
            "cases": cases,
            "comments": {key: value or "" for key, value in report.comments.items()},
            "documents": _documents(school, titles=bool(base.get("titles"))),
        }
    )


def _two_lines(title: str) -> str:
    """Return a form's title broken after its dash, so that the labels under a chart's bars do not run together."""
    return title.replace(" – ", " –\n", 1)


def _pictures(results: dict[str, Any], report: MonitoringReport) -> dict[str, Picture]:
    """Return the charts: participants by form, indicators against plan, satisfaction by form (when known)."""
    texts = content_data("results.yaml")["charts"]
    where = "content/data/results.yaml"
    scope = {"results": results}

    def words(key: str) -> tuple[str, str]:
        return (
            render_text(texts[key]["title"], scope, where=where),
            render_text(texts[key]["description"], scope, where=where),
        )

    pictures: dict[str, Picture] = {}
    forms = results["forms"]
    if forms:
        title, description = words("forms")
        series = texts["forms"]["series"]
        pictures["forms"] = bar_chart(
            [_two_lines(row["title"]) for row in forms],
            {series[key]: [row[key] for row in forms] for key in ("mentors", "mentees", "pairs")},
            title=title,
            description=description,
        )
    measured = results["measured"]
    if measured:
        title, description = words("indicators")
        series = texts["indicators"]["series"]
        pictures["indicators"] = bar_chart(
            [row["label"] for row in measured],
            {
                series["fact"]: [row["fact_value"] for row in measured],
                series["plan"]: [row["plan_value"] for row in measured],
            },
            title=title,
            description=description,
            unit="%",
            horizontal=True,
            height_mm=20 + 14 * len(measured),
        )
    satisfied = [
        (form_id, figures)
        for form_id, figures in report.forms.items()
        if figures.satisfied_mentees is not None or figures.satisfied_mentors is not None
    ]
    if satisfied:
        title, description = words("satisfaction")
        series = texts["satisfaction"]["series"]
        catalogue = forms_catalogue()
        pictures["satisfaction"] = bar_chart(
            [_two_lines(catalogue[form_id].title) for form_id, _ in satisfied],
            {
                series["mentees"]: [figures.satisfied_mentees for _, figures in satisfied],
                series["mentors"]: [figures.satisfied_mentors for _, figures in satisfied],
            },
            title=title,
            description=description,
            unit="%",
        )
    return pictures


# --- the documents ------------------------------------------------------------------------------


def _base(data: SchoolResults) -> dict[str, Any]:
    return school_context(data.school)


def _report(data: SchoolResults, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    results = results_variables(data, base)
    context = {**base, "results": results}
    where = wording_name("school-report", wording_dir)
    wording = load_wording("school-report", wording_dir)
    require(wording, ("title", "subtitle", "sections"), where)
    report = {
        "kind": render_text(wording["title"], context, where=where),
        "heading": render_text(wording["subtitle"], context, where=where),
        "sections": [{"id": "", **section} for section in numbered(expand(wording["sections"], context, where=where))],
    }
    return {**context, "report": report, "pictures": _pictures(results, data.report)}


def _website(data: SchoolResults, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    results = results_variables(data, base)
    return {**base, "results": results, "pictures": _pictures(results, data.report), "folder": site_folder(data.school)}


def _person(person: Mentor | Mentee) -> dict[str, Any]:
    return {
        "name": person.name,
        "gender": person.gender.value if person.gender else None,
        "position": person.position,
        "organisation": person_field(person, "organisation") or "",
    }


def each_case(data: SchoolResults) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield the context of a case for every pair marked as a best practice (file stem as in stage 4)."""
    stories = {story.pair: story for story in data.school.best_practices}
    mentors = {mentor.code: mentor for mentor in data.roster.mentors}
    mentees = {mentee.code: mentee for mentee in data.roster.mentees}
    catalogue = forms_catalogue()
    timeline = data.school.timeline
    day = data.report.org.date or data.school.report_date  # what was done by the form's date, not what is planned
    for stem, pair in _best_pairs(data):
        form = catalogue[pair.form]
        story = stories.get(pair.code)
        done = (
            list(story.done)
            if story and story.done
            else [
                f"{lowerfirst(row['content'])} ({lowerfirst(row['deadline'])})"
                for row in activities(pair, timeline)
                if row["due"] is not None and row["due"] <= day
            ]
        )
        yield (
            stem,
            {
                "case": typeset(
                    {
                        "pair": pair.code,
                        "title": story.title if story and story.title else "",
                        "form": form.title,
                        "programme": pair.programme,
                        "start": pair.start,
                        "end": pair.end,
                        "status": pair.status.value,
                        "finished_on": pair.finished_on,
                        "goal": capfirst(pair.goal or form.goal),
                        "problem": capfirst(story.problem) if story and story.problem else "",
                        "tasks": list(form.tasks),
                        "done": done,
                        "result": _sentence(pair.result),
                        "mentor": _person(mentors[pair.mentor]),
                        "mentees": [_person(mentees[code]) for code in pair.mentees],
                        "mentor_review": (story.mentor_review or "") if story else "",
                        "mentee_review": (story.mentee_review or "") if story else "",
                    }
                )
            },
        )


def _sentence(text: str | None) -> str:
    """Return the text ending with a full stop (a register's result is often typed without one)."""
    if not text:
        return ""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _cases_count(data: SchoolResults) -> int:
    return sum(1 for pair in data.roster.pairs if pair.best_practice)


def _check_stories(data: SchoolResults) -> None:
    best = {pair.code for pair in data.roster.pairs if pair.best_practice}
    for index, story in enumerate(data.school.best_practices):
        if story.pair not in best:
            raise InputError(
                f"best_practices[{index}].pair: пары (группы) № {story.pair} нет среди отмеченных в реестре "
                "как лучшая практика («Лучшая практика» — «да» на листе «Пары и группы»)."
            )


def _cases_base(data: SchoolResults, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    _check_stories(data)
    return {**base, "results": {"year": report_year(data.school, data.report)}}


def _reported(data: SchoolResults) -> dt.date:
    """Return the date of the year's results: the filled form's date."""
    return data.report.org.date or data.school.report_date


DOCUMENTS = (
    DocumentSpec(
        "school-report",
        "Отчёт о реализации целевой модели наставничества за год",
        7,
        SchoolResults,
        _base,
        ("school-report.docx",),
        _report,
        wording=("school-report",),
        dated=_reported,
    ),
    DocumentSpec(
        "website-results",
        "Итоги года на вкладке «Наставничество» сайта организации",
        7,
        SchoolResults,
        _base,
        ("website-results.html",),
        _website,
        dated=_reported,
    ),
    DocumentSpec(
        "best-practice-case",
        "Кейс лучшей наставнической практики",
        7,
        SchoolResults,
        _base,
        ("best-practice-case.docx",),
        _cases_base,
        each=each_case,
        folder=CASES_FOLDER,
        plural="Кейсы лучших наставнических практик",
        count=_cases_count,
        dated=_reported,
    ),
)

KIT = KitSpec(
    "stage-7",
    ("school-report", "website-results", "best-practice-case"),
    model=SchoolResults,
    data_model=SchoolData,
    samples=("school.yaml", "register.xlsx", "monitoring-form.xlsx"),
    register="required",
    monitoring=True,
    combine=school_results,
)
