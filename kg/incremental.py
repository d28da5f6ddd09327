"""Per-article processing with a content-keyed cache, so a build does only the work that changed.

An article's graph depends only on its text, sidecar, fact file, the shared entities, the vocabularies
and schema, and the code: that is its cache key. Articles are self-contained (an article may reference
only shared entities and its own), so each can be checked and mapped alone, in parallel; what crosses articles (ids, references between tenures) is checked afterwards from small
summaries kept beside each cached graph.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from rdflib import Graph

from kg import __version__
from kg.config import Paths
from kg.corpus import (Corpus, Entity, _check_references, _read_entities_file, load_article, load_vocab,
                       read_fact_file)
from kg.errors import DataError, KgError
from kg.mapping import map_article
from kg.yamlio import write_atomic

CACHE_FORMAT = 2
PARALLEL_THRESHOLD = 40  # below this many changed articles a process pool costs more than it saves


@dataclass
class ArticleRecord:
    """What the build keeps of one processed article, besides its N-Quads."""

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

    @classmethod
    def from_json(cls, text: str) -> "ArticleRecord":
        return cls(**json.loads(text))


def _hash_files(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def global_fingerprint(paths: Paths) -> str:
    """Everything besides an article's own files that its graph and validation depend on."""
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    onto = sorted(p for p in paths.ontology.rglob("*") if p.is_file() and p.suffix in (".ttl", ".rq"))  # type: ignore[union-attr]
    checks = sorted(paths.checks.glob("*.rq")) if paths.checks.is_dir() else []
    schema = sorted((paths.data / "schema").glob("*.json"))  # type: ignore[operator]
    entities = [paths.entities_file] if paths.entities_file.exists() else []
    return hashlib.sha256("|".join([__version__, str(CACHE_FORMAT), _hash_files(code), _hash_files(onto),
                                    _hash_files(checks), _hash_files(schema), _hash_files(entities)]).encode()).hexdigest()


def article_key(paths: Paths, article_id: str, fingerprint: str) -> str:
    files = [paths.articles / f"{article_id}.txt", paths.articles / f"{article_id}.yaml"]
    fact_file = paths.facts / f"{article_id}.yaml"
    if fact_file.exists():
        files.append(fact_file)
    return hashlib.sha256((fingerprint + _hash_files([f for f in files if f.exists()])).encode()).hexdigest()


# --- one article, in a worker ----------------------------------------------------------------------------

@lru_cache(maxsize=2)
def _shared_entities(paths: Paths, fingerprint: str) -> dict[str, Entity]:
    return _read_entities_file(paths, load_vocab(paths))


def process_article(paths: Paths, article_id: str, fingerprint: str, key: str) -> tuple[ArticleRecord, bytes]:
    """Check and map one article; returns its record and its graph as N-Quads."""
    from kg import iris

    clock = time.perf_counter()
    vocab = load_vocab(paths)
    shared = _shared_entities(paths, fingerprint)
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
                                    hint="an entity used by several articles belongs once in data/entities.yaml")
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
            _check_references(corpus)
        finally:
            for section, ref_key, value, _line, fact_id in outgoing:
                next(f for f in ff.facts if f.id == fact_id).data[ref_key] = value
    loaded = time.perf_counter()
    graph = map_article(corpus, article_id)
    mapped = time.perf_counter()
    nquads = _to_nquads(graph, str(iris.article_graph(article_id)))
    record = ArticleRecord(article=article_id, key=key, draft=draft, triples=len(graph),
                           facts=(len(ff.facts) + len(ff.items)) if ff is not None and not draft else 0,
                           local_entities=local, fact_ids=fact_ids, outgoing=outgoing,
                           fact_file=str(fact_path) if ff is not None else None,
                           timings={"load": round(loaded - clock, 5), "map": round(mapped - loaded, 5)})
    return record, nquads


def _to_nquads(graph: Graph, graph_iri: str) -> bytes:
    suffix = f" <{graph_iri}> .".encode()
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return b"".join(line[:-2].rstrip() + suffix + b"\n" for line in lines if line.strip())


# --- the whole corpus ------------------------------------------------------------------------------------

@dataclass
class Processed:
    records: dict[str, ArticleRecord]
    nquads_files: dict[str, Path]
    reused: int
    processed: int
    processed_ids: list[str] = field(default_factory=list)


def _cache_paths(paths: Paths, article_id: str) -> tuple[Path, Path]:
    return paths.cache / "articles" / f"{article_id}.json", paths.cache / "articles" / f"{article_id}.nq"


def _worker(args: tuple[Paths, str, str, str]) -> tuple[str, ArticleRecord | None, bytes | None, KgError | None]:
    paths, article_id, fingerprint, key = args
    try:
        record, nquads = process_article(paths, article_id, fingerprint, key)
        return article_id, record, nquads, None
    except KgError as err:
        return article_id, None, None, err


def process_corpus(paths: Paths, *, jobs: int | None = None,
                   progress: Callable[[str], None] | None = None) -> Processed:
    """Bring every article's cached graph up to date; raise the first data error found."""
    if not paths.articles.is_dir():
        raise DataError("no articles folder", file=paths.articles, hint="create data/articles/ or pass --data")
    # Shared entities and vocabularies are checked once, up front, so their errors are reported once.
    vocab = load_vocab(paths)
    _read_entities_file(paths, vocab)
    fingerprint = global_fingerprint(paths)
    article_ids = sorted(p.stem for p in paths.articles.glob("*.txt"))
    for sidecar in sorted(paths.articles.glob("*.yaml")):
        if sidecar.stem not in article_ids:
            raise DataError("sidecar without article text", file=sidecar, hint=f"add {sidecar.stem}.txt or remove the sidecar")
    if paths.facts.is_dir():
        for fact_file in sorted(paths.facts.glob("*.yaml")):
            if fact_file.stem not in article_ids:
                raise DataError(f"no article {fact_file.stem!r} for this fact file", file=fact_file,
                                hint=f"add data/articles/{fact_file.stem}.txt (kg ingest does this) or rename the file")
    (paths.cache / "articles").mkdir(parents=True, exist_ok=True)
    records: dict[str, ArticleRecord] = {}
    todo: list[tuple[str, str]] = []
    for article_id in article_ids:
        key = article_key(paths, article_id, fingerprint)
        meta, nq = _cache_paths(paths, article_id)
        if meta.exists() and nq.exists():
            try:
                record = ArticleRecord.from_json(meta.read_text(encoding="utf-8"))
            except (ValueError, TypeError):
                record = None
            if record is not None and record.key == key:
                records[article_id] = record
                continue
        todo.append((article_id, key))
    if progress and todo:
        progress(f"processing {len(todo)} changed article(s) of {len(article_ids)}")
    tasks = [(paths, article_id, fingerprint, key) for article_id, key in todo]
    workers = jobs or min(2, os.cpu_count() or 1)
    if len(tasks) >= PARALLEL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(_worker, tasks, chunksize=max(1, len(tasks) // (workers * 8))))
    else:
        outcomes = [_worker(task) for task in tasks]
    errors = [err for _, _, _, err in outcomes if err is not None]
    if errors:
        raise errors[0]
    for article_id, record, nquads, _ in outcomes:
        assert record is not None and nquads is not None
        meta, nq = _cache_paths(paths, article_id)
        write_atomic(nq, nquads)
        write_atomic(meta, json.dumps(asdict(record), sort_keys=True))
        records[article_id] = record
    for stale in (paths.cache / "articles").glob("*.json"):
        if stale.stem not in records:
            stale.unlink(missing_ok=True)
            stale.with_suffix(".nq").unlink(missing_ok=True)
    check_across_articles(paths, records)
    return Processed(records=records, nquads_files={a: _cache_paths(paths, a)[1] for a in records},
                     reused=len(article_ids) - len(todo), processed=len(todo), processed_ids=[a for a, _ in todo])


def check_across_articles(paths: Paths, records: dict[str, ArticleRecord]) -> None:
    """Entity ids declared once in the corpus; references to other articles' facts resolve."""
    owner: dict[str, str] = {}
    for article_id, record in sorted(records.items()):
        for entity_id, line in sorted(record.local_entities.items()):
            if entity_id in owner:
                raise DataError(f"entity id {entity_id!r} is already declared in {owner[entity_id]}.yaml",
                                file=paths.facts / f"{article_id}.yaml", line=line, field="id",
                                hint="an entity used by several articles belongs once in data/entities.yaml")
            owner[entity_id] = article_id
    target_section = {"previous": "tenures", "predecessor": "tenures", "statement": "statements",
                      "compared_with": "observations"}
    for article_id, record in sorted(records.items()):
        for section, ref_key, value, line, fact_id in record.outgoing:
            other, other_id = value.split("#", 1)
            target = records.get(other)
            if target is None or target.draft or other_id not in target.fact_ids.get(target_section[ref_key], []):
                raise DataError(f"{section} (id {fact_id}): {ref_key} names unknown fact {value!r}",
                                file=paths.facts / f"{article_id}.yaml", line=line, field=ref_key,
                                hint=f"use <article-id>#<id> of a {target_section[ref_key][:-1]} in a reviewed fact file")
