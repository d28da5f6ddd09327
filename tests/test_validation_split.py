"""The build validates once over the whole new store on Oxigraph (core shapes compiled by kg.shacl_compile,
and the SHACL-SPARQL constraints). It must find exactly what pySHACL finds running every shape over the same data."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg import validation
from kg.build import build_project, run_shapes
from kg.store import open_read_only, read_manifest
from minicorpus import replace_in, write_minicorpus


def _key(r) -> tuple:
    return (r.severity, r.focus, r.shape, r.component, r.value)


@pytest.fixture()
def mini(tmp_path: Path):
    paths = write_minicorpus(tmp_path)
    # Make the data fire a SPARQL constraint too: a statement whose quote does not name its speaker (Warning).
    replace_in(paths.data / "facts" / "a-en.yaml", "quote: Ana Ruiz said “we grow”.", "quote: said “we grow”.")
    return paths


def test_build_validation_finds_what_pyshacl_finds_over_the_same_data(mini) -> None:
    report = build_project(mini, reason=False)
    store = open_read_only(mini)
    ours = run_shapes(store, mini)
    union = Graph()
    for info in read_manifest(mini).graphs:
        union.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(info.iri)), format="nt")
    theirs = validation.validate_graph(union, validation.load_shapes(mini))
    assert any(r.component.endswith("SPARQLConstraintComponent") for r in theirs), "the fixture must fire one"
    assert {_key(r) for r in ours} == {_key(r) for r in theirs}
    assert any("s-grow" in line and line.startswith("Warning: ") for line in report.findings)
