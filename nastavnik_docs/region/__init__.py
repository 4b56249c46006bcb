"""Regional scale: a kit for every organisation of a region, and the collection of their forms, in this process
or shared out to Celery workers on a Redis broker (extra ``[queue]``, :mod:`.queue`).

:func:`produce_region` makes the kits (``nastavnik-docs region kits``), :func:`collect_forms` reads a
folder of monitoring forms in batches (``nastavnik-docs monitoring collect --broker``); both go
through the one producer and run their units of work (:mod:`.work`) through a :class:`Runner`.
"""

from .collect import collect_forms
from .kits import produce_region
from .runner import InProcess, Runner
from .work import organisation_kit

__all__ = ["InProcess", "Runner", "collect_forms", "organisation_kit", "produce_region"]
