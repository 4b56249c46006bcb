"""Russian typography: no-break spaces, «ёлочки» quotes and dashes."""

from __future__ import annotations

import re

__all__ = [
    "EM_DASH",
    "EN_DASH",
    "NBHYPHEN",
    "NBSP",
    "capfirst",
    "keep_together",
    "lowerfirst",
    "no_break_after_number_sign",
    "number_sign",
    "quote",
    "typograph",
]

NBSP = "\u00a0"
EN_DASH = "\u2013"
EM_DASH = "\u2014"
NBHYPHEN = "\u2011"

_BETWEEN_INITIALS = re.compile(r"(?<=\b[А-ЯЁ]\.)\s*(?=[А-ЯЁ]\.)")
_SURNAME_BEFORE_INITIALS = re.compile(r"\b([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) (?=[А-ЯЁ]\.)")
_INITIALS_BEFORE = re.compile(r"(?<=\b[А-ЯЁ]\.) (?=[А-ЯЁ][а-яё])")
_NUMBER_SIGN = re.compile(r"№\s*(?=\S)")
_SPACED_HYPHEN = re.compile(r"(?<=\S)\s+[-–—]\s+(?=\S)")
_NUMBER_RANGE = re.compile(r"(?<![\d.\-])(\d+)\s*-\s*(\d+)(?![\d.\-])")
_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')
_SPACE_BEFORE_NUMBER_SIGN = re.compile(r"(?<=\S)[ \t]+(?=№)")
_NUMBER_AND_UNIT = re.compile(
    r"(?<=\d)[ \t]+(?=(?:%|г\.|гг\.|год|года|году|годы|годов|лет|ч\.|чел\.|руб\.|коп\.|мин\.|«[А-ЯЁ]»|[А-ЯЁ]\b)(?!\w))"
)
_ABBREVIATION_BEFORE_NUMBER = re.compile(
    r"(?<![\w.])((?:п|пп|ст|ч|гл|разд|прил|рис|табл|с|т|д|кв|корп|стр)\.)[ \t]+(?=\d)"
)
_ACT_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=[\dA-Za-zА-Яа-яЁё])")
_LETTERS_NUMBER_AFTER_SIGN = re.compile(r"(№[ \u00a0]?[A-ZА-ЯЁ]+)-(?=\d)")
"""«№ Р-145» only: a participant's code «У-004» keeps its plain hyphen (it is copied into the answers workbook)."""


def number_sign(number: object) -> str:
    """Return ``№ 377`` with a no-break space, as ГОСТ Р 7.0.97-2016 writes a document number.

    >>> number_sign(377) == "№\\u00a0377"
    True
    """
    return f"№{NBSP}{str(number).strip()}"


def no_break_after_number_sign(text: str) -> str:
    """Return ``text`` with a no-break space after every «№», so a number never wraps away from it.

    >>> no_break_after_number_sign("МБОУ «СОШ № 12»") == "МБОУ «СОШ №\u00a012»"
    True
    """
    return _NUMBER_SIGN.sub(f"№{NBSP}", text) if "№" in text else text


_NUMBER_SIGN_TO_KEEP = r"[ \t]№|№(?!\u00a0\S)|№\u00a0?[A-ZА-ЯЁ]+-\d"
_UNIT_TO_KEEP = r"\d[ \t]+[%глчркмА-ЯЁ«]"
_INITIALS_TO_KEEP = r"[А-ЯЁ]\.(?:[А-ЯЁ]|[^\S\u00a0]|\s\s)| [А-ЯЁ]\."
_SOMETHING_TO_KEEP = re.compile(
    "|".join((_NUMBER_SIGN_TO_KEEP, _UNIT_TO_KEEP, r"\.[ \t]+\d", r"\d-", _INITIALS_TO_KEEP))
)
"""What one of :func:`keep_together`'s rules would change somewhere in the text: a «№» without its no-break
space, a number and a word that may be its unit, «п. 3», a hyphen after a digit, initials not yet joined. The
rules only turn spaces and hyphens into unbreakable ones, so none of them makes another's need appear."""
_UNIT = re.compile(_UNIT_TO_KEEP)
_INITIALS = re.compile(_INITIALS_TO_KEEP)


def keep_together(text: str) -> str:
    """Return ``text`` with what must stay on one line joined: every value printed in a Word document goes through it.

    A no-break space after «№» and before it («СОШ № 12»), between a number and its unit or a class
    letter («100 %», «2026 г.», «11 «А»»), after «п.», «ст.» before a number, between initials and the
    surname; a non-breaking hyphen inside an act number («273‑ФЗ», «Р‑145», «23‑02»). Nothing else
    changes: quotes and dashes stay as the data has them.

    >>> keep_together("Закон № 273-ФЗ, МБОУ «СОШ № 12», 100 %, 11 «А» класса").replace(NBSP, "~").replace(NBHYPHEN, "=")
    'Закон~№~273=ФЗ, МБОУ «СОШ~№~12», 100~%, 11~«А» класса'
    """
    if not _SOMETHING_TO_KEEP.search(text):  # most values: a date, a name, joined initials, a passport number
        return text
    # each rule below runs only where what it needs occurs: a quick look spares the rule's slower pattern
    result = _SPACE_BEFORE_NUMBER_SIGN.sub(NBSP, text) if "№" in text else text
    result = no_break_after_number_sign(result)
    if _UNIT.search(result):
        result = _NUMBER_AND_UNIT.sub(NBSP, result)
    if "." in result:
        result = _ABBREVIATION_BEFORE_NUMBER.sub(rf"\1{NBSP}", result)
    if "-" in result:
        result = _ACT_NUMBER_HYPHEN.sub(NBHYPHEN, result)
    if "№" in result:
        result = _LETTERS_NUMBER_AFTER_SIGN.sub(rf"\1{NBHYPHEN}", result)
    if _INITIALS.search(result):
        result = _BETWEEN_INITIALS.sub(NBSP, result)
        result = _SURNAME_BEFORE_INITIALS.sub(rf"\1{NBSP}", result)
        result = _INITIALS_BEFORE.sub(NBSP, result)
    return result


def quote(text: str) -> str:
    """Return ``text`` in «ёлочки»; quotes inside become „лапки“.

    >>> quote('Школа "Радуга"')
    '«Школа „Радуга“»'
    """
    inner = _STRAIGHT_QUOTES.sub(lambda m: f"„{m.group(1)}“", text)
    inner = inner.replace("«", "„").replace("»", "“")
    return f"«{inner}»"


def typograph(text: str) -> str:
    """Return ``text`` with Russian typography applied.

    Straight quotes become «ёлочки», a spaced hyphen becomes a no-break space and an em dash,
    a hyphen between two numbers (a range, not a date or a phone number) becomes an en dash, and no-break spaces are put after «№» and
    between initials and the surname (in both orders).

    >>> typograph('Приказ № 377 - "О наставничестве", Абдреева Н. П., 2020-2024').replace("\\u00a0", "~")
    'Приказ №~377~— «О наставничестве», Абдреева~Н.~П., 2020–2024'
    """
    result = _STRAIGHT_QUOTES.sub(lambda m: f"«{m.group(1)}»", text)
    result = _NUMBER_RANGE.sub(rf"\1{EN_DASH}\2", result)
    result = _SPACED_HYPHEN.sub(f"{NBSP}{EM_DASH} ", result)
    result = no_break_after_number_sign(result)
    result = _BETWEEN_INITIALS.sub(NBSP, result)
    result = _SURNAME_BEFORE_INITIALS.sub(rf"\1{NBSP}", result)
    result = _INITIALS_BEFORE.sub(NBSP, result)
    return result


def capfirst(value: object) -> str:
    """Return the text with its first letter in upper case; the rest is left alone.

    >>> capfirst("наставник – ученик")
    'Наставник – ученик'
    """
    text = str(value)
    return text[:1].upper() + text[1:]


def lowerfirst(value: object) -> str:
    """Return the text with its first letter in lower case; an abbreviation at the start stays.

    >>> lowerfirst("Педагог-психолог"), lowerfirst("МБОУ «СОШ № 12»")
    ('педагог-психолог', 'МБОУ «СОШ № 12»')
    """
    text = str(value)
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]
