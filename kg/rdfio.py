"""Reading RDF files a user hands us, without ever reaching the network.

rdflib's JSON-LD parser fetches remote ``@context`` documents; Oxigraph's parsers never load anything,
so every user-supplied file is parsed by Oxigraph and converted.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
import rdflib

from kg.errors import DataError, UsageError
from kg.files import input_file

EXTENSIONS = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".nquads": "nq", ".trig": "trig", ".jsonld": "jsonld",
              ".json": "jsonld", ".rdf": "rdf", ".owl": "rdf", ".xml": "rdf", ".n3": "n3"}


def to_rdflib(term: object) -> rdflib.term.Node | None:
    """An Oxigraph term as rdflib's (lexical forms kept as Oxigraph wrote them); None for the default graph."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        # normalize=False: rdflib's normal form would drop, say, a date's time zone
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported RDF term {term!r}")


def decimal_text(value: Decimal) -> str:
    """xsd:decimal's canonical form as Oxigraph writes it (no exponent, no trailing zeros, no trailing
    point), exact at any length: ``Decimal.normalize`` rounds to the context's 28 digits, and
    ``quantize`` fails beyond them."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite decimal: {value}")
    text = "".join(map(str, digits))
    if exponent >= 0:
        whole, fraction = (text + "0" * exponent).lstrip("0") or "0", ""
    else:
        text = text.rjust(-exponent + 1, "0")
        whole, fraction = text[:exponent].lstrip("0") or "0", text[exponent:].rstrip("0")
    negative = sign and (whole != "0" or fraction)
    return ("-" if negative else "") + whole + ("." + fraction if fraction else "")


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_string(text: str) -> str:
    """A string literal's quoted N-Triples form, escaped as rdflib's writer does."""
    return '"' + text.translate(_ESCAPES) + '"'


def nt_term(term: rdflib.term.Node) -> str:
    """A term in N-Triples syntax (what rdflib's ``nt`` serializer writes, 10x faster for the build's caches)."""
    if type(term) is rdflib.URIRef:  # most terms are: tested first, ``nquads`` takes a third less time
        return f"<{term}>"
    if isinstance(term, rdflib.Literal):
        text = nt_string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype is not None else text
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return f"<{term}>"


def text_lines(text: str) -> list[str]:
    """The lines of N-Triples or N-Quads text, without their line feeds and without empty ones. Not
    ``str.splitlines``: it also splits at U+2028, U+0085, form feeds and others, which literals hold
    unescaped (a quote's context in an article, say)."""
    return [line for line in text.split("\n") if line.strip()]


def nquads(triples: Iterable[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]], graph_iri: str) -> bytes:
    """Sorted N-Quads lines of ``triples`` in the named graph ``graph_iri`` (sorted: the cache is byte-stable)."""
    suffix = f" <{graph_iri}> .\n"
    return "".join(sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{suffix}" for s, p, o in triples)).encode("utf-8")


def read_rdf_file(path: Path) -> rdflib.Dataset:
    """Any of Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML into a Dataset (triples in its default graph)."""
    path = input_file(path, "give a Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML file")
    ext = EXTENSIONS.get(path.suffix.lower())
    if ext is None:
        # (the argument, not the data, is wrong: a usage error, exit 2, as for a file that is not there)
        raise UsageError(f"unknown RDF file extension {path.suffix or '(none)'!r}", file=path,
                         hint="rename it .ttl, .nt, .nq, .trig, .jsonld or .rdf, after its syntax")
    dataset = rdflib.Dataset()
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.from_extension(ext)):
            graph = to_rdflib(quad.graph_name)
            target = dataset.graph(graph) if graph is not None else dataset.default_graph
            target.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    except SyntaxError as err:
        raise DataError(f"cannot read as {ext}: {str(err).splitlines()[0] if str(err) else 'syntax error'}", file=path,
                        hint="check the syntax and the file extension (remote JSON-LD contexts are never fetched)") from None
    return dataset


_OX_WHERE = re.compile(r"^Parser error at line \d+(?: between columns \d+ and \d+| column \d+)?: ")
_QUOTE = re.compile(r'\\.|"""|"')  # an escape, a long string's quotes, or a quote


def turtle_syntax_error(path: Path, err: Exception) -> DataError:
    """The curator's one line for a Turtle file rdflib could not parse: the line and column where the syntax
    breaks, what breaks it, and the text there, read as UTF-8. rdflib's own message names a line that may be
    tens of lines off and shows the text as Python bytes (``b'...\\xc3\\xb3...'``), so the file is read again
    with Oxigraph's parser, which reports the exact spot; where only rdflib refuses it, rdflib's position in
    the text is used. The message names the file's kind by its folder: vocabulary, imported ontology, ontology."""
    what = {"vocab": "vocabulary", "imports": "imported ontology"}.get(path.parent.name, "ontology")
    try:
        data = path.read_bytes()
    except OSError:
        return DataError(f"unreadable {what}: {' '.join(str(err).split())[:300]}", file=path,
                         hint="fix the Turtle syntax")
    line: int | None = None
    column: int | None = None
    reason = ""
    try:
        for _ in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as ox_err:
        line, column = ox_err.lineno, ox_err.offset
        reason = _OX_WHERE.sub("", str(ox_err.args[0] if ox_err.args else ox_err))
    if line is None and isinstance(getattr(err, "_str", None), bytes) and isinstance(getattr(err, "_i", None), int):
        upto = err._str.decode("utf-8", "replace")[: err._i]  # type: ignore[attr-defined]
        line, column = upto.count("\n") + 1, err._i - upto.rfind("\n")  # type: ignore[attr-defined]
        reason = str(getattr(err, "_why", "")) or "bad syntax"
    if line is None:
        return DataError(f"unreadable {what}: {' '.join(str(err).split())[:300]}", file=path, hint="fix the Turtle syntax")
    lines = data.decode("utf-8", "replace").split("\n")
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    near = f", near `{text[:70]}{'…' if len(text) > 70 else ''}`" if text else ""
    reason = reason[:1].lower() + reason[1:]
    return DataError(f"{what} is not valid Turtle at column {column}: {reason}{near}", file=path, line=line,
                     hint=_turtle_fix(lines, line, column or 1, reason))


def _turtle_fix(lines: list[str], line: int, column: int, reason: str) -> str:
    """The likely fix of a Turtle syntax error: the cause is often before the spot the parser stops at (a `;`
    missing at the end of the line before, a quote left open earlier on the line)."""
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if _QUOTE.findall(current).count('"') % 2:
        return f'close the quote opened on line {line} (a label or definition is "text"@en)'
    if "dot is expected" in reason or "expected '.'" in reason:
        before, where = current[: column - 1].strip(), line
        while not before and where > 1:  # (the statement the parser reads on from ends on an earlier line)
            where -= 1
            before = "" if lines[where - 1].strip().startswith("#") else lines[where - 1].strip()
        if before and before[-1] not in ";,.[(":
            spot = f"line {where}" if where < line else f"line {line} before column {column}"
            return (f"a `;` or `.` is missing at the end of {spot}: write `;` if the concept's description goes on, "
                    "`.` if it ends there")
    return ("fix the Turtle syntax at that spot: `;` between a concept's properties, `.` after its last one, "
            "quotes closed, prefixes declared")
