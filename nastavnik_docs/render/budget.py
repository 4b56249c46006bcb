"""What rendering one document may spend: time, loop steps, characters; and how large one value may grow.

Jinja's sandbox keeps a template away from Python's internals, not from the machine: nested
``range(100000)`` loops run for ever, ``9**(9**9)`` or ``'x' * 10**9`` take the memory. While a
document renders (a :func:`rendering` scope: the renderers open one per document through
:func:`~.environment.template_errors`, nested scopes share it), the sandbox of :mod:`.sandbox`
counts every loop step and call and every character output, and asks :func:`check_size` before an
operation that could make a value larger than :data:`MAX_CHARS`. Over a limit,
:class:`BudgetExceeded` is raised inside the template, so its line is known.

The limits are far above what real documents need. With a register of 20,000 rows (11,237 mentors,
19,906 mentees; the readers take at most 20,000 a sheet), on a loaded two-core machine: the order on
pairs, the largest Word document, outputs 18.0 million characters in 20,422 steps and 0.9 s of
template time; the survey answers workbook (31,143 people) takes 320,039 steps (its table's cells)
and 4.5 s; a consent, a few hundred steps and under a millisecond.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

__all__ = [
    "MAX_CHARS",
    "MAX_INT_BITS",
    "MAX_ITEMS",
    "MAX_SECONDS",
    "MAX_STEPS",
    "Budget",
    "BudgetExceeded",
    "check_items",
    "check_size",
    "current",
    "on_the_clock",
    "output_exceeded",
    "rendering",
    "weight",
]

MAX_SECONDS = 30.0
"""Seconds one document's templates may run (a workbook's own work between its cells is not counted)."""
MAX_STEPS = 2_000_000
"""Loop iterations and calls (macros, methods) of one document's rendering."""
MAX_CHARS = 64_000_000
"""Characters one document's rendering may output, and the size of any one value it makes (a string's
length; a list's items and the characters of its strings, each time they would print)."""
MAX_ITEMS = 1_000_000
"""Items of one list made by an operation (``[0] * n``, ``|slice(n)``)."""
MAX_INT_BITS = 14_300
"""Bits of a whole number made by ``*`` or ``**``: 4,300 decimal digits, the most Python prints."""

F = TypeVar("F", bound=Callable[..., Any])
_TIME_EVERY = 64  # steps between two looks at the clock
_MEMO_FROM = 64  # containers of this many items or more are weighed once per document


class BudgetExceeded(Exception):
    """A template went over its budget; :func:`~.environment.template_errors` says which and where.

    ``place`` is set by a renderer that knows better than a line where the template is (a workbook's cell).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.place: str | None = None


class Budget:
    """The time, steps and characters one document's rendering has spent.

    The clock runs from the budget's start; a renderer that does work of its own between templates
    (a workbook's cells) stops it with :meth:`pause` and starts it for each template with :meth:`resume`.
    """

    __slots__ = ("_check_at", "chars", "since", "spent", "steps", "weights")

    def __init__(self) -> None:
        self.weights: dict[int, tuple[Any, int]] = {}  # large containers weighed: (the container, kept alive; weight)
        self.steps = 0
        self._check_at = _TIME_EVERY
        self.chars = 0
        self.spent = 0.0
        self.since: float | None = time.monotonic()

    def elapsed(self) -> float:
        """Return the seconds the clock has run."""
        return self.spent + (time.monotonic() - self.since if self.since is not None else 0.0)

    def pause(self) -> None:
        """Stop the clock."""
        if self.since is not None:
            self.spent += time.monotonic() - self.since
            self.since = None

    def resume(self) -> None:
        """Start the clock again."""
        if self.since is None:
            self.since = time.monotonic()

    def step(self, count: int = 1) -> None:
        """Count loop iterations or calls (or a renderer's rows); over :data:`MAX_STEPS` or :data:`MAX_SECONDS`, stop."""
        self.steps += count
        if self.steps >= self._check_at:
            self._check_at = self.steps + _TIME_EVERY
            if self.steps > MAX_STEPS:
                raise BudgetExceeded(
                    f"шаблон выполняет больше {MAX_STEPS:,} повторений циклов и вызовов".replace(",", " ")
                    + " — проверьте вложенные циклы и макросы"
                )
            if self.elapsed() > MAX_SECONDS:
                raise BudgetExceeded(
                    f"шаблон заполняется дольше {MAX_SECONDS:g} с — проверьте вложенные циклы и макросы"
                )

    def output(self, size: int) -> None:
        """Count ``size`` characters output; over :data:`MAX_CHARS` in all, stop."""
        self.chars += size
        if self.chars > MAX_CHARS:
            raise output_exceeded()


def output_exceeded() -> BudgetExceeded:
    """Return the error of a document whose output is over :data:`MAX_CHARS`."""
    return BudgetExceeded(f"документ по шаблону получается больше {_millions(MAX_CHARS)} знаков")


_current: ContextVar[Budget | None] = ContextVar("nastavnik_docs_render_budget", default=None)


def current() -> Budget | None:
    """Return the budget of the document being rendered in this thread, if any."""
    return _current.get()


def on_the_clock(function: F) -> F:
    """Return ``function`` (which runs a template) run with the budget's clock going (see :meth:`Budget.pause`)."""

    @wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        budget = _current.get()
        if budget is None:
            return function(*args, **kwargs)
        budget.resume()
        try:
            return function(*args, **kwargs)
        finally:
            budget.pause()

    return timed  # type: ignore[return-value]


@contextmanager
def rendering() -> Iterator[Budget]:
    """Give the block a fresh budget, or the one already running (a scope inside a document's)."""
    running = _current.get()
    if running is not None:
        yield running
        return
    budget = Budget()
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def weight(value: Any) -> int:
    """Return about how many characters ``value`` prints as: a string's length, a container's items plus
    its elements' weights (an element listed n times counts n times); counting stops past :data:`MAX_CHARS`.

    A large container is weighed once per document (the register's rows, weighed in a loop).
    """
    budget = _current.get()
    memo = budget.weights if budget is not None else {}
    seen: dict[int, int] = {}

    def measure(item: Any) -> int:
        if isinstance(item, str | bytes):
            return len(item)
        if not isinstance(item, list | tuple | dict | set | frozenset):
            return 1
        key = id(item)
        if key in seen:
            return seen[key]
        if key in memo:
            return memo[key][1]
        total = len(item)
        for element in item.items() if isinstance(item, Mapping) else item:
            if total > MAX_CHARS:
                break
            total += measure(element)
        seen[key] = total
        if len(item) >= _MEMO_FROM:
            memo[key] = (item, total)
        return total

    return measure(value)


def check_size(size: int, what: str = "значение") -> None:
    """Refuse an operation that would make a value of more than :data:`MAX_CHARS` characters."""
    if size > MAX_CHARS:
        raise BudgetExceeded(f"{what} в шаблоне получается больше {_millions(MAX_CHARS)} знаков")


def check_items(count: int) -> None:
    """Refuse an operation that would make a list of more than :data:`MAX_ITEMS` items."""
    if count > MAX_ITEMS:
        raise BudgetExceeded(f"список в шаблоне получается больше {MAX_ITEMS:,} элементов".replace(",", " "))


def _millions(count: int) -> str:
    return f"{count / 1_000_000:.0f} млн"
