"""``kg build``: load and check, map, validate, reason, then swap the new store in.

Nothing is written unless every stage passes: the last good build stays in place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from rdflib import Dataset, Graph, URIRef

from kg import __version__, iris
from kg.config import Paths
from kg.corpus import Corpus, load_corpus
from kg.errors import ValidationFailed
from kg.mapping import map_corpus
from kg.store import GraphInfo, Manifest, now_utc, write_store

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    articles: int
    facts: int
    triples: int
    seconds: float
    stages: dict[str, float]
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in self.stages.items())
        return (f"built {self.articles} articles, {self.facts} facts, {self.triples} triples "
                f"in {self.seconds:.2f}s ({stages})")


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


def build_project(paths: Paths, *, validate: bool = True, reason: bool = True,
                  progress: Progress | None = None) -> BuildReport:
    """Build data/ into build/; raises ``KgError`` (and writes nothing) at the first failing stage."""
    started = time.perf_counter()
    timer = _Timer(progress)
    corpus: Corpus = timer.run("load", lambda: load_corpus(paths))  # type: ignore[assignment]
    graphs: dict[str, Graph] = timer.run("map", lambda: map_corpus(corpus))  # type: ignore[assignment]
    warnings = [f"{p.name}: draft fact file left out of the build (set `review: reviewed` when checked)"
                for p in corpus.drafts]

    from kg import ontology

    ontology_graph: Graph = timer.run("ontology", lambda: ontology.ontology_graph(paths))  # type: ignore[assignment]
    all_graphs = {str(iris.ONTOLOGY_GRAPH): ontology_graph, **graphs}

    if validate:
        from kg import validation

        def run_validation() -> object:
            report = validation.validate(make_dataset(all_graphs), paths)
            if not report.conforms:
                raise ValidationFailed(report.failure_summary(), hint="run `kg validate` on the files named, fix the facts")
            warnings.extend(report.warning_lines())
            return report

        timer.run("validate", run_validation)

    if reason:
        def run_reasoner() -> Graph:
            report = ontology.reason(make_dataset(all_graphs), paths)
            if not report.consistent:
                raise ValidationFailed(f"the graph is logically inconsistent: {report.explanation}",
                                       hint="run `kg reason` for details")
            return report.inferred

        all_graphs[str(iris.INFERRED_GRAPH)] = timer.run("reason", run_reasoner)  # type: ignore[assignment]

    infos = [GraphInfo(iri=iri, kind=_kind(iri), triples=len(g), article=_article_of(iri))
             for iri, g in sorted(all_graphs.items())]
    manifest = Manifest(built_at=now_utc(), kg_version=__version__, facts=corpus.fact_count(), stages=dict(timer.stages))
    timer.run("store", lambda: write_store(all_graphs, infos, manifest, paths))
    seconds = round(time.perf_counter() - started, 3)
    return BuildReport(articles=len(corpus.articles), facts=corpus.fact_count(),
                       triples=sum(i.triples for i in infos), seconds=seconds, stages=timer.stages, warnings=warnings)


def _kind(iri: str) -> str:
    if iri == str(iris.ENTITIES_GRAPH):
        return "entities"
    if iri == str(iris.ONTOLOGY_GRAPH):
        return "ontology"
    if iri == str(iris.INFERRED_GRAPH):
        return "inferred"
    return "article"


def _article_of(iri: str) -> str | None:
    prefix = iris.BASE + "graph/article/"
    return iri[len(prefix):] if iri.startswith(prefix) else None
