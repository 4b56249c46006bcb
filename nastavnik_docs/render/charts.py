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


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise RenderError(INSTALL_HINT) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as pyplot

    pyplot.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "nastavnik-docs"})
    return pyplot


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

    A missing value (None) leaves its bar out. ``unit`` is written after each value on its bar. A
    character DejaVu Sans has no glyph for (a hieroglyph, an emoji typed into a name) is drawn as a
    box, without matplotlib's warning: it is the data's, and a warning is not an error of the service.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        return _bar_chart(
            categories,
            series,
            title=title,
            description=description,
            unit=unit,
            horizontal=horizontal,
            width_mm=width_mm,
            height_mm=height_mm,
            target=target,
            target_label=target_label,
        )


def _bar_chart(
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
    pyplot = _pyplot()
    figure, axes = pyplot.subplots(figsize=(width_mm * _MM, height_mm * _MM), dpi=150)
    try:
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
        axes.margins(**({"x": 0.12} if horizontal else {"y": 0.12}))
        if target is not None:
            line = axes.axvline if horizontal else axes.axhline
            line(target, color="#c00000", linestyle="--", linewidth=1, label=target_label or None)
        axes.set_title(title, fontsize=10)
        axes.spines[["top", "right"]].set_visible(False)
        if len(series) > 1 or target_label:
            axes.legend(fontsize=8, frameon=False)
        figure.tight_layout()
        output = io.BytesIO()
        figure.savefig(output, format="png", metadata={"Software": None})
    finally:
        pyplot.close(figure)
    return Picture(output.getvalue(), width_mm, description)


def _number(value: float | int, unit: str) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text}\u00a0{unit}" if unit else text
