"""Namespaces and IRI minting, in one place (docs/data-model.md §2).

IRIs are minted from curator ids only, never from positions or labels, so that a rebuild or a
reordering of a fact file changes no IRI and exports stay diffable.
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

BASE = "https://w3id.org/canieti-kg/"


class TermCache(Namespace):
    """A Namespace that makes each term once. rdflib's makes a new URIRef, with its IRI check, at every
    attribute access (``KG.status``): about 150 times per article mapped, 5 % of the mapping's time."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # (found there, without __getattr__, from now on)
        return term


KG = TermCache(BASE + "ontology#")
KGV = TermCache(BASE + "vocab/")
ID = TermCache(BASE + "id/")
GRAPH = TermCache(BASE + "graph/")

ONTOLOGY_IRI = URIRef(BASE + "ontology")
ONTOLOGY_VERSION = "0.1.0"
ONTOLOGY_VERSION_IRI = URIRef(f"{BASE}ontology/{ONTOLOGY_VERSION}")

# Reused vocabularies (their own namespaces; we never coin terms in them).
ORG = TermCache("http://www.w3.org/ns/org#")
OA = TermCache("http://www.w3.org/ns/oa#")
SCHEMA = TermCache("http://schema.org/")
QUDT = TermCache("http://qudt.org/schema/qudt/")
UNIT = TermCache("http://qudt.org/vocab/unit/")

ENTITIES_GRAPH = URIRef(BASE + "graph/entities")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
INFERRED_GRAPH = URIRef(BASE + "graph/inferred")

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgv": KGV,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "time": TIME,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "qudt": QUDT,
    "unit": UNIT,
    "void": VOID,
    "dcat": DCAT,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

ENTITY_KINDS = frozenset(
    {"organization", "person", "collective", "post", "initiative", "program", "platform",
     "agreement", "event", "series", "place"}
)
FACT_SECTIONS = frozenset(
    {"entity", "mention", "tenure", "participation", "relation", "statement", "plan", "observation"}
)
CONCEPT_SCHEMES = frozenset(
    {"measure", "unit", "comparator", "status", "kind", "time", "role", "relation", "topic", "event-status", "per",
     "statistic"}
)

# Class local name (docs/data-model.md §4.1) -> the IRI kind of §2. Entity IRIs depend on the kind,
# not on the class, so refining a class (Initiative -> Strategy) changes no IRI.
CLASS_TO_KIND: dict[str, str] = {
    "Person": "person",
    "Organization": "organization",
    "IndustryChamber": "organization",
    "Confederation": "organization",
    "GovernmentBody": "organization",
    "PublicInstitute": "organization",
    "SecurityBody": "organization",
    "Company": "organization",
    "University": "organization",
    "NetworkOrProgramOffice": "organization",
    "CollectiveActor": "collective",
    "Post": "post",
    "Initiative": "initiative",
    "Strategy": "initiative",
    "Policy": "initiative",
    "Decree": "initiative",
    "Reform": "initiative",
    "Study": "initiative",
    "WorkPlan": "initiative",
    "Program": "program",
    "Fund": "program",
    "Platform": "platform",
    "Agreement": "agreement",
    "CollaborationAgreement": "agreement",
    "PartnershipAgreement": "agreement",
    "TradeAgreement": "agreement",
    "Event": "event",
    "Convention": "event",
    "EventSession": "event",
    "Talk": "event",
    "Signing": "event",
    "Process": "event",
    "EventSeries": "series",
    "Place": "place",
    "Country": "place",
    "City": "place",
    "State": "place",
    "Region": "place",
}

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # an entity, fact, item or concept id
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _check(value: str, pattern: re.Pattern[str], what: str) -> str:
    # A bad id would silently mint a broken IRI; the loader reports it with file:line first,
    # so reaching here is a programming error.
    if not pattern.fullmatch(value):  # (not ``match``: its ``$`` lets a final line feed by)
        raise ValueError(f"invalid {what} {value!r}: must match {pattern.pattern}")
    return value


def iri_problem(value: str) -> str | None:
    """Why Oxigraph, which every load of the graph goes through, would refuse ``value`` as an IRI; or None.
    Input is checked with it up front, where its line and field are known (rdflib only warns)."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(value)
    except ValueError as err:
        return str(err)
    return None


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a well-formed BCP 47 language tag for Oxigraph; or None."""
    import pyoxigraph as ox

    try:
        ox.Literal("", language=tag)
    except ValueError as err:
        return str(err)
    return None


def kind_of(class_name: str) -> str:
    """The IRI kind of a §4.1 class name (``kg:`` prefix optional)."""
    name = class_name.removeprefix("kg:")
    try:
        return CLASS_TO_KIND[name]
    except KeyError:
        raise ValueError(f"unknown entity class {class_name!r}; expected one of {sorted(CLASS_TO_KIND)}") from None


def entity_iri(kind: str, slug: str) -> URIRef:
    """``BASE id/<kind>/<slug>``; ``kind`` is an IRI kind (organization, person, ...) or a class name."""
    if kind not in ENTITY_KINDS:
        kind = kind_of(kind)
    return URIRef(f"{BASE}id/{kind}/{_check(slug, SLUG, 'entity id')}")


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{BASE}id/article/{_check(article_id, _ARTICLE_ID, 'article id')}")


def section_iri(article_id: str, number: int) -> URIRef:
    """A headed section of an article, numbered from 1."""
    if number < 1:
        raise ValueError(f"section numbers start at 1, got {number}")
    return URIRef(f"{article_iri(article_id)}/section/{number}")


def fact_iri(article_id: str, section: str, fact_id: str) -> URIRef:
    """``BASE id/article/<article-id>/<section>/<fact-id>``."""
    if section not in FACT_SECTIONS:
        raise ValueError(f"unknown fact section {section!r}; expected one of {sorted(FACT_SECTIONS)}")
    return URIRef(f"{article_iri(article_id)}/{section}/{_check(fact_id, SLUG, 'fact id')}")


def item_iri(fact: URIRef, item_id: str) -> URIRef:
    """An item of a plan or statement: ``<fact IRI>/item/<item-id>``."""
    return URIRef(f"{fact}/item/{_check(item_id, SLUG, 'item id')}")


def tenure_interval_iri(tenure: URIRef) -> URIRef:
    return URIRef(f"{tenure}/interval")


def tenure_start_iri(tenure: URIRef) -> URIRef:
    return URIRef(f"{tenure}/start")


def tenure_end_iri(tenure: URIRef) -> URIRef:
    return URIRef(f"{tenure}/end")


def evidence_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence")


def quote_selector_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence/quote")


def position_selector_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence/position")


def scheme_iri(scheme: str) -> URIRef:
    """``BASE vocab/<scheme>``."""
    if scheme not in CONCEPT_SCHEMES:
        raise ValueError(f"unknown concept scheme {scheme!r}; expected one of {sorted(CONCEPT_SCHEMES)}")
    return URIRef(f"{BASE}vocab/{scheme}")


def concept_iri(scheme: str, slug: str) -> URIRef:
    """``BASE vocab/<scheme>/<slug>`` (units other than rank are QUDT IRIs: see ``unit_iri``)."""
    return URIRef(f"{scheme_iri(scheme)}/{_check(slug, SLUG, 'concept id')}")


# `unit:` in a fact file -> the unit IRI (docs/data-model.md §4.2 kg:unit). Also declared with a
# kg:code in ontology/vocab/units.ttl, which is the source of truth for labels.
UNIT_CODES: dict[str, URIRef] = {
    "MXN": UNIT["CCY_MXN"],
    "USD": UNIT["CCY_USD"],
    "percent": UNIT["PERCENT"],
    "count": UNIT["NUM"],
    "hour": UNIT["HR"],
    "rank": URIRef(f"{BASE}vocab/unit/rank"),
    "times": URIRef(f"{BASE}vocab/unit/times"),
}


def unit_iri(code: str) -> URIRef:
    """The unit IRI of a fact file's ``unit:`` code (MXN, USD, percent, count, rank, times)."""
    try:
        return UNIT_CODES[code]
    except KeyError:
        raise ValueError(f"unknown unit code {code!r}; expected one of {sorted(UNIT_CODES)}") from None


def article_graph(article_id: str) -> URIRef:
    """``BASE graph/article/<article-id>``: the named graph of one article's facts."""
    return URIRef(f"{BASE}graph/article/{_check(article_id, _ARTICLE_ID, 'article id')}")


def bind_prefixes(graph: object) -> None:
    """Bind our prefixes on an rdflib Graph/Dataset so serializations read well."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)  # type: ignore[attr-defined]
