import datetime as dt
from pathlib import Path

import pytest

from nastavnik_docs.errors import LanguageError
from nastavnik_docs.render import FILTERS, make_environment

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "templates.md"


def run(source, **context):
    return make_environment("text").from_string(source).render(**context)


def test_fio_and_initials_take_a_person_mapping_or_a_string():
    person = {"name": "Черных Любовь Павловна", "gender": None, "position": "завуч"}
    assert run('{{ p|fio("accusative") }}', p=person) == "Черных Любовь Павловну"
    assert run('{{ p|fio("dative") }}', p="Ткач Анна Сергеевна") == "Ткач Анне Сергеевне"
    assert run("{{ p|initials }}", p=person) == "Черных\u00a0Л.\u00a0П."
    assert run('{{ p|initials("dative", before=true) }}', p="Лебедев Павел Ильич") == "П.\u00a0И.\u00a0Лебедеву"


@pytest.mark.parametrize("case", ["nominative", "genitive", "dative", "instrumental", "родительный"])
def test_a_persons_name_is_written_the_same_with_and_without_the_kits_corrections(case):
    # a plain person (a dict of text) without the kit's corrections takes a shortcut kept across documents
    # (render/filters.py _plain_written): it writes what the inflected name gives, as with the corrections
    from nastavnik_docs.render.declensions import CONTEXT_KEY, Declensions

    people = [
        {"name": "Черных Любовь Павловна", "gender": None},
        {"name": "Ткач Саша", "gender": "female"},
        {"name": "Мамедов Рашид Гусейн оглы", "gender": "male"},
        "Лебедев Павел Ильич",
    ]
    source = f'{{{{ p|fio("{case}") }}}}|{{{{ p|initials("{case}") }}}}|{{{{ p|initials("{case}", before=true) }}}}'
    for person in people:
        plain = run(source, p=person)
        assert plain == run(source, p=person, **{CONTEXT_KEY: Declensions()})
        assert plain == run(source, p=person)  # the second time from the kept forms
    with pytest.raises(LanguageError):
        run('{{ p|fio("nowhere") }}', p=people[0])


def test_explicit_gender_of_a_person_is_used():
    person = {"name": "Ткач Саша", "gender": "female"}
    assert run('{{ p|fio("dative") }}', p=person) == "Ткач Саше"


def test_case_dates_numbers_and_text_filters():
    day = dt.date(2020, 5, 29)
    assert run('{{ "заместитель директора по УВР"|case("dative") }}') == "заместителю директора по УВР"
    assert run("{{ d|date }}", d=day) == "«29»\u00a0мая\u00a02020\u00a0г."
    assert run('{{ d|date("numeric") }}', d=day) == "29.05.2020"
    assert run("{{ d|add_days(14)|date('numeric') }}", d=day) == "12.06.2020"
    assert run("{{ d|add_months(9)|date('numeric') }}", d=dt.date(2020, 5, 31)) == "28.02.2021"
    assert run("{{ 2020|years(2024) }}") == "2020–2024\u00a0годы"
    assert run('{{ 2020|years(2024, style="from-to") }}') == "с\u00a02020 по\u00a02024\u00a0годы"
    assert run("{{ 2022|school_year }}") == "2022/2023\u00a0учебный год"
    assert run("{{ a|date_range(b) }}", a="2022-09-01", b="2022-09-16") == "01–16.09.2022"
    assert run("{{ a|month_range(b) }}", a="2020-08-01", b="2020-09-30") == "Август\u00a0– сентябрь\u00a02020\u00a0года"
    assert run('{{ 5|plural("год,года,лет") }}') == "5\u00a0лет"
    assert run('{{ 2|words(gender="female") }}') == "две"
    assert run("{{ 1252.35|amount }}").startswith("1\u00a0252 (одна тысяча двести пятьдесят два)")
    assert run("{{ 377|number_sign }}") == "№\u00a0377"
    assert run('{{ "Радуга"|quote }}') == "«Радуга»"
    assert run('{{ "директор"|capfirst }}') == "Директор"
    assert run('{{ "Директор"|lowerfirst }}') == "директор"
    assert run('{{ "2020-2024 - план"|typograph }}') == "2020–2024\u00a0— план"


def test_every_filter_is_documented_in_the_template_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [name for name in FILTERS if f"`{name}" not in guide]
    assert not missing, f"filters missing from docs/templates.md: {missing}"


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_every_filter_has_a_docstring(name):
    assert (FILTERS[name].__doc__ or "").strip()


def test_case_filter_refuses_a_person_and_lowerfirst_keeps_abbreviations():

    with pytest.raises(LanguageError, match="fio"):
        run('{{ p|case("dative") }}', p={"name": "Ткач Анна"})
    assert run('{{ "МБОУ «СОШ»"|lowerfirst }}') == "МБОУ «СОШ»"
    assert run('{{ 3|words(case="genitive") }}') == "трёх"
