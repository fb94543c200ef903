"""What the store lets a request do: SERVICE refused, writes need the token, queries stop in time.

The server tests drive a real Oxigraph behind ``kg serve``'s guard over HTTP;
a small "canary" HTTP server on 127.0.0.1 records any request a SERVICE
clause makes the engine send.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError, QueryTimeoutError, ServiceRefusedError
from kg.store import load_graphs, run_query, running, start_server
from kg.store.guard import uses_service

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?g ?h ?i } }"
FORM = "application/x-www-form-urlencoded"
INSERT = "INSERT DATA { GRAPH <urn:kg-test:g> { <urn:kg-test:s> <urn:kg-test:p> <urn:kg-test:o> } }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


# --------------------------------------------------------------------------- helpers

@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """(URL, requests seen): an HTTP server that answers any SPARQL query with no rows."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            seen.append(f"{self.command} {self.path}")
            body = json.dumps({"head": {"vars": []}, "results": {"bindings": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", seen
    httpd.shutdown()
    httpd.server_close()


def call(url: str, method: str = "GET", data: bytes | None = None, **headers: str) -> tuple[int, bytes, dict]:
    """(status, body, headers) of one request, errors included."""
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={k.replace("_", "-"): v for k, v in headers.items()})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read(), dict(exc.headers)


def count(server) -> int:
    return int(run_query(COUNT_ALL, endpoint=server.query_url, retries=0).records()[0]["n"])


# --------------------------------------------------------------------------- SERVICE

@pytest.mark.parametrize("query, uses", [
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE {SERVICE<http://x/>{?s ?p ?o}}", True),
    ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", True),
    ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),        # SPARQL unescapes first
    ("SELECT * WHERE { \\U00000073ervice <http://x/> { ?s ?p ?o } }", True),
    ("SELECT ?service WHERE { ?service ?p ?o }", False),
    ("PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:SERVICE ?o }", False),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }', False),
    ("SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE <http://x/>", False),
])
def test_service_is_found_where_the_parser_would_see_it(query, uses):
    assert uses_service(query) is uses


def test_embedded_store_refuses_service_unless_allowed(seeds_store, canary):
    url, seen = canary
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(ServiceRefusedError, match="E070.*--allow-service"):
        run_query(query, store=seeds_store)
    assert seen == []
    assert run_query(query, store=seeds_store, allow_service=True).records() == []
    assert seen, "with --allow-service the engine does send the request"


def test_cli_query_refuses_service(seeds_store, canary):
    url, seen = canary
    res = runner.invoke(app, ["query", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                              "--store", str(seeds_store)])
    assert res.exit_code == 1 and "E070" in res.output, res.output
    assert seen == []


def _service_requests(base: str, target: str) -> list[tuple[str, str, bytes | None, dict]]:
    query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
    escaped = query.replace("SERVICE", "\\u0053ERVICE")
    return [
        ("GET", f"{base}/query?" + urllib.parse.urlencode({"query": query}), None, {}),
        ("GET", f"{base}/query?" + urllib.parse.urlencode({"query": escaped}), None, {}),
        ("POST", f"{base}/query", urllib.parse.urlencode({"query": query}).encode(), {"Content_Type": FORM}),
        ("POST", f"{base}/query", query.encode(), {"Content_Type": "application/sparql-query"}),
        ("POST", f"{base}/query", query.encode(), {"Content_Type": "text/plain"}),
    ]


def test_read_only_server_refuses_service(seeds_store, canary):
    url, seen = canary
    with start_server(seeds_store, port=0) as server:
        for method, target, data, headers in _service_requests(server.url, url):
            status, body, _ = call(target, method, data, **headers)
            assert status == 403 and b"E070" in body, (target, status, body)
        assert seen == []                             # the server fetched nothing
        status, _, _ = call(f"{server.url}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
        assert status == 200                          # other queries pass
    with start_server(seeds_store, port=0, allow_service=True) as server:
        status, _, _ = call(_service_requests(server.url, url)[0][1])
        assert status == 200 and seen                 # allowed: the engine fetched the canary


# --------------------------------------------------------------------------- writes

@pytest.fixture(scope="module")
def writable_server() -> Iterator:
    # Strict datasets: COUNT_ALL would see a named graph's triple twice in the union.
    with running(None, port=0, writable=True, timeout=1, union_default_graph=False) as server:
        yield server


def _writes(server, token: str) -> list[tuple[str, str, bytes, dict]]:
    update = urllib.parse.urlencode({"update": INSERT}).encode()
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    return [
        ("POST", f"{server.url}/update", update, {"Content_Type": FORM, **auth}),
        ("POST", f"{server.url}/update", INSERT.encode(), {"Content_Type": "application/sparql-update", **auth}),
        ("POST", f"{server.url}/update", b"update=DROP%20ALL", {"Content_Type": FORM, **auth}),
        ("PUT", f"{server.url}/store?default", b"<urn:a> <urn:b> <urn:c> .",
         {"Content_Type": "application/n-triples", **auth}),
        ("DELETE", f"{server.url}/store?default", b"", auth),
    ]


@pytest.mark.parametrize("token, origin, status", [
    (None, None, 401),              # no token
    ("wrong", None, 401),           # a guessed token
    ("right", "null", 403),         # the token, but sent by a page (file://)
    ("right", "http://localhost:1", 403),
])
def test_writes_without_the_token_or_from_a_page_are_refused(writable_server, token, origin, status):
    call(f"{writable_server.url}/update", "POST", urllib.parse.urlencode({"update": INSERT}).encode(),
         Content_Type=FORM, Authorization=f"Bearer {writable_server.token}")
    before = count(writable_server)
    assert before > 0
    sent = writable_server.token if token == "right" else token
    for method, url, data, headers in _writes(writable_server, sent):
        if origin:
            headers["Origin"] = origin
        got, body, answer_headers = call(url, method, data, **headers)
        assert got == status, (method, url, got, body)
        assert "Access-Control-Allow-Origin" not in answer_headers
    assert count(writable_server) == before           # nothing was written, nothing dropped


def test_writes_with_the_token_pass(writable_server):
    call(f"{writable_server.url}/update", "POST", b"update=DROP%20ALL", Content_Type=FORM,
         Authorization=f"Bearer {writable_server.token}")
    assert count(writable_server) == 0
    status, body, _ = call(f"{writable_server.url}/update", "POST", urllib.parse.urlencode({"update": INSERT}).encode(),
                           Content_Type=FORM, Authorization=f"Bearer {writable_server.token}")
    assert status == 204, body
    assert count(writable_server) == 1


def test_no_cors_preflight_and_no_foreign_host(writable_server):
    status, _, headers = call(f"{writable_server.url}/update", "OPTIONS", Origin="http://localhost:1",
                              Access_Control_Request_Method="POST")
    assert status == 405 and "Access-Control-Allow-Origin" not in headers
    ask = "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for host in (f"attacker.example:{writable_server.port}", "[::1", ""):
        status, body, _ = call(writable_server.url + ask, Host=host)
        assert status == 403 and b"Host" in body, host       # DNS rebinding, or no host at all
    for host in ("localhost", "127.0.0.1"):
        status, _, _ = call(writable_server.url + ask, Host=f"{host}:{writable_server.port}")
        assert status == 200


# --------------------------------------------------------------------------- time limits

def _fill(server, triples: int = 1500) -> None:
    rows = " ".join(f"<urn:kg-test:s{i}> <urn:kg-test:p> {i} ." for i in range(triples))
    status, body, _ = call(f"{server.url}/update", "POST",
                           urllib.parse.urlencode({"update": f"INSERT DATA {{ GRAPH <urn:kg-test:big> {{ {rows} }} }}"})
                           .encode(), Content_Type=FORM, Authorization=f"Bearer {server.token}")
    assert status == 204, body


def test_server_stops_a_long_query(writable_server):
    _fill(writable_server)
    started = time.monotonic()
    with pytest.raises(QueryError, match="time limit"):
        run_query(CARTESIAN, endpoint=writable_server.query_url, retries=0)
    assert time.monotonic() - started < 15


def test_embedded_query_stops_at_its_time_limit(seeds_store):
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="E071.*1 s"):
        run_query(CARTESIAN, store=seeds_store, timeout=1)
    assert time.monotonic() - started < 10
    assert multiprocessing.active_children() == []            # the query's process is gone, its core free
    assert run_query("ASK { GRAPH ?g { ?s ?p ?o } }", store=seeds_store, timeout=5).records() == [{"ask": "true"}]


def test_cli_query_timeout(seeds_store):
    res = runner.invoke(app, ["query", CARTESIAN, "--store", str(seeds_store), "--timeout", "1"])
    assert res.exit_code == 1 and "E071" in res.output, res.output
    res = runner.invoke(app, ["query", "ASK { ?s ?p ?o }", "--store", str(seeds_store), "--timeout", "-1"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["serve", "--store", str(seeds_store), "--timeout", "-1"])
    assert res.exit_code == 2 and "--timeout" in res.output


@pytest.mark.parametrize("timeout, expected", [(30, ["--timeout-s", "30"]), (0.2, ["--timeout-s", "1"]), (0, [])])
def test_server_timeout_option(timeout, expected):
    from kg.store.guarded import guard_args

    assert guard_args({"timeout": timeout}) == expected


# --------------------------------------------------------------------------- kg serve

def test_kg_serve_writable_takes_its_token_from_the_environment(seeds_graphs, tmp_path):
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    secret = "kg-test-token-0123456789"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KG_SERVE_TOKEN": secret}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0",
                             "--writable"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = [proc.stdout.readline() for _ in range(4)]
        assert lines[0].startswith("SPARQL endpoint (read-write): http://127.0.0.1:"), lines
        assert "KG_SERVE_TOKEN" in lines[2] and secret not in "".join(lines)
        url = lines[0].split(": ", 1)[1].strip().rsplit("/", 1)[0]
        graph = [str(seeds_graphs / "graph.trig"), "--endpoint", url, "--retries", "0", "-q"]
        res = runner.invoke(app, ["load", *graph], env={"KG_ENDPOINT_TOKEN": ""})
        assert res.exit_code == 1 and "E023" in res.output and "401" in res.output, res.output
        res = runner.invoke(app, ["load", *graph], env={"KG_ENDPOINT_TOKEN": secret})
        assert res.exit_code == 0, res.output
    finally:
        proc.terminate()
        proc.wait(timeout=20)
