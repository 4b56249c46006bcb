"""The HTTP service (optional extra ``[api]``): FastAPI over the one producer, started by ``nastavnik-docs serve``.

``create_app()`` returns the ASGI application; its settings come from ``NASTAVNIK_DOCS_*``
environment variables unless given (:class:`Settings`). Guide: ``docs/api.md``.
"""

from .app import create_app, input_models
from .settings import Settings

__all__ = ["Settings", "create_app", "input_models"]
