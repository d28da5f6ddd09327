"""A dateline's date is the day the item was filed, never an event's date nor a term's start (README, data
format): `kg check` refuses one that its quote writes only inside the article's dateline, on one line at the
date's line with the fix. The same date written in the quote's body too, or in a time text of the body, passes.
"""

from __future__ import annotations

from pathlib import Path

from minicorpus import check_errors, line_of, with_articles

ART = ("Monterrey, Nuevo León, 12 de marzo de 2026.- Laura Garza Treviño rindió protesta como presidenta de ACME "
       "ante el consejo. La asamblea del 12 de marzo de 2026 eligió también a su mesa directiva.")


def _facts(event_quote: str, tenure_quote: str, time_text: str | None = None) -> str:
    return f"""\
article: a-d
review: reviewed
entities:
  - id: laura-garza
    type: Person
    name: {{es: Laura Garza Treviño}}
    quote: Laura Garza Treviño
    status: explicit
  - id: protesta
    type: Event
    name: {{es: toma de protesta}}
    date: "2026-03-12"
{f"    time_text: {time_text}" + chr(10) if time_text else ""}    quote: "{event_quote}"
    status: explicit
tenures:
  - id: t-garza
    person: laura-garza
    post: acme-president
    start: "2026-03-12"
    quote: "{tenure_quote}"
    status: explicit
"""


DATELINE_QUOTE = "Monterrey, Nuevo León, 12 de marzo de 2026.- Laura Garza Treviño rindió protesta como presidenta de ACME"


def test_a_date_written_only_in_the_dateline_is_refused_for_an_event_and_a_tenure(tmp_path: Path) -> None:
    paths = with_articles(tmp_path, [("a-d", ART, "es", _facts(DATELINE_QUOTE, DATELINE_QUOTE))])
    code, errors = check_errors(paths)
    facts = paths.data / "facts" / "a-d.yaml"
    assert code == 1 and len(errors) == 2, errors
    event, tenure = errors
    assert f"a-d.yaml:{line_of(facts, 'date:', 'id: protesta')}: date: entities[1] (id protesta): date 2026-03-12 is " \
           "written in the quote only in the article's dateline ('Monterrey, Nuevo León, 12 de marzo de 2026.-')" in event, event
    assert event.endswith("(fix: leave `date` out, or quote a sentence of the article that states 2026-03-12)"), event
    assert f"a-d.yaml:{line_of(facts, 'start:', 'id: t-garza')}: start: tenures[0] (id t-garza): start 2026-03-12 is " \
           "written in the quote only in the article's dateline" in tenure, tenure
    assert tenure.endswith("(fix: leave `start` out, or quote a sentence of the article that states 2026-03-12)"), tenure


def test_a_time_text_of_the_dateline_does_not_back_an_events_date(tmp_path: Path) -> None:
    paths = with_articles(tmp_path, [("a-d", ART, "es", _facts(DATELINE_QUOTE, "Laura Garza Treviño rindió protesta",
                                                                time_text="12 de marzo de 2026.-"))])
    code, errors = check_errors(paths)
    assert code == 1 and len(errors) == 2 and "(id protesta): date 2026-03-12 is written in the quote only in the " \
        "article's dateline" in errors[0], errors
    # (and the term's start, which "Laura Garza Treviño rindió protesta" does not write either)
    assert "(id t-garza): start 2026-03-12 is a day its quote does not write (it writes no date)" in errors[1], errors


def test_a_date_the_body_writes_too_passes(tmp_path: Path) -> None:
    body = "ante el consejo. La asamblea del 12 de marzo de 2026 eligió"
    whole = f"{DATELINE_QUOTE} {body}"
    paths = with_articles(tmp_path, [("a-d", ART, "es", _facts(whole, whole))])
    code, errors = check_errors(paths)
    assert (code, errors) == (0, []), errors
    # a time text of the body backs the date of a quote that holds the dateline
    paths = with_articles(tmp_path / "2", [("a-d", ART, "es", _facts(DATELINE_QUOTE, whole,
                                                                       time_text="del 12 de marzo de 2026"))])
    code, errors = check_errors(paths)
    assert (code, errors) == (0, []), errors


def test_an_article_without_a_dateline_is_unchanged(tmp_path: Path) -> None:
    text = "Laura Garza Treviño rindió protesta como presidenta de ACME el 12 de marzo de 2026 en Monterrey."
    quote = "Laura Garza Treviño rindió protesta como presidenta de ACME el 12 de marzo de 2026"
    paths = with_articles(tmp_path, [("a-d", text, "es", _facts(quote, quote))])
    code, errors = check_errors(paths)
    assert (code, errors) == (0, []), errors
