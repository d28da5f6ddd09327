"""Large text exports: written by two processes, and graph/inferred read from the build's cache.

Both are ways to the same bytes: every test here compares them with the one-process export, which
reads graph/inferred from the store (tests/test_export.py checks that export against the store)."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.export
from kg.build import inferred_nquads
from kg.config import Paths
from kg.errors import DataError, EnvironmentProblem, KgError
from kg import iris
from kg.store import GraphInfo, open_read_only, read_manifest

TEXT_FORMATS = ("turtle", "ntriples", "nquads", "trig")


def _export(paths: Paths, fmt: str, *, split: bool, graphs: list[str] | None = None) -> tuple[bytes, dict[str, int], int]:
    out = io.BytesIO()
    report = kg.export.export(paths, fmt, graphs, out, split=split)
    return out.getvalue(), report.graphs, report.written


def _from_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """graph/inferred read from the store, as before the build's cache was used."""
    monkeypatch.setattr("kg.build.inferred_nquads", lambda *_: None)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_two_processes_write_the_bytes_one_writes(fmt: str, built_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    split = _export(built_paths, fmt, split=True)
    assert split == _export(built_paths, fmt, split=False)
    _from_store(monkeypatch)
    assert split == _export(built_paths, fmt, split=False)


def _infos(paths: Paths) -> list[GraphInfo]:
    return kg.export.select_graphs(read_manifest(paths), None)


def _subjects(paths: Paths) -> list[str]:
    lines = _export(paths, "ntriples", split=False)[0].decode("utf-8").splitlines()
    return sorted({line.split(" ", 1)[0] for line in lines})


def test_any_pivot_gives_the_same_bytes(built_paths: Paths) -> None:
    """Subjects before the pivot are this process's, the others the child's, wherever it falls: on a
    subject, between two, after them all; blank nodes (OWL axioms) and literals included."""
    infos = _infos(built_paths)
    manifest = read_manifest(built_paths)
    files = kg.export._article_files(built_paths, infos)
    subjects = [s for s in _subjects(built_paths) if s > f"<{kg.export.DATASET}>" and s.startswith("<")
                and s > max(f"<{info.iri}>" for info in infos)]
    pivots = [subjects[0], subjects[len(subjects) // 3], subjects[-1], subjects[len(subjects) // 2] + "a", "<~>"]
    assert kg.export._pivot(infos, files) in subjects
    for fmt in ("turtle", "nquads", "trig"):  # (the statements written too: each part counts its own subjects')
        expected = _export(built_paths, fmt, split=False)
        for pivot in pivots:
            chunks, counts, written = kg.export._split_export(built_paths, manifest, infos, files, fmt, pivot)
            assert (b"".join(chunks), counts, written) == expected, (fmt, pivot)


def test_graph_selections_and_no_article_files(built_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    for graphs in (["inferred"], ["ontology", "entities"], [_infos(built_paths)[0].iri]):
        assert _export(built_paths, "turtle", split=True, graphs=graphs) == \
            _export(built_paths, "turtle", split=False, graphs=graphs)
    # Without the build's files there is no sample to place the pivot: one process writes it all.
    monkeypatch.setattr(kg.export, "build_nquads", lambda *_: None)
    monkeypatch.setattr(kg.export, "_split_export", _never)
    assert _export(built_paths, "turtle", split=True) == _export(built_paths, "turtle", split=False)


def _never(*_: object) -> None:
    raise AssertionError("not split")


def test_only_large_exports_are_split(built_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = kg.export._split_export

    def counted(*args: object) -> object:
        calls.append("split")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.export, "_split_export", counted)
    expected = _export(built_paths, "turtle", split=False)
    assert kg.export.export(built_paths, "turtle", None, io.BytesIO()) and calls == []  # (13,000 triples)
    monkeypatch.setattr(kg.export, "SPLIT_TRIPLES", 1000)
    monkeypatch.setattr(kg.export, "_cores", lambda: 1)
    assert kg.export.export(built_paths, "turtle", None, io.BytesIO()) and calls == []  # (one core)
    monkeypatch.setattr(kg.export, "_cores", lambda: 2)
    out = io.BytesIO()
    kg.export.export(built_paths, "turtle", None, out)
    assert calls == ["split"] and out.getvalue() == expected[0]


def test_an_error_in_the_child_is_the_error_of_the_export(built_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's error comes back whole (where and how), an OSError as such, a bug with its
    traceback; a child that dies is a one-line error."""
    parent = os.getpid()

    def fails(*_: object, **__: object) -> None:
        where = "parent" if os.getpid() == parent else "child"
        raise DataError(f"cannot read in the {where}", file="x.nq", line=3, hint="build again")

    monkeypatch.setattr(kg.export, "read_subjects", fails)
    with pytest.raises(DataError) as caught:
        _export(built_paths, "turtle", split=True)
    assert caught.value.one_line() == "x.nq:3: cannot read in the child (fix: build again)"

    def disk(*_: object, **__: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(kg.export, "read_subjects", disk)
    with pytest.raises(OSError, match="Input/output error"):
        _export(built_paths, "turtle", split=True)

    def bug(*_: object, **__: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(kg.export, "read_subjects", bug)
    with pytest.raises(RuntimeError, match="ValueError: a bug"):
        _export(built_paths, "turtle", split=True)

    monkeypatch.setattr(kg.export, "read_subjects", lambda *_, **__: os._exit(9))
    with pytest.raises(EnvironmentProblem) as died:
        _export(built_paths, "turtle", split=True)
    assert "stopped before it was done (exit code 9)" in died.value.one_line()
    assert "\n" not in died.value.one_line()


@pytest.mark.parametrize("cached_in", ["the child only", "this process only"])
def test_processes_that_read_graph_inferred_differently_write_the_same_bytes(
        cached_in: str, built_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each process reads graph/inferred from the cache when it makes up the graph, else from the store
    (another build may change the cache between their reads): whichever way each went, the same bytes."""
    expected = _export(built_paths, "nquads", split=False)
    parent, real = os.getpid(), inferred_nquads

    def sometimes(paths: Paths, digest: str) -> bytes | None:
        in_child = os.getpid() != parent
        return real(paths, digest) if in_child == (cached_in == "the child only") else None

    monkeypatch.setattr("kg.build.inferred_nquads", sometimes)
    assert _export(built_paths, "nquads", split=True) == expected


def test_errors_keep_where_and_how_through_pickle() -> None:
    for error in (KgError("m", file="f", line=2, field="x", hint="h"), EnvironmentProblem("e", hint="h")):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and again.one_line() == error.one_line()
        assert again.exit_code == error.exit_code


# --- graph/inferred from the build's cache ----------------------------------------------------------


def _stored_inferred(paths: Paths) -> list[str]:
    store = open_read_only(paths)
    graph = ox.NamedNode(str(iris.INFERRED_GRAPH))
    return sorted(str(q) + " ." for q in store.quads_for_pattern(None, None, None, graph))


def _inferred_info(paths: Paths) -> GraphInfo:
    return next(info for info in read_manifest(paths).graphs if info.kind == "inferred")


def test_the_cache_holds_graph_inferred_as_the_store_does(built_paths: Paths) -> None:
    info = _inferred_info(built_paths)
    data = inferred_nquads(built_paths, info.digest)
    assert data is not None and data.count(b"\n") == info.triples > 0
    assert sorted(data.decode("utf-8").splitlines()) == _stored_inferred(built_paths)
    assert inferred_nquads(built_paths, "0" * 64) is None  # (another build's digest)


@pytest.fixture()
def build_copy(built_paths: Paths, tmp_path: Path) -> Paths:
    shutil.copytree(built_paths.build, tmp_path / "build", symlinks=True)
    return Paths(root=built_paths.root, build=tmp_path / "build")


@pytest.mark.parametrize("damage", ["an article's lines", "the shared lines", "no index", "no shared lines"])
def test_a_cache_that_does_not_make_up_the_graph_is_not_used(build_copy: Paths, damage: str) -> None:
    """The store's graph is exported instead: the cache must give the manifest's digest exactly."""
    expected = _export(build_copy, "nquads", split=False)
    index = build_copy.cache / "articles.sqlite"
    shared = build_copy.cache / "inferred-shared.pickle"
    if damage == "an article's lines":
        with sqlite3.connect(index) as db:
            article, heavy = db.execute("SELECT id, heavy FROM articles WHERE heavy IS NOT NULL LIMIT 1").fetchone()
            fields = pickle.loads(heavy)
            fields["inferred"] = (fields["inferred"] or "") + "<urn:x> <urn:p> <urn:o> <urn:g> .\n"
            db.execute("UPDATE articles SET heavy = ? WHERE id = ?", (pickle.dumps(fields), article))
    elif damage == "the shared lines":
        digest, lines = pickle.loads(shared.read_bytes())
        shared.write_bytes(pickle.dumps((digest, lines + "<urn:x> <urn:p> <urn:o> <urn:g> .\n")))
    elif damage == "no index":
        index.unlink()
    else:
        shared.unlink()
    assert inferred_nquads(build_copy, _inferred_info(build_copy).digest) is None
    assert _export(build_copy, "nquads", split=False) == expected
    assert _export(build_copy, "nquads", split=True) == expected


def test_kg_export_reports_a_failed_second_process_on_one_line_and_keeps_the_old_file(
        built_paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    target = tmp_path / "canieti.ttl"
    target.write_text("the last good export\n", "utf-8")
    monkeypatch.setattr(kg.export, "SPLIT_TRIPLES", 1000)  # (the seed build is split, as a large one would be)
    monkeypatch.setattr(kg.export, "read_subjects", lambda *_, **__: os._exit(9))  # (only the child calls it)
    result = CliRunner().invoke(main, ["export", "--build", str(built_paths.build), "-o", str(target)])
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "second process" in lines[0], result.output
    assert target.read_text("utf-8") == "the last good export\n"
