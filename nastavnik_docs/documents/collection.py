"""Stage 7, the collection of the filled final monitoring forms (late November): the summary workbook,
the analytical report with charts and addressed recommendations, and the region-level results page.

All three are made from a :class:`~nastavnik_docs.models.MonitoringCollection` (the ``monitoring``
kit reads a folder of forms into it, ``io/monitoring.py``). Figures are added up here once per
document, as plain data: the organisations' rows, the forms of mentorship, the indicators against
plan, the files set aside with their cells; the recommendations come from the rules of
:mod:`.recommendations`, their sentences from the wording file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content import content_data
from ..models import MonitoringCollection
from ..render.charts import bar_chart
from ..ru import percent
from ..ru.typography import no_break_after_number_sign
from .recommendations import applying_rules, decimal_text, finite, organisation_figures, percent_text, settings
from .spec import DocumentSpec, KitSpec
from .wording import load_wording, render_text, wording_name

__all__ = ["DOCUMENTS", "KIT", "collection_figures"]

_PAIR_COLUMNS = ("mentors", "mentees", "pairs", "started", "completed", "terminated")
_WORDING = "analytical-report"


def _key(indicator_id: str) -> str:
    """Return an indicator's id as a template reaches it: «mentees-10-19» → «mentees_10_19»."""
    return indicator_id.replace("-", "_")


def _shown(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return an indicator's row with its percentages also as text («34,5 %»)."""
    return {**row, **{f"{name}_text": percent_text(row.get(name)) for name in ("fact", "plan", "done")}}


def _worded(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return an indicator's row as the wording reads it: the percentages as text only."""
    return {**row, **{name: row[f"{name}_text"] for name in ("fact", "plan", "done")}}


def _forms(data: MonitoringCollection) -> list[dict[str, Any]]:
    """Return a row per form of mentorship: the pairs and people of every organisation added up."""
    rows = []
    for form in content_data("forms.yaml"):
        found = [report.forms[form["id"]] for report in data.reports if form["id"] in report.forms]
        row: dict[str, Any] = {
            column: sum(finite(getattr(item, column)) or 0 for item in found) for column in _PAIR_COLUMNS
        }
        for column in ("satisfied_mentees", "satisfied_mentors"):
            given = [v for item in found if (v := finite(getattr(item, column))) is not None]
            row[column] = round(sum(given) / len(given), 1) if given else None
        rows.append({"id": form["id"], "title": form["title"], **row})
    pairs = sum(row["pairs"] for row in rows)
    for row in rows:
        row["share"] = percent(row["pairs"], pairs) if pairs > 0 else None
        row["share_text"] = decimal_text(row["share"])
    return rows


def _indicators(data: MonitoringCollection, figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a row per efficiency indicator for all organisations: groups and involved added up, plan weighted."""
    names, limit = settings()["indicators"], settings()["behind_plan_below"]
    rows = []
    for key, title in names.items():
        own = [item["indicators"][key] for item in figures]
        base = sum(row["base"] or 0 for row in own)
        count = sum(row["count"] or 0 for row in own)
        planned = [row for row in own if row["plan"] is not None and row["base"]]
        weight = sum(row["base"] for row in planned)
        plan = round(sum(row["plan"] * row["base"] for row in planned) / weight, 1) if weight > 0 else None
        fact = percent(count, base) if base > 0 else None
        done = percent(fact, plan) if fact is not None and plan else None
        judged = [row["done"] for row in own if row["done"] is not None]
        row = {
            "id": key,
            "key": _key(key),
            "title": title,
            "base": base,
            "count": count,
            "fact": fact,
            "plan": plan,
            "done": done,
            "met": sum(1 for value in judged if value >= limit),
            "behind": sum(1 for value in judged if value < limit),
            "unknown": len(own) - len(judged),
        }
        rows.append(_shown(row))
    return rows


def _organisations(
    data: MonitoringCollection, figures: list[dict[str, Any]], wording: Mapping[str, Any], where: str, totals: Any
) -> list[dict[str, Any]]:
    """Return a row per organisation (by municipality, then name): its figures, what is behind, its recommendations."""
    names, involvement = settings()["indicators"], settings()["involvement"]
    rows = []
    for report, own in zip(data.reports, figures, strict=True):
        indicators = {key: _shown({**row, "title": names[key]}) for key, row in own["indicators"].items()}
        org = {
            "short_name": no_break_after_number_sign(report.org.short_name or report.source),
            "full_name": no_break_after_number_sign(report.org.full_name or report.org.short_name or report.source),
            "municipality": report.org.municipality or "",
            "inn": report.org.inn or "",
        }
        words = {
            **totals,
            "org": org,
            "ind": {_key(key): _worded(row) for key, row in indicators.items()},
            "pairs": {**own["pairs"], "terminated_share": percent_text(own["pairs"]["terminated_share"])},
            "practice": own["practice"],
        }
        recommendations = [
            render_text(wording["recommendations"][rule], words, where=f"{where}, recommendations.{rule}")
            for rule in applying_rules(own)
        ]
        rows.append(
            {
                **org,
                **own["pairs"],
                **{key: own["practice"].get(key) for key in ("best_practices", "partners", "partners_with_mentors")},
                "events": own["practice"]["events"],
                "source": report.source,
                "involvement": indicators[involvement],
                "values": [row[name] for row in indicators.values() for name in ("fact", "plan")],
                "behind": own["behind"],
                "behind_rows": [indicators[key] for key in own["behind_ids"]],
                "recommendations": recommendations,
            }
        )
    rows.sort(key=lambda row: (row["municipality"].lower(), row["short_name"].lower(), row["source"]))
    for number, row in enumerate(rows, start=1):
        row["number"] = number
    return rows


def _errors(data: MonitoringCollection) -> list[dict[str, Any]]:
    """Return a row per problem of every file set aside: file, sheet, cell, what the cell is, what is wrong."""
    rows: list[dict[str, Any]] = []
    for item in data.rejected:
        for problem in item.problems:
            rows.append(
                {
                    "number": len(rows) + 1,
                    "file": item.source,
                    "sheet": problem.sheet or "",
                    "cell": problem.cell or "",
                    "label": problem.label or "",
                    "message": problem.message,
                    "text": str(problem),
                }
            )
    return rows


def collection_figures(data: MonitoringCollection, wording_dir: Path | None = None) -> dict[str, Any]:
    """Return every figure of the collection the three documents show, as plain data (no pictures)."""
    wording = load_wording(_WORDING, wording_dir)
    where = wording_name(_WORDING, wording_dir)
    figures = [organisation_figures(report) for report in data.reports]
    forms = _forms(data)
    indicators = _indicators(data, figures)
    municipalities = {report.org.municipality for report in data.reports if report.org.municipality}
    totals: dict[str, Any] = {
        "organisations": len(data.reports),
        "rejected": len(data.rejected),
        "municipalities": len(municipalities),
        **{column: sum(row[column] for row in forms) for column in _PAIR_COLUMNS},
        **{
            key: sum(item["practice"].get(key) or 0 for item in figures)
            for key in ("best_practices", "partners", "partners_with_mentors", "events")
        },
        "behind": sum(1 for item in figures if item["behind"]),
    }
    totals["on_plan"] = totals["organisations"] - totals["behind"]
    region = {row["key"]: row for row in indicators}
    header = {"year": data.reporting_year, "collector": data.collector, "title": data.title}
    words = {**header, "totals": totals, "region": {key: _worded(row) for key, row in region.items()}}
    organisations = _organisations(data, figures, wording, where, words)
    return {
        **header,
        "totals": totals,
        "forms": forms,
        "indicators": indicators,
        "region": region,
        "involvement": region[_key(settings()["involvement"])],
        "organisations": organisations,
        "behind": [row for row in organisations if row["behind"]],
        "errors": _errors(data),
        "rejected": [{"source": item.source, "problems": len(item.problems)} for item in data.rejected],
        "plan_columns": [
            f"{title}: {name}, %" for title in settings()["indicators"].values() for name in ("факт", "план")
        ],
        "words": words,
    }


def _pictures(figures: Mapping[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    """Return the charts: people by form of mentorship, the indicators against plan, involvement by organisation."""
    wording = load_wording(_WORDING, wording_dir)
    where = wording_name(_WORDING, wording_dir)
    charts = wording["charts"]

    def text(chart: str, key: str, context: Mapping[str, Any]) -> str:
        return render_text(charts[chart][key], {**figures["words"], **context}, where=f"{where}, charts.{chart}.{key}")

    forms = [row for row in figures["forms"] if row["mentors"] or row["mentees"]] or figures["forms"]
    series = charts["forms"]["series"]
    pictures = {
        "forms": bar_chart(
            [f"«{row['title']}»" for row in forms],
            {
                series["mentees"]: [row["mentees"] for row in forms],
                series["mentors"]: [row["mentors"] for row in forms],
            },
            title=text("forms", "title", {}),
            description=text("forms", "description", {"rows": forms}),
        )
    }
    indicators = figures["indicators"]
    series = charts["indicators"]["series"]
    pictures["indicators"] = bar_chart(
        [row["title"] for row in indicators],
        {series["fact"]: [row["fact"] for row in indicators], series["plan"]: [row["plan"] for row in indicators]},
        title=text("indicators", "title", {}),
        description=text("indicators", "description", {"rows": indicators}),
        unit="%",
    )
    limit = settings()["chart_organisations"]
    organisations = figures["organisations"]
    shown = sorted(organisations, key=lambda row: (row["involvement"]["fact"] is not None, row["involvement"]["fact"]))
    shown = sorted(shown[:limit], key=lambda row: row["number"]) if len(organisations) > limit else organisations
    rows = [{"short_name": row["short_name"], **row["involvement"]} for row in shown]
    counts = {"indicator": figures["involvement"]["title"], "shown": len(shown), "total": len(organisations)}
    series = charts["organisations"]["series"]
    pictures["organisations"] = bar_chart(
        [row["short_name"] for row in rows],
        {series["fact"]: [row["fact"] for row in rows], series["plan"]: [row["plan"] for row in rows]},
        title=text("organisations", "title", counts),
        description=text("organisations", "description", {**counts, "rows": rows}),
        unit="%",
        horizontal=True,
        height_mm=min(max(60, 24 + 6 * len(rows)), 220),
    )
    return {
        "pictures": pictures,
        "captions": {
            name: text(name, "caption", counts if name == "organisations" else {})
            for name in charts
            if name in pictures
        },
    }


def _base(data: MonitoringCollection) -> dict[str, Any]:
    return {"year": data.reporting_year, "collector": data.collector, "title": data.title}


def _summary(data: MonitoringCollection, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    return {**base, **collection_figures(data, wording_dir)}


def _report(data: MonitoringCollection, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    figures = collection_figures(data, wording_dir)
    wording = load_wording(_WORDING, wording_dir)
    where = wording_name(_WORDING, wording_dir)
    words = figures["words"]

    def text(key: str, source: str) -> str:
        return render_text(source, words, where=f"{where}, {key}")

    report = {
        "title": text("title", wording["title"]),
        "subtitle": text("subtitle", wording["subtitle"]),
        "introduction": [text("introduction", item) for item in wording["introduction"]],
        "sections": {key: text(f"sections.{key}", value) for key, value in wording["sections"].items()},
        "notes": {key: text(f"notes.{key}", value) for key, value in wording["notes"].items()},
        "signature": text("signature", wording["signature"]),
    }
    return {**base, **figures, **_pictures(figures, wording_dir), "report": report}


def _page(data: MonitoringCollection, base: dict[str, Any], wording_dir: Path | None) -> dict[str, Any]:
    figures = collection_figures(data, wording_dir)
    return {**base, **figures, **_pictures(figures, wording_dir)}


def _collected(data: MonitoringCollection) -> dt.date:
    """Return the date of the collection: the end of the forms' deadline (25 November) of its year."""
    year = data.reporting_year
    return dt.date(year, 11, 25) if year is not None else dt.date.today()


DOCUMENTS = (
    DocumentSpec(
        "monitoring-summary",
        "Сводная таблица итогового мониторинга реализации целевой модели наставничества",
        7,
        MonitoringCollection,
        _base,
        ("monitoring-summary.xlsx",),
        _summary,
        dated=_collected,
    ),
    DocumentSpec(
        "analytical-report",
        "Аналитическая справка по итогам мониторинга реализации целевой модели наставничества",
        7,
        MonitoringCollection,
        _base,
        ("analytical-report.docx",),
        _report,
        wording=(_WORDING,),
        dated=_collected,
    ),
    DocumentSpec(
        "monitoring-results",
        "Итоги мониторинга реализации целевой модели наставничества: страница для сайта",
        7,
        MonitoringCollection,
        _base,
        ("monitoring-results.html",),
        _page,
        dated=_collected,
    ),
)


def _read_forms(folder: Path) -> MonitoringCollection:
    """Return the collection of the forms below ``folder``; openpyxl (and the numpy it pulls in) loaded only here."""
    from ..io.monitoring import read_collection

    return read_collection(folder)


KIT = KitSpec(
    "monitoring",
    ("monitoring-summary", "analytical-report", "monitoring-results"),
    model=MonitoringCollection,
    samples=("monitoring",),
    reader=_read_forms,
)
