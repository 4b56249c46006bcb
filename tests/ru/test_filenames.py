"""File-name stems of people (ru.filenames.file_stem): the quick path for plain names gives what parsing gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik_docs.io.register import load_register
from nastavnik_docs.ru.filenames import _PLAIN_NAME, _parsed_stem, file_stem

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_a_plain_name_and_its_edges() -> None:
    assert file_stem("Соколова Ирина Игоревна") == "Соколова_ИИ"
    assert file_stem("Соколова Ирина Игоревна", latin=True) == "Sokolova_II"
    assert file_stem("Мамедов Рашид Гусейн оглы") == "Мамедов_РГ"
    assert file_stem("Алиева Айгюль Кызы") == _parsed_stem("Алиева Айгюль Кызы")  # a marker is no patronymic
    assert file_stem("Соколова-Михайлова Ирина Игоревна") == "Соколова-Михайлова_ИИ"


def test_every_name_of_the_sample_register_as_parsing_gives_it() -> None:
    roster = load_register(SAMPLES / "register.xlsx")
    names = [person.name for person in (*roster.mentors, *roster.mentees)]
    assert sum(bool(_PLAIN_NAME.fullmatch(name)) for name in names) > len(names) // 2  # the quick path is taken
    for name in names:
        assert file_stem(name) == _parsed_stem(name)[:80]


_WORDS = st.sampled_from(
    ["Иванов", "Ёлкин", "Ли", "Анна", "Петровна", "оглы", "Кызы", "Ас", "Я", "О'Нил", "Ким-Ли", "ы"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4).map(" ".join))
def test_the_quick_path_gives_what_parsing_gives(text: str) -> None:
    assert file_stem(text) == _parsed_stem(text)
