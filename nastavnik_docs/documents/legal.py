"""The legal basis as dated data: which acts a document may cite on its own date (``content/data/acts.yaml``).

Every document's template receives ``law``: for each act of the file its forms in four cases when
it is in force on the document's date, else ``None``; and for each role (``project``, ``concept``…)
the first act of the role in force. :func:`outdated_citations` finds the acts a text mentions that
are not in force on a date (``templates check`` warns about a coordinator's own wording).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from ..content import content_data
from ..ru import format_date
from ..ru.typography import no_break_after_number_sign

__all__ = ["in_force", "law_on", "outdated_citations"]

_CASES = ("nominative", "genitive", "dative", "instrumental")


@cache
def _acts() -> dict[str, Any]:
    return content_data("acts.yaml")


def in_force(act: dict[str, Any], day: dt.date) -> bool:
    """Return whether ``act`` (an entry of acts.yaml) is in force on ``day``."""
    end = act.get("to")
    return act["from"] <= day and (end is None or day <= end)


def _inflected(text: str, head: dict[str, str]) -> dict[str, str]:
    """Return ``text`` in every case: its head words replaced by their forms (the rest does not change)."""
    if not text.startswith(head["nominative"]):
        return dict.fromkeys(_CASES, no_break_after_number_sign(text))
    rest = text[len(head["nominative"]) :]
    return {case: no_break_after_number_sign(head[case] + rest) for case in _CASES}


@cache
def _forms(act_id: str) -> dict[str, Any]:
    act = _acts()["acts"][act_id]
    return {
        "id": act_id,
        **_inflected(act["name"], act["head"]),
        "short": _inflected(act["short"], act["head"]),
        "from": act["from"],
        "to": act.get("to"),
    }


def law_on(day: dt.date) -> dict[str, Any]:
    """Return the ``law`` variable of a document dated ``day``: every act in force (else None) and every role.

    >>> law = law_on(dt.date(2026, 5, 29))
    >>> law["fp_modern_school"] is None, law["project"]["genitive"]
    (True, 'национального проекта «Молодёжь и дети»')
    >>> law_on(dt.date(2024, 5, 29))["project"]["genitive"]
    'федерального проекта «Современная школа» национального проекта «Образование»'
    """
    data = _acts()
    law: dict[str, Any] = {
        act_id: (_forms(act_id) if in_force(act, day) else None) for act_id, act in data["acts"].items()
    }
    for role, ids in data["roles"].items():
        law[role] = next((law[act_id] for act_id in ids if law[act_id] is not None), None)
    return law


def outdated_citations(text: str, day: dt.date) -> list[str]:
    """Return a line for every act ``text`` mentions that is not in force on ``day``.

    >>> outdated_citations("в целях федерального проекта «Современная школа»", dt.date(2026, 5, 29))[0]
    '«Современная школа»: федеральный проект «Современная школа» действует с 01.01.2019 по 31.12.2024, а документ датирован 29.05.2026'
    """
    lines: list[str] = []
    seen: set[str] = set()
    for act_id, act in _acts()["acts"].items():
        if in_force(act, day):
            continue
        for mention in act.get("mentions", ()):
            if mention in text and mention not in seen:
                seen.add(mention)
                period = f"с {format_date(act['from'], 'numeric')}"
                if act.get("to") is not None:
                    period += f" по {format_date(act['to'], 'numeric')}"
                lines.append(
                    f"«{mention}»: {_forms(act_id)['short']['nominative']} действует {period}, "
                    f"а документ датирован {format_date(day, 'numeric')}"
                )
    return lines
