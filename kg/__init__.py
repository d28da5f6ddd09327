"""canieti-kg: a knowledge graph of news about CANIETI and Mexico's ICT sector."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("canieti-kg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
