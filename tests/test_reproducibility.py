"""The same data gives the same bytes: every kit, its manifest and its archive are identical from run to run
(an inspector compares a folder with its copy; a coordinator sees that nothing changed when nothing did)."""

import hashlib
import time
from pathlib import Path

from nastavnik_docs.documents import KITS
from nastavnik_docs.produce import produce_kit, produce_kits, sample_input


def files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_every_sample_kit_is_the_same_bytes_twice(tmp_path):
    inputs = {name: sample_input(name) for name in KITS}
    first = files(produce_kits(inputs, tmp_path / "one"))
    time.sleep(1.1)  # a clock that leaks into a file (zip member times, «modified» dates) would show
    second = files(produce_kits(inputs, tmp_path / "two"))
    assert first == second
    kinds = {Path(name).suffix for name in first}
    assert {".docx", ".xlsx", ".html", ".json"} <= kinds
    assert sum(name.endswith(".xlsx") for name in first) >= 5  # workbooks are in the comparison


def test_an_archive_is_the_same_bytes_twice(tmp_path):
    data = sample_input("stage-2")
    one = produce_kit("stage-2", data, tmp_path / "one", as_zip=True).read_bytes()
    time.sleep(1.1)
    two = produce_kit("stage-2", data, tmp_path / "two", as_zip=True).read_bytes()
    assert one == two
