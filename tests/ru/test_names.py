import pytest

from nastavnik_docs.errors import LanguageError, NameFormatError, NastavnikDocsError, UnknownCaseError
from nastavnik_docs.ru import Case, Gender, PersonName, inflect_name

ALL = tuple(Case)


def forms(text, **kwargs):
    return [inflect_name(text, case, **kwargs) for case in ALL]


def test_common_male_name_in_all_six_cases():
    assert forms("Смирнов Андрей Викторович") == [
        "Смирнов Андрей Викторович",
        "Смирнова Андрея Викторовича",
        "Смирнову Андрею Викторовичу",
        "Смирнова Андрея Викторовича",
        "Смирновым Андреем Викторовичем",
        "Смирнове Андрее Викторовиче",
    ]


def test_common_female_name_in_all_six_cases():
    assert forms("Петрова Анна Ивановна") == [
        "Петрова Анна Ивановна",
        "Петровой Анны Ивановны",
        "Петровой Анне Ивановне",
        "Петрову Анну Ивановну",
        "Петровой Анной Ивановной",
        "Петровой Анне Ивановне",
    ]


def test_adjectival_surnames():
    assert inflect_name("Покровский Денис Олегович", "dative") == "Покровскому Денису Олеговичу"
    assert inflect_name("Белозерская Ольга Игоревна", "accusative") == "Белозерскую Ольгу Игоревну"
    assert inflect_name("Толстой Лев Николаевич", "genitive") == "Толстого Льва Николаевича"


def test_female_surname_in_a_consonant_does_not_decline():
    assert forms("Ткач Анна Сергеевна")[1:] == [
        "Ткач Анны Сергеевны",
        "Ткач Анне Сергеевне",
        "Ткач Анну Сергеевну",
        "Ткач Анной Сергеевной",
        "Ткач Анне Сергеевне",
    ]


def test_male_surname_in_a_consonant_declines():
    assert inflect_name("Ткач Олег Сергеевич", "dative") == "Ткачу Олегу Сергеевичу"
    assert inflect_name("Шмидт Роман Павлович", "instrumental") == "Шмидтом Романом Павловичем"


@pytest.mark.parametrize(
    "surname", ["Черных", "Седых", "Долгих", "Шевченко", "Головко", "Живаго", "Дубяго", "Дурново", "Хитрово"]
)
@pytest.mark.parametrize("first", ["Ирина Павловна", "Игорь Павлович"])
def test_indeclinable_surnames_stay_for_both_genders(surname, first):
    for case in ALL:
        assert inflect_name(f"{surname} {first}", case).split()[0] == surname


@pytest.mark.parametrize("surname", ["Гёте", "Шоу", "Камю", "Мегрэ", "Дюма", "Руставели", "Гюго"])
def test_surnames_in_a_vowel_of_foreign_origin_stay(surname):
    assert inflect_name(f"{surname} Анри", "genitive").split()[0] == surname


def test_double_surnames_decline_in_both_parts():
    assert inflect_name("Римская-Корсакова Любовь Петровна", "genitive") == "Римской-Корсаковой Любови Петровны"
    assert inflect_name("Петров-Водкин Кузьма Сергеевич", "dative") == "Петрову-Водкину Кузьме Сергеевичу"
    assert inflect_name("Соколова-Микитова Вера Ильинична", "instrumental") == "Соколовой-Микитовой Верой Ильиничной"


def test_fleeting_vowel_in_first_names():
    assert PersonName(first="Павел").inflect("genitive").first == "Павла"
    assert PersonName(first="Лев").inflect("dative").first == "Льву"
    assert PersonName(first="Лев").inflect("instrumental").first == "Львом"


def test_lyubov_and_ilya():
    assert [PersonName(first="Любовь").inflect(c).first for c in ALL] == [
        "Любовь",
        "Любови",
        "Любови",
        "Любовь",
        "Любовью",
        "Любови",
    ]
    assert [PersonName(first="Илья").inflect(c).first for c in ALL] == [
        "Илья",
        "Ильи",
        "Илье",
        "Илью",
        "Ильёй",
        "Илье",
    ]


def test_yo_is_kept_where_it_stays_and_petr_loses_it():
    assert inflect_name("Семёнов Артём Фёдорович", "dative") == "Семёнову Артёму Фёдоровичу"
    assert PersonName(first="Пётр").inflect("genitive").first == "Петра"


def test_capitalisation_is_preserved():
    assert inflect_name("ИВАНОВА МАРИЯ ПЕТРОВНА", "accusative") == "ИВАНОВУ МАРИЮ ПЕТРОВНУ"
    assert inflect_name("иванова мария петровна", "accusative") == "иванову марию петровну"


def test_turkic_patronymics():
    male = PersonName.parse("Мамедов Рашид Гусейн оглы")
    assert male.middle == "Гусейн оглы"
    assert male.gender is Gender.MALE
    assert male.inflect("genitive").full == "Мамедова Рашида Гусейн оглы"
    female = PersonName.parse("Алиева Лейла Рашид кызы")
    assert female.gender is Gender.FEMALE
    assert female.inflect("dative").full == "Алиевой Лейле Рашид кызы"
    assert female.initials() == "Алиева\u00a0Л.\u00a0Р."


def test_gender_from_patronymic_wins_over_first_name():
    # Саша is both; the patronymic decides
    assert PersonName.parse("Ткач Саша Игоревна").gender is Gender.FEMALE
    assert inflect_name("Ткач Саша Игоревна", "dative") == "Ткач Саше Игоревне"
    assert inflect_name("Ткач Саша Игоревич", "dative") == "Ткачу Саше Игоревичу"


def test_gender_from_first_name_then_surname_then_explicit():
    assert PersonName.parse("Ткач Анна").gender is Gender.FEMALE
    assert PersonName.parse("Кузнецова").gender is Gender.FEMALE
    assert PersonName.parse("Ткач").gender is None
    assert inflect_name("Ткач", "dative", gender="female") == "Ткач"
    assert inflect_name("Ткач", "dative", gender="male") == "Ткачу"


def test_explicit_gender_overrides_detection():
    name = PersonName.parse("Ткач Женя", gender="female")
    assert name.inflect("dative").full == "Ткач Жене"


def test_initials_both_ways_with_no_break_spaces():
    name = PersonName.parse("Абдреева Наталья Петровна")
    assert name.initials() == "Абдреева\u00a0Н.\u00a0П."
    assert name.initials(before=True) == "Н.\u00a0П.\u00a0Абдреева"
    assert " " not in name.initials()
    assert name.inflect("dative").initials() == "Абдреевой\u00a0Н.\u00a0П."
    assert PersonName.parse("Кузнецова Анна-Мария").initials() == "Кузнецова\u00a0А.-М."
    assert PersonName(first="Анна", middle="Ивановна").initials() == "А.\u00a0И."


def test_full_and_str():
    name = PersonName.parse("Ткач Анна Сергеевна")
    assert name.full == str(name) == "Ткач Анна Сергеевна"
    assert PersonName(last="Ткач", first="Анна").full == "Ткач Анна"


def test_extra_spaces_are_collapsed():
    assert inflect_name("  Ткач   Анна\tСергеевна ", "genitive") == "Ткач Анны Сергеевны"


def test_single_word_is_a_surname():
    name = PersonName.parse("Кузнецов")
    assert (name.last, name.first, name.middle) == ("Кузнецов", None, None)
    assert inflect_name("Кузнецов", "dative") == "Кузнецову"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "пустое"),
        ("   ", "пустое"),
        ("Smith John", "латинские"),
        ("Ивaнов Иван", "латинские"),  # a Latin «a» hidden among Cyrillic letters
        ("Иванов Иван 2", "цифры"),
        ("Иванов Иван Иванович Петров", "не больше трёх частей"),
        ("Иванов! Иван", "недопустимые знаки"),
    ],
)
def test_bad_names_are_clear_errors(text, message):
    with pytest.raises(NameFormatError, match=message) as caught:
        inflect_name(text, "dative")
    assert isinstance(caught.value, LanguageError)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, NastavnikDocsError)


def test_error_messages_do_not_repeat_the_name():
    with pytest.raises(NameFormatError) as caught:
        inflect_name("Smirnova Anna", "dative")
    assert "Smirnova" not in str(caught.value)


def test_non_string_is_rejected():
    with pytest.raises(NameFormatError):
        PersonName.parse(None)  # type: ignore[arg-type]


def test_unknown_case_is_a_value_error_naming_allowed_cases():
    with pytest.raises(UnknownCaseError, match="nominative, genitive, dative, accusative, instrumental, prepositional"):
        PersonName.parse("Ткач Анна").inflect("vocative")


def test_hyphenated_turkic_marker_reads_like_the_spaced_one():
    assert inflect_name("Мамедов Рашид Гусейн-оглы", "genitive") == "Мамедова Рашида Гусейн оглы"


def test_too_many_words_message_agrees_in_number():
    with pytest.raises(NameFormatError, match="4\u00a0слова"):
        PersonName.parse("Иванов Иван Иванович Петров")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("genitive", "Мамедова Эльдара Рза оглы"),
        ("dative", "Мамедову Эльдару Рза оглы"),
        ("instrumental", "Мамедовым Эльдаром Рза оглы"),
    ],
)
def test_the_fathers_name_before_ogly_never_declines(case, expected):
    assert inflect_name("Мамедов Эльдар Рза оглы", case) == expected


@pytest.mark.parametrize("marker", ["оглы", "улы", "уулу", "кызы", "гызы"])
def test_every_turkic_patronymic_stays_whole(marker):
    name = PersonName.parse(f"Алиев Тимур Рза {marker}")
    assert {name.inflect(case).middle for case in ALL} == {f"Рза {marker}"}


def test_gender_answers_when_it_was_not_given():
    name = PersonName.parse("Абдреева Наталья Петровна")
    assert name.gender is Gender.FEMALE
    assert name.given_gender is None
    assert PersonName.parse("Абдреев Наталья Петрович").gender is Gender.MALE


def test_given_gender_wins_and_is_kept_apart():
    name = PersonName.parse("Ткач Саша", gender="female")
    assert name.gender is Gender.FEMALE
    assert name.given_gender is Gender.FEMALE
    assert name.inflect("dative").given_gender is Gender.FEMALE
    assert PersonName.parse("Ткач Саша").gender is None


def test_inflected_names_are_those_a_checked_name_would_be():
    # an inflected form is made without checking its parts again (ru/names.py _inflected): it must equal
    # the form the checking constructor makes, for every name of the sample register and every case
    from pathlib import Path

    from nastavnik_docs.io.register import load_register

    roster = load_register(Path(__file__).parents[2] / "samples" / "register.xlsx")
    people = [*roster.mentors, *roster.mentees]
    names = {person.name for person in people} | {
        person.representative.name for person in people if person.representative is not None
    }
    assert len(names) > 150
    for text in sorted(names):
        name = PersonName.parse(text)
        for case in Case:
            fast = name.inflect(case)
            checked = PersonName(fast.last, fast.first, fast.middle, name.gender)  # as the constructor was called
            assert (fast.last, fast.first, fast.middle, fast.gender) == (
                checked.last,
                checked.first,
                checked.middle,
                checked.gender,
            ), (text, case)
            assert fast.given_gender is name.given_gender
