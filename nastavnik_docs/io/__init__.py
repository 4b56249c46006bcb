"""Reading data files and templates, writing outputs atomically: the edges of the library."""

from .datafile import load_data, read_data_file, validate
from .output import write_kit
from .templates import bundled_templates, read_template

__all__ = ["bundled_templates", "load_data", "read_data_file", "read_template", "validate", "write_kit"]
