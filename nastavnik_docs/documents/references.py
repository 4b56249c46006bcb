"""The order that issued or approved each of a school's documents: what the document prints, what a website links.

A school website lists its documents as «Приказ от 29.05.2026 № 52-од «О внедрении …»» and
«Положение о формах наставничества (утверждено приказом от …)»; the stage-1 orders and regulations
print their date and number from :func:`issuing_order`, and the website tab (stage 1) and the
results page (stage 7) name them with :func:`document_references`, so the folder reads as a
whole. Which order is whose is ``content/data/references.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..content import content_data
from ..models import OrderRef, SchoolData
from ..ru import capfirst
from .wording import render_text

__all__ = ["document_references", "issuing_order", "referenced_documents"]

_WHERE = "content/data/references.yaml"

_ORDERS: dict[str, Callable[[SchoolData], OrderRef | None]] = {
    "management_team": lambda school: school.orders.management_team,
    "introduce_model": lambda school: school.orders.introduce_model,
    "pairs_order": lambda school: school.pairs_order,
    "programme": lambda school: school.programme.order if school.programme is not None else None,
}
"""The data file's orders by the names ``references.yaml`` gives them."""


def _entries() -> dict[str, dict[str, str]]:
    return {item["id"]: item for item in content_data("references.yaml")["documents"]}


def referenced_documents() -> list[str]:
    """Return the documents ``references.yaml`` names an order for, in its order (the results page lists them)."""
    return list(_entries())


def _order_of(item: dict[str, str], school: SchoolData) -> OrderRef | None:
    return _ORDERS[item.get("order") or item["approved"]](school)


def issuing_order(document_id: str, school: SchoolData) -> OrderRef | None:
    """Return the order that issued ``document_id`` (an order: itself) or approved it; ``None`` if the data file has none."""
    return _order_of(_entries()[document_id], school)


def document_references(school: SchoolData, titles: Iterable[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """Return, for every (id, title) with an order in the data file, how a website names it and its order's requisites.

    Each value has ``name`` («Приказ от 29.05.2026 № 52‑од «О внедрении …»»), ``date``, ``number``
    and ``approved`` (the order approved the document rather than being it).
    """
    entries = _entries()
    names = content_data("references.yaml")["names"]
    found = {}
    for document_id, title in titles:
        item = entries.get(document_id)
        ref = _order_of(item, school) if item is not None else None
        if item is None or ref is None:
            continue
        kind, _, heading = title.partition(" ")
        approved = "approved" in item
        variables = {
            "kind": kind,
            "heading": capfirst(heading),
            "title": title,
            "date": ref.date,
            "number": ref.number,
            "participle": item.get("participle", ""),
        }
        found[document_id] = {
            "name": render_text(names["approved" if approved else "order"], variables, where=_WHERE),
            "date": ref.date,
            "number": ref.number,
            "approved": approved,
        }
    return found
