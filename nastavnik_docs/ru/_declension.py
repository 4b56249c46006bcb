"""The name-declension engine: the project's exceptions, the OpenCorpora dictionary and the petrovich rules.

Each form is decided by rule, in this order (measured with ``bench/names.py``):

1. the project's exceptions (``data/names.json``: indeclinable words, whole-word overrides);
2. a patronymic, and a surname of a regular Russian type (``-ов``, ``-ин``, ``-ский``, ``-ой``…,
   listed in names.json): the petrovich rules, which decline these types without fail while the
   dictionary carries slips in them (Зайкином, Чепурним);
3. any other first name or surname the dictionary knows as such, in that gender, one way only:
   the dictionary, which knows the irregular ones (Ермек → Ермека, Бова → Бовы, Алия → Алии);
4. the rest: the petrovich rules.

Rule results then pass the spelling fixes of names.json (Олешей, Сухим, Альфией, Ирека).
pytrovich is imported here only, the dictionary through :mod:`._dictionary`.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib import resources

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as _PCase
from pytrovich.enums import Gender as _PGender
from pytrovich.enums import NamePart as _PPart
from pytrovich.maker import PetrovichDeclinationMaker

from . import _dictionary
from .grammar import Case, Gender

# pytrovich logs the names it is given; names are personal data and never reach our logs.
logging.getLogger("pytrovich").setLevel(logging.CRITICAL)

_PARTS = {"last": _PPart.LASTNAME, "first": _PPart.FIRSTNAME, "middle": _PPart.MIDDLENAME}
_CASES = {
    Case.GENITIVE: _PCase.GENITIVE,
    Case.DATIVE: _PCase.DATIVE,
    Case.ACCUSATIVE: _PCase.ACCUSATIVE,
    Case.INSTRUMENTAL: _PCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: _PCase.PREPOSITIONAL,
}
_GENDERS = {Gender.MALE: _PGender.MALE, Gender.FEMALE: _PGender.FEMALE}
_CASE_ORDER = tuple(Case)


@cache
def _data() -> dict:
    text = resources.files(__package__).joinpath("data/names.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def patronymic_markers() -> dict[str, str]:
    """Return the Turkic patronymic markers (``оглы``, ``кызы``…) and the gender each one tells."""
    return _data()["patronymic_markers"]


def detect_gender(last: str | None, first: str | None, middle: str | None) -> Gender | None:
    """Return the gender told by the patronymic, else the first name, else the surname."""
    if middle:
        words = middle.lower().split()
        if len(words) == 2 and words[1] in patronymic_markers():
            return Gender(patronymic_markers()[words[1]])
        for gender, endings in _data()["patronymic_endings"].items():
            if words[0].endswith(tuple(endings)):
                return Gender(gender)
    if first and (found := _dictionary.name_gender(first.lower())) is not None:
        return found
    for key, value in (("firstname", first), ("lastname", last)):
        if value:
            found = _detect_one(key, value.lower())
            if found is not None:
                return found
    return None


@cache
def _detect_one(key: str, value: str) -> Gender | None:
    found = _detector().detect(**{key: value})
    if found is _PGender.ANDROGYNOUS and "ё" in value:  # the rules spell Семен, Артем
        found = _detector().detect(**{key: value.replace("ё", "е")})
    if found is _PGender.MALE:
        return Gender.MALE
    if found is _PGender.FEMALE:
        return Gender.FEMALE
    return None


def inflect_part(word: str | None, part: str, gender: Gender | None, case: Case) -> str | None:
    """Return one part of a name (``last``, ``first`` or ``middle``) in ``case``."""
    if word is None or case is Case.NOMINATIVE:
        return word
    pieces = word.split(" ")
    if part == "middle" and len(pieces) == 2:
        # «Рза оглы», «Рашид кызы»: the father's name before the marker is fixed, the whole
        # patronymic never declines («Мамедова Эльдара Рза оглы»).
        return word
    return _inflect_word(word, part, gender, case)


@cache
def _inflect_word(word: str, part: str, gender: Gender | None, case: Case) -> str:
    data = _data()
    key = word.lower()
    if key in data["indeclinable"].get(part, ()):
        return word
    override = data["overrides"].get(part, {}).get(key)
    if override is not None:
        forms = override.get(gender.value if gender else "male")
        if forms is not None:
            return _match_capitalisation(forms[_CASE_ORDER.index(case)], word)
    if part != "middle" and "-" not in key and not (part == "last" and _regular_surname(key)):
        known = _dictionary.name_forms(key, part, gender)
        if known is not None:
            return _match_capitalisation(known[_CASE_ORDER.index(case)], word)
    return _match_capitalisation(_by_rules(word, key, part, gender, case), word)


def _by_rules(word: str, key: str, part: str, gender: Gender | None, case: Case) -> str:
    """Return the petrovich rules' form of ``word``, with the spelling fixes of names.json applied."""
    result = _maker().make(
        _PARTS[part],
        _GENDERS[gender] if gender is not None else _PGender.ANDROGYNOUS,
        _CASES[case],
        word,
        known_gender=gender is not None,
    )
    for fix in _data()["spelling_fixes"]:
        if (
            part in fix["parts"]
            and case.value in fix["cases"]
            and key.endswith(tuple(fix["nominative_endings"]))
            and result.lower().endswith(fix["wrong"])
        ):
            return result[: -len(fix["wrong"])] + fix["right"]
    return result


def _regular_surname(key: str) -> bool:
    """Return whether ``key`` is a surname of a regular Russian type: a known ending after a stem of two letters or more."""
    return any(key.endswith(ending) and len(key) - len(ending) >= 2 for ending in _data()["regular_surname_endings"])


def _match_capitalisation(result: str, original: str) -> str:
    """Return ``result`` written in the capitalisation of ``original`` (ИВАНОВ → ИВАНОВУ)."""
    if original.isupper() and len(original) > 1:
        return result.upper()
    if original.islower():
        return result.lower()
    if original[:1].isupper():
        return result[:1].upper() + result[1:]
    return result
