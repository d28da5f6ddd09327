"""The loader: quotes located in the verbatim text, and every curator mistake reported on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.corpus import canonical_decimal, load_corpus, normalize_with_map
from kg.errors import DataError
from minicorpus import replace_in, write_minicorpus


@pytest.fixture()
def mini(tmp_path: Path):
    return write_minicorpus(tmp_path)


def test_quotes_are_located_over_no_break_spaces_with_code_point_offsets(mini) -> None:
    corpus = load_corpus(mini)
    article = corpus.articles["a-es"]
    fact = next(f for f in corpus.fact_files["a-es"].facts if f.id == "o-members-2020")
    # The quote was written with plain spaces; the text has U+00A0, which the evidence keeps.
    assert "\u00a0" in fact.quote.exact
    assert article.text[fact.quote.start:fact.quote.end] == fact.quote.exact
    assert fact.quote.exact.replace("\u00a0", " ") == "habrá 40 por ciento más socios para 2020"


def test_sections_are_found_and_quotes_know_their_section_and_line(mini) -> None:
    corpus = load_corpus(mini)
    fact = next(f for f in corpus.fact_files["a-en"].facts if f.id == "o-members")
    assert fact.quote.section == 1
    assert fact.quote.line == 5
    first = next(f for f in corpus.fact_files["a-en"].facts if f.id == "m-acme")
    assert first.quote.section is None  # before the first heading


def test_numbers_stay_strings_and_canonical() -> None:
    assert canonical_decimal("5.0") == "5"
    assert canonical_decimal("16.20") == "16.2"
    assert canonical_decimal("456000000") == "456000000"
    assert canonical_decimal("0.50") == "0.5"
    assert canonical_decimal("-0.0") == "0"  # (as Oxigraph writes it)
    # exact beyond the decimal module's 28 digits (quantize failed there, normalize rounded)
    assert canonical_decimal("1" + "0" * 28) == "1" + "0" * 28
    assert canonical_decimal("1377." + "0" * 30 + "1") == "1377." + "0" * 30 + "1"
    assert canonical_decimal("-123456789012345678901234567890.50") == "-123456789012345678901234567890.5"


def test_normalize_map_points_back_to_original_offsets() -> None:
    norm, back = normalize_with_map("a \u00a0 b\nc")
    assert norm == "a b c"
    assert [back[i] for i in range(len(norm))] == [0, 1, 4, 5, 6]


def _cli_check(paths) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data)],
                                env={"KG_ONTOLOGY": str(paths.ontology)})
    # A user's mistake ends in a clean exit with a message, never in an uncaught exception.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


BAD_INPUTS = [
    ("facts/a-en.yaml", '    value: "1200"\n', '    value: "12000"\n',
     ["a-en.yaml:", "o-members", "value 12000 is not the figure its surface '1,200 members' writes (1200)"]),
    ("facts/a-en.yaml", "    place: monterrey\n", "    place: monterrey\n    purpose: to grow the chamber\n",
     ["a-en.yaml:", "event-a", "purpose 'to grow the chamber' is not in the article's text", "never a summary"]),
    # (file, old, new, words the one-line error must contain)
    ("facts/a-en.yaml", "review: reviewed\n", "review: reviewed\n  bad: [\n", ["a-en.yaml:", "malformed YAML"]),
    ("facts/a-en.yaml", "    verb: said\n", "    verb: said\n    volume: loud\n",
     ["a-en.yaml:", "s-grow", "unknown key", "volume"]),
    ("facts/a-en.yaml", "speaker: ana-ruiz", "speaker: ana-ruis", ["a-en.yaml:", "s-grow", "unknown entity id 'ana-ruis'", "did you mean ana-ruiz"]),
    ("facts/a-en.yaml", "id: o-growth", "id: o-members", ["a-en.yaml:", "duplicate fact id 'o-members'"]),
    ("facts/a-en.yaml", "quote: closed with a total of 1,200 members", "quote: closed with a total of 1,300 members",
     ["a-en.yaml:", "o-members", "quote not found", "closest passage", "1,200 members"]),
    ("facts/a-en.yaml", "quote: an increase of 5.0% over last year", "quote: ACME",
     ["a-en.yaml:", "o-growth", "occurs 2 times", "occurrence: N"]),
    ("facts/a-en.yaml", 'value: "1200"', 'value: "1,200"', ["a-en.yaml:", "o-members", "value"]),
    ("facts/a-en.yaml", "unit: USD", "unit: EURO", ["a-en.yaml:", "o-losses", "unknown unit or currency 'EURO'"]),
    # a bare "dollars" is presumed USD (another country's dollars may be meant), but it is never pesos
    ("facts/a-en.yaml", "    unit: USD\n    comparator: between\n", "    unit: MXN\n    comparator: between\n"
     "    surface: between 2.5 and 3.0 billion dollars\n", ["a-en.yaml:", "o-losses", "unit MXN is not what its surface",
                                                          "give the unit or currency the surface writes"]),
    ("facts/a-en.yaml", "measure: test-members", "measure: test-membrs", ["a-en.yaml:", "o-members", "unknown measure concept", "test-members"]),
    ("facts/a-es.yaml", 'year: "2020"', 'year: "20-20"', ["a-es.yaml:", "o-members-2020", "year"]),
    ("facts/a-en.yaml", 'min: "2500000000"', 'min: "3500000000"', ["a-en.yaml:", "o-losses", "min 3500000000 is above max", "swap"]),
    ("facts/a-en.yaml", "    readings: [US dollars, another currency of dollars]\n", "",
     ["a-en.yaml:", "o-losses", "readings"]),
    ("facts/a-en.yaml", "previous: t-first", "previous: t-zero", ["a-en.yaml:", "t-second", "unknown fact 't-zero'"]),
    # a reference of the wrong kind, or to itself (the first left an IRI nothing describes in the graph)
    ("facts/a-en.yaml", "previous: t-first", "previous: m-acme",
     ["a-en.yaml:", "t-second", "previous must name one of the tenures, and 'm-acme' is one of the mentions"]),
    ("facts/a-en.yaml", "previous: t-first", "previous: t-second", ["a-en.yaml:", "t-second", "names the fact itself"]),
    ("facts/a-en.yaml", "type: Event", "type: Evnt", ["a-en.yaml:", "unknown type 'Evnt'", "Event"]),
    # a fact's class is no entity's type (and is not suggested for a typo)
    ("facts/a-en.yaml", "type: Event", "type: Statement", ["a-en.yaml:", "unknown type 'Statement'", "kg:Entity and below"]),
    ("entities.yaml", "type: Person", "type: Stat", ["entities.yaml:", "unknown type 'Stat'", "e.g. State"]),
    ("entities.yaml", "  - id: monterrey\n", "  - id: acme\n", ["entities.yaml:", "duplicate entity id 'acme'"]),
    # values that become IRIs or language tags: refused at their line, by the parser every load uses
    ("entities.yaml", "    acronym: ACME\n", "    acronym: ACME\n    same_as: [\"https://example.org/the chamber\"]\n",
     ["entities.yaml:6:", "same_as.0", "(id acme)", "Invalid IRI code point ' '", "percent-encoded"]),
    ("entities.yaml", "name: {en: Ana Ruiz}", "name: {en-abcdefghijk: Ana Ruiz}",
     ["entities.yaml:9:", "name.en-abcdefghijk", "(id ana-ruiz)", "eight characters", "BCP 47"]),
    ("entities.yaml", "aliases: {en: [ACME]}", "aliases: {en-x: [ACME]}", ["entities.yaml:6:", "aliases.en-x", "language tag 'en-x'"]),
    ("facts/a-en.yaml", "    name: {en: ACME re-election event}\n",
     "    name: {en: ACME re-election event}\n    same_as: [\"https://example.org/%zz\"]\n",
     ["a-en.yaml:7:", "(id event-a)", "percent encoding '%zz'"]),
    ("articles/a-en.yaml", "language: en\n", "language: en\nsource: \"https://example.org/a b\"\n",
     ["a-en.yaml:3:", "source:", "Invalid IRI code point"]),
    ("articles/a-en.yaml", "language: en\n", "language: en-a\n", ["a-en.yaml:2:", "language:", "extension subtag"]),
    # dates of the right shape, off the calendar (they passed to rdflib's tracebacks and a shape's message)
    ("articles/a-en.yaml", "language: en\n", "language: en\npublished: \"2024-02-30\"\n",
     ["a-en.yaml:3:", "published:", "not a calendar date", "'2024-02-30'"]),
    ("facts/a-en.yaml", "    person: ana-ruiz\n    post: acme-president\n    quote: the re-election",
     "    person: ana-ruiz\n    post: acme-president\n    start: \"2017-13-01\"\n    quote: the re-election",
     ["a-en.yaml:16:", "start", "(id t-first)", "not a calendar date"]),
    ("facts/a-en.yaml", "    place: monterrey\n", "    place: monterrey\n    date: \"2019-04-31\"\n",
     ["a-en.yaml:8:", "date", "(id event-a)", "'2019-04-31'"]),
    # a final line feed, which Python's `$` in a schema pattern let by (an id then minted a broken IRI)
    ("articles/a-en.yaml", "language: en\n", "language: en\npublished: \"2024-02-01\\n\"\n",
     ["a-en.yaml:3:", "published:", "'2024-02-01\\n' is not in the expected form"]),
    ("facts/a-en.yaml", "id: o-growth", "id: \"o-growth\\n\"", ["a-en.yaml:", "schema:", "not in the expected form",
                                                                "lower-case letters, digits and hyphens"]),
    # schema mistakes in a curator's words: what is missing, what a value must look like, the key meant
    ("facts/a-en.yaml", "    unattributed: true\n    quote: an increase", "    atributed_to: ana-ruiz\n    quote: an increase",
     ["a-en.yaml:", "o-growth", "unknown key", "did you mean `attributed_to`?"]),
    ("facts/a-en.yaml", "    person: ana-ruiz\n    post: acme-president\n    quote: the re-election",
     "    person: ana-ruiz\n    post: acme-president\n    start: \"12/03/2017\"\n    quote: the re-election",
     ["a-en.yaml:16:", "start", "'12/03/2017' is not in the expected form", "YYYY-MM-DD"]),
    ("facts/a-en.yaml", 'value: "1200"', 'value: "1.2 thousand"', ["a-en.yaml:", "o-members", "plain decimal"]),
    # an event's date its quote does not write (the dateline's date went on an event): not backed by the article
    ("facts/a-en.yaml", "    place: monterrey\n", "    place: monterrey\n    date: \"2019-04-12\"\n",
     ["a-en.yaml:8:", "(id event-a)", "date 2019-04-12 is not written in the quote", "not the dateline's"]),
    ("facts/a-en.yaml", "    place: monterrey\n", "    place: monterrey\n    time_text: in Monterrey\n    start_date: \"2019-04-12\"\n",
     ["a-en.yaml:9:", "start_date 2019-04-12 is not written in the quote or time_text"]),
    # a misspelt required key: "missing `quote`" alone did not name the `qoute:` the curator wrote
    ("facts/a-en.yaml", "    quote: between 2.5 and 3.0 billion dollars\n", "    qoute: between 2.5 and 3.0 billion dollars\n",
     ["a-en.yaml:", "o-losses", "missing `quote`; `qoute` is not a key here", "rename `qoute:` to `quote:`"]),
    ("facts/a-en.yaml", "    quote: between 2.5 and 3.0 billion dollars\n    status: ambiguous\n",
     "    quote: between 2.5 and 3.0 billion dollars\n", ["a-en.yaml:", "o-losses", "missing `status`", "add `status:` with one of: explicit"]),
    ("facts/a-en.yaml", "    quote: between 2.5 and 3.0 billion dollars\n    status: ambiguous\n",
     "    quote: between 2.5 and 3.0 billion dollars\n    status: Ambiguous\n", ["a-en.yaml:", "o-losses", "did you mean `ambiguous`?"]),
    # beyond what Oxigraph's decimals compare: kept as text that every FILTER skips
    ("facts/a-en.yaml", "value: 5.0", "value: \"1.0000000000000000001\"", ["a-en.yaml:", "o-growth", "beyond the decimals"]),
    ("facts/a-en.yaml", "value: 5.0", "value: \"250000000000000000000\"", ["a-en.yaml:", "o-growth", "below 1.7e20"]),
]


@pytest.mark.parametrize("file,old,new,words", BAD_INPUTS, ids=[" ".join(b[3][1:3]) for b in BAD_INPUTS])
def test_bad_input_gives_one_line_error_with_file_line_and_fix(mini, file, old, new, words) -> None:
    replace_in(mini.data / file, old, new)
    code, output = _cli_check(mini)
    assert code == 1, output
    line = output.strip()
    assert "\n" not in line and line.startswith("Error: ")
    assert "(fix: " in line or "malformed" in line
    for word in words:
        assert word in line, (word, line)


def test_article_changed_after_curation_is_refused(mini) -> None:
    text = mini.data / "articles" / "a-en.txt"
    text.write_bytes(text.read_bytes().replace(b"Monterrey", b"Monterey"))
    code, output = _cli_check(mini)
    assert code == 1
    assert "a-en.yaml:3: sha256: article text does not match its recorded sha256" in output
    assert "articles are never edited" in output


def test_check_one_file_is_quick_path_and_reports_ok(mini) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(mini.root), "--data", str(mini.data),
                                       str(mini.data / "facts" / "a-en.yaml")], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 0, result.output
    assert "ok:" in result.output and "review: reviewed" in result.output


def test_duplicate_entity_between_fact_file_and_entities_file(mini) -> None:
    replace_in(mini.data / "facts" / "a-en.yaml", "  - id: event-a\n", "  - id: monterrey\n")
    with pytest.raises(DataError) as err:
        load_corpus(mini)
    assert "already declared in entities.yaml" in err.value.one_line()


def test_bad_iri_stops_kg_build_at_its_line_not_in_a_parser(mini) -> None:
    # (it used to pass the schema's pattern and end in Oxigraph's SyntaxError, a traceback, mid-validation)
    replace_in(mini.data / "articles" / "a-en.yaml", "language: en\n", "language: en\nsource: \"http://exa mple.org/\"\n")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data), "--build", str(mini.build)],
                                env={"KG_ONTOLOGY": str(mini.ontology)})
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "a-en.yaml:3: source:" in last and "Invalid IRI code point" in last
    assert not mini.build.exists() or not (mini.build / "current").exists()


def _new_article_bytes(paths, replacements: list[tuple[bytes, bytes]], heading: str | None = None) -> None:
    """Change a-en.txt (a new article, as far as the corpus knows) and record its sha256 in the sidecar;
    ``heading`` replaces the sidecar's one section heading."""
    import hashlib

    text = paths.data / "articles" / "a-en.txt"
    raw = text.read_bytes()
    for old, new in replacements:
        raw = raw.replace(old, new)
    text.write_bytes(raw)
    sidecar = paths.data / "articles" / "a-en.yaml"
    lines = [f"sha256: {hashlib.sha256(raw).hexdigest()}" if line.startswith("sha256:") else
             f"  - heading: {heading}" if heading is not None and line.startswith("  - heading:") else line
             for line in sidecar.read_text(encoding="utf-8").splitlines()]
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_quote_over_a_character_rdf_text_cannot_hold_is_refused(mini) -> None:
    # (whitespace to the quote locator, so the curator's plain space finds it; the article is never edited)
    _new_article_bytes(mini, [(b"closed with a total", b"closed\x0cwith a total")])
    code, output = _cli_check(mini)
    assert code == 1, output
    assert "a-en.yaml:" in output and "o-members" in output and "holds U+000C" in output and "(fix: quote the words" in output


def test_line_separators_and_a_form_feed_in_the_article_text_build(mini) -> None:
    """U+2028 and U+0085 are text RDF holds unescaped in N-Quads: a split at every line boundary Python
    knows (``str.splitlines``) cut such lines in two and the build crashed. A form feed (which XML 1.0
    forbids) before a quote shortens the quote's context, which ends at it."""
    from kg.build import build_project
    from kg.export import export
    from kg.store import sorted_nquads

    _new_article_bytes(mini, [(b"ACME closed with a total", "ACME\x0cthen\u2028closed with a total".encode()),
                              (b"1,200 members", "1,200\u0085members".encode())])
    report = build_project(mini)
    assert report.articles == 2
    dump = sorted_nquads(mini).decode("utf-8")
    assert "closed with a total of 1,200\u0085members" in dump  # (kept whole, on one line)
    assert "\\f" not in dump and "\x0c" not in dump  # (the context before the quote ends at the form feed)
    prefix = [line for line in dump.split("\n") if "#prefix>" in line and '"then\u2028"' in line]
    assert len(prefix) == 1, [line for line in dump.split("\n") if "#prefix>" in line]
    out = mini.root / "all.rdf"
    export(mini, "rdfxml", None, out)
    import xml.dom.minidom

    xml.dom.minidom.parse(str(out))  # (well-formed: no character XML 1.0 forbids)


def test_occurrence_picks_one_of_several_hits_as_its_hint_says(mini) -> None:
    # (the YAML loader keeps numbers as text: `occurrence: 2` was refused as "not of type 'integer'")
    fact_file = mini.data / "facts" / "a-en.yaml"
    replace_in(fact_file, "quote: an increase of 5.0% over last year", "quote: ACME\n    occurrence: 2")
    code, output = _cli_check(mini)
    assert code == 0, output
    corpus = load_corpus(mini)
    text = corpus.articles["a-en"].text
    quote = next(f for f in corpus.fact_files["a-en"].facts if f.id == "o-growth").quote
    assert quote.exact == "ACME" and quote.start == text.index("ACME", text.index("ACME") + 1)
    replace_in(fact_file, "occurrence: 2", "occurrence: 3")
    code, output = _cli_check(mini)
    assert code == 1 and "occurrence 3 asked, but the quote occurs 2 time(s)" in output, output
    replace_in(fact_file, "occurrence: 3", "occurrence: 0")
    code, output = _cli_check(mini)
    assert code == 1 and "occurrence" in output and "schema" in output, output


def test_check_without_the_ontology_fails_instead_of_skipping_its_checks(mini, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(mini.root), "--data", str(mini.data)],
                                env={"KG_ONTOLOGY": str(tmp_path / "nowhere")})
    assert result.exit_code == 1 and "canieti.ttl: the ontology file is missing" in result.output, result.output


def test_a_heading_spanning_a_character_rdf_text_cannot_hold_is_refused(mini) -> None:
    _new_article_bytes(mini, [(b"closed with a total", b"closed\x0cwith a total")], heading="closed with a total")
    code, output = _cli_check(mini)
    assert code == 1 and "a-en.yaml:" in output and "sections.heading" in output and "holds U+000C" in output, output


def test_kg_build_refuses_a_fact_naming_itself_through_its_own_article(mini) -> None:
    # (`kg check` reads it as a reference into another article; the build resolves those across articles)
    from kg.build import build_project

    replace_in(mini.data / "facts" / "a-en.yaml", "previous: t-first", "previous: a-en#t-second")
    with pytest.raises(DataError) as err:
        build_project(mini)
    assert "a-en.yaml:" in err.value.one_line() and "t-second" in err.value.one_line()
    assert "previous names the fact itself" in err.value.one_line()


def test_bad_input_after_a_good_build_leaves_that_build_in_place(mini) -> None:
    import os

    from kg.build import build_project

    build_project(mini)
    current = os.readlink(mini.build / "current")
    manifest = (mini.build / "current" / "manifest.json").read_bytes()
    replace_in(mini.data / "facts" / "a-en.yaml", "value: 5.0", "value: \"1.0000000000000000001\"")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data), "--build", str(mini.build)],
                                env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 1 and result.output.strip().splitlines()[-1].startswith("Error: "), result.output
    assert "beyond the decimals" in result.output
    assert os.readlink(mini.build / "current") == current
    assert (mini.build / "current" / "manifest.json").read_bytes() == manifest
    assert [p.name for p in mini.build.glob("gen-*")] == [current]


def test_a_schema_error_on_a_long_value_is_a_line_of_bounded_length(mini) -> None:
    replace_in(mini.data / "facts/a-en.yaml", "review: reviewed\n", "review: reviewed\nnote: [" + ", ".join(["lol"] * 20000) + "]\n")
    code, output = _cli_check(mini)
    assert code == 1 and "note: schema: `note` must be one string, not a list" in output and len(output) < 600, output[:400]


@pytest.mark.parametrize("folder, name", [("facts", "a-en.yaml"), ("articles", "a-en.yaml")])
def test_a_yaml_file_named_yml_is_refused_not_left_out(mini, folder: str, name: str) -> None:
    (mini.data / folder / name).rename(mini.data / folder / "a-en.yml")
    code, output = _cli_check(mini)
    assert code == 1 and f"{folder}/a-en.yml: a data file in YAML must end in .yaml" in output, output
    assert "(fix: rename it to a-en.yaml)" in output
    result = CliRunner().invoke(main, ["build", "-q", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 1 and "a-en.yml: a data file in YAML must end in .yaml" in result.output, result.output


def test_a_surface_backs_the_value_range_and_currency_it_writes() -> None:
    from kg.corpus import _surface_disagrees
    from kg.yamlio import LineDict

    ok = [("between 375 billion and 575 billion dollars", {"min": "375000000000", "max": "575000000000", "unit": "USD"}, "en"),
          ("16,2%", {"value": "16.2", "unit": "percent"}, "es"), ("1.377 empresas", {"value": "1377", "unit": "count"}, "es"),
          ("fifth place", {"value": "5", "unit": "rank"}, "en"), ("doubled", {"value": "2", "unit": "times"}, "en"),
          # not judged: a number the reader leaves out, two figures for one value, a curator's judgement
          ("US$1.2bn", {"value": "1200000000", "unit": "USD"}, "en"), ("one in five", {"value": "20", "unit": "percent"}, "en"),
          ("2 de cada 10", {"value": "20", "unit": "percent"}, "es"),
          ("90 billion dollars", {"value": "9000", "unit": "USD", "status": "judgement"}, "en"),
          # a shared scale (as kg ingest drafts it), a fraction, a presumed "$", a sign
          ("between 375 and 575 billion dollars", {"min": "375000000000", "max": "575000000000", "unit": "USD"}, "en"),
          ("de 3 a 5 millones", {"min": "3000000", "max": "5000000", "unit": "count"}, "es"),
          ("a fifth of companies", {"value": "20", "unit": "percent"}, "en"), ("two thirds", {"value": "66.7", "unit": "percent"}, "en"),
          ("$500 million", {"value": "500000000", "unit": "MXN"}, "en"), ("$3 mil millones de dólares", {"value": "3000000000", "unit": "USD"}, "es"),
          ("fell 3.5%", {"value": "-3.5", "unit": "percent"}, "en")]
    for surface, item, lang in ok:
        assert _surface_disagrees(surface, LineDict(item), lang) is None, surface
    bad = [("90 billion dollars", {"value": "9000", "unit": "USD"}, "en", "value 9000 is not the figure"),
           ("between 2.8 and 3.0%", {"min": "2.8", "max": "30", "unit": "percent"}, "en", "max 30 is not"),
           ("MX$456 million", {"value": "456000000", "unit": "USD"}, "en", "unit USD is not what its surface 'MX$456 million' writes (MXN)"),
           ("55%", {"value": "55", "unit": "count"}, "en", "writes (percent)")]
    for surface, item, lang, words in bad:
        problem = _surface_disagrees(surface, LineDict(item), lang)
        assert problem is not None and words in problem[1], (surface, problem)


def _kg_errors(mini, command: str, *args: str) -> tuple[int, list[str], str]:
    """Run ``kg check`` or ``kg build`` on the mini corpus: exit code, its ``Error:`` lines, all output."""
    extra = ["--build", str(mini.build)] if command == "build" else []
    result = CliRunner().invoke(main, [command, "--root", str(mini.root), "--data", str(mini.data), *extra, *args],
                                env={"KG_ONTOLOGY": str(mini.ontology)})
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("Error: ")], result.output


def test_kg_check_reports_every_mistake_of_a_file_not_only_the_first(mini) -> None:
    # three facts wrong in three ways: all three are reported, each on its line, in one run
    facts = mini.data / "facts" / "a-en.yaml"
    replace_in(facts, "quote: the re-election of Ana Ruiz\n", "quote: the election of Ana Ruiz\n")
    replace_in(facts, "    value: \"1200\"\n", "    value: \"1300\"\n")
    replace_in(facts, "    speaker: ana-ruiz\n", "    speaker: ana-ruis\n")
    code, errors, output = _kg_errors(mini, "check", str(facts))
    assert code == 1, output
    assert len(errors) == 2, output  # (the unknown speaker: after the file reads, see below)
    lines = facts.read_text(encoding="utf-8").splitlines()
    quote_line = lines.index("    quote: the election of Ana Ruiz") + 1
    value_line = lines.index('    value: "1300"') + 1
    assert "tenures[0] (id t-first): quote not found" in errors[0] and f"a-en.yaml:{quote_line}:" in errors[0]
    assert "observations[0] (id o-members)" in errors[1] and f"a-en.yaml:{value_line}:" in errors[1]
    # once they are fixed, the references are checked, every one of them
    replace_in(facts, "quote: the election of Ana Ruiz\n", "quote: the re-election of Ana Ruiz\n")
    replace_in(facts, "    value: \"1300\"\n", "    value: \"1200\"\n")
    replace_in(facts, "    person: ana-ruiz\n    post: acme-president\n    previous", "    person: ana-ruis\n    post: acme-president\n    previous")
    code, errors, output = _kg_errors(mini, "check")
    assert code == 1 and len(errors) == 2, output
    assert all("unknown entity id 'ana-ruis'" in e and "did you mean ana-ruiz?" in e for e in errors)
    assert ["tenures (id t-second)" in errors[0], "statements (id s-grow)" in errors[1]] == [True, True]


def test_kg_build_reports_the_mistakes_of_every_article(mini) -> None:
    replace_in(mini.data / "facts" / "a-en.yaml", "quote: the re-election of Ana Ruiz\n", "quote: the election of Ana Ruiz\n")
    replace_in(mini.data / "facts" / "a-es.yaml", "quote: habrá 40 por ciento", "quote: habrá 50 por ciento")
    code, errors, output = _kg_errors(mini, "build")
    assert code == 1, output
    assert len(errors) == 2 and "a-en.yaml:" in errors[0] and "a-es.yaml:" in errors[1], output


def test_kg_check_of_several_files_checks_them_all(mini) -> None:
    replace_in(mini.data / "facts" / "a-en.yaml", "quote: the re-election of Ana Ruiz\n", "quote: the election of Ana Ruiz\n")
    code, errors, output = _kg_errors(mini, "check", *(str(mini.data / "facts" / f"{a}.yaml") for a in ("a-en", "a-es")))
    assert code == 1
    assert "ok: " in output and "a-es.yaml" in output.split("ok: ")[1].splitlines()[0]
    assert len(errors) == 1


def test_an_error_list_crosses_processes_and_caps_what_it_prints() -> None:
    import pickle

    from kg.errors import ErrorList, UsageError

    errs = ErrorList([DataError(f"bad {i}", file="f.yaml", line=i) for i in range(1, 151)] + [UsageError("u")])
    again = pickle.loads(pickle.dumps(errs))
    assert [e.one_line() for e in again.errors] == [e.one_line() for e in errs.errors]
    assert again.exit_code == 2  # the most serious of its errors
    lines = errs.lines()
    assert len(lines) == ErrorList.SHOWN + 1 and lines[-1] == "... and 51 more error(s) not shown"


def test_kg_build_reports_every_reference_across_articles_that_does_not_resolve(mini) -> None:
    replace_in(mini.data / "facts" / "a-es.yaml", "previous: a-en#t-second", "previous: a-en#t-third")
    replace_in(mini.data / "facts" / "a-en.yaml", "    previous: t-first\n", "    previous: a-es#t-none\n")
    code, errors, output = _kg_errors(mini, "build")
    assert code == 1, output
    assert len(errors) == 2, output
    assert "a-en.yaml" in errors[0] and "unknown fact 'a-es#t-none'" in errors[0]
    assert "a-es.yaml" in errors[1] and "unknown fact 'a-en#t-third'" in errors[1]


def test_a_shared_files_mistake_is_reported_once_for_several_files_checked(mini) -> None:
    replace_in(mini.data / "entities.yaml", "  - id: monterrey\n", "  - id: monterrey\n    topics: [no-such-topic]\n")
    code, errors, output = _kg_errors(mini, "check", *(str(mini.data / "facts" / f"{a}.yaml") for a in ("a-en", "a-es")))
    assert code == 1 and len(errors) == 1, output
    assert "entities.yaml" in errors[0] and "unknown topic 'no-such-topic'" in errors[0]


def _cli_check_files(paths, *files: str, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(paths.root), "--data", str(paths.data), *extra,
                                       *[str(paths.data / "facts" / f) for f in files]],
                                env={"KG_ONTOLOGY": str(paths.ontology)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_check_of_a_file_runs_the_shapes_and_names_each_violation_at_its_line(mini) -> None:
    """What `kg build` would refuse, `kg check FILE` refuses too: a tenure whose `person` is an organization
    passes the schema and the ids but not the shapes; each violation is a line at the line of the key it names,
    with the fact's id, the field and the fix."""
    code, out, _ = _cli_check_files(mini, "a-en.yaml")
    assert code == 0 and "shapes" in out, out
    facts = mini.data / "facts" / "a-en.yaml"
    replace_in(facts, "  - id: t-first\n    person: ana-ruiz\n", "  - id: t-first\n    person: acme\n")
    code, out, err = _cli_check_files(mini, "a-en.yaml")
    assert code == 1, out + err
    [line] = [x for x in err.splitlines() if "fact t-first:" in x]
    number = int(line.split("a-en.yaml:")[1].split(":")[0])
    assert facts.read_text(encoding="utf-8").splitlines()[number - 1] == "    person: acme"
    assert f"a-en.yaml:{number}: person: validation failed: fact t-first: A tenure needs one `person` " \
           "(fix: give `person:` the id of an entity of type Person)" in line, line
    code, out, _ = _cli_check_files(mini, "a-en.yaml", extra=("--no-shapes",))
    assert code == 0, out


def test_check_of_a_draft_holds_to_the_shapes_only_the_facts_whose_status_is_set(mini) -> None:
    """In a draft, facts still `unreviewed` are work in progress: the shapes pass over them (their status, a
    missing `about`); a fact whose status the curator has set is held to them."""
    path = mini.data / "facts" / "a-es.yaml"
    replace_in(path, "review: reviewed", "review: draft")
    path.write_text(path.read_text(encoding="utf-8").replace("status: explicit", "status: unreviewed"), encoding="utf-8")
    replace_in(path, "    about: [acme]\n", "")
    code, out, err = _cli_check_files(mini, "a-es.yaml")
    assert code == 0 and "review: draft, shapes" in out, out + err
    replace_in(path, "    quote: habrá 40 por ciento más socios para 2020\n    status: unreviewed",
               "    quote: habrá 40 por ciento más socios para 2020\n    status: explicit")
    code, out, err = _cli_check_files(mini, "a-es.yaml")
    assert code == 1 and "o-members-2020" in err and "about" in err, err


def test_a_quote_with_a_straight_apostrophe_where_the_article_has_a_curly_one_says_so(corpus_copy) -> None:
    """The two apostrophes look alike in most fonts: the error names the one the article writes."""
    from kg.corpus import check_fact_file

    path = corpus_copy.data / "facts" / "000_5fec07e56bfc17d3.yaml"
    replace_in(path, 'quote: "the chamber’s strategy for the near future"', 'quote: "the chamber\'s strategy for the near future"')
    with pytest.raises(DataError) as caught:
        check_fact_file(path, corpus_copy)
    line = caught.value.one_line()
    assert "quote not found" in line and "’ (U+2019) where the quote has ' (U+0027)" in line, line
    assert "write apostrophes and quotation marks as the article does" in line, line


def test_an_event_status_is_mapped_as_a_concept_and_only_an_event_takes_one(mini) -> None:
    from rdflib import URIRef

    from kg.iris import KG
    from kg.mapping import article_triples

    replace_in(mini.data / "facts" / "a-en.yaml", "    place: monterrey\n", "    place: monterrey\n    event_status: held\n")
    triples = article_triples(load_corpus(mini), "a-en")
    held = URIRef("https://w3id.org/canieti-kg/vocab/event-status/held")
    assert [(s.rsplit("/", 1)[-1], o) for s, p, o in triples if p == KG.eventStatus] == [("event-a", held)]
    replace_in(mini.data / "facts" / "a-en.yaml", "event_status: held", "event_status: over")
    code, output = _cli_check(mini)
    assert code == 1 and "'over' is not one of ['planned', 'held', 'postponed', 'cancelled']" in output


def test_a_missing_key_of_a_conditional_branch_names_no_stray_key(mini) -> None:
    """A `then: {required: [reason]}` branch lists no keys: "rename `relation:` to `reason:`" was offered."""
    facts = mini.data / "facts" / "a-en.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "relations:\n  - {id: r-x, subject: event-a, relation: related-to, "
                     "object: acme, quote: \"The Chamber (ACME)\", status: judgement}\n", encoding="utf-8")
    code, output = _cli_check(mini)
    assert code == 1 and "missing `reason`" in output and "rename" not in output and "is not a key here" not in output
