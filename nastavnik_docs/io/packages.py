"""Office packages (.xlsx, .docx: zip archives) checked before any parser opens them.

The size limits of the readers apply to the file as it lies on disk; a few megabytes of zip can
unpack to gigabytes (a zip bomb), and calamine, openpyxl and python-docx would unpack them all.
:func:`check_package` reads the archive's directory, then inflates every member once, a megabyte
at a time, without keeping it: a package is refused when its members would unpack to more than the
kind's limits, when a large member is compressed far better than any real document is, or when a
member's data unpacks to other than the size and checksum its header declares (a header that lies
to get past the limits: reading stops as soon as the data passes the declared size).

Figures of real files, against which the limits are set (registers made by ``tools/sample_register.py``
scaled up, and the bundled templates):

* a register of 20,000 rows (11,237 mentors, 19,906 mentees, 11,237 pairs; the readers take at
  most 20,000 a sheet) is 5.6 MB on disk and unpacks to 99.6 MB, its largest sheet 62.5 MB, its
  members compressed 17–21 times; checking it takes 0.14 s, reading it about 10 s;
* the bundled Word templates unpack to 0.85 MB (python-docx's style set compresses 32 times), the
  Excel ones to under 0.6 MB; a sheet of a million formatted empty rows compresses 30 times;
* a zip bomb's member compresses about 1,000 times (deflate's limit).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from contextlib import ExitStack
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
    "package_problem",
]

_MB = 1024 * 1024


class PackageLimits(NamedTuple):
    """How much one kind of package may unpack to: any one member, and all members together (bytes)."""

    member: int
    total: int


WORKBOOK_LIMITS = PackageLimits(member=256 * _MB, total=512 * _MB)
"""Registers, survey answers and proof sheets: four to five times a register of 20,000 rows."""
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
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")  # a member's local header (PKWARE APPNOTE 4.3.7)


class _Refusal(Exception):
    """Why a package is refused, raised from deep in the checks and caught at their top."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def check_package(source: Path | BinaryIO, *, what: str, name: str, limits: PackageLimits) -> None:
    """Refuse the package at ``source`` (a file, or a seekable stream left where it was) over ``limits``.

    Messages call it «``what`` ``name``» (``Файл реестра register.xlsx``) and never quote what it
    holds. A file that is not a zip archive passes: its parser refuses it, saying what it is not.
    """
    why = package_problem(source, limits=limits)
    if why is not None:
        label = f"{what} {name}".strip()
        raise DataFileError(f"{label} {why}.", path=str(source) if isinstance(source, Path) else label)


def package_problem(source: Path | BinaryIO, *, limits: PackageLimits) -> str | None:
    """Return why the package at ``source`` is refused (``не принят: …``, for a message naming it), or None."""
    with ExitStack() as cleanup:
        if isinstance(source, Path):
            stream: BinaryIO = cleanup.enter_context(source.open("rb"))
        else:
            stream, start = source, source.tell()
            cleanup.callback(source.seek, start)
        try:
            package = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None  # not a zip archive: the parser refuses it in its own words («не является книгой Excel»)
        members = package.infolist()
        try:
            _check_sizes(members, limits)
            for member in members:
                _inflate(stream, member)
        except _Refusal as refusal:
            return refusal.why
    return None


def _check_sizes(members: list[zipfile.ZipInfo], limits: PackageLimits) -> None:
    """Refuse a package whose directory declares too many members, too many bytes or too good a compression."""
    if len(members) > MAX_MEMBERS:
        raise _Refusal(f"не принят: в нём {len(members)} частей, допустимо не больше {MAX_MEMBERS}")
    total = sum(member.file_size for member in members)
    if total > limits.total:
        raise _Refusal(
            f"не принят: в распакованном виде он занимает {_mb(total)}, допустимо не больше {_mb(limits.total)}"
        )
    for member in members:
        if member.file_size > limits.member:
            raise _Refusal(
                f"не принят: одна его часть в распакованном виде занимает {_mb(member.file_size)}, "
                f"допустимо не больше {_mb(limits.member)}"
            )
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise _Refusal(
                f"не принят: одна его часть сжата в {ratio} раз, а настоящие документы сжимаются "
                f"не больше чем в {MAX_RATIO} раз"
            )


def _inflate(stream: BinaryIO, member: zipfile.ZipInfo) -> None:
    """Unpack ``member`` a chunk at a time and drop it: it must end at the size and checksum its header declares.

    Inflated here rather than by zipfile, which stops at the declared size and ignores what follows:
    a member whose header says less than its data holds would pass, and calamine would unpack it all.
    """
    broken = "повреждён или подделан: одна его часть распаковывается не в то, что указано в архиве"
    if member.flag_bits & 0x1:
        raise _Refusal("зашифрован — сохраните его без пароля")
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refusal("сжат способом, которым Office не пользуется — сохраните его заново в Excel или Word")
    stream.seek(member.header_offset)
    header = stream.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise _Refusal(broken)
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    stream.seek(member.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if member.compress_type == zipfile.ZIP_DEFLATED else None
    left, unpacked, crc = member.compress_size, 0, 0
    try:
        while left > 0:
            raw = stream.read(min(left, _CHUNK))
            if not raw:
                raise _Refusal(broken)
            left -= len(raw)
            while raw:
                data = raw if inflater is None else inflater.decompress(raw, _CHUNK)
                raw = b"" if inflater is None else inflater.unconsumed_tail
                unpacked += len(data)
                if unpacked > member.file_size:  # the header lies: stop here, at its size
                    raise _Refusal(broken)
                crc = zlib.crc32(data, crc)
        if inflater is not None:  # what zlib holds of input already read (a match it had no room to copy)
            data = inflater.flush()
            unpacked += len(data)
            crc = zlib.crc32(data, crc)
    except zlib.error:
        raise _Refusal(broken) from None
    if unpacked != member.file_size or crc != member.CRC or (inflater is not None and not inflater.eof):
        raise _Refusal(broken)


def _mb(size: int) -> str:
    return f"{size / _MB:.0f} МБ" if size >= _MB else f"{size / 1024:.0f} КБ"
