"""The names of the output formats `kg export` and `kg query` take, in one place, so that both commands,
their ``--help`` and the libraries behind them accept the same ones. Kept free of heavy imports: the
command line reads it to declare its options."""

from __future__ import annotations

from typing import Iterable

# RDF format name -> (file extensions, is a quad format, media type); the first extension is the one
# a file of the format is named with.
FORMATS: dict[str, tuple[tuple[str, ...], bool, str]] = {
    "turtle": ((".ttl",), False, "text/turtle"),
    "ntriples": ((".nt",), False, "application/n-triples"),
    "nquads": ((".nq",), True, "application/n-quads"),
    "trig": ((".trig",), True, "application/trig"),
    "jsonld": ((".jsonld", ".json"), True, "application/ld+json"),
    "rdfxml": ((".rdf", ".owl", ".xml"), False, "application/rdf+xml"),
}

# Other names of those formats: each extension without its dot (ttl, nt, nq, rdf, owl, xml), as `-o`
# reads them, and W3C's spelling json-ld. Not json: that is `kg query`'s JSON rows.
ALIASES: dict[str, str] = {
    **{ext[1:]: name for name, (exts, _, _) in FORMATS.items() for ext in exts if ext[1:] not in (name, "json")},
    "json-ld": "jsonld",
}

# Every name -f takes for an RDF format -> the format.
NAMES: dict[str, str] = {**{name: name for name in FORMATS}, **ALIASES}

# The formats of a SELECT or ASK result (`kg query`).
ROW_FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml", "markdown")

# The RDF formats a CONSTRUCT or DESCRIBE result is printed in (`kg query`): the triple formats and
# JSON-LD, not the quad formats (the result is one graph).
GRAPH_RESULT_FORMATS = ("turtle", "ntriples", "rdfxml", "jsonld")


def rdf_format(name: str) -> str | None:
    """The RDF format a name or alias stands for (``ttl`` -> ``turtle``), None when it names none."""
    return NAMES.get(name)


def listing(names: Iterable[str]) -> str:
    """The formats with their other names, for help texts and errors: ``turtle (ttl), nquads (nq), trig``."""
    def named(name: str) -> str:
        others = [alias for alias, of in ALIASES.items() if of == name]
        return f"{name} ({', '.join(others)})" if others else name
    return ", ".join(named(name) for name in names)


__all__ = ["FORMATS", "ALIASES", "NAMES", "ROW_FORMATS", "GRAPH_RESULT_FORMATS", "rdf_format", "listing"]
