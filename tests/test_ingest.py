"""`kg ingest`: the phrasings the rules were written from, in English and Spanish, and the command's contract.

The held-out evaluation set (tests/ingest_eval/) is not used here: it is scored by kg.ingest_eval only.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import Paths
from kg.ingest import MEXICAN_STATES, KnownEntity, draft_facts, extract_dates, fold, render_draft, slugify
from kg.yamlio import load_yaml

REPO = Path(__file__).resolve().parent.parent

KNOWN = [
    KnownEntity("canieti", "IndustryChamber",
                ["National Chamber of the Electronics, Telecommunications and Information Technology Industry",
                 "Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información",
                 "CANIETI", "Canieti"], "CANIETI"),
    KnownEntity("mario-de-la-cruz-sarabia", "Person", ["Mario de la Cruz Sarabia", "De la Cruz"], None),
    KnownEntity("canieti-national-president", "Post", ["National President of CANIETI", "National President", "president"],
                None, organization="canieti"),
    KnownEntity("inadem", "PublicInstitute", ["National Institute of Entrepreneurs", "INADEM"], "INADEM"),
    KnownEntity("mexico", "Country", ["Mexico", "México"], None),
    KnownEntity("mexico-city", "City", ["Mexico City", "Ciudad de México"], None),
    KnownEntity("ministry-of-economy", "GovernmentBody", ["Ministry of Economy", "Secretaría de Economía"], None),
]


def draft(text: str, lang: str = "en") -> dict[str, Any]:
    return draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts


def figures(text: str, lang: str = "en") -> list[tuple[Any, ...]]:
    out = []
    for o in draft(text, lang).get("observations", []):
        value = o["value"] if "value" in o else (o["min"], o["max"])
        out.append((value, o["unit"], o["comparator"]))
    return out


def only(text: str, lang: str = "en") -> dict[str, Any]:
    obs = draft(text, lang).get("observations", [])
    assert len(obs) == 1, obs
    return obs[0]


# --- figures ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "expected"), [
    # currencies and scales
    ("This tool achieved a business link for more than US$4.9 billion.", "en", [("4900000000", "USD", "more-than")]),
    ("By managing a total of MX$456 million in 2016 from various funds.", "en", [("456000000", "MXN", "exact")]),
    ("The platform gives applicants 50,000 pesos to start a business.", "en", [("50000", "MXN", "exact")]),
    ("La plataforma otorga 50 mil pesos a cada proyecto.", "es", [("50000", "MXN", "exact")]),
    ("Las exportaciones sumaron 22 mil millones de dólares.", "es", [("22000000000", "USD", "exact")]),
    ("Las exportaciones sumaron 79 mil 500 millones de dólares.", "es", [("79500000000", "USD", "exact")]),
    ("La inversión fue de 1.2 billones de pesos.", "es", [("1200000000000", "MXN", "exact")]),
    ("The market will reach 3 billion dollars.", "en", [("3000000000", "USD", "exact")]),
    ("La inversión será de US$ 1.5 mil millones.", "es", [("1500000000", "USD", "exact")]),
    ("The firm raised USD 200 million.", "en", [("200000000", "USD", "exact")]),
    ("El programa tendrá $1,500 millones de pesos.", "es", [("1500000000", "MXN", "exact")]),
    ("El fondo suma 300 millones de pesos.", "es", [("300000000", "MXN", "exact")]),
    ("El programa recibirá 456 mdp.", "es", [("456000000", "MXN", "exact")]),
    ("Internet users will increase by 20 million.", "en", [("20000000", "count", "exact")]),
    ("The chamber has 5 thousand members.", "en", [("5000", "count", "exact")]),
    # percentages
    ("Membership grew 16.2% over the same period of last year.", "en", [("16.2", "percent", "exact")]),
    ("Alrededor de 40 por ciento de las pymes no cuenta con protección.", "es", [("40", "percent", "approximately")]),
    ("About 40 percent of firms were attacked.", "en", [("40", "percent", "approximately")]),
    # counts with their nouns, Mexican press style
    ("The chamber closed with a total of 1,377 members.", "en", [("1377", "count", "exact")]),
    ("La cámara cerró con mil 377 afiliados.", "es", [("1377", "count", "exact")]),
    ("Mexico opened five new production plants.", "en", [("5", "count", "exact")]),
    ("Se formarán 3 mil especialistas.", "es", [("3000", "count", "exact")]),
    ("Se espera que haya 84 millones de usuarios de internet.", "es", [("84000000", "count", "exact")]),
    # comparators
    ("The event had an audience of over 500 attendees.", "en", [("500", "count", "more-than")]),
    ("Reunió a más de mil 500 asistentes.", "es", [("1500", "count", "more-than")]),
    ("Mexico has had about 111 000 741 computer incidents.", "en", [("111000741", "count", "approximately")]),
    ("Spending will grow at least 14% per year.", "en", [("14", "percent", "at-least")]),
    ("Al menos 60% de las empresas usa la nube.", "es", [("60", "percent", "at-least")]),
    ("Fewer than 200 companies applied.", "en", [("200", "count", "less-than")]),
    ("Menos de 200 empresas participaron.", "es", [("200", "count", "less-than")]),
    ("The fund gives up to MX$2 million per project.", "en", [("2000000", "MXN", "at-most")]),
    # ranges
    ("Annual losses are between 375 billion and 575 billion dollars.", "en",
     [(("375000000000", "575000000000"), "USD", "between")]),
    ("Growth will range between 2.8 and 3.0%.", "en", [(("2.8", "3"), "percent", "between")]),
    ("Las exportaciones crecerán entre 5 y 7 por ciento.", "es", [(("5", "7"), "percent", "between")]),
    ("Las pérdidas se ubican entre 3 mil y 5 mil millones de dólares.", "es",
     [(("3000000000", "5000000000"), "USD", "between")]),
    ("There is a shortage of between 80,000 and 100,000 IT professionals.", "en", [(("80000", "100000"), "count", "between")]),
    # ranks and ordinals
    ("The country was placed in 17th place worldwide.", "en", [("17", "rank", "exact")]),
    ("Mexico has gone from seventh to fifth place in vehicle manufacturing.", "en",
     [("7", "rank", "exact"), ("5", "rank", "exact")]),
    ("México pasó del séptimo al quinto lugar en manufactura.", "es", [("7", "rank", "exact"), ("5", "rank", "exact")]),
    ("México ocupa el lugar 17 a nivel mundial.", "es", [("17", "rank", "exact")]),
    ("Mexico moved from 15th to 12th place.", "en", [("15", "rank", "exact"), ("12", "rank", "exact")]),
    ("México escaló del lugar 15 al 9 en el índice.", "es", [("15", "rank", "exact"), ("9", "rank", "exact")]),
    # proportions, shared scales, verbs of exceeding, bare numbers
    ("3 out of 10 small businesses lack broadband.", "en", [("30", "percent", "exact")]),
    ("Tres de cada diez vacantes quedan sin cubrirse.", "es", [("30", "percent", "exact")]),
    ("Las exportaciones alcanzarán entre 80 y 85 mil millones de dólares.", "es",
     [(("80000000000", "85000000000"), "USD", "between")]),
    ("The auction could raise as much as 10 billion pesos.", "en", [("10000000000", "MXN", "at-most")]),
    ("El empleo superará los 400 mil trabajadores.", "es", [("400000", "count", "more-than")]),
    ("Of those, 412 were led by women.", "en", [("412", "count", "exact")]),
    ("The number grew from 1,150 to 1,400.", "en", [("1150", "count", "exact"), ("1400", "count", "exact")]),
])
def test_figures(text: str, lang: str, expected: list[tuple[Any, ...]]) -> None:
    assert figures(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Following the inauguration of Canieti’s 37th Annual National Convention, day two began.", "en"),
    ("The 2017-2018 Plan was presented in 2016.", "en"),
    ("Con la llegada de la cuarta revolución industrial y la Industria 4.0 todo cambia.", "es"),
    ("Inauguró la 38 Convención Nacional de la Canieti.", "es"),
    ("He was re-elected for a second term and a three-year period.", "en"),
    ("La asamblea se celebró el 12 de febrero de 2018.", "es"),
    ("One of the main aspects is talent.", "en"),
])
def test_not_figures(text: str, lang: str) -> None:
    """Years, periods, editions, version labels, ordinals of names and durations are not observations."""
    assert figures(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "time", "kind"), [
    ("84 million Mexicans are expected online by 2020.", "en", {"qualifier": "by", "year": "2020"}, "projection"),
    ("Habrá 84 millones de usuarios para 2020.", "es", {"qualifier": "by", "year": "2020"}, "projection"),
    ("At the end of 2016, it had registered more than 10,000 suppliers.", "en", {"qualifier": "at-end-of", "year": "2016"}, "reported"),
    ("Since 2012 Mexico has had about 111 000 741 computer incidents.", "en", {"qualifier": "since", "year": "2012"}, "reported"),
    ("La cámara administró 456 millones de pesos en 2016.", "es", {"qualifier": "in", "year": "2016"}, "reported"),
    ("It was estimated that growth will range between 2.8 and 3.0%.", "en", None, "estimate"),
])
def test_reference_periods_and_kinds(text: str, lang: str, time: dict[str, str] | None, kind: str) -> None:
    obs = only(text, lang)
    assert obs.get("time") == time
    assert obs["kind"] == kind


def test_surface_and_notes() -> None:
    obs = only("Mexico has had about 111 000 741 computer incidents.")
    assert obs["surface"] == "about 111 000 741 computer incidents"
    assert "grouped by spaces" in obs["note"]
    dollars = only("Losses are between 375 billion and 575 billion dollars.")
    assert "presumed USD" in dollars["note"]


# --- dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "iso"), [
    ("held in Mexico City on March 28, 2017.", "en", "2017-03-28"),
    ("will take office on 15 January 2019", "en", "2019-01-15"),
    ("el pasado 12 de febrero de 2018, y asumirá", "es", "2018-02-12"),
    ("la firma del 3 de marzo del 2019", "es", "2019-03-03"),
    ("publicado el 21/03/2018", "es", "2018-03-21"),
])
def test_dates(text: str, lang: str, iso: str) -> None:
    assert [d.iso for d in extract_dates(text, lang)] == [iso]


def test_dates_without_day_or_year_are_not_made_up() -> None:
    found = extract_dates("En marzo de 2018 y el 5 de abril se reunieron.", "es")
    assert [(d.surface, d.iso, d.year) for d in found] == [("marzo de 2018", None, "2018"), ("5 de abril", None, None)]
    assert extract_dates("It may grow in 2018.", "en") == []


# --- mentions, candidates, tenures -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "entity"), [
    ("Canieti announced its plan.", "en", "canieti"),
    ("CANIETI announced its plan.", "en", "canieti"),
    ("La Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información anunció su plan.", "es", "canieti"),
    ("La CAMARA NACIONAL DE LA INDUSTRIA ELECTRONICA, DE TELECOMUNICACIONES Y TECNOLOGIAS DE LA INFORMACION anunció.", "es", "canieti"),
    ("Enrique Jacob Rocha, President of the National Institute of Entrepreneurship, spoke.", "en", "inadem"),
    ("El evento fue en la Ciudad de Mexico.", "es", "mexico-city"),
    ("Mario de la Cruz said so.", "en", "mario-de-la-cruz-sarabia"),
])
def test_known_mentions(text: str, lang: str, entity: str) -> None:
    mentions = draft(text, lang).get("mentions", [])
    assert entity in {m["entity"] for m in mentions}
    for m in mentions:
        assert fold(m["form"]) in fold(m["quote"])


def test_fuzzy_mention_is_flagged_and_digits_must_agree() -> None:
    known = KNOWN + [KnownEntity("conv-37", "Convention", ["Canieti’s 37th Annual National Convention"], None)]
    facts = draft_facts("Canieti’s 38th Annual National Convention opened.", article_id="t", lang="en", known=known).facts
    assert "conv-37" not in {m["entity"] for m in facts.get("mentions", [])}
    men = [m for m in draft("Enrique Jacob Rocha, President of the National Institute of Entrepreneurship, spoke.")["mentions"]
           if m["entity"] == "inadem"]
    assert "fuzzy match" in men[0]["note"]


def test_an_exact_name_before_its_acronym_in_parentheses_is_not_taken_for_a_fuzzy_one() -> None:
    text = ("La Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información "
            "(Canieti) informó su plan.")
    men = [m for m in draft(text, "es")["mentions"] if m["entity"] == "canieti"]
    assert [m["form"] for m in men] == ["Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y "
                                        "Tecnologías de la Información", "Canieti"], men  # (not "... Información (Canieti")
    assert not any("fuzzy" in m.get("note", "") for m in men)


def test_short_acronym_needs_its_case() -> None:
    known = KNOWN + [KnownEntity("se", "GovernmentBody", ["SE"], "SE")]
    facts = draft_facts("No se sabe cuándo.", article_id="t", lang="es", known=known).facts
    assert not facts.get("mentions")


@pytest.mark.parametrize(("text", "lang", "name", "type_"), [
    ("The CANIETI signed with the National Autonomous University of Mexico (UNAM) an agreement.", "en",
     "National Autonomous University of Mexico", "University"),
    ("La Canieti y la Universidad Autónoma de Nuevo León (UANL) firmaron un convenio.", "es",
     "Universidad Autónoma de Nuevo León", "University"),
    ("Ildefonso Guajardo Villarreal, Secretary of Economy (SE), highlighted the prospects.", "en", "Secretary of Economy", "Post"),
])
def test_candidate_organizations_with_acronym(text: str, lang: str, name: str, type_: str) -> None:
    entities = draft(text, lang).get("entities", [])
    assert (name, type_) in {(next(iter(e["name"].values())), e["type"]) for e in entities}


@pytest.mark.parametrize(("text", "lang", "person", "post_name"), [
    ("Ildefonso Guajardo Villarreal, Secretary of Economy (SE), highlighted the prospects.", "en",
     "Ildefonso Guajardo Villarreal", "Secretary of Economy"),
    ("Juan Pérez Gómez, director general del Instituto Nacional del Emprendedor, anunció una bolsa.", "es",
     "Juan Pérez Gómez", "director general del Instituto Nacional del Emprendedor"),
    ("Laura Méndez Ortiz, presidenta de la Asociación Mexicana de Internet, dijo que crecerá.", "es",
     "Laura Méndez Ortiz", "presidenta de la Asociación Mexicana de Internet"),
])
def test_people_introduced_with_a_post(text: str, lang: str, person: str, post_name: str) -> None:
    facts = draft(text, lang)
    names = {e["id"]: next(iter(e["name"].values())) for e in facts["entities"]}
    [tenure] = facts["tenures"]
    assert names[tenure["person"]] == person
    assert names[tenure["post"]] == post_name


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("CANIETI announced the re-election of Mario de la Cruz Sarabia as its National President this week.", "en",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president", "reelection": True}),
    ("La Canieti reeligió a Mario de la Cruz Sarabia como presidente nacional para el periodo 2017-2018.", "es",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president", "reelection": True,
      "start": "2017", "end": "2018"}),
    ("Mario de la Cruz Sarabia, presidente nacional de la Canieti, inauguró el foro.", "es",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president"}),
    ("Mario de la Cruz Sarabia fue nombrado presidente nacional de la Canieti el 12 de febrero de 2018.", "es",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president"}),
    ("Mario de la Cruz Sarabia asumirá la presidencia de la Canieti el 15 de enero de 2019.", "es",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president", "start": "2019-01-15"}),
    ("Mario de la Cruz Sarabia was appointed National President of CANIETI for the 2019-2020 period.", "en",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president", "start": "2019", "end": "2020"}),
    ("Mario de la Cruz Sarabia will assume the presidency of CANIETI on January 15, 2019.", "en",
     {"person": "mario-de-la-cruz-sarabia", "post": "canieti-national-president", "start": "2019-01-15"}),
])
def test_tenure_phrasings(text: str, lang: str, expected: dict[str, Any]) -> None:
    tenures = draft(text, lang)["tenures"]
    assert len(tenures) == 1, tenures
    got = {k: tenures[0][k] for k in ("person", "post", "reelection", "start", "end") if k in tenures[0]}
    assert got == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("CANIETI re-elected Mario de la Cruz Sarabia as National President for a three-year period.", "en"),
    ("Mario de la Cruz Sarabia fue nombrado presidente nacional de la Canieti, y asumirá la presidencia por un periodo de tres años.", "es"),
])
def test_term_length_is_noted(text: str, lang: str) -> None:
    [tenure] = draft(text, lang)["tenures"]
    assert "term length stated" in tenure["note"]
    assert "start" not in tenure  # a length is not a date


# --- the draft as a whole ----------------------------------------------------------------------------

def _schema() -> dict[str, Any]:
    return json.loads((REPO / "data" / "schema" / "facts.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", sorted((REPO / "data" / "articles").glob("*.txt")), ids=lambda p: p.stem)
def test_seed_drafts_quote_the_text_and_validate(article: Path, repo_paths: Paths) -> None:
    from kg.ingest import load_known_entities

    text = article.read_bytes().decode("utf-8")
    known, _ = load_known_entities(repo_paths, exclude_article=article.stem)
    facts = draft_facts(text, article_id=article.stem, lang="en", known=known).facts
    jsonschema.validate(facts, _schema())
    norm = " ".join(text.split())
    total = 0
    for section in ("entities", "mentions", "tenures", "observations"):
        for fact in facts.get(section, []):
            total += 1
            assert " ".join(fact["quote"].split()) in norm, fact
            assert fact["status"] == "unreviewed"
            if "surface" in fact:
                assert " ".join(fact["surface"].split()) in " ".join(fact["quote"].split())
    assert total > 10
    assert facts["review"] == "draft"


@pytest.fixture()
def data_copy(tmp_path: Path) -> Paths:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return Paths(root=REPO, data=tmp_path / "data", build=tmp_path / "build")


ES_ARTICLE = ("La Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información "
              "(Canieti) reeligió a Mario de la Cruz Sarabia como presidente nacional.\u00a0La cámara cerró con mil 377 "
              "afiliados, 16.2 por ciento más que el año anterior.\r\nSin salto final")


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_cli_ingest_stores_verbatim_and_drafts(tmp_path: Path, data_copy: Paths) -> None:
    src = tmp_path / "nota.txt"
    src.write_bytes(ES_ARTICLE.encode("utf-8"))
    result = _run(["ingest", str(src), "--id", "002_nota", "--lang", "es", "--data", str(data_copy.data),
                   "--source", "https://example.org/nota", "--published", "2018-03-21"])
    assert result.exit_code == 0, result.output
    stored = data_copy.articles / "002_nota.txt"
    assert stored.read_bytes() == src.read_bytes()  # byte-identical: CRLF, NBSP and no final newline kept
    sidecar = load_yaml(data_copy.articles / "002_nota.yaml")
    assert dict(sidecar) == {"id": "002_nota", "language": "es", "sha256": hashlib.sha256(src.read_bytes()).hexdigest(),
                             "published": "2018-03-21", "source": "https://example.org/nota"}
    facts = load_yaml(data_copy.facts / "002_nota.yaml")
    assert facts["review"] == "draft"
    assert {o["value"] for o in facts["observations"]} == {"1377", "16.2"}
    assert all(isinstance(o["value"], str) for o in facts["observations"])
    # The curator's check accepts the draft as it is.
    from kg.corpus import check_fact_file

    check_fact_file(data_copy.facts / "002_nota.yaml", data_copy)
    # And the corpus leaves it out of the build until it is reviewed.
    from kg.corpus import load_corpus

    corpus = load_corpus(data_copy)
    assert "002_nota" not in corpus.fact_files
    assert data_copy.facts / "002_nota.yaml" in corpus.drafts


def test_a_stray_control_character_ends_a_drafted_quote(tmp_path: Path, data_copy: Paths) -> None:
    src = tmp_path / "a.txt"
    src.write_text("CANIETI reported growth of 12 percent\x01 in 2023.\n\nExports reached 5 billion dollars.\n", encoding="utf-8")
    result = _run(["ingest", str(src), "--id", "x1", "--lang", "en", "--data", str(data_copy.data)])
    assert result.exit_code == 0, result.output
    facts = load_yaml(data_copy.facts / "x1.yaml")
    assert [o["quote"] for o in facts["observations"]] == ["CANIETI reported growth of 12 percent",
                                                           "Exports reached 5 billion dollars."]
    from kg.corpus import check_fact_file

    check_fact_file(data_copy.facts / "x1.yaml", data_copy)  # (a quote spanning the character is refused)


def test_cli_ingest_without_optional_metadata_writes_none(tmp_path: Path, data_copy: Paths) -> None:
    src = tmp_path / "n.txt"
    src.write_text("CANIETI has 1,377 members.", encoding="utf-8")
    assert _run(["ingest", str(src), "--id", "n1", "--lang", "en", "--data", str(data_copy.data)]).exit_code == 0
    assert set(load_yaml(data_copy.articles / "n1.yaml")) == {"id", "language", "sha256"}


def test_cli_ingest_refuses_a_duplicate_id(tmp_path: Path, data_copy: Paths) -> None:
    src = tmp_path / "n.txt"
    src.write_text("CANIETI has 1,377 members.", encoding="utf-8")
    before = (data_copy.articles / "000_5fec07e56bfc17d3.txt").read_bytes()
    result = _run(["ingest", str(src), "--id", "000_5fec07e56bfc17d3", "--lang", "en", "--data", str(data_copy.data)])
    assert result.exit_code == 1
    # a reviewed article: --force, which refuses it, is not offered
    assert "already exists, and its fact file is reviewed" in result.output and "--force" not in result.output
    assert (data_copy.articles / "000_5fec07e56bfc17d3.txt").read_bytes() == before
    # --force replaces a draft but never a reviewed fact file
    result = _run(["ingest", str(src), "--id", "000_5fec07e56bfc17d3", "--lang", "en", "--data", str(data_copy.data), "--force"])
    assert result.exit_code == 1 and "its fact file is reviewed" in result.output
    assert (data_copy.articles / "000_5fec07e56bfc17d3.txt").read_bytes() == before
    assert _run(["ingest", str(src), "--id", "n2", "--lang", "en", "--data", str(data_copy.data)]).exit_code == 0
    result = _run(["ingest", str(src), "--id", "n2", "--lang", "en", "--data", str(data_copy.data)])
    assert result.exit_code == 1 and "already exists; an article id is used once" in result.output
    assert "pass --force to replace the article and its draft" in result.output  # (a draft: --force is offered)
    src.write_text("CANIETI has 2,000 members.", encoding="utf-8")
    assert _run(["ingest", str(src), "--id", "n2", "--lang", "en", "--data", str(data_copy.data), "--force"]).exit_code == 0
    assert load_yaml(data_copy.facts / "n2.yaml")["observations"][0]["value"] == "2000"


def test_cli_ingest_refuses_a_text_already_in_the_corpus(tmp_path: Path, data_copy: Paths) -> None:
    """The same press item under a second id would count every one of its facts twice."""
    seed = data_copy.articles / "001_f5c50bd7e4e2a6b2.txt"
    src = tmp_path / "again.txt"
    src.write_text(seed.read_text(encoding="utf-8").replace("\n\n", "\r\n\r\n") + "\n", encoding="utf-8")  # (spacing aside)
    result = _run(["ingest", str(src), "--id", "002_again", "--lang", "en", "--data", str(data_copy.data)])
    assert result.exit_code == 1
    assert "the same text is already article 001_f5c50bd7e4e2a6b2" in result.output and "--id 001_f5c50bd7e4e2a6b2" in result.output
    assert not (data_copy.articles / "002_again.txt").exists() and not (data_copy.facts / "002_again.yaml").exists()
    src.write_text(seed.read_text(encoding="utf-8") + " One more sentence.", encoding="utf-8")  # a different text is fine
    assert _run(["ingest", str(src), "--id", "002_again", "--lang", "en", "--data", str(data_copy.data)]).exit_code == 0


@pytest.mark.parametrize(("args", "code", "message"), [
    (["missing.txt", "--id", "x", "--lang", "en"], 2, "no such file"),
    (["{src}", "--id", "x", "--lang", "fr"], 2, "--lang: unknown language 'fr'"),
    (["{src}", "--id", "x", "--lang", "en", "--published", "21/03/2018"], 2, "--published: bad date"),
    # (the form is right: "write YYYY-MM-DD" sent the curator looking at it)
    (["{src}", "--id", "x", "--lang", "en", "--published", "2018-02-30"], 2,
     "--published: '2018-02-30' is not a calendar date (fix: check the month and the day)"),
    (["{src}", "--id", "bad id", "--lang", "en"], 2, "--id: bad article id"),
    (["{src}", "--id", "x", "--lang", "en", "--source", "ftp://x"], 2, "--source: bad URL"),
])
def test_cli_ingest_errors(tmp_path: Path, data_copy: Paths, args: list[str], code: int, message: str) -> None:
    src = tmp_path / "n.txt"
    src.write_text("CANIETI has 1,377 members.", encoding="utf-8")
    args = [a.replace("{src}", str(src)) for a in args]
    result = CliRunner().invoke(main, ["ingest", *args, "--data", str(data_copy.data)])
    assert result.exit_code == code, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]
    assert not (data_copy.articles / "x.txt").exists()


def test_ingest_eval_reports_both_sets(repo_paths: Paths) -> None:
    from kg.ingest_eval import render, run

    results = run(repo_paths)
    assert [r.articles for r in results][1] >= 8
    table = render(results)
    assert "seeds" in table and "evaluation set" in table and "| set | tenures P | tenures R |" in table


def test_capitalised_names_need_capitals_in_the_text() -> None:
    known = KNOWN + [KnownEntity("state-of-mexico", "State", ["State of Mexico"], None)]
    facts = draft_facts("They gave updates on the state of Mexico’s digital economy.", article_id="t", lang="en",
                        known=known).facts
    assert "state-of-mexico" not in {m["entity"] for m in facts.get("mentions", [])}
    facts = draft_facts("CDMX, Jalisco and State of Mexico lead.", article_id="t", lang="en", known=known).facts
    assert "state-of-mexico" in {m["entity"] for m in facts.get("mentions", [])}


def _reprint(seed: Path, folder: Path) -> Path:
    """A seed with one more line: kg ingest refuses a text the corpus already holds."""
    out = folder / f"reprint-{seed.name}"
    out.write_text(seed.read_text(encoding="utf-8") + "\n\nReprinted.\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("seed", sorted((REPO / "data" / "articles").glob("*.txt")), ids=lambda p: p.stem)
def test_a_seed_ingested_again_checks_on_its_own(seed: Path, data_copy: Paths, tmp_path: Path) -> None:
    """Entities another article's file declares (and the ones they name) are copied in, so `kg check` passes."""
    from kg.corpus import check_fact_file
    from kg.ingest import ingest_article

    result = ingest_article(_reprint(seed, tmp_path), article_id="again", lang="en", paths=data_copy)
    ff = check_fact_file(result.facts, data_copy)
    assert ff.review == "draft"
    assert all(f.status == "unreviewed" for f in ff.facts)
    text = (data_copy.facts / "again.yaml").read_text(encoding="utf-8")
    assert text.startswith("# DRAFT")


def test_a_measure_is_proposed_only_when_its_label_follows_the_figure(repo_paths: Paths) -> None:
    from kg.ingest import load_measures

    measures = load_measures(repo_paths)
    assert measures, "ontology/vocab/measures.ttl is part of the repository"
    facts = draft_facts("The chamber closed with 1,377 members and 12 regional offices; 35 successful venture capital funds.",
                        article_id="t", lang="en", known=KNOWN, measures=measures).facts
    got = {o["value"]: o.get("measure") for o in facts["observations"]}
    assert got["1377"] == "members"
    assert got["12"] is None
    assert got["35"] == "venture-capital-funds"


def test_year_on_year_is_not_per_year() -> None:
    obs = only("La industria creció 6.5 por ciento respecto al año anterior.", "es")
    assert obs["time"] == {"qualifier": "year-on-year", "text": "respecto al año anterior"}


def test_post_of_the_body_named_before() -> None:
    facts = draft("La Canieti presentó su informe. Mario de la Cruz Sarabia, presidente nacional del organismo, dijo que crecerá.", "es")
    [tenure] = facts["tenures"]
    assert tenure["post"] == "canieti-national-president"


def test_kg_build_leaves_a_draft_out_with_a_warning(tmp_path: Path, data_copy: Paths) -> None:
    src = tmp_path / "n.txt"
    src.write_text("CANIETI has 1,377 members, 16.2% more than last year.", encoding="utf-8")
    assert _run(["ingest", str(src), "--id", "d1", "--lang", "en", "--data", str(data_copy.data)]).exit_code == 0
    result = CliRunner().invoke(main, ["build", "--no-validate", "--no-reason", "--data", str(data_copy.data),
                                       "--build", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    assert "d1.yaml: draft fact file left out of the build" in result.output


@pytest.mark.parametrize("text", [
    "Ana María López Ruiz, Jalisco's Secretary of Economy, said the state will invest.",
    "Jalisco’s Secretary of Economy, Ana María López Ruiz, said the state will invest.",
])
def test_a_post_owned_by_a_place_is_not_the_known_post_of_that_name(text: str) -> None:
    """A state's Secretary of Economy is not the federal one: a possessive owner we know as no organization
    makes a candidate post of its own, named as the text names it."""
    known = KNOWN + [KnownEntity("jalisco", "State", ["Jalisco"], None),
                     KnownEntity("secretary-of-economy", "Post", ["Secretary of Economy"], "SE")]
    facts = draft_facts(text, article_id="t", lang="en", known=known).facts
    [tenure] = facts["tenures"]
    assert tenure["person"] == "ana-maria-lopez-ruiz" and tenure["post"] != "secretary-of-economy"
    [post] = [e for e in facts["entities"] if e["id"] == tenure["post"]]
    assert post["type"] == "Post" and post["name"]["en"].startswith("Jalisco") and "organization" not in post


def test_a_post_owned_by_a_known_organization_is_its_known_post() -> None:
    facts = draft_facts("Mario de la Cruz Sarabia, Canieti's National President, said the chamber will invest.",
                        article_id="t", lang="en", known=KNOWN).facts
    assert [(t["person"], t["post"]) for t in facts["tenures"]] == [("mario-de-la-cruz-sarabia", "canieti-national-president")]


def test_a_known_post_is_found_in_either_gender() -> None:
    """Spanish names the post by its holder's gender: "secretaria" and "secretario" de Economía are one post."""
    known = KNOWN + [KnownEntity("secretary-of-economy", "Post", ["Secretary of Economy", "Secretario de Economía"],
                                 "SE", organization="ministry-of-economy")]
    facts = draft_facts("Ana María López Ruiz, secretaria de Economía, dijo que el país invertirá.",
                        article_id="t", lang="es", known=known).facts
    assert [(t["person"], t["post"]) for t in facts["tenures"]] == [("ana-maria-lopez-ruiz", "secretary-of-economy")]
    assert not [e for e in facts.get("entities", []) if e["type"] == "Post"]


def test_a_known_post_named_after_its_body_matches_another_name_of_the_body() -> None:
    """"President of the National Institute of Entrepreneurs (INADEM)" is the known "President of the National
    Institute of Entrepreneurship": both are the post word, then a name of INADEM."""
    known = KNOWN + [KnownEntity("inadem-president", "Post", ["President of the National Institute of Entrepreneurship"],
                                 None),
                     KnownEntity("inadem", "PublicInstitute", ["National Institute of Entrepreneurs",
                                                               "National Institute of Entrepreneurship", "INADEM"], "INADEM")]
    facts = draft_facts("Enrique Jacob Rocha, President of the National Institute of Entrepreneurs (INADEM), "
                        "opened the fair.", article_id="t", lang="en", known=known).facts
    assert [(t["person"], t["post"]) for t in facts["tenures"]] == [("enrique-jacob-rocha", "inadem-president")]


def test_a_post_whose_text_ends_inside_its_bodys_name_takes_that_body() -> None:
    """The post's text ends at the first comma, here inside CANIETI's full name: the body is still CANIETI."""
    text = ("Laura Méndez Ortiz was appointed National President of the National Chamber of the Electronics, "
            "Telecommunications and Information Technology Industry for the 2019-2020 period.")
    facts = draft_facts(text, article_id="t", lang="en", known=KNOWN).facts
    [tenure] = facts["tenures"]
    assert (tenure["person"], tenure["post"], tenure["start"], tenure["end"]) == \
        ("laura-mendez-ortiz", "canieti-national-president", "2019", "2020")


def test_ingest_eval_scores_a_tenure_by_its_known_post() -> None:
    """A tenure expected in a known post ("National President") is right only in that post, not in a
    candidate post of a similar name; a post no known one answers to is matched by its names."""
    from kg.ingest_eval import _tenure_keys

    by_id = {k.id: k for k in KNOWN + [KnownEntity("inadem", "PublicInstitute", ["INADEM"], "INADEM")]}
    expected = [{"person": "Laura Méndez Ortiz", "post": "National President"},
                {"person": "enrique-jacob-rocha", "post": "titular del Inadem"}]
    right = {"tenures": [{"person": "laura-mendez-ortiz", "post": "canieti-national-president"},
                         {"person": "enrique-jacob-rocha", "post": "inadem-titular"}],
             "entities": [{"id": "inadem-titular", "type": "Post", "name": {"es": "titular"}, "organization": "inadem"}]}
    gold, got = _tenure_keys(expected, right, by_id)
    assert gold == got
    wrong = {"tenures": [{"person": "laura-mendez-ortiz", "post": "national-president-of-the-national"},
                         {"person": "enrique-jacob-rocha", "post": "inadem-titular"}],
             "entities": [{"id": "national-president-of-the-national", "type": "Post",
                           "name": {"en": "National President of the National Chamber"}},
                          {"id": "inadem-titular", "type": "Post", "name": {"es": "titular"}}]}
    gold, got = _tenure_keys(expected, wrong, by_id)
    assert sum((gold & got).values()) == 0


def test_a_known_post_followed_by_another_owner_is_not_mentioned() -> None:
    """"Secretary of Economy of Nuevo León" does not mention the known (federal) Secretary of Economy; "National
    President of CANIETI" still mentions CANIETI's post, whose organization it names."""
    known = KNOWN + [KnownEntity("secretary-of-economy", "Post", ["Secretary of Economy"], None)]
    text = ("Ivonne Álvarez García, Secretary of Economy of Nuevo León, spoke. "
            "Mario de la Cruz Sarabia, National President of CANIETI, spoke too.")
    mentioned = {m["entity"] for m in draft_facts(text, article_id="t", lang="en", known=known).facts["mentions"]}
    assert "secretary-of-economy" not in mentioned and "canieti-national-president" in mentioned


def test_hasta_after_a_verb_of_change_is_the_level_reached() -> None:
    text = "Las exportaciones crecieron 8.5 por ciento en 2025, hasta 28 mil 400 millones de dólares."
    [_, level] = draft_facts(text, article_id="t", lang="es", known=KNOWN).facts["observations"]
    assert (level["value"], level["comparator"]) == ("28400000000", "exact") and "hasta" in level["note"]
    [ceiling] = draft_facts("El fondo otorgará hasta 5 millones de pesos por proyecto.", article_id="t", lang="es",
                            known=KNOWN).facts["observations"]
    assert (ceiling["value"], ceiling["comparator"]) == ("5000000", "at-most")


@pytest.mark.parametrize(("text", "kind"), [
    ("El gobierno estatal invertirá 150 millones de pesos en el programa.", "projection"),
    ("Firmaron un convenio para certificar a 2 mil estudiantes en ciberseguridad.", "target"),
    ("La cámara reunió a 900 asistentes.", "reported"),
])
def test_the_kind_of_a_spanish_figure(text: str, kind: str) -> None:
    [obs] = draft_facts(text, article_id="t", lang="es", known=KNOWN).facts["observations"]
    assert obs["kind"] == kind, obs


@pytest.mark.parametrize(("text", "lang", "name", "date"), [
    ("The signing took place during the Northeast Digital Industry Forum, which gathered about 1,200 attendees.",
     "en", "Northeast Digital Industry Forum", None),
    ("La firma se realizó durante el Foro Jalisco Digital el 5 de febrero de 2026.", "es", "Foro Jalisco Digital",
     "2026-02-05"),
    ("It was announced at Canieti’s 38th Annual National Convention.", "en", "38th Annual National Convention", None),
])
def test_a_named_event_is_a_candidate_event(text: str, lang: str, name: str, date: str | None) -> None:
    """A name with an event word is drafted as a candidate event, with its sentence's date when one is stated
    (and then no second, unnamed event for that date)."""
    facts = draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts
    [event] = [e for e in facts["entities"] if e["type"] == "Event"]
    assert event["name"][lang] == name and event.get("date") == date
    assert name in event["quote"] and event["status"] == "unreviewed"


FORO = ("Ciudad de México, 3 de marzo de 2026.- La CANIETI anunció que encabezará el Foro Jalisco Digital 2026, "
        "que se realizará en Guadalajara el 14 de abril de 2026.\n\nEl foro contará con 1,200 asistentes.")


@pytest.mark.parametrize("text, place, iso", [
    (FORO, "Ciudad de México", "2026-03-03"),
    ("MEXICO CITY, March 3 (Reuters) - CANIETI said on Tuesday that exports rose.", "MEXICO CITY", None),
    ("Monterrey, N.L. / 12 de mayo de 2025 / La cámara informó.", "Monterrey, N.L.", "2025-05-12"),
    ("CANIETI held its convention on 3 March 2026 in Mexico City.", None, None),
    # (from a review: "a 5 de abril", a state of two words, a headline first; openings that are no dateline)
    ("Guadalajara, Jalisco, a 5 de abril de 2026.- La cámara informó.", "Guadalajara, Jalisco", "2026-04-05"),
    ("Monterrey, Nuevo León, 12 de mayo de 2025.- La cámara informó.", "Monterrey, Nuevo León", "2025-05-12"),
    ("CANIETI anuncia un foro\n\n" + FORO, "Ciudad de México", "2026-03-03"),
    ("El Foro Jalisco Digital, 14 de abril de 2026 — la cita del sector.", None, None),
    ("En su informe, 3 de marzo de 2026 - fecha de corte -, la cámara informó.", None, None),
])
def test_a_dateline_is_found_and_its_date_is_no_event_s(text: str, place: str | None, iso: str | None) -> None:
    """The opening "<place>, <date>.-" is where and when the item was filed: the named event in the same
    (first) sentence took the dateline's date before, and kg check passed it."""
    draft = draft_facts(text, article_id="t", lang="es" if "de 20" in text else "en", known=KNOWN)
    if place is None:
        assert draft.dateline is None
        return
    assert draft.dateline is not None and draft.dateline.place == place and draft.dateline.date.iso == iso
    assert f"# Dateline: {place!r}" in render_draft(draft)


def test_a_named_event_takes_its_own_date_and_a_planned_status() -> None:
    draft = draft_facts(FORO, article_id="t", lang="es", known=KNOWN)
    [event] = [e for e in draft.facts["entities"] if e["type"] == "Event"]
    assert event["name"]["es"] == "Foro Jalisco Digital 2026"
    assert event["date"] == "2026-04-14" and "14 de abril de 2026" in event["quote"]  # (the quote writes the date)
    assert event["event_status"] == "planned" and "se realizará" in event["note"]
    past = draft_facts("La CANIETI clausuró el Foro Jalisco Digital 2026 el 14 de abril de 2026.", article_id="t",
                       lang="es", known=KNOWN)
    [event] = [e for e in past.facts["entities"] if e["type"] == "Event"]
    assert "event_status" not in event  # (held or not is the curator's call from the text)
    for text, planned in (("El próximo 14 de abril de 2026 se llevará a cabo el Foro Jalisco Digital.", True),
                          ("El Foro Jalisco Digital, celebrado el 2 de marzo de 2026, anunció que su próxima edición será en mayo.",
                           False)):
        [event] = [e for e in draft_facts(text, article_id="t", lang="es", known=KNOWN).facts["entities"] if e["type"] == "Event"]
        assert ("event_status" in event) is planned, text


@pytest.mark.parametrize("seed", sorted((REPO / "data" / "articles").glob("*.txt"))[:1], ids=lambda p: p.stem)
def test_kg_check_passes_a_fresh_draft_with_its_shapes(seed: Path, tmp_path: Path, data_copy: Paths) -> None:
    """`kg ingest` then `kg check FILE` (what the ingest help says to run): the shapes do not hold a draft's
    unreviewed facts to what the curator has yet to fill in; a fact whose status is set, they do."""
    assert _run(["ingest", str(_reprint(seed, tmp_path)), "--id", "d1", "--lang", "en",
                 "--data", str(data_copy.data)]).exit_code == 0
    fact_file = data_copy.facts / "d1.yaml"
    result = _run(["check", str(fact_file), "--data", str(data_copy.data)])
    assert result.exit_code == 0 and "review: draft, shapes" in result.output, result.output
    text = fact_file.read_text(encoding="utf-8")
    first = text.index("\nobservations:\n")
    status = text.index("status: unreviewed", first)
    fact_file.write_text(text[:status] + "status: explicit" + text[status + len("status: unreviewed"):], encoding="utf-8")
    result = _run(["check", str(fact_file), "--data", str(data_copy.data)])
    assert result.exit_code == 1 and "validation failed" in result.output and "about" in result.output, result.output


_SE = KnownEntity("secretary-of-economy", "Post", ["Secretary of Economy"], "SE")


@pytest.mark.parametrize(("text", "mentioned"), [
    ("Jalisco's Secretary of Economy spoke.", False),  # a state's, before the name
    ("The Secretary of Economy of Mexico spoke.", True),  # the country's post is the national one
    ("Mexico's Secretary of Economy spoke.", True),
])
def test_the_owner_of_a_known_post_before_or_after_its_name(text: str, mentioned: bool) -> None:
    known = KNOWN + [KnownEntity("jalisco", "State", ["Jalisco"], None), _SE]
    facts = draft_facts(text, article_id="t", lang="en", known=known).facts
    assert ("secretary-of-economy" in {m["entity"] for m in facts.get("mentions", [])}) is mentioned


def test_a_post_of_the_body_named_by_a_common_noun_is_mentioned() -> None:
    facts = draft_facts("During the assembly, the National President of the Chamber highlighted the plan.",
                        article_id="t", lang="en", known=KNOWN).facts
    assert "canieti-national-president" in {m["entity"] for m in facts["mentions"]}


def test_a_country_or_a_known_owned_post_in_the_possessive() -> None:
    """"Mexico's Secretary of Economy" is the national post; a known "Jalisco's Secretary of Economy" is used as is."""
    known = KNOWN + [KnownEntity("jalisco", "State", ["Jalisco"], None), _SE,
                     KnownEntity("jalisco-secretary-of-economy", "Post", ["Jalisco's Secretary of Economy"], None)]
    facts = draft_facts("Ildefonso Guajardo Villarreal, Mexico's Secretary of Economy, said the country will invest. "
                        "Ana María López Ruiz, Jalisco's Secretary of Economy, said the state will invest.",
                        article_id="t", lang="en", known=known).facts
    assert sorted((t["person"], t["post"]) for t in facts["tenures"]) == [
        ("ana-maria-lopez-ruiz", "jalisco-secretary-of-economy"), ("ildefonso-guajardo-villarreal", "secretary-of-economy")]
    assert not [e for e in facts.get("entities", []) if e["type"] == "Post"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Last Week, the chamber met.", "en"), ("The Forum closed.", "en"), ("The Mexican Congress approved it.", "en"),
    ("El Congreso de la Unión aprobó la ley el 5 de febrero de 2026.", "es"), ("Durante la Semana Santa cerró.", "es"),
    ("La Asamblea Nacional de Francia votó.", "es"),
])
def test_no_candidate_event_from_legislatures_holidays_or_a_bare_event_word(text: str, lang: str) -> None:
    facts = draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts
    assert not [e for e in facts.get("entities", []) if e["type"] == "Event"]


@pytest.mark.parametrize("text", [
    "En 2018 la industria exportó 80 mil millones de dólares, según la Secretaría, que presentará su informe el lunes.",
    "La empresa facturó 500 millones de pesos, y dijo que el sector seguirá creciendo.",
])
def test_a_future_clause_beside_a_reported_figure_leaves_it_reported(text: str) -> None:
    [obs] = draft_facts(text, article_id="t", lang="es", known=KNOWN).facts["observations"]
    assert obs["kind"] == "reported", obs


@pytest.mark.parametrize("text", [
    "Las ventas crecieron 5 por ciento y el fondo otorgará hasta 5 millones de pesos por proyecto.",
    "Lo que pasa es que el programa otorga hasta 5 millones de pesos por proyecto.",
    "En Baja California, el programa otorga apoyos de hasta 5 millones de pesos.",
])
def test_hasta_is_a_ceiling_unless_right_after_a_verb_of_change(text: str) -> None:
    ceiling = [o for o in draft_facts(text, article_id="t", lang="es", known=KNOWN).facts["observations"]
               if o["value"] == "5000000"]
    assert [o["comparator"] for o in ceiling] == ["at-most"], ceiling


def test_ingest_eval_names_an_expected_tenure_without_its_post(tmp_path: Path, repo_paths: Paths) -> None:
    from kg.errors import DataError
    from kg.ingest_eval import evaluate_heldout

    (tmp_path / "x.txt").write_text("CANIETI has 1,377 members.", encoding="utf-8")
    (tmp_path / "x.expected.yaml").write_text("lang: en\ntenures:\n  - {person: ana-ruiz}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        evaluate_heldout(repo_paths, tmp_path)
    assert "x.expected.yaml" in caught.value.one_line() and "tenures[0]" in caught.value.one_line()


@pytest.mark.parametrize("iso, text, written", [
    ("2026-04-14", "que se realizará en Guadalajara el 14 de abril de 2026", True),
    ("2026-03-03", "que se realizará en Guadalajara el 14 de abril de 2026", False),
    ("2025-04-14", "el 14 de abril de 2026", False),  # (a year the text states must be the date's)
    ("2026-04-16", "del 14 al 16 de abril de 2026", True),
    ("2026-04-14", "del 14 al 16 de abril de 2026", True),
    ("2019-04-12", "signed in Monterrey on April 12, 2019", True),
    ("2019-04-21", "signed in Monterrey on April 12, 2019", False),
    ("2019-04-14", "between April 12 and 14, 2019", True),
    ("2019-04-14", "on Apr. 14th", True),
    ("2019-04-14", "on 14/04/2019", True),
    ("2019-04-14", "on 4/14/2019", True),
    ("2019-04-01", "on April 10, 2019", False),
    ("2019-04-01", "the 1,200 attendees in April", False),
    ("2019-03-02", "12 de marzo", False),
    # (from a review: ordinals, abbreviations, lists of days, other years and other dates nearby)
    ("2026-05-01", "1.º de mayo de 2026", True), ("2026-05-01", "1ro. de mayo", True), ("2026-05-01", "1er. de mayo", True),
    ("2026-09-14", "Sept. 14, 2026", True), ("2026-09-14", "14 Sept. 2026", True),
    ("2026-04-14", "los días 14, 15 y 16 de abril de 2026", True), ("2026-04-16", "April 14, 15 and 16, 2026", True),
    ("2026-04-14", "el Foro Agenda 2030 se realizará el 14 de abril", True),
    ("2026-04-14", "reunió a 2500 asistentes el 14 de abril", True),
    ("2026-04-03", "March 3 and April 14, 2026", False), ("2026-03-14", "del 3 de marzo al 14 de abril de 2026", False),
    ("2026-04-03", "del 14 de abril al 3 de mayo de 2026", False),
    ("2026-01-14", "el 14 de enero de 2025 y el 3 de marzo de 2026", False),
    ("2026-09-14", "The summit is set for 14 April 2026", False), ("2026-08-14", "signed 14 days ago", False),
    ("2026-03-03", "3rd of March 2026", True), ("2026-03-05", "March 3-5, 2026", True), ("2026-04-14", "martes 14 de abril", True),
])
def test_a_date_is_written_in_a_text_only_as_its_own_day_and_month(iso: str, text: str, written: bool) -> None:
    from kg.figures import date_written

    assert date_written(iso, text) is written


# --- agreements ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "kind", "name", "parties"), [
    ("La Canieti y la Universidad Autónoma de Nuevo León (UANL) firmaron un convenio de colaboración para formar "
     "a 3 mil especialistas.", "es", "CollaborationAgreement", "convenio de colaboración", {"canieti", "uanl"}),
    ("CANIETI and the National Institute of Entrepreneurs (INADEM) signed a memorandum of understanding on Tuesday.",
     "en", "Agreement", "memorandum of understanding", {"canieti", "inadem"}),
    ("La Secretaría de Economía suscribió un acuerdo de cooperación con la Canieti.", "es", "CollaborationAgreement",
     "acuerdo de cooperación", {"ministry-of-economy", "canieti"}),
    ("He highlighted the signing of a collaboration agreement with the National Institute of Entrepreneurs (INADEM).",
     "en", "CollaborationAgreement", "collaboration agreement", {"inadem"}),
    ("Destacó la firma de un convenio con la Canieti.", "es", "Agreement", "convenio", {"canieti"}),
    ("La Canieti y el INADEM firmaron un acuerdo de confidencialidad.", "es", "Agreement", "acuerdo de confidencialidad",
     {"canieti", "inadem"}),
    ("La Canieti firmó un convenio de la mayor importancia con el INADEM.", "es", "Agreement", "convenio",
     {"canieti", "inadem"}),
])
def test_a_signing_drafts_a_candidate_agreement_and_its_parties(text: str, lang: str, kind: str, name: str,
                                                                parties: set[str]) -> None:
    facts = draft(text, lang)
    [agreement] = [e for e in facts["entities"] if "Agreement" in e["type"]]
    assert (agreement["type"], agreement["name"], agreement["quote"]) == (kind, {lang: name}, name)
    assert agreement["status"] == "unreviewed" and "candidate agreement" in agreement["note"]
    relations = facts["relations"]
    assert {r["object"] for r in relations} == parties
    assert all(r["subject"] == agreement["id"] and r["relation"] == "party" and r["status"] == "unreviewed"
               and r["quote"] in text and "check it signed" in r["note"] for r in relations)


@pytest.mark.parametrize(("text", "lang"), [
    ("The agreement, signed by Mario de la Cruz Sarabia, includes an investment of MX$25 million.", "en"),
    ("Los rectores firmaron un convenio de colaboración.", "es"),  # (no organization named: no party to propose)
    ("La Canieti firmó la lista de asistencia.", "es"),
    ("CANIETI will sign up 500 companies.", "en"),
    ("La firma de consultoría de la Canieti creció.", "es"),  # (a firm, not a signing)
])
def test_no_agreement_is_drafted_where_none_is_signed_by_a_named_organization(text: str, lang: str) -> None:
    facts = draft(text, lang)
    assert not [e for e in facts.get("entities", []) if "Agreement" in e["type"]] and "relations" not in facts


def test_an_organization_named_in_the_agreement_s_purpose_is_no_party() -> None:
    facts = draft("CANIETI signed an agreement with INADEM to promote the programs of the Ministry of Economy.", "en")
    assert {r["object"] for r in facts["relations"]} == {"canieti", "inadem"}
    facts = draft("La Canieti firmó un convenio con el INADEM para apoyar a la Secretaría de Economía.", "es")
    assert {r["object"] for r in facts["relations"]} == {"canieti", "inadem"}


_MORE = KNOWN + [KnownEntity("ift", "GovernmentBody", ["Instituto Federal de Telecomunicaciones", "IFT"], "IFT"),
                 KnownEntity("cpi", "Organization", ["Consejo para la Innovación", "CPI"], "CPI")]


@pytest.mark.parametrize(("text", "lang", "agreements"), [
    # two signings in one sentence: each its own clause's parties
    ("CANIETI signed an agreement with INADEM, and the Ministry of Economy signed a memorandum with IFT.", "en",
     [("Agreement", {"canieti", "inadem"}), ("Agreement", {"ministry-of-economy", "ift"})]),
    ("La Canieti firmó un convenio con el IFT, y el INADEM firmó otro.", "es", [("Agreement", {"canieti", "ift"})]),
    # whoever announces it is no party
    ("El IFT informó que la Canieti firmó un convenio con el INADEM.", "es", [("Agreement", {"canieti", "inadem"})]),
    # "para" inside a name is no purpose
    ("La Canieti firmó un convenio con el Consejo para la Innovación (CPI) para formar talento.", "es",
     [("Agreement", {"canieti", "cpi"})]),
    # the present of headlines; partnerships
    ("La Canieti firma un convenio con el INADEM.", "es", [("Agreement", {"canieti", "inadem"})]),
    ("CANIETI signed a partnership agreement with INADEM.", "en", [("PartnershipAgreement", {"canieti", "inadem"})]),
    ("La Canieti firmó otro convenio con el INADEM.", "es", [("Agreement", {"canieti", "inadem"})]),
])
def test_each_signing_takes_the_parties_of_its_own_clause(text: str, lang: str,
                                                          agreements: list[tuple[str, set[str]]]) -> None:
    facts = draft_facts(text, article_id="t", lang=lang, known=_MORE).facts
    drafted = [e for e in facts["entities"] if "Agreement" in e["type"]]
    got = [(e["type"], {r["object"] for r in facts["relations"] if r["subject"] == e["id"]}) for e in drafted]
    assert got == agreements
    assert all(r["id"].startswith(f"rel-{r['object']}-party-to-") for r in facts["relations"])


@pytest.mark.parametrize(("text", "lang"), [("CANIETI will sign an agreement with INADEM.", "en"),
                                            ("La Canieti firmará una alianza con el INADEM.", "es")])
def test_a_signing_announced_for_later_says_so(text: str, lang: str) -> None:
    [agreement] = [e for e in draft(text, lang)["entities"] if "Agreement" in e["type"]]
    assert "a signing announced for later" in agreement["note"]
    [signed] = [e for e in draft("CANIETI signed an agreement with INADEM.", "en")["entities"] if "Agreement" in e["type"]]
    assert "later" not in signed["note"]


@pytest.mark.parametrize(("text", "lang", "agreements"), [
    # an agreement named first and signed after: its parties follow the verb
    ("El convenio firmado entre la Canieti y el IFT permitirá capacitar a 500 jóvenes.", "es",
     [("Agreement", {"canieti", "ift"})]),
    ("An agreement signed between CANIETI and INADEM will train 500 students.", "en", [("Agreement", {"canieti", "inadem"})]),
    ("El IFT informó sobre un acuerdo de cooperación suscrito con el INADEM para apoyar a la Secretaría de Economía.",
     "es", [("CollaborationAgreement", {"inadem"})]),
    ("El convenio que firmaron la Canieti y el INADEM busca formar talento, y el IFT lo aplaudió.", "es",
     [("Agreement", {"canieti", "inadem"})]),
    # the signers and the bodies they lead
    ("The agreement, signed by Mario de la Cruz Sarabia, president of CANIETI, and the head of INADEM, covers training.",
     "en", [("Agreement", {"canieti", "inadem"})]),
    # a definite article refers back to the agreement drafted before; one sentence, one signing (here, the
    # active signing's clause runs to the sentence's end)
    ("La Canieti y el INADEM firmaron un convenio. El convenio firmado entre la Canieti y el INADEM entra en vigor.",
     "es", [("Agreement", {"canieti", "inadem"})]),
    ("CANIETI signed an agreement with INADEM on Tuesday, an agreement signed by the head of IFT too.", "en",
     [("Agreement", {"canieti", "inadem", "ift"})]),
    # an indefinite one is another agreement
    ("La Canieti firmó un convenio con el INADEM. Un acuerdo firmado con el IFT también fue anunciado.", "es",
     [("Agreement", {"canieti", "inadem"}), ("Agreement", {"ift"})]),
])
def test_an_agreement_signed_in_the_passive_is_a_candidate(text: str, lang: str,
                                                           agreements: list[tuple[str, set[str]]]) -> None:
    facts = draft_facts(text, article_id="t", lang=lang, known=_MORE).facts
    drafted = [e for e in facts["entities"] if "Agreement" in e["type"]]
    got = [(e["type"], {r["object"] for r in facts["relations"] if r["subject"] == e["id"] and r["relation"] == "party"})
           for e in drafted]
    assert got == agreements
    assert all(r["quote"] in text and r["status"] == "unreviewed" for r in facts["relations"])


def test_a_person_named_beside_a_signing_is_no_party() -> None:
    facts = draft("Mario de la Cruz Sarabia and INADEM signed an agreement.", "en")
    assert {r["object"] for r in facts["relations"]} == {"inadem"}


# --- named programs, initiatives, platforms, strategies, funds and studies --------------------------------------

@pytest.mark.parametrize(("text", "lang", "expected", "coordinated_by"), [
    ("El programa Talento Digital, coordinado por la Secretaría de Economía, capacitará a 500 jóvenes.", "es",
     {"id": "talento-digital", "type": "Program", "name": {"es": "programa Talento Digital"},
      "aliases": {"es": ["Talento Digital"]}}, "ministry-of-economy"),
    ("The Digital Talent program, coordinated by the Ministry of Economy, will train 500 people.", "en",
     {"id": "digital-talent", "type": "Program", "name": {"en": "Digital Talent program"},
      "aliases": {"en": ["Digital Talent"]}}, "ministry-of-economy"),
    ("El estudio Panorama TIC, publicado en febrero de 2026, fue presentado por la CANIETI.", "es",
     {"id": "panorama-tic", "type": "Study", "name": {"es": "estudio Panorama TIC"}, "aliases": {"es": ["Panorama TIC"]},
      "published": "2026-02"}, None),
    ("The Cyber Outlook study, published in March 2026, was presented by CANIETI.", "en",
     {"id": "cyber-outlook", "type": "Study", "name": {"en": "Cyber Outlook study"}, "aliases": {"en": ["Cyber Outlook"]},
      "published": "2026-03"}, None),
    ("CANIETI presented its Code X initiative to promote women in ICT.", "en",
     {"id": "code-x", "type": "Initiative", "name": {"en": "Code X initiative"}, "aliases": {"en": ["Code X"]}}, None),
    ("Habló de la Estrategia Nacional de Ciberseguridad ante los socios.", "es",
     {"id": "estrategia-nacional-de-ciberseguridad", "type": "Strategy",
      "name": {"es": "Estrategia Nacional de Ciberseguridad"}}, None),
    ("CANIETI promotes a National Strategy for Cybersecurity.", "en",
     {"id": "national-strategy-for-cybersecurity", "type": "Strategy", "name": {"en": "National Strategy for Cybersecurity"}},
     None),
    ("The National Cybersecurity Strategy was presented.", "en",
     {"id": "national-cybersecurity-strategy", "type": "Strategy", "name": {"en": "National Cybersecurity Strategy"}}, None),
    ("La plataforma México Conectado, publicada en 2015, ofrece internet gratuito.", "es",  # (no release date: a platform)
     {"id": "mexico-conectado", "type": "Platform", "name": {"es": "plataforma México Conectado"},
      "aliases": {"es": ["México Conectado"]}}, None),
])
def test_a_named_program_or_initiative_is_a_candidate(text: str, lang: str, expected: dict[str, Any],
                                                      coordinated_by: str | None) -> None:
    facts = draft(text, lang)
    [entity] = [e for e in facts["entities"] if e["type"] == expected["type"]]
    assert {k: entity.get(k) for k in expected} == expected and ("published" in entity) == ("published" in expected)
    assert entity["status"] == "unreviewed" and entity["quote"] in text and "candidate" in entity["note"]
    if "published" in expected:
        assert "2026" in entity["quote"]
    relations = [r for r in facts.get("relations", []) if r["relation"] == "coordinated-by"]
    assert [(r["subject"], r["object"]) for r in relations] == ([(entity["id"], coordinated_by)] if coordinated_by else [])
    assert all(r["quote"] in text and "coordin" in r["quote"].lower() for r in relations)


@pytest.mark.parametrize("text", [
    "The program will start in Jalisco.",  # (no name)
    "With the support of the National Digital Strategy Coordination, the chamber grew.",  # (an office)
    "The Code X initiative was promoted.",  # (known already)
    "The Strategy was presented.",  # (the type word alone)
])
def test_no_candidate_program_without_a_new_name(text: str) -> None:
    known = KNOWN + [KnownEntity("code-x", "Initiative", ["Code X initiative", "Code X"], None)]
    facts = draft_facts(text, article_id="t", lang="en", known=known).facts
    assert not [e for e in facts.get("entities", []) if e["type"] in ("Program", "Initiative", "Strategy")], facts


@pytest.mark.parametrize(("text", "lang", "signatories"), [
    ("CANIETI and INADEM signed an agreement on Tuesday. The agreement, signed by Mario de la Cruz Sarabia, National "
     "President of Canieti, includes an investment.", "en", {"mario-de-la-cruz-sarabia"}),
    ("La Canieti y el INADEM firmaron un convenio. El convenio, firmado por Mario de la Cruz Sarabia, entra en vigor.",
     "es", {"mario-de-la-cruz-sarabia"}),
    # no agreement drafted before, or what was signed is no agreement: no signatory
    ("The agreement was signed by Mario de la Cruz Sarabia.", "en", set()),
    ("CANIETI signed an agreement with INADEM. A letter signed by Mario de la Cruz Sarabia followed.", "en", set()),
])
def test_the_people_who_signed_an_agreement_are_candidate_signatories(text: str, lang: str, signatories: set[str]) -> None:
    facts = draft(text, lang)
    found = [r for r in facts.get("relations", []) if r["relation"] == "signatory"]
    assert {r["object"] for r in found} == signatories
    agreements = [e["id"] for e in facts.get("entities", []) if "Agreement" in e["type"]]
    assert all(r["subject"] == agreements[-1] and r["status"] == "unreviewed" and r["quote"] in text for r in found)


@pytest.mark.parametrize(("text", "coordinator"), [
    ("El programa Talento Digital, coordinado por Mario de la Cruz Sarabia, capacitará a 500 jóvenes.",
     "mario-de-la-cruz-sarabia"),
    ("El programa Talento Digital, coordinado por la Ciudad de México, capacitará a 500 jóvenes.", None),  # (a place)
])
def test_a_program_is_coordinated_by_an_agent_never_a_place(text: str, coordinator: str | None) -> None:
    facts = draft(text, "es")
    found = [r["object"] for r in facts.get("relations", []) if r["relation"] == "coordinated-by"]
    assert found == ([coordinator] if coordinator else [])


def test_cli_ingest_counts_the_relations_it_drafts_and_the_draft_checks(tmp_path: Path, data_copy: Paths) -> None:
    src = tmp_path / "convenio.txt"
    src.write_text("La Canieti y la Universidad Autónoma de Nuevo León (UANL) firmaron un convenio de colaboración. "
                   "El programa Talento Digital, coordinado por la Canieti, capacitará a 500 jóvenes.\n", encoding="utf-8")
    result = _run(["ingest", str(src), "--id", "003_convenio", "--lang", "es", "--data", str(data_copy.data)])
    assert result.exit_code == 0 and "3 relations" in result.output, result.output
    draft_file = data_copy.facts / "003_convenio.yaml"
    text = draft_file.read_text(encoding="utf-8")
    assert "relation: party" in text and "relation: coordinated-by" in text and "type: CollaborationAgreement" in text
    checked = _run(["check", str(draft_file), "--data", str(data_copy.data)])
    assert checked.exit_code == 0 and "review: draft, shapes" in checked.output, checked.output


@pytest.mark.parametrize(("text", "post_name"), [
    # another organization's possessive nearby ("the chamber's leaders") is not this post's owner
    ("The CANIETI program was launched by the chamber's leaders and by Jalisco's Secretary of Economic Development, "
     "Cindy Blanco Ochoa.", "Jalisco's Secretary of Economic Development"),
    # a post's words stop at "by": the post is the one right before the name
    ("CANIETI signed it, represented by its president and by Jalisco's Secretary of Economic Development, "
     "Cindy Blanco Ochoa.", "Jalisco's Secretary of Economic Development"),
])
def test_a_post_gets_only_an_organization_its_words_name(text: str, post_name: str) -> None:
    """"Jalisco's Secretary of Economic Development" names Jalisco (no organization of the draft), not CANIETI named
    before it: no organization, and a note naming the owner written."""
    known = KNOWN + [KnownEntity("jalisco", "State", ["Jalisco"], None),
                     KnownEntity("canieti-2", "IndustryChamber", ["the chamber"], None)]
    facts = draft_facts(text, article_id="t", lang="en", known=known).facts
    [tenure] = facts["tenures"]
    [post] = [e for e in facts["entities"] if e["id"] == tenure["post"]]
    assert post["name"]["en"] == post_name and "organization" not in post, post
    assert "owner written: 'Jalisco'" in post["note"]


def test_a_possessive_right_before_the_post_still_names_its_organization() -> None:
    facts = draft("Canieti's National President, Mario de la Cruz Sarabia, opened the forum.")
    assert [(t["person"], t["post"]) for t in facts["tenures"]] == [("mario-de-la-cruz-sarabia", "canieti-national-president")]


@pytest.mark.parametrize(("text", "lang", "event"), [
    # a venue named with an event word is a place: the sentence's date goes to the event it names
    ("CANIETI announced the winners in a ceremony held on April 1, 2026 at the Guadalajara Expo center.", "en",
     ("ceremony", "2026-04-01")),
    ("La Canieti entregó los premios en una ceremonia el 1 de abril de 2026 en el recinto Expo Guadalajara.", "es",
     ("ceremonia", "2026-04-01")),
    # an event with an event word is still one
    ("CANIETI held the Guadalajara Digital Expo on April 1, 2026 at the city's convention center.", "en",
     ("Guadalajara Digital Expo", "2026-04-01")),
    ("La Canieti inauguró la Expo Guadalajara Digital el 1 de abril de 2026.", "es", ("Expo Guadalajara Digital", "2026-04-01")),
])
def test_a_venue_named_with_an_event_word_is_no_event(text: str, lang: str, event: tuple[str, str]) -> None:
    facts = draft(text, lang)
    assert [(e["name"][lang], e["date"]) for e in facts["entities"] if e["type"] == "Event"] == [event]


@pytest.mark.parametrize(("text", "lang", "times"), [
    # time words right after another figure, with "and" and a new noun phrase before this one: the other figure's
    ("The program will offer training to 1,200 engineers by 2028 and grants of up to MX$500,000 per participating "
     "company.", "en", {"1200": "2028", "500000": None}),
    ("El programa capacitará a 1,200 ingenieros para 2028 y otorgará apoyos de hasta 500 mil pesos por empresa.", "es",
     {"1200": "2028", "500000": "2028"}),  # ("otorgará": a verb sharing the time)
    ("Spending will increase at least 14% per year, while about 40 percent of firms have suffered an attack.", "en",
     {"14": "per-year", "40": None}),
    # a verb sharing the subject shares its time too
    ("El sector creció 8.5% en 2016 y alcanzó un valor de 22 mil millones de dólares.", "es",
     {"8.5": "2016", "22000000000": "2016"}),
])
def test_time_words_before_a_joined_noun_phrase_are_the_figure_before_its(text: str, lang: str,
                                                                          times: dict[str, str | None]) -> None:
    found = {o["value"]: (o["time"].get("year") or o["time"]["qualifier"]) if "time" in o else None
             for o in draft(text, lang)["observations"]}
    assert found == times


@pytest.mark.parametrize(("text", "lang", "kinds"), [
    # a "will" in a relative clause after the figure, or a reported clause beside its, is not the figure's
    ("The cluster is currently at about 300 companies, a number that will double by 2030.", "en", ["reported"]),
    ("More than 60 percent of the students graduated from the institute, which will host the forum.", "en", ["reported"]),
    ("The 2017 edition drew 1,650 visitors, and that the number of exhibitors will rise by 20 percent this year.", "en",
     ["reported", "projection"]),
    ("En la entidad operan 650 empresas, y que la meta es llegar a 25 mil millones de dólares para 2020.", "es",
     ["reported", "target"]),
    # "currently" right before the figure: reported, unless a future word stands between them
    ("The cluster currently has about 300 companies and will double them by 2030.", "en", ["reported"]),
    ("The market is currently expected to reach 3 billion dollars.", "en", ["projection"]),
    # the figure's own "will", and one before it in its clause, still make a projection
    ("The cluster, which grew fast, will reach 500 companies.", "en", ["projection"]),
    ("The market will reach 3 billion dollars, a record.", "en", ["projection"]),
])
def test_a_will_in_another_clause_makes_no_projection(text: str, lang: str, kinds: list[str]) -> None:
    assert [o["kind"] for o in draft(text, lang)["observations"]] == kinds


def _times_and_kinds(text: str, lang: str) -> dict[str, tuple[str | None, str]]:
    return {o["value"]: ((o["time"].get("year") or o["time"]["qualifier"]) if "time" in o else None, o["kind"])
            for o in draft(text, lang)["observations"]}


@pytest.mark.parametrize(("text", "lang", "found"), [
    # a time after a relative clause's future is that future's (the doubling's), not the figure's before it
    ("CANIETI Jalisco has 300 companies, a number that will double by 2030.", "en", {"300": (None, "reported")}),
    ("The state has 300 companies, a number that is expected to double by 2030.", "en", {"300": (None, "reported")}),
    ("La Canieti Jalisco tiene 300 empresas, cifra que se duplicará para 2030.", "es", {"300": (None, "reported")}),
    ("La Canieti Jalisco tiene 300 empresas, una cifra que se duplicará para 2030.", "es",
     {"300": (None, "reported")}),
    # a time inside a relative clause closed before the figure is its subject's
    ("The chamber, which was founded in 1936, has 1,377 members.", "en", {"1377": (None, "reported")}),
    ("La Canieti, que fue fundada en 1936, tiene mil 377 afiliados.", "es", {"1377": (None, "reported")}),
])
def test_a_time_in_a_relative_clause_is_not_the_figures(text: str, lang: str,
                                                        found: dict[str, tuple[str | None, str]]) -> None:
    assert _times_and_kinds(text, lang) == found


@pytest.mark.parametrize(("text", "lang", "found"), [
    # the figure's own time, with no relative clause between them or before the relative clause
    ("The program will train 1,200 engineers by 2028 and grants of up to MX$500,000.", "en",
     {"1200": ("2028", "projection"), "500000": (None, "projection")}),
    ("Jalisco will have 1,200 engineers by 2028.", "en", {"1200": ("2028", "projection")}),
    ("Jalisco tendrá 1,200 ingenieros para 2028, cifra que duplicará la actual.", "es",
     {"1200": ("2028", "projection")}),
    ("The state had 300 companies in 2024, a number that will double by 2030.", "en", {"300": ("2024", "reported")}),
    # a relative clause with no future: its time is the figure's ("cifra que alcanzó a finales de 2016")
    ("La Canieti sumó mil 377 afiliados, cifra que alcanzó a finales de 2016.", "es", {"1377": ("2016", "reported")}),
    # the figure inside the relative clause, with its time
    ("CANIETI, which in 2016 had 1,377 members, met.", "en", {"1377": ("2016", "reported")}),
    # the relative clause's own figure keeps the time
    ("The state has 300 companies, which will reach 600 by 2030.", "en",
     {"300": (None, "reported"), "600": ("2030", "projection")}),
])
def test_a_figures_own_time_beside_a_relative_clause_is_kept(text: str, lang: str,
                                                             found: dict[str, tuple[str | None, str]]) -> None:
    assert _times_and_kinds(text, lang) == found


@pytest.mark.parametrize(("text", "lang", "listed"), [
    ("Las pymes recibieron casi la mitad de la inversión.", "es", ["casi la mitad de la inversión"]),
    ("Al menos la mitad de los recursos se destinará a pymes.", "es", ["Al menos la mitad de los recursos"]),
    ("Una tercera parte de los socios exporta.", "es", ["Una tercera parte de los socios"]),
    ("Nearly half of the beneficiaries are in Jalisco.", "en", ["Nearly half of the beneficiaries"]),
    ("A third of the members export.", "en", ["A third of the members"]),
    # with its number, listed once; a halving is a multiplier; a part of a period is a time
    ("Two thirds of the members export.", "en", ["Two thirds"]),
    ("La plantilla se redujo a la mitad.", "es", []),
    ("Sales grew in the first half of the year.", "en", []),
    ("Las ventas crecieron en la mitad del año.", "es", []),
])
def test_a_fraction_in_words_with_no_number_is_listed(text: str, lang: str, listed: list[str]) -> None:
    assert draft_facts(text, article_id="t", lang=lang, known=KNOWN).fractions == listed


STATES = [KnownEntity("jalisco", "State", ["Jalisco"], None), KnownEntity("nuevo-leon", "State", ["Nuevo León"], None),
          KnownEntity("government", "CollectiveActor", ["government", "gobierno"], None)]


@pytest.mark.parametrize(("text", "lang", "body"), [
    ("The National Chamber of Electronics (CANIETI) and the Government of Jalisco signed a collaboration agreement.",
     "en", "Government of Jalisco"),
    ("La Canieti y el Gobierno de Nuevo León firmaron un convenio de colaboración.", "es", "Gobierno de Nuevo León"),
    ("CANIETI and the state government of Jalisco signed an agreement.", "en", "state government of Jalisco"),
    ("La Canieti y el gobierno del Estado de Jalisco firmaron un convenio.", "es", "gobierno del Estado de Jalisco"),
    # a state's ministry, not the federal one of its first words
    ("La Canieti y la Secretaría de Economía de Nuevo León firmaron un convenio.", "es",
     "Secretaría de Economía de Nuevo León"),
    ("La Canieti y la Secretaría de Innovación, Ciencia y Tecnología de Jalisco firmaron un convenio.", "es",
     "Secretaría de Innovación, Ciencia y Tecnología de Jalisco"),
    # a state's ministry by its possessive
    ("Jalisco's Secretariat of Economic Development signed an agreement with CANIETI.", "en",
     "Jalisco's Secretariat of Economic Development"),
    ("Nuevo León's Ministry of Economy and CANIETI signed an agreement.", "en", "Nuevo León's Ministry of Economy"),
    ("CANIETI and Jalisco’s Secretariat of Innovation, Science and Technology signed an agreement.", "en",
     "Jalisco’s Secretariat of Innovation, Science and Technology"),
    ("CANIETI and the State of Mexico's Ministry of Economy signed an agreement.", "en",
     "State of Mexico's Ministry of Economy"),
    ("CANIETI and Nuevo León's Economy Ministry signed an agreement.", "en", "Nuevo León's Economy Ministry"),
])
def test_a_government_named_by_its_place_is_a_candidate_party(text: str, lang: str, body: str) -> None:
    facts = draft_facts(text, article_id="t", lang=lang, known=KNOWN + STATES).facts
    [candidate] = [e for e in facts["entities"] if e["type"] == "GovernmentBody"]
    assert candidate["name"][lang] == body and candidate["status"] == "unreviewed"
    parties = {r["object"] for r in facts["relations"] if r["relation"] == "party"}
    assert parties == {"canieti", candidate["id"]}
    assert not {m["entity"] for m in facts["mentions"]} & {"ministry-of-economy", "government"}


@pytest.mark.parametrize(("text", "lang"), [
    ("El gobierno de Enrique Peña Nieto firmó un convenio con la Canieti.", "es"),  # (lower case: a known place only)
    ("La Canieti y la Secretaría de Economía firmaron un convenio.", "es"),  # (the federal ministry, known)
    # the country's ministry is the federal one, by "de" or by its possessive
    ("La Secretaría de Economía de México firmó un convenio con la Canieti.", "es"),
    ("Mexico's Ministry of Economy signed an agreement with CANIETI.", "en"),
    # a state's post is no ministry
    ("Jalisco's Secretary of Economic Development, Cindy Blanco Ochoa, signed an agreement with CANIETI.", "en"),
])
def test_no_government_body_without_its_place(text: str, lang: str) -> None:
    facts = draft_facts(text, article_id="t", lang=lang, known=KNOWN + STATES).facts
    assert not [e for e in facts.get("entities", []) if e["type"] == "GovernmentBody"]
    if re.search(r"Econom(?:y|ía)\b", text):
        assert "ministry-of-economy" in {m["entity"] for m in facts["mentions"]}


@pytest.mark.parametrize(("text", "body", "parties"), [
    # the ministry's words stop before an acronym, a known name or another owner
    ("Jalisco's Ministry of Economy, CANIETI and INADEM signed an agreement.", "Jalisco's Ministry of Economy",
     {"canieti", "inadem"}),
    ("Jalisco's Ministry of Economy and Canieti signed an agreement.", "Jalisco's Ministry of Economy", {"canieti"}),
    ("Jalisco's Ministry of Economy and Nuevo León's Ministry of Economy signed an agreement.",
     "Jalisco's Ministry of Economy", {"nuevo-leon-s-ministry-of-economy"}),
    # the federal ministry named in another sentence is no party of the state's signing
    ("Nuevo León's Ministry of Economy and CANIETI signed an agreement. The Ministry of Economy welcomed it.",
     "Nuevo León's Ministry of Economy", {"canieti"}),
])
def test_a_possessive_ministrys_name_ends_where_another_party_begins(text: str, body: str, parties: set[str]) -> None:
    facts = draft_facts(text, article_id="t", lang="en", known=KNOWN + STATES).facts
    [candidate] = [e for e in facts["entities"] if e["type"] == "GovernmentBody" and e["name"]["en"] == body]
    assert {r["object"] for r in facts["relations"] if r["relation"] == "party"} == parties | {candidate["id"]}


def test_a_name_inside_a_longer_one_is_no_party() -> None:
    """"Canieti" inside "Canieti Noreste" is no party of its signing, though another sentence mentions the chamber."""
    facts = draft("Canieti Noreste y el INADEM firmaron un convenio. La Canieti celebró el acuerdo.", "es")
    assert {r["object"] for r in facts["relations"] if r["relation"] == "party"} == {"canieti-noreste", "inadem"}


def test_the_32_mexican_states_are_known_to_a_ministry_without_the_corpus_declaring_them() -> None:
    """Every federal entity, by its Spanish and English names, is a state a ministry may be of, though ``KNOWN``
    declares none ("México" alone is the country: the federal ministry)."""
    assert len(MEXICAN_STATES) == 32
    names = [n for forms in MEXICAN_STATES.values() for n in forms] + [  # (without accents, and with "la")
        "Nuevo Leon", "Queretaro", "Michoacan", "Yucatan", "San Luis Potosi", "Estado de Mexico",
        "la Ciudad de México"]
    for name in names:
        for text, lang, body in [
                (f"La Canieti y la Secretaría de Economía de {name} firmaron un convenio.", "es",
                 f"Secretaría de Economía de {name}"),
                (f"CANIETI and {name.removeprefix('la ')}'s Ministry of Economy signed an agreement.", "en",
                 f"{name.removeprefix('la ')}'s Ministry of Economy")]:
            facts = draft(text, lang)
            assert [e["name"][lang] for e in facts["entities"] if e["type"] == "GovernmentBody"] == [body], text
            assert {r["object"] for r in facts["relations"] if r["relation"] == "party"} == {"canieti", slugify(body)}


@pytest.mark.parametrize(("text", "lang", "body"), [
    ("El gobierno de Sonora firmó un convenio con la Canieti.", "es", "gobierno de Sonora"),
    ("The Ministry of Economy of the State of Mexico signed an agreement with CANIETI.", "en",
     "Ministry of Economy of the State of Mexico"),
    ("La Secretaría de Desarrollo Económico del Estado de México firmó un convenio con la Canieti.", "es",
     "Secretaría de Desarrollo Económico del Estado de México"),
    ("La Secretaría de Desarrollo Económico de la Ciudad de México firmó un convenio con la Canieti.", "es",
     "Secretaría de Desarrollo Económico de la Ciudad de México"),
    # (the state's name ends the body's: the words after it are another's)
    ("La Secretaría de Economía de Jalisco Ernesto Sánchez Proal firmó un convenio con la Canieti.", "es",
     "Secretaría de Economía de Jalisco"),
])
def test_a_state_the_corpus_does_not_declare_has_a_government_and_ministries(text: str, lang: str, body: str) -> None:
    facts = draft(text, lang)
    assert [e["name"][lang] for e in facts["entities"] if e["type"] == "GovernmentBody"] == [body]


@pytest.mark.parametrize(("text", "lang", "successor", "predecessor", "start"), [
    ("Juan Pérez López fue nombrado presidente de Canieti Noreste, en sustitución de Héctor Salinas Garza.", "es",
     "juan-perez-lopez", "hector-salinas-garza", None),
    ("Ana Torres Ruiz was appointed director of the regional office for the 2024-2026 period, succeeding Jorge Luis "
     "Méndez, who led the regional office since 2022.", "en", "ana-torres-ruiz", "jorge-luis-mendez", "2022"),
    ("Laura Méndez Ortiz was appointed National President of CANIETI, succeeding Mario de la Cruz.", "en",
     "laura-mendez-ortiz", "mario-de-la-cruz-sarabia", None),
])
def test_a_predecessor_named_by_an_appointment_gets_a_tenure_of_the_same_post(
        text: str, lang: str, successor: str, predecessor: str, start: str | None) -> None:
    facts = draft(text, lang)
    new, old = facts["tenures"]
    assert (new["person"], old["person"]) == (successor, predecessor) and new["post"] == old["post"]
    assert new["predecessor"] == old["id"] and "predecessor" in old["note"] and old["status"] == "unreviewed"
    assert old.get("start") == start and "end" not in old  # (the successor's period is not the predecessor's)
    jsonschema.validate(facts, _schema())


@pytest.mark.parametrize("text", [
    "Ana Torres Ruiz was appointed director of the regional office in the succeeding years.",
    "Ana Torres Ruiz was appointed director of the office. Replacing Jorge Luis Méndez was hard.",
])
def test_no_predecessor_without_a_name_in_the_appointments_sentence(text: str) -> None:
    facts = draft(text)
    assert [t["person"] for t in facts["tenures"]] == ["ana-torres-ruiz"] and "predecessor" not in facts["tenures"][0]


@pytest.mark.parametrize(("text", "signatories", "people"), [
    # a known person by the surnames alone, and a new one after a title
    ("La Canieti y el INADEM firmaron un convenio de colaboración. El convenio fue firmado por Garza Villarreal y por "
     "el rector Santos Guzmán López.", {"juan-garza-villarreal", "santos-guzman-lopez"}, {"santos-guzman-lopez"}),
    # a person drafted before, by the surnames alone: no second person
    ("Juan Pérez Garza, presidente de Canieti Noreste, y el INADEM firmaron un convenio. El convenio fue firmado por "
     "Pérez Garza.", {"juan-perez-garza"}, {"juan-perez-garza"}),
    # a name after "firmado por" in no sentence about an agreement: no person drafted
    ("La Canieti y el INADEM firmaron un convenio. La carta fue firmada por Santos Guzmán López.", set(), set()),
])
def test_signers_named_after_firmado_por_or_a_title_are_candidate_signatories(text: str, signatories: set[str],
                                                                               people: set[str]) -> None:
    known = KNOWN + [KnownEntity("juan-garza-villarreal", "Person", ["Juan Garza Villarreal"], None)]
    facts = draft_facts(text, article_id="t", lang="es", known=known).facts
    assert {r["object"] for r in facts.get("relations", []) if r["relation"] == "signatory"} == signatories
    assert {e["id"] for e in facts.get("entities", []) if e["type"] == "Person"} == people


# --- the sidecar: a heading that occurs again in the text, the headline ----------------------------------------

def test_a_heading_written_again_later_gets_its_occurrence_and_the_sidecar_checks(tmp_path: Path, data_copy: Paths) -> None:
    """kg check locates each heading: one whose words the text writes again needs `occurrence: N` (it failed at
    once before). The headline over the dateline is the article's own title."""
    src = tmp_path / "foro.txt"
    src.write_text("La Canieti anuncia su foro\n\nMonterrey, Nuevo León, 9 de marzo de 2026.- La Canieti firmó un "
                   "convenio con la Universidad Regiomontana del Norte (URN).\n\nEl Foro Digital 2026\n\n"
                   "La Canieti organizará El Foro Digital 2026 en Monterrey.\n\nOtra sección\n\nLa Canieti habló. "
                   "Otra sección de la cámara también.\n", encoding="utf-8")
    result = _run(["ingest", str(src), "--id", "004_foro", "--lang", "es", "--data", str(data_copy.data)])
    assert result.exit_code == 0, result.output
    sidecar = load_yaml(data_copy.articles / "004_foro.yaml")
    assert [dict(s) for s in sidecar["sections"]] == [{"heading": "El Foro Digital 2026", "occurrence": "1"},
                                                       {"heading": "Otra sección", "occurrence": "1"}]
    assert sidecar["title"] == "La Canieti anuncia su foro"
    checked = _run(["check", str(data_copy.facts / "004_foro.yaml"), "--data", str(data_copy.data)])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("text", [
    "Monterrey, Nuevo León, 9 de marzo de 2026.- La Canieti firmó un convenio.\n",  # (no headline)
    "La Canieti firmó un convenio.\n\nOtra frase de la cámara.\n",  # (no dateline: a first paragraph is no title)
])
def test_no_title_without_a_headline_over_the_dateline(text: str) -> None:
    assert draft_facts(text, article_id="t", lang="es", known=KNOWN).title is None


# --- one signing of two agreements, and their signers named by the other party ------------------------------------

@pytest.mark.parametrize(("text", "lang", "agreements", "signatories"), [
    ("La Canieti firmó este lunes dos convenios de colaboración: uno con el Gobierno de Nuevo León y otro con la "
     "Universidad Regiomontana del Norte (URN), con el objetivo de formar talento. El convenio con el gobierno estatal "
     "fue firmado por Ana Ruiz Soto y por el secretario de Economía de Nuevo León, Julián Cavazos Leal, mientras que "
     "el acuerdo con la universidad lo suscribió el rector Mauricio Benavides Ochoa.", "es",
     {"agreement-canieti-gobierno-de-nuevo-leon": {"canieti", "gobierno-de-nuevo-leon"},
      "agreement-canieti-urn": {"canieti", "urn"}},
     {"agreement-canieti-gobierno-de-nuevo-leon": {"ana-ruiz-soto", "julian-cavazos-leal"},
      "agreement-canieti-urn": {"mauricio-benavides-ochoa"}}),
    ("CANIETI signed two collaboration agreements on Monday: one with the Government of Jalisco and another with the "
     "Autonomous University of Guadalajara (UAG), to train engineers. The agreement with the university was signed by "
     "Ana Ruiz Soto.", "en",
     {"agreement-canieti-government-of-jalisco": {"canieti", "government-of-jalisco"},
      "agreement-canieti-uag": {"canieti", "uag"}},
     {"agreement-canieti-uag": {"ana-ruiz-soto"}}),
])
def test_one_signing_of_two_agreements_drafts_each_with_its_party_and_signers(
        text: str, lang: str, agreements: dict[str, set[str]], signatories: dict[str, set[str]]) -> None:
    facts = draft(text, lang)
    drafted = {e["id"]: e for e in facts["entities"] if e["type"] == "CollaborationAgreement"}
    assert set(drafted) == set(agreements)
    rels = facts["relations"]
    for ident, parties in agreements.items():
        assert {r["object"] for r in rels if r["subject"] == ident and r["relation"] == "party"} == parties
        assert {r["object"] for r in rels if r["subject"] == ident and r["relation"] == "signatory"} == signatories.get(ident, set())
        assert drafted[ident]["quote"] in text


# --- an event a heading names and a sentence after it dates: one event, planned, with its venue and organizers ---

def test_an_event_named_by_a_heading_and_a_sentence_is_drafted_once_from_the_sentence() -> None:
    text = ("La Canieti firmó un convenio con la Universidad Regiomontana del Norte (URN).\n\nForo Noreste Digital 2026\n\n"
            "Como parte de los acuerdos, la Canieti y la URN organizarán el Foro Noreste Digital 2026, que se realizará "
            "los días 23 y 24 de abril de 2026 en el Centro de Convenciones Cintermex, en Monterrey.\n")
    facts = draft(text, "es")
    [event] = of_type_(facts, "Event")
    assert event["name"] == {"es": "Foro Noreste Digital 2026"}
    assert (event["start_date"], event["end_date"], event["event_status"]) == ("2026-04-23", "2026-04-24", "planned")
    [place] = of_type_(facts, "Place")
    assert place["name"] == {"es": "Centro de Convenciones Cintermex"} and event["place"] == place["id"]
    assert {r["object"] for r in facts["relations"] if r["relation"] == "organized-by" and r["subject"] == event["id"]} \
        == {"canieti", "urn"}


def test_an_event_only_a_heading_names_is_still_drafted() -> None:
    [event] = of_type_(draft("La Canieti habló.\n\nForo Noreste Digital 2026\n\nLa cámara prepara su encuentro.\n", "es"),
                       "Event")
    assert event["name"] == {"es": "Foro Noreste Digital 2026"}


def of_type_(facts: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    return [e for e in facts.get("entities", []) if e["type"] == type_]


# --- an outgoing holder is the post's holder before its new one, not a post of their own ------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Adriana Treviño Cantú rindió protesta como presidenta de la Canieti Noreste, en sustitución de Rodrigo Elizondo "
     "Garza. Elizondo Garza, presidente saliente, recordó su gestión en la Canieti Noreste.", "es"),
    ("Adriana Treviño Cantú rindió protesta como presidenta de la Canieti, en sustitución de Rodrigo Elizondo Garza. "
     "Elizondo Garza, presidente saliente, recordó su gestión.", "es"),
    ("Adriana Treviño Cantú was sworn in as president of CANIETI, succeeding Rodrigo Elizondo Garza. Elizondo Garza, "
     "the outgoing president, recalled his term.", "en"),
])
def test_an_outgoing_holder_is_the_predecessor_not_a_new_post(text: str, lang: str) -> None:
    facts = draft(text, lang)
    assert not [e for e in facts.get("entities", []) if e["type"] == "Post" and re.search(r"saliente|outgoing", e["name"][lang])]
    [tenure] = [t for t in facts["tenures"] if t["person"] == "rodrigo-elizondo-garza"]
    assert "outgoing" in tenure["note"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Ana Ruiz Soto, presidenta saliente de la Canieti, habló.", "es"),
    ("Ana Ruiz Soto, the outgoing president of CANIETI, spoke.", "en"),
])
def test_an_outgoing_holder_alone_holds_the_post_itself(text: str, lang: str) -> None:
    [tenure] = draft(text, lang)["tenures"]
    assert (tenure["person"], tenure["post"]) == ("ana-ruiz-soto", "canieti-national-president")
    assert "outgoing" in tenure["note"]


# --- figures: year-on-year, a perfect in the figure's own clause, no verb as a counted noun, a headline's figure,
# a "con" phrase after a future -------------------------------------------------------------------------------

def test_a_change_from_the_previous_year_is_year_on_year() -> None:
    obs = [o for o in draft("Exports reached US$8.4 billion in 2025, up 11% from the previous year.")["observations"]
           if o["unit"] == "percent"]
    assert [o["time"]["qualifier"] for o in obs] == ["year-on-year"]


def test_a_figure_whose_own_clause_has_a_present_perfect_is_reported() -> None:
    assert only("She said the chamber will take a delegation to the fair, and that 60 companies have already "
                "registered.")["kind"] == "reported"


@pytest.mark.parametrize(("text", "lang", "surfaces"), [
    ("El programa ofrecerá 3 mil 500 lugares de capacitación, de los cuales 1,200 estarán dirigidos a mujeres.", "es",
     ["3 mil 500 lugares", "1,200"]),
    ("Of the 42 companies in the delegation, 18 came from Jalisco.", "en", ["42 companies", "18"]),
])
def test_a_verb_right_after_a_number_is_no_counted_noun(text: str, lang: str, surfaces: list[str]) -> None:
    assert [o["surface"] for o in draft(text, lang)["observations"]] == surfaces


def test_a_headline_figure_the_body_writes_again_is_drafted_once_from_the_body() -> None:
    obs = draft("Firms close US$310 million in deals at the fair\n\nMexico City, April 27, 2026.- Mexican firms closed "
                "deals worth more than US$310 million at the fair and 42 companies went.\n")["observations"]
    assert [(o["surface"], o["comparator"]) for o in obs] == [("more than US$310 million", "more-than"),
                                                            ("42 companies", "exact")]


def test_a_figure_in_a_con_phrase_after_a_future_is_a_projection() -> None:
    assert only("El rector señaló que la URN abrirá en agosto una maestría en diseño de circuitos, con un cupo "
                "inicial de 60 estudiantes.", "es")["kind"] == "projection"
    assert only("La URN abrió en agosto una maestría, con un cupo inicial de 60 estudiantes.", "es")["kind"] == "reported"


# --- English: a title before the name, a body of a known one, a program in apposition, a fair, a rank in words ---

def test_a_title_written_before_a_speaking_name_is_a_post_and_a_tenure() -> None:
    facts = draft("Undersecretary of Foreign Trade Fernando Ríos Almada said the program aims to double exports. "
                  "Secretary of Economy Ildefonso Guajardo said so too. President Claudia Sheinbaum said nothing.")
    assert {(t["person"], t["post"]) for t in facts["tenures"]} == {
        ("fernando-rios-almada", "undersecretary-of-foreign-trade"), ("ildefonso-guajardo", "secretary-of-economy")}


def test_a_body_named_with_a_known_one_s_possessive_is_a_candidate_part_of_it() -> None:
    facts = draft("CANIETI and the Ministry of Economy's Undersecretariat of Foreign Trade presented Exporta TIC, a joint "
                  "program to help SMEs export.")
    [body] = [e for e in facts["entities"] if e["type"] == "GovernmentBody"]
    assert (body["name"], body["parent"]) == ({"en": "Undersecretariat of Foreign Trade"}, "ministry-of-economy")
    [program] = [e for e in facts["entities"] if e["type"] == "Program"]
    assert program["name"] == {"en": "Exporta TIC"}


def test_a_fair_named_in_the_headline_and_the_body_is_one_event_and_a_rank_in_words_is_drafted() -> None:
    facts = draft("Firms close deals at Hannover Messe\n\nMexico City, April 27, 2026.- Firms closed deals during "
                  "Hannover Messe 2026, held April 20-24 in Hannover. Mexico placed third among Latin American "
                  "exhibitors. He came first in line.\n")
    assert [e["name"] for e in facts["entities"] if e["type"] == "Event"] == [{"en": "Hannover Messe 2026"}]
    assert [(o["value"], o["unit"], o["surface"]) for o in facts["observations"]] == [("3", "rank", "third")]


# --- a regional body written with its organization's full name and acronym, then its region -------------------

@pytest.mark.parametrize("text, lang, region, party, aliases", [
    ("La Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información (Canieti) "
     "Sede Noreste firmó este lunes dos convenios de colaboración: uno con el Gobierno de Nuevo León y otro con la "
     "Universidad Regiomontana del Norte (URN). La Canieti Noreste agrupa a 285 empresas.", "es",
     "Canieti Sede Noreste", "canieti-noreste", ["Canieti Noreste"]),
    ("The National Chamber of the Electronics, Telecommunications and Information Technology Industry (CANIETI) "
     "Northeast signed a collaboration agreement with the National Institute of Entrepreneurs.", "en",
     "CANIETI Northeast", "canieti-northeast", None),
])
def test_a_full_name_and_acronym_then_a_region_is_the_regional_body_and_the_party(
        text: str, lang: str, region: str, party: str, aliases: list[str] | None) -> None:
    facts = draft(text, lang)
    [body] = [e for e in facts["entities"] if e["id"] == party]
    assert body["name"] == {lang: region} and body["quote"] in text
    assert body.get("aliases") == ({lang: aliases} if aliases else None)
    parties = [r["object"] for r in facts["relations"] if r["relation"] == "party"]
    assert party in parties and "canieti" not in parties
    # the full name and the acronym are still written mentions of the national chamber
    assert {m["form"] for m in facts["mentions"] if m["entity"] == "canieti"} >= {"Canieti" if lang == "es" else "CANIETI"}


@pytest.mark.parametrize("text, lang, parties", [
    # (no region after the acronym: the national chamber signs)
    ("La Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información (Canieti) "
     "firmó un convenio con el Gobierno de Nuevo León.", "es", {"canieti", "gobierno-de-nuevo-leon"}),
    # (a longer name after the acronym is no region: "Centro de Capacitación")
    ("La Cámara Nacional de la Industria Electrónica, de Telecomunicaciones y Tecnologías de la Información (Canieti) "
     "Centro de Capacitación firmó un convenio con el Gobierno de Nuevo León.", "es", {"canieti", "gobierno-de-nuevo-leon"}),
])
def test_a_full_name_and_acronym_without_a_region_is_the_organization_itself(text: str, lang: str, parties: set[str]) -> None:
    facts = draft(text, lang)
    assert not [e for e in facts["entities"] if e["id"].startswith("canieti-")]
    assert {r["object"] for r in facts["relations"] if r["relation"] == "party"} == parties


def test_two_names_of_one_regional_body_are_one_entity_with_an_alias() -> None:
    facts = draft("La Canieti Sede Occidente firmó un convenio con el INADEM. La Canieti Occidente agrupa a 90 empresas.", "es")
    [body] = [e for e in facts["entities"] if e["id"].startswith("canieti-")]
    assert body["name"] == {"es": "Canieti Sede Occidente"} and body["aliases"] == {"es": ["Canieti Occidente"]}


# --- an event with no event word: a name and year where a delegation goes; an event's year from its name ---------

@pytest.mark.parametrize("text, lang, name, planned", [
    ("The chamber will take a second delegation to CES 2027 in Las Vegas in January.", "en", "CES 2027", True),
    ("The chamber led a delegation of 42 companies to GITEX Global 2026 in Dubai.", "en", "GITEX Global 2026", False),
    ("La cámara llevará una delegación de 30 empresas a CES 2027 en Las Vegas.", "es", "CES 2027", True),
])
def test_a_name_and_year_where_a_delegation_goes_is_a_candidate_event(text: str, lang: str, name: str, planned: bool) -> None:
    [event] = [e for e in draft(text, lang)["entities"] if e["type"] == "Event"]
    assert event["name"] == {lang: name} and event["quote"] in text
    assert (event.get("event_status") == "planned") is planned
    assert "delegation goes" in event["note"]


@pytest.mark.parametrize("text, lang", [
    ("Exports will exceed US$12 billion by 2030, in line with Plan México 2030.", "en"),
    ("The chamber will take a delegation to January 2027 talks.", "en"),
    ("The delegation grew from 2025 to 2027.", "en"),
    ("La delegación pasará de 20 a 40 empresas en 2027.", "es"),
    ("CANIETI presented Vision 2030 to the press.", "en"),
])
def test_no_event_from_any_name_and_year(text: str, lang: str) -> None:
    assert not [e for e in draft(text, lang).get("entities", []) if e["type"] == "Event"]


@pytest.mark.parametrize("text, lang, dates, year_note", [
    ("Firms closed deals during Hannover Messe 2026, held April 20-24 in Hannover.", "en",
     ("2026-04-20", "2026-04-24"), True),
    # (the days' own year wins over the name's)
    ("Firms closed deals during Hannover Messe 2026, held April 20-24, 2026 in Hannover.", "en",
     ("2026-04-20", "2026-04-24"), False),
    # (no year in the name nor the days: by hand)
    ("Firms closed deals during the Hannover Messe, held April 20-24 in Hannover.", "en", None, False),
])
def test_an_events_days_without_a_year_take_the_year_of_its_name(
        text: str, lang: str, dates: tuple[str, str] | None, year_note: bool) -> None:
    [event] = [e for e in draft(text, lang)["entities"] if e["type"] == "Event"]
    assert ((event["start_date"], event["end_date"]) if "start_date" in event else None) == dates
    assert ("is its name's" in event["note"]) is year_note
    assert ("date it by hand" in event["note"]) is (dates is None)


# --- a government by its place's possessive ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "body", "written", "parties"), [
    ("CANIETI and Jalisco's government signed a collaboration agreement.", "Government of Jalisco",
     "Jalisco's government", {"canieti", "government-of-jalisco"}),
    ("Nuevo León's state government signed an agreement with CANIETI.", "Government of Nuevo León",
     "Nuevo León's state government", {"canieti", "government-of-nuevo-leon"}),
    ("In Jalisco’s government, CANIETI has allies.", "Government of Jalisco", "Jalisco’s government", set()),
])
def test_a_government_by_its_places_possessive_is_a_candidate_government_body(
        text: str, body: str, written: str, parties: set[str]) -> None:
    facts = draft_facts(text, article_id="t", lang="en", known=KNOWN + STATES).facts
    [candidate] = [e for e in facts["entities"] if e["type"] == "GovernmentBody"]
    assert candidate["name"] == {"en": body} and candidate["quote"] == written and written in candidate["note"]
    assert {r["object"] for r in facts.get("relations", []) if r["relation"] == "party"} == parties
    assert "government" not in {m["entity"] for m in facts["mentions"]}


@pytest.mark.parametrize("text", [
    "Jalisco's government officials met CANIETI.",  # (its people, not the body)
    "The government of Enrique Peña Nieto's party signed an agreement with CANIETI.",  # (no place)
    "Google's government relations team met CANIETI.",  # (no place known)
])
def test_no_government_body_from_a_possessive_without_a_place_or_of_its_people(text: str) -> None:
    facts = draft_facts(text, article_id="t", lang="en", known=KNOWN + STATES).facts
    assert not [e for e in facts.get("entities", []) if e["type"] == "GovernmentBody"]


# --- a counted noun ends before a word of time; the dateline's date is no figure's time --------------------------

@pytest.mark.parametrize(("text", "lang", "surface", "year"), [
    ("El programa ofrecerá 3 mil 500 lugares durante 2026.", "es", "3 mil 500 lugares", "2026"),
    ("La cámara capacitará a 3 mil 500 personas durante 2026.", "es", "3 mil 500 personas", "2026"),
    ("The program will train 500 engineers during 2026.", "en", "500 engineers", "2026"),
    # (the neighbours already right: a noun with its complement, the time after it)
    ("El programa ofrecerá 3 mil 500 lugares de capacitación durante 2026.", "es", "3 mil 500 lugares", "2026"),
    ("El programa Talento Digital Noreste ofrecerá 3 mil 500 lugares de capacitación durante 2026, de los cuales 1,200 "
     "estarán dirigidos a mujeres.", "es", "3 mil 500 lugares", "2026"),
    ("La cámara ofrecerá 500 cursos en 2026.", "es", "500 cursos", "2026"),
])
def test_a_counted_noun_ends_before_a_word_of_time_and_the_time_is_kept(text: str, lang: str, surface: str, year: str) -> None:
    obs = draft(text, lang)["observations"][0]
    assert obs["surface"] == surface and obs["quote"] in text
    assert obs["time"] == {"qualifier": "in", "year": year}


@pytest.mark.parametrize(("text", "lang", "times"), [
    ("Guadalajara, 3 de marzo de 2026.- La Canieti agrupa a 300 empresas.", "es", [None]),
    ("Guadalajara, Jalisco, 3 de marzo de 2026.- La Canieti Occidente agrupa a 300 empresas, informó la cámara.", "es",
     [None]),
    ("Mexico City, April 27, 2026.- CANIETI has 1,377 members.", "en", [None]),
    # (a year the sentence writes after the dateline is the figure's)
    ("Guadalajara, 3 de marzo de 2026.- La Canieti agrupa a 300 empresas en 2026.", "es", ["2026"]),
    ("Guadalajara, 3 de marzo de 2026.- La Canieti agrupa a 300 empresas y llegará a 350 en 2027.", "es", [None, "2027"]),
])
def test_the_datelines_date_is_no_figures_time(text: str, lang: str, times: list[str | None]) -> None:
    observations = draft(text, lang)["observations"]
    assert [o["time"]["year"] if "time" in o else None for o in observations] == times
