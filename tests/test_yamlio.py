"""Curated YAML: numbers and dates stay the curator's text, every mapping knows its lines, and a
mistake is one error naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataError
from kg.yamlio import LineDict, LineList, load_yaml


def _load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def test_scalars_stay_text_but_booleans_and_nulls(tmp_path: Path) -> None:
    data = _load(tmp_path, "a: 16.2\nb: 1e3\nc: 0o17\nd: 2024-05-01\ne: true\nf: 'yes'\ng: null\nh: ~\ni: !!int 7\nj: \"no\"\n")
    assert data == {"a": "16.2", "b": "1e3", "c": "0o17", "d": "2024-05-01", "e": True, "f": "yes",
                    "g": None, "h": None, "i": 7, "j": "no"}


def test_mappings_and_lists_know_their_lines(tmp_path: Path) -> None:
    data = _load(tmp_path, "facts:\n  - id: x\n    quote: q\n  - id: y\n")
    assert isinstance(data, LineDict) and isinstance(data["facts"], LineList)
    first, second = data["facts"]
    assert (data.line_of("facts"), data["facts"].line, first.line, first.line_of("quote"), second.line) == (1, 2, 2, 3, 4)


def test_an_alias_of_a_text_gives_its_value_and_one_of_a_list_or_mapping_is_refused(tmp_path: Path) -> None:
    data = _load(tmp_path, "name: &n Ana\nother: *n\n")
    assert data["other"] == "Ana"
    for text in ("base: &b {unit: MXN}\nmerged:\n  <<: *b\n", "a: &a [x]\nb: [*a, *a]\n"):
        with pytest.raises(DataError, match=r"used again through an alias \(\*name\), which is not allowed"):
            _load(tmp_path, text)
    # nested aliases grow exponentially ("billion laughs"): refused at the first reuse, not expanded
    levels = ["l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    with pytest.raises(DataError) as err:
        _load(tmp_path, "\n".join(levels) + "\n")
    assert err.value.line == 1 and len(err.value.one_line()) < 300


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
    ("a: 1\n  b: [2\n", 2, "malformed YAML"),
    ("a: &x [1, *x]\n", 1, "alias"),
    ("a: 1\nb: x\x00y\n", 2, "unacceptable character #x0000"),  # (the reader's errors had no line)
    # escapes of what XML 1.0 (so an xsd:string literal, and the OWL reasoner) cannot hold, keys included
    ("a: ok\nb: \"x\\x01y\"\n", 2, "the escape of U+0001"),
    ("a:\n  - \"\\uFFFE\"\n", 2, "the escape of U+FFFE"),
    ("\"k\\x1f\": v\n", 1, "the escape of U+001F"),
])
def test_a_mistake_is_one_error_with_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    with pytest.raises(DataError) as err:
        _load(tmp_path, text)
    assert words in str(err.value) and err.value.line == line and str(err.value.file) == str(tmp_path / "f.yaml")


def test_escapes_of_characters_xml_allows_are_kept(tmp_path: Path) -> None:
    data = _load(tmp_path, 'a: "tab\\tand\\nline \\u00e9 \\U0001F600"\nb: \'\\x01 stays text\'\n')
    assert data == {"a": "tab\tand\nline \u00e9 \U0001F600", "b": "\\x01 stays text"}


def _mistake(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text)
    return caught.value.one_line()


def test_an_unclosed_quote_is_reported_where_it_opens_not_where_the_parser_stops(tmp_path: Path) -> None:
    text = ('mentions:\n  - id: m1\n    quote: "The Chamber (ACME)\n    status: explicit\n  - id: m2\n'
            '    entity: acme\n    quote: "other"\n    status: explicit\n')
    assert _mistake(tmp_path, text).endswith(
        'f.yaml:3: malformed YAML: a quote (") opened on this line is not closed (the parser stopped at line 7: did not '
        'find expected key) (fix: end the value with a " (a " inside it is written \\"))')


def test_an_unclosed_quote_in_a_flow_mapping_and_at_the_end_of_the_file(tmp_path: Path) -> None:
    assert 'f.yaml:2: malformed YAML: a quote (") opened on this line is not closed' in _mistake(
        tmp_path, 'mentions:\n  - {id: m1, quote: "The Chamber, status: explicit}\n  - {id: m2, quote: "x"}\n')
    assert 'f.yaml:3: malformed YAML: a quote (") opened on this line is not closed' in _mistake(
        tmp_path, 'mentions:\n  - id: m1\n    quote: "The Chamber\n    status: explicit\n')


def test_a_quote_over_two_lines_is_no_mistake(tmp_path: Path) -> None:
    assert _load(tmp_path, 'a:\n  quote: "one\n    two"\n  b: c\n') == {"a": {"quote": "one two", "b": "c"}}


def test_a_key_without_the_space_after_its_colon_is_named_at_its_line(tmp_path: Path) -> None:
    text = "entities:\n  - id: uanl\n    type: University\n    acronym:UANL\n  - id: x\n    type: Person\n"
    assert _mistake(tmp_path, text).endswith(
        "f.yaml:4: malformed YAML: `acronym:UANL` has no space after the colon, so YAML does not read a key (the parser "
        "stopped at line 5: could not find expected ':') (fix: write `acronym: UANL`)")


def test_a_latin1_file_gets_the_line_and_column_of_its_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("article: a\nname: {es: C\u00e1mara}\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        load_yaml(path)
    assert caught.value.one_line().endswith(
        "f.yaml:2: not UTF-8 text: byte 0xE1 at line 2, column 13 (invalid continuation byte), in `name: {es: Cámara}` "
        "read as Latin-1 (fix: save the file as UTF-8 (an editor's \"Save with encoding\"))")
