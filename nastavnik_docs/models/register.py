"""The participant register of stage 4: mentors, mentees, pairs and groups, partners.

Cross-record rules (a pair names known people, nobody is in two pairs of one programme, a minor
has a legal representative, nobody is born in the future) are checked by :func:`check_register`
so that every problem can be reported at once, with its sheet and row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from ..errors import Problem
from ..ru import plural
from .base import Date, FullName, GenderField, Model, ShortText, Text
from .mentorship import FormId
from .school import SchoolData

__all__ = [
    "IdentityDocument",
    "Mentee",
    "Mentor",
    "Pair",
    "PairStatus",
    "Partner",
    "Register",
    "RegisterProblem",
    "Representative",
    "SchoolRegister",
    "age_on",
    "check_register",
    "pairs_by_person",
    "signing_date",
]


class IdentityDocument(Model):
    """An identity document: kind, series and number, issuer and date."""

    kind: ShortText = Field(
        description="Вид документа: «паспорт гражданина Российской Федерации», «свидетельство о рождении»."
    )
    number: ShortText = Field(description="Серия и номер.")
    issued_by: Text = Field(description="Кем выдан.")
    issued_on: Date = Field(description="Дата выдачи.")


class Representative(Model):
    """A minor's legal representative."""

    name: FullName = Field(description="Фамилия Имя Отчество.")
    gender: GenderField = None
    relation: ShortText = Field(description="Кем приходится: мать, отец, опекун…")
    address: Text | None = Field(default=None, description="Адрес, если не совпадает с адресом ребёнка.")
    document: IdentityDocument = Field(description="Документ, удостоверяющий личность.")
    authority: Text = Field(description="Документ, подтверждающий полномочия законного представителя.")


class _Person(Model):
    code: ShortText = Field(description="Уникальный код в реестре.")
    name: FullName = Field(description="Фамилия Имя Отчество.")
    gender: GenderField = None
    birth_date: Date = Field(description="Дата рождения.")
    category: ShortText = Field(description="Категория: обучающийся, педагог, студент…")
    position: ShortText = Field(description="Должность или класс.")
    phone: ShortText | None = Field(default=None, description="Телефон.")
    address: Text = Field(description="Адрес регистрации.")
    document: IdentityDocument = Field(description="Документ, удостоверяющий личность.")
    consent_date: Date | None = Field(default=None, description="Дата согласия на обработку персональных данных.")
    representative: Representative | None = Field(
        default=None, description="Законный представитель несовершеннолетнего."
    )


class Mentor(_Person):
    """A mentor (наставник)."""

    organisation: ShortText | None = Field(default=None, description="Место работы (учёбы) внешнего наставника.")
    email: ShortText | None = Field(default=None, description="Электронная почта.")


class Mentee(_Person):
    """A mentee (наставляемый)."""


class PairStatus(StrEnum):
    """Where a pair stands: working, completed as planned, or ended early."""

    ACTIVE = "active"
    COMPLETED = "completed"
    TERMINATED = "terminated"


class Pair(Model):
    """A mentorship pair or group: one mentor, one or several mentees."""

    code: ShortText = Field(description="Номер пары (группы).")
    mentor: ShortText = Field(description="Код наставника.")
    mentees: list[ShortText] = Field(min_length=1, description="Коды наставляемых.")
    form: FormId = Field(description="Форма наставничества.")
    programme: ShortText = Field(description="Программа наставничества.")
    start: Date = Field(description="Дата начала.")
    end: Date = Field(description="Дата окончания.")
    goal: Text | None = Field(default=None, description="Цель (по умолчанию — цель формы).")
    status: PairStatus = Field(
        default=PairStatus.ACTIVE,
        description="Статус: active — действует, completed — завершена, terminated — прекращена досрочно.",
    )
    ended_on: Date | None = Field(
        default=None, description="Дата завершения (для завершённой — по умолчанию дата окончания)."
    )
    result: Text | None = Field(default=None, description="Результат работы пары (группы).")
    best_practice: bool = Field(default=False, description="Пара представлена как лучшая наставническая практика.")

    @property
    def finished_on(self) -> dt.date | None:
        """Return when the pair stopped working: its end date once completed or ended early, else None."""
        if self.status is PairStatus.ACTIVE:
            return None
        return self.ended_on or self.end


class Partner(Model):
    """A social partner and its agreement."""

    number: ShortText = Field(description="Номер договора.")
    date: Date = Field(description="Дата договора.")
    full_name: Text = Field(description="Полное наименование.")
    short_name: ShortText = Field(description="Краткое наименование.")
    head: FullName = Field(description="Руководитель: Фамилия Имя Отчество.")
    head_gender: GenderField = None
    head_position: ShortText = Field(description="Должность руководителя.")
    basis: ShortText = Field(description="На основании чего действует руководитель, в родительном падеже: «Устава».")
    address: Text = Field(description="Адрес.")
    inn: ShortText | None = Field(default=None, pattern=r"^\d{10}(\d{2})?$", description="ИНН (10 или 12 цифр).")
    subject: Text = Field(description="Предмет сотрудничества.")
    term_end: Date = Field(description="Срок действия договора.")


class Register(Model):
    """The whole register."""

    mentors: list[Mentor] = Field(default_factory=list, description="Наставники.")
    mentees: list[Mentee] = Field(default_factory=list, description="Наставляемые.")
    pairs: list[Pair] = Field(default_factory=list, description="Наставнические пары и группы.")
    partners: list[Partner] = Field(default_factory=list, description="Социальные партнёры.")


def age_on(birth: dt.date, day: dt.date) -> int:
    """Return full years on ``day`` of a person born on ``birth``.

    >>> age_on(dt.date(2012, 6, 1), dt.date(2026, 5, 31)), age_on(dt.date(2012, 6, 1), dt.date(2026, 6, 1))
    (13, 14)
    """
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass(frozen=True, slots=True)
class RegisterProblem:
    """A cross-record problem: which sheet (``mentors``…), which record index, which field, what."""

    sheet: str
    index: int
    field: str
    message: str


def pairs_by_person(pairs: list[Pair]) -> dict[str, list[Pair]]:
    """Return every person's pairs by code (mentors and mentees), in one pass over the pairs."""
    found: dict[str, list[Pair]] = {}
    for pair in pairs:
        for code in {pair.mentor, *pair.mentees}:
            found.setdefault(code, []).append(pair)
    return found


def signing_date(person: _Person, pairs: list[Pair]) -> dt.date | None:
    """Return the date the person's consent is signed: as given, else the start of their first pair."""
    if person.consent_date is not None:
        return person.consent_date
    starts = [p.start for p in pairs]
    return min(starts) if starts else None


def check_register(
    register: Register, *, today: dt.date, ignore_codes: set[str] | frozenset[str] = frozenset()
) -> Iterator[RegisterProblem]:
    """Yield every cross-record problem of the register (none means it is consistent).

    ``ignore_codes`` are people already reported as broken: references to them are not repeated.
    """
    if not register.pairs and not ignore_codes:
        yield RegisterProblem("pairs", -1, "code", "в реестре нет ни одной наставнической пары (группы)")
    for sheet, people in (("mentors", register.mentors), ("mentees", register.mentees)):
        seen: dict[str, int] = {}
        for index, person in enumerate(people):
            if person.code in seen:
                yield RegisterProblem(sheet, index, "code", "код повторяется (он уже есть в строке выше)")
            seen.setdefault(person.code, index)
            if person.birth_date > today:
                yield RegisterProblem(sheet, index, "birth_date", "дата рождения в будущем")
            elif age_on(person.birth_date, today) > 100:
                yield RegisterProblem(sheet, index, "birth_date", "дата рождения больше ста лет назад — проверьте год")
            if person.document.issued_on < person.birth_date or person.document.issued_on > today:
                yield RegisterProblem(
                    sheet, index, "document_issued_on", "дата выдачи документа раньше рождения или в будущем"
                )
    mentors = {m.code for m in register.mentors}
    mentees = {m.code for m in register.mentees}
    codes: dict[str, int] = {}
    member_of: dict[tuple[str, str], str] = {}
    for index, pair in enumerate(register.pairs):
        if pair.code in codes:
            yield RegisterProblem("pairs", index, "code", "номер пары повторяется")
        codes.setdefault(pair.code, index)
        if pair.end < pair.start:
            yield RegisterProblem("pairs", index, "end", "дата окончания раньше даты начала")
        if pair.status is PairStatus.TERMINATED and pair.ended_on is None:
            yield RegisterProblem("pairs", index, "ended_on", "пара прекращена досрочно: укажите дату завершения")
        if pair.status is PairStatus.COMPLETED and pair.ended_on is None and pair.end > today:
            yield RegisterProblem(
                "pairs", index, "ended_on", "пара завершена раньше даты окончания: укажите дату завершения"
            )
        if pair.ended_on is not None:
            if pair.status is PairStatus.ACTIVE:
                yield RegisterProblem(
                    "pairs", index, "status", "указана дата завершения, а статус — «действует»: выберите статус"
                )
            elif pair.ended_on < pair.start:
                yield RegisterProblem("pairs", index, "ended_on", "дата завершения раньше даты начала")
            elif pair.ended_on > today:
                yield RegisterProblem("pairs", index, "ended_on", "дата завершения в будущем")
            elif pair.status is PairStatus.TERMINATED and pair.ended_on > pair.end:
                yield RegisterProblem(
                    "pairs", index, "ended_on", "прекращена досрочно, но дата завершения позже даты окончания"
                )
        if pair.mentor not in mentors and pair.mentor not in ignore_codes:
            yield RegisterProblem("pairs", index, "mentor", "такого кода нет на листе «Наставники»")
        unknown = [code for code in pair.mentees if code not in mentees and code not in ignore_codes]
        if unknown:
            yield RegisterProblem("pairs", index, "mentees", f"кодов нет на листе «Наставляемые»: {', '.join(unknown)}")
        if len(set(pair.mentees)) != len(pair.mentees):
            yield RegisterProblem("pairs", index, "mentees", "код наставляемого повторяется")
        for code in {pair.mentor, *pair.mentees}:
            key = (code, pair.programme)
            if key in member_of and member_of[key] != pair.code:
                yield RegisterProblem(
                    "pairs",
                    index,
                    "mentees" if code in pair.mentees else "mentor",
                    f"участник с кодом {code} уже состоит в паре {member_of[key]} этой же программы",
                )
            member_of.setdefault(key, pair.code)
    pairs_of = pairs_by_person(register.pairs)
    for sheet, people in (("mentees", register.mentees), ("mentors", register.mentors)):
        for index, person in enumerate(people):
            day = signing_date(person, pairs_of.get(person.code, []))
            if day is None and person.code in ignore_codes:
                continue  # their pair's row is broken and reported already
            if day is None:
                yield RegisterProblem(
                    sheet, index, "consent_date", "участник не состоит ни в одной паре: укажите дату согласия"
                )
                continue
            age = age_on(person.birth_date, day)
            if age < 18 and person.representative is None:
                years = plural(age, ("год", "года", "лет"), space=" ")
                yield RegisterProblem(
                    sheet, index, "rep_last", f"участнику {years} (меньше 18): нужны данные законного представителя"
                )
            if sheet == "mentors" and age < 14:
                yield RegisterProblem(sheet, index, "birth_date", "наставнику меньше 14 лет")


class SchoolRegister(Model):
    """What the stage-4 kit is made from: the school's data file and its participant register."""

    school: SchoolData = Field(description="Данные организации (тот же файл, что для этапов 1–3).")
    roster: Register = Field(description="Реестр наставников, наставляемых, пар и партнёров.")

    def cross_check(self) -> list[Problem]:
        """Return the register's cross-record problems with their paths in this data (``roster.pairs[3].mentor``).

        A register read from Excel is checked with its sheets and rows as it is read; this check is for
        a register given as data (a JSON body of the HTTP service, a ``dict`` from Python).
        """
        return [_located(problem) for problem in check_register(self.roster, today=dt.date.today())]


def _located(problem: RegisterProblem) -> Problem:
    if problem.index < 0:
        return Problem(problem.message, loc=("roster", problem.sheet))
    field = _PATHS.get(problem.field, (problem.field,))
    return Problem(problem.message, loc=("roster", problem.sheet, problem.index, *field))


_PATHS: dict[str, tuple[str, ...]] = {
    "document_issued_on": ("document", "issued_on"),
    "rep_last": ("representative",),
}
"""Where a cross-record problem of :func:`check_register` lies in the model, when not at a field of its own name."""
