"""The OpenCorpora dictionary (pymorphy3-dicts-ru), shared by phrases and names.

One analyzer for the whole language core; names are looked up straight in its word list (the
full analysis would also run the guessers, four times slower, for words it does not know).
"""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

from .grammar import Case, Gender

__all__ = ["GRAMMEME", "analyzer", "name_forms", "name_gender"]

GRAMMEME = {
    Case.NOMINATIVE: "nomn",
    Case.GENITIVE: "gent",
    Case.DATIVE: "datv",
    Case.ACCUSATIVE: "accs",
    Case.INSTRUMENTAL: "ablt",
    Case.PREPOSITIONAL: "loct",
}
_PART_TAG = {"last": "Surn", "first": "Name", "middle": "Patr"}
_GENDER_TAG = {Gender.MALE: "masc", Gender.FEMALE: "femn"}
_TAG_GENDER = {"masc": Gender.MALE, "femn": Gender.FEMALE}
_VARIANTS = {"Infr", "V-ey", "V-oy", "Arch", "Erro", "Dist"}  # spelling variants: the first plain form wins


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """Return the one morphological analyzer of the language core (loaded once, on first use)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


def _entries(word: str) -> list[tuple[str, int, int]]:
    """Return (spelling, paradigm, form index) of every dictionary entry of ``word`` (lower case; е matches ё)."""
    morph = analyzer()
    exact = morph.dictionary.words.get(word)  # three times faster than the search with «ё» for «е»
    if exact is not None or "е" not in word:
        return [(word, para_id, index) for para_id, index in exact or ()]
    return [
        (spelled, para_id, index)
        for spelled, found in morph.dictionary.words.similar_items(word, morph.char_substitutes)
        for para_id, index in found
    ]


@lru_cache(maxsize=4096)
def name_forms(word: str, part: str, gender: Gender | None) -> tuple[str, ...] | None:
    """Return the six case forms the dictionary gives ``word`` (lower case) as a ``part`` of a name in ``gender``.

    ``None`` when the dictionary does not know the word as that part and gender, or knows it in
    two ways that decline differently. A spelling without «ё» where the dictionary has it keeps
    its «е» in every form.
    """
    dictionary = analyzer().dictionary
    found: tuple[str, ...] | None = None
    for spelled, para_id, index in _entries(word):
        tag = dictionary.build_tag_info(para_id, index)
        if _PART_TAG[part] not in tag or tag.case != "nomn" or tag.number == "plur":
            continue
        common = "ms-f" in tag  # Черных, Шевченко, Саша: one lexeme for both genders
        if not common and (gender is None or tag.gender != _GENDER_TAG[gender]):
            continue
        forms = _lexeme_forms(para_id, index, spelled, None if common else tag.gender)
        if forms is None:
            continue
        if "ё" in spelled and "ё" not in word:
            forms = tuple(form.replace("ё", "е") for form in forms)
        if found is not None and found != forms:
            return None
        found = forms
    return found


def _lexeme_forms(para_id: int, index: int, spelled: str, gender: str | None) -> tuple[str, ...] | None:
    dictionary = analyzer().dictionary
    stem = dictionary.build_stem(dictionary.paradigms[para_id], index, spelled)
    chosen: dict[str, str] = {}
    for prefix, tag, suffix in dictionary.build_paradigm_info(para_id):
        if tag.number == "plur" or (gender is not None and tag.gender not in (gender, None)):
            continue
        if tag.case in chosen or _VARIANTS & tag.grammemes:
            continue
        chosen[str(tag.case)] = prefix + stem + suffix
    if any(GRAMMEME[case] not in chosen for case in Case):
        return None
    return tuple(chosen[GRAMMEME[case]] for case in Case)


@lru_cache(maxsize=4096)
def name_gender(word: str) -> Gender | None:
    """Return the gender the dictionary gives the first name ``word`` (lower case); ``None`` if unknown or either."""
    dictionary = analyzer().dictionary
    genders = set()
    for _, para_id, index in _entries(word):
        tag = dictionary.build_tag_info(para_id, index)
        if "Name" in tag and tag.case == "nomn" and tag.number != "plur":
            genders.add(_TAG_GENDER.get(str(tag.gender)) if "ms-f" not in tag else None)
    return genders.pop() if len(genders) == 1 else None
