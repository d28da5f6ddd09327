"""Result formats: an aligned table for people, and csv, tsv, json, W3C SPARQL results, markdown, RDF.

Every format is deterministic for a given result; cells hold canonical lexical forms, so the same rows
from Oxigraph, rdflib or an endpoint print the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Mapping
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import KgError, UsageError
from kg.formats import FORMATS, GRAPH_RESULT_FORMATS, NAMES, ROW_FORMATS
from kg.iris import BASE, GRAPH, ID, PREFIXES, bind_prefixes
from kg.queries import QueryResult, Term
from kg.rdfio import text_lines

if TYPE_CHECKING:
    from kg.config import Paths

# A graph result's format, by any name kg.formats gives it (ttl, nt, json-ld...) -> rdflib's name of it
_RDFLIB_NAMES = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld"}
GRAPH_FORMATS = {name: _RDFLIB_NAMES[of] for name, of in NAMES.items() if of in GRAPH_RESULT_FORMATS}
TABLE_CELL_MAX = 100


def cell(term: Term | None) -> str:
    """The plain value of a term: IRI text, literal lexical form, empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


_ID_NS, _GRAPH_NS = str(ID), str(GRAPH)


def compact(iri: str) -> str:
    """An IRI for people: the project's ids as their path under the id namespace (``person/ana-lopez``,
    ``article/a1/tenure/t1``; graphs as ``graph/...``), which full would make a table several screens
    wide; else a prefixed name of a known prefix; else the IRI itself."""
    for ns in (_ID_NS, _GRAPH_NS):
        if iri.startswith(ns) and len(iri) > len(ns):
            return iri[len(ns if ns == _ID_NS else BASE):]
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


def render_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 results CSV: plain values (the terms' kinds are lost), RFC 4180 quoting, CRLF."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([cell(t) for t in row])
    return buf.getvalue()


# --- TSV: W3C SPARQL 1.1 results TSV (§3), every cell an RDF term as Turtle writes it ----------------

_TSV_STRING = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
# characters Turtle's IRIREF does not allow, written as UCHAR escapes (a tab would split the cell)
_TSV_IRI = str.maketrans({c: f"\\u{ord(c):04X}" for c in '<>"{}|^`\\' + "".join(map(chr, range(0x21)))})
# Turtle's bare numbers and booleans: a lexical form in this shape reads back as the same literal. A
# negative decimal is left in full: rdflib's readers fail on a bare one (-4.9: its Literal.__neg__ has no
# decimal case, rdflib issue #2962), and the full form is as valid.
_TURTLE_BARE = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.decimal): re.compile(r"\+?[0-9]*\.[0-9]+"),
    str(XSD.double): re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    str(XSD.boolean): re.compile(r"true|false"),
}


_BNODE_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def turtle_term(term: Term | None) -> str:
    """A term as Turtle and SPARQL write it (``<iri>``, ``_:b``, ``"x"@es``, ``"x"^^<dt>``, ``4.9``), empty
    when unbound. A number is bare only when the bare token reads back as the same datatype and lexical
    form: a decimal ``5`` stays ``"5"^^<...#decimal>``, since a bare ``5`` is an integer."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{str(term).translate(_TSV_IRI)}>"
    if isinstance(term, BNode):
        if _BNODE_LABEL.fullmatch(str(term)):
            return f"_:{term}"
        # (an endpoint's own labels, "nodeID://b10006", are no Turtle label: the same one always gives the same)
        return f"_:b{hashlib.sha1(str(term).encode('utf-8')).hexdigest()[:16]}"
    quoted = '"' + str(term).translate(_TSV_STRING) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    datatype = term.datatype
    if datatype is None or datatype == XSD.string:
        return quoted
    bare = _TURTLE_BARE.get(str(datatype))
    if bare is not None and bare.fullmatch(str(term)):
        return str(term)
    return f"{quoted}^^<{str(datatype).translate(_TSV_IRI)}>"


def render_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 results TSV: a header of ``?var``, then terms in Turtle syntax, tab-separated (the
    strings' tabs and line breaks escaped, so a cell never splits), an unbound cell empty, lines ending LF.
    Unlike CSV it keeps what each value is: IRI, blank node, language, datatype."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(map(turtle_term, row)) for row in result.rows]
    return "\n".join(lines) + "\n"


# --- JSON rows: numbers and booleans as JSON's own, everything else as text -------------------------

_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    str(XSD[name]): bounds for name, bounds in {
        "integer": (None, None), "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1),
        "byte": (-2**7, 2**7 - 1), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
        "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1), "unsignedLong": (0, 2**64 - 1),
        "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 2**8 - 1)}.items()}
_INTEGER_FORM = re.compile(r"([+-]?)([0-9]+)")
_DECIMAL_FORM = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?")
_DOUBLE_FORM = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?(?:([eE])([+-]?[0-9]+))?")
_FLOATS = (str(XSD.double), str(XSD.float))


def json_number(term: Literal) -> str | None:
    """The JSON text of a number or boolean literal, its digits as written (a decimal never goes through a
    float: ``4900000000.5`` stays exact); None when the datatype has no JSON counterpart or the lexical
    form is not valid for it (then the value is given as a string). NaN and INF have no JSON number."""
    datatype, lex = str(term.datatype), str(term)
    if datatype in _INTEGER_RANGES:
        match = _INTEGER_FORM.fullmatch(lex)
        if match is None:
            return None
        digits = match.group(2).lstrip("0") or "0"
        text = ("-" if match.group(1) == "-" and digits != "0" else "") + digits
        low, high = _INTEGER_RANGES[datatype]
        value = Decimal(text)  # (exact at any length, where int() refuses more than 4,300 digits)
        return text if (low is None or value >= low) and (high is None or value <= high) else None
    if datatype == str(XSD.boolean):
        return {"true": "true", "1": "true", "false": "false", "0": "false"}.get(lex)
    form = _DECIMAL_FORM if datatype == str(XSD.decimal) else _DOUBLE_FORM if datatype in _FLOATS else None
    match = form.fullmatch(lex) if form is not None else None
    if match is None or not (match.group(2) or match.group(3)):
        return None
    if form is _DOUBLE_FORM and not math.isfinite(float(lex)):  # (1e400: past a double's range)
        return None
    sign, whole, fraction = match.group(1), match.group(2).lstrip("0") or "0", match.group(3)
    text = ("-" if sign == "-" else "") + whole + (f".{fraction}" if fraction else "")
    return text + (f"{match.group(4)}{match.group(5)}" if form is _DOUBLE_FORM and match.group(4) else "")


def _json_value(term: Term | None) -> str:
    if term is None:
        return "null"
    if isinstance(term, Literal) and term.datatype is not None:
        number = json_number(term)
        if number is not None:
            return number
    return json.dumps(cell(term), ensure_ascii=False)


def render_json_rows(result: QueryResult) -> str:
    """A list of objects, one per row, the variables as keys in their order and null when unbound; laid
    out as ``json.dumps(indent=2)`` would, but written here, since the json module cannot write a decimal's
    exact digits as a number."""
    if not result.rows:
        return "[]\n"
    keys = [json.dumps(v, ensure_ascii=False) for v in result.variables]
    objects = ["  {\n" + ",\n".join(f"    {k}: {_json_value(t)}" for k, t in zip(keys, row)) + "\n  }"
               if keys else "  {}" for row in result.rows]
    return "[\n" + ",\n".join(objects) + "\n]\n"


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
GRAPH_EXTENSIONS = {ext: name for name in GRAPH_RESULT_FORMATS for ext in FORMATS[name][0] if ext not in ROW_EXTENSIONS}


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
        return render_csv(result)
    if fmt == "tsv":
        return render_tsv(result)
    if fmt == "json":
        return render_json_rows(result)
    if fmt == "sparql-json":
        return render_sparql_json(result)
    return render_sparql_xml(result)


from kg.files import write_atomic  # noqa: E402,F401  re-exported for callers of kg.output


def query_and_render(paths: "Paths", *, name: str | None = None, text: str | None = None, source: str = "query",
                     params: Mapping[str, str] | None = None, fmt: str | None = None, engine: str = "oxigraph",
                     endpoint: str | None = None, timeout: float = 30.0, lang: str = "en",
                     is_terminal: bool = False, output: Path | None = None, notes: list[str] | None = None,
                     limit: int | None = None, offset: int = 0, lang_given: bool = True) -> str:
    """What ``kg query`` does: run a stored or ad-hoc query and render it (labels for the human formats);
    ``output``, the file it will be written to, names the format when ``fmt`` does not. ``notes`` gets the
    notes for stderr (a parameter that named an entity but was bound as a string, when nothing matched;
    which rows a page holds; an ad-hoc query's terms the ontology does not declare). ``limit``/``offset`` cut a
    page of rows from the answer in its order, the same on every engine, so that a page never depends on how an
    engine would push a slice into its plan. ``lang``, when the user gave it (``lang_given``), is also the value of
    a stored query's ``lang`` parameter when ``params`` gives none (``--lang es`` lists Spanish labels in every
    format); else the query's own default stands."""
    from kg import queries

    text, stored, source = queries.resolve_query(paths, name=name, text=text, source=source)
    queries.check_assignments(params, stored)  # (before the build is looked for, as a mistyped name is)
    lang_param = stored.param("lang") if stored is not None else None
    if lang_given and lang_param is not None and lang_param.type in ("language", "string") \
            and "lang" not in (params or {}):
        params = {**(params or {}), "lang": lang}
    eng = queries.open_engine(paths, engine, endpoint=endpoint, timeout=timeout)
    form = queries.check_form(eng, text, source)  # (a page of a graph: refused before the query runs)
    if (limit is not None or offset) and form != "SELECT":
        raise UsageError(f"--limit and --offset page the rows of a SELECT; this query gives a {form} result",
                         field="--limit", hint="drop --limit/--offset, or write a LIMIT into the query")
    result = queries.run(eng, text, params, stored=stored, source=source)
    empty = not result.rows if result.form == "SELECT" else (
        not result.boolean if result.form == "ASK" else result.graph is None or len(result.graph) == 0)
    if notes is not None and params and empty:
        notes.extend(queries.string_param_notes(eng, params, stored))
    if notes is not None and name is None:  # (a stored query's terms are checked by its tests)
        try:
            notes.extend(queries.undeclared_term_notes(eng, text, source))
        except KgError:  # (an endpoint that fails the extra question: the rows were given, the note is extra)
            pass
    if limit is not None or offset:
        result, note = page(result, limit, offset)
        if notes is not None:
            notes.append(note)
    fmt = fmt or default_format(result, is_terminal, output)
    labels: dict[str, str] = {}
    if fmt in ("table", "markdown") and result.form == "SELECT":
        iris = {str(t) for row in result.rows for t in row if isinstance(t, URIRef)}
        labels = queries.labels_for(eng, iris, lang)
    return render(result, fmt, labels)


def page(result: QueryResult, limit: int | None, offset: int) -> tuple[QueryResult, str]:
    """Rows ``offset`` to ``offset + limit`` of a SELECT answer, and the note that says which rows of how
    many they are and how to get the next page."""
    total = len(result.rows)
    end = total if limit is None else min(total, offset + limit)
    rows = result.rows[offset:end]
    shown = f"rows {offset + 1:,}-{end:,} of {total:,}" if rows else f"no rows from --offset {offset:,} ({total:,} in all)"
    more = f"; next page: --offset {end}" if end < total else ""
    return replace(result, rows=rows), f"note: {shown}{more}"


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
