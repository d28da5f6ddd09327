"""Reasoning at scale by ABox summarization: HermiT sees one representative per kind of individual.

Our ontology uses subclass, disjointness, domain, range, inverse, symmetric, irreflexive and asymmetric
properties and functional data properties; no class restrictions. Under such axioms what HermiT infers
about an individual, and whether it clashes, depends only on its *signature*: its asserted types, the
properties of its edges (and the IRI at the other end when that is not one of our data individuals),
self-loops, mutual pairs, and its literal values. Individuals with equal signatures get equal inferred
types, so HermiT runs on one representative per signature (a few hundred individuals, however large the
corpus) and the inferences are copied to every member. Representatives are real individuals, so an
inconsistency report still names one of them.

`check_fragment` refuses the summary when the ontology leaves that fragment, so the shortcut can never
silently lose an inference: the build then reasons over the whole data instead.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.iris import BASE

DATA_PREFIX = BASE + "id/"
DUMMY_PREFIX = BASE + "id/_summary/"

def check_fragment(ontology: Graph) -> str | None:
    """None when summarization is exact for ``ontology``; else the construct that prevents it."""
    for s, p, o in ontology:
        if p == RDF.type and o == OWL.Restriction:
            return "owl:Restriction"
        if p in (OWL.hasKey, OWL.propertyChainAxiom, OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue,
                 OWL.oneOf, OWL.complementOf, OWL.intersectionOf):
            return str(p)
        # Transitivity adds edges only between individuals that already have edges of that property, so it
        # changes no domain or range inference; inverse-functional properties would merge individuals.
        if p == RDF.type and o == OWL.InverseFunctionalProperty:
            return str(o)
        if p == RDF.type and o == OWL.FunctionalProperty and (s, RDF.type, OWL.ObjectProperty) in ontology:
            return f"functional object property {s}"
    return None


@dataclass
class Summary:
    graph: Graph  # representatives with their signature edges
    members: dict[URIRef, list[URIRef]]  # representative -> every individual it stands for (itself included)
    individuals: int
    exact: bool = True  # False when the data itself leaves the fragment (owl:sameAs between our individuals)
    keys: dict[URIRef, str] | None = None  # representative -> a stable hash of its signature

    def restricted_to(self, reps: set[URIRef]) -> "Summary":
        """The representatives' graph for some groups only (those no cache knows yet)."""
        graph = Graph()
        for s, p, o in self.graph:
            owner = s if s in self.members else o
            if owner in reps or (s in reps) or (o in reps):
                graph.add((s, p, o))
        return Summary(graph=graph, members={r: self.members[r] for r in reps}, individuals=self.individuals,
                       exact=self.exact, keys={r: self.keys[r] for r in reps} if self.keys else None)


_BUILTIN_ANNOTATIONS = {str(RDFS.label), str(RDFS.comment), str(RDFS.seeAlso), str(RDFS.isDefinedBy),
                        str(OWL.versionInfo), str(OWL.deprecated), str(OWL.priorVersion),
                        str(OWL.backwardCompatibleWith), str(OWL.incompatibleWith)}


def annotation_properties(ontology: Graph) -> frozenset[str]:
    """Properties whose assertions entail nothing (OWL 2 annotations): signatures leave them out, so a
    curator's note does not make an individual a new kind for the reasoner. A property also declared
    an object or datatype property (punning) is kept."""
    declared = {str(s) for s in ontology.subjects(RDF.type, OWL.AnnotationProperty)} | _BUILTIN_ANNOTATIONS
    logical = {str(s) for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in ontology.subjects(RDF.type, kind)}
    return frozenset(declared - logical)


# A triple in the form the signatures read: subject IRI, predicate IRI, and either an object IRI or a
# literal (lexical form, datatype IRI, language tag or "").
Row = tuple[str, str, str | None, tuple[str, str, str] | None]
LANG_STRING = str(RDF.langString)


def rows_of_quads(quads: Iterable[ox.Quad]) -> Iterator[Row]:
    for quad in quads:
        s, o = quad.subject, quad.object
        if not isinstance(s, ox.NamedNode):
            continue
        if isinstance(o, ox.Literal):
            yield s.value, quad.predicate.value, None, (o.value, o.datatype.value, o.language or "")
        elif isinstance(o, ox.NamedNode):
            yield s.value, quad.predicate.value, o.value, None


def rows_from_rdflib(triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[Row]:
    for s, p, o in triples:
        if not isinstance(s, URIRef):
            continue
        if isinstance(o, Literal):
            datatype = LANG_STRING if o.language else str(o.datatype or XSD.string)
            yield str(s), str(p), None, (str(o), datatype, o.language or "")
        elif isinstance(o, URIRef):
            yield str(s), str(p), str(o), None


@dataclass
class Signatures:
    """Every data individual's signature elements, the literals it carries, and whether the summary is exact."""

    elements: dict[str, frozenset[tuple]]
    literals: dict[str, list[tuple[str, str, str, str]]]  # individual -> (property, lexical, datatype, language)
    exact: bool = True

    def key(self, individual: str) -> str:
        return _frozen_key(self.elements[individual])


def signature_key(elements: Iterable[tuple]) -> str:
    return hashlib.sha256(repr(sorted(elements, key=repr)).encode()).hexdigest()


@functools.lru_cache(maxsize=1 << 14)
def _frozen_key(elements: frozenset[tuple]) -> str:
    """``signature_key`` of a signature met before (a few hundred kinds among a corpus's individuals)."""
    return signature_key(elements)


def signatures(rows: Iterable[Row], ignore: frozenset[str] = frozenset()) -> Signatures:
    """The signatures of the data individuals in ``rows`` (see the module docstring), leaving out the
    properties in ``ignore`` (``annotation_properties``)."""
    signature: dict[str, set[tuple]] = defaultdict(set)
    literals: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
    out_edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    exact = True
    for s, p, o, lit in rows:
        if p in ignore:
            continue
        s_data = s.startswith(DATA_PREFIX)
        if lit is not None:
            if s_data:
                literals[s].add((p, *lit))
            continue
        assert o is not None
        o_data = o.startswith(DATA_PREFIX)
        if s_data and o_data and p == str(OWL.sameAs):
            exact = False  # merging two of our individuals mixes signatures
        if s_data:
            if o_data and o == s:
                signature[s].add(("self", p))
            signature[s].add(("out", p, "" if o_data else o))
            if o_data:
                out_edges[s].add((p, o))
        if o_data:
            signature[o].add(("in", p, "" if s_data else s))
    # Mutual pairs (x p y and y p x) matter to asymmetric properties.
    for s, edges in out_edges.items():
        for p, o in edges:
            if o != s and (p, s) in out_edges.get(o, ()):
                signature[s].add(("mutual", p))
    # Literals: datatype per property, and whether there are several values (functional data properties).
    for s, values in literals.items():
        per_prop: dict[tuple[str, str], set[str]] = defaultdict(set)
        for p, value, datatype, lang in values:
            per_prop[(p, datatype)].add(value + "@" + lang if lang else value)
        for (p, dt), vals in per_prop.items():
            signature[s].add(("lit", p, dt, min(len(vals), 2)))
    return Signatures(elements={i: frozenset(e) for i, e in signature.items()},
                      literals={i: sorted(v) for i, v in literals.items()}, exact=exact)


def partial_signatures(rows: Iterable[Row], individuals: set[str] | None = None,
                       ignore: frozenset[str] = frozenset()) -> dict[str, list[list[Any]]]:
    """What one graph says of each data individual (of ``individuals``, default all), in a form that
    several graphs' parts merge into the whole signature (``merge_partials``): edge elements, literals
    (with their values, so duplicates across graphs count once), and edges to other data individuals
    (for mutual pairs that span graphs)."""
    parts: dict[str, list[set[tuple]]] = defaultdict(lambda: [set(), set(), set(), set()])

    def wanted(iri: str) -> bool:
        return iri.startswith(DATA_PREFIX) and (individuals is None or iri in individuals)

    for s, p, o, lit in rows:
        if p in ignore:
            continue
        if lit is not None:
            if wanted(s):
                parts[s][1].add((p, *lit))
            continue
        assert o is not None
        s_data, o_data = s.startswith(DATA_PREFIX), o.startswith(DATA_PREFIX)
        if wanted(s):
            if o_data and o == s:
                parts[s][0].add(("self", p))
            parts[s][0].add(("out", p, "" if o_data else o))
            if o_data:
                parts[s][2].add((p, o))
        if wanted(o):
            parts[o][0].add(("in", p, "" if s_data else s))
            if s_data:
                parts[o][3].add((p, s))
    return {i: [sorted(list(e) for e in part) for part in parts[i]] for i in sorted(parts)}


def merge_partials(parts: Iterable[list[list[Any]]]) -> tuple[frozenset[tuple], list[tuple[str, str, str, str]]]:
    """One individual's signature elements and literals from the partial signatures of every graph."""
    elements: set[tuple] = set()
    literals: set[tuple[str, str, str, str]] = set()
    out_edges: set[tuple[str, str]] = set()
    in_edges: set[tuple[str, str]] = set()
    for part in parts:
        elements.update(tuple(e) for e in part[0])
        literals.update(tuple(e) for e in part[1])  # type: ignore[misc]
        out_edges.update(tuple(e) for e in part[2])  # type: ignore[misc]
        in_edges.update(tuple(e) for e in part[3])  # type: ignore[misc]
    for p, other in out_edges:
        if (p, other) in in_edges:
            elements.add(("mutual", p))
    per_prop: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p, value, datatype, lang in literals:
        per_prop[(p, datatype)].add(value + "@" + lang if lang else value)
    for (p, dt), vals in per_prop.items():
        elements.add(("lit", p, dt, min(len(vals), 2)))
    return frozenset(elements), sorted(literals)


def _literal(value: str, datatype: str, lang: str) -> Literal:
    return Literal(value, lang=lang) if lang else Literal(value, datatype=URIRef(datatype))


def representatives_graph(defs: dict[URIRef, tuple[Iterable[Iterable[Any]], Iterable[Iterable[str]]]]) -> Graph:
    """The graph HermiT reasons over: each representative with its signature edges and its literals."""
    graph = Graph()
    for rep, (elements, literals) in defs.items():
        for element in sorted((tuple(e) for e in elements), key=repr):
            kind = element[0]
            if kind == "out":
                _, p, other = element
                graph.add((rep, URIRef(p), URIRef(other) if other else _dummy(rep, "out", p)))
            elif kind == "in":
                _, p, other = element
                graph.add((URIRef(other) if other else _dummy(rep, "in", p), URIRef(p), rep))
            elif kind == "self":
                graph.add((rep, URIRef(element[1]), rep))
            elif kind == "mutual":
                partner = _dummy(rep, "mutual", element[1])
                graph.add((rep, URIRef(element[1]), partner))
                graph.add((partner, URIRef(element[1]), rep))
        for p, value, datatype, lang in literals:
            graph.add((rep, URIRef(p), _literal(value, datatype, lang)))
    return graph


def summarize(store: ox.Store, graph_iris: list[str], ignore: frozenset[str] = frozenset()) -> Summary:
    """Group the data individuals of ``graph_iris`` by signature and build the representatives' graph."""
    sigs = signatures((row for iri in graph_iris
                       for row in rows_of_quads(store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))),
                      ignore)
    groups: dict[frozenset, list[str]] = defaultdict(list)
    for individual in sorted(sigs.elements):
        groups[sigs.elements[individual]].append(individual)
    members: dict[URIRef, list[URIRef]] = {}
    keys: dict[URIRef, str] = {}
    defs = {}
    for sig, group in groups.items():
        rep = URIRef(group[0])
        members[rep] = [URIRef(m) for m in group]
        keys[rep] = signature_key(sig)
        defs[rep] = (sig, sigs.literals.get(group[0], []))
    return Summary(graph=representatives_graph(defs), members=members, individuals=len(sigs.elements),
                   exact=sigs.exact, keys=keys)


def _dummy(rep: URIRef, direction: str, prop: str) -> URIRef:
    digest = hashlib.sha1(f"{rep}|{direction}|{prop}".encode()).hexdigest()[:16]
    return URIRef(DUMMY_PREFIX + digest)


def expand(inferred: Graph, summary: Summary) -> Graph:
    """Copy each representative's inferred types to every individual it stands for."""
    out = Graph()
    for rep, _, cls in inferred.triples((None, RDF.type, None)):
        for member in summary.members.get(rep, ()):  # dummies stand for nobody and are dropped
            out.add((member, RDF.type, cls))
    return out
