"""SHACL-SPARQL constraints evaluated on Oxigraph, once over the whole build.

pySHACL runs ``sh:sparql`` constraints through rdflib's SPARQL engine once per focus node, which cost
minutes for two articles. The same constraints, run once with ``$this`` unbound on Oxigraph and the
rows kept for nodes the shape targets, give the same results in milliseconds. (In SPARQL ``$this``
and ``?this`` are one variable, so the query text is used exactly as written in the shapes.)

So the build splits the shapes: ``core_shapes`` (everything but ``sh:sparql``) goes to pySHACL per
article, and ``evaluate`` runs the SPARQL constraints over the new store before it is swapped in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.errors import EnvironmentProblem
from kg.shacl_compile import Targets, shape_targets

_SEVERITY = {str(SH.Violation): "Violation", str(SH.Warning): "Warning", str(SH.Info): "Info"}
_TEMPLATE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class SparqlConstraint:
    shape: str
    constraint: str
    targets: Targets  # (every kind: only sh:targetClass was read once, and a shape on the subjects of a
    # property, as the period order shape is, checked nothing)
    severity: str
    message: str | None
    query: str  # with PREFIX declarations prepended


def _prefixes(shapes: Graph, constraint: URIRef) -> str:
    lines = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def extract(shapes: Graph) -> list[SparqlConstraint]:
    out = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if shapes.value(shape, SH.path) is not None:
            raise EnvironmentProblem(f"SPARQL constraint on a property shape is not supported: {shape}",
                                     hint="attach sh:sparql to a node shape")
        if str(shapes.value(constraint, SH.deactivated) or "").lower() == "true":
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            continue
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        if shapes.value(shape, SH.target) is not None:  # (SHACL-AF's SPARQL-based targets)
            raise EnvironmentProblem(f"a SPARQL constraint's shape has targets this build cannot select: {shape}",
                                     hint="use sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf or sh:targetNode")
        out.append(SparqlConstraint(shape=str(shape), constraint=str(constraint),
                                    targets=shape_targets(shapes, shape) or Targets(),
                                    severity=_SEVERITY.get(str(severity), "Violation"),
                                    message=str(message) if message is not None else None,
                                    query=_prefixes(shapes, constraint) + "\n" + str(select)))
    return out


def core_shapes(shapes: Graph) -> Graph:
    """The shapes without their ``sh:sparql`` constraints (those run on Oxigraph instead)."""
    core = Graph()
    for prefix, ns in shapes.namespaces():
        core.bind(prefix, ns)
    constraints = set(shapes.objects(None, SH.sparql))
    for s, p, o in shapes:
        if p == SH.sparql or s in constraints:
            continue
        core.add((s, p, o))
    # A shape left with no constraint and no property is harmless: it selects nodes and checks nothing.
    return core


_TARGET_QUERIES = (  # (the focus nodes of each kind of target, as SHACL selects them)
    ("classes", "SELECT DISTINCT ?this WHERE {{ ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{}> . ?this a ?c }}"),
    ("subjects_of", "SELECT DISTINCT ?this WHERE {{ ?this <{}> ?value }}"),
    ("objects_of", "SELECT DISTINCT ?this WHERE {{ ?focus <{}> ?this }}"),
)


def _targets(store: ox.Store, targets: Targets) -> set[str]:
    """The focus nodes' values."""
    focus = {str(node) for node in targets.nodes}
    for field, query in _TARGET_QUERIES:
        for value in getattr(targets, field):
            for row in store.query(query.format(value), use_default_graph_as_union=True):
                focus.add(row["this"].value)
    return focus


def _render(template: str | None, row: ox.QuerySolution, names: list[str]) -> str:
    if template is None:
        return "SPARQL constraint not satisfied"

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        term = row[name] if name in names else None
        return term.value if term is not None else match.group(0)

    return _TEMPLATE.sub(value, template)


def evaluate(store: ox.Store, constraints: list[SparqlConstraint]) -> list[dict[str, str | None]]:
    """Run every constraint once over the store's graphs; one dict per row whose ``this`` the shape targets.

    The store is the build's own (every named graph is one of the build's), and the union default graph
    is a hundred times faster on Oxigraph than a list of thousands of graphs; a triple held by two
    graphs can only repeat a row, and rows are deduplicated.
    """
    rows_out: list[dict[str, str | None]] = []
    seen: set[tuple[str, str, str | None]] = set()
    focus_cache: dict[tuple[str, ...], set[str]] = {}
    for c in constraints:
        if c.targets not in focus_cache:
            focus_cache[c.targets] = _targets(store, c.targets)
        focus = focus_cache[c.targets]
        if not focus:
            continue
        try:
            result = store.query(c.query, use_default_graph_as_union=True)
        except (SyntaxError, ValueError, OSError) as err:
            raise EnvironmentProblem(f"SPARQL constraint {c.constraint} could not run: {err}",
                                     hint="fix ontology/shapes/*.ttl") from None
        names = [v.value for v in result.variables]
        for row in result:
            this = row["this"]
            if this is None or this.value not in focus:
                continue
            value = row["value"] if "value" in names else None
            key = (c.constraint, this.value, value.value if value is not None else None)
            if key in seen:
                continue
            seen.add(key)
            rows_out.append({"severity": c.severity, "focus": this.value, "shape": c.shape,
                             "component": str(SH.SPARQLConstraintComponent), "message": _render(c.message, row, names),
                             "value": value.value if value is not None else None, "path": None})
    return rows_out
