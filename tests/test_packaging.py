"""The wheel ships the package with its templates, content and samples, and not the tools that made them."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_templates_content_and_samples_but_no_tools(tmp_path):
    # built from a copy: setuptools builds in the source tree, and a stale build/ would leak into the wheel
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache")
    shutil.copytree(ROOT, source, symlinks=True, ignore=ignore)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("nastavnik_docs-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        name.split("/", 1)[1]
        for name in names
        if name.startswith("nastavnik_docs/") and not name.endswith((".py", "/"))
    }
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").glob("*/*") if p.parent.name != "src"}
    expected |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "samples").rglob("*") if p.is_file()}
    expected |= {
        p.relative_to(ROOT / "nastavnik_docs").as_posix()
        for p in (ROOT / "nastavnik_docs" / "content").glob("*/*.yaml")
    }
    expected |= {
        p.relative_to(ROOT / "nastavnik_docs").as_posix() for p in (ROOT / "nastavnik_docs" / "ru" / "data").iterdir()
    }
    expected |= {  # the coordinators' page: its templates and its stylesheet and script
        p.relative_to(ROOT / "nastavnik_docs").as_posix()
        for p in (ROOT / "nastavnik_docs" / "web").glob("*/*")
        if p.suffix != ".py" and p.parent.name != "__pycache__"
    }
    assert shipped == expected
    assert not any(part in ("tools", "src", "tests", "bench") for name in names for part in name.split("/")[:-1])
    assert "nastavnik_docs/produce.py" in names and "nastavnik_docs/documents/pairs.py" in names


def test_jinja_without_the_attr_sandbox_escape_is_required():
    import tomllib

    from packaging.requirements import Requirement

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    [jinja] = [Requirement(text) for text in dependencies if Requirement(text).name.lower() == "jinja2"]
    # 3.1.5: |attr reaches str.format past the sandbox (CVE-2025-27516); 3.1.4: a stored format method (CVE-2024-56326)
    assert not jinja.specifier.contains("3.1.5") and jinja.specifier.contains("3.1.6")
