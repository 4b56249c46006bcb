"""Make samples/register.xlsx: the blank register filled in for the fictional school of samples/school.yaml.

Every person is invented (random combinations of common names, fixed seed, so every run gives the
same register); documents and addresses are made up.

    python tools/sample_register.py
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from office_package import workbook_bytes
from openpyxl import Workbook, load_workbook
from template_files import ROOT, XLSX

from nastavnik_docs.content import content_data
from nastavnik_docs.ru import add_months

TEMPLATE = XLSX / "register.xlsx"
TARGET = ROOT / "samples" / "register.xlsx"
SEED = 12
START = dt.date(2026, 9, 15)  # the day after the order on pairs (samples/school.yaml: pairs_order)
END = dt.date(2027, 5, 31)
CONSENTS = (dt.date(2026, 9, 1), dt.date(2026, 9, 11))  # collected in the first school days, before the order
PROGRAMME = "Программа наставничества МБОУ «СОШ № 12» на 2026/2027 учебный год"
EARLY_END = "Наставляемый перешёл в другую образовательную организацию"
COMPLETED = "Цель индивидуального плана достигнута: проект представлен на школьной конференции"
BEST_PRACTICE = "Совместный проект наставника и наставляемого стал призёром муниципального конкурса"

Record = dict[str, Any]

MALE_SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Белых",
    "Черных",
    "Кравченко",
    "Шевченко",
    "Ткач",
    "Гусейнов",
    "Покровский",
    "Толстой",
]
FEMALE_FROM_MALE = {
    "Белых": "Белых",
    "Черных": "Черных",
    "Кравченко": "Кравченко",
    "Шевченко": "Шевченко",
    "Ткач": "Ткач",
    "Гусейнов": "Гусейнова",
    "Покровский": "Покровская",
    "Толстой": "Толстая",
}
MALE_NAMES = [
    "Александр",
    "Дмитрий",
    "Максим",
    "Сергей",
    "Андрей",
    "Алексей",
    "Артём",
    "Илья",
    "Кирилл",
    "Михаил",
    "Никита",
    "Матвей",
    "Роман",
    "Егор",
    "Павел",
    "Лев",
    "Пётр",
    "Тимур",
    "Семён",
    "Фёдор",
]
FEMALE_NAMES = [
    "Анастасия",
    "Мария",
    "Анна",
    "Виктория",
    "Екатерина",
    "Наталья",
    "Дарья",
    "Алина",
    "Полина",
    "Елизавета",
    "Софья",
    "Ксения",
    "Любовь",
    "Юлия",
    "Ольга",
    "Ирина",
    "Вера",
    "Нинель",
    "Ия",
    "Алёна",
]
FATHERS = [
    "Александр",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Алексей",
    "Игорь",
    "Олег",
    "Павел",
    "Илья",
    "Николай",
    "Виктор",
    "Юрий",
    "Михаил",
    "Пётр",
    "Фёдор",
    "Кузьма",
    "Лев",
]
PATRONYMICS = {
    "Илья": ("Ильич", "Ильинична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Лев": ("Львович", "Львовна"),
    "Пётр": ("Петрович", "Петровна"),
    "Павел": ("Павлович", "Павловна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Юрий": ("Юрьевич", "Юрьевна"),
    "Игорь": ("Игоревич", "Игоревна"),
}
STREETS = ["ул. Школьная", "ул. Лесная", "ул. Садовая", "пр. Мира", "ул. Заречная", "ул. Гагарина", "ул. Новая"]
CLASSES = "АБВ"
SUBJECTS = [
    "математики",
    "русского языка и литературы",
    "физики",
    "истории",
    "английского языка",
    "биологии",
    "информатики",
    "химии",
    "географии",
    "начальных классов",
]
EMPLOYERS = ["ООО «Новоборский хлебозавод»", "АО «Сибирские сети»", "ООО «Технопарк Новоборск»", "МУП «Водоканал»"]
HEADS = [
    ("Кравченко", "Олег", "Николаевич", "генеральный директор"),
    ("Ткач", "Марина", "Игоревна", "директор"),
    ("Белых", "Сергей", "Павлович", "директор"),
    ("Соколова-Михайлова", "Вера", "Андреевна", "генеральный директор"),
]
LEGAL_FORMS = [
    ("ООО", "Общество с ограниченной ответственностью"),
    ("АО", "Акционерное общество"),
    ("МУП", "Муниципальное унитарное предприятие"),
]
PARTNERSHIP = (
    "совместная реализация программ наставничества «работодатель – ученик»: наставники из числа "
    "сотрудников, экскурсии, профессиональные пробы"
)


def _feminine_surname(surname: str) -> str:
    """Return the woman's form of a man's surname."""
    return FEMALE_FROM_MALE.get(surname, surname + "а")


def _patronymic(father: str, female: bool) -> str:
    """Return the patronymic from the father's first name."""
    if father in PATRONYMICS:
        return PATRONYMICS[father][female]
    if father.endswith("й"):
        return father[:-1] + ("евна" if female else "евич")
    return father + ("овна" if female else "ович")


class People:
    """Invented people, none twice, drawn from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.used: set[str] = set()

    def person(self, *, female: bool, born: dt.date, surname: str | None = None) -> Record:
        """Return a person not made before; ``surname`` (a man's form) keeps a family's name."""
        while True:
            male_surname = surname or self.random.choice(MALE_SURNAMES)
            last = _feminine_surname(male_surname) if female else male_surname
            first = self.random.choice(FEMALE_NAMES if female else MALE_NAMES)
            father = self.random.choice(FATHERS)
            middle = _patronymic(father, female)
            if f"{last} {first} {middle}" not in self.used:
                self.used.add(f"{last} {first} {middle}")
                return {
                    "last": last,
                    "first": first,
                    "middle": middle,
                    "gender": "ж" if female else "м",
                    "birth_date": born,
                    "male_surname": male_surname,
                    "father": father,
                }

    def birth(self, age: int) -> dt.date:
        """Return a birth date of someone ``age`` years old at the start of the programme."""
        return START - dt.timedelta(days=365 * age + self.random.randint(10, 350))

    def address(self) -> str:
        """Return an invented address in the fictional town."""
        street = self.random.choice(STREETS)
        return (
            f"644999, Омская область, г. Новоборск, {street}, д. {self.random.randint(1, 60)}, "
            f"кв. {self.random.randint(1, 120)}"
        )

    def passport(self, born: dt.date) -> Record:
        """Return an invented passport valid at the start: issued after the last of the 14th, 20th and 45th
        birthdays before the consents (a Russian passport is replaced at 20 and at 45)."""
        days = self.random.randint(5, 60)
        latest = CONSENTS[0] - dt.timedelta(days=1)
        birthdays = [add_months(born, 12 * age) for age in (14, 20, 45)]
        passed = [day for day in birthdays if day + dt.timedelta(days=5) <= latest] or birthdays[:1]
        issued = min(passed[-1] + dt.timedelta(days=days), latest)
        return {
            "document_kind": "паспорт гражданина Российской Федерации",
            "document_number": f"52 {self.random.randint(10, 24):02d} {self.random.randint(100000, 999999)}",
            "document_issued_by": "УМВД России по Омской области (вымышленное подразделение)",
            "document_issued_on": issued,
        }

    def birth_certificate(self, born: dt.date) -> Record:
        """Return an invented birth certificate."""
        return {
            "document_kind": "свидетельство о рождении",
            "document_number": f"II-КН № {self.random.randint(100000, 999999)}",
            "document_issued_by": "Отдел ЗАГС г. Новоборска (вымышленный)",
            "document_issued_on": born + dt.timedelta(days=self.random.randint(5, 30)),
        }


def _representative(people: People, child: Record) -> Record:
    """Return the fields of a pupil's legal representative, the mother or the father."""
    mother = people.random.random() < 0.7
    parent = people.person(
        female=mother, born=people.birth(people.random.randint(33, 48)), surname=child["male_surname"]
    )
    if not mother:  # the father's first name is the one in the child's patronymic
        parent["first"] = child["father"]
    certificate = child.get("certificate_number") or f"II-КН № {people.random.randint(100000, 999999)}"
    document = people.passport(parent["birth_date"])
    issued = child["birth_date"] + dt.timedelta(days=14)
    return {
        "rep_last": parent["last"],
        "rep_first": parent["first"],
        "rep_middle": parent["middle"],
        "rep_relation": "мать" if mother else "отец",
        "rep_document_kind": document["document_kind"],
        "rep_document_number": document["document_number"],
        "rep_document_issued_by": document["document_issued_by"],
        "rep_document_issued_on": document["document_issued_on"],
        "rep_authority": f"свидетельство о рождении ребёнка {certificate} от {issued:%d.%m.%Y}",
    }


def _pupil(people: People, code: str, age: int) -> Record:
    """Return a pupil of ``age`` with a document and a legal representative."""
    born = people.birth(age)
    person = people.person(female=people.random.random() < 0.5, born=born)
    grade = min(11, max(1, age - 6))
    document = people.passport(born) if age >= 14 else people.birth_certificate(born)
    pupil_word = "ученица" if person["gender"] == "ж" else "ученик"
    record = {
        "code": code,
        **person,
        "category": "обучающийся",
        "position": f"{pupil_word} {grade} «{people.random.choice(CLASSES)}» класса",
        "address": people.address(),
        **document,
    }
    if document["document_kind"] == "свидетельство о рождении":
        record["certificate_number"] = document["document_number"]
    record.update(_representative(people, record))
    return record


def _adult(
    people: People, code: str, *, category: str, position: str, age: int, organisation: str | None = None
) -> Record:
    """Return an adult participant: a teacher or a partner's employee."""
    born = people.birth(age)
    person = people.person(female=people.random.random() < 0.6, born=born)
    r = people.random
    return {
        "code": code,
        **person,
        "category": category,
        "position": position,
        "organisation": organisation,
        "phone": f"+7 900 {r.randint(100, 999)}-{r.randint(10, 99)}-{r.randint(10, 99)}",
        "address": people.address(),
        **people.passport(born),
    }


def _partners() -> list[Record]:
    """Return the partner organisations, one per employer of the «работодатель – ученик» pairs."""
    partners = []
    for index, (name, (last, first, middle, position)) in enumerate(zip(EMPLOYERS, HEADS, strict=True), start=1):
        full_name = name
        for short, full in LEGAL_FORMS:
            full_name = full_name.replace(short, full)
        partners.append(
            {
                "number": f"{index}-СП",
                "date": START - dt.timedelta(days=20),
                "full_name": full_name,
                "short_name": name,
                "head_last": last,
                "head_first": first,
                "head_middle": middle,
                "head_position": position,
                "basis": "Устава",
                "address": f"644999, Омская область, г. Новоборск, ул. Промышленная, д. {index * 3}",
                "inn": f"55010{index:05d}",
                "subject": PARTNERSHIP,
                "term_end": END,
            }
        )
    return partners


def records(scale: int = 1, *, seed: int = SEED) -> tuple[list[Record], list[Record], list[Record], list[Record]]:
    """Return the mentors, mentees, pairs and partners of the sample register (``scale`` times as many pairs,
    every person distinct: the benches' large registers); another ``seed`` gives other people (a region's schools)."""
    people = People(seed=seed)
    r = people.random
    mentors: list[Record] = []
    mentees: list[Record] = []
    pairs: list[Record] = []

    def add_pair(form: str, mentor: Record, group: list[Record]) -> None:
        """Record a mentor, the mentees and the pair or group they make."""
        mentors.append(mentor)
        mentees.extend(group)
        pairs.append(
            {
                "code": str(len(pairs) + 1),
                "mentor": mentor["code"],
                "mentees": ", ".join(m["code"] for m in group),
                "form": form,
                "programme": PROGRAMME,
                "start": START,
                "end": END,
            }
        )

    def mentor_code() -> str:
        """Return the code of the next mentor."""
        return f"Н-{len(mentors) + 1:03d}"

    def mentee_code(k: int = 0) -> str:
        """Return the code of the ``k``-th mentee of the group being made."""
        return f"У-{len(mentees) + k + 1:03d}"

    # «ученик – ученик»: senior pupils (15–17, with a representative) and younger mentees (9–13)
    for _ in range(30 * scale):
        mentor = _pupil(people, mentor_code(), r.randint(15, 17))
        group = [_pupil(people, mentee_code(k), r.randint(9, 13)) for k in range(r.choice([1, 1, 2]))]
        add_pair("ученик – ученик", mentor, group)
    # «педагог – ученик»: teachers and pupils of all ages, some 14–17
    for _ in range(30 * scale):
        subject = r.choice(SUBJECTS)
        mentor = _adult(people, mentor_code(), category="педагог", position=f"учитель {subject}", age=r.randint(30, 60))
        group = [_pupil(people, mentee_code(k), r.randint(10, 17)) for k in range(r.choice([1, 2, 3, 3]))]
        add_pair("педагог – ученик", mentor, group)
    # «учитель – учитель»: experienced and young teachers
    for _ in range(12 * scale):
        mentor = _adult(
            people, mentor_code(), category="педагог", position=f"учитель {r.choice(SUBJECTS)}", age=r.randint(40, 62)
        )
        young = _adult(
            people, mentee_code(), category="педагог", position=f"учитель {r.choice(SUBJECTS)}", age=r.randint(22, 26)
        )
        young.pop("organisation", None)
        add_pair("учитель – учитель", mentor, [young])
    # «работодатель – ученик»: specialists of partner companies and pupils 14–17
    for index in range(10 * scale):
        mentor = _adult(
            people,
            mentor_code(),
            category="работник предприятия",
            position="инженер",
            age=r.randint(28, 55),
            organisation=EMPLOYERS[index % len(EMPLOYERS)],
        )
        group = [_pupil(people, mentee_code(k), r.randint(14, 17)) for k in range(r.choice([2, 3]))]
        add_pair("работодатель – ученик", mentor, group)
    _life_cycle(pairs, seed)
    _consents([*mentors, *mentees], seed)
    return mentors, mentees, pairs, _partners()


def _consents(people: list[Record], seed: int) -> None:
    """Date every consent in the first school days, before the order on pairs that cites them.

    A generator of its own, so that the people above stay the same whatever is chosen here.
    """
    chosen = random.Random(seed + 2)
    span = (CONSENTS[1] - CONSENTS[0]).days
    for person in people:
        person["consent_date"] = CONSENTS[0] + dt.timedelta(days=chosen.randint(0, span))


def _life_cycle(pairs: list[Record], seed: int) -> None:
    """Mark where the pairs stand in November: a few ended early or completed, two best practices.

    A generator of its own, so that the people above stay the same whatever is chosen here.
    """
    chosen = random.Random(seed + 1).sample(range(len(pairs)), 9)
    for index in chosen[:4]:  # the mentee moved to another school, or the pair fell apart
        pairs[index].update(status="прекращена досрочно", ended_on=dt.date(2026, 10, 23), result=EARLY_END)
    for index in chosen[4:7]:  # a short programme: the goal was reached before the winter holidays
        pairs[index].update(status="завершена", ended_on=dt.date(2026, 11, 13), result=COMPLETED)
    for index in chosen[7:]:
        pairs[index].update(best_practice="да", result=BEST_PRACTICE)


def workbook(scale: int = 1, *, rows: tuple[list[Record], ...] | None = None) -> Workbook:
    """Return the blank register (templates/xlsx/register.xlsx) filled in with ``rows`` (mentors, mentees,
    pairs, partners), by default :func:`records`."""
    layout = content_data("register.yaml")
    book = load_workbook(TEMPLATE)
    for key, rows_of in zip(("mentors", "mentees", "pairs", "partners"), rows or records(scale), strict=True):
        spec = layout["sheets"][key]
        sheet = book[spec["title"]]
        fields = [column["field"] for column in spec["columns"]]
        for row, record in enumerate(rows_of, start=layout["first_data_row"]):
            for column, field in enumerate(fields, start=1):
                value = record.get(field)
                if value is not None:
                    sheet.cell(row, column, value)
    return book


def build() -> bytes:
    """Return the bytes of samples/register.xlsx."""
    return workbook_bytes(workbook())


def main() -> int:
    """Write samples/register.xlsx and say how many people, pairs and partners it holds."""
    TARGET.write_bytes(build())
    mentors, mentees, pairs, partners = (len(rows) for rows in records())
    print(f"wrote {TARGET.relative_to(ROOT)}: {mentors} mentors, {mentees} mentees, {pairs} pairs, {partners} partners")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
