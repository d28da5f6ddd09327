"""The ontology: the contract of the graph. Parsed, in OWL 2 DL, labelled, consistent, and useful to HermiT.

Definitions use skos:definition (never rdfs:comment) in English and Spanish; labels rdfs:label for
classes and properties, skos:prefLabel for concepts.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import iris
from kg.cli import main
from kg.config import Paths
from kg.errors import EnvironmentProblem
from kg.iris import KG
from kg.ontology import (
    check_ontology,
    label_problems,
    ontology_graph,
    query_term_problems,
    reason,
    run_checks,
)
from kg.owl_profile import owlapi_problems, structural_problems

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ontology"
DATA_MODEL = REPO / "docs" / "data-model.md"
ONTO_NS = str(KG)
MY_CHECKS = ["missing-label-violation", "multiple-domain-violation", "multiple-range-violation",
             "undeclared-term-violation"]
REUSED = ("http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
          "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2006/time#", "http://purl.org/dc/terms/",
          "http://schema.org/", "http://qudt.org/schema/qudt/")


@pytest.fixture(scope="module")
def paths() -> Paths:
    return Paths(root=REPO)


@pytest.fixture(scope="module")
def onto(paths: Paths) -> Graph:
    return ontology_graph(paths)


def fixture(name: str) -> Graph:
    graph = Graph()
    graph.parse(FIXTURES / name, format="turtle")
    return graph


# --- the contract: docs/data-model.md §4 ---------------------------------------------------------

def _contract_section(title: str) -> str:
    text = DATA_MODEL.read_text(encoding="utf-8")
    start = text.index(title)
    ends = [i for i in (text.find("\n### ", start + 1), text.find("\n## ", start + 1)) if i != -1]
    return text[start:min(ends)] if ends else text[start:]


def test_header_has_title_description_version_license_creator(onto: Graph) -> None:
    header = iris.ONTOLOGY_IRI
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionIRI) == iris.ONTOLOGY_VERSION_IRI
    for pred in (URIRef("http://purl.org/dc/terms/title"), URIRef("http://purl.org/dc/terms/description")):
        assert {o.language for o in onto.objects(header, pred)} >= {"en", "es"}
    assert onto.value(header, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(header, URIRef("http://purl.org/dc/terms/creator")) is not None


def test_every_import_is_vendored_and_nothing_else_is_imported(paths: Paths) -> None:
    main_graph = Graph().parse(REPO / "ontology" / "canieti.ttl")
    imported = set(main_graph.objects(iris.ONTOLOGY_IRI, OWL.imports))
    vendored = set()
    for path in (REPO / "ontology" / "imports").glob("*.ttl"):
        graph = Graph().parse(path)
        vendored |= set(graph.subjects(RDF.type, OWL.Ontology))
        assert not list(graph.objects(None, OWL.imports)), f"{path.name} imports something"
    assert imported and imported <= vendored, imported - vendored
    catalog = (REPO / "ontology" / "catalog-v001.xml").read_text(encoding="utf-8")
    for iri in imported:
        assert f'name="{iri}"' in catalog


def test_every_class_of_the_contract_is_declared(onto: Graph) -> None:
    block = _contract_section("### 4.1 Classes")
    names = set(re.findall(r"\bkg:([A-Z][A-Za-z]+)", block))
    assert len(names) >= 50
    missing = sorted(n for n in names if (KG[n], RDF.type, OWL.Class) not in onto)
    assert not missing


def test_every_property_of_the_contract_is_declared_with_its_domain_and_range(onto: Graph) -> None:
    table = _contract_section("### 4.2 Properties")
    # Deliberate, documented departures from the table, each for OWL 2 DL:
    literal_ranges = {"referenceYear", "referenceDate", "periodStart", "periodEnd", "date", "startDate",
                      "endDate", "year"}  # xsd:gYear / xsd:date are outside the OWL 2 datatype map
    checked = 0
    for row in re.finditer(r"^\| ((?:kg:\w+(?:, )?)+) \| (kg:\w+) → ([\w:]+) \|", table, re.M):
        names = re.findall(r"kg:(\w+)", row.group(1))
        domain, rng = row.group(2), row.group(3)
        for name in names:
            prop = KG[name]
            assert (prop, RDF.type, OWL.ObjectProperty) in onto or (prop, RDF.type, OWL.DatatypeProperty) in onto, name
            domains = list(onto.objects(prop, RDFS.domain))
            if name == "organizer":  # organizes events and series (§1.2): one domain, a union
                assert len(domains) == 1
                assert set(Collection(onto, onto.value(domains[0], OWL.unionOf))) == {KG.Event, KG.EventSeries}
            else:
                assert domains == [KG[domain.split(":")[1]]], name
            expected = onto.namespace_manager.expand_curie(rng)
            if name in literal_ranges:
                expected = RDFS.Literal
            elif expected == RDF.langString:
                expected = RDF.PlainLiteral  # OWL 2's name for language-tagged strings
            assert list(onto.objects(prop, RDFS.range)) == [expected], name
            checked += 1
    assert checked >= 70


def test_every_relation_type_has_a_declared_direct_property(onto: Graph) -> None:
    table = _contract_section("### 4.4 Relation types")
    rows = re.findall(r"^\| ([a-z-]+) \| ((?:kg|org):\w+) \|", table, re.M)
    # every relation type of the scheme is in the contract's table (post-in and organized-by were left out once)
    scheme = {str(c).rsplit("/", 1)[1] for c in onto.subjects(SKOS.inScheme, iris.scheme_iri("relation"))}
    assert {slug for slug, _ in rows} == scheme and len(rows) == len(scheme) == 25
    for slug, prop in rows:
        concept = iris.concept_iri("relation", slug)
        direct = onto.value(concept, KG.directProperty)
        assert direct == onto.namespace_manager.expand_curie(prop), slug
        assert (direct, RDF.type, OWL.ObjectProperty) in onto


def test_closed_schemes_hold_exactly_the_contract_concepts(onto: Graph) -> None:
    expected = {
        "status": "explicit implied ambiguous correction judgement unreviewed",
        "comparator": "exact approximately more-than at-least less-than at-most between",
        "kind": "reported estimate projection target",
        "time": "in at-end-of since by through per-year year-on-year as-of",
        "role": "speaker presenter panelist moderator host attendee organizer",
        "event-status": "planned held postponed cancelled",
        "statistic": "average median total",
    }
    for scheme, slugs in expected.items():
        found = {str(c).rsplit("/", 1)[1] for c in onto.subjects(SKOS.inScheme, iris.scheme_iri(scheme))}
        assert found == set(slugs.split()), scheme


def test_units_have_the_codes_fact_files_use(onto: Graph) -> None:
    for code, unit in iris.UNIT_CODES.items():
        assert onto.value(unit, KG.code) == Literal(code), code
        assert (unit, RDF.type, URIRef("http://qudt.org/schema/qudt/Unit")) in onto


def test_every_entity_class_has_an_iri_kind(onto: Graph) -> None:
    entity_classes = {s for s in onto.transitive_subjects(RDFS.subClassOf, KG.Entity)} - {KG.Entity}
    local = {str(c)[len(ONTO_NS):] for c in entity_classes if str(c).startswith(ONTO_NS)}
    assert local and local - {"Agent"} <= set(iris.CLASS_TO_KIND)
    assert set(iris.CLASS_TO_KIND) <= local
    assert iris.entity_iri("WorkPlan", "work-plan-2017-2018") == URIRef(
        "https://w3id.org/canieti-kg/id/initiative/work-plan-2017-2018")
    assert iris.fact_iri("000_x", "tenure", "ten-a") == URIRef("https://w3id.org/canieti-kg/id/article/000_x/tenure/ten-a")
    with pytest.raises(ValueError):
        iris.entity_iri("person", "Not A Slug")


# --- labels, definitions, reuse ------------------------------------------------------------------

def test_every_own_term_and_concept_has_labels_and_definitions_in_english_and_spanish(onto: Graph) -> None:
    own = [s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(ONTO_NS)]
    assert len(set(own)) > 150
    assert label_problems(onto) == []


def test_label_check_reports_a_term_missing_spanish(onto: Graph) -> None:
    broken = Graph()
    broken += onto
    broken.remove((KG.Tenure, RDFS.label, None))
    broken.add((KG.Tenure, RDFS.label, Literal("tenure", lang="en")))
    assert label_problems(broken) == ["kg:Tenure has no label in 'es'"]


def test_no_axioms_are_added_to_reused_terms_and_no_terms_are_coined_in_their_namespaces(paths: Paths) -> None:
    own = Graph()
    own.parse(REPO / "ontology" / "canieti.ttl")
    for path in (REPO / "ontology" / "vocab").glob("*.ttl"):
        own.parse(path)
    axiom_preds = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith,
                   OWL.equivalentClass, OWL.inverseOf, OWL.equivalentProperty}
    for s, p, _ in own:
        if isinstance(s, URIRef) and str(s).startswith(REUSED):
            assert p not in axiom_preds, (s, p)
            assert not (p == RDF.type and (s, RDF.type, OWL.Class) in own), s
    # Everything the reused namespaces contribute is declared in the vendored imports.
    vendored = Graph()
    for path in (REPO / "ontology" / "imports").glob("*.ttl"):
        vendored.parse(path)
    for s in set(own.subjects()) | set(own.predicates()):
        if str(s).startswith(REUSED):
            assert (s, None, None) in vendored, s


def test_no_foaf_anywhere(onto: Graph) -> None:
    assert not [t for t in onto if any(str(x).startswith("http://xmlns.com/foaf/") for x in t)]


# --- OWL 2 DL ------------------------------------------------------------------------------------

def test_ontology_is_in_owl2_dl_by_the_structural_check(onto: Graph) -> None:
    assert structural_problems(onto) == []


def test_structural_check_catches_each_kind_of_violation() -> None:
    problems = "\n".join(structural_problems(fixture("not-dl.ttl")))
    assert "imports FOAF" in problems
    assert "ex:UndeclaredClass is used as a class but not declared" in problems
    assert "xsd:gYear, a datatype outside the OWL 2 datatype map" in problems
    assert "ex:both is declared as more than one kind of property" in problems
    assert "rdf:List outside an OWL construct" in problems
    assert "ex:ancestorOf is owl:AsymmetricProperty but not a simple property" in problems
    assert "ex:items is used as a property but not declared" in problems


@pytest.mark.java
def test_ontology_is_in_owl2_dl_by_the_owl_api(onto: Graph) -> None:
    assert owlapi_problems(onto) == []


@pytest.mark.java
def test_owl_api_check_is_real() -> None:
    problems = "\n".join(owlapi_problems(fixture("not-dl.ttl")))
    assert "Use of undeclared class: <http://example.org/UndeclaredClass>" in problems
    assert "Cannot pun between properties: <http://example.org/both>" in problems


def test_valid_data_stays_in_owl2_dl(onto: Graph) -> None:
    assert structural_problems(onto + fixture("valid-data.ttl")) == []


# --- build checks (queries/checks/) --------------------------------------------------------------

def test_ontology_checks_find_nothing_in_the_ontology(onto: Graph, paths: Paths) -> None:
    rows = run_checks(onto, paths, names=MY_CHECKS)
    assert set(rows) == set(MY_CHECKS)
    assert all(not found for found in rows.values()), rows


def test_ontology_checks_report_each_violation(onto: Graph, paths: Paths) -> None:
    rows = run_checks(onto + fixture("checks-violations.ttl"), paths, names=MY_CHECKS)
    unlabelled = ONTO_NS + "Unlabelled"
    assert {(unlabelled, "no label in language 'es'"), (unlabelled, "no definition in language 'en'"),
            (unlabelled, "no definition in language 'es'")} <= set(rows["missing-label-violation"])
    assert (ONTO_NS + "twoDomains", "2") in rows["multiple-domain-violation"]
    assert (ONTO_NS + "twoDomains", "0") in rows["multiple-range-violation"]
    undeclared = set(rows["undeclared-term-violation"])
    assert (ONTO_NS + "hasEvidnce", "property") in undeclared
    assert (ONTO_NS + "Firm", "class") in undeclared
    assert ("https://w3id.org/canieti-kg/vocab/status/made-up", "concept") in undeclared
    assert (ONTO_NS + "promots", "ontology term") in undeclared
    assert len(undeclared) == 4, undeclared


def test_undeclared_term_check_gives_the_same_rows_on_rdflib(onto: Graph, paths: Paths) -> None:
    """The check's term lists are GROUP BY subqueries (Oxigraph pushes filters into DISTINCT ones):
    with HAVING, so that rdflib, which yields one empty group for no rows, agrees too."""
    from rdflib import Dataset

    data = onto + fixture("checks-violations.ttl")
    dataset = Dataset(default_union=True)
    dataset.graph(URIRef(str(iris.ONTOLOGY_GRAPH))).__iadd__(data)
    query = (Path(paths.checks) / "undeclared-term-violation.rq").read_text(encoding="utf-8")
    on_rdflib = sorted(tuple(str(v) for v in row) for row in dataset.query(query))  # type: ignore[union-attr]
    assert on_rdflib == sorted(run_checks(data, paths, names=["undeclared-term-violation"])["undeclared-term-violation"])
    assert len(on_rdflib) == 4
    # No kg: or concept IRI as a value, and no rdf:type for the third list's NOT EXISTS to match an
    # unbound term with: without HAVING, both of those lists would give one.
    alone = Dataset(default_union=True)
    alone.graph(URIRef(str(iris.ONTOLOGY_GRAPH))).add((URIRef(ONTO_NS + "Thing"), RDFS.label, Literal("thing", lang="en")))
    assert list(alone.query(query)) == []


def test_stored_queries_use_only_declared_terms(paths: Paths, onto: Graph) -> None:
    assert query_term_problems(paths, onto) == []


def test_query_term_check_names_the_query_and_the_term(tmp_path: Path, onto: Graph) -> None:
    (tmp_path / "queries" / "checks").mkdir(parents=True)
    (tmp_path / "queries" / "bad.rq").write_text(
        "PREFIX kg: <https://w3id.org/canieti-kg/ontology#>\n"
        "PREFIX kgv: <https://w3id.org/canieti-kg/vocab/>\n"
        "SELECT ?x WHERE { ?x kg:hasEvidnce ?e ; kg:status <https://w3id.org/canieti-kg/vocab/status/explicit> ;"
        " kg:measure <https://w3id.org/canieti-kg/vocab/measure/no-such-measure> . FILTER(STRSTARTS(STR(?x), STR(kg:))) }\n",
        encoding="utf-8")
    problems = query_term_problems(Paths(root=REPO, queries=tmp_path / "queries"), onto)
    assert problems == ["queries/bad.rq: uses kg:hasEvidnce, which the ontology does not declare",
                        "queries/bad.rq: uses the concept <https://w3id.org/canieti-kg/vocab/measure/no-such-measure>, "
                        "which no ontology/vocab/*.ttl declares"]


# --- HermiT --------------------------------------------------------------------------------------

@pytest.mark.java
def test_hermit_finds_the_ontology_alone_consistent(paths: Paths, onto: Graph) -> None:
    report = reason(None, paths, ontology=onto)
    assert report.consistent and report.unsatisfiable == [] and report.ok


@pytest.mark.java
def test_hermit_finds_valid_data_consistent_and_infers_unstated_types(paths: Paths, onto: Graph) -> None:
    data = fixture("valid-data.ttl")
    report = reason(data, paths, ontology=onto)
    assert report.ok, report.explanation
    inferred = report.inferred
    canieti = URIRef("https://w3id.org/canieti-kg/id/organization/canieti")
    post = URIRef("https://w3id.org/canieti-kg/id/post/canieti-national-president")
    # An entity declared with evidence is a fact too; subclasses climb to kg:Agent and org:Organization.
    for cls in (KG.Fact, KG.Organization, KG.Agent, KG.Entity, URIRef("http://www.w3.org/ns/org#Organization")):
        assert (canieti, RDF.type, cls) in inferred, cls
    assert (post, RDF.type, KG.Post) in inferred  # from the range of kg:post; never stated
    # Only new memberships of our own data individuals, without owl:Thing noise.
    for s, p, o in inferred:
        assert p == RDF.type and str(s).startswith(iris.BASE + "id/")
        assert (s, p, o) not in data
        assert o not in (OWL.Thing, OWL.NamedIndividual)


INCONSISTENT = [
    ("inconsistent-disjoint.ttl", "https://w3id.org/canieti-kg/id/person/jane-doe",
     "kg:Organization and kg:Person are disjoint"),
    ("inconsistent-domain-range.ttl", "https://w3id.org/canieti-kg/id/person/jane-doe",
     "subject of kg:hasSection, whose domain is kg:Article"),
    ("inconsistent-functional.ttl", "https://w3id.org/canieti-kg/id/article/000_test/plan/plan-a/item/p1",
     "kg:position is functional"),
    ("inconsistent-irreflexive.ttl", "https://w3id.org/canieti-kg/id/article/000_test/tenure/ten-a",
     "is irreflexive"),
    ("inconsistent-asymmetric.ttl", "https://w3id.org/canieti-kg/id/article/000_test/tenure/ten-a",
     "is asymmetric"),
    ("inconsistent-datatype.ttl", "https://w3id.org/canieti-kg/id/event/convention-37",
     "the range of kg:edition is xsd:integer"),
]


@pytest.mark.java
@pytest.mark.parametrize(("name", "individual", "words"), INCONSISTENT, ids=[i[0] for i in INCONSISTENT])
def test_each_kind_of_axiom_catches_its_inconsistency_and_names_the_individual(
        paths: Paths, onto: Graph, name: str, individual: str, words: str) -> None:
    report = reason(fixture(name), paths, ontology=onto)
    assert not report.consistent
    assert report.problems and report.problems[0].individual == individual
    assert f"<{individual}>" in report.explanation and words in report.explanation


@pytest.mark.java
def test_an_inconsistent_ontology_leaves_no_reasoner_file_behind(
        paths: Paths, onto: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """owlready2 keeps HermiT's input file when HermiT finds a clash; the search for the culprit runs it
    on many samples, and each left a file of the whole ontology in the temporary folder."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert not reason(fixture("inconsistent-functional.ttl"), paths, ontology=onto).consistent
    assert list(tmp_path.iterdir()) == []


@pytest.mark.java
def test_a_clash_only_the_reasoner_sees_is_narrowed_to_its_individuals(paths: Paths, onto: Graph) -> None:
    report = reason(fixture("inconsistent-union-range.ttl"), paths, ontology=onto)
    assert not report.consistent
    text = report.explanation
    assert "organization/canieti>" in text and "person/jane-doe>" in text and "kg:promotes" in text
    assert "place/mexico" not in text and "initiative/code-x" not in text


@pytest.mark.java
def test_an_unsatisfiable_class_is_reported_with_its_disjoint_superclasses(paths: Paths, onto: Graph) -> None:
    report = reason(fixture("unsatisfiable-class.ttl"), paths, ontology=onto)
    assert report.consistent and not report.ok
    assert report.unsatisfiable == [ONTO_NS + "PersonOrganization"]
    assert ("kg:PersonOrganization is a subclass of both kg:Organization and kg:Person, which are disjoint"
            in report.explanation)


def test_missing_java_is_an_environment_problem(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(EnvironmentProblem, match="Java"):
        reason(None, paths)
    result = CliRunner().invoke(main, ["reason", "--root", str(REPO), "--data-file",
                                       str(FIXTURES / "valid-data.ttl")])
    assert result.exit_code == 3 and "Error: Java is needed" in result.output


# --- CLI -----------------------------------------------------------------------------------------

@pytest.mark.java
def test_cli_reason_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["reason", "--root", str(REPO), "--build", str(tmp_path),
                              "--data-file", str(FIXTURES / "valid-data.ttl")])
    assert ok.exit_code == 0, ok.output
    assert "consistent" in ok.output
    bad = runner.invoke(main, ["reason", "--root", str(REPO), "--build", str(tmp_path),
                               "--data-file", str(FIXTURES / "inconsistent-disjoint.ttl")])
    assert bad.exit_code == 1
    assert "<https://w3id.org/canieti-kg/id/person/jane-doe>" in bad.output


def test_cli_reason_bad_file_is_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle .", encoding="utf-8")
    result = CliRunner().invoke(main, ["reason", "--root", str(REPO), "--data-file", str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    error_lines = [ln for ln in result.output.splitlines() if ln.startswith("Error:")]
    assert len(error_lines) == 1 and "broken.ttl" in error_lines[0]


def test_cli_docs_writes_html_reference(tmp_path: Path) -> None:
    target = tmp_path / "site" / "ontology.html"
    result = CliRunner().invoke(main, ["docs", "--root", str(REPO), "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "industry chamber" in html and "cámara industrial" in html and "previous term" in html
    assert not list(target.parent.glob(".ontology-*"))  # no temporary file left behind


@pytest.mark.java
def test_cli_check_ontology_passes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check-ontology", "--root", str(REPO), "--build", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "OWL 2 DL profile (structural + OWL API OWL2DLProfile): ok" in result.output


def test_check_ontology_report_flags_a_broken_ontology(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(REPO / "ontology", tmp_path / "ontology")
    with (tmp_path / "ontology" / "canieti.ttl").open("a", encoding="utf-8") as fh:
        fh.write('\nkg:Orphan a owl:Class ; rdfs:subClassOf kg:Undeclared ; rdfs:label "orphan"@en .\n')
    report = check_ontology(Paths(root=REPO, ontology=tmp_path / "ontology"), owlapi=False)
    assert not report.ok
    assert any("kg:Undeclared is used as a class but not declared" in p for p in report.profile)
    assert "kg:Orphan has no label in 'es'" in report.labels


# --- the real corpus -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_data(paths: Paths) -> Graph:
    """Every graph the mapping makes from data/, merged (reasoning ignores which graph holds what)."""
    from kg.corpus import load_corpus
    from kg.mapping import map_corpus

    data = Graph()
    for graph in map_corpus(load_corpus(paths)).values():
        for triple in graph:
            data.add(triple)
    return data


def test_corpus_data_stays_in_owl2_dl_and_uses_only_declared_terms(onto: Graph, paths: Paths,
                                                                    corpus_data: Graph) -> None:
    assert structural_problems(onto + corpus_data) == []
    rows = run_checks(onto + corpus_data, paths, names=["undeclared-term-violation", "missing-label-violation"])
    assert rows == {"undeclared-term-violation": [], "missing-label-violation": []}


@pytest.mark.java
def test_corpus_data_is_in_owl2_dl_by_the_owl_api(onto: Graph, corpus_data: Graph) -> None:
    assert owlapi_problems(onto + corpus_data) == []


@pytest.mark.java
def test_hermit_finds_the_corpus_consistent_and_infers_memberships(onto: Graph, paths: Paths,
                                                                   corpus_data: Graph) -> None:
    report = reason(corpus_data, paths, ontology=onto)
    assert report.ok, report.explanation
    canieti = iris.entity_iri("organization", "canieti")
    assert (canieti, RDF.type, KG.Agent) in report.inferred
    assert len(report.inferred) > 100


@pytest.mark.java
def test_cli_reason_defaults_to_the_last_build(tmp_path: Path) -> None:
    import pyoxigraph

    build = tmp_path / "build"
    layout = Paths(root=REPO, build=build)
    layout.store.parent.mkdir(parents=True)
    store = pyoxigraph.Store(str(layout.store))
    data = fixture("inconsistent-disjoint.ttl").serialize(format="nt", encoding="utf-8")
    store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(str(iris.article_graph("000_test"))))
    # A stale inferred graph must not count as input: it would state what the reasoner should infer.
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(str(iris.entity_iri("person", "ghost"))),
                              pyoxigraph.NamedNode(str(RDF.type)), pyoxigraph.NamedNode(str(KG.Post)),
                              pyoxigraph.NamedNode(str(iris.INFERRED_GRAPH))))
    store.flush()
    del store
    layout.manifest.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["reason", "--root", str(REPO), "--build", str(build)])
    assert result.exit_code == 1, result.output
    assert "the last build (1 data graphs" in result.output
    assert "<https://w3id.org/canieti-kg/id/person/jane-doe>" in result.output
    assert "ghost" not in result.output


def test_hermit_jvm_options_reach_its_subprocess_only_and_a_users_own_are_left_alone(monkeypatch) -> None:
    """The serial collector and client compiler go to HermiT's JVM through owlready2's subprocess
    arguments, restored afterwards; with JAVA_TOOL_OPTIONS of the user's own, nothing is added (a
    second collector named beside theirs would stop the JVM)."""
    import owlready2

    from kg.ontology import _JVM_OPTIONS, _jvm_options

    kargs = owlready2.reasoning._subprocess_kargs
    before = dict(kargs)
    monkeypatch.delenv("JAVA_TOOL_OPTIONS", raising=False)
    with _jvm_options():
        assert kargs["env"]["JAVA_TOOL_OPTIONS"] == _JVM_OPTIONS and "JAVA_TOOL_OPTIONS" not in os.environ
    assert kargs == before
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC")
    with _jvm_options():
        assert kargs == before
    assert kargs == before
