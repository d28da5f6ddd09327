"""HTTP for remote triple stores: credentials from the environment, timeouts, retries with backoff.

Shared by ``kg load`` (Graph Store Protocol, SPARQL Update) and remote queries. Credentials come only
from environment variables, never from the command line or the URL (they would end up in shell
history and process lists), and never appear in messages: errors name the URL without user info.

    KG_ENDPOINT_USER, KG_ENDPOINT_PASSWORD   the account
    KG_ENDPOINT_AUTH                          basic | digest (default: the server profile's, e.g. digest for Virtuoso)
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import EndpointError, RemoteRejected, UsageError

ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"
ENV_AUTH = "KG_ENDPOINT_AUTH"
AUTH_SCHEMES = ("basic", "digest")
USER_AGENT = "canieti-kg (kg load)"


@dataclass(frozen=True)
class Credentials:
    """An account for the endpoint; ``repr`` never shows the password."""

    user: str
    password: str = field(repr=False)
    scheme: str = "basic"

    def auth(self) -> AuthBase:
        if self.scheme == "digest":
            return HTTPDigestAuth(self.user, self.password)
        for name, value in ((ENV_USER, self.user), (ENV_PASSWORD, self.password)):
            try:
                value.encode("latin-1")  # what requests encodes basic credentials as (a traceback otherwise)
            except UnicodeEncodeError:
                raise UsageError("basic authentication takes Latin-1 characters only", field=name,
                                 hint=f"set {ENV_AUTH}=digest if the server accepts it, or use another account") from None
        return HTTPBasicAuth(self.user, self.password)


def credentials_from_env(default_scheme: str = "basic", environ: Mapping[str, str] | None = None) -> Credentials | None:
    """The account in ``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD``, or None when neither is set."""
    env = os.environ if environ is None else environ
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    scheme = (env.get(ENV_AUTH) or default_scheme).strip().lower()
    if scheme not in AUTH_SCHEMES:
        raise UsageError(f"unknown authentication scheme {scheme!r}", field=ENV_AUTH,
                         hint=f"set {ENV_AUTH} to basic or digest")
    if not user and not password:
        return None
    if not user or password is None:
        missing = ENV_USER if not user else ENV_PASSWORD
        raise UsageError(f"{missing} is not set", field=missing,
                         hint=f"set both {ENV_USER} and {ENV_PASSWORD}, or neither")
    return Credentials(user, password, scheme)


def safe_url(url: str) -> str:
    """The URL without user info, fit for messages."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
    except ValueError:  # (not a URL: its user info cut by hand)
        return re.sub(r"//[^/?#]*@", "//", url)  # (to the last @ of the authority, as urlsplit reads it)
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


def check_endpoint_url(url: str) -> str:
    """An http(s) URL with no credentials in it; returned without a trailing slash."""
    from kg.iris import iri_problem

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - (raises on a port out of range)
    except ValueError as err:
        raise UsageError(f"not a valid URL ({err}): {safe_url(url)!r}", field="--endpoint",
                         hint="give the server's base URL, e.g. http://127.0.0.1:7878") from None
    problem = iri_problem(url)
    if problem is not None:
        raise UsageError(f"not a valid URL ({problem}): {safe_url(url)!r}", field="--endpoint",
                         hint="give the server's base URL, e.g. http://127.0.0.1:7878, with reserved characters percent-encoded")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) URL: {safe_url(url)!r}", field="--endpoint",
                         hint="give the server's base URL, e.g. http://127.0.0.1:7878")
    if parts.username or parts.password:
        raise UsageError("credentials in the endpoint URL are not accepted", field="--endpoint",
                         hint=f"remove them from the URL and set {ENV_USER} and {ENV_PASSWORD}")
    try:  # what the HTTP library itself refuses (a host name no DNS label can spell: an InvalidURL on first use)
        requests.models.PreparedRequest().prepare_url(url, None)
    except requests.exceptions.RequestException as err:
        raise UsageError(f"not a valid URL ({err}): {safe_url(url)!r}", field="--endpoint",
                         hint="give the server's base URL, e.g. http://127.0.0.1:7878") from None
    return url.rstrip("/")


def server_message(resp: requests.Response, limit: int = 300) -> str:
    """The server's own words, on one line, tags stripped (Virtuoso answers in HTML)."""
    text = resp.text or ""
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text or (resp.reason or "no message")


class HttpClient:
    """``requests`` with a timeout on every call and retries, with exponential backoff, on connection
    errors, timeouts and 5xx answers (the operations we send are idempotent: PUT, DELETE, a replace-
    graph update, SELECT). 401/403 become a ``RemoteRejected`` naming the variables to set."""

    def __init__(self, *, timeout: float = 30.0, retries: int = 3, backoff: float = 0.5,
                 credentials: Credentials | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        if timeout <= 0:
            raise UsageError("the timeout must be positive", field="--timeout", hint="e.g. --timeout 30")
        if retries < 0:
            raise UsageError("the number of retries cannot be negative", field="--retries", hint="e.g. --retries 3")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.credentials = credentials
        # One auth object per client: digest then answers later challenges from the nonce it holds.
        self._auth = credentials.auth() if credentials else None
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._sleep = sleep

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, url: str, *, what: str, params: Mapping[str, str] | None = None,
                data: bytes | Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None,
                auth: bool = True) -> requests.Response:
        """One call with retries; ``what`` says, in plain words, what the call was for (for errors)."""
        where = safe_url(url)
        last: str = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(min(self.backoff * (2 ** (attempt - 1)), 30.0))  # (at most half a minute between tries)
            try:
                resp = self.session.request(
                    method, url, params=params, data=data, headers=dict(headers or {}), timeout=self.timeout,
                    auth=self._auth if auth else None, allow_redirects=False)
            except requests.Timeout:
                last = f"no answer within {self.timeout:g} s"
                continue
            except requests.ConnectionError as err:
                last = _connection_reason(err)
                continue
            except requests.RequestException as err:  # pragma: no cover - malformed request
                raise EndpointError(f"{what}: {err.__class__.__name__} talking to {where}") from err
            if resp.status_code >= 500:
                last = f"server error HTTP {resp.status_code}: {server_message(resp)}"
                continue
            if resp.status_code in (401, 403):
                raise _auth_error(resp, where, what, self.credentials)
            return resp
        tries = f" after {self.retries + 1} attempts" if self.retries else ""
        if last.startswith("server error"):
            raise EndpointError(f"{what}: {last} (from {where}{tries})",
                                hint="check the server's log; the next `kg load` replaces every graph whole")
        raise EndpointError(f"{what}: server not reachable at {where}: {last}{tries}",
                            hint="check the URL and that the server is running; raise --timeout or --retries")


def _connection_reason(err: requests.ConnectionError) -> str:
    text = str(err)
    if "Connection refused" in text:
        return "connection refused"
    if "RemoteDisconnected" in text or "Connection aborted" in text or "reset by peer" in text:
        return "the connection was dropped before an answer came"
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "unknown host"
    return "connection failed"


def _auth_error(resp: requests.Response, where: str, what: str, creds: Credentials | None) -> RemoteRejected:
    if creds is None:
        challenge = resp.headers.get("WWW-Authenticate", "")
        scheme = "digest" if challenge.lower().startswith("digest") else "basic"
        return RemoteRejected(
            f"{what}: the server requires authentication (HTTP {resp.status_code} from {where})",
            hint=f"set {ENV_USER} and {ENV_PASSWORD}" + (f", and {ENV_AUTH}={scheme}" if scheme == "digest" else ""))
    return RemoteRejected(
        f"{what}: authentication refused for user {creds.user!r} ({creds.scheme}, HTTP {resp.status_code} from {where})",
        hint=f"check {ENV_USER}, {ENV_PASSWORD} and {ENV_AUTH} (Virtuoso needs digest)")


def sparql_select(client: HttpClient, url: str, query: str, *, what: str) -> list[dict[str, Any]]:
    """A SELECT by URL-encoded POST (``query=``); Virtuoso hangs on ``application/sparql-query`` bodies."""
    resp = client.request("POST", url, what=what, data={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    if resp.status_code != 200:
        raise RemoteRejected(f"{what}: the server refused the query (HTTP {resp.status_code}: {server_message(resp)})")
    try:
        return list(resp.json()["results"]["bindings"])
    except (ValueError, KeyError, TypeError) as err:
        raise RemoteRejected(f"{what}: the server's answer is not SPARQL JSON results ({safe_url(url)})",
                             hint="check that --endpoint points to a SPARQL endpoint and --server is right") from err
