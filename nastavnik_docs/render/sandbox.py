"""Jinja's immutable sandbox with a budget: every template runs here, within the limits of :mod:`.budget`.

What the sandbox is taught, by the means Jinja offers for it (the sandbox's intercepted operators,
its ``call`` and ``wrap_str_format``, the environment's ``concat`` and code generator, filters):

* loops (``{% for %}``) and calls count steps against the document's budget and its deadline;
* output counts characters, inside macros and ``{% set %}`` blocks too;
* an operation that makes a value from a number — ``*`` (``'x' * n``, ``[0] * n``, a product of
  whole numbers), ``**``, ``%`` and ``|format`` widths, ``+``, ``~``, list and dict literals,
  ``center``/``ljust``/``rjust``/``zfill``/``expandtabs``/``replace``/``join``/``format`` of
  strings, the filters ``center``, ``indent``, ``join``, ``replace``, ``wordwrap``, ``batch``,
  ``slice``, ``sum`` and the ``lipsum`` global — is measured before it runs, and refused over
  :data:`~.budget.MAX_CHARS` (or :data:`~.budget.MAX_ITEMS`, :data:`~.budget.MAX_INT_BITS`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from copy import copy
from functools import cache, lru_cache, update_wrapper
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import nodes, pass_environment, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup, escape

from .budget import (
    MAX_CHARS,
    MAX_INT_BITS,
    BudgetExceeded,
    check_items,
    check_size,
    current,
    output_exceeded,
    weight,
)

__all__ = ["BudgetedSandbox"]

# a printf conversion: flags, width, precision (Python's «%» on strings, Jinja's |format)
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")
_STRINGS = str | bytes


_DICT_NAMES = frozenset(dir(dict))
_PACED = "_paced"  # the filter every loop's iterable goes through (a filter: called directly, not through call)


class _BudgetedCode(CodeGenerator):
    """Jinja's code generator, with loops, concatenations, literals and buffered output measured."""

    def pull_dependencies(self, nodes_: Iterable[nodes.Node]) -> None:
        found = list(nodes_)
        if any(isinstance(node, nodes.For) or any(True for _ in node.find_all(nodes.For)) for node in found):
            found.append(nodes.Filter(nodes.Const(None), _PACED, [], [], None, None))
        super().pull_dependencies(found)

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        paced = copy(node)  # the loop over iterable|_paced: its items cost steps
        paced.iter = nodes.Filter(node.iter, _PACED, [], [], None, None, lineno=node.lineno)
        super().visit_For(paced, frame)

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        """Write ``a.b`` of a plain dict as the key's lookup in place, without a call (what :meth:`BudgetedSandbox.getattr`
        does first: a batch document reads some seventy keys); anything else goes to the sandbox's ``getattr``."""
        if self.environment.is_async or node.attr in _DICT_NAMES:
            super().visit_Getattr(node, frame)
            return
        key = repr(node.attr)
        self.write(f"(_t[{key}] if type(_t := ")
        self.visit(node.node, frame)
        self.write(f") is dict and {key} in _t else environment.getattr(_t, {key}))")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.weighed(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.weighed(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # a target of assignment: names, not a value
            super().visit_Tuple(node, frame)
            return
        self.write("environment.weighed(")
        super().visit_Tuple(node, frame)
        self.write(")")

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.buffer is not None:  # a macro's or a block's output: counted as it is made
            self.write("environment.counted(")
        if _at_once(frame, finalize):
            self.write("environment.printed(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if _at_once(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)
        if frame.buffer is not None:
            self.write(")")


def _at_once(frame: Frame, finalize: Any) -> bool:
    """Return whether a printed value's ``escape(environment.finalize(value))`` is written as one call
    (:func:`_escaped`): in an escaped template whose finalize takes the value alone."""
    return finalize.src == "environment.finalize(" and frame.eval_ctx.autoescape and not frame.eval_ctx.volatile


@cache
def _escaped(finalize: Callable[[Any], Any]) -> Callable[[Any], Markup]:
    """Return ``escape(finalize(value))`` as one function: what an escaped template does to every value it prints.

    A string's result is kept (a batch prints the school's name and dates in every document), so
    ``finalize`` must give the same for the same string; environments with one finalize share one printer.
    """

    @lru_cache(maxsize=16384)
    def string(value: str) -> Markup:
        return escape(finalize(value))

    def printed(value: Any) -> Markup:
        return string(value) if type(value) is str else escape(finalize(value))

    return printed


def _paced(iterable: Any) -> Any:
    """Return a loop's iterable, its items counted as steps: a list's all at once, a generator's one by one."""
    budget = current()
    if budget is None:
        return iterable
    try:
        count = len(iterable)
    except TypeError:
        return _stepping(iterable, budget.step)
    budget.step(count)
    return iterable


def _stepping(items: Iterable[Any], step: Callable[[], None]) -> Iterator[Any]:
    for item in items:
        step()
        yield item


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox whose templates spend within the budget of :mod:`.budget`."""

    code_generator_class = _BudgetedCode
    intercepted_binops = frozenset({"+", "*", "**", "%"})
    # «-x» and «+x» make nothing larger than x: not intercepted (intercepted_unops stays empty)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.concat = self._concat  # type: ignore[method-assign]
        if self.finalize is not None:
            self.printed = _escaped(self.finalize)
        self.filters.update(_GUARDED_FILTERS)
        self.filters[_PACED] = _paced
        self.globals["lipsum"] = _lipsum

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """Return a template's globals as one dict, not Jinja's ChainMap over the environment's: every
        render copies them key by key, and a workbook renders a template per cell (the environment's
        globals are set here, before any template is made, and never changed)."""
        return {**self.globals, **(d or {})}

    # --- called by the generated code -------------------------------------------------------------

    def sized(self, value: Any) -> Any:
        """Return the result of ``~`` if it is within :data:`~.budget.MAX_CHARS`."""
        check_size(len(value), "строка")
        return value

    def weighed(self, value: Any) -> Any:
        """Return a list, tuple or dict literal if what it holds is within :data:`~.budget.MAX_CHARS`."""
        check_size(weight(value), "список")
        return value

    def counted(self, value: Any) -> Any:
        """Return a piece of a macro's or a block's output, counted against the document's characters."""
        budget = current()
        if budget is not None:
            budget.output(len(value))
        return value

    def _concat(self, parts: Iterable[str]) -> str:
        """Join output: a template's, counted piece by piece (stopping inside the template when over), or a
        buffer's (its pieces already counted as they were made)."""
        if isinstance(parts, list):
            check_size(sum(map(len, parts)), "текст")
            return "".join(parts)
        budget = current()
        limit = MAX_CHARS - (budget.chars if budget is not None else 0)
        pieces: list[str] = []
        keep = pieces.append
        total = 0
        for piece in parts:
            total += len(piece)
            if total > limit:
                exceeded = output_exceeded()
                throw = getattr(parts, "throw", None)
                if throw is not None:
                    throw(exceeded)  # raised where the template is, so that its line is known
                raise exceeded
            keep(piece)
        if budget is not None:
            budget.chars += total
        return "".join(pieces)

    # --- the sandbox's own hooks ------------------------------------------------------------------

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return ``obj.attribute`` as Jinja's sandbox does, reading a plain dict's key first.

        Jinja tries the attribute first and, for a dict, catches the AttributeError before it reads the
        key: a tenth of a batch document's rendering went to those exceptions. A key named like a dict
        method (``items``, ``keys``…) still gives the method, as in Jinja.
        """
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%":
            if isinstance(left, _STRINGS):
                _check_printf(left, right)
        elif operator == "+" and isinstance(left, _STRINGS | list | tuple):
            if isinstance(left, list | tuple) and isinstance(right, list | tuple):
                check_items(len(left) + len(right))
            check_size(weight(left) + weight(right), "значение")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = current()
        if budget is not None:
            budget.step()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, _STRINGS):
            name = getattr(__obj, "__name__", "")
            if name in ("format", "format_map"):  # a plain str.format that escaped getattr (|attr in Jinja < 3.1.6)
                __obj = __self.wrap_str_format(__obj) or __obj
            args = _check_string_method(owner, name, args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = str(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format_fields(template, args, kwargs)
            return wrapped(*args, **kwargs)

        return update_wrapper(checked, value)


# --- measuring before doing -----------------------------------------------------------------------


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded(f"число в шаблоне получается длиннее {MAX_INT_BITS} бит")
        return
    sequence, count = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(count, int) and isinstance(sequence, _STRINGS | list | tuple) and count > 0:
        if not isinstance(sequence, _STRINGS):
            check_items(len(sequence) * count)
        check_size(weight(sequence) * count)


def _check_power(base: Any, exponent: Any) -> None:
    growing = isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1
    if growing and (abs(base).bit_length() - 1) * exponent > MAX_INT_BITS:
        raise BudgetExceeded(f"число в шаблоне получается длиннее {MAX_INT_BITS} бит")


def _check_width(width: Any, size: int = 0) -> None:
    if isinstance(width, int):
        check_size(max(width, size))


def _check_printf(template: str | bytes, values: Any) -> None:
    """Refuse a printf format whose widths or precisions (given, or taken from the values) are too large."""
    text = template.decode("latin-1") if isinstance(template, bytes) else template
    numbers = [int(item) for match in _PRINTF.finditer(text) for item in match.groups() if item and item != "*"]
    if "*" in text:
        numbers += [value for value in (values if isinstance(values, tuple) else (values,)) if isinstance(value, int)]
    for number in numbers:
        check_size(number)


def _check_format_fields(template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a ``str.format`` whose fields ask for too large a width or precision."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # str.format raises the same error itself
    for _, _, spec, _ in fields:
        for digits in _DIGITS.findall(spec or ""):
            check_size(int(digits))
        if spec and "{" in spec:  # the width comes from the arguments
            for value in (*args, *kwargs.values()):
                if isinstance(value, int):
                    check_size(value)


def _check_string_method(text: str | bytes, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a string method that would make too long a string; return the arguments to call it with."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0], len(text))
    elif name == "expandtabs":
        tab = args[0] if args and isinstance(args[0], int) else 8
        tabs = text.count("\t") if isinstance(text, str) else text.count(b"\t")
        check_size(len(text) + max(tab, 0) * tabs)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], _STRINGS) and isinstance(args[1], _STRINGS):
        check_size(_replaced_size(text, args[0], args[1], args[2] if len(args) > 2 else None))
    elif name == "join" and args:
        items = list(args[0])
        check_size(weight(items) + len(text) * max(len(items) - 1, 0))
        return (items, *args[1:])
    return args


def _replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


# --- filters that make a value from a number: measured first, then Jinja's own ------------------------


def _center(value: str, width: int = 80) -> str:
    _check_width(width)
    return jinja_filters.do_center(value, width)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_printf(str(value), tuple(args) or kwargs)
    return jinja_filters.do_format(value, *args, **kwargs)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    lines = str(s).count("\n") + 1
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    check_size(len(str(s)) + max(step, 0) * lines)
    return jinja_filters.do_indent(s, width, first, blank)


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    items = list(value)
    check_size(weight(items) + len(str(d)) * max(len(items) - 1, 0))
    return jinja_filters.sync_do_join(eval_ctx, items, d, attribute)


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None) -> str:
    check_size(_replaced_size(str(s), str(old), str(new), count))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


@pass_environment
def _wordwrap(
    environment: Any,
    s: str,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    text = str(s)
    lines = len(text) // max(width, 1) + text.count("\n") + 1 if isinstance(width, int) else len(text)
    check_size(len(text) + lines * len(wrapstring or environment.newline_sequence))
    return jinja_filters.do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    if fill_with is not None and isinstance(linecount, int):
        check_items(linecount)
        check_size(weight(fill_with) * linecount)
    return jinja_filters.do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Iterator[list[Any]]:
    if isinstance(slices, int):
        check_items(slices)
        check_size(weight(fill_with) * slices if fill_with is not None else 0)
    return jinja_filters.sync_do_slice(value, slices, fill_with)


@pass_environment
def _sum(environment: Any, iterable: Iterable[Any], attribute: str | int | None = None, start: Any = 0) -> Any:
    if not isinstance(start, int | float):
        raise TypeError("фильтр sum складывает числа: start должен быть числом")
    return jinja_filters.sync_do_sum(environment, iterable, attribute, start)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # Jinja's names
    check_size(n * max * 12 if isinstance(n, int) and isinstance(max, int) else 0, "текст-заполнитель")
    return generate_lorem_ipsum(n, html, min, max)


_GUARDED_FILTERS: dict[str, Callable[..., Any]] = {
    "batch": _batch,
    "center": _center,
    "format": _format,
    "indent": _indent,
    "join": _join,
    "replace": _replace,
    "slice": _slice,
    "sum": _sum,
    "wordwrap": _wordwrap,
}
