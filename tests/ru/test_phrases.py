import pytest

from nastavnik_docs.errors import UnknownCaseError
from nastavnik_docs.ru import inflect_phrase

CASES = ("genitive", "dative", "accusative", "instrumental", "prepositional")


@pytest.mark.parametrize(
    ("phrase", "forms"),
    [
        ("директор", ["директора", "директору", "директора", "директором", "директоре"]),
        (
            "заместитель директора по учебно-воспитательной работе",
            [
                "заместителя директора по учебно-воспитательной работе",
                "заместителю директора по учебно-воспитательной работе",
                "заместителя директора по учебно-воспитательной работе",
                "заместителем директора по учебно-воспитательной работе",
                "заместителе директора по учебно-воспитательной работе",
            ],
        ),
        (
            "учитель начальных классов",
            [
                "учителя начальных классов",
                "учителю начальных классов",
                "учителя начальных классов",
                "учителем начальных классов",
                "учителе начальных классов",
            ],
        ),
        (
            "педагог-психолог",
            [
                "педагога-психолога",
                "педагогу-психологу",
                "педагога-психолога",
                "педагогом-психологом",
                "педагоге-психологе",
            ],
        ),
        (
            "социальный педагог",
            [
                "социального педагога",
                "социальному педагогу",
                "социального педагога",
                "социальным педагогом",
                "социальном педагоге",
            ],
        ),
        (
            "начальник отдела по общему и дополнительному образованию",
            [
                f"{head} отдела по общему и дополнительному образованию"
                for head in ("начальника", "начальнику", "начальника", "начальником", "начальнике")
            ],
        ),
    ],
)
def test_positions_of_the_issue_in_every_case(phrase, forms):
    assert [inflect_phrase(phrase, case) for case in CASES] == forms


def test_abbreviation_after_the_head_stays():
    assert inflect_phrase("заместитель директора по УВР", "dative") == "заместителю директора по УВР"


def test_adjectives_agree_with_feminine_and_substantivised_heads():
    assert inflect_phrase("старшая вожатая", "accusative") == "старшую вожатую"
    assert inflect_phrase("заведующий библиотекой", "accusative") == "заведующего библиотекой"
    assert inflect_phrase("главный специалист-эксперт", "instrumental") == "главным специалистом-экспертом"


def test_organisation_name_keeps_its_quoted_part():
    name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»"
    assert inflect_phrase(name, "genitive") == (
        "Муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 5»"
    )
    # inanimate: accusative equals nominative
    assert inflect_phrase(name, "accusative") == name


def test_capitalisation_is_kept_and_abbreviation_alone_stays():
    assert inflect_phrase("Директор", "genitive") == "Директора"
    assert inflect_phrase("МБОУ «СОШ № 5»", "genitive") == "МБОУ «СОШ № 5»"
    assert inflect_phrase("", "genitive") == ""
    assert inflect_phrase("директор", "nominative") == "директор"


def test_plural_head_stays_plural():
    assert inflect_phrase("члены рабочей группы", "dative") == "членам рабочей группы"


def test_unknown_case_for_phrase():
    with pytest.raises(UnknownCaseError):
        inflect_phrase("директор", "vocative")


def test_abbreviated_and_capitalised_positions():
    assert inflect_phrase("зам. директора", "dative") == "зам. директора"
    assert inflect_phrase("ЗАМЕСТИТЕЛЬ ДИРЕКТОРА", "dative") == "ЗАМЕСТИТЕЛЮ ДИРЕКТОРА"
    assert inflect_phrase("ДИРЕКТОР", "genitive") == "ДИРЕКТОРА"
    assert inflect_phrase("Елочка", "genitive") == "Елочки"
