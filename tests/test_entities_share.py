"""`kg entities share`: an entity a second article uses moves from the fact files declaring it to
data/entities.yaml with no YAML edited by hand. Each declaration becomes a mention carrying its evidence (the
graph keeps the same quotes and the same description of the entity), every other line stays byte for byte, and a
refused move leaves every file as it was. On the mini corpus (tests/minicorpus.py) and on a copy of data/."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib.namespace import Namespace

from kg.cli import main
from kg.config import Paths
from kg.corpus import load_corpus
from kg.mapping import entity_node, map_corpus
from minicorpus import check_errors, replace_in, with_articles, write_minicorpus

OA = Namespace("http://www.w3.org/ns/oa#")
KG = Namespace("https://w3id.org/canieti-kg/ontology#")
# what a declaration's evidence says of its entity node, and a mention's says of the mention instead
EVIDENCE = {KG.status, KG.statusReason, KG.reading, KG.curatorId, KG.factFile, KG.inArticle, KG.hasEvidence}

B1_TEXT = "The Tech Fair opened in Monterrey. ACME organized the Tech Fair for its members."
B2_TEXT = "Ana Ruiz visited the Tech Fair in Monterrey."
B1_FACTS = """\
article: b-one
review: reviewed

entities:
  # events
  - id: tech-fair
    type: Event
    name: {en: Tech Fair}
    place: monterrey
    quote: The Tech Fair opened
    status: explicit
    note: >-
      A fair of the test corpus; its dates
      are not stated.

  - id: members
    type: CollectiveActor
    name: {en: members}
    quote: for its members
    status: explicit

mentions:
  - {id: m-acme, entity: acme, form: ACME, quote: "ACME organized", status: explicit}
"""
# as `kg ingest` drafts an entity another article's fact file declares: a copy, with a note to move it
INGEST_NOTE = ("declared in b-one.yaml: an entity used by two articles moves to data/entities.yaml: run "
               "`kg entities share tech-fair` before marking this file reviewed")
B2_FACTS = f"""\
# DRAFT written by `kg ingest`: nothing here is reviewed.
article: b-two
review: draft
entities:
- {{id: tech-fair, type: Event, name: {{en: Tech Fair}}, place: monterrey, quote: the Tech Fair in Monterrey, status: unreviewed, note: "{INGEST_NOTE}"}}
"""


def _kg(paths: Paths, *args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--root", str(paths.root), "--data", str(paths.data)],
                                env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _build(paths: Paths) -> Result:
    return _kg(paths, "build", "--build", str(paths.build), "--no-reason", "-q")


def _files(paths: Paths) -> dict[str, bytes]:
    assert paths.data is not None
    return {str(p.relative_to(paths.data)): p.read_bytes() for p in sorted(paths.data.rglob("*")) if p.is_file()}


def _graph(paths: Paths, ident: str) -> tuple[set[Any], list[str], set[Any]]:
    """(what the graph says of the entity besides evidence, every evidence quote, every triple) as the build maps them."""
    corpus = load_corpus(paths)
    node = entity_node(corpus.entities[ident])
    triples = set().union(*(set(g) for g in map_corpus(corpus).values()))
    about = {(p, o) for s, p, o in triples if s == node and p not in EVIDENCE}
    return about, sorted(str(o) for _, p, o in triples if p == OA.exact), triples


def _evidence(triples: set[Any], curator_id: str) -> tuple[str, str]:
    """(status, quote) of the fact the curator calls ``curator_id``."""
    [node] = [s for s, p, o in triples if p == KG.curatorId and str(o) == curator_id]
    [status] = [o for s, p, o in triples if s == node and p == KG.status]
    [evidence] = [o for s, p, o in triples if s == node and p == KG.hasEvidence]
    [exact] = [o for s, p, o in triples if p == OA.exact and (evidence, OA.hasSelector, s) in triples]
    return str(status).rsplit("/", 1)[-1], str(exact)


def _changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added): every other line is kept byte for byte."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed += a[i1:i2] if tag in ("delete", "replace") else []
        added += b[j1:j2] if tag in ("insert", "replace") else []
    return removed, added


@pytest.fixture()
def mini(tmp_path: Path) -> Paths:
    return write_minicorpus(tmp_path)


@pytest.fixture()
def two(tmp_path: Path) -> Paths:
    """The mini corpus and two articles declaring the same entity: a reviewed one, and a draft as `kg ingest` makes."""
    return with_articles(tmp_path, [("b-one", B1_TEXT, "en", B1_FACTS), ("b-two", B2_TEXT, "en", B2_FACTS)])


def test_an_entity_one_fact_file_declares_moves_with_its_evidence(corpus_copy: Paths) -> None:
    """art-000 already quotes CONCAMIN's declaration by a mention (men-concamin-name, the same quote and status): the
    declaration goes, that mention stands for it, and no second mention of the same words is written."""
    assert corpus_copy.data is not None
    facts = corpus_copy.data / "facts" / "000_5fec07e56bfc17d3.yaml"
    shared = corpus_copy.data / "entities.yaml"
    old_facts, old_shared = facts.read_text(encoding="utf-8"), shared.read_text(encoding="utf-8")
    about, quotes, _ = _graph(corpus_copy, "concamin")

    result = _kg(corpus_copy, "entities", "share", "concamin")
    assert result.exit_code == 0, result.output
    line = len(old_shared.splitlines()) + 2
    assert result.output.splitlines() == [
        f"moved concamin to {shared}:{line}; its evidence is now a mention in {facts} (mention men-concamin-name, "
        "already there)",
        "next: `kg build` (`kg check` passes: it ran on the whole corpus)"]
    block = ("  - id: concamin\n"
             "    type: Confederation\n"
             "    name:\n"
             "      en: Confederation of Industrial Chambers\n"
             "      es: Confederación de Cámaras Industriales de los Estados Unidos Mexicanos\n"
             "    acronym: CONCAMIN\n")
    note = ("    note: >-\n"
            "      Only the English name is given; its president and members are not stated. The Spanish name is\n"
            "      the confederation's official name, added by the curator (public knowledge).\n")
    # data/entities.yaml: as it was, then a blank line and the definition (its multi-line note intact), no evidence
    assert shared.read_text(encoding="utf-8") == old_shared + "\n" + block + note
    removed, added = _changes(old_facts, facts.read_text(encoding="utf-8"))
    quote = "the Confederation of Industrial Chambers (CONCAMIN)"
    assert "".join(removed) == block + f'    quote: "{quote}"\n    status: explicit\n' + note
    assert added == []
    assert check_errors(corpus_copy) == (0, [])
    # The graph: the same description of the entity, the same evidence quotes (the declaration's once less: the
    # mention already gave it); the status and quote are the mention's.
    about_after, quotes_after, triples = _graph(corpus_copy, "concamin")
    assert about_after == about and set(quotes_after) == set(quotes) and len(quotes_after) == len(quotes) - 1
    assert _evidence(triples, "men-concamin-name") == ("explicit", quote)
    assert _build(corpus_copy).exit_code == 0


def test_the_entity_another_article_uses_is_shared_then_both_check_and_build(mini: Paths) -> None:
    """a-es names a-en's event: `kg check` says to share it; once shared, a-en's only entity is gone with its
    section, and its evidence is a mention among a-en's (flow style, as they are)."""
    assert mini.data is not None
    replace_in(mini.data / "facts" / "a-es.yaml", "    previous: a-en#t-second\n",
               "    previous: a-en#t-second\n    announced_at: event-a\n")
    code, errors = check_errors(mini)
    assert code == 1 and len(errors) == 1 and errors[0].endswith(
        "(fix: an entity used by several articles belongs in data/entities.yaml: run `kg entities share event-a` "
        "to move it there)"), errors
    about, quotes, _ = _graph_without(mini, "a-es", "event-a")

    result = _kg(mini, "entities", "share", "event-a")
    assert result.exit_code == 0, result.output
    text = (mini.data / "facts" / "a-en.yaml").read_text(encoding="utf-8")
    assert text.startswith("article: a-en\nreview: reviewed\nmentions:\n"
                           "  - {id: m-acme, entity: acme, form: ACME, quote: \"The Chamber (ACME)\", status: explicit}\n"
                           "  - {id: men-event-a, entity: event-a, quote: \"during an event in Monterrey\", "
                           "status: explicit}\ntenures:\n"), text
    assert (mini.data / "entities.yaml").read_text(encoding="utf-8").endswith(
        "    name: {en: Monterrey}\n"
        "  - id: event-a\n"
        "    type: Event\n"
        "    name: {en: ACME re-election event}\n"
        "    place: monterrey\n")
    assert check_errors(mini) == (0, [])
    about_after, quotes_after, triples = _graph(mini, "event-a")
    assert about_after == about and quotes_after == quotes
    assert _evidence(triples, "men-event-a") == ("explicit", "during an event in Monterrey")
    built = _build(mini)
    assert built.exit_code == 0, built.output


def _graph_without(paths: Paths, article: str, ident: str) -> tuple[set[Any], list[str], set[Any]]:
    """``_graph`` before the move, the article that uses the entity set aside (the corpus refuses it then)."""
    assert paths.data is not None
    facts = paths.data / "facts" / f"{article}.yaml"
    kept = facts.read_bytes()
    facts.write_bytes(kept.replace(f"    announced_at: {ident}\n".encode(), b""))
    try:
        return _graph(paths, ident)
    finally:
        facts.write_bytes(kept)


def test_a_flow_style_declaration_becomes_a_block_in_entities_yaml(mini: Paths) -> None:
    assert mini.data is not None
    facts = mini.data / "facts" / "a-en.yaml"
    replace_in(facts, "  - id: event-a\n    type: Event\n    name: {en: ACME re-election event}\n    place: monterrey\n"
                      "    quote: during an event in Monterrey\n    status: explicit\n",
               "  - {id: event-a, type: Event, name: {en: ACME re-election event}, place: monterrey, "
               "quote: \"during an event in Monterrey\", status: implied, reason: \"x\", note: Seen once.}\n")
    before = facts.read_text(encoding="utf-8")
    about, quotes, _ = _graph(mini, "event-a")
    result = _kg(mini, "entities", "share", "event-a")
    assert result.exit_code == 0, result.output
    assert (mini.data / "entities.yaml").read_text(encoding="utf-8").endswith(
        "  - id: event-a\n    type: Event\n    name: {en: ACME re-election event}\n    place: monterrey\n"
        "    note: Seen once.\n")
    removed, added = _changes(before, facts.read_text(encoding="utf-8"))
    assert removed == ["entities:\n", before.splitlines(keepends=True)[3]]  # (its only entity: the section goes)
    assert added == ["  - {id: men-event-a, entity: event-a, quote: \"during an event in Monterrey\", status: implied, "
                     "reason: x}\n"]
    about_after, quotes_after, triples = _graph(mini, "event-a")
    assert about_after == about and quotes_after == quotes
    assert _evidence(triples, "men-event-a") == ("implied", "during an event in Monterrey")


def test_two_agreeing_declarations_become_one_definition_and_two_mentions(two: Paths) -> None:
    """The reviewed file's block (its multi-line note intact) goes to data/entities.yaml; the draft's flow item,
    whose note only said to run this command, becomes a mention in a new `mentions:` section."""
    assert two.data is not None
    code, errors = check_errors(two)
    assert code == 1 and any("'tech-fair' is already declared in b-one.yaml" in e for e in errors), errors
    result = _kg(two, "entities", "share", "tech-fair")
    assert result.exit_code == 0, result.output
    b1, b2 = two.data / "facts" / "b-one.yaml", two.data / "facts" / "b-two.yaml"
    assert result.output.splitlines()[0].endswith(
        f"its evidence is now a mention in {b1} (mention men-tech-fair), {b2} (mention men-tech-fair)")
    assert (two.data / "entities.yaml").read_text(encoding="utf-8").endswith(
        "    name: {en: Monterrey}\n"
        "  - id: tech-fair\n"
        "    type: Event\n"
        "    name: {en: Tech Fair}\n"
        "    place: monterrey\n"
        "    note: >-\n"
        "      A fair of the test corpus; its dates\n"
        "      are not stated.\n")
    assert b1.read_text(encoding="utf-8") == B1_FACTS.replace(
        "  - id: tech-fair\n    type: Event\n    name: {en: Tech Fair}\n    place: monterrey\n"
        "    quote: The Tech Fair opened\n    status: explicit\n    note: >-\n      A fair of the test corpus; its dates\n"
        "      are not stated.\n\n", "") + \
        "  - {id: men-tech-fair, entity: tech-fair, form: Tech Fair, quote: \"The Tech Fair opened\", status: explicit}\n"
    assert b2.read_text(encoding="utf-8") == (
        "# DRAFT written by `kg ingest`: nothing here is reviewed.\narticle: b-two\nreview: draft\n"
        "mentions:\n- id: men-tech-fair\n  entity: tech-fair\n  form: Tech Fair\n"
        "  quote: \"the Tech Fair in Monterrey\"\n  status: unreviewed\n")
    assert check_errors(two) == (0, [])
    _, quotes, triples = _graph(two, "tech-fair")
    assert "The Tech Fair opened" in quotes
    assert _evidence(triples, "men-tech-fair") == ("explicit", "The Tech Fair opened")  # (the draft is not built)
    built = _build(two)
    assert built.exit_code == 0, built.output


def test_disagreeing_declarations_are_refused_and_every_file_is_left_as_it_was(two: Paths) -> None:
    assert two.data is not None
    b2 = two.data / "facts" / "b-two.yaml"
    replace_in(b2, "name: {en: Tech Fair}", "name: {en: Tech fair}")
    before = _files(two)
    result = _kg(two, "entities", "share", "tech-fair")
    assert result.exit_code == 1 and result.output.splitlines() == [
        f"Error: {b2}:5: name: entity 'tech-fair' is defined differently here and in b-one.yaml:8: {{en: Tech fair}} "
        "here, {en: Tech Fair} there (fix: make the two declarations agree (only quote, occurrence, status, reason, "
        "readings and note may differ), then run the command again)"], result.output
    assert _files(two) == before


def test_a_corpus_check_failing_after_the_move_puts_every_file_back(mini: Paths) -> None:
    assert mini.data is not None
    replace_in(mini.data / "facts" / "a-es.yaml", "measure: test-growth", "measure: no-such-measure")
    before = _files(mini)
    result = _kg(mini, "entities", "share", "event-a")
    errors = result.output.splitlines()
    assert result.exit_code == 1 and any("no-such-measure" in e for e in errors) and errors[-1] == (
        "Error: `kg check` refuses the corpus with the entities moved, so every file is put back as it was "
        "(fix: fix the mistakes above, then run the command again)"), result.output
    assert all(e.startswith("Error: ") for e in errors)
    assert _files(mini) == before


def test_dry_run_prints_the_diff_and_writes_nothing(mini: Paths) -> None:
    before = _files(mini)
    result = _kg(mini, "entities", "share", "event-a", "--dry-run")
    assert result.exit_code == 0, result.output
    assert _files(mini) == before
    out = result.stdout
    assert mini.data is not None
    assert out.startswith(f"--- {mini.data / 'entities.yaml'}\n+++ {mini.data / 'entities.yaml'}\n"), out
    assert "+  - id: event-a\n" in out and "-  - id: event-a\n" in out and "-    quote: during an event in Monterrey\n" in out
    assert "+  - {id: men-event-a, entity: event-a, quote: \"during an event in Monterrey\", status: explicit}\n" in out
    assert result.stderr == "(dry run: nothing written)\n"


def test_ids_that_cannot_move_are_refused_each_on_one_line(mini: Paths) -> None:
    assert mini.data is not None
    before = _files(mini)
    shared = mini.data / "entities.yaml"
    result = _kg(mini, "entities", "share", "acme", "evnt-a")
    assert result.output.splitlines() == [
        f"Error: {shared}:2: id: entity 'acme' is already in data/entities.yaml (fix: nothing to move: every article "
        "may use it as it is)",
        f"Error: {mini.data / 'facts'}: ID: no fact file declares entity 'evnt-a' under `entities:` (fix: did you mean "
        "event-a? give the id of an entity declared in a fact file (data/facts/<article>.yaml))"], result.output
    assert result.exit_code == 2 and _files(mini) == before


def test_an_entity_naming_another_local_entity_is_shared_with_it(mini: Paths) -> None:
    """data/entities.yaml may name only its own entities: an event whose place is local moves with its place."""
    assert mini.data is not None
    facts = mini.data / "facts" / "a-en.yaml"
    replace_in(facts, "    place: monterrey\n", "    place: venue\n")
    replace_in(facts, "mentions:\n", "  - id: venue\n    type: City\n    name: {en: Monterrey}\n    quote: in Monterrey\n"
                                     "    status: explicit\nmentions:\n")
    result = _kg(mini, "entities", "share", "event-a")
    assert result.exit_code == 1 and result.output.splitlines() == [
        f"Error: {facts}:7: place: entity 'event-a': place 'venue' is declared in a-en.yaml, and data/entities.yaml may "
        "name only its own entities (fix: share both: `kg entities share event-a venue`)"], result.output
    result = _kg(mini, "entities", "share", "event-a", "venue")
    assert result.exit_code == 0, result.output
    assert check_errors(mini) == (0, [])
    assert "entities:" not in facts.read_text(encoding="utf-8")


def test_end_to_end_an_ingested_draft_and_a_reviewed_file_declaring_the_same_entity(corpus_copy: Paths,
                                                                                       tmp_path: Path) -> None:
    """`kg ingest` drafts a copy of an entity another article's fact file declares; `kg check` refuses the two
    declarations; `kg entities share` makes one of them, and `kg check` and `kg build` pass."""
    assert corpus_copy.data is not None
    text = tmp_path / "new.txt"
    text.write_text("CANIETI and the Confederation of Industrial Chambers (CONCAMIN) signed an agreement in Mexico "
                    "City on March 3, 2026.\n", encoding="utf-8")
    ingested = _kg(corpus_copy, "ingest", str(text), "--id", "002_test", "--lang", "en")
    assert ingested.exit_code == 0, ingested.output
    draft = corpus_copy.data / "facts" / "002_test.yaml"
    assert "kg entities share concamin" in draft.read_text(encoding="utf-8")
    code, errors = check_errors(corpus_copy)
    assert code == 1 and any("'concamin' is already declared" in e and "(fix: an entity used by several articles "
                             "belongs once in data/entities.yaml: run `kg entities share concamin`)" in e
                             for e in errors), errors

    result = _kg(corpus_copy, "entities", "share", "concamin")
    assert result.exit_code == 0, result.output
    assert check_errors(corpus_copy) == (0, [])
    built = _build(corpus_copy)
    assert built.exit_code == 0, built.output
    corpus = load_corpus(corpus_copy, include_drafts=True)
    assert corpus.entities["concamin"].article is None
    mentions = [f.data for f in corpus.fact_files["002_test"].facts if f.section == "mentions"
                and f.data["entity"] == "concamin" and f.data["status"] == "unreviewed"
                and str(f.data["quote"]).startswith("CANIETI and the Confederation")]
    assert mentions and "kg entities share" not in "".join(str(m.get("note", "")) for m in mentions)


def test_a_drafts_copy_leaving_out_keys_of_the_reviewed_declaration_agrees_with_it(corpus_copy: Paths,
                                                                                    tmp_path: Path) -> None:
    """`kg ingest` copies only the keys its quote can back (no `topics` of the National Cybersecurity Strategy):
    the copy left them out, it did not contradict them, and the reviewed declaration moves whole."""
    assert corpus_copy.data is not None
    text = tmp_path / "new.txt"
    text.write_text("CANIETI presented the National Cybersecurity Strategy to its members in Monterrey.\n",
                    encoding="utf-8")
    ingested = _kg(corpus_copy, "ingest", str(text), "--id", "002_test", "--lang", "en")
    assert ingested.exit_code == 0, ingested.output
    draft = (corpus_copy.data / "facts" / "002_test.yaml").read_text(encoding="utf-8")
    assert "id: national-cybersecurity-strategy" in draft and "topics" not in draft
    result = _kg(corpus_copy, "entities", "share", "national-cybersecurity-strategy")
    assert result.exit_code == 0, result.output
    shared = load_corpus(corpus_copy, include_drafts=True).entities["national-cybersecurity-strategy"]
    assert shared.article is None and shared.data["topics"] == ["cybersecurity"]


def test_a_drafts_mention_already_quoting_the_declaration_is_kept_and_none_is_written_twice(two: Paths) -> None:
    """`kg ingest` drafts a mention and a declaration of one quote (whitespace and a first occurrence aside): the
    declaration goes, the mention stays as the draft wrote it, and no second mention of the same words is added."""
    assert two.data is not None
    b2 = two.data / "facts" / "b-two.yaml"
    b2.write_text(B2_FACTS + "mentions:\n- id: men-tech-fair\n  entity: tech-fair\n  form: Tech Fair\n"
                  "  quote: the Tech  Fair in Monterrey\n  occurrence: 1\n  status: unreviewed\n", encoding="utf-8")
    result = _kg(two, "entities", "share", "tech-fair")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith(f"{b2} (mention men-tech-fair, already there)")
    assert b2.read_text(encoding="utf-8") == (
        "# DRAFT written by `kg ingest`: nothing here is reviewed.\narticle: b-two\nreview: draft\n"
        "mentions:\n- id: men-tech-fair\n  entity: tech-fair\n  form: Tech Fair\n"
        "  quote: the Tech  Fair in Monterrey\n  occurrence: 1\n  status: unreviewed\n")
    assert check_errors(two) == (0, [])


@pytest.mark.parametrize("mention", [
    "{id: men-tech-fair, entity: tech-fair, quote: the Tech Fair, status: unreviewed}",  # (other words)
    "{id: men-tech-fair, entity: tech-fair, quote: the Tech Fair in Monterrey, status: explicit}",  # (other status)
])
def test_a_mention_not_carrying_all_the_declarations_evidence_gets_a_second_one(two: Paths, mention: str) -> None:
    """Only a mention that says all the declaration says stands for it: else the declaration's evidence is kept."""
    assert two.data is not None
    b2 = two.data / "facts" / "b-two.yaml"
    b2.write_text(B2_FACTS + f"mentions:\n- {mention}\n", encoding="utf-8")
    result = _kg(two, "entities", "share", "tech-fair")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith(f"{b2} (mention men-tech-fair-2)")
    assert b2.read_text(encoding="utf-8").endswith(
        f"- {mention}\n- {{id: men-tech-fair-2, entity: tech-fair, form: Tech Fair, "
        "quote: \"the Tech Fair in Monterrey\", status: unreviewed}\n")
