"""The layout of the Excel questionnaire, made from a data file's model so that it never drifts from it.

The mapping, in one place:

* every single value reachable from the model through nested sections (the organisation, its
  director, the orders, the programme, the monitoring…) is one row of the sheet «Анкета»: a
  label, the value, an explanation (the field's description) and, in a hidden column, its path;
  a nested section is a heading row; a mapping with fixed keys (a name in the cases) is a row per key;
* every list is a sheet of its own with a row per item: a list of sections (the team, the events,
  the staff…) has a column per field, the fields of a section inside an item flattened into
  columns «Руководитель: ФИО» (the news: «Дата новости», «Текст новости»); a list of plain values (the forms of mentorship) has one
  column; a mapping with free keys (the partners) has two; a list or a mapping inside an item is
  one cell, «a; b» or «2026: 10; 2027: 25»;
* a list of sections inside an item (the measures of a roadmap section, the mentees of a pair,
  the indicators of a participant) continues on the following rows: the item's own columns are
  filled in its first row and the nested item's columns in every row.

Labels come from the fields' descriptions (up to the first colon, comma or bracket) unless
``content/data/questionnaire.yaml`` gives a shorter one; the words of the workbook are there too.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ...content import content_data
from ...models import Choices, Model, MunicipalData, SchoolData, TeachersData

__all__ = ["KINDS", "Field", "Heading", "Layout", "ListSheet", "layout_of", "words"]

KINDS: Mapping[str, type[Model]] = {"school": SchoolData, "municipality": MunicipalData, "teachers": TeachersData}
"""The questionnaires by kind (``nastavnik-docs datafile template KIND``) and the model each holds."""

Path = tuple[str, ...]
_SHEET_TITLE = 31  # Excel's limit
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")


def words() -> dict[str, Any]:
    """Return the words of the questionnaire (``content/data/questionnaire.yaml``)."""
    return content_data("questionnaire.yaml")


@dataclass(frozen=True, slots=True)
class Field:
    """A value in one cell: a row of the form, or a column of a list sheet."""

    path: Path
    """Keys from the form's root, or from the list's item (empty for a list of plain values)."""
    label: str
    explain: str
    kind: str
    """``text``, ``long``, ``int``, ``float``, ``date``, ``date_or_text``, ``bool`` or ``choice``."""
    required: bool
    many: bool = False
    """A list of values in the cell, separated by «;»."""
    mapping: bool = False
    """A mapping in the cell: «ключ: значение; ключ: значение» (keys are whole numbers)."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, as shown) of a value from a list."""
    low: float | None = None
    high: float | None = None

    @property
    def header(self) -> str:
        """Return the label as the sheet shows it: «*» after a required field."""
        return f"{self.label}*" if self.required else self.label


@dataclass(frozen=True, slots=True)
class Heading:
    """A nested section of the form: a heading row above its fields."""

    path: Path
    label: str
    explain: str
    required: bool
    depth: int


@dataclass(frozen=True, slots=True)
class ListSheet:
    """A list of the data on a sheet of its own: a row per item (and per nested item)."""

    title: str
    path: Path
    """The list's path from the root of the data."""
    label: str
    explain: str
    required: bool
    item: str
    """``model`` (a column per field), ``value`` (one column) or ``pair`` (key and value of a mapping)."""
    columns: tuple[Field, ...]
    child: Path | None = None
    """The path, in an item, of the list of sections continued on the following rows."""
    child_label: str = ""
    child_columns: tuple[Field, ...] = ()

    @property
    def all_columns(self) -> tuple[Field, ...]:
        """Return the item's columns, then the nested item's."""
        return self.columns + self.child_columns


@dataclass(frozen=True, slots=True)
class Layout:
    """A questionnaire: the form's rows and the list sheets, for the model of ``kind``."""

    kind: str
    model: type[Model]
    form: tuple[Heading | Field, ...]
    lists: tuple[ListSheet, ...]

    def fields(self) -> Iterator[Path]:
        """Yield the path from the root of every value the questionnaire holds (list items as ``[]``)."""
        for row in self.form:
            if isinstance(row, Field):
                yield row.path
        for sheet in self.lists:
            for column in sheet.columns:
                yield (*sheet.path, "[]", *column.path)
            for column in sheet.child_columns:
                yield (*sheet.path, "[]", *(sheet.child or ()), "[]", *column.path)


# --- types ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Type:
    core: Any
    optional: bool
    metadata: tuple[Any, ...]


def _unwrap(annotation: Any, metadata: tuple[Any, ...] = ()) -> _Type:
    """Return the type under Optional and Annotated, with the metadata gathered on the way."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata = (*metadata, *extra)
        elif origin in (Union, types.UnionType):
            arguments = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(arguments) < len(get_args(annotation))
            if len(arguments) != 1:
                return _Type(tuple(arguments), optional, metadata)
            annotation = arguments[0]
        else:
            return _Type(annotation, optional, metadata)


def _is_model(core: Any) -> bool:
    return isinstance(core, type) and issubclass(core, BaseModel)


def _shape(core: Any) -> str:
    """Return what a type is: ``model``, ``list``, ``dict`` or ``value``."""
    if _is_model(core):
        return "model"
    origin = get_origin(core)
    if origin in (list, tuple, set, frozenset):
        return "list"
    if origin is dict:
        return "dict"
    return "value"


def _bound(metadata: tuple[Any, ...], kind: type) -> float | None:
    for item in metadata:
        if isinstance(item, annotated_types.Ge) and kind is annotated_types.Ge:
            return float(item.ge)  # type: ignore[arg-type]
        if isinstance(item, annotated_types.Le) and kind is annotated_types.Le:
            return float(item.le)  # type: ignore[arg-type]
    return None


def _value_kind(core: Any, metadata: tuple[Any, ...]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return the kind of a single value and its choices (value, as shown)."""
    marks = [item for item in metadata if isinstance(item, Choices)]
    if marks:
        return "choice", tuple(marks[-1].values().items())
    if isinstance(core, tuple):  # a union: a date or an offset in words
        return ("date_or_text" if dt.date in core else "text"), ()
    if get_origin(core) is Literal:
        return "choice", tuple((str(v), str(v)) for v in get_args(core))
    if isinstance(core, type) and issubclass(core, enum.Enum):
        return "choice", tuple((str(m.value), str(m.value)) for m in core)
    if core is bool:
        return "bool", ()
    if core is int:
        return "int", ()
    if core is float:
        return "float", ()
    if core is dt.date:
        return "date", ()
    longest = max((item.max_length for item in metadata if isinstance(item, annotated_types.MaxLen)), default=0)
    return ("long" if longest > 500 else "text"), ()


def _choice_labels(key: str, choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    shown = words()["choice_labels"].get(key, {})
    return tuple((value, shown.get(value, label)) for value, label in choices)


# --- labels --------------------------------------------------------------------------------------------------

_LABEL_END = re.compile(r"[:(;,]| — |\.\s|\.$")


def _label(model: type[BaseModel], key: str, info: FieldInfo) -> str:
    """Return a field's short label: from the words file, else its description up to a colon, comma or bracket."""
    labels = words()["labels"]
    for owner in model.__mro__:
        found = labels.get(f"{owner.__name__}.{key}")
        if found:
            return str(found)
    text = (info.description or key).strip()
    return _LABEL_END.split(text, maxsplit=1)[0].strip() or text


def _explain(info: FieldInfo, kind: str, *, many: bool = False, mapping: bool = False) -> str:
    said = words()["explain"]
    parts = [(info.description or "").strip()]
    if kind in ("date", "date_or_text", "bool", "choice"):
        parts.append(said[kind])
    if many:
        parts.append(said["many"])
    if mapping:
        parts.append(said["mapping"])
    default = info.get_default(call_default_factory=True) if not info.is_required() else None
    if isinstance(default, str | int | float) and not isinstance(default, bool) and default != "":
        parts.append(said["default"].format(value=default))
    return " ".join(p for p in parts if p)


# --- the walk ------------------------------------------------------------------------------------------------


def _key(name: str, info: FieldInfo) -> str:
    return info.alias or name


def _cell(
    model: type[BaseModel], name: str, info: FieldInfo, path: Path, prefix: str = "", *, required: bool | None = None
) -> Field:
    """Return the cell of a field holding a value, a list of values or a mapping."""
    kind = _unwrap(info.annotation, tuple(info.metadata))
    key = _key(name, info)
    label = prefix + _label(model, key, info)
    required = info.is_required() if required is None else required
    shape = _shape(kind.core)
    if shape in ("list", "dict"):
        arguments = get_args(kind.core)
        item = _unwrap(arguments[-1])
        value_kind, choices = _value_kind(item.core, item.metadata)
        choices = _choice_labels(f"{model.__name__}.{key}", choices)
        many = shape == "list"
        return Field(
            path,
            label,
            _explain(info, value_kind, many=many, mapping=not many),
            value_kind,
            required,
            many=many,
            mapping=not many,
            choices=choices,
        )
    value_kind, choices = _value_kind(kind.core, kind.metadata)
    owner = kind.core.__name__ if isinstance(kind.core, type) and issubclass(kind.core, enum.Enum) else None
    choices = _choice_labels(owner or f"{model.__name__}.{key}", choices)
    return Field(
        path,
        label,
        _explain(info, value_kind),
        value_kind,
        required,
        choices=choices,
        low=_bound(kind.metadata, annotated_types.Ge),
        high=_bound(kind.metadata, annotated_types.Le),
    )


def _columns(
    model: type[BaseModel], path: Path = (), prefix: str = "", *, required: bool = True
) -> tuple[list[Field], Path | None, Any]:
    """Return the columns of a list item of ``model``, and the path and model of its nested list of sections.

    A section that may be left out (``required=False``) has no required column.
    """
    columns: list[Field] = []
    child: Path | None = None
    child_model: Any = None
    for name, info in model.model_fields.items():
        key = _key(name, info)
        kind = _unwrap(info.annotation)
        shape = _shape(kind.core)
        if shape == "model":
            inner, deeper, deeper_model = _columns(
                kind.core,
                (*path, key),
                f"{prefix}{_label(model, key, info)}: ",
                required=required and info.is_required() and not kind.optional,
            )
            columns += inner
            if deeper is not None:
                child, child_model = deeper, deeper_model
        elif shape == "list" and _is_model(_unwrap(get_args(kind.core)[0]).core):
            if child is not None:
                raise TypeError(f"{model.__name__}: one nested list of sections per list item at most")
            child, child_model = (*path, key), (_unwrap(get_args(kind.core)[0]).core, model, name, info)
        else:
            columns.append(_cell(model, name, info, (*path, key), prefix, required=required and info.is_required()))
    return columns, child, child_model


def _sheet_title(path: Path, label: str) -> str:
    title = words()["sheets"].get(".".join(path)) or label
    return _NOT_IN_TITLE.sub("", title)[:_SHEET_TITLE].strip()


def _list_sheet(model: type[BaseModel], name: str, info: FieldInfo, path: Path) -> ListSheet:
    kind = _unwrap(info.annotation)
    label = _label(model, path[-1], info)
    required = info.is_required()
    title = _sheet_title(path, label)
    explain = (info.description or "").strip()
    if _shape(kind.core) == "dict":
        key_label = _label(model, f"{path[-1]}.key", info)
        value_label = _label(model, f"{path[-1]}.value", info)
        value_kind, _ = _value_kind(_unwrap(get_args(kind.core)[1]).core, _unwrap(get_args(kind.core)[1]).metadata)
        columns = (Field(("key",), key_label, "", "text", True), Field(("value",), value_label, "", value_kind, True))
        return ListSheet(title, path, label, explain, required, "pair", columns)
    item = _unwrap(get_args(kind.core)[0])
    if not _is_model(item.core):
        value_kind, choices = _value_kind(item.core, item.metadata)
        choices = _choice_labels(f"{model.__name__}.{path[-1]}", choices)
        column = Field((), label, _explain(info, value_kind), value_kind, True, choices=choices)
        return ListSheet(title, path, label, explain, required, "value", (column,))
    fields, child, child_model = _columns(item.core)
    if child is None:
        return ListSheet(title, path, label, explain, required, "model", tuple(fields))
    child_core, owner, _, child_info = child_model
    child_label = _label(owner, child[-1], child_info)
    inner, deeper, _ = _columns(child_core, (), f"{child_label}: ")
    if deeper is not None:
        raise TypeError(f"{child_core.__name__}: lists of sections nest two levels deep at most")
    return ListSheet(title, path, label, explain, required, "model", tuple(fields), child, child_label, tuple(inner))


def _walk(model: type[BaseModel], path: Path, depth: int, form: list[Heading | Field], lists: list[ListSheet]) -> None:
    for name, info in model.model_fields.items():
        key = _key(name, info)
        kind = _unwrap(info.annotation)
        shape = _shape(kind.core)
        here = (*path, key)
        if shape == "model":
            form.append(
                Heading(here, _label(model, key, info), (info.description or "").strip(), info.is_required(), depth)
            )
            _walk(kind.core, here, depth + 1, form, lists)
        elif shape == "dict" and get_origin(get_args(kind.core)[0]) is Literal:
            form.append(Heading(here, _label(model, key, info), (info.description or "").strip(), False, depth))
            labels = dict(
                _choice_labels(
                    f"{model.__name__}.{key}", tuple((str(k), str(k)) for k in get_args(get_args(kind.core)[0]))
                )
            )
            value_kind, _ = _value_kind(_unwrap(get_args(kind.core)[1]).core, ())
            for each, shown in labels.items():
                form.append(Field((*here, each), shown, "", value_kind, False))
        elif shape in ("list", "dict"):
            lists.append(_list_sheet(model, name, info, here))
        else:
            form.append(_cell(model, name, info, here))


@cache
def layout_of(kind: str) -> Layout:
    """Return the questionnaire of ``kind`` (``school``, ``municipality``, ``teachers``)."""
    model = KINDS[kind]
    form: list[Heading | Field] = []
    lists: list[ListSheet] = []
    _walk(model, (), 0, form, lists)
    return Layout(kind, model, tuple(form), tuple(lists))


class QuestionnaireData(dict[str, Any]):
    """What a filled questionnaire holds, as a data file would: a mapping that knows its model and kind."""

    def __init__(self, content: dict[str, Any], *, model: type[Model], kind: str) -> None:
        super().__init__(content)
        self.model = model
        self.kind = kind


def questionnaire_kind(model: type) -> str | None:
    """Return the kind of questionnaire that holds ``model`` (``school``…), or None if none does."""
    return next((kind for kind, holds in KINDS.items() if holds is model), None)
