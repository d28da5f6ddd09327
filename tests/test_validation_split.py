"""The build splits validation for speed (core SHACL per article with pySHACL; SHACL-SPARQL constraints once
on Oxigraph). It must find exactly what pySHACL finds running every shape over the same data."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import iris, validation
from kg.build import build_project, make_dataset, run_sparql_constraints
from kg.incremental import process_corpus
from kg.store import open_read_only, read_manifest
from minicorpus import replace_in, write_minicorpus


def _key(r) -> tuple:
    return (r.severity, r.focus, r.shape, r.component)


@pytest.fixture()
def mini(tmp_path: Path):
    paths = write_minicorpus(tmp_path)
    # Make the data fire SPARQL constraints too: a statement whose quote does not name its speaker (Warning).
    replace_in(paths.data / "facts" / "a-en.yaml", "quote: Ana Ruiz said “we grow”.", "quote: said “we grow”.")
    return paths


def test_split_validation_finds_what_whole_pyshacl_finds(mini) -> None:
    report = build_project(mini, reason=False)
    store = open_read_only(mini)
    manifest = read_manifest(mini)
    split = run_sparql_constraints(store, mini)
    processed = process_corpus(mini, None)
    split += [validation.Result(**r) for rec in processed.records.values() for r in rec.results]
    # the whole-dataset pySHACL run, every shape (SPARQL ones included) through rdflib
    from rdflib import Graph
    from rdflib.namespace import RDF
    graphs = {}
    for info in manifest.graphs:
        g = Graph()
        for q in store.quads_for_pattern(None, None, None, __import__("pyoxigraph").NamedNode(info.iri)):
            g.parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt")
        graphs[info.iri] = g
    whole = validation.validate(make_dataset(graphs), mini)
    sparql_whole = {_key(r) for r in whole.results if r.component.endswith("SPARQLConstraintComponent")}
    sparql_split = {_key(r) for r in split if r.component.endswith("SPARQLConstraintComponent")}
    assert sparql_whole, "the fixture must fire at least one SPARQL constraint"
    assert sparql_split == sparql_whole
    assert any("s-grow" in line and line.startswith("Warning: ") for line in report.findings)
