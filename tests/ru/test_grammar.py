import pytest

from nastavnik_docs.errors import LanguageError, NastavnikDocsError, UnknownCaseError
from nastavnik_docs.ru import Case, Gender, inflect_name, parse_case, parse_gender


def test_cases_by_english_and_russian_names():
    assert parse_case("dative") is Case.DATIVE
    assert parse_case(" Творительный ") is Case.INSTRUMENTAL
    assert parse_case("пр.") is Case.PREPOSITIONAL
    assert parse_case(Case.GENITIVE) is Case.GENITIVE


def test_unknown_case_names_every_allowed_case_and_suggests_one():
    with pytest.raises(UnknownCaseError) as caught:
        parse_case("dativ")
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, NastavnikDocsError)
    message = str(error)
    for case in Case:
        assert case.value in message
    assert "Возможно, вы имели в виду «dative»" in message
    assert error.allowed == tuple(c.value for c in Case)


def test_unknown_case_through_inflect_name():
    with pytest.raises(UnknownCaseError, match="Допустимые значения"):
        inflect_name("Иванов Иван Иванович", "ablative")


def test_genders():
    assert parse_gender("female") is Gender.FEMALE
    assert parse_gender("ж") is Gender.FEMALE
    assert parse_gender(None) is None
    assert parse_gender("auto") is None
    with pytest.raises(LanguageError, match="male, female"):
        parse_gender("другой")
