"""Nothing invented: one ASK per item the seed articles do NOT state (docs/gold/fact-inventory.md §4).

Each ASK is false on the real build, and true once a fixture asserts the item on top of it: so each
query really detects what it names, and the real graph holds none of it. `{slug}` stands for the IRI of
that entity in the build; `M:slug` for a measure concept.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.config import Paths
from kg.store import open_read_only

PREFIXES = """PREFIX kg: <https://w3id.org/canieti-kg/ontology#>
PREFIX kgv: <https://w3id.org/canieti-kg/vocab/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX unit: <http://qudt.org/vocab/unit/>
"""
ART0 = "<https://w3id.org/canieti-kg/id/article/000_5fec07e56bfc17d3>"
ART1 = "<https://w3id.org/canieti-kg/id/article/001_f5c50bd7e4e2a6b2>"
G1 = "<https://w3id.org/canieti-kg/graph/article/001_f5c50bd7e4e2a6b2>"
NOT_EXPLICIT = "FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> }"

# (item, what must not be stated, ASK body, fixture triples that state it)
ITEMS: list[tuple[int, str, str, str]] = [
    (1, "publication date", f"{ART0} dcterms:issued ?d", f'{ART0} dcterms:issued "2017-06-01"^^xsd:date .'),
    (2, "title, author, outlet or URL",
     "?a a kg:Article . { ?a dcterms:title ?x } UNION { ?a dcterms:creator ?x } UNION { ?a dcterms:publisher ?x } UNION { ?a dcterms:source ?x }",
     f'{ART1} dcterms:title "Canieti convention"@en .'),
    (3, "the language of an original", '?a a kg:Article ; dcterms:language ?l FILTER(STR(?l) != "en")',
     f'{ART0} dcterms:language "es"^^xsd:language .'),
    (4, "date of the re-election event", "{event-canieti-reelection} kg:date|kg:startDate|kg:endDate ?d",
     '{event-canieti-reelection} kg:date "2017-03-15"^^xsd:date .'),
    (5, "venue of an event", "?e kg:place ?p . FILTER NOT EXISTS { ?p a kg:City }",
     "{event-canieti-37th-convention} kg:place <https://w3id.org/canieti-kg/id/place/world-trade-center> ."),
    (6, "dates or days of the 37th convention",
     "?e kg:edition ?n . { ?e kg:date|kg:startDate|kg:endDate ?d } UNION { ?day kg:partOfEvent ?e ; kg:dayNumber ?k FILTER(?k > 2) }",
     '{event-canieti-37th-convention} kg:startDate "2017-05-10"^^xsd:date .'),
    (7, "re-election event being the convention or part of it",
     "{event-canieti-reelection} (kg:partOfEvent|owl:sameAs|^owl:sameAs)+ ?c . ?c kg:edition ?n",
     "{event-canieti-reelection} kg:partOfEvent {event-canieti-37th-convention} ."),
    (8, "day of each speaker, titles of the presentations",
     "{ ?t a kg:Talk ; kg:partOfEvent ?day . ?day kg:dayNumber ?n } UNION { ?t a kg:Talk ; dcterms:title ?x }",
     "{talk-guajardo-speech} kg:partOfEvent {event-convention-day-two} ."),
    (9, "start, end or length of Mario de la Cruz's terms",
     "?t org:member {mario-de-la-cruz-sarabia} ; org:memberDuring ?i . ?i time:hasBeginning|time:hasEnd ?x",
     "<https://w3id.org/canieti-kg/id/article/000_5fec07e56bfc17d3/tenure/ten-mdlc-current/interval> time:hasBeginning <urn:x:start> ."),
    (10, "who elected him, a vote, a competitor",
     "?t a kg:Tenure . ?x ?p ?t FILTER(?p NOT IN (kg:previousTerm, kg:nextTerm, kg:predecessorTerm, kg:successorTerm))",
     "<urn:x:vote> kg:relationObject <https://w3id.org/canieti-kg/id/article/000_5fec07e56bfc17d3/tenure/ten-mdlc-current> ."),
    (11, "term dates of Guajardo, Jacob Rocha, Lagunes",
     "VALUES ?p { {ildefonso-guajardo-villarreal} {enrique-jacob-rocha} {victor-lagunes-soto} } ?t org:member ?p ; org:memberDuring ?i . ?i time:hasBeginning|time:hasEnd ?x",
     "<https://w3id.org/canieti-kg/id/article/001_f5c50bd7e4e2a6b2/tenure/ten-guajardo-secretary/interval> time:hasEnd <urn:x:end> ."),
    (12, "a post or affiliation for Cortes, Mares, Yuste",
     "VALUES ?p { {maricarmen-cortes} {marco-mares} {joseph-yuste} } { ?t org:member ?p } UNION { ?p org:holds|org:memberOf|org:headOf ?x } UNION { ?r kg:relationSubject ?p ; kg:relationType kgv:relation\\/member-of }",
     "{marco-mares} org:memberOf <https://w3id.org/canieti-kg/id/organization/el-financiero> ."),
    (13, "corrected spellings as article facts",
     "GRAPH ?g { ?f ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/canieti-kg/graph/article/\")) "
     "FILTER(isLiteral(?o) && REGEX(STR(?o), \"Víctor|Cortés|León|José Yuste\")) "
     "FILTER(?p NOT IN (kg:statusReason, kg:reading, rdfs:comment)) "
     "FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/correction> }",
     f'GRAPH {G1} {{ {{joseph-yuste}} skos:altLabel "José Yuste"@es . }}'),
    (14, "Mario de la Cruz's second surname in art-001",
     f'GRAPH {G1} {{ ?m kg:surfaceForm ?f FILTER(CONTAINS(STR(?f), "Sarabia")) }}',
     f'GRAPH {G1} {{ <urn:x:m> kg:surfaceForm "Mario de la Cruz Sarabia"@en . }}'),
    (15, "date, place, signatories or duration of the CANIETI-CONCAMIN agreement",
     "{ {agreement-canieti-concamin} kg:signatory|kg:year|kg:periodStart|kg:periodEnd|kg:date ?x } UNION { {event-canieti-concamin-signing} kg:date|kg:place ?x }",
     "{agreement-canieti-concamin} kg:signatory {mario-de-la-cruz-sarabia} ."),
    (16, "CANIETI a member of CONCAMIN",
     "{ {canieti} org:memberOf {concamin} } UNION { ?r kg:relationSubject {canieti} ; kg:relationObject {concamin} ; kg:relationType kgv:relation\\/member-of }",
     "{canieti} org:memberOf {concamin} ."),
    (17, "operator or owner of CAPIM, its Spanish expansion",
     "{ ?x kg:operates {capim} } UNION { ?r kg:relationObject {capim} ; kg:relationType kgv:relation\\/operates } UNION { {capim} skos:prefLabel|skos:altLabel ?l FILTER(LANG(?l) = \"es\") }",
     "{concamin} kg:operates {capim} ."),
    (18, "NAFTA's parties, dates of the renegotiation",
     "{ {nafta} kg:party ?p } UNION { ?r kg:relationSubject {nafta} ; kg:relationType kgv:relation\\/party } UNION { {event-nafta-renegotiation} kg:date|kg:startDate|kg:endDate ?d }",
     "{nafta} kg:party {mexico} ."),
    (19, "names or number of the companies and universities, number and dates of the agreements",
     "{ ?r kg:relationSubject {agreements-cyber-police} ; kg:relationObject ?o . ?o a kg:Company } UNION { ?r kg:relationSubject {agreements-cyber-police} ; kg:relationObject ?o . ?o a kg:University } "
     "UNION { ?ob kg:about {agreements-cyber-police} } UNION { {agreements-cyber-police} kg:date|kg:year ?d }",
     "<urn:x:r> kg:relationSubject {agreements-cyber-police} ; kg:relationObject <urn:x:unam> . <urn:x:unam> a kg:University ."),
    (20, "expansion, owner or amount of PROSOFT and FINNOVA",
     "VALUES ?f { {prosoft} {finnova} } { ?x kg:operates ?f } UNION { ?o kg:about ?f ; kg:value ?v } UNION { ?f skos:altLabel|kg:gloss ?l }",
     '{prosoft} skos:altLabel "Programa para el Desarrollo de la Industria del Software"@es .'),
    (21, "names of the CONACYT and INADEM programs",
     "VALUES ?i { {conacyt} {inadem} } ?i kg:operates ?p FILTER(?p != {conacyt-inadem-programs})",
     "{conacyt} kg:operates <urn:x:fordecyt> ."),
    (22, "number of modernization projects, names of the 1,776 companies",
     "{ ?o kg:about {technological-modernization-projects} ; kg:measure ?m FILTER(?m NOT IN (<https://w3id.org/canieti-kg/vocab/measure/companies-benefited>, <https://w3id.org/canieti-kg/vocab/measure/jobs-created>)) } "
     "UNION { ?r kg:relationSubject {technological-modernization-projects} ; kg:relationType kgv:relation\\/benefited ; kg:relationObject ?c . ?c a kg:Company }",
     "<urn:x:o> kg:about {technological-modernization-projects} ; kg:measure <https://w3id.org/canieti-kg/vocab/measure/presentations> ."),
    (23, "exchange rates or a US$ equivalent of the peso amounts",
     "?a kg:measure ?m ; kg:unit unit:CCY_MXN . ?b kg:measure ?m ; kg:unit unit:CCY_USD",
     "<urn:x:o> kg:measure <https://w3id.org/canieti-kg/vocab/measure/funds-managed> ; kg:unit unit:CCY_USD ."),
    (24, "operator of the Network or of Emprende Fácil; Emprende Fácil in the Network",
     "VALUES ?p { {entrepreneur-support-network} {emprende-facil} } { ?x kg:operates ?p } UNION { ?r kg:relationObject ?p ; kg:relationType kgv:relation\\/operates } "
     "UNION { {emprende-facil} kg:partOf {entrepreneur-support-network} } "
     "UNION { ?f kg:relationSubject {emprende-facil} ; kg:relationType kgv:relation\\/part-of ; kg:relationObject {entrepreneur-support-network} . " + NOT_EXPLICIT.replace("NOT EXISTS", "EXISTS") + " }",
     "{emprende-facil} kg:partOf {entrepreneur-support-network} ."),
    (25, "INADEM = National Institute of Entrepreneurship stated as a fact",
     "?f kg:mentionOf {inadem} ; kg:surfaceForm ?s FILTER(CONTAINS(STR(?s), \"Entrepreneurship\")) "
     "FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/judgement> }",
     '<urn:x:m> kg:mentionOf {inadem} ; kg:surfaceForm "National Institute of Entrepreneurship"@en ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> .'),
    (26, "the expansion of SE",
     "{ {ministry-of-economy} kg:acronym|skos:altLabel ?l FILTER(STR(?l) = \"SE\") } UNION { ?x skos:prefLabel|skos:altLabel ?l FILTER(CONTAINS(STR(?l), \"Secretaría de Economía\")) }",
     '{ministry-of-economy} kg:acronym "SE" .'),
    (27, "the expansion of CDMX",
     "{ ?f kg:surfaceForm ?s FILTER(STR(?s) = \"CDMX\") . ?f kg:mentionOf ?x "
     "FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/judgement> } } UNION { ?x skos:altLabel ?l FILTER(STR(?l) = \"CDMX\") }",
     '{mexico-city} skos:altLabel "CDMX"@es .'),
    (28, "the parent body of the cyber police",
     "{ {cyber-police} org:subOrganizationOf ?x } UNION { ?r kg:relationSubject {cyber-police} ; kg:relationType kgv:relation\\/part-of }",
     "{cyber-police} org:subOrganizationOf <urn:x:federal-police> ."),
    (29, "founding date, founder, website or lead organization of Code X",
     "{ {code-x} kg:year|kg:periodStart|owl:sameAs|dcterms:source ?x } UNION { ?f kg:relationObject {code-x} ; kg:relationType kgv:relation\\/promotes ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> } "
     "UNION { ?f kg:relationSubject {code-x} ; kg:relationType kgv:relation\\/authored-by }",
     '{code-x} kg:year "2016"^^xsd:gYear .'),
    (30, "author, date or results of the study; adoption of the strategy by government",
     "{ ?f kg:relationSubject {national-cybersecurity-study} ; kg:relationType kgv:relation\\/authored-by } UNION { {national-cybersecurity-study} kg:year|kg:periodStart ?y } "
     "UNION { ?o a kg:Observation ; kg:about {national-cybersecurity-study} } UNION { ?f kg:relationObject {national-cybersecurity-strategy} ; kg:relationSubject ?g . ?g a kg:GovernmentBody }",
     "<urn:x:f> kg:relationSubject {national-cybersecurity-study} ; kg:relationType <https://w3id.org/canieti-kg/vocab/relation/authored-by> ; kg:relationObject {canieti} ."),
    (31, "name, issuer or date of the decree",
     "{ {high-tech-manufacturing-decree} kg:year|kg:date|skos:altLabel ?x } UNION { ?f kg:relationSubject {high-tech-manufacturing-decree} ; kg:relationType kgv:relation\\/authored-by }",
     '{high-tech-manufacturing-decree} kg:year "2017"^^xsd:gYear .'),
    (32, "the name of the 2013 reforms or their laws",
     "{ {telecom-structural-reforms-2013} skos:altLabel ?l } UNION { {telecom-structural-reforms-2013} skos:prefLabel ?l FILTER(REGEX(STR(?l), \"Telecommunications Reform|Ley\", \"i\")) }",
     '{telecom-structural-reforms-2013} skos:altLabel "Telecommunications Reform"@en .'),
    (33, "reference years of the figures that have none",
     "VALUES ?m { <https://w3id.org/canieti-kg/vocab/measure/members> <https://w3id.org/canieti-kg/vocab/measure/membership-growth> "
     "<https://w3id.org/canieti-kg/vocab/measure/new-production-plants> <https://w3id.org/canieti-kg/vocab/measure/rank-vehicle-manufacturing> "
     "<https://w3id.org/canieti-kg/vocab/measure/share-of-invention-applications> <https://w3id.org/canieti-kg/vocab/measure/venture-capital-funds> "
     "<https://w3id.org/canieti-kg/vocab/measure/entrepreneurial-projects> <https://w3id.org/canieti-kg/vocab/measure/annual-cybercrime-losses> "
     "<https://w3id.org/canieti-kg/vocab/measure/rank-cybercrime-losses> } ?o kg:measure ?m ; kg:referenceYear|kg:referenceDate|kg:periodStart|kg:periodEnd ?y",
     '<https://w3id.org/canieti-kg/id/article/000_5fec07e56bfc17d3/observation/obs-canieti-members> kg:referenceYear "2017"^^xsd:gYear .'),
    (34, "baseline year of the Internet-user projection",
     "?o kg:measure <https://w3id.org/canieti-kg/vocab/measure/internet-users-increase> ; kg:periodStart|kg:referenceDate ?y",
     '<urn:x:o> kg:measure <https://w3id.org/canieti-kg/vocab/measure/internet-users-increase> ; kg:periodStart "2016"^^xsd:gYear .'),
    (35, "the country of the 369 million devices, as explicit",
     "?f kg:measure <https://w3id.org/canieti-kg/vocab/measure/connected-devices> ; kg:about {mexico} ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit>",
     "<urn:x:o> kg:measure <https://w3id.org/canieti-kg/vocab/measure/connected-devices> ; kg:about {mexico} ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> ."),
    (36, "the exact currency of the global range, as explicit",
     "?f kg:minValue ?min ; kg:unit unit:CCY_USD ; kg:measure <https://w3id.org/canieti-kg/vocab/measure/annual-cybercrime-losses> . " + NOT_EXPLICIT.replace("NOT EXISTS", "EXISTS"),
     "<urn:x:o> kg:minValue 375000000000.0 ; kg:unit unit:CCY_USD ; kg:measure <https://w3id.org/canieti-kg/vocab/measure/annual-cybercrime-losses> ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> ."),
    (37, "which reading of 111 000 741 is right",
     "?f kg:measure <https://w3id.org/canieti-kg/vocab/measure/computer-incidents> "
     "FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/ambiguous> }",
     "<urn:x:o> kg:measure <https://w3id.org/canieti-kg/vocab/measure/computer-incidents> ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> ."),
    (38, "whether 2.8-3.0% is annual or cumulative, and who estimated it",
     "?f kg:measure <https://w3id.org/canieti-kg/vocab/measure/economic-growth> . "
     "{ ?f kg:attributedTo ?x } UNION { FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/ambiguous> } }",
     "<urn:x:o> kg:measure <https://w3id.org/canieti-kg/vocab/measure/economic-growth> ; kg:attributedTo <urn:x:banxico> ."),
    (39, "whether the CAPIM US$4.9 billion is cumulative or for 2016",
     "?f kg:measure <https://w3id.org/canieti-kg/vocab/measure/business-linked-value> "
     "FILTER NOT EXISTS { ?f kg:status <https://w3id.org/canieti-kg/vocab/status/ambiguous> }",
     "<urn:x:o> kg:measure <https://w3id.org/canieti-kg/vocab/measure/business-linked-value> ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> ."),
    (40, "who made the statement on global losses",
     "{ ?f kg:minValue ?v ; kg:measure <https://w3id.org/canieti-kg/vocab/measure/annual-cybercrime-losses> ; kg:attributedTo ?x } "
     "UNION { ?s kg:text ?t FILTER(CONTAINS(STR(?t), \"375 billion\")) ?s kg:saidBy ?x }",
     "<urn:x:s> kg:text \"Globally, annual losses from cyber crime are between 375 billion and 575 billion dollars.\" ; kg:saidBy {victor-lagunes-soto} ."),
    (41, "who the experts were",
     "{ ?s kg:saidBy ?p . ?p a kg:Person . ?s kg:text ?t FILTER(CONTAINS(STR(?t), \"experts\")) } UNION { {experts} owl:sameAs|org:hasMember|^org:memberOf ?x }",
     "<urn:x:someone> org:memberOf {experts} ."),
    (42, "the content of the strategy for the near future beyond what is listed",
     "{ {canieti-near-future-strategy} kg:hasItem|kg:purpose ?x } UNION { ?f kg:relationSubject {canieti-near-future-strategy} ; kg:relationType ?t "
     "FILTER(?t NOT IN (<https://w3id.org/canieti-kg/vocab/relation/announced-at>, <https://w3id.org/canieti-kg/vocab/relation/authored-by>)) }",
     '{canieti-near-future-strategy} kg:purpose "to double the membership"^^xsd:string .'),
]

_SLUG = re.compile(r"\{([a-z0-9][a-z0-9-]*)\}")


@pytest.fixture(scope="module")
def store(built_paths: Paths) -> ox.Store:
    return open_read_only(built_paths)


@pytest.fixture(scope="module")
def iri_of(store: ox.Store):  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None, None):
        value = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
        if value.startswith("https://w3id.org/canieti-kg/id/") and "/article/" not in value:
            found[value.rsplit("/", 1)[1]] = value
    return found


def _expand(text: str, iri_of: dict[str, str]) -> str:
    def sub(match: re.Match[str]) -> str:
        slug = match.group(1)
        assert slug in iri_of, f"no entity {slug!r} in the build"
        return f"<{iri_of[slug]}>"
    return _SLUG.sub(sub, text)


def _ask(store: ox.Store, body: str) -> bool:
    return bool(store.query(PREFIXES + "ASK { " + body + " }", use_default_graph_as_union=True))


@pytest.mark.parametrize("item,what,ask,fixture", ITEMS, ids=[f"{i[0]:02d}-{i[1][:40]}" for i in ITEMS])
def test_unstated_item_is_absent_and_the_query_detects_it(store: ox.Store, iri_of: dict[str, str], item: int,
                                                         what: str, ask: str, fixture: str) -> None:
    body = _expand(ask, iri_of)
    assert not _ask(store, body), f"§4 item {item}: the graph states {what}"
    # A copy of the build plus the fixture: the same query must now find the item.
    probe = ox.Store()
    probe.bulk_extend(store)
    trig = PREFIXES.replace("PREFIX ", "@prefix ").replace(">\n", "> .\n") + _expand(fixture, iri_of)
    if "GRAPH" in fixture:
        trig = trig.replace("GRAPH ", "")
    else:
        trig = trig.replace(_expand(fixture, iri_of), f"{G1} {{ {_expand(fixture, iri_of)} }}")
    probe.load(input=trig, format=ox.RdfFormat.TRIG)
    assert _ask(probe, body), f"§4 item {item}: the query does not detect {what}"


def test_every_item_of_the_inventory_has_a_check() -> None:
    assert [i[0] for i in ITEMS] == list(range(1, 43))
