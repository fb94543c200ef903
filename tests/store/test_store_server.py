"""A real Oxigraph server: the seeds' graph loaded and queried over HTTP, and `kg serve`."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EndpointRefusedError, ServerError, StoreLockedError, StoreNotFoundError
from kg.store import load_graphs, run_query, start_server
from kg.store.files import read_graphs

from store_helpers import as_writer

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
COUNT_ALL = ("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_seeds_graph_is_loaded_over_http_into_a_real_server(oxigraph_server, seeds_graphs):
    assert oxigraph_server.host == "127.0.0.1" and oxigraph_server.process.poll() is None
    first = oxigraph_server.first_load
    assert (first.graphs, first.added, first.replaced) == (5, 5, 0)
    staged = read_graphs([seeds_graphs / "graph.trig"])
    rows = run_query(GRAPHS, endpoint=oxigraph_server.query_url).records()
    expected = {name: len(list(staged.store.quads_for_pattern(None, None, None, _node(name))))
                for name in staged.named_graphs()}
    assert {r["g"]: int(r["n"]) for r in rows} == expected
    assert int(run_query(COUNT_ALL, endpoint=oxigraph_server.query_url).records()[0]["n"]) == len(staged)


def _node(name):
    import pyoxigraph

    return pyoxigraph.NamedNode(name)


def test_reloading_over_http_replaces_graphs(oxigraph_server, seeds_graphs):
    with as_writer(oxigraph_server):
        report = load_graphs([seeds_graphs / "graph.ttl"], endpoint=oxigraph_server.url)   # bare root: /store
    assert (report.graphs, report.added, report.replaced) == (5, 0, 5)
    total = int(run_query(COUNT_ALL, endpoint=oxigraph_server.url).records()[0]["n"])
    assert total == len(read_graphs([seeds_graphs / "graph.trig"]))          # nothing duplicated


def test_cli_queries_the_server(oxigraph_server):
    res = runner.invoke(app, ["query", "articles", "--endpoint", oxigraph_server.query_url, "-f", "csv"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].startswith("doc,title,url,lang")
    assert len(res.output.splitlines()) == 1 + 5
    res = runner.invoke(app, ["query", "SELEC nonsense", "--endpoint", oxigraph_server.query_url, "--retries", "0"])
    assert res.exit_code == 1 and "E023" in res.output and "HTTP 400" in res.output


def test_read_only_server_serves_a_store_and_refuses_writes(seeds_store, seeds_graphs):
    with start_server(seeds_store, port=0) as server:
        assert not server.writable
        rows = run_query("vaccine-producers", endpoint=server.query_url).records()
        assert rows and rows[0]["vaccineLabel"] == "Sputnik V"
        with pytest.raises(EndpointRefusedError):
            load_graphs([seeds_graphs / "graph.trig"], endpoint=server.store_url, retries=0)
        with pytest.raises(StoreLockedError, match="served by kg serve"):
            load_graphs([seeds_graphs / "graph.trig"], store=seeds_store)
        with pytest.raises(StoreLockedError, match="already served"):
            start_server(seeds_store, port=0)
    assert server.process.returncode is not None


def test_serve_errors(tmp_path, oxigraph_server, seeds_store):
    with pytest.raises(StoreNotFoundError, match="kg load"):
        start_server(tmp_path / "nothing", port=0)
    with pytest.raises(ServerError, match="--port"):
        start_server(seeds_store, port=oxigraph_server.port)


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
        return [int(c) for c in fh.read().split()]


def _gone(pid: int, port: int, timeout: float = 20.0) -> bool:
    """Whether process ``pid`` ends (or is a zombie) and nothing listens on ``port`` any more,
    within ``timeout`` seconds (the parent-death signal arrives asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
                ended = fh.read().rsplit(")", 1)[1].split()[0] == "Z"
        except FileNotFoundError:
            ended = True
        with socket.socket() as s:
            if ended and s.connect_ex(("127.0.0.1", port)) != 0:
                return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the parent-death signal is Linux's")
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 0), (signal.SIGTERM, 0), (signal.SIGKILL, -signal.SIGKILL)])
def test_kg_serve_prints_the_url_and_its_server_dies_with_it(seeds_store, sig, code):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(seeds_store), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.startswith("SPARQL endpoint (read-only): http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split(": ", 1)[1].strip()
        assert url.endswith("/query")
        # The default graph is the union of the graphs: no GRAPH clause is needed.
        res = runner.invoke(app, ["query", "ASK { ?s a <https://w3id.org/kgvn/ontology#Assertion> }",
                                  "--endpoint", url, "-f", "json"])
        assert res.exit_code == 0 and '"boolean":true' in res.output, res.output
        (server_pid,) = _children(proc.pid)
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == code
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        assert _gone(server_pid, port), f"the oxigraph server outlived kg serve ({signal.Signals(sig).name})"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
