"""Allow ``python -m nastavnik_docs``."""

from .cli import main

main()
