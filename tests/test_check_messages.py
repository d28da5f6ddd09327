"""Each mistake `kg check` reports is one line `file:line: field: what (fix: ...)`, at the line of the key at
fault, with a fix written for that key; and a fact's mistakes come in one round, a line each.

A value of the wrong type gets its fix written out ("write `about: [acme]`"), an unknown key is reported at
its own line, an empty fact file at line 1; every schema mistake of a fact is reported at once, and so are an
observation's missing `measure`, `attributed_to` and `about`. The shapes' violations and warnings name the
field, its line and the fix too.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from minicorpus import check_errors, line_of, replace_in, write_minicorpus


def _mini(tmp_path: Path):
    return write_minicorpus(tmp_path)


def _errors_after(tmp_path: Path, old: str, new: str) -> tuple[Path, list[str]]:
    paths = _mini(tmp_path)
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, old, new)
    code, errors = check_errors(paths)
    assert code == 1 and errors, errors
    return facts, errors


def test_a_list_written_as_one_value_gets_the_list_written_out(tmp_path: Path) -> None:
    facts, errors = _errors_after(tmp_path, "  - id: o-members\n    about: [acme]\n", "  - id: o-members\n    about: acme\n")
    line = line_of(facts, "about: acme", "id: o-members")
    assert errors == [f"Error: {facts}:{line}: about: observations[0] (id o-members): schema: `about` must be a list, "
                      "not 'acme' (fix: write `about: [acme]` (a list, even of one))"], errors


def test_a_year_written_where_a_time_mapping_is_expected_gets_the_mapping_written_out(tmp_path: Path) -> None:
    facts, errors = _errors_after(tmp_path, "    time: {qualifier: year-on-year}\n", "    time: 2028\n")
    [error] = errors
    assert f"a-en.yaml:{line_of(facts, 'time: 2028', 'id: o-growth')}: time: observations[1] (id o-growth): schema: " \
           "`time` must be a mapping, not '2028'" in error, error
    assert '(fix: write `time: {qualifier: ..., year: "2028"}` (its keys: qualifier, year, date, start, end, text))' in error


def test_an_unknown_key_is_reported_at_its_own_line(tmp_path: Path) -> None:
    facts, errors = _errors_after(tmp_path, "    verb: said\n", "    verb: said\n    volume: loud\n")
    assert errors == [f"Error: {facts}:{line_of(facts, 'volume: loud', 'id: s-grow')}: volume: statements[0] (id s-grow): "
                      "schema: unknown key `volume` (fix: the keys allowed here: about, at, attribution_status, direct, id, items, note, "
                      "occurrence, quote, readings, reason, speaker, status, topics, unattributed, verb)"], errors


def test_every_schema_mistake_of_a_fact_is_a_line_of_one_round(tmp_path: Path) -> None:
    facts, errors = _errors_after(tmp_path, "  - id: o-members\n    about: [acme]\n    measure: test-members\n",
                                  "  - id: o-members\n    about: acme\n    measure: test-members\n    colour: red\n")
    assert [e.split(": ")[2:4] for e in errors] == [["about", "observations[0] (id o-members)"],
                                                    ["colour", "observations[0] (id o-members)"]], errors
    assert [int(e.split("a-en.yaml:")[1].split(":")[0]) for e in errors] == \
        [line_of(facts, "about: acme", "id: o-members"), line_of(facts, "colour: red", "id: o-members")]


def test_a_misspelt_required_key_is_one_line_at_its_line(tmp_path: Path) -> None:
    facts, errors = _errors_after(tmp_path, "    quote: between 2.5 and 3.0 billion dollars\n",
                                  "    qoute: between 2.5 and 3.0 billion dollars\n")
    assert errors == [f"Error: {facts}:{line_of(facts, 'qoute:', 'id: o-losses')}: quote: observations[2] (id o-losses): "
                      "schema: missing `quote`; `qoute` is not a key here (fix: rename `qoute:` to `quote:`)"], errors


def test_a_date_in_the_wrong_form_is_asked_for_in_plain_words(tmp_path: Path) -> None:
    _, [error] = _errors_after(tmp_path, "    place: monterrey\n", "    place: monterrey\n    date: 12/04/2019\n")
    assert "(fix: write a date as YYYY-MM-DD, such as 2019-01-15)" in error, error


def test_an_empty_fact_file_is_reported_at_line_1_with_the_fix(tmp_path: Path) -> None:
    paths = _mini(tmp_path)
    (paths.data / "facts" / "a-en.yaml").write_text("", encoding="utf-8")
    code, errors = check_errors(paths)
    assert code == 1 and errors == [f"Error: {paths.data / 'facts' / 'a-en.yaml'}:1: the fact file is empty (fix: write "
                                    "`article: a-en` and `review: draft` (`reviewed` once checked), then the facts "
                                    "(`kg ingest` drafts a file))"], errors


def test_an_observations_missing_measure_source_and_about_come_in_one_round(tmp_path: Path) -> None:
    paths = _mini(tmp_path)
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, "  - id: o-members\n    about: [acme]\n    measure: test-members\n", "  - id: o-members\n")
    replace_in(facts, "    unattributed: true\n    surface: 1,200 members\n", "    surface: 1,200 members\n")
    code, errors = check_errors(paths)
    line = line_of(facts, "id: o-members", "observations:")
    assert code == 1 and [e.split(f"a-en.yaml:{line}: ")[1].split(":")[0] for e in errors] == \
        ["measure", "attributed_to", "about"], errors
    assert "(fix: add `about: [<entity id>]` (one or more ids))" in errors[2], errors


def _check_file(paths, name: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data),
                                       str(paths.data / "facts" / name)], env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_shape_warning_names_its_line_field_and_fix(tmp_path: Path) -> None:
    paths = _mini(tmp_path)
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, "    quote: Ana Ruiz said “we grow”.\n", "    quote: “we grow”\n")
    code, out, err = _check_file(paths, "a-en.yaml")
    assert code == 0, out + err
    [warning] = [w for w in err.splitlines() if "s-grow" in w]
    assert warning.startswith(f"Warning: {facts}:{line_of(facts, 'speaker: ana-ruiz', 'id: s-grow')}: speaker: fact s-grow: "
                              "The quote does not name the speaker"), warning
    assert "(fix: if only the text around the quote gives the speaker (the sentence before, the words before the quote), " \
           "set `attribution_status: implied`" in warning, warning


PRONOUN_TEXT = "Ana Ruiz spoke at the convention. She stressed that ACME grows. He noted that ACME has 300 members."
PRONOUN_FACTS = """\
article: a-pro
review: reviewed
statements:
  - id: s-stressed
    speaker: ana-ruiz
    verb: stressed
    quote: She stressed that ACME grows.
    status: explicit
observations:
  - id: o-noted
    about: [acme]
    measure: test-members
    value: "300"
    unit: count
    comparator: exact
    attributed_to: ana-ruiz
    quote: He noted that ACME has 300 members.
    status: explicit
"""


def test_a_quote_opening_on_a_pronoun_names_its_speaker_and_source(tmp_path: Path) -> None:
    from minicorpus import with_articles

    paths = with_articles(tmp_path, [("a-pro", PRONOUN_TEXT, "en", PRONOUN_FACTS)])
    code, out, err = _check_file(paths, "a-pro.yaml")
    assert code == 0 and "does not name" not in err, out + err
    replace_in(paths.data / "facts" / "a-pro.yaml", "    quote: She stressed that ACME grows.",
               "    quote: ACME grows.")
    code, out, err = _check_file(paths, "a-pro.yaml")
    [warning] = [w for w in err.splitlines() if "s-stressed" in w]
    assert "The quote does not name the speaker, nor opens on a pronoun (\"He said\", \"Ella señaló\")" in warning, warning


def test_one_file_using_an_entity_of_another_articles_file_is_told_to_move_it(tmp_path: Path) -> None:
    paths = _mini(tmp_path)
    facts = paths.data / "facts" / "a-es.yaml"
    replace_in(facts, "    post: acme-president\n    previous: a-en#t-second\n",
               "    post: acme-president\n    announced_at: event-a\n    previous: a-en#t-second\n")
    code, out, err = _check_file(paths, "a-es.yaml")
    assert code == 1 and err.splitlines() == [
        f"Error: {facts}:{line_of(facts, 'announced_at: event-a', 'id: t-president')}: announced_at: tenures (id "
        "t-president): entity 'event-a' is declared in another article's fact file (a-en.yaml) (fix: an entity used "
        "by several articles belongs in data/entities.yaml: run `kg entities share event-a` to move it there)"], err


def test_checking_an_article_sidecar_says_what_it_is(tmp_path: Path) -> None:
    paths = _mini(tmp_path)
    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data),
                                       str(paths.data / "articles" / "a-en.yaml")], env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exit_code == 2 and result.stderr.splitlines() == [
        f"Error: {paths.data / 'articles' / 'a-en.yaml'}: this is an article's sidecar (its metadata), not a fact file "
        f"(fix: check its fact file, `kg check {paths.data / 'facts' / 'a-en.yaml'}`, or run `kg check` without "
        "arguments: it checks every article and sidecar)"], result.stderr


def test_an_items_topics_are_checked_as_a_statements_are(tmp_path: Path) -> None:
    """A plan's or statement's item takes `topics` (the point of a work plan on talent), each a topic concept."""
    paths = _mini(tmp_path)
    facts = paths.data / "facts" / "a-en.yaml"
    replace_in(facts, "    verb: said\n", "    verb: said\n    items:\n"
                                         "      - {id: s-grow-1, quote: we grow, topics: [no-such-topic], status: explicit}\n")
    code, errors = check_errors(paths)
    assert code == 1 and len(errors) == 1, errors
    assert f"a-en.yaml:{line_of(facts, 'topics: [no-such-topic]', 'id: s-grow-1')}: topics: items (id s-grow-1): " \
           "unknown topic 'no-such-topic' (fix: use a concept of ontology/vocab/topics.ttl" in errors[0], errors


def test_an_unknown_measure_or_topic_names_the_kg_vocab_add_command_that_adds_it(tmp_path: Path) -> None:
    # (a curator's walk-through: "or add one there" left them to write Turtle, or to find `kg vocab add` in the README)
    facts, errors = _errors_after(tmp_path, "measure: test-members", "measure: graduates-per-year")
    [error] = errors
    assert f"a-en.yaml:{line_of(facts, 'measure: graduates-per-year', 'id: o-members')}: measure: " in error, error
    assert error.endswith("unknown measure concept 'graduates-per-year' (fix: use a concept of "
                          "ontology/vocab/measures.ttl (`kg vocab list measure`), or add it: `kg vocab add measure "
                          "graduates-per-year --broader FAMILY --label-en .. --label-es .. --definition-en .. "
                          "--definition-es ..`)"), error
    facts, errors = _errors_after(tmp_path / "topic", "    verb: said\n", "    verb: said\n    topics: [near-shoring]\n")
    [error] = errors
    assert "topics: statements (id s-grow): unknown topic 'near-shoring' (fix: use a concept of ontology/vocab/topics.ttl " \
           "(`kg vocab list topic`), or add it: `kg vocab add topic near-shoring --label-en .. --label-es .. " \
           "--definition-en .. --definition-es ..`)" in error, error
