"""Reading the SHACL fixtures of tests/shapes/: a base graph, and fixtures applied on top of it.

Every fixture except ``valid/base.ttl`` is ``base - drops + body``. Its header comments say what
must happen:

    # drop: <subject> <predicate>                 remove the base's triples with that subject and predicate
    # expect: <Severity> <shape> <component> <focus node>   a result that must be reported (all others must not)

Names in headers are full IRIs in <...> or prefixed names with the prefixes of the fixture's body
(plus ``sh:`` and ``kgsh:``); the part after the colon may contain slashes (``art:observation/obs-x``).
Bodies are Turtle with the base's prefixes and the article's IRI as @base (``<observation/obs-x>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import URIRef

HERE = Path(__file__).resolve().parent / "shapes"
BASE_FILE = HERE / "valid" / "base.ttl"
CONTEXT_FILE = HERE / "context.ttl"
EXTRA_PREFIXES = {
    "sh": "http://www.w3.org/ns/shacl#",
    "kgsh": "https://w3id.org/canieti-kg/shapes#",
}

ARTICLE = "https://w3id.org/canieti-kg/id/article/t1"

Expected = tuple[str, str, str, str]  # severity, shape, component, focus


@dataclass
class Fixture:
    path: Path
    data: rdflib.Graph  # base - drops + body, without the ontology context
    expected: set[Expected]


def _prefixes(text: str) -> dict[str, str]:
    found = dict(EXTRA_PREFIXES)
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "@prefix":
            found[parts[1].rstrip(":")] = parts[2].strip("<>")
    return found


def expand(name: str, prefixes: dict[str, str]) -> str:
    if name == "_:":  # some blank node (its label differs on every parse)
        return name
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    if prefix not in prefixes:
        raise ValueError(f"unknown prefix in fixture header: {name}")
    return prefixes[prefix] + local


def load_fixture(path: Path) -> Fixture:
    text = path.read_text(encoding="utf-8")
    base_text = BASE_FILE.read_text(encoding="utf-8")
    prefixes = _prefixes(base_text) | _prefixes(text)
    data = rdflib.Graph().parse(BASE_FILE, format="turtle")
    expected: set[Expected] = set()
    if path.resolve() != BASE_FILE.resolve():
        for line in text.splitlines():
            if line.startswith("# drop:"):
                subject, predicate = (expand(t, prefixes) for t in line.split(":", 1)[1].split())
                data.remove((URIRef(subject), URIRef(predicate), None))
            elif line.startswith("# expect:"):
                severity, shape, component, focus = line.split(":", 1)[1].split()
                expected.add((severity, expand(shape, prefixes), expand(component, prefixes), expand(focus, prefixes)))
        data.parse(data=base_prefix_block(base_text) + text, format="turtle")
    return Fixture(path, data, expected)


def base_prefix_block(base_text: str) -> str:
    """The base's @prefix lines, so that fixtures may use its prefixes without repeating them."""
    lines = [line for line in base_text.splitlines() if line.startswith("@prefix")]
    # Fact IRIs have slashes after the article's IRI, which prefixed names cannot hold: bodies write
    # them relative to the article, <observation/obs-members>.
    return "\n".join(lines) + f"\n@base <{ARTICLE}/> .\n"


def with_context(data: rdflib.Graph) -> rdflib.Graph:
    graph = rdflib.Graph()
    for triple in data:
        graph.add(triple)
    graph.parse(CONTEXT_FILE, format="turtle")
    return graph


def valid_files() -> list[Path]:
    return sorted((HERE / "valid").glob("*.ttl"))


def invalid_files() -> list[Path]:
    return sorted((HERE / "invalid").glob("*.ttl"))
