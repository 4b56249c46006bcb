"""The forms a kit prints: the coordinator's corrections, applied everywhere, and a record of every form asked for.

The producer puts a :class:`Declensions` into the render context (``declensions``) of each
document; the filters ``fio``, ``initials``, ``case`` and ``place`` (and context builders that
inflect in Python) ask it for a form instead of inflecting themselves. Without one in the
context the filters inflect as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import InputError
from ..models import Declension
from ..ru import Case, PersonName, inflect_phrase, inflect_place

__all__ = ["CONTEXT_KEY", "KIND_TITLES", "Declensions", "ProofRow"]

CONTEXT_KEY = "declensions"
"""The name of the render-context variable that holds the kit's :class:`Declensions`."""

KIND_TITLES = {"person": "человек", "phrase": "должность, организация", "place": "место"}


@dataclass(frozen=True, slots=True)
class ProofRow:
    """One phrase in one case as the kit prints it: what it is, the form, and the documents using it."""

    kind: str
    phrase: str
    case: Case
    form: str
    automatic: str
    documents: tuple[str, ...]


@dataclass
class _Shared:
    corrections: dict[tuple[str, Case], tuple[str, str]] = field(default_factory=dict)
    used: set[tuple[str, Case]] = field(default_factory=set)
    record: dict[tuple[str, str, Case], tuple[str, str, dict[str, None]]] | None = None


class Declensions:
    """Corrected forms by (phrase, case), and, when ``record``, every form asked for and where.

    ``corrections`` are (where the correction was given, the correction): the place names it in
    a message (a row of the proof sheet, an item of ``declensions:``), never the phrase itself.
    """

    __slots__ = ("_document", "_shared")

    def __init__(self, corrections: Iterable[tuple[str, Declension]] = (), *, record: bool = False) -> None:
        self._shared = _Shared(record={} if record else None)
        self._document = ""
        for where, item in corrections:
            key = (" ".join(item.phrase.split()), item.case)
            earlier = self._shared.corrections.get(key)
            if earlier is not None and earlier[0] != item.form:
                raise InputError(f"{where}: та же фраза в том же падеже уже исправлена иначе ({earlier[1]}).")
            self._shared.corrections[key] = (item.form, where)

    def corrections(self) -> list[tuple[str, Declension]]:
        """Return the corrections as given: (where, correction)."""
        return [
            (where, Declension(phrase=phrase, case=case, form=form))
            for (phrase, case), (form, where) in self._shared.corrections.items()
        ]

    def for_document(self, document_id: str) -> Declensions:
        """Return a view sharing the corrections and the record that notes ``document_id`` as the user."""
        view = Declensions.__new__(Declensions)
        view._shared, view._document = self._shared, document_id
        return view

    def person(self, name: PersonName, case: Case) -> PersonName:
        """Return ``name`` in ``case``: the corrected form if there is one, else the engine's."""
        if case is Case.NOMINATIVE:
            return name
        source = name.full
        automatic: PersonName | None = None
        corrected = self._corrected(source, case)
        if corrected is None:
            automatic = name.inflect(case)
            result = automatic
        else:
            result = PersonName.parse(corrected, gender=name.gender)
        if self._shared.record is not None:
            automatic = automatic or name.inflect(case)
            self._note("person", source, case, result.full, automatic.full)
        return result

    def phrase(self, text: str, case: Case, *, kind: str = "phrase") -> str:
        """Return a position or organisation (``kind="phrase"``) or a place (``"place"``) in ``case``."""
        if case is Case.NOMINATIVE or not text.strip():
            return text
        inflect: Callable[[str, Case], str] = inflect_place if kind == "place" else inflect_phrase
        corrected = self._corrected(text, case)
        result = corrected if corrected is not None else inflect(text, case)
        if self._shared.record is not None:
            self._note(kind, text, case, result, inflect(text, case) if corrected is not None else result)
        return result

    def unused(self) -> list[str]:
        """Return where each correction that matched no phrase of the kit was given."""
        shared = self._shared
        return [where for key, (_, where) in shared.corrections.items() if key not in shared.used]

    def check_used(self) -> None:
        """Raise :class:`InputError` naming every correction that matched no phrase of the kit."""
        unused = self.unused()
        if unused:
            places = "; ".join(unused)
            raise InputError(
                f"Исправления склонения не подошли ни к одной фразе комплекта: {places}. "
                "Проверьте фразу (она пишется как в данных, в именительном падеже) и падеж."
            )

    def rows(self) -> list[ProofRow]:
        """Return every recorded form, in the order first asked for."""
        record = self._shared.record or {}
        return [
            ProofRow(kind, phrase, case, form, automatic, tuple(documents))
            for (kind, phrase, case), (form, automatic, documents) in record.items()
        ]

    def _corrected(self, source: str, case: Case) -> str | None:
        if not self._shared.corrections:
            return None
        key = (" ".join(source.split()), case)
        found = self._shared.corrections.get(key)
        if found is None:
            return None
        self._shared.used.add(key)
        return found[0]

    def _note(self, kind: str, phrase: str, case: Case, form: str, automatic: str) -> None:
        record = self._shared.record
        assert record is not None
        entry = record.setdefault((kind, phrase, case), (form, automatic, {}))
        entry[2][self._document] = None
