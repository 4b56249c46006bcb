"""The package's release, read from its installed metadata once, when first asked for.

``importlib.metadata`` takes a few hundredths of a second to import (it parses e-mail headers), so
nothing imports it until a command prints its version or writes a manifest.
"""

from __future__ import annotations

from functools import cache


@cache
def release() -> str:
    """Return the installed release, ``0.0.0`` for a source tree that is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nastavnik-docs")
    except PackageNotFoundError:
        return "0.0.0"
