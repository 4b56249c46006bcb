"""Compare the text of the demo kits made by two versions of the code, file by file.

    python tools/demo_diff.py REV            # the demo of git revision REV against the working tree's
    python tools/demo_diff.py --dirs OLD NEW # two demo folders made already
    python tools/demo_diff.py REV --bytes    # every file byte for byte (a speed-up must not change one)
    python tools/demo_diff.py REV --ids      # the kits named by document ids (``demo --ids``), not by titles

A refactoring must not change what a coordinator reads: every file of the demo (Word paragraphs
and table cells, headers and footers; every Excel cell's value or formula; the text of HTML pages)
must say the same. Exit status 1 when a file is missing on one side or its text differs.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def docx_text(data: bytes) -> list[str]:
    """Return every paragraph of a Word document: body and table cells in order, then headers and footers."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(container: object) -> None:
        for block in container.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)

    walk(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                walk(part)
    return lines


def xlsx_text(data: bytes) -> list[str]:
    """Return «sheet!cell: value» for every non-empty cell of a workbook (formulas as written)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.parts.append(data.strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(f"<{tag} {name}={value}>" for name, value in attrs if name in ("href", "src"))


def html_text(data: bytes) -> list[str]:
    """Return the text pieces of an HTML page, and its links."""
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return parser.parts


def file_text(path: Path) -> list[str]:
    """Return what a person reads in the file at ``path``."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        return docx_text(data)
    if path.suffix == ".xlsx":
        return xlsx_text(data)
    if path.suffix == ".html":
        return html_text(data)
    return [f"{len(data)} bytes"]


def compare(old: Path, new: Path, *, exact: bool = False) -> list[str]:
    """Return the differences between two kit folders: missing files and differing text (or bytes, ``exact``)."""
    old_files = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    problems = [f"only in {old}: {name}" for name in sorted(old_files - new_files)]
    problems += [f"only in {new}: {name}" for name in sorted(new_files - old_files)]
    for name in sorted(old_files & new_files):
        if exact:
            if (old / name).read_bytes() != (new / name).read_bytes():
                problems.append(f"bytes differ: {name}")
            continue
        before, after = file_text(old / name), file_text(new / name)
        if before != after:
            diff = difflib.unified_diff(before, after, f"old/{name}", f"new/{name}", lineterm="", n=1)
            problems.append("\n".join(list(diff)[:40]))
    return problems


def demo_of(revision: str, target: Path, options: list[str]) -> None:
    """Make the demo kits of git ``revision`` into ``target`` (``demo`` with ``options``), with that revision's code."""
    worktree = target.parent / "worktree"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), revision],
        check=True,
        capture_output=True,
    )
    try:
        env = {**os.environ, "PYTHONPATH": str(worktree)}
        code = "import sys; from nastavnik_docs.cli import main; sys.argv = ['nastavnik-docs', 'demo', *sys.argv[1:]]; main()"
        subprocess.run([sys.executable, "-c", code, "-o", str(target), *options], check=True, env=env, cwd=worktree)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", nargs="?", help="git revision whose demo is the reference")
    parser.add_argument("--dirs", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two demo folders")
    parser.add_argument("--bytes", action="store_true", help="compare every file byte for byte, not its text")
    parser.add_argument("--ids", action="store_true", help="name the kits' files by document ids (demo --ids)")
    args = parser.parse_args(argv)
    options = ["--ids"] if args.ids else []
    with tempfile.TemporaryDirectory(prefix="demo-diff-") as scratch:
        if args.dirs:
            old, new = args.dirs
        elif args.revision:
            old, new = Path(scratch) / "old", Path(scratch) / "new"
            demo_of(args.revision, old, options)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            subprocess.run(
                [sys.executable, "-m", "nastavnik_docs", "demo", "-o", str(new), *options],
                check=True,
                env=env,
                cwd=ROOT,
            )
        else:
            parser.error("give a revision or --dirs OLD NEW")
        problems = compare(old, new, exact=args.bytes)
        count = sum(1 for p in old.rglob("*") if p.is_file())
        for problem in problems:
            print(problem)
        print(f"{count} files compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
