"""The sample kits read side by side, as an inspector reads the folder: no document states a date that
contradicts another (issue 15). Every kit is built from the samples; the dates are read back from the
Word files' text, never taken from the code that made them."""

import datetime as dt
import io
import re
from collections import defaultdict

import docx
import pytest
from readback import long_date

from nastavnik_docs.documents import KITS
from nastavnik_docs.produce import build_kit, sample_input

NB = "\u00a0"
REFERENCE = re.compile(r"от (\d\d\.\d\d\.\d{4}) № ?([0-9][0-9A-Za-zА-Яа-я-]*)")


def numeric(text):
    return dt.datetime.strptime(text, "%d.%m.%Y").date()


@pytest.fixture(scope="module")
def kits():
    """Return every sample kit's Word files: {"kit/name": document}."""
    documents = {}
    for kit in KITS:
        for item in build_kit(kit, sample_input(kit)).files:
            if item.name.endswith(".docx"):
                documents[f"{kit}/{item.name}"] = docx.Document(io.BytesIO(item.data))
    return documents


@pytest.fixture(scope="module")
def texts(kits):
    """Return every Word file's text: its paragraphs, then its tables' cells (as tests/readback.py reads them)."""
    return {name: plain("\n".join(_lines(document))) for name, document in kits.items()}


def _lines(document):
    yield from (p.text for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            yield from (cell.text for cell in row.cells)


def rows(document):
    """Return the rows of every table of ``document`` as lists of cell texts."""
    return [[plain(cell.text) for cell in row.cells] for table in document.tables for row in table.rows]


def plain(text):
    """Return ``text`` as a reader sees it: no-break spaces and hyphens as plain ones."""
    return text.replace(NB, " ").replace("\u2011", "-")


@pytest.fixture(scope="module")
def orders(texts):
    """Return {order number: the dates every document gives it} over all the kits."""
    dates = defaultdict(set)
    for text in texts.values():
        for day, number in REFERENCE.findall(text):
            dates[number.rstrip(".-")].add(numeric(day))
    return dates


def test_an_order_has_one_date_wherever_it_is_cited(orders):
    assert {"87-од", "90-од", "97-02", "23-02"} <= set(orders)  # the orders on pairs, programme, teachers
    assert {number: days for number, days in orders.items() if len(days) > 1} == {}


def test_roadmaps_and_plans_fix_the_pairs_on_the_day_of_the_order(kits, orders):
    [order] = orders["87-од"]
    for name in ("stage-2/roadmap.docx", "stage-2/plan.docx", "stage-4/roadmap-implementation-plan.docx"):
        fixing = [row for row in rows(kits[name]) if "закреплен" in " ".join(row).lower() and "приказ" in " ".join(row)]
        assert fixing, name
        for row in fixing:
            assert any(f"до {order:%d.%m.%Y}" in cell.lower() for cell in row), (name, row)


def test_pairs_start_after_the_order_forming_them_and_sign_their_agreements_then(kits, texts, orders):
    [order] = orders["87-од"]
    appendix = [row for row in rows(kits["stage-4/order-pairs.docx"]) if re.fullmatch(r"\d+\.?", row[0])]
    starts = [numeric(row[-1].split("–")[0]) for row in appendix]
    assert starts and min(starts) > order
    agreements = [long_date(text) for name, text in texts.items() if name.startswith("stage-4/agreements/")]
    assert agreements and min(agreements) > order  # an agreement is dated by its pair's start
    consents = [long_date(text.split("ПОДПИСЬ")[0]) for name, text in texts.items() if "/consents/" in name]
    assert consents and max(consents) <= order  # the order rests on the written consents


def test_individual_plans_meet_after_the_pairs_start(kits, orders):
    [order] = orders["87-од"]
    for name, document in kits.items():
        if name.startswith("stage-4/individual-plans/"):
            activities = next(t for t in document.tables if any("Мероприятие" in c.text for c in t.rows[0].cells))
            first = plain(activities.rows[1].cells[2].text)
            assert numeric(first.lower().removeprefix("до ")[:10]) > order, (name, first)


def test_the_programme_is_approved_after_its_council_and_the_order_on_pairs(texts, orders):
    [pairs], [programme] = orders["87-од"], orders["90-од"]
    council = numeric(re.search(r"протокол от (\d\d\.\d\d\.\d{4})", texts["stage-4/mentorship-programme.docx"])[1])
    assert pairs < council <= programme


def test_teacher_mentors_consent_then_sign_then_the_order_forms_the_pairs(kits, texts, orders):
    [model], [order] = orders["23-02"], orders["97-02"]
    consents = [long_date(t) for n, t in sorted(texts.items()) if n.startswith("teachers/mentor-consents/")]
    agreements = [long_date(t) for n, t in sorted(texts.items()) if n.startswith("teachers/mentor-agreements/")]
    assert len(consents) == len(agreements) == 3  # the files of a pair share its number and mentor
    for consent, agreement in zip(consents, agreements, strict=True):
        assert model < consent <= agreement <= order
    appendix = [row for row in rows(kits["teachers/order-teacher-pairs.docx"]) if re.fullmatch(r"\d+\.?", row[0])]
    assert appendix and all(numeric(row[-1].split("–")[0]) > order for row in appendix)


def test_a_roadmap_for_several_years_repeats_its_yearly_rows(kits):
    for name in ("stage-2/roadmap.docx", "stage-2/plan.docx"):
        text = "\n".join(p.text for p in kits[name].paragraphs).replace(NB, " ")
        assert re.search(r"на 20\d\d–20\d\d годы", text), name
        yearly = [row for row in rows(kits[name]) if any("и далее ежегодно" in cell for cell in row)]
        assert len(yearly) >= 10, name
