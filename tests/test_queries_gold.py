"""Every stored query runs on the real corpus, and the 40 gold competency questions
(docs/gold/competency-questions.md, keys quoted here with their CQ number) are answered by
stored queries with parameters, as the README's table says. Rows are also kept as golden CSV files in
tests/snapshots/queries/ (set KG_UPDATE_SNAPSHOTS=1 to rewrite them after a reviewed change)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

import pytest

from kg import queries as Q
from kg.config import Paths
from kg.output import render

REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "tests" / "snapshots" / "queries"
GOLD_FILE = REPO / "docs" / "gold" / "competency-questions.md"


@pytest.fixture(scope="module")
def real(content_build: Paths) -> Paths:
    return content_build


@pytest.fixture(scope="module")
def engine(real: Paths) -> Q.Engine:
    return Q.open_engine(real, "oxigraph")


Rows = list[dict[str, str]]


def answer(real: Paths, engine: Q.Engine, name: str, params: dict[str, str]) -> Rows:
    """Rows as text; every IRI cell also gets its English label under ``<var>Label``."""
    res = Q.run_stored(real, name, params, opened=engine)
    iris = {str(t) for row in res.rows for t in row if t is not None and t.__class__.__name__ == "URIRef"}
    labels = Q.labels_for(engine, iris, "en")
    out = []
    for row in res.rows:
        d: dict[str, str] = {}
        for var, term in zip(res.variables, row):
            d[var] = "" if term is None else str(term)
            if term is not None and str(term) in labels:
                d[var + "Label"] = labels[str(term)]
        out.append(d)
    return out


def text_of(rows: Rows) -> str:
    return Q.fold(" || ".join(" | ".join(r.values()) for r in rows))


def has_all(*keys: str) -> Callable[[Rows], None]:
    def check(rows: Rows) -> None:
        blob = text_of(rows)
        missing = [k for k in keys if Q.fold(k) not in blob]
        assert not missing, f"missing {missing}"
    return check


def col(rows: Rows, var: str) -> list[str]:
    return [r.get(var, "") for r in rows]


def both(*checks: Callable[[Rows], None]) -> Callable[[Rows], None]:
    def check(rows: Rows) -> None:
        for c in checks:
            c(rows)
    return check


def count(var: str, n: int) -> Callable[[Rows], None]:
    def check(rows: Rows) -> None:
        assert len({r.get(var) for r in rows if r.get(var)}) == n, sorted({r.get(var, "") for r in rows})
    return check


def values(var: str, *expected: str) -> Callable[[Rows], None]:
    def check(rows: Rows) -> None:
        got = set(col(rows, var))
        assert set(expected) <= got, f"{var}: {sorted(got)}"
    return check


def row_with(**want: str) -> Callable[[Rows], None]:
    def check(rows: Rows) -> None:
        assert any(all(Q.fold(v) in Q.fold(r.get(k, "")) for k, v in want.items()) for r in rows), want
    return check


def empty(var: str) -> Callable[[Rows], None]:
    def check(rows: Rows) -> None:
        assert rows and all(not r.get(var) for r in rows), col(rows, var)
    return check


MDLC = "Mario de la Cruz Sarabia"
A000 = "000_5fec07e56bfc17d3"
A001 = "001_f5c50bd7e4e2a6b2"

# (CQ, query, parameters, check). Several questions need two queries: both are listed.
GOLD: list[tuple[str, str, dict[str, str], Callable[[Rows], None]]] = [
    ("CQ-01", "post-holders", {"post": "canieti-national-president"}, has_all(MDLC)),
    ("CQ-02", "person-posts", {"person": "Ildefonso Guajardo Villarreal"}, has_all("Secretary of Economy")),
    ("CQ-02", "entity-names", {"entity": "Secretary of Economy"}, has_all("SE")),
    ("CQ-03", "post-holders", {"post": "President of the National Institute of Entrepreneurship"},
     has_all("Enrique Jacob Rocha")),
    ("CQ-04", "person-posts", {"person": "Lagunes Victor Soto"},
     has_all("head of the Innovation and Technology Strategy Presidency of the Republic")),
    ("CQ-04", "entity-names", {"entity": "Lagunes Victor Soto"}, has_all("Lagunes Victor Soto", "Lagunes")),
    ("CQ-07", "entity-names", {"entity": "CANIETI"},
     has_all("National Chamber of the Electronics, Telecommunications and Information Technology Industry")),
    ("CQ-07", "entity-name-forms", {"entity": "canieti"},
     both(row_with(article=A000, form="CANIETI"), row_with(article=A001, form="Canieti"))),
    ("CQ-08", "post-holders", {"post": "National President of CANIETI"},
     both(row_with(holderLabel=MDLC, reelection="true"), has_all("National President"))),
    ("CQ-08", "event-places", {"place": "Mexico City"}, row_with(article=A000, placeLabel="Mexico City")),
    ("CQ-10", "work-plan-items", {"plan": "work-plan-2017-2018"},
     both(values("periodStart", "2017"), values("periodEnd", "2018"))),
    ("CQ-11", "work-plan-items", {"plan": "work-plan-2017-2018"},
     both(count("position", 9), values("position", *map(str, range(1, 10))),
          has_all("Consolidate the Code X initiative", "Increase the rate of affiliation growth"))),
    ("CQ-12", "items-referring-to", {"entity": "NAFTA"},
     row_with(position="1", text="renegotiation of the North American Free Trade Agreement (NAFTA)")),
    ("CQ-12", "work-plan-items", {"plan": "work-plan-2017-2018"},
     row_with(position="1", text="industrial policy for advanced manufacturing")),
    ("CQ-14", "initiative-supporters", {"initiative": "National Strategy for Cybersecurity"}, has_all("CANIETI")),
    ("CQ-14", "entity-properties", {"entity": "national-cybersecurity-study"},
     has_all("analysis and recommendations on the digital ecosystem of the public and private sectors")),
    ("CQ-15", "entity-properties", {"entity": "Code X"},
     has_all("inclusion of a greater number of girls and women in the Area of ICT")),
    ("CQ-15", "items-referring-to", {"entity": "Code X"}, has_all("greater inclusion of women in ICT")),
    ("CQ-16", "initiative-supporters", {"initiative": "Code X"},
     both(has_all("National Digital Strategy Coordination", "industry", "civil society", "academia", "government"))),
    ("CQ-17", "statements-by", {"speaker": MDLC},
     has_all("decree to encourage the high-tech manufacturing sector", "update the public policy of the IT sector",
             "consolidate the transformation of the telecommunications sector", "2013")),
    ("CQ-18", "statements-by", {"speaker": MDLC},
     has_all("infrastructure development", "criteria and times for radio spectrum allocation",
             "revision of technical provisions", "increased information security",
             "the arrival of virtual operators for mobile networks")),
    ("CQ-19", "organization-agreements", {"organization": "CONCAMIN"},
     has_all("Confederation of Industrial Chambers",
             "promote the use of the Industry Suppliers Chain in Mexico (CAPIM) as a tool to bring synergy to all sectors")),
    ("CQ-20", "agreement-parties", {"agreement": "agreements-cyber-police"},
     both(has_all("cyber police", "technology companies", "public universities", "jointly confront possible attacks",
                  "protecting citizens"))),
    ("CQ-21", "entity-figures", {"entity": "CANIETI"}, row_with(value="456000000", unit="MXN", year="2016",
                                                                comparator="exact")),
    ("CQ-21", "entity-relations", {"entity": "canieti", "relation": "funds-from"}, has_all("PROSOFT", "FINNOVA")),
    ("CQ-21", "entity-relations", {"entity": "canieti", "relation": "programs-of"}, has_all("CONACYT", "INADEM")),
    ("CQ-22", "figures-by-measure", {"measure": "companies-benefited"}, row_with(value="1776", comparator="exact")),
    ("CQ-22", "figures-by-measure", {"measure": "jobs-created"}, row_with(value="2074", comparator="exact")),
    ("CQ-23", "entity-figures", {"entity": "Entrepreneur Support Network"}, row_with(value="35", comparator="exact")),
    ("CQ-23", "entity-figures", {"entity": "Emprende Fácil"},
     both(row_with(value="12000", comparator="more-than"), row_with(value="50000", unit="MXN"))),
    ("CQ-24", "entity-figures", {"entity": "canieti"},
     both(row_with(value="1377", comparator="exact"), row_with(value="16.2", unit="PERCENT"),
          has_all("the same period of last year"))),
    ("CQ-25", "entity-figures", {"entity": "CAPIM"},
     both(row_with(value="10000", comparator="more-than", year="2016", timeQualifier="at-end-of"),
          row_with(value="4900000000", unit="USD", comparator="more-than"))),
    ("CQ-26", "entity-figures", {"entity": "event-convention-day-two"}, row_with(value="11", comparator="exact")),
    ("CQ-27", "entity-figures", {"entity": "event-canieti-37th-convention"},
     both(row_with(value="500", comparator="more-than"), row_with(value="3500", comparator="more-than"))),
    ("CQ-28", "figures-in-year", {"year": "2020"},
     both(row_with(value="20000000"), row_with(value="84000000"), row_with(value="369000000"))),
    ("CQ-29", "figures-by-measure", {"measure": "rank-vehicle-manufacturing"},
     both(row_with(value="7", attributedToLabel="Ildefonso Guajardo Villarreal"), row_with(value="5"))),
    ("CQ-29", "entity-figures", {"entity": "Mexico"}, row_with(measure="new-production-plants", value="5")),
    ("CQ-30", "figures-by-measure", {"measure": "share-of-invention-applications"},
     row_with(value="55", unit="PERCENT", attributedToLabel="Enrique Jacob Rocha")),
    ("CQ-31", "entity-figures", {"entity": "Mexico"},
     row_with(value="3000000000", unit="USD", comparator="exact", timeQualifier="per-year", attributedToLabel="cyber police")),
    ("CQ-32", "entity-figures", {"entity": "Mexico"}, row_with(value="17", unit="rank")),
    ("CQ-33", "figures-by-measure", {"measure": "annual-cybercrime-losses"},
     row_with(minValue="375000000000", maxValue="575000000000", unit="USD", comparator="between")),
    ("CQ-34", "entity-figures", {"entity": "Mexico"},
     row_with(value="111000741", surface="111 000 741", comparator="approximately", timeQualifier="since", year="2012")),
    ("CQ-35", "entity-figures", {"entity": "Mexico"},
     row_with(minValue="2.8", maxValue="3", unit="PERCENT", comparator="between", kind="estimate", year="2018")),
    ("CQ-35", "event-participants", {"event": "talk-closing-panorama", "agent_class": "kg:Person"},
     has_all("Maricarmen Cortes", "Marco Mares", "Joseph Yuste")),
    ("CQ-36", "event-details", {"event": "event-canieti-37th-convention"},
     row_with(edition="37", placeLabel="Mexico City")),
    ("CQ-37", "event-participants", {"event": "event-canieti-37th-convention", "agent_class": "kg:Person"},
     both(count("agent", 7), has_all("Mario de la Cruz", "Ildefonso Guajardo Villarreal", "Enrique Jacob Rocha",
                                     "Lagunes", "Maricarmen Cortes", "Marco Mares", "Joseph Yuste"))),
    ("CQ-38", "entities-in-several-articles", {"min_articles": "2"}, row_with(entityLabel=MDLC)),
    ("CQ-38", "entity-name-forms", {"entity": MDLC},
     both(row_with(article=A000, form="Mario de la Cruz Sarabia"), row_with(article=A000, form="De la Cruz"),
          row_with(article=A001, form="Mario de la Cruz"))),
    ("CQ-39", "event-places", {"place": "Mexico City"},
     both(row_with(article=A000), row_with(article=A001), count("event", 2))),
    ("CQ-42", "fact-provenance", {"text": "17th place"},
     row_with(article=A001, line="27", heading="Addressing Cybercrime",
              quote="the country was placed in 17th place worldwide in terms of losses from cybercrime")),
    ("CQ-43", "fact-provenance", {"text": "MX$456 million"},
     row_with(article=A000, heading="Collaborative Engagement Achievements", creditedToLabel=MDLC)),
    ("CQ-47", "money-above", {"threshold": "1000000000", "currency": "USD"},
     both(count("observation", 3), has_all("4900000000", "3000000000", "375000000000", "575000000000"))),
    ("CQ-56", "person-posts", {"person": MDLC}, both(empty("end"), has_all("National President"))),
    ("CQ-57", "article-metadata", {}, both(count("article", 2), empty("issued"))),
]


def test_the_table_covers_all_40_gold_questions() -> None:
    covered = {cq for cq, *_ in GOLD}
    if GOLD_FILE.is_file():
        in_gold = set(re.findall(r"^### (CQ-\d+)", GOLD_FILE.read_text(encoding="utf-8"), re.M))
        assert len(in_gold) == 40
        assert covered == in_gold, sorted(in_gold ^ covered)
    assert len(covered) == 40


def test_readme_maps_every_question_to_its_query() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: queries -->", 1)[1].split("<!-- /section: queries -->", 1)[0]
    for cq, name, params, _ in GOLD:
        line = next((ln for ln in section.splitlines() if ln.startswith(f"| {cq} ")), None)
        assert line is not None, f"{cq} missing from the README table"
        assert f"`{name}`" in line, f"{cq}: README does not name {name}"


@pytest.mark.parametrize("cq, name, params, check", GOLD, ids=[f"{g[0]}-{g[1]}" for g in GOLD])
def test_gold_question(real: Paths, engine: Q.Engine, cq: str, name: str, params: dict[str, str],
                       check: Callable[[Rows], None]) -> None:
    rows = answer(real, engine, name, params)
    assert rows, f"{cq}: {name} returned no rows"
    check(rows)


# Stored queries no gold question uses, with the parameters their snapshot runs with.
EXTRA: dict[str, dict[str, str]] = {
    "article-facts": {"article": A001},
    "event-figures": {"event": "event-canieti-37th-convention"},
    "event-parts": {"event": "event-canieti-37th-convention"},
    "event-series-editions": {"series": "canieti-annual-national-convention"},
    "figures-by-comparator": {"comparator": "between"},
    "figures-by-kind": {"kind": "projection"},
    "figures-by-source": {"source": "enrique-jacob-rocha"},
    "items-by-topic": {"topic": "cybersecurity"},
    "organization-people": {"organization": "innovation-technology-strategy-presidency"},
    "search-label": {"text": "cyber"},
}


def snapshot_cases() -> list[tuple[str, dict[str, str]]]:
    """Every stored query with the parameters of its first gold use (or its defaults)."""
    seen: dict[str, dict[str, str]] = dict(EXTRA)
    for _, name, params, _ in GOLD:
        seen.setdefault(name, params)
    for stored in Q.load_catalogue(Paths(root=REPO)):
        if stored.name not in seen:
            seen[stored.name] = {}
    return sorted(seen.items())


def snapshot_file(name: str, params: dict[str, str]) -> Path:
    tag = "-".join(f"{k}={v}" for k, v in sorted(params.items())) or "defaults"
    tag = re.sub(r"[^A-Za-z0-9=._-]+", "_", tag)
    return SNAPSHOTS / f"{name}.{tag}.{'ttl' if name == 'entity-graph' else 'csv'}"


@pytest.mark.parametrize("name, params", snapshot_cases(), ids=[c[0] for c in snapshot_cases()])
def test_every_stored_query_matches_its_snapshot(real: Paths, engine: Q.Engine, name: str,
                                                 params: dict[str, str]) -> None:
    res = Q.run_stored(real, name, params, opened=engine)
    text = render(res, "turtle" if res.form == "CONSTRUCT" else "csv")
    path = snapshot_file(name, params)
    if os.environ.get("KG_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"no snapshot {path.name}: run with KG_UPDATE_SNAPSHOTS=1, review it, and commit it"
    assert text == path.read_bytes().decode("utf-8"), f"{path.name} changed; KG_UPDATE_SNAPSHOTS=1 after review"


def test_rdflib_engine_gives_the_same_rows_on_the_real_build(real: Paths, engine: Q.Engine) -> None:
    other = Q.open_engine(real, "rdflib")
    # Oxigraph's three ways to read the build: the union of the store's graphs (a fresh engine on a
    # build's store), the manifest's graphs listed one by one, and a deduplicated copy in memory
    fresh = Q.open_engine(real, "oxigraph")
    assert fresh.union
    listed = Q.OxigraphEngine(real, union=False)
    merged = Q.OxigraphEngine(real, union=False)
    Q.run(merged, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert merged._merged is not None
    for name, params in snapshot_cases():
        a = Q.run_stored(real, name, params, opened=fresh)
        b = Q.run_stored(real, name, params, opened=other)
        c = Q.run_stored(real, name, params, opened=merged)
        d = Q.run_stored(real, name, params, opened=listed)
        if a.form == "CONSTRUCT":
            import rdflib.compare

            for x in (b, c, d):
                assert rdflib.compare.isomorphic(a.graph, x.graph), name
        else:
            assert render(a, "csv") == render(b, "csv") == render(c, "csv") == render(d, "csv"), name


def test_non_explicit_facts_carry_their_reasons_and_readings(real: Paths, engine: Q.Engine) -> None:
    rows = answer(real, engine, "non-explicit-facts", {})
    statuses = {r["status"].rsplit("/", 1)[-1] for r in rows}
    assert "explicit" not in statuses and {"implied", "ambiguous", "correction"} <= statuses
    # CQ-19's note: CANIETI as the other party of the CONCAMIN agreement is implied, not written
    assert any(r["status"].endswith("/implied") and "collaboration agreement" in r["quote"] for r in rows)
    # CQ-34: the incident count keeps both readings
    readings = {r["reading"] for r in rows if "111 000 741" in r["quote"]}
    assert {"111000741", "111741"} <= readings
    for r in rows:
        status = r["status"].rsplit("/", 1)[-1]
        if status in ("correction", "judgement"):
            assert r["reason"], r["fact"]
        if status == "ambiguous":
            assert r["reading"], r["fact"]
        if status == "implied":  # (the README asks a note of every implied fact: the row shows what it rests on)
            assert r["note"], r["fact"]
    previous = next(r for r in rows if r["fact"].endswith("/tenure/ten-mdlc-previous"))
    assert previous["note"].startswith("A re-election implies an earlier term")


def test_a_reasoned_build_gives_the_same_rows_as_the_content_build(real: Paths, engine: Q.Engine,
                                                                   built_paths: Paths) -> None:
    """The build an analyst runs (`kg build`) is reasoned; the tests above query one that is not. An entity declared
    in a fact file is also a kg:Fact on a reasoned build (the domain of kg:hasEvidence), no superclass of its own
    class: article-facts gave such an entity a second row typed kg:Fact (37 in art-001), non-explicit-facts listed the
    implied series "Canieti's Annual National Convention" twice, and entity-properties gave CAPIM five types (prov:Entity,
    describable thing, entity, fact, platform) where it states one."""
    reasoned = Q.open_engine(built_paths, "oxigraph")
    differ = []
    for name, params in snapshot_cases():
        a = Q.run_stored(real, name, params, opened=engine)
        b = Q.run_stored(built_paths, name, params, opened=reasoned)
        if a.form == "CONSTRUCT":
            continue  # (entity-graph: the entity's triples, its inferred types too)
        if render(a, "csv") != render(b, "csv"):
            differ.append(f"{name} {params}: {len(a.rows)} rows, {len(b.rows)} reasoned")
    assert not differ, differ
    rows = answer(built_paths, reasoned, "non-explicit-facts", {})
    assert [tail(r["type"]) for r in rows if r["fact"].endswith("/canieti-annual-national-convention")] == ["EventSeries"]
    facts = answer(built_paths, reasoned, "article-facts", {"article": A001})
    assert "Fact" not in {tail(r["type"]) for r in facts}
    assert len({r["fact"] for r in facts}) == len(facts)
    capim = answer(built_paths, reasoned, "entity-properties", {"entity": "CAPIM"})
    assert [tail(r["value"]) for r in capim if r["property"].endswith("#type")] == ["Platform"]


def test_article_facts_offsets_point_at_the_quotes(real: Paths, engine: Q.Engine) -> None:
    for article in (A000, A001):
        text = (REPO / "data" / "articles" / f"{article}.txt").read_text(encoding="utf-8")
        rows = answer(real, engine, "article-facts", {"article": article})
        assert len(rows) > 20
        starts = [int(r["start"]) for r in rows]
        assert starts == sorted(starts)
        for r in rows:
            assert text[int(r["start"]):int(r["end"])] == r["quote"], r["fact"]


@pytest.mark.parametrize("other", [False, True], ids=["oxigraph", "rdflib"])
def test_events_are_found_by_a_place_they_are_within(real: Paths, engine: Q.Engine, other: bool) -> None:
    eng = Q.open_engine(real, "rdflib") if other else engine
    city = Q.run_stored(real, "event-places", {"place": "Mexico City"}, opened=eng).rows
    country = Q.run_stored(real, "event-places", {"place": "Mexico"}, opened=eng).rows  # (through kg:inCountry)
    assert len(city) == len(country) == 2
    assert {str(r[1]) for r in city} == {str(r[1]) for r in country}
    assert {str(r[2]).rsplit("/", 1)[1] for r in country} == {"mexico-city"} and {str(r[0]).rsplit("/", 1)[1] for r in country} == {"mexico"}
    listing = Q.run_stored(real, "event-places", {}, opened=eng).rows  # each event once, at its own place
    assert sorted(str(r[1]) for r in listing) == sorted(str(r[1]) for r in city) and all(r[0] is None for r in listing)


@pytest.mark.parametrize("text", ["camara nacional", "CÁMARA NACIONAL", "Electronica", "tecnologías"])
def test_search_label_ignores_case_and_accents(real: Paths, engine: Q.Engine, text: str) -> None:
    for eng in (engine, Q.open_engine(real, "rdflib")):
        rows = Q.run_stored(real, "search-label", {"text": text}, opened=eng).rows
        assert any(str(r[1]).endswith("/organization/canieti") for r in rows), (text, eng.name)


@pytest.mark.parametrize("other", [False, True], ids=["oxigraph", "rdflib"])
def test_search_label_gives_each_names_language(real: Paths, engine: Q.Engine, other: bool) -> None:
    """"facil" gave two rows that read the same: Emprende Fácil's name in en and in es."""
    eng = Q.open_engine(real, "rdflib") if other else engine
    res = Q.run_stored(real, "search-label", {"text": "facil"}, opened=eng)
    lines = render(res, "csv").splitlines()
    assert len(set(lines)) == len(lines) and res.variables[-1] == "lang"
    rows = answer(real, eng, "search-label", {"text": "facil"})
    assert sorted((r["name"], r["lang"]) for r in rows if r["entity"].endswith("/platform/emprende-facil")) == [
        ("Emprende Fácil", "en"), ("Emprende Fácil", "es")]


@pytest.mark.parametrize("other", [False, True], ids=["oxigraph", "rdflib"])
def test_fact_provenance_ignores_case_and_accents(real: Paths, engine: Q.Engine, other: bool) -> None:
    """"emprende facil" found no fact where "Emprende Fácil" found 9: quotes were compared in lower case with
    their accents, where search-label and entity parameters fold them."""
    eng = Q.open_engine(real, "rdflib") if other else engine

    def found(text: str) -> list[tuple[str, ...]]:
        return [tuple(v for k, v in r.items() if k != "text") for r in answer(real, eng, "fact-provenance", {"text": text})]

    expected = found("Emprende Fácil")
    assert expected
    for text in ("emprende facil", "EMPRENDE FACIL", "EMPRENDE FÁCIL", "emprende fácil"):
        assert found(text) == expected, text
    assert found("méxico") == found("Mexico") != []  # ("Mexico" as the English quotes write it)


@pytest.mark.parametrize("value, outcome", [
    ("kg:Persn", "did you mean kg:Person?"),  # (a misspelt class answered with no rows, exit 0)
    ("Organisation", "did you mean kg:Organization?"),
    ("kg:Xyzzy", "the classes are listed in docs/data-model.md"),
    # a Spanish analyst's wording that shares one word with a label, and a misspelt word: the classes, not the list's
    # first three ("organismo gubernamental" got "e.g. kg:Person, kg:Organization, kg:Event")
    ("organismo gubernamental", "classes whose label shares a word with it: kg:GovernmentBody (organismo de gobierno))"),
    ("cuerpo policial", "classes whose label shares a word with it: kg:SecurityBody (cuerpo de seguridad))"),
    ("Goverment", "classes whose label has a word like it: kg:GovernmentBody (government body))"),
    ("foo de bar", "the classes are listed in docs/data-model.md"),  # (its short words match nothing)
    ("Person", None), ("kg:Person", None), ("<https://w3id.org/canieti-kg/ontology#Person>", None),
])
def test_a_class_parameter_is_a_class_of_the_ontology(real: Paths, engine: Q.Engine, value: str, outcome: str | None) -> None:
    from kg.errors import UsageError

    if outcome is None:
        rows = answer(real, engine, "entities-by-type", {"class": value})
        assert any(r["entity"].endswith("/person/mario-de-la-cruz-sarabia") for r in rows)
        return
    with pytest.raises(UsageError) as err:
        answer(real, engine, "entities-by-type", {"class": value})
    assert "no such class in the graph's ontology" in err.value.one_line() and outcome in err.value.one_line()


def test_money_above_says_what_kind_of_figure_each_is(real: Paths, engine: Q.Engine) -> None:
    """A projection listed beside reported amounts with nothing to tell them apart read as a fact."""
    rows = answer(real, engine, "money-above", {"threshold": "1000000", "currency": "MXN"})
    assert rows and all(r["kind"] for r in rows) and "about" in rows[0] and "timeText" in rows[0]


@pytest.mark.parametrize("value", ["canieti-national-president", "post/canieti-national-president",
                                   "<https://w3id.org/canieti-kg/id/post/canieti-national-president>"])
def test_an_entity_parameter_takes_its_id_as_tables_show_it(real: Paths, engine: Q.Engine, value: str) -> None:
    rows = answer(real, engine, "post-holders", {"post": value})
    assert len(rows) == 3 and {r["holder"] for r in rows} == {"https://w3id.org/canieti-kg/id/person/mario-de-la-cruz-sarabia"}


@pytest.mark.parametrize("currency, observation", [
    *((c, "obs-canieti-funds-managed") for c in ("MXN", "pesos", "MX$", "peso mexicano", "pesos mexicanos", "Mexican pesos")),
    *((c, "obs-global-cybercrime-losses") for c in ("USD", "US$", "dollars", "dólares", "dolares")),
])
def test_a_currency_is_named_as_the_articles_write_it(real: Paths, engine: Q.Engine, currency: str,
                                                      observation: str) -> None:
    rows = answer(real, engine, "money-above", {"threshold": "1000000", "currency": currency})
    assert {tail(r["observation"]) for r in rows} >= {observation}


def test_an_event_s_implied_organizer_is_shown_with_its_status(real: Paths, engine: Q.Engine) -> None:
    """"Who organized the convention?" had an empty organizer: the article only implies CANIETI."""
    [row] = answer(real, engine, "event-details", {"event": "event-canieti-37th-convention"})
    assert (row["organizer"], tail(row["organizedBy"]), tail(row["organizedByStatus"])) == ("", "canieti", "implied")


@pytest.mark.parametrize("topic, item", [("talent", "p4"), ("talento", "p4"), ("infrastructure", "p3"),
                                         ("women-in-ict", "p7")])
def test_an_analyst_finds_the_point_of_the_work_plan_on_a_topic(real: Paths, engine: Q.Engine, topic: str,
                                                                item: str) -> None:
    """"Which point of the plan is about talent?" found the whole plan: its points had no topics."""
    rows = answer(real, engine, "items-by-topic", {"topic": topic})
    assert item in {tail(r["item"]) for r in rows if r["type"].endswith("#PlanItem")}


def test_work_plan_items_say_what_each_point_refers_to(real: Paths, engine: Q.Engine) -> None:
    """The summary promised "what each point refers to" and the rows had no such column."""
    rows = answer(real, engine, "work-plan-items", {"plan": "work-plan-2017-2018"})
    refers: dict[str, set[str]] = {}
    for r in rows:
        refers.setdefault(r["position"], set()).update({tail(r["refersTo"])} if r["refersTo"] else set())
    assert sorted(refers, key=int) == [str(n) for n in range(1, 10)]
    assert refers["1"] == {"advanced-manufacturing-industrial-policy", "nafta", "event-nafta-renegotiation", "suppliers"}
    assert refers["4"] == set() and refers["6"] == {"national-cybersecurity-strategy"}


def test_entities_by_type_in_spanish_keeps_an_english_label_where_there_is_no_spanish_one(real: Paths,
                                                                                       engine: Q.Engine) -> None:
    """`-p lang=es` left the label empty for the bodies the articles name only in English."""
    rows = answer(real, engine, "entities-by-type", {"class": "GovernmentBody", "lang": "es"})
    labels = {tail(r["entity"]): r["label"] for r in rows}
    assert labels["conacyt"] == "Consejo Nacional de Ciencia y Tecnología"
    assert labels["national-digital-strategy-coordination"] == "National Digital Strategy Coordination"
    assert all(labels.values())


def test_statements_of_one_line_come_in_the_order_written(real: Paths, engine: Q.Engine) -> None:
    """Jacob Rocha's "mentioned" came before his "spoke about", which opens the same line."""
    rows = answer(real, engine, "statements-by", {"speaker": "enrique-jacob-rocha"})
    verbs = list(dict.fromkeys(r["verb"] for r in rows))
    assert verbs[:2] == ["spoke about", "mentioned"], verbs
    keys = [(r["article"], int(r["line"]), int(r["start"])) for r in rows]
    assert keys == sorted(keys)


def test_government_bodies_include_the_public_institutes_and_the_police(real: Paths, engine: Q.Engine) -> None:
    """An analyst asking for government bodies missed INADEM (a public institute) and the cyber police."""
    rows = answer(real, engine, "entities-by-type", {"class": "GovernmentBody"})
    assert {"inadem", "cyber-police", "conacyt", "ministry-of-economy"} <= {tail(r["entity"]) for r in rows}


@pytest.mark.parametrize("comparator, observations", [
    ("approximately", {"obs-computer-incidents"}),
    ("más de", {"obs-capim-business-link", "obs-capim-suppliers", "obs-entrepreneurial-projects", "obs-in-person-attendees",
                "obs-streaming-users"}),
    ("between", {"obs-economic-growth", "obs-global-cybercrime-losses"}),
    ("at-least", set()),
])
def test_an_analyst_finds_the_approximate_figures_the_bounds_and_the_ranges(real: Paths, engine: Q.Engine, comparator: str,
                                                                            observations: set[str]) -> None:
    """"Which figures are approximations, lower bounds or ranges?" took an ad-hoc query."""
    rows = answer(real, engine, "figures-by-comparator", {"comparator": comparator})
    assert {tail(r["observation"]) for r in rows} == observations
    assert all(r["minValue"] and r["maxValue"] and not r["value"] for r in rows) if comparator == "between" else True


@pytest.mark.parametrize("kind, observations", [
    ("projection", {"obs-connected-devices", "obs-internet-users", "obs-internet-users-increase"}),
    ("proyección", {"obs-connected-devices", "obs-internet-users", "obs-internet-users-increase"}),
    ("estimate", {"obs-economic-growth"}),
])
def test_an_analyst_tells_projections_and_estimates_from_reported_figures(real: Paths, engine: Q.Engine, kind: str,
                                                                         observations: set[str]) -> None:
    rows = answer(real, engine, "figures-by-kind", {"kind": kind})
    assert {tail(r["observation"]) for r in rows} == observations
    assert all(r["quote"] for r in rows)
    reported = answer(real, engine, "figures-by-kind", {"kind": "reported"})
    assert reported and not {tail(r["observation"]) for r in reported} & observations


def test_an_analyst_tells_a_figure_or_statement_attributed_by_its_context_from_one_its_quote_attributes(
        real: Paths, engine: Q.Engine) -> None:
    """"By managing a total of MX$456 million in 2016" is de la Cruz's by the sentence before: the figure is explicit,
    its attribution implied. A fact of another status marks none, and its status covers who gave it too."""
    figures = {tail(r["observation"]): (r.get("attributionStatusLabel", ""), tail(r["status"]))
               for r in answer(real, engine, "figures-by-source", {"source": MDLC})}
    assert figures["obs-canieti-funds-managed"] == ("implied", "explicit")
    assert figures["obs-internet-users"] == ("implied", "explicit")
    assert figures["obs-capim-business-link"] == ("", "ambiguous") and figures["obs-connected-devices"] == ("", "implied")
    said = {tail(r["statement"]): r.get("attributionStatusLabel", "")
            for r in answer(real, engine, "statements-by", {"speaker": MDLC})}
    assert said["st-mdlc-infrastructure-key"] == "implied"  # ("...Mario de la Cruz, said the development...")
    assert said["st-mdlc-canieti-actions"] == "explicit"  # ("..., said Mario de la Cruz.")
    assert said["st-strategic-sector"] == ""


@pytest.mark.parametrize("value, entity", [
    ("TLCAN", "agreement/nafta"), ("Estado de México", "place/state-of-mexico"), ("estado de mexico", "place/state-of-mexico"),
    ("Red de Apoyo al Emprendedor", "program/entrepreneur-support-network"),
    ("Confederación de Cámaras Industriales de los Estados Unidos Mexicanos", "organization/concamin"),
    ("Estrategia Nacional de Ciberseguridad", "initiative/national-cybersecurity-strategy"),
])
def test_an_analyst_finds_the_bodies_of_the_articles_by_their_spanish_names(real: Paths, engine: Q.Engine, value: str,
                                                                            entity: str) -> None:
    rows = answer(real, engine, "entity-names", {"entity": value})
    assert {r["entity"] for r in rows} == {f"https://w3id.org/canieti-kg/id/{entity}"}
    assert any(r["lang"] == "es" for r in rows)


@pytest.mark.parametrize("query, param, value, words", [
    # an entity all right, of another kind: "no entity with this id" sent the user looking for a typo
    ("post-holders", "post", "canieti", "organization/canieti is an organization, and post takes a post"),
    # ... and where a post was passed for its organization or the other way round, which one was meant: "SE" is the
    # Secretary of Economy's acronym (the article's "Secretary of Economy (SE)"), not the ministry's
    ("post-holders", "post", "CANIETI",
     "(fix: its posts: pass post/canieti-national-president (National President of CANIETI))"),
    ("post-holders", "post", "INADEM",
     "(fix: its posts: pass post/inadem-president (President of the National Institute of Entrepreneurship))"),
    ("organization-people", "organization", "SE",
     "post/secretary-of-economy is a post, and organization takes an organization: 'SE' "
     "(fix: its organization: pass organization/ministry-of-economy (Ministry of Economy))"),  # (an implied post-in)
    ("organization-people", "organization", "Enrique Jacob Rocha",
     "(fix: run `kg query entities-by-type -p class=Organization` to list them)"),  # (a person: no such link)
    ("event-series-editions", "series", "canieti", "and series takes a series"),
    ("post-holders", "post", "nobody-at-all", "no entity with this id, IRI, name or alias"),
    ("post-holders", "post", "organization/canieti", "organization/canieti is an organization, and post takes a post"),
    ("post-holders", "post", "post/nobody-at-all", "no entity with this id, IRI, name or alias"),
    # a part of a name is never bound on a guess: the entities whose names hold its words are named
    ("person-posts", "person", "Guajardo",
     "names containing it: person/ildefonso-guajardo-villarreal (Ildefonso Guajardo Villarreal)"),
    ("organization-people", "organization", "camara nacional", "names containing it: organization/canieti"),
    ("event-details", "event", "37th annual national convention",
     "names containing it: event/event-canieti-37th-convention (Canieti’s 37th Annual National Convention); "
     "event/event-convention-closing"),
    ("person-posts", "person", "Guaj", "no entity with this id, IRI, name or alias: 'Guaj' (fix: run `kg query search-label"),
    # a misspelt concept gets the near ids, as a misspelt entity or class does
    ("figures-by-measure", "measure", "fund-managed", "did you mean funds-managed?"),
    ("figures-by-measure", "measure", "zzzz", "(fix: the measure concepts: annual-cybercrime-losses,"),
])
def test_a_parameter_of_the_wrong_kind_or_misspelt_says_which(real: Paths, engine: Q.Engine, query: str, param: str,
                                                              value: str, words: str) -> None:
    from kg.errors import UsageError

    with pytest.raises(UsageError) as err:
        answer(real, engine, query, {param: value})
    assert words in err.value.one_line()


# --- from an analyst's walk through the graph of the two articles ----------------------------------------

def tail(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


@pytest.mark.parametrize("other", [False, True], ids=["oxigraph", "rdflib"])
@pytest.mark.parametrize("family, members", [
    ("rank", {"rank-vehicle-manufacturing", "rank-cybercrime-losses"}),
    ("money", {"funds-managed", "business-linked-value", "annual-cybercrime-losses", "startup-grant-per-applicant"}),
    ("audience", {"in-person-attendees", "streaming-users"}),
])
def test_figures_by_measure_takes_a_family_and_names_each_figures_own_measure(real: Paths, engine: Q.Engine, other: bool,
                                                                              family: str, members: set[str]) -> None:
    """`-p measure=rank` answered no rows: figures carry the narrower measure, never the family."""
    eng = Q.open_engine(real, "rdflib") if other else engine
    rows = answer(real, eng, "figures-by-measure", {"measure": family})
    assert rows and {tail(r["measure"]) for r in rows} == {family}
    assert {tail(r["observationMeasure"]) for r in rows} == members


def test_figures_by_measure_of_a_narrow_measure_names_it_twice(real: Paths, engine: Q.Engine) -> None:
    rows = answer(real, engine, "figures-by-measure", {"measure": "presentations"})
    assert [(tail(r["measure"]), tail(r["observationMeasure"]), r["value"]) for r in rows] == [
        ("presentations", "presentations", "11")]


def test_figures_show_what_they_are_compared_with_and_their_other_reading(real: Paths, engine: Q.Engine) -> None:
    rows = answer(real, engine, "figures-by-measure", {"measure": "rank-vehicle-manufacturing"})
    after = next(r for r in rows if r["observation"].endswith("/obs-vehicle-rank-after"))
    assert after["comparedWith"].endswith("/obs-vehicle-rank-before") and after["comparedValue"] == "7"
    before = next(r for r in rows if r["observation"].endswith("/obs-vehicle-rank-before"))
    assert before["comparedWith"] == "" and before["alternativeValue"] == ""
    # "about 111 000 741": the literal reading, and 111,741 as the other
    incidents = next(r for r in answer(real, engine, "figures-by-measure", {"measure": "computer-incidents"})
                     if r["observation"].endswith("/obs-computer-incidents"))
    assert (incidents["value"], incidents["alternativeValue"]) == ("111000741", "111741")


def test_a_joint_figure_names_the_other_entities_it_is_about(real: Paths, engine: Q.Engine) -> None:
    """"CDMX, Jalisco, State of Mexico and Nuevo Leon covering 55%": the share is the four's, not Mexico City's."""
    rows = answer(real, engine, "entity-figures", {"entity": "mexico-city"})
    share = next(r for r in rows if r["observation"].endswith("/obs-invention-share"))
    assert sorted(iri.rsplit("/", 1)[-1] for iri in share["alsoAbout"].split()) == [
        "jalisco", "nuevo-leon", "state-of-mexico"]
    assert all(r["alsoAbout"] == "" for r in answer(real, engine, "entity-figures", {"entity": "canieti"}))


@pytest.mark.parametrize("organization, person, post_in, head", [
    ("innovation-technology-strategy-presidency", "victor-lagunes-soto", "explicit", "true"),  # art-001 line 27
    ("canieti", "mario-de-la-cruz-sarabia", "explicit", "true"),
    ("inadem", "enrique-jacob-rocha", "judgement", "true"),  # the institute is INADEM by a curator's judgement
    ("ministry-of-economy", "ildefonso-guajardo-villarreal", "implied", ""),  # the post's ministry is implied
])
def test_organization_people_lists_heads_and_post_holders_with_the_links_status(real: Paths, engine: Q.Engine,
                                                                                organization: str, person: str,
                                                                                post_in: str, head: str) -> None:
    rows = answer(real, engine, "organization-people", {"organization": organization})
    assert rows and {tail(r["person"]) for r in rows} == {person}
    assert {tail(r["postInStatus"]) for r in rows} == {post_in} and {r["head"] for r in rows} == {head}
    assert all(r["tenure"] and r["quote"] and r["status"] for r in rows)


def test_organization_people_of_canieti_has_every_term(real: Paths, engine: Q.Engine) -> None:
    rows = answer(real, engine, "organization-people", {"organization": "CANIETI"})
    assert sorted((tail(r["tenure"]), tail(r["status"])) for r in rows) == [
        ("ten-mdlc-current", "explicit"), ("ten-mdlc-president", "explicit"), ("ten-mdlc-previous", "implied")]


@pytest.mark.parametrize("person, organization, status", [
    ("enrique-jacob-rocha", "inadem", "judgement"),  # shown as explicit before: rel-inadem-president-post-in-inadem
    ("ildefonso-guajardo-villarreal", "ministry-of-economy", "implied"),  # blank before: the link is only implied
    ("mario-de-la-cruz-sarabia", "canieti", "explicit"),
    ("victor-lagunes-soto", "innovation-technology-strategy-presidency", "explicit"),
])
def test_person_posts_gives_the_organization_links_own_status(real: Paths, engine: Q.Engine, person: str,
                                                              organization: str, status: str) -> None:
    rows = answer(real, engine, "person-posts", {"person": person})
    assert rows and {(tail(r["organization"]), tail(r["organizationStatus"])) for r in rows} == {(organization, status)}


def test_post_holders_leaves_the_order_of_a_term_in_no_chain_empty(real: Paths, engine: Q.Engine) -> None:
    """art-001's "Canieti's president" term is linked to no other: order 0 put it level with the first term."""
    rows = answer(real, engine, "post-holders", {"post": "canieti-national-president"})
    assert [(tail(r["tenure"]), r["order"]) for r in rows] == [
        ("ten-mdlc-president", ""), ("ten-mdlc-previous", "0"), ("ten-mdlc-current", "1")]


def test_items_by_topic_lists_statements_and_entities_with_type_status_and_quote(real: Paths, engine: Q.Engine) -> None:
    rows = answer(real, engine, "items-by-topic", {"topic": "cybersecurity"})
    by_item = {tail(r["item"]): r for r in rows}
    assert {"st-lagunes-incidents", "st-experts-cybersecurity", "st-cybersecurity-efforts",
            "agreements-cyber-police", "national-cybersecurity-strategy"} <= set(by_item)
    assert len(by_item) == len(rows)  # one row each: the most specific type only
    agreement = by_item["agreements-cyber-police"]
    assert tail(agreement["type"]) == "PartnershipAgreement" and agreement["article"].endswith(A001)
    assert agreement["quote"] == "has signed partnership agreements" and tail(agreement["status"]) == "explicit"
    assert tail(by_item["st-lagunes-incidents"]["type"]) == "Statement"
    assert {tail(r["itemTopic"]) for r in rows} == {"cybersecurity"}


def test_items_by_topic_says_who_made_each_statement(real: Paths, engine: Q.Engine) -> None:
    """"Who said what about Industry 4.0?" needed statements-by for each speaker in turn."""
    rows = answer(real, engine, "items-by-topic", {"topic": "industry-4-0"})
    said = {tail(r["item"]): tail(r["speaker"]) for r in rows}
    assert said["st-guajardo-prospects"] == "ildefonso-guajardo-villarreal"
    assert said["st-jacob-rocha-conclusion"] == "enrique-jacob-rocha"
    assert said["st-mdlc-infrastructure-key"] == "mario-de-la-cruz-sarabia"
    assert said["st-final-conclusion"] == ""  # "It was concluded": the article's own voice
    assert said["event-canieti-37th-convention"] == ""  # not a statement
    assert len(said) == len(rows)


def test_event_parts_lists_the_conventions_parts_at_every_depth(real: Paths, engine: Q.Engine) -> None:
    rows = answer(real, engine, "event-parts", {"event": "event-canieti-37th-convention"})
    parts = {tail(r["part"]): r for r in rows}
    assert len(parts) == len(rows) == 7
    assert {p for p, r in parts.items() if r["level"] == "1"} == {
        "event-convention-inauguration", "event-convention-day-two", "event-convention-closing",
        "talk-de-la-cruz-message", "talk-guajardo-speech", "talk-jacob-rocha-presentation"}
    panorama = parts["talk-closing-panorama"]  # a talk of the closing session
    assert panorama["level"] == "2" and tail(panorama["parent"]) == "event-convention-closing"
    assert tail(panorama["type"]) == "Talk" and tail(panorama["status"]) == "explicit"
    day_two = parts["event-convention-day-two"]
    assert day_two["dayNumber"] == "2" and tail(day_two["follows"]) == "event-convention-inauguration"
    assert tail(day_two["type"]) == "EventSession" and day_two["article"].endswith(A001) and day_two["quote"]
    closing = answer(real, engine, "event-parts", {"event": "event-convention-closing"})
    assert [(tail(r["part"]), r["level"]) for r in closing] == [("talk-closing-panorama", "1")]


def test_an_analyst_finds_the_figures_given_at_a_convention_talk_by_talk(real: Paths, engine: Q.Engine) -> None:
    """"What figures were given at the 37th convention, and by whom?" took an ad-hoc query: entity-figures gives
    only the figures about the convention (its attendance), and the closing panorama's estimate has no source."""
    rows = answer(real, engine, "event-figures", {"event": "Canieti's 37th Annual National Convention"})
    given = {(tail(r["observation"]), tail(r["part"]), tail(r["attributedTo"])) for r in rows}
    assert given == {
        ("obs-internet-users-increase", "talk-de-la-cruz-message", "mario-de-la-cruz-sarabia"),
        ("obs-internet-users", "talk-de-la-cruz-message", "mario-de-la-cruz-sarabia"),
        ("obs-connected-devices", "talk-de-la-cruz-message", "mario-de-la-cruz-sarabia"),
        ("obs-new-production-plants", "talk-guajardo-speech", "ildefonso-guajardo-villarreal"),
        ("obs-vehicle-rank-before", "talk-guajardo-speech", "ildefonso-guajardo-villarreal"),
        ("obs-vehicle-rank-after", "talk-guajardo-speech", "ildefonso-guajardo-villarreal"),
        ("obs-invention-share", "talk-jacob-rocha-presentation", "enrique-jacob-rocha"),
        ("obs-vc-funds", "talk-jacob-rocha-presentation", "enrique-jacob-rocha"),
        ("obs-entrepreneurial-projects", "talk-jacob-rocha-presentation", "enrique-jacob-rocha"),
        ("obs-startup-grant", "talk-jacob-rocha-presentation", "enrique-jacob-rocha"),
        ("obs-cybercrime-rank", "event-canieti-37th-convention", "victor-lagunes-soto"),
        ("obs-computer-incidents", "event-canieti-37th-convention", "victor-lagunes-soto"),
        ("obs-economic-growth", "talk-closing-panorama", ""),  # "it was estimated": no source
    }
    # not the attendance (about the convention, given by no one at it), nor the cyber police's figure
    assert not {"obs-in-person-attendees", "obs-streaming-users", "obs-mexico-cybercrime-losses"} & {g[0] for g in given}
    assert [int(r["line"]) for r in rows] == sorted(int(r["line"]) for r in rows)  # in the order written
    growth = next(r for r in rows if r["observation"].endswith("obs-economic-growth"))
    assert (growth["minValue"], growth["maxValue"], tail(growth["unit"]), tail(growth["kind"])) == ("2.8", "3", "PERCENT", "estimate")
    assert Q.fold(growth["quote"]) == "it was estimated that economic growth will range between 2.8 and 3.0%"  # (U+00A0)
    assert all(r["article"].endswith(A001) and r["quote"] and r["status"] for r in rows)
    # a talk alone, and the other article's event
    panorama = answer(real, engine, "event-figures", {"event": "talk-closing-panorama"})
    assert [tail(r["observation"]) for r in panorama] == ["obs-economic-growth"]
    reelection = answer(real, engine, "event-figures", {"event": "event-canieti-reelection"})
    assert {tail(r["observation"]) for r in reelection} == {"obs-capim-suppliers", "obs-capim-business-link",
                                                           "obs-canieti-funds-managed", "obs-companies-benefited",
                                                           "obs-jobs-created"}


def test_readme_catalogue_lists_every_stored_query_as_its_header_says(real: Paths) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z0-9-]+)` \| .* \|$", readme, re.M)}
    for q in Q.load_catalogue(real):
        row = f"| `{q.name}` | {q.summary} | {', '.join('`' + p.signature() + '`' for p in q.params) or '—'} |"
        assert listed.get(q.name) == row, f"README's catalogue row for {q.name} differs from its header: {row}"
