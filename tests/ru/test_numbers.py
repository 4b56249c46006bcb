from decimal import Decimal

import pytest

from nastavnik_docs.errors import LanguageError
from nastavnik_docs.ru import amount_to_words, number_to_words, plural


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1~год"),
        (2, "2~года"),
        (4, "4~года"),
        (5, "5~лет"),
        (11, "11~лет"),
        (12, "12~лет"),
        (21, "21~год"),
        (22, "22~года"),
        (111, "111~лет"),
        (1000, "1~000~лет"),
        (0, "0~лет"),
    ],
)
def test_plural_years(n, expected, visible):
    assert visible(plural(n, "год,года,лет")) == expected


def test_plural_participants_and_fractions(visible):
    forms = ("участник", "участника", "участников")
    assert [plural(n, forms, number=False) for n in (1, 3, 11)] == ["участник", "участника", "участников"]
    assert visible(plural(Decimal("1.5"), "год,года,лет")) == "1,5~года"


def test_plural_needs_three_forms():
    with pytest.raises(LanguageError, match="три формы"):
        plural(2, "год,года")


def test_number_to_words_cardinal_feminine_neuter_and_cases():
    assert number_to_words(21) == "двадцать один"
    assert number_to_words(2, gender="female") == "две"
    assert number_to_words(1, gender="neuter") == "одно"
    assert number_to_words(1252) == "одна тысяча двести пятьдесят два"
    assert number_to_words(5, case="genitive") == "пяти"
    assert number_to_words(0) == "ноль"


def test_number_to_words_rejects_fractions_and_unknown_gender():
    with pytest.raises(LanguageError, match="целое число"):
        number_to_words(2.5)
    with pytest.raises(LanguageError, match="male, female, neuter"):
        number_to_words(2, gender="plural")


def test_amounts_in_roubles_and_kopecks(visible):
    assert visible(amount_to_words("1252.35")) == "1~252 (одна тысяча двести пятьдесят два)~рубля 35~копеек"
    assert visible(amount_to_words(21)) == "21 (двадцать один)~рубль 00~копеек"
    assert visible(amount_to_words(Decimal("5000.01"))) == "5~000 (пять тысяч)~рублей 01~копейка"
    with pytest.raises(LanguageError):
        amount_to_words("много")
    with pytest.raises(LanguageError, match="отрицательной"):
        amount_to_words(-1)


def test_number_to_words_counts_things_not_people():
    # «три документа», not «трёх»: the accusative of a count of objects equals the nominative
    assert number_to_words(3, case="accusative") == "три"
    assert number_to_words(2, gender="ж") == "две"
