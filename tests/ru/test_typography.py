from nastavnik_docs.ru import EM_DASH, EN_DASH, NBSP, number_sign, quote, typograph


def test_number_sign_has_no_break_space():
    assert number_sign(377) == f"№{NBSP}377"
    assert number_sign(" 23-02 ") == f"№{NBSP}23-02"


def test_quotes_are_yolochki_with_inner_lapki():
    assert quote("Наставничество") == "«Наставничество»"
    assert quote("МБОУ «СОШ № 5»") == "«МБОУ „СОШ № 5“»"


def test_typograph_quotes_dashes_and_number_sign(visible):
    text = 'Приказ №377 "О наставничестве" - основа работы в 2020-2024 годах'
    assert visible(typograph(text)) == (
        f"Приказ №~377 «О наставничестве»~{EM_DASH} основа работы в 2020{EN_DASH}2024 годах"
    )


def test_typograph_binds_initials_in_both_orders(visible):
    assert visible(typograph("Абдреева Н.П. и Н. П. Абдреева")) == "Абдреева~Н.~П. и Н.~П.~Абдреева"


def test_typograph_leaves_plain_text_alone():
    assert typograph("учитель начальных классов") == "учитель начальных классов"


def test_typograph_keeps_hyphens_of_dates_phones_and_standard_numbers():
    for text in ("2022-09-01", "8-800-555-35-35", "ГОСТ Р 7.0.97-2016"):
        assert typograph(text) == text
    assert typograph("стр. 5-7") == f"стр. 5{EN_DASH}7"
