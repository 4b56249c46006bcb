"""docs/api.md: its curl and httpx examples run against a real server and do what the guide says."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8000"


def blocks(language, section=None):
    """Return the code blocks in ``language`` of the guide, or of its section titled ``section`` only."""
    text = GUIDE if section is None else GUIDE.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    return tmp_path


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_curl_examples(server, here):
    one, kit, error = (block.replace(BASE, server.url) for block in blocks("bash", "curl"))
    subprocess.run(["bash", "-euo", "pipefail", "-c", one], check=True)
    assert (here / "order-management-team.docx").read_bytes().startswith(b"PK")
    assert (here / "order-management-team.pdf").read_bytes().startswith(b"%PDF")
    checked = subprocess.run(["bash", "-euo", "pipefail", "-c", kit], check=True, capture_output=True, text=True)
    assert '"valid":true' in checked.stdout
    with zipfile.ZipFile(here / "stage-4.zip") as bundle:
        assert "01 Приказ о закреплении наставнических пар (групп).docx" in bundle.namelist()
    answered = subprocess.run(["bash", "-c", error], check=True, capture_output=True, text=True).stdout
    assert '"status":422' in answered and '"field":"curator"' in answered


def test_the_httpx_example(server, here, capsys):
    (code,) = blocks("python")
    exec(compile(code.replace(BASE, server.url), "docs/api.md", "exec"), {})
    assert "curator: ожидается раздел с полями" in capsys.readouterr().out
    assert (here / "order-management-team.docx").read_bytes().startswith(b"PK")
    with zipfile.ZipFile(here / "stage-4.zip") as bundle:
        assert len(bundle.namelist()) == 402
