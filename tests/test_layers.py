"""The package's layers, read from its source with ``ast``: imports go only downward.

base (errors, ru/, content, archive, version) → models/ → render/ | io/ (apart from each other) →
documents/ → the producer (produce, custom_templates) → the doors (cli, the package's API).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nastavnik_docs"

LAYERS: dict[str, int] = {
    "nastavnik_docs.errors": 0,
    "nastavnik_docs.ru": 0,
    "nastavnik_docs.content": 0,
    "nastavnik_docs.archive": 0,
    "nastavnik_docs.version": 0,
    "nastavnik_docs.models": 1,
    "nastavnik_docs.render": 2,
    "nastavnik_docs.io": 2,
    "nastavnik_docs.documents": 3,
    "nastavnik_docs.produce": 4,
    "nastavnik_docs.custom_templates": 4,
    "nastavnik_docs.region": 4,
    "nastavnik_docs.cli": 5,
    "nastavnik_docs.api": 5,
    "nastavnik_docs.web": 5,
    "nastavnik_docs.__main__": 5,
    "nastavnik_docs": 5,  # the package itself: the public API re-exported from every layer
}
"""The layer of every top-level piece of the package (a module or a subpackage)."""

APART = {("nastavnik_docs.render", "nastavnik_docs.io"), ("nastavnik_docs.io", "nastavnik_docs.render")}
"""Pieces of one layer that must not import each other: PDF conversion is the producer's step."""

DOORS = {"nastavnik_docs.cli", "nastavnik_docs.api", "nastavnik_docs.__main__", "nastavnik_docs.__init__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.resolve().is_relative_to(PACKAGE.resolve()) and not any(
            p in ("templates", "samples") for p in path.parts
        ):
            found[module_name(path)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """Return every module ``name`` imports, at the top or inside a function, as absolute names."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # «from . import pairs» names a module
    return found


def piece(name: str) -> str | None:
    """Return the top-level piece of the package that module ``name`` belongs to."""
    if name == "nastavnik_docs" or name == "nastavnik_docs.__init__":
        return "nastavnik_docs"
    if not name.startswith("nastavnik_docs."):
        return None
    return ".".join(name.split(".")[:2])


OURS = modules()


@pytest.mark.parametrize("name", sorted(OURS))
def test_every_module_has_a_layer(name):
    assert piece(name) in LAYERS, f"{name}: place it in a layer (tests/test_layers.py) before adding it"


@pytest.mark.parametrize("name", sorted(OURS))
def test_imports_go_only_downward(name):
    own = piece(name)
    for target in imports(name, OURS[name]):
        other = piece(target)
        if other is None or other == own or other not in LAYERS:
            continue
        assert LAYERS[other] <= LAYERS[own], f"{name} imports {target}: a higher layer"
        assert (own, other) not in APART, f"{name} imports {target}: render/ and io/ stay apart"


@pytest.mark.parametrize("name", [n for n in sorted(OURS) if piece(n) == "nastavnik_docs.ru"])
def test_the_language_core_imports_nothing_of_ours_but_errors(name):
    ours = {piece(t) for t in imports(name, OURS[name])} - {None, "nastavnik_docs.ru"}
    assert ours <= {"nastavnik_docs.errors"}, name


@pytest.mark.parametrize(
    "name", [n for n in sorted(OURS) if LAYERS.get(piece(n) or "") == 0 and piece(n) != "nastavnik_docs.ru"]
)
def test_the_other_base_modules_import_nothing_of_ours_but_errors(name):
    ours = {piece(t) for t in imports(name, OURS[name])} - {None, piece(name)}
    assert ours <= {"nastavnik_docs.errors"}, name


@pytest.mark.parametrize("library, allowed", [("docxtpl", {"nastavnik_docs.render.docx"}), ("lxml", None)])
def test_wrapped_libraries_stay_in_one_module(library, allowed):
    users = {name for name, path in OURS.items() if any(t.split(".")[0] == library for t in imports(name, path))}
    if allowed is None:  # at most one internal module of render/
        assert len(users) <= 1 and all(u.startswith("nastavnik_docs.render.") for u in users), users
    else:
        assert users <= allowed, users


def test_few_modules_at_the_package_root():
    root = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__", "cli", "api", "errors"}
    assert len(root) <= 8, sorted(root)
