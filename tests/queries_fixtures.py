"""A small hand-written build that follows docs/data-model.md, for engine tests that need no real build.

One triple (CANIETI's English prefLabel and its type) sits in two graphs on purpose: Oxigraph's union
would return it twice, the engines must return it once.
"""

from __future__ import annotations

from pathlib import Path

import rdflib

from kg.config import Paths
from kg.store import GraphInfo, Manifest, now_utc, write_store

REPO = Path(__file__).resolve().parent.parent

PREFIXES = """
@prefix kg: <https://w3id.org/canieti-kg/ontology#> .
@prefix kgv: <https://w3id.org/canieti-kg/vocab/> .
@prefix ido: <https://w3id.org/canieti-kg/id/organization/> .
@prefix idp: <https://w3id.org/canieti-kg/id/person/> .
@prefix idpost: <https://w3id.org/canieti-kg/id/post/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix unit: <http://qudt.org/vocab/unit/> .
"""

BASE = "https://w3id.org/canieti-kg/"
A = BASE + "id/article/art-a"
B = BASE + "id/article/art-b"

ONTOLOGY = PREFIXES + """
kg:IndustryChamber rdfs:subClassOf kg:Organization . kg:Organization rdfs:subClassOf kg:Agent .
kg:Person rdfs:subClassOf kg:Agent . kg:Convention rdfs:subClassOf kg:Event .
unit:CCY_USD kg:code "USD" ; skos:prefLabel "US dollar"@en .
unit:CCY_MXN kg:code "MXN" ; skos:prefLabel "Mexican peso"@en .
<https://w3id.org/canieti-kg/vocab/measure/members> skos:prefLabel "members"@en , "afiliados"@es ;
    skos:inScheme kgv:measure .
<https://w3id.org/canieti-kg/vocab/measure/losses> skos:prefLabel "losses"@en ; skos:inScheme kgv:measure ;
    skos:broader <https://w3id.org/canieti-kg/vocab/measure/money> .
<https://w3id.org/canieti-kg/vocab/measure/money> skos:prefLabel "money"@en ; skos:inScheme kgv:measure .
<https://w3id.org/canieti-kg/vocab/topic/security> skos:prefLabel "security"@en ; skos:inScheme kgv:topic .
<https://w3id.org/canieti-kg/vocab/topic/cyber> skos:prefLabel "cyber"@en ; skos:inScheme kgv:topic ;
    skos:broader <https://w3id.org/canieti-kg/vocab/topic/security> .
<https://w3id.org/canieti-kg/vocab/status/explicit> skos:prefLabel "explicit"@en .
<https://w3id.org/canieti-kg/vocab/status/implied> skos:prefLabel "implied"@en .
"""

ENTITIES = PREFIXES + """
ido:canieti a kg:IndustryChamber ; skos:prefLabel "National Chamber of ICT"@en , "Cámara Nacional"@es ;
    kg:acronym "CANIETI" ; skos:altLabel "Canieti"@en ; kg:topic <https://w3id.org/canieti-kg/vocab/topic/cyber> .
idp:ana-lopez a kg:Person ; skos:prefLabel "Ana López"@en .
idp:ana-lopez-2 a kg:Person ; skos:prefLabel "Ana Lopez"@en .
idp:mario a kg:Person ; skos:prefLabel "Mario de la Cruz"@en .
idpost:president a kg:Post ; skos:prefLabel "National President"@en ; org:postIn ido:canieti .
"""


def _fact(article: str, kind: str, fid: str, quote: str, start: int, status: str = "explicit") -> str:
    iri = f"<{article}/{kind}/{fid}>"
    ev = f"<{article}/{kind}/{fid}/evidence>"
    return f"""{iri} kg:status <{BASE}vocab/status/{status}> ; kg:inArticle <{article}> ; kg:hasEvidence {ev} .
{ev} oa:hasSource <{article}> ; oa:hasSelector <{article}/{kind}/{fid}/evidence/quote> , <{article}/{kind}/{fid}/evidence/position> ; kg:line 1 .
<{article}/{kind}/{fid}/evidence/quote> a oa:TextQuoteSelector ; oa:exact "{quote}" .
<{article}/{kind}/{fid}/evidence/position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + len(quote)} .
"""


ARTICLE_A = PREFIXES + f"""
<{A}> a kg:Article ; dcterms:identifier "art-a" ; kg:fileName "art-a.txt" ; schema:mentions ido:canieti .
ido:canieti a kg:IndustryChamber ; skos:prefLabel "National Chamber of ICT"@en .
<{A}/tenure/t1> a kg:Tenure ; org:member idp:mario ; kg:post idpost:president .
<{A}/observation/o1> a kg:Observation ; kg:about ido:canieti ; kg:measure <{BASE}vocab/measure/members> ;
    kg:value "1377.0"^^xsd:decimal ; kg:unit unit:NUM ; kg:comparator <{BASE}vocab/comparator/exact> .
<{A}/observation/o2> a kg:Observation ; kg:about ido:canieti ; kg:measure <{BASE}vocab/measure/losses> ;
    kg:value "3000000000"^^xsd:decimal ; kg:unit unit:CCY_USD ; kg:comparator <{BASE}vocab/comparator/exact> ;
    kg:referenceYear "2016"^^xsd:gYear .
""" + _fact(A, "tenure", "t1", "Mario de la Cruz as President", 0) \
    + _fact(A, "observation", "o1", "a total of 1,377 members", 40) \
    + _fact(A, "observation", "o2", "US$3 billion", 80, status="implied")

ARTICLE_B = PREFIXES + f"""
<{B}> a kg:Article ; dcterms:identifier "art-b" ; kg:fileName "art-b.txt" ; schema:mentions ido:canieti .
ido:canieti a kg:IndustryChamber ; skos:prefLabel "National Chamber of ICT"@en .
<{B}/observation/o3> a kg:Observation ; kg:about ido:canieti ; kg:measure <{BASE}vocab/measure/losses> ;
    kg:minValue "375000000000.00"^^xsd:decimal ; kg:maxValue "575000000000"^^xsd:decimal ; kg:unit unit:CCY_USD ;
    kg:comparator <{BASE}vocab/comparator/between> .
""" + _fact(B, "observation", "o3", "between 375 billion and 575 billion dollars", 10)

GRAPHS = {
    BASE + "graph/ontology": ("ontology", ONTOLOGY, None),
    BASE + "graph/entities": ("entities", ENTITIES, None),
    BASE + "graph/article/art-a": ("article", ARTICLE_A, "art-a"),
    BASE + "graph/article/art-b": ("article", ARTICLE_B, "art-b"),
}

#: A graph present in the store but NOT in the manifest: queries must never see it.
STRAY_GRAPH = BASE + "graph/stray"
STRAY = PREFIXES + """ido:canieti skos:altLabel "Stray Name"@en . idp:ghost a kg:Person . ido:canieti kg:follows idp:phantom ."""


def write_fixture_build(tmp: Path, *, stray: bool = True) -> Paths:
    """Write the fixture as a build (store + manifest) and return Paths using the repository's queries;
    ``stray`` adds a graph the manifest does not list."""
    graphs: dict[str, rdflib.Graph] = {}
    infos = []
    for iri, (kind, ttl, article) in GRAPHS.items():
        g = rdflib.Graph()
        g.parse(data=ttl, format="turtle")
        graphs[iri] = g
        infos.append(GraphInfo(iri=iri, kind=kind, triples=len(g), article=article))
    paths = Paths(root=REPO, build=tmp / "build", queries=REPO / "queries")
    manifest = Manifest(built_at=now_utc(), kg_version="test")
    extra = {STRAY_GRAPH: rdflib.Graph().parse(data=STRAY, format="turtle")} if stray else {}
    write_store({**graphs, **extra}, infos, manifest, paths)
    return paths
