"""``kg load``: put the build into a remote triple store, one named graph at a time.

Each graph is replaced whole or not at all:

- With the SPARQL 1.1 Graph Store HTTP Protocol (the default), one ``PUT`` per graph: the server
  replaces the graph's content in one operation (Oxigraph: one transaction), so loading twice
  replaces rather than duplicates, and a failed or dropped request leaves the previous content.
- Stores without the protocol get SPARQL 1.1 Update instead: ``DROP SILENT GRAPH <g> ; INSERT DATA
  { GRAPH <g> { ... } }`` in one request, which stores run as one transaction. A graph too big for
  one request is written in chunks into a staging graph (blank nodes of one component kept in one
  chunk, since INSERT DATA mints fresh ones per request) and then swapped in with
  ``COPY SILENT GRAPH <staging> TO GRAPH <g>`` and ``DROP SILENT GRAPH <staging>`` (two idempotent
  requests, safe to retry, unlike MOVE); a failure before the COPY leaves ``<g>`` untouched, and the
  next load drops any leftover staging graph.
- Virtuoso's PUT is not atomic (a body it fails to parse at line n leaves lines 1..n-1 in a cleared
  graph), so for Virtuoso the PUT goes to the staging graph and is swapped in the same way.

``--prune`` deletes the server's graphs under our ``graph/article/`` prefix whose article is no
longer in the build; no other graph is ever touched. At the end the triples of every graph are
counted on the server and compared with what was sent.

The body of every request is the graph's canonical N-Triples (from ``kg.export``), sent as
``text/turtle`` (N-Triples is Turtle, and every store reads Turtle under that type).
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from typing import Mapping, Sequence, TextIO
from urllib.parse import urlsplit

import rdflib
from rdflib import BNode

from kg import iris
from kg.config import Paths
from kg.errors import KgError, RemoteRejected, UsageError
from kg.export import ARTICLE_GRAPH_PREFIX, ntriples_by_graph, to_ntriples
from kg.http import HttpClient, credentials_from_env, check_endpoint_url, safe_url, server_message, sparql_select
from kg.rdfio import text_lines
from kg.store import read_manifest

SERVERS = ("auto", "oxigraph", "virtuoso", "fuseki", "graphdb", "generic")
PROTOCOLS = ("auto", "gsp", "update")
STAGING_PREFIX = iris.BASE + "graph/staging/"
BODY_TYPE = "text/turtle; charset=utf-8"


@dataclass(frozen=True)
class ServerProfile:
    """Where a kind of server keeps its Graph Store, query and update services."""

    name: str
    gsp: str
    graph_param: str
    query: str
    update: str
    auth: str = "basic"
    # Whether a Graph Store PUT replaces the graph atomically. Virtuoso's does not: a body it fails to
    # parse at line n leaves the graph cleared and holding lines 1..n-1. For such servers the body goes
    # to a staging graph first, then one COPY replaces the target (see ``Loader._put``).
    atomic_put: bool = True


def profile_for(endpoint: str, server: str) -> ServerProfile:
    """Map a base URL to the service URLs of ``server`` (a known suffix on the URL is tolerated)."""
    base = endpoint.rstrip("/")
    if server == "oxigraph":
        for suffix in ("/query", "/update", "/store"):
            base = base.removesuffix(suffix)
        return ServerProfile("oxigraph", f"{base}/store", "graph", f"{base}/query", f"{base}/update")
    if server == "virtuoso":
        for suffix in ("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql"):
            base = base.removesuffix(suffix)
        return ServerProfile("virtuoso", f"{base}/sparql-graph-crud-auth", "graph-uri", f"{base}/sparql",
                             f"{base}/sparql-auth", auth="digest", atomic_put=False)
    if server == "fuseki":
        for suffix in ("/data", "/query", "/update", "/sparql"):
            base = base.removesuffix(suffix)
        return ServerProfile("fuseki", f"{base}/data", "graph", f"{base}/query", f"{base}/update")
    if server == "graphdb":
        for suffix in ("/rdf-graphs/service", "/statements"):
            base = base.removesuffix(suffix)
        if "/repositories/" not in base:
            raise UsageError("a GraphDB endpoint names its repository", field="--endpoint",
                             hint="e.g. http://127.0.0.1:7200/repositories/canieti")
        return ServerProfile("graphdb", f"{base}/rdf-graphs/service", "graph", base, f"{base}/statements")
    if server == "generic":
        return ServerProfile("generic", base, "graph", base, base)
    raise UsageError(f"unknown server kind {server!r}", field="--server", hint=f"use one of {', '.join(SERVERS)}")


def detect_server(client: HttpClient, endpoint: str) -> str:
    """Guess the server from the URL, then from the ``Server`` header of its front page."""
    path = urlsplit(endpoint).path
    if "/repositories/" in path:
        return "graphdb"
    if path.rstrip("/").endswith(("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth")):
        return "virtuoso"
    parts = urlsplit(endpoint)
    front = f"{parts.scheme}://{parts.netloc}/"
    try:
        resp = client.request("GET", front, what="detecting the server", auth=False)
    except RemoteRejected:  # a front page behind a login tells nothing: use the generic profile
        return "generic"
    server = resp.headers.get("Server", "").lower()
    if "virtuoso" in server:
        return "virtuoso"
    if "oxigraph" in server:
        return "oxigraph"
    if "fuseki" in server or any(h.lower().startswith("fuseki") for h in resp.headers):
        return "fuseki"
    if "graphdb" in server:
        return "graphdb"
    return "generic"


@dataclass(frozen=True)
class GraphText:
    """One graph as the canonical N-Triples every request body is made of, and its triple count."""

    nt: bytes
    triples: int

    def chunks(self, size: int) -> list[bytes]:
        """N-Triples chunks for SPARQL Update (``chunk_graph``); parsed only when it must be split."""
        if self.triples <= size and b"_:" not in self.nt:
            return [self.nt] if self.triples else []
        return chunk_graph(rdflib.Graph().parse(data=self.nt.decode("utf-8"), format="nt"), size)


@dataclass
class GraphLoad:
    """One graph: what was sent, how, and what the server holds afterwards."""

    iri: str
    sent: int
    method: str = ""
    on_server: int | None = None

    @property
    def ok(self) -> bool:
        return self.on_server == self.sent


@dataclass
class LoadReport:
    endpoint: str
    server: str
    graphs: list[GraphLoad] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # article graphs on the server this build has not (no --prune)

    @property
    def mismatches(self) -> list[GraphLoad]:
        return [g for g in self.graphs if not g.ok]

    def render(self) -> str:
        """A table of the triples per graph, sent and read back."""
        width = max([len(_short(g.iri)) for g in self.graphs] + [5])
        lines = [f"{'graph':<{width}}  {'sent':>8}  {'server':>8}  ok"]
        for g in self.graphs:
            server = "-" if g.on_server is None else str(g.on_server)
            lines.append(f"{_short(g.iri):<{width}}  {g.sent:>8}  {server:>8}  {'yes' if g.ok else 'NO'}")
        for iri in self.pruned:
            lines.append(f"{_short(iri):<{width}}  {'pruned':>8}")
        total = sum(g.sent for g in self.graphs)
        lines.append(f"{len(self.graphs)} graphs, {total} triples loaded into {self.endpoint} ({self.server})")
        if self.stale:
            many = len(self.stale) != 1
            lines.append(f"note: the server still holds {len(self.stale)} article graph{'s' if many else ''} this build "
                         f"has not ({_short(self.stale[0])}{', ...' if many else ''}), whose facts its queries "
                         f"still answer: kg load --prune removes {'them' if many else 'it'}")
        return "\n".join(lines)


def _short(iri: str) -> str:
    return iri.removeprefix(iris.BASE)


class LoadFailed(KgError):
    """The server holds a different number of triples than was sent; carries the full report."""

    def __init__(self, message: str, *, report: LoadReport, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.report = report


class Progress:
    """A progress bar on a terminal, one line per graph otherwise (logs, CI)."""

    def __init__(self, stream: TextIO | None, total_graphs: int, total_triples: int) -> None:
        self.stream = stream
        self.total_graphs = max(total_graphs, 1)
        self.total_triples = max(total_triples, 1)
        self.graphs = 0
        self.triples = 0
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())

    def step(self, iri: str, triples: int, method: str) -> None:
        self.graphs += 1
        self.triples += triples
        if self.stream is None:
            return
        if self.tty:
            width = 30
            filled = int(width * self.triples / self.total_triples)
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\rloading [{bar}] {self.graphs}/{self.total_graphs} graphs, "
                              f"{self.triples}/{self.total_triples} triples")
        else:
            self.stream.write(f"loading [{self.graphs}/{self.total_graphs}] {_short(iri)}: "
                              f"{triples} triples ({method})\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(("\n" if self.tty and self.graphs else "") + text + "\n")
            self.stream.flush()

    def done(self) -> None:
        if self.stream is not None and self.tty and self.graphs:
            self.stream.write("\n")
            self.stream.flush()


class Loader:
    """Writes graphs with the Graph Store Protocol, falling back to SPARQL Update."""

    def __init__(self, client: HttpClient, profile: ServerProfile, protocol: str = "auto",
                 chunk_triples: int = 50_000) -> None:
        if protocol not in PROTOCOLS:
            raise UsageError(f"unknown protocol {protocol!r}", field="--protocol", hint="use auto, gsp or update")
        if chunk_triples < 1:
            raise UsageError("chunks need at least one triple", field="chunk_triples")
        self.client = client
        self.profile = profile
        self.protocol = protocol
        self.chunk_triples = chunk_triples

    # --- one graph -----------------------------------------------------------------------------

    def replace(self, iri: str, graph: GraphText) -> str:
        """Replace graph ``iri`` on the server with ``graph``; returns the method used."""
        if self.protocol != "update":
            staged = not self.profile.atomic_put and graph.triples > 0
            if self._put(iri, graph, staging_graph(iri) if staged else iri):
                if staged:
                    self._swap_in(iri)
                    return "gsp, staged"
                return "gsp"
            self.protocol = "update"  # the server lacks the protocol: every later graph goes by Update
        self._update_replace(iri, graph)
        return "update"

    def _swap_in(self, iri: str) -> None:
        """Replace ``iri`` by its staging graph in two idempotent steps, so that a retry after a lost
        answer cannot empty it (a repeated MOVE would copy an already-moved, empty source)."""
        staging = staging_graph(iri)
        what = f"loading graph <{iri}>"
        self._update(f"COPY SILENT GRAPH <{staging}> TO GRAPH <{iri}>", what)
        self._update(f"DROP SILENT GRAPH <{staging}>", what)

    def _put(self, iri: str, graph: GraphText, target: str | None = None) -> bool:
        what = f"loading graph <{iri}>"
        params = {self.profile.graph_param: target or iri}
        if graph.triples == 0:
            # An empty body is refused by some stores; an empty graph is no graph.
            resp = self.client.request("DELETE", self.profile.gsp, what=what, params=params)
            ok = resp.status_code in (200, 202, 204, 404)
        else:
            resp = self.client.request("PUT", self.profile.gsp, what=what, params=params,
                                       data=graph.nt, headers={"Content-Type": BODY_TYPE})
            ok = resp.status_code in (200, 201, 204)
        if ok:
            return True
        if self.protocol == "auto" and resp.status_code in (404, 405, 501) and graph.triples:
            return False
        raise RemoteRejected(f"the server rejected graph <{iri}>: HTTP {resp.status_code}: {server_message(resp)}",
                             hint="the other graphs are unchanged or complete; fix the cause and load again")

    def _update(self, text: str, what: str) -> None:
        resp = self.client.request("POST", self.profile.update, what=what, data={"update": text},
                                   headers={"Accept": "*/*"})
        if resp.status_code not in (200, 201, 204):
            raise RemoteRejected(f"{what}: the server rejected the update: HTTP {resp.status_code}: "
                                 f"{server_message(resp)}",
                                 hint="the other graphs are unchanged or complete; fix the cause and load again")

    def _update_replace(self, iri: str, graph: GraphText) -> None:
        what = f"loading graph <{iri}>"
        chunks = graph.chunks(self.chunk_triples)
        if len(chunks) <= 1:
            insert = f" ;\n{_insert(iri, chunks[0])}" if chunks else ""
            self._update(f"DROP SILENT GRAPH <{iri}>{insert}", what)
            return
        staging = staging_graph(iri)
        self._update(f"DROP SILENT GRAPH <{staging}>", what)
        for chunk in chunks:
            self._update(_insert(staging, chunk), what)
        self._swap_in(iri)

    def delete(self, iri: str) -> None:
        what = f"pruning graph <{iri}>"
        if self.protocol != "update":
            resp = self.client.request("DELETE", self.profile.gsp, what=what, params={self.profile.graph_param: iri})
            if resp.status_code in (200, 202, 204, 404):
                return
            if not (self.protocol == "auto" and resp.status_code in (405, 501)):
                raise RemoteRejected(f"the server refused to delete graph <{iri}>: HTTP {resp.status_code}: "
                                     f"{server_message(resp)}")
        self._update(f"DROP SILENT GRAPH <{iri}>", what)

    # --- reading back ----------------------------------------------------------------------------

    def graphs_under(self, prefix: str) -> list[str]:
        rows = sparql_select(self.client, self.profile.query,
                             "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                             f"FILTER(STRSTARTS(STR(?g), {_string(prefix)})) }}",
                             what="listing the server's article graphs")
        return sorted({r["g"]["value"] for r in rows if "g" in r})

    def counts(self, graph_iris: Sequence[str], batch: int = 100) -> dict[str, int]:
        """Triples per graph on the server (0 for a graph it does not have)."""
        found: dict[str, int] = {g: 0 for g in graph_iris}
        for start in range(0, len(graph_iris), batch):
            values = " ".join(f"<{g}>" for g in graph_iris[start:start + batch])
            rows = sparql_select(self.client, self.profile.query,
                                 f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                                 "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                                 what="counting the triples on the server")
            for r in rows:
                try:
                    found[r["g"]["value"]] = int(r["n"]["value"])
                except (KeyError, ValueError) as err:
                    raise RemoteRejected("counting the triples on the server: unexpected answer "
                                         f"{r!r}") from err
        return found


def _insert(graph: str, chunk: bytes) -> str:
    """INSERT DATA, or for blank nodes (which Virtuoso refuses in INSERT DATA) a template over an empty
    WHERE: one solution, so each blank node label stands for one fresh node, as in the data."""
    body = chunk.decode("utf-8")
    if body.startswith("_:") or " _:" in body:
        return f"INSERT {{ GRAPH <{graph}> {{\n{body}}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}"


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def staging_graph(iri: str) -> str:
    return STAGING_PREFIX + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def chunk_graph(graph: rdflib.Graph, size: int) -> list[bytes]:
    """N-Triples chunks of at most ``size`` triples (more if one blank-node component is bigger),
    keeping each blank-node component whole: INSERT DATA mints fresh blank nodes per request."""
    if len(graph) == 0:
        return []
    parent: dict[BNode, BNode] = {}

    def find(b: BNode) -> BNode:
        while parent.setdefault(b, b) != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        return b

    for s, _, o in graph:
        if isinstance(s, BNode) and isinstance(o, BNode):
            parent[find(s)] = find(o)
    groups: dict[str, rdflib.Graph] = {}
    ground = rdflib.Graph()
    for t in graph:
        s, _, o = t
        b = s if isinstance(s, BNode) else (o if isinstance(o, BNode) else None)
        if b is None:
            ground.add(t)
        else:
            groups.setdefault(str(find(b)), rdflib.Graph()).add(t)
    units: list[list[str]] = [[line] for line in text_lines(to_ntriples(ground).decode("utf-8"))]
    units += [text_lines(to_ntriples(groups[k]).decode("utf-8")) for k in sorted(groups)]
    chunks: list[bytes] = []
    current: list[str] = []
    for unit in units:
        if current and len(current) + len(unit) > size:
            chunks.append(("\n".join(current) + "\n").encode("utf-8"))
            current = []
        current.extend(unit)
    if current:
        chunks.append(("\n".join(current) + "\n").encode("utf-8"))
    return chunks


def load(paths: Paths, endpoint: str, *, server: str = "auto", prune: bool = False, timeout: float = 30.0,
         retries: int = 3, backoff: float = 0.5, protocol: str = "auto",
         graph_selector: Sequence[str] | str | None = None, progress: TextIO | None = None,
         chunk_triples: int = 50_000, environ: Mapping[str, str] | None = None) -> LoadReport:
    """Load the build (its selected graphs and ``graph/void``) into ``endpoint``; see the module docstring.

    Raises ``LoadFailed`` (exit 1) when a count read back differs from what was sent, after every graph
    was attempted, so the report names all of them.
    """
    endpoint = check_endpoint_url(endpoint)
    if server not in SERVERS:
        raise UsageError(f"unknown server kind {server!r}", field="--server", hint=f"use one of {', '.join(SERVERS)}")
    manifest = read_manifest(paths)
    # The dataset description describes what is loaded: only a full load replaces it on the server.
    whole = graph_selector in (None, "all", [], ["all"])
    graphs = {iri: GraphText(nt, n) for iri, (nt, n) in
              ntriples_by_graph(paths, graph_selector, with_description=whole).items()}
    probe = HttpClient(timeout=timeout, retries=retries, backoff=backoff)
    try:
        kind = detect_server(probe, endpoint) if server == "auto" else server
    finally:
        probe.close()
    profile = profile_for(endpoint, kind)
    client = HttpClient(timeout=timeout, retries=retries, backoff=backoff,
                        credentials=credentials_from_env(profile.auth, environ))
    report = LoadReport(endpoint=safe_url(endpoint), server=kind)
    loader = Loader(client, profile, protocol, chunk_triples)
    order = sorted(graphs)
    bar = Progress(progress, len(order), sum(g.triples for g in graphs.values()))
    try:
        for iri in order:
            method = loader.replace(iri, graphs[iri])
            report.graphs.append(GraphLoad(iri=iri, sent=graphs[iri].triples, method=method))
            bar.step(iri, graphs[iri].triples, method)
        bar.done()
        keep = {g.iri for g in manifest.graphs}
        for iri in loader.graphs_under(ARTICLE_GRAPH_PREFIX):
            if iri in keep:
                continue
            if prune:
                loader.delete(iri)
                report.pruned.append(iri)
                bar.note(f"pruned {_short(iri)}")
            else:  # (a deleted or renamed article: said, not silently left to answer queries)
                report.stale.append(iri)
        leftovers = loader.graphs_under(STAGING_PREFIX)
        for iri in leftovers:  # from an earlier load that failed before its COPY
            loader.delete(iri)
        counts = loader.counts([g.iri for g in report.graphs] + report.pruned)
        for g in report.graphs:
            g.on_server = counts.get(g.iri, 0)
        still = [iri for iri in report.pruned if counts.get(iri, 0)]
    finally:
        client.close()
    if report.mismatches or still:
        parts = [f"<{g.iri}> sent {g.sent}, server has {g.on_server}" for g in report.mismatches]
        parts += [f"<{iri}> still on the server after pruning" for iri in still]
        raise LoadFailed("the server's triple counts differ from what was sent: " + "; ".join(parts), report=report,
                         hint="load again; if it persists the server drops or merges triples (check its log)")
    return report


def endpoint_build_note(paths: Paths, endpoint: str, *, timeout: float = 30.0) -> str | None:
    """A note when the endpoint's last full ``kg load`` was of another build than the local one.

    Queries with ``--endpoint`` answer from what the server holds: after a rebuild without ``kg load``
    its rows are those of the older build, and nothing else would say so. ``graph/void``'s
    ``dcterms:modified`` is the build's time, loaded with every full load. No local build, or no
    description on the server (a store not loaded by kg): nothing to compare, no note."""
    from kg.export import DATASET, VOID_GRAPH
    from kg.queries import EndpointEngine, run

    try:
        local = read_manifest(paths).built_at
    except KgError:
        return None
    text = (f"SELECT ?modified FROM <{VOID_GRAPH}> "
            f"WHERE {{ <{DATASET}> <http://purl.org/dc/terms/modified> ?modified }}")
    try:
        rows = run(EndpointEngine(endpoint, timeout=timeout), text).rows
    except KgError:  # (an endpoint that refuses FROM, or times out: the rows were given, the note is extra)
        return None
    held = sorted({str(row[0]) for row in rows if row[0] is not None}, key=_instant)
    if not held or _instant(held[-1]) == _instant(local):
        return None
    if _instant(held[-1]) > _instant(local):
        return (f"note: {safe_url(endpoint)} holds a later build ({held[-1]}) than the local one ({local}): "
                f"its answers may hold facts the local build has not")
    return (f"note: {safe_url(endpoint)} holds the build of {held[-1]}, and the local build is of {local}: "
            f"its answers may be out of date (fix: load this build into it with kg load)")


def _instant(text: str) -> tuple[int, object]:
    """An xsd:dateTime as a time to compare (a server may write the same instant otherwise: "Z" or
    "+00:00", fractions); text that does not parse compares as text, after every time."""
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return (1, text)
    return (0, moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))


def load_cli(paths: Paths, endpoint: str, **kwargs: object) -> LoadReport:
    """``kg load`` with the progress bar on stderr."""
    return load(paths, endpoint, progress=sys.stderr, **kwargs)  # type: ignore[arg-type]


__all__ = ["SERVERS", "PROTOCOLS", "ServerProfile", "profile_for", "detect_server", "GraphText", "Loader", "LoadReport",
           "GraphLoad", "LoadFailed", "chunk_graph", "load", "load_cli", "staging_graph", "endpoint_build_note"]
