"""`kg check` finds a quote as the article writes it, whatever the form its accents were copied in, and when a
quote is not found it says what differs.

Text copied on macOS writes "ó" as "o" and a combining accent (NFD): the quote is the same text, and is
found, the fact keeping the article's own characters and offsets. A quote that differs from the article only
in its quotation marks or apostrophes, its accents or its case is told so, with the characters that differ;
any other quote is shown the closest passage of the article, in whole words.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kg.corpus import load_corpus
from minicorpus import check_errors, line_of, with_articles

ART = ("Monterrey, Nuevo León, 12 de marzo de 2026.- Laura Garza Treviño rindió protesta como presidenta de la "
       "Cámara (ACME) en Nuevo León. “Vamos a crecer”, afirmó Garza Treviño. De la Cruz added that the "
       "industry grew.")

FACTS = """\
article: a-q
review: reviewed
entities:
  - id: laura-garza
    type: Person
    name: {{es: Laura Garza Treviño}}
    quote: Laura Garza Treviño
    status: explicit
mentions:
  - {{id: m-garza, entity: laura-garza, form: "{form}", quote: "{quote}", status: explicit}}
"""


def _corpus(tmp_path: Path, quote: str, form: str = "Garza Treviño", text: str = ART):
    return with_articles(tmp_path, [("a-q", text, "es", FACTS.format(quote=quote, form=form))])


def test_a_quote_with_decomposed_accents_is_found_and_keeps_the_articles_text_and_offsets(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", ", afirmó Garza Treviño")
    assert nfd != ", afirmó Garza Treviño"
    paths = _corpus(tmp_path, nfd.replace("\u0301", "\\u0301").replace("\u0303", "\\u0303"),
                    form=unicodedata.normalize("NFD", "Garza Treviño").replace("\u0303", "\\u0303"))
    assert check_errors(paths) == (0, [])
    corpus = load_corpus(paths)
    [fact] = [f for f in corpus.fact_files["a-q"].facts if f.id == "m-garza"]
    assert fact.quote.exact == ", afirmó Garza Treviño" == ART[fact.quote.start:fact.quote.end]
    assert fact.data["form"] == "Garza Treviño"  # (the article's own characters, which the graph holds)


def test_an_article_in_decomposed_form_is_quoted_in_composed_form_with_its_own_offsets(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", ART)
    paths = _corpus(tmp_path, "Garza Treviño rindió protesta como presidenta de la Cámara", text=text)
    assert check_errors(paths) == (0, [])
    [fact] = [f for f in load_corpus(paths).fact_files["a-q"].facts if f.id == "m-garza"]
    assert fact.quote.exact == text[fact.quote.start:fact.quote.end]
    assert unicodedata.normalize("NFC", fact.quote.exact) == "Garza Treviño rindió protesta como presidenta de la Cámara"
    assert fact.data["form"] == unicodedata.normalize("NFD", "Garza Treviño")  # (as the article writes it)


def _error(paths) -> str:
    code, errors = check_errors(paths)
    assert code == 1 and len(errors) == 1, errors
    return errors[0]


def test_straight_double_quotes_where_the_article_has_curly_ones_are_named(tmp_path: Path) -> None:
    paths = _corpus(tmp_path, '\\"Vamos a crecer\\", afirmó')
    error = _error(paths)
    line = line_of(paths.data / "facts" / "a-q.yaml", "quote:", "m-garza")
    assert f"a-q.yaml:{line}: quote: mentions[0] (id m-garza): quote not found in a-q.txt as written" in error, error
    assert "the article writes \"“Vamos a crecer”, afirmó\", which differs only in apostrophes and quotation marks" in error
    assert "“ (U+201C) where the quote has \" (U+0022)" in error and "” (U+201D) where the quote has \" (U+0022)" in error
    assert error.endswith("(fix: write apostrophes and quotation marks as the article does)"), error


def test_a_dropped_accent_is_named(tmp_path: Path) -> None:
    error = _error(_corpus(tmp_path, "afirmo Garza Treviño"))
    assert "the article writes \"afirmó Garza Treviño\", which differs only in accents (ó (U+00F3) where the quote " \
           "has o (U+006F))" in error, error
    assert error.endswith("(fix: write accents as the article does)"), error


def test_a_change_of_case_is_named(tmp_path: Path) -> None:
    error = _error(_corpus(tmp_path, "Afirmó Garza Treviño"))
    assert "which differs only in upper and lower case (a (U+0061) where the quote has A (U+0041))" in error, error


def test_accents_and_case_at_once_are_named_together(tmp_path: Path) -> None:
    error = _error(_corpus(tmp_path, "AFIRMO garza treviño"))
    assert "which differs only in accents and upper and lower case" in error, error
    assert "(fix: write accents and upper and lower case as the article does)" in error, error


def test_the_closest_passage_of_a_changed_word_is_whole_words(tmp_path: Path) -> None:
    error = _error(_corpus(tmp_path, "De la Cruz said that the"))
    assert "closest passage: \"De la Cruz added that the\"" in error, error
    assert "differs only" not in error
    error = _error(_corpus(tmp_path / "2", "protesta como president de la"))
    passage = error.split("closest passage: \"")[1].split("\"")[0]
    assert passage in ART and ART[ART.index(passage) - 1] == " " and ART[ART.index(passage) + len(passage)] == " ", passage
