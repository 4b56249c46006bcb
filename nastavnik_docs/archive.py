"""Zip archives written the same way everywhere: Office packages, kit archives, generated templates.

Every member gets the same fixed time, so the same input gives the same bytes. Python's zipfile
cannot add a member from bytes that are already compressed, which is what makes rendering many
documents from one template fast (the parts a template never changes are copied as they are), so
the few zip records needed are written here (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["FIXED_TIME", "PackageTemplate", "ZipWriter", "zip_bytes"]

FIXED_TIME = (2024, 1, 1, 0, 0, 0)
"""The time stamped on every member (and on generated templates' document properties)."""

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEAD = struct.Struct("<IHHHHHHIIIHHHHHI")  # the central record up to its offset
_END = struct.Struct("<IHHHHIIH")
_DOS_TIME = (FIXED_TIME[3] << 11) | (FIXED_TIME[4] << 5) | (FIXED_TIME[5] // 2)
_DOS_DATE = ((FIXED_TIME[0] - 1980) << 9) | (FIXED_TIME[1] << 5) | FIXED_TIME[2]
_UTF8 = 0x800
_LIMIT = 0xFFFFFFFF  # without the zip64 extension, sizes and offsets fit in four bytes


class _Record:
    """A member's local record (header, name, compressed bytes) and the central record but for its offset."""

    __slots__ = ("central_head", "encoded", "local")

    def __init__(self, name: str, method: int, crc: int, compressed: bytes, size: int) -> None:
        if max(size, len(compressed)) > _LIMIT:
            raise OverflowError("zip archive larger than 4 GiB")
        self.encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8
        fields = (method, _DOS_TIME, _DOS_DATE, crc, len(compressed), size, len(self.encoded))
        self.local = _LOCAL.pack(0x04034B50, 20, flags, *fields, 0) + self.encoded + compressed
        self.central_head = _CENTRAL_HEAD.pack(0x02014B50, 20, 20, flags, *fields, 0, 0, 0, 0, 0)


def _deflated(name: str, data: bytes, level: int) -> _Record:
    """Return the records of member ``name`` holding ``data`` deflated at ``level``."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    return _Record(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), compressed, len(data))


class ZipWriter:
    """Write a zip archive member by member into a binary stream; :meth:`close` ends it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._start = stream.tell()
        self._central: list[bytes] = []

    def add(self, name: str, data: bytes, *, level: int = 6) -> None:
        """Add ``data`` deflated at ``level`` as member ``name``."""
        self.add_record(_deflated(name, data, level))

    def add_compressed(self, name: str, compressed: bytes, *, method: int, crc: int, size: int) -> None:
        """Add a member whose bytes are already compressed with ``method`` (copied from another zip)."""
        self.add_record(_Record(name, method, crc, compressed, size))

    def add_record(self, record: _Record) -> None:
        """Add a member whose records were laid out once (:class:`_Record`): a template's unchanged parts."""
        offset = self._stream.tell() - self._start
        if offset > _LIMIT:
            raise OverflowError("zip archive larger than 4 GiB")
        self._stream.write(record.local)
        self._central.append(record.central_head + offset.to_bytes(4, "little") + record.encoded)

    def close(self) -> None:
        """Write the central directory: the archive is complete."""
        start = self._stream.tell() - self._start
        for record in self._central:
            self._stream.write(record)
        self._stream.write(_end(len(self._central), self._stream.tell() - self._start - start, start))


def _end(count: int, size: int, start: int) -> bytes:
    """Return the end of the central directory: ``count`` records of ``size`` bytes from ``start``."""
    return _END.pack(0x06054B50, 0, 0, count, count, size, start, 0)


def zip_bytes(members: Mapping[str, bytes]) -> bytes:
    """Return an archive of ``members`` (name → bytes), in their order."""
    output = io.BytesIO()
    writer = ZipWriter(output)
    for name, data in members.items():
        writer.add(name, data)
    writer.close()
    return output.getvalue()


def rezip(package: bytes, replace: Mapping[str, bytes] | None = None) -> bytes:
    """Return the zip ``package`` written again by :func:`zip_bytes` (fixed times, same member order), with the
    members in ``replace`` swapped: libraries that save a package stamp its members with the time of saving."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        members = {member: source.read(member) for member in source.namelist()}
    return zip_bytes({**members, **(replace or {})})


@dataclass(frozen=True, slots=True)
class _Member:
    name: str
    record: _Record | None  # None: given anew for every build


class PackageTemplate:
    """A package read once; :meth:`build` writes it again with some parts replaced."""

    def __init__(self, data: bytes, replaced: set[str]) -> None:
        self._members: list[_Member] = []
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for info in package.infolist():
                if info.filename in replaced:
                    self._members.append(_Member(info.filename, None))
                    continue
                offset = info.header_offset
                name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
                start = offset + 30 + name_length + extra_length
                raw = data[start : start + info.compress_size]
                record = _Record(info.filename, info.compress_type, info.CRC, raw, info.file_size)
                self._members.append(_Member(info.filename, record))

    def build(self, parts: Mapping[str, bytes], *, level: int = 1) -> bytes:
        """Return the package with ``parts`` (name → uncompressed bytes) in place of the replaced ones.

        The same bytes as a :class:`ZipWriter` would write, joined at once: a batch builds a package per document.
        """
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for member in self._members:
            record = member.record
            if record is None:
                record = _deflated(member.name, parts[member.name], level)
            if offset > _LIMIT:
                raise OverflowError("zip archive larger than 4 GiB")
            local.append(record.local)
            central.append(record.central_head + offset.to_bytes(4, "little") + record.encoded)
            offset += len(record.local)
        directory = b"".join(central)
        return b"".join(local) + directory + _end(len(central), len(directory), offset)
