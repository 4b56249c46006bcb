"""What a printed value keeps on one line (ru.typography.keep_together)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik_docs.ru.typography import NBHYPHEN, NBSP, keep_together


def shown(text: str) -> str:
    return text.replace(NBSP, "~").replace(NBHYPHEN, "=")


def test_units_numbers_and_abbreviations_stay_together():
    assert shown(keep_together("приказ от 01.09.2026 № Р-145 по МБОУ «СОШ № 12»")) == (
        "приказ от 01.09.2026~№~Р=145 по МБОУ «СОШ~№~12»"
    )
    assert (
        shown(keep_together("Федеральный закон № 273-ФЗ, приказ № 52-од"))
        == "Федеральный закон~№~273=ФЗ, приказ~№~52=од"
    )
    assert shown(keep_together("ученица 11 «А» класса, 100 %, в 2026 г., 10–19 лет")) == (
        "ученица 11~«А» класса, 100~%, в 2026~г., 10–19~лет"
    )
    assert shown(keep_together("г. Новоборск, д. 22, п. 3.1")) == "г. Новоборск, д.~22, п.~3.1"
    assert shown(keep_together("Черных Л. П., классные руководители")) == "Черных~Л.~П., классные руководители"


def test_words_and_ranges_are_left_alone():
    for text in ("наставник – ученик", "учитель-наставник", "Педагог-психолог", "2026–2030 годы", ""):
        assert keep_together(text) == text.replace(" годы", f"{NBSP}годы")


def test_a_participants_code_keeps_its_plain_hyphen():
    """«У-004» is typed back into the answers workbook: only a number after «№» gets the non-breaking hyphen."""
    assert keep_together("код участника У-004, наставник Н-012") == "код участника У-004, наставник Н-012"
    assert shown(keep_together("приказ №Р-145")) == "приказ~№~Р=145"


def _every_rule(text: str) -> str:
    """``keep_together``'s rules applied in its order with no quick look first: what the guards must not change."""
    from nastavnik_docs.ru import typography as t

    result = t._SPACE_BEFORE_NUMBER_SIGN.sub(NBSP, text)
    result = t._NUMBER_SIGN.sub(f"№{NBSP}", result)
    result = t._NUMBER_AND_UNIT.sub(NBSP, result)
    result = t._ABBREVIATION_BEFORE_NUMBER.sub(rf"\1{NBSP}", result)
    result = t._ACT_NUMBER_HYPHEN.sub(NBHYPHEN, result)
    result = t._LETTERS_NUMBER_AFTER_SIGN.sub(rf"\1{NBHYPHEN}", result)
    result = t._BETWEEN_INITIALS.sub(NBSP, result)
    result = t._SURNAME_BEFORE_INITIALS.sub(rf"\1{NBSP}", result)
    return t._INITIALS_BEFORE.sub(NBSP, result)


_PIECES = [
    "№",
    " ",
    "\t",
    NBSP,
    ".",
    "-",
    "1",
    "20",
    "%",
    "г.",
    "годы",
    "п",
    "д",
    "Р",
    "А",
    "Н",
    "Иванов",
    "«А»",
    "\u2009",
    "лет",
    "Р-",
    "ФЗ",
    "од",
    "а",
    ",",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_the_quick_looks_change_nothing(text: str) -> None:
    """Each rule runs only where what it needs occurs (a speed-up): the result is every rule's, whatever the text."""
    assert keep_together(text) == _every_rule(text)
