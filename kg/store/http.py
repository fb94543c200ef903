"""HTTP clients: the SPARQL 1.1 Graph Store HTTP Protocol and SPARQL over HTTP.

Standard library only (urllib). URL forms of the servers kg is tested or
documented with (see docs/store.md):

=============  ===========================================  ==================================
server         Graph Store (``kg load --endpoint``)          SPARQL query (``kg query --endpoint``)
=============  ===========================================  ==================================
Oxigraph       ``http://HOST:7878/store``                     ``http://HOST:7878/query``
Apache Fuseki  ``http://HOST:3030/DATASET/data``              ``http://HOST:3030/DATASET/sparql``
GraphDB        ``http://HOST:7200/repositories/REPO/rdf-graphs/service``   ``http://HOST:7200/repositories/REPO``
=============  ===========================================  ==================================

A bare server root (``http://127.0.0.1:7878``, as ``kg serve`` prints it) is
read as Oxigraph's: ``/store`` to load, ``/query`` to query.

Credentials come only from the environment: ``KG_ENDPOINT_TOKEN`` (sent as a
bearer token) or ``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD`` (HTTP
Basic). They are kept in an object whose repr hides them, put on the request
only as it is sent, never forwarded on a redirect (redirects are refused), and
never part of a message. A URL with ``user:password@`` in it is refused.

Requests that fail for a reason that may pass (connection refused or reset,
timeout, HTTP 429, 502, 503, 504) are retried with exponential backoff, a
bounded number of times; then E022. Other HTTP errors stop at once (E023).
"""
from __future__ import annotations

import base64
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.client import HTTPException

from ..errors import CredentialsError, EndpointRefusedError, EndpointUnavailableError, EndpointURLError

ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"
ENV_TOKEN = "KG_ENDPOINT_TOKEN"

RETRY_STATUS = frozenset({429, 502, 503, 504})
MAX_BACKOFF = 30.0
USER_AGENT = "kg (https://w3id.org/kgvn)"

Warn = Callable[[str], None]


class Secret:
    """A credential. Its repr and str never show it; only :meth:`header` does.

    >>> s = Secret("Bearer abc")
    >>> repr(s), str(s), f"{s}"
    ('Secret(***)', 'Secret(***)', 'Secret(***)')
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def header(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(***)"

    __str__ = __repr__

    def __reduce__(self) -> tuple:     # never pickled into logs or other processes
        raise TypeError("credentials cannot be pickled")


def credentials_from_env(environ: Mapping[str, str] | None = None) -> Secret | None:
    """The Authorization header value from the environment, or None.

    E028 when only one of user and password is set.
    """
    env = os.environ if environ is None else environ
    token = env.get(ENV_TOKEN, "")
    if token:
        return Secret(f"Bearer {token}")
    user, password = env.get(ENV_USER, ""), env.get(ENV_PASSWORD, "")
    if user or password:
        if not (user and password):
            missing = ENV_PASSWORD if user else ENV_USER
            raise CredentialsError(f"{missing} is not set: set both {ENV_USER} and {ENV_PASSWORD}, "
                                   f"or {ENV_TOKEN}, in the environment.")
        raw = f"{user}:{password}".encode("utf-8")
        return Secret("Basic " + base64.b64encode(raw).decode("ascii"))
    return None


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL without credentials; else E027."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        shown = parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[-1]).geturl()
        raise EndpointURLError(f"{shown}: do not put credentials in the URL; set {ENV_USER} and "
                               f"{ENV_PASSWORD} (or {ENV_TOKEN}) in the environment instead.")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointURLError(f"{url!r}: give an http:// or https:// URL, e.g. http://127.0.0.1:7878/query")
    return url


def service_url(url: str, service: str) -> str:
    """``url``, or Oxigraph's ``/store`` / ``/query`` when ``url`` is a bare server root.

    >>> service_url("http://127.0.0.1:7878", "query")
    'http://127.0.0.1:7878/query'
    >>> service_url("http://h:3030/ds/data", "store")
    'http://h:3030/ds/data'
    """
    parts = urllib.parse.urlsplit(check_url(url))
    if parts.path in ("", "/") and not parts.query:
        return parts._replace(path="/" + service).geturl()
    return url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: they could carry credentials to another host, and a
    PUT silently turned into a GET would lose the data."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, PLR0913
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str


@dataclass(frozen=True)
class Endpoint:
    """An HTTP endpoint with its retry policy and credentials (from the environment)."""

    url: str
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    auth: Secret | None = field(default=None, repr=False)
    warn: Warn | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_env(cls, url: str, *, timeout: float = 30.0, retries: int = 3, backoff: float = 1.0,
                 warn: Warn | None = None) -> "Endpoint":
        return cls(check_url(url), timeout=timeout, retries=max(0, retries), backoff=max(0.0, backoff),
                   auth=credentials_from_env(), warn=warn)

    def request(self, method: str, url: str, *, data: bytes | None = None,
                content_type: str | None = None, accept: str | None = None) -> Response:
        """Send one request, retrying what may pass."""
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            req = urllib.request.Request(url, data=data, method=method)
            req.add_header("User-Agent", USER_AGENT)
            if content_type:
                req.add_header("Content-Type", content_type)
            if accept:
                req.add_header("Accept", accept)
            if self.auth is not None:
                req.add_unredirected_header("Authorization", self.auth.header())
            try:
                with _OPENER.open(req, timeout=self.timeout) as resp:
                    return Response(resp.status, resp.read(), resp.headers.get("Content-Type", ""))
            except urllib.error.HTTPError as exc:
                status, reason, wait = exc.code, self._reason(exc), _retry_after(exc)
                exc.close()
                if status not in RETRY_STATUS:
                    raise EndpointRefusedError(_refusal(method, url, status, reason)) from None
                problem = f"HTTP {status} {reason}".strip()
            except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, HTTPException) as exc:
                problem, wait = _network_problem(exc), None
            if attempt == attempts:
                raise EndpointUnavailableError(
                    f"{method} {url} failed after {attempts} attempt(s): {problem}. Check that the server "
                    f"is running and the URL is right; the local graph files were not changed.") from None
            delay = min(MAX_BACKOFF, wait if wait is not None else self.backoff * 2 ** (attempt - 1))
            if self.warn:
                self.warn(f"W022: {method} {url}: {problem}; retrying in {delay:.1f} s "
                          f"(attempt {attempt + 1} of {attempts}).")
            time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _reason(self, exc: urllib.error.HTTPError) -> str:
        try:
            body = exc.read(600).decode("utf-8", "replace")
        except (OSError, HTTPException):
            body = ""
        text = " ".join(f"{exc.reason or ''} {body}".split())[:300]
        if self.auth is not None:      # a server might echo the header back
            for part in self.auth.header().split():
                text = text.replace(part, "***")
        return text


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    value = exc.headers.get("Retry-After", "") if exc.headers else ""
    return float(value) if value.strip().isdigit() else None


def _network_problem(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return "no answer before the timeout (the server is slow or stalled; raise --timeout?)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running on that port?)"
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror or reason})"
    return f"{type(reason).__name__}: {reason}"


def _refusal(method: str, url: str, status: int, reason: str) -> str:
    hint = {
        401: f"the endpoint wants credentials: set {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN})",
        403: "the credentials are not allowed to do this (a read-only server or repository?)",
        404: "no such service: check the URL form of your server in docs/store.md (Oxigraph /store and /query, "
             "Fuseki /DATASET/data and /DATASET/sparql, GraphDB /repositories/REPO/rdf-graphs/service and "
             "/repositories/REPO)",
        405: "this URL does not accept that method: is it the query URL instead of the Graph Store one "
             "(or the reverse), or a read-only server?",
    }.get(status, "see the server's message")
    if 300 <= status < 400:
        hint = "the endpoint redirects; kg does not follow redirects: use the final URL"
    return f"{method} {url} was refused: HTTP {status} {reason}. {hint}. The local graph files were not changed."


def gsp_url(base: str, graph: str | None) -> str:
    """The Graph Store URL of one graph (``?graph=IRI``) or of the default graph (``?default``).

    >>> gsp_url("http://h/store", "https://w3id.org/kgvn/id/graph/a b")
    'http://h/store?graph=https%3A%2F%2Fw3id.org%2Fkgvn%2Fid%2Fgraph%2Fa%20b'
    >>> gsp_url("http://h/ds/data?x=1", None)
    'http://h/ds/data?x=1&default'
    """
    sep = "&" if urllib.parse.urlsplit(base).query else "?"
    if graph is None:
        return f"{base}{sep}default"
    return f"{base}{sep}graph={urllib.parse.quote(graph, safe='')}"


def put_graph(endpoint: Endpoint, graph: str | None, ntriples: bytes, *, merge: bool = False) -> bool:
    """Replace (PUT) or add to (POST) one graph of the Graph Store.

    True when the server says it created the graph (HTTP 201), False when it
    replaced or extended an existing one.
    """
    return endpoint.request("POST" if merge else "PUT", gsp_url(endpoint.url, graph), data=ntriples,
                     content_type="application/n-triples; charset=utf-8").status == 201


SPARQL_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
                 "text/turtle;q=0.8, application/sparql-results+xml;q=0.5")


def sparql_query(endpoint: Endpoint, query: str) -> Response:
    """Run a query with the SPARQL 1.1 Protocol (form-encoded POST)."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    return endpoint.request("POST", endpoint.url, data=body, accept=SPARQL_ACCEPT,
                            content_type="application/x-www-form-urlencoded")
