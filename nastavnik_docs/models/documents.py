"""The shapes of documents themselves: orders with clauses, regulations with sections.

These are built from the bundled wording (``nastavnik_docs/content``) and the user's data, or
given whole by a caller. Numbers of clauses and sections are never typed: :func:`numbered`
computes them, so adding a clause renumbers everything after it.
"""

from __future__ import annotations

from pydantic import Field

from .base import Date, Model, ShortText, Text
from .people import Person

__all__ = ["Appendix", "ApprovalStamp", "Clause", "Order", "OrderRef", "Regulation", "Section"]


class Clause(Model):
    """A clause of an order or an item of a regulation, with sub-items and an unnumbered list."""

    id: ShortText | None = Field(
        default=None, description="Метка пункта для ссылок: {{ clause('метка') }} даёт его номер."
    )
    text: Text = Field(description="Текст пункта.")
    items: list[Clause] = Field(default_factory=list, description="Подпункты (нумеруются автоматически).")
    bullets: list[Text] = Field(default_factory=list, description="Ненумерованный список под пунктом.")


class OrderRef(Model):
    """The number and date of an order, as other documents refer to it."""

    number: ShortText = Field(description="Номер приказа: «377», «45-од».")
    date: Date = Field(description="Дата приказа.")


class Order(OrderRef):
    """An order (приказ) with every requisite of ГОСТ Р 7.0.97-2016."""

    place: ShortText = Field(description="Место издания: «г. Когалым».")
    title: Text = Field(description="Заголовок: «О внедрении целевой модели наставничества …».")
    preamble: Text = Field(description="Преамбула: основание и цель издания приказа.")
    clauses: list[Clause] = Field(min_length=1, description="Пункты распорядительной части.")
    signatory: Person = Field(description="Кто подписывает.")
    acquaintance: list[Person] = Field(default_factory=list, description="С приказом ознакомлены.")
    appendices: list[Appendix] = Field(default_factory=list, description="Приложения (нумеруются автоматически).")


class Appendix(Model):
    """An appendix of an order: its key for references and its title."""

    id: ShortText = Field(description="Метка приложения для ссылок: {{ appendix('метка') }} даёт его номер.")
    title: Text = Field(description="Заголовок приложения.")


class ApprovalStamp(Model):
    """«УТВЕРЖДЕНО приказом … от … № …» on a regulation."""

    issuer: ShortText = Field(description="Кто утвердил, в творительном падеже: «приказом МБОУ «СОШ № 5»».")
    order: OrderRef = Field(description="Номер и дата утверждающего приказа.")


class Section(Model):
    """A numbered section of a regulation."""

    title: Text = Field(description="Заголовок раздела.")
    items: list[Clause] = Field(default_factory=list, description="Пункты раздела.")


class Regulation(Model):
    """A regulation (положение) with its approval stamp and numbered sections."""

    title: ShortText = Field(description="Вид документа: «ПОЛОЖЕНИЕ».")
    subtitle: Text = Field(description="О чём положение: «о реализации целевой модели наставничества …».")
    approval: ApprovalStamp = Field(description="Гриф утверждения.")
    sections: list[Section] = Field(min_length=1, description="Разделы.")
