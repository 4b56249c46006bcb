"""Grammatical categories shared by the language core, the filters and the models."""

from __future__ import annotations

import difflib
from enum import StrEnum

from ..errors import LanguageError, UnknownCaseError

__all__ = ["Case", "Gender", "parse_case", "parse_gender"]


class Case(StrEnum):
    """The six Russian grammatical cases, named in English (``"dative"`` works too)."""

    NOMINATIVE = "nominative"
    GENITIVE = "genitive"
    DATIVE = "dative"
    ACCUSATIVE = "accusative"
    INSTRUMENTAL = "instrumental"
    PREPOSITIONAL = "prepositional"


class Gender(StrEnum):
    """Grammatical gender of a person."""

    MALE = "male"
    FEMALE = "female"


# Russian names of the cases and the short forms coordinators know from school.
_CASE_ALIASES: dict[str, Case] = {
    "именительный": Case.NOMINATIVE,
    "им": Case.NOMINATIVE,
    "родительный": Case.GENITIVE,
    "род": Case.GENITIVE,
    "дательный": Case.DATIVE,
    "дат": Case.DATIVE,
    "винительный": Case.ACCUSATIVE,
    "вин": Case.ACCUSATIVE,
    "творительный": Case.INSTRUMENTAL,
    "твор": Case.INSTRUMENTAL,
    "предложный": Case.PREPOSITIONAL,
    "пр": Case.PREPOSITIONAL,
    "пред": Case.PREPOSITIONAL,
}

_GENDER_ALIASES: dict[str, Gender] = {
    "м": Gender.MALE,
    "муж": Gender.MALE,
    "мужской": Gender.MALE,
    "ж": Gender.FEMALE,
    "жен": Gender.FEMALE,
    "женский": Gender.FEMALE,
}


_CASES: dict[str, Case] = {case.value: case for case in Case}


def parse_case(value: str | Case) -> Case:
    """Return the :class:`Case` named by ``value`` (English or Russian name).

    >>> parse_case("dative")
    <Case.DATIVE: 'dative'>
    >>> parse_case("Родительный")
    <Case.GENITIVE: 'genitive'>
    """
    if isinstance(value, Case):
        return value
    # the exact English name, as templates write it thousands of times in a batch
    found = _CASES.get(value) if type(value) is str else None
    if found is not None:
        return found
    key = str(value).strip().lower().rstrip(".")
    try:
        return Case(key)
    except ValueError:
        pass
    if key in _CASE_ALIASES:
        return _CASE_ALIASES[key]
    allowed = tuple(c.value for c in Case)
    hint = difflib.get_close_matches(key, [*allowed, *_CASE_ALIASES], n=1)
    message = f"Неизвестный падеж «{value}». Допустимые значения: {', '.join(allowed)}."
    if hint:
        message += f" Возможно, вы имели в виду «{hint[0]}»?"
    raise UnknownCaseError(message, value=str(value), allowed=allowed)


def parse_gender(value: str | Gender | None) -> Gender | None:
    """Return the :class:`Gender` named by ``value``; ``None`` stays ``None`` (detect it).

    >>> parse_gender("female")
    <Gender.FEMALE: 'female'>
    >>> parse_gender("м")
    <Gender.MALE: 'male'>
    """
    if value is None or isinstance(value, Gender):
        return value
    key = str(value).strip().lower().rstrip(".")
    if key in ("", "auto"):
        return None
    try:
        return Gender(key)
    except ValueError:
        pass
    if key in _GENDER_ALIASES:
        return _GENDER_ALIASES[key]
    raise LanguageError(
        f"Неизвестный род «{value}». Допустимые значения: male, female (или не указывать — "
        "тогда род определяется по отчеству, имени или фамилии)."
    )
