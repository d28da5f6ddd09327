"""Mutation tests on the real fact files: a curator's mistake stops `kg build` with a message that
names the fact file and the fact's id, and the last good build stays in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.build import build_project
from kg.config import Paths
from kg.errors import KgError

FACTS_000 = "facts/000_5fec07e56bfc17d3.yaml"
FACTS_001 = "facts/001_f5c50bd7e4e2a6b2.yaml"
RANGE = '    min: "375000000000"\n    max: "575000000000"\n'


def _mutate(paths: Paths, relative: str, old: str, new: str) -> None:
    path = Path(paths.data) / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the mutation's anchor is gone from {relative}: update the test"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build_fails(paths: Paths) -> str:
    with pytest.raises(KgError) as caught:
        build_project(paths, reason=False)
    return caught.value.one_line()


MUTATIONS = {
    # a range whose min is above its max (the loader catches it before sh:lessThanOrEquals would)
    "swap-a-range": (RANGE, '    min: "575000000000"\n    max: "375000000000"\n', "obs-global-cybercrime-losses"),
    # a required field dropped (an observation's comparator)
    "drop-a-required-field": (RANGE + "    unit: USD\n    comparator: between\n", RANGE + "    unit: USD\n",
                              "obs-global-cybercrime-losses"),
    # a quote that occurs once, asked for its second occurrence: no offsets can be computed
    "break-an-offset": ('    quote: "annual losses from cyber crime are between 375 billion and 575 billion dollars"\n',
                        '    quote: "annual losses from cyber crime are between 375 billion and 575 billion dollars"\n'
                        '    occurrence: 2\n', "obs-global-cybercrime-losses"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_broken_fact_stops_the_build_naming_file_and_id(name: str, corpus_copy: Paths) -> None:
    old, new, fact_id = MUTATIONS[name]
    _mutate(corpus_copy, FACTS_001, old, new)
    message = _build_fails(corpus_copy)
    assert "001_f5c50bd7e4e2a6b2.yaml" in message, message
    assert fact_id in message or ":8" in message, message


# The loader cannot know that a quote leaves a party unstated; the shapes can (kgsh:PartyStatedShape).
UNSTATED_PARTY = ("    status: implied\n    note: CANIETI's National President", "    status: explicit\n    note: CANIETI's National President")


def test_an_unstated_party_marked_explicit_fails_validation_and_leaves_the_last_good_build(corpus_copy: Paths) -> None:
    build_project(corpus_copy, reason=False)
    manifest = Path(corpus_copy.manifest)
    before = manifest.read_bytes()
    _mutate(corpus_copy, FACTS_000, *UNSTATED_PARTY)
    message = _build_fails(corpus_copy)
    assert re.search(r"facts/000_5fec07e56bfc17d3\.yaml:\d+: object: validation failed: fact rel-agreement-party-canieti:", message), message
    assert "set `status: implied`" in message
    assert manifest.read_bytes() == before


# ------------------------------------------------------------------------------------------------
# The dataset API the build calls: partitions, articles=, a process pool, the cross-article checks.

def _fixture_dataset(extra_article: bool = False):  # type: ignore[no-untyped-def]
    import rdflib

    from shapes_fixtures import CONTEXT_FILE, load_fixture, valid_files

    data = load_fixture(valid_files()[0]).data
    ds = rdflib.Dataset()
    article = ds.graph(rdflib.URIRef("https://w3id.org/canieti-kg/graph/article/t1"))
    entities = ds.graph(rdflib.URIRef("https://w3id.org/canieti-kg/graph/entities"))
    for s, p, o in data:
        (article if str(s).startswith("https://w3id.org/canieti-kg/id/article/") or
         (s, rdflib.URIRef("https://w3id.org/canieti-kg/ontology#hasEvidence"), None) in data else entities).add((s, p, o))
    ontology = ds.graph(rdflib.URIRef("https://w3id.org/canieti-kg/graph/ontology"))
    ontology.parse(CONTEXT_FILE, format="turtle")
    return ds


def _keys(report):  # type: ignore[no-untyped-def]
    return sorted((r.severity, r.shape, r.focus) for r in report.results if not r.shape.startswith("queries/"))


def test_validate_a_dataset_serially_and_in_a_pool_alike(repo_paths: Paths) -> None:
    import rdflib

    from kg import validation

    ds = _fixture_dataset()
    position = rdflib.URIRef("https://w3id.org/canieti-kg/id/article/t1/observation/obs-members/evidence/position")
    graph = ds.graph(rdflib.URIRef("https://w3id.org/canieti-kg/graph/article/t1"))
    graph.set((position, rdflib.URIRef("http://www.w3.org/ns/oa#end"), rdflib.Literal(300)))
    serial = validation.validate(ds, repo_paths, workers=1)
    pooled = validation.validate(ds, repo_paths, workers=2)
    assert _keys(serial) == _keys(pooled)
    assert not serial.conforms
    offsets = [r for r in serial.results if r.shape.endswith("#EvidenceOffsetsShape")]
    assert [(r.article, r.fact_file, r.curator_id) for r in offsets] == [("t1", "data/facts/t1.yaml", "obs-members")]
    # articles= limits the shapes to those articles; a clean article list finds no shape result.
    assert _keys(validation.validate(ds, repo_paths, articles=["other"])) == []


@pytest.mark.parametrize(("new", "words"), [
    # the same person named as their own predecessor
    ("    predecessor: ten-mdlc-previous\n", "The `predecessor` term"),
    # another person's term in another post, in another article (a batch holds its context: it is seen)
    ("    previous: 001_f5c50bd7e4e2a6b2#ten-guajardo-secretary\n", "The `previous` term"),
])
def test_a_term_linked_to_the_wrong_person_or_post_fails_validation(corpus_copy: Paths, new: str, words: str) -> None:
    _mutate(corpus_copy, FACTS_000, "    previous: ten-mdlc-previous\n", new)
    message = _build_fails(corpus_copy)
    assert re.search(r"facts/000_5fec07e56bfc17d3\.yaml:\d+: (?:predecessor|previous): validation failed: fact ten-mdlc-current:", message), message
    assert words in message, message


def test_every_violation_is_reported_with_the_line_of_its_fact(corpus_copy: Paths) -> None:
    """A build that fails validation lists each violation on its own line, at its fact's line: the last good
    build, which `kg validate` reads, does not hold them, so this is where the curator sees them all."""
    _mutate(corpus_copy, FACTS_000, *UNSTATED_PARTY)
    _mutate(corpus_copy, FACTS_000, "    previous: ten-mdlc-previous\n", "    predecessor: ten-mdlc-previous\n")
    with pytest.raises(KgError) as caught:
        build_project(corpus_copy, reason=False)
    lines = caught.value.lines()
    text = (Path(corpus_copy.data) / FACTS_000).read_text(encoding="utf-8").splitlines()
    for fact_id, key in (("rel-agreement-party-canieti", "object"), ("ten-mdlc-current", "predecessor")):
        [line] = [line for line in lines if f": fact {fact_id}:" in line]
        number = int(re.search(rf"facts/000_5fec07e56bfc17d3\.yaml:(\d+): {key}: validation failed: ", line).group(1))
        # (the line of the key the violation names, in its fact)
        first = next(i for i, t in enumerate(text) if re.search(rf"\bid: {fact_id}\b", t))
        assert text[number - 1].lstrip(" -{").startswith(f"{key}:") or f" {key}: " in text[number - 1], (line, text[number - 1])
        assert first <= number - 1 and not any(re.search(r"^\s*- ", t) for t in text[first + 1:number]), (line, first)
