"""Endpoints that are down, slow, refusing or redirecting; credentials that
never show. Small local servers stand in for the real ones."""
from __future__ import annotations

import base64
import hashlib
import http.server
import io
import socket
import threading
import time
import traceback
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import CredentialsError, EndpointRefusedError, EndpointUnavailableError, EndpointURLError
from kg.store import load_graphs, run_query
from kg.store.http import Endpoint, Secret

runner = CliRunner()
USER, PASSWORD, TOKEN = "analyst", "s3cr3t-Pässword", "tok-4f9a1c"
BASIC = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


@pytest.fixture(autouse=True)
def no_ambient_credentials(monkeypatch):
    for name in ("KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def graph_file(tmp_path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text("<https://ex/g> { <https://ex/a> <https://ex/b> <https://ex/c> . }\n"
                    "<https://ex/a> <https://ex/label> 'A' .\n", encoding="utf-8")
    return path


def fingerprint(path: Path) -> tuple:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]      # closed again when the block ends: nobody listens


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers with the scripted statuses, one per request, and records requests."""

    script: list[tuple[int, dict]] = []
    seen: list[dict] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append({"method": self.command, "path": self.path,
                                "auth": self.headers.get("Authorization")})
        status, headers = type(self).script.pop(0) if type(self).script else (204, {})
        body = headers.pop("body", b"")
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture()
def fake_server():
    servers = []

    def start(script: list[tuple[int, dict]]):
        handler = type("Handler", (Recorder,), {"script": list(script), "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def stalling_server():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_down_endpoint_retries_with_backoff_then_fails_cleanly(graph_file, tmp_path):
    before = fingerprint(graph_file)
    warnings: list[str] = []
    started = time.monotonic()
    with pytest.raises(EndpointUnavailableError) as info:
        load_graphs([graph_file], endpoint=f"http://127.0.0.1:{closed_port()}/store", retries=2, backoff=0.05,
                    warn=warnings.append)
    elapsed = time.monotonic() - started
    assert "3 attempt(s)" in str(info.value) and "connection refused" in str(info.value)
    assert [w[:4] for w in warnings] == ["W022", "W022"]
    assert "0.1 s" in warnings[1]                     # backoff doubles: 0.05 then 0.1
    assert 0.15 <= elapsed < 5
    assert fingerprint(graph_file) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]


def test_down_endpoint_cli_exits_non_zero_with_a_message(graph_file):
    before = fingerprint(graph_file)
    url = f"http://127.0.0.1:{closed_port()}/store"
    res = runner.invoke(app, ["load", str(graph_file), "--endpoint", url, "--retries", "1", "-q"])
    assert res.exit_code == 1
    assert "E022" in res.output and url in res.output and "Traceback" not in res.output
    assert "W022" in res.output
    assert fingerprint(graph_file) == before


def test_stalled_endpoint_times_out_and_fails(graph_file, stalling_server):
    before = fingerprint(graph_file)
    with pytest.raises(EndpointUnavailableError, match="timeout") as info:
        load_graphs([graph_file], endpoint=stalling_server + "/store", timeout=0.3, retries=1, backoff=0.01)
    assert "2 attempt(s)" in str(info.value)
    with pytest.raises(EndpointUnavailableError, match="timeout"):
        run_query("ASK { ?s ?p ?o }", endpoint=stalling_server + "/query", timeout=0.3, retries=0)
    assert fingerprint(graph_file) == before


def test_busy_endpoint_is_retried_until_it_answers(graph_file, fake_server):
    url, handler = fake_server([(503, {"Retry-After": "0"}), (502, {}), (201, {}), (204, {})])
    report = load_graphs([graph_file], endpoint=url + "/store", retries=3, backoff=0.01)
    assert (report.graphs, report.added) == (1, 1)
    assert [s["method"] for s in handler.seen] == ["PUT", "PUT", "PUT", "POST"]   # graph x3, then default
    assert handler.seen[0]["path"] == "/store?graph=https%3A%2F%2Fex%2Fg"
    assert handler.seen[-1]["path"] == "/store?default"


@pytest.mark.parametrize("status,hint", [(401, "KG_ENDPOINT_USER"), (404, "URL form"), (405, "method")])
def test_refusing_endpoint_fails_at_once_with_a_hint(status, hint, graph_file, fake_server):
    url, handler = fake_server([(status, {"body": b"no"})])
    with pytest.raises(EndpointRefusedError, match=hint) as info:
        load_graphs([graph_file], endpoint=url + "/store", retries=3, backoff=0.01)
    assert f"HTTP {status}" in str(info.value) and info.value.code == "E023"
    assert len(handler.seen) == 1                      # not retried


def test_redirects_are_not_followed(graph_file, fake_server):
    elsewhere, other = fake_server([])
    url, handler = fake_server([(307, {"Location": elsewhere + "/store"})])
    with pytest.raises(EndpointRefusedError, match="redirect"):
        load_graphs([graph_file], endpoint=url + "/store", retries=0)
    assert other.seen == []


# ---------------------------------------------------------------- credentials
def assert_secret_free(text: str) -> None:
    for secret in (PASSWORD, BASIC, TOKEN):
        assert secret not in text


def test_credentials_come_from_the_environment(monkeypatch, graph_file, fake_server):
    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    url, handler = fake_server([])
    load_graphs([graph_file], endpoint=url + "/store", retries=0)
    assert {s["auth"] for s in handler.seen} == {f"Basic {BASIC}"}
    monkeypatch.setenv("KG_ENDPOINT_TOKEN", TOKEN)        # a token wins over user and password
    url, handler = fake_server([(200, {"Content-Type": "application/sparql-results+json",
                                       "body": b'{"head":{},"boolean":true}'})])
    assert run_query("ASK { ?s ?p ?o }", endpoint=url + "/query", retries=0).records() == [{"ask": "true"}]
    assert handler.seen[0]["auth"] == f"Bearer {TOKEN}"


def test_credentials_never_show_in_messages_or_tracebacks(monkeypatch, graph_file, fake_server):
    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    # A server that refuses and echoes the Authorization header back in its error page.
    url, handler = fake_server([(500, {"body": f"denied for Basic {BASIC}".encode()})])
    with pytest.raises(EndpointRefusedError) as info:
        load_graphs([graph_file], endpoint=url + "/store", retries=0)
    assert handler.seen[0]["auth"] == f"Basic {BASIC}"      # they were sent ...
    exc = info.value
    assert_secret_free(str(exc) + repr(exc))                # ... but never shown
    assert_secret_free("".join(traceback.format_exception(exc)))
    # Even a traceback that prints every local variable of every frame.
    from rich.console import Console
    from rich.traceback import Traceback

    out = io.StringIO()
    Console(file=out, width=200).print(Traceback.from_exception(type(exc), exc, exc.__traceback__,
                                                                show_locals=True))
    assert "EndpointRefusedError" in out.getvalue()
    assert_secret_free(out.getvalue())


def test_credentials_never_show_in_cli_output(monkeypatch, graph_file, fake_server, stalling_server):
    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    url, _ = fake_server([(401, {"body": f"Basic {BASIC}".encode()})])
    outputs = [runner.invoke(app, ["load", str(graph_file), "--endpoint", url + "/store", "--retries", "0"]),
               runner.invoke(app, ["query", "ASK {?s ?p ?o}", "--endpoint", stalling_server, "--timeout", "0.2",
                                   "--retries", "1"])]
    for res in outputs:
        assert res.exit_code == 1 and "Traceback" not in res.output
        assert_secret_free(res.output)


def test_credentials_in_the_url_are_refused_without_echoing_them(graph_file):
    with pytest.raises(EndpointURLError) as info:
        load_graphs([graph_file], endpoint=f"http://{USER}:{PASSWORD}@127.0.0.1:1/store")
    assert "KG_ENDPOINT_USER" in str(info.value) and "***@127.0.0.1:1" in str(info.value)
    assert_secret_free(str(info.value))


def test_half_set_credentials_are_an_error(monkeypatch, graph_file):
    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    with pytest.raises(CredentialsError, match="KG_ENDPOINT_PASSWORD is not set"):
        load_graphs([graph_file], endpoint="http://127.0.0.1:1/store")


def test_endpoint_repr_hides_the_secret():
    ep = Endpoint("http://h/store", auth=Secret(f"Basic {BASIC}"))
    assert_secret_free(repr(ep) + str(ep) + repr(ep.auth))


@pytest.mark.parametrize("url", ["ftp://h/store", "127.0.0.1:7878/store", "http:///store"])
def test_bad_urls_are_named_errors(url, graph_file):
    with pytest.raises(EndpointURLError):
        load_graphs([graph_file], endpoint=url)
