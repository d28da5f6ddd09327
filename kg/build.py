"""``kg build``: check, map and validate each changed article, check across articles, reason, swap in.

Nothing is swapped in unless every stage passes: the last good build stays in place, and a failed
build's half-written generation is removed.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import pyoxigraph as ox

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from kg import __version__, iris
from kg.config import Paths
from kg.corpus import Corpus, _read_entities_file, load_vocab
from kg.errors import ValidationFailed
from kg.incremental import Processed, process_corpus
from kg.mapping import map_shared_entities
from kg.store import BuildLock, Generation, GraphInfo, Manifest, now_utc
from kg.yamlio import write_atomic

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    articles: int
    facts: int
    triples: int
    seconds: float
    stages: dict[str, float]
    reused: int = 0
    warnings: list[str] = field(default_factory=list)  # about the input files (drafts left out)
    findings: list[str] = field(default_factory=list)  # validation Warnings and Infos (they do not block)

    def summary(self) -> str:
        stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in self.stages.items())
        cached = f"; {self.reused} article(s) unchanged, from cache" if self.reused else ""
        return (f"built {self.articles} articles, {self.facts} facts, {self.triples} triples "
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
    """Every SHACL shape, once over the whole new store: the core constraints compiled to SPARQL
    (kg.shacl_compile) and the SHACL-SPARQL ones (kg.sparql_constraints), both on Oxigraph.

    Both give exactly what pySHACL gives on the same data (tests/test_shacl_compile.py,
    tests/test_validation_split.py), in seconds where pySHACL per article took minutes; and seeing all
    graphs at once, they also catch what crosses articles (a term named as predecessor by two others).
    """
    from kg import shacl_compile, sparql_constraints, validation

    shapes = validation.load_shapes(paths)
    rows = shacl_compile.evaluate(store, shacl_compile.compile_shapes(sparql_constraints.core_shapes(shapes)))
    rows += sparql_constraints.evaluate(store, sparql_constraints.extract(shapes))
    return validation.dedupe(validation.results_from_rows(rows, store, paths))


def _failure_summary(results: list[Any]) -> str:
    """One line for the build's error: the first violation, traced to its fact file and id, and the count."""
    violations = [r for r in results if r.severity == "Violation"]
    first = violations[0]
    where = f"{first.fact_file}: fact {first.curator_id}: " if first.fact_file and first.curator_id else \
        (f"{first.fact_file}: " if first.fact_file else f"<{first.focus}>: ")
    more = f" ({len(violations)} violations in all)" if len(violations) > 1 else ""
    return f"validation failed: {where}{first.message}{more}"


def _warning_lines(results: list[Any]) -> list[str]:
    lines = []
    for r in results:
        if r.severity == "Violation":
            continue
        where = f"{r.fact_file}: fact {r.curator_id}: " if r.fact_file and r.curator_id else ""
        lines.append(f"{r.severity}: {where}{r.message}")
    return lines


def build_project(paths: Paths, *, validate: bool = True, reason: bool = True,
                  progress: Progress | None = None, jobs: int | None = None) -> BuildReport:
    """Build data/ into build/; raises ``KgError`` (and swaps nothing in) at the first failing stage."""
    with BuildLock(paths):
        return _build(paths, validate=validate, reason=reason, progress=progress, jobs=jobs)


def _build(paths: Paths, *, validate: bool, reason: bool, progress: Progress | None, jobs: int | None) -> BuildReport:
    from kg import ontology

    started = time.perf_counter()
    timer = _Timer(progress)
    processed: Processed = timer.run(  # type: ignore[assignment]
        "articles", lambda: process_corpus(paths, jobs=jobs, progress=progress))
    records = processed.records
    warnings = [f"Warning: {r.article}.yaml: draft fact file left out of the build (set `review: reviewed` when checked)"
                for r in records.values() if r.draft]
    # CPU seconds spent per stage inside the articles processed this time (the rest came from the cache).
    for stage in ("load", "map"):
        timer.stages[f"articles.{stage}"] = round(sum(records[a].timings.get(stage, 0.0)
                                                       for a in processed.processed_ids), 4)

    vocab = load_vocab(paths)
    shared = _read_entities_file(paths, vocab)
    shared_corpus = Corpus(paths=paths, articles={}, fact_files={}, entities=shared, vocab=vocab)
    entities_graph = map_shared_entities(shared_corpus)
    # OWL axioms need blank nodes; canonical labels keep the stored ontology graph byte-stable across builds.
    ontology_graph: Graph = timer.run(  # type: ignore[assignment]
        "ontology", lambda: to_canonical_graph(ontology.ontology_graph(paths)))

    results: list[Any] = []
    gen = Generation(paths)
    try:
        def write() -> None:
            gen.add_graph(str(iris.ONTOLOGY_GRAPH), ontology_graph)
            gen.add_graph(str(iris.ENTITIES_GRAPH), entities_graph)
            gen.add_nquads_files([processed.nquads_files[a] for a in sorted(records)
                                  if not records[a].draft or records[a].triples])

        timer.run("store", write)
        infos = [GraphInfo(iri=str(iris.ONTOLOGY_GRAPH), kind="ontology", triples=len(ontology_graph)),
                 GraphInfo(iri=str(iris.ENTITIES_GRAPH), kind="entities", triples=len(entities_graph))]
        infos += [GraphInfo(iri=str(iris.article_graph(a)), kind="article", triples=r.triples, article=a)
                  for a, r in sorted(records.items())]

        if validate:
            from kg import validation

            def run_validation() -> None:
                found = run_shapes(gen.store, paths)
                results.extend(found)
                if any(r.severity == "Violation" for r in found):
                    raise ValidationFailed(_failure_summary(found), hint="run `kg build -v` or `kg validate`; fix the facts named")

            def run_checks() -> None:
                found = validation.run_checks(Dataset(), paths, store=gen.store)
                results.extend(found)
                if any(r.severity == "Violation" for r in found):
                    raise ValidationFailed(_failure_summary(found), hint="run `kg validate`; fix the facts named")

            timer.run("validate", run_validation)
            timer.run("checks", run_checks)

        if reason:
            def run_reasoner() -> Graph:
                report = reason_over_store(gen.store, [i.iri for i in infos if i.kind != "ontology"], ontology_graph, paths)
                if not report.consistent:
                    raise ValidationFailed(f"the graph is logically inconsistent: {report.explanation}",
                                           hint="run `kg reason` for the individuals and axioms involved")
                if report.unsatisfiable:
                    raise ValidationFailed(f"the ontology has unsatisfiable classes: {report.explanation}",
                                           hint="fix the disjointness or subclass axioms in ontology/canieti.ttl")
                return report.inferred

            inferred: Graph = timer.run("reason", run_reasoner)  # type: ignore[assignment]
            gen.add_graph(str(iris.INFERRED_GRAPH), inferred)
            infos.append(GraphInfo(iri=str(iris.INFERRED_GRAPH), kind="inferred", triples=len(inferred)))

        facts = sum(r.facts for r in records.values())
        manifest = Manifest(built_at=now_utc(), kg_version=__version__, facts=facts,
                            graphs=sorted(infos, key=lambda i: i.iri), stages=dict(timer.stages))
        timer.run("swap", lambda: gen.commit(manifest))
    except BaseException:
        gen.discard()
        raise
    seconds = round(time.perf_counter() - started, 3)
    return BuildReport(articles=len(records), facts=facts, triples=sum(i.triples for i in infos), seconds=seconds,
                       stages=timer.stages, reused=processed.reused, warnings=warnings,
                       findings=_warning_lines(results))


def reason_over_store(store: ox.Store, graph_iris: list[str], ontology_graph: Graph, paths: Paths) -> Any:
    """HermiT over the ontology and the data graphs of a store being built.

    One representative per signature when that is exact for the ontology (kg.abstraction), which keeps
    reasoning at a few hundred individuals however large the corpus; the whole data otherwise. Each
    signature is independent of the others in that fragment, so the types inferred for a signature are
    cached (keyed on the ontology too) and HermiT runs only on signatures it has not seen.
    """
    from kg import abstraction, ontology

    summary = abstraction.summarize(store, graph_iris)
    if abstraction.check_fragment(ontology_graph) is not None or not summary.exact or summary.keys is None:
        data = Graph()
        for iri in graph_iris:
            raw = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
            data.parse(data=raw, format="nt")
        return ontology.reason(data, paths, ontology=ontology_graph)

    cache_file = paths.reasoning_cache
    onto_lines = sorted(ontology_graph.serialize(format="nt", encoding="utf-8").splitlines())
    onto_key = hashlib.sha256(b"\n".join(onto_lines)).hexdigest()
    cache: dict[str, list[str]] = {}
    if cache_file.exists():
        try:
            saved = json.loads(cache_file.read_text(encoding="utf-8"))
            if saved.get("ontology") == onto_key:
                cache = saved["signatures"]
        except (ValueError, KeyError):
            cache = {}
    fresh = {rep for rep, key in summary.keys.items() if key not in cache}
    if fresh:
        part = summary.restricted_to(fresh)
        report = ontology.reason(part.graph, paths, ontology=ontology_graph)
        if not report.consistent:
            return report
        by_rep: dict[URIRef, list[str]] = {rep: [] for rep in fresh}
        for rep, _, cls in report.inferred.triples((None, RDF.type, None)):
            if rep in by_rep:
                by_rep[rep].append(str(cls))
        for rep, classes in by_rep.items():
            cache[summary.keys[rep]] = sorted(classes)
        write_atomic(cache_file, json.dumps({"ontology": onto_key, "signatures": cache}, sort_keys=True))
    else:
        report = ontology.ReasonerReport(consistent=True)
    inferred = Graph()
    for rep, members in summary.members.items():
        for cls in cache[summary.keys[rep]]:
            for member in members:
                inferred.add((member, RDF.type, URIRef(cls)))
    report.inferred = inferred
    report.individuals = summary.individuals
    return report
