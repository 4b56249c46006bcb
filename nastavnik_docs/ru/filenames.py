"""Safe file names from people's names: «Фамилия_ИО», Cyrillic or transliterated, never a path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import TypeVar

from ._declension import patronymic_markers
from .names import PersonName

__all__ = ["UniqueNames", "file_stem", "href", "title_stem", "transliterate", "unique_file_names"]

T = TypeVar("T")
_UNSAFE = re.compile(r"[^0-9A-Za-zА-Яа-яЁё_-]+")
# Windows refuses these names, with any extension: «CON.docx» cannot be created, copied or unzipped there
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$", re.IGNORECASE)
MAX_STEM = 80
MAX_TITLE = 100  # a kit's folder and a member of its zip stay well within Windows' 260 characters
_NOT_IN_WINDOWS_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_COLON = re.compile(r"\s*:\s*")
_NOT_IN_URLS = re.compile(r'[\x00-\x20"#%<>?\\^`{|}\x7f]')
_PLAIN_NAME = re.compile(r"([А-ЯЁ][а-яё]{1,30}) ([А-ЯЁ][а-яё]+) ([А-ЯЁ][а-яё]+)")
"""«Фамилия Имя Отчество» in three plain Cyrillic words: its stem «Фамилия_ИО» needs no parsing."""


@cache
def _table() -> dict[str, str]:
    text = resources.files(__package__).joinpath("data/translit.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def transliterate(text: str) -> str:
    """Return ``text`` in Latin letters as Russian passports write names.

    >>> transliterate("Черных_ЛП")
    'Chernykh_LP'
    """
    table = _table()
    out = []
    for char in text:
        latin = table.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def file_stem(text: str, *, latin: bool = False) -> str:
    """Return a safe file-name stem: letters, digits, «_» and «-» only, no path, no dots.

    A «Фамилия Имя Отчество» becomes «Фамилия_ИО»; anything else keeps its safe characters.

    >>> file_stem("Соколова-Михайлова Ирина Игоревна")
    'Соколова-Михайлова_ИИ'
    >>> file_stem("../../etc/passwd")
    'etc_passwd'
    >>> file_stem("CON"), file_stem("Lpt1."), file_stem("nul .txt")
    ('CON_', 'Lpt1_', 'nul_txt')
    """
    plain = _PLAIN_NAME.fullmatch(text)
    if plain and plain.group(3).lower() not in patronymic_markers():  # most names: no parsing needed
        stem = f"{plain.group(1)}_{plain.group(2)[:1]}{plain.group(3)[:1]}"
    else:
        stem = _parsed_stem(text)
    if latin:
        stem = _UNSAFE.sub("_", transliterate(stem))
    stem = stem[:MAX_STEM]
    return f"{stem}_" if _RESERVED.match(stem) else stem


def _parsed_stem(text: str) -> str:
    """Return «Фамилия_ИО» of a name read by :meth:`PersonName.parse`, else the text's safe characters."""
    try:
        name = PersonName.parse(text)
        initials = "".join(part[:1] for part in (name.first, name.middle) if part)
        stem = f"{name.last}_{initials}" if name.last and initials else text
    except ValueError:
        stem = text
    return _UNSAFE.sub("_", stem).strip("_-") or "document"


def title_stem(number: int, title: str, *, width: int = 2) -> str:
    """Return «01 Приказ о создании управленческой команды»: a document's place in its kit and its title.

    Safe on Windows: no ``<>:"/\\|?*`` or control characters, no trailing dot or space, at most
    ``MAX_TITLE`` characters (cut at a word); the leading number keeps reserved names (CON, NUL…) away.
    A colon becomes a dash, which reads the same in a name.

    >>> title_stem(3, 'Положение о формах: "наставник / ученик".')
    '03 Положение о формах — «наставник ученик»'
    """
    text = title.replace("\u00a0", " ")
    text = re.sub(r'"([^"]*)"', r"«\1»", text)
    text = _COLON.sub(" — ", text)
    text = " ".join(_NOT_IN_WINDOWS_NAMES.sub(" ", text).split())
    stem = f"{number:0{width}d} {text}"
    if len(stem) > MAX_TITLE:
        stem = stem[:MAX_TITLE].rsplit(" ", 1)[0]
    return stem.rstrip(" .—") or f"{number:0{width}d}"


def href(path: str) -> str:
    """Return a file's path relative to a page as the page links to it: what a URL may not hold (spaces,
    quotes, «#», «%», «?»…) percent-encoded, letters of any alphabet kept readable.

    >>> href("07 Кейсы лучших наставнических практик/10_Андреев_ИМ.docx")
    '07%20Кейсы%20лучших%20наставнических%20практик/10_Андреев_ИМ.docx'
    """
    return _NOT_IN_URLS.sub(lambda match: f"%{ord(match.group()):02X}", path)


class UniqueNames:
    """Hands out file names, resolving collisions with «_2», «_3»… (case-insensitively)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, stem: str, suffix: str) -> str:
        """Return ``stem`` + ``suffix``, made unique among the names taken so far."""
        candidate, number = stem, 1
        while f"{candidate}{suffix}".lower() in self._taken:
            number += 1
            candidate = f"{stem}_{number}"
        self._taken.add(f"{candidate}{suffix}".lower())
        return f"{candidate}{suffix}"


def unique_file_names(
    items: Iterable[tuple[str, T]], *, latin: bool = False, suffix: str = ".docx"
) -> Iterator[tuple[str, T]]:
    """Yield (safe file name unique among these items, payload) for (name source, payload) pairs."""
    names = UniqueNames()
    for stem, payload in items:
        yield names.take(file_stem(stem, latin=latin), suffix), payload
