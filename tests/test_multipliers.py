"""Multipliers are factors, not counts: "creció 3 veces", "se triplicó", "tripled", "grew threefold", "twice as
many", "2.5 times larger" are 3, 2 or 2.5 ``times`` (ontology/vocab/units.ttl), stated as a percent change is (a
measure of growth, the period compared as its time). The figure reader reads them so, `kg ingest` drafts them so
(never as a count), and `kg check` refuses `unit: count` for a surface that writes one, with the fix. A bare "met
three times" says how often: not drafted, listed in the draft's header.

And the unit a fact file writes `count` is called "count" where a curator or a user reads it (query tables), not
QUDT's "number" (kept as an alternative label, so `-p unit=number` still resolves).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.config import Paths
from kg.figures import Sentence, find_figures, keep_figure, pair_figures
from kg.ingest import draft_facts, render_draft
from kg.yamlio import LineDict
from minicorpus import check_errors, line_of, with_articles
from test_ingest import KNOWN

TIMES_IRI = "https://w3id.org/canieti-kg/vocab/unit/times"

READ = [  # (text, language, surface, value)
    ("Las exportaciones de ACME crecieron 3 veces en 2025.", "es", "3 veces", "3"),
    ("Las ventas crecieron tres veces respecto a 2020.", "es", "tres veces", "3"),
    ("La afiliación se triplicó respecto al año anterior.", "es", "se triplicó", "3"),
    ("Los socios se duplicaron en 2025.", "es", "se duplicaron", "2"),
    ("El mercado es 2.5 veces mayor que en 2010.", "es", "2.5 veces mayor", "2.5"),
    ("Las ventas fueron el doble que en 2020.", "es", "el doble", "2"),
    ("La inversión se multiplicó por 4 desde 2012.", "es", "multiplicó por 4", "4"),
    ("Exports tripled over the same period of last year.", "en", "tripled", "3"),
    ("Exports grew threefold in 2025.", "en", "threefold", "3"),
    ("Exports grew 3-fold in 2025.", "en", "3-fold", "3"),
    ("The chamber has twice as many members as in 2010.", "en", "twice as many", "2"),
    ("The market is 2.5 times larger than in 2010.", "en", "2.5 times larger", "2.5"),
    # halving: a factor of 0.5, not "half of" a whole (a share: 50 percent)
    ("Registration times halved over the same period of last year.", "en", "halved", "0.5"),
    ("The chamber cut in half the time to register a company in 2025.", "en", "cut in half", "0.5"),
    ("La brecha digital se redujo a la mitad desde 2015.", "es", "se redujo a la mitad", "0.5"),
    ("Las importaciones cayeron a la mitad en 2020.", "es", "cayeron a la mitad", "0.5"),
    ("La empresa redujo su plantilla a la mitad en 2020.", "es", "redujo su plantilla a la mitad", "0.5"),
    ("Registration costs fell by half in 2025.", "en", "fell by half", "0.5"),
    ("The new platform halves the time to register a company.", "en", "halves", "0.5"),
]


def _figures(text: str, lang: str) -> list[Any]:
    figures = find_figures(text, lang, Sentence(0, len(text), text), [])
    return pair_figures(text, figures, 0)


@pytest.mark.parametrize(("text", "lang", "surface", "value"), READ, ids=[r[2] for r in READ])
def test_the_figure_reader_reads_a_multiplier_as_times(text: str, lang: str, surface: str, value: str) -> None:
    [fig] = [f for f in _figures(text, lang) if keep_figure(f) and not f.is_year]
    assert (fig.unit, fig.value, text[fig.surface_start:fig.surface_end]) == ("times", Decimal(value), surface)


@pytest.mark.parametrize(("text", "lang", "surface", "value"), READ, ids=[r[2] for r in READ])
def test_ingest_drafts_a_multiplier_with_unit_times_never_a_count(text: str, lang: str, surface: str, value: str) -> None:
    [obs] = draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts["observations"]
    assert (obs["value"], obs["unit"], obs["surface"]) == (value, "times", surface)
    assert "a multiplier" in obs["note"] and "counted" not in obs["note"]


def test_a_multiplier_takes_the_comparator_written_before_it() -> None:
    [obs] = draft_facts("Exports more than doubled in 2025.", article_id="t", lang="en", known=KNOWN).facts["observations"]
    assert (obs["value"], obs["unit"], obs["comparator"]) == ("2", "times", "more-than")
    [obs] = draft_facts("La afiliación casi se triplicó en 2025.", article_id="t", lang="es", known=KNOWN).facts["observations"]
    assert (obs["value"], obs["unit"], obs["comparator"]) == ("3", "times", "approximately")


@pytest.mark.parametrize(("text", "lang", "words"), [
    ("El consejo se reunió tres veces en 2025.", "es", "tres veces"),
    ("The board met three times a year.", "en", "three times"),
    ("The board met 4 times in 2025.", "en", "4 times"),
])
def test_how_often_is_neither_a_count_nor_a_factor_and_is_listed_for_the_curator(text: str, lang: str, words: str) -> None:
    draft = draft_facts(text, article_id="t", lang=lang, known=KNOWN)
    assert not draft.facts.get("observations"), draft.facts.get("observations")
    assert draft.repeats == [words]
    assert f"#   {words!r}" in render_draft(draft) and "`unit: times`" in render_draft(draft)


@pytest.mark.parametrize(("text", "lang", "words"), [
    ("The chamber plans to double its exports program to 200 companies.", "en", "double"),
    ("The market could double by 2025.", "en", "double"),
    ("The program plans to halve the waiting time by 2027.", "en", "halve"),
    ("La cámara duplicará su programa de exportación a 200 empresas.", "es", "duplicará"),
    ("La Canieti pretende reducir a la mitad el tiempo de registro.", "es", "reducir a la mitad"),
    ("Las ventas se duplicarían en 2027.", "es", "se duplicarían"),
])
def test_a_change_planned_or_possible_is_read_but_not_drafted(text: str, lang: str, words: str) -> None:
    """"to double ... to 200 companies": the evaluation sets' curators keep the level planned, not the factor."""
    [fig] = [f for f in _figures(text, lang) if f.unit == "times"]
    half = "halve" in words or "mitad" in words
    assert (fig.value, text[fig.surface_start:fig.surface_end]) == (Decimal("0.5" if half else 2), words)
    draft = draft_facts(text, article_id="t", lang=lang, known=KNOWN)
    assert all(o["unit"] != "times" for o in draft.facts.get("observations", []))
    assert draft.repeats == [words]


def test_what_is_no_multiplier_is_read_as_before() -> None:
    for text, lang, unit in (("Double taxation hurts 500 companies.", "en", "count"),
                             ("La doble tributación afecta a 500 empresas.", "es", "count"),
                             ("Sales grew 16.2% in 2025.", "en", "percent"),
                             ("Half of the 400 firms export.", "en", "count"),
                             # "in half of the states", "to half of the market": a share, not a halving
                             ("La brecha disminuyó en la mitad de los 32 estados.", "es", "count"),
                             ("Su participación bajó a la mitad del mercado de 400 empresas.", "es", "count"),
                             ("La mitad de las 400 empresas exporta.", "es", "count")):
        [obs] = draft_facts(text, article_id="t", lang=lang, known=KNOWN).facts["observations"]
        assert obs["unit"] == unit, (text, obs)


# --- kg check ---------------------------------------------------------------------------------------------------------

ART_EN = "ACME exports tripled over the same period of last year. Its market is 2.5 times larger than in 2010."
ART_ES = "Las exportaciones de ACME crecieron 3 veces en 2025. La afiliación se triplicó respecto al año anterior."


def _obs(ident: str, value: str, unit: str, surface: str, quote: str) -> str:
    return (f"  - id: {ident}\n    about: [acme]\n    measure: test-growth\n    value: \"{value}\"\n    unit: {unit}\n"
            f"    comparator: exact\n    unattributed: true\n    surface: \"{surface}\"\n    quote: \"{quote}\"\n"
            f"    status: explicit\n")


FACTS_EN = "article: m-en\nreview: reviewed\nobservations:\n" + \
    _obs("o-tripled", "3", "times", "tripled", "ACME exports tripled over the same period of last year") + \
    _obs("o-larger", "2.5", "times", "2.5 times larger", "Its market is 2.5 times larger than in 2010")
FACTS_ES = "article: m-es\nreview: reviewed\nobservations:\n" + \
    _obs("o-veces", "3", "times", "3 veces", "Las exportaciones de ACME crecieron 3 veces en 2025") + \
    _obs("o-triplico", "3", "times", "se triplicó", "La afiliación se triplicó respecto al año anterior")


@pytest.fixture()
def multipliers(tmp_path: Path) -> Paths:
    return with_articles(tmp_path, [("m-en", ART_EN, "en", FACTS_EN), ("m-es", ART_ES, "es", FACTS_ES)])


def test_kg_check_passes_unit_times_shapes_included(multipliers: Paths) -> None:
    assert check_errors(multipliers) == (0, [])
    assert multipliers.data is not None
    for article in ("m-en", "m-es"):  # (`kg check FILE` also runs the SHACL shapes: kgunit:times is a unit they take)
        result = CliRunner().invoke(main, ["check", str(multipliers.data / "facts" / f"{article}.yaml"), "--root",
                                           str(multipliers.root), "--data", str(multipliers.data)],
                                    env={"KG_ONTOLOGY": str(multipliers.ontology)})
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("article", "obs", "surface"), [("m-en", "o-tripled", "tripled"),
                                                         ("m-en", "o-larger", "2.5 times larger"),
                                                         ("m-es", "o-veces", "3 veces"), ("m-es", "o-triplico", "se triplicó")])
def test_kg_check_refuses_a_multiplier_counted(multipliers: Paths, article: str, obs: str, surface: str) -> None:
    assert multipliers.data is not None
    facts = multipliers.data / "facts" / f"{article}.yaml"
    text = facts.read_text(encoding="utf-8")
    block = text.index(f"  - id: {obs}\n")
    facts.write_text(text[:block] + text[block:].replace("unit: times", "unit: count", 1), encoding="utf-8")
    code, errors = check_errors(multipliers)
    assert code == 1 and len(errors) == 1, errors
    line = line_of(facts, "unit:", f"- id: {obs}")
    assert f"{article}.yaml:{line}: unit: observations[" in errors[0], errors[0]
    assert f"unit count is not what its surface {surface!r} writes (a multiplier: times)" in errors[0], errors[0]
    assert "(fix: set `unit: times`" in errors[0], errors[0]


def test_a_surface_backs_a_multiplier_and_nothing_else() -> None:
    from kg.corpus import _surface_disagrees

    for surface, lang in (("3 veces", "es"), ("se triplicó", "es"), ("tripled", "en"), ("threefold", "en"),
                          ("el triple", "es"), ("halved", "en"), ("se redujo a la mitad", "es")):
        value = "0.5" if "half" in surface or "halv" in surface or "mitad" in surface else "3"
        assert _surface_disagrees(surface, LineDict({"value": value, "unit": "times", "comparator": "exact"}), lang) is None
        for unit in ("count", "percent"):
            problem = _surface_disagrees(surface, LineDict({"value": value, "unit": unit, "comparator": "exact"}), lang)
            assert problem is not None and problem[0] == "unit" and "(a multiplier: times)" in problem[1], (surface, problem)
        problem = _surface_disagrees(surface, LineDict({"value": "300", "unit": "times", "comparator": "exact"}), lang)
        assert problem is not None and problem[0] == "value", (surface, problem)
    # a count of occasions keeps its unit when its surface is the number alone
    assert _surface_disagrees("three", LineDict({"value": "3", "unit": "count", "comparator": "exact"}), "en") is None


# --- the units' names -------------------------------------------------------------------------------------------------

def test_units_are_named_by_the_codes_fact_files_write(content_build: Paths) -> None:
    from kg import queries as Q

    engine = Q.open_engine(content_build, "oxigraph")
    resolver = Q.Resolver(engine)
    param = Q.Param("unit", "unit")
    for value in ("times", "veces"):
        assert str(resolver.resolve_unit(param, value)) == TIMES_IRI
    for value in ("count", "number", "número", "conteo"):
        assert str(resolver.resolve_unit(param, value)) == "http://qudt.org/vocab/unit/NUM"
    assert {label for iri, label in resolver._unit_labels()  # noqa: SLF001
            if iri == "http://qudt.org/vocab/unit/NUM"} >= {"count", "conteo"}
    res = CliRunner().invoke(main, ["query", "entity-figures", "-p", "entity=canieti", "-f", "markdown", "--root",
                                    str(content_build.root), "--build", str(content_build.build)])
    assert res.exit_code == 0, res.output
    row = next(line for line in res.stdout.splitlines() if "obs-canieti-members" in line)
    assert "| count |" in row and "number" not in row, row
