"""The manifest of a kit: which files a run made, so that ``--force`` knows what it may replace.

Every folder a kit is written to holds :data:`MANIFEST` (JSON): the program and its
version, the kits, and every file with its document, size and SHA-256. ``--force`` replaces a folder
only when its manifest lists every file in it — a file the user put there is never deleted — and
an inspector can check that no document was changed after it was made.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..version import release

__all__ = ["MANIFEST", "Digest", "file_digest", "foreign_files", "manifest_bytes"]

MANIFEST = ".nastavnik-docs.json"
_FORMAT = 1


Digest = tuple[int, str]
"""A file's size and SHA-256 (hex)."""


def file_digest(data: bytes) -> Digest:
    """Return the size and SHA-256 of a file's bytes, as the manifest lists them."""
    return len(data), hashlib.sha256(data).hexdigest()


def manifest_bytes(
    folder: Path,
    names: Iterable[str],
    documents: Mapping[str, str],
    kits: Iterable[str],
    digests: Mapping[str, Digest] | None = None,
) -> bytes:
    """Return the manifest of the files ``names`` lying in ``folder`` (sorted: the same kit, the same bytes).

    ``digests`` are those already taken of the files as they were written; the others are read from the folder.
    """
    files = []
    for name in sorted(set(names)):
        known = (digests or {}).get(name)
        size, sha256 = known if known is not None else file_digest((folder / name).read_bytes())
        files.append(_ENTRY.format(_string(name), _string(documents.get(name, "")), int(size), _string(sha256)))
    body = {"format": _FORMAT, "generator": f"nastavnik-docs {release()}", "kits": sorted(set(kits)), "files": []}
    text = json.dumps(body, ensure_ascii=False, indent=1)
    if files:  # the list written entry by entry, as json.dumps(indent=1) writes it: a batch lists thousands
        text = text[: -len(_NO_FILES)] + '"files": [\n' + ",\n".join(files) + "\n ]\n}"
    return (text + "\n").encode("utf-8")


_NO_FILES = '"files": []\n}'
_ENTRY = '  {{\n   "name": {},\n   "document": {},\n   "size": {},\n   "sha256": {}\n  }}'


_STRINGS = json.JSONEncoder(ensure_ascii=False)


def _string(text: str) -> str:
    """Return ``text`` as a JSON string, as json.dumps(ensure_ascii=False) writes it."""
    return _STRINGS.encode(text)


def foreign_files(folder: Path) -> list[str] | None:
    """Return the files in ``folder`` its manifest does not list (sorted), or None when it has no readable manifest."""
    try:
        listed = {entry["name"] for entry in json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    found = []
    for root, directories, names in os.walk(folder):  # links to folders are not followed: they count as files
        here = Path(root)
        links = [name for name in directories if (here / name).is_symlink()]
        found += [(here / name).relative_to(folder).as_posix() for name in [*names, *links]]
    return sorted(name for name in found if name != MANIFEST and name not in listed)
