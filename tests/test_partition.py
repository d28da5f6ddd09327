"""The build validates and reasons by article (kg.partition, incremental.reasoning_summary) and updates
the store in place: each must give exactly what the whole-store way gives on the same data."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from kg import iris, ontology, partition, rdfio, validation
from kg.build import build_project, inferred_nquads, validate_partitioned
from kg.config import Paths
from kg.corpus import Corpus, _read_entities_file, load_vocab
from kg.incremental import process_corpus
from kg.mapping import map_shared_entities
from kg.store import open_read_only, read_manifest, sorted_nquads
from minicorpus import replace_in, write_minicorpus

REPO = Path(__file__).resolve().parent.parent


def _generated(base: Path, articles: int, seed: int) -> Paths:
    data = base / "data"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--articles", str(articles),
                    "--seed", str(seed), "--out", str(data), "--no-report"], check=True, capture_output=True)
    return Paths(root=REPO, data=data, build=base / "build")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return _generated(tmp_path_factory.mktemp("gen"), 90, 5)


def _context(paths: Paths) -> tuple:
    vocab = load_vocab(paths)
    entities = map_shared_entities(Corpus(paths=paths, articles={}, fact_files={}, entities=_read_entities_file(paths, vocab),
                                          vocab=vocab))
    return to_canonical_graph(ontology.ontology_graph(paths)), entities


def _attributed(results: list) -> set[tuple]:
    return {(r.key(), r.article, r.fact_file, r.curator_id, r.message) for r in results}


def _whole_store(paths: Paths, processed, onto: Graph, entities: Graph) -> list:
    base = rdfio.nquads(onto, str(iris.ONTOLOGY_GRAPH)) + rdfio.nquads(entities, str(iris.ENTITIES_GRAPH))
    store = partition.store_of(base, *[processed.nquads_files[a] for a in sorted(processed.records)])
    validator = partition.Validator(paths)
    return validation.dedupe(validator.shapes(store) + validator.checks(store))


def _mini_with_findings(tmp_path: Path) -> Paths:
    paths = write_minicorpus(tmp_path)
    replace_in(paths.data / "facts" / "a-en.yaml", "quote: Ana Ruiz said “we grow”.", "quote: said “we grow”.")
    return paths


@pytest.mark.parametrize("corpus", ["seeds", "mini", "generated"])
def test_validation_by_article_finds_exactly_what_the_whole_store_gives(corpus: str, corpus_copy: Paths,
                                                                        tmp_path: Path, generated: Paths) -> None:
    paths = {"seeds": corpus_copy, "mini": None, "generated": generated}[corpus] or _mini_with_findings(tmp_path / "mini")
    processed = process_corpus(paths)
    onto, entities = _context(paths)
    ours, validated = validate_partitioned(paths, processed, onto, entities)
    assert validated == len(processed.records)
    whole = _whole_store(paths, processed, onto, entities)
    assert whole, "the corpus must produce findings for the comparison to mean something"
    assert _attributed(ours) == _attributed(whole)
    if corpus == "generated":
        # Findings about a term that several other articles name as their predecessor are there.
        assert any((r.path or "").endswith(("successorTerm", "nextTerm")) for r in ours)
    # Cached: validating again does nothing, and gives the same.
    again, validated = validate_partitioned(paths, process_corpus(paths), onto, entities)
    assert validated == 0 and _attributed(again) == _attributed(whole)


def test_small_batches_each_with_the_entities_they_reach_find_what_the_whole_store_gives(
        generated: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partition, "BATCH", 7)  # (13 batches: each store holds a part of the entities graph)
    processed = process_corpus(generated, save=False)
    onto, entities = _context(generated)
    base = rdfio.nquads(onto, str(iris.ONTOLOGY_GRAPH)) + rdfio.nquads(entities, str(iris.ENTITIES_GRAPH))
    reached = partition.BaseParts(base).reached_by([processed.nquads_files[a].read_bytes() for a in sorted(processed.records)[:7]])
    assert len(reached.splitlines()) < len(base.splitlines())
    records = processed.records
    context: dict[str, set[str]] = {a: set() for a in records}
    for a, r in records.items():  # (as validate_partitioned finds it)
        for other in {value.split("#")[0] for _s, _k, value, _l, _f in r.outgoing} & set(records) - {a}:
            context[a].add(other)
            context[other].add(a)
    found, _ = partition.validate_articles(generated, sorted(records), context, processed.nquads_files, base,
                                           {iri: a for a, r in records.items() for iri in r.local_iris}, jobs=1)
    ours = _attributed(validation.Result(**f) for a in sorted(found) for f in found[a])
    whole = {key for key in _attributed(_whole_store(generated, processed, onto, entities)) if key[1] in records}
    assert whole and ours == whole


def test_a_batch_store_holds_the_entities_its_graphs_reach_link_after_link() -> None:
    ent, onto = f"<{iris.ENTITIES_GRAPH}>", f"<{iris.ONTOLOGY_GRAPH}>"
    node = {name: f"<{iris.BASE}id/event/{name}>" for name in ("edition", "series", "organizer", "other")}
    lines = [f"<{iris.BASE}ontology#Event> <http://www.w3.org/2000/01/rdf-schema#label> \"Event\"@en {onto} .\n",
             f"{node['edition']} <{iris.BASE}ontology#inSeries> {node['series']} {ent} .\n",
             f"{node['series']} <{iris.BASE}ontology#organizer> {node['organizer']} {ent} .\n",
             f"{node['organizer']} <http://www.w3.org/2004/02/skos/core#prefLabel> \"CANIETI\" {ent} .\n",
             f"{node['other']} <{iris.BASE}ontology#organizer> {node['organizer']} {ent} .\n",
             f"<urn:x:shared> <http://www.w3.org/2004/02/skos/core#prefLabel> \"kept\" {ent} .\n"]
    parts = partition.BaseParts("".join(lines).encode())
    article = f"<{iris.BASE}id/article/a/mention/m> <{iris.BASE}ontology#mentionOf> {node['edition']} <g> .\n".encode()
    held = parts.reached_by([article]).decode().splitlines(keepends=True)
    assert sorted(held) == sorted(lines[:4] + lines[5:])  # (not the other event that names the same organizer)
    assert parts.reached_by([b""]).decode().splitlines(keepends=True) == [lines[0], lines[5]]


def test_a_shape_that_reads_backward_gives_every_batch_the_whole_base(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    paths = Paths(root=REPO, ontology=ontology, build=tmp_path / "build")
    base = f"<{iris.BASE}id/org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> \"A\" <{iris.ENTITIES_GRAPH}> .\n".encode()
    partition._init(paths, base, {})
    assert partition._STATE["parts"] is not None and not partition.validator_for(paths).backward
    with (ontology / "shapes" / "core.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write("\nkgsh:NamedByAFactShape a sh:NodeShape ; sh:targetClass kg:Organization ;\n"
                     "    sh:property [ sh:path [ sh:inversePath kg:relationObject ] ; sh:minCount 0 ] .\n")
    partition._init(paths, base, {})
    assert partition._STATE["parts"] is None and partition.validator_for(paths).backward


def test_a_changed_article_revalidates_itself_and_the_articles_that_refer_to_it(generated: Paths, tmp_path: Path) -> None:
    paths = Paths(root=REPO, data=tmp_path / "data", build=tmp_path / "build")
    shutil.copytree(generated.data, paths.data)
    processed = process_corpus(paths)
    onto, entities = _context(paths)
    validate_partitioned(paths, processed, onto, entities)
    referred = {value.split("#")[0] for r in processed.records.values() for _s, _k, value, _l, _f in r.outgoing}
    target = sorted(referred)[0]
    referring = {a for a, r in processed.records.items() if any(v.split("#")[0] == target for _s, _k, v, _l, _f in r.outgoing)}
    replace_in(paths.data / "articles" / f"{target}.yaml", "\n", "\n# edited\n")
    processed = process_corpus(paths)
    ours, validated = validate_partitioned(paths, processed, onto, entities)
    assert validated == 1 + len(referring)
    assert _attributed(ours) == _attributed(_whole_store(paths, processed, onto, entities))


@pytest.mark.java
@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_inferred_types_by_article_are_what_hermit_infers_over_all_the_data(corpus: str, corpus_copy: Paths,
                                                                           generated: Paths, tmp_path: Path) -> None:
    paths = corpus_copy if corpus == "seeds" else Paths(root=REPO, data=generated.data, build=tmp_path / "build")
    build_project(paths, validate=False)
    store = open_read_only(paths)
    manifest = read_manifest(paths)
    data = Graph()
    for info in manifest.graphs:
        if info.kind in ("article", "entities"):
            data.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(info.iri)), format="nt")
    full = ontology.reason(data, paths, ontology=to_canonical_graph(ontology.ontology_graph(paths)))
    assert full.ok
    expected = {(str(s), str(o)) for s, _p, o in full.inferred if str(s).startswith(iris.BASE + "id/")}
    ours = {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.INFERRED_GRAPH)))}
    assert ours == expected


def test_a_rebuild_in_place_holds_exactly_what_a_build_from_scratch_holds(generated: Paths, tmp_path: Path) -> None:
    paths = Paths(root=REPO, data=tmp_path / "data", build=tmp_path / "build")
    shutil.copytree(generated.data, paths.data)
    build_project(paths)
    facts = sorted((paths.data / "facts").glob("*.yaml"))
    replace_in(facts[3], "status: explicit", "status: implied")  # changes graph, findings and inferred types
    (facts[7]).unlink()  # an article loses its facts
    again = build_project(paths)
    assert again.reused == len(facts) - 2 and again.validated <= 2 + 10
    scratch = Paths(root=REPO, data=paths.data, build=tmp_path / "scratch")
    build_project(scratch)
    assert sorted_nquads(paths) == sorted_nquads(scratch)
    assert read_manifest(paths).graphs == read_manifest(scratch).graphs
    # graph/inferred, updated in the store by difference, is what the cache gives for readers (kg export)
    inferred = next(info for info in read_manifest(paths).graphs if info.kind == "inferred")
    text = inferred_nquads(paths, inferred.digest)
    assert text is not None and text == inferred_nquads(scratch, inferred.digest)
    stored = [line for line in sorted_nquads(paths).decode("utf-8").splitlines() if line.endswith(f"<{inferred.iri}> .")]
    assert sorted(text.decode("utf-8").splitlines()) == stored


def test_a_rebuild_after_an_edit_to_facts_other_articles_refer_to_holds_what_a_build_from_scratch_holds(
        generated: Paths, tmp_path: Path) -> None:
    """The reasoner keeps what each article's graph says of its individuals that other graphs describe
    too, by the article's key: an edit of such an article must reach their merged signatures."""
    paths = Paths(root=REPO, data=tmp_path / "data", build=tmp_path / "build")
    shutil.copytree(generated.data, paths.data)
    build_project(paths)
    owned = {value.split("#")[0] for r in process_corpus(paths).records.values()
             for _s, _k, value, _l, _f in r.outgoing}
    target = next(a for a in sorted(owned) if "status: explicit" in (paths.data / "facts" / f"{a}.yaml").read_text("utf-8"))
    replace_in(paths.data / "facts" / f"{target}.yaml", "status: explicit", "status: implied")
    again = build_project(paths)
    assert again.reused == len(list((paths.data / "facts").glob("*.yaml"))) - 1
    scratch = Paths(root=REPO, data=paths.data, build=tmp_path / "scratch")
    build_project(scratch)
    kept = [pickle.loads((p.cache / "owned-parts.pickle").read_bytes()) for p in (paths, scratch)]
    assert kept[0] == kept[1] and any(key == process_corpus(paths).records[target].key for key, _parts in kept[1][1].values())
    assert sorted_nquads(paths) == sorted_nquads(scratch)
    assert read_manifest(paths).graphs == read_manifest(scratch).graphs


def _whole_built_store(paths: Paths) -> set[tuple]:
    """Every shape and check over what the build's store holds (without graph/inferred, which the build
    does not validate): the reference, read from the store, not from the build's N-Quads files."""
    store, whole = open_read_only(paths), ox.Store()
    whole.extend(q for q in store if q.graph_name != ox.NamedNode(str(iris.INFERRED_GRAPH)))
    validator = partition.Validator(paths)
    return _attributed(validation.dedupe(validator.shapes(whole) + validator.checks(whole)))


@pytest.mark.parametrize("corpus", ["mini", "generated"])
def test_kg_validate_on_a_build_finds_exactly_what_the_whole_store_gives(corpus: str, tmp_path: Path, generated: Paths,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`kg validate` reads a build's graphs back (from the build's N-Quads files, else from the store) and
    validates them by article: each article's own entities and context must come out as the build had them."""
    if corpus == "mini":
        paths = _mini_with_findings(tmp_path / "mini")
    else:
        paths = Paths(root=REPO, data=generated.data, build=tmp_path / "build")
        monkeypatch.setattr(partition, "BATCH", 8)  # batches in the pool, each needing its context
    build_project(paths, validate=False)  # (the mini corpus has a Violation: the build would stop there)
    processed = process_corpus(paths)
    whole = _whole_built_store(paths)
    assert whole

    manifest, store = read_manifest(paths), open_read_only(paths)
    held = {a: set(store.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.article_graph(a)))))
            for a in processed.records}
    _base, nquads, local, context = partition.store_partitions(store, manifest, paths)
    assert {a: set(ox.parse(data, format=ox.RdfFormat.N_QUADS)) for a, data in nquads.items()} == held
    assert local == {iri: a for a, r in processed.records.items() for iri in r.local_iris}
    built_context: dict[str, set[str]] = {a: set() for a in processed.records}
    for a, record in processed.records.items():
        for _section, _key, value, _line, _fact in record.outgoing:
            other = value.split("#", 1)[0]
            if other in processed.records and other != a:
                built_context[a].add(other)
                built_context[other].add(a)
    assert context == built_context
    if corpus == "generated":
        assert local and any(context.values())
        assert any((r[0][2] or "").endswith(("successorTerm", "nextTerm")) for r in whole)  # found across articles
    assert _attributed(validation.validate_build(paths).results) == whole
    del store

    # Without the build's N-Quads files (or with one that is not what the store holds), from the store.
    victim = sorted(processed.nquads_files)[0]
    processed.nquads_files[victim].write_bytes(b"")
    for a in sorted(processed.nquads_files)[1:]:
        processed.nquads_files[a].unlink()
    manifest, store = read_manifest(paths), open_read_only(paths)
    _base, from_store, local_again, context_again = partition.store_partitions(store, manifest, paths)
    assert (local_again, context_again) == (local, context)
    assert {a: set(ox.parse(data, format=ox.RdfFormat.N_QUADS)) for a, data in from_store.items()} == held
    del store
    assert _attributed(validation.validate_build(paths).results) == whole
