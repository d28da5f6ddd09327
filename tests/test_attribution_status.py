"""`attribution_status`: how the article gives a statement's speaker or a figure's source, apart from the fact's
`status`. "By managing a total of MX$456 million in 2016" states the figure; who gave it, "de la Cruz", only the
sentence before does: the figure is `status: explicit`, its attribution `attribution_status: implied`.

The field is checked by the schema (one of explicit, implied, ambiguous; ambiguous with a `note`) and by the file's
checks (it qualifies a `speaker` or `attributed_to`), mapped to kg:attributionStatus (a status concept), held to
the same by the shapes, and read by the shapes that warn of a speaker or a source the quote does not name.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import URIRef

from kg import iris
from kg.cli import main
from kg.corpus import load_corpus
from kg.iris import KG
from kg.mapping import article_triples
from minicorpus import check_errors, line_of, replace_in, with_articles, write_minicorpus

IMPLIED = iris.concept_iri("status", "implied")

# A speaker named in the sentence before the words quoted, and a figure's source named only before its quote.
CONTEXT_TEXT = ("Ana Ruiz opened the convention. “ACME grows every year.” "
                "By closing with 300 members, ACME leads the sector.")
CONTEXT_FACTS = """\
article: a-ctx
review: reviewed
statements:
  - id: s-grows
    speaker: ana-ruiz
    direct: true
    quote: “ACME grows every year.”
    status: explicit
observations:
  - id: o-members
    about: [acme]
    measure: test-members
    value: "300"
    unit: count
    comparator: exact
    attributed_to: ana-ruiz
    quote: By closing with 300 members
    status: explicit
"""


def _check_file(paths, name: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data),
                                       str(paths.data / "facts" / name)], env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def _unnamed(err: str) -> dict[str, str]:
    """The warnings of a speaker or source the quote does not name, by fact id."""
    return {line.split(": fact ", 1)[1].split(":", 1)[0]: line for line in err.splitlines() if "does not name" in line}


def test_an_attribution_implied_by_the_context_silences_the_warning_and_an_explicit_one_keeps_it(tmp_path: Path) -> None:
    paths = with_articles(tmp_path, [("a-ctx", CONTEXT_TEXT, "en", CONTEXT_FACTS)])
    facts = paths.data / "facts" / "a-ctx.yaml"
    code, err = _check_file(paths, "a-ctx.yaml")
    warned = _unnamed(err)
    assert code == 0 and sorted(warned) == ["o-members", "s-grows"], err
    # the fix is the attribution's status, not the fact's: the words and the figure are explicit
    assert warned["s-grows"].startswith(f"Warning: {facts}:{line_of(facts, 'speaker: ana-ruiz', 'id: s-grows')}: speaker: ")
    assert "(fix: if only the text around the quote gives the speaker (the sentence before, the words before the " \
           "quote), set `attribution_status: implied`" in warned["s-grows"], warned["s-grows"]
    assert f"{facts}:{line_of(facts, 'attributed_to: ana-ruiz', 'id: o-members')}: attributed_to: " in warned["o-members"]
    assert "set `attribution_status: implied`" in warned["o-members"] and "`status: implied`" not in warned["o-members"]

    replace_in(facts, "    speaker: ana-ruiz\n", "    speaker: ana-ruiz\n    attribution_status: implied\n")
    replace_in(facts, "    attributed_to: ana-ruiz\n",
               "    attributed_to: ana-ruiz\n    attribution_status: ambiguous\n    note: Ana Ruiz, or the article itself\n")
    code, err = _check_file(paths, "a-ctx.yaml")
    assert code == 0 and _unnamed(err) == {}, err

    facts.write_text(facts.read_text(encoding="utf-8").replace("attribution_status: implied", "attribution_status: explicit")
                     .replace("attribution_status: ambiguous", "attribution_status: explicit"), encoding="utf-8")
    code, err = _check_file(paths, "a-ctx.yaml")
    assert code == 0 and sorted(_unnamed(err)) == ["o-members", "s-grows"], err


def test_a_spanish_figure_whose_speaker_the_sentence_names_before_the_quote(tmp_path: Path) -> None:
    """"Ana Ruiz, presidenta de ACME, dijo que habrá 40 por ciento más socios": the quote starts at "habrá"."""
    paths = write_minicorpus(tmp_path)
    code, err = _check_file(paths, "a-es.yaml")
    assert code == 0 and sorted(_unnamed(err)) == ["o-members-2020"], err
    replace_in(paths.data / "facts" / "a-es.yaml", "    attributed_to: ana-ruiz\n",
               "    attributed_to: ana-ruiz\n    attribution_status: implied\n")
    code, err = _check_file(paths, "a-es.yaml")
    assert code == 0 and _unnamed(err) == {}, err


def test_a_bad_attribution_status_is_one_line_with_its_file_line_field_and_fix(tmp_path: Path) -> None:
    paths = write_minicorpus(tmp_path)
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, "    speaker: ana-ruiz\n", "    speaker: ana-ruiz\n    attribution_status: yes please\n")
    code, errors = check_errors(paths)
    line = line_of(facts, "attribution_status:", "id: s-grow")
    assert (code, errors) == (1, [
        f"Error: {facts}:{line}: attribution_status: statements[0] (id s-grow): schema: 'yes please' is not one of "
        "['explicit', 'implied', 'ambiguous'] (fix: write `attribution_status:` with one of: explicit, implied, ambiguous)"])
    # a status's other name is not taken for its near spelling ("implicit" is not explicit)
    replace_in(facts, "attribution_status: yes please", "attribution_status: implicit")
    code, errors = check_errors(paths)
    assert code == 1 and len(errors) == 1 and errors[0].endswith("(fix: did you mean `implied`?)"), errors


def test_an_ambiguous_attribution_needs_a_note_and_an_unattributed_fact_has_none(tmp_path: Path) -> None:
    paths = write_minicorpus(tmp_path)
    facts = paths.data / "facts" / "a-es.yaml"
    replace_in(facts, "    attributed_to: ana-ruiz\n", "    attributed_to: ana-ruiz\n    attribution_status: ambiguous\n")
    code, errors = check_errors(paths)
    assert code == 1 and len(errors) == 1, errors
    assert errors[0].endswith("observations[0] (id o-members-2020): schema: missing `note` (fix: add `note:`, which "
                              "sources the context leaves open (`attribution_status: ambiguous`), and why)"), errors
    replace_in(facts, "    attribution_status: ambiguous\n", "    attribution_status: ambiguous\n    note: Ana Ruiz or ACME\n")
    assert check_errors(paths) == (0, [])

    en = paths.data / "facts" / "a-en.yaml"
    replace_in(en, "    unattributed: true\n", "    unattributed: true\n    attribution_status: implied\n")
    code, errors = check_errors(paths)
    line = line_of(en, "attribution_status: implied", "id: o-members")
    assert (code, errors) == (1, [
        f"Error: {en}:{line}: attribution_status: observations[0] (id o-members): attribution_status implied says how the "
        "article gives the `attributed_to`, and this observation has none (fix: leave `attribution_status` out of an "
        "unattributed observation, or give `attributed_to:`)"])


def test_the_attribution_status_is_mapped_to_a_status_concept_and_absent_when_not_written(tmp_path: Path) -> None:
    paths = with_articles(tmp_path, [("a-ctx", CONTEXT_TEXT, "en", CONTEXT_FACTS)])
    facts = paths.data / "facts" / "a-ctx.yaml"
    statement = iris.fact_iri("a-ctx", "statement", "s-grows")
    observation = iris.fact_iri("a-ctx", "observation", "o-members")

    def marked() -> set[tuple[URIRef, object]]:
        return {(s, o) for s, p, o in article_triples(load_corpus(paths), "a-ctx") if p == KG.attributionStatus}

    assert marked() == set()  # (absent: the quote names them, and the graph says nothing more)
    replace_in(facts, "    speaker: ana-ruiz\n", "    speaker: ana-ruiz\n    attribution_status: implied\n")
    replace_in(facts, "    attributed_to: ana-ruiz\n", "    attributed_to: ana-ruiz\n    attribution_status: implied\n")
    assert marked() == {(statement, IMPLIED), (observation, IMPLIED)}
    # the fact's own status is untouched: the words and the figure are stated
    triples = article_triples(load_corpus(paths), "a-ctx")
    assert (observation, KG.status, iris.concept_iri("status", "explicit")) in triples
