"""Fuzzing the readers with hypothesis: whatever the input, a result or a library error, never another exception.

The data-file reader gets raw bytes, generated YAML and JSON, and the sample school with one value
replaced; the register reader gets small workbooks (tests/registers.py) with cells replaced by text
with odd characters, numbers, dates, booleans, formulas and empty cells, and sheets renamed, and a
register that reads makes the individual plan and the consent. A few
dozen examples each, so that the suite stays fast; what they found is kept as plain cases below.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from typing import Any

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from registers import ROWS, TODAY, columns, write_register

from nastavnik_docs.errors import NastavnikDocsError
from nastavnik_docs.io.datafile import parse_data
from nastavnik_docs.io.register import load_register
from nastavnik_docs.models import SchoolData, SchoolRegister, validate
from nastavnik_docs.produce import build_document

EXAMPLES = int(os.environ.get("NASTAVNIK_FUZZ_EXAMPLES", "40"))
"""Examples per test: 40 in the suite; ``NASTAVNIK_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`` searches longer."""
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SAMPLE = yaml.safe_load((ROOT / "samples" / "school.yaml").read_text(encoding="utf-8"))
SCHOOL = validate(SAMPLE, SchoolData)

odd_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),  # any code point UTF-8 can carry (no surrogates)
        st.sampled_from(["\ufffe", "\uffff", "\x00", "\x0b", "\t", "\n", "\u200b", "\u0301", "«", "№", ":", "{", "-"]),
    ),
    max_size=40,
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_text,
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["31.12.9999", "29.02.2023", "2020-02-30", "+999m", "-999d", "javascript:alert(1)", "CON"]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4), max_leaves=12
)


def readable(raw: bytes, *, json_: bool) -> Any:
    """Return what the reader makes of ``raw`` and its validation as a school: data, or None after a library error."""
    try:
        return validate(parse_data(raw, source="fuzz", json=json_), SchoolData)
    except NastavnikDocsError:
        return None


@FUZZ
@given(st.binary(max_size=600), st.booleans())
@example(b"monitoring_year: " + b"9" * 5000, False)
@example(b'{"monitoring_year": ' + b"9" * 5000 + b"}", True)
def test_any_bytes_are_data_or_an_error(raw, json_):
    readable(raw, json_=json_)


@FUZZ
@given(values)
def test_any_yaml_is_data_or_an_error(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    readable(text.encode("utf-8", "surrogatepass"), json_=False)


@FUZZ
@given(values)
def test_any_json_is_data_or_an_error(value):
    readable(json.dumps(value, default=str).encode(), json_=True)


YAML_PIECES = [
    "a: ", "monitoring_year: ", "- ", "\n", "\n  ", "[", "]", "{", "}", ", ", "&x ", "*x", "<<: *x", "? ", "!!int ",
    "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "9" * 5000, "1.5e999", "2020-02-30", "0000-01-01",
    "9999-12-31", "2026-05-29 10:00:00+14:00", "да", "~", '"\\uffff"', '"\\ud800"', "'x'", "#", "|", ">", "%YAML 1.1",
]  # fmt: skip
JSON_PIECES = [
    '{"a": ', "}", "[", "]", ", ", '"a"', ": ", "9" * 5000, "1e999", "-0", "NaN", "Infinity", "true", "null",
    '"\\uffff"', '"\\ud800"', '"2020-02-30"', '"31.12.9999"',
]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=12))
@example(["a: ", "9" * 5000])  # what the fuzzer found: Python refuses to read an int of more than 4300 digits
@example(["a: ", "!!float "])  # PyYAML's float constructor indexes an empty scalar: IndexError
@example(["%YAML 1.1", "9" * 5000])  # PyYAML's scanner reads the directive's version with int()
@example(["a: ", "2020-02-30"])
def test_yaml_made_of_awkward_pieces_is_data_or_an_error(pieces):
    readable("".join(pieces).encode("utf-8"), json_=False)


@FUZZ
@given(st.lists(st.sampled_from(JSON_PIECES), max_size=12))
@example(['{"a": ', "9" * 5000, "}"])
def test_json_made_of_awkward_pieces_is_data_or_an_error(pieces):
    readable("".join(pieces).encode("utf-8"), json_=True)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Return the path of every value inside the sample (dict keys and list indexes)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


PATHS = [path for path in _paths(SAMPLE) if path]


def _replaced(path: tuple, value: Any) -> dict:
    data = json.loads(json.dumps(SAMPLE, default=str))  # a fresh copy, dates as text as JSON has them
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@FUZZ
@given(st.sampled_from(PATHS), scalars)
@example(("orders", "introduce_model", "date"), "31.12.9999")  # the roadmap's deadlines overflowed the calendar
def test_the_sample_school_with_one_value_replaced_is_a_roadmap_or_an_error(path, value):
    """A replaced date, number or text reaches the roadmap's date arithmetic when it validates."""
    with contextlib.suppress(NastavnikDocsError):  # a library error is an answer; anything else fails the test
        build_document("roadmap", validate(_replaced(path, value), SchoolData))


# -- the register -----------------------------------------------------------------------------------------------

_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # openpyxl cannot write them
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    odd_text.map(lambda text: _ILLEGAL_IN_XLSX.sub("", text)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.sampled_from(["=1/0", "=SUM(A1:A3)", "@cmd", "+7 913", "У-001", "Н-001", "1", "да", "завершена", "31.02.2026"]),
)
sheets = st.sampled_from(list(ROWS))
changes = st.dictionaries(
    st.tuples(sheets, st.just(0), st.integers(min_value=0, max_value=40)), cells, min_size=1, max_size=6
)
titles = st.dictionaries(
    sheets,
    st.sampled_from(["наставники ", "Наставляемые", " Пары и группы", "Лист1", "партнёры", "x" * 30]),
    max_size=2,
)


@FUZZ
@given(changes, titles, st.booleans())
@example({("pairs", 0, 6): dt.date(2127, 5, 31)}, {}, False)  # a pair ending in 2127: the plan's months overflowed
@example({("mentees", 0, 9): True}, {}, False)  # TRUE in an address: refused now, «по адресу: True» before
def test_any_register_is_a_register_or_an_error(tmp_path, changed, renamed, twice):
    edits = {}
    for (sheet, index, position), value in changed.items():
        fields = [column["field"] for column in columns(sheet)]
        edits[(sheet, index, fields[position % len(fields)])] = value
    rows = {sheet: [*records, *records] if twice else records for sheet, records in ROWS.items()}
    try:
        path = write_register(tmp_path / "fuzz.xlsx", edits, rows=rows, titles=renamed)
    except ValueError:  # openpyxl refuses some sheet titles (two equal ones): not the reader's business
        return
    with contextlib.suppress(NastavnikDocsError):  # a library error is an answer; anything else fails the test
        register = load_register(path, today=TODAY)
        # a register that reads makes its documents: the plan's months and the consent's age are date arithmetic
        for document in ("individual-plan", "consent-pd"):
            build_document(document, SchoolRegister(school=SCHOOL, roster=register))
