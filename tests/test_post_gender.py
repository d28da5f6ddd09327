"""A post named in the other grammatical gender resolves: "presidente de ACME" finds the post a curator labelled
"presidenta de ACME", "la directora general" the "director general", in every entity parameter that takes a post
(post-holders' `post`, entity-names' `entity`, ...). Unrelated names do not collide: a ministry ("Secretaría")
is not a woman secretary ("secretaria"), a name that matches as written wins, and two posts that differ only in
gender are refused as ambiguous with both candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import queries as Q
from kg.config import Paths
from kg.errors import KgError
from tests.minicorpus import write_minicorpus

ID = "https://w3id.org/canieti-kg/id/"

# (the mini corpus already has acme-president, "President of ACME" / "presidenta de ACME", held by Ana Ruiz)
MORE_ENTITIES = """\
  - id: acme-director
    type: Post
    name: {es: directora general de ACME}
    organization: acme
  - id: economy-secretary
    type: Post
    name: {es: Secretario de Economía}
  - id: economy-ministry
    type: GovernmentBody
    name: {es: Secretaría de Economía}
  - id: beta-president
    type: Post
    name: {es: presidente de Beta}
  - id: beta-president-two
    type: Post
    name: {es: presidenta de Beta}
  - id: acme-treasurer
    type: Post
    name: {es: Tesorero Ejecutivo de ACME}
    organization: acme
  - id: acme-chair
    type: Post
    name: {en: Chairman of the Board of ACME}
    organization: acme
"""


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, Q.Engine]:
    from kg.build import build_project

    paths = write_minicorpus(tmp_path_factory.mktemp("post-gender"))
    assert paths.data is not None
    entities = paths.data / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + MORE_ENTITIES, encoding="utf-8")
    build_project(paths, validate=False, reason=False)
    return paths, Q.open_engine(paths, "oxigraph")


def _holders(posts: tuple[Paths, Q.Engine], post: str) -> set[tuple[str, str]]:
    paths, engine = posts
    res = Q.run_stored(paths, "post-holders", {"post": post}, opened=engine)
    return {(str(r[0]), str(r[2])) for r in res.rows}


@pytest.mark.parametrize("name", ["presidenta de ACME", "presidente de ACME", "Presidente de Acme", "la presidenta de ACME",
                                  "El Presidente de ACME", "acme-president", "President of ACME"])
def test_post_holders_takes_a_post_in_either_gender(posts: tuple[Paths, Q.Engine], name: str) -> None:
    assert _holders(posts, name) == {(f"{ID}post/acme-president", f"{ID}person/ana-ruiz")}


@pytest.mark.parametrize(("name", "post"), [
    ("director general de ACME", "acme-director"), ("la directora general de ACME", "acme-director"),
    ("tesorera ejecutiva de ACME", "acme-treasurer"), ("Tesorera Ejecutiva de ACME", "acme-treasurer"),
    ("Chairwoman of the Board of ACME", "acme-chair"), ("the chairwoman of the board of ACME", "acme-chair"),
])
def test_an_entity_parameter_finds_a_post_in_the_other_gender(posts: tuple[Paths, Q.Engine], name: str, post: str) -> None:
    paths, engine = posts
    res = Q.run_stored(paths, "entity-names", {"entity": name}, opened=engine)
    assert {str(r[0]) for r in res.rows} == {f"{ID}post/{post}"}


@pytest.mark.parametrize("name", ["secretaria de Economía", "Secretaria de Economia", "la secretaria de Economía"])
def test_a_woman_secretary_is_the_secretary_s_post(posts: tuple[Paths, Q.Engine], name: str) -> None:
    """Where only a post will do (post-holders), "secretaria" is the secretary; where any entity will, a name
    that matches as written (accents aside) wins, and "Secretaria de Economia" is the ministry, as before."""
    _, engine = posts
    resolver = Q.Resolver(engine)
    assert resolver.resolve_entity(Q.Param("post", "entity", kinds=("post",)), name) == Q.URIRef(f"{ID}post/economy-secretary")
    anything = resolver.resolve_entity(Q.Param("entity", "entity"), name)
    assert anything == Q.URIRef(f"{ID}" + ("post/economy-secretary" if name.startswith("la ") else "organization/economy-ministry"))


def test_a_name_that_matches_as_written_wins_and_a_ministry_is_no_secretary(posts: tuple[Paths, Q.Engine]) -> None:
    paths, engine = posts
    # each of two posts that differ only in gender is found by its own name
    assert _holders(posts, "presidente de Beta") == set() and _holders(posts, "presidenta de Beta") == set()
    for name, entity in (("presidente de Beta", "post/beta-president"), ("presidenta de Beta", "post/beta-president-two"),
                         ("Secretaría de Economía", "organization/economy-ministry")):
        res = Q.run_stored(paths, "entity-names", {"entity": name}, opened=engine)
        assert {str(r[0]) for r in res.rows} == {f"{ID}{entity}"}, name
    # the ministry written with its accent is not the secretary's post: post-holders says it is an organization
    with pytest.raises(KgError, match="organization/economy-ministry is an organization, and post takes a post"):
        Q.run_stored(paths, "post-holders", {"post": "Secretaría de Economía"}, opened=engine)


def test_two_posts_that_differ_only_in_gender_are_ambiguous(posts: tuple[Paths, Q.Engine]) -> None:
    paths, engine = posts
    with pytest.raises(KgError) as err:
        Q.run_stored(paths, "post-holders", {"post": "la presidenta de Beta"}, opened=engine)
    assert "ambiguous post name (either gender), candidates: post/beta-president (presidente de Beta); " \
           "post/beta-president-two (presidenta de Beta)" in str(err.value) and err.value.hint == "pass an id or IRI"


def test_only_posts_and_only_the_listed_words_change() -> None:
    assert Q.post_key("La Presidenta Ejecutiva de la Cámara") == "presidente ejecutivo de la camara"
    assert Q.post_key("directora general adjunta") == Q.post_key("Director General Adjunto")
    assert Q.post_key("vicepresidenta") == "vicepresidente" and Q.post_key("coordinadora") == "coordinador"
    assert Q.post_key("consejera") == "consejero" and Q.post_key("secretaria") == "secretario"
    assert Q.post_key("Secretaría de Economía") == "secretaria de economia" != Q.post_key("Secretario de Economía")
    assert Q.post_key("Ana Ruiz") == "ana ruiz" and Q.post_key("Laura Directora") == "laura director"
    assert Q.post_key("Chairwoman of the Board") == Q.post_key("chairman of the board") != Q.post_key("Chair of the Board")
    assert Q.post_key("Spokeswoman") == "spokesman" and Q.post_key("Woman of the Year") == "woman of the year"


def test_a_person_parameter_does_not_read_post_genders(posts: tuple[Paths, Q.Engine]) -> None:
    paths, engine = posts
    with pytest.raises(KgError, match="is a post, and person takes a person|no entity with this id"):
        Q.run_stored(paths, "person-posts", {"person": "presidente de ACME"}, opened=engine)


def test_the_cli_resolves_a_feminine_post(posts: tuple[Paths, Q.Engine], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    paths, _ = posts
    result = CliRunner().invoke(main, ["query", "post-holders", "-p", "post=presidente de ACME", "-f", "csv",
                                       "--root", str(paths.root), "--data", str(paths.data), "--build", str(paths.build)],
                                env={"KG_ONTOLOGY": str(paths.ontology), "KG_QUERIES": str(paths.queries)})
    assert result.exit_code == 0, result.output
    assert f"{ID}post/acme-president" in result.stdout and f"{ID}person/ana-ruiz" in result.stdout


def test_the_cli_refuses_a_post_of_either_gender_on_one_line(posts: tuple[Paths, Q.Engine], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    paths, _ = posts
    out = tmp_path / "holders.csv"
    out.write_text("last good\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "post-holders", "-p", "post=la presidenta de Beta", "-o", str(out),
                                       "--root", str(paths.root), "--data", str(paths.data), "--build", str(paths.build)],
                                env={"KG_ONTOLOGY": str(paths.ontology), "KG_QUERIES": str(paths.queries)})
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # no traceback
    errors = [line for line in result.output.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("Error: parameter post (entity): ") and "either gender" in errors[0] \
        and "(fix: pass an id or IRI)" in errors[0], result.output
    assert out.read_text(encoding="utf-8") == "last good\n"  # the last good output is untouched


@pytest.mark.parametrize("name", ["presidenta de CANIETI", "Presidenta Nacional de CANIETI", "la presidenta nacional"])
def test_the_real_corpus_s_national_president_in_the_feminine(content_build: Paths, name: str) -> None:
    """data/entities.yaml gives the post its Spanish title (the curator's), so a Spanish reader's words reach it."""
    engine = Q.open_engine(content_build, "oxigraph")
    res = Q.run_stored(content_build, "post-holders", {"post": name}, opened=engine)
    assert {str(r[0]) for r in res.rows} == {f"{ID}post/canieti-national-president"}
    assert f"{ID}person/mario-de-la-cruz-sarabia" in {str(r[2]) for r in res.rows}
