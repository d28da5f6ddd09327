"""Small fixture builds for the export and load tests, written with ``kg.store.write_store``.

The content is chosen to catch the usual export faults: decimals in several lexical forms, language
tags, no-break spaces, curly quotes, newlines and a backslash in literals, and blank nodes (an OWL
axiom) in the ontology graph.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg import iris
from kg.config import Paths
from kg.store import GraphInfo, Manifest, write_store

KG, ID = iris.KG, iris.ID
BUILT_AT = "2026-01-02T03:04:05Z"


def article_graph(article_id: str, *, variant: int = 0) -> rdflib.Graph:
    g = rdflib.Graph()
    art = iris.article_iri(article_id)
    obs = iris.fact_iri(article_id, "observation", "obs-members")
    g.add((art, RDF.type, KG.Article))
    g.add((art, URIRef("http://purl.org/dc/terms/identifier"), Literal(article_id)))
    g.add((art, URIRef("http://purl.org/dc/terms/title"),
           Literal(f"CANIETI\u00a0re-elects “its” president ({article_id})", lang="en")))
    g.add((art, KG.characterCount, Literal("1234", datatype=XSD.integer)))
    g.add((obs, RDF.type, KG.Observation))
    g.add((obs, KG.inArticle, art))
    g.add((obs, KG.value, Literal("1377" if variant == 0 else "1400", datatype=XSD.decimal)))
    g.add((obs, KG.minValue, Literal("16.20", datatype=XSD.decimal)))
    g.add((obs, KG.maxValue, Literal("456000000.0", datatype=XSD.decimal)))
    g.add((obs, KG.referenceYear, Literal("2016", datatype=XSD.gYear)))
    g.add((obs, KG.surfaceText, Literal('1,377 "members"\nline two \\ backslash')))
    g.add((obs, KG.text, Literal("la Cámara cerró con 1\u00a0377 miembros", lang="es")))
    g.add((obs, KG.about, ID["organization/canieti"]))
    if variant:
        g.add((obs, RDFS.comment, Literal(f"variant {variant}")))
    return g


def entities_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    c = ID["organization/canieti"]
    g.add((c, RDF.type, KG.IndustryChamber))
    g.add((c, SKOS.prefLabel, Literal("National Chamber of the Electronics, Telecommunications and IT Industry", lang="en")))
    g.add((c, SKOS.prefLabel, Literal("Cámara Nacional de la Industria Electrónica", lang="es")))
    g.add((c, KG.acronym, Literal("CANIETI")))
    g.add((c, KG.isHeadPost, Literal("true", datatype=XSD.boolean)))
    return g


def ontology_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    g.add((iris.ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    g.add((KG.Article, RDF.type, OWL.Class))
    g.add((KG.Article, RDFS.label, Literal("article", lang="en")))
    g.add((KG.Article, RDFS.label, Literal("artículo", lang="es")))
    restriction = BNode()  # an OWL axiom: the blank nodes an export must label canonically
    g.add((KG.Observation, RDF.type, OWL.Class))
    g.add((KG.Observation, RDFS.subClassOf, restriction))
    g.add((restriction, RDF.type, OWL.Restriction))
    g.add((restriction, OWL.onProperty, KG.value))
    g.add((restriction, OWL.maxCardinality, Literal("1", datatype=XSD.nonNegativeInteger)))
    return g


def inferred_graph(article_ids: list[str]) -> rdflib.Graph:
    g = rdflib.Graph()
    for a in article_ids:
        g.add((iris.fact_iri(a, "observation", "obs-members"), RDF.type, KG.Fact))
    return g


def make_build(build: Path, articles: list[str] = ["a1", "a2"], *, variants: dict[str, int] | None = None,
               root: Path | None = None) -> Paths:
    """Write a fixture build into ``build`` and return its Paths."""
    variants = variants or {}
    graphs: dict[str, rdflib.Graph] = {}
    infos: list[GraphInfo] = []
    for a in articles:
        iri = str(iris.article_graph(a))
        graphs[iri] = article_graph(a, variant=variants.get(a, 0))
        infos.append(GraphInfo(iri=iri, kind="article", triples=len(graphs[iri]), article=a))
    for kind, iri, g in (("entities", iris.ENTITIES_GRAPH, entities_graph()),
                         ("ontology", iris.ONTOLOGY_GRAPH, ontology_graph()),
                         ("inferred", iris.INFERRED_GRAPH, inferred_graph(articles))):
        graphs[str(iri)] = g
        infos.append(GraphInfo(iri=str(iri), kind=kind, triples=len(g)))
    kwargs = {"build": build}
    if root is not None:
        kwargs["root"] = root
    paths = Paths(**kwargs)  # type: ignore[arg-type]
    write_store(graphs, infos, Manifest(built_at=BUILT_AT, kg_version="0.1.0"), paths)
    return paths

