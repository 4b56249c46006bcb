"""Zip packages checked before parsing: bombs, lying headers and real files (io/packages.py)."""

import io
import zipfile
from pathlib import Path

import pytest
from bombs import bomb

from nastavnik_docs.archive import zip_bytes
from nastavnik_docs.errors import DataFileError
from nastavnik_docs.io.packages import (
    FORM_LIMITS,
    MAX_MEMBERS,
    TEMPLATE_LIMITS,
    WORKBOOK_LIMITS,
    check_package,
)

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "samples" / "register.xlsx"
MB = 1024 * 1024


def check(data, limits=WORKBOOK_LIMITS):
    check_package(io.BytesIO(data), what="Файл реестра", name="register.xlsx", limits=limits)


def test_real_packages_pass(tmp_path):
    for path in [REGISTER, ROOT / "samples" / "surveys.xlsx", *sorted((ROOT / "templates").glob("*/*.[dx][ol][cs]x"))]:
        check_package(path, what="Файл", name=path.name, limits=TEMPLATE_LIMITS)
        with path.open("rb") as stream:
            stream.seek(7)
            check_package(stream, what="Файл", name=path.name, limits=WORKBOOK_LIMITS)
            assert stream.tell() == 7  # the stream is left where it was


def test_a_file_that_is_not_a_zip_is_left_to_its_parser():
    check(b"name;date\n")
    check(b"PK not really a zip")


def test_a_package_unpacking_beyond_the_total_is_refused_before_anything_is_unpacked():
    data = bomb(REGISTER, 513)  # 0.5 MB on disk
    assert len(data) < MB
    with pytest.raises(DataFileError) as caught:
        check(data)
    message = str(caught.value)  # the bomb's 513 MB and the real members' 1.2 MB
    assert (
        message
        == "Файл реестра register.xlsx не принят: в распакованном виде он занимает 514 МБ, допустимо не больше 512 МБ."
    )


def test_one_member_beyond_the_member_limit_is_refused():
    with pytest.raises(
        DataFileError, match="одна его часть в распакованном виде занимает 33 МБ, допустимо не больше 32 МБ"
    ):
        check(bomb(REGISTER, 33), FORM_LIMITS)


def test_a_member_compressed_like_a_bomb_is_refused_within_the_size_limits():
    with pytest.raises(
        DataFileError, match=r"сжата в \d+ раз, а настоящие документы сжимаются не больше чем в 100 раз"
    ):
        check(bomb(REGISTER, 2))


def test_a_member_whose_header_says_less_than_its_data_holds_is_refused():
    data = bomb(REGISTER, 5, declared=1000)
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # zipfile stops at the declared size and finds it fine
        assert package.read("xl/worksheets/sheet1.xml") == b" " * 1000
    with pytest.raises(DataFileError, match=r"register\.xlsx повреждён или подделан"):
        check(data)


def test_a_member_whose_header_says_more_than_its_data_holds_is_refused():
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>" * 10}
    data = bytearray(zip_bytes(members))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        info = package.getinfo("xl/workbook.xml")
    central = data.rfind(b"PK\x01\x02")  # the last member's central record: its size is at +24
    data[central + 24 : central + 28] = (info.file_size + 5).to_bytes(4, "little")
    with pytest.raises(DataFileError, match="повреждён или подделан"):
        check(bytes(data))


def test_a_damaged_member_is_refused():
    data = bytearray(REGISTER.read_bytes())
    with zipfile.ZipFile(REGISTER) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle] ^= 0xFF
    with pytest.raises(DataFileError, match="повреждён или подделан"):
        check(bytes(data))


def test_too_many_members_are_refused():
    data = zip_bytes({f"xl/media/{index}.xml": b"" for index in range(MAX_MEMBERS + 1)})
    with pytest.raises(DataFileError, match=f"в нём {MAX_MEMBERS + 1} частей, допустимо не больше {MAX_MEMBERS}"):
        check(data)


def test_an_encrypted_member_is_refused():
    data = bytearray(zip_bytes({"xl/workbook.xml": b"<workbook/>"}))
    data[6] |= 1  # the encryption flag, in the local header and in the central record
    data[data.rfind(b"PK\x01\x02") + 8] |= 1
    with pytest.raises(DataFileError, match="зашифрован"):
        check(bytes(data))
