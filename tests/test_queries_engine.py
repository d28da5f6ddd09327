"""The query engine on a small hand-written build: engines agree, parameters are typed and bound as terms,
unsafe queries are refused, every format parses back, and every error path gives a clear one-line error."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from click.testing import CliRunner
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from kg import queries as Q
from kg.cli import main
from kg.config import Paths
from kg.errors import EndpointError, QueryError, UsageError
from kg.output import render

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries_fixtures import BASE, STRAY_GRAPH, write_fixture_build  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ENGINES = ["oxigraph", "rdflib"]
PFX = "PREFIX kg: <https://w3id.org/canieti-kg/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return write_fixture_build(tmp_path_factory.mktemp("qfx"))


@pytest.fixture(scope="module")
def engines(fx: Paths) -> dict[str, Q.Engine]:
    return {name: Q.open_engine(fx, name) for name in ENGINES}


def rows(result: Q.QueryResult) -> list[tuple[str, ...]]:
    return [tuple("" if t is None else t.n3() for t in row) for row in result.rows]


# --- engines over the build's graphs ----------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_triple_in_two_graphs_counts_once(engines: dict[str, Q.Engine], engine: str) -> None:
    # CANIETI's English prefLabel sits in the entities graph and in both article graphs.
    q = PFX + "SELECT ?l WHERE { <%sid/organization/canieti> skos:prefLabel ?l FILTER(LANG(?l) = 'en') }" % BASE
    assert rows(Q.run(engines[engine], q)) == [('"National Chamber of ICT"@en',)]
    q2 = PFX + "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:IndustryChamber }"
    assert rows(Q.run(engines[engine], q2))[0][0].startswith('"1"')


@pytest.mark.parametrize("distinct", ["", "DISTINCT"])
def test_fresh_oxigraph_engine_never_double_counts(fx: Paths, distinct: str) -> None:
    # a fresh engine: DISTINCT queries read the graphs in place, the others a deduplicated copy
    eng = Q.open_engine(fx, "oxigraph")
    q = PFX + f"SELECT {distinct} ?s ?l WHERE {{ ?s a kg:IndustryChamber ; skos:prefLabel ?l FILTER(LANG(?l) = 'en') }}"
    assert len(Q.run(eng, q).rows) == 1
    counted = Q.run(eng, PFX + "SELECT DISTINCT (COUNT(?s) AS ?n) WHERE { ?s a kg:IndustryChamber }")
    assert str(counted.rows[0][0]) == "1"


def test_set_semantics_detection() -> None:
    assert Q.check_query("SELECT DISTINCT ?s WHERE { ?s ?p ?o } LIMIT 3", None).set_semantics
    assert not Q.check_query("SELECT ?s WHERE { ?s ?p ?o }", None).set_semantics
    assert not Q.check_query("SELECT DISTINCT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }", None).set_semantics
    assert Q.check_query("CONSTRUCT WHERE { ?s ?p ?o }", None).set_semantics
    # one row per group, and aggregates blind to multiplicity
    grouped = "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (MAX(?o) AS ?m) WHERE { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(DISTINCT ?o) > 1) ORDER BY ?s LIMIT 4"
    assert Q.check_query(grouped, None).set_semantics
    assert not Q.check_query("SELECT ?s (SUM(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", None).set_semantics
    assert not Q.check_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", None).set_semantics
    # an inner LIMIT picks rows out of a multiset: duplicates could change which
    assert not Q.check_query("SELECT DISTINCT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 2 } }", None).set_semantics
    assert not Q.check_query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", None).set_semantics


def test_grouped_query_counts_each_triple_once_on_every_oxigraph_path(fx: Paths) -> None:
    # CANIETI's English prefLabel sits in several graphs; the union of graphs would see it once per graph
    q = PFX + "SELECT ?s (COUNT(DISTINCT ?l) AS ?n) (SAMPLE(?l) AS ?one) WHERE { ?s a kg:IndustryChamber ; skos:prefLabel ?l FILTER(LANG(?l) = 'en') } GROUP BY ?s"
    assert Q.check_query(q, None).set_semantics
    for union in (True, False):
        eng = Q.OxigraphEngine(fx, union=union)
        assert [str(r[1]) for r in Q.run(eng, q).rows] == ["1"]


@pytest.mark.parametrize("engine", ENGINES)
def test_graph_outside_the_manifest_is_invisible(engines: dict[str, Q.Engine], engine: str) -> None:
    q = PFX + "SELECT ?s WHERE { { ?s skos:altLabel 'Stray Name'@en } UNION { GRAPH ?g { ?s a kg:Person } FILTER(?g = <%s>) } }" % STRAY_GRAPH
    assert Q.run(engines[engine], q).rows == []


@pytest.mark.parametrize("engine", ENGINES)
def test_graph_keyword_sees_build_graphs_only(engines: dict[str, Q.Engine], engine: str) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    got = [r[0] for r in rows(Q.run(engines[engine], q))]
    assert got == sorted(f"<{BASE}graph/{x}>" for x in ("article/art-a", "article/art-b", "entities", "ontology"))


def test_engines_agree_on_every_stored_query(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    defaults = {"person-posts": {"person": "mario"}, "agreement-parties": {"agreement": "canieti"},
                "work-plan-items": {"plan": "canieti"}, "items-referring-to": {"entity": "canieti"},
                "statements-by": {"speaker": "mario"}, "event-participants": {"event": "canieti"},
                "event-figures": {"event": "canieti"},
                "event-series-editions": {"series": "canieti"}, "initiative-supporters": {"initiative": "canieti"},
                "article-facts": {"article": "art-a"}, "fact-provenance": {"text": "billion"},
                "figures-by-measure": {"measure": "losses"}, "figures-in-year": {"year": "2016"},
                "figures-by-kind": {"kind": "projection"}, "figures-by-comparator": {"comparator": "more-than"},
                "figures-by-source": {"source": "mario"},
                "search-label": {"text": "chamber"}, "post-holders": {"post": "president"},
                "organization-people": {"organization": "canieti"}, "items-by-topic": {"topic": "security"}}
    for stored in Q.load_catalogue(fx):
        params = defaults.get(stored.name, {})
        try:
            results = [Q.run(engines[e], stored.text, params, stored=stored) for e in ENGINES]
        except UsageError as err:  # e.g. an entity kind the fixture lacks: the same on both engines
            with pytest.raises(UsageError):
                Q.run(engines["rdflib"], stored.text, params, stored=stored)
            assert "parameter" in str(err)
            continue
        if stored.name == "entity-graph":
            assert rdflib.compare.isomorphic(results[0].graph, results[1].graph), stored.name
        else:
            assert rows(results[0]) == rows(results[1]), stored.name


@pytest.mark.parametrize("engine", ENGINES)
def test_a_measure_or_topic_takes_in_its_narrower_ones(fx: Paths, engines: dict[str, Q.Engine], engine: str) -> None:
    """skos:broader* from the parameter: a family's figures carry the narrower measure, an item the narrower topic."""
    money = Q.run_stored(fx, "figures-by-measure", {"measure": "money"}, opened=engines[engine])
    got = sorted((str(r.get("observation")).rsplit("/", 1)[1], str(r.get("observationMeasure")).rsplit("/", 1)[1])
                 for r in money.dicts())
    assert got == [("o2", "losses"), ("o3", "losses")]
    topic = Q.run_stored(fx, "items-by-topic", {"topic": "security"}, opened=engines[engine])
    assert [(str(r.get("item")).rsplit("/", 1)[1], str(r.get("itemTopic")).rsplit("/", 1)[1], r.get("status"))
            for r in topic.dicts()] == [("canieti", "cyber", None)]


@pytest.mark.parametrize("engine", ENGINES)
def test_decimals_are_canonical_on_every_engine(engines: dict[str, Q.Engine], engine: str) -> None:
    # the fixture writes "1377.0" and "375000000000.00": Oxigraph canonicalizes, rdflib keeps them; we print one form
    q = PFX + "SELECT ?v WHERE { ?o kg:value|kg:minValue ?v } ORDER BY ?v"
    got = [str(r[0]) for r in Q.run(engines[engine], q).rows]
    assert sorted(got) == sorted(["1377", "3000000000", "375000000000"])


def _ordering_store() -> ox.Store:
    """Values SPARQL 1.1 orders: in ?v strings (accents, capitals, empty) and IRIs, in ?n integers and
    decimals (10 twice, as an integer and a decimal), each column unbound on some rows; ?w repeats values
    so that later keys decide."""
    xsd = rdflib.XSD

    def typed(value: str, datatype: rdflib.URIRef) -> ox.Literal:
        return ox.Literal(value, datatype=ox.NamedNode(str(datatype)))

    texts = [ox.Literal("Zeta"), ox.Literal("alpha"), ox.Literal("Álamo"), ox.Literal("alpha beta"), ox.Literal(""),
             ox.NamedNode("https://e.org/b"), ox.NamedNode("https://e.org/B"), ox.NamedNode("https://e.org/a/1"), None]
    numbers = [typed("10", xsd.integer), typed("9", xsd.integer), typed("9.5", xsd.decimal), typed("-2", xsd.integer),
               typed("10.0", xsd.decimal), typed("3", xsd.int), typed("0.25", xsd.decimal), None]
    store = ox.Store()
    for i in range(len(texts) * len(numbers)):
        row = ox.NamedNode(f"https://e.org/row/{i:03d}")
        store.add(ox.Quad(row, ox.NamedNode("https://e.org/w"), typed(str(i % 3), xsd.integer)))
        for prop, values in (("v", texts), ("n", numbers)):
            value = values[(i // (1 if prop == "v" else len(texts))) % len(values)]
            if value is not None:
                store.add(ox.Quad(row, ox.NamedNode(f"https://e.org/{prop}"), value))
    return store


@pytest.mark.parametrize("order", ["?v ?w ?row", "DESC(?n) ?row", "?w DESC(?v) ?row", "ASC(?n) ?v ?row", "?n ?v ?w ?row"])
def test_rows_sorted_in_python_come_in_oxigraph_order(order: str) -> None:
    """The final ORDER BY of a listing is applied to the decoded rows (kg.queries.sort_rows): the same
    order as Oxigraph's own, on values SPARQL orders (numbers of mixed types by value, strings by code
    point, unbound first, IRIs before literals)."""
    store = _ordering_store()
    text = ("SELECT ?row ?v ?n ?w WHERE { ?row <https://e.org/w> ?w "
            f"OPTIONAL {{ ?row <https://e.org/v> ?v }} OPTIONAL {{ ?row <https://e.org/n> ?n }} }} ORDER BY {order}")
    info = Q.QueryInfo(form="SELECT", uses_graph=False)
    expected = Q._ox_result(store.query(text), info)
    plan = Q.check_query(text, None).order
    assert plan is not None and "ORDER" not in plan.text
    unordered = Q._ox_result(store.query(plan.text), info)
    shuffled = list(reversed(unordered.rows))
    assert Q.sort_rows(unordered.variables, shuffled, plan.keys) == expected.rows


@pytest.mark.parametrize("values", [
    '"1.5"^^xsd:double 1 "0.5"^^xsd:float "0.1"^^xsd:decimal',  # promotion to float or double
    '"2020-01-01T01:00:00+02:00"^^xsd:dateTime "2020-01-01T00:00:00Z"^^xsd:dateTime',  # instants, not text
    '"2020-01-02+05:00"^^xsd:date "2020-01-01"^^xsd:date',  # a time zone
    '"-0002"^^xsd:gYear "-0001"^^xsd:gYear "12000"^^xsd:gYear'])  # years text order would misplace
def test_keys_python_does_not_order_go_back_to_oxigraph(engines: dict[str, Q.Engine], values: str) -> None:
    text = ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
            f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }} ORDER BY ?x")
    engine = engines["oxigraph"]
    assert Q.check_query(text, engine.graphs).order is not None
    expected = Q._ox_result(engine.store.query(text), Q.QueryInfo(form="SELECT", uses_graph=False))  # type: ignore[attr-defined]
    assert Q.run(engine, text).rows == expected.rows
    unordered = Q._ox_result(engine.store.query(Q.check_query(text, None).order.text),  # type: ignore[attr-defined,union-attr]
                             Q.QueryInfo(form="SELECT", uses_graph=False))
    with pytest.raises(Q._Unsure):
        Q.sort_rows(unordered.variables, unordered.rows, (("x", False),))


def test_odd_keys_sort_without_error(engines: dict[str, Q.Engine]) -> None:
    """A key bound nowhere (a variable of SELECT * seen only inside FILTER NOT EXISTS), ill-typed numbers
    and a signalling NaN: sorted, not a traceback."""
    engine = engines["oxigraph"]
    star = "SELECT * WHERE { ?a ?p ?o FILTER NOT EXISTS { ?a <http://e.org/q> ?b } } ORDER BY ?b ?a ?p ?o"
    assert Q.run(engine, star).rows
    odd = ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nSELECT ?x WHERE { VALUES ?x { \"sNaN\"^^xsd:decimal "
           "\"abc\"^^xsd:integer \"1.5\"^^xsd:integer 2 \"1_0\"^^xsd:integer \"true\"^^xsd:boolean false } } ORDER BY ?x")
    rows = Q.run(engine, odd).rows
    assert [str(r[0]) for r in rows][:1] == ["2"] and len(rows) == 7


@pytest.mark.parametrize("text", [
    "SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x LIMIT 10",  # LIMIT after it: Oxigraph sorts and cuts
    "SELECT ?x WHERE { ?x ?p ?o } ORDER BY STR(?x)",  # an expression
    "SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?o",  # not projected
    "SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?o # ORDER BY ?x",  # a comment that looks like one
    "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x } }",  # a subquery's
    "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o } ORDER BY ?x",
    "SELECT ?x WHERE { ?x ?p ?o }"])
def test_oxigraph_keeps_the_orderings_python_does_not_apply(text: str) -> None:
    assert Q.check_query(text, None).order is None


@pytest.mark.parametrize("term", [
    ox.NamedNode("https://example.org/a?b#c"), ox.Literal("plain"), ox.Literal(""), ox.Literal('quo"te\nnew line'),
    ox.Literal("Cámara", language="es"), ox.Literal("x", language="en-gb"),
    ox.Literal("42", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
    ox.Literal("007", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
    ox.Literal(" -5 ", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
    ox.Literal("1_000", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
    ox.Literal("abc", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
    ox.Literal("12345678901234567890123", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
    ox.Literal("1.50", datatype=ox.NamedNode(str(rdflib.XSD.decimal))),
    ox.Literal("2008", datatype=ox.NamedNode(str(rdflib.XSD.gYear))),
    ox.Literal("2020-01-02", datatype=ox.NamedNode(str(rdflib.XSD.date))),
    ox.BlankNode("b0")])
def test_result_terms_read_directly_as_on_the_general_path(term: object) -> None:
    """IRIs, strings and integers skip the general conversion (most of reading 10,000 rows): same terms."""
    fast, general = Q.from_ox(term), Q._from_ox_general(term)
    assert (type(fast), str(fast)) == (type(general), str(general))
    if isinstance(fast, rdflib.Literal):
        assert (fast.datatype, fast.language) == (general.datatype, general.language)  # type: ignore[union-attr]
        assert fast.eq(general) and hash(fast) == hash(general)


# --- parameters ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", ["canieti", f"{BASE}id/organization/canieti", f"<{BASE}id/organization/canieti>",
                                   "CANIETI", "canieti", "Cámara Nacional", "camara nacional", "National Chamber of ICT"])
def test_entity_parameter_by_id_iri_name_alias(fx: Paths, engines: dict[str, Q.Engine], engine: str, value: str) -> None:
    res = Q.run_stored(fx, "entity-figures", {"entity": value}, opened=engines[engine])
    assert len(res.rows) == 3
    assert {str(r[0]) for r in res.rows} == {f"{BASE}id/organization/canieti"}


def test_ambiguous_name_lists_candidates(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    with pytest.raises(UsageError) as err:
        Q.run_stored(fx, "person-posts", {"person": "ana lopez"}, opened=engines["oxigraph"])
    msg = err.value.one_line()
    assert "ambiguous" in msg and "person/ana-lopez " in msg + " " and "person/ana-lopez-2" in msg


@pytest.mark.parametrize("params, pattern", [
    ({"threshold": "ten"}, r"threshold \(decimal\): not a decimal"),
    ({"threshold": "1e9"}, r"not a decimal"),
    ({"currency": "XYZ"}, r"unknown unit"),
    ({"nope": "1"}, r"has no parameter 'nope'"),
])
def test_bad_parameter_values(fx: Paths, engines: dict[str, Q.Engine], params: dict[str, str], pattern: str) -> None:
    with pytest.raises(UsageError) as err:
        Q.run_stored(fx, "money-above", params, opened=engines["oxigraph"])
    assert re.search(pattern, err.value.one_line())
    assert err.value.exit_code == 2


def test_param_types() -> None:
    p = lambda t: Q.Param(name="x", type=t)  # noqa: E731
    assert Q.parse_literal(p("integer"), "+007").n3() == '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert str(Q.parse_literal(p("decimal"), "16.20")) == "16.2"
    assert str(Q.parse_literal(p("decimal"), "3.0")) == "3"
    assert Q.parse_literal(p("year"), "2016").datatype == rdflib.XSD.gYear
    assert Q.parse_literal(p("lang-string"), "Ciudad de México@es").language == "es"
    assert Q.parse_literal(p("language"), " ES-mx ") == rdflib.Literal("es-mx")  # (as LANG() returns it)
    assert Q.parse_iri(p("iri"), "kg:Person") == rdflib.URIRef(BASE + "ontology#Person")
    for t, bad in (("integer", "1.5"), ("date", "2016-13-01"), ("date", "2016"), ("year", "16"),
                   ("boolean", "yes"), ("lang-string", "no tag"), ("language", ""), ("language", "en-"),
                   ("language", "e n"), ("language", "en-abcdefghi")):
        with pytest.raises(UsageError):
            Q.parse_literal(p(t), bad)
    with pytest.raises(UsageError, match="unknown prefix 'foaf'"):
        Q.parse_iri(p("iri"), "foaf:Person")
    with pytest.raises(UsageError, match="not a valid IRI"):
        Q.parse_iri(p("iri"), "http://x y")
    # what passes a character check and still fails Oxigraph's IRI parser (it was a ValueError traceback)
    for bad in ("http://x/%zz", "http://[::1", "<http://x/%G0>"):
        with pytest.raises(UsageError, match=r"not a valid IRI \(Invalid"):
            Q.parse_iri(p("iri"), bad)
    for bad in ("text@en-a", "text@en-abcdefghi"):  # (well-formed BCP 47 only: Oxigraph refuses the others)
        with pytest.raises(UsageError, match="expected text@lang"):
            Q.parse_literal(p("lang-string"), bad)


def test_currency_by_code_label_or_iri_binds_the_same_unit(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    usd = "http://qudt.org/vocab/unit/CCY_USD"
    for engine in ENGINES:
        for value in ("USD", "us  DOLLAR", usd):  # (labels are matched folded)
            result = Q.run_stored(fx, "money-above", {"threshold": "1000", "currency": value}, opened=engines[engine])
            assert result.rows and {str(r[1]) for r in result.rows} == {usd}, (engine, value)


class _Counting:
    """An engine that records the queries a resolver sends it."""

    def __init__(self, engine: Q.Engine, calls: list[str]) -> None:
        self.engine, self.calls, self.name, self.graphs = engine, calls, engine.name, engine.graphs

    def execute(self, text, info, bindings):  # type: ignore[no-untyped-def]
        self.calls.append(text)
        return self.engine.execute(text, info, bindings)

    def mentions(self, iri):  # type: ignore[no-untyped-def]
        return self.engine.mentions(iri)


def test_a_resolver_reads_the_units_labels_once(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    calls: list[str] = []
    resolver = Q.Resolver(_Counting(engines["oxigraph"], calls))  # type: ignore[arg-type]
    param = Q.Param(name="currency", type="unit")
    assert str(resolver.resolve_unit(param, "USD")) == str(resolver.resolve_unit(param, "us dollar")) == \
        "http://qudt.org/vocab/unit/CCY_USD"
    assert len(calls) == 1


def test_a_refused_article_reads_the_article_ids_once(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    calls: list[str] = []
    resolver = Q.Resolver(_Counting(engines["oxigraph"], calls))  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="no such article") as refused:
        resolver.resolve_article(Q.Param(name="article", type="article"), "zzz")
    assert refused.value.hint == "the articles: art-a, art-b"  # (no close id: the choices are listed)
    assert sum("kg:Article" in text for text in calls) == 1


@pytest.mark.parametrize("layout", ["build only", "stray graph", "default graph"])
def test_oxigraph_existence_probe_equals_the_sparql_probe(fx: Paths, tmp_path: Path, layout: str) -> None:
    """The Resolver asks the embedded store directly whether an IRI occurs; it must answer as its SPARQL
    probe does on the same engine: build graphs only, subject or object position. "build only": the
    store's union is the build; "stray graph": a graph the manifest does not list (the fixture as
    written: ghost as a subject, phantom as an object); "default graph": a triple outside every graph."""
    paths = fx if layout == "stray graph" else write_fixture_build(tmp_path, stray=False)
    if layout == "default graph":
        store = ox.Store(str(paths.store))
        store.add(ox.Quad(ox.NamedNode(f"{BASE}id/person/ghost"), ox.NamedNode(f"{BASE}ontology#follows"),
                          ox.NamedNode(f"{BASE}id/person/phantom"), ox.DefaultGraph()))
        del store
    eng = Q.OxigraphEngine(paths)
    assert eng.union is (layout == "build only")

    iris = [f"{BASE}id/organization/canieti", f"{BASE}id/person/ghost", f"{BASE}id/person/phantom",
            f"{BASE}id/person/nobody", "http://qudt.org/vocab/unit/NUM", f"{BASE}vocab/comparator/between",
            f"{BASE}graph/article/art-a"]
    answers = {iri: Q.Resolver(eng).exists(iri) for iri in iris}
    assert answers == {iri: Q.sparql_mentions(eng, iri) for iri in iris}
    assert answers[f"{BASE}id/organization/canieti"] and answers["http://qudt.org/vocab/unit/NUM"]
    assert not any(answers[f"{BASE}id/person/{name}"] for name in ("ghost", "phantom", "nobody"))


def test_missing_required_parameter(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    with pytest.raises(UsageError, match="missing required parameter person"):
        Q.run_stored(fx, "person-posts", {}, opened=engines["oxigraph"])


def test_threshold_parameter_binds_inside_filter(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    for engine in ENGINES:
        high = Q.run_stored(fx, "money-above", {"threshold": "10000000000"}, opened=engines[engine])
        low = Q.run_stored(fx, "money-above", {"threshold": "1000"}, opened=engines[engine])
        assert len(high.rows) == 1 and len(low.rows) == 2, engine


# --- injection -----------------------------------------------------------------------------------------

INJECTIONS = ['x" } ; DROP ALL ; #', "<http://evil> } UNION { ?s ?p ?o", "x' } UNION { ?s ?p ?o } #",
              '"""\n} DELETE WHERE { ?s ?p ?o } #']


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_matches_nothing_and_changes_nothing(fx: Paths, engines: dict[str, Q.Engine], engine: str,
                                                        value: str) -> None:
    eng = engines[engine]
    before = Q.run(eng, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    # a string parameter: bound as a literal, so it matches nothing
    res = Q.run_stored(fx, "search-label", {"text": value}, opened=eng)
    assert res.rows == []
    res = Q.run_stored(fx, "fact-provenance", {"text": value}, opened=eng)
    assert res.rows == []
    # typed parameters: a clear usage error
    for name, params in (("entity-figures", {"entity": value}), ("money-above", {"threshold": value}),
                         ("entities-by-type", {"class": value}), ("figures-in-year", {"year": value})):
        with pytest.raises(UsageError) as err:
            Q.run_stored(fx, name, params, opened=eng)
        assert "\n" not in err.value.one_line()
    assert Q.run(eng, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == before


def test_values_block_for_endpoint_is_data_only() -> None:
    text = Q.values_block_query("SELECT ?x ?t WHERE { ?x ?p ?t FILTER(?t > ?x) }",
                                {"t": rdflib.Literal('x" } ; DROP ALL ; #')})
    assert 'VALUES (?t) { ("x\\" } ; DROP ALL ; #") }' in text
    Q.check_query(text, None)  # still one well-formed query
    c = Q.values_block_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": rdflib.URIRef("http://e/x")})
    assert c.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://e/x>) }")
    q = Q.values_block_query("# a { comment\nSELECT ?s (\"{\" AS ?b) { ?s ?p ?o }", {"s": rdflib.URIRef("http://e/x")})
    assert "{ VALUES (?s)" in q and q.index("VALUES") > q.index('"{"')


# --- safety ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text, pattern", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", r"FROM <http://example.org/data.ttl> is refused"),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
    (f"SELECT * FROM <{STRAY_GRAPH}> WHERE {{ ?s ?p ?o }}", "not one of the build's graphs"),
    ("DROP ALL", "update queries are refused"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "update queries are refused"),
    ("LOAD <http://example.org/x.ttl>", "update queries are refused"),
    ("SELECT * WHERE {\n  ?s ?p ?o \n", r"syntax error at line \d+, column \d+"),
])
def test_unsafe_or_broken_queries_are_refused(engines: dict[str, Q.Engine], engine: str, text: str, pattern: str) -> None:
    with pytest.raises(QueryError) as err:
        Q.run(engines[engine], text)
    assert re.search(pattern, err.value.one_line())


@pytest.mark.parametrize("engine", ENGINES)
def test_from_a_build_graph_is_allowed(engines: dict[str, Q.Engine], engine: str) -> None:
    q = PFX + f"SELECT DISTINCT ?s FROM <{BASE}graph/article/art-b> WHERE {{ ?s a kg:Observation }}"
    assert rows(Q.run(engines[engine], q)) == [(f"<{B_OBS}>",)]


B_OBS = BASE + "id/article/art-b/observation/o3"


def test_syntax_error_line_and_column() -> None:
    with pytest.raises(QueryError) as err:
        Q.check_query("SELECT ?s\nWHERE {\n  ?s ?p \n}", None, source="q.rq")
    assert re.search(r"q\.rq:3: SPARQL syntax error at line 3, column 3", err.value.one_line())


# --- catalogue -------------------------------------------------------------------------------------------

def test_unknown_query_suggests_close_names(fx: Paths) -> None:
    with pytest.raises(UsageError) as err:
        Q.get_stored_query(fx, "post-holder")
    assert "did you mean post-holders" in err.value.one_line()


@pytest.mark.parametrize("header, pattern", [
    ("#+ summary: [unclosed\nSELECT * WHERE { ?s ?p ?o }", r"bad\.rq:1: malformed `#\+` header"),
    ("SELECT * WHERE { ?s ?p ?o }", "no `#\\+` header"),
    ("#+ summary: x\n#+ params:\n#+   - name: y\n#+     type: float\nSELECT ?y WHERE { ?s ?p ?y }", "unknown type 'float'"),
    ("#+ summary: x\n#+ colour: red\nSELECT * WHERE { ?s ?p ?o }", "unknown header key"),
    ("#+ description: no summary\nSELECT * WHERE { ?s ?p ?o }", "lacks `summary`"),
    # (each of these was a TypeError traceback)
    ("#+ summary: x\n#+ tags: {a: 5}\nSELECT * WHERE { ?s ?p ?o }", r"bad\.rq:1: tags: `tags` must be a list"),
    ("#+ summary: x\n#+ tags: [[a]]\nSELECT * WHERE { ?s ?p ?o }", "`tags` must be a list"),
    ("#+ summary: x\n#+ params: [{name: y, type: entity, kinds: {a: 5}}]\nSELECT ?y WHERE { ?s ?p ?y }", "`kinds` must be a list"),
    ("#+ summary: x\n#+ params: [{name: y, type: entity, kinds: [[a]]}]\nSELECT ?y WHERE { ?s ?p ?y }", "`kinds` must be"),
    ("#+ summary: x\n#+ params: [{name: y, type: string, default: [1]}]\nSELECT ?y WHERE { ?s ?p ?y }", "`default` must be one"),
    ("#+ summary: x\n#+ params: [{name: y, type: string, required: maybe}]\nSELECT ?y WHERE { ?s ?p ?y }", "`required` must be"),
    ("#+ summary: [1, 2]\nSELECT * WHERE { ?s ?p ?o }", "`summary` must be one line of text"),
    # a default is the file's mistake, found when the catalogue is read, at the parameter's line
    ("#+ summary: x\n#+ params:\n#+   - {name: d, type: date, default: 2025-02-30}\nSELECT ?d WHERE {}",
     r"bad\.rq:3: params\[0\]: parameter 'd': default '2025-02-30' is not a valid date \(fix: write YYYY-MM-DD\)"),
    ("#+ summary: x\n#+ params:\n#+   - name: a\n#+     type: string\n#+   - name: n\n#+     type: integer\n"
     "#+     default: two\nSELECT ?a ?n WHERE {}", r"bad\.rq:5: params\[1\]: parameter 'n': default 'two' is not a valid integer"),
    ("#+ summary: x\n#+ params:\n#+   - {name: i, type: iri, default: 'nope:x'}\nSELECT ?i WHERE {}", r"bad\.rq:3: .*unknown prefix|not a valid iri"),
    ("#+ summary: x\n#+ params:\n#+   - {name: n, type: integer, default: 3, required: true}\nSELECT ?n WHERE {}",
     r"bad\.rq:3: .*'n' is required and has a default"),
    ("#+ summary: x\n#+ params:\n#+   - {name: y, type: float}\nSELECT ?y WHERE {}", r"bad\.rq:3: .*unknown type 'float'"),
])
def test_malformed_headers(header: str, pattern: str) -> None:
    with pytest.raises(QueryError) as err:
        Q.parse_stored_query(header, name="bad", path=Path("bad.rq"))
    assert re.search(pattern, err.value.one_line())


def test_a_valid_default_keeps_its_text() -> None:
    """Defaults are read as written (YAML would have made 2025-02-03 a date and 1e3 a float)."""
    stored = Q.parse_stored_query("#+ summary: x\n#+ params:\n#+   - {name: d, type: date, default: 2025-02-03}\n"
                                  "#+   - {name: v, type: decimal, default: 1000000000.50}\nSELECT ?d ?v WHERE {}", name="ok")
    assert [p.default for p in stored.params] == ["2025-02-03", "1000000000.50"]


def test_a_parameter_a_subquery_does_not_project_is_refused_on_every_engine(engines: dict[str, Q.Engine]) -> None:
    """Oxigraph and a VALUES block bind a parameter where the top SELECT sees it; rdflib's initBindings
    reached into the subquery too: 0 rows on one engine, 5 on the other, without a word."""
    hidden = ("#+ summary: x\n#+ params: [{name: t, type: decimal, default: 1000}]\nPREFIX kg: <https://w3id.org/canieti-kg/ontology#>\n"
              "SELECT ?t ?o ?v WHERE { { SELECT ?o ?v WHERE { ?o kg:value ?v FILTER(?v > ?t) } } }")
    stored = Q.parse_stored_query(hidden, name="hidden")
    for engine in ENGINES:
        with pytest.raises(QueryError) as err:
            Q.run(engines[engine], stored.text, stored=stored)
        assert "?t used inside a subquery that does not project them" in err.value.one_line()
    shown = hidden.replace("SELECT ?o ?v WHERE", "SELECT ?t ?o ?v WHERE")  # projected: the same rows everywhere
    stored = Q.parse_stored_query(shown, name="shown")
    answers = [sorted(Q.run(engines[e], stored.text, stored=stored).rows) for e in ENGINES]
    assert answers[0] and all(a == answers[0] for a in answers)


def test_every_stored_query_parses_and_is_safe() -> None:
    paths = Paths(root=REPO)
    catalogue = Q.load_catalogue(paths)
    assert len(catalogue) >= 25
    for stored in catalogue:
        info = Q.check_query(stored.text, None, source=stored.name)
        assert stored.summary
        for p in stored.params:
            assert re.search(rf"\?{p.name}\b", stored.body), (stored.name, p.name)
            if info.form == "SELECT":
                head = stored.body.split("WHERE", 1)[0]
                assert f"?{p.name}" in head, f"{stored.name}: parameter ?{p.name} must be projected"


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_IRI = re.compile(r"<[^<>\s]*>")
_REPLACE_ARGS = re.compile(r',\s*"(?:\[[^"\n\]]*\]|ñ)",\s*"[a-z]"\)')  # REPLACE's accent classes and their letter: text rules
_SEPARATOR = re.compile(r';\s*separator\s*=\s*"[^"\n]*"\)')  # GROUP_CONCAT's separator: layout, not data


def test_no_instance_iri_or_literal_outside_parameter_defaults() -> None:
    """Stored queries are general: instances only ever come in as parameters."""
    for stored in Q.load_catalogue(Paths(root=REPO)):
        body = "\n".join(line.split("#", 1)[0] if not _IRI.search(line) else line for line in stored.body.splitlines())
        assert "/canieti-kg/id/" not in body, f"{stored.name}: instance IRI"
        without_iris = _SEPARATOR.sub(")", _REPLACE_ARGS.sub(")", _IRI.sub(" ", body)))
        assert not _STRING.search(without_iris), f"{stored.name}: string literal {_STRING.search(without_iris)}"
        numbers = re.findall(r"(?<![\w?$:.])\d+(?:\.\d+)?(?![\w.])", without_iris)
        assert numbers == [], f"{stored.name}: numeric literal(s) {numbers}: make them parameters"


# --- formats ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample(fx: Paths, engines: dict[str, Q.Engine]) -> Q.QueryResult:
    return Q.run_stored(fx, "entity-figures", {"entity": "canieti"}, opened=engines["oxigraph"])


def test_csv_and_tsv_parse_back(sample: Q.QueryResult) -> None:
    table = list(csv.reader(io.StringIO(render(sample, "csv"))))
    assert table[0] == sample.variables
    assert len(table) == len(sample.rows) + 1
    values = {r[table[0].index("value")] for r in table[1:]}
    assert values == {"1377", "3000000000", ""}
    # TSV is the W3C's: ?var headers and RDF terms, which both rdflib's and Oxigraph's readers take back
    text = render(sample, "tsv")
    assert text.splitlines()[0].split("\t") == [f"?{v}" for v in sample.variables]
    decimal = "<http://www.w3.org/2001/XMLSchema#decimal>"
    values = {line.split("\t")[sample.variables.index("value")] for line in text.splitlines()[1:]}
    assert values == {f'"1377"^^{decimal}', f'"3000000000"^^{decimal}', ""}
    parsed = TSVResultParser().parse(io.StringIO(text))
    assert [tuple(b.get(rdflib.Variable(v)) for v in sample.variables) for b in parsed.bindings] == sample.rows
    solutions = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    assert [tuple(Q.from_ox(s[v]) for v in sample.variables) for s in solutions] == sample.rows


def test_json_is_a_list_of_objects(sample: Q.QueryResult) -> None:
    data = json.loads(render(sample, "json"))
    assert isinstance(data, list) and len(data) == 3
    assert {d["maxValue"] for d in data} == {None, 575000000000}  # (a decimal: a JSON number)


def test_w3c_result_formats_parse_back(sample: Q.QueryResult) -> None:
    for fmt, parser in (("sparql-json", JSONResultParser()), ("sparql-xml", XMLResultParser())):
        text = render(sample, fmt)
        parsed = parser.parse(io.BytesIO(text.encode("utf-8")) if fmt == "sparql-xml" else io.StringIO(text))
        assert [str(v) for v in parsed.vars] == sample.variables
        got = sorted(tuple(b.get(rdflib.Variable(v)) for v in sample.variables) for b in parsed.bindings)
        want = sorted(tuple(sample.rows), key=lambda r: tuple("" if t is None else str(t) for t in r))
        assert [tuple(str(x) if x is not None else None for x in r) for r in sorted(got, key=lambda r: tuple("" if t is None else str(t) for t in r))] == \
               [tuple(str(x) if x is not None else None for x in r) for r in want]
        ox_parsed = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.JSON if fmt == "sparql-json" else ox.QueryResultsFormat.XML)
        assert len(list(ox_parsed)) == len(sample.rows)


def test_markdown_and_table(sample: Q.QueryResult) -> None:
    md = render(sample, "markdown", {f"{BASE}id/organization/canieti": "CANIETI | chamber"})
    lines = md.splitlines()
    assert lines[0].startswith("| entity | observation |") and lines[1].startswith("|---|")
    assert "CANIETI \\| chamber" in md and len(lines) == 5
    table = render(sample, "table", {f"{BASE}id/organization/canieti": "CANIETI"})
    assert table.splitlines()[-1] == "(3 rows)"
    header = table.splitlines()[0]
    assert header.index("observation") == table.splitlines()[2].index("article/art-")  # (ids, not full IRIs)
    assert f"{BASE}id/" not in table


def test_constructed_blank_nodes_are_written_with_the_same_labels_every_time(fx: Paths,
                                                                            engines: dict[str, Q.Engine]) -> None:
    """Turtle of a graph result is laid out as the exports are; blank nodes get canonical labels, so
    the same answer prints the same bytes on every engine and every run."""
    text = PFX + ("CONSTRUCT { ?o kg:about [ a kg:Note ; kg:value ?v ] } "
                  "WHERE { ?o a kg:Observation ; kg:value ?v }")
    printed = {render(Q.run_text(fx, text, opened=engines[engine]), "turtle") for engine in ENGINES for _ in range(2)}
    assert len(printed) == 1
    ttl = printed.pop()
    assert "_:b" in ttl and ttl.startswith("PREFIX kg: ")
    parsed = rdflib.Graph().parse(data=ttl, format="turtle")
    assert rdflib.compare.isomorphic(parsed, Q.run_text(fx, text, opened=engines["oxigraph"]).graph)


def test_construct_gives_rdf(fx: Paths, engines: dict[str, Q.Engine]) -> None:
    for engine in ENGINES:
        res = Q.run_stored(fx, "entity-graph", {"entity": "canieti"}, opened=engines[engine])
        ttl = render(res, "turtle")
        g = rdflib.Graph().parse(data=ttl, format="turtle")
        assert rdflib.compare.isomorphic(g, res.graph)
        nt = render(res, "ntriples")
        assert rdflib.compare.isomorphic(rdflib.Graph().parse(data=nt, format="nt"), res.graph)
        with pytest.raises(UsageError):
            render(res, "csv")


def test_ask_query(engines: dict[str, Q.Engine]) -> None:
    for engine in ENGINES:
        res = Q.run(engines[engine], PFX + "ASK { ?s a kg:Observation }")
        assert res.boolean is True
        assert json.loads(render(res, "sparql-json"))["boolean"] is True


# --- endpoint errors -----------------------------------------------------------------------------------------

def _closed_port() -> int:
    """A port nothing listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_endpoint_is_exit_3(fx: Paths) -> None:
    port = _closed_port()
    eng = Q.open_engine(fx, endpoint=f"http://127.0.0.1:{port}/query", timeout=2)
    with pytest.raises(EndpointError) as err:
        Q.run(eng, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert err.value.exit_code == 3 and "unreachable" in err.value.one_line()
    result = CliRunner().invoke(main, ["query", "article-metadata", "--build", str(fx.build), "--endpoint",
                                       f"http://127.0.0.1:{port}/query", "--timeout", "2"])
    assert result.exit_code == 3 and result.output.startswith("Error: ") and "unreachable" in result.output


# --- CLI ---------------------------------------------------------------------------------------------------------

def cli(fx: Paths, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [args[0], "--build", str(fx.build), "--root", str(REPO), *args[1:]], input=input)


def test_cli_lists_and_shows(fx: Paths) -> None:
    res = cli(fx, "queries")
    assert res.exit_code == 0
    assert re.search(r"^post-holders\s+Holders of a post", res.output, re.M)
    assert "params: post:entity=canieti-national-president" in res.output
    shown = CliRunner().invoke(main, ["queries", "--root", str(REPO), "show", "money-above"])
    assert shown.exit_code == 0 and shown.output.startswith("#+ summary:") and "SELECT" in shown.output


def test_cli_query_formats_and_output_file(fx: Paths, tmp_path: Path) -> None:
    res = cli(fx, "query", "entity-figures", "-p", "entity=CANIETI", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert len(list(csv.reader(io.StringIO(res.output)))) == 4
    out = tmp_path / "f.json"
    res = cli(fx, "query", "entity-figures", "-p", "entity=canieti", "-f", "json", "-o", str(out))
    assert res.exit_code == 0 and res.output == ""
    assert len(json.loads(out.read_text())) == 3
    res = cli(fx, "query", "entity-figures", "-p", "entity=canieti", "-f", "table", "--lang", "es")
    assert "Cámara Nacional" in res.output and "afiliados" in res.output
    res = cli(fx, "query", "entity-figures", "-f", "csv", "--engine", "rdflib")
    assert res.exit_code == 0 and len(res.output.splitlines()) == 4


def test_a_table_names_the_standard_properties_in_words_in_the_language_asked(fx: Paths) -> None:
    """entity-names --lang es showed "skos:altLabel" and "skos:prefLabel" beside "sigla": RDF's words, in English."""
    for lang, words in (("es", {"alias", "nombre preferido"}), ("en", {"alias", "preferred name"})):
        res = cli(fx, "query", "entity-names", "-p", "entity=canieti", "-f", "table", "--lang", lang)
        assert res.exit_code == 0 and "skos:" not in res.output, res.output
        cells = {c for line in res.output.splitlines()[2:-1] for c in re.split(r"\s{2,}", line)}
        assert words <= cells, res.output
    res = cli(fx, "query", "entity-names", "-p", "entity=canieti", "-f", "csv")  # (machine formats keep the IRIs)
    assert "http://www.w3.org/2004/02/skos/core#prefLabel" in res.output


def test_cli_failed_run_keeps_previous_output(fx: Paths, tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("old\n")
    res = cli(fx, "query", "money-above", "-p", "threshold=lots", "-o", str(out))
    assert res.exit_code == 2 and res.output.count("\n") == 1 and res.output.startswith("Error: ")
    assert out.read_text() == "old\n"


def test_cli_adhoc_file_and_stdin(fx: Paths, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text(PFX + "SELECT ?o WHERE { ?o a kg:Observation } ORDER BY ?o")
    res = cli(fx, "query", "--file", str(q), "-f", "csv")
    assert res.exit_code == 0 and len(res.output.splitlines()) == 4
    res = cli(fx, "query", "-", "-f", "csv", input=PFX + "SELECT ?l WHERE { ?x kg:acronym ?l }")
    assert res.exit_code == 0 and res.output.splitlines() == ["l", "CANIETI"]
    res = cli(fx, "query", "-", input="SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    assert res.exit_code == 1 and "SERVICE is refused" in res.output


@pytest.mark.parametrize("args, code, pattern", [
    (["query", "post-holder"], 2, "unknown query 'post-holder' .*did you mean post-holders"),
    (["query", "person-posts"], 2, "missing required parameter person"),
    (["query", "money-above", "-p", "threshold=ten"], 2, "not a decimal"),
    (["query", "entities-by-type", "-p", "class=foaf:Person"], 2, "unknown prefix 'foaf'"),
    (["query", "money-above", "-p", "threshold"], 2, r"is not name=value \(fix: e\.g\. -p threshold=VALUE\)"),
    # a value without its name: the example names the stored query's own first required parameter
    (["query", "person-posts", "-p", "Jacob Rocha"], 2,
     r"parameter 'Jacob Rocha' is not name=value \(fix: e\.g\. -p 'person=Jacob Rocha'\)"),
    (["query", "article-metadata", "-p", "x"], 2, r"\(fix: article-metadata takes no parameters\)"),
    (["queries", "show", "nope"], 2, "unknown query 'nope'"),
    # (ghost is only in a graph outside the manifest: the store's existence probe must not see it)
    (["query", "person-posts", "-p", "person=ghost"], 2, "no entity with this id, IRI, name or alias"),
    (["query", "person-posts", "-p", f"person={BASE}id/person/ghost"], 2, "no such entity in the graph"),
    # a part of a name: the entities whose names hold its words, never bound on a guess
    (["query", "person-posts", "-p", "person=de la cruz"], 2,
     r"names containing it: person/mario \(Mario de la Cruz\): 'de la cruz' \(fix: pass one of these ids\)"),
    (["query", "person-posts", "-p", "person=lopez"], 2, "names containing it: person/ana-lopez .*; person/ana-lopez-2 "),
    (["query", "figures-by-kind", "-p", "kind=guess"], 2, "no kind concept with this id, IRI or label: 'guess' \\(fix: "),
    # a misspelt name: the closest names (accents and case aside), never bound on a guess
    (["query", "person-posts", "-p", "person=Mario de la Crus"], 2,
     r"no entity with this id, IRI, name or alias: 'Mario de la Crus' \(fix: did you mean person/mario \(Mario de la Cruz\)\?\)"),
    (["query", "entity-figures", "-p", "entity=Canietti"], 2, r"\(fix: did you mean organization/canieti \(CANIETI\)\?\)"),
    (["query", "person-posts", "-p", "person=Ana Lópes"], 2,
     r"\(fix: did you mean person/ana-lopez \(Ana López\) or person/ana-lopez-2 \(Ana Lopez\)\?\)"),
    # a required parameter not given, or a wrong value: what it takes
    (["query", "items-by-topic"], 2, r"missing required parameter topic \(concept\) \(fix: pass -p topic=VALUE; "
                                     r"the topic concepts: cyber, security\)"),
    (["query", "article-facts"], 2, r"missing required parameter article \(article\) \(fix: pass -p article=VALUE; "
                                    r"the articles: art-a, art-b\)"),
    (["query", "article-facts", "-p", "article=zzz"], 2, r"no such article in the graph: 'zzz' \(fix: the articles: art-a, art-b\)"),
    (["query", "article-facts", "-p", "article=art-c"], 2, r"\(fix: did you mean art-a or art-b\?\)"),
    (["query", "article-facts", "-p", "article=art-"], 2, r"\(fix: did you mean art-a or art-b\?\)"),
])
def test_cli_error_paths(fx: Paths, args: list[str], code: int, pattern: str) -> None:
    res = cli(fx, *args)
    assert res.exit_code == code, res.output
    assert res.output.startswith("Error: ") and res.output.count("\n") == 1
    assert re.search(pattern, res.output)
    assert "Traceback" not in res.output


# --- endpoint protocol, against a tiny local HTTP server that records what it receives ---------------------

class _Recorder:
    def __init__(self, status: int = 200) -> None:
        self.requests: list[tuple[dict[str, str], dict[str, list[str]]]] = []
        self.status = status


@pytest.fixture()
def fake_endpoint():  # type: ignore[no-untyped-def]
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer
    from urllib.parse import parse_qs

    rec = _Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            rec.requests.append((dict(self.headers), parse_qs(body)))
            payload = json.dumps({"head": {"vars": ["x", "n"]}, "results": {"bindings": [
                {"x": {"type": "uri", "value": "http://e/x"},
                 "n": {"type": "literal", "value": "1.50", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}]}})
            self.send_response(rec.status)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(payload.encode("utf-8"))

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", rec
    finally:
        server.shutdown()
        server.server_close()


def test_endpoint_gets_values_block_graphs_and_env_credentials(fx: Paths, fake_endpoint, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url, rec = fake_endpoint
    monkeypatch.setenv("KG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    eng = Q.open_engine(fx, endpoint=url, timeout=5)
    stored = Q.parse_stored_query("#+ summary: t\n#+ params:\n#+   - {name: n, type: decimal}\n"
                                  "SELECT ?x ?n WHERE { ?x ?p ?n FILTER(?n > 0) }", name="t")
    res = Q.run(eng, stored.text, {"n": "1.50"}, stored=stored)
    assert res.rows == [(rdflib.URIRef("http://e/x"), rdflib.Literal("1.5", datatype=rdflib.XSD.decimal))]
    headers, form = rec.requests[-1]
    assert headers["Authorization"].startswith("Basic ")
    import base64

    assert base64.b64decode(headers["Authorization"][6:]).decode() == "alice:s3cret"
    assert 'VALUES (?n) { ("1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>) }' in form["query"][0]
    assert sorted(form["default-graph-uri"]) == sorted(Q.read_manifest(fx).graph_iris)
    assert STRAY_GRAPH not in form["default-graph-uri"]


def test_endpoint_refusal_is_reported_without_secrets(fx: Paths, fake_endpoint, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url, rec = fake_endpoint
    rec.status = 401
    monkeypatch.setenv("KG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    res = CliRunner().invoke(main, ["query", "article-metadata", "--build", str(fx.build), "--root", str(REPO),
                                    "--endpoint", url])
    assert res.exit_code == 1 and "refused the credentials (HTTP 401)" in res.output
    assert "s3cret" not in res.output and "alice" not in res.output


def test_basic_credentials_beyond_latin_1_are_a_usage_error_naming_the_variable(fx: Paths, fake_endpoint,  # type: ignore[no-untyped-def]
                                                                                 monkeypatch) -> None:
    url, rec = fake_endpoint
    monkeypatch.setenv("KG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "contraseña😀")  # (requests encodes basic credentials as Latin-1)
    res = CliRunner().invoke(main, ["query", "article-metadata", "--build", str(fx.build), "--root", str(REPO),
                                    "--endpoint", url])
    assert res.exit_code == 2 and res.output.startswith("Error: KG_ENDPOINT_PASSWORD: basic authentication takes Latin-1"), res.output
    assert "contraseña" not in res.output and not rec.requests


def test_cli_malformed_stored_header_names_file_and_line(tmp_path: Path, fx: Paths) -> None:
    qdir = tmp_path / "queries"
    qdir.mkdir()
    (qdir / "broken.rq").write_text("#+ summary: ok\n#+ params: [unclosed\nSELECT * WHERE { ?s ?p ?o }\n")
    import os

    res = CliRunner().invoke(main, ["query", "broken", "--build", str(fx.build)], env={"KG_QUERIES": str(qdir)})
    assert res.exit_code == 1
    assert re.match(r"Error: .*broken\.rq:\d+: malformed `#\+` header", res.output), res.output
    assert os.environ.get("KG_QUERIES") is None


def test_describe_on_both_engines(engines: dict[str, Q.Engine]) -> None:
    graphs = []
    for engine in ENGINES:
        res = Q.run(engines[engine], f"DESCRIBE <{BASE}id/organization/canieti>")
        assert res.form == "DESCRIBE" and len(res.graph) > 0
        graphs.append({(s, p, o) for s, p, o in res.graph if s == rdflib.URIRef(f"{BASE}id/organization/canieti")})
    assert graphs[0] == graphs[1]


def test_a_dates_time_zone_survives_the_conversion_of_results() -> None:
    store = ox.Store()
    text = 'SELECT ?x WHERE { VALUES ?x { "2020-01-02+05:00"^^<http://www.w3.org/2001/XMLSchema#date> } }'
    rows = Q._ox_result(store.query(text), Q.QueryInfo(form="SELECT", uses_graph=False)).rows
    assert str(rows[0][0]) == "2020-01-02+05:00"


@pytest.mark.parametrize("body", ["[]", '{"head": 5}', '{"head": {"vars": [5]}, "results": {"bindings": []}}', '{"head": {"vars": ["x"]}, "results": {"bindings": [5]}}',
                                  '{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri"}}]}}',
                                  '{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", '
                                  '"value": "a", "xml:lang": "!!"}}]}}'])
def test_an_endpoint_answering_other_json_is_a_one_line_error(monkeypatch, body: str) -> None:
    """JSON of another shape (the URL of some other API, a broken server) was an AttributeError, KeyError
    or ValueError traceback. The HTTP call is faked: nothing leaves the process."""
    import requests

    class Answer:
        status_code, text = 200, body

        def json(self) -> object:
            import json

            return json.loads(body)

    monkeypatch.setattr(requests, "post", lambda *args, **kwargs: Answer())
    engine = Q.EndpointEngine("http://127.0.0.1:9/sparql")
    info = Q.check_query("SELECT ?x WHERE { ?x ?p ?o }", None)
    with pytest.raises(Q.RemoteRejected, match="did not answer with SPARQL results JSON"):
        engine.execute("SELECT ?x WHERE { ?x ?p ?o }", info, {})
    Answer.text = "<html>not n-triples"
    construct = Q.check_query("CONSTRUCT WHERE { ?x ?p ?o }", None)
    with pytest.raises(Q.RemoteRejected, match="did not answer with N-Triples"):
        engine.execute("CONSTRUCT WHERE { ?x ?p ?o }", construct, {})


def test_a_query_file_saved_with_a_byte_order_mark_reads_as_its_text() -> None:
    assert Q.read_query_text("\ufeffSELECT * WHERE { ?s ?p ?o }".encode("utf-8"), "q.rq") == "SELECT * WHERE { ?s ?p ?o }"


def test_the_output_files_extension_names_its_format(tmp_path: Path, fx: Paths) -> None:
    """`kg query -o ph.json` wrote CSV into a .json file, where `kg export -o` reads the extension."""
    def kg(*args: str) -> Any:
        return CliRunner().invoke(main, ["query", *args, "--root", str(REPO), "--build", str(fx.build)])

    res = kg("entity-figures", "-p", "entity=canieti", "-o", str(tmp_path / "f.json"))
    assert res.exit_code == 0, res.output
    assert isinstance(json.loads((tmp_path / "f.json").read_text()), list)
    assert kg("entity-figures", "-p", "entity=canieti", "-o", str(tmp_path / "f.srx")).exit_code == 0
    assert (tmp_path / "f.srx").read_text().startswith("<?xml")
    res = kg("entity-figures", "-p", "entity=canieti", "-f", "csv", "-o", str(tmp_path / "g.json"))  # --format wins
    assert res.exit_code == 0 and (tmp_path / "g.json").read_text().startswith("entity,")
    res = kg("entity-figures", "-p", "entity=canieti", "-o", str(tmp_path / "f.txt"))  # unknown extension: CSV
    assert res.exit_code == 0 and (tmp_path / "f.txt").read_text().startswith("entity,")
    res = kg("entity-figures", "-p", "entity=canieti", "-o", str(tmp_path / "f.ttl"))
    assert res.exit_code == 2 and "gives rows (SELECT), which has no turtle form" in res.output
    assert not (tmp_path / "f.ttl").exists()
    query = tmp_path / "c.rq"
    query.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3\n")
    res = kg("--file", str(query), "-o", str(tmp_path / "c.nt"))
    assert res.exit_code == 0 and (tmp_path / "c.nt").read_text().startswith("<")
    assert kg("--file", str(query), "-o", str(tmp_path / "c.csv")).exit_code == 2


@pytest.mark.parametrize("value, n3", [
    ("<https://w3id.org/canieti-kg/id/organization/canieti>", "<https://w3id.org/canieti-kg/id/organization/canieti>"),
    ("kg:Person", "<https://w3id.org/canieti-kg/ontology#Person>"),
    ('"hola"@ES', '"hola"@es'),
    ('"2016"^^xsd:gYear', '"2016"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    ('"a\\"b"', '"a\\"b"'),
    ("42", '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ("true", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
    ("Mexico City", '"Mexico City"'),
    ("foo:bar", '"foo:bar"'),  # (not one of our prefixes: text)
])
def test_an_undeclared_parameter_is_read_as_the_term_it_writes(value: str, n3: str) -> None:
    """An ad-hoc `-p s=<iri>` was bound as a string and matched nothing, without a word."""
    assert Q.parse_term("s", value).n3() == n3


def test_an_undeclared_iri_parameter_matches_on_every_engine(engines: dict[str, Q.Engine]) -> None:
    text = "PREFIX kg: <https://w3id.org/canieti-kg/ontology#>\nSELECT ?s ?t WHERE { ?s a ?t }"
    for engine in ENGINES:
        got = Q.run(engines[engine], text, {"s": f"<{BASE}id/organization/canieti>"})
        assert got.rows and all(str(r[0]) == f"{BASE}id/organization/canieti" for r in got.rows), engine


# --- the project's prefixes in ad-hoc queries ----------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_an_adhoc_query_uses_the_projects_prefixes_without_declaring_them(engines: dict[str, Q.Engine],
                                                                          engine: str) -> None:
    """`SELECT ?s WHERE { ?s kg:edition ?e }` failed with "Unknown namespace prefix : kg" (and schema:, which
    rdflib's parser reads as https://schema.org/, gave no rows on rdflib and an error on Oxigraph)."""
    eng = engines[engine]
    assert rows(Q.run(eng, "SELECT ?l WHERE { ?x kg:acronym ?l }")) == [('"CANIETI"',)]
    mentions = Q.run(eng, "SELECT DISTINCT ?a WHERE { ?a schema:mentions ?o ; rdf:type kg:Article } ORDER BY ?a")
    assert rows(mentions) == [(f"<{BASE}id/article/art-a>",), (f"<{BASE}id/article/art-b>",)]
    # a prefix the query declares wins over the project's
    assert Q.run(eng, "PREFIX kg: <http://example.org/other#>\nSELECT ?l WHERE { ?x kg:acronym ?l }").rows == []
    # one neither declared nor the project's is refused on every engine alike (rdflib's parser knew foaf:)
    with pytest.raises(QueryError) as err:
        Q.run(eng, "SELECT ?n WHERE { ?x foaf:name ?n }")
    assert "unknown namespace prefix 'foaf:' (fix: declare the prefix with PREFIX; these need no declaration: kg, kgv," \
        in err.value.one_line()


def test_a_syntax_error_keeps_the_users_line_numbers_with_the_projects_prefixes() -> None:
    with pytest.raises(QueryError) as err:
        Q.check_query("SELECT ?s\nWHERE {\n  ?s kg:edition \n}", None, source="q.rq")
    assert re.search(r"q\.rq:3: SPARQL syntax error at line 3, column 3", err.value.one_line())
    info = Q.check_query("PREFIX kg: <http://example.org/other#>\nSELECT ?s WHERE { ?s kg:a/skos:b ?o ; a rdfs:Class }",
                         None)
    assert info.implicit_prefixes == ("skos", "rdfs")  # (kg: declared; `a` is no prefixed name)


def test_the_endpoint_receives_the_prefix_declarations_the_query_leaves_out(fx: Paths, fake_endpoint) -> None:  # type: ignore[no-untyped-def]
    url, rec = fake_endpoint
    eng = Q.open_engine(fx, endpoint=url, timeout=5)
    Q.run(eng, "SELECT ?x ?n\nWHERE { ?x kg:edition ?n }")
    sent = rec.requests[-1][1]["query"][0]
    assert sent == "PREFIX kg: <https://w3id.org/canieti-kg/ontology#> SELECT ?x ?n\nWHERE { ?x kg:edition ?n }"
    declared = "PREFIX kg: <http://example.org/other#>\nSELECT ?x ?n WHERE { ?x kg:edition/skos:x ?n }"
    Q.run(eng, declared)
    sent = rec.requests[-1][1]["query"][0]
    assert sent == f"PREFIX skos: <http://www.w3.org/2004/02/skos/core#> {declared}"  # (its own kg: stays)
    Q.run(eng, "SELECT ?x ?n WHERE { ?x <http://e/p> ?n }")
    assert rec.requests[-1][1]["query"][0] == "SELECT ?x ?n WHERE { ?x <http://e/p> ?n }"


# --- classes by name or label, and the ontology's terms -----------------------------------------------------

CLASSES = """
@prefix kg: <https://w3id.org/canieti-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
kg:Person a owl:Class ; rdfs:label "person"@en , "persona"@es .
kg:Organization a owl:Class ; rdfs:label "organization"@en , "organización"@es .
kg:IndustryChamber a owl:Class ; rdfs:label "industry chamber"@en , "cámara industrial"@es .
kg:Agreement a owl:Class ; rdfs:label "agreement"@en , "acuerdo"@es .
kg:CollaborationAgreement a owl:Class ; rdfs:label "collaboration agreement"@en , "convenio de colaboración"@es .
kg:PartnershipAgreement a owl:Class ; rdfs:label "partnership agreement"@en , "convenio de asociación"@es .
kg:Convention a owl:Class ; rdfs:label "convention"@en , "convención"@es .
kg:Event a owl:Class ; rdfs:label "event"@en , "evento"@es .
schema:Person a owl:Class ; rdfs:label "Person" .
kg:acronym a owl:DatatypeProperty . kg:edition a owl:DatatypeProperty . kg:post a owl:ObjectProperty .
"""


@pytest.fixture(scope="module")
def fx_onto(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The fixture build with its classes and a few properties declared, with labels, as the ontology does."""
    import queries_fixtures

    with pytest.MonkeyPatch.context() as patch:
        kind, ttl, article = queries_fixtures.GRAPHS[BASE + "graph/ontology"]
        patch.setitem(queries_fixtures.GRAPHS, BASE + "graph/ontology", (kind, ttl + CLASSES, article))
        return write_fixture_build(tmp_path_factory.mktemp("qfx-onto"))


@pytest.mark.parametrize("value, iri", [
    ("Person", "Person"), ("kg:Person", "Person"), ("person", "Person"), ("kg:person", "Person"),
    ("PERSON", "Person"), ("persona", "Person"), ("Persona", "Person"), ("acuerdo", "Agreement"),
    ("organizacion", "Organization"), ("Cámara Industrial", "IndustryChamber"), ("industry chamber", "IndustryChamber"),
    ("convencion", "Convention"), (f"<{BASE}ontology#Event>", "Event"), ("<http://schema.org/Person>", None),
])
def test_a_class_is_named_by_its_name_in_any_case_or_by_a_label(fx_onto: Paths, value: str, iri: str | None) -> None:
    eng = Q.open_engine(fx_onto, "oxigraph")
    expected = f"{BASE}ontology#{iri}" if iri else "http://schema.org/Person"
    assert str(Q.Resolver(eng).resolve_class(Q.Param(name="class", type="class"), value)) == expected


@pytest.mark.parametrize("value, hint", [
    # a Spanish word some labels hold: those classes, not kg:Convention, which only looks like it
    ("Convenio", "(fix: classes whose label holds it: kg:CollaborationAgreement (convenio de colaboración), "
                 "kg:PartnershipAgreement (convenio de asociación))"),
    ("convenios", "(fix: classes whose label holds it: kg:CollaborationAgreement (convenio de colaboración), "
                  "kg:PartnershipAgreement (convenio de asociación))"),
    ("eventos", "(fix: did you mean kg:Event?)"),  # (a plural: the class it names, not those a label of holds it)
    ("Collaboration_Agreements", "(fix: did you mean kg:CollaborationAgreement?)"),
    ("kg:Persn", "(fix: did you mean kg:Person?)"),  # (the project's classes only: not schema:Person)
    ("Organisation", "(fix: did you mean kg:Organization?)"),
    ("evnto", "(fix: did you mean kg:Event?)"),  # (near a label)
    ("kg:Xyzzy", "(fix: the classes are listed in docs/data-model.md"),
])
def test_a_wrong_class_gets_sensible_suggestions(fx_onto: Paths, value: str, hint: str) -> None:
    res = cli(fx_onto, "query", "entities-by-type", "-p", f"class={value}")
    assert res.exit_code == 2 and res.output.startswith("Error: parameter class (class): no such class in the graph's "
                                                        f"ontology: {value!r} "), res.output
    assert hint in res.output, res.output


def test_a_class_param_by_label_answers_as_by_name(fx_onto: Paths) -> None:
    by_name = cli(fx_onto, "query", "entities-by-type", "-p", "class=Organization", "-f", "csv")
    by_label = cli(fx_onto, "query", "entities-by-type", "-p", "class=organización", "-f", "csv")
    assert by_name.exit_code == 0 and by_name.output == by_label.output and "organization/canieti" in by_name.output


@pytest.mark.parametrize("engine", ENGINES)
def test_an_adhoc_query_naming_a_term_the_ontology_lacks_gets_a_note(fx_onto: Paths, engine: str) -> None:
    """A misspelt term (kg:editon) matched nothing and the query answered with no rows, without a word."""
    res = CliRunner().invoke(main, ["query", "-", "--build", str(fx_onto.build), "--root", str(REPO), "-f", "csv",
                                    "--engine", engine],
                             input="SELECT ?x ?l WHERE { ?x kg:acronym ?l OPTIONAL { ?x kg:editon ?e } }")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["x,l", f"{BASE}id/organization/canieti,CANIETI"]  # (the rows still print)
    assert res.stderr == "note: kg:editon is not in the ontology (a misspelt term matches nothing); did you mean kg:edition?\n"
    res = CliRunner().invoke(main, ["query", "-", "--build", str(fx_onto.build), "--root", str(REPO), "-f", "csv"],
                             input="SELECT ?x WHERE { ?x kg:Acronym ?l ; kg:zzzzzz ?z ; kg:edition ?e ; a kg:Person }")
    assert res.stderr.splitlines() == [
        "note: kg:Acronym is not in the ontology (a misspelt term matches nothing); did you mean kg:acronym?",
        "note: kg:zzzzzz is not in the ontology (a misspelt term matches nothing)"]


def test_no_note_on_terms_without_an_ontology_to_check_them(fx: Paths) -> None:
    res = cli(fx, "query", "-", "-f", "csv", input="SELECT ?x WHERE { ?x kg:editon ?e }")
    assert res.exit_code == 0 and res.stderr == ""


# --- --lang and a query's lang parameter ----------------------------------------------------------------------

def test_lang_fills_a_stored_querys_lang_parameter(fx: Paths) -> None:
    """--lang es changed only the labels a table shows: entities-by-type listed its English labels still."""
    es = cli(fx, "query", "entities-by-type", "-p", "class=IndustryChamber", "--lang", "es", "-f", "csv")
    assert es.exit_code == 0 and es.output.splitlines()[1].endswith(",es,https://w3id.org/canieti-kg/id/organization/"
                                                                    "canieti,https://w3id.org/canieti-kg/ontology#IndustryChamber,"
                                                                    "Cámara Nacional"), es.output
    en = cli(fx, "query", "entities-by-type", "-p", "class=IndustryChamber", "--lang", "es", "-p", "lang=en", "-f", "csv")
    assert en.exit_code == 0 and en.output.splitlines()[1].endswith("National Chamber of ICT")  # (-p wins)
    plain = cli(fx, "query", "entities-by-type", "-p", "class=IndustryChamber", "-f", "csv")
    assert plain.output == en.output
    help_text = CliRunner().invoke(main, ["query", "--help"]).output
    assert "`lang` parameter" in " ".join(help_text.split())


def test_a_missing_parameter_is_a_usage_error_even_when_the_endpoint_cannot_list_the_choices(fx: Paths) -> None:
    """The list of what a parameter takes is a hint read from the graph: an endpoint that does not answer it leaves
    the hint out, and the error is still the missing parameter (exit 2), not an unreachable endpoint (exit 3)."""
    port = _closed_port()
    result = CliRunner().invoke(main, ["query", "article-facts", "--build", str(fx.build), "--root", str(REPO),
                                       "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "2"])
    assert result.exit_code == 2 and result.output == \
        "Error: missing required parameter article (article) (fix: pass -p article=VALUE)\n", result.output


def test_page_options_on_a_graph_result_are_refused_before_the_query_runs(fx: Paths) -> None:
    """--limit on a CONSTRUCT is a mistake of the command line, known from the query's text: refused (exit 2) before
    anything is asked of the engine, here an endpoint that would not answer."""
    port = _closed_port()
    result = CliRunner().invoke(main, ["query", "-", "--limit", "2", "--build", str(fx.build), "--root", str(REPO),
                                       "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "2"],
                                input="CONSTRUCT WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and result.output.startswith(
        "Error: --limit: --limit and --offset page the rows of a SELECT; this query gives a CONSTRUCT result"), \
        result.output


def test_an_undeclared_empty_prefix_is_named() -> None:
    """`?s a :Person` with no `PREFIX :` said "Unknown namespace prefix : " with nothing after it."""
    with pytest.raises(QueryError) as err:
        Q.check_query("SELECT ?s WHERE { ?s a :Person }", None)
    assert "SPARQL error: unknown namespace prefix ':' (fix: declare the prefix" in err.value.one_line()


def test_an_organization_given_for_a_post_names_its_posts_and_how_many_when_cut(
        fx: Paths, engines: dict[str, Q.Engine], monkeypatch: pytest.MonkeyPatch) -> None:
    """The hint lists five of an organization's posts; with more, it says how many there are in all."""
    posts = [f"{BASE}id/post/post-{i}" for i in range(7)]
    monkeypatch.setattr(Q.Resolver, "post_links", lambda self, iri, kinds: posts)
    with pytest.raises(UsageError) as err:
        Q.run_stored(fx, "post-holders", {"post": "canieti"}, opened=engines["oxigraph"])
    msg = err.value.one_line()
    assert "its posts: pass post/post-0" in msg and "post/post-4" in msg and "post/post-5" not in msg
    assert msg.endswith("post/post-4), ... (7 in all))"), msg
    monkeypatch.setattr(Q.Resolver, "post_links", lambda self, iri, kinds: posts[:2])
    with pytest.raises(UsageError) as err:
        Q.run_stored(fx, "post-holders", {"post": "canieti"}, opened=engines["oxigraph"])
    assert "in all" not in err.value.one_line()
