"""Noun phrases in any case: positions («заместитель директора по УВР») and organisation names.

The head noun and the adjectives agreeing with it change; what follows the head (dependent
genitive groups, prepositional groups), abbreviations and quoted or bracketed names stay.
Word forms come from pymorphy3 and its OpenCorpora dictionary.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

from ..errors import LanguageError
from ._dictionary import GRAMMEME as _GRAMMEME
from ._dictionary import analyzer as _morph
from .grammar import Case, parse_case

__all__ = ["inflect_phrase", "inflect_place"]

# Words, and everything between them; quoted and bracketed stretches are one opaque token.
_TOKEN = re.compile(r"«[^»]*»|\"[^\"]*\"|\([^)]*\)|[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*|[^А-ЯЁа-яё«\"(]+")
_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
_ADJECTIVE = {"ADJF", "PRTF"}


def inflect_phrase(text: str, case: str | Case) -> str:
    """Return the noun phrase ``text`` put into ``case``.

    >>> inflect_phrase("заместитель директора по УВР", "dative")
    'заместителю директора по УВР'
    >>> inflect_phrase("социальный педагог", "instrumental")
    'социальным педагогом'
    >>> inflect_phrase("педагог-психолог", "genitive")
    'педагога-психолога'
    """
    if not isinstance(text, str):
        raise LanguageError("Ожидается текст должности или наименования.")
    return _inflect_phrase(text, parse_case(case))


@lru_cache(maxsize=4096)  # a batch puts the school's name and a few positions into every document
def _inflect_phrase(text: str, target: Case) -> str:
    if target is Case.NOMINATIVE or not text.strip():
        return text
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 4 and all(c.isupper() for c in letters) and " " in text.strip():
        return _inflect(text.lower(), target).upper()  # «ЗАМЕСТИТЕЛЬ ДИРЕКТОРА» is not an abbreviation
    if text.isupper() and len(text) > 5 and _nominative_parse(text, "NOUN") is not None:
        return _inflect(text.lower(), target).upper()
    return _inflect(text, target)


def inflect_place(text: str, case: str | Case) -> str:
    """Return a place name in ``case``: the head and a proper name in apposition both change.

    >>> inflect_place("город Новоборск", "prepositional")
    'городе Новоборске'
    >>> inflect_place("Новоборский муниципальный район", "genitive")
    'Новоборского муниципального района'
    """
    target = parse_case(case)
    if target is Case.NOMINATIVE or not text.strip():
        return text
    inflected = _inflect(text, target)
    tokens, original = _TOKEN.findall(inflected), _TOKEN.findall(text)
    for index in range(len(original) - 2):
        # the first word that changed is the head; a capitalised noun right after it is in apposition
        if tokens[index] != original[index] and tokens[index + 1] == " " and original[index + 2][:1].isupper():
            *first, last = original[index + 2].split("-")  # Ханты-Мансийск: only the last part declines
            tokens[index + 2] = "-".join([*first, _inflect_word(last, {_GRAMMEME[target], "sing"}, {"NOUN"})])
            break
    return "".join(tokens)


@lru_cache(maxsize=4096)
def _inflect(text: str, case: Case) -> str:
    tokens = _TOKEN.findall(text)
    words = [i for i, t in enumerate(tokens) if _WORD.fullmatch(t)]
    head, modifiers = _find_head(tokens, words)
    if head is None:
        return text
    head_parse = _nominative_parse(tokens[head], "NOUN") or _nominative_parse(tokens[head], *_ADJECTIVE)
    if head_parse is None:
        return text
    tag = head_parse.tag
    # A substantivised adjective («заведующая») names a person: animate, with its own gender.
    adjectival = tag.POS in _ADJECTIVE
    animate = adjectival or tag.animacy == "anim"
    agreement = {_GRAMMEME[case], tag.number or "sing"}
    if tag.number != "plur" and tag.gender:
        agreement.add(tag.gender)
    if case is Case.ACCUSATIVE:
        agreement.add("anim" if animate else "inan")
    out = list(tokens)
    out[head] = _inflect_compound(tokens[head], agreement if adjectival else agreement - {tag.gender})
    for index in modifiers:
        out[index] = _inflect_word(tokens[index], agreement, _ADJECTIVE)
    return "".join(out)


def _find_head(tokens: list[str], words: list[int]) -> tuple[int | None, list[int]]:
    """Return the index of the head noun and of the adjectives before it."""
    modifiers: list[int] = []
    for position, index in enumerate(words):
        token = tokens[index]
        if (
            _is_abbreviation(token)
            or tokens[index + 1 : index + 2] == ["."]
            or (index + 1 < len(tokens) and tokens[index + 1].startswith("."))
        ):
            return None, []
        following = words[position + 1] if position + 1 < len(words) else None
        next_is_nominative = (
            following is not None
            and following == index + 2
            and tokens[index + 1] == " "
            and not _is_abbreviation(tokens[following])
            and _nominative_parse(tokens[following], "NOUN", *_ADJECTIVE) is not None
        )
        if next_is_nominative and _nominative_parse(token, *_ADJECTIVE) is not None:
            modifiers.append(index)
            continue
        if _nominative_parse(token, "NOUN", *_ADJECTIVE) is not None:
            return index, modifiers
        return None, []
    return None, []


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _nominative_parse(word: str, *pos: str) -> pymorphy3.analyzer.Parse | None:
    """Return the likeliest parse of ``word`` as a nominative of one of ``pos``."""
    base = word.split("-")[-1].lower()
    for parse in _morph().parse(base):
        if parse.tag.POS in pos and parse.tag.case == "nomn":
            return parse
    return None


def _inflect_compound(word: str, grammemes: set[str]) -> str:
    """Inflect a hyphenated head (педагог-психолог) part by part; other parts stay."""
    parts = word.split("-")
    result = []
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        if last or _nominative_parse(part, "NOUN") is not None:
            result.append(_inflect_word(part, grammemes, {"NOUN", *_ADJECTIVE}))
        else:
            result.append(part)
    return "-".join(result)


def _inflect_word(word: str, grammemes: set[str], pos: set[str]) -> str:
    parse = _nominative_parse(word, *pos)
    if parse is None:
        return word
    form = parse.inflect(grammemes) or parse.inflect(grammemes - {"anim", "inan"})
    if form is None:
        return word
    return _like(form.word, word)


def _like(form: str, original: str) -> str:
    """Return ``form`` in the capitalisation of ``original`` and with its «ё» spelling."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        form = form[:1].upper() + form[1:]
    elif original[:1].islower():
        form = form[:1].lower() + form[1:]
    if "ё" not in original.lower() and "ё" in form.lower():
        form = form.replace("ё", "е").replace("Ё", "Е")
    return form
