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

import hashlib

from kg import iris, rdfio
from kg.config import Paths
from kg.store import GraphInfo, Manifest, article_nquads, write_store

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


def keep_article_nquads(paths: Paths, graphs: dict[str, rdflib.Graph], infos: list[GraphInfo]) -> dict[str, Path]:
    """Keep each article graph's N-Quads where ``kg build`` keeps them, under a key as their name and
    digest (what ``kg export`` reads instead of the store where it can); the store loads them from there."""
    files: dict[str, Path] = {}
    for info in infos:
        if info.kind == "article" and info.article:
            text = rdfio.nquads(graphs[info.iri], info.iri)
            info.digest = hashlib.sha256(text).hexdigest()
            files[info.iri] = path = article_nquads(paths, info.article, info.digest)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
    return files


def make_build(build: Path, articles: list[str] = ["a1", "a2"], *, variants: dict[str, int] | None = None,
               root: Path | None = None, built_at: str = BUILT_AT) -> Paths:
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
    files = keep_article_nquads(paths, graphs, infos)
    write_store(graphs, infos, Manifest(built_at=built_at, kg_version="0.1.0"), paths, files)
    return paths



def tricky_build(build: Path, articles: int = 12) -> Paths:
    """A build whose literals and shapes stress the text writers of ``kg export``: tabs, control
    characters, carriage returns, quotes and backslashes, characters beyond the BMP, numbers in
    every lexical form, booleans written ``1``/``0``, language tags with regions, objects repeated
    across graphs (read through VALUES tables), a triple in two graphs, a subject in several graphs,
    pairs that are one triple once stored (a plain and a typed string, language tags in two cases,
    booleans, decimals and doubles in two forms), doubles that differ beyond the seventh digit or
    overflow, an ``xsd:int``, and blank nodes in one graph. Article graphs are loaded from their
    N-Quads files, as ``kg build`` loads them."""
    XSD_ = str(XSD)
    graphs: dict[str, rdflib.Graph] = {}
    infos: list[GraphInfo] = []
    odd = ['tab\there', 'bell\x07 and del\x7f', 'cr\r\nlf', 'quote " and \\ backslash', 'emoji \U0001F600',
           'curly “its” and é', '\\t is not a tab', '"', 'x\\', '']
    numbers = [("1", "decimal"), ("-0", "decimal"), ("+007.100", "decimal"), ("1E3", "decimal"), ("x", "decimal"),
               ("1.5E0", "double"), ("-0.0", "double"), ("INF", "double"), ("1", "boolean"), ("0", "boolean"),
               ("007", "integer"), ("-12", "integer"), ("2016", "gYear"), ("2016-02-29", "date"), ("a\tb", "token")]
    org = ID["organization/canieti"]
    for n in range(articles):
        a = f"t{n:02d}"
        g = rdflib.Graph()
        art = iris.article_iri(a)
        g.add((art, RDF.type, KG.Article))
        g.add((art, KG.inArticle, art))
        g.add((art, KG.about, org))  # the same triple in every article graph
        g.add((art, KG.surfaceText, Literal(odd[n % len(odd)])))
        g.add((art, KG.text, Literal(odd[(n + 3) % len(odd)], lang="es-MX")))
        lex, dt = numbers[n % len(numbers)]
        g.add((art, KG.value, Literal(lex, datatype=URIRef(XSD_ + dt), normalize=False)))
        lex, dt = numbers[(n * 7 + 1) % len(numbers)]
        g.add((art, KG.minValue, Literal(lex, datatype=URIRef(XSD_ + dt), normalize=False)))
        g.add((art, KG.status, Literal("accepted")))
        if n % 3 == 0:  # pairs that are one triple in the store, two in rdflib (and in the build's N-Quads file)
            g.add((art, KG.acronym, Literal("same")))
            g.add((art, KG.acronym, Literal("same", datatype=XSD.string)))
            g.add((art, KG.label, Literal("tag", lang="EN")))
            g.add((art, KG.label, Literal("tag", lang="en")))
            for lex, dt in (("1", "boolean"), ("true", "boolean"), ("1.0", "decimal"), ("1.00", "decimal"),
                            ("1.5E0", "double"), ("1.50e0", "double")):
                g.add((art, KG.rank, Literal(lex, datatype=URIRef(XSD_ + dt), normalize=False)))
        if n % 4 == 2:  # doubles that differ beyond the seventh digit
            g.add((art, KG.share, Literal("1.0000001", datatype=XSD.double, normalize=False)))
            g.add((art, KG.share, Literal("1.00000011", datatype=XSD.double, normalize=False)))
            g.add((art, KG.share, Literal("0.1", datatype=XSD.double, normalize=False)))
        if n in (1, 5):  # forms the store rewrites: a double beyond the largest one (INF), an xsd:int
            g.add((art, KG.maxValue, Literal("1e400" if n == 5 else "12", datatype=XSD.double if n == 5 else XSD.int,
                                             normalize=False)))
        g.add((org, KG.mentionedIn, art))  # a subject in every graph
        for k in range(4):
            obs = iris.fact_iri(a, "observation", f"obs-{k}")
            g.add((obs, RDF.type, KG.Observation))
            g.add((obs, RDF.type, KG.Fact))
            g.add((obs, KG.inArticle, art))
            g.add((obs, KG.value, Literal(str(k * 1.5), datatype=XSD.decimal, normalize=False)))
        iri = str(iris.article_graph(a))
        graphs[iri] = g
        infos.append(GraphInfo(iri=iri, kind="article", triples=len(g), article=a))
    ent = entities_graph()
    ent.add((org, KG.about, org))
    ent.add((iris.article_iri("t00"), KG.about, org))  # also in t00's graph: merged once
    onto = ontology_graph()
    union = BNode()
    onto.add((KG.Fact, OWL.unionOf, union))
    onto.add((union, RDF.first, KG.Observation))
    onto.add((union, RDF.rest, RDF.nil))
    for kind, iri, g in (("entities", iris.ENTITIES_GRAPH, ent), ("ontology", iris.ONTOLOGY_GRAPH, onto),
                         ("inferred", iris.INFERRED_GRAPH, inferred_graph([f"t{n:02d}" for n in range(articles)]))):
        graphs[str(iri)] = g
        infos.append(GraphInfo(iri=str(iri), kind=kind, triples=len(g)))
    paths = Paths(build=build)  # type: ignore[call-arg]
    files = keep_article_nquads(paths, graphs, infos)
    write_store(graphs, infos, Manifest(built_at=BUILT_AT, kg_version="0.1.0"), paths, files)
    return paths
