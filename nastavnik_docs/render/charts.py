"""Charts as pictures: bar charts drawn with matplotlib (the optional extra ``[charts]``).

Charts take plain data (categories, named series of numbers) and give a :class:`.pictures.Picture`;
the same data gives the same bytes (no time or software stamped into the PNG), in DejaVu Sans,
which has Cyrillic. matplotlib is imported when a chart is drawn, not before: documents without
charts do not need it.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from ..errors import RenderError
from .pictures import Picture

__all__ = ["INSTALL_HINT", "bar_chart"]

INSTALL_HINT = (
    "Для диаграмм нужен пакет matplotlib: установите nastavnik-docs с дополнением charts — "
    "pip install 'nastavnik-docs[charts]'."
)
_COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0")
_MM = 1 / 25.4


@cache
def _matplotlib() -> Any:
    """Return matplotlib set up once: the Agg renderer, DejaVu Sans (it has Cyrillic), no pyplot state.

    Figures are made through ``matplotlib.figure.Figure``, not pyplot, whose global figure list is
    not safe in the service's threads.
    """
    try:
        import matplotlib
    except ImportError:
        raise RenderError(INSTALL_HINT) from None
    matplotlib.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "nastavnik-docs"})
    return matplotlib


@cache
def _glyphs() -> frozenset[int]:
    """Return the characters the chart font can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap())


def _drawable(text: str) -> str:
    """Return ``text`` as the chart draws it whatever the data holds: a character the font lacks as «□», a tab
    as a space, and «$» as itself (matplotlib would read «$…$» as a formula)."""
    glyphs = _glyphs()
    text = text.replace("\t", " ")
    drawn = "".join(c if ord(c) in glyphs or c == "\n" else "\u25a1" for c in text)
    return drawn.replace("$", "\\$")


def bar_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | int | None]],
    *,
    title: str,
    description: str,
    unit: str = "",
    horizontal: bool = False,
    width_mm: float = 160,
    height_mm: float = 90,
    target: float | None = None,
    target_label: str = "",
) -> Picture:
    """Return a bar chart of ``series`` (name → a value per category), grouped; ``target`` draws a line.

    A missing value (None) leaves its bar out. ``unit`` is written after each value on its bar.
    """
    _matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_mm * _MM, height_mm * _MM), dpi=150)
    axes = figure.subplots()
    categories = [_drawable(str(category)) for category in categories]
    series = {_drawable(name): values for name, values in series.items()}
    title, target_label = _drawable(title), _drawable(target_label)
    count = max(len(series), 1)
    width = 0.8 / count
    positions = range(len(categories))
    for index, (name, values) in enumerate(series.items()):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        shown = [(o, v) for o, v in zip(offsets, values, strict=True) if v is not None]
        draw = axes.barh if horizontal else axes.bar
        bars = draw([o for o, _ in shown], [v for _, v in shown], width, label=name, color=_COLOURS[index % 5])
        axes.bar_label(bars, labels=[_number(v, unit) for _, v in shown], fontsize=7, padding=2)
    if horizontal:
        axes.set_yticks(list(positions), labels=list(categories))
        axes.invert_yaxis()
    else:
        axes.set_xticks(
            list(positions),
            labels=list(categories),
            rotation=30 if len(categories) > 4 else 0,
            ha="right" if len(categories) > 4 else "center",
        )
    # room above the longest bar for its value and the legend
    if horizontal:
        axes.margins(x=0.12)
    else:
        axes.margins(y=0.12)
    if target is not None:
        line = axes.axvline if horizontal else axes.axhline
        line(target, color="#c00000", linestyle="--", linewidth=1, label=target_label or None)
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1 or target_label:
        axes.legend(fontsize=8, frameon=False)
    output = io.BytesIO()
    with warnings.catch_warnings():
        # the legend's best place is found as the figure is drawn, and matplotlib warns when that took a
        # second — on a busy machine, whatever the data; the place found is the same
        warnings.filterwarnings("ignore", message="Creating legend with loc=.best. can be slow")
        figure.tight_layout()
        figure.savefig(output, format="png", metadata={"Software": None})
    return Picture(output.getvalue(), width_mm, description)


def _number(value: float | int, unit: str) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text}\u00a0{unit}" if unit else text
