"""The coordinators' page (optional extra ``[api]``): served at ``/`` by ``nastavnik-docs serve``.

A door like the command line and the HTTP service: it reads the uploaded files through the same
readers and makes the kit with the same producer. ``nastavnik-docs web`` starts the service on
127.0.0.1 and opens the page in the browser. Guide: ``docs/web.md``.
"""

from .page import add_page

__all__ = ["add_page"]
