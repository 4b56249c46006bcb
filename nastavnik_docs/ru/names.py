"""Personal names: parsing «Фамилия Имя Отчество», gender, the six cases and initials."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..errors import NameFormatError
from . import _declension
from .grammar import Case, Gender, parse_case, parse_gender
from .numbers import plural
from .typography import NBSP

__all__ = ["PersonName", "inflect_name"]

_WORD = re.compile(r"[А-ЯЁа-яё]+(?:[-'’][А-ЯЁа-яё]+)*")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_WORD_FORMS = ("слово", "слова", "слов")
_PART_TITLES = {"last": "фамилии", "first": "имени", "middle": "отчестве"}


@cache
def _marker_hyphen() -> re.Pattern[str]:
    """Return the pattern of a hyphen before a Turkic patronymic marker («Гусейн-оглы»), from names.json."""
    markers = "|".join(map(re.escape, _declension.patronymic_markers()))
    return re.compile(rf"([А-ЯЁа-яё])-({markers})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name; any part may be absent.

    ``gender`` is given as ``"male"``, ``"female"`` or ``None``; read back, it always answers:
    the given gender, else the one told by the patronymic, the first name or the surname
    (``None`` only when nothing tells). What was given stays in ``given_gender``.

    >>> name = PersonName.parse("Абдреева Наталья Петровна")
    >>> name.gender, name.given_gender
    (<Gender.FEMALE: 'female'>, None)
    >>> name.inflect("genitive").full
    'Абдреевой Натальи Петровны'
    >>> name.initials().replace("\\u00a0", " ")
    'Абдреева Н. П.'
    """

    last: str | None = None
    first: str | None = None
    middle: str | None = None
    gender: Gender | None = None
    given_gender: Gender | None = field(default=None, init=False, repr=False, compare=False)
    """The gender as given (``None``: detected from the name)."""

    def __post_init__(self) -> None:
        given = parse_gender(self.gender)
        for part in ("last", "first", "middle"):
            value = getattr(self, part)
            if value is not None:
                object.__setattr__(self, part, _clean_part(value, part))
        if not (self.last or self.first or self.middle):
            raise NameFormatError("Имя пустое: ожидается «Фамилия Имя Отчество».")
        object.__setattr__(self, "given_gender", given)
        detected = given or _declension.detect_gender(self.last, self.first, self.middle)
        object.__setattr__(self, "gender", detected)

    @classmethod
    def parse(cls, text: str, *, gender: str | Gender | None = None) -> PersonName:
        """Return the name read from «Фамилия Имя Отчество»; a single word is a surname.

        Turkic patronymics keep their marker: ``Мамедов Рашид Гусейн оглы``.
        """
        if not isinstance(text, str):
            raise NameFormatError("Ожидается строка «Фамилия Имя Отчество».")
        words = _marker_hyphen().sub(r"\1 \2", text).split()
        if not words:
            raise NameFormatError("Имя пустое: ожидается «Фамилия Имя Отчество».")
        if len(words) >= 2 and words[-1].lower() in _declension.patronymic_markers():
            words = [*words[:-2], f"{words[-2]} {words[-1]}"]
        if len(words) > 3:
            raise NameFormatError(
                f"В имени {plural(len(words), _WORD_FORMS)}: ожидается «Фамилия Имя Отчество» (не больше трёх частей)."
            )
        parts = dict(zip(("last", "first", "middle"), words, strict=False))
        return cls(**parts, gender=parse_gender(gender))

    @property
    def full(self) -> str:
        """Return the present parts joined with spaces: «Фамилия Имя Отчество»."""
        return " ".join(p for p in (self.last, self.first, self.middle) if p)

    def __str__(self) -> str:
        return self.full

    @property
    def detected_gender(self) -> Gender | None:
        """Return :attr:`gender` (kept for code written before ``gender`` always answered)."""
        return self.gender

    def inflect(self, case: str | Case) -> PersonName:
        """Return a new name with every present part in ``case`` (the same name in the same case is made once)."""
        return _inflected(self, self.given_gender, parse_case(case))

    def initials(self, *, before: bool = False) -> str:
        """Return ``Абдреева Н. П.`` or, with ``before=True``, ``Н. П. Абдреева``.

        Every space is no-break, so the initials never wrap away from the surname.
        """
        letters = NBSP.join(_initial(p) for p in (self.first, self.middle) if p)
        if not self.last:
            return letters
        if not letters:
            return self.last
        return f"{letters}{NBSP}{self.last}" if before else f"{self.last}{NBSP}{letters}"


@lru_cache(maxsize=16384)
def _inflected(name: PersonName, given: Gender | None, target: Case) -> PersonName:
    """Return ``name`` in ``target``; names are immutable, so a batch shares each form it asks for."""
    gender = name.gender
    parts = (
        _declension.inflect_part(name.last, "last", gender, target),
        _declension.inflect_part(name.first, "first", gender, target),
        _declension.inflect_part(name.middle, "middle", gender, target),
    )
    if gender is None:  # the inflected form is checked and its gender detected anew, as a new name is
        inflected = PersonName(*parts, gender)
    else:  # the parts of a checked name, inflected: made without checking them again
        inflected = object.__new__(PersonName)
        for field_name, value in zip(("last", "first", "middle", "gender"), (*parts, gender), strict=True):
            object.__setattr__(inflected, field_name, value)
    object.__setattr__(inflected, "given_gender", given)
    return inflected


def inflect_name(text: str, case: str | Case, *, gender: str | Gender | None = None) -> str:
    """Return «Фамилия Имя Отчество» in ``case``.

    >>> inflect_name("Ткач Анна Сергеевна", "dative")
    'Ткач Анне Сергеевне'
    >>> inflect_name("Смирнов Павел Ильич", "instrumental")
    'Смирновым Павлом Ильичом'
    """
    return PersonName.parse(text, gender=gender).inflect(case).full


def _clean_part(value: str, part: str) -> str:
    if not isinstance(value, str):
        raise NameFormatError(f"В {_PART_TITLES[part]} ожидается текст.")
    text = " ".join(value.split())
    if part == "middle":
        text = _marker_hyphen().sub(r"\1 \2", text)
    where = _PART_TITLES[part]
    if not text:
        raise NameFormatError(f"Пустое значение в {where}: ожидается «Фамилия Имя Отчество».")
    if _LATIN.search(text):
        raise NameFormatError(f"В {where} есть латинские буквы: имена в документах пишутся кириллицей.")
    if _DIGIT.search(text):
        raise NameFormatError(f"В {where} есть цифры: ожидается «Фамилия Имя Отчество».")
    words = text.split(" ")
    if part == "middle" and len(words) == 2 and words[1].lower() in _declension.patronymic_markers():
        words = words[:1]
    elif len(words) != 1:
        raise NameFormatError(f"В {where} несколько слов: ожидается одно слово.")
    if not all(_WORD.fullmatch(w) for w in words):
        raise NameFormatError(f"В {where} есть недопустимые знаки: ожидаются буквы, дефис или апостроф.")
    return text


def _initial(word: str) -> str:
    """Return ``Н.`` for a name; hyphenated names give ``А.-М.``."""
    return "-".join(f"{piece[:1].upper()}." for piece in word.split(" ")[0].split("-") if piece)
