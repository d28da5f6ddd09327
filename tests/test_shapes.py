"""The SHACL shapes, data-driven: tests/shapes/valid/ must conform, tests/shapes/invalid/ must fail
exactly as each fixture's header says (shape, constraint component, focus node, severity).

See tests/shapes_fixtures.py for the fixture format.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SH

from kg import validation
from kg.config import Paths
from shapes_fixtures import (
    Expected,
    Fixture,
    invalid_files,
    load_fixture,
    valid_files,
    with_context,
)

REPO = Path(__file__).resolve().parent.parent
JENA = REPO / "scripts" / "jena"
KGSH = "https://w3id.org/canieti-kg/shapes#"
KG = "https://w3id.org/canieti-kg/ontology#"

# Shape parameter -> the constraint component it declares (SHACL §4, §5).
PARAMETERS = {
    SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype", SH["class"]: "Class",
    SH["in"]: "In", SH.pattern: "Pattern", SH.nodeKind: "NodeKind", SH.lessThan: "LessThan",
    SH.lessThanOrEquals: "LessThanOrEquals", SH.uniqueLang: "UniqueLang", SH.minInclusive: "MinInclusive",
    SH.minLength: "MinLength", SH.hasValue: "HasValue", SH.node: "Node", SH.xone: "Xone", SH["or"]: "Or",
    SH["not"]: "Not", SH.sparql: "SPARQL", SH.qualifiedMinCount: "QualifiedMinCount",
    SH.qualifiedMaxCount: "QualifiedMaxCount",
}
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return validation.load_shapes(Paths(root=REPO))


def _found(fixture: Fixture, shapes: rdflib.Graph) -> set[Expected]:
    results = validation.validate_graph(with_context(fixture.data), shapes)
    # Blank focus nodes get a new label on every parse: a fixture names them "_:".
    return {(r.severity, r.shape, r.component, "_:" if r.focus.startswith("_:") else r.focus) for r in results}


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.stem)
def test_valid_fixture_has_no_result(path: Path, shapes: rdflib.Graph) -> None:
    fixture = load_fixture(path)
    assert _found(fixture, shapes) == set()


@pytest.mark.parametrize("path", invalid_files(), ids=lambda p: p.stem)
def test_invalid_fixture_fails_exactly_as_declared(path: Path, shapes: rdflib.Graph) -> None:
    fixture = load_fixture(path)
    assert fixture.expected, f"{path.name} declares no `# expect:` line"
    found = _found(fixture, shapes)
    missing = fixture.expected - found
    unexpected = found - fixture.expected
    assert not missing and not unexpected, f"missing: {sorted(missing)}\nunexpected: {sorted(unexpected)}"


def _declared_pairs(shapes: rdflib.Graph) -> set[tuple[str, str]]:
    """(shape, component) for every named shape reachable from a target, by the parameters it has."""
    pairs = set()
    helpers = {o for o in shapes.objects(None, SH.node)}  # reached only through sh:node: fire as the caller
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        if not isinstance(shape, URIRef) or shape in helpers:
            continue
        for parameter, name in PARAMETERS.items():
            if (shape, parameter, None) in shapes:
                pairs.add((str(shape), f"{SH}{name}ConstraintComponent"))
    return pairs


def test_every_shape_and_constraint_has_a_failing_example(shapes: rdflib.Graph) -> None:
    covered = {(e[1], e[2]) for path in invalid_files() for e in load_fixture(path).expected}
    uncovered = sorted(_declared_pairs(shapes) - covered)
    assert not uncovered, f"constraints no invalid fixture exercises: {uncovered}"


def test_every_severity_is_exercised() -> None:
    severities = {e[0] for path in invalid_files() for e in load_fixture(path).expected}
    assert severities == {"Violation", "Warning", "Info"}


def _targeted_classes(shapes: rdflib.Graph) -> set[URIRef]:
    return {c for c in shapes.objects(None, SH.targetClass) if isinstance(c, URIRef)}


def _has_shape(cls: URIRef, targeted: set[URIRef], hierarchy: rdflib.Graph) -> bool:
    """A class is covered when a node shape targets it or one of its superclasses (SHACL follows
    rdfs:subClassOf for sh:targetClass)."""
    return any(c in targeted for c in hierarchy.transitive_objects(cls, RDFS.subClassOf))


def _instance_classes(graph: rdflib.Graph) -> set[URIRef]:
    ours = ("https://w3id.org/canieti-kg/ontology#", "http://www.w3.org/ns/oa#", "http://www.w3.org/2006/time#")
    return {c for c in graph.objects(None, RDF.type) if isinstance(c, URIRef) and str(c).startswith(ours)}


def test_every_class_with_instances_in_the_fixtures_has_a_node_shape(shapes: rdflib.Graph) -> None:
    base = with_context(load_fixture(valid_files()[0]).data)
    targeted = _targeted_classes(shapes)
    classes = _instance_classes(base)
    assert len(classes) > 20
    missing = sorted(str(c) for c in classes if not _has_shape(c, targeted, base))
    assert not missing, f"classes with instances but no node shape: {missing}"


def test_every_class_with_instances_in_a_real_build_has_a_node_shape(built_paths: Paths, shapes: rdflib.Graph) -> None:
    from kg import store

    from kg.iris import INFERRED_GRAPH

    ox_store = store.open_read_only(built_paths)
    # Asserted data only: the reasoner's graph adds superclass memberships (oa:Selector, ...), which
    # the shapes reach through rdfs:subClassOf anyway.
    asserted = [g.value for g in ox_store.named_graphs() if g.value != str(INFERRED_GRAPH)]
    dataset = validation.store_to_dataset(ox_store, asserted)
    data = rdflib.Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    targeted = _targeted_classes(shapes)
    classes = {c for c in _instance_classes(data) if not str(c).startswith(KG + "Fact")}  # kg:Fact itself is targeted
    missing = sorted(str(c) for c in classes if not _has_shape(c, targeted, data))
    assert not missing, f"classes with instances but no node shape: {missing}"


def test_sparql_constraints_compare_a_year_with_a_date_by_its_year(shapes: rdflib.Graph) -> None:
    """A begin year 2017 and an end date in 2017 is fine; comparing a gYear with a date directly
    would be a type error that silently passes every tenure."""
    fixture = load_fixture(valid_files()[0])
    ns = "https://w3id.org/canieti-kg/id/article/t1/tenure/ten-ana/end"
    data = fixture.data
    time = rdflib.Namespace("http://www.w3.org/2006/time#")
    data.set((URIRef(ns), time.inXSDDate, rdflib.Literal("2017-01-01", datatype=rdflib.XSD.date)))
    assert not validation.validate_graph(with_context(data), shapes)
    data.set((URIRef(ns), time.inXSDDate, rdflib.Literal("2016-12-31", datatype=rdflib.XSD.date)))
    found = validation.validate_graph(with_context(data), shapes)
    assert [(r.shape, r.focus) for r in found] == [(KGSH + "TenureIntervalOrderShape", ns.rsplit("/", 1)[0])]


def test_results_name_the_fact_file_and_curator_id(shapes: rdflib.Graph) -> None:
    fixture = load_fixture(REPO / "tests" / "shapes" / "invalid" / "evidence-offsets-broken.ttl")
    found = validation.validate_graph(with_context(fixture.data), shapes)
    offsets = [r for r in found if r.shape == KGSH + "EvidenceOffsetsShape"]
    assert len(offsets) == 1
    assert (offsets[0].fact_file, offsets[0].curator_id, offsets[0].article, offsets[0].section) == \
        ("data/facts/t1.yaml", "obs-members", "t1", "observations")
    text = validation.ValidationReport(found).render("text")
    assert "data/facts/t1.yaml: fact obs-members (observations): Violation: The quote's offsets do not match" in text


# ------------------------------------------------------------------------------------------------
# Apache Jena's SHACL finds the same results, result by result.


def _jena_results(shapes_file: Path, data_file: Path) -> set[tuple[str, str, str, str]]:
    run = subprocess.run([str(JENA), "shacl.shacl", "validate", "--shapes", str(shapes_file), "--data", str(data_file)],
                         capture_output=True, text=True, timeout=300)
    # Jena exits 0 whether or not the data conforms: the report on stdout is what counts.
    assert run.returncode == 0, run.stderr[-2000:]
    report = rdflib.Graph().parse(data=run.stdout, format="turtle")
    return _report_keys(report)


def _report_keys(report: rdflib.Graph) -> set[tuple[str, str, str, str]]:
    keys = set()
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        keys.add((
            "_:" if isinstance(focus, rdflib.BNode) else str(focus),
            str(path) if isinstance(path, URIRef) else "",
            str(report.value(result, SH.sourceConstraintComponent)),
            str(report.value(result, SH.resultSeverity)),
        ))
    return keys


@pytest.mark.java
@pytest.mark.parametrize("path", valid_files() + invalid_files(), ids=lambda p: p.stem)
def test_jena_finds_the_same_results_as_pyshacl(path: Path, shapes: rdflib.Graph, tmp_path: Path) -> None:
    if not JENA.exists() or shutil.which("java") is None:
        pytest.skip("Jena or Java is not available")
    data = with_context(load_fixture(path).data)
    data_file = tmp_path / "data.nt"
    data_file.write_text(data.serialize(format="nt"), encoding="utf-8")  # flattened N-Triples
    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(shapes.serialize(format="turtle"), encoding="utf-8")
    import pyshacl

    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True, allow_infos=True)
    assert _jena_results(shapes_file, data_file) == _report_keys(report)
