"""canieti-kg: a knowledge graph of news about CANIETI and Mexico's ICT sector."""

__version__ = "0.1.0"  # the one place it is set (pyproject.toml reads it): no importlib.metadata at start-up
