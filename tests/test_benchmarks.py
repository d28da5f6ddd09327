"""The benchmark tools keep working: the generator is deterministic and its corpora load and build; the
runner runs end to end at the smallest size. No timing is asserted anywhere (timings depend on the machine)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402

_WS = re.compile(r"\s+")


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus10(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus10")
    generate.generate(10, 7, out, seeds_data=REPO / "data")
    return out


@pytest.fixture(scope="module")
def corpus60(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Big enough for every template and the cross-article links to occur (no build: loading is enough)."""
    out = tmp_path_factory.mktemp("corpus60")
    generate.generate(60, 3, out, seeds_data=REPO / "data", density=1.0)
    return out


def test_leads_only_still_hold_every_section(tmp_path: Path) -> None:
    """At --density 0 (the README's benchmark: leads only) the featured paragraphs bring the sections only
    the optional paragraphs write (statements, participations, plan items); without them, those are absent."""
    optional_only = ("participations", "statements", "plans")
    generate.generate(400, 1, tmp_path / "plain", seeds_data=REPO / "data", density=0.0, featured=0.0)
    plain = generate.fact_mix(tmp_path / "plain")
    assert not any(plain.get(section) for section in optional_only), plain
    generate.generate(400, 1, tmp_path / "featured", seeds_data=REPO / "data", density=0.0)
    featured = generate.fact_mix(tmp_path / "featured")
    for section in ("entities", "mentions", "tenures", "relations", "observations") + optional_only:
        assert featured.get(section), section


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate.generate(15, 42, tmp_path / "a", seeds_data=REPO / "data")
    generate.generate(15, 42, tmp_path / "b", seeds_data=REPO / "data")
    a, b = _tree_digest(tmp_path / "a"), _tree_digest(tmp_path / "b")
    assert len(a) == 15 * 3 + 1 + len(list((REPO / "data" / "schema").glob("*.json")))
    assert a == b


def test_another_seed_other_corpus(tmp_path: Path) -> None:
    generate.generate(5, 1, tmp_path / "a", seeds_data=REPO / "data")
    generate.generate(5, 2, tmp_path / "b", seeds_data=REPO / "data")
    assert _tree_digest(tmp_path / "a") != _tree_digest(tmp_path / "b")


def test_cli_is_deterministic_too(tmp_path: Path) -> None:
    for name in ("x", "y"):
        res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--articles", "4", "--seed", "9",
                              "--out", str(tmp_path / name), "--no-report"], capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr
    assert _tree_digest(tmp_path / "x") == _tree_digest(tmp_path / "y")


def test_bad_size_is_a_usage_error(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--articles", "0", "--out", str(tmp_path / "z")],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr.startswith("Error: --articles")


@pytest.mark.parametrize("option", ["--density", "--featured"])
def test_a_share_outside_0_to_1_is_a_usage_error(tmp_path: Path, option: str) -> None:
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--articles", "3", option, "1.5",
                          "--out", str(tmp_path / "z")], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr == f"Error: {option}: 1.5 is not a share (fix: give a number from 0 to 1)\n"
    assert not (tmp_path / "z").exists()


def _quotes(doc: dict) -> list[tuple[str, str, int | None]]:
    out = []
    for section, items in doc.items():
        if not isinstance(items, list):
            continue
        for it in items:
            out.append((f"{section}/{it['id']}", it["quote"], it.get("occurrence")))
            for sub in it.get("items") or []:
                out.append((f"{section}/{it['id']}/{sub['id']}", sub["quote"], sub.get("occurrence")))
    return out


def test_every_stored_query_with_a_required_parameter_gets_a_value(corpus60: Path) -> None:
    """A query the runner has nothing to pass to is skipped, not measured: a new parameter type needs a chooser."""
    import run

    params = run.choose_params(corpus60)
    assert not {q: p["__skip__"] for q, p in params.items() if "__skip__" in p}
    assert params["items-by-topic"]["topic"] and params["organization-people"]["organization"]
    assert params["event-parts"]["event"]


def test_every_quote_occurs_in_its_article(corpus60: Path) -> None:
    """Independent of the loader: whitespace-folded, overlapping matches, `occurrence` exactly when needed."""
    checked = 0
    for path in sorted((corpus60 / "facts").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (corpus60 / "articles" / f"{doc['article']}.txt").read_text(encoding="utf-8")
        norm = _WS.sub(" ", text)
        for label, quote, occurrence in _quotes(doc):
            needle = _WS.sub(" ", quote).strip()
            hits, pos = 0, norm.find(needle)
            while pos != -1:
                hits += 1
                pos = norm.find(needle, pos + 1)
            assert hits >= 1, f"{path.name} {label}: {quote!r} not in the article"
            if occurrence is None:
                assert hits == 1, f"{path.name} {label}: {quote!r} occurs {hits} times without `occurrence`"
            else:
                assert 1 <= occurrence <= hits and hits > 1, f"{path.name} {label}: occurrence {occurrence} of {hits}"
            checked += 1
    assert checked > 60 * 10


def test_corpus_loads_with_the_project_loader(corpus60: Path) -> None:
    """The project's own loader (schema, vocabularies, quotes, references across files) accepts the corpus."""
    from kg.config import Paths
    from kg.corpus import load_corpus

    corpus = load_corpus(Paths(root=REPO, data=corpus60))
    assert len(corpus.articles) == 60 and len(corpus.fact_files) == 60
    assert corpus.fact_count() > 60 * 10


def test_shape_of_the_corpus(corpus60: Path) -> None:
    """What makes it 'shaped like the real one': both languages, shared entities with a long tail,
    tenures linked across articles, every comparator, kind, status, unit and time qualifier."""
    mix = generate.fact_mix(corpus60)
    langs = {yaml.safe_load(p.read_text(encoding="utf-8"))["language"] for p in (corpus60 / "articles").glob("*.yaml")}
    assert langs == {"en", "es"}
    for comparator in ("exact", "approximately", "more-than", "at-least", "less-than", "at-most", "between"):
        assert mix.get(f"comparator:{comparator}"), comparator
    for kind in ("reported", "estimate", "projection", "target"):
        assert mix.get(f"kind:{kind}"), kind
    for status in ("explicit", "implied", "ambiguous", "correction", "judgement"):
        assert mix.get(f"status:{status}"), status
    # a speaker or source only the text around the quote names: the attribution is implied, not the fact
    assert mix.get("attribution:implied"), mix
    for unit in ("count", "percent", "rank", "MXN", "USD"):
        assert mix.get(f"unit:{unit}"), unit
    for q in ("in", "at-end-of", "since", "by", "through", "per-year", "year-on-year", "as-of"):
        assert mix.get(f"time:{q}"), q
    for section in ("entities", "mentions", "tenures", "participations", "relations", "statements", "plans", "observations"):
        assert mix.get(section), section
    texts = "".join(p.read_text(encoding="utf-8") for p in (corpus60 / "facts").glob("*.yaml"))
    assert re.search(r"(previous|predecessor): '?\d{5}_[0-9a-f]{16}#ten-", texts), "no tenure linked across articles"
    assert "reelection: true" in texts
    shared = yaml.safe_load((corpus60 / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    assert any(e.get("edition") for e in shared + [e for p in (corpus60 / "facts").glob("*.yaml")
                                                      for e in yaml.safe_load(p.read_text(encoding="utf-8")).get("entities") or []])
    # long tail: a few entities in many articles, most in one or two
    counts: dict[str, int] = {}
    for p in (corpus60 / "facts").glob("*.yaml"):
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        for e in {m["entity"] for m in doc.get("mentions") or []}:
            counts[e] = counts.get(e, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 10 * ranked[len(ranked) // 2]


def test_generated_corpus_passes_kg_check_and_build(corpus10: Path, tmp_path: Path) -> None:
    kg = str(Path(sys.executable).parent / "kg")
    res = subprocess.run([kg, "check", "--data", str(corpus10)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("ok: 10 articles")
    res = subprocess.run([kg, "build", "--data", str(corpus10), "--build", str(tmp_path / "build"), "-q"],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr
    manifest = json.loads((tmp_path / "build" / "current" / "manifest.json").read_text(encoding="utf-8"))
    assert sum(1 for g in manifest["graphs"] if g["kind"] == "article") == 10


@pytest.mark.server
def test_runner_end_to_end_smallest_size(tmp_path: Path) -> None:
    """CI keeps the benchmark working at N=10; the baseline's time limit is exercised, never asserted on."""
    out = tmp_path / "results.json"
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "10", "--repeat", "1",
                          "--baseline-timeout", "60", "--work", str(tmp_path / "work"), "--out", str(out)],
                         capture_output=True, text=True, timeout=1800)
    assert res.returncode == 0, res.stderr[-2000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    r = results["sizes"]["10"]
    assert r["build"]["rc"] == 0 and r["build"]["triples"] > 0 and r["build"]["stages"]
    # three builds from scratch: the median's time, the largest peak of memory
    assert len(r["build"]["runs_wall_s"]) == 3 and r["build"]["wall_s"] == sorted(r["build"]["runs_wall_s"])[1]
    assert r["build"]["tree_rss_mb"] == max(r["build"]["runs_tree_rss_mb"]) > 0
    assert r["rebuild_one"]["rc"] == 0 and r["rebuild_noop"]["rc"] == 0
    assert len(r["rebuild_one"]["runs_wall_s"]) == 3 and r["rebuild_one"]["wall_s"] in r["rebuild_one"]["runs_wall_s"]
    ran = [q for q in r["queries"]["queries"].values() if "median_ms" in q]
    assert ran and all(q["p95_ms"] >= q["median_ms"] > 0 for q in ran)
    assert not [q for q in r["queries"]["queries"].values() if "error" in q]
    # each answer's floor: its rows and columns from one scan, measured beside it
    with_rows = [q for q in ran if q["rows"]]
    assert with_rows and all(q["floor_ms"] > 0 and q["columns"] >= 1 for q in with_rows)
    assert all("floor_ms" not in q for q in ran if not q["rows"])
    for step in ("validate", "export_turtle", "export_nquads", "load"):
        assert r[step].get("rc") == 0, (step, r[step])
    counts = r["validate"]["counts"]  # (kg validate runs on the build as the rebuild after one edit left it)
    assert counts["Violation"] == 0 and counts["Warning"] + counts["Info"] == r["rebuild_one"]["findings"]
    assert r["export_turtle"]["bytes"] > 0
    for step in ("parse", "shacl"):
        s = r["baseline"][step]
        assert s["rc"] == 0 or s.get("stopped"), s
    assert "articles" in res.stdout and "kg build from scratch" in res.stdout and "floor (the answer's rows" in res.stdout
    assert results["machine"]["cores"] >= 1


class _SleepingEngine:
    """Answers every query with no rows after ``seconds`` (rdflib's engine cannot be interrupted either)."""

    name = "rdflib"
    graphs = None

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def execute(self, text: str, info: object, bindings: object) -> object:
        import time

        from kg.queries import QueryResult

        time.sleep(self.seconds)
        return QueryResult(form="SELECT", variables=["article"], rows=[])


def test_a_baseline_query_over_its_limit_is_stopped_and_the_next_one_is_measured(tmp_path: Path) -> None:
    """Each baseline query runs in a forked child, stopped at its own time limit: one query rdflib takes
    hours over does not hide the figures of the queries after it."""
    import run as runner
    from kg.config import Paths

    rows_file = tmp_path / "rows.jsonl"
    with open(rows_file, "a", encoding="utf-8") as out:
        slow = runner._query_row_in_child(_SleepingEngine(60), Paths(), "article-metadata", {}, 3, 0.5, out)
        fast = runner._query_row_in_child(_SleepingEngine(0), Paths(), "article-metadata", {}, 3, 60, out)
    assert slow == {"query": "article-metadata", "params": {}, "timed_out": True, "limit_s": 0.5}
    assert fast is None  # the child wrote its row
    rows = [json.loads(line) for line in rows_file.read_text(encoding="utf-8").splitlines()]
    assert [(r["query"], r["runs"], r["rows"]) for r in rows] == [("article-metadata", 3, 0)]
    assert rows[0]["median_ms"] >= 0 and "error" not in rows[0]


@pytest.mark.parametrize(("columns", "rows"), [(1, 3), (3, 5), (9, 7), (14, 2)])
def test_a_floor_query_gives_the_rows_and_columns_asked(columns: int, rows: int) -> None:
    import pyoxigraph as ox
    from run import floor_query

    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                         ox.Literal(str(i)), ox.NamedNode("http://example.org/g")) for i in range(10))
    result = store.query(floor_query(columns, rows), use_default_graph_as_union=True)
    solutions = list(result)
    assert len(solutions) == rows and len(result.variables) == columns
    assert all(solution[v] is not None for solution in solutions for v in result.variables)


def test_ratios_are_taken_per_query_at_the_largest_size_rdflib_answered_it() -> None:
    import run as runner

    def size(ox: dict[str, float], rdflib: dict[str, float], over: list[str]) -> dict[str, object]:
        rows = lambda medians: {q: {"query": q, "median_ms": m, "engine_median_ms": m} for q, m in medians.items()}  # noqa: E731
        return {"queries": {"queries": rows(ox)},
                "baseline": {"queries": {"queries": rows(rdflib), "over_limit": over}}}

    results = {"sizes": {"10": size({"a": 1.0, "b": 1.0}, {"a": 50.0, "b": 300.0}, []),
                         "100": size({"a": 2.0, "b": 2.0}, {"a": 400.0}, ["b"])}}
    assert runner.largest_n_ratios(results) == {"a": (100, 200.0), "b": (10, 300.0)}
    found = [t for t in runner.targets(results) if t["target"].startswith("rdflib / oxigraph, smallest ratio")]
    assert len(found) == 1 and found[0]["met"] and found[0]["value"] == "200.0x (a, N=100)"
    assert found[0]["note"] == "2/2 queries at least 100x; rdflib went over its per-query limit at N=100"
    results["sizes"]["100"]["baseline"]["queries"]["queries"]["a"]["median_ms"] = 100.0
    found = [t for t in runner.targets(results) if t["target"].startswith("rdflib / oxigraph, smallest ratio")]
    assert not found[0]["met"] and found[0]["value"] == "50.0x (a, N=100)"


def test_repeated_edits_change_one_note_and_keep_the_fact_file_valid(corpus10: Path, tmp_path: Path) -> None:
    """Each round of the rebuild measurement changes the same fact file again: one note whose text
    changes, never a second ``note`` key (a duplicate key would fail the build being measured)."""
    import run as runner

    corpus = tmp_path / "corpus"
    shutil.copytree(corpus10, corpus)
    texts = []
    for round_ in (1, 2, 3):
        target = runner.edit_one_fact_file(corpus, 10, round_)
        texts.append(target.read_text(encoding="utf-8"))
        assert texts[-1].count("note: edited by the benchmark") == 1
        yaml.safe_load(texts[-1])
    assert len(set(texts)) == 3 and "round 3" in texts[-1]
    res = subprocess.run([str(Path(sys.executable).parent / "kg"), "check", "--data", str(corpus)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 0, res.stderr


def test_no_folder_is_deleted_while_builds_from_scratch_are_measured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run builds into a new folder and an older build is moved aside, all deleted only when the whole
    run ends (ext4 passes over freshly freed inodes when a build then makes its files); a failed run's
    folder is kept."""
    import run as runner

    build = tmp_path / "build"
    (build / "cache").mkdir(parents=True)
    (build / "cache" / "stale").write_text("from an earlier benchmark", encoding="utf-8")
    (tmp_path / "build.old-1").mkdir()  # (left by a run stopped before its end)
    seen: list[tuple[Path, bool, list[str]]] = []

    def fake_build(corpus: Path, folder: Path, label: str, timeout: float | None = None,
                   env: dict[str, str] | None = None) -> dict[str, Any]:
        old = sorted(p.name for p in tmp_path.glob("build.old-*/*"))
        seen.append((folder, folder.exists(), old))
        folder.mkdir()
        return {"rc": 0 if len(seen) < 4 else 1, "wall_s": float(len(seen)), "rss_mb": 1.0, "tree_rss_mb": 2.0}

    monkeypatch.setattr(runner, "step_build", fake_build)
    monkeypatch.setattr(runner, "_LEFTOVERS", [])
    result = runner.step_scratch_builds(tmp_path / "corpus", build, 10, 3, None)
    assert [folder.name for folder, _, _ in seen] == ["build.scratch-1", "build.scratch-2", "build"]
    assert not any(existed for _, existed, _ in seen)  # each run into a new, empty folder
    assert all(len(old) == 1 and old[0].startswith("build.") for _, _, old in seen)  # the older build, kept aside
    assert result["runs_wall_s"] == [1.0, 2.0, 3.0] and result["wall_s"] == 2.0
    assert (tmp_path / "build.scratch-1").is_dir() and (tmp_path / "build.old-1").is_dir()  # nothing deleted yet
    runner.remove_leftovers()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"] and not (build / "cache").exists()
    # a failed run stops the measurement and its folder stays (the build before it is gone with the leftovers)
    assert runner.step_scratch_builds(tmp_path / "corpus", build, 10, 2, None)["rc"] == 1 and len(seen) == 4
    runner.remove_leftovers()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build.scratch-1"]


def test_a_repeated_step_is_reported_by_its_median_run() -> None:
    import run as runner

    runs = [{"rc": 0, "wall_s": w} for w in (3.1, 2.2, 2.5)]
    assert runner._median_run(runs) == {"rc": 0, "wall_s": 2.5, "runs_wall_s": [3.1, 2.2, 2.5]}
    assert runner._median_run([{"rc": 0, "wall_s": 2.0}, {"rc": 1, "wall_s": 0.4}])["rc"] == 1


def test_a_measured_command_leaves_no_log_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every step of a run is measured: a log left per step filled the temporary folder by hundreds."""
    import tempfile

    import run as runner

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    res = runner.measure([sys.executable, "-c", "print('first'); print('last')"])
    assert res["rc"] == 0 and res["tail"] == ["first", "last"]
    assert list(tmp_path.iterdir()) == []
    kept = tmp_path / "kept.log"  # a log the caller names is the caller's
    runner.measure([sys.executable, "-c", "print('x')"], log=kept)
    assert kept.read_text().strip() == "x"


@pytest.mark.parametrize("option", ["--scratch-repeat", "--rebuild-repeat"])
def test_no_build_to_measure_is_a_usage_error(tmp_path: Path, option: str) -> None:
    out = tmp_path / "results.json"
    res = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "10", option, "0",
                          "--work", str(tmp_path / "work"), "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and res.stderr.strip() == f"Error: {option}: give 1 or more"
    assert not out.exists() and not (tmp_path / "work").exists()


def test_the_benchmarks_1000_article_corpus_passes_the_project_loader(tmp_path: Path) -> None:
    """The figures' surfaces back their values: US$4.1 billion was written 4099999999.9999995 (a float),
    which kg check refuses, and the benchmark's build at 1,000 articles failed on it."""
    from kg.config import Paths
    from kg.corpus import load_corpus

    generate.generate(1000, 1, tmp_path / "c", seeds_data=REPO / "data", density=0.0)
    assert len(load_corpus(Paths(root=REPO, data=tmp_path / "c")).fact_files) == 1000


def test_the_floor_is_read_where_the_stored_queries_read() -> None:
    """On the union of the store's graphs, not on the in-memory copy a query that is not set-semantic runs on."""
    import run as runner

    from kg.queries import QueryResult

    seen = []

    class _Recording:
        name = "oxigraph"
        graphs = None

        def execute(self, text: str, info: Any, bindings: object) -> QueryResult:
            seen.append(info)
            return QueryResult(form="SELECT", variables=["v1"], rows=[])

    assert runner._floor_ms(_Recording(), 4, 10, 2) >= 0  # noqa: SLF001
    assert len(seen) == 3 and all(info.set_semantics and not info.dataset for info in seen)
