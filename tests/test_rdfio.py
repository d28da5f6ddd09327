"""kg.rdfio.nquads: the build's own N-Quads writer gives the lines rdflib's writer gives."""

from __future__ import annotations

import rdflib
from rdflib.namespace import XSD

from kg import rdfio


def test_nquads_writes_what_rdflibs_writer_writes() -> None:
    g = rdflib.URIRef("https://w3id.org/canieti-kg/graph/article/a")
    s, p = rdflib.URIRef("https://w3id.org/canieti-kg/id/article/a"), rdflib.URIRef("urn:p")
    objects = [rdflib.URIRef("urn:o"), rdflib.Literal("plain"), rdflib.Literal("dicho", lang="es"),
               rdflib.Literal('a "quote"\\ and\nlines\r', datatype=XSD.string), rdflib.Literal("7", datatype=XSD.integer),
               rdflib.Literal("2016", datatype=XSD.gYear), rdflib.BNode("b1")]
    triples = [(s, p, o) for o in objects] + [(rdflib.BNode("b1"), p, s)]
    dataset = rdflib.Dataset()
    graph = dataset.graph(g)
    for t in triples:
        graph.add(t)
    theirs = sorted(line for line in dataset.serialize(format="nquads").splitlines() if line)
    ours = rdfio.nquads(triples, str(g)).decode("utf-8").splitlines()
    assert ours == theirs
