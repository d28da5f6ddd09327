"""`kg query`'s row formats: TSV as the W3C writes it (Turtle terms), JSON with numbers and booleans as
JSON's own, the project's ids short in tables, and one column order for SELECT * on every engine."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser

from kg import queries as Q
from kg.config import Paths
from kg.output import render

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries_fixtures import BASE, write_fixture_build  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
JENA = REPO / "scripts" / "jena"
ENGINES = ["oxigraph", "rdflib"]
ID = BASE + "id/"


def lit(text: str, datatype: URIRef | None = None, lang: str | None = None) -> Literal:
    """A literal as the engines hand it over: its lexical form untouched (rdflib's default would rewrite
    "007"^^xsd:short as "7" and "NaN"^^xsd:double as "nan" before the writer sees them)."""
    return Literal(text, datatype=datatype, lang=lang, normalize=False)


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return write_fixture_build(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def engines(fx: Paths) -> dict[str, Q.Engine]:
    return {name: Q.open_engine(fx, name) for name in ENGINES}


def terms_result() -> Q.QueryResult:
    """One row per kind of term the TSV writer must tell apart."""
    rows: list[tuple[URIRef | BNode | Literal | None, ...]] = [
        (URIRef(ID + "person/ana-lopez"), lit("4280", XSD.integer)),
        (BNode("b0"), lit("-17", XSD.integer)),
        (lit("tab\there, line\nbreak, \"quoted\", back\\slash, cr\r"), lit("4.9", XSD.decimal)),
        (lit("Cámara Nacional", lang="es"), lit("5", XSD.decimal)),  # a bare 5 would be an integer
        (lit("plain", XSD.string), lit("1.5E0", XSD.double)),
        (lit("2016", XSD.gYear), lit("1.5", XSD.double)),  # not a Turtle double without its exponent
        (lit("true", XSD.boolean), lit("1", XSD.boolean)),  # "1" is a boolean, not Turtle's bare true
        (lit("007", XSD.short), lit("NaN", XSD.double)),
        (None, lit("-.5", XSD.decimal)),
        (URIRef("http://example.org/a b"), None),  # an IRI Oxigraph would refuse, from an endpoint
    ]
    return Q.QueryResult(form="SELECT", variables=["a", "b"], rows=rows)


# --- TSV -----------------------------------------------------------------------------------------

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
EXPECTED_TSV = "\n".join([
    "?a\t?b",
    f"<{ID}person/ana-lopez>\t4280",
    "_:b0\t-17",
    '"tab\\there, line\\nbreak, \\"quoted\\", back\\\\slash, cr\\r"\t4.9',
    f'"Cámara Nacional"@es\t"5"^^<{XSD_NS}decimal>',
    '"plain"\t1.5E0',
    f'"2016"^^<{XSD_NS}gYear>\t"1.5"^^<{XSD_NS}double>',
    f'true\t"1"^^<{XSD_NS}boolean>',
    f'"007"^^<{XSD_NS}short>\t"NaN"^^<{XSD_NS}double>',
    f'\t"-.5"^^<{XSD_NS}decimal>',  # (bare, rdflib's readers fail on it: its issue #2962)
    "<http://example.org/a\\u0020b>\t",
]) + "\n"


def test_tsv_cells_are_rdf_terms_in_turtle_syntax() -> None:
    """W3C SPARQL 1.1 results TSV (§3): `?var` header, Turtle terms, escaped strings, empty when unbound."""
    assert render(terms_result(), "tsv") == EXPECTED_TSV


def test_tsv_keeps_one_cell_per_column_whatever_the_strings_hold() -> None:
    text = render(terms_result(), "tsv")
    lines = text.split("\n")
    assert lines[-1] == "" and "\r" not in text
    assert all(line.count("\t") == 1 for line in lines[:-1])


def _readable(term: object) -> object:
    """A term as rdflib's parsers build it (they normalize literals), to compare what was written with
    what was read."""
    if isinstance(term, Literal):
        datatype = None if term.datatype == XSD.string else term.datatype
        return Literal(str(term), datatype=datatype, lang=term.language)
    return term


def test_tsv_parses_back_to_the_same_terms_with_rdflib_and_oxigraph() -> None:
    result = terms_result()
    result.rows = result.rows[:-1]  # (rdflib's TSV grammar knows no \u escape in an IRI)
    text = render(result, "tsv")
    parsed = TSVResultParser().parse(io.StringIO(text))
    assert [str(v) for v in parsed.vars] == result.variables
    got = [tuple(_readable(b.get(v)) for v in parsed.vars) for b in parsed.bindings]
    assert got == [tuple(_readable(t) for t in row) for row in result.rows]
    solutions = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    assert [v.value for v in solutions.variables] == result.variables
    read = [tuple(Q.from_ox(sol[v]) if sol[v] is not None else None for v in result.variables) for sol in solutions]
    assert [tuple(_readable(t) for t in row) for row in read] == [tuple(_readable(t) for t in row) for row in result.rows]


def test_an_endpoints_blank_node_labels_become_turtle_labels() -> None:
    # (Virtuoso names blank nodes "nodeID://b10006": no Turtle label; the same one gives the same label)
    result = Q.QueryResult(form="SELECT", variables=["a", "b"],
                           rows=[(BNode("nodeID://b10006"), BNode("ok_1")), (BNode("nodeID://b10006"), BNode("x:y"))])
    text = render(result, "tsv")
    solutions = list(ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.TSV))
    first, second = [(sol["a"].value, sol["b"].value) for sol in solutions]
    assert first[0] == second[0] and first[1] == "ok_1" and second[1] not in (first[0], "ok_1")


def test_tsv_of_no_rows_is_its_header() -> None:
    assert render(Q.QueryResult(form="SELECT", variables=["s", "p"]), "tsv") == "?s\t?p\n"


def _jena_bindings(tsv: Path) -> list[dict[str, dict[str, str]]]:
    proc = subprocess.run([str(JENA), "arq.rset", "--in=tsv", "--out=json", str(tsv)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["results"]["bindings"]


@pytest.mark.java
@pytest.mark.skipif(not JENA.exists() or shutil.which("java") is None,
                    reason="Java or Jena not installed (scripts/jena needs both): scripts/system-deps")
def test_jena_reads_our_tsv_as_the_same_terms(tmp_path: Path) -> None:
    """Apache Jena's own TSV reader (arq.rset) turns our TSV into SPARQL JSON holding the same terms,
    lexical forms and all, as our SPARQL JSON."""
    result = terms_result()
    result.rows = result.rows[:-1]  # (an IRI with a space is no IRI to Jena, escaped or not)
    path = tmp_path / "r.tsv"
    path.write_text(render(result, "tsv"), encoding="utf-8")
    ours = json.loads(render(result, "sparql-json"))["results"]["bindings"]
    for binding in ours:  # (a string's xsd:string is implied in SPARQL JSON: Jena leaves it out)
        for value in binding.values():
            if value.get("datatype") == str(XSD.string):
                del value["datatype"]
    assert _jena_bindings(path) == ours


# --- JSON ----------------------------------------------------------------------------------------

def test_json_gives_numbers_and_booleans_as_json_values() -> None:
    values = [
        lit("4280", XSD.integer), lit("-0", XSD.integer), lit("007", XSD.short), lit("18446744073709551615", XSD.unsignedLong),
        lit("12345678901234567890123", XSD.nonNegativeInteger),
        lit("4900000000.5", XSD.decimal), lit("0.1", XSD.decimal), lit("5", XSD.decimal), lit("-.50", XSD.decimal),
        lit("1.5E0", XSD.double), lit("2.5e-3", XSD.float), lit("true", XSD.boolean), lit("0", XSD.boolean),
        # not valid for the datatype, or no JSON number: the text, as before
        lit("300", XSD.byte), lit("0", XSD.positiveInteger), lit("1.5", XSD.integer), lit("abc", XSD.decimal),
        lit("INF", XSD.double), lit("NaN", XSD.float), lit("1e400", XSD.double), lit("yes", XSD.boolean),
        # no number, whatever they look like
        lit("2016", XSD.gYear), lit("5"), lit("5", lang="en"), URIRef(ID + "organization/canieti"), None,
    ]
    names = [f"v{i}" for i in range(len(values))]
    text = render(Q.QueryResult(form="SELECT", variables=names, rows=[tuple(values)]), "json")
    assert "4900000000.5," in text and '"v6": 0.1,' in text  # the decimal's digits as written
    row = json.loads(text, parse_float=Decimal)[0]
    assert list(row) == names
    assert list(row.values()) == [
        4280, 0, 7, 18446744073709551615, 12345678901234567890123,
        Decimal("4900000000.5"), Decimal("0.1"), 5, Decimal("-0.50"), Decimal("1.5E0"), Decimal("2.5e-3"), True, False,
        "300", "0", "1.5", "abc", "INF", "NaN", "1e400", "yes",
        "2016", "5", "5", ID + "organization/canieti", None]


def test_json_lays_out_text_as_json_dumps_does() -> None:
    """The writer builds the JSON itself (for the decimals' digits): strings, keys and layout are those of
    ``json.dumps(indent=2, ensure_ascii=False)``."""
    odd = 'Cámara "x"\n\t\\ \u2028 😀'
    result = Q.QueryResult(form="SELECT", variables=["e", 'we"ird'], rows=[
        (URIRef(ID + "person/ana-lopez"), lit(odd, lang="es")), (BNode("b1"), None)])
    assert render(result, "json") == json.dumps(
        [{"e": ID + "person/ana-lopez", 'we"ird': odd}, {"e": "_:b1", 'we"ird': None}], indent=2, ensure_ascii=False) + "\n"
    assert render(Q.QueryResult(form="SELECT", variables=["e"]), "json") == "[]\n"
    assert render(Q.QueryResult(form="SELECT", variables=[], rows=[()]), "json") == json.dumps([{}], indent=2) + "\n"


# --- tables: ids, not full IRIs ------------------------------------------------------------------------

def ids_result() -> Q.QueryResult:
    return Q.QueryResult(form="SELECT", variables=["fact", "who", "graph", "cls"], rows=[
        (URIRef(ID + "article/000_5fec07e56bfc17d3/tenure/ten-mdlc-previous"),
         URIRef(ID + "person/mario-de-la-cruz-sarabia"), URIRef(BASE + "graph/article/000_5fec07e56bfc17d3"),
         URIRef(BASE + "ontology#Tenure")),
        (URIRef(ID), URIRef(ID + "organization/canieti"), URIRef(BASE + "graph/entities"),
         URIRef("http://example.org/other"))])


def test_tables_show_the_projects_iris_as_ids() -> None:
    labels = {ID + "organization/canieti": "CANIETI"}
    table = render(ids_result(), "table", labels).splitlines()
    assert table[2].split() == ["article/000_5fec07e56bfc17d3/tenure/ten-mdlc-previous",
                                "person/mario-de-la-cruz-sarabia", "graph/article/000_5fec07e56bfc17d3", "kg:Tenure"]
    # a label wins; the namespace itself is no id
    assert table[3].split() == [ID, "CANIETI", "graph/entities", "http://example.org/other"]
    md = render(ids_result(), "markdown", labels).splitlines()
    assert md[2] == ("| article/000_5fec07e56bfc17d3/tenure/ten-mdlc-previous | person/mario-de-la-cruz-sarabia "
                     "| graph/article/000_5fec07e56bfc17d3 | kg:Tenure |")
    assert md[3] == f"| {ID} | CANIETI | graph/entities | http://example.org/other |"


def test_machine_formats_keep_full_iris() -> None:
    fact = ID + "article/000_5fec07e56bfc17d3/tenure/ten-mdlc-previous"
    for fmt in ("csv", "tsv", "json", "sparql-json", "sparql-xml"):
        assert fact in render(ids_result(), fmt), fmt


# --- one answer, one output, whichever engine ----------------------------------------------------------

@pytest.mark.parametrize("name, params", [("entity-figures", {"entity": "canieti"}), ("article-facts", {"article": "art-a"}),
                                          ("article-metadata", {})])
def test_tsv_and_json_are_the_same_bytes_on_every_engine(fx: Paths, engines: dict[str, Q.Engine], name: str,
                                                         params: dict[str, str]) -> None:
    results = [Q.run_stored(fx, name, params, opened=engines[e]) for e in ENGINES]
    assert results[0].rows
    for fmt in ("tsv", "json"):
        assert render(results[0], fmt) == render(results[1], fmt), fmt


def test_figures_come_out_as_numbers_in_json(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    """The fixture's values are decimals ("1377.0", "3000000000"), printed in canonical form by both engines."""
    for engine in ENGINES:
        data = json.loads(render(Q.run_stored(fx, "entity-figures", {"entity": "canieti"}, opened=engines[engine]), "json"))
        assert sorted((d["value"] for d in data), key=lambda v: (v is None, v)) == [1377, 3000000000, None]
        tsv = render(Q.run_stored(fx, "entity-figures", {"entity": "canieti"}, opened=engines[engine]), "tsv")
        assert f'"1377"^^<{XSD_NS}decimal>' in tsv


# --- SELECT *: one column order ------------------------------------------------------------------

STAR = [
    # (query, the columns: in scope, in order of first appearance)
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o", ["s", "p", "o"]),
    ("SELECT * WHERE { ?z a ?y . OPTIONAL { ?z <http://www.w3.org/2004/02/skos/core#prefLabel> ?b } } ORDER BY ?z ?y ?b",
     ["z", "y", "b"]),
    # FILTER's and MINUS's variables are not in scope: rdflib gave them as empty columns
    ("SELECT * WHERE { ?c a ?a FILTER(!BOUND(?hidden)) MINUS { ?c <http://x/none> ?m } "
     "FILTER NOT EXISTS { ?c <http://x/none> ?n } } ORDER BY ?c ?a", ["c", "a"]),
    ("SELECT * WHERE { GRAPH ?g { ?q a ?k } BIND(STR(?k) AS ?ks) { SELECT ?q (COUNT(*) AS ?n) WHERE { ?q ?pp ?oo } "
     "GROUP BY ?q } } ORDER BY ?g ?q ?k", ["g", "q", "k", "ks", "n"]),
    ("SELECT DISTINCT * WHERE { ?x a ?t } ORDER BY ?x VALUES ?t { <https://w3id.org/canieti-kg/ontology#Person> }",
     ["x", "t"]),
]


@pytest.mark.parametrize("text, columns", STAR)
def test_select_star_gives_one_column_order_on_every_engine(engines: dict[str, Q.Engine], text: str,
                                                            columns: list[str]) -> None:
    """SPARQL 1.1 fixes which variables SELECT * projects, not their order: Oxigraph sorted them, rdflib
    gave a Python set's order (another at each run). kg gives the order of first appearance in the query."""
    results = [Q.run(engines[e], text) for e in ENGINES]
    assert [r.variables for r in results] == [columns, columns]
    # (the same rows; ties of ORDER BY, such as two languages' labels, come in each engine's own order)
    lines = [sorted(render(r, "tsv").splitlines()) for r in results]
    assert len(lines[0]) > 1 and lines[0] == lines[1]


def test_select_star_columns_from_the_parse() -> None:
    info = Q.check_query("SELECT * WHERE { ?b ?a ?c . OPTIONAL { ?c ?d ?e FILTER(?f) } "
                         "{ SELECT * WHERE { ?h ?i ?j } ORDER BY ?zz } } VALUES ?v { 1 }", None)
    assert info.star == ("b", "a", "c", "d", "e", "h", "i", "j", "v")
    assert Q.check_query("SELECT ?c ?a WHERE { ?a ?b ?c }", None).star is None
    assert Q.check_query("ASK { ?a ?b ?c }", None).star is None


@pytest.fixture()
def star_endpoint() -> Iterator[str]:
    """An endpoint that answers SELECT * with its columns sorted, and an always-empty one besides."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = {"head": {"vars": ["ghost", "o", "p", "s"]}, "results": {"bindings": [
                {"s": {"type": "uri", "value": "http://e/s"}, "p": {"type": "uri", "value": "http://e/p"},
                 "o": {"type": "literal", "value": "4.5", "datatype": str(XSD.decimal)}}]}}
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(json.dumps(body).encode("utf-8"))

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_select_star_from_an_endpoint_in_the_same_order(star_endpoint: str) -> None:
    res = Q.run(Q.EndpointEngine(star_endpoint, timeout=5), "SELECT * WHERE { ?s ?p ?o FILTER(?ghost) }")
    assert res.variables == ["s", "p", "o"]
    assert render(res, "tsv") == "?s\t?p\t?o\n<http://e/s>\t<http://e/p>\t4.5\n"
