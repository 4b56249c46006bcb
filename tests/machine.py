"""What this machine has: markers for tests that need a real program (LibreOffice)."""

import pytest

from nastavnik_docs.render.pdf import find_libreoffice

needs_libreoffice = pytest.mark.skipif(
    find_libreoffice() is None, reason="LibreOffice is not installed (.ci/run installs it)"
)
"""Mark a test that converts to PDF with a real LibreOffice."""
