"""Zip bombs made in memory for the exhaustion tests: a real package with one member that unpacks hugely.

A member of ``size`` spaces is deflated a megabyte at a time with a full flush after each, so every
megabyte compresses to the same ~1 KB and the bomb is built in a blink, whatever it unpacks to.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from functools import cache
from pathlib import Path

from nastavnik_docs.archive import ZipWriter

_MB = 1024 * 1024
_FILL = b" " * _MB


@cache
def _deflated_megabyte() -> bytes:
    """Return the deflate blocks of one megabyte of spaces after a full flush (the same after every flush)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(_FILL)
    compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(_FILL) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(_FILL) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    return block


@cache
def _crc(megabytes: int) -> int:
    """Return the CRC-32 of ``megabytes`` MB of spaces (worked out once per size: a bomb's only slow part)."""
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(_FILL, crc)
    return crc


def _members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return {name: source.read(name) for name in source.namelist()}


def bomb(
    package: bytes | Path, megabytes: int, *, member: str = "xl/worksheets/sheet1.xml", declared: int | None = None
) -> bytes:
    """Return ``package`` with ``member`` replaced by (or added as) ``megabytes`` MB of spaces, deflated ~1,000:1.

    ``declared`` makes the member's header lie: the archive says it unpacks to that many bytes, with
    the checksum of as many spaces, so that zipfile, which stops reading at the declared size, finds
    nothing wrong.
    """
    members = _members(package.read_bytes() if isinstance(package, Path) else package)
    members.pop(member, None)
    output = io.BytesIO()
    writer = ZipWriter(output)
    for name, data in members.items():
        writer.add(name, data)
    finisher = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressed = _deflated_megabyte() * megabytes + finisher.flush()
    size, crc = megabytes * _MB, _crc(megabytes)
    if declared is not None:
        size = declared
        crc = zlib.crc32(b" " * declared) if declared < megabytes * _MB else crc
    writer.add_compressed(member, compressed, method=zipfile.ZIP_DEFLATED, crc=crc, size=size)
    writer.close()
    return output.getvalue()
