"""``kg build``: check, map and validate each changed article, check across articles, reason, swap in.

Nothing is swapped in unless every stage passes: the last good build stays in place, and a failed
build's half-written generation is removed.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable

import pyoxigraph as ox

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg import __version__, iris, rdfio
from kg.config import Paths
from kg.corpus import Corpus
from kg.errors import ValidationFailed, display_path, raise_collected
from kg.incremental import Processed, annotation_properties, canonical_ontology, load_heavy, process_corpus
from kg.partition import owner_of
from kg.mapping import map_shared_entities
from kg.store import BuildLock, Generation, GraphInfo, GraphSource, Manifest, graph_of, now_utc
from kg.files import cached_entry, cached_key, cached_pickle, cached_value, without_cycle_collector, write_atomic, write_cached

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    articles: int
    facts: int
    triples: int
    seconds: float
    stages: dict[str, float]
    reused: int = 0
    validated: int = 0  # articles whose shapes and checks ran this time (the others' findings were cached)
    warnings: list[str] = field(default_factory=list)  # about the input files (drafts left out)
    findings: list[str] = field(default_factory=list)  # validation Warnings and Infos (they do not block)
    drafts: int = 0  # articles whose fact file is a draft: their text is in, their facts are not

    def summary(self) -> str:
        stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in self.stages.items())
        cached = f"; {self.reused} article(s) unchanged, from cache" if self.reused else ""
        drafts = f" ({self.drafts} with a draft fact file, its facts left out)" if self.drafts else ""
        return (f"built {self.articles} articles{drafts}, {self.facts} facts, {self.triples} triples "
                f"in {self.seconds:.2f}s ({stages}{cached})")


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.stages: dict[str, float] = {}
        self.progress = progress

    def run(self, name: str, func: Callable[[], object]) -> object:
        if self.progress:
            self.progress(name)
        start = time.perf_counter()
        result = func()
        self.stages[name] = round(time.perf_counter() - start, 4)
        return result


def make_dataset(graphs: dict[str, Graph]) -> Dataset:
    """An rdflib Dataset holding each graph under its IRI (what validation and reasoning read)."""
    ds = Dataset()
    iris.bind_prefixes(ds)
    for iri, graph in graphs.items():
        target = ds.graph(URIRef(iri))
        for triple in graph:
            target.add(triple)
    return ds


def run_shapes(store: ox.Store, paths: Paths) -> list[Any]:
    """Every SHACL shape, once over the whole new store: the core constraints compiled (kg.shacl_compile:
    checked in Python on an index of the store, or as SPARQL) and the SHACL-SPARQL ones
    (kg.sparql_constraints), both on Oxigraph.

    Both give exactly what pySHACL gives on the same data (tests/test_shacl_compile.py,
    tests/test_validation_split.py), in seconds where pySHACL per article took minutes; and seeing all
    graphs at once, they also catch what crosses articles (a term named as predecessor by two others).
    """
    from kg import shacl_compile, sparql_constraints, validation

    shapes = validation.load_shapes(paths)
    rows = shacl_compile.evaluate(store, shacl_compile.compile_shapes(sparql_constraints.core_shapes(shapes)))
    rows += sparql_constraints.evaluate(store, sparql_constraints.extract(shapes))
    return validation.dedupe(validation.results_from_rows(rows, store, paths))


def _cached(paths: Paths, name: str, inputs: list[bytes], compute: Callable[[list[bytes]], Any]) -> Any:
    """``compute(inputs)``, or what it gave last time for the same inputs (``build/cache/<name>.pickle``)."""
    return cached_pickle(paths.cache / f"{name}.pickle", _inputs_digest(inputs), lambda: compute(inputs))


def _is_cached(paths: Paths, name: str, inputs: list[bytes]) -> bool:
    return cached_key(paths.cache / f"{name}.pickle") == _inputs_digest(inputs)


def _inputs_digest(inputs: list[bytes]) -> str:
    return hashlib.sha256(b"".join(hashlib.sha256(i).digest() for i in inputs)).hexdigest()


_DERIVED: dict[tuple[Path, str], dict[str, Any]] = {}  # this process's last one: validation and reasoning share it


def derived(paths: Paths, fingerprint: str, ontology_graph: GraphSource, entities_graph: GraphSource) -> dict[str, Any]:
    """What the build derives from the ontology and the shared entities alone, kept with the fingerprint
    that covers both: recomputing it was most of a rebuild's fixed cost (the graphs themselves are made
    only when it is recomputed, when the store must load them, or when the reasoner meets a new signature)."""
    if (paths.cache, fingerprint) in _DERIVED:
        return _DERIVED[(paths.cache, fingerprint)]

    def compute(_inputs: list[bytes]) -> dict[str, Any]:
        from kg import abstraction

        onto, entities = graph_of(ontology_graph), graph_of(entities_graph)
        ignore = annotation_properties(paths, fingerprint)  # (the articles' workers read the same)
        return {"onto_digest": _digest(onto), "entities_digest": _digest(entities),
                "onto_triples": len(onto), "entities_triples": len(entities),
                "base": rdfio.nquads(onto, str(iris.ONTOLOGY_GRAPH)) + rdfio.nquads(entities, str(iris.ENTITIES_GRAPH)),
                "fragment": abstraction.check_fragment(onto), "ignore": ignore,
                "entity_parts": abstraction.partial_signatures(abstraction.rows_from_rdflib(entities), ignore=ignore)}

    _DERIVED.clear()
    _DERIVED[(paths.cache, fingerprint)] = _cached(paths, "derived", [fingerprint.encode()], compute)
    return _DERIVED[(paths.cache, fingerprint)]


def _digest(graph: Graph) -> str:
    return hashlib.sha256(rdfio.nquads(graph, "g")).hexdigest()


def _previous_manifest(paths: Paths, wanted: dict[str, tuple[str, Any]]) -> Manifest | None:
    """The current build's manifest when starting from a copy of its store pays: most graphs unchanged."""
    from kg.store import has_build, read_manifest

    if not has_build(paths) or not paths.store.is_dir():
        return None
    try:
        previous = read_manifest(paths)
    except Exception:  # an unreadable manifest only means a build from scratch
        return None
    same = sum(1 for g in previous.graphs if g.digest and g.iri in wanted and wanted[g.iri][0] == g.digest)
    return previous if same * 2 > len(wanted) else None


def validate_partitioned(paths: Paths, processed: Processed, ontology_graph: GraphSource, entities_graph: GraphSource,
                         jobs: int | None = None, save: bool = True) -> tuple[list[Any], int]:
    """Every shape and check, by article (kg.partition): only articles whose content or context changed
    are validated again; the findings about nodes no article owns are computed again when any article's
    triples about them changed (they are cached on those triples' digests)."""
    from kg import partition, validation

    records = processed.records
    local = {iri: a for a, r in records.items() for iri in r.local_iris}
    context: dict[str, set[str]] = {a: set() for a in records}
    for a, r in records.items():
        for _section, _key, value, _line, _fact in r.outgoing:
            other = value.split("#", 1)[0]
            if other in records and other != a:
                context[a].add(other)
                context[other].add(a)
    keys = {a: partition.validation_key(r.key, [records[c].key for c in context[a]]) for a, r in records.items()}
    todo = [a for a in sorted(records) if records[a].validation_key != keys[a]]
    base = derived(paths, processed.fingerprint, ontology_graph, entities_graph)["base"]
    inputs = [processed.fingerprint.encode(), base] + [records[a].crossing_digest.encode() for a in sorted(records)]

    def crossing() -> list[bytes]:
        load_heavy(records.values())
        return [records[a].crossing.encode("utf-8") for a in sorted(records)]

    found_global = None
    if todo:
        found, found_global = partition.validate_articles(
            paths, todo, context, processed.nquads_files, base, local, jobs=jobs,
            crossing=None if _is_cached(paths, "global-findings", inputs) else crossing())
        for a in todo:
            records[a].findings = found[a]
            records[a].validation_key = keys[a]
        processed.dirty.update(todo)
        if save:
            processed.save(paths)
    results = [validation.Result(**f) for a in sorted(records) for f in records[a].findings]

    def global_findings(_inputs: list[bytes]) -> list[Any]:
        return found_global if found_global is not None else partition.validate_global(paths, base, crossing(), local)

    results += _cached(paths, "global-findings", inputs, global_findings)
    return validation.dedupe(results), len(todo)


def _reasoner_problem(report: Any) -> ValidationFailed | None:
    """The build's error for what the reasoner found, if it found the data inconsistent or a class unsatisfiable."""
    if not report.consistent:
        return ValidationFailed(f"the graph is logically inconsistent: {report.explanation}",
                                hint="run `kg reason` for the individuals and axioms involved")
    if report.unsatisfiable:
        return ValidationFailed(f"the ontology has unsatisfiable classes: {report.explanation}",
                                hint="fix the disjointness or subclass axioms in ontology/canieti.ttl")
    return None


def build_project(paths: Paths, *, validate: bool = True, reason: bool = True,
                  progress: Progress | None = None, jobs: int | None = None) -> BuildReport:
    """Build data/ into build/; raises ``KgError`` (and swaps nothing in) at the first failing stage."""
    # Without the cycle collector: its full passes over 10,000 articles' records were a fifth of an
    # unchanged rebuild. The build makes few cycles (an rdflib graph is one: a few per validation batch
    # and reasoning run, kept until it ends); worker processes, which map and validate thousands of
    # articles each, turn it back on.
    with BuildLock(paths), without_cycle_collector():
        return _build(paths, validate=validate, reason=reason, progress=progress, jobs=jobs)


@dataclass
class _Stages:
    """What one build's stages hand to one another: validation's findings (and how many articles it
    validated this time), and the reasoner's result, or its error (raised only after validation's
    findings), when it ran while the articles bulk-loaded."""

    paths: Paths
    timer: _Timer
    processed: Processed
    ontology_graph: GraphSource
    entities_graph: GraphSource
    jobs: int | None
    findings: list[Any] = field(default_factory=list)
    validated: int = 0
    early: Inferred | None = None
    failed: Exception | None = None

    def validate(self) -> None:
        found, self.validated = self.timer.run(  # type: ignore[misc]
            "validate", lambda: validate_partitioned(self.paths, self.processed, self.ontology_graph,
                                                     self.entities_graph, jobs=self.jobs, save=False))
        self.findings.extend(found)
        if any(r.severity == "Violation" for r in self.findings):
            if self.early is not None:  # (the records hold its new lines, which no graph/inferred holds: rewritten whole next time)
                (self.paths.cache / _INFERRED_SHARED).unlink(missing_ok=True)
            self.processed.save(self.paths)  # the findings are kept: an unchanged corpus fails again without revalidating
            from kg.validation import violation_errors

            raise_collected(violation_errors(self.findings, self.paths))

    def reasoned(self, store: ox.Store | None) -> Inferred:
        """The reasoner's result, not checked (``_checked`` raises on its findings)."""
        records = self.processed.records
        data_graphs = [str(iris.ENTITIES_GRAPH)] + [str(iris.article_graph(a)) for a in sorted(records)]
        return reason_by_article(store, self.processed, data_graphs, self.entities_graph, self.ontology_graph, self.paths)

    def reason_meanwhile(self, out: BinaryIO) -> None:
        """The reasoner during the bulk load: graph/inferred written to ``out``, which the loader loads next
        (nothing when the reasoner fails or finds a problem: raised after validation's findings)."""
        try:
            result: Inferred = self.timer.run("reason", lambda: self.reasoned(None))  # type: ignore[assignment]
        except Exception as err:  # noqa: BLE001 - raised by ``raise_failed``, after validation's findings
            self.failed = err
            return
        self.early = result
        if _reasoner_problem(result.report) is None:
            write_inferred_whole(self.processed, result, out)

    def raise_failed(self) -> None:
        if self.failed is not None:
            raise self.failed


def _checked(result: Inferred) -> Inferred:
    problem = _reasoner_problem(result.report)
    if problem is not None:
        raise problem
    return result


def _build(paths: Paths, *, validate: bool, reason: bool, progress: Progress | None, jobs: int | None) -> BuildReport:
    started = time.perf_counter()
    timer = _Timer(progress)
    processed: Processed = timer.run(  # type: ignore[assignment]
        "articles", lambda: process_corpus(paths, jobs=jobs, progress=progress, save=False))
    records = processed.records
    warnings = [f"Warning: {display_path(str(paths.facts / f'{r.article}.yaml'))}: draft fact file left out of the build "
                "(set `review: reviewed` when checked)" for r in records.values() if r.draft]
    # CPU seconds spent per stage inside the articles processed this time (the rest came from the cache).
    for stage in ("load", "map"):
        timer.stages[f"articles.{stage}"] = round(sum(records[a].timings.get(stage, 0.0)
                                                       for a in processed.processed_ids), 4)

    shared_corpus = Corpus(paths=paths, articles={}, fact_files={}, entities=processed.shared, vocab=processed.vocab)
    # Made only when needed: an unchanged ontology and entities file need their digests (kept with the
    # fingerprint), not their graphs. OWL axioms need blank nodes; canonical labels keep the stored
    # ontology graph byte-stable across builds.
    entities_graph = functools.cache(lambda: map_shared_entities(shared_corpus))
    ontology_graph = functools.cache(lambda: canonical_ontology(paths, processed.fingerprint))
    stages = _Stages(paths, timer, processed, ontology_graph, entities_graph, jobs)

    fixed = derived(paths, processed.fingerprint, ontology_graph, entities_graph)
    onto_digest, entities_digest = fixed["onto_digest"], fixed["entities_digest"]
    wanted: dict[str, tuple[str, Path | GraphSource]] = {
        str(iris.ONTOLOGY_GRAPH): (onto_digest, ontology_graph), str(iris.ENTITIES_GRAPH): (entities_digest, entities_graph)}
    graph_iri = {a: str(iris.article_graph(a)) for a in records}
    wanted.update((graph_iri[a], (records[a].key, processed.nquads_files[a]))
                  for a in sorted(records) if not records[a].draft or records[a].triples)
    gen = Generation(paths, previous=_previous_manifest(paths, wanted))
    try:
        # A separate process bulk-loads many article files (kg.store): the reasoner, then validation, run
        # while it loads, and a failure of either kills it (the new generation is removed). Measured at
        # 10,000 articles: the loader alone (14 s) left a core idle after the reasoner's 6 s; with both
        # in that time, the build from scratch went from 62 to 54 s. Otherwise validation comes first,
        # before anything is loaded.
        alone = gen.loads_alone(wanted)
        concurrent_load = validate and alone
        if validate and not concurrent_load:
            stages.validate()

        # A store without graph/inferred (a build from scratch) gets it whole: the reasoner then runs while
        # the articles load (it reads their N-Quads files, not the store), and what it infers is the loading
        # process's next load; validation runs after it, so that the loader has all its work from the start,
        # but its findings come first (they name fact files; an error of the reasoner is raised after them).
        overlap = reason and str(iris.INFERRED_GRAPH) not in gen.held and summarizable(processed, fixed)
        # The index (the articles' records) is written while that process finishes (it merges the store's
        # files last), unless the reasoner still has to read the store.
        index_early = alone and (overlap or not reason)

        def then() -> None:  # (after the loads, or while a separate process loads them; else it has nothing to do)
            if concurrent_load:
                stages.validate()
            stages.raise_failed()
            if stages.early is not None:
                write_inferred(gen, processed, _checked(stages.early), paths, loaded=True)
            if index_early:
                timer.run("index", lambda: processed.save(paths))

        timer.run("store", lambda: gen.sync(wanted, keep={str(iris.INFERRED_GRAPH)} if reason else set(),
                                            meanwhile=stages.reason_meanwhile if overlap else None,
                                            then=then, lenient=validate))
        infos = [GraphInfo(iri=str(iris.ONTOLOGY_GRAPH), kind="ontology", triples=fixed["onto_triples"],
                           digest=onto_digest),
                 GraphInfo(iri=str(iris.ENTITIES_GRAPH), kind="entities", triples=fixed["entities_triples"],
                           digest=entities_digest)]
        infos += [GraphInfo(iri=graph_iri[a], kind="article", triples=r.triples, article=a,
                            digest=wanted[graph_iri[a]][0] if graph_iri[a] in wanted else None)
                  for a, r in sorted(records.items())]

        if reason:
            if stages.early is not None:
                inferred = stages.early  # (written in ``then``)
            else:
                def run_reasoner() -> Inferred:
                    result = _checked(stages.reasoned(gen.store))
                    write_inferred(gen, processed, result, paths)
                    return result

                inferred = timer.run("reason", run_reasoner)  # type: ignore[assignment]
            infos.append(GraphInfo(iri=str(iris.INFERRED_GRAPH), kind="inferred", triples=inferred.triples,
                                   digest=inferred.digest))

        facts = sum(r.facts for r in records.values())
        if gen.wants_compaction:  # (not after the loading process merged them)
            # The store's files are merged while the index is written: both take seconds at 10,000 articles,
            # and the merge runs in Oxigraph without the GIL. (Leaving the block waits for the merge, even
            # on an error, so that ``discard`` never removes a store being written.)
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                compacting = pool.submit(gen.compact)
                if not index_early:
                    timer.run("index", lambda: processed.save(paths))
                timer.run("compact", compacting.result)  # (what is left of it once the index is written)
        elif not index_early:
            timer.run("index", lambda: processed.save(paths))
        manifest = Manifest(built_at=now_utc(), kg_version=__version__, facts=facts,
                            graphs=sorted(infos, key=lambda i: i.iri), stages=dict(timer.stages))
        timer.run("swap", lambda: gen.commit(manifest))
    except BaseException:
        gen.discard()
        raise
    seconds = round(time.perf_counter() - started, 3)
    from kg.validation import finding_lines

    return BuildReport(articles=len(records), drafts=sum(r.draft for r in records.values()), facts=facts,
                       triples=sum(i.triples for i in infos), seconds=seconds, stages=timer.stages,
                       reused=processed.reused, validated=stages.validated, warnings=warnings,
                       findings=finding_lines(stages.findings, paths))


def _load_reasoning_cache(paths: Paths, onto_key: str) -> dict[str, list[str]]:
    cache_file = paths.reasoning_cache
    if cache_file.exists():
        try:
            saved = json.loads(cache_file.read_text(encoding="utf-8"))
            if saved.get("ontology") == onto_key:
                return saved["signatures"]
        except (ValueError, KeyError):
            pass
    return {}


def _classes_of(fresh: dict[URIRef, str], representatives: Graph, ontology_graph: GraphSource, paths: Paths,
                cache: dict[str, list[str]], onto_key: str) -> Any:
    """HermiT on the representatives of signatures the cache does not know; their classes go to the cache."""
    from kg import ontology

    if not fresh:
        return ontology.ReasonerReport(consistent=True)
    report = ontology.reason(representatives, paths, ontology=graph_of(ontology_graph))
    if not report.consistent:
        return report
    by_rep: dict[URIRef, list[str]] = {rep: [] for rep in fresh}
    for rep, _, cls in report.inferred.triples((None, RDF.type, None)):
        if rep in by_rep:
            by_rep[rep].append(str(cls))
    for rep, classes in by_rep.items():
        cache[fresh[rep]] = sorted(classes)
    write_atomic(paths.reasoning_cache, json.dumps({"ontology": onto_key, "signatures": cache}, sort_keys=True))
    return report


def reason_over_store(store: ox.Store, graph_iris: list[str], ontology_graph: GraphSource, paths: Paths) -> Any:
    """HermiT over the ontology and the data graphs of a store (``kg reason`` on a build, and the build's
    fallback): one representative per signature when that is exact (kg.abstraction), the whole data otherwise.
    """
    from kg import abstraction, ontology

    ontology_graph = graph_of(ontology_graph)
    summary = abstraction.summarize(store, graph_iris, abstraction.annotation_properties(ontology_graph))
    if abstraction.check_fragment(ontology_graph) is not None or not summary.exact or summary.keys is None:
        data = Graph()
        for iri in graph_iris:
            raw = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
            data.parse(data=raw, format="nt")
        return ontology.reason(data, paths, ontology=ontology_graph)
    onto_key = _digest(ontology_graph)
    cache = _load_reasoning_cache(paths, onto_key)
    fresh = {rep: key for rep, key in summary.keys.items() if key not in cache}
    report = _classes_of(fresh, summary.restricted_to(set(fresh)).graph if fresh else Graph(), ontology_graph, paths,
                         cache, onto_key)
    if not report.consistent:
        return report
    inferred = Graph()
    for rep, members in summary.members.items():
        for cls in cache[summary.keys[rep]]:
            for member in members:
                inferred.add((member, RDF.type, URIRef(cls)))
    report.inferred = inferred
    report.individuals = summary.individuals
    return report


@dataclass
class Inferred:
    """What the reasoner adds: graph/inferred as lines per article (those recomputed, and what they
    replace), the lines of individuals several graphs describe, and a digest of the whole."""

    report: Any
    per_article: dict[str, str] = field(default_factory=dict)
    old: dict[str, str] = field(default_factory=dict)
    shared: str = ""
    digest: str = ""
    triples: int = 0
    nquads: bytes | None = None  # the whole graph, when the reasoner ran on the whole data instead


def summarizable(processed: Processed, fixed: dict[str, Any]) -> bool:
    """Whether ``reason_by_article`` takes its own way (signatures from the articles' workers), which reads
    no store: the ontology in the fragment summarizing is exact for, and every article summarized exactly."""
    return fixed["fragment"] is None and all(r.exact for r in processed.records.values())


def reason_by_article(store: ox.Store | None, processed: Processed, data_graphs: list[str], entities_graph: GraphSource,
                      ontology_graph: GraphSource, paths: Paths) -> Inferred:
    """The build's reasoner: each article's worker already grouped its own individuals by signature
    (``incremental.reasoning_summary``); the individuals several graphs describe (shared entities, facts
    another article refers to) get their signatures merged from each graph's part. HermiT then sees one
    representative per signature it has not seen before, and every member gets its signature's types.

    Falls back to ``reason_over_store`` when summarizing is not exact (ontology outside the fragment,
    owl:sameAs between our individuals): only then is ``store`` read (``summarizable`` says whether).
    """
    from kg import abstraction

    records = processed.records
    facts = derived(paths, processed.fingerprint, ontology_graph, entities_graph)
    if not summarizable(processed, facts):
        if store is None:
            raise RuntimeError("reason_by_article: summarizing is not exact here, and no store was given")
        return _inferred_from_graph(reason_over_store(store, data_graphs, ontology_graph, paths))
    ignore = facts["ignore"]
    # The individuals several graphs describe (shared entities, facts other articles refer to): their
    # signatures are merged from every graph's part (cached on the parts' digests).
    entity_parts = facts["entity_parts"]
    several = set(entity_parts).union(*(r.external for r in records.values()))
    local = {iri: a for a, r in records.items() for iri in r.local_iris}
    owned_parts = _owned_parts(processed.nquads_files, several, local, records, ignore, paths, processed.fingerprint)
    # (entity_parts is a function of the entities file and the ontology, which the fingerprint covers)
    inputs = [processed.fingerprint.encode(), repr(sorted(owned_parts.items())).encode()] + \
        [f"{a}:{records[a].external_digest}".encode() for a in sorted(records) if records[a].external]
    several_keys, several_defs = _cached(paths, "several", inputs, lambda _inputs: _merge_several(
        records, entity_parts, owned_parts))
    groups: dict[str, list[str]] = {}  # signature key -> individuals that may stand for it
    defs: dict[str, Any] = dict(several_defs)
    for individual in sorted(several_keys):
        groups.setdefault(several_keys[individual], []).append(individual)
    # Each signature of own individuals, with one that may stand for it; an unchanged article's
    # signatures were all reasoned about when it was last built (the reasoning cache only grows).
    for article in sorted(a for a, r in records.items() if not r.inferred_digest or a in processed.dirty):
        for key, members in records[article].reasoning.get("groups", {}).items():
            if key not in defs:
                stand_in = next((m for m in members if m not in several), None)
                if stand_in is not None:  # (an individual of `several` has another signature there)
                    defs[key] = records[article].reasoning["defs"][key]
                    groups[key] = [stand_in]
    onto_key = facts["onto_digest"]
    cache = _load_reasoning_cache(paths, onto_key)
    fresh = {URIRef(members[0]): key for key, members in groups.items() if key not in cache}
    representatives = abstraction.representatives_graph({rep: defs[key] for rep, key in fresh.items()})
    report = _classes_of(fresh, representatives, ontology_graph, paths, cache, onto_key)
    if not report.ok:
        return Inferred(report=report)
    tails = {key: [f" <{RDF.type}> <{cls}> <{iris.INFERRED_GRAPH}> .\n" for cls in classes] for key, classes in cache.items()}

    def lines(members_by_key: Iterable[tuple[str, Iterable[str]]]) -> str:
        return "".join(sorted(f"<{m}>{tail}" for key, members in members_by_key for m in members for tail in tails[key]))

    # Each article's lines are kept in its record and recomputed only when it changed or when which of
    # its individuals other graphs also describe changed; graph/inferred is then updated by difference.
    owned: dict[str, set[str]] = {}
    for individual in several:
        owner = owner_of(individual, local)
        if owner in records:
            owned.setdefault(owner, set()).add(individual)
    old_lines: dict[str, str] = {a: r.inferred or "" for a, r in processed.previous.items()}
    recomputed = []
    for article in sorted(records):
        record = records[article]
        excluded = owned.get(article, set())
        if record.inferred_digest and set(record.inferred_excluded) == excluded:
            continue  # (its heavy fields are not even read)
        if record.inferred_digest:
            old_lines.setdefault(article, record.inferred or "")
        record.inferred = lines((key, [m for m in members if m not in excluded])
                                for key, members in record.reasoning.get("groups", {}).items())
        record.inferred_excluded = sorted(excluded)
        record.inferred_digest = hashlib.sha256(record.inferred.encode("utf-8")).hexdigest()
        record.inferred_count = record.inferred.count("\n")
        recomputed.append(article)
    shared_lines = lines((several_keys[i], [i]) for i in sorted(several_keys))
    return Inferred(report=report, per_article={a: records[a].inferred or "" for a in recomputed}, old=old_lines,
                    shared=shared_lines, digest=_combined_digest({a: r.inferred_digest for a, r in records.items()}, shared_lines),
                    triples=sum(r.inferred_count for r in records.values()) + shared_lines.count("\n"))


def _owned_parts(files: dict[str, Path], several: set[str], local: dict[str, str], records: dict[str, Any],
                 ignore: frozenset[str], paths: Paths, fingerprint: str) -> dict[str, list[Any]]:
    """What its own article's graph says of each individual other graphs describe too (a fact another
    article refers to), read from the article's N-Quads file (the store may still be loading it; its
    literals are as the mapping wrote them, as in the workers' own parts, where the store would give
    canonical forms); kept by the article's key, so that a rebuild reads again only the changed
    articles' individuals."""
    from kg import abstraction

    file = paths.cache / "owned-parts.pickle"
    saved: dict[str, tuple[str, dict[str, list[Any]]]] = cached_value(file, fingerprint) or {}
    kept: dict[str, tuple[str, dict[str, list[Any]]]] = {}
    stale: dict[str, set[str]] = {}  # owner article -> its individuals to read again
    for individual in sorted(several):
        owner = owner_of(individual, local)
        if owner not in records:
            continue
        hit = saved.get(individual)
        if hit is None or hit[0] != records[owner].key:
            stale.setdefault(owner, set()).add(individual)
        else:
            kept[individual] = hit
    for owner, individuals in stale.items():
        wanted = {ox.NamedNode(i) for i in individuals}
        quads = (q for q in ox.parse(path=str(files[owner]), format=ox.RdfFormat.N_QUADS)
                 if q.subject in wanted or q.object in wanted)
        parts = abstraction.partial_signatures(abstraction.rows_of_quads(quads), individuals, ignore)
        for individual in individuals:
            kept[individual] = (records[owner].key, {individual: parts[individual]} if individual in parts else {})
    kept = dict(sorted(kept.items()))
    if kept != saved:
        write_cached(file, fingerprint, kept)
    return {i: part for _key, parts in kept.values() for i, part in parts.items()}


def _merge_several(records: dict[str, Any], entity_parts: dict[str, Any],
                   owned_parts: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """For the individuals several graphs describe: individual -> signature key, and key -> (elements,
    literals) of its first individual (tens of keys for 20,000 individuals: a rebuild reads this back)."""
    from kg import abstraction

    parts: dict[str, list[Any]] = {i: [p] for i, p in entity_parts.items()}
    load_heavy(r for r in records.values() if r.external)
    for article in sorted(records):
        if records[article].external:
            for individual, part in records[article].reasoning["external"].items():
                parts.setdefault(individual, []).append(part)
    for individual, part in owned_parts.items():
        parts.setdefault(individual, []).append(part)
    keys: dict[str, str] = {}
    defs: dict[str, Any] = {}
    for individual in sorted(parts):
        elements, literals = abstraction.merge_partials(parts[individual])
        keys[individual] = key = abstraction.signature_key(elements)
        if key not in defs:
            defs[key] = (sorted(elements, key=repr), literals)
    return keys, defs


_INFERRED_SHARED = "inferred-shared.pickle"  # (digest of graph/inferred, its lines of no one article)


def write_inferred_whole(processed: Processed, result: Inferred, out: BinaryIO) -> None:
    """graph/inferred's N-Quads, whole, article by article (joined, they were 0.25 GB more at the build's
    peak of memory, at 10,000 articles)."""
    if result.nquads is not None:
        out.write(result.nquads)
        return
    load_heavy(processed.records.values())
    for _article, record in sorted(processed.records.items()):
        out.write((record.inferred or "").encode("utf-8"))
    out.write(result.shared.encode("utf-8"))


def write_inferred(gen: Generation, processed: Processed, result: Inferred, paths: Paths, *, loaded: bool = False) -> None:
    """Bring graph/inferred up to date: by difference when the store holds what the last reasoning
    wrote (its digest is the one kept with the shared lines), else whole. ``loaded``: the store holds it
    whole already (``write_inferred_whole``'s, loaded with the articles); only what the build keeps of it is written."""
    iri = str(iris.INFERRED_GRAPH)
    state = paths.cache / _INFERRED_SHARED
    saved_digest, saved_shared = cached_entry(state) or (None, None)
    if loaded or gen.held.get(iri) == result.digest:
        pass
    elif result.nquads is None and saved_digest is not None and gen.held.get(iri) == saved_digest:
        changes = [(result.old.get(a, ""), new) for a, new in result.per_article.items()]
        changes += [(r.inferred or "", "") for a, r in processed.previous.items() if a not in processed.records]
        changes.append((saved_shared, result.shared))
        removed, added = set(), set()
        for before, after in changes:
            old_set = {line + "\n" for line in rdfio.text_lines(before)}
            new_set = {line + "\n" for line in rdfio.text_lines(after)}
            removed |= old_set - new_set
            added |= new_set - old_set
        gen.update_lines(removed - added, added - removed)
    else:
        whole = io.BytesIO()
        write_inferred_whole(processed, result, whole)
        gen.replace_lines(iri, whole.getvalue())
    gen.held[iri] = result.digest
    if result.nquads is None:
        processed.dirty.update(result.per_article)
        if (saved_digest, saved_shared) != (result.digest, result.shared):  # (8 MB at 10,000 articles)
            write_cached(state, result.digest, result.shared)
    else:
        state.unlink(missing_ok=True)


def _combined_digest(inferred_digests: dict[str, str], shared: str) -> str:
    digest = hashlib.sha256(hashlib.sha256(shared.encode("utf-8")).digest())
    for article in sorted(inferred_digests):
        digest.update(f"{article}:{inferred_digests[article]}\n".encode())
    return digest.hexdigest()


def inferred_nquads(paths: Paths, digest: str) -> bytes | None:
    """graph/inferred's N-Quads from the build's cache: each article's lines (in the article index) and
    the shared ones; None unless they make up the graph of ``digest`` (the manifest's) exactly. Readers
    of a build take it instead of the store, which looks each of the graph's half a million subjects
    up in its dictionary (about 5 s at 10,000 articles, against about 1.3 s here)."""
    import pickle
    import sqlite3

    from kg.incremental import ArticleIndex

    saved = cached_entry(paths.cache / _INFERRED_SHARED)
    if saved is None or saved[0] != digest or not isinstance(saved[1], str):
        return None
    shared: str = saved[1]
    try:
        texts = {article: heavy.get("inferred") or "" for article, heavy in ArticleIndex(paths).heavy_rows()}
    except (sqlite3.Error, pickle.PickleError, EOFError, AttributeError, TypeError, ValueError):
        return None  # (no index, or another build is writing it: the store has the graph too)
    digests = {a: hashlib.sha256(text.encode("utf-8")).hexdigest() for a, text in texts.items()}
    if _combined_digest(digests, shared) != digest:
        return None
    return ("".join(texts[a] for a in sorted(texts)) + shared).encode("utf-8")


def _inferred_from_graph(report: Any) -> Inferred:
    if not report.ok:
        return Inferred(report=report)
    nq = rdfio.nquads(report.inferred, str(iris.INFERRED_GRAPH))
    return Inferred(report=report, nquads=nq, triples=len(report.inferred), digest=hashlib.sha256(nq).hexdigest())
