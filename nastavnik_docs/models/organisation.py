"""The educational organisation (ОО) or education department that issues the documents."""

from __future__ import annotations

from pydantic import Field

from .base import Model, ShortText, Text, Url
from .people import Person

__all__ = ["Organisation"]


class Organisation(Model):
    """An organisation: its names, place, contacts, requisites and head."""

    full_name: Text = Field(
        description="Полное наименование по уставу: «Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»»."
    )
    short_name: ShortText = Field(description="Сокращённое наименование: «МБОУ «СОШ № 5»».")
    type: ShortText = Field(
        default="общеобразовательная организация",
        description="Тип организации: «общеобразовательная организация», «профессиональная образовательная организация», «организация дополнительного образования».",
    )
    municipality: ShortText = Field(description="Муниципальное образование: «город Когалым».")
    region: ShortText = Field(description="Субъект Российской Федерации: «Ханты-Мансийский автономный округ – Югра».")
    locality: ShortText = Field(description="Место издания документов: «г. Когалым», «с. Покровка».")
    address: ShortText = Field(description="Юридический адрес с индексом.")
    phone: ShortText | None = Field(default=None, description="Телефон.")
    email: ShortText | None = Field(default=None, description="Адрес электронной почты.")
    website: Url | None = Field(default=None, description="Адрес официального сайта.")
    inn: ShortText | None = Field(default=None, pattern=r"^\d{10}(\d{2})?$", description="ИНН (10 или 12 цифр).")
    kpp: ShortText | None = Field(default=None, pattern=r"^\d{9}$", description="КПП (9 цифр).")
    ogrn: ShortText | None = Field(default=None, pattern=r"^\d{13}$", description="ОГРН (13 цифр).")
    director: Person = Field(description="Руководитель, который подписывает документы.")
