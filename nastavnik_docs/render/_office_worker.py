"""A persistent LibreOffice converting files to PDF one at a time, driven over stdin and stdout.

This file runs as a script under a Python that has LibreOffice's ``uno`` module (Debian:
``python3-uno``), not inside the package: :class:`nastavnik_docs.render.pdf.OfficeConverter`
starts it and talks to it. It starts ``soffice`` with its own user profile, listening on a named
pipe (no network port), and answers one JSON line per request line::

    → {"source": "/tmp/…/order.docx", "target": "/tmp/…/order.pdf"}
    ← {"ok": true}            or   {"ok": false, "error": "load"}

Documents are loaded hidden: a workbook loaded with a view crashes LibreOffice 7.4 without a
display, which is why unoserver's converter (which loads with a view) is not used for this.
Errors name only their kind, never a path: file names of a kit can hold people's names.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

_CONNECT_SECONDS = 60.0


def _property(name: str, value: object) -> object:
    return PropertyValue(Name=name, Value=value)


def _connect(pipe: str, office: subprocess.Popen[bytes]) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    started = time.monotonic()
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # NoConnectException until LibreOffice listens
            if office.poll() is not None or time.monotonic() - started > _CONNECT_SECONDS:
                raise
            time.sleep(0.1)


def _convert(desktop: object, source: str, target: str) -> None:
    hidden = (_property("Hidden", True), _property("ReadOnly", True))
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, hidden)  # type: ignore[attr-defined]
    if document is None:
        raise LookupError("load")
    try:
        sheet = document.supportsService("com.sun.star.sheet.SpreadsheetDocument")
        export = "calc_pdf_Export" if sheet else "writer_pdf_Export"
        options = (_property("FilterName", export), _property("Overwrite", True))
        document.storeToURL(uno.systemPathToFileUrl(target), options)
    finally:
        document.close(True)


def main() -> int:
    """Start LibreOffice, answer conversion requests until stdin closes, then stop LibreOffice."""
    soffice, profile, pipe = sys.argv[1:4]
    answers = sys.stdout
    sys.stdout = sys.stderr  # nothing but answers may reach the parent's pipe
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--nocrashreport",
            "--nodefault",
            "--nologo",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def answer(message: dict[str, object]) -> None:
        answers.write(json.dumps(message) + "\n")
        answers.flush()

    desktop = None
    try:
        desktop = _connect(pipe, office)
        answer({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, os.path.abspath(request["source"]), os.path.abspath(request["target"]))
                answer({"ok": True})
            except LookupError:
                answer({"ok": False, "error": "load"})
            except Exception:  # a UNO exception of any kind: the file failed, LibreOffice may have died
                answer({"ok": False, "error": "office" if office.poll() is None else "died"})
                if office.poll() is not None:
                    return 1
        return 0
    finally:
        _stop(office, desktop)


def _stop(office: subprocess.Popen[bytes], desktop: object | None) -> None:
    """Ask LibreOffice to quit (it removes its pipe and lock files), then make sure it has."""
    asked = desktop is not None and office.poll() is None
    if asked:
        with contextlib.suppress(Exception):  # the bridge goes away while LibreOffice quits
            desktop.terminate()  # type: ignore[union-attr]
    for stop in (None, office.terminate, office.kill) if asked else (office.terminate, office.kill):
        if stop is not None:
            stop()
        try:
            office.wait(5)
            return
        except subprocess.TimeoutExpired:
            continue


if __name__ == "__main__":
    sys.exit(main())
