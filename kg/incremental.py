"""Per-article processing with a content-keyed cache, so a build does only the work that changed.

An article's graph depends only on its text, sidecar, fact file, the shared entities, the vocabularies
and schema, and the code: that is its cache key. Articles are self-contained (an article may reference
only shared entities and its own), so each can be checked and mapped alone, in parallel; what crosses articles (ids, references between tenures) is checked afterwards from small
summaries kept beside each cached graph.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Container, Iterable, Iterator

from rdflib import Graph

from kg import __version__, rdfio
from kg.config import Paths
from kg.corpus import (REF_TARGET_SECTION, Corpus, Entity, _check_references, _read_entities_file, check_vocab,
                       check_yaml_names, load_article, load_vocab, read_fact_file)
from kg.errors import DataError, KgError, raise_collected
from kg.mapping import article_triples, entity_node, repo_relative
from kg.partition import crossing_triples, owner_of
from kg.files import cached_pickle, write_atomic
from kg.store import article_nquads, article_nquads_name

CACHE_FORMAT = 9
PARALLEL_THRESHOLD = 40  # below this many changed articles a process pool costs more than it saves


@dataclass
class ArticleRecord:
    """What the build keeps of one processed article, besides its N-Quads.

    The fields in ``HEAVY`` (most of a record's bytes) are read from the index only when used: a rebuild
    needs them for the articles that changed, not for the 10,000 others."""

    article: str
    key: str
    draft: bool
    triples: int
    facts: int
    local_entities: dict[str, int]  # id -> line in the fact file
    fact_ids: dict[str, list[str]]  # section -> ids (targets of cross-article references)
    outgoing: list[list[Any]]  # [section, key, "<article>#<id>", line] references into other articles
    fact_file: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds of load and map for this article
    local_iris: list[str] = field(default_factory=list)  # IRIs of the entities its fact file declares
    validation_key: str | None = None  # article + context keys its findings were computed for
    findings: list[dict[str, Any]] = field(default_factory=list)  # validation results (kg.validation.Result)
    inferred_excluded: list[str] = field(default_factory=list)  # own individuals other graphs describe too
    inferred_digest: str = ""
    inferred_count: int = 0
    crossing_digest: str = ""
    exact: bool = True  # no owl:sameAs between our individuals (kg.abstraction)
    external: list[str] = field(default_factory=list)  # data individuals it describes but does not own
    external_digest: str = ""
    # heavy (default_factory, so that a missing one reaches __getattr__):
    crossing: str = field(default_factory=str)  # N-Quads about nodes it does not own (kg.partition)
    reasoning: dict[str, Any] = field(default_factory=dict)  # signatures of its individuals (reasoning_summary)
    inferred: str | None = field(default_factory=lambda: None)  # graph/inferred lines of its own individuals

    def __getattr__(self, name: str) -> Any:
        index = self.__dict__.get("_index")
        if name in HEAVY and index is not None:
            self.__dict__.update(index.heavy(self.article))
            del self.__dict__["_index"]
            return self.__dict__[name]
        raise AttributeError(name)

    def light(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in HEAVY and k != "_index"}

    def heavy(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in HEAVY}


HEAVY = ("crossing", "reasoning", "inferred")


def load_heavy(records: Iterable[ArticleRecord]) -> None:
    """Read the heavy fields of many records in one query (when all of them will be used)."""
    pending: dict[Path, tuple[ArticleIndex, dict[str, ArticleRecord]]] = {}
    for record in records:
        index = record.__dict__.get("_index")
        if index is not None:
            pending.setdefault(index.file, (index, {}))[1][record.article] = record
    for index, by_id in pending.values():
        for article, heavy in index.heavy_rows(by_id):
            record = by_id[article]
            if "_index" in record.__dict__:
                record.__dict__.update(heavy)
                del record.__dict__["_index"]


def _hash_files(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# Modules a build does not run: editing them keeps the build's caches (every other module counts).
NOT_BUILD_CODE = {"cli", "docs", "export", "http", "ingest", "ingest_eval", "load", "output", "queries"}


def global_fingerprint(paths: Paths) -> str:
    """Everything besides an article's own files that its graph and validation depend on."""
    code = sorted(p for p in Path(__file__).resolve().parent.glob("*.py") if p.stem not in NOT_BUILD_CODE)
    onto = sorted(p for p in paths.ontology.rglob("*") if p.is_file() and p.suffix in (".ttl", ".rq"))  # type: ignore[union-attr]
    checks = sorted(paths.checks.glob("*.rq")) if paths.checks.is_dir() else []
    schema = sorted((paths.data / "schema").glob("*.json"))  # type: ignore[operator]
    entities = [paths.entities_file] if paths.entities_file.exists() else []
    data_files = repo_relative(paths, paths.facts / "_")  # (how graphs and findings name the data's files)
    return hashlib.sha256("|".join([__version__, str(CACHE_FORMAT), _hash_files(code), _hash_files(onto),
                                    _hash_files(checks), _hash_files(schema), _hash_files(entities),
                                    data_files]).encode()).hexdigest()


def article_key(paths: Paths, article_id: str, fingerprint: str) -> str:
    files = [paths.articles / f"{article_id}.txt", paths.articles / f"{article_id}.yaml"]
    fact_file = paths.facts / f"{article_id}.yaml"
    if fact_file.exists():
        files.append(fact_file)
    return hashlib.sha256((fingerprint + _hash_files([f for f in files if f.exists()])).encode()).hexdigest()


# --- one article, in a worker ----------------------------------------------------------------------------

# (vocabularies, shared entities): set before the workers fork, so they are read once per build
_SHARED: dict[tuple[Paths, str], tuple[Any, dict[str, Entity]]] = {}


def _shared_entities(paths: Paths, fingerprint: str) -> tuple[Any, dict[str, Entity]]:
    if (paths, fingerprint) not in _SHARED:
        _SHARED.clear()
        _SHARED[(paths, fingerprint)] = _shared_inputs(paths, fingerprint)
    return _SHARED[(paths, fingerprint)]


def process_article(paths: Paths, article_id: str, fingerprint: str, key: str) -> tuple[ArticleRecord, bytes]:
    """Check and map one article; returns its record and its graph as N-Quads."""
    from kg import iris

    clock = time.perf_counter()
    vocab, shared = _shared_entities(paths, fingerprint)
    article = load_article(paths.articles / f"{article_id}.txt", paths)
    fact_path = paths.facts / f"{article_id}.yaml"
    ff = read_fact_file(fact_path, paths, {article_id: article}, vocab) if fact_path.exists() else None
    draft = ff is not None and ff.review == "draft"
    entities = dict(shared)
    local: dict[str, int] = {}
    if ff is not None and not draft:
        for fact in ff.facts:
            if fact.section == "entities":
                if fact.id in shared:
                    raise DataError(f"entity id {fact.id!r} is already declared in entities.yaml:{shared[fact.id].line}",
                                    file=fact_path, line=fact.line, field="id",
                                    hint=f"delete this declaration and quote it as a mention (`entity: {fact.id}`)")
                entities[fact.id] = Entity(id=fact.id, type=fact.data["type"], data=fact.data, file=fact_path,
                                           article=article_id)
                local[fact.id] = fact.line
    corpus = Corpus(paths=paths, articles={article_id: article},
                    fact_files={article_id: ff} if ff is not None and not draft else {},
                    entities=entities, vocab=vocab)
    outgoing: list[list[Any]] = []
    fact_ids: dict[str, list[str]] = {}
    if ff is not None and not draft:
        # References into other articles are recorded here and checked once every article is known.
        for fact in ff.facts:
            fact_ids.setdefault(fact.section, []).append(fact.id)
            for ref_key in ("previous", "predecessor", "statement", "compared_with"):
                value = fact.data.get(ref_key)
                if isinstance(value, str) and "#" in value:
                    outgoing.append([fact.section, ref_key, value, fact.data.line_of(ref_key), fact.id])
                    del fact.data[ref_key]
        try:
            _check_references(corpus, [entities[e] for e in local])  # (its own: the shared ones were checked once)
        finally:
            for section, ref_key, value, _line, fact_id in outgoing:
                next(f for f in ff.facts if f.id == fact_id).data[ref_key] = value
    loaded = time.perf_counter()
    triples = article_triples(corpus, article_id)
    mapped = time.perf_counter()
    nquads = rdfio.nquads(triples, str(iris.article_graph(article_id)))
    local_iris = {str(entity_node(entities[e])): article_id for e in local}
    reasoning = reasoning_summary(triples, article_id, local_iris, annotation_properties(paths, fingerprint))
    record = ArticleRecord(article=article_id, key=key, draft=draft, triples=len(triples),
                           facts=(len(ff.facts) + len(ff.items)) if ff is not None and not draft else 0,
                           local_entities=local, fact_ids=fact_ids, outgoing=outgoing,
                           fact_file=str(fact_path) if ff is not None else None,
                           timings={"load": round(loaded - clock, 5), "map": round(mapped - loaded, 5)},
                           local_iris=sorted(local_iris),
                           crossing=crossing_triples(nquads, article_id, local_iris).decode("utf-8"),
                           reasoning=reasoning, exact=reasoning["exact"], external=sorted(reasoning["external"]),
                           external_digest=hashlib.sha256(repr(sorted(reasoning["external"].items())).encode()).hexdigest())
    record.crossing_digest = hashlib.sha256(record.crossing.encode("utf-8")).hexdigest()
    return record, nquads


@lru_cache(maxsize=2)
def canonical_ontology(paths: Paths, fingerprint: str) -> Graph:
    """The ontology graph with canonical blank node labels (byte-stable stores), cached per fingerprint
    (the ontology files and the code): parsing and canonicalizing it took a rebuild's longest second.
    Callers must not change it."""
    from rdflib.compare import to_canonical_graph

    from kg import ontology

    triples = cached_pickle(paths.cache / "ontology.pickle", fingerprint,
                            lambda: set(to_canonical_graph(ontology.ontology_graph(paths))))
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


@lru_cache(maxsize=2)
def annotation_properties(paths: Paths, fingerprint: str) -> frozenset[str]:
    from kg import abstraction

    return cached_pickle(paths.cache / "annotation-properties.pickle", fingerprint,  # type: ignore[no-any-return]
                         lambda: abstraction.annotation_properties(canonical_ontology(paths, fingerprint)))


def reasoning_summary(triples: Any, article_id: str, local: dict[str, str],
                      ignore: frozenset[str] = frozenset()) -> dict[str, Any]:
    """What the reasoner needs of one article (kg.abstraction): its own individuals grouped by signature
    (key -> members, and each key's elements and a representative's literals), and the data individuals
    it describes but does not own, whose signatures the build computes over every graph."""
    from kg import abstraction

    rows = list(abstraction.rows_from_rdflib(triples))  # read once: both passes below use them
    sigs = abstraction.signatures(rows, ignore)
    groups: dict[str, list[str]] = {}
    defs: dict[str, list[Any]] = {}
    external = []
    for individual in sorted(sigs.elements):
        if owner_of(individual, local) != article_id:
            external.append(individual)
            continue
        key = sigs.key(individual)
        groups.setdefault(key, []).append(individual)
        if key not in defs:
            defs[key] = [sorted((list(e) for e in sigs.elements[individual]), key=repr),
                         [list(lit) for lit in sigs.literals.get(individual, [])]]
    partials = abstraction.partial_signatures(rows, set(external), ignore) if external else {}
    return {"exact": sigs.exact, "external": partials, "groups": groups, "defs": defs}


# --- the whole corpus ------------------------------------------------------------------------------------

@dataclass
class Processed:
    records: dict[str, ArticleRecord]
    nquads_files: dict[str, Path]
    reused: int
    processed: int
    processed_ids: list[str] = field(default_factory=list)
    stats: dict[str, tuple] = field(default_factory=dict)
    fingerprint: str = ""
    previous: dict[str, ArticleRecord] = field(default_factory=dict)  # last build's records of changed or removed articles
    dirty: set[str] = field(default_factory=set)  # articles whose records the index does not hold yet
    shared: dict[str, Entity] = field(default_factory=dict)  # data/entities.yaml, read once per build
    vocab: Any = None

    def save(self, paths: Paths) -> None:
        """Write the records that changed to the index, and forget the articles that are gone."""
        if self.dirty:
            os.sync()  # their cache files were written without fsync: on disk before the index vouches for them
        ArticleIndex(paths).save(self, sorted(self.dirty), removed=[a for a in self.previous if a not in self.records])
        self.dirty.clear()


def _shared_inputs(paths: Paths, fingerprint: str) -> tuple[Any, dict[str, Entity]]:
    """Vocabularies and shared entities, checked once, up front, so that their errors are reported once;
    kept with the fingerprint that covers their files (parsing them is most of an unchanged rebuild)."""
    def read() -> tuple[Any, dict[str, Entity]]:
        vocab = load_vocab(paths)
        check_vocab(vocab)
        shared = _read_entities_file(paths, vocab)
        _check_references(Corpus(paths=paths, articles={}, fact_files={}, entities=shared, vocab=vocab))
        return vocab, shared

    return cached_pickle(paths.cache / "shared-inputs.pickle", fingerprint, read)  # type: ignore[no-any-return]


def _worker(args: tuple[Paths, str, str, str | None]) -> tuple[str, ArticleRecord | None, KgError | None]:
    """Process one article and write its N-Quads to the cache (there, not back through the pool: they
    are most of the bytes, and the parent would be a third process on two cores). Without a key (an
    article the index does not know), the worker hashes its files: the parent would do it alone,
    before the workers start (1 s at 10,000 articles)."""
    paths, article_id, fingerprint, key = args
    try:
        key = key or article_key(paths, article_id, fingerprint)
        record, nquads = process_article(paths, article_id, fingerprint, key)
        # not synced here: Processed.save syncs once before the index records it
        write_atomic(article_nquads(paths, article_id, key), nquads, durable=False)
    except KgError as err:
        return article_id, None, err
    return article_id, record, None


def _worker_init() -> None:
    """The cycle collector back on (the build turned it off), over what the worker makes only: what it
    inherited (the vocabulary, the shared entities, the modules) is frozen out of its full passes, which
    took a tenth of the workers' time at 10,000 articles."""
    gc.freeze()
    gc.enable()


def process_corpus(paths: Paths, *, jobs: int | None = None, progress: Callable[[str], None] | None = None,
                   save: bool = True) -> Processed:
    """Bring every article's cached graph up to date; raise the data errors found (every failing
    article's, else every reference across articles that does not resolve). With
    ``save=False`` the caller saves the index (``Processed.save``) once it has added to the records."""
    if not paths.articles.is_dir():
        raise DataError("no articles folder", file=paths.articles, hint="create data/articles/ or pass --data")
    fingerprint = global_fingerprint(paths)
    vocab, shared = _shared_inputs(paths, fingerprint)
    _SHARED.clear()
    _SHARED[(paths, fingerprint)] = (vocab, shared)
    names = sorted(e.name for e in os.scandir(paths.articles) if not e.name.startswith("."))  # as glob("*") does
    article_ids = [n[:-4] for n in names if n.endswith(".txt")]
    known_ids = set(article_ids)
    check_yaml_names(paths.articles, names)
    for name in names:
        if name.endswith(".yaml") and name[:-5] not in known_ids:
            raise DataError("sidecar without article text", file=paths.articles / name,
                            hint=f"add {name[:-5]}.txt or remove the sidecar")
    if paths.facts.is_dir():
        fact_names = sorted(e.name for e in os.scandir(paths.facts) if not e.name.startswith("."))
        check_yaml_names(paths.facts, fact_names)
        for name in fact_names:
            if name.endswith(".yaml") and name[:-5] not in known_ids:
                raise DataError(f"no article {name[:-5]!r} for this fact file", file=paths.facts / name,
                                hint=f"add data/articles/{name[:-5]}.txt (kg ingest does this) or rename the file")
    (paths.cache / "articles").mkdir(parents=True, exist_ok=True)
    records: dict[str, ArticleRecord] = {}
    todo: list[tuple[str, str | None]] = []
    index = ArticleIndex(paths)
    known = index.load(fingerprint)
    stats: dict[str, tuple] = {}
    changed: list[str] = []
    cached = {e.name for e in os.scandir(paths.cache / "articles")}
    folders = (str(paths.articles), str(paths.facts))
    for article_id in article_ids:
        stats[article_id] = _stat(folders, article_id)
        entry = known.get(article_id)
        if entry is not None and entry.trusted(stats[article_id]) and article_nquads_name(article_id, entry.record.key) in cached:
            records[article_id] = entry.record  # unchanged since it was processed: its files are not even read
            continue
        if entry is None:
            todo.append((article_id, None))  # (its key is computed by the worker)
            continue
        key = article_key(paths, article_id, fingerprint)
        if entry.record.key == key and article_nquads_name(article_id, key) in cached:
            records[article_id] = entry.record  # touched, not changed
            changed.append(article_id)
            continue
        todo.append((article_id, key))
    if progress and todo:
        progress(f"processing {len(todo)} changed article(s) of {len(article_ids)}")
    tasks = [(paths, article_id, fingerprint, key) for article_id, key in todo]
    if tasks:
        annotation_properties(paths, fingerprint)  # read once, before the workers fork
    workers = jobs or min(2, os.cpu_count() or 1)
    errors: list[KgError] = []

    def take(outcomes: Iterable[tuple[str, ArticleRecord | None, KgError | None]]) -> None:
        for article_id, record, err in outcomes:
            if err is not None:
                errors.append(err)
                continue
            assert record is not None
            records[article_id] = record
            changed.append(article_id)

    if len(tasks) >= PARALLEL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
            take(pool.map(_worker, tasks, chunksize=max(1, min(64, len(tasks) // (workers * 8)))))
    else:
        take(_worker(task) for task in tasks)
    raise_collected(errors)  # every failing article's mistakes, in the order of the articles
    folder = paths.cache / "articles"
    processed = Processed(records=records, nquads_files={a: folder / article_nquads_name(a, r.key) for a, r in records.items()},
                          reused=len(article_ids) - len(todo), processed=len(todo), processed_ids=[a for a, _ in todo],
                          stats=stats, fingerprint=fingerprint, shared=shared, vocab=vocab,
                          previous={a: e.record for a, e in known.items() if a not in records or records[a] is not e.record})
    processed.dirty.update(changed)
    if save:
        processed.save(paths)
    kept = {path.name for path in processed.nquads_files.values()}
    with os.scandir(paths.cache / "articles") as found:
        for dirent in found:  # other keys' files, and temporary files of a build that was killed
            if dirent.name not in kept and dirent.is_file(follow_symlinks=False):
                Path(dirent.path).unlink(missing_ok=True)
    check_across_articles(paths, records)
    return processed


# --- the index: what a build saw of each article's files -------------------------------------------------
# Like git's index: an article whose files have the same size, mtime and inode as when it was last
# processed is taken from here without reading or hashing them (a rebuild of 10,000 articles reads one
# file, not 40,000). Files modified less than RACY seconds before the index was written are hashed
# anyway, since a change within the same clock tick would leave their mtime unchanged.

RACY = 2.0


def _stat(folders: tuple[str, str], article_id: str) -> tuple:
    out: list[tuple[int, int, int] | None] = []
    articles, facts = folders
    for file in (f"{articles}/{article_id}.txt", f"{articles}/{article_id}.yaml", f"{facts}/{article_id}.yaml"):
        try:
            st = os.stat(file)
            out.append((st.st_size, st.st_mtime_ns, st.st_ino))
        except OSError:
            out.append(None)
    return tuple(out)


@dataclass
class IndexEntry:
    stat: tuple
    written_ns: int
    record: ArticleRecord

    def trusted(self, stat: tuple) -> bool:
        racy = self.written_ns - int(RACY * 1e9)
        return stat == self.stat and all(s is None or s[1] < racy for s in stat)


class ArticleIndex:
    """``build/cache/articles.sqlite``: one row per article (its files' stat, its record); a build
    reads it whole and writes only the rows of the articles it processed."""

    def __init__(self, paths: Paths) -> None:
        self.file = paths.cache / "articles.sqlite"

    def _connect(self) -> sqlite3.Connection:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.file)
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, stat BLOB, written INTEGER, record BLOB, "
                   "heavy BLOB)")
        return db

    def load(self, fingerprint: str) -> dict[str, IndexEntry]:
        try:
            with closing(self._connect()) as db:
                row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
                if row is None or row[0] != f"{CACHE_FORMAT}:{fingerprint}":
                    return {}
                out = {}
                for a, stat, written, light in db.execute("SELECT id, stat, written, record FROM articles"):
                    record = ArticleRecord.__new__(ArticleRecord)
                    record.__dict__.update(pickle.loads(light), _index=self)
                    out[a] = IndexEntry(pickle.loads(stat), written, record)
                return out
        except (sqlite3.Error, pickle.PickleError, EOFError, AttributeError, TypeError, ValueError):
            self.file.unlink(missing_ok=True)  # a damaged cache is only a slower build
            return {}

    def heavy(self, article: str) -> dict[str, Any]:
        with closing(self._connect()) as db:
            row = db.execute("SELECT heavy FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            raise KgError(f"the build cache lost article {article}", hint="remove build/cache and build again")
        return pickle.loads(row[0])

    def heavy_rows(self, wanted: Container[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """The heavy fields of every article (or of those ``wanted``), in one query, without creating or
        changing the index (for readers of a build too: sqlite3.Error when there is none)."""
        with closing(sqlite3.connect(self.file.as_uri() + "?mode=ro", uri=True)) as db:
            for article, heavy in db.execute("SELECT id, heavy FROM articles"):
                if wanted is None or article in wanted:
                    yield article, pickle.loads(heavy)

    def save(self, processed: "Processed", articles: Iterable[str], removed: Iterable[str] = ()) -> None:
        now = time.time_ns()

        def row(a: str, r: ArticleRecord) -> tuple:
            return (a, pickle.dumps(processed.stats.get(a, ())), now, pickle.dumps(r.light(), pickle.HIGHEST_PROTOCOL),
                    pickle.dumps(r.heavy(), pickle.HIGHEST_PROTOCOL))

        rows = (row(a, processed.records[a]) for a in articles)
        with closing(self._connect()) as db, db:
            meta = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
            if meta is None or meta[0] != f"{CACHE_FORMAT}:{processed.fingerprint}":
                db.execute("DELETE FROM articles")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (f"{CACHE_FORMAT}:{processed.fingerprint}",))
                rows = (row(a, r) for a, r in processed.records.items())
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)", rows)
            db.executemany("DELETE FROM articles WHERE id = ?", [(a,) for a in removed])


def check_across_articles(paths: Paths, records: dict[str, ArticleRecord]) -> None:
    """Entity ids declared once in the corpus; references to other articles' facts resolve (every mistake)."""
    errors: list[KgError] = []
    owner: dict[str, str] = {}
    for article_id, record in sorted(records.items()):
        for entity_id, line in sorted(record.local_entities.items()):
            if entity_id in owner:
                errors.append(DataError(f"entity id {entity_id!r} is already declared in {owner[entity_id]}.yaml",
                                        file=paths.facts / f"{article_id}.yaml", line=line, field="id",
                                        hint="an entity used by several articles belongs once in data/entities.yaml: "
                                             f"run `kg entities share {entity_id}`"))
                continue
            owner[entity_id] = article_id
    for article_id, record in sorted(records.items()):
        for section, ref_key, value, line, fact_id in record.outgoing:
            other, other_id = value.split("#", 1)
            if (other, other_id) == (article_id, fact_id):
                errors.append(DataError(f"{section} (id {fact_id}): {ref_key} names the fact itself",
                                        file=paths.facts / f"{article_id}.yaml", line=line, field=ref_key,
                                        hint=f"name another of the {REF_TARGET_SECTION[ref_key]}"))
                continue
            target = records.get(other)
            if target is None or target.draft or other_id not in target.fact_ids.get(REF_TARGET_SECTION[ref_key], []):
                errors.append(DataError(f"{section} (id {fact_id}): {ref_key} names unknown fact {value!r}",
                                        file=paths.facts / f"{article_id}.yaml", line=line, field=ref_key,
                                        hint=f"use <article-id>#<id> of a {REF_TARGET_SECTION[ref_key][:-1]} in a reviewed fact file"))
    raise_collected(errors)
