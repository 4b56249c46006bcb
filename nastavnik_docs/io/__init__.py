"""The edges of the library: reading data files, registers and templates; writing kits into sinks.

The register reader (:mod:`.register`) is imported where it is used: it needs openpyxl.
"""

from .datafile import load_data, read_data_file
from .sinks import FolderSink, Kit, KitFile, MemorySink, Sink, ZipSink
from .templates import bundled_templates, read_template

__all__ = [
    "FolderSink",
    "Kit",
    "KitFile",
    "MemorySink",
    "Sink",
    "ZipSink",
    "bundled_templates",
    "load_data",
    "read_data_file",
    "read_template",
]
