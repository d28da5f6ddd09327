"""Deterministic RDF exports of the build, with a VoID/DCAT description of what is exported.

Every format is written so that two exports of the same build are byte-identical whatever
``PYTHONHASHSEED`` is, and diff cleanly in git:

- Turtle: one block per subject, subjects sorted as in N-Triples; ``a`` first, then the other
  predicates in IRI order, a predicate's objects sorted, one a line (``;`` and ``,``); prefixed names
  (our usual prefixes, those used declared) where the local part is a plain name, else ``<iri>``;
  integers, decimals, doubles and booleans as Turtle shorthands.
- N-Triples / N-Quads: one statement a line, lines sorted, graphs in IRI order.
- TriG: one ``<graph> { ... }`` block per graph, each block the graph's Turtle as above.
- JSON-LD and RDF/XML: written here, nodes and keys sorted (rdflib's writers follow set order).

The first four are written from text read from the store and the build's files (see "the text
writers" below: a 10,000-article build in seconds, where rdflib's writers took minutes); JSON-LD and
RDF/XML from the rdflib graphs ``export_graphs`` returns, whose N-Triples the text writers match byte
for byte.

Literal forms are canonical and identical in every format. Oxigraph canonicalizes on insertion
(XSD 1.1: ``"1.0"^^xsd:decimal`` becomes ``"1"``) but Turtle's decimal shorthand needs a point, so
rdflib's Turtle writer would print ``1.0`` while N-Triples said ``"1"``. We therefore write
decimals in the XSD 1.0 canonical form (``1.0``, ``16.2``, ``456000000.0``) and doubles in the form
Turtle's shorthand uses, with the shortest digits that read back as the same double (``1.5e+00``,
``1.0000001e+00``) everywhere: all six formats parse to the same graph, and a
store that loads them (Oxigraph, Virtuoso) canonicalizes them back to exactly what the build holds.

Blank nodes (OWL axioms in the ontology graph) are relabelled canonically
(``rdflib.compare.to_canonical_graph``, labels prefixed per graph) so their labels do not depend on
the store's internal ids; every format writes them as labels (``_:g…``).

The dataset description lives in its own graph ``graph/void`` in the quad formats (N-Quads, TriG,
JSON-LD) and is merged into the single graph of the triple formats (Turtle, N-Triples, RDF/XML).
It describes the exported graphs: triple counts, vocabularies used, license, build date.
"""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import re
import traceback
from bisect import bisect_left
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

from kg import iris, rdfio
from kg.config import Paths
from kg.errors import EnvironmentProblem, KgError, UsageError
from kg.files import without_cycle_collector, write_atomic  # (write_atomic re-exported for callers)
from kg.formats import FORMATS, listing, rdf_format  # (FORMATS re-exported for callers)
from kg.store import GraphInfo, Manifest, build_nquads, open_read_only, read_build_nquads, read_manifest, whole_nquads

VOID_GRAPH = URIRef(iris.BASE + "graph/void")
DATASET = URIRef(iris.BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ARTICLE_GRAPH_PREFIX = iris.BASE + "graph/article/"

GRAPH_KEYWORDS = ("all", "entities", "ontology", "inferred")


@dataclass
class ExportReport:
    """What an export wrote: the format, the graphs and their triple counts, and the statements in the
    file, which a triple format's merge makes fewer than the graphs' triples when graphs share some."""

    format: str
    graphs: dict[str, int] = field(default_factory=dict)
    written: int = 0  # quads (quad formats), or distinct triples of the merged graph (triple formats)
    output: str | None = None

    @property
    def quads(self) -> int:
        return sum(self.graphs.values())

    def summary(self) -> str:
        """What was written, as ``kg export`` reports it: counted as a parser of the file counts it."""
        if FORMATS[self.format][1]:
            return f"{self.format}, {len(self.graphs)} graphs, {self.written} quads"
        shared = self.quads - self.written
        once = f" ({shared} held by more than one graph, written once)" if shared else ""
        return f"{self.format}, {len(self.graphs)} graphs merged, {self.written} triples{once}"


# --- choosing the format and the graphs -------------------------------------------------------


def format_for(fmt: str | None, out: Path | None) -> str:
    """``--format`` (a format's name or another name of it, ``ttl``) wins; else the extension of ``-o``; else Turtle."""
    if fmt:
        name = rdf_format(fmt)
        if name is None:
            raise UsageError(f"unknown export format {fmt!r}", field="--format",
                             hint=f"use one of {listing(FORMATS)}")
        return name
    if out is not None:
        suffix = out.suffix.lower()
        for name, (exts, _, _) in FORMATS.items():
            if suffix in exts:
                return name
        raise UsageError(f"cannot tell the format from the extension {suffix or '(none)'!r}", file=out,
                         field="-o", hint="give --format, or use .ttl .nt .nq .trig .jsonld .rdf")
    return "turtle"


def _graph_selector(given: str) -> str:
    """A graph IRI as SPARQL and Turtle write it (``<...>``) is the IRI; an article's own IRI
    (``.../id/article/ID``, as query results show it) names that article's graph."""
    sel = given.strip()
    if sel.startswith("<") and sel.endswith(">"):
        sel = sel[1:-1].strip()
    article_base = str(iris.ID) + "article/"
    if sel.startswith(article_base) and "/" not in sel[len(article_base):]:
        return sel[len(article_base):]
    return sel


def select_graphs(manifest: Manifest, selectors: Sequence[str] | str | None) -> list[GraphInfo]:
    """Resolve ``--graph`` values (article id, entities, ontology, inferred, all, or a graph IRI)."""
    if selectors is None or isinstance(selectors, str):
        selectors = [selectors or "all"]
    chosen: dict[str, GraphInfo] = {}
    by_iri = {g.iri: g for g in manifest.graphs}
    for given in selectors or ["all"]:
        sel = _graph_selector(given)
        if sel == "all":
            matches = list(manifest.graphs)
        elif sel in ("entities", "ontology", "inferred"):
            matches = [g for g in manifest.graphs if g.kind == sel]
        elif sel in by_iri:
            matches = [by_iri[sel]]
        elif sel in manifest.articles:
            matches = [manifest.articles[sel]]
        else:
            matches = []
        if not matches:
            known = ", ".join(sorted(manifest.articles)[:5])
            raise UsageError(f"no graph {given!r} in the build", field="--graph",
                             hint=f"use all, entities, ontology, inferred, a graph IRI, or an article's id or IRI ({known}, ...)")
        for g in matches:
            chosen[g.iri] = g
    return sorted(chosen.values(), key=lambda g: g.iri)


# --- reading the store ------------------------------------------------------------------------


def canonical_literal(lit: Literal) -> Literal:
    """The one lexical form every format writes (see the module docstring)."""
    dt = lit.datatype
    if dt == XSD.decimal:
        try:
            value = Decimal(str(lit))
        except InvalidOperation:
            return lit
        if not value.is_finite():
            return lit
        text = rdfio.decimal_text(value)
        if "." not in text:  # (decimal_text writes a zero unsigned)
            text += ".0"
        return Literal(text, datatype=dt, normalize=False)
    if dt == XSD.boolean and str(lit) in ("1", "0"):  # the XSD canonical form; Virtuoso answers "1"
        return Literal("true" if str(lit) == "1" else "false", datatype=dt, normalize=False)
    if dt == XSD.double:
        try:
            value_f = float(str(lit))
        except ValueError:
            return lit
        if value_f != value_f or value_f in (float("inf"), float("-inf")):
            return lit
        # the shortest digits that read back as the same double (repr's), as a mantissa and exponent
        mantissa, exponent = format(Decimal(repr(value_f)).normalize(), "e").split("e")
        return Literal(f"{mantissa}e{int(exponent):+03d}", datatype=dt, normalize=False)
    return lit


def _from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value, normalize=False)
    return canonical_literal(Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False))


def read_graph(store: ox.Store, graph_iri: str) -> rdflib.Graph:
    """One named graph of the store, literals in canonical form, blank nodes relabelled canonically."""
    g = rdflib.Graph()
    has_bnodes = False
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
        s, p, o = _from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)  # type: ignore[arg-type]
        has_bnodes = has_bnodes or isinstance(s, BNode) or isinstance(o, BNode)
        g.add((s, p, o))
    if has_bnodes:
        # Canonical labels, prefixed per graph so that merging graphs (triple formats, TriG's
        # document-wide labels) never fuses two graphs' blank nodes.
        g = _canonical_bnodes(g, "g" + hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:8])
    return g


def _canonical_bnodes(graph: rdflib.Graph, tag: str) -> rdflib.Graph:
    canon = rdflib.Graph()
    for t in to_canonical_graph(graph):
        canon.add(tuple(BNode(tag + str(x)) if isinstance(x, BNode) else x for x in t))  # type: ignore[arg-type]
    return canon


def read_graphs(paths: Paths, graphs: Iterable[GraphInfo]) -> dict[str, rdflib.Graph]:
    store = open_read_only(paths)
    return {info.iri: read_graph(store, info.iri) for info in graphs}


# --- the VoID/DCAT description ----------------------------------------------------------------


def _namespace_of(term: URIRef) -> str:
    text = str(term)
    best = ""
    for ns in iris.PREFIXES.values():
        if text.startswith(str(ns)) and len(str(ns)) > len(best):
            best = str(ns)
    if best:
        return best
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1] if cut > 0 else text


def vocabularies(graphs: Iterable[rdflib.Graph]) -> set[str]:
    """Namespaces of the predicates and classes used (VoID's void:vocabulary)."""
    found: set[str] = set()
    for g in graphs:
        for p in set(g.predicates()):
            found.add(_namespace_of(p))  # type: ignore[arg-type]
        for c in set(g.objects(None, RDF.type)):
            if isinstance(c, URIRef):
                found.add(_namespace_of(c))
    return found


def describe(manifest: Manifest, graphs: dict[str, rdflib.Graph], infos: Sequence[GraphInfo]) -> rdflib.Graph:
    """The VoID + DCAT description of the exported graphs (no blank nodes, so it diffs cleanly)."""
    return _description(manifest, {iri: len(g) for iri, g in graphs.items()}, vocabularies(graphs.values()), infos)


def _description(manifest: Manifest, counts: dict[str, int], vocab: Iterable[str],
                 infos: Sequence[GraphInfo]) -> rdflib.Graph:
    """The description from triple counts per graph and the namespaces used (see ``vocabularies``)."""
    d = rdflib.Graph()
    iris.bind_prefixes(d)
    for t in _description_triples(manifest, counts, vocab, infos):
        d.add(t)
    return d


# The form of what _description_triples writes, predicate -> the objects it may have (None: any): what
# kg validate sets aside in a file this module wrote (kg.validation.set_aside_description). Kept here,
# beside the writer, so that the two change together.
DATASET_DESCRIPTION: dict[URIRef, frozenset[rdflib.term.Node] | None] = {
    RDF.type: frozenset({VOID.Dataset, DCAT.Dataset}), DCTERMS.title: None, DCTERMS.description: None,
    DCTERMS.license: None, DCTERMS.modified: None, OWL.versionInfo: None, VOID.uriSpace: None,
    VOID.triples: None, VOID.vocabulary: None, VOID.subset: None,
}
SUBSET_DESCRIPTION: dict[URIRef, frozenset[rdflib.term.Node] | None] = {
    RDF.type: frozenset({VOID.Dataset}), VOID.triples: None, DCTERMS.title: None, DCTERMS.license: None,
}


def _description_triples(manifest: Manifest, counts: dict[str, int], vocab: Iterable[str],
                         infos: Sequence[GraphInfo]) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (DATASET, RDF.type, VOID.Dataset),
        (DATASET, RDF.type, DCAT.Dataset),
        (DATASET, DCTERMS.title, Literal("canieti-kg: a knowledge graph of news about CANIETI", lang="en")),
        (DATASET, DCTERMS.description, Literal(
            "Facts from news articles about CANIETI, Mexico's ICT industry chamber, each traced to the verbatim "
            "quote it rests on; one named graph per article, plus shared entities, the ontology and inferences.",
            lang="en")),
        (DATASET, DCTERMS.license, LICENSE),
        (DATASET, DCTERMS.modified, Literal(manifest.built_at, datatype=XSD.dateTime, normalize=False)),
        (DATASET, OWL.versionInfo, Literal(manifest.kg_version)),
        (DATASET, VOID.uriSpace, Literal(iris.BASE + "id/")),
        (DATASET, VOID.triples, Literal(sum(counts.values()), datatype=XSD.integer)),
    ]
    for ns in sorted(vocab):
        triples.append((DATASET, VOID.vocabulary, URIRef(ns)))
    for info in infos:
        sub = URIRef(info.iri)
        title = f"article {info.article}" if info.kind == "article" else info.kind
        triples += [
            (DATASET, VOID.subset, sub),
            (sub, RDF.type, VOID.Dataset),
            (sub, VOID.triples, Literal(counts[info.iri], datatype=XSD.integer)),
            (sub, DCTERMS.title, Literal(f"named graph: {title}", lang="en")),
            (sub, DCTERMS.license, LICENSE),
        ]
    return triples


# --- serializers ------------------------------------------------------------------------------

Subjects = dict[str, list[str]]  # subject -> the "p o" of its triples, in N-Triples form (see below)


def _ntriples_lines(graph: rdflib.Graph) -> list[str]:
    text = graph.serialize(format="nt11", encoding="utf-8").decode("utf-8")
    return sorted(rdfio.text_lines(text))


def to_ntriples(graph: rdflib.Graph) -> bytes:
    return "".join(line + "\n" for line in _ntriples_lines(graph)).encode("utf-8")


def to_nquads(graphs: dict[str, rdflib.Graph]) -> bytes:
    out: list[str] = []
    for iri in sorted(graphs):
        suffix = f" <{iri}> .\n"
        out.extend(line[: -len(" .")] + suffix if line.endswith(" .") else line + suffix
                   for line in _ntriples_lines(graphs[iri]))
    return "".join(out).encode("utf-8")


def _subjects_of(graph: rdflib.Graph) -> Subjects:
    """A graph as the text writers take it: subjects with the ``p o`` of their N-Triples lines."""
    subjects: Subjects = {}
    for line in _ntriples_lines(graph):
        s, rest = line[:-2].split(" ", 1)
        subjects.setdefault(s, []).append(rest)
    return subjects


def to_turtle(graph: rdflib.Graph) -> bytes:
    return _fast_serialize({"": _subjects_of(graph)}, "turtle")


def turtle_text(graph: rdflib.Graph) -> str:
    """A graph (a CONSTRUCT or DESCRIBE result) laid out as the Turtle exports are, blank nodes labelled
    canonically. rdflib's "longturtle" writer took 12 s for the 26,000 lines ``entity-graph`` gives at
    10,000 articles: its search for a prefix is linear in the namespaces it has bound by then."""
    if any(isinstance(x, BNode) for t in graph for x in t):
        graph = _canonical_bnodes(graph, "b")
    return to_turtle(graph).decode("utf-8")


def to_trig(graphs: dict[str, rdflib.Graph]) -> bytes:
    return _fast_serialize({iri: _subjects_of(g) for iri, g in graphs.items()}, "trig")


def _jsonld_context() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in sorted(iris.PREFIXES.items())}


def _compact(iri: str, context: dict[str, str]) -> str:
    best = ""
    for prefix, ns in context.items():
        if iri.startswith(ns) and len(ns) > len(context.get(best, "")):
            best = prefix
    if best:
        local = iri[len(context[best]):]
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", local) and not local.endswith("."):
            return f"{best}:{local}"
    return iri


def _jsonld_id(term: rdflib.term.Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _jsonld_value(term: rdflib.term.Node, context: dict[str, str]) -> dict[str, str]:
    if isinstance(term, Literal):
        if term.language:
            return {"@language": term.language, "@value": str(term)}
        if term.datatype and term.datatype != XSD.string:
            return {"@type": _compact(str(term.datatype), context), "@value": str(term)}
        return {"@value": str(term)}
    return {"@id": _jsonld_id(term)}


def _jsonld_nodes(graph: rdflib.Graph, context: dict[str, str]) -> list[dict[str, object]]:
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(_jsonld_id(s), {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(o if isinstance(o, BNode) else _compact(str(o), context))
        else:
            node.setdefault(_compact(str(p), context), []).append(_jsonld_value(o, context))
    result: list[dict[str, object]] = []
    for sid in sorted(nodes):
        entry: dict[str, object] = {"@id": sid}
        for key in sorted(nodes[sid]):
            values = nodes[sid][key]
            if key == "@type":
                entry[key] = sorted(_jsonld_id(v) if isinstance(v, BNode) else v for v in values)
            else:
                entry[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        result.append(entry)
    return result


def to_jsonld(graphs: dict[str, rdflib.Graph]) -> bytes:
    """Named graphs as ``{"@id": G, "@graph": [...]}``; typed literals stay strings (never JSON numbers)."""
    context = _jsonld_context()
    doc = {
        "@context": context,
        "@graph": [{"@id": iri, "@graph": _jsonld_nodes(graphs[iri], context)} for iri in sorted(graphs)],
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")


def _split_predicate(iri: str) -> tuple[str, str]:
    """Namespace and local name for an RDF/XML element; the local name must be an NCName."""
    best = ""
    for ns in iris.PREFIXES.values():
        ns_s = str(ns)
        if iri.startswith(ns_s) and len(ns_s) > len(best) and _NCNAME.fullmatch(iri[len(ns_s):] or "-"):
            best = ns_s
    if best:
        return best, iri[len(best):]
    m = _NCNAME.search(iri)
    if not m or m.start() == 0:
        raise UsageError(f"the property {iri} cannot be written in RDF/XML (no XML name at its end)",
                         field="--format", hint="export as Turtle or N-Triples instead")
    return iri[: m.start()], iri[m.start():]


def to_rdfxml(graph: rdflib.Graph) -> bytes:
    """Flat, sorted RDF/XML: one ``rdf:Description`` per subject, properties sorted."""
    ns_prefix = {str(ns): p for p, ns in iris.PREFIXES.items()}
    used: dict[str, str] = {str(RDF): "rdf"}
    extra = 0
    subjects: dict[str, list[tuple[str, str, rdflib.term.Node]]] = {}

    # Namespace prefixes are assigned in sorted predicate order, so they do not depend on set order.
    preds = sorted({str(p) for p in graph.predicates()})
    for p in preds:
        ns, _ = _split_predicate(p)
        if ns not in used:
            if ns in ns_prefix:
                used[ns] = ns_prefix[ns]
            else:
                extra += 1
                used[ns] = f"ns{extra}"
    for s, p, o in graph:
        ns, local = _split_predicate(str(p))
        key = ("1" if isinstance(s, BNode) else "0") + str(s)
        subjects.setdefault(key, []).append((used[ns], local, o))

    def obj_sort_key(item: tuple[str, str, rdflib.term.Node]) -> tuple[str, str, str, str]:
        prefix, local, o = item
        kind = "l" if isinstance(o, Literal) else ("b" if isinstance(o, BNode) else "u")
        extra_key = (o.language or str(o.datatype or "")) if isinstance(o, Literal) else ""
        return (f"{prefix}:{local}", kind, str(o), extra_key)

    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    for ns, prefix in sorted(used.items(), key=lambda kv: kv[1]):
        lines.append(f"  xmlns:{prefix}={quoteattr(ns)}")
    lines[-1] += ">"
    for key in sorted(subjects):
        s_text = key[1:]
        about = f"rdf:nodeID={quoteattr(s_text)}" if key[0] == "1" else f"rdf:about={quoteattr(s_text)}"
        lines.append(f"  <rdf:Description {about}>")
        for prefix, local, o in sorted(subjects[key], key=obj_sort_key):
            tag = f"{prefix}:{local}"
            if isinstance(o, BNode):
                lines.append(f"    <{tag} rdf:nodeID={quoteattr(str(o))}/>")
            elif isinstance(o, URIRef):
                lines.append(f"    <{tag} rdf:resource={quoteattr(str(o))}/>")
            else:
                attrs = ""
                if o.language:
                    attrs = f" xml:lang={quoteattr(o.language)}"
                elif o.datatype and o.datatype != XSD.string:
                    attrs = f" rdf:datatype={quoteattr(str(o.datatype))}"
                text = escape(str(o)).replace("\r", "&#13;")
                lines.append(f"    <{tag}{attrs}>{text}</{tag}>")
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize(graphs: dict[str, rdflib.Graph], fmt: str) -> bytes:
    """Serialize named graphs (already including the description) in one of ``FORMATS``."""
    if FORMATS[fmt][1]:
        if fmt == "nquads":
            return to_nquads(graphs)
        if fmt == "trig":
            return to_trig(graphs)
        return to_jsonld(graphs)
    merged = rdflib.Graph()
    for g in graphs.values():
        for t in g:
            merged.add(t)
    if fmt == "turtle":
        return to_turtle(merged)
    if fmt == "ntriples":
        return to_ntriples(merged)
    return to_rdfxml(merged)


# --- the text writers: canonical N-Triples text straight from the store ------------------------
#
# At 10,000 articles (1.5 M quads) building rdflib graphs and running rdflib's writers takes minutes.
# Turtle, N-Triples, N-Quads and TriG are therefore written from text: each graph is read as its
# subjects, each with the rest of its triples (``p o``) in canonical N-Triples form, exactly as
# rdflib's ``nt11`` writer prints the graphs ``read_graph`` returns (a test holds them to it); the
# formats are laid out from sorted subjects and sorted ``p o`` texts, which is the order of the
# sorted N-Triples lines (no term holds a space).
#
# Reading the store is the expensive part. Oxigraph looks an IRI or a long literal up in its
# dictionary each time it hands it out (microseconds), even when the same graph, predicate or
# class comes back a million times; and each SPARQL operator costs about as much per row. So the
# quads are read by one SPARQL query per chunk of graphs (``named_graphs``: each scans only its
# graphs), serialized as TSV inside Oxigraph, which releases the GIL: two chunks are read side by
# side while this thread parses the ones done. Graphs, predicates, and the (predicate, object)
# pairs that a sample of the graphs shows repeated (rdf:type and its classes, statuses, units...)
# come back as numbers from VALUES tables; the rest of the objects, and the subjects, in full.
# Graphs holding blank nodes (the ontology's OWL axioms) are read again by ``read_graph``, which
# labels them canonically; they are small.
#
# Article graphs (three quarters of the triples) are not read from the store at all where the build
# kept the N-Quads file it loaded them from (``kg.store.build_nquads``, named by the graph's key
# in the manifest): text is read about four times as fast, while the store reads the other graphs
# in another thread. See ``_read_nquads_file`` for when a graph is read from the store after all.

_XSD = str(XSD)
_CANONICALIZED = {_XSD + "decimal", _XSD + "double", _XSD + "boolean"}
_RDF_TYPE = "<" + str(RDF.type) + ">"
_TSV_ESCAPE = re.compile(r"\\(.)")
_ECHAR = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}
# Turtle shorthands (integer, decimal, double, boolean), written bare when the lexical form allows.
_SHORTHAND = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}
_PN_LOCAL = re.compile(r"([A-Za-z_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
# The (predicate, object) pairs found at least this often in a sample of about this many article
# graphs (and all the other graphs) come back as numbers; the graphs are read in this many chunks.
_REPEATED = 2
_SAMPLE = 300
_CHUNKS = 4


def _typed_nt(lexical: str, datatype: str) -> str:
    if datatype in _CANONICALIZED:
        lexical = str(canonical_literal(Literal(lexical, datatype=URIRef(datatype), normalize=False)))
    return rdfio.nt_string(lexical) + "^^<" + datatype + ">"


def _unescape_tab(match: re.Match[str]) -> str:
    return "\t" if match.group(1) == "t" else match.group(0)


def _unescape(match: re.Match[str]) -> str:
    return _ECHAR.get(match.group(1), match.group(0))


def _nt_from_tsv(token: str) -> str:
    """A term as Oxigraph's SPARQL TSV writes it, in canonical N-Triples form.

    TSV differs from that N-Triples in two ways only: tabs in strings are escaped (``\\t``), and
    integers, decimals, doubles and booleans in Turtle syntax are written bare."""
    first = token[0]
    if first == "<" or first == "_":
        return token
    if first == '"':
        if "\\t" in token:
            token = _TSV_ESCAPE.sub(_unescape_tab, token)
        if token[-1] == ">":
            cut = token.rfind('"^^<')
            datatype = token[cut + 4:-1]
            if datatype in _CANONICALIZED:
                return _typed_nt(_TSV_ESCAPE.sub(_unescape, token[1:cut]), datatype)
        return token
    if token == "true" or token == "false":
        return _typed_nt(token, _XSD + "boolean")
    if "e" in token or "E" in token:
        return _typed_nt(token, _XSD + "double")
    if "." in token:
        return _typed_nt(token, _XSD + "decimal")
    return _typed_nt(token, _XSD + "integer")


@dataclass
class _Read:
    """The selected graphs as subjects with their ``p o`` texts, and the namespaces VoID lists."""

    graphs: dict[str, Subjects]
    vocab: set[str]
    from_files: set[str] = field(default_factory=set)  # the graphs read from the build's N-Quads files

    def counts(self) -> dict[str, int]:
        return {iri: sum(map(len, subjects.values())) for iri, subjects in self.graphs.items()}


# Subjects from the first (included) to the second (excluded), as N-Triples terms; None: no bound.
Part = tuple[str | None, str | None]


def _cut(lines: list[str], part: Part | None) -> list[str]:
    """The lines (N-Quads, or TSV rows that start with the subject) whose subject is in ``part``. A
    line starts with its subject's term and a separator that sorts before any character of an IRI,
    and no IRI term is the start of another (none holds ``>``), so comparing the line compares its
    subject."""
    if part is None:
        return lines
    low, high = part
    if low is not None:
        lines = [line for line in lines if line >= low]
    if high is not None:
        lines = [line for line in lines if line < high]
    return lines


def _only(subjects: Subjects, part: Part | None) -> Subjects:
    if part is None:
        return subjects
    low, high = part
    return {s: rests for s, rests in subjects.items() if (low is None or s >= low) and (high is None or s < high)}


def read_subjects(store: ox.Store, infos: Sequence[GraphInfo], files: Mapping[str, Path | bytes] | None = None,
                  part: Part | None = None, share: Callable[[_Rows], None] | None = None) -> _Read:
    """The given graphs as subjects with their ``p o`` texts (canonical N-Triples): from ``files``
    (graph IRI -> the N-Quads file the store was loaded from, or that text) where it holds that graph
    in a form this module canonicalizes exactly as the store does, from the store otherwise. With
    ``part``, only the triples of its subjects (counts and namespaces are then of those triples alone);
    ``share`` is then given the store's rows of the subjects before it, once all are read (``_split_export``)."""
    files = {iri: path for iri, path in (files or {}).items() if isinstance(path, bytes) or path.is_file()}
    # The other graphs are read from the store meanwhile: Oxigraph writes their TSV without the GIL
    # (parsing it takes turns with this thread).
    with ThreadPoolExecutor(max_workers=1) as pool:
        from_store = pool.submit(_read_store, store, [info for info in infos if info.iri not in files], part, share)
        from_files, rest = _read_files(infos, files, part)
        stored = [from_store.result()]
    if rest:
        stored.append(_read_store(store, rest, part))
    return _combined(infos, from_files, stored)


def _read_files(infos: Sequence[GraphInfo], files: Mapping[str, Path | bytes], part: Part | None) -> tuple[_Read, list[GraphInfo]]:
    """The graphs of ``files`` read from them, and those to read from the store instead (see ``_read_nquads_file``)."""
    graphs: dict[str, Subjects] = {}
    vocab_terms: set[str] = set()
    canon: dict[str, str] = {}
    rest: list[GraphInfo] = []
    for info in infos:
        if info.iri in files:
            found = _read_nquads_file(files[info.iri], info, canon, vocab_terms, part)
            if found is None:
                rest.append(info)
            else:
                graphs[info.iri] = found
    vocab = {_namespace_of(URIRef(t[1:-1])) for t in vocab_terms}
    return _Read(graphs, vocab, set(graphs)), rest


def _combined(infos: Sequence[GraphInfo], from_files: _Read, stored: Iterable[_Read]) -> _Read:
    graphs = dict(from_files.graphs)
    vocab = set(from_files.vocab)
    for read in stored:
        graphs.update(read.graphs)
        vocab |= read.vocab
    return _Read({info.iri: graphs[info.iri] for info in infos}, vocab, from_files.from_files)


def _read_nquads_file(source: Path | bytes, info: GraphInfo, canon: dict[str, str], vocab_terms: set[str],
                      part: Part | None = None) -> Subjects | None:
    """One graph from the N-Quads the build wrote of it (``rdfio.nquads``; a file, or its text), or None
    when the file is missing or holds anything whose stored form is not certain here (a blank node, a control
    character, a lexical form the store would rewrite): that graph is then read from the store.

    Reading text is about four times as fast as reading the store, which looks every term up in its
    dictionary. What the store changes on insertion is done here: ``xsd:string`` is dropped, language
    tags are lowercased, and value-typed literals are kept only in forms the store writes back as they
    are (or, for decimals, doubles and booleans, put in this module's canonical form from either)."""
    data = whole_nquads(source, info.triples) if isinstance(source, bytes) else read_build_nquads(source, info.triples)
    if data is None:
        return None
    try:
        lines = data.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    if lines and not lines[-1]:
        lines.pop()
    lines = _cut(lines, part)
    suffix = f" <{info.iri}> ."
    cut = -len(suffix)
    subjects: Subjects = {}
    altered: set[str] = set()  # subjects with a literal rewritten: two forms may have become one
    terms: set[str] = set()  # its predicates and classes, for the VoID description
    for line in lines:
        if not line.endswith(suffix) or line[0] != "<" or line.count(" ") < 4:
            return None  # (also a line too short to hold a subject, a predicate and an object)
        s, p, o = line[:cut].split(" ", 2)
        if not o or not p.startswith("<"):
            return None
        terms.add(p)
        if o[0] != "<":
            text = canon.get(o)
            if text is None:
                text = _nt_from_file(o)
                if text is None:
                    return None
                canon[o] = text
            if text != o:
                altered.add(s)
            o = text
        elif p == _RDF_TYPE:
            terms.add(o)
        have = subjects.get(s)
        if have is None:
            subjects[s] = [p + " " + o]
        else:
            have.append(p + " " + o)
    for s in altered:
        subjects[s] = list(dict.fromkeys(subjects[s]))
    vocab_terms |= terms
    return subjects


# Datatypes whose literals the store keeps as written (the string types; no value is parsed).
_VERBATIM = {_XSD + name for name in ("language", "anyURI", "token", "normalizedString")}
# Forms of value-typed literals that the store writes back unchanged.
_STORED_AS_WRITTEN = {
    _XSD + "integer": re.compile(r"0|-?[1-9][0-9]{0,17}"),
    _XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    _XSD + "gYear": re.compile(r"[0-9]{4}"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]{1,15}(\.[0-9]{0,15})?"),
    _XSD + "double": re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})([eE][+-]?[0-9]{1,3})?"),
    _XSD + "boolean": re.compile(r"true|false|1|0"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _nt_from_file(token: str) -> str | None:
    """A literal as ``rdfio.nt_term`` writes it, in the canonical form the store's would have, or None
    where that is not certain."""
    if token[0] != '"' or _CONTROL.search(token):
        return None
    if token[-1] == '"':
        return token
    cut = token.rfind('"')
    if token[cut + 1] == "@":
        return token[:cut + 2] + token[cut + 2:].lower()
    if not token.startswith('"^^<', cut) or token[-1] != ">":
        return None
    datatype = token[cut + 4:-1]
    if datatype == _XSD + "string":
        return token[:cut + 1]
    if datatype in _VERBATIM or not datatype.startswith((_XSD, str(RDF))):
        return token
    form = _STORED_AS_WRITTEN.get(datatype)
    if form is None or not form.fullmatch(token, 1, cut):
        return None
    if datatype == _XSD + "double" and not math.isfinite(float(token[1:cut])):
        return None  # (the store holds INF for what overflows; this module keeps the lexical form)
    if datatype in _CANONICALIZED:
        return _typed_nt(token[1:cut], datatype)
    return token


@dataclass
class _Rows:
    """Rows of the store's graphs as ``_read_store`` queries them (TSV, the subject first), with the
    tables that decode them, and the graphs with blank nodes read whole (canonical labels)."""

    iris: list[str]  # graph number -> graph IRI
    pairs: list[tuple[str, str]]  # pair number -> (predicate, object) as TSV terms
    preds: list[str]  # predicate number -> predicate
    lines: list[str] = field(default_factory=list)
    whole: dict[str, Subjects] = field(default_factory=dict)
    whole_vocab: set[str] = field(default_factory=set)

    def read(self) -> _Read:
        reader = _RowReader(self)
        reader.add(self.lines)
        return reader.result(self.whole, self.whole_vocab)


class _RowReader:
    """Rows of ``_Rows`` into subjects with their ``p o`` texts, and the namespaces they use."""

    def __init__(self, rows: _Rows) -> None:
        self.iris = rows.iris
        self.graphs: dict[str, Subjects] = {iri: {} for iri in rows.iris}
        self.pairs = rows.pairs
        self.pair_text = {str(i): p + " " + _nt_from_tsv(o) for i, (p, o) in enumerate(rows.pairs)}
        self.pred_text = {str(i): p for i, p in enumerate(rows.preds)}
        self.keys: set[str] = set()  # the pairs used
        self.seen: set[str] = set()  # the other predicates used
        self.classes: set[str] = set()
        self.cache: dict[str, str] = {}

    def add(self, lines: Iterable[str]) -> None:
        graphs, iris_, pair_text, pred_text = self.graphs, self.iris, self.pair_text, self.pred_text
        keys, seen, classes, cache = self.keys, self.seen, self.classes, self.cache
        for line in lines:
            if not line:
                continue
            s, gi, k, pi, p2, o2 = line.split("\t")
            subjects = graphs[iris_[int(gi)]]
            if k:
                rest = pair_text[k]
                keys.add(k)
            else:
                ptext = pred_text[pi] if pi else p2
                if o2[0] == "<":
                    otext = o2
                else:
                    otext = cache.get(o2)  # type: ignore[assignment]
                    if otext is None:
                        otext = cache[o2] = _nt_from_tsv(o2)
                rest = ptext + " " + otext
                seen.add(ptext)
                if ptext == _RDF_TYPE and otext[0] == "<":
                    classes.add(otext)
            have = subjects.get(s)
            if have is None:
                subjects[s] = [rest]
            else:
                have.append(rest)

    def result(self, whole: Mapping[str, Subjects], whole_vocab: set[str]) -> _Read:
        predicates, classes = set(self.seen), set(self.classes)
        for k in self.keys:
            p, o = self.pairs[int(k)]
            predicates.add(p)
            if p == _RDF_TYPE and o[0] == "<":
                classes.add(o)
        self.graphs.update(whole)
        vocab = whole_vocab | {_namespace_of(URIRef(t[1:-1])) for t in predicates | classes}
        return _Read(self.graphs, vocab)


def _read_store(store: ox.Store, infos: Sequence[GraphInfo], part: Part | None = None,
                share: Callable[[_Rows], None] | None = None) -> _Read:
    """The given graphs of the store (the triples of ``part``'s subjects) as subjects with their ``p o``
    texts (canonical N-Triples); ``share`` gets the rows of the subjects before ``part`` (which must
    then start at a subject and have no end), once all are read."""
    if not infos:
        if share is not None:
            share(_Rows([], [], []))
        return _Read({}, set())

    def tsv(query: str, chunk: list[GraphInfo]) -> str:
        """A query over the chunk's graphs, its results serialized as TSV by Oxigraph (which
        releases the GIL meanwhile, so queries run side by side)."""
        results = store.query(query, named_graphs=[ox.NamedNode(info.iri) for info in chunk])
        return results.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")  # type: ignore[union-attr]

    # A sample of the graphs (all but the article graphs, and a few of those) tells which
    # (predicate, object) pairs come back again and again. Which pairs are chosen changes only
    # the speed: a triple whose pair is not in the table comes back with its object in full.
    articles = [info for info in infos if info.kind == "article"]
    sample = [info for info in infos if info.kind != "article"] + articles[:: max(1, len(articles) // _SAMPLE)]
    counted = [line.split("\t") for line in islice(tsv(
        "SELECT ?p ?o (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p ?o", sample).split("\n"), 1, None) if line]
    pairs = sorted((p, o) for p, o, n in counted if int(n) >= _REPEATED and o[0] != "_")
    preds = sorted({p for p, _, _ in counted})
    pair_values = " ".join(f"({p} {o} {i})" for i, (p, o) in enumerate(pairs))
    pred_values = " ".join(f"({p} {i})" for i, p in enumerate(preds))

    def query(chunk: list[GraphInfo], first: int) -> str:
        """Per triple: the subject (first, for ``_cut``), its graph's number, then its (predicate,
        object) pair's number, or its predicate's number (or the predicate) and the object."""
        graph_values = " ".join(f"(<{info.iri}> {first + i})" for i, info in enumerate(chunk))
        return (f"SELECT ?s ?gi ?k ?pi ?p2 ?o2 {{ {{ SELECT ?g ?k ?pi ?s ?p2 ?o2 {{ GRAPH ?g {{ ?s ?p ?o }} "
                f"OPTIONAL {{ VALUES (?p ?o ?k) {{ {pair_values} }} }} "
                f"OPTIONAL {{ VALUES (?p ?pi) {{ {pred_values} }} }} "
                f"BIND(IF(BOUND(?pi), ?unbound, ?p) AS ?p2) BIND(IF(BOUND(?k), ?unbound, ?o) AS ?o2) }} }} }} "
                f"VALUES (?g ?gi) {{ {graph_values} }}")

    # Chunks of graphs of about as many triples each, read by two threads while this one parses.
    total = sum(info.triples for info in infos)
    size = max(total // _CHUNKS, 1)
    chunks: list[tuple[int, list[GraphInfo]]] = []
    start, load = 0, 0
    for i, info in enumerate(infos):
        load += info.triples
        if load >= size or i == len(infos) - 1:
            chunks.append((start, list(infos[start:i + 1])))
            start, load = i + 1, 0
    rows = _Rows([info.iri for info in infos], pairs, preds)
    reader = _RowReader(rows)
    bnode_graphs: set[str] = set()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures: list[Future[str] | None] = [pool.submit(tsv, query(chunk, first), chunk) for first, chunk in chunks]
        for n, future in enumerate(futures):
            lines = future.result().split("\n")  # type: ignore[union-attr]
            del lines[0]  # (the header)
            futures[n] = None  # (the text can go once split)
            # Graphs with blank nodes are read again whole below, whatever part of them is read here:
            # both parts of a split export then take every line of such a graph from the same reading.
            for line in lines:
                if "_:" in line:
                    s, gi, _, _, _, o2 = line.split("\t")
                    if s[0] == "_" or o2.startswith("_"):
                        bnode_graphs.add(rows.iris[int(gi)])
            reader.add(_cut(lines, part))
            if share is not None:
                rows.lines += _cut(lines, _before(part))
    whole: dict[str, Subjects] = {}
    for iri in sorted(bnode_graphs):  # canonical blank node labels, as in every other format
        graph = read_graph(store, iri)
        subjects = _subjects_of(graph)
        whole[iri] = _only(subjects, part)
        if share is not None:
            rows.whole[iri] = _only(subjects, _before(part))
        rows.whole_vocab |= vocabularies([graph])
    if share is not None:
        share(rows)
    return reader.result(whole, rows.whole_vocab)


def _before(part: Part | None) -> Part:
    """The subjects before a part that starts at a subject and has no end."""
    if part is None or part[0] is None or part[1] is not None:
        raise ValueError(f"not a part from a subject on: {part}")
    return (None, part[0])


def _description_subjects(manifest: Manifest, counts: dict[str, int], vocab: Iterable[str],
                          infos: Sequence[GraphInfo]) -> Subjects:
    subjects: Subjects = {}
    for s, p, o in _description_triples(manifest, counts, vocab, infos):
        subjects.setdefault(rdfio.nt_term(s), []).append(rdfio.nt_term(p) + " " + rdfio.nt_term(o))
    return subjects


def _merged(graphs: Iterable[Subjects]) -> Subjects:
    """The union of graphs (a triple in several graphs once)."""
    merged: Subjects = {}
    shared: set[str] = set()
    for subjects in graphs:
        for s, rests in subjects.items():
            have = merged.get(s)
            if have is None:
                merged[s] = rests
            else:
                if s not in shared:
                    merged[s] = have = list(have)
                    shared.add(s)
                have.extend(rests)
    for s in shared:
        merged[s] = list(set(merged[s]))
    return merged


class _TurtleTerms:
    """Turtle forms of N-Triples terms: prefixed names where the local part allows, literal shorthands."""

    def __init__(self) -> None:
        self.prefix_of = {str(ns): prefix for prefix, ns in iris.PREFIXES.items()}
        # Every namespace ends with "/" or "#": the one to use is the IRI up to its last "/" or "#"
        # when the rest is a valid local name (no longer namespace can match: the rest has neither).
        assert all(ns[-1] in "/#" for ns in self.prefix_of)
        self.bracketed = tuple("<" + ns for ns in self.prefix_of)  # IRIs that may have a prefixed name
        self.used: set[str] = set()
        self.pairs: dict[str, tuple[str, str, str]] = {}
        self.terms: dict[str, str] = {_RDF_TYPE: "a"}

    def iri(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.prefix_of.get(iri[:cut])
        if prefix is not None and _PN_LOCAL.fullmatch(iri, cut):
            self.used.add(prefix)
            return prefix + ":" + iri[cut:]
        return "<" + iri + ">"

    def subject(self, term: str) -> str:
        return self.iri(term[1:-1]) if term.startswith(self.bracketed) else term

    def term(self, term: str) -> str:
        if term[0] == "<" and not term.startswith(self.bracketed):
            return term  # (most IRIs: those of the data)
        text = self.terms.get(term)
        if text is not None:
            return text
        if term[0] == "<":
            text = self.iri(term[1:-1])
        elif term[0] == '"' and term[-1] == ">":
            cut = term.rfind('"^^<')
            lexical, datatype = term[1:cut], term[cut + 4:-1]
            shorthand = _SHORTHAND.get(datatype)
            if shorthand is not None and shorthand.fullmatch(lexical):
                text = lexical
            else:
                text = term[:cut + 3] + self.iri(datatype)
        else:
            return term  # plain and language-tagged strings are written as in N-Triples
        if len(self.terms) < 1_000_000:
            self.terms[term] = text
        return text

    def pair(self, rest: str) -> tuple[str, str, str]:
        """``p o`` (an N-Triples line without its subject) in Turtle: the predicate, the text that
        starts it (after the subject or a previous predicate), the text that adds the object to it."""
        found = self.pairs.get(rest)
        if found is None:
            p, o = rest.split(" ", 1)
            p, o = self.term(p), self.term(o)
            found = (p, " ;\n    " + p + " " + o, " ,\n        " + o)
            if len(self.pairs) < 2_000_000:
                self.pairs[rest] = found
        return found


def _turtle_blocks(subjects: Subjects, terms: _TurtleTerms) -> list[str]:
    """One block per subject, subjects sorted: ``a`` first, then the other predicates in N-Triples
    order, each predicate's further objects on lines of their own."""
    blocks: list[str] = []
    known, pair = terms.pairs.get, terms.pair
    first, after = _RDF_TYPE + " ", _RDF_TYPE + "!"  # the "p o" of rdf:type sort between these
    for subject in sorted(subjects):
        rests = sorted(subjects[subject])
        i = bisect_left(rests, first)
        if i:
            j = bisect_left(rests, after, i)
            if j > i:
                rests = rests[i:j] + rests[:i] + rests[j:]
        fragments = [known(rest) or pair(rest) for rest in rests]
        p, start, _ = fragments[0]
        parts = [terms.subject(subject), start[2:]]  # (no " ;" after the subject)
        last = p
        for p, start, more in fragments[1:]:
            if p == last:
                parts.append(more)
            else:
                parts.append(start)
                last = p
        parts.append(" ;\n.\n")
        blocks.append("".join(parts))
    return blocks


def _pieces(graphs: dict[str, Subjects], fmt: str, terms: _TurtleTerms) -> tuple[dict[str, bytes], int]:
    """The text of graphs read by ``read_subjects`` in a text format, without prefix lines: one piece
    (key ``""``) for the triple formats, one a graph for the quad formats. Pieces of the same key from
    disjoint ranges of subjects, in the ranges' order, join into the piece of their union (``_joined``).
    With them, the statements they hold: the quads, or the merged graph's triples (a triple that
    several graphs hold is written once), which disjoint ranges of subjects add up."""
    if fmt == "nquads":
        out: dict[str, bytes] = {}
        for iri in sorted(graphs):
            suffix = f" <{iri}> .\n"
            subjects = graphs[iri]
            out[iri] = "".join([f"{s} {rest}{suffix}" for s in sorted(subjects)
                                for rest in sorted(subjects[s])]).encode("utf-8")
        return out, _statements(graphs.values())
    if fmt == "trig":
        return ({iri: "\n".join(_turtle_blocks(graphs[iri], terms)).encode("utf-8") for iri in sorted(graphs)},
                _statements(graphs.values()))
    merged = _merged(graphs.values())
    if fmt == "ntriples":
        text = "".join([f"{s} {rest} .\n" for s in sorted(merged) for rest in sorted(merged[s])])
    elif fmt == "turtle":
        text = "\n".join(_turtle_blocks(merged, terms))
    else:
        raise ValueError(f"not a format of the fast path: {fmt}")
    return {"": text.encode("utf-8")}, _statements([merged])


def _statements(graphs: Iterable[Subjects]) -> int:
    return sum(len(rests) for subjects in graphs for rests in subjects.values())


def _joined(fmt: str, parts: Sequence[Mapping[str, bytes]], used: Iterable[str]) -> list[bytes]:
    """The document, as chunks to write one after the other (joining them would copy it again), from the
    pieces of each range of subjects, in order, and the prefixes they used."""
    between = b"\n" if fmt in ("turtle", "trig") else b""  # (Turtle blocks are separated by a blank line)
    chunks: list[bytes] = []
    if fmt in ("turtle", "trig"):
        head = _prefix_lines(used).encode("utf-8")
        chunks += [head, b"\n"] if head else []
    for n, key in enumerate(sorted(set().union(*parts))):
        if fmt == "trig":
            chunks.append(f"{'' if n == 0 else chr(10)}<{key}> {{\n".encode("utf-8"))
        for i, text in enumerate([text for part in parts if (text := part.get(key))]):
            chunks += [between, text] if i else [text]
        if fmt == "trig":
            chunks.append(b"}\n")
    return chunks


def _prefix_lines(used: Iterable[str]) -> str:
    return "".join(f"PREFIX {p}: <{iris.PREFIXES[p]}>\n" for p in sorted(used))


def _fast_serialize(graphs: dict[str, Subjects], fmt: str) -> bytes:
    """N-Quads, N-Triples, Turtle or TriG of graphs read by ``read_subjects``, deterministically laid out."""
    terms = _TurtleTerms()
    return b"".join(_joined(fmt, [_pieces(graphs, fmt, terms)[0]], terms.used))


FAST_FORMATS = ("turtle", "ntriples", "nquads", "trig")


def _selected_texts(paths: Paths, manifest: Manifest, infos: Sequence[GraphInfo], with_description: bool = True,
                    files: Mapping[str, Path | bytes] | None = None) -> tuple[dict[str, Subjects], dict[str, int]]:
    """The selected graphs as the text writers take them (and ``graph/void`` describing them), with
    their triple counts; ``files``: what ``_with_inferred`` gives, when already read."""
    if files is None:
        files = _with_inferred(paths, infos, _article_files(paths, infos))
    selected = read_subjects(open_read_only(paths), infos, files)
    counts = selected.counts()
    texts = dict(selected.graphs)
    if with_description:
        texts[str(VOID_GRAPH)] = _description_subjects(manifest, counts, selected.vocab, infos)
        counts[str(VOID_GRAPH)] = sum(map(len, texts[str(VOID_GRAPH)].values()))
    return texts, counts


def _article_files(paths: Paths, infos: Sequence[GraphInfo]) -> dict[str, Path | bytes]:
    """The N-Quads files the build keeps of the selected article graphs."""
    return {info.iri: path for info in infos if (path := build_nquads(paths, info)) is not None and path.is_file()}


def _with_inferred(paths: Paths, infos: Sequence[GraphInfo], files: Mapping[str, Path | bytes]) -> dict[str, Path | bytes]:
    """``files``, and graph/inferred's text from the build's cache (``kg.build.inferred_nquads``) when it
    is selected and the cache makes it up."""
    sources = dict(files)
    for info in infos:
        if info.kind == "inferred" and info.digest:
            from kg.build import inferred_nquads  # (the build's modules, for this one graph)

            data = inferred_nquads(paths, info.digest)
            if data is not None:
                sources[info.iri] = data
    return sources


# --- two processes ----------------------------------------------------------------------------

# From this many triples on, a text export is written by two processes (see ``_split_export``): at
# 10,000 articles (2.2 million triples) a Turtle export took 17.4 s in one process and 11.0-12.1 s in
# two, on one build, both reading graph/inferred from the build's cache.
SPLIT_TRIPLES = 200_000
_PIVOT_SAMPLE = 200  # article files whose subjects place the pivot


def _pivot(infos: Sequence[GraphInfo], files: Mapping[str, Path | bytes]) -> str | None:
    """A subject about halfway through the export's triples in subject order, placed by the subjects
    of a sample of the article files; None without a sample, or when it does not sort after every
    subject of the dataset's description (the part before it writes that, as it needs every count)."""
    articles = [info for info in infos if info.kind == "article" and isinstance(files.get(info.iri), Path)]
    weights: dict[str, int] = {}
    for info in articles[:: max(1, len(articles) // _PIVOT_SAMPLE)]:
        data = read_build_nquads(files[info.iri], info.triples)  # type: ignore[arg-type]
        for line in (data or b"").decode("utf-8", "replace").split("\n"):
            if line.startswith("<"):
                subject = line.split(" ", 1)[0]
                weights[subject] = weights.get(subject, 0) + 1
    half, seen = sum(weights.values()) / 2, 0
    for subject in sorted(weights):
        seen += weights[subject]
        if seen >= half:
            described = max([f"<{DATASET}>"] + [f"<{info.iri}>" for info in infos])
            return subject if subject > described else None
    return None


def _split_export(paths: Paths, manifest: Manifest, infos: Sequence[GraphInfo], files: Mapping[str, Path | bytes],
                  fmt: str, pivot: str) -> tuple[list[bytes], dict[str, int], int]:
    """A text export written by this process for the subjects before ``pivot`` and by a forked one for
    the others: Python parses and writes on one core. Each process reads every file the build keeps of
    its graphs (and graph/inferred from the build's cache) but parses only its own lines; the child
    alone reads the other graphs from the store (its rows cost Oxigraph a dictionary lookup per term)
    and sends this process the rows before the pivot, then its counts and namespaces (the dataset's
    description, in this part, needs them all), then its pieces of text, which follow this process's
    in every format's order."""
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe(duplex=False)  # (this process reads, the child writes)
    child = context.Process(target=_export_part, args=(there, here, paths, infos, files, fmt, (pivot, None)), daemon=True)
    child.start()
    there.close()
    try:
        part = (None, pivot)
        files = _with_inferred(paths, infos, files)  # (the child too)
        from_files, rest = _read_files(infos, files, part)
        rows: _Rows = _received(here, child)
        stored = [rows.read()]
        # (the graphs neither side has: graph/inferred when the build's cache changed between the reads)
        rest += [info for info in infos if info.iri not in from_files.graphs and info.iri not in rows.iris and info not in rest]
        del rows
        if rest:
            stored.append(_read_store(open_read_only(paths), rest, part))
        lower = _combined(infos, from_files, stored)
        del from_files, stored
        upper_counts, upper_vocab = _received(here, child)
        counts = lower.counts()
        for iri, n in upper_counts.items():
            counts[iri] += n
        texts = dict(lower.graphs)
        texts[str(VOID_GRAPH)] = _description_subjects(manifest, counts, lower.vocab | upper_vocab, infos)
        counts[str(VOID_GRAPH)] = sum(map(len, texts[str(VOID_GRAPH)].values()))
        del lower
        terms = _TurtleTerms()
        pieces, written = _pieces(texts, fmt, terms)
        del texts
        upper_pieces, upper_used, upper_written = _received(here, child)
        return _joined(fmt, [pieces, upper_pieces], terms.used | upper_used), counts, written + upper_written
    finally:
        here.close()
        if child.is_alive():
            child.kill()  # (by its pid: it is not needed once this process has what it sent, or has failed)
        child.join()


def _export_part(conn: Connection, parents_end: Connection, paths: Paths, infos: Sequence[GraphInfo],
                 files: Mapping[str, Path | bytes], fmt: str, part: Part) -> None:
    """The forked process of ``_split_export``: each message is ``("ok", value)`` or ``("error", exception)``.
    An error the CLI reports on one line is sent as it is, any other with its traceback (a bug)."""
    parents_end.close()  # (else, were the parent killed, a send would wait for a reader forever)
    try:
        files = _with_inferred(paths, infos, files)
        read = read_subjects(open_read_only(paths), infos, files, part, share=lambda rows: conn.send(("ok", rows)))
        conn.send(("ok", (read.counts(), read.vocab)))
        terms = _TurtleTerms()
        pieces, written = _pieces(read.graphs, fmt, terms)
        del read
        conn.send(("ok", (pieces, terms.used, written)))
    except BaseException as err:  # (sent on: the parent raises it)
        reported = isinstance(err, (KgError, OSError, KeyboardInterrupt, MemoryError))
        try:
            conn.send(("error", err if reported else RuntimeError(traceback.format_exc())))
        except OSError:
            pass  # (the parent is gone)
    finally:
        conn.close()


def _received(conn: Connection, child: BaseProcess) -> Any:
    try:
        kind, value = conn.recv()
    except EOFError:
        child.join(10)
        status = "still running" if child.exitcode is None else f"exit code {child.exitcode}"
        raise EnvironmentProblem(f"the export's second process (pid {child.pid}) stopped before it was done "
                                 f"({status})",
                                 hint="run `kg export` again; if memory is short, export fewer graphs with --graph") from None
    if kind == "error":
        raise value
    return value


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # (the cores this process may use)
    except AttributeError:
        return os.cpu_count() or 1


def _text_export(paths: Paths, manifest: Manifest, infos: Sequence[GraphInfo], fmt: str,
                 split: bool | None) -> tuple[list[bytes], dict[str, int], int]:
    """``fmt`` (a text format) of the selected graphs and their description, the graphs' triple counts
    and the statements written (see ``_pieces``);
    by two processes when ``split`` (None: when the export is large, and a second core and ``fork`` are there)."""
    files = _article_files(paths, infos)
    if split is None:
        split = sum(info.triples for info in infos) >= SPLIT_TRIPLES and _cores() > 1
    if split and "fork" in multiprocessing.get_all_start_methods():
        pivot = _pivot(infos, files)
        if pivot is not None:
            return _split_export(paths, manifest, infos, files, fmt, pivot)
    texts, counts = _selected_texts(paths, manifest, infos, files=_with_inferred(paths, infos, files))
    terms = _TurtleTerms()
    pieces, written = _pieces(texts, fmt, terms)
    del texts
    return _joined(fmt, [pieces], terms.used), counts, written


def ntriples_by_graph(paths: Paths, graph_selector: Sequence[str] | str | None = None,
                      *, with_description: bool = True) -> dict[str, tuple[bytes, int]]:
    """Each selected graph (and ``graph/void``) as canonical N-Triples with its triple count, from the
    text writers: what ``kg load`` sends, without 2 million rdflib terms (3.4 GB at 10,000 articles)."""
    manifest = read_manifest(paths)
    with without_cycle_collector():
        texts, counts = _selected_texts(paths, manifest, select_graphs(manifest, graph_selector), with_description)
        return {iri: (_fast_serialize({iri: subjects}, "ntriples"), counts[iri]) for iri, subjects in texts.items()}


# --- the command ------------------------------------------------------------------------------


def export_graphs(paths: Paths, graph_selector: Sequence[str] | str | None = None,
                  *, with_description: bool = True) -> tuple[dict[str, rdflib.Graph], list[GraphInfo]]:
    """The selected graphs of the build (and ``graph/void``), as canonical rdflib graphs."""
    manifest = read_manifest(paths)
    infos = select_graphs(manifest, graph_selector)
    graphs = read_graphs(paths, infos)
    if with_description:
        graphs[str(VOID_GRAPH)] = describe(manifest, graphs, infos)
    return graphs, infos


def export(paths: Paths, fmt: str | None, graph_selector: Sequence[str] | str | None,
           out: Path | BinaryIO | None, *, split: bool | None = None) -> ExportReport:
    """Export the build; ``out`` is a file path (written atomically), a binary stream, or None (stdout).
    ``split``: whether a text format is written by two processes (None: when large; see ``_text_export``)."""
    out_path = out if isinstance(out, Path) else None
    fmt = format_for(fmt, out_path)
    if fmt in FAST_FORMATS:
        manifest = read_manifest(paths)
        infos = select_graphs(manifest, graph_selector)
        with without_cycle_collector():  # millions of lists and no cycles
            chunks, counts, written = _text_export(paths, manifest, infos, fmt, split)
    else:
        graphs, _ = export_graphs(paths, graph_selector)
        chunks = [serialize(graphs, fmt)]
        counts = {iri: len(g) for iri, g in graphs.items()}
        # (blank nodes are labelled per graph: two graphs' triples are the same only without them)
        written = sum(counts.values()) if FORMATS[fmt][1] else len({t for g in graphs.values() for t in g})
    report = ExportReport(format=fmt, graphs=dict(sorted(counts.items())), written=written)
    if out_path is not None:
        write_atomic(out_path, chunks)
        report.output = str(out_path)
    else:
        stream: BinaryIO = out if out is not None else _stdout()  # type: ignore[assignment]
        stream.writelines(chunks)
        stream.flush()
    return report


def _stdout() -> BinaryIO:
    import sys

    return sys.stdout.buffer


__all__ = ["FORMATS", "turtle_text", "VOID_GRAPH", "DATASET", "ExportReport", "export", "export_graphs", "ntriples_by_graph", "serialize",
           "select_graphs", "format_for", "describe", "read_graph", "canonical_literal", "write_atomic"]
