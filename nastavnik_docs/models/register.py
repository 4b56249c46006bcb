"""The participant register of stage 4: mentors, mentees, pairs and groups, partners.

Cross-record rules (a pair names known people, nobody is in two pairs of one programme, a minor
has a legal representative, dates plausible against each other: birth, document, consent, the
pair's start and end, see :mod:`.plausibility`) are checked by :func:`check_register` so that
every problem can be reported at once, with its sheet and row, and never with a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from ..errors import Problem
from .base import Date, FullName, GenderField, Model, ShortText, Text
from .mentorship import FormId
from .plausibility import AHEAD, CONSENT_EARLY, CONSENT_MARGIN, age_rule, pair_period_problem, years
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
    """A cross-record problem: which sheet (``mentors``…), which record index, which field, what.

    ``warning`` marks a case the law allows but that is rare enough to check (the register is still
    read); ``related`` is the other cell the rule compared with: (sheet, record index, field).
    """

    sheet: str
    index: int
    field: str
    message: str
    warning: bool = False
    related: tuple[str, int, str] | None = None


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
    """Yield every cross-record problem of the register (none means it is consistent), warnings among them.

    ``ignore_codes`` are people already reported as broken: references to them are not repeated.
    The margins of the date rules are those of :mod:`.plausibility`.
    """
    if not register.pairs and not ignore_codes:
        yield RegisterProblem("pairs", -1, "code", "в реестре нет ни одной наставнической пары (группы)")
    for sheet, people in (("mentors", register.mentors), ("mentees", register.mentees)):
        yield from _people_records(sheet, people, today)
    yield from _pair_records(register, today, ignore_codes)
    yield from _partner_records(register.partners, today)
    pairs_of = pairs_by_person(register.pairs)
    index_of = {id(pair): index for index, pair in enumerate(register.pairs)}
    for sheet, people in (("mentees", register.mentees), ("mentors", register.mentors)):
        for index, person in enumerate(people):
            pairs = pairs_of.get(person.code, [])
            day = signing_date(person, pairs)
            if day is None and person.code in ignore_codes:
                continue  # their pair's row is broken and reported already
            if day is None:
                yield RegisterProblem(
                    sheet, index, "consent_date", "участник не состоит ни в одной паре: укажите дату согласия"
                )
                continue
            if person.birth_date > today:
                continue  # reported already; the dates compared with it would only repeat it
            first = min(pairs, key=lambda pair: pair.start) if pairs else None
            start = ("pairs", index_of[id(first)], "start") if first is not None else None
            if day <= person.birth_date:
                if person.consent_date is not None:
                    yield RegisterProblem(
                        sheet,
                        index,
                        "consent_date",
                        "дата согласия не позже даты рождения: проверьте год",
                        related=(sheet, index, "birth_date"),
                    )
                else:
                    yield RegisterProblem(
                        sheet,
                        index,
                        "birth_date",
                        "участник родился позже начала своей пары (группы): проверьте год рождения",
                        related=start,
                    )
                continue
            yield from _consent_dates(sheet, index, person, pairs, start, today, index_of)
            yield from _document_dates(sheet, index, person, day, start, today)
            yield from _ages(sheet, index, person, day)


def _people_records(sheet: str, people: list[Mentor] | list[Mentee], today: dt.date) -> Iterator[RegisterProblem]:
    """Yield what is wrong within each person's own row: a repeated code, birth and document dates."""
    seen: dict[str, int] = {}
    for index, person in enumerate(people):
        if person.code in seen:
            yield RegisterProblem(
                sheet,
                index,
                "code",
                "код повторяется",
                related=(sheet, seen[person.code], "code"),
            )
        seen.setdefault(person.code, index)
        if person.birth_date > today:
            yield RegisterProblem(sheet, index, "birth_date", "дата рождения в будущем")
        elif age_on(person.birth_date, today) > 100:
            yield RegisterProblem(sheet, index, "birth_date", "дата рождения больше ста лет назад — проверьте год")
        if person.document.issued_on < person.birth_date <= today:
            yield RegisterProblem(
                sheet,
                index,
                "document_issued_on",
                "дата выдачи документа раньше даты рождения",
                related=(sheet, index, "birth_date"),
            )
        elif person.document.issued_on > today:
            yield RegisterProblem(sheet, index, "document_issued_on", "дата выдачи документа в будущем")
        if person.representative is not None and person.representative.document.issued_on > today:
            yield RegisterProblem(sheet, index, "rep_document_issued_on", "дата выдачи документа в будущем")


def _pair_records(register: Register, today: dt.date, ignore_codes: Collection[str]) -> Iterator[RegisterProblem]:
    """Yield what is wrong with each pair: its number, dates, status and the people it names."""
    mentors = {m.code for m in register.mentors}
    mentees = {m.code for m in register.mentees}
    codes: dict[str, int] = {}
    member_of: dict[tuple[str, str], int] = {}
    for index, pair in enumerate(register.pairs):
        if pair.code in codes:
            yield RegisterProblem(
                "pairs", index, "code", "номер пары повторяется", related=("pairs", codes[pair.code], "code")
            )
        codes.setdefault(pair.code, index)
        period = pair_period_problem(pair.start, pair.end)
        if period is not None:
            yield RegisterProblem("pairs", index, "end", period, related=("pairs", index, "start"))
        if pair.start > today + AHEAD:
            yield RegisterProblem(
                "pairs", index, "start", "пара (группа) начинается больше чем через год — проверьте год"
            )
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
        unknown = [n for n, code in enumerate(pair.mentees, 1) if code not in mentees and code not in ignore_codes]
        if unknown:
            yield RegisterProblem("pairs", index, "mentees", _unknown_mentees(unknown, pair.mentees))
        if len(set(pair.mentees)) != len(pair.mentees):
            yield RegisterProblem("pairs", index, "mentees", "код наставляемого повторяется")
        for code in {pair.mentor, *pair.mentees}:
            key = (code, pair.programme)
            other = member_of.get(key)
            if other is not None and register.pairs[other].code != pair.code:
                mentor = code == pair.mentor
                place = f" ({pair.mentees.index(code) + 1}-й код ячейки)" if len(pair.mentees) > 1 else ""
                who = "наставник" if mentor else f"наставляемый{place}"
                yield RegisterProblem(
                    "pairs",
                    index,
                    "mentor" if mentor else "mentees",
                    f"{who} уже состоит в другой паре (группе) этой же программы",
                    related=("pairs", other, "code"),
                )
            member_of.setdefault(key, index)


def _unknown_mentees(positions: list[int], codes: list[str]) -> str:
    """Return which codes of a cell are not on the mentees' sheet, by their places in the cell, never quoted.

    A code is what a coordinator typed; typed into the wrong column it may be a person's name.
    """
    words = not any(character.isdigit() for n in positions for character in codes[n - 1])
    hint = " (в них нет цифр — похоже, вписаны не коды, а слова)" if words else ""
    if len(codes) == 1:
        return f"такого кода нет на листе «Наставляемые»{hint}"
    places = ", ".join(str(n) for n in positions)
    return f"кодов нет на листе «Наставляемые»: по порядку в ячейке {places} из {len(codes)}{hint}"


def _partner_records(partners: list[Partner], today: dt.date) -> Iterator[RegisterProblem]:
    """Yield what is wrong with the dates of each partner's agreement."""
    for index, partner in enumerate(partners):
        if partner.term_end < partner.date:
            yield RegisterProblem(
                "partners",
                index,
                "term_end",
                "срок действия договора раньше даты договора",
                related=("partners", index, "date"),
            )
        if partner.date > today + AHEAD:
            yield RegisterProblem("partners", index, "date", "дата договора больше чем через год — проверьте год")


def _consent_dates(
    sheet: str,
    index: int,
    person: _Person,
    pairs: list[Pair],
    start: tuple[str, int, str] | None,
    today: dt.date,
    index_of: dict[int, int],
) -> Iterator[RegisterProblem]:
    """Yield what is wrong with a given consent date against the person's pairs (or today, without pairs)."""
    consent = person.consent_date
    if consent is None:
        return
    if not pairs:
        if consent > today + AHEAD:
            yield RegisterProblem(sheet, index, "consent_date", "дата согласия больше чем через год — проверьте год")
        return
    first = min(pair.start for pair in pairs)
    last = max(pairs, key=lambda pair: pair.finished_on or pair.end)
    if consent > (last.finished_on or last.end):
        yield RegisterProblem(
            sheet,
            index,
            "consent_date",
            "согласие подписано после окончания пары (группы) — проверьте год",
            related=("pairs", index_of[id(last)], "ended_on" if last.finished_on else "end"),
        )
    elif consent > first + CONSENT_MARGIN:
        yield RegisterProblem(
            sheet,
            index,
            "consent_date",
            "согласие подписано больше чем через месяц после начала пары (группы): так бывает, если участник "
            "присоединился позже или подписал согласие заново; иначе проверьте дату",
            warning=True,
            related=start,
        )
    elif consent < first - CONSENT_EARLY:
        yield RegisterProblem(
            sheet,
            index,
            "consent_date",
            "согласие подписано больше чем за год до начала пары (группы) — проверьте год",
            warning=True,
            related=start,
        )


def _document_dates(
    sheet: str, index: int, person: _Person, day: dt.date, start: tuple[str, int, str] | None, today: dt.date
) -> Iterator[RegisterProblem]:
    """Yield an identity document issued after the consent that cites it (the person's or the representative's).

    A date before birth or after today is reported by :func:`_people_records` already.
    """
    signed = (sheet, index, "consent_date") if person.consent_date is not None else start
    if person.birth_date <= person.document.issued_on <= today and day < person.document.issued_on:
        yield RegisterProblem(
            sheet,
            index,
            "document_issued_on",
            "документ выдан позже даты согласия: согласие не может ссылаться на документ, которого ещё нет",
            related=signed,
        )
    if person.representative is not None and day < person.representative.document.issued_on <= today:
        yield RegisterProblem(
            sheet,
            index,
            "rep_document_issued_on",
            "документ представителя выдан позже даты согласия: согласие не может ссылаться на документ, "
            "которого ещё нет",
            related=signed,
        )


def _ages(sheet: str, index: int, person: _Person, day: dt.date) -> Iterator[RegisterProblem]:
    """Yield the age rules on the consent's date: a representative under 18, the ages a category can have."""
    age = age_on(person.birth_date, day)
    if age < 18 and person.representative is None:
        yield RegisterProblem(
            sheet, index, "rep_last", f"участнику {years(age)} (меньше 18): нужны данные законного представителя"
        )
    if sheet == "mentors" and age < 14:
        yield RegisterProblem(sheet, index, "birth_date", "наставнику меньше 14 лет")
        return
    rule = age_rule(person.category)
    # a category of the list is named; free text is not (it may be anything, a name typed in the wrong column)
    category = f"для категории «{person.category}»" if rule.known else "для этой категории"
    if age < rule.least:
        yield RegisterProblem(
            sheet,
            index,
            "birth_date",
            f"участнику {years(age)} на дату согласия — так не бывает {category}: проверьте год рождения",
            related=(sheet, index, "category"),
        )
    elif age < rule.usual or (rule.most is not None and age > rule.most):
        yield RegisterProblem(
            sheet,
            index,
            "birth_date",
            f"участнику {years(age)} на дату согласия — необычно {category}: проверьте год рождения",
            warning=True,
            related=(sheet, index, "category"),
        )


class SchoolRegister(Model):
    """What the stage-4 kit is made from: the school's data file and its participant register."""

    school: SchoolData = Field(description="Данные организации (тот же файл, что для этапов 1–3).")
    roster: Register = Field(description="Реестр наставников, наставляемых, пар и партнёров.")

    def cross_check(self) -> list[Problem]:
        """Return the register's cross-record problems with their paths in this data (``roster.pairs[3].mentor``).

        A register read from Excel is checked with its sheets and rows as it is read; this check is for
        a register given as data (a JSON body of the HTTP service, a ``dict`` from Python).
        """
        problems = check_register(self.roster, today=dt.date.today())
        return [_located(problem) for problem in problems if not problem.warning]


def _located(problem: RegisterProblem) -> Problem:
    if problem.index < 0:
        return Problem(problem.message, loc=("roster", problem.sheet))
    message = problem.message
    if problem.related is not None:
        sheet, index, field = problem.related
        message += f" (см. {Problem('', loc=_path(sheet, index, field)).field})"
    return Problem(message, loc=_path(problem.sheet, problem.index, problem.field))


def _path(sheet: str, index: int, field: str) -> tuple[str | int, ...]:
    return ("roster", sheet, index, *_PATHS.get(field, (field,)))


_PATHS: dict[str, tuple[str, ...]] = {
    "document_issued_on": ("document", "issued_on"),
    "rep_document_issued_on": ("representative", "document", "issued_on"),
    "rep_last": ("representative",),
}
"""Where a cross-record problem of :func:`check_register` lies in the model, when not at a field of its own name."""
