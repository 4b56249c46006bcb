"""The municipal kit (seed 002): the order's structure clause by clause, appendix marks and
numbers, cross-references, and the acquaintance list."""

import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from readback import docx_text

from nastavnik_docs.produce import build_document

ROOT = Path(__file__).resolve().parents[2]
SEED = next(Path("/work/shared/seeds").glob("002_*.txt"), None) or next(
    (ROOT.parent / "shared" / "seeds").glob("002_*.txt"), None
)
NB = "\u00a0"
CLAUSE = re.compile(r"^(\d+\.(?:\d+\.)?) ")


@pytest.fixture(scope="module")
def municipal_raw():
    return yaml.safe_load((ROOT / "samples" / "municipality.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def order(municipal_raw):
    [item] = build_document("order-municipal", municipal_raw)
    return item.data


def lines(data):
    return [" ".join(line.split()) for line in docx_text(data)]


def order_clauses(all_lines):
    start = all_lines.index("ПРИКАЗЫВАЮ:")
    end = next(i for i, line in enumerate(all_lines) if "Контроль за исполнением" in line)
    numbers = [m.group(1) for line in all_lines[start : end + 1] if (m := CLAUSE.match(line))]
    return numbers


@pytest.mark.skipif(SEED is None, reason="the seeds are not next to the checkout")
def test_clause_numbers_and_appendix_titles_match_seed_002(order):
    seed = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    start = seed.index("ПРИКАЗЫВАЮ:")
    end = next(i for i, line in enumerate(seed) if line.startswith("5. Контроль"))
    seed_numbers = [m.group(1) for line in seed[start : end + 1] if (m := CLAUSE.match(line))]
    assert (
        order_clauses(lines(order))
        == seed_numbers
        == [
            "1.",
            "2.",
            "2.1.",
            "2.2.",
            "2.3.",
            "2.4.",
            "3.",
            "4.",
            "4.1.",
            "4.2.",
            "4.3.",
            "4.4.",
            "4.5.",
            "4.6.",
            "4.7.",
            "4.8.",
            "5.",
        ]
    )
    ours = lines(order)
    seed_titles = [
        "Дорожная карта",
        "Показатели эффективности",
        "Перечень образовательных организаций",
        "Состав ответственных исполнителей",
    ]
    titles = [ours[i + 3] for i, line in enumerate(ours) if re.fullmatch(r"Приложение \d", line)]
    assert [t.split(" внедрения")[0].split(",")[0] for t in titles][:1] == ["Дорожная карта"]
    for title, expected in zip(titles, seed_titles, strict=True):
        assert title.startswith(expected)


def test_every_appendix_mark_matches_the_order(order):
    all_lines = lines(order)
    marks = [i for i, line in enumerate(all_lines) if re.fullmatch(r"Приложение \d", line)]
    assert [all_lines[i] for i in marks] == ["Приложение 1", "Приложение 2", "Приложение 3", "Приложение 4"]
    for i in marks:
        assert all_lines[i + 1] == "к приказу Управления образования"
        assert all_lines[i + 2] == f"от 29.05.2026 №{NB}377".replace(NB, " ")


def test_references_point_at_existing_clauses_and_appendices(order):
    all_lines = lines(order)
    text = "\n".join(all_lines)
    appendices = {int(line.split()[1]) for line in all_lines if re.fullmatch(r"Приложение \d", line)}
    referred = {int(n) for n in re.findall(r"согласно приложению (\d+)", text)}
    assert referred == appendices == {1, 2, 3, 4}
    clauses = set(order_clauses(all_lines))
    for number in re.findall(r"пунктом (\d+(?:\.\d+)?) настоящего приказа", text):
        assert f"{number}." in clauses
    assert "утверждённой пунктом 2.1 настоящего приказа" in text


def test_acquaintance_list_has_every_responsible_person_once(order, municipal_raw):
    document = docx.Document(io.BytesIO(order))
    signed = [
        row.cells[1].text.replace(NB, " ")
        for table in document.tables
        for row in table.rows
        if row.cells[0].text.startswith("____")
    ]
    expected = [m["name"] for m in municipal_raw["staff"]] + [o["head"]["name"] for o in municipal_raw["organisations"]]
    initials = []
    for name in expected:
        last, first, middle = name.split()
        initials.append(f"{last} {first[0]}. {middle[0]}.")
    assert signed == initials
    assert len(signed) == len(set(signed))


def test_roadmap_two_levels_numbered_from_one(order):
    document = docx.Document(io.BytesIO(order))
    roadmap = next(t for t in document.tables if t.rows[0].cells[1].text == "Мероприятия")
    sections, numbers = [], []
    for row in roadmap.rows[1:]:
        if len({id(c._tc) for c in row.cells}) == 1:
            sections.append(row.cells[0].text)
            numbers.append([])
        else:
            numbers[-1].append(row.cells[0].text)
    assert sections == ["Муниципальный уровень", "Уровень образовательной организации"]
    assert numbers[0] == [f"{i}." for i in range(1, 14)] and numbers[1] == [f"{i}." for i in range(1, 36)]


def test_indicators_have_base_and_target_year_and_municipality_in_case(order):
    text = "\n".join(lines(order))
    assert "проживающих в городе Новоборске" in text
    document = docx.Document(io.BytesIO(order))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Наименование показателя")
    assert [c.text for c in table.rows[0].cells] == ["Наименование показателя", "2026\u00a0г.", "2030\u00a0г."]
    assert [[c.text for c in row.cells][1:] for row in table.rows[1:]] == [
        ["10", "70"],
        ["2", "10"],
        ["10", "70"],
        ["2", "30"],
        ["50", "85"],
        ["50", "85"],
    ]


def test_adding_a_clause_renumbers_text_and_references(municipal_raw, tmp_path):
    wording = yaml.safe_load(
        (ROOT / "nastavnik_docs" / "content" / "wording" / "order-municipal.yaml").read_text(encoding="utf-8")
    )
    wording["clauses"].insert(1, {"text": "Создать муниципальный координационный совет по наставничеству."})
    wording["appendices"].insert(0, {"id": "council", "title": "Состав координационного совета"})
    (tmp_path / "order-municipal.yaml").write_text(yaml.safe_dump(wording, allow_unicode=True), encoding="utf-8")
    [item] = build_document("order-municipal", municipal_raw, templates=tmp_path)
    all_lines = lines(item.data)
    text = "\n".join(all_lines)
    assert order_clauses(all_lines)[:4] == ["1.", "2.", "3.", "3.1."]
    assert "утверждённой пунктом 3.1 настоящего приказа" in text
    assert "согласно приложению 2 к настоящему приказу" in text  # the roadmap moved to appendix 2
    assert [line for line in all_lines if re.fullmatch(r"Приложение \d", line)] == [
        "Приложение 2",
        "Приложение 3",
        "Приложение 4",
        "Приложение 5",
    ]


def test_reference_to_a_missing_clause_is_an_error(municipal_raw, tmp_path):
    from nastavnik_docs.errors import TemplateError

    wording = yaml.safe_load(
        (ROOT / "nastavnik_docs" / "content" / "wording" / "order-municipal.yaml").read_text(encoding="utf-8")
    )
    wording["clauses"].append({"text": "См. пункт {{ clause('nowhere') }}."})
    (tmp_path / "order-municipal.yaml").write_text(yaml.safe_dump(wording, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TemplateError, match="ссылка на пункт «nowhere»"):
        build_document("order-municipal", municipal_raw, templates=tmp_path)


def test_staff_needs_a_lead_and_a_curator(municipal_raw):
    from nastavnik_docs.errors import ValidationError

    broken = {**municipal_raw, "staff": [m for m in municipal_raw["staff"] if "curator" not in m["roles"]]}
    with pytest.raises(ValidationError, match="curator"):
        build_document("order-municipal", broken)


def test_a_label_used_twice_is_an_error(municipal_raw, tmp_path):
    from nastavnik_docs.errors import TemplateError

    wording = yaml.safe_load(
        (ROOT / "nastavnik_docs" / "content" / "wording" / "order-municipal.yaml").read_text(encoding="utf-8")
    )
    wording["clauses"][0]["id"] = "approve-roadmap"
    (tmp_path / "order-municipal.yaml").write_text(yaml.safe_dump(wording, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TemplateError, match="встречается дважды"):
        build_document("order-municipal", municipal_raw, templates=tmp_path)


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def deadline_column(data):
    """Return the roadmap's deadline cells as printed: (section, text, continues the merged cell above)."""
    document = docx.Document(io.BytesIO(data))
    roadmap = next(t for t in document.tables if t.rows[0].cells[1].text == "Мероприятия")
    column, section = [], ""
    for tr in roadmap._tbl.tr_lst[1:]:
        cells = tr.findall(f"{W_NS}tc")
        text = "".join(t.text or "" for t in cells[0].iter(f"{W_NS}t"))
        if len(cells) == 1:
            section = text
            continue
        deadline = cells[2]
        merge = deadline.find(f"{W_NS}tcPr/{W_NS}vMerge")
        continues = merge is not None and merge.get(f"{W_NS}val") in (None, "continue")
        column.append((section, "".join(t.text or "" for t in deadline.iter(f"{W_NS}t")), continues))
    return column


MONTHS = {5: "май", 12: "декабрь"}


def expected_deadlines(order_date, first_year, last_year):
    """The seed's wording of the spanning deadlines, computed here from the order's date and the roadmap's years."""
    years = ", ".join(str(y) for y in range(first_year, last_year + 1))
    during = f"в течение {years} {'года' if first_year == last_year else 'годов'}"
    # a May order prepares the school year from 1 September: its first half-year ends in December
    halves = [(order_date.year, 12)]
    while True:
        year, month = halves[-1]
        following = (year + 1, 5) if month == 12 else (year, 12)
        if following[0] > last_year:
            break
        halves.append(following)
    monitoring = ", ".join(f"{MONTHS[m]} {y} года" for y, m in halves)
    return during, monitoring[0].upper() + monitoring[1:]


@pytest.mark.parametrize(
    ("order_date", "period", "roadmap_years"),
    [
        ("2026-05-29", (2026, 2030), None),  # the sample: seed 002's layout, six years later
        ("2031-05-20", (2031, 2034), None),  # another year: nothing is fixed to 2026
        ("2026-05-29", (2026, 2030), (2026, 2028)),  # three roadmap years: one more May and December
    ],
)
def test_roadmap_deadlines_are_the_years_and_half_years_worded_as_seed_002(
    municipal_raw, order_date, period, roadmap_years
):
    import datetime as dt

    day = dt.date.fromisoformat(order_date)
    raw = {**municipal_raw, "order": {**municipal_raw["order"], "date": order_date}}
    raw["period"] = {"start_year": period[0], "end_year": period[1]}
    if roadmap_years is not None:
        raw["roadmap_years"] = {"start": roadmap_years[0], "end": roadmap_years[1]}
    first, last = roadmap_years or (period[0], period[0] + 1)
    during, monitoring = expected_deadlines(day, first, last)
    [item] = build_document("order-municipal", raw)
    column = [(section, text.replace(NB, " "), continues) for section, text, continues in deadline_column(item.data)]
    municipal = [text for section, text, _ in column if section == "Муниципальный уровень"]
    assert len(municipal) == 13
    assert municipal[0] == f"Май {day.year} года"  # the month of the order
    assert municipal[6] == during[0].upper() + during[1:]  # training of mentors (seed: «В течение 2020, 2021 годов»)
    assert municipal[7] == monitoring  # seed: «Декабрь 2020, май 2021 года, декабрь 2021 года»
    assert municipal[9] == municipal[12] == f"Постоянно, {during}"
    schools = [(text, continues) for section, text, continues in column if section != "Муниципальный уровень"]
    assert len(schools) == 35
    # one deadline for the whole level, printed once in a cell merged down the column (as the seed)
    assert schools[0] == (
        f"{during[0].upper() + during[1:]} (сроки устанавливаются распорядительными актами образовательной организации)",
        False,
    )
    assert all(text == "" and continues for text, continues in schools[1:])
    vague = ("всего периода", "срока реализации дорожной карты")
    assert not [text for _, text, _ in column if any(v in text for v in vague)]
