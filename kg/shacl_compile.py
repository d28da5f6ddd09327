"""The core SHACL shapes compiled to checks run over an Oxigraph store, every focus node at once.

pySHACL validates an article in 0.09-0.13 s of CPU, so 10,000 articles take 15-20 minutes. The
constraints the shapes use are simple: the counts, datatypes, classes, node kinds, lists, values,
patterns and lengths are checked in Python on an index of the store's triples by predicate, read
once per run; the others (ranges, comparisons of two properties, sh:uniqueLang) are SPARQL SELECT
queries that return the violating (focus, value) rows, and complex paths are read through SPARQL.
At 10,000 articles a validation batch (160 articles) takes about 0.3 s for the shapes, against
0.45 s when every check was a SPARQL query (~230 of them).
Logical constraints (``sh:or``, ``sh:xone``, ``sh:and``, ``sh:not``, ``sh:node``,
``sh:qualifiedValueShape``) are combined in Python from the non-conforming nodes of the shapes they
reference, whose checks run with the referring shape's value nodes as their focus nodes.

Results follow pySHACL (the reference), not only the SHACL text, where the two differ:

* ``sh:datatype`` takes a literal of the right datatype as valid when rdflib parses it (rdflib
  cannot parse ``xsd:gYear``, so pySHACL accepts any ``xsd:gYear`` literal).
* ``sh:pattern`` is Python's ``re`` with the flags ``i`` and ``m`` only, as in pySHACL (SPARQL's REGEX
  only for a pattern ``re`` refuses, where pySHACL fails).
* ``evaluate(..., focus=...)`` reproduces pySHACL's ``focus_nodes`` option as ``validate_article``
  uses it: only those IRIs are focus nodes, and a node outside them conforms to any shape it is
  checked against through ``sh:node``/``sh:or``/... (pySHACL filters nested validations too).

Over the whole store, a node described by two article graphs is checked with both graphs' triples
(a tenure named as predecessor by tenures of two other articles fails its sh:maxCount), which
per-article pySHACL cannot see: those are the only results per-article validation does not have.

Rows are the dicts of ``kg.sparql_constraints.evaluate``, so ``kg.validation.Result(**row)`` works.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Collection, Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kg.errors import EnvironmentProblem

_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}

# Shape parameters this compiler understands; a shape with any other sh: parameter is refused
# rather than silently checked less than pySHACL would.
_TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
_IGNORED = {SH.path, SH.property, SH.message, SH.severity, SH.deactivated, SH.name, SH.description,
            SH.order, SH.group, SH.defaultValue, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
            SH.qualifiedValueShapesDisjoint, SH.declare, SH.prefixes, SH.sparql}
_COMPONENTS = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.hasValue,
               SH.pattern, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
               SH.minLength, SH.maxLength, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals, SH.equals,
               SH.disjoint, SH.node, SH["or"], SH.xone, SH["and"], SH["not"], SH.qualifiedValueShape}
# Datatypes whose lexical form pySHACL checks (through rdflib's parsers). Others (xsd:gYear, ...)
# pySHACL takes as valid whatever the text.
_LEXICAL = {str(d) for d in (XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.dateTime, XSD.time, XSD.float,
                             XSD.double)}
_KIND_TYPES: dict[str, tuple[type, ...]] = {
    str(SH.IRI): (ox.NamedNode,), str(SH.BlankNode): (ox.BlankNode,), str(SH.Literal): (ox.Literal,),
    str(SH.BlankNodeOrIRI): (ox.BlankNode, ox.NamedNode), str(SH.BlankNodeOrLiteral): (ox.BlankNode, ox.Literal),
    str(SH.IRIOrLiteral): (ox.NamedNode, ox.Literal),
}
_RANGES = {SH.minInclusive: (">=", "MinInclusive"), SH.maxInclusive: ("<=", "MaxInclusive"),
           SH.minExclusive: (">", "MinExclusive"), SH.maxExclusive: ("<", "MaxExclusive")}


def _component(name: str) -> str:
    return f"{SH}{name}ConstraintComponent"


@dataclass(frozen=True)
class Check:
    """One constraint of one shape. ``kind`` "native": checked in Python with its parameters ``args``
    (a pattern falls back to ``body`` when Python's ``re`` cannot take it); "query": ``body`` is a
    SPARQL group body that, after a VALUES block binding ``?this`` to the focus nodes, yields the
    violating ``select`` rows; other kinds (node, or, and, xone, not, qualified) are combined in Python
    from the ``refs`` shapes."""

    component: str
    kind: str
    body: str = ""
    select: str = "?this ?value"
    refs: tuple["ShapeProgram", ...] = ()
    qualified_min: int | None = None
    qualified_max: int | None = None
    args: tuple = ()


@dataclass
class ShapeProgram:
    """A shape with its checks, ready to run on any focus nodes."""

    node: str  # IRI, or _:label for blank shapes
    path: str | None  # the sh:path IRI, or _:label of a complex path's node (as pySHACL reports it)
    path_sparql: str | None  # the path in SPARQL syntax; None for node shapes
    predicate: str | None  # the path's IRI when it is one predicate (the runner then reads its index)
    severity: str
    message: str | None
    checks: list[Check] = field(default_factory=list)
    properties: list["ShapeProgram"] = field(default_factory=list)
    deactivated: bool = False

    def values(self) -> str:
        """Group body binding ?value to each value node of ?this."""
        if self.path_sparql is None:
            return "BIND(?this AS ?value)"
        return f"?this {self.path_sparql} ?value ."


@dataclass(frozen=True)
class Targets:
    """A shape's targets: their union is its focus nodes."""

    classes: tuple[str, ...] = ()
    subjects_of: tuple[str, ...] = ()
    objects_of: tuple[str, ...] = ()
    nodes: tuple[object, ...] = ()  # rdflib terms


@dataclass(frozen=True)
class CompiledCheck:
    """A shape that has targets: its program and its targets."""

    shape: str
    program: ShapeProgram
    targets: Targets


# ------------------------------------------------------------------------------------------------
# Compiling


def _term(node: object) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if node.language:
            return f'"{text}"@{node.language}'
        return f'"{text}"^^<{node.datatype or XSD.string}>'
    raise EnvironmentProblem(f"a blank node cannot be compared in a compiled shape: {node}",
                             hint="use IRIs or literals in sh:in / sh:hasValue")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _node_name(node: object) -> str:
    return "_:" + str(node) if isinstance(node, BNode) else str(node)


def _path(shapes: Graph, path: object) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if (path, RDF.first, None) in shapes:
        return "(" + "/".join(_path(shapes, p) for p in RdfList(shapes, path)) + ")"
    for predicate, template in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                                (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
        inner = shapes.value(path, predicate)
        if inner is not None:
            return template.format(_path(shapes, inner))
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(shapes, p) for p in RdfList(shapes, alternatives)) + ")"
    raise EnvironmentProblem(f"unsupported sh:path: {path}", hint="use a SHACL property path")


def shape_targets(shapes: Graph, shape: object) -> Targets | None:
    """A shape's targets of every kind, its implicit class target included (None: it has none)."""
    classes = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        classes.add(shape)  # implicit class target
    targets = Targets(classes=tuple(str(c) for c in sorted(classes)),
                      subjects_of=tuple(str(p) for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))),
                      objects_of=tuple(str(p) for p in sorted(shapes.objects(shape, SH.targetObjectsOf))),
                      nodes=tuple(sorted(shapes.objects(shape, SH.targetNode))))
    return targets if targets != Targets() else None


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.programs: dict[object, ShapeProgram] = {}

    def program(self, shape: object) -> ShapeProgram:
        found = self.programs.get(shape)
        if found is not None:
            return found
        g = self.shapes
        path = g.value(shape, SH.path)
        severity = _SEVERITY.get(g.value(shape, SH.severity) or SH.Violation, "Violation")  # type: ignore[arg-type]
        message = g.value(shape, SH.message)
        prog = ShapeProgram(
            node=_node_name(shape),
            path=_node_name(path) if path is not None else None,  # a blank path node as pySHACL names it
            path_sparql=_path(g, path) if path is not None else None,
            predicate=str(path) if isinstance(path, URIRef) else None,
            severity=severity,
            message=str(message) if message is not None else None,
            deactivated=str(g.value(shape, SH.deactivated) or "").lower() == "true",
        )
        self.programs[shape] = prog  # before recursing: shapes may refer to each other
        unknown = {p for p in g.predicates(shape, None) if str(p).startswith(str(SH))} - _TARGETS - _IGNORED - _COMPONENTS
        if unknown:
            raise EnvironmentProblem(f"shape {prog.node} uses parameters the SHACL compiler does not support: "
                                     + ", ".join(sorted(str(u) for u in unknown)), hint="extend kg/shacl_compile.py")
        prog.checks = self._checks(shape, prog)
        prog.properties = [self.program(p) for p in sorted(g.objects(shape, SH.property), key=str)]
        return prog

    def _list(self, node: object) -> list[object]:
        return list(RdfList(self.shapes, node))

    def _checks(self, shape: object, prog: ShapeProgram) -> list[Check]:
        g, out = self.shapes, []
        vals = prog.values()
        is_property = prog.path_sparql is not None
        p = prog.path_sparql
        for n in g.objects(shape, SH.minCount):
            if is_property and int(n) > 0:
                out.append(Check(_component("MinCount"), "native", args=(int(n),)))
        for n in g.objects(shape, SH.maxCount):
            if is_property:
                out.append(Check(_component("MaxCount"), "native", args=(int(n),)))
        for d in g.objects(shape, SH.datatype):
            out.append(Check(_component("Datatype"), "native", args=(str(d),)))
        for c in g.objects(shape, SH["class"]):
            out.append(Check(_component("Class"), "native", args=(str(c),)))
        for kind in g.objects(shape, SH.nodeKind):
            if str(kind) not in _KIND_TYPES:
                raise EnvironmentProblem(f"unknown sh:nodeKind {kind} in {prog.node}")
            out.append(Check(_component("NodeKind"), "native", args=(str(kind),)))
        for lst in g.objects(shape, SH["in"]):
            members = tuple(self._list(lst))
            for m in members:
                _term(m)  # (refuses a blank node: it could never be the same term as a value)
            out.append(Check(_component("In"), "native", args=members))
        for v in g.objects(shape, SH.hasValue):
            _term(v)
            out.append(Check(_component("HasValue"), "native", args=(v,)))
        flags = g.value(shape, SH.flags)
        for pattern in g.objects(shape, SH.pattern):
            # Python's ``re``, as pySHACL; SPARQL's REGEX (the body) for a pattern or flag it cannot take
            regex = f"REGEX(STR(?value), {_string(str(pattern))}" + (f", {_string(str(flags))})" if flags else ")")
            out.append(Check(_component("Pattern"), "native", f"{vals} FILTER(isBlank(?value) || !{regex})",
                             args=(str(pattern), str(flags or ""))))
        for param, (op, name) in _RANGES.items():
            for bound in g.objects(shape, param):
                out.append(Check(_component(name), "query",
                                 f"{vals} FILTER(isBlank(?value) || isIRI(?value) || !COALESCE(?value {op} {_term(bound)}, false))"))
        for n in g.objects(shape, SH.minLength):
            if int(n) > 0:
                out.append(Check(_component("MinLength"), "native", args=(int(n),)))
        for n in g.objects(shape, SH.maxLength):
            out.append(Check(_component("MaxLength"), "native", args=(int(n),)))
        for flag in g.objects(shape, SH.uniqueLang):
            if is_property and str(flag).lower() == "true":
                body = (f"?this {p} ?_a . ?this {p} ?_b . FILTER(isLiteral(?_a) && isLiteral(?_b) && LANG(?_a) != \"\" "
                        "&& LCASE(LANG(?_a)) = LCASE(LANG(?_b)) && !sameTerm(?_a, ?_b))")
                out.append(Check(_component("UniqueLang"), "query", body, "DISTINCT ?this (LCASE(LANG(?_a)) AS ?_lang)"))
        for param, op, name in ((SH.lessThan, "<", "LessThan"), (SH.lessThanOrEquals, "<=", "LessThanOrEquals")):
            for other in g.objects(shape, param):
                body = f"{vals} ?this <{other}> ?_w . FILTER(!COALESCE(?value {op} ?_w, false))"
                out.append(Check(_component(name), "query", body))
        for other in g.objects(shape, SH.equals):
            body = (f"{{ {vals} FILTER NOT EXISTS {{ ?this <{other}> ?_w FILTER(sameTerm(?_w, ?value)) }} }} UNION "
                    f"{{ ?this <{other}> ?value . FILTER NOT EXISTS {{ {vals.replace('?value', '?_w')} FILTER(sameTerm(?_w, ?value)) }} }}")
            out.append(Check(_component("Equals"), "query", body))
        for other in g.objects(shape, SH.disjoint):
            out.append(Check(_component("Disjoint"), "query", f"{vals} ?this <{other}> ?_w . FILTER(sameTerm(?_w, ?value))"))
        for ref in g.objects(shape, SH.node):
            out.append(Check(_component("Node"), "node", refs=(self.program(ref),)))
        for name, param in (("Or", SH["or"]), ("And", SH["and"]), ("Xone", SH.xone)):
            for lst in g.objects(shape, param):
                out.append(Check(_component(name), name.lower(), refs=tuple(self.program(s) for s in self._list(lst))))
        for ref in g.objects(shape, SH["not"]):
            out.append(Check(_component("Not"), "not", refs=(self.program(ref),)))
        for ref in g.objects(shape, SH.qualifiedValueShape):
            if str(g.value(shape, SH.qualifiedValueShapesDisjoint) or "").lower() == "true":
                raise EnvironmentProblem(f"sh:qualifiedValueShapesDisjoint is not supported ({prog.node})")
            qmin, qmax = g.value(shape, SH.qualifiedMinCount), g.value(shape, SH.qualifiedMaxCount)
            out.append(Check("", "qualified", refs=(self.program(ref),),
                             qualified_min=int(qmin) if qmin is not None else None,
                             qualified_max=int(qmax) if qmax is not None else None))
        return out


def compile_shapes(shapes: Graph) -> list[CompiledCheck]:
    """One CompiledCheck per shape with targets (strip ``sh:sparql`` first: ``core_shapes``)."""
    compiler = _Compiler(shapes)
    candidates = (set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
                  | {s for t in _TARGETS for s in shapes.subjects(t, None)})
    out = []
    for shape in sorted(candidates, key=str):
        targets = shape_targets(shapes, shape)
        if targets is None:
            continue
        program = compiler.program(shape)
        if not program.deactivated:
            out.append(CompiledCheck(shape=program.node, program=program, targets=targets))
    return out


# ------------------------------------------------------------------------------------------------
# Running


def _text(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[attr-defined]


def _rdflib_datatype_ok(text: str, datatype: str) -> bool:
    """pySHACL's DatatypeConstraintComponent on a literal of the right datatype (rdflib decides)."""
    import datetime
    from decimal import Decimal

    literal = Literal(text, datatype=URIRef(datatype))
    if getattr(literal, "ill_typed", None) is True:
        return False
    value = literal.value
    expected = {str(XSD.integer): int, str(XSD.float): float, str(XSD.decimal): Decimal, str(XSD.boolean): bool,
                str(XSD.date): datetime.date, str(XSD.time): datetime.time, str(XSD.dateTime): datetime.datetime}
    kind = expected.get(datatype)
    return True if kind is None else isinstance(value, kind)


_RDF_TYPE_IRI, _SUBCLASS_IRI = str(RDF.type), str(RDFS.subClassOf)
_XSD_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)
_NO_VALUES: frozenset = frozenset()
_BLANK_NODES = "{ SELECT DISTINCT ?this WHERE { { ?this ?_p ?_o } UNION { ?_s ?_p ?this } FILTER(isBlank(?this)) } }"
# Lexical forms rdflib surely parses to the datatype's Python type (no need to ask it or Oxigraph).
_SURE = {str(XSD.integer): re.compile(r"[ \t\n\r]*[+-]?[0-9]+[ \t\n\r]*"), str(XSD.boolean): re.compile(r"true|false|1|0"),
         str(XSD.decimal): re.compile(r"[ \t\n\r]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[ \t\n\r]*")}


def _to_ox(term: object) -> object:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return ox.BlankNode(str(term))


@functools.lru_cache(maxsize=65536)
def _lexical_ok(text: str, datatype: str) -> bool:
    """A literal of this datatype passes sh:datatype: rdflib parses its text (cached: offsets, years
    and dates repeat; a Literal costs about 30 µs)."""
    sure = _SURE.get(datatype)
    return (sure is not None and sure.fullmatch(text) is not None) or _rdflib_datatype_ok(text, datatype)


def _reachable(start: object, edges: dict[object, set[object]]) -> set[object]:
    """``start`` and every node its edges lead to (a property path ``p*``; cycles are safe)."""
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen


class _Index:
    """The store's triples (every graph, each triple once) by predicate, read on first use."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._out: dict[str, dict[object, set[object]]] = {}
        self._in: dict[str, dict[object, set[object]]] = {}

    def out(self, predicate: str) -> dict[object, set[object]]:
        found = self._out.get(predicate)
        if found is None:
            found = self._out[predicate] = {}
            for quad in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None):
                s = quad.subject
                values = found.get(s)
                if values is None:
                    found[s] = {quad.object}
                else:
                    values.add(quad.object)
        return found

    def into(self, predicate: str) -> dict[object, set[object]]:
        found = self._in.get(predicate)
        if found is None:
            found = self._in[predicate] = {}
            for s, values in self.out(predicate).items():
                for o in values:
                    if o in found:
                        found[o].add(s)
                    else:
                        found[o] = {s}
        return found


class _Run:
    """The compiled shapes over one store: the focus and value nodes, counts, datatypes, classes, node
    kinds, lists, patterns and lengths checked in Python on an index of the predicates they read (a
    batch's ~230 SPARQL queries cost more than the checks themselves); the other components (ranges,
    comparisons of two properties, uniqueLang) run their SPARQL, and complex paths are read by SPARQL."""

    def __init__(self, store: ox.Store, focus: set[str] | None) -> None:
        self.store = store
        self.focus = focus
        self.index = _Index(store)
        self.stack: list[ShapeProgram] = []
        self._supers: dict[object, set[object]] = {}
        self._paths: dict[tuple[str, object], frozenset] = {}
        self._blank: list[object] | None = None
        self._terms: dict[object, object] = {}
        self._patterns: dict[tuple[str, str], re.Pattern | None] = {}

    # --- reading the store

    def rows(self, query: str) -> list[ox.QuerySolution]:
        try:
            return list(self.store.query(query, use_default_graph_as_union=True))  # type: ignore[arg-type]
        except (SyntaxError, ValueError, OSError) as err:
            raise EnvironmentProblem(f"a compiled SHACL check could not run: {err}",
                                     hint="report it: kg/shacl_compile.py produced bad SPARQL") from None

    def in_scope(self, node: object) -> bool:
        """pySHACL's focus_nodes option: only those IRIs are validated, nested validations included."""
        return self.focus is None or (isinstance(node, ox.NamedNode) and node.value in self.focus)

    def targets(self, targets: Targets) -> set[object]:
        nodes: set[object] = set()
        if targets.classes:
            typed = self.index.into(_RDF_TYPE_IRI)
            subclasses = self.index.into(_SUBCLASS_IRI)
            for cls in targets.classes:
                for c in _reachable(ox.NamedNode(cls), subclasses):  # (rdfs:subClassOf*)
                    nodes.update(typed.get(c, ()))
        for p in targets.subjects_of:
            nodes.update(self.index.out(p))
        for p in targets.objects_of:
            nodes.update(self.index.into(p))
        nodes.update(_to_ox(t) for t in targets.nodes)
        return nodes

    def values(self, prog: ShapeProgram, node: object) -> Collection[object]:
        if prog.path_sparql is None:
            return (node,)
        if prog.predicate is not None:
            return self.index.out(prog.predicate).get(node, _NO_VALUES)
        key = (prog.node, node)
        if key not in self._paths:  # a complex path: SPARQL's property paths
            if isinstance(node, ox.BlankNode):  # (VALUES takes no blank node: every blank node's at once)
                found: dict[object, set[object]] = {}
                for r in self.rows(f"SELECT DISTINCT ?this ?value WHERE {{ {_BLANK_NODES} ?this {prog.path_sparql} ?value }}"):
                    found.setdefault(r["this"], set()).add(r["value"])
                for blank in self.blank_nodes():
                    self._paths[(prog.node, blank)] = frozenset(found.get(blank, ()))
            else:
                self._paths[key] = frozenset(r["value"] for r in self.rows(
                    f"SELECT DISTINCT ?value WHERE {{ VALUES ?this {{ {node} }} ?this {prog.path_sparql} ?value }}"))
        return self._paths.get(key, _NO_VALUES)

    def blank_nodes(self) -> list[object]:
        if self._blank is None:
            self._blank = [r["this"] for r in self.rows(f"SELECT ?this WHERE {{ {_BLANK_NODES} }}")]
        return self._blank

    def is_instance(self, node: object, cls: str) -> bool:
        """?node rdf:type/rdfs:subClassOf* cls."""
        target = self._term(cls)
        for t in self.index.out(_RDF_TYPE_IRI).get(node, ()):
            if t not in self._supers:
                self._supers[t] = _reachable(t, self.index.out(_SUBCLASS_IRI))
            if target in self._supers[t]:
                return True
        return False

    def _term(self, term: object) -> object:
        """The Oxigraph term of a shape's parameter: an IRI given as text, or an rdflib term."""
        if term not in self._terms:
            self._terms[term] = ox.NamedNode(term) if type(term) is str else _to_ox(term)  # (rdflib terms are str too)
        return self._terms[term]

    def _pattern(self, pattern: str, flags: str) -> re.Pattern | None:
        """The regex as pySHACL compiles it: Python's ``re``, with the flags ``i`` and ``m`` in any case
        and no other; None when ``re`` refuses the pattern (pySHACL then fails; SPARQL's REGEX decides)."""
        key = (pattern, flags)
        if key not in self._patterns:
            bits = (re.IGNORECASE if "i" in flags.lower() else 0) | (re.MULTILINE if "m" in flags.lower() else 0)
            try:
                self._patterns[key] = re.compile(pattern, bits)
            except re.error:
                self._patterns[key] = None
        return self._patterns[key]

    # --- running the shapes

    def nonconforming(self, prog: ShapeProgram, focus: set[object]) -> set[object]:
        """Nodes of ``focus`` that do not conform to ``prog`` (and that pySHACL would check)."""
        if any(p is prog for p in self.stack):
            return set()  # a shape reached again through itself: pySHACL warns and lets it conform
        self.stack.append(prog)
        try:
            return {r[0] for r in self.report(prog, focus) if self.in_scope(r[0])}
        finally:
            self.stack.pop()

    def report(self, prog: ShapeProgram, focus: set[object]) -> list[tuple[object, object | None, ShapeProgram, str]]:
        """(focus, value, shape program, component) for every result of ``prog`` on the ``focus`` nodes."""
        if prog.deactivated or not focus:
            return []
        out: list[tuple] = []
        for check in prog.checks:
            out.extend((f, v, prog, component) for f, v, component in self.check(prog, check, focus))
        for prop in prog.properties:
            out.extend(self.report(prop, focus))
        return out

    def check(self, prog: ShapeProgram, check: Check, focus: set[object]) -> Iterable[tuple[object, object | None, str]]:
        if check.kind == "native" and (check.component != _component("Pattern") or self._pattern(*check.args)):
            yield from self.native(prog, check, focus)
            return
        if check.kind in ("native", "query"):
            yield from self.sparql(check, focus)
            return
        if prog.path_sparql is None:
            inner = focus
        else:
            inner = {v for f in focus for v in self.values(prog, f)}
        if check.kind == "qualified":
            bad = self.nonconforming(check.refs[0], inner)
            for f in focus:
                n = sum(1 for v in self.values(prog, f) if v not in bad)
                if check.qualified_max is not None and n > check.qualified_max:
                    yield f, None, _component("QualifiedMaxCount")
                if check.qualified_min is not None and n < check.qualified_min:
                    yield f, None, _component("QualifiedMinCount")
            return
        bad_sets = [self.nonconforming(ref, inner) for ref in check.refs]
        for f in focus:
            for v in self.values(prog, f):
                failed = sum(1 for bad in bad_sets if v in bad)
                conforms = len(bad_sets) - failed
                if check.kind == "node" or check.kind == "and":
                    violates = failed > 0
                elif check.kind == "or":
                    violates = conforms == 0
                elif check.kind == "xone":
                    violates = conforms != 1
                else:  # not: an out-of-scope node "conforms" to the negated shape, so sh:not fails (as in pySHACL)
                    violates = conforms == 1
                if violates:
                    yield f, v, check.component

    def native(self, prog: ShapeProgram, check: Check, focus: set[object]) -> Iterable[tuple[object, object | None, str]]:
        name, args, component = check.component.rsplit("#", 1)[1].removesuffix("ConstraintComponent"), check.args, check.component
        if prog.predicate is not None:  # (most shapes: the values are the index's, read here once)
            table = self.index.out(prog.predicate)
            values: Callable[[object], Collection[object]] = lambda f: table.get(f, _NO_VALUES)
        else:
            values = functools.partial(self.values, prog)
        if name == "MinCount" or name == "MaxCount":
            n = args[0]
            for f in focus:
                count = len(values(f))  # (a set: distinct values)
                if (count < n) if name == "MinCount" else (count > n):
                    yield f, None, component
            return
        if name == "HasValue":
            wanted = self._term(args[0])
            for f in focus:
                if wanted not in values(f):
                    yield f, None, component
            return
        test = self.test(name, args)
        for f in focus:
            for v in values(f):
                if not test(v):
                    yield f, v, component

    def test(self, name: str, args: tuple) -> Callable[[object], bool]:
        """Whether one value node passes the component."""
        if name == "Datatype":
            datatype = args[0]
            if datatype == _XSD_STRING:
                return lambda v: isinstance(v, ox.Literal) and v.datatype.value == _XSD_STRING
            if datatype == _LANG_STRING:
                return lambda v: isinstance(v, ox.Literal) and bool(v.language)
            if datatype in _LEXICAL:
                return lambda v: isinstance(v, ox.Literal) and v.datatype.value == datatype and _lexical_ok(v.value, datatype)
            return lambda v: isinstance(v, ox.Literal) and v.datatype.value == datatype
        if name == "Class":
            return lambda v: self.is_instance(v, args[0])
        if name == "NodeKind":
            kinds = _KIND_TYPES[args[0]]
            return lambda v: isinstance(v, kinds)
        if name == "In":
            members = {_to_ox(m) for m in args}
            return lambda v: v in members
        if name == "Pattern":
            regex = self._pattern(*args)
            assert regex is not None
            return lambda v: not isinstance(v, ox.BlankNode) and regex.search(v.value) is not None
        n = args[0]
        if name == "MinLength":
            return lambda v: not isinstance(v, ox.BlankNode) and len(v.value) >= n
        return lambda v: not isinstance(v, ox.BlankNode) and len(v.value) <= n  # MaxLength

    def sparql(self, check: Check, focus: set[object]) -> Iterable[tuple[object, object | None, str]]:
        """A check without a Python form: its SPARQL, with the focus nodes as a VALUES block (and the
        blank ones, which VALUES cannot hold, found among all nodes)."""
        named = [f for f in focus if not isinstance(f, ox.BlankNode)]
        patterns = []
        if named:
            patterns.append("VALUES ?this { " + " ".join(str(f) for f in named) + " }")
        if len(named) < len(focus):
            patterns.append(_BLANK_NODES)
        for pattern in patterns:
            for r in self.rows(f"SELECT {check.select} WHERE {{ {pattern} {check.body} }}"):
                if r["this"] in focus:
                    yield r["this"], r["value"] if "?value" in check.select else None, check.component


def evaluate(store: ox.Store, compiled: list[CompiledCheck], focus: Iterable[str] | None = None,
             keep: Callable[[str], bool] | None = None) -> list[dict[str, str | None]]:
    """Every result of the compiled shapes over the store's graphs (their union), deduplicated.

    ``focus`` limits focus nodes to those IRIs, as pySHACL's ``focus_nodes`` option does (see the
    module docstring); by default every target node is a focus node, as in ``validate_graph``.
    ``keep`` drops the target nodes (by their text in the rows) whose results the caller would drop:
    nested shapes reach every node all the same, so the rows kept are exactly those without it.
    """
    run = _Run(store, set(focus) if focus is not None else None)
    out: list[dict[str, str | None]] = []
    seen: set[tuple] = set()
    kept: dict[object, bool] = {}  # (the same nodes are targets of many shapes)
    for c in compiled:
        targets = run.targets(c.targets)
        if keep is not None:
            for t in targets.difference(kept):
                kept[t] = keep(_text(t))
            targets = {t for t in targets if kept[t]}
        for f, value, prog, component in run.report(c.program, targets):
            if not run.in_scope(f):
                continue
            row = {"severity": prog.severity, "focus": _text(f), "shape": prog.node, "component": component,
                   "message": prog.message or f"{component.rsplit('#', 1)[-1]} not satisfied",
                   "value": _text(value) if value is not None else None, "path": prog.path}
            key = (row["severity"], row["focus"], row["shape"], row["component"], row["path"], row["value"])
            if key not in seen:
                seen.add(key)
                out.append(row)
    return out


__all__ = ["Check", "CompiledCheck", "ShapeProgram", "Targets", "compile_shapes", "evaluate"]
