"""Numbers in Russian: plural agreement (babel's plural rules) and numbers in words (num2words)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from babel import Locale

from ..errors import LanguageError
from .grammar import Case, Gender, parse_case
from .typography import NBSP

__all__ = ["amount_to_words", "number_to_words", "percent", "plural"]

_GENDER_CODE = {
    "male": "m",
    "м": "m",
    "муж": "m",
    "мужской": "m",
    "female": "f",
    "ж": "f",
    "жен": "f",
    "женский": "f",
    "neuter": "n",
    "с": "n",
    "ср": "n",
    "средний": "n",
}
_RUBLES = ("рубль", "рубля", "рублей")
_KOPECKS = ("копейка", "копейки", "копеек")


@cache
def _locale() -> Locale:
    return Locale("ru")


def _forms(forms: str | tuple[str, ...] | list[str]) -> tuple[str, str, str]:
    items = tuple(f.strip() for f in forms.split(",")) if isinstance(forms, str) else tuple(forms)
    if len(items) != 3 or not all(items):
        raise LanguageError("Ожидаются три формы слова: для 1, для 2 и для 5 — например «год,года,лет».")
    one, few, many = items
    return one, few, many


def plural(
    n: int | float | Decimal,
    forms: str | tuple[str, ...] | list[str],
    *,
    number: bool = True,
    space: str = NBSP,
) -> str:
    """Return ``n`` with the word form that agrees with it (forms for 1, 2 and 5).

    The number and the word are joined by a no-break space (``space=" "`` for a message on a
    console); ``number=False`` returns the word alone.

    >>> [plural(n, "год,года,лет").replace("\\u00a0", " ") for n in (1, 2, 5, 11, 21)]
    ['1 год', '2 года', '5 лет', '11 лет', '21 год']
    >>> plural(3, ("участник", "участника", "участников"), number=False)
    'участника'
    >>> plural(2, "ошибка,ошибки,ошибок", space=" ")
    '2 ошибки'
    """
    one, few, many = _forms(forms)
    category = _locale().plural_form(n)
    word = {"one": one, "few": few, "many": many}.get(category, few)  # "other": 1,5 года
    if not number:
        return word
    return f"{_format_number(n)}{space}{word}"


def percent(part: int | float | Decimal, whole: int | float | Decimal, *, digits: int = 1) -> float | None:
    """Return ``part`` of ``whole`` in %, rounded half up to ``digits`` decimals as Excel's ROUND does; None of nothing.

    >>> percent(1, 3), percent(7, 8), percent(1, 400), percent(3, 0)
    (33.3, 87.5, 0.3, None)
    """
    if not whole:
        return None
    value = Decimal(str(part)) * 100 / Decimal(str(whole))
    return float(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def number_to_words(n: int, *, gender: str | Gender = "male", case: str | Case = Case.NOMINATIVE) -> str:
    """Return the whole number ``n`` in words, agreeing in gender (``male``, ``female``, ``neuter``) and case.

    >>> number_to_words(21)
    'двадцать один'
    >>> number_to_words(2, gender="female")
    'две'
    >>> number_to_words(5, case="genitive")
    'пяти'
    """
    value = _whole(n)
    code = _GENDER_CODE.get(str(gender).strip().lower().rstrip("."))
    if code is None:
        raise LanguageError(f"Неизвестный род числительного «{gender}». Допустимые значения: male, female, neuter.")
    from num2words import num2words  # imported when first needed: it loads all of its fifty languages

    return num2words(value, lang="ru", gender=code, case=parse_case(case).value, animate=False)


def amount_to_words(amount: int | float | str | Decimal) -> str:
    """Return a sum in roubles as agreements write it: figures, then words in brackets.

    >>> amount_to_words("1252.35").replace("\\u00a0", " ")
    '1 252 (одна тысяча двести пятьдесят два) рубля 35 копеек'
    >>> amount_to_words(1).replace("\\u00a0", " ")
    '1 (один) рубль 00 копеек'
    """
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise LanguageError("Ожидается сумма числом, например 1252.35.") from None
    if value < 0:
        raise LanguageError("Сумма не может быть отрицательной.")
    rubles = int(value)
    kopecks = int((value - rubles) * 100)
    from num2words import num2words

    words = num2words(rubles, lang="ru")
    return (
        f"{_format_number(rubles)} ({words}){NBSP}{plural(rubles, _RUBLES, number=False)} "
        f"{kopecks:02d}{NBSP}{plural(kopecks, _KOPECKS, number=False)}"
    )


def _whole(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int | Decimal | float | str):
        raise LanguageError("Ожидается целое число.")
    try:
        value = Decimal(str(n))
    except InvalidOperation:
        raise LanguageError(f"Ожидается целое число, получено «{n}».") from None
    if value != value.to_integral_value():
        raise LanguageError(f"Ожидается целое число, получено «{n}».")
    return int(value)


def _format_number(n: int | float | Decimal) -> str:
    """Return ``n`` with thin grouping as Russian documents write it: ``1 252``, ``1,5``."""
    if isinstance(n, int) or (isinstance(n, Decimal | float) and n == int(n)):
        return f"{int(n):,}".replace(",", NBSP)
    return str(n).replace(".", ",")
