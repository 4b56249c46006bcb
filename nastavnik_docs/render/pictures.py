"""Pictures a document shows (charts): PNG bytes with a width on the page and a description.

A context builder puts them under the context's ``pictures`` key; the Word renderer places them
(:mod:`.docx`), an HTML template writes ``<img src="{{ pictures.x|data_uri }}" alt="…">``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

__all__ = ["Picture", "data_uri"]


@dataclass(frozen=True, slots=True)
class Picture:
    """A PNG image, how wide it is printed, and what it shows (the alternative text of a web page)."""

    data: bytes
    width_mm: float
    description: str

    def __post_init__(self) -> None:
        if not self.data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError("a picture is a PNG image")


def data_uri(picture: Picture) -> str:
    """Return the picture as a ``data:`` address, so a page shows it without a separate file (offline too).

    >>> data_uri(Picture(b"\\x89PNG\\r\\n\\x1a\\n", 10, "пусто"))
    'data:image/png;base64,iVBORw0KGgo='
    """
    return "data:image/png;base64," + base64.b64encode(picture.data).decode("ascii")
