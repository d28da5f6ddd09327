"""A browsable HTML reference of the ontology, generated with pyLODE from ontology/canieti.ttl."""

from __future__ import annotations

from kg.files import write_atomic

import importlib.metadata
import logging
import sys
import types
from pathlib import Path

from kg.config import Paths
from kg.errors import EnvironmentProblem
from kg.ontology import ONTOLOGY_FILE, _parse_turtle


def _import_ontpub() -> type:
    # pylode 3.4.1's version.py reads a pyproject.toml that its wheel does not ship, so a plain
    # `import pylode` fails; give it its version from the package metadata instead.
    if "pylode.version" not in sys.modules:
        try:
            version = importlib.metadata.version("pylode")
        except importlib.metadata.PackageNotFoundError as err:
            raise EnvironmentProblem("pyLODE is not installed", hint="pip install 'pylode>=3.2,<4'") from err
        shim = types.ModuleType("pylode.version")
        shim.__version__ = version  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = shim
    try:
        from pylode import OntPub
    except ImportError as err:
        raise EnvironmentProblem(f"pyLODE cannot be imported: {err}", hint="pip install 'pylode>=3.2,<4'") from err
    return OntPub


def default_output(paths: Paths) -> Path:
    return Path(paths.build) / "ontology.html"  # type: ignore[arg-type]


def build_docs(paths: Paths, output: Path | None = None) -> Path:
    """Write the HTML reference (default build/ontology.html) atomically; return its path."""
    from rdflib import Graph

    OntPub = _import_ontpub()
    graph = Graph()
    _parse_turtle(graph, Path(paths.ontology) / ONTOLOGY_FILE)  # type: ignore[arg-type]
    target = Path(output) if output is not None else default_output(paths)
    target.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # pyLODE logs its progress at INFO on the root logger
    try:
        html = OntPub(ontology=graph, sort_subjects=True).make_html()
    finally:
        root.setLevel(level)
    write_atomic(target, html)
    return target
