"""Names a user types reach the entity: a curator's corrected form of a garbled name, and the forms the
articles write (a mention's surface form, "CDMX") when no name or alias matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import queries as Q
from kg.config import Paths
from kg.errors import KgError
from tests.minicorpus import check_errors, replace_in, write_minicorpus

ID = "https://w3id.org/canieti-kg/id/"


@pytest.fixture(scope="module")
def engine(content_build: Paths) -> Q.Engine:
    return Q.open_engine(content_build, "oxigraph")


def test_a_corrected_form_is_found_by_search_and_by_entity_parameters(content_build: Paths, engine: Q.Engine) -> None:
    res = Q.run_stored(content_build, "search-label", {"text": "Victor Lagunes"}, opened=engine)
    assert [(str(r[1]), str(r[2]).rsplit("#", 1)[-1], str(r[3])) for r in res.rows] == [
        (f"{ID}person/victor-lagunes-soto", "correctedForm", "Víctor Lagunes Soto")]
    res = Q.run_stored(content_build, "person-posts", {"person": "Víctor Lagunes Soto"}, opened=engine)
    assert {str(r[0]) for r in res.rows} == {f"{ID}person/victor-lagunes-soto"} and res.rows


def test_an_article_s_own_form_resolves_when_no_name_matches(content_build: Paths, engine: Q.Engine) -> None:
    res = Q.run_stored(content_build, "entity-figures", {"entity": "cdmx"}, opened=engine)
    assert {str(r[0]) for r in res.rows} == {f"{ID}place/mexico-city"}
    with pytest.raises(KgError, match="no entity with this id, IRI, name or alias"):
        Q.run_stored(content_build, "entity-figures", {"entity": "Ciudad Gótica"}, opened=engine)


def test_a_corrected_form_needs_the_correction_status(tmp_path: Path) -> None:
    paths = write_minicorpus(tmp_path)
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, '{id: m-acme, entity: acme, form: ACME, quote: "The Chamber (ACME)", status: explicit}',
               '{id: m-acme, entity: acme, form: ACME, corrected_form: ACME Inc, quote: "The Chamber (ACME)", status: explicit}')
    code, errors = check_errors(paths)
    assert code == 1 and len(errors) == 1 and "a-en.yaml:" in errors[0] and "correction" in errors[0], errors
    replace_in(facts, "status: explicit}", "status: correction, reason: the article misspells it}")
    assert check_errors(paths) == (0, [])


def test_an_ad_hoc_parameter_that_names_an_entity_but_was_bound_as_a_string_gets_a_note(content_build: Paths,
                                                                                          tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    query = tmp_path / "q.rq"
    query.write_text("PREFIX kg: <https://w3id.org/canieti-kg/ontology#>\nSELECT ?src ?o WHERE { ?o kg:attributedTo ?src }\n",
                     encoding="utf-8")
    base = ["query", "--file", str(query), "--root", str(content_build.root), "--data", str(content_build.data),
            "--build", str(content_build.build), "-f", "csv"]
    found = CliRunner().invoke(main, base + ["-p", "src=victor-lagunes-soto"])
    assert found.exit_code == 0 and found.stdout == "src,o\n"
    assert found.stderr.startswith("note: -p src=victor-lagunes-soto was bound as the string"), found.stderr
    assert f"-p src='<{ID}person/victor-lagunes-soto>'" in found.stderr
    iri = CliRunner().invoke(main, base + ["-p", f"src=<{ID}person/victor-lagunes-soto>"])
    assert iri.exit_code == 0 and iri.stdout.count("\n") == 3 and iri.stderr == ""
    text = CliRunner().invoke(main, base + ["-p", "src=no such thing"])  # a string that names nothing: no note
    assert text.exit_code == 0 and text.stderr == ""
