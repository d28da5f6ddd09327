#!/usr/bin/env python3
"""How every step's cost grows with the corpus: generate, build, rebuild, query, export, load, and the naive way.

``python benchmarks/run.py --sizes 10,100,1000,10000 --out benchmarks/out/results.json``

For each size N the runner generates a synthetic corpus (benchmarks/generate.py) and measures, with the
project's real commands (subprocesses of the ``kg`` console script, so the numbers are what a user sees):

- ``kg build`` from scratch, three times (its median run's wall time and stages, read from the manifest's
  ``stages``; the largest peak RSS of the runs);
- ``kg build`` again after one article's fact file changed, and after nothing changed (the cache);
- every stored query, in a worker process that opens the embedded store once through ``kg.queries``
  and runs each query ``--repeat`` times (median and 95th percentile): per-query latency, without the
  cost of starting Python; the first run of each query is a warm-up and is reported apart;
- ``kg validate`` of the build (every shape and check again, as the build runs them);
- ``kg export`` as Turtle and as N-Quads;
- ``kg load`` into an ``oxigraph serve`` started on 127.0.0.1 on a free port, stopped by pid;
- the naive baseline on the same data: rdflib parses the Turtle export into one in-memory graph,
  pySHACL validates that whole graph with the project's shapes, and rdflib's SPARQL engine runs every
  stored query (the project's own ``RdflibEngine``, with the same parameters). Each step has a time
  limit; a step that reaches it is stopped and reported as such.

Peak memory: ``ru_maxrss`` of the measured process tree from ``wait4`` (the largest single process), and
the largest sum of RSS over the tree sampled every 50 ms from /proc (what worker pools add up to).

Steps whose command does not exist yet are skipped with a "not available" note. Timings are printed as a
table and written as JSON (``--out``); ``--merge`` adds sizes to an existing results file.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KG = str(BIN / "kg") if (BIN / "kg").exists() else shutil.which("kg") or "kg"
OXIGRAPH = str(BIN / "oxigraph") if (BIN / "oxigraph").exists() else shutil.which("oxigraph")

TARGETS = {
    "build_s": 60.0, "build_rss_mb": 2048.0, "rebuild_s": 3.0, "rebuild_ratio": 20.0,
    "query_median_ms": 50.0, "query_ratio": 100.0, "export_turtle_s": 15.0,
}


# --- measuring a child process ------------------------------------------------------------------

def _children_of(root: int) -> list[int]:
    """Every live descendant of ``root`` (from /proc's parent links; no psutil needed)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for child in parents.get(pid, []):
            out.append(child)
            todo.append(child)
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], *, timeout: float | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None, log: Path | None = None) -> dict[str, Any]:
    """Run ``cmd``; wall seconds, peak RSS (largest process, and largest tree sum), exit code, stderr tail."""
    own_log = log is None  # a log of our own is removed once its tail is read
    if log is None:
        fd, name = tempfile.mkstemp(prefix="bench-", suffix=".log")
        os.close(fd)
        log = Path(name)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env, start_new_session=True)
        tree_peak = 0
        timed_out = False
        status = 0
        rusage = None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                break
            total = _rss_kb(proc.pid) + sum(_rss_kb(c) for c in _children_of(proc.pid))
            tree_peak = max(tree_peak, total)
            if timeout is not None and time.perf_counter() - start > timeout:
                timed_out = True
                _kill_group(proc.pid)
                _, status, rusage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-6:]
    if own_log:
        log.unlink(missing_ok=True)
    return {"wall_s": round(wall, 3), "rss_mb": round((rusage.ru_maxrss if rusage else 0) / 1024, 1),
            "tree_rss_mb": round(tree_peak / 1024, 1), "rc": proc.returncode, "timed_out": timed_out,
            "cmd": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)), "tail": tail}


def _kill_group(pid: int) -> None:
    """Stop the process we started and its children (its own session), politely first."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            # a zombie still answers kill(0): the caller reaps it with wait4
            if _is_zombie(pid):
                return
            time.sleep(0.1)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read().decode("ascii", "replace")
        return stat[stat.rindex(")") + 2] == "Z"
    except OSError:
        return True


# --- what exists -------------------------------------------------------------------------------------

def kg_command_available(name: str) -> bool:
    try:
        res = subprocess.run([KG, name, "--help"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return res.returncode == 0


def _paths(data: Path, build: Path) -> Any:
    from kg.config import Paths

    return Paths(root=REPO, data=data, build=build)


# --- steps -------------------------------------------------------------------------------------------

def step_generate(n: int, seed: int, corpus: Path, density: float | None) -> dict[str, Any]:
    if corpus.exists():
        shutil.rmtree(corpus)
    cmd = [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--articles", str(n), "--seed", str(seed),
           "--out", str(corpus), "--no-report"]
    if density is not None:
        cmd += ["--density", str(density)]
    res = measure(cmd)
    facts = sum(1 for _ in (corpus / "facts").glob("*.yaml")) if (corpus / "facts").is_dir() else 0
    res["fact_files"] = facts
    res["bytes"] = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) if corpus.exists() else 0
    return res


def step_build(corpus: Path, build: Path, label: str, timeout: float | None = None,
               env: dict[str, str] | None = None) -> dict[str, Any]:
    res = measure([KG, "build", "--data", str(corpus), "--build", str(build)], timeout=timeout, env=env)
    if res["timed_out"]:
        res["stopped"] = f"time limit ({timeout:.0f} s) reached; last progress: {res['tail'][-1] if res['tail'] else '-'}"
    if res["rc"] == 0:
        # The warnings and infos the build found, which kg validate must find too: the build prints their
        # count when there are any (tests/test_cli.py holds that line's wording)
        found = [re.match(r"(\d+) validation warning\(s\) and info\(s\)", line) for line in res["tail"]]
        res["findings"] = next((int(m.group(1)) for m in found if m), 0)
        try:
            from kg.store import read_manifest

            manifest = read_manifest(_paths(corpus, build))
            res["stages"] = {k: round(v, 3) for k, v in manifest.stages.items()}
            res["triples"] = manifest.triples
            res["graphs"] = len(manifest.graphs)
            res["facts"] = manifest.facts
        except Exception as err:  # the manifest format may still move: report, keep measuring
            res["stages_error"] = f"{type(err).__name__}: {err}"
    res["label"] = label
    return res


def edit_one_fact_file(corpus: Path, n: int, round_: int = 1) -> Path:
    """Change one article's facts the way a curator would: a note on its first mention (re-map, re-validate);
    later rounds change that note's text."""
    files = sorted((corpus / "facts").glob("*.yaml"))
    target = files[len(files) // 2]
    lines = target.read_text(encoding="utf-8").split("\n")
    note = f"note: edited by the benchmark ({n} articles, round {round_})"
    earlier = next((i for i, line in enumerate(lines) if line.lstrip().startswith("note: edited by the benchmark")), None)
    mention = next((i for i, line in enumerate(lines) if line.startswith("- id: men-")), None)
    if earlier is not None:
        indent = lines[earlier][:len(lines[earlier]) - len(lines[earlier].lstrip())]
        lines[earlier] = indent + note
    elif mention is not None:
        lines.insert(mention + 1, f"  {note}")
    else:
        lines.insert(len(lines) - 1, note)
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def step_rebuilds(corpus: Path, build: Path, n: int, repeat: int, timeout: float | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``kg build`` with nothing changed, and after one fact file changed, ``repeat`` times each (alternating);
    each is reported by its median run, with every run's wall time: on this machine one run varies by a
    fifth or more from the next."""
    noop: list[dict[str, Any]] = []
    one: list[dict[str, Any]] = []
    for round_ in range(1, repeat + 1):
        noop.append(step_build(corpus, build, "no change", timeout))
        changed = edit_one_fact_file(corpus, n, round_)
        say(f"[{n}] kg build (one fact file changed: {changed.name}, round {round_} of {repeat})")
        one.append(step_build(corpus, build, "one fact file changed", timeout))
        one[-1]["changed"] = changed.name
        if noop[-1]["rc"] != 0 or one[-1]["rc"] != 0:
            break
    return _median_run(noop), _median_run(one)


_LEFTOVERS: list[Path] = []  # folders removed when the whole run ends (``remove_leftovers``)


def remove_leftovers() -> None:
    """Delete the folders measured steps left, once nothing is measured any more: ext4 passes over the
    inodes freed in the last minutes when it makes new files, and a 10,000-article build deleted just
    before the next one cost that one's articles stage 4.6 s more of kernel time (7.8 s against 3.2 s)."""
    while _LEFTOVERS:
        shutil.rmtree(_LEFTOVERS.pop(), ignore_errors=True)


def step_scratch_builds(corpus: Path, build: Path, n: int, repeat: int, timeout: float | None) -> dict[str, Any]:
    """``kg build`` from an empty build folder, ``repeat`` times: reported by its median run (one build
    here moves by several seconds from the next), with every run's wall time and, as its peak memory,
    the largest of all runs. Without ``KG_CACHE``: a reasoning cache kept outside the build folder would
    make every run after the first one not from scratch.

    Each run builds into a new folder, the last one into ``build``; an older ``build`` is moved aside.
    Nothing is deleted until the whole run ends (``remove_leftovers``), but a failed run's folder is kept."""
    env = {k: v for k, v in os.environ.items() if k != "KG_CACHE"}
    folders = [build.with_name(f"{build.name}.scratch-{i}") for i in range(1, repeat)] + [build]
    old = build.with_name(f"{build.name}.old-{os.getpid()}")
    _LEFTOVERS.extend(sorted(build.parent.glob(f"{build.name}.old-*")))  # (an earlier run's, stopped before its end)
    for folder in folders:
        if folder.exists():
            old.mkdir(parents=True, exist_ok=True)
            folder.rename(old / f"{folder.name}.{time.time_ns()}")
    if old.exists() and old not in _LEFTOVERS:
        _LEFTOVERS.append(old)
    runs: list[dict[str, Any]] = []
    for round_, folder in enumerate(folders, start=1):
        say(f"[{n}] kg build (from scratch, run {round_} of {repeat})")
        runs.append(step_build(corpus, folder, "scratch", timeout, env=env))
        if runs[-1]["rc"] != 0:
            break
        if folder != build:
            _LEFTOVERS.append(folder)
    result = _median_run(runs)
    if result["rc"] == 0:
        for key in ("rss_mb", "tree_rss_mb"):
            result[f"runs_{key}"] = [r[key] for r in runs]
            result[key] = max(result[f"runs_{key}"])
    return result


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    failed = [r for r in runs if r["rc"] != 0]
    if failed:
        return failed[0]
    ordered = sorted(runs, key=lambda r: r["wall_s"])
    median = dict(ordered[(len(ordered) - 1) // 2])
    median["runs_wall_s"] = [r["wall_s"] for r in runs]
    return median


def choose_params(corpus: Path) -> dict[str, dict[str, str]]:
    """Parameters for every stored query, taken from the generated corpus: the busiest entity of the kind asked.

    Defaults are kept when they name something the corpus has; required parameters get a real value, so
    that each query does real work (the most referenced entity is the worst realistic case).
    """
    import yaml

    from kg.queries import load_catalogue

    types: dict[str, str] = {}
    refs: dict[str, int] = {}
    by_field: dict[str, dict[str, int]] = {}
    measures: dict[str, int] = {}
    topics: dict[str, int] = {}
    years: dict[str, int] = {}
    kinds: dict[str, int] = {}
    comparators: dict[str, int] = {}

    def count_topics(fact: dict[str, Any]) -> None:
        for topic in fact.get("topics") or []:
            if isinstance(topic, str):
                topics[topic] = topics.get(topic, 0) + 1

    def count(field: str, value: Any) -> None:
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                refs[v] = refs.get(v, 0) + 1
                by_field.setdefault(field, {})
                by_field[field][v] = by_field[field].get(v, 0) + 1

    ents = yaml.safe_load((corpus / "entities.yaml").read_text(encoding="utf-8")) or {}
    for e in ents.get("entities", []):
        types[e["id"]] = e["type"]
        count_topics(e)
    first_article = None
    for path in sorted((corpus / "facts").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        first_article = first_article or doc.get("article")
        for e in doc.get("entities") or []:
            types[e["id"]] = e["type"]
            count_topics(e)
        for section in ("mentions", "tenures", "participations", "relations", "statements", "plans", "observations"):
            for f in doc.get(section) or []:
                count_topics(f)
                for key in ("entity", "person", "post", "agent", "event", "subject", "object", "speaker", "plan", "about",
                            "attributed_to"):
                    if key in f:
                        count(f"{section}.{key}", f[key])
                for item in f.get("items") or []:
                    count("items.refers_to", item.get("refers_to") or [])
                if section == "observations":
                    measures[f.get("measure")] = measures.get(f.get("measure"), 0) + 1
                    kinds[f.get("kind") or ""] = kinds.get(f.get("kind") or "", 0) + 1
                    comparators[f.get("comparator") or ""] = comparators.get(f.get("comparator") or "", 0) + 1
                    y = (f.get("time") or {}).get("year")
                    if y:
                        years[str(y)] = years.get(str(y), 0) + 1

    def busiest(field: str | None, type_ok: Any) -> str | None:
        # the most referenced in that field, else anywhere, else any declared entity of the type
        for pool in ((by_field.get(field, {}) if field else refs), refs):
            ranked = sorted(((c, e) for e, c in pool.items() if type_ok(types.get(e, ""))), key=lambda x: (-x[0], x[1]))
            if ranked:
                return ranked[0][1]
        return next((e for e, t in sorted(types.items()) if type_ok(t)), None)

    is_event = lambda t: t in ("Event", "Convention", "EventSession", "Talk", "Signing", "Process")  # noqa: E731
    wanted: dict[str, Any] = {
        "agreement": lambda: busiest("relations.subject", lambda t: t.endswith("Agreement")),
        "event": lambda: busiest("participations.event", is_event),
        "place": lambda: busiest(None, lambda t: t in ("City", "Country", "State", "Region")),
        "series": lambda: busiest(None, lambda t: t == "EventSeries"),
        "initiative": lambda: busiest("relations.object", lambda t: t in ("Initiative", "Strategy", "Policy", "Decree", "Reform", "Study", "WorkPlan")),
        "person": lambda: busiest("tenures.person", lambda t: t == "Person"),
        "speaker": lambda: busiest("statements.speaker", lambda t: t == "Person"),
        "source": lambda: busiest("observations.attributed_to", lambda t: True),
        "plan": lambda: busiest("plans.plan", lambda t: t == "WorkPlan"),
        "entity": lambda: busiest("items.refers_to", lambda t: True) or busiest(None, lambda t: True),
        "organization": lambda: busiest(None, lambda t: t == "IndustryChamber"),
        "post": lambda: busiest("tenures.post", lambda t: t == "Post"),
    }
    out: dict[str, dict[str, str]] = {}
    for q in load_catalogue(_paths(corpus, corpus / "_unused")):
        params: dict[str, str] = {}
        for p in q.params:
            value: str | None = None
            if p.type == "article":
                value = first_article
            elif p.type == "year":
                value = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0] if years else "2016"
            elif p.type == "concept" and p.scheme == "measure":
                value = max(measures.items(), key=lambda kv: (kv[1], kv[0] or ""))[0] if measures else None
            elif p.type == "concept" and p.scheme in ("kind", "comparator"):  # the one most figures have: the longest answer
                counts = kinds if p.scheme == "kind" else comparators
                value = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else None
            elif p.type == "concept" and p.scheme == "topic":  # the topic most facts and entities have
                value = max(topics.items(), key=lambda kv: (kv[1], kv[0]))[0] if topics else None
            elif p.type == "string" and p.name == "text":
                value = "National President"
            elif p.type == "entity":
                if p.default and p.default in types:
                    continue  # the default exists in this corpus
                chooser = wanted.get(p.name) or wanted["entity"]
                value = chooser()
            if value is None and p.required:
                value = p.default
            if value is not None:
                params[p.name] = value
            elif p.required:
                params["__skip__"] = f"the corpus has nothing to pass as {p.name}"
        out[q.name] = params
    return out


def order_queries(params: dict[str, dict[str, str]], previous: Path | None) -> dict[str, dict[str, str]]:
    """Fastest first, by their medians in an earlier results file: a query that runs away then stops only itself."""
    medians: dict[str, float] = {}
    if previous is not None and previous.exists():
        earlier = json.loads(previous.read_text(encoding="utf-8")).get("sizes", {})
        if earlier:
            top = earlier[max(earlier, key=int)]
            for name, v in top.get("queries", {}).get("queries", {}).items():
                if "median_ms" in v:
                    medians[name] = v["median_ms"]
    order = sorted(params, key=lambda q: (medians.get(q, float("inf")), q))
    return {q: params[q] for q in order}


def step_queries(corpus: Path, build: Path, params: dict[str, dict[str, str]], engine: str, repeat: int,
                 timeout: float, work: Path, tag: str, per_query: float = 0) -> dict[str, Any]:
    """Run the worker (this file, ``--_worker queries``) in a child: per-query latencies, streamed as JSON lines."""
    pfile = work / f"params-{tag}.json"
    pfile.write_text(json.dumps(params, indent=1), encoding="utf-8")
    rfile = work / f"queries-{tag}-{engine}.jsonl"
    rfile.unlink(missing_ok=True)
    res = measure([sys.executable, str(Path(__file__).resolve()), "--_worker", "queries", "--_data", str(corpus),
                   "--_build", str(build), "--_params", str(pfile), "--_engine", engine, "--repeat", str(repeat),
                   "--_result", str(rfile), "--_query_limit", str(per_query)], timeout=timeout)
    rows = [json.loads(line) for line in rfile.read_text(encoding="utf-8").splitlines()] if rfile.exists() else []
    res["engine"] = engine
    res["open_s"] = next((r["open_s"] for r in rows if "open_s" in r), None)
    res["queries"] = {r["query"]: r for r in rows if "query" in r}
    over = [q for q, r in res["queries"].items() if r.get("timed_out")]
    if over:
        res["over_limit"] = over
        res["limit_per_query_s"] = per_query
    missing = [q for q in params if q not in res["queries"]]
    if missing:
        res["not_run"] = missing
        res["stopped"] = ("time limit" if res["timed_out"] else f"exit {res['rc']}") + f" during {missing[0]}"
    return res


def worker_queries(data: Path, build: Path, params_file: Path, engine: str, repeat: int, result: Path,
                   limit: float = 0) -> int:
    """In one process: open the engine once, then each stored query 1 + ``repeat`` times; write as we go.

    With ``limit`` each query runs in a child forked from this process (which holds the loaded graph,
    shared copy-on-write) and is stopped after ``limit`` seconds: rdflib cannot be interrupted, and one
    query that runs for an hour must not hide the others' figures."""
    from kg.queries import open_engine

    paths = _paths(data, build)
    params: dict[str, dict[str, str]] = json.loads(params_file.read_text(encoding="utf-8"))
    with open(result, "a", encoding="utf-8") as out:
        t0 = time.perf_counter()
        eng = open_engine(paths, engine)
        out.write(json.dumps({"open_s": round(time.perf_counter() - t0, 3)}) + "\n")
        out.flush()
        if limit > 0:
            gc.freeze()  # the loaded graph is shared with the children: their collector must not touch (copy) it
        for name in params:  # in the order given: the runner puts the slowest last (no query timeout in Oxigraph)
            if "__skip__" in params[name]:
                row = {"query": name, "params": params[name], "skipped": params[name]["__skip__"]}
            elif limit > 0:
                row = _query_row_in_child(eng, paths, name, params[name], repeat, limit, out)
                if row is None:
                    continue  # the child wrote it
            else:
                row = _query_row(eng, paths, name, params[name], repeat)
            out.write(json.dumps(row, sort_keys=True) + "\n")
            out.flush()
    return 0


def _query_row_in_child(eng: Any, paths: Any, name: str, params: dict[str, str], repeat: int, limit: float,
                        out: Any) -> dict[str, Any] | None:
    """The query's row, measured in a forked child that writes it; None once it did, else why it did not."""
    out.flush()  # (the child must not write this process's buffer again)
    written = os.fstat(out.fileno()).st_size
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            # a query slower than a second is measured once after its warm-up: the figure is its order of size
            out.write(json.dumps(_query_row(eng, paths, name, params, repeat, slow_ms=1000.0), sort_keys=True) + "\n")
            out.flush()
            code = 0
        finally:
            os._exit(code)
    deadline = time.monotonic() + limit
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            if code == 0:
                return None
            why = f"stopped by signal {-code} (out of memory?)" if code < 0 else f"exited with {code}"
            return {"query": name, "params": params, "error": f"the child measuring it was {why}"}
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            if os.fstat(out.fileno()).st_size > written:
                return None  # it wrote its row just before the deadline
            return {"query": name, "params": params, "timed_out": True, "limit_s": limit}
        time.sleep(0.01)


def _query_row(eng: Any, paths: Any, name: str, params: dict[str, str], repeat: int,
               slow_ms: float | None = None) -> dict[str, Any]:
    from kg.queries import bind_params, check_query, get_stored_query, run

    stored = get_stored_query(paths, name)
    row: dict[str, Any] = {"query": name, "params": params}
    try:
        t = time.perf_counter()
        res = run(eng, stored.text, params, stored=stored, source=name)
        row["first_ms"] = round((time.perf_counter() - t) * 1000, 2)
        if slow_ms is not None and row["first_ms"] > slow_ms:
            repeat = 1
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            res = run(eng, stored.text, params, stored=stored, source=name)
            times.append((time.perf_counter() - t) * 1000)
        row["rows"] = len(res.rows) if res.rows is not None else None
        row["median_ms"] = round(statistics.median(times), 2)
        row["p95_ms"] = round(_percentile(times, 95), 2)
        row["runs"] = len(times)
        # the engine alone, with the query checked and its parameters bound once: what the library adds
        info = check_query(stored.text, eng.graphs if eng.name != "endpoint" else None, source=name)
        bindings = bind_params(stored, params, eng)
        times = _run_times(lambda: eng.execute(stored.text, info, bindings), repeat)
        row["engine_median_ms"] = round(statistics.median(times), 2)
        row["engine_p95_ms"] = round(_percentile(times, 95), 2)
    except Exception as err:  # one failing query must not hide the others' figures
        row["error"] = _error_line(err)
        return row
    if eng.name == "oxigraph" and res.form == "SELECT" and res.rows:
        row["columns"] = len(res.variables)
        try:
            row["floor_ms"] = _floor_ms(eng, len(res.variables), len(res.rows), repeat)
        except Exception as err:  # (the query's own figures stand)
            row["floor_error"] = _error_line(err)
    return row


def _error_line(err: Exception) -> str:
    return f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"


def _run_times(call: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of each of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return times


def floor_query(columns: int, rows: int) -> str:
    """As many rows and columns as a query's answer, read by one scan with no join: what the engine costs to
    hand over that answer at the least (each term decoded from the store's dictionary, then made a Python
    term), so that a query's time over its floor is what its joins, sorts and groups cost."""
    names = [f"?v{i}" for i in range(1, max(columns, 1) + 1)]
    copies = " ".join(f"BIND(?v{1 + (i - 1) % 3} AS ?v{i})" for i in range(4, len(names) + 1))
    return f"SELECT {' '.join(names)} WHERE {{ ?v1 ?v2 ?v3 . {copies} }} LIMIT {rows}"


def _floor_ms(eng: Any, columns: int, rows: int, repeat: int) -> float:
    from kg.queries import check_query

    text = floor_query(columns, rows)
    # read where the stored queries read, the union of the store's graphs (its duplicates do not matter here: a
    # query that is not set-semantic would run on an in-memory copy of the build, faster than the store)
    info = dataclasses.replace(check_query(text, eng.graphs), set_semantics=True)
    eng.execute(text, info, {})  # (its warm-up)
    return round(statistics.median(_run_times(lambda: eng.execute(text, info, {}), max(repeat, 1))), 2)


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def step_validate(corpus: Path, build: Path, out: Path, timeout: float | None = None) -> dict[str, Any]:
    res = measure([KG, "validate", "--data", str(corpus), "--build", str(build), "--format", "json", "-o", str(out)],
                  timeout=timeout)
    if res["timed_out"]:
        res["stopped"] = f"time limit ({timeout:.0f} s) reached"
    elif out.exists():
        res["counts"] = json.loads(out.read_text(encoding="utf-8")).get("counts")
    return res


def step_export(corpus: Path, build: Path, fmt: str, out: Path, timeout: float | None = None) -> dict[str, Any]:
    res = measure([KG, "export", "--data", str(corpus), "--build", str(build), "--format", fmt, "-o", str(out)], timeout=timeout)
    if res["timed_out"]:
        res["stopped"] = f"time limit ({timeout:.0f} s) reached"
    res["bytes"] = out.stat().st_size if out.exists() else 0
    return res


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def step_load(corpus: Path, build: Path, work: Path, timeout: float | None = None) -> dict[str, Any]:
    """``kg load`` into a fresh Oxigraph server on 127.0.0.1, started here and stopped by its pid."""
    if not OXIGRAPH:
        return {"skipped": "not available: the oxigraph server binary (pip install oxigraph)"}
    location = Path(tempfile.mkdtemp(prefix="oxigraph-", dir=work))
    port = free_port()
    log = open(work / "oxigraph-server.log", "wb")
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(endpoint + "/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            return {"skipped": "the oxigraph server did not answer within 30 s"}
        res = measure([KG, "load", "--data", str(corpus), "--build", str(build), "--endpoint", endpoint,
                       "--server", "oxigraph", "--timeout", "300"], timeout=timeout)
        if res["timed_out"]:
            res["stopped"] = f"time limit ({timeout:.0f} s) reached"
        res["server_rss_mb"] = round(_rss_kb(server.pid) / 1024, 1)
        return res
    finally:
        _kill_group(server.pid)
        server.wait()
        log.close()
        shutil.rmtree(location, ignore_errors=True)


def step_baseline(corpus: Path, build: Path, turtle: Path, params: dict[str, dict[str, str]], repeat: int,
                  limit: float, work: Path, tag: str, per_query: float = 0, queries_limit: float | None = None) -> dict[str, Any]:
    """The naive way, each step in its own child with a time limit: parse, whole-graph SHACL, rdflib SPARQL."""
    out: dict[str, Any] = {"limit_s": limit}
    me = str(Path(__file__).resolve())
    if not turtle.exists():
        out["skipped"] = "not available: no Turtle export to parse"
        return out
    rfile = work / f"baseline-{tag}.json"
    for step in ("parse", "shacl"):
        rfile.unlink(missing_ok=True)
        res = measure([sys.executable, me, "--_worker", f"baseline-{step}", "--_data", str(corpus), "--_build", str(build),
                       "--_turtle", str(turtle), "--_result", str(rfile)], timeout=limit)
        if rfile.exists():
            res.update(json.loads(rfile.read_text(encoding="utf-8")))
        if res["timed_out"]:
            res["stopped"] = f"time limit ({limit:.0f} s) reached"
        out[step] = res
    # rdflib's SPARQL engine: the project's RdflibEngine over the same build, same parameters
    queries_limit = queries_limit or limit
    out["queries"] = step_queries(corpus, build, params, "rdflib", max(1, min(repeat, 3)), queries_limit, work, tag,
                                  per_query)
    if out["queries"]["timed_out"]:
        out["queries"]["stopped"] = f"time limit ({queries_limit:.0f} s) reached" + (
            f" during {out['queries']['not_run'][0]}" if out["queries"].get("not_run") else "")
    return out


def worker_baseline(step: str, data: Path, build: Path, turtle: Path, result: Path) -> int:
    import rdflib

    t = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(turtle, format="turtle")
    parse_s = time.perf_counter() - t
    row: dict[str, Any] = {"triples": len(graph), "parse_s": round(parse_s, 3)}
    if step == "baseline-shacl":
        import pyshacl

        from kg.validation import load_shapes

        shapes = load_shapes(_paths(data, build))
        t = time.perf_counter()
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
        row["validate_s"] = round(time.perf_counter() - t, 3)
        row["conforms"] = bool(conforms)
    result.write_text(json.dumps(row), encoding="utf-8")
    return 0


def step_profiles(corpus: Path, work: Path) -> dict[str, Any]:
    """cProfile's top entries for a from-scratch build in one process (jobs=1), the Turtle export, the slowest query."""
    rfile = work / "profiles.json"
    rfile.unlink(missing_ok=True)
    res = measure([sys.executable, str(Path(__file__).resolve()), "--_worker", "profile", "--_data", str(corpus),
                   "--_build", str(work / "build-profile"), "--_result", str(rfile)])
    _LEFTOVERS.append(work / "build-profile")
    out = json.loads(rfile.read_text(encoding="utf-8")) if rfile.exists() else {}
    out["worker"] = {k: res[k] for k in ("wall_s", "rc", "tail")}
    return out


def _top(prof: Any, key: str, limit: int = 18) -> list[str]:
    import io
    import pstats

    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats(key).print_stats(limit)
    lines = [l.rstrip() for l in buf.getvalue().splitlines()]
    start = next((i for i, l in enumerate(lines) if l.lstrip().startswith("ncalls")), 0)
    return [l.replace(str(REPO) + "/", "").replace(str(Path(sys.prefix)) + "/", "") for l in lines[start:] if l.strip()]


def worker_profile(data: Path, build: Path, result: Path) -> int:
    import cProfile

    from kg.build import build_project

    paths = _paths(data, build)
    out: dict[str, Any] = {}
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.runcall(build_project, paths, jobs=1)
    out["build"] = {"wall_s": round(time.perf_counter() - t, 2), "cumulative": _top(prof, "cumulative"), "tottime": _top(prof, "tottime")}
    try:
        from kg.export import export

        prof = cProfile.Profile()
        t = time.perf_counter()
        prof.runcall(export, paths, "turtle", None, build / "profile.ttl")
        out["export_turtle"] = {"wall_s": round(time.perf_counter() - t, 2), "cumulative": _top(prof, "cumulative"),
                                "tottime": _top(prof, "tottime")}
    except ImportError as err:
        out["export_turtle"] = {"skipped": f"not available: {err}"}
    result.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


# --- one size ------------------------------------------------------------------------------------------

def run_size(n: int, args: argparse.Namespace, available: dict[str, bool]) -> dict[str, Any]:
    work = args.work / f"n{n}"
    work.mkdir(parents=True, exist_ok=True)
    corpus, build = work / "corpus", work / "build"
    r: dict[str, Any] = {"articles": n}
    say(f"[{n}] generate")
    r["generate"] = step_generate(n, args.seed, corpus, args.density)
    if r["generate"]["rc"] != 0:
        r["error"] = "generation failed: " + " | ".join(r["generate"]["tail"])
        return r
    if not available["build"]:
        r["build"] = {"skipped": "not available: kg build"}
        return r
    r["build"] = step_scratch_builds(corpus, build, n, args.scratch_repeat, args.build_timeout)
    if n == args.profile_size:
        say(f"[{n}] profiles (cProfile): build in one process, Turtle export, slowest stored query")
        r["profiles"] = step_profiles(corpus, work)
    if r["build"]["rc"] != 0 and r["build"]["timed_out"] and args.fallback_no_validate:
        # The build did not finish in time: build without validation and reasoning (the same command, its own
        # flags) so that queries, export and load are still measured at this size, labelled as such.
        shutil.rmtree(build, ignore_errors=True)
        say(f"[{n}] kg build --no-validate --no-reason (the full build reached its time limit)")
        r["build_no_validate"] = measure([KG, "build", "--data", str(corpus), "--build", str(build), "--no-validate",
                                          "--no-reason"], timeout=args.fallback_timeout)
        nv = r["build_no_validate"]
        if nv["rc"] == 0:
            from kg.store import read_manifest

            manifest = read_manifest(_paths(corpus, build))
            nv["stages"] = {k: round(v, 3) for k, v in manifest.stages.items()}
            nv["triples"] = manifest.triples
            r["note"] = "the full build reached its time limit; later steps ran on a build made with --no-validate --no-reason"
        else:
            r["error"] = "kg build reached its time limit, and so did the build without validation"
            return r
    elif r["build"]["rc"] != 0:
        r["error"] = "kg build failed: " + " | ".join(r["build"]["tail"][-2:])
        return r
    if r["build"]["rc"] == 0:
        say(f"[{n}] kg build (nothing changed, then one fact file changed) x {args.rebuild_repeat}")
        r["rebuild_noop"], r["rebuild_one"] = step_rebuilds(corpus, build, n, args.rebuild_repeat, args.build_timeout)
        if r["rebuild_one"]["rc"] == 0 and r["rebuild_one"]["wall_s"] > 0:
            r["rebuild_one"]["speedup"] = round(r["build"]["wall_s"] / r["rebuild_one"]["wall_s"], 1)
    else:
        r["rebuild_noop"] = r["rebuild_one"] = {"skipped": "no full build to rebuild from"}
    params = choose_params(corpus) if available["queries"] else {}
    params = order_queries(params, args.query_order_from)
    if available["queries"]:
        say(f"[{n}] stored queries on the embedded store ({len(params)} queries x {args.repeat})")
        r["queries"] = step_queries(corpus, build, params, "oxigraph", args.repeat, args.query_timeout, work, "ox")
    else:
        r["queries"] = {"skipped": "not available: kg.queries"}
    say(f"[{n}] kg validate")
    r["validate"] = step_validate(corpus, build, work / "validate.json", args.step_timeout)
    turtle = work / "export.ttl"
    for fmt, path in (("turtle", turtle), ("nquads", work / "export.nq")):
        if available["export"]:
            say(f"[{n}] kg export --format {fmt}")
            r[f"export_{fmt}"] = step_export(corpus, build, fmt, path, args.step_timeout)
        else:
            r[f"export_{fmt}"] = {"skipped": "not available: kg export"}
    if available["load"]:
        say(f"[{n}] kg load into oxigraph serve")
        r["load"] = step_load(corpus, build, work, args.step_timeout)
    else:
        r["load"] = {"skipped": "not available: kg load"}
    limit = args.baseline_timeout if n <= args.baseline_max else args.baseline_timeout_beyond
    if limit > 0 and available["queries"]:
        say(f"[{n}] naive baseline (rdflib + pySHACL + rdflib SPARQL), time limit {limit:.0f} s per step")
        r["baseline"] = step_baseline(corpus, build, turtle, params, args.repeat, limit, work, "bl",
                                      args.baseline_query_limit, args.baseline_queries_timeout)
    else:
        r["baseline"] = {"skipped": f"not run above N={args.baseline_max}" if limit <= 0 else "not available: kg.queries"}
    if not args.keep:
        for p in (turtle, work / "export.nq"):
            p.unlink(missing_ok=True)
    return r


def say(msg: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)


# --- report ----------------------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    cpu = ""
    try:
        cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                    if l.startswith("model name")), "")
    except OSError:
        pass
    return {"cores": os.cpu_count(), "memory_mb": mem, "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "load_avg_at_start": os.getloadavg()[0]}


def precompile() -> str:
    """Byte-compile the ``kg`` package the commands import, as ``pip install`` does: with
    PYTHONDONTWRITEBYTECODE set (as on this machine) every ``kg`` command would otherwise compile its
    modules again, a tenth of a second that a user's installation does not pay."""
    import compileall
    import kg

    folder = Path(kg.__file__).parent
    ok = compileall.compile_dir(folder, quiet=1)
    return f"{folder}: {'compiled' if ok else 'compilation failed'}"


def _fmt_s(x: Any) -> str:
    if x is None:
        return "-"
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def _cell(step: dict[str, Any] | None, key: str = "wall_s") -> str:
    if not step:
        return "-"
    if "skipped" in step:
        return "n/a"
    if step.get("timed_out"):
        return f">{step.get('wall_s', 0):.0f} (limit)"
    if step.get("rc", 0) != 0:
        return "failed"
    return _fmt_s(step.get(key))


def summary_rows(results: dict[str, Any]) -> list[tuple[str, list[str]]]:
    sizes = sorted(results["sizes"], key=int)
    rs = [results["sizes"][s] for s in sizes]
    rows: list[tuple[str, list[str]]] = [("articles", [f"{int(s):,}" for s in sizes])]
    rows.append(("triples (store)", [_triples(r) for r in rs]))
    rows.append(("kg build from scratch, s", [_cell(r.get("build")) for r in rs]))
    if any("build_no_validate" in r for r in rs):
        rows.append(("  kg build --no-validate --no-reason, s", [_cell(r.get("build_no_validate")) if "build_no_validate" in r else "-" for r in rs]))
    rows.append(("  peak RSS (largest of the runs), largest process / tree sum, MB",
                 [f"{r['build']['rss_mb']:.0f} / {r['build']['tree_rss_mb']:.0f}" if r.get("build", {}).get("rss_mb") else "-" for r in rs]))
    stage_names: list[str] = []
    for r in rs:
        for k in (r.get("build", {}).get("stages") or {}):
            if k not in stage_names:
                stage_names.append(k)
    for k in stage_names:
        rows.append((f"  stage {k}, s", [_fmt_s((r.get("build", {}).get("stages") or {}).get(k)) for r in rs]))
    rows.append(("kg build, nothing changed, s", [_cell(r.get("rebuild_noop")) for r in rs]))
    rows.append(("kg build, one fact file changed, s", [_cell(r.get("rebuild_one")) for r in rs]))
    rows.append(("  from scratch / one changed", [f"{r['rebuild_one']['speedup']}x" if r.get("rebuild_one", {}).get("speedup") else "-" for r in rs]))
    rows.append(("stored queries: open store, s", [_fmt_s(r.get("queries", {}).get("open_s")) for r in rs]))
    rows.append(("  first query after open (warm-up), ms", [_first(r.get("queries")) for r in rs]))
    rows.append(("  slowest median / p95, ms", [_slowest(r.get("queries")) for r in rs]))
    rows.append(("  queries with median <= 50 ms", [_within(r.get("queries")) for r in rs]))
    rows.append(("  engine alone: slowest median, ms", [_slowest(r.get("queries"), "engine_median_ms") for r in rs]))
    rows.append(("  engine alone: queries <= 50 ms", [_within(r.get("queries"), "engine_median_ms") for r in rs]))
    rows.append(("  floor (the answer's rows and columns from one scan, no join): largest, ms", [_floor(r.get("queries")) for r in rs]))
    rows.append(("  queries whose floor alone is over 50 ms", [_floors_over(r.get("queries")) for r in rs]))
    rows.append(("  engine alone / floor, min..max", [_over_floor(r.get("queries")) for r in rs]))
    rows.append(("kg validate (the build), s", [_cell(r.get("validate")) for r in rs]))
    rows.append(("kg export turtle, s", [_cell(r.get("export_turtle")) for r in rs]))
    rows.append(("kg export nquads, s", [_cell(r.get("export_nquads")) for r in rs]))
    rows.append(("kg load (oxigraph serve), s", [_cell(r.get("load")) for r in rs]))
    rows.append(("baseline: rdflib parse Turtle, s", [_bl(r, "parse", "parse_s") for r in rs]))
    rows.append(("baseline: pySHACL whole graph, s", [_bl(r, "shacl", "validate_s") for r in rs]))
    rows.append(("baseline: rdflib open (load graphs), s", [_fmt_s(r.get("baseline", {}).get("queries", {}).get("open_s")) if "queries" in r.get("baseline", {}) else "n/a" for r in rs]))
    rows.append(("baseline: slowest query median, ms", [_slowest(r.get("baseline", {}).get("queries")) if "queries" in r.get("baseline", {}) else "n/a" for r in rs]))
    rows.append(("rdflib / oxigraph median, min..max", [_ratio(r) for r in rs]))
    rows.append(("  engines alone, min..max", [_ratio(r, "engine_median_ms") for r in rs]))
    return rows


def _triples(r: dict[str, Any]) -> str:
    t = r.get("build", {}).get("triples") or r.get("build_no_validate", {}).get("triples")
    return f"{t:,}" if t else "-"


def _slowest(q: dict[str, Any] | None, key: str = "median_ms") -> str:
    if not q or "skipped" in q:
        return "n/a"
    done = [v for v in q.get("queries", {}).values() if key in v]
    if not done:
        return "-"
    worst = max(done, key=lambda v: v[key])
    extra = f" ({len(q.get('not_run', []))} not run)" if q.get("not_run") else ""
    if q.get("over_limit"):
        extra += f" ({len(q['over_limit'])} over {q.get('limit_per_query_s', 0):g} s)"
    p95 = worst.get(key.replace("median", "p95"))
    return f"{worst[key]:.1f} / {p95:.1f} ({worst['query']}){extra}"


def _first(q: dict[str, Any] | None) -> str:
    if not q or "skipped" in q:
        return "n/a"
    ordered = [v for _, v in sorted(q.get("queries", {}).items()) if "first_ms" in v]
    return f"{ordered[0]['first_ms']:.0f} ({ordered[0]['query']})" if ordered else "-"


def _within(q: dict[str, Any] | None, key: str = "median_ms") -> str:
    """How many measured queries are within the 50 ms target, of how many."""
    if not q or "skipped" in q:
        return "n/a"
    done = [v for v in q.get("queries", {}).values() if key in v]
    errors = [v for v in q.get("queries", {}).values() if "error" in v]
    ok = sum(1 for v in done if v[key] <= TARGETS["query_median_ms"])
    return f"{ok}/{len(done)}" + (f" ({len(errors)} errors)" if errors else "")


def _floors_over(q: dict[str, Any] | None) -> str:
    """How many queries' floor is over the 50 ms target, of all measured (one with no rows has no floor)."""
    if not q or "skipped" in q:
        return "n/a"
    floors = [v["floor_ms"] for v in q.get("queries", {}).values() if "floor_ms" in v]
    if not floors:
        return "-"
    measured = sum(1 for v in q.get("queries", {}).values() if "median_ms" in v)
    return f"{sum(1 for f in floors if f > TARGETS['query_median_ms'])}/{measured}"


def _floor(q: dict[str, Any] | None) -> str:
    done = [v for v in (q or {}).get("queries", {}).values() if "floor_ms" in v]
    if not done:
        return "-"
    worst = max(done, key=lambda v: v["floor_ms"])
    return f"{worst['floor_ms']:.1f} ({worst['query']}, {worst['rows']:,} rows x {worst['columns']})"


def _over_floor(q: dict[str, Any] | None) -> str:
    ratios = [v["engine_median_ms"] / v["floor_ms"] for v in (q or {}).get("queries", {}).values()
              if v.get("floor_ms") and "engine_median_ms" in v]
    return f"{min(ratios):.1f}..{max(ratios):.0f}x" if ratios else "-"


def _bl(r: dict[str, Any], step: str, key: str) -> str:
    b = r.get("baseline", {})
    if "skipped" in b:
        return "n/a"
    s = b.get(step)
    if not s:
        return "-"
    if s.get("timed_out"):
        return f">{b.get('limit_s', 0):.0f} (stopped)" if key in ("validate_s",) or "parse_s" not in s else f"{_fmt_s(s.get('parse_s'))}; >{b.get('limit_s', 0):.0f}"
    if s.get("rc", 0) != 0:
        return "failed"
    return _fmt_s(s.get(key))


def query_ratios(r: dict[str, Any], key: str = "median_ms") -> dict[str, float]:
    """rdflib median / Oxigraph median per stored query, same data, same parameters, same run."""
    ox_q = r.get("queries", {}).get("queries", {})
    bl_q = r.get("baseline", {}).get("queries", {}).get("queries", {})
    out = {}
    for name, v in ox_q.items():
        b = bl_q.get(name)
        if b and key in b and key in v and v[key] > 0:
            out[name] = round(b[key] / v[key], 2)
    return out


def largest_n_ratios(results: dict[str, Any], key: str = "median_ms") -> dict[str, tuple[int, float]]:
    """Per stored query: the largest N at which rdflib answered it, and the ratio there."""
    found: dict[str, tuple[int, float]] = {}
    for s in sorted(results["sizes"], key=int):
        for name, ratio in query_ratios(results["sizes"][s], key).items():
            found[name] = (int(s), ratio)
    return found


def _ratio(r: dict[str, Any], key: str = "median_ms") -> str:
    ratios = query_ratios(r, key)
    if not ratios:
        return "n/a"
    return f"{min(ratios.values()):.0f}..{max(ratios.values()):.0f}x"


def render_table(results: dict[str, Any], markdown: bool = False) -> str:
    rows = summary_rows(results)
    if markdown:
        head = rows[0]
        lines = ["| " + " | ".join(["step"] + head[1]) + " |", "|" + "---|" * (len(head[1]) + 1)]
        lines += ["| " + " | ".join([label.strip()] + cells) + " |" for label, cells in rows[1:]]
        return "\n".join(lines)
    width = max(len(label) for label, _ in rows) + 2
    colw = [max(len(cells[i]) for _, cells in rows) + 2 for i in range(len(rows[0][1]))]
    return "\n".join(label.ljust(width) + "".join(c.rjust(w) for c, w in zip(cells, colw)) for label, cells in rows)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, checked at the largest size measured (ratios where the baseline finished)."""
    sizes = sorted(results["sizes"], key=int)
    if not sizes:
        return []
    top = results["sizes"][sizes[-1]]
    out: list[dict[str, Any]] = []

    def add(name: str, value: Any, limit: float, ok: bool | None, note: str = "") -> None:
        out.append({"target": name, "value": value, "limit": limit, "met": ok, "at": int(sizes[-1]), "note": note})

    b = top.get("build", {})
    if b.get("timed_out"):
        add("kg build from scratch, s", f">{b['wall_s']:.0f} (stopped at the time limit)", TARGETS["build_s"], False,
            b.get("stopped", ""))
        peak = max(b.get("rss_mb", 0), b.get("tree_rss_mb", 0))
        add("kg build peak memory until stopped, MB (tree sum)", peak, TARGETS["build_rss_mb"], peak <= TARGETS["build_rss_mb"])
    if b.get("rc") == 0:
        add("kg build from scratch, s", b["wall_s"], TARGETS["build_s"], b["wall_s"] <= TARGETS["build_s"])
        peak = max(b.get("rss_mb", 0), b.get("tree_rss_mb", 0))
        add("kg build peak memory, MB (tree sum)", peak, TARGETS["build_rss_mb"], peak <= TARGETS["build_rss_mb"])
    ro = top.get("rebuild_one", {})
    if "skipped" in ro:
        add("rebuild after one fact file changed, s", "not measured: " + ro["skipped"], TARGETS["rebuild_s"], False)
    if ro.get("rc") == 0:
        add("rebuild after one fact file changed, s", ro["wall_s"], TARGETS["rebuild_s"], ro["wall_s"] <= TARGETS["rebuild_s"])
        add("from scratch / rebuild", ro.get("speedup"), TARGETS["rebuild_ratio"], (ro.get("speedup") or 0) >= TARGETS["rebuild_ratio"])
    q = top.get("queries", {}).get("queries", {})
    if q:
        for key, label in (("median_ms", "slowest stored query median (kg.queries.run), ms"),
                           ("engine_median_ms", "slowest stored query median (Oxigraph alone), ms")):
            worst = max((v for v in q.values() if key in v), key=lambda v: v[key], default=None)
            if worst:
                add(label, f"{worst[key]} ({worst['query']})", TARGETS["query_median_ms"], worst[key] <= TARGETS["query_median_ms"],
                    f"{sum(1 for v in q.values() if key in v and v[key] <= TARGETS['query_median_ms'])}/"
                    f"{sum(1 for v in q.values() if key in v)} queries within" + (
                        f"; {sum(1 for v in q.values() if v.get('floor_ms', 0) > TARGETS['query_median_ms'])} whose "
                        "floor (their rows and columns from one scan) is over the limit"
                        if any("floor_ms" in v for v in q.values()) else ""))
    # each query's ratio at the largest N where rdflib answered it within its limit (same run, same data)
    for key, label in (("engine_median_ms", "rdflib / oxigraph, engines alone, smallest ratio"),
                       ("median_ms", "rdflib / oxigraph, smallest ratio")):
        found = largest_n_ratios(results, key)
        if found:
            low = min(found, key=lambda q: found[q][1])
            n_low, ratio_low = found[low]
            over = sorted({int(s) for s in sizes for q in
                           results["sizes"][s].get("baseline", {}).get("queries", {}).get("over_limit", [])})
            out.append({"target": label + " (each query at the largest N rdflib answered it)",
                        "value": f"{ratio_low}x ({low}, N={n_low})", "limit": TARGETS["query_ratio"],
                        "met": ratio_low >= TARGETS["query_ratio"], "at": n_low,
                        "note": f"{sum(1 for _, r in found.values() if r >= TARGETS['query_ratio'])}/{len(found)} queries "
                                f"at least 100x" + (f"; rdflib went over its per-query limit at N={', '.join(map(str, over))}"
                                                    if over else "")})
    et = top.get("export_turtle", {})
    if et.get("timed_out"):
        add("kg export Turtle, s", f">{et['wall_s']:.0f} (stopped at the time limit)", TARGETS["export_turtle_s"], False)
    if et.get("rc") == 0:
        add("kg export Turtle, s", et["wall_s"], TARGETS["export_turtle_s"], et["wall_s"] <= TARGETS["export_turtle_s"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="example: python benchmarks/run.py --sizes 10 --repeat 1 --out /tmp/results.json")
    ap.add_argument("--sizes", default="10,100,1000,10000", help="comma-separated numbers of articles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--density", type=float, default=None, help="passed to generate.py (default: its own)")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each stored query after a warm-up (median, p95)")
    ap.add_argument("--baseline-max", type=int, default=1000, help="largest N the baseline runs with --baseline-timeout")
    ap.add_argument("--baseline-timeout", type=float, default=900, help="time limit per baseline step, s")
    ap.add_argument("--baseline-timeout-beyond", type=float, default=0,
                    help="time limit per baseline step above --baseline-max (0: do not run it there)")
    ap.add_argument("--query-timeout", type=float, default=1800, help="time limit for all stored queries of one size, s")
    ap.add_argument("--baseline-query-limit", type=float, default=30,
                    help="time limit for each stored query on rdflib: its warm-up, runs and engine-alone runs "
                         "(one each for a query slower than a second), s; 0: none")
    ap.add_argument("--baseline-queries-timeout", type=float, default=1800,
                    help="time limit for all stored queries of one size on rdflib, s")
    ap.add_argument("--scratch-repeat", type=int, default=3,
                    help="builds from scratch measured, reported by the median run (peak memory: the largest)")
    ap.add_argument("--rebuild-repeat", type=int, default=3,
                    help="rebuilds measured (nothing changed, one fact file changed), each reported by its median run")
    ap.add_argument("--build-timeout", type=float, default=None, help="time limit for each kg build, s (default: none)")
    ap.add_argument("--fallback-no-validate", action="store_true",
                    help="when the build reaches --build-timeout, measure the later steps on a --no-validate --no-reason build")
    ap.add_argument("--fallback-timeout", type=float, default=None, help="time limit for that build without validation, s")
    ap.add_argument("--step-timeout", type=float, default=None, help="time limit for each export and the load, s")
    ap.add_argument("--profile-size", type=int, default=None,
                    help="at this N, also profile (cProfile) a build in one process, the Turtle export and the slowest query")
    ap.add_argument("--query-order-from", type=Path, default=None,
                    help="an earlier results file: run the stored queries fastest first, by its medians at its largest N")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one, removed)")
    ap.add_argument("--keep", action="store_true", help="keep corpora, builds and exports in --work")
    ap.add_argument("--merge", action="store_true", help="add these sizes to an existing --out file")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "results.json")
    ap.add_argument("--table", action="store_true", help="print the table (and the markdown) of --out and stop")
    # internal: worker processes
    ap.add_argument("--_worker", help=argparse.SUPPRESS)
    ap.add_argument("--_data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_build", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_params", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_engine", help=argparse.SUPPRESS)
    ap.add_argument("--_turtle", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_result", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_query_limit", type=float, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._worker == "queries":
        return worker_queries(args._data, args._build, args._params, args._engine, args.repeat, args._result,
                              args._query_limit)
    if args._worker == "profile":
        return worker_profile(args._data, args._build, args._result)
    if args._worker in ("baseline-parse", "baseline-shacl"):
        return worker_baseline(args._worker, args._data, args._build, args._turtle, args._result)
    if args.table:
        results = json.loads(args.out.read_text(encoding="utf-8"))
        print(render_table(results))
        print()
        print(render_table(results, markdown=True))
        print(json.dumps(targets(results), indent=1))
        return 0
    try:
        sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"Error: --sizes: {args.sizes!r} is not a comma-separated list of integers (fix: e.g. --sizes 10,100)", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1:
        print("Error: --sizes: give at least one size of 1 or more", file=sys.stderr)
        return 2
    for option, value in (("--scratch-repeat", args.scratch_repeat), ("--rebuild-repeat", args.rebuild_repeat)):
        if value < 1:
            print(f"Error: {option}: give 1 or more", file=sys.stderr)
            return 2
    temp = None
    if args.work is None:
        temp = tempfile.mkdtemp(prefix="kg-bench-")
        args.work = Path(temp)
    args.work.mkdir(parents=True, exist_ok=True)
    available = {"build": kg_command_available("build"), "export": kg_command_available("export"),
                 "load": kg_command_available("load")}
    try:
        import kg.queries  # noqa: F401

        available["queries"] = True
    except ImportError:
        available["queries"] = False
    results: dict[str, Any] = {"sizes": {}}
    if args.merge and args.out.exists():
        results = json.loads(args.out.read_text(encoding="utf-8"))
        results.setdefault("sizes", {})
    results["machine"] = machine()
    results["bytecode"] = precompile()
    results["available"] = available
    results["command"] = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    try:
        for n in sizes:
            started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            r = run_size(n, args, available)
            r["started"] = started
            r["load_avg_after"] = os.getloadavg()[0]
            results["sizes"][str(n)] = r
            results["targets"] = targets(results)
            _write_json(args.out, results)  # after every size: a long run that is stopped keeps what it measured
    finally:
        remove_leftovers()
        if temp and not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
    print(render_table(results))
    print()
    for t in results["targets"]:
        mark = "met" if t["met"] else "MISSED"
        print(f"{mark:>7}  {t['target']}: {t['value']} (target {t['limit']}, at N={t['at']}) {t.get('note', '')}")
    return 0


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
