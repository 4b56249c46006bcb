"""The shape of a catalogue entry (:class:`DocumentSpec`) and of a kit (:class:`KitSpec`).

Family modules (``introduction``, ``plans``, ``pairs``…) declare their entries with these next to
the context builders that feed them; :mod:`nastavnik_docs.documents` assembles them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..models import Model
from .legal import law_on

__all__ = ["ContextBuilder", "DocumentSpec", "Items", "KitSpec", "OwnContext", "own_context"]

ContextBuilder = Callable[[Any, dict[str, Any], Path | None], dict[str, Any]]
"""(validated data, shared variables, folder of the user's wording overrides) → template context."""

OwnContext = dict[str, Any] | Callable[[], dict[str, Any]]
"""A batch document's own context, or a function that makes it where the document is rendered (a worker
process, for thousands of consents): laying out a batch then costs only its file names."""

Items = Iterable[tuple[str, OwnContext]]
"""(file-name source, own context) of every person, pair or partner of a batch document."""


def own_context(own: OwnContext) -> dict[str, Any]:
    """Return a batch document's own context, made now if it was given as a function."""
    return own() if callable(own) else own


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """What the catalogue knows of one document: where it comes from and how it is filled."""

    id: str
    title: str
    """The document's name as a list of documents writes it."""
    stage: int | str
    """The stage of the model (1…8), or the kit it belongs to (``municipal``, ``teachers``)."""
    model: type[Model]
    """What the document is made from."""
    base: Callable[[Any], dict[str, Any]]
    """The variables shared by every document made from ``model`` (org, director, period…)."""
    templates: tuple[str, ...]
    """Its template files, one per output format: ``<id>.docx``, ``<id>.xlsx``, ``<id>.html``."""
    context: ContextBuilder
    wording: tuple[str, ...] = ()
    """The wording files it reads (``content/wording/<name>.yaml``), which ``--templates`` may replace."""
    each: Callable[[Any], Items] | None = None
    """For batch documents: (file-name source, own context) for every person, pair or partner."""
    folder: str | None = None
    """For batch documents: the folder of the kit they go into, when the kit's files are named by ids."""
    plural: str = ""
    """For batch documents: their title in the plural, which names their folder in a kit named by titles
    («05 Согласия на обработку персональных данных»)."""
    count: Callable[[Any], int] | None = None
    """For batch documents: how many there will be (for a progress bar)."""
    dated: Callable[[Any], dt.date] | None = None
    """The document's own date (its order's, the approving order's…): the acts in force on it are the
    template's ``law`` (``content/data/acts.yaml``). A document without a date cites no act."""

    @property
    def formats(self) -> tuple[str, ...]:
        """Return the output formats: the suffixes of the templates (docx, xlsx, html)."""
        return tuple(name.rsplit(".", 1)[-1] for name in self.templates)

    def build_context(self, data: Any, extra: Mapping[str, Any], wording_dir: Path | None) -> dict[str, Any]:
        """Return the template context: the shared variables, ``law`` on the document's date, ``extra`` (what the
        kit adds), the document's own."""
        law = {"law": law_on(self.dated(data))} if self.dated is not None else {}
        return self.context(data, {**self.base(data), **law, **extra}, wording_dir)

    def how_many(self, data: Any) -> int:
        """Return how many documents this entry makes from ``data``: one, or one per item of a batch."""
        return self.count(data) if self.count is not None else 1


@dataclass(frozen=True, slots=True)
class KitSpec:
    """A kit: the documents one command makes, and the files they are made from."""

    name: str
    documents: tuple[str, ...]
    """Document ids, in the order of the kit."""
    model: type[Model]
    """What every document of the kit is made from."""
    samples: tuple[str, ...]
    """The bundled sample files the kit is demonstrated with: the data file, then those of the other inputs
    the kit reads, in this order: the register, the survey answers, the filled monitoring form."""
    data_model: type[Model] | None = None
    """What the data file holds, when it is not ``model`` itself (a register is combined with it)."""
    register: Literal["none", "optional", "required"] = "none"
    """Whether the kit reads the participant register of stage 4."""
    surveys: bool = False
    """Whether the kit may read the answers of the satisfaction survey (``--surveys``)."""
    monitoring: bool = False
    """Whether the kit reads a filled final monitoring form (``--monitoring``, required then)."""
    combine: Callable[..., Model] | None = None
    """How the data file's model and the register (None for a kit without one) make ``model``; the
    answers and the filled form come as the keywords ``answers`` and ``monitoring``."""
    reader: Callable[[Path], Model] | None = None
    """What reads the kit's input instead of a data file (the folder of filled forms of a collection)."""
    title: str = ""
    """The kit's name as a list of kits writes it for a coordinator (the coordinators' page)."""

    @property
    def data_file_model(self) -> type[Model]:
        """Return the model the kit's data file is validated as."""
        return self.data_model or self.model

    @property
    def inputs(self) -> tuple[str, ...]:
        """Return the kit's input files in the order of :attr:`samples`, named as ``load_kit_input`` names them:
        ``data``, then ``register``, ``surveys``, ``monitoring`` as the kit reads them."""
        kinds = ["data"]
        kinds += ["register"] if self.register != "none" else []
        kinds += ["surveys"] if self.surveys else []
        kinds += ["monitoring"] if self.monitoring else []
        return tuple(kinds)
