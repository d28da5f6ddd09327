"""Stored SPARQL queries: the catalogue, typed parameters, safety checks, and three engines.

A stored query is ``queries/<name>.rq`` with a header of ``#+`` lines (YAML) declaring ``summary``,
``description``, ``params`` and ``tags``. Parameter values are validated against their declared type and
bound as RDF terms (pyoxigraph ``substitutions``, rdflib ``initBindings``, or a VALUES block built from the
term's N-Triples form for a remote endpoint); the query text is never edited to carry a value.

Queries run over the build's list of graphs as one default graph holding each triple once (the RDF
merge), on every local engine: Oxigraph's own union returns a triple once per graph that holds it, which
would make engines disagree and counts wrong.
"""

from __future__ import annotations

from functools import lru_cache

import difflib
import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

import pyoxigraph as ox
import rdflib
import rdflib.plugins.sparql
import yaml
from pyparsing import ParseResults
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.config import Paths
from kg.errors import EndpointError, KgError, QueryError, RemoteRejected, UsageError
from kg.iris import BASE, CLASS_TO_KIND, CONCEPT_SCHEMES, ENTITY_KINDS, PREFIXES, UNIT_CODES, iri_problem, language_problem
from kg.ontology import iris_in  # (the IRIs of a query's algebra, as the check of the stored queries' terms reads them)
from kg.rdfio import decimal_text
from kg.store import open_read_only, read_manifest
from kg.yamlio import parse_yaml_text

# rdflib would otherwise fetch FROM/FROM NAMED graphs it does not hold over the network.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

PARAM_TYPES = ("iri", "class", "entity", "article", "concept", "unit", "string", "lang-string", "language", "integer",
               "decimal", "date", "year", "boolean")
_LITERAL_TYPES = ("string", "lang-string", "language", "integer", "decimal", "date", "year", "boolean")
HEADER_KEYS = {"summary", "description", "params", "tags"}
PARAM_KEYS = {"name", "type", "default", "required", "description", "scheme", "kinds"}
ENGINES = ("oxigraph", "rdflib")
ID_BASE = BASE + "id/"
VOCAB_BASE = BASE + "vocab/"
ONTOLOGY_NS = str(PREFIXES["kg"])
# The project's prefixes, known to every query without a PREFIX line, on every engine.
PREFIX_IRIS = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
from kg.http import ENV_PASSWORD, ENV_USER, server_message  # noqa: E402  one place for the variable names

Term = URIRef | Literal | BNode


# --- catalogue -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Param:
    """A declared parameter; ``default`` is a raw value parsed like a command-line one."""

    name: str
    type: str
    description: str = ""
    default: str | None = None
    required: bool = False
    scheme: str | None = None  # for type concept: measure, topic, role, ...
    kinds: tuple[str, ...] = ()  # for type entity: restrict to these IRI kinds (person, post, ...)

    def signature(self) -> str:
        text = f"{self.name}:{self.type}"
        if self.default is not None:
            text += f"={self.default}"
        elif self.required:
            text += " (required)"
        return text


@dataclass(frozen=True)
class StoredQuery:
    name: str
    text: str
    summary: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    tags: tuple[str, ...] = ()
    path: Path | None = None
    header: str = ""

    @property
    def body(self) -> str:
        """The SPARQL without the ``#+`` header (what the instance-literal test inspects)."""
        return "\n".join(line for line in self.text.splitlines() if not line.startswith("#+"))

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_stored_query(text: str, *, name: str, path: Path | None = None) -> StoredQuery:
    """Read the ``#+`` YAML header and keep the text; a malformed header names the file and line."""
    header_lines: list[str] = []
    first_line = 1
    for line in text.splitlines():
        if line.startswith("#+"):
            header_lines.append(line[2:].removeprefix(" "))
        elif header_lines or line.strip():
            break
        else:
            first_line += 1
    where = {"file": path or name}
    if not header_lines:
        raise QueryError("stored query has no `#+` header", line=1, hint="start the file with `#+ summary: ...`", **where)
    try:  # (read as fact files are: `default: 2025-02-30` is text to check, not a date YAML cannot build)
        meta = parse_yaml_text("\n".join(header_lines)) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + min(mark.line, len(header_lines) - 1) if mark is not None else first_line  # (not past the header)
        problem = getattr(err, "problem", None) or str(err)
        raise QueryError(f"malformed `#+` header: {problem}", line=line,
                         hint="the `#+` lines must be YAML", **where) from None
    if not isinstance(meta, dict):
        raise QueryError("malformed `#+` header: expected a mapping of summary/description/params/tags",
                         line=first_line, **where)
    unknown = set(meta) - HEADER_KEYS
    if unknown:
        raise QueryError(f"unknown header key(s) {sorted(unknown)}", line=first_line,
                         field=sorted(unknown)[0], hint=f"use {sorted(HEADER_KEYS)}", **where)
    if "summary" in meta and not isinstance(meta["summary"], str):
        raise QueryError("`summary` must be one line of text", line=first_line, field="summary",
                         hint="write `#+ summary: one line`", **where)
    if not isinstance(meta.get("summary"), str) or not meta["summary"].strip():
        raise QueryError("header lacks `summary`", line=first_line, field="summary",
                         hint="add `#+ summary: one line`", **where)
    params: list[Param] = []
    raw_params = meta.get("params") or []
    if not isinstance(raw_params, list):
        raise QueryError("`params` must be a list", line=first_line, field="params",
                         hint="e.g. #+ params: [{name: post, type: entity}]", **where)
    for i, raw in enumerate(raw_params):
        field_name = f"params[{i}]"
        line = first_line + getattr(raw, "line", 1) - 1  # (the parameter's own line, for every error below)
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise QueryError("a parameter needs a `name`", line=line, field=field_name, **where)
        bad = set(raw) - PARAM_KEYS
        if bad:
            raise QueryError(f"unknown parameter key(s) {sorted(bad)}", line=line, field=field_name,
                             hint=f"use {sorted(PARAM_KEYS)}", **where)
        pname = raw["name"]
        if not _VAR.match(pname):
            raise QueryError(f"parameter name {pname!r} is not a SPARQL variable name", line=line,
                             field=field_name, **where)
        ptype = raw.get("type")
        if ptype not in PARAM_TYPES:
            raise QueryError(f"parameter {pname!r} has unknown type {ptype!r}", line=line, field=field_name,
                             hint=f"use one of {', '.join(PARAM_TYPES)}", **where)
        scheme = raw.get("scheme")
        if ptype == "concept" and scheme not in CONCEPT_SCHEMES:
            raise QueryError(f"concept parameter {pname!r} needs `scheme:` one of {sorted(CONCEPT_SCHEMES)}",
                             line=line, field=field_name, **where)
        raw_kinds = raw.get("kinds") or []
        raw_kinds = [raw_kinds] if isinstance(raw_kinds, str) else raw_kinds
        if not isinstance(raw_kinds, list) or not all(isinstance(k, str) for k in raw_kinds):
            raise QueryError(f"parameter {pname!r}: `kinds` must be a list of kinds", line=line,
                             field=field_name, hint=f"e.g. kinds: [place]; kinds are {sorted(ENTITY_KINDS)}", **where)
        kinds = tuple(raw_kinds)
        if set(kinds) - ENTITY_KINDS:
            raise QueryError(f"parameter {pname!r}: unknown kinds {sorted(set(kinds) - ENTITY_KINDS)}",
                             line=line, field=field_name, hint=f"use {sorted(ENTITY_KINDS)}", **where)
        default = raw.get("default")
        if isinstance(default, (list, dict)):
            raise QueryError(f"parameter {pname!r}: `default` must be one value", line=line, field=field_name,
                             hint="e.g. default: canieti", **where)
        if not isinstance(raw.get("required", False), bool):
            raise QueryError(f"parameter {pname!r}: `required` must be true or false", line=line,
                             field=field_name, **where)
        if raw.get("required") and default is not None:
            raise QueryError(f"parameter {pname!r} is required and has a default", line=line, field=field_name,
                             hint="drop `required: true` (the default answers when -p is not given) or the default",
                             **where)
        param = Param(name=pname, type=ptype, description=str(raw.get("description") or ""),
                      default=None if default is None else str(default).lower() if isinstance(default, bool)
                      else str(default),
                      required=bool(raw.get("required", False)), scheme=scheme, kinds=kinds)
        _check_default(param, line=line, field=field_name, **where)
        params.append(param)
    names = [p.name for p in params]
    if len(names) != len(set(names)):
        raise QueryError("a parameter is declared twice", line=first_line, field="params", **where)
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QueryError("`tags` must be a list of words", line=first_line, field="tags", hint="e.g. #+ tags: [posts, time]",
                         **where)
    return StoredQuery(name=name, text=text, summary=meta["summary"].strip(),
                       description=str(meta.get("description") or "").strip(), params=tuple(params),
                       tags=tuple(str(t) for t in tags), path=path, header="\n".join(header_lines))


def _check_default(param: Param, **where: Any) -> None:
    """A default that does not parse is the query file's mistake, found when the catalogue is read (not
    blamed on a user who gave no -p). Types looked up in the graph (entities, concepts, ...) are checked
    when the query runs."""
    if param.default is None or param.type not in (*_LITERAL_TYPES, "iri"):
        return
    try:
        parse_iri(param, param.default) if param.type == "iri" else parse_literal(param, param.default)
    except UsageError as err:
        raise QueryError(f"parameter {param.name!r}: default {param.default!r} is not a valid {param.type}",
                         hint=err.hint,
                         **where) from None


def read_query_file(path: Path) -> str:
    """A query file's text; one that is not UTF-8 is a one-line error naming it, not a traceback."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read the query file: {err.strerror}", file=path) from None
    return read_query_text(data, str(path))


def read_query_text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")  # (a byte order mark, as editors on Windows write)
    except UnicodeDecodeError as err:
        raise QueryError(f"not UTF-8 text ({err.reason} at byte {err.start})", file=source,
                         hint="save the query as UTF-8") from None


def load_catalogue(paths: Paths, problems: list[KgError] | None = None) -> list[StoredQuery]:
    """Every ``queries/*.rq`` (not ``checks/``), sorted by name.

    With ``problems``, a file that does not parse is left out and its error added there, so that one bad
    header does not hide the rest of the catalogue; without, it is raised.
    """
    folder = paths.queries
    assert folder is not None
    if not folder.is_dir():
        raise QueryError("no query folder", file=folder, hint="pass --root or set KG_QUERIES")
    out = []
    for path in sorted(folder.glob("*.rq")):
        if not path.is_file():  # (a folder named x.rq is not a query)
            continue
        try:
            out.append(parse_stored_query(read_query_file(path), name=path.stem, path=path))
        except KgError as err:
            if problems is None:
                raise
            problems.append(err)
    return out


def get_stored_query(paths: Paths, name: str) -> StoredQuery:
    """One stored query by name; an unknown name suggests close ones."""
    folder = paths.queries
    assert folder is not None
    if not folder.is_dir():
        raise QueryError("no query folder", file=folder, hint="pass --root or set KG_QUERIES to the stored queries' folder")
    path = folder / f"{name}.rq"
    if not _NAME.match(name) or not path.is_file():
        names = sorted(p.stem for p in folder.glob("*.rq") if p.is_file())
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "run `kg queries` for the list"
        raise UsageError(f"unknown query {name!r}", hint=hint)
    return parse_stored_query(read_query_file(path), name=name, path=path)


# --- parsing and safety --------------------------------------------------------------------------

@dataclass
class QueryInfo:
    """What the safety check learnt from parsing."""

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    uses_graph: bool
    dataset: list[tuple[str, str]] = field(default_factory=list)  # (default|named, iri)
    # True when a triple counted twice cannot change the answer (SELECT DISTINCT without aggregates, ASK,
    # CONSTRUCT, DESCRIBE): Oxigraph may then read the graphs directly instead of a deduplicated copy.
    set_semantics: bool = False
    order: "_Order | None" = None  # a final ORDER BY that may be applied in Python (see ``_order_plan``)
    projected: frozenset[str] = frozenset()  # the top SELECT's variables (where a parameter is bound)
    hidden: frozenset[str] = frozenset()  # variables some subquery uses without projecting them
    star: tuple[str, ...] | None = None  # SELECT *: its columns, in the order ``_star_columns`` gives
    # the project's prefixes (kg.iris.PREFIXES) the query writes without declaring them: every engine knows
    # them, and an endpoint is sent their PREFIX declarations (``with_prefixes``)
    implicit_prefixes: tuple[str, ...] = ()
    ontology_terms: frozenset[str] = frozenset()  # the IRIs of the ontology's namespace the query names


_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


def _walk(node: Any) -> Iterable[CompValue]:
    stack = [node]
    seen: set[int] = set()
    while stack:
        cur = stack.pop()
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        if isinstance(cur, CompValue):
            yield cur
            stack.extend(cur.values())
        elif isinstance(cur, (list, tuple)):
            stack.extend(cur)
        elif isinstance(cur, dict):
            stack.extend(cur.values())


def check_query(text: str, allowed_graphs: Iterable[str] | None, *, source: str = "query") -> QueryInfo:
    """Parse, then refuse what a local engine must not do: updates, SERVICE, foreign FROM / FROM NAMED.

    Done on the parsed algebra, not the text, so comments and strings cannot hide or fake a keyword.
    rdflib's parser costs far more than Oxigraph's execution, so a verdict is remembered per query text.
    """
    allowed = tuple(sorted(allowed_graphs)) if allowed_graphs is not None else None
    return _check_query_cached(text, allowed, source)


@lru_cache(maxsize=512)
def _check_query_cached(text: str, allowed_graphs: tuple[str, ...] | None, source: str) -> QueryInfo:
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):  # (blank or comments)
        raise QueryError("empty query", file=source, hint="give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    try:
        parsed = parseQuery(text)
    except Exception as err:  # pyparsing.ParseException carries lineno/col
        try:
            parseUpdate(text)
        except Exception:
            pass
        else:
            raise QueryError("update queries are refused: queries never change the graph", file=source,
                             hint="use a SELECT, ASK, CONSTRUCT or DESCRIBE query") from None
        line = getattr(err, "lineno", None)
        col = getattr(err, "col", None)
        msg = getattr(err, "msg", None) or str(err).splitlines()[0]
        pos = f" at line {line}, column {col}" if line else ""
        raise QueryError(f"SPARQL syntax error{pos}: {msg}", file=source, line=line,
                         hint="check the query near that position") from None
    declared = {str(dict.get(decl, "prefix") or "") for decl in parsed[0] if getattr(decl, "name", None) == "PrefixDecl"}
    used = _prefixes_written(parsed[-1])
    unknown = sorted(used - declared - set(PREFIX_IRIS))
    if unknown:  # (rdflib's parser knows foaf:, dc:, its own schema: ..., which no other engine does)
        raise QueryError(f"SPARQL error: unknown namespace prefix '{unknown[0]}:'", file=source,
                         hint=f"declare the prefix with PREFIX; these need no declaration: {', '.join(PREFIX_IRIS)}")
    try:  # (the project's prefixes need no declaration; one the query declares wins)
        query = translateQuery(parsed, initNs=PREFIX_IRIS)
    except Exception as err:
        text_err = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise QueryError(f"SPARQL error: {text_err}", file=source) from None
    algebra = query.algebra
    form = _FORMS.get(algebra.name, algebra.name)
    uses_graph = False
    for node in _walk(algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryError(f"SERVICE is refused: no query of kg reaches another server through it ({node.get('term')})",
                             file=source, hint="query that server directly, without SERVICE: kg query --endpoint URL")
        if node.name == "Graph":
            uses_graph = True
    set_semantics = form in ("ASK", "CONSTRUCT", "DESCRIBE") or (form == "SELECT" and _duplicates_invisible(algebra))
    dataset: list[tuple[str, str]] = []
    allowed = set(allowed_graphs) if allowed_graphs is not None else None
    for clause in algebra.get("datasetClause") or []:
        # CompValue.get returns the key itself when it is absent: test membership instead
        kind = "default" if "default" in clause else "named"
        iri = str(dict.get(clause, kind))
        if allowed is not None and iri not in allowed:
            keyword = "FROM" if kind == "default" else "FROM NAMED"
            raise QueryError(f"{keyword} <{iri}> is refused: not one of the build's graphs", file=source,
                             hint="use a graph listed by the build manifest, or drop the clause")
        dataset.append((kind, iri))
    if dataset:
        uses_graph = True
    return QueryInfo(form=form, uses_graph=uses_graph, dataset=dataset, set_semantics=set_semantics,
                     order=_order_plan(text, algebra), projected=frozenset(str(v) for v in algebra.get("PV") or []),
                     hidden=_hidden_in_subqueries(algebra), star=_star_columns(parsed[-1]),
                     implicit_prefixes=tuple(p for p in PREFIX_IRIS if p in used and p not in declared),
                     ontology_terms=frozenset(str(i) for i in iris_in(algebra) if i.startswith(ONTOLOGY_NS)))


def _prefixes_written(node: Any) -> set[str]:
    """The prefixes of the prefixed names a parsed query writes (``kg:edition``, ``STR(kg:)``)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, CompValue):
            if cur.name == "pname":
                found.add(str(dict.get(cur, "prefix") or ""))
            else:
                stack.extend(cur.values())
        elif isinstance(cur, (list, tuple, ParseResults)):
            stack.extend(cur)
    return found


_NOT_IN_SCOPE = ("Filter", "MinusGraphPattern")  # (EXISTS and NOT EXISTS live in a Filter's expression)


def _star_columns(query: CompValue) -> tuple[str, ...] | None:
    """The columns of a ``SELECT *``: the variables in scope (SPARQL 1.1, 18.2.1), in the order they first
    appear in the query. The recommendation fixes the set, not the order; Oxigraph sorts the names and
    rdflib gives the order of a Python set (another at each run) with FILTER's and MINUS's variables
    added, so without this one order the same query printed different columns per engine and per run.

    Read from the parse tree, which keeps the text's order (the algebra reorders triple patterns)."""
    if getattr(query, "name", None) != "SelectQuery" or "projection" in query:
        return None
    found: dict[str, None] = {}

    def visit(node: Any) -> None:
        if isinstance(node, rdflib.term.Variable):
            found.setdefault(str(node))
        elif isinstance(node, CompValue):
            if node.name in _NOT_IN_SCOPE:
                return
            if node.name == "Bind":  # (the expression's variables are not bound by it)
                visit(dict.get(node, "var"))
            elif node.name == "SubSelect":  # (its projection, or for its own SELECT *, its pattern's)
                if "projection" in node:
                    for item in node["projection"]:
                        visit(dict.get(item, "var") or dict.get(item, "evar"))
                else:
                    visit(dict.get(node, "where"))
                    visit(dict.get(node, "valuesClause"))
            else:
                for value in node.values():
                    visit(value)
        elif not isinstance(node, str) and hasattr(node, "__iter__"):  # (pyparsing's ParseResults, lists)
            for item in node:
                visit(item)

    visit(dict.get(query, "where"))
    visit(dict.get(query, "valuesClause"))
    return tuple(found)


def _star_order(info: QueryInfo, variables: list[str],
                rows: list[tuple[Term | None, ...]]) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    """A ``SELECT *`` result's columns in ``info.star``'s order, whatever order the engine gave. A column
    out of scope (rdflib's for a variable of FILTER or MINUS) is dropped when it is unbound in every row,
    as it must be; should one ever hold a value, it is kept, last."""
    if info.star is None or list(info.star) == variables:
        return variables, rows
    position = {v: i for i, v in enumerate(variables)}
    order = [v for v in info.star if v in position]
    order += sorted(v for v in variables if v not in order and any(row[position[v]] is not None for row in rows))
    if order == variables:
        return variables, rows
    picks = [position[v] for v in order]
    return order, [tuple(row[i] for i in picks) for row in rows]


_INSENSITIVE = ("Aggregate_Min", "Aggregate_Max", "Aggregate_Sample")


def _duplicates_invisible(algebra: CompValue) -> bool:
    """Whether a SELECT's answer is the same when a triple is counted once per graph that holds it.

    True when the top solution sequence is made distinct (DISTINCT, or one row per GROUP BY key), every
    aggregate ignores multiplicity (MIN, MAX, SAMPLE, or DISTINCT), and no inner LIMIT/OFFSET picks
    rows out of a multiset.
    """
    top = algebra.get("p")
    if isinstance(top, CompValue) and top.name == "Slice":
        top = top.get("p")
    while isinstance(top, CompValue) and top.name in ("Project", "OrderBy", "Extend", "Filter", "ToMultiSet"):
        top = top.get("p")
    if not (isinstance(top, CompValue) and top.name in ("Distinct", "AggregateJoin")):
        return False
    for node in _walk(top):
        if node.name == "Slice":
            return False
        if node.name == "AggregateJoin":
            for agg in node.get("A") or []:
                if agg.name not in _INSENSITIVE and agg.get("distinct") != "DISTINCT":
                    return False
    return True


# --- terms ---------------------------------------------------------------------------------------

def canonical_literal(lit: Literal) -> Literal:
    """Canonical lexical form for numbers and booleans, so Oxigraph ("1") and rdflib ("1.0") agree."""
    dt = lit.datatype
    lex = str(lit)
    if dt is None:
        return lit
    if dt == XSD.string:
        return Literal(lex)
    try:
        if dt == XSD.decimal:
            return Literal(decimal_text(Decimal(lex.strip())), datatype=dt, normalize=False)
        if dt in (XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger):
            return Literal(str(int(lex.strip())), datatype=dt, normalize=False)
        if dt == XSD.boolean:
            return Literal("true" if lex.strip() in ("true", "1") else "false", datatype=dt, normalize=False)
    except (InvalidOperation, ValueError):
        return lit
    return Literal(lex, datatype=dt, normalize=False)


_XSD_STRING, _XSD_INTEGER = str(XSD.string), str(XSD.integer)


def from_ox(term: Any) -> Term | None:
    # IRIs, strings and integers, most of any listing, directly: each rdflib Literal made on the general path below
    # is parsed and normalized again (three per string), the larger part of reading 10,000 rows.
    kind = type(term)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.Literal:
        # (normalize=False: a string's normal form is itself, and rdflib's search for it was a third of the time)
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value, normalize=False)
        if datatype == _XSD_INTEGER:  # (what canonical_literal makes of it on the general path)
            try:
                return Literal(str(int(term.value.strip())), datatype=XSD.integer, normalize=False)
            except ValueError:
                pass
    return _from_ox_general(term)


def _from_ox_general(term: Any) -> Term | None:
    from kg.rdfio import to_rdflib

    try:
        node = to_rdflib(term)
    except TypeError:
        raise QueryError(f"unsupported result term {term!r}") from None
    if isinstance(node, Literal) and node.datatype is not None:
        return canonical_literal(node)
    return node  # type: ignore[return-value]


def to_ox(term: Term) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def normalize_term(term: Any) -> Term | None:
    if isinstance(term, Literal):
        return canonical_literal(term)
    return term


def fold(text: str) -> str:
    """Case- and accent-insensitive key for matching names (Víctor = victor, Fácil = facil)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("’", "'").split())


# Spanish post nouns, and the adjectives written with them, in their feminine and masculine forms: a user who
# asks for "la presidenta de CANIETI" means the post a curator labelled "presidente de CANIETI", and the other
# way round. A small explicit list, not a stemmer: "secretaria" (a woman secretary) is "secretario", but
# "secretaría" (a ministry: the accent is written) is no post noun and is left as it is, and no word outside
# the list changes ("la" inside a name, "general", "nacional").
POST_GENDER = {
    "presidenta": "presidente", "vicepresidenta": "vicepresidente", "expresidenta": "expresidente",
    "directora": "director", "subdirectora": "subdirector", "codirectora": "codirector",
    "secretaria": "secretario", "subsecretaria": "subsecretario", "prosecretaria": "prosecretario",
    "coordinadora": "coordinador", "subcoordinadora": "subcoordinador", "tesorera": "tesorero",
    "protesorera": "protesorero", "consejera": "consejero", "comisionada": "comisionado", "delegada": "delegado",
    "subdelegada": "subdelegado", "gobernadora": "gobernador", "embajadora": "embajador", "ministra": "ministro",
    "diputada": "diputado", "senadora": "senador", "jefa": "jefe", "gerenta": "gerente", "subgerenta": "subgerente",
    "administradora": "administrador", "fundadora": "fundador", "cofundadora": "cofundador", "asesora": "asesor",
    "rectora": "rector", "vicerrectora": "vicerrector", "procuradora": "procurador", "contralora": "contralor",
    "auditora": "auditor", "encargada": "encargado", "vocera": "vocero", "investigadora": "investigador",
    "alcaldesa": "alcalde", "consultora": "consultor", "gestora": "gestor", "promotora": "promotor",
    # adjectives of a post's name
    "ejecutiva": "ejecutivo", "adjunta": "adjunto", "electa": "electo", "interina": "interino",
    "honoraria": "honorario", "primera": "primer", "segunda": "segundo", "tercera": "tercer",
    # English titles that write a gender ("chairwoman" is the "chairman" post; "chair" stays itself)
    "chairwoman": "chairman", "spokeswoman": "spokesman", "congresswoman": "congressman", "councilwoman": "councilman",
    "alderwoman": "alderman", "ombudswoman": "ombudsman", "forewoman": "foreman",
}
_LEADING_ARTICLE = re.compile(r"^(?:el|la|los|las|the)\s+")


def post_key(name: str) -> str:
    """A post's name with its gender set aside: the words of ``POST_GENDER`` in the masculine and a leading
    article dropped, then folded ("La Presidenta Ejecutiva de ACME" = "presidente ejecutivo de acme"). The
    accents are read before folding, so "Secretaría de Economía" (a ministry) stays apart from "Secretaria de
    Economía" (a secretary, = "Secretario de Economía")."""
    text = _LEADING_ARTICLE.sub("", " ".join(unicodedata.normalize("NFC", name).casefold().split()))
    return fold(re.sub(r"[^\W\d_]+", lambda m: POST_GENDER.get(m.group(), m.group()), text))


# --- results -------------------------------------------------------------------------------------

@dataclass
class QueryResult:
    """Rows of rdflib terms (None = unbound); or a boolean (ASK); or a graph (CONSTRUCT/DESCRIBE)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None

    def dicts(self) -> list[dict[str, Term | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


# --- engines -------------------------------------------------------------------------------------

class Engine(Protocol):
    name: str
    graphs: list[str] | None

    def execute(self, text: str, info: QueryInfo, bindings: Mapping[str, Term]) -> QueryResult: ...

    def mentions(self, iri: str) -> bool:
        """Whether the graph the queries read holds the IRI as subject or object."""
        ...


def sparql_mentions(engine: Engine, iri: str) -> bool:
    """``Engine.mentions`` as a SPARQL probe, for the engines that have nothing faster."""
    q = "SELECT ?iri WHERE { { ?iri ?p ?o } UNION { ?s ?p ?iri } } LIMIT 1"
    res = engine.execute(q, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {"iri": URIRef(iri)})
    return bool(res.rows)


def _ox_result(raw: Any, info: QueryInfo) -> QueryResult:
    if info.form == "ASK":
        return QueryResult(form="ASK", boolean=bool(raw))
    if info.form in ("CONSTRUCT", "DESCRIBE"):
        g = rdflib.Graph()
        for t in raw:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return QueryResult(form=info.form, graph=g)
    variables = [v.value for v in raw.variables]
    seen: dict[Any, Term | None] = {}  # listings repeat their terms (kinds, statuses, articles): convert each once

    def convert(term: Any) -> Term | None:
        if term is None:
            return None
        node = seen.get(term)
        if node is None:
            node = seen[term] = from_ox(term)
        return node

    # (a solution iterates over its values in the order of raw.variables, None when unbound: faster than by name)
    rows = [tuple(map(convert, sol)) for sol in raw]
    return QueryResult(form="SELECT", variables=variables, rows=rows)


# --- ORDER BY in Python --------------------------------------------------------------------------
# Oxigraph decodes both strings from its dictionary at every comparison of a sort: for listings of
# thousands of rows the final ORDER BY was half the query's time. A SELECT that ends with ORDER BY on
# projected variables is run without it, and its rows, already decoded, are sorted here by the order
# SPARQL 1.1 (15.1) defines: unbound, blank nodes, IRIs, then literals; integers and decimals by value,
# strings by code point, booleans, and dates and years without time zone by value. A key this module
# cannot order as SPARQL does (floats and doubles, whose promotion rules differ from exact decimals;
# date-times; time zones) gives the query back to Oxigraph whole. Where SPARQL leaves the order open
# (a number against a string, a language-tagged string, datatypes nothing compares), the order chosen
# here is fixed, so a listing stays the same from one run to the next.

_ORDER_TAIL = re.compile(r"\bORDER\s+BY((?:\s*(?:\?[A-Za-z_]\w*|(?:ASC|DESC)\s*\(\s*\?[A-Za-z_]\w*\s*\)))+)\s*\Z",
                         re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?([A-Za-z_]\w*)", re.IGNORECASE)
_EXACT = frozenset(str(XSD[t]) for t in (
    "integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
_DECIMAL_FORM = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_UNSURE = frozenset(str(XSD[t]) for t in ("float", "double", "dateTime", "dateTimeStamp", "time", "duration",
                                          "dayTimeDuration", "yearMonthDuration"))
# dates and Gregorian years, months, days: compared by their text when it has no time zone and a
# four-digit, non-negative year (then text order is time order)
_DATES = {str(XSD.date): re.compile(r"\d{4}-\d{2}-\d{2}"), str(XSD.gYear): re.compile(r"\d{4}"),
          str(XSD.gYearMonth): re.compile(r"\d{4}-\d{2}"), str(XSD.gMonthDay): re.compile(r"--\d{2}-\d{2}"),
          str(XSD.gMonth): re.compile(r"--\d{2}"), str(XSD.gDay): re.compile(r"---\d{2}")}
_DATE_ZONE = re.compile(r".*(?:Z|[+-]\d{2}:\d{2})")
_XSD_BOOLEAN, _XSD_DECIMAL = str(XSD.boolean), str(XSD.decimal)


class _Unsure(Exception):
    """A key whose SPARQL order this module does not reproduce: Oxigraph sorts that query."""


@dataclass(frozen=True)
class _Order:
    text: str  # the query without its final ORDER BY
    keys: tuple[tuple[str, bool], ...]  # (variable, descending), most significant first


def _order_plan(text: str, algebra: CompValue) -> _Order | None:
    """The query's final ORDER BY when it can be applied to the decoded rows: a SELECT whose solution
    modifiers end with it (no LIMIT or OFFSET after), ordering by projected variables only. Made from
    the algebra ``check_query`` parsed: the text's tail and the algebra's top OrderBy must name the same
    keys, so that a comment or a subquery cannot pass for it."""
    match = _ORDER_TAIL.search(text)
    if match is None or algebra.name != "SelectQuery":
        return None
    keys = tuple((name, (way or "").upper() == "DESC") for way, name in _ORDER_KEY.findall(match.group(1)))
    projected = {str(v) for v in algebra.get("PV") or []}
    node = algebra.get("p")
    while isinstance(node, CompValue) and node.name in ("Distinct", "Reduced", "Project"):
        node = node.get("p")
    if not (isinstance(node, CompValue) and node.name == "OrderBy"):
        return None
    conditions = []
    for cond in node.get("expr") or []:
        if isinstance(cond, rdflib.term.Variable):
            conditions.append((str(cond), False))
        elif isinstance(cond, CompValue) and isinstance(cond.get("expr"), rdflib.term.Variable):
            conditions.append((str(cond.get("expr")), cond.get("order") == "DESC"))
        else:
            return None
    if tuple(conditions) != keys or any(name not in projected for name, _desc in keys):
        return None
    return _Order(text=text[:match.start()], keys=keys)


def _order_key(term: Term | None) -> tuple:
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, URIRef):
        return (2, str(term))
    assert isinstance(term, Literal)
    text = str(term)
    if term.language:  # (with the strings, as Oxigraph puts them)
        return (3, 1, text, term.language)
    datatype = str(term.datatype) if term.datatype is not None else None
    if datatype is None or datatype == _XSD_STRING:
        return (3, 1, text, "")
    if datatype in _EXACT:
        if _DECIMAL_FORM.fullmatch(text.strip()) and (datatype == _XSD_DECIMAL or "." not in text):
            return (3, 0, Decimal(text.strip()))
        return (3, 9, datatype, text)  # ill-typed: compares with nothing
    if datatype == _XSD_BOOLEAN and text in ("true", "false", "1", "0"):
        return (3, 2, text in ("true", "1"))
    if datatype in _DATES:
        if _DATES[datatype].fullmatch(text):
            return (3, 3, datatype, text)
        if _DATE_ZONE.fullmatch(text) or text.startswith("-") or re.match(r"\d{5}", text):
            raise _Unsure(text)
        return (3, 9, datatype, text)
    if datatype in _UNSURE:
        raise _Unsure(text)
    return (3, 9, datatype, text)


def sort_rows(variables: list[str], rows: list[tuple[Term | None, ...]],
              keys: tuple[tuple[str, bool], ...]) -> list[tuple[Term | None, ...]]:
    """``rows`` in the order of ``keys`` (stable: rows equal on every key keep their order). A key that
    is not a column is unbound in every row and orders nothing. Raises ``_Unsure`` for a value whose
    SPARQL order is not reproduced here."""
    cache: dict[int, tuple] = {}  # by identity: _ox_result makes one object per distinct term (rdflib's
    # Literal hashing and equality cost more than the key itself); the rows keep every term alive meanwhile

    def key_of(term: Term | None) -> tuple:
        found = cache.get(id(term))
        if found is None:
            found = cache[id(term)] = _order_key(term)
        return found

    positions = [(variables.index(name), desc) for name, desc in keys if name in variables]
    out = list(rows)
    if not any(desc for _i, desc in positions):
        out.sort(key=lambda row: [key_of(row[i]) for i, _desc in positions])
        return out
    for i, desc in reversed(positions):  # one stable sort per key, least significant first
        out.sort(key=lambda row: key_of(row[i]), reverse=desc)
    return out


class OxigraphEngine:
    """The embedded store, opened read-only.

    Its default graph for a query is a deduplicated copy of the build's graphs held in memory (built once
    per engine): passing the graphs as ``default_graph=[...]`` would return a triple once per graph.
    """

    name = "oxigraph"

    def __init__(self, paths: Paths, *, union: bool = True) -> None:
        """``union=False`` never reads the union of the store's graphs (the other two ways give the same
        answers, slower: tests compare them)."""
        self.paths = paths
        self.store = open_read_only(paths)
        self.graphs: list[str] | None = read_manifest(paths).graph_iris
        self._merged: ox.Store | None = None
        self._merged_named = False
        # When the store holds exactly the build's graphs, "the union of all graphs" is one index scan,
        # where a list of thousands of graphs is one lookup per graph for every triple pattern.
        self.union = union and (not any(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
                                and {g.value for g in self.store.named_graphs()} == set(self.graphs or []))
        self._graph_set = None if self.union else set(self.graphs or [])  # (``mentions`` keeps quads of these)

    def mentions(self, iri: str) -> bool:
        """Whether a build graph holds the IRI as subject or object: two index scans (their quads kept
        to the manifest's graphs unless the store's union is the build), where ``sparql_mentions``
        costs a parse and a plan each (0.1 ms; eleven per entity id)."""
        node = ox.NamedNode(iri)
        wanted = self._graph_set
        for quads in (self.store.quads_for_pattern(node, None, None), self.store.quads_for_pattern(None, None, node)):
            for quad in quads:
                if wanted is None or (isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value in wanted):
                    return True
        return False

    def _view(self, named: bool) -> ox.Store:
        if self._merged is None:
            merged = ox.Store()
            for g in self.graphs or []:
                merged.bulk_extend(ox.Quad(q.subject, q.predicate, q.object)
                                   for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            self._merged = merged
        if named and not self._merged_named:
            for g in self.graphs or []:
                self._merged.bulk_extend(self.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            self._merged_named = True
        return self._merged

    def execute(self, text: str, info: QueryInfo, bindings: Mapping[str, Term]) -> QueryResult:
        kwargs: dict[str, Any] = {"prefixes": PREFIX_IRIS}  # (the query's own PREFIX lines win)
        union = info.set_semantics and self.union and not info.dataset
        if union:
            store = self.store  # the default graph is the union, the named graphs all of the store's
            kwargs["use_default_graph_as_union"] = True
        elif info.set_semantics and self._merged is None:
            # duplicates across graphs cannot change this answer: read the build's graphs in place
            store = self.store
            if not info.dataset:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in self.graphs or []]
        else:
            store = self._view(named=info.uses_graph)
        if info.uses_graph and not union:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in self.graphs or []]
        subs = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
        order = info.order
        try:
            raw = store.query(order.text if order else text, substitutions=subs or None, **kwargs)
            result = _ox_result(raw, info)
            if order is not None:
                try:
                    result.rows = sort_rows(result.variables, result.rows, order.keys)
                except _Unsure:  # (a float, a date-time, a time zone among the keys)
                    result = _ox_result(store.query(text, substitutions=subs or None, **kwargs), info)
            return result
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}", hint="check the query near that position") from None
        except RuntimeError as err:
            raise QueryError(f"query failed on oxigraph: {err}") from None


class RdflibEngine:
    """rdflib over the same build: the build's graphs loaded from the store's N-Quads dump.

    rdflib's default graph over a Dataset is the union of its graphs, holding each triple once.
    """

    name = "rdflib"

    def __init__(self, paths: Paths) -> None:
        store = open_read_only(paths)
        self.graphs: list[str] | None = read_manifest(paths).graph_iris
        self.dataset = rdflib.Dataset(default_union=True)
        for g in self.graphs:
            data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g))
            if data:
                self.dataset.graph(URIRef(g)).parse(data=data.decode("utf-8"), format="nt")

    def mentions(self, iri: str) -> bool:
        return sparql_mentions(self, iri)

    def execute(self, text: str, info: QueryInfo, bindings: Mapping[str, Term]) -> QueryResult:
        # rdflib evaluates lazily: errors surface while iterating, so convert inside the guard
        try:
            return self._execute(text, info, bindings)
        except KgError:
            raise
        except Exception as err:
            raise QueryError(f"query failed on rdflib: {str(err).splitlines()[0] if str(err) else type(err).__name__}") from None

    def _execute(self, text: str, info: QueryInfo, bindings: Mapping[str, Term]) -> QueryResult:
        # (initNs: the project's prefixes, as on every engine, in place of rdflib's own bindings, which differ:
        # its schema: is https://schema.org/; the query's own PREFIX lines win)
        res = self.dataset.query(text, initBindings=dict(bindings), initNs=PREFIX_IRIS)
        if info.form == "ASK":
            return QueryResult(form="ASK", boolean=bool(res.askAnswer))
        if info.form in ("CONSTRUCT", "DESCRIBE"):
            g = rdflib.Graph()
            for t in res:
                g.add(tuple(normalize_term(x) for x in t))  # type: ignore[arg-type]
            return QueryResult(form=info.form, graph=g)
        variables = [str(v) for v in res.vars or []]
        rows = [tuple(normalize_term(row[i]) for i in range(len(variables))) for row in res]
        return QueryResult(form="SELECT", variables=variables, rows=rows)


def _nt(term: Term) -> str:
    """The N-Triples form (pyoxigraph prints terms so), never Turtle's long strings or prefixed names."""
    return str(to_ox(term))


class EndpointEngine:
    """Any SPARQL 1.1 endpoint (protocol over HTTP). Credentials come only from the environment."""

    name = "endpoint"

    def __init__(self, url: str, *, timeout: float = 30.0, graphs: list[str] | None = None) -> None:
        from kg.http import check_endpoint_url

        # Credentials never travel in the URL (it ends up in messages and shell history): the
        # environment supplies them, as for `kg load`.
        self.url = check_endpoint_url(url)
        self.timeout = timeout
        self.graphs = graphs

    def mentions(self, iri: str) -> bool:
        return sparql_mentions(self, iri)

    def _auth(self) -> object | None:
        from kg.http import credentials_from_env

        creds = credentials_from_env()
        return creds.auth() if creds is not None else None

    def execute(self, text: str, info: QueryInfo, bindings: Mapping[str, Term]) -> QueryResult:
        import requests

        if bindings:
            text = values_block_query(text, bindings)
        text = with_prefixes(text, info.implicit_prefixes)
        accept = ("application/sparql-results+json" if info.form in ("SELECT", "ASK")
                  else "application/n-triples")
        data: list[tuple[str, str]] = [("query", text)]
        if self.graphs is not None and not info.dataset:
            data += [("default-graph-uri", g) for g in self.graphs]
            if info.uses_graph:
                data += [("named-graph-uri", g) for g in self.graphs]
        try:
            resp = requests.post(self.url, data=data, headers={"Accept": accept}, timeout=self.timeout,
                                 auth=self._auth())
        except requests.Timeout:
            raise EndpointError(f"endpoint {self.url} did not answer within {self.timeout:g} s",
                                hint="raise --timeout or check the server") from None
        except requests.RequestException as err:
            raise EndpointError(f"endpoint {self.url} is unreachable ({type(err).__name__})",
                                hint="check the URL and that the server is running") from None
        if resp.status_code in (401, 403):
            raise RemoteRejected(f"endpoint {self.url} refused the credentials (HTTP {resp.status_code})",
                                 hint=f"set {ENV_USER} and {ENV_PASSWORD}")
        if resp.status_code >= 400:
            raise RemoteRejected(f"endpoint {self.url} answered HTTP {resp.status_code}: {server_message(resp)}",
                                 hint="check that the URL is the server's SPARQL query service (kg load --server says where it is)")
        if info.form in ("CONSTRUCT", "DESCRIBE"):
            g = rdflib.Graph()
            try:
                g.parse(data=resp.text, format="nt")
            except Exception as err:  # noqa: BLE001 - whatever a remote server sends: its message, not a traceback
                raise RemoteRejected(f"endpoint {self.url} did not answer with N-Triples ({type(err).__name__}: "
                                     f"{str(err).splitlines()[0] if str(err) else ''})") from None
            out = rdflib.Graph()
            for t in g:
                out.add(tuple(normalize_term(x) for x in t))  # type: ignore[arg-type]
            return QueryResult(form=info.form, graph=out)
        try:
            payload = resp.json()
        except ValueError:
            raise RemoteRejected(f"endpoint {self.url} did not answer with SPARQL results JSON") from None
        try:
            if info.form == "ASK":
                return QueryResult(form="ASK", boolean=bool(payload.get("boolean")))
            variables = list(payload.get("head", {}).get("vars", []))
            if not all(isinstance(v, str) for v in variables):
                raise TypeError("a variable name that is not text")
            rows = [tuple(_json_term(b.get(v)) for v in variables) for b in payload.get("results", {}).get("bindings", [])]
        except (AttributeError, KeyError, TypeError, ValueError):  # JSON, not of SPARQL results' shape
            raise RemoteRejected(f"endpoint {self.url} did not answer with SPARQL results JSON") from None
        return QueryResult(form="SELECT", variables=variables, rows=rows)


def _json_term(value: Mapping[str, str] | None) -> Term | None:
    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    if value.get("datatype"):
        return canonical_literal(Literal(value["value"], datatype=URIRef(value["datatype"]), normalize=False))
    return Literal(value["value"])


def with_prefixes(text: str, prefixes: Iterable[str]) -> str:
    """The query with PREFIX declarations of these project prefixes, for a server that knows none of them
    (those a query writes without declaring: ``QueryInfo.implicit_prefixes``). Set before the first line,
    on it, so that every line keeps its number in the server's messages."""
    declarations = "".join(f"PREFIX {p}: <{PREFIX_IRIS[p]}> " for p in prefixes)
    return declarations + text


_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


def values_block_query(text: str, bindings: Mapping[str, Term]) -> str:
    """Insert ``VALUES (?a ?b) { (<x> "y") }`` at the start of the WHERE group.

    The values are N-Triples terms of validated parameters (``Term.n3()``), so they are data, never SPARQL.
    Placed first in the WHERE group so FILTERs of that group see them, as substitution would.
    """
    pos = _where_brace(text)
    names = " ".join(f"?{k}" for k in bindings)
    vals = " ".join(_nt(v) for v in bindings.values())
    block = f" VALUES ({names}) {{ ({vals}) }} "
    return text[: pos + 1] + block + text[pos + 1:]


def _where_brace(text: str) -> int:
    """Offset of the ``{`` opening the WHERE group, skipping comments, strings and IRIs."""
    i, n = 0, len(text)
    saw_where = False
    form: str | None = None
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            triple = text[i:i + 3] == c * 3
            end = text.find(c * 3, i + 3) if triple else i + 1
            if not triple:
                while end < n and text[end] != c:
                    end += 2 if text[end] == "\\" else 1
            i = (end + 3 if triple else end + 1) if end >= 0 else n
            continue
        if c == "<":
            m = _IRIREF.match(text, i)
            if m:
                i = m.end()
                continue
        if c.isalpha():
            m = re.match(r"[A-Za-z_]+", text[i:])
            word = m.group(0).upper() if m else ""
            if word == "WHERE":
                saw_where = True
            elif word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
                form = word
            i += max(len(word), 1)
            continue
        if c == "{":
            if saw_where or form in ("SELECT", "ASK"):
                return i
            if form == "DESCRIBE":
                return i
            # a CONSTRUCT template: skip to its closing brace, the WHERE keyword follows
            depth = 0
            while i < n:
                if text[i] == "{":
                    depth += 1
                elif text[i] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
        i += 1
    raise QueryError("cannot find the WHERE group to bind parameters for the endpoint")


# --- parameters ----------------------------------------------------------------------------------

_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_YEAR = re.compile(r"^\d{4}$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BAD_IRI_CHARS = re.compile(r"[<>\"{}|^`\\\x00-\x20]")
_PNAME = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*)?:([A-Za-z0-9_][A-Za-z0-9_.\-/]*)?$")


def _bad(param: Param, value: str, why: str, hint: str | None = None) -> UsageError:
    shown = value if len(value) <= 60 else value[:57] + "..."
    return UsageError(f"parameter {param.name} ({param.type}): {why}: {shown!r}", hint=hint)


def parse_iri(param: Param, value: str) -> URIRef:
    """A full IRI (``<...>`` or bare) or a prefixed name with one of our prefixes."""
    raw = value.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    elif not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", raw):
        m = _PNAME.match(raw)
        if not m:
            raise _bad(param, value, "not an IRI or prefixed name", "write <http://...> or kg:Term")
        prefix = m.group(1) or ""
        if prefix not in PREFIXES:
            raise _bad(param, value, f"unknown prefix {prefix!r}", f"known prefixes: {', '.join(sorted(PREFIXES))}")
        raw = str(PREFIXES[prefix]) + (m.group(2) or "")
    if _BAD_IRI_CHARS.search(raw) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", raw):
        raise _bad(param, value, "not a valid IRI")
    problem = iri_problem(raw)
    if problem is not None:
        raise _bad(param, value, f"not a valid IRI ({problem})", "percent-encode reserved characters")
    return URIRef(raw)


def parse_literal(param: Param, value: str) -> Literal:
    t = param.type
    v = value.strip()
    if t == "string":
        return Literal(value)
    if t == "lang-string":
        text, sep, lang = value.rpartition("@")
        if not sep or not _LANG.match(lang) or language_problem(lang) is not None:
            raise _bad(param, value, "expected text@lang", "e.g. -p name='Mexico City@en'")
        return Literal(text, lang=lang)
    if t == "language":  # what LANG() returns: a well-formed tag, lowercase as Oxigraph and rdflib keep tags
        if not _LANG.match(v) or language_problem(v) is not None:
            raise _bad(param, value, "not a language tag", "e.g. -p lang=es")
        return Literal(v.lower())
    if t == "integer":
        if not _INT.match(v):
            raise _bad(param, value, "not an integer", "write digits, e.g. 10")
        return Literal(str(int(v)), datatype=XSD.integer, normalize=False)
    if t == "decimal":
        if not _DEC.match(v):
            raise _bad(param, value, "not a decimal number", "write digits with an optional point, e.g. 1000000000")
        return canonical_literal(Literal(v, datatype=XSD.decimal, normalize=False))
    if t == "date":
        try:
            date.fromisoformat(v)
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", v):
                raise ValueError
        except ValueError:
            raise _bad(param, value, "not a date", "write YYYY-MM-DD") from None
        return Literal(v, datatype=XSD.date, normalize=False)
    if t == "year":
        if not _YEAR.match(v):
            raise _bad(param, value, "not a year", "write YYYY")
        return Literal(v, datatype=XSD.gYear, normalize=False)
    if t == "boolean":
        if v.lower() not in ("true", "false"):
            raise _bad(param, value, "not a boolean", "write true or false")
        return Literal(v.lower(), datatype=XSD.boolean, normalize=False)
    raise _bad(param, value, "unsupported type")


# What names a resource for parameter lookups (?e, ?label), in every query of the Resolver.
_LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/canieti-kg/ontology#>
SELECT DISTINCT ?e ?label WHERE {
  %s
  { ?e skos:prefLabel ?label } UNION { ?e skos:altLabel ?label } UNION { ?e kg:acronym ?label }
  UNION { ?m kg:correctedForm ?label ; kg:mentionOf ?e } UNION { ?e kg:gloss ?label } UNION { ?e skos:notation ?label } UNION { ?e kg:code ?label }
}"""


_SURFACE_FORMS = """PREFIX kg: <https://w3id.org/canieti-kg/ontology#>
SELECT DISTINCT ?e ?form WHERE { ?m kg:mentionOf ?e ; kg:surfaceForm ?form }"""


class Resolver:
    """Looks up entities and concepts in the graph the query will run on (any engine)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._names: list[tuple[str, str, str]] | None = None  # (iri, label, folded)
        self._iris: set[str] | None = None
        self._units: list[tuple[str, str]] | None = None
        self._surface: list[tuple[str, str]] | None = None  # (entity, folded surface form)
        self._post_keys: list[tuple[str, str]] | None = None  # (post, its name's post_key)
        self._classes: dict[str, list[str]] | None = None  # (class, its labels)
        self._article_ids: list[str] | None = None

    def _load(self) -> None:
        if self._names is not None:
            return
        res = self.engine.execute(_LABELS % "", QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
        names: list[tuple[str, str, str]] = []
        iris: set[str] = set()
        for e, label in res.rows:
            if isinstance(e, URIRef):
                iris.add(str(e))
                if label is not None:
                    names.append((str(e), str(label), fold(str(label))))
        self._names = names
        self._iris = iris

    def exists(self, iri: str) -> bool:
        if self._iris is not None and iri in self._iris:
            return True
        return self.engine.mentions(iri)

    def by_label(self, value: str, prefix: str) -> list[str]:
        self._load()
        key = fold(value)
        assert self._names is not None
        return sorted({iri for iri, _label, f in self._names if f == key and iri.startswith(prefix)})

    def by_surface_form(self, value: str, prefix: str) -> list[str]:
        """Entities some mention writes as ``value`` (folded). Read only when no name matched: at 10,000
        articles the mentions are a third of the graph, too many to read for every parameter."""
        if self._surface is None:
            res = self.engine.execute(_SURFACE_FORMS, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
            self._surface = [(str(e), fold(str(form))) for e, form in res.rows if isinstance(e, URIRef) and form is not None]
        key = fold(value)
        return sorted({iri for iri, f in self._surface if f == key and iri.startswith(prefix)})

    def by_post_gender(self, value: str, prefix: str) -> list[str]:
        """Posts (under ``prefix``) whose name or alias is ``value`` in the other grammatical gender
        (``post_key``): read only when no name matched as written, so a label that matches exactly wins."""
        self._load()
        assert self._names is not None
        if self._post_keys is None:
            posts = f"{ID_BASE}post/"
            self._post_keys = [(iri, post_key(label)) for iri, label, _ in self._names if iri.startswith(posts)]
        key = post_key(value)
        return sorted({iri for iri, k in self._post_keys if k == key and iri.startswith(prefix)})

    def post_links(self, iri: str, kinds: tuple[str, ...]) -> list[str]:
        """The organization of a post, or the posts of an organization, of the kinds asked: what a user who passed
        the one ("organization=SE", the Secretary of Economy's acronym; "post=INADEM") meant. Read from
        org:postIn and from post-in relations of any status (a link the article implies is not materialized)."""
        if not ({"organization", "post"} & set(kinds)) or not re.match(r"^(post|organization)/", iri.removeprefix(ID_BASE)):
            return []
        node, relation = URIRef(iri).n3(), URIRef(VOCAB_BASE + "relation/post-in").n3()
        q = ("PREFIX org: <http://www.w3.org/ns/org#>\nPREFIX kg: <" + ONTOLOGY_NS + ">\n"
             "SELECT DISTINCT ?x WHERE { { " + node + " org:postIn ?x } UNION { ?x org:postIn " + node + " } UNION "
             "{ ?l kg:relationSubject " + node + " ; kg:relationType " + relation + " ; kg:relationObject ?x } UNION "
             "{ ?l kg:relationObject " + node + " ; kg:relationType " + relation + " ; kg:relationSubject ?x } }")
        res = self.engine.execute(q, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
        return sorted(str(x) for x, in res.rows if x is not None and any(str(x).startswith(f"{ID_BASE}{k}/") for k in kinds))

    def label(self, iri: str) -> str:
        self._load()
        assert self._names is not None
        return next((label for i, label, _ in self._names if i == iri), iri)

    def resolve_entity(self, param: Param, value: str) -> URIRef:
        """An id, ``kind/id``, IRI, or a name: a name or alias (folded), else a form an article writes, else,
        where a post will do, a post's name in the other grammatical gender (``post_key``: "la presidenta de
        ACME" for "presidente de ACME"). The first of these that matches decides; several matches are refused
        with the candidates."""
        v = value.strip()
        kinds = param.kinds or tuple(sorted(ENTITY_KINDS))
        if re.match(r"^[a-z0-9][a-z0-9-]*$", v):
            hits = [f"{ID_BASE}{k}/{v}" for k in kinds if self.exists(f"{ID_BASE}{k}/{v}")]
            if len(hits) == 1:
                return URIRef(hits[0])
            if len(hits) > 1:
                raise _bad(param, value, f"the id names several entities: {', '.join(hits)}", "pass the full IRI")
        pathed = re.match(r"^([a-z]+)/([a-z0-9][a-z0-9-]*)$", v)
        if pathed and pathed.group(1) in ENTITY_KINDS and self.exists(f"{ID_BASE}{v}"):
            # (kind/id: how tables show an entity, and how messages name one)
            if pathed.group(1) in kinds:
                return URIRef(f"{ID_BASE}{v}")
            v = pathed.group(2)  # (an entity of another kind: said as such below)
        if v.startswith("<") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", v):
            iri = parse_iri(param, v)
            if not self.exists(str(iri)):
                raise _bad(param, value, "no such entity in the graph")
            return iri
        # a name or alias; else the forms the articles write it in (a mention's surface form: "CDMX"), whatever
        # the status of the mention; `entity-name-forms` shows which article writes it and how sure the link is
        # and, where a post will do, a post's name in the other gender ("presidenta de ACME" for "presidente de ACME")
        lookups = [(self.by_label, "ambiguous name"), (self.by_surface_form, "the articles write this for several entities")]
        if "post" in kinds:
            lookups.append((self.by_post_gender, "ambiguous post name (either gender)"))
        for lookup, several in lookups:
            hits = [h for h in lookup(v, ID_BASE) if any(h.startswith(f"{ID_BASE}{k}/") for k in kinds)]
            if len(hits) == 1:
                return URIRef(hits[0])
            if len(hits) > 1:
                cands = "; ".join(f"{h.removeprefix(ID_BASE)} ({self.label(h)})" for h in hits)
                raise _bad(param, value, f"{several}, candidates: {cands}", "pass an id or IRI")
        others = sorted(set(ENTITY_KINDS) - set(kinds))
        elsewhere = ([f"{ID_BASE}{k}/{v}" for k in others if self.exists(f"{ID_BASE}{k}/{v}")]
                     if re.match(r"^[a-z0-9][a-z0-9-]*$", v) else [])
        elsewhere = elsewhere or [h for h in self.by_label(v, ID_BASE) if any(h.startswith(f"{ID_BASE}{k}/") for k in others)]
        if elsewhere:  # (an entity all right, of another kind: "no entity" sent the user looking for a typo)
            found = elsewhere[0].removeprefix(ID_BASE)
            links = self.post_links(elsewhere[0], kinds)
            linked = links[:5]
            names = labels_for(self.engine, linked) if linked else {}
            more = f", ... ({len(links)} in all)" if len(links) > len(linked) else ""  # (cut: say so)
            hint = (f"{'its organization' if found.startswith('post/') else 'its posts'}: pass "
                    + " or ".join(f"{h.removeprefix(ID_BASE)} ({names.get(h) or self.label(h)})" for h in linked) + more
                    if linked else f"run `kg query entities-by-type -p class={_kind_class(kinds[0])}` to list them")
            raise _bad(param, value, f"{found} is a{'n' if found[0] in 'aeiou' else ''} {found.split('/')[0]}, and "
                       f"{param.name} takes a{'n' if kinds[0][0] in 'aeiou' else ''} {' or '.join(kinds)}", hint)
        partial = self.by_words(v, kinds)
        if partial:  # (a part of a name: "Guajardo", "camara nacional"; named, never bound on a guess)
            cands = "; ".join(f"{h.removeprefix(ID_BASE)} ({self.label(h)})" for h in partial[:5])
            more = f" and {len(partial) - 5} more" if len(partial) > 5 else ""
            raise _bad(param, value, f"no entity with this id, IRI, name or alias; names containing it: {cands}{more}",
                       "pass one of these ids")
        close = self.close_names(v, kinds)
        if close:  # (a misspelt name: "Canietti", "Mario de la Crus"; named, never bound on a guess)
            cands = [f"{h.removeprefix(ID_BASE)} ({name})" for h, name in close]
            raise _bad(param, value, "no entity with this id, IRI, name or alias",
                       f"did you mean {', '.join(cands[:-1]) + ' or ' if len(cands) > 1 else ''}{cands[-1]}?")
        raise _bad(param, value, "no entity with this id, IRI, name or alias",
                   "run `kg query search-label -p text=...` to find it")

    def close_names(self, value: str, kinds: tuple[str, ...], n: int = 3,
                    cutoff: float = 0.8) -> list[tuple[str, str]]:
        """The entities of those kinds with a name, alias or id close to ``value`` (accents and case aside),
        closest first, each with the name that came closest: for a "did you mean" of a misspelt name."""
        self._load()
        assert self._names is not None
        prefixes = tuple(f"{ID_BASE}{k}/" for k in kinds)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(fold(value))
        best: dict[str, tuple[float, str]] = {}
        candidates = [(iri, label, f) for iri, label, f in self._names if iri.startswith(prefixes)]
        candidates += [(iri, iri.rsplit("/", 1)[-1], iri.rsplit("/", 1)[-1].replace("-", " "))
                       for iri in sorted({iri for iri, _label, _f in candidates})]  # (the ids: mario-de-la-cruz)
        for iri, name, folded in candidates:
            matcher.set_seq1(folded)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                continue
            score, (best_score, best_name) = matcher.ratio(), best.get(iri, (0.0, ""))
            if score >= cutoff and (score > best_score or score == best_score and name < best_name):
                best[iri] = (score, name)
        return [(iri, best[iri][1]) for iri in _closest({iri: score for iri, (score, _name) in best.items()}, cutoff, n)]

    def by_words(self, value: str, kinds: tuple[str, ...]) -> list[str]:
        """Entities of those kinds with a name or alias holding ``value``'s words, whole and in order (folded)."""
        self._load()
        assert self._names is not None
        words = re.findall(r"\w+", fold(value))
        if not words:
            return []
        pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")
        prefixes = tuple(f"{ID_BASE}{k}/" for k in kinds)
        return sorted({iri for iri, _label, f in self._names if iri.startswith(prefixes) and pattern.search(f)})

    def resolve_unit(self, param: Param, value: str) -> URIRef:
        """A unit code (kg:code in the graph: USD, MXN, percent, count, rank, times), a label, or an IRI."""
        v = value.strip()
        if v.startswith("<") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", v):
            return parse_iri(param, v)
        key = fold(v)
        hits = sorted({iri for iri, label in self._unit_labels() if fold(label) == key})
        if len(hits) == 1:
            return URIRef(hits[0])
        if not hits and v in UNIT_CODES:
            return UNIT_CODES[v]
        if len(hits) > 1:
            raise _bad(param, value, f"ambiguous unit, candidates: {', '.join(hits)}")
        raise _bad(param, value, "unknown unit", f"use a code such as {', '.join(sorted(UNIT_CODES))}")

    def _unit_labels(self) -> list[tuple[str, str]]:
        """(unit, label) for the units of the graph (those with a code, those observations use): the
        units' labels only, not every label of the graph, which at 10,000 articles took half a second;
        read once per resolver, however many unit parameters a query has."""
        if self._units is None:
            units = "{ SELECT DISTINCT ?e WHERE { { ?e kg:code ?c } UNION { ?o kg:unit ?e } } }"
            res = self.engine.execute(_LABELS % units, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
            self._units = [(str(u), str(label)) for u, label in res.rows if isinstance(u, URIRef) and label is not None]
        return self._units

    def resolve_class(self, param: Param, value: str) -> URIRef:
        """A class of the graph's ontology: ``Person``, ``kg:Person`` or an IRI; its local name in any case
        (``person``); or one of its labels, accents and case aside (``persona``, ``acuerdo``, ``event
        series``). A misspelt class matched nothing and answered with no rows, as if the graph held none of it."""
        v = value.strip()
        local = v[3:] if v.startswith("kg:") else v
        is_name = re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", local) is not None
        labels = self._class_labels()
        if not labels:  # (a graph without its ontology: nothing to check against)
            return parse_iri(param, f"kg:{local}" if is_name else v)
        if is_name:
            if ONTOLOGY_NS + local in labels:
                return URIRef(ONTOLOGY_NS + local)
            same = [c for c in labels if c.startswith(ONTOLOGY_NS) and c.removeprefix(ONTOLOGY_NS).lower() == local.lower()]
            if len(same) == 1:
                return URIRef(same[0])
        elif v.startswith("<") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v):
            iri = parse_iri(param, v)
            if str(iri) in labels:
                return iri
            raise _bad(param, value, "no such class in the graph's ontology", self._class_hint(
                str(iri).removeprefix(ONTOLOGY_NS) if str(iri).startswith(ONTOLOGY_NS) else str(iri)))
        if v == local:  # (the labels of the project's own classes: an imported one, schema:Person, is named in full)
            key = fold(v)
            hits = sorted({c for c, names in labels.items() if c.startswith(ONTOLOGY_NS) and any(fold(n) == key for n in names)})
            if len(hits) == 1:
                return URIRef(hits[0])
            if len(hits) > 1:
                raise _bad(param, value, f"ambiguous class label, candidates: {', '.join(map(_short, hits))}",
                           "pass the class's name, e.g. kg:Person")
        raise _bad(param, value, "no such class in the graph's ontology", self._class_hint(local))

    def _class_hint(self, value: str) -> str:
        """The classes a wrong class name may have meant, plurals read as singulars: one a label or name
        says in full ("eventos": kg:Event), else those whose label holds its words ("convenio": the two kinds
        of convenio, not kg:Convention, which only looks like it), else the near names and labels."""
        classes = {c: names for c, names in self._class_labels().items() if c.startswith(ONTOLOGY_NS)}
        wanted = [_word_forms(w) for w in _words(value)]

        def held(name: str, whole: bool) -> bool:
            words = _words(_class_words(name))
            if not wanted or len(words) < len(wanted) or whole and len(words) != len(wanted):
                return False
            return any(all(words[i + j] in forms for j, forms in enumerate(wanted))
                       for i in range(len(words) - len(wanted) + 1))

        for whole in (True, False):
            found = {}
            for c, names in classes.items():
                holding = [n for n in (*names, c) if held(n, whole)]
                if holding:
                    found[c] = holding[0]
            if found and whole:
                return f"did you mean {' or '.join(map(_short, sorted(found)))}?"
            if found:
                shown = [f"{_short(c)} ({_class_words(found[c])})" for c in sorted(found)]
                more = f" and {len(shown) - 6} more" if len(shown) > 6 else ""
                return f"classes whose label holds it: {', '.join(shown[:6])}{more}"
        key = fold(value)
        close = _closest({c: max(difflib.SequenceMatcher(None, key, fold(_class_words(n))).ratio() for n in (c, *names))
                          for c, names in classes.items()}, 0.8)
        if close:
            return f"did you mean {' or '.join(map(_short, close))}?"
        # a word of it in a label, or one spelt nearly as it ("organismo gubernamental": the "organismo" of "organismo
        # de gobierno"; "Goverment": "government body"), its short words ("de", "of") aside
        given = [_word_forms(w) for w in _words(value) if len(w) > 3]

        def shares(name: str, near: bool) -> bool:
            words = set(_words(_class_words(name)))
            if not near:
                return any(forms & words for forms in given)
            return any(difflib.SequenceMatcher(None, f, w).ratio() >= 0.85 for forms in given for f in forms for w in words)

        for near in (False, True):
            found = {c: n for c, names in classes.items() for n in reversed((*names, c)) if shares(n, near)}
            if found:
                shown = [f"{_short(c)} ({_class_words(found[c])})" for c in sorted(found)]
                more = f" and {len(shown) - 6} more" if len(shown) > 6 else ""
                how = "has a word like" if near else "shares a word with"
                return f"classes whose label {how} it: {', '.join(shown[:6])}{more}"
        return "the classes are listed in docs/data-model.md; e.g. kg:Person, kg:Organization, kg:Event"

    def _class_labels(self) -> dict[str, list[str]]:
        """Every class of the ontology, with its English and Spanish labels (read once per resolver)."""
        if self._classes is None:
            q = ("PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                 "SELECT DISTINCT ?c ?l WHERE { ?c a owl:Class . FILTER(isIRI(?c)) "
                 "OPTIONAL { ?c rdfs:label ?l FILTER(LANG(?l) IN ('en', 'es', '')) } }")
            res = self.engine.execute(q, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
            classes: dict[str, list[str]] = {}
            for c, label in res.rows:
                if c is not None:
                    classes.setdefault(str(c), [])
                    if label is not None:
                        classes[str(c)].append(str(label))
            self._classes = {c: sorted(names) for c, names in classes.items()}
        return self._classes

    def article_ids(self) -> list[str]:
        """The ids of the graph's articles (``000_5fec07e56bfc17d3``), sorted; read once (a refused value
        asks for them twice: the closest ids, then the choices)."""
        if self._article_ids is None:
            q = ("PREFIX kg: <https://w3id.org/canieti-kg/ontology#>\n"
                 "SELECT DISTINCT ?a WHERE { ?a a kg:Article }")
            res = self.engine.execute(q, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
            prefix = f"{ID_BASE}article/"
            self._article_ids = sorted({str(a).removeprefix(prefix) for (a,) in res.rows if isinstance(a, URIRef)
                                        and str(a).startswith(prefix) and "/" not in str(a).removeprefix(prefix)})
        return self._article_ids

    def resolve_article(self, param: Param, value: str) -> URIRef:
        v = value.strip()
        iri = f"{ID_BASE}article/{v}" if re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", v) else str(parse_iri(param, v))
        if not iri.startswith(f"{ID_BASE}article/") or not self.exists(iri):
            ids = self.article_ids()
            given = iri.removeprefix(f"{ID_BASE}article/")
            close = [i for i in ids if given and i.startswith(given)]  # (an id's number: "000")
            if not 0 < len(close) <= 3:
                close = _closest({i: difflib.SequenceMatcher(None, given, i).ratio() for i in ids}, 0.75)
            raise _bad(param, value, "no such article in the graph",
                       f"did you mean {' or '.join(close)}?" if close else self.choices(param))
        return URIRef(iri)

    def concept_ids(self, scheme: str | None) -> list[str]:
        """The ids of a scheme's concepts in the graph (``cybersecurity`` for vocab/topic/cybersecurity)."""
        self._load()
        prefix = f"{VOCAB_BASE}{scheme}/"
        return sorted({iri.removeprefix(prefix) for iri in self._iris or () if iri.startswith(prefix)})

    def choices(self, param: Param) -> str:
        """What a parameter takes, for a message: the concepts of its scheme, the articles' ids, ..."""
        if param.type == "concept":
            ids = self.concept_ids(param.scheme)
            if ids:  # (every one: a scheme holds a few dozen at most)
                more = f", ... ({len(ids)} in all)" if len(ids) > 40 else ""
                return f"the {param.scheme} concepts: {', '.join(ids[:40])}{more}"
            return f"concepts are {VOCAB_BASE}{param.scheme}/<id>"
        if param.type == "article":
            ids = self.article_ids()
            if not ids:
                return "the graph holds no article"
            more = f", ... ({len(ids):,} in all: `kg query article-metadata` lists them)" if len(ids) > 12 else ""
            return f"the articles: {', '.join(ids[:12])}{more}"
        if param.type == "entity" and param.kinds:
            return f"run `kg query entities-by-type -p class={_kind_class(param.kinds[0])}` to list them"
        if param.type == "class":
            return "e.g. Person, kg:Organization, persona"
        return ""

    def resolve_concept(self, param: Param, value: str) -> URIRef:
        v = value.strip()
        prefix = f"{VOCAB_BASE}{param.scheme}/"
        if re.match(r"^[a-z0-9][a-z0-9-]*$", v) and self.exists(prefix + v):
            return URIRef(prefix + v)
        if v.startswith("<") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", v) or re.match(r"^[A-Za-z]+:", v):
            iri = parse_iri(param, v)
            if not self.exists(str(iri)):
                raise _bad(param, value, "no such concept in the graph")
            return iri
        hits = self.by_label(v, prefix)
        if len(hits) == 1:
            return URIRef(hits[0])
        if len(hits) > 1:
            raise _bad(param, value, f"ambiguous concept, candidates: {', '.join(h.removeprefix(prefix) for h in hits)}")
        close = difflib.get_close_matches(v.lower(), self.concept_ids(param.scheme), n=3, cutoff=0.6)
        raise _bad(param, value, f"no {param.scheme} concept with this id, IRI or label",
                   f"did you mean {' or '.join(close)}?" if close else self.choices(param))


def _closest(scores: Mapping[str, float], cutoff: float, n: int = 3) -> list[str]:
    """The ``n`` choices that score ``cutoff`` or more, best first (ties in name order, on every run)."""
    return sorted((c for c, score in scores.items() if score >= cutoff), key=lambda c: (-scores[c], c))[:n]


def _words(text: str) -> list[str]:
    """The words of a name, folded (``Convenio_de_Colaboración``: convenio, de, colaboracion)."""
    return re.findall(r"[^\W_]+", fold(text))


def _word_forms(word: str) -> set[str]:
    """A word and the singulars it may be the plural of (acuerdos, ciudades, companies; a guess, for hints)."""
    forms = {word}
    if len(word) > 3 and word.endswith("s"):
        forms.add(word[:-1])
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
    return forms


def _class_words(name: str) -> str:
    """A label as it is; a class IRI as the words of its local name (CollaborationAgreement: collaboration agreement)."""
    if not name.startswith(ONTOLOGY_NS):
        return name
    return " ".join(re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name.removeprefix(ONTOLOGY_NS))).lower()


def _short(iri: str) -> str:
    """A class's IRI as messages write it (kg:Person)."""
    return "kg:" + iri.removeprefix(ONTOLOGY_NS) if iri.startswith(ONTOLOGY_NS) else f"<{iri}>"


def _kind_class(kind: str) -> str:
    """The most general class of an IRI kind (post -> Post, series -> EventSeries)."""
    names = [c for c, k in CLASS_TO_KIND.items() if k == kind]
    return next((c for c in names if c.lower() == kind), names[0] if names else kind)


def bind_params(query: StoredQuery | None, raw: Mapping[str, str], engine: Engine) -> dict[str, Term]:
    """Validate and bind every parameter; an undeclared one (an ad-hoc query without a header) is read
    by ``parse_term``."""
    out: dict[str, Term] = {}
    resolver = Resolver(engine)
    declared = {p.name: p for p in query.params} if query else {}
    if query is not None:
        unknown = set(raw) - set(declared)
        if unknown:
            name = sorted(unknown)[0]
            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f"did you mean {close[0]}?" if close else (
                f"{query.name} takes {', '.join(declared) or 'no parameters'}")
            raise UsageError(f"query {query.name} has no parameter {name!r}", hint=hint)
    for name, value in raw.items():
        if not _VAR.match(name):
            raise UsageError(f"parameter name {name!r} is not a SPARQL variable name", field=name)
        if name not in declared:  # ad hoc: the term its SPARQL form writes
            out[name] = parse_term(name, value)
    for p in declared.values():
        value = raw.get(p.name, p.default)
        if value is None:
            if p.required:  # (with what it takes, where the graph can say: the concepts of its scheme, the articles)
                try:
                    choices = resolver.choices(p)
                except KgError:  # (an endpoint that fails the extra question: the mistake is still the missing value)
                    choices = ""
                raise UsageError(f"missing required parameter {p.name} ({p.type})",
                                 hint=f"pass -p {p.name}=VALUE{'; ' + choices if choices else ''}")
            continue
        out[p.name] = parse_value(p, value, resolver)
    return out


def string_param_notes(engine: Engine, raw: Mapping[str, str], query: StoredQuery | None) -> list[str]:
    """For an answer with no rows: the undeclared parameters read as plain strings whose text names an entity
    (``-p src=victor-lagunes-soto``), the usual reason an ad-hoc query matched nothing."""
    declared = {p.name for p in query.params} if query else set()
    resolver, notes = Resolver(engine), []
    for name, value in raw.items():
        if name in declared or not _VAR.match(name):
            continue
        term = parse_term(name, value)
        if not isinstance(term, Literal) or term.language or term.datatype:
            continue
        try:  # (what an entity parameter would have made of it)
            iri = str(resolver.resolve_entity(Param(name=name, type="entity"), value))
        except KgError:
            continue
        notes.append(f"note: -p {name}={value} was bound as the string {value.strip()!r}, and {iri.removeprefix(ID_BASE)} "
                     f"is an entity: for the entity pass -p {name}='<{iri}>', or declare {name} `type: entity` in a `#+` header")
    return notes


_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)|\^\^(\S+))?$')
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "'": "'", "b": "\b", "f": "\f"}


def parse_term(name: str, value: str) -> Term:
    """An undeclared parameter's value, read as SPARQL writes a term: ``<iri>``, ``kg:Person`` (one of our
    prefixes), ``"text"``, ``"texto"@es``, ``"2016"^^xsd:gYear``, ``42``, ``4.5``, ``true``; any other
    text is a plain string. (An IRI given bare was bound as a string and matched nothing, silently.)"""
    v = value.strip()
    as_param = Param(name=name, type="iri")
    if v.startswith("<") and v.endswith(">"):
        return parse_iri(as_param, v)
    quoted = _QUOTED.match(v)
    if quoted:
        text = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), quoted.group(1))
        if quoted.group(2):
            lang = quoted.group(2)
            if language_problem(lang) is not None:
                raise _bad(Param(name=name, type="lang-string"), value, "not a language tag", "e.g. \"texto\"@es")
            return Literal(text, lang=lang.lower())
        if quoted.group(3):
            return canonical_literal(Literal(text, datatype=parse_iri(as_param, quoted.group(3)), normalize=False))
        return Literal(text)
    if v in ("true", "false"):
        return Literal(v, datatype=XSD.boolean, normalize=False)
    if _INT.match(v):
        return Literal(str(int(v)), datatype=XSD.integer, normalize=False)
    if _DEC.match(v):
        return canonical_literal(Literal(v, datatype=XSD.decimal, normalize=False))
    pname = _PNAME.match(v)
    if pname and (pname.group(1) or "") in PREFIXES:
        return parse_iri(as_param, v)
    return Literal(value)


def parse_value(p: Param, value: str, resolver: Resolver) -> Term:
    if p.type == "entity":
        return resolver.resolve_entity(p, value)
    if p.type == "concept":
        return resolver.resolve_concept(p, value)
    if p.type == "article":
        return resolver.resolve_article(p, value)
    if p.type == "unit":
        return resolver.resolve_unit(p, value)
    if p.type == "class":
        return resolver.resolve_class(p, value)
    if p.type == "iri":
        return parse_iri(p, value)
    return parse_literal(p, value)


class Assignments(dict[str, str]):
    """The ``-p`` pairs, and the items that were no ``name=value`` (``-p "Jacob Rocha"``): those are refused by
    ``check_assignments`` once the query is known, so that the example names its own parameter."""

    unnamed: tuple[str, ...] = ()


def parse_assignments(items: Iterable[str]) -> Assignments:
    """``name=value`` pairs from ``-p``; a value may itself contain ``=``. An item without a name is kept
    aside (``Assignments.unnamed``) for ``check_assignments``, which ``run`` calls."""
    out = Assignments()
    unnamed: list[str] = []
    for item in items:
        raw_name, sep, value = item.partition("=")
        name = raw_name.strip()
        if not sep or not name:
            unnamed.append(item)
            continue
        try:
            item.encode("utf-8")
        except UnicodeEncodeError:  # (bytes the terminal's encoding could not decode)
            raise UsageError(f"parameter {name!r}: not UTF-8 text", field="-p", hint="type the value in UTF-8") from None
        if name in out:
            raise UsageError(f"parameter {name!r} given twice", field="-p", hint="give each parameter once")
        out[name] = value
    out.unnamed = tuple(unnamed)
    return out


def check_assignments(params: Mapping[str, str] | None, query: StoredQuery | None) -> None:
    """Refuse a ``-p`` that was no ``name=value``, with an example in the query's own terms."""
    unnamed = getattr(params, "unnamed", ())
    if unnamed:
        raise UsageError(f"parameter {unnamed[0]!r} is not name=value", field="-p",
                         hint=_assignment_example(unnamed[0], query))


def _assignment_example(item: str, query: StoredQuery | None) -> str:
    """How to write a ``-p`` that lacks its name: with the query's own parameter (its first required one)."""
    if query is None:
        return "e.g. -p year=2016"
    if not query.params:
        return f"{query.name} takes no parameters"
    given = item.strip()
    if query.param(given) is not None:  # (the name without a value: -p threshold)
        return f"e.g. -p {given}=VALUE"
    param = next((p for p in query.params if p.required), query.params[0])
    value = item.partition("=")[2] if "=" in item else item
    return f"e.g. -p {shlex.quote(f'{param.name}={value.strip()}') if value.strip() else param.name + '=VALUE'}"


# --- running -------------------------------------------------------------------------------------

def open_engine(paths: Paths, engine: str = "oxigraph", *, endpoint: str | None = None,
                timeout: float = 30.0) -> Engine:
    """The engine a query runs on; ``endpoint`` wins over ``engine``."""
    if endpoint:
        graphs = None
        try:
            graphs = read_manifest(paths).graph_iris
        except KgError:
            pass  # no local build: the endpoint's own default graph
        return EndpointEngine(endpoint, timeout=timeout, graphs=graphs)
    if engine == "oxigraph":
        return OxigraphEngine(paths)
    if engine == "rdflib":
        return RdflibEngine(paths)
    raise UsageError(f"unknown engine {engine!r}", field="--engine", hint=f"use one of {', '.join(ENGINES)}")


def run(engine: Engine, text: str, params: Mapping[str, str] | None = None, *,
        stored: StoredQuery | None = None, source: str = "query") -> QueryResult:
    """Check, bind and execute one query on an engine."""
    check_assignments(params, stored)
    info = _checked(engine, text, source)
    bindings = bind_params(stored, params or {}, engine)
    if info.form == "SELECT":
        _check_projected(info, bindings, source)
    result = engine.execute(text, info, bindings)
    if result.form == "SELECT":  # (one column order for SELECT *, whichever engine answered)
        result.variables, result.rows = _star_order(info, result.variables, result.rows)
    return result


def check_form(engine: Engine, text: str, source: str = "query") -> str:
    """The form of a query (SELECT, ASK, CONSTRUCT, DESCRIBE), checked as ``run`` checks it, without running it."""
    return _checked(engine, text, source).form


def _checked(engine: Engine, text: str, source: str) -> QueryInfo:
    """``check_query`` against the graphs this engine answers from (remembered per text)."""
    return check_query(text, engine.graphs if engine.name != "endpoint" or engine.graphs else None, source=source)


_DECLARED_TERMS = f"""PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?t WHERE {{
  VALUES ?k {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property rdfs:Class }}
  ?t a ?k . FILTER(STRSTARTS(STR(?t), "{ONTOLOGY_NS}"))
}}"""


def undeclared_term_notes(engine: Engine, text: str, source: str = "query") -> list[str]:
    """Notes for the terms of the ontology's namespace a query names and the ontology does not declare
    (``kg:editon``), with the declared terms closest to each: a misspelt term matches nothing, and the
    query answered with no rows as if the graph held none. None when the graph holds no ontology."""
    used = sorted(i for i in _checked(engine, text, source).ontology_terms if len(i) > len(ONTOLOGY_NS))
    if not used:
        return []
    res = engine.execute(_DECLARED_TERMS, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
    declared = {str(t).removeprefix(ONTOLOGY_NS) for (t,) in res.rows if isinstance(t, URIRef)}
    notes = []
    for iri in used if declared else ():
        local = iri.removeprefix(ONTOLOGY_NS)
        if local in declared:
            continue
        close = _closest({d: difflib.SequenceMatcher(None, local.lower(), d.lower()).ratio() for d in declared}, 0.75)
        near = f"; did you mean {' or '.join('kg:' + d for d in close)}?" if close else ""
        notes.append(f"note: kg:{local} is not in the ontology (a misspelt term matches nothing){near}")
    return notes


def _check_projected(info: QueryInfo, bindings: Mapping[str, Term], source: str) -> None:
    """A parameter is bound where the query's top SELECT sees it, as pyoxigraph and a VALUES block bind
    it; rdflib's initBindings also reach into subqueries, so a parameter a subquery uses without
    projecting it answered differently per engine. Both cases are refused up front, on every engine."""
    if not bindings:
        return
    missing = [k for k in bindings if k not in info.projected]
    if missing:
        raise QueryError(f"parameter variable(s) {', '.join('?' + m for m in missing)} not in the SELECT projection",
                         file=source, hint="project every parameter variable, e.g. SELECT ?x ...")
    inside = sorted(k for k in bindings if k in info.hidden)
    if inside:
        names = ", ".join("?" + m for m in inside)
        raise QueryError(f"parameter variable(s) {names} used inside a subquery that does not project them: "
                         "unbound there on every engine", file=source,
                         hint=f"add {names} to that subquery's SELECT, or move the pattern that uses them out of it")


def _hidden_in_subqueries(algebra: CompValue) -> frozenset[str]:
    """The variables some subquery uses without projecting them (a parameter is unbound there)."""
    hidden: set[str] = set()
    for node in _walk(algebra):
        if node.name != "ToMultiSet":
            continue
        select = node.get("p")
        while isinstance(select, CompValue) and select.name in ("Slice", "Distinct", "Reduced", "OrderBy"):
            select = select.get("p")
        if not (isinstance(select, CompValue) and select.name == "Project"):
            continue  # (a VALUES block)
        own = {str(v) for v in select.get("PV") or []}
        hidden |= {str(v) for v in _variables(select.get("p"))} - own
    return frozenset(hidden)


def _variables(node: Any) -> Iterable[rdflib.term.Variable]:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, rdflib.term.Variable):
            yield cur
        elif isinstance(cur, CompValue):
            stack.extend(v for k, v in cur.items() if k != "_vars")
        elif isinstance(cur, (list, tuple, set, frozenset)):
            stack.extend(cur)
        elif isinstance(cur, dict):
            stack.extend(cur.values())


def resolve_query(paths: Paths, *, name: str | None = None, text: str | None = None,
                  source: str = "query") -> tuple[str, StoredQuery | None, str]:
    """The text, header and source name of a stored (by ``name``) or ad-hoc query.

    Separate from running, so that a mistyped name or a bad header is reported before the build is
    looked for.
    """
    if name is not None:
        stored = get_stored_query(paths, name)
        return stored.text, stored, str(stored.path or name)
    assert text is not None
    header = None
    if text.lstrip().startswith("#+"):  # an ad-hoc query's header declares its parameters
        header = parse_stored_query(text, name=source, path=Path(source) if source != "-" else None)
    return text, header, source


def run_stored(paths: Paths, name: str, params: Mapping[str, str] | None = None, *,
               engine: str = "oxigraph", endpoint: str | None = None, timeout: float = 30.0,
               opened: Engine | None = None) -> QueryResult:
    """Run a stored query by name (the library entry point of ``kg query NAME``)."""
    text, stored, source = resolve_query(paths, name=name)
    eng = opened or open_engine(paths, engine, endpoint=endpoint, timeout=timeout)
    return run(eng, text, params, stored=stored, source=source)


def run_text(paths: Paths, text: str, params: Mapping[str, str] | None = None, *, engine: str = "oxigraph",
             endpoint: str | None = None, timeout: float = 30.0, source: str = "query",
             opened: Engine | None = None) -> QueryResult:
    """Run an ad-hoc query (file or stdin); a ``#+`` header, if present, declares its parameters."""
    text, stored, source = resolve_query(paths, text=text, source=source)
    eng = opened or open_engine(paths, engine, endpoint=endpoint, timeout=timeout)
    return run(eng, text, params, stored=stored, source=source)


# The standard properties the stored queries give as values (entity-names, entity-properties, search-label): their
# names in words, in the language of the rest of the table, where "skos:altLabel" was the only term in English
# among Spanish ones ("sigla", "glosa") and a word of RDF's to an analyst
STANDARD_LABELS = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": {"en": "preferred name", "es": "nombre preferido"},
    "http://www.w3.org/2004/02/skos/core#altLabel": {"en": "alias", "es": "alias"},
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": {"en": "type", "es": "tipo"},
    "http://www.w3.org/2000/01/rdf-schema#comment": {"en": "note", "es": "nota"},
}


def labels_for(engine: Engine, iris: Iterable[str], lang: str = "en") -> dict[str, str]:
    """prefLabel in ``lang`` (else English, else any) for display, and the words of STANDARD_LABELS; other IRIs
    are left out."""
    iris = set(iris)
    standard = {i: STANDARD_LABELS[i].get(lang, STANDARD_LABELS[i]["en"]) for i in iris if i in STANDARD_LABELS}
    wanted = sorted({i for i in iris if i.startswith(BASE) or i.startswith("http://qudt.org/")})
    if not wanted:
        return standard
    q = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
         "SELECT DISTINCT ?e ?l WHERE { VALUES ?e { " + " ".join(URIRef(i).n3() for i in wanted) + " } "
         "{ ?e skos:prefLabel ?l } UNION { ?e rdfs:label ?l } }")
    res = engine.execute(q, QueryInfo(form="SELECT", uses_graph=False, set_semantics=True), {})
    best: dict[str, tuple[int, str]] = {}
    for e, l in res.rows:
        if e is None or not isinstance(l, Literal):
            continue
        rank = 0 if l.language == lang else 1 if l.language == "en" else 2
        cur = best.get(str(e))
        if cur is None or (rank, str(l)) < cur:
            best[str(e)] = (rank, str(l))
    return {**standard, **{k: v for k, (_, v) in best.items()}}
