"""`kg validate`: exit codes 0/1/3, the three report formats parse back, results name fact files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import SH

from kg.cli import main
from kg.config import Paths
from shapes_fixtures import load_fixture, with_context

REPO = Path(__file__).resolve().parent.parent
INVALID = REPO / "tests" / "shapes" / "invalid"
KG = rdflib.Namespace("https://w3id.org/canieti-kg/ontology#")


def _write(graph: rdflib.Graph, path: Path, fmt: str) -> Path:
    path.write_text(graph.serialize(format=fmt), encoding="utf-8")
    return path


@pytest.fixture()
def broken_offsets(tmp_path: Path) -> Path:
    """The base fixture with an offset broken (and the class hierarchy the shapes read)."""
    return _write(with_context(load_fixture(INVALID / "evidence-offsets-broken.ttl").data), tmp_path / "broken.ttl", "turtle")


def _run(*args: str) -> object:
    return CliRunner().invoke(main, ["validate", *args])


def test_violations_exit_1_and_name_the_fact_file_and_id(broken_offsets: Path) -> None:
    result = _run(str(broken_offsets))
    assert result.exit_code == 1, result.output
    assert "data/facts/t1.yaml: fact obs-members (observations): Violation: The quote's offsets do not match" in result.output
    assert "[sh:SPARQLConstraintComponent]" in result.output
    assert "Traceback" not in result.output


def test_json_report_parses_back(broken_offsets: Path) -> None:
    result = _run(str(broken_offsets), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["conforms"] is False
    offsets = [r for r in doc["results"] if r["shape"].endswith("#EvidenceOffsetsShape")]
    assert [(r["fact_file"], r["curator_id"], r["article"], r["severity"]) for r in offsets] == \
        [("data/facts/t1.yaml", "obs-members", "t1", "Violation")]
    assert doc["counts"]["Violation"] == sum(1 for r in doc["results"] if r["severity"] == "Violation")


def test_turtle_report_parses_back_as_a_shacl_report(broken_offsets: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.ttl"
    result = _run(str(broken_offsets), "--format", "turtle", "-o", str(out))
    assert result.exit_code == 1
    report = rdflib.Graph().parse(out, format="turtle")
    root = report.value(predicate=rdflib.RDF.type, object=SH.ValidationReport, any=False)
    assert report.value(root, SH.conforms).toPython() is False
    focus = rdflib.URIRef("https://w3id.org/canieti-kg/id/article/t1/observation/obs-members/evidence")
    hits = [r for r in report.objects(root, SH.result) if report.value(r, SH.focusNode) == focus]
    assert hits and str(report.value(hits[0], KG.factFile)) == "data/facts/t1.yaml"
    assert str(report.value(hits[0], KG.curatorId)) == "obs-members"


def test_nquads_keep_their_graphs_and_the_graph_check_runs(tmp_path: Path) -> None:
    """A fact stored in another article's graph is found by queries/checks/, which sees named graphs."""
    data = load_fixture(REPO / "tests" / "shapes" / "valid" / "base.ttl").data
    ds = rdflib.Dataset()
    wrong = ds.graph(rdflib.URIRef("https://w3id.org/canieti-kg/graph/article/t2"))
    right = ds.graph(rdflib.URIRef("https://w3id.org/canieti-kg/graph/article/t1"))
    moved = rdflib.URIRef("https://w3id.org/canieti-kg/id/article/t1/observation/obs-losses")
    for s, p, o in data:
        (wrong if s == moved else right).add((s, p, o))
    path = _write(ds, tmp_path / "data.nq", "nquads")
    result = _run(str(path), "--format", "json")
    assert result.exit_code == 1
    rows = [r for r in json.loads(result.stdout)["results"]
            if r["shape"] == "queries/checks/fact-outside-its-article-graph-violation.rq"]
    assert {(r["focus"], r["curator_id"], r["fact_file"]) for r in rows} == {(str(moved), "obs-losses", "data/facts/t1.yaml")}


def test_unreadable_data_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is < not turtle", encoding="utf-8")
    result = _run(str(bad))
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: ") and "bad.ttl" in result.stderr and "unreadable data" in result.stderr
    assert _run(str(tmp_path / "missing.ttl")).exit_code == 2  # (a file argument that is not there: usage, as everywhere)


@pytest.mark.parametrize("name", ["data.turtle", "data"])
def test_unknown_extension_is_a_usage_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("@prefix : <http://example.org/> .\n:a :b :c .\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert name in result.stderr and "unknown RDF file extension" in result.stderr and "rename it .ttl" in result.stderr


def test_unreadable_shapes_exit_3(tmp_path: Path, broken_offsets: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "ontology", root / "ontology")
    shutil.copytree(REPO / "queries", root / "queries")
    (root / "ontology" / "shapes" / "core.ttl").write_text("kgsh:Broken a sh:NodeShape", encoding="utf-8")
    result = _run("--root", str(root), str(broken_offsets))
    assert result.exit_code == 3
    assert "unreadable shapes" in result.stderr and "core.ttl" in result.stderr


def test_no_build_exits_3(tmp_path: Path) -> None:
    result = _run("--build", str(tmp_path / "nothing"))
    assert result.exit_code == 3
    assert "no build: run kg build" in result.stderr


def test_the_last_build_conforms(built_paths: Paths) -> None:
    result = _run("--build", str(built_paths.build), "--format", "json")
    assert result.exit_code == 0, result.stdout[-3000:] + result.stderr[-2000:]
    doc = json.loads(result.stdout)
    assert doc["conforms"] is True and doc["counts"]["Violation"] == 0


def test_the_summary_is_said_once_where_the_report_is_read(built_paths: Paths, tmp_path: Path) -> None:
    """The text report on stdout ends with the summary: stderr repeats it only when the report goes
    elsewhere (a file, or a machine format), where a person would not see it."""
    text = _run("--build", str(built_paths.build))
    summary = text.stdout.strip().splitlines()[-1]
    assert text.exit_code == 0 and summary.startswith("0 violations") and text.stderr == "", text.stderr
    to_file = _run("--build", str(built_paths.build), "-f", "json", "-o", str(tmp_path / "r.json"))
    assert to_file.exit_code == 0 and to_file.stdout == "" and to_file.stderr.strip() == summary
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["conforms"] is True
