"""`kg build`: atomic, deterministic, IRIs stable under edits, and a failed build leaves the last good one."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build_project
from kg.cli import main
from kg.errors import ValidationFailed
from kg.store import open_read_only, read_manifest, sorted_nquads
from minicorpus import replace_in, set_member_count, write_minicorpus


@pytest.fixture()
def mini(tmp_path: Path):
    return write_minicorpus(tmp_path)


def _subjects(paths) -> set[str]:
    store = open_read_only(paths)
    return {q.subject.value for q in store if q.graph_name.value.startswith("https://w3id.org/canieti-kg/graph/article/")}


def test_build_writes_one_graph_per_article_plus_entities_ontology_inferred(mini) -> None:
    report = build_project(mini)
    manifest = read_manifest(mini)
    kinds = sorted(g.kind for g in manifest.graphs)
    assert kinds == ["article", "article", "entities", "inferred", "ontology"]
    assert set(manifest.articles) == {"a-en", "a-es"}
    assert report.triples == manifest.triples > 0
    assert set(manifest.stages) >= {"articles.load", "articles.map", "validate", "reason", "store"}
    store = open_read_only(mini)
    assert not any(q.subject.__class__.__name__ == "BlankNode" for q in store
                   if q.graph_name.value.startswith("https://w3id.org/canieti-kg/graph/article/"))


def test_rebuild_on_unchanged_input_is_byte_identical(mini) -> None:
    build_project(mini)
    first = sorted_nquads(mini)
    build_project(mini)
    assert sorted_nquads(mini) == first


def test_editing_one_fact_changes_no_other_iri(mini) -> None:
    build_project(mini)
    before = _subjects(mini)
    replace_in(mini.data / "facts" / "a-en.yaml", 'value: "1200"', 'value: "1250"')
    replace_in(mini.data / "articles" / "a-en.txt", "1,200", "1,250")
    # the article changed, so record its new hash, as a curator re-receiving it would
    import hashlib
    digest = hashlib.sha256((mini.data / "articles" / "a-en.txt").read_bytes()).hexdigest()
    sidecar = mini.data / "articles" / "a-en.yaml"
    sidecar.write_text("\n".join(f"sha256: {digest}" if l.startswith("sha256:") else l
                                 for l in sidecar.read_text().splitlines()) + "\n")
    replace_in(mini.data / "facts" / "a-en.yaml", "quote: closed with a total of 1,200 members",
               "quote: closed with a total of 1,250 members")
    replace_in(mini.data / "facts" / "a-en.yaml", "surface: 1,200 members", "surface: 1,250 members")
    build_project(mini)
    assert _subjects(mini) == before


def test_reordering_facts_changes_no_iri(mini) -> None:
    build_project(mini)
    before = sorted_nquads(mini)
    path = mini.data / "facts" / "a-en.yaml"
    text = path.read_text()
    head, obs = text.split("observations:\n")
    items = ["  - id:" + chunk for chunk in obs.split("  - id:") if chunk.strip()]
    path.write_text(head + "observations:\n" + "".join(reversed(items)))
    build_project(mini)
    assert sorted_nquads(mini) == before


def test_failed_build_leaves_last_good_build_untouched(mini) -> None:
    build_project(mini)
    good = sorted_nquads(mini)
    target = os.readlink(mini.build / "current")
    replace_in(mini.data / "facts" / "a-en.yaml", "speaker: ana-ruiz", "speaker: nobody")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 1
    assert "unknown entity id 'nobody'" in result.output
    assert os.readlink(mini.build / "current") == target
    assert sorted_nquads(mini) == good
    assert [p.name for p in mini.build.glob("gen-*")] == [target]


def test_an_article_reverted_after_a_failed_build_gets_its_own_graph_back(mini) -> None:
    # a failed build may already have written a changed article's graph to the cache: reverting that
    # article must not bring the failed build's graph in under the old content's name
    build_project(mini)
    good = sorted_nquads(mini)
    es, en = mini.data / "facts" / "a-es.yaml", mini.data / "facts" / "a-en.yaml"
    original = es.read_text(encoding="utf-8")
    replace_in(es, "status: explicit\nobservations:", "status: implied\nobservations:")
    replace_in(en, "speaker: ana-ruiz", "speaker: nobody")
    with pytest.raises(Exception, match="unknown entity id 'nobody'"):
        build_project(mini)
    es.write_text(original, encoding="utf-8")
    replace_in(en, "speaker: nobody", "speaker: ana-ruiz")
    build_project(mini)
    assert sorted_nquads(mini) == good
    # and what later builds load or validate from the cache is that graph too
    from kg.incremental import process_corpus

    import pyoxigraph as ox

    cached = set(ox.parse(process_corpus(mini).nquads_files["a-es"].read_bytes(), format=ox.RdfFormat.N_QUADS))
    stored = {q for q in ox.parse(good, format=ox.RdfFormat.N_QUADS) if q.graph_name.value.endswith("/article/a-es")}
    assert cached == stored


def test_cli_build_prints_a_summary(mini) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 0, result.output
    assert "built 2 articles" in result.output and "triples" in result.output


def test_draft_fact_files_are_left_out_with_a_warning(mini) -> None:
    replace_in(mini.data / "facts" / "a-es.yaml", "review: reviewed", "review: draft")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 0, result.output
    assert f"Warning: {mini.data / 'facts' / 'a-es.yaml'}: draft fact file left out of the build" in result.output
    assert "built 2 articles (1 with a draft fact file, its facts left out)" in result.output
    store = open_read_only(mini)
    assert not list(store.quads_for_pattern(None, None, None, None))[0] is None
    facts = [q for q in store if q.graph_name.value.endswith("/graph/article/a-es")
             and q.predicate.value.endswith("#curatorId")]
    assert facts == []


def test_rebuild_after_one_change_reprocesses_only_that_article(mini) -> None:
    first = build_project(mini)
    assert first.reused == 0
    again = build_project(mini)
    assert again.reused == 2
    replace_in(mini.data / "facts" / "a-es.yaml", "status: explicit\nobservations:", "status: implied\nobservations:")
    third = build_project(mini)
    assert third.reused == 1
    store = open_read_only(mini)
    statuses = {q.object.value for q in store if q.subject.value.endswith("/a-es/tenure/t-president")
                and q.predicate.value.endswith("#status")}
    assert statuses == {"https://w3id.org/canieti-kg/vocab/status/implied"}


def test_every_fact_links_back_to_its_file_and_curator_id(mini) -> None:
    build_project(mini)
    store = open_read_only(mini)
    rows = list(store.query("""
        PREFIX kg: <https://w3id.org/canieti-kg/ontology#>
        SELECT ?fact ?file ?id WHERE { GRAPH ?g { ?fact kg:hasEvidence ?ev . ?fact kg:factFile ?file ; kg:curatorId ?id } }"""))
    assert len(rows) >= 11
    for row in rows:
        assert row["file"].value in ("data/facts/a-en.yaml", "data/facts/a-es.yaml")
        assert row["fact"].value.split("/")[-1] == row["id"].value


def test_an_article_may_not_use_another_articles_local_entity(mini) -> None:
    replace_in(mini.data / "facts" / "a-es.yaml", "    previous: a-en#t-second\n",
               "    previous: a-en#t-second\n    announced_at: event-a\n")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 1
    assert "a-es.yaml" in result.output and "event-a" in result.output
    assert "move it there" in result.output or "unknown entity id" in result.output


def test_cross_article_reference_to_a_missing_fact_is_reported(mini) -> None:
    replace_in(mini.data / "facts" / "a-es.yaml", "previous: a-en#t-second", "previous: a-en#t-third")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 1
    assert "a-es.yaml" in result.output and "unknown fact 'a-en#t-third'" in result.output


def test_a_second_build_on_a_locked_folder_is_refused_with_exit_3(mini) -> None:
    from kg.store import BuildLock

    with BuildLock(mini):
        result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                           "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 3
    assert "locked by another `kg build`" in result.output


def test_a_first_build_that_fails_on_its_input_leaves_no_build_folder(tmp_path: Path) -> None:
    build = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", "-q", "--data", str(tmp_path / "nodata"), "--build", str(build)])
    assert result.exit_code == 1 and "no articles folder" in result.output, result.output
    assert not build.exists()
    build.mkdir()  # a folder the user made stays, empty
    result = CliRunner().invoke(main, ["build", "-q", "--data", str(tmp_path / "nodata"), "--build", str(build)])
    assert result.exit_code == 1 and build.is_dir()


def test_an_unwritable_build_folder_is_a_one_line_environment_error(mini) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", "/proc/kg-build"], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 3
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_the_previous_generation_survives_one_swap_for_readers_that_opened_it(mini) -> None:
    build_project(mini)
    first = os.readlink(mini.build / "current")
    replace_in(mini.data / "facts" / "a-es.yaml", "status: explicit\nobservations:", "status: implied\nobservations:")
    build_project(mini)
    second = os.readlink(mini.build / "current")
    assert {p.name for p in mini.build.glob("gen-*")} == {first, second}
    build_project(mini)  # unchanged input: a third generation replaces the first
    assert first not in {p.name for p in mini.build.glob("gen-*")}


def test_article_caches_are_on_disk_before_the_index_records_them(mini, monkeypatch) -> None:
    # cache files are written without one fsync each; a single sync must come before the index commit
    from kg import incremental

    events: list[str] = []
    real_save = incremental.ArticleIndex.save
    monkeypatch.setattr(incremental.os, "sync", lambda: events.append("sync"))
    monkeypatch.setattr(incremental.ArticleIndex, "save",
                        lambda self, *a, **k: (events.append("index"), real_save(self, *a, **k))[1])
    build_project(mini)
    assert events and events[0] == "sync" and "index" in events


def test_shared_inputs_cache_is_dropped_when_entities_change(mini) -> None:
    build_project(mini)
    assert (mini.cache / "shared-inputs.pickle").exists()
    text = (mini.data / "entities.yaml").read_text(encoding="utf-8")
    (mini.data / "entities.yaml").write_text(text.replace("- id: ", "- id: 1bad ", 1), encoding="utf-8")
    with pytest.raises(Exception) as err:
        build_project(mini)
    assert "entities.yaml" in str(getattr(err.value, "file", "")) + str(err.value)


class _Loaders(list):
    delay = 0  # seconds each loading process sleeps first: still loading whatever the build does meanwhile

    def state(self) -> str:
        """Whether the one loading process started so far is still running."""
        return "while loading" if len(self) == 1 and self[0].poll() is None else "alone"


@pytest.fixture
def loaders(monkeypatch) -> _Loaders:
    """The loading processes kg.store starts, as they start."""
    from kg import store as kg_store

    started = _Loaders()
    real_popen = kg_store.subprocess.Popen

    def popen(cmd, **kwargs):
        if any("_load_files_main" in str(arg) for arg in cmd):  # (not the reasoner's Java, say)
            if started.delay:
                cmd = [*cmd[:3], f"import time; time.sleep({started.delay}); " + cmd[3], *cmd[4:]]
            started.append(real_popen(cmd, **kwargs))
            return started[-1]
        return real_popen(cmd, **kwargs)

    monkeypatch.setattr(kg_store.subprocess, "Popen", popen)
    return started


def test_a_separate_process_loads_the_same_store(mini, tmp_path: Path, monkeypatch, loaders) -> None:
    """Thousands of article files are bulk-loaded by a new interpreter (faster than in the build's own
    process); a build from scratch reasons and validates meanwhile, graph/inferred is that process's
    last load (a load of its own), and it merges the store's files at the end, once the ontology and
    entities graphs are in too. The store it writes holds exactly what the in-process load does."""
    from kg import build as kg_build, store as kg_store

    build_project(mini)
    in_process = sorted_nquads(mini)
    monkeypatch.setattr(kg_store, "LOAD_ALONE_FROM", 1)
    monkeypatch.setattr(kg_store, "COMPACT_FROM", 1)
    events: list[str] = []
    real_reason, real_validate = kg_build.reason_by_article, kg_build.validate_partitioned
    real_add, real_compact = kg_store.Generation.add_graph, kg_store.Generation.compact

    def reason(store, *args, **kwargs):
        events.append(f"reason {loaders.state()}{'' if store is None else ' from the store'}")
        return real_reason(store, *args, **kwargs)

    def validate(*args, **kwargs):
        events.append(f"validate {loaders.state()}")
        return real_validate(*args, **kwargs)

    def add_graph(self, iri, graph):
        events.append(f"add {len(loaders)}")
        return real_add(self, iri, graph)

    def compact(self):
        events.append("compact")
        return real_compact(self)

    monkeypatch.setattr(kg_build, "reason_by_article", reason)
    monkeypatch.setattr(kg_build, "validate_partitioned", validate)
    monkeypatch.setattr(kg_store.Generation, "add_graph", add_graph)
    monkeypatch.setattr(kg_store.Generation, "compact", compact)
    alone = mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "alone", ontology=mini.ontology)
    report = build_project(alone)
    assert len(loaders) == 1 and loaders[0].returncode == 0
    assert {"store", "reason", "validate", "index"} <= set(report.stages) and "compact" not in report.stages
    # the ontology and entities graphs before the loader starts (its merge covers them), and no merge after it
    assert events == ["add 0", "add 0", "reason while loading", "validate while loading"]
    assert loaders[0].args[5] == "lenient"  # (IRIs and language tags checked on input; validation parses every file)
    assert loaders[0].args[7] == "compact"
    assert sorted_nquads(alone) == in_process
    assert build_project(alone).reused == report.articles  # (the index was written while the loader ended)
    assert not list((tmp_path / "alone").glob("gen-*/parts.json")) and not list((tmp_path / "alone").glob("gen-*/staged.nq"))


def test_without_validation_the_separate_process_checks_the_files(mini, tmp_path: Path, monkeypatch, loaders) -> None:
    """Oxigraph's lenient load skips checking IRIs and language tags: only when the build's validation
    has parsed every file too. The index is still written while that process loads."""
    from kg import store as kg_store

    build_project(mini)
    in_process = sorted_nquads(mini)
    monkeypatch.setattr(kg_store, "LOAD_ALONE_FROM", 1)
    alone = mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "alone", ontology=mini.ontology)
    report = build_project(alone, validate=False)
    assert [loader.args[5] for loader in loaders] == ["strict"]
    assert "validate" not in report.stages and report.stages["index"] <= report.stages["store"]
    assert sorted_nquads(alone) == in_process
    assert build_project(alone, validate=False).reused == report.articles


def test_a_large_graph_replaced_alone_is_loaded_by_a_separate_process(mini, tmp_path: Path, monkeypatch, loaders) -> None:
    """graph/inferred rewritten whole in a rebuild (hundreds of thousands of lines at 10,000 articles) is
    loaded as the article files are: by a separate process, its bytes counted once."""
    from kg import store as kg_store

    gen = kg_store.Generation(mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "b", ontology=mini.ontology))
    try:
        nq = tmp_path / "one.nq"
        nq.write_text('<https://e.org/s> <https://e.org/p> "o" <https://e.org/g> .\n', encoding="utf-8")
        gen.add_nquads_files([nq])
        monkeypatch.setattr(kg_store, "LOAD_ALONE_BYTES", 1)
        lines = [b'<https://e.org/s> <https://e.org/p> "o%d" <https://e.org/h> .\n' % i for i in (1, 2)]
        gen.replace_lines("https://e.org/h", lines[0])
        gen.replace_lines("https://e.org/h", lines[1])
        assert len(loaders) == 2 and gen.loaded == nq.stat().st_size + len(lines[0]) + len(lines[1])
        assert sorted(str(q) for q in gen.store) == [
            '<https://e.org/s> <https://e.org/p> "o" <https://e.org/g>', '<https://e.org/s> <https://e.org/p> "o2" <https://e.org/h>']
        assert not (gen.dir / "staged.nq").exists() and not (gen.dir / "parts.json").exists()
    finally:
        gen.discard()


def _failing_build_while_loading(monkeypatch, loaders, reasoner: str) -> list[str]:
    """The next builds start from an empty store, loaded by a separate process kept alive (a build that
    fails kills it); the reasoner ``raises`` or finds the data ``inconsistent``. Returns what ran, in
    order, and whether the loader was alive then."""
    from kg import build as kg_build, store as kg_store

    monkeypatch.setattr(kg_build, "_previous_manifest", lambda *_args: None)  # (from an empty store again)
    monkeypatch.setattr(kg_store, "LOAD_ALONE_FROM", 1)
    loaders.delay = 60
    real_reason, real_validate = kg_build.reason_by_article, kg_build.validate_partitioned
    events: list[str] = []

    def reason(*args, **kwargs):
        events.append(f"reason {loaders.state()}")
        if reasoner == "raises":
            raise ValidationFailed("the graph is logically inconsistent: (made up by the test)")
        result = real_reason(*args, **kwargs)
        result.report.consistent, result.report.explanation = False, "(made up by the test)"
        return result

    def validate(*args, **kwargs):
        events.append(f"validate {loaders.state()}")
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(kg_build, "reason_by_article", reason)
    monkeypatch.setattr(kg_build, "validate_partitioned", validate)
    return events


def test_validation_failing_while_the_articles_load_stops_the_loader_and_comes_first(
        mini, tmp_path: Path, monkeypatch, loaders) -> None:
    """Validation runs while the articles load (leniently, as validation parses each one): its violation
    fails the build, before what the reasoner found, and nothing is swapped in."""
    from kg import build as kg_build

    build_project(mini)
    good, target = sorted_nquads(mini), os.readlink(mini.build / "current")
    events = _failing_build_while_loading(monkeypatch, loaders, "inconsistent")
    (mini.ontology / "shapes" / "zz-test.ttl").write_text(  # (a shape no fact file can meet: a real violation)
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix kg: <https://w3id.org/canieti-kg/ontology#> .\n"
        "<urn:test:NoPost> a sh:NodeShape ; sh:targetClass kg:Tenure ;\n"
        "  sh:property [ sh:path kg:post ; sh:maxCount 0 ; sh:message \"made up by the test\" ] .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    assert "a-en.yaml" in result.output and "validation failed: fact" in result.output and "logically inconsistent" not in result.output
    assert events[-1] == "validate while loading" and len(loaders) == 1 and loaders[0].returncode == -signal.SIGKILL
    assert os.readlink(mini.build / "current") == target and sorted_nquads(mini) == good
    assert [p.name for p in mini.build.glob("gen-*")] == [target]
    # The index kept the findings and the reasoner's new lines, which no graph/inferred holds: the next
    # build from the current store's checkpoint rewrites graph/inferred whole, not by difference.
    assert not (mini.cache / kg_build._INFERRED_SHARED).exists()
    (mini.ontology / "shapes" / "zz-test.ttl").unlink()
    monkeypatch.undo()
    build_project(mini)
    assert sorted_nquads(mini) == good


@pytest.mark.parametrize("how", ["raises", "inconsistent"])
def test_the_reasoner_failing_while_the_articles_load_stops_the_loader_and_keeps_the_last_build(
        mini, tmp_path: Path, monkeypatch, loaders, how: str) -> None:
    """Its error comes after validation's findings (here none), and the loader is stopped."""
    fresh = mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "fresh", ontology=mini.ontology)
    build_project(fresh)
    good, target = sorted_nquads(fresh), os.readlink(fresh.build / "current")
    events = _failing_build_while_loading(monkeypatch, loaders, how)
    result = CliRunner().invoke(main, ["build", "--root", str(fresh.root), "--data", str(fresh.data),
                                       "--build", str(fresh.build)], env={"KG_ONTOLOGY": str(fresh.ontology)})
    assert result.exit_code != 0 and "logically inconsistent" in result.output and "Traceback" not in result.output
    assert events == ["reason while loading", "validate while loading"]
    assert len(loaders) == 1 and loaders[0].returncode == -signal.SIGKILL
    assert os.readlink(fresh.build / "current") == target and sorted_nquads(fresh) == good
    assert [p.name for p in fresh.build.glob("gen-*")] == [target]


def test_load_parts_are_consecutive_and_about_equal_in_size(tmp_path: Path, monkeypatch) -> None:
    """Each bulk load is held whole in the loader's memory: the files go in ceil(total / LOAD_PART_BYTES)
    consecutive parts, each within one file's size of an equal share."""
    from kg import store as kg_store

    sizes = [30, 30, 30, 30, 100, 10, 10, 10, 5, 45]
    files = []
    for i, size in enumerate(sizes):
        files.append(tmp_path / f"{i}.nq")
        files[-1].write_bytes(b"x" * size)
    monkeypatch.setattr(kg_store, "LOAD_PART_BYTES", 100)
    parts = kg_store.load_parts(files)
    assert [f for part in parts for f in part] == files and len(parts) == 3
    share = sum(sizes) / 3
    assert all(abs(sum(f.stat().st_size for f in part) - share) <= max(sizes) for part in parts)
    monkeypatch.setattr(kg_store, "LOAD_PART_BYTES", 1000)
    assert kg_store.load_parts(files) == [files]


def test_a_separate_process_updates_a_store_from_its_checkpoint_the_same(mini, tmp_path: Path, monkeypatch) -> None:
    """A rebuild removes the changed article's graph from the checkpoint, then the new process loads it."""
    from kg import store as kg_store

    build_project(mini)
    set_member_count(mini, "1200", "1250")
    build_project(mini)
    in_process = sorted_nquads(mini)
    set_member_count(mini, "1250", "1200")
    build_project(mini)
    monkeypatch.setattr(kg_store, "LOAD_ALONE_FROM", 1)
    monkeypatch.setattr(kg_store, "LOAD_ALONE_BYTES", 1)
    set_member_count(mini, "1200", "1250")
    assert build_project(mini).reused == 1
    assert sorted_nquads(mini) == in_process


@pytest.mark.parametrize("interpreter, message", [
    ("#!/bin/sh\nexit 1\n", "bulk load into the new store failed: exit status 1"),
    ("#!/bin/sh\necho 'Traceback (most recent call last):' >&2\necho 'OSError: No space left on device' >&2\nexit 1\n",
     "bulk load into the new store failed: OSError: No space left on device"),
    ("#!/bin/sh\nkill -9 $$\n", "the loading process was killed by SIGKILL (out of memory?)")])
def test_a_failed_separate_load_is_a_one_line_error_and_keeps_the_last_build(mini, tmp_path: Path, monkeypatch,
                                                                              interpreter: str, message: str) -> None:
    from kg import store as kg_store

    build_project(mini)
    good, target = sorted_nquads(mini), os.readlink(mini.build / "current")
    set_member_count(mini, "1200", "1250")
    fake = tmp_path / "python"
    fake.write_text(interpreter, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(kg_store, "LOAD_ALONE_FROM", 1)
    monkeypatch.setattr(kg_store.sys, "executable", str(fake))
    result = CliRunner().invoke(main, ["build", "--root", str(mini.root), "--data", str(mini.data),
                                       "--build", str(mini.build)], env={"KG_ONTOLOGY": str(mini.ontology)})
    assert result.exit_code == 3, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert os.readlink(mini.build / "current") == target and sorted_nquads(mini) == good


def test_a_store_held_elsewhere_is_loaded_in_process(mini, tmp_path: Path, monkeypatch) -> None:
    """Closing a store another reference holds would not release RocksDB's lock: the load stays here."""
    from kg import store as kg_store

    gen = kg_store.Generation(mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "b", ontology=mini.ontology))
    nq = tmp_path / "one.nq"
    nq.write_text('<https://e.org/s> <https://e.org/p> "o" <https://e.org/g> .\n', encoding="utf-8")
    monkeypatch.setattr(kg_store, "LOAD_ALONE_FROM", 1)
    monkeypatch.setattr(kg_store.sys, "executable", "/bin/false")  # would fail if it were used
    held = gen.store
    gen.add_nquads_files([nq])
    assert gen.store is held and len(held) == 1
    del held
    gen.discard()


def test_a_large_load_is_compacted_and_a_small_rebuild_is_not(mini, tmp_path: Path, monkeypatch) -> None:
    """After a bulk load of COMPACT_FROM bytes or more that is a large part of the store, the build merges
    the store's files (queries then search fewer of them) and the store holds the same quads; a rebuild's
    few changes are a small part of the store, and are not worth it."""
    from kg import store as kg_store

    build_project(mini)
    uncompacted = sorted_nquads(mini)
    compacted: list[bool] = []
    real = kg_store.Generation.compact

    def compact(self):
        done = real(self)
        compacted.append(done)
        return done

    monkeypatch.setattr(kg_store.Generation, "compact", compact)
    monkeypatch.setattr(kg_store, "COMPACT_FROM", 1)
    fresh = mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "fresh", ontology=mini.ontology)
    report = build_project(fresh)
    assert compacted == [True] and "compact" in report.stages
    assert sorted_nquads(fresh) == uncompacted
    set_member_count(mini, "1200", "1250")
    report = build_project(fresh)
    assert report.reused == 1 and compacted == [True] and "compact" not in report.stages


def test_a_generation_counts_the_bytes_it_bulk_loads(mini, tmp_path: Path) -> None:
    from kg import store as kg_store

    gen = kg_store.Generation(mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "b", ontology=mini.ontology))
    try:
        nq = tmp_path / "one.nq"
        nq.write_text('<https://e.org/s> <https://e.org/p> "o" <https://e.org/g> .\n', encoding="utf-8")
        gen.add_nquads_files([nq])
        line = b'<https://e.org/s> <https://e.org/p> "o2" <https://e.org/h> .\n'
        gen.replace_lines("https://e.org/h", line)
        assert gen.loaded == nq.stat().st_size + len(line)
    finally:
        gen.discard()


def test_a_failed_compaction_is_not_a_failed_build(mini, tmp_path: Path) -> None:
    """Merging the store's files is only an optimization: an error in it (no disk space for the merged
    files) leaves the generation as it was loaded."""
    from kg import store as kg_store

    gen = kg_store.Generation(mini.__class__(root=mini.root, data=mini.data, build=tmp_path / "b", ontology=mini.ontology))
    real = gen.store

    class NoSpace:
        def optimize(self) -> None:
            raise OSError("IO error: No space left on device")

    try:
        gen.loaded = kg_store.COMPACT_FROM
        assert gen.wants_compaction
        gen.store = NoSpace()  # type: ignore[assignment]
        assert gen.compact() is False
    finally:
        gen.store = real
        gen.discard()


def test_a_build_from_another_root_names_the_fact_files_from_that_root(mini) -> None:
    """kg:factFile is the fact file's path from the repository root: the article cache is keyed on it, so a
    build with another root does not reuse graphs that name the files from the old one."""
    import pyoxigraph as ox

    def fact_files(paths) -> set[str]:
        factfile = ox.NamedNode("https://w3id.org/canieti-kg/ontology#factFile")
        return {q.object.value for q in open_read_only(paths).quads_for_pattern(None, factfile, None)}

    build_project(mini)
    prefix = Path(os.path.relpath(mini.data, mini.root)).as_posix() + "/"
    first = fact_files(mini)
    assert first and all(f.startswith(prefix + "facts/") for f in first), first
    inside = mini.__class__(root=mini.data, data=mini.data, build=mini.build, ontology=mini.ontology,
                            queries=mini.queries)
    build_project(inside)
    assert fact_files(inside) == {f[len(prefix):] for f in first}


def test_the_build_prints_how_many_warnings_and_infos_kg_validate_lists(mini) -> None:
    """The benchmark runner reads this line (benchmarks/run.py, step_build) to compare with kg validate."""
    import json
    import re

    args = ["--root", str(mini.root), "--data", str(mini.data), "--build", str(mini.build)]
    env = {"KG_ONTOLOGY": str(mini.ontology)}
    built = CliRunner().invoke(main, ["build", *args], env=env)
    assert built.exit_code == 0, built.output
    found = [int(m.group(1)) for line in built.output.splitlines()
             if (m := re.match(r"(\d+) validation warning\(s\) and info\(s\)", line))]
    report = mini.root / "report.json"
    CliRunner().invoke(main, ["validate", *args, "--format", "json", "-o", str(report)], env=env)
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert found == [counts["Warning"] + counts["Info"]] and found[0] > 0


def test_the_cache_key_covers_how_the_data_files_are_named(mini, tmp_path: Path) -> None:
    """Graphs and findings name the data's files from the root, or by the data folder's name when it lives
    elsewhere: the cache key changes exactly when those names do."""
    import dataclasses
    import shutil

    from kg.incremental import global_fingerprint
    from kg.mapping import repo_relative

    elsewhere = [tmp_path / "elsewhere", tmp_path / "far"]
    for folder in elsewhere:
        folder.mkdir()
    outside = [dataclasses.replace(mini, root=folder) for folder in elsewhere]
    assert repo_relative(outside[0], outside[0].entities_file) == repo_relative(mini, mini.entities_file) == "data/entities.yaml"
    assert global_fingerprint(outside[0]) == global_fingerprint(outside[1]) == global_fingerprint(mini)
    renamed = dataclasses.replace(outside[0], data=shutil.copytree(mini.data, tmp_path / "corpus"))
    assert repo_relative(renamed, renamed.entities_file) == "corpus/entities.yaml"
    assert global_fingerprint(renamed) != global_fingerprint(outside[0])
