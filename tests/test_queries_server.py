"""Every stored query gives the same rows through ``--endpoint`` on an Oxigraph server as on the embedded store.

The server is the PyPI package ``oxigraph``, loaded with the build's N-Quads, listening on 127.0.0.1 on a
free port, and stopped by its process id."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner

from kg import queries as Q
from kg.cli import main
from kg.config import Paths
from kg.output import render
from kg.store import open_read_only

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_queries_gold import snapshot_cases  # noqa: E402
from test_queries_engine import INJECTIONS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OXIGRAPH = Path(sys.executable).parent / "oxigraph"

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def real(content_build: Paths) -> Paths:
    return content_build


@pytest.fixture(scope="module")
def server(real: Paths, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not exe:
        pytest.skip("the `oxigraph` server (PyPI package oxigraph) is not installed")
    tmp = tmp_path_factory.mktemp("oxigraph-server")
    data = tmp / "build.nq"
    data.write_bytes(open_read_only(real).dump(format=ox.RdfFormat.N_QUADS))
    location = tmp / "db"
    subprocess.run([exe, "load", "--location", str(location), "--file", str(data)], check=True,
                   capture_output=True, timeout=120)
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):  # poll until it answers (not a timing assertion: a bound on waiting)
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {proc.returncode}")
            try:
                if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not answer")
        yield url
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


def test_every_stored_query_same_rows_on_the_server(real: Paths, server: str) -> None:
    local = Q.open_engine(real, "oxigraph")
    remote = Q.open_engine(real, endpoint=server, timeout=30)
    for name, params in snapshot_cases():
        a = Q.run_stored(real, name, params, opened=local)
        b = Q.run_stored(real, name, params, opened=remote)
        if a.form == "CONSTRUCT":
            import rdflib.compare

            assert rdflib.compare.isomorphic(a.graph, b.graph), name
        else:
            assert render(a, "csv") == render(b, "csv"), name
            assert a.rows, name


def test_injection_on_the_server(real: Paths, server: str) -> None:
    remote = Q.open_engine(real, endpoint=server, timeout=30)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = Q.run(remote, count).rows
    for value in INJECTIONS:
        assert Q.run_stored(real, "search-label", {"text": value}, opened=remote).rows == []
        assert Q.run_stored(real, "fact-provenance", {"text": value}, opened=remote).rows == []
        with pytest.raises(Q.UsageError):
            Q.run_stored(real, "entity-figures", {"entity": value}, opened=remote)
    assert Q.run(remote, count).rows == before


def test_cli_endpoint(real: Paths, server: str) -> None:
    res = CliRunner().invoke(main, ["query", "post-holders", "--build", str(real.build), "--endpoint", server,
                                    "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert "mario-de-la-cruz-sarabia" in res.output
