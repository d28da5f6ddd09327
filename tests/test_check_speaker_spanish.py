"""Spanish drops the subject: in "“Cada nueva planta genera 1,200 empleos”, dijo." the speech verb is the whole
attribution, and the speaker is named in an earlier sentence. The warning that a quote does not name its
speaker (or a figure's source) passes over a quote of a Spanish article that ends in a speech verb after the
quotation ("…”, dijo.", "—afirmó—"); it stays for any other quote, and for an English one. `kg check FILE`
(pySHACL) and `kg build` (Oxigraph) agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build_project
from kg.cli import main
from minicorpus import with_articles

ART_ES = ("Laura Garza Treviño, presidenta de ACME, visitó Monterrey. “Cada nueva planta genera en promedio 1,200 "
          "empleos directos”, dijo. “Vamos a crecer” dijo la funcionaria ante la prensa. "
          "“Esto es lo que necesitamos” —afirmó—.")


def _facts(article: str, quote: str) -> str:
    return f"""\
article: {article}
review: reviewed
entities:
  - id: laura-garza-{article}
    type: Person
    name: {{es: Laura Garza Treviño}}
    quote: Laura Garza Treviño
    status: explicit
statements:
  - id: st-planta
    speaker: laura-garza-{article}
    verb: dijo
    quote: "{quote}"
    status: explicit
observations:
  - id: obs-jobs-per-plant
    about: [acme]
    measure: test-members
    value: "1200"
    unit: count
    comparator: exact
    attributed_to: laura-garza-{article}
    quote: "{quote}"
    status: explicit
"""


def _warnings(tmp_path: Path, text: str, lang: str, quote: str) -> list[str]:
    paths = with_articles(tmp_path, [("a-s", text, lang, _facts("a-s", quote))])
    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data),
                                       str(paths.data / "facts" / "a-s.yaml")], env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exit_code == 0, result.output
    return [w for w in result.stderr.splitlines() if "does not name" in w]


QUOTE = "“Cada nueva planta genera en promedio 1,200 empleos directos”, dijo."


@pytest.mark.parametrize("quote", [QUOTE, "“Esto es lo que necesitamos” —afirmó—."])
def test_a_spanish_quote_ending_in_its_speech_verb_needs_no_named_speaker(tmp_path: Path, quote: str) -> None:
    assert _warnings(tmp_path, ART_ES, "es", quote) == []


def test_a_spanish_quote_without_the_verb_still_warns(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, ART_ES, "es", "“Cada nueva planta genera en promedio 1,200 empleos directos”")
    assert sorted(w.split(": ")[2] for w in warnings) == ["attributed_to", "speaker"], warnings


def test_a_quote_whose_verb_has_a_subject_still_warns(tmp_path: Path) -> None:
    """("dijo la funcionaria ante la prensa": a subject the quote writes, which is not a name of the speaker)"""
    warnings = _warnings(tmp_path, ART_ES, "es", "“Vamos a crecer” dijo la funcionaria ante la prensa.")
    assert len(warnings) == 2, warnings


def test_an_english_article_still_warns(tmp_path: Path) -> None:
    assert len(_warnings(tmp_path, ART_ES, "en", QUOTE)) == 2


def test_the_build_agrees(tmp_path: Path) -> None:
    paths = with_articles(tmp_path, [("a-s", ART_ES, "es", _facts("a-s", QUOTE))])
    report = build_project(paths, reason=False)
    assert not [f for f in report.findings if "a-s.yaml" in f and "does not name" in f], report.findings
    paths = with_articles(tmp_path / "en", [("a-s", ART_ES, "en", _facts("a-s", QUOTE))])
    report = build_project(paths, reason=False)
    assert len([f for f in report.findings if "a-s.yaml" in f and "does not name" in f]) == 2, report.findings
