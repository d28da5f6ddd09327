"""The data's quality gate: SHACL shapes (pySHACL) and the named-graph checks of ``queries/checks/``.
(``kg build``, and ``kg validate`` on a build, run the same shapes compiled by kg.shacl_compile, by
article: kg.partition.)

Validation runs per article partition (the article's graph, the entities graph and what the shapes
need from the ontology graph: the class hierarchy and the concept schemes), so its cost grows
linearly with the corpus and partitions can be validated in parallel or cached by content hash
(``validate_article`` is pure). Checks about which named graph holds what cannot be said in SHACL
(not every engine sees named graphs), so they run once over the whole dataset, on Oxigraph.

Every result is traced back to the fact file and curator id that produced the failing node, read
from the node's ``kg:factFile``/``kg:curatorId``/``kg:inArticle`` or from its parent fact's (for
evidence, selector, interval, instant and item nodes).
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, TIME, VOID

from kg.config import Paths
from kg.errors import EnvironmentProblem, KgError, ValidationFailed
from kg.iris import (
    BASE,
    ENTITIES_GRAPH,
    GRAPH,
    INFERRED_GRAPH,
    KG,
    OA,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    ORG,
    PREFIXES,
    article_graph,
)
from kg.mapping import repo_relative
from kg.yamlio import LineDict, load_yaml

if TYPE_CHECKING:
    from kg.corpus import Corpus

SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
CHECK_SUFFIXES = {"-violation.rq": "Violation", "-warning.rq": "Warning", "-info.rq": "Info"}
CHECK_COMPONENT = str(KG["SparqlCheck"])  # the "constraint component" of a queries/checks result
FORMATS = ("text", "turtle", "json")

ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])
_ARTICLE_IRI = re.compile(re.escape(BASE) + r"id/article/([A-Za-z0-9][A-Za-z0-9_.-]*)(?:/([a-z]+)/([a-z0-9][a-z0-9-]*))?")
ENTITY_PATH = r"id/(?!article/)([a-z]+)/([a-z0-9][a-z0-9-]*)"  # a shared or fact-file entity, after BASE
_ENTITY_IRI = re.compile(re.escape(BASE) + ENTITY_PATH + "$")
# Fact-file section names (YAML keys) by the section segment of fact IRIs (docs/data-model.md §2).
_SECTION_KEYS = {
    "entity": "entities", "mention": "mentions", "tenure": "tenures", "participation": "participations",
    "relation": "relations", "statement": "statements", "plan": "plans", "observation": "observations",
}
# How a node that is not itself a fact hangs from one: evidence, selectors, intervals, instants, items.
_PARENT_LINKS = (KG.hasEvidence, OA.hasSelector, ORG.memberDuring, TIME.hasBeginning, TIME.hasEnd, KG.hasItem)
# What the shapes need from the ontology graph (sh:targetClass/sh:class follow rdfs:subClassOf; open
# schemes are checked by skos:inScheme); the rest of the ontology would only slow pySHACL down.
_CONTEXT_PREDICATES = (RDFS.subClassOf, SKOS.inScheme, KG.directProperty)


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, traced to the curated input that produced it."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str | None
    shape: str
    component: str
    message: str
    value: str | None = None
    article: str | None = None
    fact_file: str | None = None
    curator_id: str | None = None
    section: str | None = None  # the fact file's section key (observations, tenures, ...)

    def key(self) -> tuple[str, str, str | None, str, str, str | None]:
        """What makes two results the same finding, whichever partition reported it."""
        return (self.severity, self.focus, self.path, self.shape, self.component, self.value)


@dataclass
class ValidationReport:
    """All results of the shapes and the checks; ``conforms`` means no Violation."""

    results: list[Result] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(r.severity == "Violation" for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s.lower()}{'s' if self.count(s) != 1 else ''}" for s in SEVERITY_ORDER)
        return f"{counts}: {'conforms' if self.conforms else 'does not conform'}"

    def render(self, fmt: str = "text") -> str:
        if fmt == "text":
            return _render_text(self)
        if fmt == "json":
            return _render_json(self)
        if fmt == "turtle":
            return _render_turtle(self)
        raise ValueError(f"unknown report format {fmt!r}; expected one of {FORMATS}")


# ------------------------------------------------------------------------------------------------
# Loading shapes and the ontology context


def load_shapes(paths: Paths) -> rdflib.Graph:
    """All ``ontology/shapes/*.ttl`` in one graph; unreadable shapes stop the run (exit 3)."""
    files = sorted(Path(paths.shapes).glob("*.ttl"))
    if not files:
        raise EnvironmentProblem("no SHACL shapes found", file=paths.shapes, hint="restore ontology/shapes/*.ttl")
    shapes = rdflib.Graph()
    for file in files:
        try:
            shapes.parse(file, format="turtle")
        except Exception as err:  # rdflib raises many parser types
            raise EnvironmentProblem(f"unreadable shapes: {_one_line(err)}", file=file) from None
    return shapes


def load_ontology(paths: Paths) -> rdflib.Graph:
    """The ontology graph of docs/data-model.md §3 (canieti.ttl, vocab, imports) when the dataset has none."""
    from kg import ontology

    try:
        return ontology.ontology_graph(paths)
    except KgError as err:
        raise EnvironmentProblem(f"unreadable ontology: {err.message}", file=err.file, line=err.line) from None


def ontology_context(ontology: rdflib.Graph) -> rdflib.Graph:
    """The part of the ontology graph the shapes read: class hierarchy and concept-scheme membership."""
    context = rdflib.Graph()
    for predicate in _CONTEXT_PREDICATES:
        for triple in ontology.triples((None, predicate, None)):
            context.add(triple)
    for concept in set(ontology.subjects(SKOS.inScheme, None)):
        context.add((concept, RDF.type, SKOS.Concept))
    return context


# ------------------------------------------------------------------------------------------------
# SHACL, one partition at a time


def validate_article(article_graph: rdflib.Graph, shared: rdflib.Graph, shapes: rdflib.Graph) -> list[Result]:
    """Validate the nodes described in ``article_graph`` against ``shared`` (entities + ontology context).

    Pure: the same three graphs give the same results, so a caller may cache them by content hash.
    Only the subjects of ``article_graph`` are focus nodes, so a shared entity is checked where an
    article describes it, not once per article that merely names it.
    """
    focus = {s for s in article_graph.subjects() if isinstance(s, URIRef)}
    if not focus:
        return []
    data = rdflib.Graph()
    for triple in shared:
        data.add(triple)
    for triple in article_graph:
        data.add(triple)
    return _run_shacl(data, shapes, focus)


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph) -> list[Result]:
    """Validate every target node of one graph that already holds the ontology context."""
    return _run_shacl(data, shapes, None)


_QUERY_CACHE: dict[tuple, object] = {}


@contextmanager
def _prepared_queries() -> Iterator[None]:
    """Parse each SHACL-SPARQL query once, not once per focus node.

    pySHACL hands rdflib the query text for every focus node, and rdflib parses it each time
    (about 0.1 s a parse): a translated query is reusable with other initial bindings, so cache it.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache = _QUERY_CACHE
    if len(cache) > 256:  # shapes change rarely; a bound keeps a long-lived process from growing
        cache.clear()

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # type: ignore[no-untyped-def]
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            prepared = cache.get(key)
            if prepared is None:
                prepared = cache[key] = processor.translateQuery(processor.parseQuery(strOrQuery), base, initNs)
            strOrQuery = prepared
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _run_shacl(data: rdflib.Graph, shapes: rdflib.Graph, focus: set[URIRef] | None) -> list[Result]:
    import pyshacl  # imported here: slow to import, and only validation needs it

    try:
        with _prepared_queries():
            _conforms, report, _text = pyshacl.validate(
                data,
                shacl_graph=shapes,
                inference="none",
                allow_warnings=True,  # Warnings and Infos are reported; only Violations fail
                allow_infos=True,
                inplace=True,  # `data` is ours to keep or drop; no copy
                focus_nodes=sorted(focus) if focus else None,
            )
    except Exception as err:  # pySHACL raises on malformed shapes (bad SPARQL, bad lists), and on some data
        raise EnvironmentProblem(f"the shapes could not run: {_one_line(err)}",
                                 hint="check ontology/shapes/*.ttl, and the data validated (pySHACL fails on some "
                                      "terms, such as an IRI with a scheme and no path: <x:a>)") from None
    return [_attribute(r, data) for r in _parse_report(report)]


def _parse_report(report: rdflib.Graph) -> Iterator[Result]:
    # Only top-level results: pySHACL also types the sh:detail of an sh:node failure as a result.
    for node in report.objects(None, SH.result):
        severity = report.value(node, SH.resultSeverity)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        yield Result(
            severity=SEVERITY_NAMES.get(severity, str(severity)),  # type: ignore[arg-type]
            focus=_term_text(report.value(node, SH.focusNode)),
            path=_term_text(path) if path is not None else None,
            shape=_term_text(report.value(node, SH.sourceShape)),
            component=str(report.value(node, SH.sourceConstraintComponent)),
            message=messages[0] if messages else "",
            value=_term_text(value) if value is not None else None,
        )


def _term_text(term: rdflib.term.Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)


# ------------------------------------------------------------------------------------------------
# Tracing a node back to its fact file and curator id


class _Lookup(Protocol):
    def value(self, subject: rdflib.term.Node, predicate: URIRef) -> rdflib.term.Node | None: ...

    def subjects(self, predicate: URIRef, obj: rdflib.term.Node) -> Iterable[rdflib.term.Node]: ...


def _owner(node: rdflib.term.Node, lookup: _Lookup, depth: int = 3) -> rdflib.term.Node | None:
    """The fact a node belongs to: itself if it carries kg:factFile, else up the parent links."""
    frontier = [node]
    seen = set(frontier)
    for _ in range(depth + 1):
        for candidate in frontier:
            if lookup.value(candidate, KG.factFile) is not None:
                return candidate
        nxt = []
        for candidate in frontier:
            for link in _PARENT_LINKS:
                for parent in lookup.subjects(link, candidate):
                    if parent not in seen:
                        seen.add(parent)
                        nxt.append(parent)
        frontier = nxt
        if not frontier:
            break
    return None


def _attribute(result: Result, lookup: _Lookup) -> Result:
    focus = URIRef(result.focus) if not result.focus.startswith("_:") else None
    article = fact_file = curator_id = section = None
    owner = _owner(focus, lookup) if focus is not None else None
    if owner is not None:
        fact_file = _str(lookup.value(owner, KG.factFile))
        curator_id = _str(lookup.value(owner, KG.curatorId))
        in_article = lookup.value(owner, KG.inArticle)
        match = _ARTICLE_IRI.match(str(in_article)) if in_article is not None else None
        article = match.group(1) if match else None
        owner_match = _ARTICLE_IRI.match(str(owner))
        section = _SECTION_KEYS.get(owner_match.group(2) or "") if owner_match else None
        if section is None and _ENTITY_IRI.match(str(owner)):
            section = "entities"
    elif focus is not None:
        match = _ARTICLE_IRI.match(str(focus))
        entity = _ENTITY_IRI.match(str(focus))
        if match:
            article = match.group(1)
            section = _SECTION_KEYS.get(match.group(2) or "")
            curator_id = match.group(3)
        elif entity:  # declared in data/entities.yaml: named by its id
            curator_id = entity.group(2)
            section = "entities"
    return replace(result, article=article, fact_file=fact_file, curator_id=curator_id, section=section)


def _str(term: rdflib.term.Node | None) -> str | None:
    return str(term) if term is not None else None


# ------------------------------------------------------------------------------------------------
# The whole dataset: partitions, a process pool, and the cross-article checks


def validate(
    dataset: rdflib.Dataset,
    paths: Paths,
    *,
    articles: list[str] | None = None,
    workers: int | None = None,
) -> ValidationReport:
    """Validate the named graphs of docs/data-model.md §3: each article graph with the entities graph
    and the ontology context, the entities graph once, then the checks of ``queries/checks/``
    (graph/inferred, derived from validated data, is not validated, as in ``kg build``).

    ``articles`` limits the SHACL part to those article ids (the checks always see everything).
    ``workers`` > 1 spreads partitions over a process pool (default: 2 when there are many).

    As in `kg build`, pySHACL runs the core constraints per partition and the SHACL-SPARQL constraints
    run once over an Oxigraph copy of the dataset (kg.sparql_constraints): same results, minutes faster.
    """
    from kg import sparql_constraints

    full_shapes = load_shapes(paths)
    shapes = sparql_constraints.core_shapes(full_shapes)
    default_id = rdflib.graph.DATASET_DEFAULT_GRAPH_ID
    named = {str(g.identifier): g for g in dataset.graphs()
             if isinstance(g.identifier, URIRef) and g.identifier != default_id}
    ontology = named.get(str(ONTOLOGY_GRAPH))
    if ontology is None or len(ontology) == 0:
        ontology = _merged_ontology(dataset.graph(default_id))
    ontology_missing = ontology is None
    if ontology is None:
        ontology = load_ontology(paths)
    context = ontology_context(ontology)
    entities = named.get(str(ENTITIES_GRAPH), rdflib.Graph())
    shared = rdflib.Graph()
    for triple in context:
        shared.add(triple)
    for triple in entities:
        shared.add(triple)

    wanted = set(articles) if articles is not None else None
    partitions: list[rdflib.Graph] = []
    for iri in sorted(named):
        if not iri.startswith(ARTICLE_GRAPH_PREFIX):
            continue
        if wanted is not None and iri[len(ARTICLE_GRAPH_PREFIX):] not in wanted:
            continue
        partitions.append(named[iri])
    if wanted is None:
        partitions.append(entities)  # entities of data/entities.yaml, checked once
        # Data outside the graphs of §3 (the default graph, or a plain Turtle file given to
        # `kg validate FILE`) belongs to no article: one partition of its own.
        known = {str(ENTITIES_GRAPH), str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH)}
        loose = rdflib.Graph()
        for triple in dataset.graph(default_id):
            loose.add(triple)
        for iri, graph in named.items():
            if iri not in known and not iri.startswith(ARTICLE_GRAPH_PREFIX):
                for triple in graph:
                    loose.add(triple)
        if len(loose):
            partitions.append(loose)

    results = _validate_partitions(partitions, shared, shapes, workers)
    results = [with_entities_file(r, paths) for r in results]
    store = dataset_to_store(dataset)
    # graph/inferred is the reasoner's output over data already validated: `kg build` validates before it
    # reasons and `kg validate` on a build leaves it out, so a file's copy is left out too (the shapes
    # skip it above). Seen by the checks, an export of it alone had every entity it types "without a label".
    store.remove_graph(ox.NamedNode(str(INFERRED_GRAPH)))
    if ontology_missing:  # the checks read the ontology too (declared terms, labels)
        store.extend(_graph_quads(ontology, ox.NamedNode(str(ONTOLOGY_GRAPH))))
    rows = sparql_constraints.evaluate(store, sparql_constraints.extract(full_shapes))
    if wanted is not None:
        wanted_focus = {str(s) for g in partitions for s in g.subjects() if isinstance(s, URIRef)}
        rows = [row for row in rows if row["focus"] in wanted_focus]
    results.extend(results_from_rows(rows, store, paths))
    results.extend(run_checks(dataset, paths, store=store))
    return ValidationReport(dedupe(results))


def _merged_ontology(default: rdflib.Graph) -> rdflib.Graph | None:
    """The default graph when it carries the ontology (a triple-format export merges graph/ontology into
    it), else None. The project's ontology is then not added beside it: its union-class ranges and
    domains are blank nodes, so two copies of one axiom are two ranges to the checks (each property
    "with two ranges"). As with a named graph/ontology, the file's ontology is the one validated: a
    range or domain the file adds is still a second one."""
    return default if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in default else None


def _graph_quads(graph: rdflib.Graph, target: ox.NamedNode) -> list[ox.Quad]:
    return [ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), target) for s, p, o in graph]  # type: ignore[arg-type]


def _to_ox(term: rdflib.term.Node) -> object:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def _validate_partitions(
    partitions: list[rdflib.Graph], shared: rdflib.Graph, shapes: rdflib.Graph, workers: int | None
) -> list[Result]:
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(partitions) >= 50 else 1
    if workers <= 1 or len(partitions) < 2:
        out: list[Result] = []
        for graph in partitions:
            out.extend(validate_article(graph, shared, shapes))
        return out
    # Graphs travel as N-Triples text: cheaper to pickle than rdflib objects, and the shapes and the
    # shared graph are parsed once per worker, not once per partition.
    shared_nt = shared.serialize(format="nt")
    shapes_nt = shapes.serialize(format="nt")
    batches = _batches([g.serialize(format="nt") for g in partitions], workers * 4)
    out = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(shared_nt, shapes_nt)) as pool:
        for chunk in pool.map(_worker_validate, batches):
            out.extend(chunk)
    return out


def _batches(items: list[str], n: int) -> list[list[str]]:
    size = max(1, -(-len(items) // n))
    return [items[i:i + size] for i in range(0, len(items), size)]


_WORKER: dict[str, rdflib.Graph] = {}


def _worker_init(shared_nt: str, shapes_nt: str) -> None:
    _WORKER["shared"] = rdflib.Graph().parse(data=shared_nt, format="nt")
    _WORKER["shapes"] = rdflib.Graph().parse(data=shapes_nt, format="nt")


def _worker_validate(batch: list[str]) -> list[Result]:
    out: list[Result] = []
    for nt in batch:
        graph = rdflib.Graph().parse(data=nt, format="nt")
        out.extend(validate_article(graph, _WORKER["shared"], _WORKER["shapes"]))
    return out


def with_entities_file(result: Result, paths: Paths) -> Result:
    """Point a result about an entity of data/entities.yaml (no kg:factFile) at that file."""
    if result.fact_file is None and result.section == "entities":
        return replace(result, fact_file=repo_relative(paths, paths.entities_file))
    return result


def results_from_rows(rows: Iterable[dict], store: ox.Store, paths: Paths) -> list[Result]:
    """Results of the Oxigraph evaluators (kg.shacl_compile, kg.sparql_constraints), traced to the fact
    file and curator id that produced each focus node."""
    lookup = _StoreLookup(store)
    return [with_entities_file(_attribute(Result(**row), lookup), paths) for row in rows]


def dedupe(results: list[Result]) -> list[Result]:
    """One result per finding (partitions overlap on shared entities), in report order."""
    seen: dict[tuple, Result] = {}
    for r in results:
        seen.setdefault(r.key(), r)
    return sorted(seen.values(), key=_sort_key)


def _sort_key(r: Result) -> tuple:
    return (r.article or "~", r.fact_file or "~", r.curator_id or "", SEVERITY_ORDER.get(r.severity, 9),
            r.focus, r.shape, r.path or "", r.value or "")


# ------------------------------------------------------------------------------------------------
# queries/checks/*-violation.rq (and -warning.rq, -info.rq): named-graph checks on Oxigraph


def check_files(paths: Paths) -> list[tuple[Path, str]]:
    """The check queries with the severity their file name gives (ROBOT's convention)."""
    out = []
    for file in sorted(Path(paths.checks).glob("*.rq")):
        for suffix, severity in CHECK_SUFFIXES.items():
            if file.name.endswith(suffix):
                out.append((file, severity))
    return out


def run_checks(dataset: rdflib.Dataset, paths: Paths, store: ox.Store | None = None) -> list[Result]:
    """Run every check query; each row is one result. The store sees every graph by name, and the
    union as its default graph for checks that need no GRAPH pattern."""
    files = check_files(paths)
    if not files:
        return []
    if store is None:
        store = dataset_to_store(dataset)
    lookup = _StoreLookup(store)
    results: list[Result] = []
    for file, severity in files:
        try:
            query = file.read_text(encoding="utf-8")
            rows = store.query(query, use_default_graph_as_union=True)
        except (OSError, SyntaxError, ValueError) as err:
            raise EnvironmentProblem(f"the check could not run: {_one_line(err)}", file=file) from None
        if not isinstance(rows, ox.QuerySolutions):
            raise EnvironmentProblem("a check must be a SELECT query", file=file)
        names = [v.value for v in rows.variables]
        for row in rows:
            results.append(_check_result(file, severity, names, row, lookup))
    return results


def _check_result(file: Path, severity: str, names: list[str], row: ox.QuerySolution, lookup: _Lookup) -> Result:
    bound = {name: row[name] for name in names if row[name] is not None}
    focus_name = next((n for n in ("fact", "focus", "this", "entity", "subject", "s") if n in bound), None)
    if focus_name is None:
        focus_name = next((n for n in names if isinstance(bound.get(n), ox.NamedNode)), None)
    focus = bound.get(focus_name) if focus_name else None
    message = bound.get("message")
    detail = ", ".join(f"{n}={_ox_text(t)}" for n, t in bound.items() if n not in (focus_name, "message"))
    text = message.value if isinstance(message, ox.Literal) else f"check {file.stem} found {detail or 'a row'}"
    value = bound.get("value")
    result = Result(
        severity=severity,
        focus=_ox_text(focus) if focus is not None else "",
        path=None,
        shape=f"queries/checks/{file.name}",
        component=CHECK_COMPONENT,
        message=text,
        value=_ox_text(value) if value is not None else (detail or None),
    )
    return _attribute(result, lookup)


def _ox_text(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


class _StoreLookup:
    """``_Lookup`` over an Oxigraph store (all graphs), for tracing check results to fact files."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def value(self, subject: rdflib.term.Node, predicate: URIRef) -> rdflib.term.Node | None:
        if not isinstance(subject, URIRef):
            return None
        for quad in self.store.quads_for_pattern(ox.NamedNode(str(subject)), ox.NamedNode(str(predicate)), None, None):
            return _from_ox(quad.object)
        return None

    def subjects(self, predicate: URIRef, obj: rdflib.term.Node) -> Iterable[rdflib.term.Node]:
        if not isinstance(obj, URIRef):
            return []
        return {_from_ox(q.subject) for q in self.store.quads_for_pattern(None, ox.NamedNode(str(predicate)), ox.NamedNode(str(obj)), None)}


def _from_ox(term: object) -> rdflib.term.Node:
    from kg.rdfio import to_rdflib

    node = to_rdflib(term)
    if node is None:
        raise TypeError(f"unexpected term {term!r}")
    return node


def dataset_to_store(dataset: rdflib.Dataset) -> ox.Store:
    """An in-memory Oxigraph copy of a dataset (the checks join across graphs; rdflib is slow at it)."""
    store = ox.Store()
    cache: dict[rdflib.term.Node, object] = {}

    def conv(term: rdflib.term.Node) -> object:
        found = cache.get(term)
        if found is None:
            found = cache[term] = _to_ox(term)
        return found

    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, rdflib.Graph) else g
        target = ox.DefaultGraph() if graph is None or graph == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else conv(graph)
        quads.append(ox.Quad(conv(s), conv(p), conv(o), target))  # type: ignore[arg-type]
    store.extend(quads)
    return store


def store_to_dataset(store: ox.Store, graphs: Iterable[str] | None = None) -> rdflib.Dataset:
    """An rdflib Dataset of (some of) a store's named graphs, for pySHACL."""
    dataset = rdflib.Dataset()
    names = list(graphs) if graphs is not None else [g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    for name in names:
        target = dataset.graph(URIRef(name))
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            target.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    return dataset


# ------------------------------------------------------------------------------------------------
# Entry points for `kg validate`


def validate_file(path: str | Path, paths: Paths) -> ValidationReport:
    """Validate an RDF file in any format rdflib reads (N-Quads and TriG keep their named graphs).

    A ``kg export`` file is validated as the graphs it holds: its own VoID/DCAT description is not data
    (``set_aside_description``), a triple-format export of one graph is that graph again, and a file without
    graph/entities (one article's export) names the shared entities it lacks as such."""
    from kg.files import input_file

    path = input_file(path, "give a Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML file")
    from kg.errors import DataError
    from kg.rdfio import read_rdf_file

    try:
        # Parsed by Oxigraph: nothing is fetched (rdflib would load a remote JSON-LD @context).
        # Triples formats land in the default graph: validated as one partition, and invisible to
        # the checks' GRAPH patterns (a flat file of several graphs says nothing about which holds what).
        dataset = read_rdf_file(path)
    except DataError as err:
        raise EnvironmentProblem(f"unreadable data: {err.message}", file=path) from None
    listed = set_aside_description(dataset)
    _name_the_one_graph(dataset, listed)
    holds_entities = (next(dataset.quads((None, None, None, ENTITIES_GRAPH)), None) is not None
                      or str(ENTITIES_GRAPH) in (listed or {}))
    report = validate(dataset, paths)
    if not holds_entities:
        report.results = [_missing_entity(r, dataset) for r in report.results]
    return report


# What `kg export` says about the file (kg.export._description_triples), by subject: the predicates
# (and, for rdf:type, the classes) of the dataset's description and of each subset (named graph) it lists.
def set_aside_description(dataset: rdflib.Dataset) -> dict[str, int | None] | None:
    """Take out the VoID/DCAT description ``kg export`` adds to a file (graph/void, or merged into a triple
    format's one graph) and return the graphs it lists, with their ``void:triples`` (None: it has none).

    It describes the file, not the knowledge graph: VoID and DCAT are no vocabularies of the ontology, and
    ``void:vocabulary kg:`` names the ontology's namespace as a term, so the checks took the export's own
    description for undeclared terms. Only triples of the description's form about the dataset and the
    graphs it lists are taken out; any other triple about them stays in the data and is checked."""
    from kg.export import DATASET, DATASET_DESCRIPTION, SUBSET_DESCRIPTION, VOID_GRAPH

    listed: dict[str, int | None] | None = None
    for graph in (dataset.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID), dataset.graph(VOID_GRAPH)):
        if (DATASET, RDF.type, VOID.Dataset) not in graph:
            continue
        subsets = {o for o in graph.objects(DATASET, VOID.subset)
                   if isinstance(o, URIRef) and str(o).startswith(str(GRAPH))}
        listed = listed or {}
        for subset in subsets:
            count = graph.value(subset, VOID.triples)
            listed[str(subset)] = int(count) if isinstance(count, Literal) and str(count).isdigit() else None
        forms = [(DATASET, DATASET_DESCRIPTION)] + [(s, SUBSET_DESCRIPTION) for s in subsets]
        for subject, form in forms:
            for p, o in list(graph.predicate_objects(subject)):
                allowed = form.get(p, frozenset())
                if p in form and (allowed is None or o in allowed) and (p != VOID.subset or o in subsets):
                    graph.remove((subject, p, o))
    void = dataset.graph(VOID_GRAPH)
    if len(void) == 0:
        dataset.remove_graph(void)
    return listed


def _name_the_one_graph(dataset: rdflib.Dataset, listed: dict[str, int | None] | None) -> None:
    """Put back in its named graph a triple-format export of one graph (``kg export -g inferred -o x.ttl``):
    its description names the graph and its size, so the file is known to be that graph, and is validated
    as its quad-format export is. Only when the default graph holds exactly the triples the description
    counts, and the file has no named graph: an edited file is validated as it stands."""
    if not listed or len(listed) != 1:
        return
    [(name, count)] = listed.items()
    default = dataset.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    others = [g for g in dataset.graphs() if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID and len(g)]
    if others or count is None or len(default) != count:
        return
    target = dataset.graph(URIRef(name))
    for triple in list(default):
        target.add(triple)
    dataset.remove_graph(default)


def _missing_entity(result: Result, dataset: rdflib.Dataset) -> Result:
    """Say plainly that a linked shared entity is not in the file (an article's export alone has no
    graph/entities; the article's own triples about it, such as org:holds, give it no type), rather than
    that the fact links the wrong kind of entity."""
    value = result.value
    if (result.component != str(SH.ClassConstraintComponent) or not value or not _ENTITY_IRI.match(value)
            or any(True for _ in dataset.quads((URIRef(value), RDF.type, None, None)))):
        return result
    article = result.article or "ARTICLE"
    return replace(result, message="the shared entity is not in this file (no type for it here): validate an export that "
                                   f"holds it (kg export -g entities -g {article}), or declare it in data/entities.yaml")


def validate_build(paths: Paths) -> ValidationReport:
    """Validate the last good build: its graphs, by article, with the compiled shapes and the checks, as
    ``kg build`` does (kg.partition.validate_store): the build's own findings, in seconds where pySHACL
    per article took 17 minutes at 10,000 articles."""
    from kg import partition
    from kg import store as kg_store

    if not kg_store.has_build(paths):
        raise EnvironmentProblem("no build: run kg build", file=paths.build)
    try:
        manifest = kg_store.read_manifest(paths)
        store = kg_store.open_read_only(paths)
    except KgError:
        raise
    except Exception as err:
        raise EnvironmentProblem(f"no build: run kg build ({_one_line(err)})", file=paths.build) from None
    return ValidationReport(partition.validate_store(store, manifest, paths))


# ------------------------------------------------------------------------------------------------
# Rendering


def _short(iri: str | None) -> str:
    if not iri:
        return ""
    for prefix, ns in sorted(list(PREFIXES.items()) + [("sh", rdflib.Namespace(str(SH)))], key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and "/" not in iri[len(str(ns)):]:
            return f"{prefix}:{iri[len(str(ns)):]}"
    if iri.startswith("https://w3id.org/canieti-kg/shapes#"):
        return "kgsh:" + iri.split("#", 1)[1]
    return iri


def _render_text(report: ValidationReport) -> str:
    lines: list[str] = []
    by_article: dict[str, list[Result]] = defaultdict(list)
    for r in report.results:
        by_article[r.article or ""].append(r)
    for article in sorted(by_article, key=lambda a: (a == "", a)):
        lines.append(f"article {article}" if article else "outside any article")
        for r in by_article[article]:
            where = _short(r.component) + (f" on {_short(r.path)}" if r.path else "")
            if r.component == CHECK_COMPONENT:
                where = r.shape
            shown = r.value is not None and r.value != r.focus and r.component != CHECK_COMPONENT
            value = f" (value: {r.value})" if shown else ""
            if r.fact_file or r.curator_id:
                origin = f"{r.fact_file or '?'}: fact {r.curator_id or '?'}" + (f" ({r.section})" if r.section else "")
            else:
                origin = f"<{r.focus}>"
            lines.append(f"  {origin}: {r.severity}: {r.message}{value} [{where}]")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _render_json(report: ValidationReport) -> str:
    doc = {
        "conforms": report.conforms,
        "counts": {s: report.count(s) for s in SEVERITY_ORDER},
        "results": [asdict(r) for r in report.results],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _render_turtle(report: ValidationReport) -> str:
    """A SHACL validation report, each result annotated with the fact file and curator id."""
    g = rdflib.Graph()
    g.bind("sh", SH)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    root = BNode("report")
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(report.conforms)))
    severities = {v: k for k, v in SEVERITY_NAMES.items()}
    for i, r in enumerate(report.results):
        node = BNode(f"r{i}")
        g.add((root, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.resultSeverity, severities.get(r.severity, SH.Violation)))
        if r.focus:
            g.add((node, SH.focusNode, BNode(r.focus[2:]) if r.focus.startswith("_:") else URIRef(r.focus)))
        if r.path:
            g.add((node, SH.resultPath, URIRef(r.path)))
        g.add((node, SH.sourceShape, URIRef(r.shape) if "://" in r.shape else Literal(r.shape)))
        g.add((node, SH.sourceConstraintComponent, URIRef(r.component)))
        g.add((node, SH.resultMessage, Literal(r.message)))
        if r.value is not None:
            g.add((node, SH.value, Literal(r.value)))
        if r.fact_file:
            g.add((node, KG.factFile, Literal(r.fact_file)))
        if r.curator_id:
            g.add((node, KG.curatorId, Literal(r.curator_id)))
        if r.article:
            g.add((node, KG.inArticle, URIRef(f"{BASE}id/article/{r.article}")))
    return g.serialize(format="turtle")


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:300]


# ------------------------------------------------------------------------------------------------
# Violations as the curator's errors (kg build, kg check)

def fact_file_path(fact_file: str, paths: Paths) -> Path | None:
    """The file a result's ``fact_file`` names (repo_relative's two forms: below the repository, or
    "<data folder's name>/..." when the data is elsewhere)."""
    inside = not os.path.relpath(paths.data, paths.root).startswith("..")  # (which form repo_relative wrote)
    bases = (paths.root, paths.data.parent) if inside else (paths.data.parent, paths.root)
    return next((c for c in (base / fact_file for base in bases) if c.is_file()), None)


def fact_line(path: Path, curator_id: str, lines: dict[Path, dict[str, Any]], key: str | None = None) -> int | None:
    """The line of the fact ``curator_id`` in the fact file at ``path`` (of its ``key`` when it writes one), for
    the curator's editor."""
    if path not in lines:
        found: dict[str, Any] = {}
        lines[path] = found
        try:
            doc = load_yaml(path)
        except (KgError, OSError):
            doc = None
        stack: list[object] = [doc]
        while stack:  # (every mapping with an id: facts, plan items, entities)
            node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("id"), str) and isinstance(node, LineDict):
                    found.setdefault(node["id"], node)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
    node = lines[path].get(curator_id)
    if node is None:
        return None
    return node.line_of(key) if key is not None else node.line


# How a shape's message begins its fix, after its first ": " ("...: add `reason` to the fact")
_FIX_WORDS = re.compile(r"(?:add|set|fix|check|give|fill|swap|use|name|write|leave|move|remove|drop|quote|copy|declare|"
                        r"restore|report|if|fine when|this is a mapping error)\b", re.IGNORECASE)


def shape_message_parts(message: str) -> tuple[str | None, str, str]:
    """(field, what is wrong, fix) of a shape's message, for the curator's one line ``file:line: field: what
    (fix: ...)``: the field is the first key it names in backticks (`about`, `time: {year: ...}`); the fix is
    what follows its first ": " when that says what to do, else made from it."""
    keys = re.findall(r"`([a-z][a-z0-9_]*)(?=`|:)", message)
    field = keys[0] if keys else None
    inside, cut = False, None
    for i, ch in enumerate(message):
        if ch == "`":
            inside = not inside
        elif not inside and message.startswith(": ", i):
            cut = i
            break
    if cut is None:
        return field, message, f"correct `{field}` as this says" if field else "correct the fact as this says"
    what, tail = message[:cut], message[cut + 2:]
    if tail.startswith("`") and ": " in tail[1:].split("`")[0]:
        return field, what, f"write {tail}"  # (an example: `aliases: {en: [...]}`)
    if _FIX_WORDS.match(tail) or tail.startswith("`") or field is None:
        return field, what, tail
    return field, what, f"give `{field}:` {tail}"


# The key of the fact a SPARQL shape's finding is about, where its message names others first (its fix's)
_SHAPE_FIELDS = {"SpeakerStatedShape": "speaker", "SourceStatedShape": "attributed_to", "PartyStatedShape": "object"}


def _finding_error(r: Result, paths: Paths | None, lines: dict[Path, dict[str, Any]], cls: type[KgError]) -> KgError:
    term = _term_error(r, paths, cls) if not r.fact_file else None
    if term is not None:
        return term
    path = fact_file_path(r.fact_file, paths) if r.fact_file and paths is not None else None
    field, what, fix = shape_message_parts(r.message)
    field = _SHAPE_FIELDS.get(r.shape.rsplit("#", 1)[-1], field)
    line = fact_line(path, r.curator_id, lines, field) if path is not None and r.curator_id else None
    who = f"fact {r.curator_id}: " if r.curator_id else ("" if r.fact_file else f"<{r.focus}>: ")
    prefix = "validation failed: " if r.severity == "Violation" else ""
    return cls(f"{prefix}{who}{what}", file=path or r.fact_file, line=line, field=field, hint=fix)


_MISSING_TEXT = re.compile(r"no (label|definition) in language '([\w-]+)'")


def _term_error(r: Result, paths: Paths | None, cls: type[KgError]) -> KgError | None:
    """A finding about a term of the ontology or of a vocabulary (a check's row: a concept with no label in es),
    at the file and line that describe the term, with what to add there; None for another finding. No fact
    is at fault, and "correct the fact" sent the curator to the fact files."""
    from kg.vocab_checks import describing_file, missing_text_fix

    if paths is None or paths.ontology is None or not r.focus.startswith((BASE + "ontology#", BASE + "vocab/")):
        return None
    ontology = Path(paths.ontology)
    found = describing_file([ontology / "canieti.ttl", *sorted((ontology / "vocab").glob("*.ttl"))], r.focus)
    if found is None:
        return None
    file, line, written = found
    missing = _MISSING_TEXT.search(r.message)
    lacks = f"{missing[1]} in {missing[2]}" if missing else ""
    what = f"no {lacks}" if missing else r.message
    hint = f"add {missing_text_fix(r.focus, lacks)} to it" if missing else \
        f"correct the description of {written} in {file.name} as this says"
    prefix = "validation failed: " if r.severity == "Violation" else ""
    return cls(f"{prefix}{written}: {what}", file=file, line=line, hint=hint)


def finding_lines(results: list[Result], paths: Paths | None = None) -> list[str]:
    """The warnings and infos, a line each, traced to their fact file, the fact's line and field, with the fix
    (they do not block): ``Warning: file:line: field: fact x: what (fix: ...)``."""
    lines: dict[Path, dict[str, Any]] = {}
    return [f"{r.severity}: {_finding_error(r, paths, lines, KgError).one_line()}"
            for r in results if r.severity != "Violation"]


def violation_errors(results: list[Result], paths: Paths) -> list[ValidationFailed]:
    """One error per violation, at its fact file and the line of the fact (of the key the message names, when the
    fact writes it), naming the fact, the field and the fix (all of them: a curator fixes a round of mistakes at
    once; the last good build, which ``kg validate`` reads, does not hold them)."""
    lines: dict[Path, dict[str, Any]] = {}
    return [_finding_error(r, paths, lines, ValidationFailed)  # type: ignore[misc]
            for r in results if r.severity == "Violation"]


def check_fact_file_shapes(corpus: Corpus, paths: Paths) -> list[Result]:
    """The shapes over one fact file, as ``kg build`` runs them, for ``kg check FILE``: its article's graph with
    the entities of data/entities.yaml and the ontology. In a draft, the facts still ``unreviewed`` are not
    reported (a fresh draft of ``kg ingest`` lacks what the curator fills in), and references into other
    articles are left to ``kg build``, which sees those articles (here the referring triple is left out, so
    that no shape reads a term it cannot see)."""
    from kg.corpus import cross_article_refs_aside
    from kg.mapping import article_triples, map_shared_entities

    [(article_id, ff)] = corpus.fact_files.items()
    with cross_article_refs_aside(ff):
        triples = article_triples(corpus, article_id)
    dataset = rdflib.Dataset()
    article = dataset.graph(article_graph(article_id))
    for triple in triples:
        article.add(triple)
    entities = dataset.graph(ENTITIES_GRAPH)
    for triple in map_shared_entities(corpus):
        entities.add(triple)
    results = validate(dataset, paths, articles=[article_id], workers=1).results
    if ff.review == "draft":  # (its facts still unreviewed are work in progress: each is held to the shapes
        # once its status is set, as the file's checks hold it to `measure` and `attributed_to`)
        pending = {f.id for f in ff.facts + ff.items if f.data.get("status") == "unreviewed"}
        results = [r for r in results if r.curator_id not in pending]
    return results


__all__ = [
    "Result", "ValidationReport", "FORMATS", "load_shapes", "load_ontology", "ontology_context",
    "validate", "validate_article", "validate_graph", "validate_file", "set_aside_description", "validate_build",
    "run_checks", "check_files", "dataset_to_store", "store_to_dataset", "with_entities_file", "dedupe",
    "fact_file_path", "fact_line", "finding_lines", "violation_errors", "check_fact_file_shapes",
]
