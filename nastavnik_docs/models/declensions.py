"""Corrected forms: a phrase of a kit (a person's name, a position, an organisation, a place) in a case."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ..errors import NastavnikDocsError
from ..ru import Case, parse_case
from .base import Model, ShortText

__all__ = ["Declension"]


class Declension(Model):
    """One corrected form: every document of the kit prints ``form`` where it would print ``phrase`` in ``case``."""

    phrase: ShortText = Field(
        description="Фраза, как она записана в данных: «Ткач Анна Сергеевна», «заместитель директора по УВР»."
    )
    case: Case = Field(
        description="Падеж: genitive, dative, accusative, instrumental, prepositional (или по-русски: дательный…)."
    )
    form: ShortText = Field(description="Форма, которую печатать в документах: «Ткач Анне Сергеевне».")

    @field_validator("case", mode="before")
    @classmethod
    def _case(cls, value: object) -> Case:
        try:
            case = parse_case(str(value))
        except NastavnikDocsError:
            raise PydanticCustomError(
                "case", "ожидается падеж: genitive, dative, accusative, instrumental, prepositional"
            ) from None
        if case is Case.NOMINATIVE:
            raise PydanticCustomError("case", "именительный падеж не склоняется: исправьте саму фразу в данных")
        return case
