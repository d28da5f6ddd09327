"""`kg export`: every format, determinism across runs and hash seeds, round trips, independent parsers."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, VOID, XSD

import kg.export
from kg import iris
from kg.cli import main
from kg.config import Paths
from kg.errors import UsageError
from kg.export import DATASET, FORMATS, VOID_GRAPH, canonical_literal, export, export_graphs, read_graph, serialize
from kg.store import article_nquads, open_read_only, read_manifest

sys.path.insert(0, str(Path(__file__).parent))
from export_fixtures import BUILT_AT, make_build, tricky_build  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
KG_BIN = Path(sys.executable).parent / "kg"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "export"
JENA = REPO / "scripts" / "jena"
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld",
                 "rdfxml": "xml"}
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
             "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
EXT = {name: exts[0] for name, (exts, _, _) in FORMATS.items()}


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return make_build(tmp_path_factory.mktemp("export-build") / "build")


def export_every_format(paths: Paths, out: Path, stem: str) -> dict[str, tuple[Path, str]]:
    """Every format, written by the CLI with the format inferred from the -o extension, with the line it
    reports on stderr."""
    files = {}
    for fmt, ext in EXT.items():
        target = out / f"{stem}{ext}"
        result = CliRunner().invoke(main, ["export", "--build", str(paths.build), "-o", str(target)])
        assert result.exit_code == 0, result.output
        files[fmt] = (target, result.stderr)
    return files


@pytest.fixture(scope="module")
def exports(fixture_build: Paths, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    written = export_every_format(fixture_build, tmp_path_factory.mktemp("exports"), "canieti")
    return {fmt: path for fmt, (path, _) in written.items()}


def store_graphs(paths: Paths) -> dict[str, rdflib.Graph]:
    store = open_read_only(paths)
    return {g.iri: read_graph(store, g.iri) for g in read_manifest(paths).graphs}


def raw_store_graph(store: ox.Store, graph_iri: str) -> rdflib.Graph:
    """A named graph exactly as an Oxigraph store holds it (its own canonical literal forms)."""
    g = rdflib.Graph()
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
    g.parse(data=data.decode("utf-8") if data else "", format="nt")
    return g


# --- formats and round trips -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_with_rdflib_is_isomorphic_to_the_store(fmt: str, exports: dict[str, Path],
                                                          fixture_build: Paths) -> None:
    expected = store_graphs(fixture_build)
    ds = rdflib.Dataset()
    ds.parse(exports[fmt], format=RDFLIB_FORMAT[fmt])
    if FORMATS[fmt][1]:  # quad format: every graph by name, plus the description in graph/void
        names = {str(g.identifier) for g in ds.graphs() if len(g)}
        assert names == set(expected) | {str(VOID_GRAPH)}
        for iri, graph in expected.items():
            assert isomorphic(ds.graph(rdflib.URIRef(iri)), graph), f"{fmt}: graph {iri} differs"
        void = ds.graph(VOID_GRAPH)
    else:  # triple format: everything merged into one graph, the description included
        void = read_graph_void(exports["nquads"])
        merged = rdflib.Graph()
        for graph in [*expected.values(), void]:
            for t in graph:
                merged.add(t)
        parsed = rdflib.Graph()
        for q in ds.quads((None, None, None, None)):
            parsed.add(q[:3])
        assert isomorphic(parsed, merged)
    assert (DATASET, VOID.triples, rdflib.Literal(str(sum(len(g) for g in expected.values())),
                                                  datatype=XSD.integer)) in void


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_through_oxigraph_gives_back_exactly_the_stored_quads(fmt: str, exports: dict[str, Path],
                                                                         fixture_build: Paths) -> None:
    original = open_read_only(fixture_build)
    reread = ox.Store()
    if FORMATS[fmt][1]:
        reread.load(path=str(exports[fmt]), format=OX_FORMAT[fmt])
        for info in read_manifest(fixture_build).graphs:
            assert isomorphic(raw_store_graph(reread, info.iri), raw_store_graph(original, info.iri)), info.iri
    else:
        reread.load(path=str(exports[fmt]), format=OX_FORMAT[fmt], to_graph=ox.NamedNode("urn:x"))
        back = raw_store_graph(reread, "urn:x")
        for info in read_manifest(fixture_build).graphs:
            stored = raw_store_graph(original, info.iri)
            assert all(t in back for t in stored if not any(isinstance(x, rdflib.BNode) for x in t)), info.iri
        assert len(back) == sum(len(raw_store_graph(original, g.iri)) for g in read_manifest(fixture_build).graphs) \
            + len(read_graph_void(exports["nquads"]))


def read_graph_void(nquads: Path) -> rdflib.Graph:
    ds = rdflib.Dataset()
    ds.parse(nquads, format="nquads")
    return ds.graph(VOID_GRAPH)


def test_literals_survive_byte_for_byte(exports: dict[str, Path]) -> None:
    text = exports["ntriples"].read_text(encoding="utf-8")
    assert "1\u00a0377 miembros" in text and "“its”" in text  # no-break space and curly quotes kept as UTF-8
    assert '"1,377 \\"members\\"\\nline two \\\\ backslash"' in text
    assert '"16.2"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text  # stored as 16.20
    assert '"1377.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert '"456000000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert '"Cámara Nacional de la Industria Electrónica"@es' in text


def test_canonical_numbers() -> None:
    def c(lex: str, dt: rdflib.URIRef = XSD.decimal) -> str:
        return str(canonical_literal(rdflib.Literal(lex, datatype=dt, normalize=False)))

    assert [c("1"), c("1.0"), c("16.20"), c("-0.50"), c("+007.100"), c("-0"), c("1E3")] == \
        ["1.0", "1.0", "16.2", "-0.5", "7.1", "0.0", "1000.0"]
    assert c("1.5E0", XSD.double) == "1.5e+00"
    # doubles keep every digit that tells them apart (the shortest form that reads back the same)
    assert [c(x, XSD.double) for x in ("1.0000001", "1.00000011", "0.1", "-0.0", "1E22", "123456789.5")] == \
        ["1.0000001e+00", "1.00000011e+00", "1e-01", "-0e+00", "1e+22", "1.234567895e+08"]
    assert (c("1", XSD.boolean), c("0", XSD.boolean), c("true", XSD.boolean)) == ("true", "false", "true")
    assert c("x") == "x"  # not a number: left alone (SHACL reports it, not the exporter)


def test_turtle_declares_the_usual_prefixes_and_reads_well(exports: dict[str, Path]) -> None:
    text = exports["turtle"].read_text(encoding="utf-8")
    for prefix in ("kg", "dcterms", "skos", "void", "dcat", "xsd", "owl", "rdfs"):
        assert f"PREFIX {prefix}: <{iris.PREFIXES[prefix]}>" in text
    assert "ns1:" not in text and "_:N" not in text
    assert "kg:value 1377.0 ;" in text and "kg:minValue 16.2 ;" in text


def test_void_description(exports: dict[str, Path], fixture_build: Paths) -> None:
    void = read_graph_void(exports["nquads"])
    manifest = read_manifest(fixture_build)
    assert (DATASET, DCTERMS.license, rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")) in void
    assert (f'<{DATASET}> <{DCTERMS.modified}> "{BUILT_AT}"^^<{XSD.dateTime}> <{VOID_GRAPH}> .'
            in exports["nquads"].read_text(encoding="utf-8").splitlines())
    assert (DATASET, rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset")) in void
    vocab = {str(o) for o in void.objects(DATASET, VOID.vocabulary)}
    assert {str(iris.KG), str(rdflib.namespace.SKOS), str(DCTERMS), str(rdflib.OWL)} <= vocab
    subsets = set(void.objects(DATASET, VOID.subset))
    assert subsets == {rdflib.URIRef(g.iri) for g in manifest.graphs}
    for g in manifest.graphs:
        assert int(void.value(rdflib.URIRef(g.iri), VOID.triples)) == g.triples


# --- determinism ---------------------------------------------------------------------------------


def test_byte_identical_across_runs_and_hash_seeds(fixture_build: Paths, exports: dict[str, Path],
                                                   tmp_path: Path) -> None:
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for fmt, first in exports.items():
            target = tmp_path / f"{seed}{EXT[fmt]}"
            subprocess.run([str(KG_BIN), "export", "--build", str(fixture_build.build), "-f", fmt, "-o", str(target)],
                           env=env, check=True, capture_output=True)
            assert target.read_bytes() == first.read_bytes(), f"{fmt} differs with PYTHONHASHSEED={seed}"


def test_stdout_equals_file(fixture_build: Paths, exports: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "--format", "nquads"])
    assert result.exit_code == 0
    assert result.stdout_bytes == exports["nquads"].read_bytes()


def test_golden_files(exports: dict[str, Path]) -> None:
    """Snapshots of the fixture build: N-Quads compared as text, the others as graphs.
    Regenerate with KG_UPDATE_SNAPSHOTS=1 after an intended change, and review the diff."""
    if os.environ.get("KG_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        for fmt, path in exports.items():
            shutil.copyfile(path, SNAPSHOTS / f"fixture{EXT[fmt]}")
    for fmt, path in exports.items():
        golden = SNAPSHOTS / f"fixture{EXT[fmt]}"
        assert golden.is_file(), f"missing snapshot {golden} (run with KG_UPDATE_SNAPSHOTS=1)"
        if fmt == "nquads":
            assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
        want, got = rdflib.Dataset(), rdflib.Dataset()
        want.parse(golden, format=RDFLIB_FORMAT[fmt])
        got.parse(path, format=RDFLIB_FORMAT[fmt])
        names = sorted({str(g.identifier) for g in got.graphs() if len(g)})
        assert names == sorted({str(g.identifier) for g in want.graphs() if len(g)})
        for name in names:
            assert isomorphic(got.graph(rdflib.URIRef(name)), want.graph(rdflib.URIRef(name))), (fmt, name)


# --- graph selection and errors ----------------------------------------------------------------


@pytest.mark.parametrize("selector,expected", [
    ("a1", {"graph/article/a1"}),
    ("entities", {"graph/entities"}),
    ("ontology", {"graph/ontology"}),
    ("inferred", {"graph/inferred"}),
    (iris.BASE + "graph/article/a2", {"graph/article/a2"}),
    # as SPARQL and Turtle write an IRI, and an article's own IRI as query results show it
    (f"<{iris.BASE}graph/entities>", {"graph/entities"}),
    (f" <{iris.BASE}graph/article/a2> ", {"graph/article/a2"}),
    (iris.BASE + "id/article/a1", {"graph/article/a1"}),
    (f"<{iris.BASE}id/article/a2>", {"graph/article/a2"}),
])
def test_graph_selection(selector: str, expected: set[str], fixture_build: Paths) -> None:
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "-f", "nquads",
                                       "--graph", selector])
    assert result.exit_code == 0, result.output
    graphs = {line.rsplit(" ", 2)[-2].strip("<>").removeprefix(iris.BASE)
              for line in result.stdout.splitlines()}
    assert graphs == expected | {"graph/void"}


def test_two_graphs_and_triple_format_merges(fixture_build: Paths) -> None:
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "-f", "ntriples",
                                       "-g", "a1", "-g", "entities"])
    assert result.exit_code == 0
    g = rdflib.Graph().parse(data=result.stdout, format="nt")
    expected = store_graphs(fixture_build)
    for iri in (iris.article_graph("a1"), iris.ENTITIES_GRAPH):
        assert all(t in g for t in expected[str(iri)])
    assert not any(t in g for t in expected[str(iris.article_graph("a2"))] if "a2" in str(t[0]))


def test_unknown_graph_is_a_usage_error_and_leaves_the_old_file(fixture_build: Paths, tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("previous good export\n")
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "-g", "nope", "-o", str(target)])
    assert result.exit_code == 2
    assert "no graph 'nope' in the build" in result.output and "Traceback" not in result.output
    assert target.read_text() == "previous good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]  # no temp file left behind


def test_unknown_extension_is_a_usage_error(fixture_build: Paths, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "cannot tell the format from the extension '.csv'" in result.output


def test_explicit_format_wins_over_extension(fixture_build: Paths, tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "-f", "nquads", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").splitlines()[0].endswith("> .")
    assert "nquads" in result.output


def test_no_build_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--build", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no build found" in result.output and "kg build" in result.output


# --- independent parsers -----------------------------------------------------------------------


RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "rdfxml": "rdfxml"}


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed: scripts/system-deps")
@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_accepts(fmt: str, exports: dict[str, Path], fixture_build: Paths) -> None:
    proc = subprocess.run(["rapper", "-i", RAPPER_SYNTAX[fmt], "-c", str(exports[fmt])],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    count = int(proc.stderr.split("returned ")[1].split()[0])
    quads = len(exports["nquads"].read_text(encoding="utf-8").splitlines())
    if fmt == "nquads":
        assert count == quads
    else:  # the merged graph: fewer only if two graphs share a triple
        assert 0 < count <= quads


def _jena_env(tmp_path: Path) -> dict[str, str]:
    """Debian's Jena 4.5 lacks a JSON-P implementation for its JSON-LD 1.1 reader (titanium), and the
    shared wrapper leaves out httpclient-cache, which its JSON-LD 1.0 reader (jsonld-java) needs: a
    `java` shim ahead on PATH adds that jar to the wrapper's classpath."""
    shim = tmp_path / "bin" / "java"
    shim.parent.mkdir(exist_ok=True)
    shim.write_text('#!/bin/sh\nif [ "$1" = "-cp" ]; then cp="$2:/usr/share/java/httpclient-cache.jar"; shift 2; '
                    'exec /usr/bin/java -cp "$cp" "$@"; fi\nexec /usr/bin/java "$@"\n')
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{shim.parent}:{os.environ['PATH']}"}


def _complaints(stderr: str) -> list[str]:
    """riot's warnings and errors (it logs an INFO line per file when given several)."""
    return [line for line in stderr.splitlines() if line.strip() and " INFO " not in line]


@pytest.mark.java
@pytest.mark.skipif(not JENA.exists() or shutil.which("java") is None, reason="Java or Jena not installed (scripts/jena needs both): scripts/system-deps")
def test_jena_riot_validates_every_format(exports: dict[str, Path], tmp_path: Path) -> None:
    files = [str(exports[f]) for f in ("turtle", "ntriples", "nquads", "trig", "rdfxml")]
    proc = subprocess.run([str(JENA), "riotcmd.riot", "--validate", *files], capture_output=True, text=True)
    assert proc.returncode == 0 and not _complaints(proc.stderr), proc.stderr
    proc = subprocess.run([str(JENA), "riotcmd.riot", "--syntax=jsonld10", "--validate", str(exports["jsonld"])],
                          capture_output=True, text=True, env=_jena_env(tmp_path))
    assert proc.returncode == 0 and not _complaints(proc.stderr), proc.stderr
    # riot's reading of the JSON-LD holds the same quads as our N-Quads
    proc = subprocess.run([str(JENA), "riotcmd.riot", "--syntax=jsonld10", "--out=nquads", str(exports["jsonld"])],
                          capture_output=True, text=True, env=_jena_env(tmp_path))
    jena = rdflib.Dataset().parse(data=proc.stdout, format="nquads")
    ours = rdflib.Dataset().parse(exports["nquads"], format="nquads")
    for g in ours.graphs():
        if len(g):
            assert isomorphic(jena.graph(g.identifier), g), g.identifier


# --- the real corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_build(content_build: Paths) -> Paths:
    return content_build


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_real_corpus_round_trips_and_rapper_reads_it(fmt: str, real_build: Paths, tmp_path: Path) -> None:
    target = tmp_path / f"corpus{EXT[fmt]}"
    result = CliRunner().invoke(main, ["export", "--build", str(real_build.build), "-o", str(target)])
    assert result.exit_code == 0, result.output
    original = open_read_only(real_build)
    reread = ox.Store()
    manifest = read_manifest(real_build)
    if fmt == "nquads":
        reread.load(path=str(target), format=ox.RdfFormat.N_QUADS)
        for info in manifest.graphs:  # blank nodes (OWL axioms) included, exact literal forms
            assert isomorphic(raw_store_graph(reread, info.iri), raw_store_graph(original, info.iri)), info.iri
            assert len(raw_store_graph(reread, info.iri)) == info.triples
    else:
        reread.load(path=str(target), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:x"))
        back = raw_store_graph(reread, "urn:x")
        for info in manifest.graphs:
            stored = raw_store_graph(original, info.iri)
            assert all(t in back for t in stored if not any(isinstance(x, rdflib.BNode) for x in t)), info.iri
    if shutil.which("rapper"):
        proc = subprocess.run(["rapper", "-i", RAPPER_SYNTAX[fmt], "-c", str(target)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def real_exports(real_build: Paths, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return export_every_format(real_build, tmp_path_factory.mktemp("real-exports"), "corpus")


def _reported(line: str) -> int:
    return int(re.search(r"(\d+) (?:triples|quads)\b", line).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_summary_counts_the_statements_written(fmt: str, real_exports: dict[str, tuple[Path, str]],
                                                   real_build: Paths) -> None:
    """A Turtle export of the corpus said 13211 triples where the file holds 13208: three org: triples are in
    two article graphs each, and the merged graph holds them once. A triple format reports the merged
    graph's triples, a quad format its quads, as a parser of the file counts them."""
    path, stderr = real_exports[fmt]
    statements = list(ox.parse(path=str(path), format=OX_FORMAT[fmt]))
    quads = FORMATS[fmt][1]
    assert f" {len(statements)} {'quads' if quads else 'triples'}" in stderr, stderr
    assert _reported(stderr) == len(statements)
    summed = sum(g.triples for g in read_manifest(real_build).graphs) + len(read_graph_void(real_exports["nquads"][0]))
    if quads:
        assert len(statements) == summed
    else:  # (the corpus has triples in several graphs: the test would not tell the counts apart without them)
        assert len(set(statements)) == len(statements) < summed
        assert f"({summed - len(statements)} held by more than one graph, written once)" in stderr


@pytest.mark.java
@pytest.mark.skipif(not JENA.exists() or shutil.which("java") is None, reason="Java or Jena not installed (scripts/jena needs both): scripts/system-deps")
def test_jena_counts_what_the_summary_reports(real_exports: dict[str, tuple[Path, str]]) -> None:
    fmts = ("turtle", "ntriples", "nquads", "trig", "rdfxml")
    proc = subprocess.run([str(JENA), "riotcmd.riot", "--count", *(str(real_exports[f][0]) for f in fmts)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    counted = [int(n.replace(",", "")) for n in re.findall(r": (?:Triples|Quads) = ([\d,]+)", proc.stdout + proc.stderr)]
    assert counted == [_reported(real_exports[f][1]) for f in fmts], proc.stdout + proc.stderr


@pytest.mark.parametrize("given, fmt", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("trig", "trig"),
                                        ("jsonld", "jsonld"), ("json-ld", "jsonld"), ("rdf", "rdfxml"),
                                        ("xml", "rdfxml"), ("owl", "rdfxml")])
def test_format_takes_the_short_names_and_extensions(given: str, fmt: str, fixture_build: Paths,
                                                     exports: dict[str, Path]) -> None:
    """`-f ttl` and `-f nq` were refused ("'ttl' is not one of 'turtle', ..."): every extension -o reads
    names its format for -f too (not json, kg query's JSON rows), as kg query takes ttl, nt, json-ld."""
    result = CliRunner().invoke(main, ["export", "--build", str(fixture_build.build), "-f", given])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == exports[fmt].read_bytes()
    assert kg.export.format_for(given, None) == fmt


def test_format_help_and_errors_list_the_other_names() -> None:
    listed = "turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld (json-ld), rdfxml (rdf, owl, xml)"
    result = CliRunner().invoke(main, ["export", "--help"], terminal_width=400)
    assert f"RDF format: {listed}" in " ".join(result.output.split())
    result = CliRunner().invoke(main, ["export", "-f", "n3"], prog_name="kg")
    assert result.exit_code == 2 and result.output == f"Error: Invalid value for '-f' / '--format': 'n3' is not one of {listed}. " \
        "(fix: see `kg export --help`)\n"
    result = CliRunner().invoke(main, ["export", "-f", "json"], prog_name="kg")  # (kg query's JSON rows)
    assert result.exit_code == 2 and "'json' is not one of" in result.output
    with pytest.raises(UsageError) as err:
        kg.export.format_for("n3", None)
    assert err.value.one_line() == f"--format: unknown export format 'n3' (fix: use one of {listed})"


# --- the text writers (Turtle, N-Triples, N-Quads, TriG) against rdflib's ----------------------


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return tricky_build(tmp_path_factory.mktemp("tricky") / "build")


def _fast(paths: Paths, fmt: str, graph: str | None = None) -> bytes:
    out = io.BytesIO()
    export(paths, fmt, [graph] if graph else None, out)
    return out.getvalue()


def _rdflib_way(paths: Paths, fmt: str, graph: str | None = None) -> bytes:
    graphs, _ = export_graphs(paths, [graph] if graph else None)
    return serialize(graphs, fmt)


@pytest.mark.parametrize("graph", [None, "t03", "ontology"])
def test_text_writers_match_rdflib(tricky: Paths, graph: str | None) -> None:
    """What the store's text gives, byte for byte what the canonical rdflib graphs give (the graphs
    the JSON-LD and RDF/XML writers take; N-Quads and N-Triples as rdflib writes them); Turtle and
    TriG hold the same graphs as N-Quads, literal forms included."""
    for fmt in ("nquads", "ntriples", "turtle", "trig"):  # (the latter two: the same writer, other reading)
        assert _fast(tricky, fmt, graph) == _rdflib_way(tricky, fmt, graph), fmt
    nquads = _fast(tricky, "nquads", graph).decode("utf-8")
    assert "\\t" not in nquads.replace("\\\\t", "")  # a tab is written as itself, as rdflib does
    exact = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False  # compare the lexical forms as written
    try:
        reference = rdflib.Dataset()
        reference.parse(data=nquads, format="nquads")
        trig = rdflib.Dataset()
        trig.parse(data=_fast(tricky, "trig", graph).decode("utf-8"), format="trig")
        for g in reference.graphs():
            if len(g):
                assert isomorphic(trig.graph(g.identifier), g), g.identifier
                assert {t for t in trig.graph(g.identifier) if not any(isinstance(x, rdflib.BNode) for x in t)} \
                    == {t for t in g if not any(isinstance(x, rdflib.BNode) for x in t)}
        merged = rdflib.Graph().parse(data=_fast(tricky, "ntriples", graph).decode("utf-8"), format="nt")
        turtle = rdflib.Graph().parse(data=_fast(tricky, "turtle", graph).decode("utf-8"), format="turtle")
        assert isomorphic(turtle, merged)
        assert {t for t in turtle if not any(isinstance(x, rdflib.BNode) for x in t)} \
            == {t for t in merged if not any(isinstance(x, rdflib.BNode) for x in t)}
    finally:
        rdflib.NORMALIZE_LITERALS = exact


@pytest.mark.parametrize("repeated,sample,chunks", [(10**9, 300, 4), (1, 300, 1), (2, 1, 100), (1, 10**9, 3)])
def test_every_way_of_reading_the_store_gives_the_same_text(tricky: Paths, monkeypatch: pytest.MonkeyPatch,
                                                           repeated: int, sample: int, chunks: int) -> None:
    """No pair through the VALUES table, every pair found in the sample, a sample of one article
    graph: the same text, in any number of chunks; and a selection of graphs reads as in the whole."""
    expected = _fast(tricky, "nquads")
    monkeypatch.setattr(kg.export, "_REPEATED", repeated)
    monkeypatch.setattr(kg.export, "_SAMPLE", sample)
    monkeypatch.setattr(kg.export, "_CHUNKS", chunks)
    assert _fast(tricky, "nquads") == expected
    infos = read_manifest(tricky).graphs
    store = open_read_only(tricky)
    whole = kg.export.read_subjects(store, infos)
    for some in (infos[1:4], infos[-2:]):
        part = kg.export.read_subjects(store, some)
        assert {iri: {s: sorted(r) for s, r in subjects.items()} for iri, subjects in part.graphs.items()} == \
            {i.iri: {s: sorted(r) for s, r in whole.graphs[i.iri].items()} for i in some}


def _article_files(paths: Paths) -> dict[str, Path]:
    return {i.iri: article_nquads(paths, i.article, i.digest)
            for i in read_manifest(paths).graphs if i.kind == "article" and i.article and i.digest}


def _sorted_graphs(read: kg.export._Read) -> dict[str, dict[str, list[str]]]:
    return {iri: {s: sorted(r) for s, r in subjects.items()} for iri, subjects in read.graphs.items()}


def test_article_graphs_are_read_from_the_build_files_only_where_their_stored_form_is_certain(tricky: Paths) -> None:
    """The N-Quads files the store was loaded from give the same subjects, texts and vocabularies as
    the store; a graph holding a form the store rewrites in ways not mirrored here (a control
    character) is read from the store."""
    files = _article_files(tricky)
    infos = read_manifest(tricky).graphs
    store = open_read_only(tricky)
    stored = kg.export.read_subjects(store, infos)
    mixed = kg.export.read_subjects(store, infos, files)
    assert stored.from_files == set()
    assert _sorted_graphs(mixed) == _sorted_graphs(stored)
    assert mixed.vocab == stored.vocab
    text = {iri: path.read_text("utf-8") for iri, path in files.items()}
    control = {iri for iri in files if re.search("[\x00-\x08\x0b-\x1f\x7f]", text[iri])}
    assert control and not control & mixed.from_files
    rewritten = {iri for iri in files if '"1e400"' in text[iri] or "XMLSchema#int>" in text[iri]}  # INF, "12"
    assert rewritten and not rewritten & mixed.from_files
    assert any('"1.00000011"' in text[iri] for iri in mixed.from_files)  # (doubles as the store tells them apart)
    read = [text[iri] for iri in mixed.from_files]
    assert any("@es-MX" in t for t in read)  # (lowercased by the store)
    assert any('"same"^^<http://www.w3.org/2001/XMLSchema#string>' in t and '"same" ' in t for t in read)
    assert any('"1"^^<http://www.w3.org/2001/XMLSchema#boolean>' in t and '"true"^^' in t for t in read)


@pytest.mark.parametrize("damage", ["missing", "truncated", "other graph", "garbled line", "empty object"])
def test_a_missing_or_damaged_build_file_is_read_from_the_store(tricky: Paths, tmp_path: Path, damage: str) -> None:
    files = _article_files(tricky)
    infos = read_manifest(tricky).graphs
    store = open_read_only(tricky)
    expected = _sorted_graphs(kg.export.read_subjects(store, infos, files))
    whole = kg.export.read_subjects(store, infos, files).from_files
    iri = sorted(whole)[0]
    text = files[iri].read_text("utf-8")
    broken = tmp_path / "broken.nq"
    if damage == "truncated":
        broken.write_text(text.split("\n", 1)[1], "utf-8")
    elif damage == "other graph":
        broken.write_text(text.replace(f"<{iri}> .", "<urn:other> ."), "utf-8")
    elif damage == "garbled line":
        first, rest = text.split("\n", 1)
        broken.write_text(first.split(" ")[0] + f" <{iri}> .\n" + rest, "utf-8")
    elif damage == "empty object":
        first, rest = text.split("\n", 1)
        s_, p_ = first.split(" ")[:2]
        broken.write_text(f"{s_} {p_}  <{iri}> .\n" + rest, "utf-8")
    read = kg.export.read_subjects(store, infos, {**files, iri: broken})
    assert read.from_files == whole - {iri}
    assert _sorted_graphs(read) == expected


@pytest.mark.parametrize("fmt", ["turtle", "nquads"])
def test_real_build_exports_the_same_bytes_from_its_files_as_from_its_store(fmt: str, real_build: Paths,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``kg build`` keeps a file for every article graph and every one of them is read from it."""
    files = _article_files(real_build)
    infos = read_manifest(real_build).graphs
    assert len(files) == sum(1 for i in infos if i.kind == "article") > 0
    assert kg.export.read_subjects(open_read_only(real_build), infos, files).from_files == set(files)
    from_files = _fast(real_build, fmt)
    monkeypatch.setattr(kg.export, "build_nquads", lambda *_: Path("/nonexistent/x.nq"))
    assert _fast(real_build, fmt) == from_files


def test_tricky_build_in_every_format_round_trips(tricky: Paths, tmp_path: Path) -> None:
    """Oxigraph reads every format back to exactly the stored quads (blank nodes up to renaming)."""
    original = open_read_only(tricky)
    for fmt in FORMATS:
        target = tmp_path / f"tricky{EXT[fmt]}"
        export(tricky, fmt, None, target)
        reread = ox.Store()
        if FORMATS[fmt][1]:
            reread.load(path=str(target), format=OX_FORMAT[fmt])
            for info in read_manifest(tricky).graphs:
                assert isomorphic(raw_store_graph(reread, info.iri),
                                  raw_store_graph(original, info.iri)), (fmt, info.iri)
        else:
            reread.load(path=str(target), format=OX_FORMAT[fmt], to_graph=ox.NamedNode("urn:x"))
            back = raw_store_graph(reread, "urn:x")
            for info in read_manifest(tricky).graphs:
                stored = raw_store_graph(original, info.iri)
                assert all(t in back for t in stored
                           if not any(isinstance(x, rdflib.BNode) for x in t)), (fmt, info.iri)


TEXT_FORMATS = ("turtle", "ntriples", "nquads", "trig")  # (RDF/XML cannot hold a control character)


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed: scripts/system-deps")
@pytest.mark.parametrize("fmt", [f for f in TEXT_FORMATS if f in RAPPER_SYNTAX])
def test_rapper_accepts_the_tricky_build(fmt: str, tricky: Paths, tmp_path: Path) -> None:
    target = tmp_path / f"tricky{EXT[fmt]}"
    export(tricky, fmt, None, target)
    proc = subprocess.run(["rapper", "-i", RAPPER_SYNTAX[fmt], "-c", str(target)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.java
@pytest.mark.skipif(not JENA.exists() or shutil.which("java") is None, reason="Java or Jena not installed (scripts/jena needs both): scripts/system-deps")
def test_jena_riot_validates_the_tricky_build(tricky: Paths, tmp_path: Path) -> None:
    files = []
    for fmt in TEXT_FORMATS:
        files.append(tmp_path / f"tricky{EXT[fmt]}")
        export(tricky, fmt, None, files[-1])
    proc = subprocess.run([str(JENA), "riotcmd.riot", "--validate", *map(str, files)], capture_output=True, text=True)
    # "x"^^xsd:decimal is there on purpose: riot warns about the value, not the syntax
    assert not [c for c in _complaints(proc.stderr) if "Lexical form 'x' not valid" not in c], proc.stderr


@pytest.mark.parametrize("token,expected", [
    ("<http://x/é>", "<http://x/é>"),
    ("_:b1", "_:b1"),
    ('"a\\tb\\\\t\\"c\\nd"', '"a\tb\\\\t\\"c\\nd"'),
    ('"x"@en-us', '"x"@en-us'),
    ("12", f'"12"^^<{XSD.integer}>'),
    ("-1.50", f'"-1.5"^^<{XSD.decimal}>'),
    (f'"1"^^<{XSD.decimal}>', f'"1.0"^^<{XSD.decimal}>'),
    ("1.5E0", f'"1.5e+00"^^<{XSD.double}>'),
    (f'"1.5"^^<{XSD.double}>', f'"1.5e+00"^^<{XSD.double}>'),
    (f'"INF"^^<{XSD.double}>', f'"INF"^^<{XSD.double}>'),
    ("true", f'"true"^^<{XSD.boolean}>'),
    (f'"2016"^^<{XSD.gYear}>', f'"2016"^^<{XSD.gYear}>'),
])
def test_terms_from_oxigraph_tsv(token: str, expected: str) -> None:
    assert kg.export._nt_from_tsv(token) == expected
