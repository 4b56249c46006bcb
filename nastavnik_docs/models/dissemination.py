"""Stage 5 in the data file: dissemination events and the resources behind the programme."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..content import content_data
from .base import Choices, Date, Model, ShortText, Text, Url

__all__ = ["DisseminationEvent", "Equipment", "InformationResource", "Premises", "Resources", "event_levels"]


def event_levels() -> dict[str, str]:
    """Return the levels of events by title («муниципальный») with their ids (``municipal``)."""
    return {level["title"]: level["id"] for level in content_data("events.yaml")["levels"]}


def _listed(kind: str) -> AfterValidator:
    """Return a validator accepting only the words of ``content/data/events.yaml``'s list ``kind``."""

    def check(value: str) -> str:
        allowed: list[str] = list(event_levels()) if kind == "levels" else content_data("events.yaml")[kind]
        found = next((word for word in allowed if word == value.strip().lower()), None)
        if found is None:
            raise PydanticCustomError("listed_word", "допустимые значения: {allowed}", {"allowed": ", ".join(allowed)})
        return found

    return AfterValidator(check)


def _words(kind: str) -> Choices:
    """Return the mark of a word from ``content/data/events.yaml``'s list ``kind`` (shown as it is)."""
    return Choices(
        lambda: {word: word for word in (event_levels() if kind == "levels" else content_data("events.yaml")[kind])}
    )


EventKind = Annotated[str, _listed("kinds"), _words("kinds")]
EventLevel = Annotated[str, _listed("levels"), _words("levels")]


class DisseminationEvent(Model):
    """An event where the school shares its mentorship practice (a contest, a round table, a seminar…)."""

    date: Date = Field(description="Дата (первый день) мероприятия.")
    title: Text = Field(description="Название: «Круглый стол «Наставничество в школе: первые итоги»».")
    kind: EventKind = Field(description="Вид: конкурс, круглый стол, мастер-класс, семинар, конференция, …")
    level: EventLevel = Field(
        description="Уровень: школьный, муниципальный, региональный, всероссийский, международный."
    )
    participants: int | None = Field(default=None, ge=0, le=1_000_000, description="Число участников.")
    responsible: list[ShortText] = Field(
        default_factory=lambda: ["curator"],
        description="Ответственные: director, curator, team или слова «Рабочая группа», «Наставники» (как в дорожной карте).",
    )
    result: Text | None = Field(default=None, description="Результат: «опыт представлен 5 школам города», ссылка.")


class Premises(Model):
    """A room or space the programme uses."""

    name: ShortText = Field(description="Помещение: «кабинет № 21 (центр «Точка роста»)».")
    purpose: Text = Field(description="Для чего: «встречи наставнических пар, мастер-классы».")


class Equipment(Model):
    """Equipment the programme uses."""

    name: ShortText = Field(description="Оборудование: «интерактивная панель».")
    count: int | None = Field(default=None, ge=1, le=100_000, description="Количество.")
    purpose: Text | None = Field(default=None, description="Для чего.")


class InformationResource(Model):
    """A channel where the programme is published: a site page, a group in a social network."""

    name: ShortText = Field(description="Ресурс: «группа школы «ВКонтакте»».")
    url: Url | None = Field(default=None, description="Адрес.")


class Resources(Model):
    """What the programme rests on besides its people and partners (those come from the register)."""

    premises: list[Premises] = Field(default_factory=list, description="Помещения.")
    equipment: list[Equipment] = Field(default_factory=list, description="Оборудование и материально-техническая база.")
    information: list[InformationResource] = Field(
        default_factory=list, description="Информационные ресурсы (вкладка сайта добавляется сама)."
    )
    partners: dict[ShortText, Text] = Field(
        default_factory=dict,
        description="Что даёт партнёр, если не то, что записано в реестре как предмет сотрудничества: {«ООО «Сибтехмаш»»: «наставники-инженеры, экскурсии на производство»}.",
    )
