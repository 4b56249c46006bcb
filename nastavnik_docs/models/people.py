"""People who appear in documents: signatories, curators, team members."""

from __future__ import annotations

from pydantic import Field

from .base import FullName, GenderField, Model, ShortText

__all__ = ["Person", "TeamMember"]


class Person(Model):
    """A person with a position, as an order or an agreement names them."""

    name: FullName = Field(description="Фамилия Имя Отчество, например «Петрова Анна Ивановна».")
    position: ShortText = Field(
        description="Должность в именительном падеже со строчной буквы: «директор», «учитель начальных классов»."
    )
    gender: GenderField = None


class TeamMember(Person):
    """A member of the management team (управленческая команда) with a role in it."""

    role: ShortText = Field(
        default="член управленческой команды",
        description="Роль в управленческой команде: «руководитель управленческой команды», «куратор», «член управленческой команды».",
    )
