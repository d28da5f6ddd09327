"""The compiled core shapes (kg/shacl_compile.py) on Oxigraph give exactly pySHACL's results.

Every fixture of tests/shapes/ (valid and invalid, with tests/shapes/context.ttl), literals of each
checked datatype, a few components the project's shapes do not use yet, a build of the repository's
data and a generated corpus are validated both ways, comparing the sets of
(severity, focus, shape, component, path, value). Only the core shapes run on both sides
(``sh:sparql`` constraints have their own Oxigraph runner, kg/sparql_constraints.py).

On builds, pySHACL runs twice: once over the same union of graphs the compiled checks read (must be
identical), and per article as ``kg build`` does today (identical but for findings that need two
articles' triples about one node, which per-article validation cannot see).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Literal, URIRef

from kg import shacl_compile, sparql_constraints, validation
from kg.config import Paths
from kg.iris import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from shapes_fixtures import invalid_files, load_fixture, valid_files, with_context

REPO = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).parent / "kg"  # the environment running the tests, wherever it is
PYTHON = Path(sys.executable)
ARTICLE_PREFIX = validation.ARTICLE_GRAPH_PREFIX

Key = tuple[str, str, str, str, str | None, str | None]


@pytest.fixture(scope="module")
def core() -> rdflib.Graph:
    return sparql_constraints.core_shapes(validation.load_shapes(Paths(root=REPO)))


@pytest.fixture(scope="module")
def compiled(core: rdflib.Graph) -> list[shacl_compile.CompiledCheck]:
    return shacl_compile.compile_shapes(core)


def _blank(text: str | None) -> str | None:
    # Blank node labels differ between rdflib and Oxigraph: compare blank nodes as "_:".
    return "_:" if text is not None and text.startswith("_:") else text


def _key(severity: str, focus: str, shape: str, component: str, path: str | None, value: str | None) -> Key:
    return (severity, _blank(focus) or "", shape, component, path, _blank(value))


def _pyshacl_keys(results: list[validation.Result]) -> set[Key]:
    return {_key(r.severity, r.focus, r.shape, r.component, r.path, r.value) for r in results}


def _compiled_keys(rows: list[dict[str, str | None]]) -> set[Key]:
    return {_key(r["severity"], r["focus"], r["shape"], r["component"], r["path"], r["value"])  # type: ignore[arg-type]
            for r in rows}


def _both(graph: rdflib.Graph) -> tuple[rdflib.Graph, ox.Store]:
    """The same triples for both engines: rdflib's in-memory literals can differ from what it writes
    (it normalizes "yes"^^xsd:boolean to "false" but remembers it was ill-typed), so both sides read
    the same N-Triples text."""
    text = graph.serialize(format="nt")
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://example.org/fixture"))
    return rdflib.Graph().parse(data=text, format="nt"), store


def _compare(data: rdflib.Graph, core: rdflib.Graph, compiled: list) -> set[Key]:
    graph, store = _both(data)
    expected = _pyshacl_keys(validation.validate_graph(graph, core))
    found = _compiled_keys(shacl_compile.evaluate(store, compiled))
    _assert_same(expected, found)
    return found


def _assert_same(expected: set[Key], found: set[Key]) -> None:
    missing, extra = expected - found, found - expected
    assert not missing and not extra, f"only pySHACL: {sorted(missing)}\nonly compiled: {sorted(extra)}"


# ------------------------------------------------------------------------------------------------
# The shapes fixtures


@pytest.mark.parametrize("path", valid_files() + invalid_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_sparql_constraints_on_oxigraph_find_what_each_fixture_declares(path: Path) -> None:
    """The SHACL-SPARQL constraints as the build runs them (once over a store, rows kept for the shape's
    targets), against the fixture's declared results, which pySHACL gives (tests/test_shapes.py). Only
    sh:targetClass was read once, and a shape targeting the subjects of a property checked nothing."""
    fixture = load_fixture(path)
    store = ox.Store()
    store.load(with_context(fixture.data).serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode("urn:test:graph"))
    rows = sparql_constraints.evaluate(store, sparql_constraints.extract(validation.load_shapes(Paths(root=REPO))))
    found = {(str(r["severity"]), str(r["shape"]), str(r["component"]), str(r["focus"])) for r in rows}
    declared = {e for e in fixture.expected if e[2].endswith("#SPARQLConstraintComponent")}
    assert found == declared


@pytest.mark.parametrize("path", valid_files() + invalid_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_results_equal_pyshacl(path: Path, core: rdflib.Graph, compiled: list) -> None:
    fixture = load_fixture(path)
    found = _compare(with_context(fixture.data), core, compiled)
    # And what the fixture's header declares (its core part) is among them.
    declared = {(sev, _blank(focus), shape, comp) for sev, shape, comp, focus in fixture.expected
                if not comp.endswith("#SPARQLConstraintComponent")}
    assert declared <= {(k[0], k[1], k[2], k[3]) for k in found}


def test_invalid_fixtures_exercise_many_components(core: rdflib.Graph, compiled: list) -> None:
    """The equivalence above is only as strong as the components the fixtures make fire."""
    components = set()
    for path in invalid_files():
        _graph, store = _both(with_context(load_fixture(path).data))
        components |= {r["component"] for r in shacl_compile.evaluate(store, compiled)}
    names = {c.rsplit("#", 1)[1].removesuffix("ConstraintComponent") for c in components}
    assert {"MinCount", "MaxCount", "Datatype", "Class", "In", "Pattern", "NodeKind", "Xone", "Or", "Not",
            "Node", "QualifiedMinCount", "MinInclusive", "LessThan", "LessThanOrEquals"} <= names, names


# ------------------------------------------------------------------------------------------------
# Literal well-formedness: the datatype check follows rdflib (pySHACL), not the XSD text


ID = "https://w3id.org/canieti-kg/id/"
KGO = "https://w3id.org/canieti-kg/ontology#"
# Where base.ttl holds a literal of each checked datatype: (subject, predicate).
SLOTS = {
    rdflib.XSD.integer: (ID + "article/t1", KGO + "characterCount"),
    rdflib.XSD.date: (ID + "event/convention-day-two", KGO + "date"),
    rdflib.XSD.decimal: (ID + "article/t1/observation/obs-members", KGO + "value"),
    rdflib.XSD.gYear: (ID + "agreement/agreement-concamin", KGO + "year"),
    rdflib.XSD.boolean: (ID + "post/canieti-president", KGO + "isHeadPost"),
}
LEXICAL_CASES = {
    rdflib.XSD.integer: ["12", " 5", "abc", "+3", "01", "1.0", ""],
    rdflib.XSD.date: ["2024-01-31", "2024-02-30", "2024-1-1", "2024-01-31Z", "hoy"],
    rdflib.XSD.decimal: ["1.5", "1.5e3", "x1", "-0.0", ".5", "1."],
    rdflib.XSD.gYear: ["2024", "20x", "-0044"],
    rdflib.XSD.boolean: ["true", "1", "yes", "FALSE"],
}


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
@pytest.mark.parametrize("datatype", sorted(LEXICAL_CASES), ids=lambda d: d.split("#")[1])
def test_datatype_lexical_forms_match_pyshacl(datatype: URIRef, core: rdflib.Graph, compiled: list) -> None:
    base = load_fixture(valid_files()[0]).data
    subject, predicate = (URIRef(t) for t in SLOTS[datatype])
    assert (subject, predicate, None) in base
    for lexical in LEXICAL_CASES[datatype]:
        data = rdflib.Graph()
        for t in base:
            data.add(t)
        data.set((subject, predicate, Literal(lexical, datatype=datatype)))
        _compare(with_context(data), core, compiled)


# Components and targets the project's shapes do not use today, so that a new shape using them is
# checked the same way: each line of DATA breaks (or satisfies) one of them.
EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Thing a rdfs:Class , sh:NodeShape ;                       # implicit class target
    sh:property [ sh:path ex:code ; sh:maxLength 3 ; sh:pattern "^ab" ; sh:flags "i" ] ,
        [ sh:path ex:score ; sh:maxInclusive 10 ; sh:minExclusive 0 ; sh:maxExclusive 9 ] ,
        [ sh:path ex:a ; sh:equals ex:b ] , [ sh:path ex:a ; sh:disjoint ex:c ] ,
        [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] , [ sh:path [ sh:inversePath ex:owns ] ; sh:maxCount 1 ] ,
        [ sh:path [ sh:alternativePath ( ex:x ex:y ) ] ; sh:nodeKind sh:Literal ] ;
    sh:and ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:code ; sh:minCount 1 ] ) .
ex:Named a sh:NodeShape ; sh:targetNode ex:n1 , ex:n2 ; sh:hasValue ex:n1 ; sh:severity sh:Warning .
ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:maxLength 0 .
ex:Inner a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:property [ sh:path ex:q ; sh:minInclusive 2 ] .
ex:Scores a sh:NodeShape ; sh:targetObjectsOf ex:score ; sh:maxInclusive 10 ; sh:pattern "^[0-9]$" .
ex:Deep a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:property [ sh:path ( ex:q ex:r ) ; sh:minCount 1 ] .
ex:Flags a sh:NodeShape ; sh:targetSubjectsOf ex:code ;                # pySHACL: i and m, in any case; no s
    sh:property [ sh:path ex:code ; sh:pattern "^a.c$" ; sh:flags "sI" ] .
"""
EXTRA_DATA = """
@prefix ex: <https://example.org/> .
ex:t1 a ex:Thing ; ex:code "ABC" ; ex:score 5 ; ex:a ex:v ; ex:b ex:v ; ex:p [ ex:q 1 ] ; ex:x "lit" .
ex:t2 a ex:Thing ; ex:code "abcd" , "xy" ; ex:score 0 , 9 , 11 , "7" ; ex:a ex:v , ex:w ; ex:b ex:w , ex:u ;
    ex:c ex:w ; ex:y ex:iri .
ex:o1 ex:owns ex:t2 . ex:o2 ex:owns ex:t2 .
ex:t3 a ex:Thing ; ex:code "a\\nc" .
"""


def test_components_beyond_the_project_shapes_match_pyshacl() -> None:
    shapes = rdflib.Graph().parse(data=EXTRA_SHAPES, format="turtle")
    data = rdflib.Graph().parse(data=EXTRA_DATA, format="turtle")
    found = _compare(data, shapes, shacl_compile.compile_shapes(shapes))
    names = {k[3].rsplit("#", 1)[1].removesuffix("ConstraintComponent") for k in found}
    assert {"MaxLength", "Pattern", "MaxInclusive", "MinExclusive", "MaxExclusive", "Equals", "Disjoint", "MinCount",
            "MaxCount", "NodeKind", "And", "HasValue", "MinInclusive"} <= names, names
    # The checks that run as SPARQL saw a blank focus node (ex:Inner) and literal ones (ex:Scores).
    assert any(k[1] == "_:" and "MinInclusive" in k[3] for k in found), found
    assert {k[1] for k in found if k[2] == "https://example.org/Scores"} >= {"11", "7"}, found
    # A complex path read from a blank focus node (ex:Deep), and the flags as pySHACL takes them.
    assert any(k[1] == "_:" and k[3].endswith("#MinCountConstraintComponent") for k in found), found
    patterns = [k for k in found if k[3].endswith("#PatternConstraintComponent")]
    assert not [k for k in patterns if k[5] == "ABC"], found  # ("I": case-insensitive)
    assert len({k[2] for k in patterns if k[5] == "a\nc"}) == 2, found  # ("s" ignored: "." stops at the newline)


def test_unsupported_parameter_is_refused() -> None:
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .""", format="turtle")
    with pytest.raises(Exception, match="does not support"):
        shacl_compile.compile_shapes(shapes)


# ------------------------------------------------------------------------------------------------
# Real builds: the store's graphs, against validate_article per article (the build's behaviour)


def _build(data: Path | None, build: Path) -> ox.Store:
    args = [str(KG), "build", "--no-reason", "--build", str(build)]
    if data is not None:
        args[2:2] = ["--data", str(data)]
    done = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stderr
    from kg import store as kg_store

    return kg_store.open_read_only(Paths(root=REPO, build=build))


def _graph(store: ox.Store, name: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        g.add((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)))
    return g


def _from_ox(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def compare_build(store: ox.Store, core: rdflib.Graph, compiled: list) -> dict[str, object]:
    """Validate a build's store three ways: pySHACL per article as ``kg build`` does, pySHACL once over
    the same union of graphs the compiled checks read, and the compiled checks (with pySHACL's
    focus_nodes behaviour: the subjects of the article and entities graphs)."""
    names = [g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    articles = sorted(n for n in names if n.startswith(ARTICLE_PREFIX))
    ontology = _graph(store, str(ONTOLOGY_GRAPH))
    entities = _graph(store, str(ENTITIES_GRAPH))
    context = validation.ontology_context(ontology)
    shared = rdflib.Graph()
    for t in context:
        shared.add(t)
    for t in entities:
        shared.add(t)
    per_article: list[validation.Result] = []
    focus: set[str] = set()
    subjects_in: dict[str, int] = {}  # how many article graphs describe each node
    union = rdflib.Graph()
    for t in ontology:
        union.add(t)
    for t in entities:
        union.add(t)
    for name in articles:
        graph = _graph(store, name)
        subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
        for subject in subjects:
            subjects_in[subject] = subjects_in.get(subject, 0) + 1
        focus |= subjects
        per_article += validation.validate_article(graph, shared, core)
        for t in graph:
            union.add(t)
    per_article += validation.validate_article(entities, context, core)
    focus |= {str(s) for s in entities.subjects() if isinstance(s, URIRef)}
    # Only the graphs pySHACL saw: articles, entities, ontology (not the inferred graph).
    wanted = set(articles) | {str(ONTOLOGY_GRAPH), str(ENTITIES_GRAPH)}
    view = ox.Store()
    view.extend([q for q in store if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in wanted])
    found = shacl_compile.evaluate(view, compiled, focus=focus)
    whole = validation._run_shacl(union, core, {URIRef(f) for f in focus})  # noqa: SLF001
    return {"per_article": _pyshacl_keys(per_article), "union": _pyshacl_keys(whole), "compiled": _compiled_keys(found),
            "articles": len(articles), "subjects_in": subjects_in}


def _assert_build_equivalent(outcome: dict) -> None:
    # Same data, same results: the compiler is exact.
    _assert_same(outcome["union"], outcome["compiled"])  # type: ignore[arg-type]
    # Against the build's per-article validation, the only difference allowed is a finding that needs
    # two articles' triples about one node (a tenure named as predecessor by two other articles'
    # tenures): per-article validation cannot see it.
    per_article, compiled = outcome["per_article"], outcome["compiled"]
    assert per_article <= compiled, sorted(per_article - compiled)  # type: ignore[operator]
    for key in compiled - per_article:  # type: ignore[operator]
        assert outcome["subjects_in"].get(key[1], 0) >= 2, f"not a cross-article finding: {key}"  # type: ignore[union-attr]


def test_repository_build_equals_pyshacl(tmp_path: Path, core: rdflib.Graph, compiled: list) -> None:
    store = _build(None, tmp_path / "build")
    outcome = compare_build(store, core, compiled)
    assert outcome["articles"]
    _assert_build_equivalent(outcome)


def test_generated_corpus_equals_pyshacl(tmp_path: Path, core: rdflib.Graph, compiled: list) -> None:
    gen = tmp_path / "gen"
    done = subprocess.run([str(PYTHON), "benchmarks/generate.py", "--articles", "30", "--seed", "3", "--out", str(gen),
                           "--no-report"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    store = _build(gen, tmp_path / "build")
    outcome = compare_build(store, core, compiled)
    assert outcome["articles"] == 30
    _assert_build_equivalent(outcome)
