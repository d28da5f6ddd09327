"""Language tags of what the curator writes: a note is tagged with the language its fact file declares."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS

from kg.corpus import load_corpus
from kg.mapping import article_triples
from tests.minicorpus import check_errors, replace_in, write_minicorpus


@pytest.fixture
def mini(tmp_path: Path):
    return write_minicorpus(tmp_path)


def _notes(paths, article: str) -> set[tuple[str, str | None]]:
    return {(str(o), o.language) for s, p, o in article_triples(load_corpus(paths), article) if p == RDFS.comment}


def test_a_note_is_english_unless_its_fact_file_names_another_language(mini) -> None:
    facts = mini.data / "facts" / "a-es.yaml"
    replace_in(facts, "    status: explicit\nobservations:", "    status: explicit\n    note: La presidenta en funciones.\nobservations:")
    assert _notes(mini, "a-es") == {("La presidenta en funciones.", "en")}  # undeclared: the project's default
    replace_in(facts, "review: reviewed\n", "review: reviewed\nnote_language: es\n")
    assert _notes(mini, "a-es") == {("La presidenta en funciones.", "es")}
    assert check_errors(mini) == (0, [])


def test_a_note_language_that_is_not_a_language_tag_is_refused(mini) -> None:
    replace_in(mini.data / "facts" / "a-es.yaml", "review: reviewed\n", "review: reviewed\nnote_language: Spanish\n")
    code, errors = check_errors(mini)
    assert code == 1 and len(errors) == 1 and "note_language" in errors[0] and "a-es.yaml:3" in errors[0], errors
