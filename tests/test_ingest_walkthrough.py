"""`kg ingest`: draft errors a curator's walk-through found, in Spanish and English (each test failed before its fix).

The drafts here must never invent: where the rules cannot tell, they draft less and leave a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import Paths
from kg.ingest import draft_facts, render_draft
from test_ingest import KNOWN, data_copy  # noqa: F401  (a fixture)


def draft(text: str, lang: str) -> dict[str, Any]:
    return draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts


def of_type(facts: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    return [e for e in facts.get("entities", []) if e["type"] == type_]


# --- a vice, deputy or adjunct post is not its body's head --------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Ana Ruiz Soto, vice president of CANACINTRA, spoke at the event.", "en"),
    ("Ana Ruiz Soto, Vice-President of CANACINTRA, spoke at the event.", "en"),
    ("Ana Ruiz Soto, deputy director general of Tecnored, spoke at the event.", "en"),
    ("Ana Ruiz Soto, directora general adjunta de Tecnored, habló en el evento.", "es"),
    ("Ana Ruiz Soto, presidenta suplente de la Canacintra, habló en el evento.", "es"),
    ("Ana Ruiz Soto, secretaria general de la Canacintra, habló en el evento.", "es"),
])
def test_a_vice_deputy_or_adjunct_post_is_no_head(text: str, lang: str) -> None:
    [post] = of_type(draft(text, lang), "Post")
    assert "head" not in post, post


def test_the_vice_president_of_a_known_body_is_not_its_known_president() -> None:
    facts = draft("Ana Ruiz Soto, the vice president of CANIETI, spoke at the event.", "en")
    assert "canieti-national-president" not in {m["entity"] for m in facts.get("mentions", [])}
    [tenure] = facts["tenures"]
    assert tenure["post"] != "canieti-national-president"


# --- a figure's surface stops at its noun phrase ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "surface"), [
    ("Of the 412 member companies found in the survey, most export.", "en", "412 member companies"),
    ("The 40 new jobs created last year were in Jalisco.", "en", "40 new jobs"),
    ("Un total de 500 empresas participaron en la encuesta.", "es", "500 empresas"),
    ("The chamber has 5 highly trained engineers.", "en", "5 highly trained engineers"),  # (a noun phrase kept whole)
])
def test_a_figure_s_surface_stops_at_its_noun_phrase(text: str, lang: str, surface: str) -> None:
    [obs] = draft(text, lang)["observations"]
    assert obs["surface"] == surface


# --- fractions and proportions in words are not counts ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "fraction"), [
    ("Nearly two thirds of the companies lack a cybersecurity plan.", "en", "two thirds"),
    ("Three quarters of the members agree.", "en", "Three quarters"),
    ("Three fifths of the budget went to training.", "en", "Three fifths"),
    ("Dos terceras partes de las empresas no cuentan con un plan.", "es", "Dos terceras partes"),
    ("Tres cuartas partes de los socios votaron.", "es", "Tres cuartas partes"),
    ("Casi dos tercios de las pymes exportan.", "es", "dos tercios"),
    # proportions whose first number the reader of figures leaves out ("one", "uno"), and halves
    ("One in five companies exports.", "en", "One in five companies"),
    ("2 in 3 firms export.", "en", "2 in 3"),
    ("Uno de cada cinco usuarios compra en línea.", "es", "Uno de cada cinco usuarios"),
    ("La red llegará a dos millones y medio de usuarios.", "es", "dos millones y medio"),
])
def test_a_fraction_in_words_is_no_count(text: str, lang: str, fraction: str) -> None:
    result = draft_facts(text, article_id="t", lang=lang, known=KNOWN)
    assert not result.facts.get("observations"), result.facts["observations"]
    assert fraction in render_draft(result).split("\narticle:")[0]  # (named in the header for the curator)


@pytest.mark.parametrize(("text", "lang"), [
    ("A third of the firms export; half of them sell to the US.", "en"),
    ("Un tercio de las empresas exporta y la mitad vende en Estados Unidos.", "es"),
])
def test_a_fraction_without_a_number_word_drafts_nothing(text: str, lang: str) -> None:
    assert not draft(text, lang).get("observations")


# --- a year is drafted only when its quote writes it (kg check's rule) -------------------------------------------

EXPORTS_ES = ("De acuerdo con cifras de la Secretaría de Economía y del Instituto Nacional de Estadística y Geografía "
              "presentadas este martes en la capital del país, las exportaciones del sector sumaron 28 mil 400 millones "
              "de dólares en 2025, 8.5% más que los 26 mil 175 millones de dólares registrados en 2024.")
EXPORTS_EN = ("According to the annual report presented on Tuesday by the chamber and the Ministry of Economy in Mexico "
              "City, exports of the information technology sector reached 28.4 billion dollars in 2025, 8.5% more than "
              "the 26.2 billion dollars recorded in 2024.")


@pytest.mark.parametrize(("text", "lang"), [(EXPORTS_ES, "es"), (EXPORTS_EN, "en")])
def test_a_drafted_year_is_written_in_its_quote(text: str, lang: str) -> None:
    from kg.corpus import _time_disagrees

    observations = draft(text, lang)["observations"]
    assert len(observations) == 3
    for obs in observations:
        if "year" in obs.get("time", {}):
            assert obs["time"]["year"] in obs["quote"], obs
        assert _time_disagrees(obs, obs["quote"]) is None, obs


def test_a_year_across_another_figure_is_not_a_figure_s_own() -> None:
    """"sumaron 28 mil 400 millones de dólares, 8.5% más que los 26 mil 175 millones registrados en 2024": 2024 is
    the year of the figure beside it, not of the two before it."""
    text = ("Las exportaciones del sector de tecnologías de la información en 2025, según el reporte anual presentado "
            "este martes por la cámara, sumaron 28 mil 400 millones de dólares, 8.5% más que los 26 mil 175 millones "
            "de dólares registrados en 2024.")
    years = {o["surface"]: o.get("time", {}).get("year") for o in draft(text, "es")["observations"]}
    assert years == {"28 mil 400 millones de dólares": None, "8.5%": None, "26 mil 175 millones de dólares": "2024"}


# --- days listed or ranged are one date range, and no day is a figure --------------------------------------------

@pytest.mark.parametrize(("text", "lang", "start", "end"), [
    ("La Canieti realizará la Cumbre de Ciberseguridad el 23 y 24 de abril de 2026 en Monterrey.", "es",
     "2026-04-23", "2026-04-24"),
    ("El Foro Jalisco Digital se realizará del 23 al 25 de abril de 2026 en Guadalajara.", "es", "2026-04-23", "2026-04-25"),
    ("El Foro Jalisco Digital se realizará los días 23, 24 y 25 de abril de 2026.", "es", "2026-04-23", "2026-04-25"),
    ("The Northeast Digital Industry Forum will be held on April 23-24, 2026 in Monterrey.", "en",
     "2026-04-23", "2026-04-24"),
    ("The Northeast Digital Industry Forum will be held on April 23 and 24, 2026.", "en", "2026-04-23", "2026-04-24"),
    ("The Northeast Digital Industry Forum will be held on 23-25 April 2026.", "en", "2026-04-23", "2026-04-25"),
    ("La asamblea de la Canieti se celebrará el 23 y 24 de abril de 2026.", "es", "2026-04-23", "2026-04-24"),
])
def test_a_day_range_is_an_event_s_start_and_end(text: str, lang: str, start: str, end: str) -> None:
    facts = draft(text, lang)
    [event] = of_type(facts, "Event")
    assert (event.get("start_date"), event.get("end_date"), event.get("date")) == (start, end, None), event
    assert not facts.get("observations"), facts["observations"]


@pytest.mark.parametrize(("text", "lang"), [
    ("El Foro Jalisco Digital se realizará del 23 al 25 de abril en Guadalajara.", "es"),  # (no year)
    ("El Foro Jalisco Digital se realizará el 14 y 16 de abril de 2026.", "es"),  # (two days, not a span)
    ("The Northeast Digital Industry Forum met on April 14 and 16, 2026.", "en"),
])
def test_a_day_list_that_is_no_dated_span_drafts_no_date_and_no_figure(text: str, lang: str) -> None:
    facts = draft(text, lang)
    [event] = of_type(facts, "Event")
    assert not {"date", "start_date", "end_date"} & set(event), event
    assert not facts.get("observations"), facts["observations"]


def test_a_day_range_is_no_tenure_start() -> None:
    [tenure] = draft("Mario de la Cruz Sarabia asumirá la presidencia de la Canieti el 23 y 24 de abril de 2026.",
                     "es")["tenures"]
    assert "start" not in tenure


# --- a shorter form of a person drafted in the same article is that person ---------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Héctor Salinas Garza, director general de Tecnored, inauguró el foro. Más tarde, Héctor Salinas, director "
     "general de Tecnored, dijo que las exportaciones crecerán.", "es"),
    ("Héctor Salinas, director general of Tecnored, opened the forum. Later, Héctor Salinas Garza, director "
     "general of Tecnored, said exports will grow.", "en"),  # (the shorter form first)
])
def test_a_shorter_name_of_a_drafted_person_is_a_mention_of_that_person(text: str, lang: str) -> None:
    facts = draft(text, lang)
    [person] = of_type(facts, "Person")
    assert person["id"] == "hector-salinas-garza" and person["name"][lang] == "Héctor Salinas Garza"
    assert {t["person"] for t in facts["tenures"]} == {"hector-salinas-garza"}
    [mention] = [m for m in facts["mentions"] if m["entity"] == "hector-salinas-garza"]
    assert mention["form"] == "Héctor Salinas" and "Héctor Salinas," in mention["quote"]


def test_a_shorter_name_of_two_drafted_people_is_left_for_the_curator() -> None:
    facts = draft("Héctor Salinas Garza, director general of Tecnored, and Héctor Salinas López, director general of "
                  "Datacom, met. Héctor Salinas, president of Exportec, spoke.", "en")
    people = {p["id"]: p for p in of_type(facts, "Person")}
    assert set(people) == {"hector-salinas-garza", "hector-salinas-lopez", "hector-salinas"}
    assert "hector-salinas-garza" in people["hector-salinas"]["note"]


# --- a post of another organization named after a known one ("Canieti Noreste"); the dateline's date -------------

REGIONAL = [
    ("Monterrey, Nuevo León, 12 de marzo de 2026.- Laura Garza Treviño rindió protesta como presidenta de la Canieti "
     "Noreste para el periodo 2026-2028.", "es", "presidenta de la Canieti Noreste", "Canieti Noreste"),
    ("MONTERREY, March 12, 2026 - Laura Garza Treviño was sworn in as president of CANIETI Northeast for the "
     "2026-2028 period.", "en", "president of CANIETI Northeast", "CANIETI Northeast"),
]


@pytest.mark.parametrize(("text", "lang", "post_name", "org_name"), REGIONAL)
def test_a_post_of_a_regional_body_is_a_candidate_post_of_a_candidate_organization(
        text: str, lang: str, post_name: str, org_name: str) -> None:
    facts = draft(text, lang)
    entities = {e["id"]: e for e in facts["entities"]}
    [tenure] = facts["tenures"]
    post = entities[tenure["post"]]  # (a candidate: not canieti-national-president)
    assert post["type"] == "Post" and post["name"][lang] == post_name and post["head"] is True
    org = entities[post["organization"]]
    assert org["name"][lang] == org_name and org["status"] == "unreviewed" and "canieti" in org["note"]
    assert not {"canieti", "canieti-national-president"} & {m["entity"] for m in facts.get("mentions", [])}
    # the dateline's date is when the item was filed, not the day the term began; the stated term is
    assert (tenure.get("start"), tenure.get("end")) == ("2026", "2028")


def test_the_dateline_date_is_no_tenure_start_but_a_date_of_the_body_is() -> None:
    text = ("Guadalajara, Jalisco, 3 de marzo de 2026.- Mario de la Cruz Sarabia asumirá la presidencia de la Canieti "
            "el 15 de abril de 2026.")
    [tenure] = draft(text, "es")["tenures"]
    assert tenure["start"] == "2026-04-15"
    assert "3 de marzo" not in tenure["quote"]


def test_a_known_post_followed_by_a_regional_body_is_not_the_known_post() -> None:
    facts = draft("The president of Canieti Noreste opened the forum.", "en")
    assert not {"canieti", "canieti-national-president"} & {m["entity"] for m in facts.get("mentions", [])}


@pytest.mark.parametrize(("text", "lang", "body"), [
    ("La Canieti Sede Occidente inauguró su foro.", "es", "Canieti Sede Occidente"),
    ("The board of Canieti Noreste’s members met.", "en", "Canieti Noreste"),
    ("La CANIETI Centro de Capacitación abrió cursos.", "es", None),  # (a longer name, not a region's body)
    ("CANIETI North American partners met.", "en", None),
    ("La Canieti Informa que crecerá.", "es", None),  # (no region: the known body itself)
])
def test_a_regional_body_is_a_known_name_then_a_region(text: str, lang: str, body: str | None) -> None:
    facts = draft(text, lang)
    bodies = [e["name"][lang] for e in facts.get("entities", []) if e["type"] not in ("Post", "Person", "Event")]
    assert bodies == ([body] if body else [])
    assert ("canieti" in {m["entity"] for m in facts.get("mentions", [])}) is (body is None)


# --- the walk-through's article, end to end: kg ingest, then kg check --------------------------------------------

WALKTHROUGH_ES = "\n\n".join([
    REGIONAL[0][0],
    "Dos terceras partes de las empresas afiliadas no cuentan con un plan de ciberseguridad, y un total de 500 "
    "empresas participaron en la encuesta.",
    "La Canieti realizará la Cumbre de Ciberseguridad el 23 y 24 de abril de 2026 en Monterrey.",
    "Héctor Salinas Garza, director general de Tecnored, inauguró el foro. Más tarde, Héctor Salinas, director "
    "general de Tecnored, dijo que las exportaciones crecerán.",
    "Ana Ruiz Soto, vicepresidenta de la Canacintra, habló en el evento.",
    EXPORTS_ES, ""])
WALKTHROUGH_EN = "\n\n".join([
    REGIONAL[1][0],
    "Nearly two thirds of the 412 member companies found in the survey lack a cybersecurity plan.",
    "The Northeast Digital Industry Forum will be held on April 23-24, 2026 in Monterrey.",
    "Héctor Salinas Garza, director general of Tecnored, opened the forum. Later, Héctor Salinas, director "
    "general of Tecnored, said exports will grow.",
    "Ana Ruiz Soto, vice president of CANACINTRA, spoke at the event.",
    EXPORTS_EN, ""])


@pytest.mark.parametrize(("text", "lang"), [(WALKTHROUGH_ES, "es"), (WALKTHROUGH_EN, "en")])
def test_the_walkthrough_article_drafts_what_kg_check_passes(text: str, lang: str, tmp_path: Path,
                                                              data_copy: Paths) -> None:  # noqa: F811
    src = tmp_path / "nota.txt"
    src.write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(src), "--id", "w1", "--lang", lang, "--data", str(data_copy.data)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["check", str(data_copy.facts / "w1.yaml"), "--data", str(data_copy.data)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
