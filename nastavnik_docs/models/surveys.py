"""Satisfaction surveys of mentors and mentees: the questionnaires, the answers, the satisfaction shares.

The two questionnaires (``content/data/surveys.yaml``) follow the methodology's «Анкета
удовлетворённости участием в программе наставничества» (Р-145): questions on a 1–10 scale, yes/no
questions and open ones. Only the scale answers are entered in the answers workbook; whether a
respondent is satisfied is the questionnaire's rule (``satisfied``), written as data. The shares
of satisfied mentors and mentees are two of the efficiency indicators of seed 002.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..content import content_data
from ..ru import percent
from .base import Model, ShortText, Text
from .mentorship import forms_catalogue
from .register import Pair, Register

__all__ = [
    "ROLES",
    "Question",
    "Questionnaire",
    "Response",
    "Role",
    "RoleSatisfaction",
    "Satisfaction",
    "SatisfiedRule",
    "Share",
    "SurveyAnswers",
    "SurveyCatalogue",
    "SurveyRoster",
    "satisfaction",
    "summary_rows",
    "survey_catalogue",
]

Role = Literal["mentor", "mentee"]
ROLES: tuple[Role, ...] = ("mentor", "mentee")
_KIND_ORDER = {"scale": 0, "yes_no": 1, "text": 2}


class Question(Model):
    """One question of a questionnaire."""

    id: ShortText = Field(description="Код вопроса: overall, contact…")
    kind: Literal["scale", "yes_no", "text"] = Field(description="Вид: оценка по шкале, «да / нет», открытый.")
    text: Text = Field(description="Вопрос, как он напечатан в анкете.")
    header: ShortText | None = Field(default=None, description="Заголовок столбца книги ответов (вопросы по шкале).")


class SatisfiedRule(Model):
    """When a respondent counts as satisfied: the mean of these scale answers is at least ``at_least``."""

    questions: list[ShortText] = Field(min_length=1, description="Коды вопросов по шкале.")
    at_least: int = Field(description="Порог: средняя оценка не ниже этого числа.")

    def verdict(self, answers: Mapping[str, int]) -> bool | None:
        """Return whether ``answers`` satisfy the rule; ``None`` when a question of the rule is unanswered.

        >>> SatisfiedRule(questions=["overall"], at_least=7).verdict({"overall": 7})
        True
        >>> SatisfiedRule(questions=["a", "b"], at_least=7).verdict({"a": 8, "b": 5}), SatisfiedRule(questions=["a"], at_least=7).verdict({})
        (False, None)
        """
        if any(question not in answers for question in self.questions):
            return None
        return sum(answers[question] for question in self.questions) >= self.at_least * len(self.questions)


class Questionnaire(Model):
    """The questionnaire of one role: its titles, introduction, questions and the rule of satisfaction."""

    role: Role
    heading: ShortText = Field(description="Подзаголовок под словом «АНКЕТА».")
    audience: ShortText = Field(description="Для кого: «для наставника».")
    sheet: ShortText = Field(description="Лист книги ответов.")
    answers_title: ShortText = Field(description="Заголовок листа книги ответов.")
    introduction: list[Text] = Field(description="Вступление: абзацы.")
    questions: list[Question] = Field(min_length=1)
    satisfied: SatisfiedRule

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        ids = [question.id for question in self.questions]
        if len(set(ids)) != len(ids):
            raise PydanticCustomError("survey", "коды вопросов повторяются")
        scale = {question.id for question in self.scale}
        if not set(self.satisfied.questions) <= scale:
            raise PydanticCustomError("survey", "правило satisfied ссылается не на вопросы по шкале")
        if any(question.header is None for question in self.scale):
            raise PydanticCustomError("survey", "у вопроса по шкале нет заголовка столбца (header)")
        return self

    @property
    def numbered(self) -> list[tuple[int, Question]]:
        """Return the questions with their numbers on paper: scale questions first, then yes/no, then open."""
        ordered = sorted(self.questions, key=lambda question: _KIND_ORDER[question.kind])
        return list(enumerate(ordered, start=1))

    @property
    def scale(self) -> list[Question]:
        """Return the scale questions, in their order on paper (the columns of the answers workbook)."""
        return [question for _, question in self.numbered if question.kind == "scale"]

    def number(self, question_id: str) -> int:
        """Return the number of a question on paper."""
        return next(number for number, question in self.numbered if question.id == question_id)

    def column_header(self, question: Question) -> str:
        """Return the answers workbook's header of a scale question: «1. Удовлетворённость в целом»."""
        return f"{self.number(question.id)}. {question.header}"


class WorkbookWords(Model):
    """The words of the answers workbook: its title, the note above each table, the hidden sheet of codes."""

    title: ShortText
    note: Text
    rule_one: ShortText
    rule_many: ShortText
    score_error: ShortText
    code_error: ShortText
    codes_sheet: ShortText


class SummaryWords(Model):
    """The words of the summary: its title, columns, roles and «все формы»."""

    title: ShortText
    sheet: ShortText
    columns: list[ShortText] = Field(min_length=6, max_length=6)
    roles: dict[Role, ShortText]
    all_forms: ShortText


class SurveyCatalogue(Model):
    """The bundled questionnaires, their scale, and the words of the answers workbook and the summary."""

    scale: dict[Literal["min", "max"], int]
    code_header: ShortText
    blank_rows: int = Field(ge=1, le=5000)
    questionnaires: dict[Role, Questionnaire]
    workbook: WorkbookWords
    summary: SummaryWords

    @model_validator(mode="after")
    def _thresholds_on_the_scale(self) -> SurveyCatalogue:
        low, high = self.scale["min"], self.scale["max"]
        if not low < high:
            raise PydanticCustomError("survey", "шкала: min должен быть меньше max")
        for questionnaire in self.questionnaires.values():
            if not low <= questionnaire.satisfied.at_least <= high:
                raise PydanticCustomError("survey", "порог at_least вне шкалы")
        return self

    def note(self, role: Role) -> str:
        """Return the note above the answers table of ``role``: the scale and who counts as satisfied."""
        questionnaire = self.questionnaires[role]
        numbers = ", ".join(str(questionnaire.number(q)) for q in questionnaire.satisfied.questions)
        rule = self.workbook.rule_one if len(questionnaire.satisfied.questions) == 1 else self.workbook.rule_many
        return self.workbook.note.format(
            min=self.low, max=self.high, rule=rule.format(numbers=numbers), at_least=questionnaire.satisfied.at_least
        )

    @property
    def low(self) -> int:
        """Return the lowest point of the scale."""
        return self.scale["min"]

    @property
    def high(self) -> int:
        """Return the highest point of the scale."""
        return self.scale["max"]


@cache
def survey_catalogue() -> SurveyCatalogue:
    """Return the bundled questionnaires of mentors and mentees (``content/data/surveys.yaml``)."""
    raw = content_data("surveys.yaml")
    for role, questionnaire in raw["questionnaires"].items():
        questionnaire.setdefault("role", role)
    return SurveyCatalogue.model_validate(raw)


class Response(Model):
    """One filled questionnaire: the participant's code, their role, and the scale answers by question id."""

    code: ShortText = Field(description="Код участника в реестре.")
    role: Role = Field(description="mentor или mentee.")
    answers: dict[str, int] = Field(default_factory=dict, description="Оценки по шкале, по кодам вопросов.")

    @model_validator(mode="after")
    def _known_questions_on_the_scale(self) -> Response:
        catalogue = survey_catalogue()
        scale = {question.id for question in catalogue.questionnaires[self.role].scale}
        unknown = sorted(set(self.answers) - scale)
        if unknown:
            raise PydanticCustomError(
                "survey_question",
                "в анкете нет вопросов по шкале с кодами {unknown}",
                {"unknown": ", ".join(unknown)},
            )
        if any(not catalogue.low <= value <= catalogue.high for value in self.answers.values()):
            raise PydanticCustomError(
                "survey_scale", "оценка вне шкалы от {low} до {high}", {"low": catalogue.low, "high": catalogue.high}
            )
        return self


class SurveyAnswers(Model):
    """The answers of a survey: the filled questionnaires of mentors and of mentees."""

    mentors: list[Response] = Field(default_factory=list, description="Анкеты наставников.")
    mentees: list[Response] = Field(default_factory=list, description="Анкеты наставляемых.")

    @model_validator(mode="after")
    def _one_response_per_participant(self) -> SurveyAnswers:
        for role, responses in (("mentor", self.mentors), ("mentee", self.mentees)):
            if any(response.role != role for response in responses):
                raise PydanticCustomError("survey_role", "анкета другой роли в списке {role}", {"role": role})
            codes = [response.code for response in responses]
            if len(set(codes)) != len(codes):
                raise PydanticCustomError("survey_twice", "у участника две анкеты ({role})", {"role": role})
        return self

    def of(self, role: Role) -> list[Response]:
        """Return the responses of ``role``."""
        return self.mentors if role == "mentor" else self.mentees


class SurveyRoster(Model):
    """What the survey documents are made from: the participant register (empty: blank questionnaires)."""

    roster: Register = Field(default_factory=Register, description="Реестр наставников, наставляемых, пар и партнёров.")


@dataclass(frozen=True, slots=True)
class Share:
    """Respondents and satisfied respondents of one role (and one form of mentorship)."""

    participants: int | None
    """People of the role (in pairs of the form) in the register; ``None`` when no register is known."""
    respondents: int
    """Those who answered every question of the rule of satisfaction."""
    satisfied: int

    @property
    def share(self) -> float | None:
        """Return the share of satisfied respondents in %, one decimal, halves up; ``None`` without respondents.

        >>> Share(None, 3, 2).share, Share(None, 8, 7).share, Share(None, 0, 0).share
        (66.7, 87.5, None)
        """
        return percent(self.satisfied, self.respondents)


@dataclass(frozen=True, slots=True)
class RoleSatisfaction:
    """The satisfaction of one role: in total and by form of mentorship."""

    role: Role
    total: Share
    by_form: Mapping[str, Share]
    """Form id (``content/data/forms.yaml``) → share, for every form of the register's pairs, in the catalogue's order."""


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """The satisfaction of mentors and of mentees: the two survey indicators of seed 002."""

    mentors: RoleSatisfaction
    mentees: RoleSatisfaction

    def of(self, role: Role) -> RoleSatisfaction:
        """Return the satisfaction of ``role``."""
        return self.mentors if role == "mentor" else self.mentees


def _forms_by_person(pairs: list[Pair], role: Role) -> dict[str, set[str]]:
    """Return the forms of mentorship of every mentor (or mentee) code, over all their pairs."""
    forms: dict[str, set[str]] = {}
    for pair in pairs:
        for code in [pair.mentor] if role == "mentor" else pair.mentees:
            forms.setdefault(code, set()).add(pair.form)
    return forms


def satisfaction(answers: SurveyAnswers, roster: Register) -> Satisfaction:
    """Return the shares of satisfied mentors and mentees, in total and by form of mentorship.

    A participant counts under every form of the pairs they are in; a response whose code is not
    in the register counts in the total only. An empty register gives totals only.
    """
    catalogue = survey_catalogue()
    known = bool(roster.mentors or roster.mentees)
    result: dict[Role, RoleSatisfaction] = {}
    for role in ROLES:
        rule = catalogue.questionnaires[role].satisfied
        verdicts = {response.code: rule.verdict(response.answers) for response in answers.of(role)}
        counted = {code: verdict for code, verdict in verdicts.items() if verdict is not None}
        people = roster.mentors if role == "mentor" else roster.mentees
        total = Share(len(people) if known else None, len(counted), sum(counted.values()))
        forms_of = _forms_by_person(roster.pairs, role)
        by_form = {}
        for form_id in forms_catalogue():
            members = {code for code, forms in forms_of.items() if form_id in forms}
            if members:
                group = [counted[code] for code in members if code in counted]
                by_form[form_id] = Share(len(members), len(group), sum(group))
        result[role] = RoleSatisfaction(role, total, by_form)
    return Satisfaction(result["mentor"], result["mentee"])


SummaryRow = tuple[str, str, int | None, int, int, float | None]
"""Role, form (or «все формы»), in the register, answered, satisfied, share in %."""


def summary_rows(result: Satisfaction) -> list[SummaryRow]:
    """Return the summary table: for each role its total, then every form of mentorship of the register."""
    words = survey_catalogue().summary
    forms = forms_catalogue()
    rows: list[SummaryRow] = []
    for role in ROLES:
        part = result.of(role)
        shares = [(words.all_forms, part.total)]
        shares += [(forms[form_id].title, share) for form_id, share in part.by_form.items()]
        for label, share in shares:
            rows.append((words.roles[role], label, share.participants, share.respondents, share.satisfied, share.share))
    return rows
