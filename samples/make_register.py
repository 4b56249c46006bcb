"""Make samples/register.xlsx: a filled participant register of the fictional school of
samples/school.yaml. Every person is invented (random combinations of common names, fixed
seed), documents and addresses are made up.

    python samples/make_register.py
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE.parent / "templates" / "xlsx" / "register.xlsx"
TARGET = HERE / "register.xlsx"
START = dt.date(2026, 9, 1)
END = dt.date(2027, 5, 31)
PROGRAMME = "Программа наставничества МБОУ «СОШ № 12» на 2026/2027 учебный год"

MALE_SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
                 "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов",
                 "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
                 "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев",
                 "Белых", "Черных", "Кравченко", "Шевченко", "Ткач", "Гусейнов", "Покровский", "Толстой"]
FEMALE_FROM_MALE = {"Белых": "Белых", "Черных": "Черных", "Кравченко": "Кравченко", "Шевченко": "Шевченко",
                    "Ткач": "Ткач", "Гусейнов": "Гусейнова", "Покровский": "Покровская", "Толстой": "Толстая"}
MALE_NAMES = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл",
              "Михаил", "Никита", "Матвей", "Роман", "Егор", "Павел", "Лев", "Пётр", "Тимур", "Семён", "Фёдор"]
FEMALE_NAMES = ["Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Дарья", "Алина", "Полина",
                "Елизавета", "Софья", "Ксения", "Любовь", "Юлия", "Ольга", "Ирина", "Вера", "Нинель", "Ия", "Алёна"]
FATHERS = ["Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Игорь", "Олег", "Павел", "Илья", "Николай",
           "Виктор", "Юрий", "Михаил", "Пётр", "Фёдор", "Кузьма", "Лев"]
STREETS = ["ул. Школьная", "ул. Лесная", "ул. Садовая", "пр. Мира", "ул. Заречная", "ул. Гагарина", "ул. Новая"]
CLASSES = "АБВ"


def _feminine_surname(surname: str) -> str:
    if surname in FEMALE_FROM_MALE:
        return FEMALE_FROM_MALE[surname]
    return surname + "а"


def _patronymic(father: str, female: bool) -> str:
    special = {"Илья": ("Ильич", "Ильинична"), "Кузьма": ("Кузьмич", "Кузьминична"), "Лев": ("Львович", "Львовна"),
               "Пётр": ("Петрович", "Петровна"), "Павел": ("Павлович", "Павловна"),
               "Михаил": ("Михайлович", "Михайловна"), "Юрий": ("Юрьевич", "Юрьевна"), "Игорь": ("Игоревич", "Игоревна")}
    if father in special:
        return special[father][female]
    if father.endswith("й"):
        stem = father[:-1]
        return stem + ("евна" if female else "евич")
    return father + ("овна" if female else "ович")


class People:
    """Invented people, none twice."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.used: set[str] = set()

    def person(self, *, female: bool, born: dt.date, surname: str | None = None) -> dict:
        while True:
            male_surname = surname or self.random.choice(MALE_SURNAMES)
            last = _feminine_surname(male_surname) if female else male_surname
            first = self.random.choice(FEMALE_NAMES if female else MALE_NAMES)
            father = self.random.choice(FATHERS)
            middle = _patronymic(father, female)
            if f"{last} {first} {middle}" not in self.used:
                self.used.add(f"{last} {first} {middle}")
                return {"last": last, "first": first, "middle": middle, "gender": "ж" if female else "м", "birth_date": born,
                        "male_surname": male_surname, "father": father}

    def birth(self, age: int) -> dt.date:
        return START - dt.timedelta(days=365 * age + self.random.randint(10, 350))

    def address(self) -> str:
        return f"644999, Омская область, г. Новоборск, {self.random.choice(STREETS)}, д. {self.random.randint(1, 60)}, кв. {self.random.randint(1, 120)}"

    def passport(self, born: dt.date) -> dict:
        issued = max(born.replace(year=born.year + 14) + dt.timedelta(days=self.random.randint(5, 60)), dt.date(2000, 1, 1))
        if issued > START:
            issued = START - dt.timedelta(days=30)
        return {"document_kind": "паспорт гражданина Российской Федерации",
                "document_number": f"52 {self.random.randint(10, 24):02d} {self.random.randint(100000, 999999)}",
                "document_issued_by": "УМВД России по Омской области (вымышленное подразделение)",
                "document_issued_on": issued}

    def birth_certificate(self, born: dt.date) -> dict:
        return {"document_kind": "свидетельство о рождении",
                "document_number": f"II-КН № {self.random.randint(100000, 999999)}",
                "document_issued_by": "Отдел ЗАГС г. Новоборска (вымышленный)",
                "document_issued_on": born + dt.timedelta(days=self.random.randint(5, 30))}


def representative(people: People, child: dict) -> dict:
    mother = people.random.random() < 0.7
    parent = people.person(female=mother, born=people.birth(people.random.randint(33, 48)), surname=child["male_surname"])
    if not mother:  # the father's first name is the one in the child's patronymic
        parent["first"] = child["father"]
    certificate = child.get("certificate_number") or f"II-КН № {people.random.randint(100000, 999999)}"
    document = people.passport(parent["birth_date"])
    return {"rep_last": parent["last"], "rep_first": parent["first"], "rep_middle": parent["middle"],
            "rep_relation": "мать" if mother else "отец", "rep_document_kind": document["document_kind"],
            "rep_document_number": document["document_number"], "rep_document_issued_by": document["document_issued_by"],
            "rep_document_issued_on": document["document_issued_on"],
            "rep_authority": f"свидетельство о рождении ребёнка {certificate} от {child['birth_date'] + dt.timedelta(days=14):%d.%m.%Y}"}


def pupil(people: People, code: str, age: int) -> dict:
    born = people.birth(age)
    person = people.person(female=people.random.random() < 0.5, born=born)
    grade = min(11, max(1, age - 6))
    document = people.passport(born) if age >= 14 else people.birth_certificate(born)
    record = {"code": code, **person, "category": "обучающийся",
              "position": f"{'ученица' if person['gender'] == 'ж' else 'ученик'} {grade} «{people.random.choice(CLASSES)}» класса",
              "address": people.address(), **document}
    if document["document_kind"] == "свидетельство о рождении":
        record["certificate_number"] = document["document_number"]
    record.update(representative(people, record))
    return record


def adult(people: People, code: str, *, category: str, position: str, age: int, organisation: str | None = None) -> dict:
    born = people.birth(age)
    person = people.person(female=people.random.random() < 0.6, born=born)
    return {"code": code, **person, "category": category, "position": position, "organisation": organisation,
            "phone": f"+7 900 {people.random.randint(100, 999)}-{people.random.randint(10, 99)}-{people.random.randint(10, 99)}",
            "address": people.address(), **people.passport(born)}


def build() -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    people = People(seed=12)
    mentors, mentees, pairs = [], [], []
    subjects = ["математики", "русского языка и литературы", "физики", "истории", "английского языка", "биологии",
                "информатики", "химии", "географии", "начальных классов"]
    employers = ["ООО «Новоборский хлебозавод»", "АО «Сибирские сети»", "ООО «Технопарк Новоборск»", "МУП «Водоканал»"]

    def add_pair(form: str, mentor: dict, group: list[dict]) -> None:
        mentors.append(mentor)
        mentees.extend(group)
        pairs.append({"code": str(len(pairs) + 1), "mentor": mentor["code"], "mentees": ", ".join(m["code"] for m in group),
                      "form": form, "programme": PROGRAMME, "start": START, "end": END})

    # «ученик – ученик»: senior pupils (15–17, with a representative) and younger mentees (9–13)
    for _ in range(30):
        mentor = pupil(people, f"Н-{len(mentors) + 1:03d}", people.random.randint(15, 17))
        group = [pupil(people, f"У-{len(mentees) + k + 1:03d}", people.random.randint(9, 13)) for k in range(people.random.choice([1, 1, 2]))]
        add_pair("ученик – ученик", mentor, group)
    # «педагог – ученик»: teachers and pupils of all ages, some 14–17
    for _ in range(30):
        subject = people.random.choice(subjects)
        mentor = adult(people, f"Н-{len(mentors) + 1:03d}", category="педагог", position=f"учитель {subject}", age=people.random.randint(30, 60))
        group = [pupil(people, f"У-{len(mentees) + k + 1:03d}", people.random.randint(10, 17)) for k in range(people.random.choice([1, 2, 3, 3]))]
        add_pair("педагог – ученик", mentor, group)
    # «учитель – учитель»: experienced and young teachers
    for _ in range(12):
        mentor = adult(people, f"Н-{len(mentors) + 1:03d}", category="педагог", position=f"учитель {people.random.choice(subjects)}", age=people.random.randint(40, 62))
        young = adult(people, f"У-{len(mentees) + 1:03d}", category="педагог", position=f"учитель {people.random.choice(subjects)}", age=people.random.randint(22, 26))
        young.pop("organisation", None)
        add_pair("учитель – учитель", mentor, [young])
    # «работодатель – ученик»: specialists of partner companies and pupils 14–17
    for index in range(10):
        mentor = adult(people, f"Н-{len(mentors) + 1:03d}", category="работник предприятия", position="инженер",
                       age=people.random.randint(28, 55), organisation=employers[index % len(employers)])
        group = [pupil(people, f"У-{len(mentees) + k + 1:03d}", people.random.randint(14, 17)) for k in range(people.random.choice([2, 3]))]
        add_pair("работодатель – ученик", mentor, group)
    partners = []
    heads = [("Кравченко", "Олег", "Николаевич", "генеральный директор"), ("Ткач", "Марина", "Игоревна", "директор"),
             ("Белых", "Сергей", "Павлович", "директор"), ("Соколова-Михайлова", "Вера", "Андреевна", "генеральный директор")]
    for index, (name, (last, first, middle, position)) in enumerate(zip(employers, heads, strict=True), start=1):
        partners.append({"number": f"{index}-СП", "date": START - dt.timedelta(days=20), "full_name": name.replace("ООО", "Общество с ограниченной ответственностью").replace("АО", "Акционерное общество").replace("МУП", "Муниципальное унитарное предприятие"),
                         "short_name": name, "head_last": last, "head_first": first, "head_middle": middle, "head_position": position,
                         "basis": "Устава", "address": f"644999, Омская область, г. Новоборск, ул. Промышленная, д. {index * 3}",
                         "inn": f"55010{index:05d}", "subject": "совместная реализация программ наставничества «работодатель – ученик»: наставники из числа сотрудников, экскурсии, профессиональные пробы",
                         "term_end": END})
    return mentors, mentees, pairs, partners


def main() -> int:
    import yaml

    layout = yaml.safe_load((HERE.parent / "nastavnik_docs" / "content" / "register.yaml").read_text(encoding="utf-8"))
    book = load_workbook(TEMPLATE)
    for key, records in zip(("mentors", "mentees", "pairs", "partners"), build(), strict=True):
        spec = layout["sheets"][key]
        sheet = book[spec["title"]]
        fields = [c["field"] for c in spec["columns"]]
        for row, record in enumerate(records, start=layout["first_data_row"]):
            for column, field in enumerate(fields, start=1):
                value = record.get(field)
                if value is not None:
                    sheet.cell(row, column, value)
    book.properties.created = book.properties.modified = dt.datetime(2024, 1, 1)
    book.save(TARGET)
    counts = [len(r) for r in build()]
    print(f"wrote {TARGET.name}: {counts[0]} mentors, {counts[1]} mentees, {counts[2]} pairs, {counts[3]} partners")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
