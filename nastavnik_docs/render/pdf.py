"""PDF through LibreOffice: many files per call, each call with its own user profile."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import RenderError

__all__ = ["INSTALL_HINT", "convert_to_pdf", "find_libreoffice"]

INSTALL_HINT = (
    "LibreOffice не найден. Установите его, например в Debian/Ubuntu: "
    "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation "
    "(Liberation Serif заменяет Times New Roman с теми же метриками)."
)


def find_libreoffice() -> str | None:
    """Return the path of LibreOffice's ``soffice``, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: Sequence[Path], out_dir: Path, *, timeout: float = 300) -> list[Path]:
    """Convert ``files`` to PDF into ``out_dir`` in one LibreOffice call; return the PDF paths."""
    if not files:
        return []
    soffice = find_libreoffice()
    if soffice is None:
        raise RenderError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="nastavnik-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *(str(f) for f in files),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice не закончил преобразование в PDF за {timeout:.0f} с.") from None
    pdfs = [out_dir / f"{Path(f).stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        raise RenderError(
            f"LibreOffice не смог преобразовать в PDF: {', '.join(missing) or 'код ' + str(result.returncode)}."
        )
    return pdfs
