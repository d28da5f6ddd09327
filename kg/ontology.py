"""Ontology loading and reasoning: the OWL contract of the graph, checked by HermiT.

owlready2 reads no Turtle, so the ontology and the data are converted in memory to N-Triples and
loaded into an isolated owlready2 World (never the default one, which other code may share). The
owl:imports triples are dropped before loading because the vendored imports are already merged in:
owlready2 would otherwise try to fetch them from the web.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.config import Paths
from kg.errors import DataError, EnvironmentProblem
from kg.iris import BASE, INFERRED_GRAPH, bind_prefixes

ONTOLOGY_FILE = "canieti.ttl"
DATA_PREFIX = BASE + "id/"  # only our own data individuals get inferred types stored

# HermiT runs one JVM per call; serialize calls so two threads never share owlready2's globals.
_REASONER_LOCK = threading.Lock()


# --- loading -----------------------------------------------------------------------------------

def ontology_files(paths: Paths) -> list[Path]:
    """canieti.ttl, then every vocab/*.ttl, then every imports/*.ttl, in a stable order."""
    root = Path(paths.ontology)  # type: ignore[arg-type]
    main = root / ONTOLOGY_FILE
    if not main.is_file():
        raise DataError("the ontology file is missing", file=main, hint="restore ontology/canieti.ttl from git")
    return [main, *sorted((root / "vocab").glob("*.ttl")), *sorted((root / "imports").glob("*.ttl"))]


def _parse_turtle(graph: Graph, path: Path) -> None:
    if not path.is_file():
        raise DataError("the file is missing", file=path, hint="restore it from git, or give --root the project's folder")
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises several unrelated types for bad Turtle
        from kg.rdfio import turtle_syntax_error

        raise turtle_syntax_error(path, err) from err


def ontology_graph(paths: Paths) -> Graph:
    """The ontology, its concept schemes and the vendored imports, as one graph (for graph/ontology)."""
    graph = Graph()
    for path in ontology_files(paths):
        _parse_turtle(graph, path)
    bind_prefixes(graph)
    return graph


def _triples(data: Graph | Dataset | None) -> Iterator[tuple]:
    """Triples of a Graph, or of every named graph of a Dataset but the inferred one (it is output)."""
    if data is None:
        return
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            ident = getattr(g, "identifier", g)
            if ident == INFERRED_GRAPH:
                continue
            yield s, p, o
    else:
        yield from data.triples((None, None, None))


# --- reporting ---------------------------------------------------------------------------------

@dataclass
class Problem:
    """One reason the data contradicts the ontology, in words, naming the individual and the axiom."""

    individual: str
    axiom: str
    message: str


@dataclass
class ReasonerReport:
    """HermiT's verdict on the ontology plus data."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    explanation: str = ""
    inferred: Graph = field(default_factory=Graph)
    individuals: int = 0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def render(self) -> str:
        """Plain words for a terminal."""
        if self.ok:
            return (f"consistent: HermiT found the ontology and the data consistent "
                    f"({self.individuals} individuals, {len(self.inferred)} inferred class memberships)")
        return self.explanation


# --- reasoning ---------------------------------------------------------------------------------

def _java_or_fail() -> str:
    import owlready2

    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:
        raise EnvironmentProblem(f"Java is needed to run HermiT but {owlready2.JAVA_EXE!r} was not found",
                                 hint="install Java 11+ (apt-get install default-jre-headless)")
    return java


def merged_graph(data: Graph | Dataset | None, ontology: Graph) -> Graph:
    """Ontology + data in one graph, without owl:imports and ontology headers (already merged)."""
    merged = Graph()
    bind_prefixes(merged)  # explanations name terms as kg:Person, not <https://...#Person>
    headers = set(ontology.subjects(RDF.type, OWL.Ontology))
    for s, p, o in ontology:
        if s in headers:
            continue
        merged.add((s, p, o))
    for s, p, o in _triples(data):
        if p == OWL.imports or (p == RDF.type and o == OWL.Ontology):
            continue
        merged.add((s, p, o))
    return merged


_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo}


def _logical_part(merged: Graph) -> Graph:
    """The graph without annotation assertions (labels, definitions, quotes' metadata).

    Annotations carry no meaning under OWL 2's direct semantics, so HermiT's verdict and inferences
    are the same without them; leaving them out saves it parsing thousands of literals.
    """
    annotation_props = set(merged.subjects(RDF.type, OWL.AnnotationProperty)) | _ANNOTATIONS
    out = Graph()
    for s, p, o in merged:
        if p in annotation_props:
            continue
        out.add((s, p, o))
    return out


_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"


@contextlib.contextmanager
def _jvm_options() -> Iterator[None]:
    """HermiT's JVM with the serial collector and the client compiler: the defaults took two cores for
    its few seconds (5.8 s of CPU for 3.2 s at 10,000 articles), these 3.2 s of CPU for 2.9 s, the
    same classes. owlready2 builds the command line itself; its keyword arguments for subprocess are
    where an environment fits (the JVM reads the options from it and says so on stderr, which
    owlready2's parser skips). A user's own JAVA_TOOL_OPTIONS are left as they are (a second
    collector named beside theirs would stop the JVM)."""
    import owlready2

    kargs = getattr(owlready2.reasoning, "_subprocess_kargs", None)
    if not isinstance(kargs, dict) or "JAVA_TOOL_OPTIONS" in os.environ:
        yield
        return
    saved = dict(kargs)
    kargs["env"] = {**os.environ, "JAVA_TOOL_OPTIONS": _JVM_OPTIONS}
    try:
        yield
    finally:
        kargs.clear()
        kargs.update(saved)


@contextlib.contextmanager
def _reasoner_tmp() -> Iterator[None]:
    """owlready2 writes HermiT's input to a temporary file and removes it only when HermiT succeeds:
    every inconsistent ontology (the search for the culprit runs HermiT on dozens) left one in the
    system's temporary folder. Its files go to a folder of ours, removed whatever happens; only
    owlready2's reasoning module sees the change, and its callers hold _REASONER_LOCK or run alone."""
    import tempfile
    import types

    import owlready2.reasoning

    with tempfile.TemporaryDirectory(prefix="kg-hermit-") as folder:
        saved = owlready2.reasoning.tempfile
        owlready2.reasoning.tempfile = types.SimpleNamespace(  # type: ignore[attr-defined]
            NamedTemporaryFile=lambda *args, **kwargs: tempfile.NamedTemporaryFile(*args, dir=folder, **kwargs))
        try:
            yield
        finally:
            owlready2.reasoning.tempfile = saved  # type: ignore[attr-defined]


def _run_hermit(merged: Graph) -> tuple[bool, object]:
    """Load into an isolated World and run HermiT; returns (consistent, world)."""
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError

    try:
        from owlready2.base import OwlReadyJavaError
    except ImportError:  # pragma: no cover - older owlready2
        OwlReadyJavaError = RuntimeError  # type: ignore[misc,assignment]

    nt = _logical_part(merged).serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology("https://w3id.org/canieti-kg/reasoning-input")
    onto.load(fileobj=io.BytesIO(nt), format="ntriples")
    try:
        with _jvm_options(), _reasoner_tmp():
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    except OwlReadyInconsistentOntologyError:
        return False, world
    except OwlReadyJavaError as err:
        message = str(err).strip().splitlines()
        detail = next((ln for ln in message if "Exception" in ln or "Error" in ln), message[-1] if message else "")
        raise EnvironmentProblem(f"HermiT failed: {detail}",
                                 hint="check the Java installation; raise owlready2.reasoning.JAVA_MEMORY for big data") from err
    except FileNotFoundError as err:
        raise EnvironmentProblem(f"Java could not be started: {err}", hint="install Java 11+") from err
    return True, world


def reason(data: Graph | Dataset | None, paths: Paths, *, ontology: Graph | None = None) -> ReasonerReport:
    """Run HermiT on the ontology and the data; report consistency, unsatisfiable classes and inferred types.

    ``.inferred`` holds the rdf:type triples HermiT adds to our data individuals (IRIs under
    ``BASE id/``), with every named superclass, minus what the data already states: that graph is
    what ``kg build`` stores as graph/inferred.
    """
    _java_or_fail()
    onto_graph = ontology if ontology is not None else ontology_graph(paths)
    merged = merged_graph(data, onto_graph)
    with _REASONER_LOCK:
        consistent, world = _run_hermit(merged)
        if not consistent:
            problems = diagnose(merged)
            if not problems:
                problems = _localize(list(_triples(data)), onto_graph, merged)
            return ReasonerReport(consistent=False, problems=problems,
                                  explanation=_explain_inconsistent(problems, merged))
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes()  # type: ignore[attr-defined]
                               if c.iri != str(OWL.Nothing))
        inferred, count = _inferred_types(world, merged)
    report = ReasonerReport(consistent=True, unsatisfiable=unsatisfiable, inferred=inferred, individuals=count)
    if unsatisfiable:
        report.explanation = _explain_unsatisfiable(unsatisfiable, merged)
    return report


def _explain_unsatisfiable(classes: list[str], merged: Graph) -> str:
    """Name, for each class that can have no member, the disjoint superclasses it falls under."""
    ax = _Axioms(merged)
    lines = [f"unsatisfiable: {len(classes)} class(es) can have no member, so any individual typed with one "
             "makes the graph inconsistent:"]
    for iri in classes:
        cls = URIRef(iri)
        ancestors = ax.ancestors(cls)
        clash = next((sorted(pair, key=str) for pair in sorted(ax.disjoint, key=lambda p: sorted(map(str, p)))
                      if len(pair) == 2 and pair <= ancestors), None)
        if clash:
            a, b = clash
            lines.append(f"  - {_short(cls)} is a subclass of both {_short(a)} and {_short(b)}, which are disjoint "
                         f"[axiom: {_short(a)} owl:disjointWith {_short(b)}]")
        else:
            lines.append(f"  - {_short(cls)}: its superclasses or restrictions contradict each other "
                         "(a union, restriction or property axiom; no named disjoint pair explains it)")
    return "\n".join(lines)


def _inferred_types(world: object, merged: Graph) -> tuple[Graph, int]:
    import owlready2

    out = Graph()
    bind_prefixes(out)
    asserted = defaultdict(set)
    for s, o in merged.subject_objects(RDF.type):
        asserted[s].add(o)
    noise = {OWL.Thing, OWL.NamedIndividual}
    # world.individuals() lists only owl:NamedIndividual-typed nodes; our data never says that, so
    # look up every data IRI the graph uses, typed or not (an untyped post gets a type from a range).
    candidates = {t for t in merged.subjects() if isinstance(t, URIRef) and str(t).startswith(DATA_PREFIX)}
    candidates |= {t for t in merged.objects() if isinstance(t, URIRef) and str(t).startswith(DATA_PREFIX)}
    count = 0
    for subject in sorted(candidates):
        ind = world[str(subject)]  # type: ignore[index]
        if ind is None or isinstance(ind, (owlready2.ThingClass, owlready2.PropertyClass)):
            continue
        count += 1
        types: set[URIRef] = set()
        for cls in ind.is_a:
            if isinstance(cls, owlready2.ThingClass):
                types.update(URIRef(a.iri) for a in cls.ancestors() if isinstance(a, owlready2.ThingClass))
        for t in sorted(types - asserted[subject] - noise):
            out.add((subject, RDF.type, t))
    return out, count


# --- diagnosis: plain words for an inconsistency -----------------------------------------------

_NAMES = Graph()
bind_prefixes(_NAMES)


def _short(term: object, graph: Graph | None = None) -> str:
    """kg:Person for our and the reused vocabularies' terms, <IRI> for the rest (data IRIs included).

    Uses our fixed prefixes, not the graph's, so that messages do not depend on which files bound what.
    """
    manager = _NAMES.namespace_manager
    if isinstance(term, URIRef):
        try:
            prefix, _, name = manager.compute_qname(term, generate=False)
            return f"{prefix}:{name}" if prefix and "/" not in name else f"<{term}>"
        except (KeyError, ValueError):
            return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3(manager)
    return str(term)


def _rdf_list(graph: Graph, node: object) -> list:
    items = []
    while node not in (None, RDF.nil):
        first = graph.value(node, RDF.first)  # type: ignore[arg-type]
        if first is None:
            break
        items.append(first)
        node = graph.value(node, RDF.rest)  # type: ignore[arg-type]
    return items


class _Axioms:
    """The parts of the TBox the diagnosis needs: superclasses, disjointness, domains, ranges, characteristics."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.supers: dict[object, set] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.subClassOf):
            if isinstance(o, URIRef):
                self.supers[s].add(o)
        for s, o in g.subject_objects(OWL.equivalentClass):
            if isinstance(o, URIRef) and isinstance(s, URIRef):
                self.supers[s].add(o)
                self.supers[o].add(s)
        self.disjoint: set[frozenset] = set()  # read in a sorted order below, for stable messages
        for s, o in g.subject_objects(OWL.disjointWith):
            self.disjoint.add(frozenset((s, o)))
        for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = _rdf_list(g, g.value(node, OWL.members))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    self.disjoint.add(frozenset((a, b)))
        self.superprops: dict[object, set] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.subPropertyOf):
            self.superprops[s].add(o)
        self.inverse: dict[object, set] = defaultdict(set)
        for s, o in g.subject_objects(OWL.inverseOf):
            self.inverse[s].add(o)
            self.inverse[o].add(s)
        self.domains = self._classes_of(RDFS.domain)
        self.ranges = self._classes_of(RDFS.range)
        self.functional_data = {p for p in g.subjects(RDF.type, OWL.FunctionalProperty)
                                if (p, RDF.type, OWL.DatatypeProperty) in g}
        self.irreflexive = set(g.subjects(RDF.type, OWL.IrreflexiveProperty))
        self.asymmetric = set(g.subjects(RDF.type, OWL.AsymmetricProperty))
        self.data_ranges = {p: r for p, r in g.subject_objects(RDFS.range)
                            if (p, RDF.type, OWL.DatatypeProperty) in g and isinstance(r, URIRef)}

    def _classes_of(self, pred: URIRef) -> dict[object, list]:
        # A union is not a class anyone is forced into, so only named classes count here.
        out: dict[object, list] = defaultdict(list)
        for p, c in self.g.subject_objects(pred):
            if isinstance(c, URIRef):
                out[p].append(c)
        return out

    def ancestors(self, cls: object) -> set:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in self.supers.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def prop_closure(self, prop: object) -> set:
        seen, todo = {prop}, [prop]
        while todo:
            for sup in self.superprops.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen


_NUMERIC = {XSD.decimal, XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
            XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt,
            XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
_INTEGER = _NUMERIC - {XSD.decimal}


def _literal_fits(lit: Literal, rng: URIRef) -> bool:
    dt = lit.datatype or (RDF.langString if lit.language else XSD.string)
    if getattr(lit, "ill_typed", False):
        return False
    if rng in (RDFS.Literal,):
        return True
    if rng == XSD.decimal:
        return dt in _NUMERIC
    if rng == XSD.integer:
        return dt in _INTEGER
    if rng == RDF.PlainLiteral:
        return dt in (XSD.string, RDF.langString)
    return dt == rng


def diagnose(merged: Graph) -> list[Problem]:
    """Find, without a reasoner, the usual causes of an inconsistency and say them in plain words.

    Covers what this ontology relies on: disjoint classes (asserted types plus types implied by
    domains and ranges, along sub-properties and inverses), functional data properties, irreflexive
    and asymmetric properties, and literals outside a data property's range.
    """
    ax = _Axioms(merged)
    short = lambda t: _short(t, merged)  # noqa: E731
    problems: list[Problem] = []
    # individual -> {class: reason}
    why: dict[object, dict[object, str]] = defaultdict(dict)
    edges: list[tuple] = []
    schema_preds = {RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
                    OWL.disjointWith, OWL.members, OWL.equivalentClass, RDF.first, RDF.rest, OWL.unionOf}
    tbox_types = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                  OWL.FunctionalProperty, OWL.IrreflexiveProperty, OWL.AsymmetricProperty, OWL.SymmetricProperty,
                  OWL.TransitiveProperty, OWL.AllDisjointClasses, OWL.Ontology, RDFS.Datatype, OWL.Restriction,
                  OWL.NamedIndividual, OWL.InverseFunctionalProperty, OWL.ReflexiveProperty}
    object_props = set(merged.subjects(RDF.type, OWL.ObjectProperty))
    for s, c in merged.subject_objects(RDF.type):
        if c not in tbox_types and isinstance(c, URIRef):
            why[s].setdefault(c, f"stated to be a {short(c)}")
    for s, p, o in merged:
        if p in schema_preds or p not in object_props and not isinstance(o, Literal):
            continue
        if isinstance(o, Literal):
            rng = ax.data_ranges.get(p)
            if rng is not None and not _literal_fits(o, rng):
                problems.append(Problem(str(s), f"{short(p)} rdfs:range {short(rng)}",
                                        f"{short(s)} has {short(p)} {short(o)}, but the range of {short(p)} is "
                                        f"{short(rng)}: the value is not a valid {short(rng)}"))
            continue
        edges.append((s, p, o))
        for q in ax.prop_closure(p):
            for c in ax.domains.get(q, ()):
                why[s].setdefault(c, f"subject of {short(p)}, whose domain is {short(c)}"
                                     + (f" (via {short(q)})" if q != p else ""))
            for c in ax.ranges.get(q, ()):
                why[o].setdefault(c, f"object of {short(p)}, whose range is {short(c)}"
                                     + (f" (via {short(q)})" if q != p else ""))
            for inv in ax.inverse.get(q, ()):
                for c in ax.domains.get(inv, ()):
                    why[o].setdefault(c, f"object of {short(p)}, the inverse of {short(inv)} whose domain is {short(c)}")
                for c in ax.ranges.get(inv, ()):
                    why[s].setdefault(c, f"subject of {short(p)}, the inverse of {short(inv)} whose range is {short(c)}")
    # Disjoint classes.
    for ind, reasons in why.items():
        if isinstance(ind, BNode):
            continue
        closure: dict[object, tuple[object, str]] = {}
        for cls, reason in reasons.items():
            for anc in ax.ancestors(cls):
                closure.setdefault(anc, (cls, reason))
        seen: set[frozenset] = set()
        for pair in sorted(ax.disjoint, key=lambda p: sorted(map(str, p))):
            a, b = sorted(pair, key=str) if len(pair) == 2 else (next(iter(pair)),) * 2
            if a in closure and b in closure:
                (ca, ra), (cb, rb) = closure[a], closure[b]
                key = frozenset((ca, cb))
                if key in seen:
                    continue
                seen.add(key)
                via_a = "" if ca == a else f", so a {short(a)}"
                via_b = "" if cb == b else f", so a {short(b)}"
                problems.append(Problem(
                    str(ind), f"{short(a)} owl:disjointWith {short(b)}",
                    f"{short(ind)} is a {short(ca)} ({ra}{via_a}) and a {short(cb)} ({rb}{via_b}), "
                    f"but {short(a)} and {short(b)} are disjoint: nothing can be both"))
    # Functional data properties.
    values: dict[tuple, set] = defaultdict(set)
    for p in ax.functional_data:
        for s, o in merged.subject_objects(p):
            values[(s, p)].add(o.toPython() if isinstance(o, Literal) else o)
    for (s, p), vals in values.items():
        if len(vals) > 1:
            shown = ", ".join(sorted(str(v) for v in vals))
            problems.append(Problem(str(s), f"{short(p)} a owl:FunctionalProperty",
                                    f"{short(s)} has {len(vals)} different values of {short(p)} ({shown}), "
                                    f"but {short(p)} is functional: at most one value"))
    # Irreflexive and asymmetric properties (an inverse counts as the same link read backwards).
    links: set[tuple] = set()
    for s, p, o in edges:
        for q in ax.prop_closure(p):
            links.add((s, q, o))
            for inv in ax.inverse.get(q, ()):
                links.add((o, inv, s))
    reported: set = set()  # a link and its inverse are one fact: report it once
    for s, q, o in sorted(links, key=str):
        if q in ax.irreflexive and s == o and ("irreflexive", s) not in reported:
            reported.add(("irreflexive", s))
            problems.append(Problem(str(s), f"{short(q)} a owl:IrreflexiveProperty",
                                    f"{short(s)} is linked to itself by {short(q)}, but {short(q)} is irreflexive"))
        elif (q in ax.asymmetric and (o, q, s) in links and str(s) < str(o)
              and ("asymmetric", s, o) not in reported):
            reported.add(("asymmetric", s, o))
            problems.append(Problem(str(s), f"{short(q)} a owl:AsymmetricProperty",
                                    f"{short(s)} and {short(o)} are linked by {short(q)} in both directions, "
                                    f"but {short(q)} is asymmetric"))
    return problems


MAX_LOCALIZE_RUNS = 16


def _localize(data_triples: list[tuple], ontology: Graph, merged: Graph) -> list[Problem]:
    """Narrow an inconsistency the structural diagnosis cannot explain down to a few individuals.

    Delta debugging over the data's subjects: drop a chunk of subjects whenever the rest stays
    inconsistent with the ontology (one HermiT run per try, at most MAX_LOCALIZE_RUNS); the
    survivors' facts hold the clash.
    """
    by_subject: dict[object, list[tuple]] = defaultdict(list)
    for triple in data_triples:
        by_subject[triple[0]].append(triple)
    subjects = sorted(by_subject, key=str)

    def inconsistent(part: list) -> bool:
        sample = Graph()
        for subject in part:
            for triple in by_subject[subject]:
                sample.add(triple)
        return not _run_hermit(merged_graph(sample, ontology))[0]

    runs, chunks = 0, 2
    while len(subjects) > 1 and runs < MAX_LOCALIZE_RUNS:
        size = -(-len(subjects) // chunks)
        parts = [subjects[i:i + size] for i in range(0, len(subjects), size)]
        for part in parts:
            if runs >= MAX_LOCALIZE_RUNS:
                break
            rest = [x for x in subjects if x not in part]
            runs += 1
            if rest and inconsistent(rest):
                subjects, chunks = rest, max(chunks - 1, 2)
                break
        else:
            if chunks >= len(subjects):
                break  # every single subject is needed
            chunks = min(chunks * 2, len(subjects))
    shown = subjects[:10]
    names = ", ".join(_short(s, merged) for s in shown) + (f" and {len(subjects) - 10} more" if len(subjects) > 10 else "")
    axioms = sorted({_short(p, merged) for s in shown for _, p, _ in by_subject[s]})
    return [Problem(str(s), "a class expression (union, restriction) of the ontology",
                    f"the facts about {names} contradict the ontology together; the properties involved are "
                    f"{', '.join(axioms)}: check their domains and ranges (unions included) against the types stated")
            for s in shown[:1]]


def _explain_inconsistent(problems: list[Problem], merged: Graph) -> str:
    if not problems:
        return ("inconsistent: HermiT found the ontology and the data inconsistent, and no single disjointness, "
                "functional, irreflexive, asymmetric or datatype clash explains it; look for class expressions "
                "(unions, restrictions) that the data's types contradict")
    lines = [f"inconsistent: HermiT found the ontology and the data inconsistent ({len(problems)} cause"
             f"{'s' if len(problems) != 1 else ''} found):"]
    lines += [f"  - {p.message} [axiom: {p.axiom}]" for p in problems]
    return "\n".join(lines)


def load_rdf_file(path: Path) -> Graph | Dataset:
    """Read a data file for ``kg reason --data-file``; parsed by Oxigraph, so nothing is fetched."""
    from kg.rdfio import read_rdf_file

    return read_rdf_file(path)


def iter_own_terms(graph: Graph) -> Iterable[URIRef]:
    """Our ontology's declared terms (classes and properties in the kg: namespace)."""
    ns = BASE + "ontology#"
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    seen = set()
    for kind in kinds:
        for s in graph.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(ns) and s not in seen:
                seen.add(s)
                yield s


# --- ontology checks: profile, labels, build checks, terms used by stored queries -------------

LABEL_PROPERTIES = (RDFS.label, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
DEFINITION = URIRef("http://www.w3.org/2004/02/skos/core#definition")
LANGUAGES = ("en", "es")
VOCAB_PREFIX = BASE + "vocab/"
# Terms of these namespaces must be declared in graph/ontology before a query may use them.
CHECKED_NAMESPACES = (
    BASE + "ontology#", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
    "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2006/time#", "http://purl.org/dc/terms/",
    "http://schema.org/", "http://qudt.org/schema/qudt/", "http://qudt.org/vocab/unit/",
)


def own_concepts(graph: Graph) -> set[URIRef]:
    """Our concept schemes and every concept in them (the QUDT units listed in kgv:unit included)."""
    skos = "http://www.w3.org/2004/02/skos/core#"
    out = {s for s in graph.subjects(RDF.type, URIRef(skos + "ConceptScheme"))
           if isinstance(s, URIRef) and str(s).startswith(VOCAB_PREFIX)}
    out |= {s for s, o in graph.subject_objects(URIRef(skos + "inScheme"))
            if isinstance(s, URIRef) and str(o).startswith(VOCAB_PREFIX)}
    return out


def label_problems(graph: Graph) -> list[str]:
    """Own terms and concepts lacking a label or a skos:definition in English or Spanish."""
    problems = []
    for term in sorted(set(iter_own_terms(graph)) | own_concepts(graph), key=str):
        for lang in LANGUAGES:
            labels = [o for p in LABEL_PROPERTIES for o in graph.objects(term, p)]
            if not any(isinstance(o, Literal) and o.language == lang for o in labels):
                problems.append(f"{_short(term, graph)} has no label in '{lang}'")
            if not any(isinstance(o, Literal) and o.language == lang for o in graph.objects(term, DEFINITION)):
                problems.append(f"{_short(term, graph)} has no skos:definition in '{lang}'")
    return problems


def iris_in(obj: object, seen: set[int] | None = None) -> Iterator[URIRef]:
    """Every URIRef inside an rdflib query algebra tree (CompValues, lists, property paths)."""
    seen = seen if seen is not None else set()
    if isinstance(obj, URIRef):
        yield obj
        return
    if isinstance(obj, (str, bytes, int, float, bool)) or obj is None or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for value in obj.values():
            yield from iris_in(value, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for value in obj:
            yield from iris_in(value, seen)
    elif hasattr(obj, "__dict__"):
        for value in vars(obj).values():
            yield from iris_in(value, seen)


def query_term_problems(paths: Paths, ontology: Graph | None = None) -> list[str]:
    """Terms of our and the reused vocabularies that a stored query uses but graph/ontology lacks."""
    from rdflib.plugins.sparql import prepareQuery

    graph = ontology if ontology is not None else ontology_graph(paths)
    declared = {s for s in graph.subjects() if isinstance(s, URIRef)}
    root = Path(paths.queries)  # type: ignore[arg-type]
    problems = []
    for path in sorted(root.rglob("*.rq")):
        rel = path.relative_to(root.parent) if root.parent in path.parents else path
        try:
            query = prepareQuery(path.read_text(encoding="utf-8"))
        except Exception as err:  # a malformed query is reported, not fatal to the other checks
            problems.append(f"{rel}: cannot parse: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
            continue
        used = set(iris_in(query.algebra))
        for iri in sorted(used, key=str):
            text = str(iri)
            if text.endswith(("#", "/")):  # a namespace itself, as in STRSTARTS(STR(?c), STR(kg:))
                continue
            if text.startswith(VOCAB_PREFIX):
                if iri not in declared:
                    problems.append(f"{rel}: uses the concept {_short(iri, graph)}, which no ontology/vocab/*.ttl declares")
            elif text.startswith(CHECKED_NAMESPACES) and iri not in declared:
                problems.append(f"{rel}: uses {_short(iri, graph)}, which the ontology does not declare")
    return problems


def run_checks(data: Graph | Dataset, paths: Paths, *, names: Iterable[str] | None = None) -> dict[str, list[tuple]]:
    """Run queries/checks/*-violation.rq (or only ``names``) over ontology + data; offending rows by check name.

    Runs on an in-memory Oxigraph store with the union of the graphs as default graph (rdflib's
    engine took seconds for these checks on the ontology alone). A plain Graph goes into graph/ontology.
    Rows are tuples of strings (IRIs and literal values), for display.
    """
    import pyoxigraph

    from kg.iris import ONTOLOGY_GRAPH

    store = pyoxigraph.Store()
    parts = [(g.identifier, g) for g in data.graphs()] if isinstance(data, Dataset) else [(ONTOLOGY_GRAPH, data)]
    for ident, graph in parts:
        if len(graph) == 0:
            continue
        name = pyoxigraph.NamedNode(str(ident)) if isinstance(ident, URIRef) else pyoxigraph.NamedNode(str(ONTOLOGY_GRAPH))
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=name)
    wanted = set(names) if names is not None else None
    out: dict[str, list[tuple]] = {}
    for path in sorted(Path(paths.checks).glob("*-violation.rq")):  # type: ignore[arg-type]
        if wanted is not None and path.stem not in wanted:
            continue
        result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        names_ = [v.value for v in result.variables]
        out[path.stem] = [tuple(getattr(row[n], "value", "") if row[n] is not None else "" for n in names_)
                          for row in result]
    return out


@dataclass
class OntologyCheckReport:
    """What ``kg check-ontology`` found: DL profile, labels, build checks, query terms."""

    profile_checker: str
    profile: list[str]
    labels: list[str]
    checks: dict[str, list[tuple]]
    queries: list[str]

    @property
    def ok(self) -> bool:
        return not (self.profile or self.labels or self.queries or any(self.checks.values()))

    def render(self) -> str:
        lines = []
        def section(title: str, items: list[str]) -> None:
            lines.append(f"{title}: {'ok' if not items else f'{len(items)} problem(s)'}")
            lines.extend(f"  - {item}" for item in items)
        section(f"OWL 2 DL profile ({self.profile_checker})", self.profile)
        section("labels and definitions (en, es)", self.labels)
        for name, rows in self.checks.items():
            section(f"check {name}", [" ".join(str(v) for v in row) for row in rows])
        section("terms used by stored queries", self.queries)
        return "\n".join(lines)


def check_ontology(paths: Paths, *, owlapi: bool = True) -> OntologyCheckReport:
    """All static checks of ontology/ (no data): profile, labels, build checks, stored queries' terms."""
    from kg.owl_profile import check_profile

    graph = ontology_graph(paths)
    profile = check_profile(graph, owlapi=owlapi)
    return OntologyCheckReport(profile_checker=profile.checker, profile=profile.problems,
                               labels=label_problems(graph), checks=run_checks(graph, paths),
                               queries=query_term_problems(paths, graph))


def reason_project(paths: Paths, data_file: Path | None = None) -> tuple[ReasonerReport, str]:
    """What ``kg reason`` reasons over: a given file, else the last build's data graphs, else the ontology alone.

    Returns the report and a phrase naming what was reasoned over. The stored ontology and inferred
    graphs are skipped: the current ontology/ files are used, and inferences are output, not input.
    """
    from kg.iris import ONTOLOGY_GRAPH

    if data_file is not None:
        return reason(load_rdf_file(Path(data_file)), paths), f"the ontology and {data_file}"
    from kg import store as kg_store

    if not kg_store.has_build(paths):
        return reason(None, paths), "the ontology alone (no build yet: run `kg build`, or pass --data-file)"
    import pyoxigraph

    ox_store = kg_store.open_read_only(paths)
    data = Graph()
    graphs = 0
    for graph_name in ox_store.named_graphs():
        iri = URIRef(graph_name.value)
        if iri in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            continue
        graphs += 1
        raw = ox_store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph_name)
        data.parse(data=raw, format="nt")
    return reason(data, paths), f"the ontology and the last build ({graphs} data graphs in {paths.store})"
