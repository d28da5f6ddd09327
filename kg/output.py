"""Result formats: an aligned table for people, and csv, tsv, json, W3C SPARQL results, markdown, RDF.

Every format is deterministic for a given result; cells hold canonical lexical forms, so the same rows
from Oxigraph, rdflib or an endpoint print the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Mapping
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from kg.errors import KgError, UsageError
from kg.iris import PREFIXES, bind_prefixes
from kg.queries import QueryResult, Term
from kg.rdfio import text_lines

if TYPE_CHECKING:
    from kg.config import Paths

ROW_FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml", "markdown")
GRAPH_FORMATS = {"turtle": "turtle", "ttl": "turtle", "ntriples": "nt", "nt": "nt", "rdfxml": "xml",
                 "xml": "xml", "json-ld": "json-ld", "jsonld": "json-ld"}
TABLE_CELL_MAX = 100


def cell(term: Term | None) -> str:
    """The plain value of a term: IRI text, literal lexical form, empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def compact(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def human(term: Term | None, labels: Mapping[str, str]) -> str:
    if isinstance(term, URIRef):
        return labels.get(str(term)) or compact(str(term))
    return " ".join(cell(term).split())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(result: QueryResult, labels: Mapping[str, str]) -> str:
    header = result.variables
    rows = [[_clip(human(t, labels), TABLE_CELL_MAX) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render_markdown(result: QueryResult, labels: Mapping[str, str]) -> str:
    esc = lambda s: s.replace("\\", "\\\\").replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(result.variables) + " |", "|" + "|".join("---" for _ in result.variables) + "|"]
    for row in result.rows:
        out.append("| " + " | ".join(esc(human(t, labels)) for t in row) + " |")
    return "\n".join(out) + "\n"


def render_delimited(result: QueryResult, delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if delimiter == "," else "\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([cell(t) for t in row])
    return buf.getvalue()


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def render_sparql_json(result: QueryResult) -> str:
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False) + "\n"


def render_sparql_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("  </head>")
    if result.form == "ASK":
        out.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            for v, t in zip(result.variables, row):
                if t is None:
                    continue
                if isinstance(t, URIRef):
                    inner = f"<uri>{escape(str(t))}</uri>"
                elif isinstance(t, BNode):
                    inner = f"<bnode>{escape(str(t))}</bnode>"
                elif isinstance(t, Literal) and t.language:
                    inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(str(t))}</literal>"
                elif isinstance(t, Literal) and t.datatype:
                    inner = f"<literal datatype={quoteattr(str(t.datatype))}>{escape(str(t))}</literal>"
                else:
                    inner = f"<literal>{escape(str(t))}</literal>"
                out.append(f"      <binding name={quoteattr(v)}>{inner}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def render_graph(result: QueryResult, fmt: str) -> str:
    assert result.graph is not None
    rdf_format = GRAPH_FORMATS.get(fmt)
    if rdf_format is None:
        raise UsageError(f"format {fmt!r} does not apply to a {result.form} result", field="--format",
                         hint=f"use one of {', '.join(sorted(GRAPH_FORMATS))}")
    g = result.graph
    bind_prefixes(g)
    if rdf_format == "nt":
        return "".join(sorted(line + "\n" for line in text_lines(g.serialize(format="nt"))))
    if rdf_format == "turtle":
        from kg.export import turtle_text  # (only graph results need the export's writer)

        return turtle_text(g)
    return g.serialize(format=rdf_format)


# A file's extension names its format when --format is not given, as `kg export -o` reads it.
ROW_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".srj": "sparql-json", ".srx": "sparql-xml",
                  ".md": "markdown"}
GRAPH_EXTENSIONS = {".ttl": "turtle", ".nt": "ntriples", ".rdf": "rdfxml", ".owl": "rdfxml", ".xml": "rdfxml",
                    ".jsonld": "json-ld"}


def default_format(result: QueryResult, is_terminal: bool, output: Path | None = None) -> str:
    """From the output file's extension, else Turtle for a graph, a table on a terminal, CSV in a pipe.
    An extension of the other kind of result (rows into .ttl) is an error, not CSV in a .ttl file."""
    graph = result.form in ("CONSTRUCT", "DESCRIBE")
    ext = output.suffix.lower() if output is not None else ""
    own, other = (GRAPH_EXTENSIONS, ROW_EXTENSIONS) if graph else (ROW_EXTENSIONS, GRAPH_EXTENSIONS)
    if ext in own:
        return own[ext]
    if ext in other:
        kind = "a graph (CONSTRUCT or DESCRIBE)" if graph else f"rows ({result.form})"
        raise UsageError(f"{output}: the query gives {kind}, which has no {other[ext]} form", field="--output",
                         hint=f"name the file {', '.join(sorted(own))}, or give --format")
    if graph:
        return "turtle"
    return "table" if is_terminal else "csv"


def render(result: QueryResult, fmt: str, labels: Mapping[str, str] | None = None) -> str:
    """One result in one format; a format that does not fit the result form is a usage error."""
    labels = labels or {}
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return render_graph(result, fmt)
    if fmt not in ROW_FORMATS:
        raise UsageError(f"unknown format {fmt!r} for a {result.form} result", field="--format",
                         hint=f"use one of {', '.join(ROW_FORMATS)}")
    if result.form == "ASK":
        if fmt == "sparql-json":
            return render_sparql_json(result)
        if fmt == "sparql-xml":
            return render_sparql_xml(result)
        if fmt == "json":
            return json.dumps(bool(result.boolean)) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return render_table(result, labels)
    if fmt == "markdown":
        return render_markdown(result, labels)
    if fmt == "csv":
        return render_delimited(result, ",")
    if fmt == "tsv":
        return render_delimited(result, "\t")
    if fmt == "json":
        return json.dumps([{v: (None if t is None else cell(t)) for v, t in zip(result.variables, row)}
                           for row in result.rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "sparql-json":
        return render_sparql_json(result)
    return render_sparql_xml(result)


from kg.files import write_atomic  # noqa: E402,F401  re-exported for callers of kg.output


def query_and_render(paths: "Paths", *, name: str | None = None, text: str | None = None, source: str = "query",
                     params: Mapping[str, str] | None = None, fmt: str | None = None, engine: str = "oxigraph",
                     endpoint: str | None = None, timeout: float = 30.0, lang: str = "en",
                     is_terminal: bool = False, output: Path | None = None) -> str:
    """What ``kg query`` does: run a stored or ad-hoc query and render it (labels for the human formats);
    ``output``, the file it will be written to, names the format when ``fmt`` does not."""
    from kg import queries

    text, stored, source = queries.resolve_query(paths, name=name, text=text, source=source)
    eng = queries.open_engine(paths, engine, endpoint=endpoint, timeout=timeout)
    result = queries.run(eng, text, params, stored=stored, source=source)
    fmt = fmt or default_format(result, is_terminal, output)
    labels: dict[str, str] = {}
    if fmt in ("table", "markdown") and result.form == "SELECT":
        iris = {str(t) for row in result.rows for t in row if isinstance(t, URIRef)}
        labels = queries.labels_for(eng, iris, lang)
    return render(result, fmt, labels)


def catalogue_listing(paths: "Paths", problems: list[KgError] | None = None) -> str:
    """``kg queries``: name, summary and parameters of every stored query, aligned (files that do not
    parse go to ``problems`` when given)."""
    from kg.queries import load_catalogue

    entries = load_catalogue(paths, problems)
    width = max((len(q.name) for q in entries), default=0)
    out = []
    for q in entries:
        out.append(f"{q.name.ljust(width)}  {q.summary}")
        if q.params:
            out.append(f"{' ' * width}    params: {', '.join(p.signature() for p in q.params)}")
    return "\n".join(out) + "\n"


def show_query(paths: "Paths", name: str) -> str:
    """``kg queries show NAME``: the header (as declared) and the text."""
    from kg.queries import get_stored_query

    q = get_stored_query(paths, name)
    return q.text if q.text.endswith("\n") else q.text + "\n"
