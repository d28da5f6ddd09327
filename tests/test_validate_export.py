"""`kg validate FILE` on `kg export`'s files: the export of a conforming build conforms in every format, with
the build's own findings; a file of one graph says what it lacks; a genuinely bad file is still refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import RDF, SH

from kg import iris
from kg.cli import main
from kg.config import Paths
from kg.export import DATASET, FORMATS, VOID_GRAPH, export
from kg.rdfio import read_rdf_file
from kg.validation import Result, set_aside_description, validate_build, validate_file

EXT = {name: exts[0] for name, (exts, _, _) in FORMATS.items()}
ARTICLE = "000_5fec07e56bfc17d3"  # (data/facts/: it links shared entities and has warnings of its own)
ENTITY = iris.BASE + "id/"


def _keys(results: list[Result]) -> set[tuple]:
    """A finding with what it names for the curator: where, which fact, and what it says."""
    return {(r.severity, r.focus, r.path, r.shape, r.value, r.fact_file, r.curator_id, r.message) for r in results}


@pytest.fixture(scope="module")
def build_results(built_paths: Paths) -> list[Result]:
    report = validate_build(built_paths)
    assert report.conforms, report.render("text")[-2000:]
    return report.results


def _export(paths: Paths, tmp_path: Path, fmt: str, *graphs: str) -> Path:
    target = tmp_path / f"export-{'-'.join(graphs) or 'all'}{EXT[fmt]}"
    export(paths, fmt, list(graphs) or None, target)
    return target


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_export_of_a_conforming_build_conforms_with_the_builds_findings(
        fmt: str, built_paths: Paths, build_results: list[Result], tmp_path: Path) -> None:
    """Its VoID/DCAT description is not data (void:, dcat: and `void:vocabulary kg:` were "undeclared
    terms"), and a triple format's merged copy of the ontology is the ontology (beside the project's, each
    union-class range, a blank node, was a second range)."""
    path = _export(built_paths, tmp_path, fmt)
    result = CliRunner().invoke(main, ["validate", "--build", str(built_paths.build), str(path), "--format", "json"])
    assert result.exit_code == 0, result.stdout[-3000:] + result.stderr[-1000:]
    doc = json.loads(result.stdout)
    assert doc["conforms"] is True and doc["counts"]["Violation"] == 0
    assert _keys([Result(**r) for r in doc["results"]]) == _keys(build_results)


def test_the_description_is_set_aside_exactly(built_paths: Paths, tmp_path: Path) -> None:
    dataset = read_rdf_file(_export(built_paths, tmp_path, "nquads"))
    description = {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, VOID_GRAPH))}
    listed = set_aside_description(dataset)
    assert listed is not None and str(iris.ENTITIES_GRAPH) in listed and all(listed.values())
    assert not any(True for _ in dataset.quads((None, None, None, VOID_GRAPH)))
    assert not any(True for _ in dataset.quads((DATASET, None, None, None)))
    assert len(description) > 10


@pytest.mark.parametrize(("fmt", "graphs"), [
    ("nquads", ("entities",)), ("turtle", ("entities",)), ("turtle", ("ontology",)), ("ntriples", ("inferred",)),
    ("jsonld", ("inferred",)), ("rdfxml", ("entities", ARTICLE)),
])
def test_a_selection_of_graphs_that_stands_alone_conforms(fmt: str, graphs: tuple[str, ...], built_paths: Paths,
                                                          build_results: list[Result], tmp_path: Path) -> None:
    """graph/inferred is not validated, as in the build (it typed every entity "without a label" when alone)."""
    report = validate_file(_export(built_paths, tmp_path, fmt, *graphs), built_paths)
    assert report.conforms, report.render("text")[-2000:]
    expected = [r for r in build_results if r.article in graphs] if len(graphs) > 1 else []
    assert _keys(report.results) == _keys(expected)


@pytest.mark.parametrize("fmt", ["trig", "turtle"])
def test_an_article_alone_names_the_shared_entities_it_lacks(fmt: str, built_paths: Paths,
                                                            build_results: list[Result], tmp_path: Path) -> None:
    """An article's graph links shared entities it does not hold: each such link is a violation that says so
    and how to export them, never a complaint about the export's own triples."""
    report = validate_file(_export(built_paths, tmp_path, fmt, ARTICLE), built_paths)
    violations = [r for r in report.results if r.severity == "Violation"]
    assert violations and not report.conforms
    for r in violations:
        assert r.component == str(SH.ClassConstraintComponent) and r.value and r.value.startswith(ENTITY), r
        assert r.message.startswith("the shared entity is not in this file") and f"-g entities -g {ARTICLE}" in r.message
        assert r.article == ARTICLE and r.fact_file and r.curator_id
    others = [r for r in report.results if r.severity != "Violation"]
    assert _keys(others) == _keys([r for r in build_results if r.article == ARTICLE])


def test_a_bad_export_is_still_refused(built_paths: Paths, tmp_path: Path) -> None:
    """Undeclared terms in article data (VoID's among them) and anything else said about the dataset in
    graph/void are still violations: only the description's own form is set aside."""
    path = _export(built_paths, tmp_path, "nquads")
    article = f"<{iris.BASE}graph/article/{ARTICLE}>"
    canieti = f"<{ENTITY}organization/canieti>"
    extra = [
        f'{canieti} <http://rdfs.org/ns/void#triples> "5"^^<http://www.w3.org/2001/XMLSchema#integer> {article} .',
        f"{canieti} <{iris.KG}fundsFromm> <{ENTITY}organization/inadem> {article} .",
        f'<{DATASET}> <{iris.KG}bogus> "x" <{VOID_GRAPH}> .',
        f"<{DATASET}> <{RDF.type}> <http://rdfs.org/ns/void#Linkset> <{VOID_GRAPH}> .",
    ]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(extra) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--build", str(built_paths.build), str(path), "--format", "json"])
    assert result.exit_code == 1
    found = {(r["shape"], r["focus"]) for r in json.loads(result.stdout)["results"] if r["severity"] == "Violation"}
    check = "queries/checks/undeclared-term-violation.rq"
    assert found == {(check, "http://rdfs.org/ns/void#triples"), (check, f"{iris.KG}fundsFromm"),
                     (check, f"{iris.KG}bogus"), (check, "http://rdfs.org/ns/void#Linkset")}


def test_a_second_range_in_a_triple_format_export_is_still_caught(built_paths: Paths, tmp_path: Path) -> None:
    """The file's ontology is the one checked: a range or domain it adds is a second one."""
    path = _export(built_paths, tmp_path, "turtle")
    with path.open("a", encoding="utf-8") as out:
        out.write("\nkg:promotes rdfs:range kg:Person .\nkg:organizer rdfs:domain kg:Person .\n")
    report = validate_file(path, built_paths)
    found = {(r.shape, r.focus) for r in report.results if r.severity == "Violation"}
    assert found == {("queries/checks/multiple-range-violation.rq", f"{iris.KG}promotes"),
                     ("queries/checks/multiple-domain-violation.rq", f"{iris.KG}organizer")}


def test_an_edited_single_graph_export_is_validated_as_it_stands(built_paths: Paths, tmp_path: Path) -> None:
    """A triple-format export of graph/inferred is that graph again only while it holds what its description
    counts: a triple added to it is data, and checked."""
    path = _export(built_paths, tmp_path, "ntriples", "inferred")
    bad = f"<{ENTITY}organization/canieti> <{iris.KG}fundsFromm> <{ENTITY}organization/inadem> .\n"
    path.write_text(path.read_text(encoding="utf-8") + bad, encoding="utf-8")
    report = validate_file(path, built_paths)
    assert ("queries/checks/undeclared-term-violation.rq", f"{iris.KG}fundsFromm") in \
        {(r.shape, r.focus) for r in report.results if r.severity == "Violation"}


def test_a_turtle_file_without_the_ontology_declaration_gets_the_projects(built_paths: Paths, tmp_path: Path) -> None:
    """Only a file that declares the ontology (owl:Ontology) brings its own: an entities export has none, and
    its terms are found declared in the project's."""
    path = _export(built_paths, tmp_path, "turtle", "entities")
    graph = rdflib.Graph().parse(path, format="turtle")
    assert (iris.ONTOLOGY_IRI, RDF.type, rdflib.OWL.Ontology) not in graph
    assert validate_file(path, built_paths).results == []
