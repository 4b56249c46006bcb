"""Office packages (.xlsx, .docx: zip archives) checked before any parser opens them.

The size limits of the readers apply to the file as it lies on disk; a few megabytes of zip can
unpack to gigabytes (a zip bomb), and calamine, openpyxl and python-docx would unpack them all.
:func:`check_package` reads only the archive's directory and inflates every member once, a
megabyte at a time, without keeping it: a package is refused when its members unpack to more than
the kind's limits, when a large member is compressed far better than any real document is, or
when a member unpacks to other than the size its header declares (a header that lies to get past
the limits; zipfile stops reading at the declared size, so reading never passes the limit).

Figures of real files (measured with ``tools/sample_register.py`` scaled up, and the bundled
templates), against which the limits are set:

* a register of 10,260 people (6,570 mentees, 3,690 mentors; 1.9 MB on disk) unpacks to 32.8 MB,
  its largest sheet 20.5 MB; a register at the readers' 20,000 rows a sheet (11,234 mentors,
  20,002 mentees) is 5.6 MB on disk and unpacks to 99 MB, its largest sheet 62 MB;
* members compress 6–21 times in workbooks, 32 times at most in the Word templates (python-docx's
  style set); a sheet of a million formatted empty rows compresses 30 times;
* a zip bomb's member compresses about 1,000 times (deflate's limit).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import DataFileError

__all__ = [
    "FORM_LIMITS",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "RATIO_FROM",
    "TEMPLATE_LIMITS",
    "WORKBOOK_LIMITS",
    "PackageLimits",
    "check_package",
]

_MB = 1024 * 1024


class PackageLimits(NamedTuple):
    """How much one kind of package may unpack to: any one member, and all members together (bytes)."""

    member: int
    total: int


WORKBOOK_LIMITS = PackageLimits(member=256 * _MB, total=512 * _MB)
"""Registers, survey answers and proof sheets: four times a register of 20,000 rows a sheet."""
FORM_LIMITS = PackageLimits(member=32 * _MB, total=64 * _MB)
"""Filled final monitoring forms: one organisation's figures (the blank form unpacks to 78 KB)."""
TEMPLATE_LIMITS = PackageLimits(member=64 * _MB, total=128 * _MB)
"""A user's Word or Excel template (the bundled ones unpack to under 1 MB; pictures barely compress)."""
MAX_RATIO = 100
"""How many times better than its compressed size a member may unpack (Apache POI refuses the same)."""
RATIO_FROM = 1 * _MB
"""Members unpacking to less are not held to :data:`MAX_RATIO`: the total limits bound them."""
MAX_MEMBERS = 10_000
"""Members of one package: real ones have 10–30, a workbook with many sheets and pictures a few hundred."""
_CHUNK = 1 * _MB


def check_package(source: Path | BinaryIO, *, what: str, name: str, limits: PackageLimits) -> None:
    """Refuse the package at ``source`` (a file, or a seekable stream left where it was) over ``limits``.

    Messages call it «``what`` ``name``» (``Файл реестра register.xlsx``) and never quote what it
    holds. A file that is not a zip archive passes: its parser refuses it, saying what it is not.
    """
    label = f"{what} {name}".strip()
    path = str(source) if isinstance(source, Path) else label

    def refuse(why: str) -> DataFileError:
        return DataFileError(f"{label} {why}.", path=path)

    start = None if isinstance(source, Path) else source.tell()
    try:
        try:
            package = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return  # not a zip archive: the parser refuses it in its own words («не является книгой Excel»)
        with package:
            _check_sizes(package.infolist(), limits, refuse)
            for member in package.infolist():
                _inflate(package, member, refuse)
    finally:
        if not isinstance(source, Path):
            source.seek(start or 0)


def _check_sizes(members: list[zipfile.ZipInfo], limits: PackageLimits, refuse: Callable[[str], DataFileError]) -> None:
    """Refuse a package whose directory declares too many members, too many bytes or too good a compression."""
    if len(members) > MAX_MEMBERS:
        raise refuse(f"не принят: в нём {len(members)} частей, допустимо не больше {MAX_MEMBERS}")
    total = sum(member.file_size for member in members)
    if total > limits.total:
        raise refuse(
            f"не принят: в распакованном виде он занимает {_mb(total)}, допустимо не больше {_mb(limits.total)}"
        )
    for member in members:
        if member.file_size > limits.member:
            raise refuse(
                f"не принят: одна его часть в распакованном виде занимает {_mb(member.file_size)}, "
                f"допустимо не больше {_mb(limits.member)}"
            )
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise refuse(
                f"не принят: одна его часть сжата в {ratio} раз, а настоящие документы сжимаются "
                f"не больше чем в {MAX_RATIO} раз"
            )


def _inflate(package: zipfile.ZipFile, member: zipfile.ZipInfo, refuse: Callable[[str], DataFileError]) -> None:
    """Unpack ``member`` a chunk at a time and drop it: its size and checksum must be what its header says."""
    unpacked = 0
    try:
        with package.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                unpacked += len(chunk)
    except Exception:  # zipfile, zlib, bz2 and lzma raise several unrelated types for a damaged member
        unpacked = -1
    if unpacked != member.file_size:
        raise refuse(
            "повреждён или подделан: его часть распаковывается не в тот размер или не в те байты, что указаны в архиве"
        )


def _mb(size: int) -> str:
    return f"{size / _MB:.0f} МБ" if size >= _MB else f"{size / 1024:.0f} КБ"
