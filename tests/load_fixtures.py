"""Real triple-store servers and a fault-injecting proxy for the `kg load` tests.

Servers listen on 127.0.0.1 on free ports, are polled until they answer, and are stopped by process id.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import requests

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
VIRTUOSO_VSP = "/var/lib/virtuoso-opensource-7/vsp"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path, deadline_s: float = 60.0) -> None:
    """Poll ``url`` until it answers (any HTTP status); fail with the server's log if it dies."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer at {url}: {log.read_text(errors='replace')[-2000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server we started, by its process id."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    port = free_port()
    log = folder / "oxigraph.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(folder / "db"),
                                 "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", proc, log)
        yield url
    finally:
        stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
; loopback only, on free ports: the SQL port and the HTTP port
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Debian's virtuoso-t with its own ini and database folder; admin dba/dba (fresh database)."""
    db = folder / "db"
    db.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port, vsp=VIRTUOSO_VSP))
    log = folder / "virtuoso.out"
    with open(log, "wb") as out:
        proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                                stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(url + "/sparql?query=ASK%7B%7D", proc, log, deadline_s=90)
        yield url
    finally:
        stop(proc)


class FaultProxy:
    """A loopback HTTP proxy that forwards every request to ``upstream`` except the k-th (from 1):

    - ``503``: answers 503 itself, without forwarding;
    - ``400``: answers 400 with a parser-error message, as a store rejecting a graph;
    - ``drop``: closes the connection without forwarding or answering;
    - ``drop-after``: forwards, lets the server apply it, then closes without answering;
    - ``truncate``: forwards a PUT with only the first half of its body's lines;
    - ``corrupt``: forwards a PUT with half its lines and then a syntax error (a server parse failure);
    - ``405-put``: answers every PUT with 405 (a store without the Graph Store Protocol).

    ``times`` consecutive requests from the k-th on are affected (default 1); requests are counted
    in arrival order (only those of method ``only`` when given), which is deterministic because the
    client sends one at a time.
    """

    def __init__(self, upstream: str, mode: str = "503", k: int = 0, times: int = 1, only: str | None = None) -> None:
        self.upstream = urlsplit(upstream)
        self.mode, self.k, self.times, self.only = mode, k, times, only
        self.count = 0
        self.log: list[tuple[int, str, str, str]] = []  # (n, method, path, what happened)
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with proxy.lock:
                    if proxy.only is None or self.command == proxy.only:
                        proxy.count += 1
                    n = proxy.count if (proxy.only is None or self.command == proxy.only) else 0
                hit = proxy.k and proxy.k <= n < proxy.k + proxy.times
                mode = proxy.mode if hit else ""
                if proxy.mode == "405-put" and self.command == "PUT":
                    mode = "405-put"
                proxy.log.append((n, self.command, self.path, mode or "forwarded"))
                if mode == "503":
                    self._answer(503, b"Service Unavailable (injected fault)")
                    return
                if mode == "400":
                    self._answer(400, b"Parser error at line 3 between columns 1 and 8: injected rejection")
                    return
                if mode == "405-put":
                    self._answer(405, b"Method Not Allowed (no Graph Store Protocol here)")
                    return
                if mode == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if mode == "corrupt" and self.command == "PUT":
                    lines = body.splitlines(keepends=True)
                    body = b"".join(lines[: len(lines) // 2]) + b"<http://x> <http://p> bad bad .\n"
                if mode == "truncate" and self.command == "PUT":
                    lines = body.splitlines(keepends=True)
                    body = b"".join(lines[: len(lines) // 2])
                status, headers, data = proxy.forward(self.command, self.path, dict(self.headers), body)
                if mode == "drop-after":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in ("content-length", "connection", "transfer-encoding", "keep-alive"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _answer(self, status: int, text: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, list, bytes]:
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        headers = {k: v for k, v in headers.items() if k.lower() not in ("connection", "keep-alive", "content-length")}
        headers["Host"] = self.upstream.netloc
        if body or method in ("PUT", "POST"):
            headers["Content-Length"] = str(len(body))
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, resp.getheaders(), data

    def __enter__(self) -> "FaultProxy":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
