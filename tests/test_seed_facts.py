"""The curated seed facts keep the shape of the fact inventory (docs/gold/fact-inventory.md) and state nothing the articles do not.

These tests read the real data/ (never writing to it): a curator edit that drops a work-plan point,
invents a date or turns an implied party into a membership fails here, with the fact named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Namespace, URIRef

from kg.config import Paths
from kg.corpus import Corpus, check_fact_file, load_corpus
from kg.yamlio import load_yaml

REPO = Path(__file__).resolve().parent.parent
ART0 = "000_5fec07e56bfc17d3"
ART1 = "001_f5c50bd7e4e2a6b2"
ID = Namespace("https://w3id.org/canieti-kg/id/")
KG = Namespace("https://w3id.org/canieti-kg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")


@pytest.fixture(scope="module")
def paths() -> Paths:
    return Paths(root=REPO)


@pytest.fixture(scope="module")
def corpus(paths: Paths) -> Corpus:
    return load_corpus(paths)


@pytest.fixture(scope="module")
def facts() -> dict[str, dict]:
    return {a: load_yaml(REPO / "data" / "facts" / f"{a}.yaml") for a in (ART0, ART1)}


def _section(facts: dict[str, dict], article: str, name: str) -> list[dict]:
    return list(facts[article].get(name) or [])


@pytest.mark.parametrize("article", [ART0, ART1])
def test_each_fact_file_passes_the_curators_check(paths: Paths, article: str) -> None:
    ff = check_fact_file(REPO / "data" / "facts" / f"{article}.yaml", paths)
    assert ff.review == "reviewed"
    assert all(f.status != "unreviewed" for f in [*ff.facts, *ff.items])


def test_sidecars_hold_only_what_the_articles_state() -> None:
    for article in (ART0, ART1):
        meta = load_yaml(REPO / "data" / "articles" / f"{article}.yaml")
        # Neither article has a title, date, outlet, URL or author (inventory §0, §4.1-2).
        assert set(meta) == {"id", "language", "sha256", "sections"}, article
        assert meta["language"] == "en"


def test_work_plan_has_the_nine_bullets_in_order(facts: dict[str, dict]) -> None:
    text = (REPO / "data" / "articles" / f"{ART0}.txt").read_text(encoding="utf-8")
    bullets = [line.strip().removeprefix("• ") for line in text.splitlines() if line.strip().startswith("•")]
    (plan,) = _section(facts, ART0, "plans")
    assert plan["plan"] == "work-plan-2017-2018"
    assert [item["quote"] for item in plan["items"]] == bullets
    assert len(bullets) == 9
    assert "nafta" in plan["items"][0]["refers_to"]
    assert plan["items"][6]["refers_to"] == ["code-x"]


def test_every_measurement_of_the_inventory_is_an_observation(facts: dict[str, dict]) -> None:
    obs = {o["id"]: o for a in (ART0, ART1) for o in _section(facts, a, "observations")}
    assert len(obs) == 25  # M01-M25
    numbers = sorted((o.get("value") or f'{o["min"]}-{o["max"]}') for o in obs.values())
    assert numbers == sorted([
        "1377", "16.2", "10000", "4900000000", "456000000", "1776", "2074", "11", "500", "3500",
        "20000000", "84000000", "369000000", "5", "7", "5", "55", "35", "12000", "50000",
        "3000000000", "17", "375000000000-575000000000", "111000741", "2.8-3"])
    for o in obs.values():
        for key in ("value", "min", "max"):
            if key in o:  # canonical xsd:decimal lexical form, full magnitude
                assert re.fullmatch(r"-?(0|[1-9]\d*)(\.\d*[1-9])?", o[key]), (o["id"], o[key])
        assert ("attributed_to" in o) != bool(o.get("unattributed")), o["id"]
    assert obs["obs-computer-incidents"]["readings"] == ["111000741", "111741"]
    assert obs["obs-global-cybercrime-losses"]["status"] == "ambiguous"
    assert obs["obs-global-cybercrime-losses"]["unattributed"] is True
    assert obs["obs-mexico-cybercrime-losses"]["attributed_to"] == "cyber-police"
    assert obs["obs-vehicle-rank-after"]["compared_with"] == "obs-vehicle-rank-before"


def test_nothing_listed_as_unstated_is_asserted(facts: dict[str, dict], corpus: Corpus) -> None:
    for article in (ART0, ART1):
        for tenure in _section(facts, article, "tenures"):
            assert not {"start", "end"} & set(tenure), tenure["id"]  # no term dates are stated
        for rel in _section(facts, article, "relations"):
            assert rel["relation"] != "member-of", rel["id"]  # CANIETI in CONCAMIN is not stated
            assert not (rel["subject"] == "nafta" and rel["relation"] == "party"), rel["id"]
    for entity in corpus.entities.values():
        assert not {"date", "start_date", "end_date"} & set(entity.data), entity.id
    # The two articles' events stay distinct; the convention does not claim to be the re-election event.
    convention = corpus.entities["event-canieti-37th-convention"].data
    assert "event-canieti-reelection" not in {convention.get("part_of"), convention.get("follows")}
    # The corrected name is never a label: only the written "Lagunes Victor Soto" is.
    lagunes = corpus.entities["victor-lagunes-soto"].data
    assert lagunes["name"] == {"en": "Lagunes Victor Soto"}
    assert "Víctor" not in str(lagunes.get("aliases"))
    # CDMX is linked to Mexico City only by a judgement mention, never as a stated alias.
    assert "CDMX" not in str(corpus.entities["mexico-city"].data.get("aliases"))
    cdmx = [m for m in _section(facts, ART1, "mentions") if m.get("form") == "CDMX"]
    assert [m["status"] for m in cdmx] == ["judgement"]


def test_the_unnamed_collectives_stay_collectives(corpus: Corpus) -> None:
    expected = {"industry", "civil-society", "academia", "government", "technology-companies",
                "public-universities", "experts", "speakers", "smes-and-entrepreneurs", "operators",
                "suppliers", "affiliates", "applicants", "citizens", "public-and-private-sectors",
                "national-and-international-users"}
    collectives = {e.id for e in corpus.entities.values() if e.type == "CollectiveActor"}
    assert collectives == expected


def test_mapped_graph_answers_posts_and_convention_speakers(corpus: Corpus) -> None:
    from kg.mapping import map_corpus

    graph = {t for g in map_corpus(corpus).values() for t in g}
    holders = {(str(s).rsplit("/", 1)[1], str(o).rsplit("/", 1)[1]) for s, p, o in graph if p == ORG.holds}
    assert holders == {
        ("mario-de-la-cruz-sarabia", "canieti-national-president"),
        ("ildefonso-guajardo-villarreal", "secretary-of-economy"),
        ("enrique-jacob-rocha", "inadem-president"),
        ("victor-lagunes-soto", "innovation-technology-strategy-head"),
    }
    part_of = {s: o for s, p, o in graph if p == KG.partOfEvent}
    convention = ID["event/event-canieti-37th-convention"]

    def within(event: URIRef) -> bool:
        while event != convention and event in part_of:
            event = part_of[event]
        return event == convention

    events = {s: o for s, p, o in graph if p == KG.participationIn}
    agents = {s: o for s, p, o in graph if p == KG.participant}
    people = {str(agents[p]).rsplit("/", 1)[1] for p in events if within(events[p]) and "/person/" in str(agents[p])}
    assert people == {"mario-de-la-cruz-sarabia", "ildefonso-guajardo-villarreal", "enrique-jacob-rocha",
                      "victor-lagunes-soto", "maricarmen-cortes", "marco-mares", "joseph-yuste"}
