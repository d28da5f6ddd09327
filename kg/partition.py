"""Validation by article: every shape, SPARQL constraint and check runs on small in-memory stores of a
few articles each, in parallel, and each article's findings are cached with it.

A node minted for an article (``id/article/<id>/...``, or an entity declared in its fact file) is that
article's *own* node. Its findings depend on its article's graph, the ontology, the shared entities and
the articles that reference it or that it references (``previous:``, ``statement:`` ...): its
*context*. So a batch store holds the ontology graph, the part of the entities graph its articles
reach (``BaseParts``), the batch's article graphs and their context graphs; the findings whose focus
is own to a batch article are that article's, keyed on the article and its context (``validation_key``).
Findings about nodes no article owns (shared entities, ontology terms) come from the *global* store:
the ontology, the entities and, from every article, the triples about nodes it does not own (with the
types of their objects), a few per article.

``tests/test_partition.py`` checks that the union of both is exactly what every shape and check gives
over the whole store.
"""

from __future__ import annotations

import collections
import gc
import hashlib
import multiprocessing
import os
import re
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, Iterable

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.namespace import SH

from kg import iris
from kg.config import Paths
from kg.files import cached_pickle
from kg.rdfio import text_lines
from kg.store import build_nquads, read_build_nquads
from kg.validation import _ARTICLE_IRI, ARTICLE_GRAPH_PREFIX, ENTITY_PATH, Result

BATCH = 160  # articles per batch store: large enough to share the fixed cost of ~250 queries

# (On N-Quads text: a line starts with its subject, and no literal holds a raw newline.)
_DECLARED = re.compile(rb"^<(" + re.escape(iris.BASE.encode()) + ENTITY_PATH.encode() + rb")> "
                       rb"<http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> ", re.M)
_NODE = re.compile(rb"<(" + re.escape(iris.BASE.encode()) + rb"id/[^>]*)>")


def owner_of(iri: str, local: dict[str, str]) -> str | None:
    """The article that owns a node: the one it is minted for, or whose fact file declares it."""
    match = _ARTICLE_IRI.match(iri)
    return match.group(1) if match else local.get(iri)


class Validator:
    """The compiled shapes, SPARQL constraints and checks of one project, run on any store."""

    def __init__(self, paths: Paths) -> None:
        from kg import shacl_compile, sparql_constraints, validation

        self.paths = paths
        shapes = validation.load_shapes(paths)
        self.compiled = shacl_compile.compile_shapes(sparql_constraints.core_shapes(shapes))
        self.constraints = sparql_constraints.extract(shapes)
        # (a shape that follows a property backward: every batch store then holds the whole base, see BaseParts)
        self.backward = (None, SH.inversePath, None) in shapes

    def shapes(self, store: ox.Store, keep: Callable[[str | None], bool] | None = None) -> list[Result]:
        """``keep`` picks rows by focus before they are traced to fact files (the tracing is most of the
        cost of the rows a caller would drop)."""
        from kg import shacl_compile, sparql_constraints, validation

        rows = shacl_compile.evaluate(store, self.compiled, keep=keep)  # (its rows are kept ones already)
        rows += [row for row in sparql_constraints.evaluate(store, self.constraints)
                 if keep is None or keep(row["focus"])]
        return validation.results_from_rows(rows, store, self.paths)

    def checks(self, store: ox.Store) -> list[Result]:
        from kg import validation

        return validation.run_checks(Dataset(), self.paths, store=store)


def store_of(*parts: bytes | Path) -> ox.Store:
    """An in-memory store of N-Quads documents (bytes, or files) the build wrote, parsed leniently (without
    checking IRIs and language tags again: two fifths of the parse at 10,000 articles). Each of theirs was
    checked on input by Oxigraph's own parser, at its file and line (``kg.corpus``), or minted from checked
    ids (``kg.iris``)."""
    store = ox.Store()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part
        if data:
            store.load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
    return store


class BaseParts:
    """The base (ontology and entities graphs) as a batch store needs it: the ontology whole, and of the
    entities graph the triples about the entities the batch's graphs name and those they lead to, link
    after link (the event an edition belongs to, that event's organizer), so that a batch store grows
    with the batch, not with the entities file.

    Exact as long as shapes and checks read an entity from the facts that use it, never from the
    entity to what links to it: no shape has an ``sh:inversePath`` (one that has makes
    batches take the whole base: ``Validator.backward``), and no SHACL-SPARQL constraint or check
    follows an entity's incoming links within the entities graph. tests/test_partition.py compares
    the findings with those of the whole store."""

    def __init__(self, base: bytes) -> None:
        tail = f" <{iris.ENTITIES_GRAPH}> .".encode()
        kept: list[bytes] = []  # the ontology, and what is not about a node of ours (kept whatever the batch)
        self.lines: dict[bytes, list[bytes]] = {}
        self.links: dict[bytes, set[bytes]] = {}
        for line in base.splitlines(keepends=True):
            subject = _NODE.match(line)
            if subject is None or not line.rstrip().endswith(tail):
                kept.append(line)
                continue
            node = subject.group(1)
            self.lines.setdefault(node, []).append(line)
            self.links.setdefault(node, set()).update(m.group(1) for m in _NODE.finditer(line, subject.end()))
        self.kept = b"".join(kept)

    def reached_by(self, documents: Iterable[bytes]) -> bytes:
        seen: set[bytes] = set()
        todo = [m.group(1) for data in documents for m in _NODE.finditer(data)]
        while todo:
            node = todo.pop()
            if node not in seen and node in self.lines:
                seen.add(node)
                todo.extend(self.links[node])
        return self.kept + b"".join(line for node in sorted(seen) for line in self.lines[node])


def validation_key(article_key: str, context_keys: Iterable[str]) -> str:
    return hashlib.sha256("|".join([article_key, *sorted(context_keys)]).encode()).hexdigest()


_VALIDATORS: dict[str, Validator] = {}


def validator_for(paths: Paths) -> Validator:
    """One compiled Validator per content of the shapes and of the compiler (this module included: parsing
    the shapes and compiling ~250 checks takes a second): kept in memory, and in ``build/cache/shapes.pickle``."""
    from kg import shacl_compile, sparql_constraints

    digest = hashlib.sha256()
    for file in sorted(Path(paths.shapes).glob("*.ttl")) + [Path(shacl_compile.__file__), Path(sparql_constraints.__file__),
                                                           Path(__file__)]:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    key = digest.hexdigest()
    if key in _VALIDATORS:
        _VALIDATORS[key].paths = paths
        return _VALIDATORS[key]
    def compile_shapes() -> tuple[Any, Any, bool]:
        fresh = Validator(paths)
        return fresh.compiled, fresh.constraints, fresh.backward

    validator = Validator.__new__(Validator)
    validator.compiled, validator.constraints, validator.backward = cached_pickle(
        paths.cache / "shapes.pickle", key, compile_shapes)
    validator.paths = paths
    _VALIDATORS.clear()
    _VALIDATORS[key] = validator
    return validator


# --- batches, in workers --------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _init(paths: Paths, base: bytes, local: dict[str, str]) -> None:
    validator = validator_for(paths)
    _STATE.update(validator=validator, base=base, parts=None if validator.backward else BaseParts(base),
                  local=local, known=None)


def _known() -> set[tuple]:
    """The checks' findings on the whole base alone (once per process, when a batch first needs them)."""
    if _STATE["known"] is None:
        _STATE["known"] = {r.key() for r in _STATE["validator"].checks(store_of(_STATE["base"]))}
    return _STATE["known"]  # type: ignore[no-any-return]


def _pool_init(paths: Paths, base: bytes, local: dict[str, str]) -> None:
    _init(paths, base, local)
    gc.freeze()  # (what every batch reads: out of the cycle collector's full passes)
    gc.enable()  # (the build turned it off in its own process)


def validate_batch(batch: list[str], files: dict[str, Path | bytes]) -> dict[str, list[dict[str, Any]]]:
    """Findings of each article of ``batch`` (``files``: the N-Quads of the batch and of its context)."""
    validator: Validator = _STATE["validator"]
    local: dict[str, str] = _STATE["local"]
    members = set(batch)
    data = {a: f.read_bytes() if isinstance(f, Path) else f for a, f in files.items()}
    parts: BaseParts | None = _STATE["parts"]
    base = parts.reached_by(data.values()) if parts is not None else _STATE["base"]
    store = store_of(base, *data.values())
    found: dict[str, list[Result]] = {a: [] for a in batch}
    loose: list[Result] = []
    for result in validator.shapes(store, keep=lambda focus: owner_of(focus or "", local) in members):
        found[owner_of(result.focus, local)].append(result)  # type: ignore[index]
    for result in validator.checks(store):
        owner = owner_of(result.focus, local)
        if owner in members:
            found[owner].append(result)
        elif owner is None:
            loose.append(result)  # about a term or a shared node: whose article caused it, if any?
    if loose:  # (known: those of the whole base, as when every batch store held all of it)
        known = _known()
        if any(r.key() not in known for r in loose):
            for article in batch:  # rare (a bad input): find the culprits one article at a time
                alone = {r.key() for r in validator.checks(store_of(base, data[article]))}
                found[article].extend(r for r in loose if r.key() in alone and r.key() not in known)
    return {a: [asdict(r) for r in rs] for a, rs in found.items()}


def _run_batch(args: tuple[list[str], dict[str, Path | bytes]]) -> dict[str, list[dict[str, Any]]]:
    return validate_batch(*args)


def validate_articles(paths: Paths, todo: list[str], context: dict[str, set[str]], files: dict[str, Path | bytes],
                      base: bytes, local: dict[str, str], jobs: int | None = None,
                      crossing: list[bytes] | None = None) -> tuple[dict[str, list[dict[str, Any]]], list[Result] | None]:
    """Findings per article of ``todo``, in batches (with their context) and in parallel when many; and,
    given ``crossing``, ``validate_global``'s findings, computed in the pool beside the batches when
    there are two or more (it is the longest single task: alone after them, it left a core idle for
    seconds), else after the batch."""
    batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
    tasks = []
    for batch in batches:
        needed = set(batch)
        for article in batch:
            needed |= context.get(article, set())
        tasks.append((batch, {a: files[a] for a in sorted(needed)}))
    parallel = (jobs or os.cpu_count() or 1) > 1 and len(tasks) > 1
    out: dict[str, list[dict[str, Any]]] = {}
    validator_for(paths)  # compiled once, before the worker starts (it reads the compiled shapes from the cache)
    _init(paths, base, local)
    found_global: list[Result] | None = None
    if parallel:
        # One worker process, and this process takes the batches it does not. The worker comes from a
        # fork server, not from this process: forked from a build holding 10,000 articles' records, it
        # counted their ~600 MB again in the build's memory (the pages it shares, in its resident set), and
        # held 830 MB beside a loading process (kg.store) of as much. This process's objects (with the
        # cycle collector off in a build) go to the permanent generation first: the collector runs here
        # meanwhile, over the batches' objects only.
        gc.freeze()
        collecting = gc.isenabled()
        gc.enable()
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=_worker_context(), initializer=_pool_init,
                                     initargs=(paths, base, local)) as pool:
                pending = pool.submit(_run_global, crossing) if crossing is not None else None
                queue = collections.deque(tasks)
                running: dict[Future[dict[str, list[dict[str, Any]]]], Any] = {}
                try:
                    while queue or running:
                        while queue and len(running) < 2:  # (one queued behind the running one: the worker never waits)
                            task = queue.popleft()
                            running[pool.submit(_run_batch, task)] = task
                        if not queue:  # a batch still queued for the worker is taken back, not waited for
                            for future in [f for f in running if f.cancel()]:
                                queue.append(running.pop(future))
                        if queue:
                            out.update(_run_batch(queue.popleft()))
                        else:
                            wait(running, return_when=FIRST_COMPLETED)
                        for done in [f for f in running if f.done()]:
                            del running[done]
                            out.update(done.result())
                except BaseException:
                    for future in [*running, *([pending] if pending is not None else [])]:
                        future.cancel()
                    raise
                if pending is not None:
                    found_global = pending.result()
        finally:
            if not collecting:
                gc.disable()
            gc.unfreeze()
    else:
        for task in tasks:
            out.update(_run_batch(task))
        if crossing is not None:
            found_global = validate_global(paths, base, crossing, local)
    return out, found_global


def _worker_context() -> Any:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    # (the server imports these once, the worker is forked from it: this module and its dependencies)
    context.set_forkserver_preload(["__main__", __name__])
    return context


def _run_global(crossing: list[bytes]) -> list[Result]:
    return validate_global(_STATE["validator"].paths, _STATE["base"], crossing, _STATE["local"])


def validate_global(paths: Paths, base: bytes, crossing: Iterable[bytes], local: dict[str, str]) -> list[Result]:
    """Findings about nodes no article owns, on the ontology, the entities and every article's crossing triples."""
    validator = validator_for(paths)
    store = store_of(base, b"".join(crossing))

    def unowned(focus: str | None) -> bool:
        return owner_of(focus or "", local) is None

    return validator.shapes(store, keep=unowned) + [r for r in validator.checks(store) if unowned(r.focus)]


def crossing_triples(nquads: bytes, article_id: str, local: dict[str, str]) -> bytes:
    """The lines of an article's N-Quads about nodes it does not own, with the types of their objects."""
    lines = [line + "\n" for line in text_lines(nquads.decode("utf-8"))]
    out: list[str] = []
    objects: set[str] = set()
    owners: dict[str, str | None] = {}  # (lines come sorted: each subject's run shares one lookup)
    for line in lines:
        subject = line[1:line.index(">")] if line.startswith("<") else ""
        owner = owners.get(subject, "")
        if owner == "":
            owner = owners[subject] = owner_of(subject, local)
        if owner != article_id:
            out.append(line)
            rest = line[line.index(">") + 2:]
            rest = rest[rest.index(">") + 2:]  # past the predicate
            if rest.startswith("<"):
                objects.add(rest[1:rest.index(">")])
    type_prefix = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    for line in lines:
        if line.startswith("<") and line[1:line.index(">")] in objects and type_prefix in line:
            out.append(line)
    return "".join(sorted(set(out))).encode("utf-8")


# --- a built store, for ``kg validate`` -------------------------------------------------------------


def store_partitions(store: ox.Store, manifest: Any, paths: Paths) -> tuple[bytes, dict[str, bytes], dict[str, str], dict[str, set[str]]]:
    """What ``validate_articles`` needs, from a build: the base (ontology and entities graphs), each article
    graph's N-Quads, the article owning each entity declared in a fact file (an entity IRI typed in that
    article's graph: a shared one is typed only in graph/entities) and each article's context (the
    articles owning a node its graph names, and those naming one it owns). The context may be larger
    than the build's (a quote that spells out another article's node IRI adds that article): larger
    batches, the same findings.

    An article graph is read from the N-Quads file the build loaded it from, when the build's cache
    still holds it (named by the article's cache key, which the manifest keeps as the graph's digest,
    with as many lines as the graph has triples), else from the store: Oxigraph decodes about 70,000
    quads a second, which is 20 s at 10,000 articles.
    """
    def dump(iri: str) -> bytes:  # (``Store.dump(from_graph=...)`` would leave out the graph's name)
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)  # type: ignore[no-any-return]

    def read(info: Any) -> bytes:
        data = read_build_nquads(build_nquads(paths, info), info.triples)
        return data if data is not None else dump(info.iri)

    graphs = {g.iri: g for g in manifest.graphs}
    base = b"".join(dump(str(g)) for g in (iris.ONTOLOGY_GRAPH, iris.ENTITIES_GRAPH) if str(g) in graphs)
    nquads = {g.iri[len(ARTICLE_GRAPH_PREFIX):]: read(g) for g in sorted(graphs.values(), key=lambda g: g.iri)
              if g.iri.startswith(ARTICLE_GRAPH_PREFIX) and g.article}
    local = {m.group(1).decode(): article for article, data in nquads.items() for m in _DECLARED.finditer(data)}
    context: dict[str, set[str]] = {article: set() for article in nquads}
    for article, data in nquads.items():
        for node in {m.group(1).decode() for m in _NODE.finditer(data)}:
            owner = owner_of(node, local)
            if owner is not None and owner != article and owner in context:
                context[article].add(owner)
                context[owner].add(article)
    return base, nquads, local, context


def validate_store(store: ox.Store, manifest: Any, paths: Paths, jobs: int | None = None) -> list[Result]:
    """Every shape and check over a build, by article as ``kg build`` validates (whole-store evaluation of
    the compiled shapes took 8 minutes at 10,000 articles, pySHACL per article 17): the build's findings,
    since the store holds what the build validated."""
    from kg import validation

    base, nquads, local, context = store_partitions(store, manifest, paths)
    crossing = [crossing_triples(nquads[a], a, local) for a in sorted(nquads)]
    found, found_global = validate_articles(paths, sorted(nquads), context, nquads, base, local, jobs=jobs,
                                            crossing=crossing)
    assert found_global is not None  # (given ``crossing``, always computed)
    return validation.dedupe([Result(**f) for a in sorted(found) for f in found[a]] + found_global)
