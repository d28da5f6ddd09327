"""Deterministic RDF exports of the build, with a VoID/DCAT description of what is exported.

Every format is written so that two exports of the same build are byte-identical whatever
``PYTHONHASHSEED`` is, and diff cleanly in git:

- Turtle: rdflib's ``longturtle`` (sorted subjects and predicates; blank nodes labelled canonically
  beforehand, see below), our usual prefixes bound.
- N-Triples / N-Quads: one statement a line, lines sorted, graphs in IRI order.
- TriG: one ``<graph> { ... }`` block per graph, each block the graph's ``longturtle`` text.
- JSON-LD and RDF/XML: written here, nodes and keys sorted (rdflib's writers follow set order).

Literal forms are canonical and identical in every format. Oxigraph canonicalizes on insertion
(XSD 1.1: ``"1.0"^^xsd:decimal`` becomes ``"1"``) but Turtle's decimal shorthand needs a point, so
rdflib's Turtle writer would print ``1.0`` while N-Triples said ``"1"``. We therefore write
decimals in the XSD 1.0 canonical form (``1.0``, ``16.2``, ``456000000.0``) and doubles in the form
Turtle's shorthand uses (``1.5e+00``) everywhere: all six formats parse to the same graph, and a
store that loads them (Oxigraph, Virtuoso) canonicalizes them back to exactly what the build holds.

Blank nodes (OWL axioms in the ontology graph) are relabelled canonically
(``rdflib.compare.to_canonical_graph``) so their labels do not depend on the store's internal ids.

The dataset description lives in its own graph ``graph/void`` in the quad formats (N-Quads, TriG,
JSON-LD) and is merged into the single graph of the triple formats (Turtle, N-Triples, RDF/XML).
It describes the exported graphs: triple counts, vocabularies used, license, build date.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO, Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

from kg import iris
from kg.config import Paths
from kg.errors import UsageError
from kg.store import GraphInfo, Manifest, open_read_only, read_manifest

VOID_GRAPH = URIRef(iris.BASE + "graph/void")
DATASET = URIRef(iris.BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ARTICLE_GRAPH_PREFIX = iris.BASE + "graph/article/"

# format name -> (file extensions, is a quad format, media type)
FORMATS: dict[str, tuple[tuple[str, ...], bool, str]] = {
    "turtle": ((".ttl",), False, "text/turtle"),
    "ntriples": ((".nt",), False, "application/n-triples"),
    "nquads": ((".nq",), True, "application/n-quads"),
    "trig": ((".trig",), True, "application/trig"),
    "jsonld": ((".jsonld", ".json"), True, "application/ld+json"),
    "rdfxml": ((".rdf", ".owl", ".xml"), False, "application/rdf+xml"),
}

GRAPH_KEYWORDS = ("all", "entities", "ontology", "inferred")


@dataclass
class ExportReport:
    """What an export wrote: the format, the graphs and their triple counts."""

    format: str
    graphs: dict[str, int] = field(default_factory=dict)
    output: str | None = None

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


# --- choosing the format and the graphs -------------------------------------------------------


def format_for(fmt: str | None, out: Path | None) -> str:
    """``--format`` wins; else the extension of ``-o``; else Turtle."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown export format {fmt!r}", field="--format",
                             hint=f"use one of {', '.join(FORMATS)}")
        return fmt
    if out is not None:
        suffix = out.suffix.lower()
        for name, (exts, _, _) in FORMATS.items():
            if suffix in exts:
                return name
        raise UsageError(f"cannot tell the format from the extension {suffix or '(none)'!r}", file=out,
                         field="-o", hint="give --format, or use .ttl .nt .nq .trig .jsonld .rdf")
    return "turtle"


def select_graphs(manifest: Manifest, selectors: Sequence[str] | str | None) -> list[GraphInfo]:
    """Resolve ``--graph`` values (article id, entities, ontology, inferred, all, or a graph IRI)."""
    if selectors is None or isinstance(selectors, str):
        selectors = [selectors or "all"]
    chosen: dict[str, GraphInfo] = {}
    by_iri = {g.iri: g for g in manifest.graphs}
    for sel in selectors or ["all"]:
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
            raise UsageError(f"no graph {sel!r} in the build", field="--graph",
                             hint=f"use all, entities, ontology, inferred, a graph IRI or an article id ({known}, ...)")
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
        text = format(value.normalize(), "f")
        if "." not in text:
            text += ".0"
        if text.startswith("-") and text.strip("-0.") == "":
            text = "0.0"
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
        return Literal(re.sub(r"\.?0*e", "e", "%e" % value_f), datatype=dt, normalize=False)
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
        tag = "g" + hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:8]
        canon = rdflib.Graph()
        for t in to_canonical_graph(g):
            canon.add(tuple(BNode(tag + str(x)) if isinstance(x, BNode) else x for x in t))  # type: ignore[arg-type]
        g = canon
    return g


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
    d = rdflib.Graph()
    iris.bind_prefixes(d)
    d.add((DATASET, RDF.type, VOID.Dataset))
    d.add((DATASET, RDF.type, DCAT.Dataset))
    d.add((DATASET, DCTERMS.title, Literal("canieti-kg: a knowledge graph of news about CANIETI", lang="en")))
    d.add((DATASET, DCTERMS.description, Literal(
        "Facts from news articles about CANIETI, Mexico's ICT industry chamber, each traced to the verbatim "
        "quote it rests on; one named graph per article, plus shared entities, the ontology and inferences.",
        lang="en")))
    d.add((DATASET, DCTERMS.license, LICENSE))
    d.add((DATASET, DCTERMS.modified, Literal(manifest.built_at, datatype=XSD.dateTime, normalize=False)))
    d.add((DATASET, OWL.versionInfo, Literal(manifest.kg_version)))
    d.add((DATASET, VOID.uriSpace, Literal(iris.BASE + "id/")))
    d.add((DATASET, VOID.triples, Literal(sum(len(g) for g in graphs.values()), datatype=XSD.integer)))
    for ns in sorted(vocabularies(graphs.values())):
        d.add((DATASET, VOID.vocabulary, URIRef(ns)))
    for info in infos:
        sub = URIRef(info.iri)
        d.add((DATASET, VOID.subset, sub))
        d.add((sub, RDF.type, VOID.Dataset))
        d.add((sub, VOID.triples, Literal(len(graphs[info.iri]), datatype=XSD.integer)))
        title = f"article {info.article}" if info.kind == "article" else info.kind
        d.add((sub, DCTERMS.title, Literal(f"named graph: {title}", lang="en")))
        d.add((sub, DCTERMS.license, LICENSE))
    return d


# --- serializers ------------------------------------------------------------------------------


def _prefixed(graph: rdflib.Graph) -> rdflib.Graph:
    iris.bind_prefixes(graph)
    return graph


def _ntriples_lines(graph: rdflib.Graph) -> list[str]:
    text = graph.serialize(format="nt11", encoding="utf-8").decode("utf-8")
    return sorted(line for line in text.splitlines() if line.strip())


def to_ntriples(graph: rdflib.Graph) -> bytes:
    return "".join(line + "\n" for line in _ntriples_lines(graph)).encode("utf-8")


def to_nquads(graphs: dict[str, rdflib.Graph]) -> bytes:
    out: list[str] = []
    for iri in sorted(graphs):
        suffix = f" <{iri}> .\n"
        out.extend(line[: -len(" .")] + suffix if line.endswith(" .") else line + suffix
                   for line in _ntriples_lines(graphs[iri]))
    return "".join(out).encode("utf-8")


def _longturtle(graph: rdflib.Graph) -> str:
    # longturtle sorts subjects and predicates; the blank nodes are already labelled canonically by
    # read_graph, so canon=True (which re-canonicalizes the whole graph, 3x slower) adds nothing.
    # The determinism test runs this under several PYTHONHASHSEED values.
    return _prefixed(graph).serialize(format="longturtle", canon=False, encoding="utf-8").decode("utf-8")


def to_turtle(graph: rdflib.Graph) -> bytes:
    return _longturtle(graph).encode("utf-8")


def to_trig(graphs: dict[str, rdflib.Graph]) -> bytes:
    prefixes: set[str] = set()
    blocks: list[str] = []
    for iri in sorted(graphs):
        g = graphs[iri]
        if len(g) == 0:
            blocks.append(f"<{iri}> {{\n}}\n")
            continue
        body: list[str] = []
        for line in _longturtle(g).splitlines():
            if line.startswith("PREFIX ") or line.startswith("@prefix "):
                prefixes.add(line)
            elif line.strip() or body:
                # No indentation: a line may be inside a long (triple-quoted) literal, where it is content.
                body.append(line)
        while body and not body[-1].strip():
            body.pop()
        blocks.append(f"<{iri}> {{\n" + "\n".join(body) + "\n}\n")
    head = "".join(p + "\n" for p in sorted(prefixes))
    return (head + ("\n" if head else "") + "\n".join(blocks)).encode("utf-8")


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
           out: Path | BinaryIO | None) -> ExportReport:
    """Export the build; ``out`` is a file path (written atomically), a binary stream, or None (stdout)."""
    out_path = out if isinstance(out, Path) else None
    fmt = format_for(fmt, out_path)
    graphs, _ = export_graphs(paths, graph_selector)
    data = serialize(graphs, fmt)
    report = ExportReport(format=fmt, graphs={iri: len(g) for iri, g in sorted(graphs.items())})
    if out_path is not None:
        write_atomic(out_path, data)
        report.output = str(out_path)
    else:
        stream: BinaryIO = out if out is not None else _stdout()  # type: ignore[assignment]
        stream.write(data)
        stream.flush()
    return report


def _stdout() -> BinaryIO:
    import sys

    return sys.stdout.buffer


from kg.files import write_atomic  # noqa: E402  re-exported for callers of kg.export


__all__ = ["FORMATS", "VOID_GRAPH", "DATASET", "ExportReport", "export", "export_graphs", "serialize",
           "select_graphs", "format_for", "describe", "read_graph", "canonical_literal", "write_atomic"]
