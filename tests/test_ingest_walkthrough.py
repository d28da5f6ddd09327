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
