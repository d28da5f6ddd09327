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

import hashlib
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

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


def _from_ox(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal:
    from kg.rdfio import to_rdflib

    return to_rdflib(term)  # type: ignore[return-value]


def summarize(store: ox.Store, graph_iris: list[str]) -> Summary:
    """Group the data individuals of ``graph_iris`` by signature and build the representatives' graph."""
    signature: dict[str, set[tuple]] = defaultdict(set)
    literals: dict[str, set[tuple[str, ox.Literal]]] = defaultdict(set)
    out_edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    exact = True
    for iri in graph_iris:
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
            s, p, o = quad.subject, quad.predicate.value, quad.object
            s_data = isinstance(s, ox.NamedNode) and s.value.startswith(DATA_PREFIX)
            if isinstance(o, ox.Literal):
                if s_data:
                    literals[s.value].add((p, o))
                continue
            o_data = isinstance(o, ox.NamedNode) and o.value.startswith(DATA_PREFIX)
            if s_data and o_data and p == str(OWL.sameAs):
                exact = False  # merging two of our individuals mixes signatures
            if s_data:
                if o_data and o.value == s.value:
                    signature[s.value].add(("self", p))
                signature[s.value].add(("out", p, "" if o_data else o.value))
                if o_data:
                    out_edges[s.value].add((p, o.value))
            if o_data:
                signature[o.value].add(("in", p, "" if s_data else s.value))
    # Mutual pairs (x p y and y p x) matter to asymmetric properties.
    for s, edges in out_edges.items():
        for p, o in edges:
            if o != s and (p, s) in out_edges.get(o, ()):
                signature[s].add(("mutual", p))
    # Literals: datatype per property, and whether there are several values (functional data properties).
    for s, values in literals.items():
        per_prop: dict[tuple[str, str], set[str]] = defaultdict(set)
        for p, lit in values:
            per_prop[(p, lit.datatype.value if lit.datatype else "")].add(lit.value)
        for (p, dt), vals in per_prop.items():
            signature[s].add(("lit", p, dt, min(len(vals), 2)))
    groups: dict[frozenset, list[str]] = defaultdict(list)
    for individual in sorted(signature):
        groups[frozenset(signature[individual])].append(individual)

    graph = Graph()
    members: dict[URIRef, list[URIRef]] = {}
    keys: dict[URIRef, str] = {}
    for sig, group in groups.items():
        rep = URIRef(group[0])
        members[rep] = [URIRef(m) for m in group]
        keys[rep] = hashlib.sha256(repr(sorted(sig, key=repr)).encode()).hexdigest()
        for element in sorted(sig, key=repr):
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
        for p, lit in literals.get(group[0], ()):
            graph.add((rep, URIRef(p), _from_ox(lit)))
    return Summary(graph=graph, members=members, individuals=len(signature), exact=exact, keys=keys)


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
