"""Cross-origin writes against ``kg serve --writable`` from a real headless Chromium.

Two attacks a web page can make on a SPARQL server of this machine, each run
against a bare ``oxigraph serve`` (the control: the attack works there, so
the test can fail) and against ``kg serve --writable`` (nothing is written):

* a form on a ``file://`` page that posts ``update=DROP ALL`` by itself;
* a ``no-cors`` fetch from a page of ``http://localhost:OTHERPORT`` that
  inserts a triple, and a CORS fetch that sends a guessed token.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from view_helpers import browser_context, skip_reason  # noqa: F401 - fixture

pytestmark = pytest.mark.skipif(skip_reason() is not None or shutil.which("oxigraph") is None,
                                reason=skip_reason() or "the oxigraph server is not installed")

FORM = "application/x-www-form-urlencoded"
SEED = "INSERT DATA { <urn:kg-test:vietnam> <urn:kg-test:meets> <urn:kg-test:laos> }"
PLANTED = "urn:kg-test:planted"
PLANT = f"INSERT DATA {{ <{PLANTED}> <urn:kg-test:by> <urn:kg-test:page> }}"


@dataclass
class Target:
    """A writable SPARQL server: its root URL and how to write to it as its owner."""

    url: str
    token: str | None

    def update(self, text: str) -> None:
        headers = {"Content-Type": FORM}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = urllib.parse.urlencode({"update": text}).encode()
        with urllib.request.urlopen(urllib.request.Request(f"{self.url}/update", data, headers), timeout=30):
            pass

    def ask(self, pattern: str) -> bool:
        query = urllib.parse.urlencode({"query": f"ASK {{ {pattern} }}"})
        request = urllib.request.Request(f"{self.url}/query?{query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as resp:
            return b"true" in resp.read()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["bare oxigraph", "kg serve"])
def target(request: Any) -> Iterator[tuple[Target, bool]]:
    """(server, whether a page's attack may work): bare Oxigraph is the control."""
    if request.param == "bare oxigraph":
        from kg.store.server import oxigraph_binary

        port = _free_port()
        proc = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            server = Target(f"http://127.0.0.1:{port}", None)
            _wait(server)
            server.update(SEED)
            yield server, True
        finally:
            proc.terminate()
            proc.wait(20)
    else:
        from kg.store import running

        with running(None, port=0, writable=True) as served:
            server = Target(served.url, served.token)
            server.update(SEED)
            yield server, False


def _wait(server: Target) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            server.ask("?s ?p ?o")
            return
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture
def online(browser_context: Any) -> Iterator[Any]:
    """A page of the shared (offline) Chromium context, put online for the test."""
    browser_context.set_offline(False)
    page = browser_context.new_page()
    try:
        yield page
    finally:
        page.close()
        browser_context.set_offline(True)


@pytest.fixture
def other_origin() -> Iterator[Callable[[str], str]]:
    """``serve(html)``: the URL of a page with that HTML on http://localhost:OTHERPORT."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def serve(markup: str) -> str:
        path = f"/page{len(pages)}.html"
        pages[path] = markup.encode("utf-8")
        return f"http://localhost:{httpd.server_address[1]}{path}"

    yield serve
    httpd.shutdown()
    httpd.server_close()


def test_a_form_on_a_file_page_cannot_drop_the_store(target, online, tmp_path: Path) -> None:
    server, attack_works = target
    page_file = tmp_path / "attack.html"
    page_file.write_text(f"""<!doctype html><html><body>
<form id="f" method="POST" action="{server.url}/update">
  <input type="hidden" name="update" value="DROP ALL">
</form>
<script>document.getElementById("f").submit();</script>
</body></html>""", encoding="utf-8")
    with online.expect_response(lambda r: r.url.startswith(server.url), timeout=30_000) as answer:
        online.goto(page_file.as_uri(), wait_until="commit")
    assert answer.value.request.method == "POST"            # the browser did send the form
    assert server.ask("<urn:kg-test:vietnam> ?p ?o") is not attack_works
    if not attack_works:
        assert answer.value.status in (401, 403)             # refused: a page, no token


def test_a_page_of_another_port_cannot_insert(target, online, other_origin) -> None:
    server, attack_works = target
    url = other_origin(f"""<!doctype html><html><body><script>
const body = "update=" + encodeURIComponent({PLANT!r});
const results = [];
fetch("{server.url}/update", {{method: "POST", mode: "no-cors", body: body,
                              headers: {{"Content-Type": "{FORM}"}}}})
  .then(() => results.push("no-cors sent"), e => results.push("no-cors failed"))
  .then(() => fetch("{server.url}/update", {{method: "POST", body: body,
        headers: {{"Content-Type": "{FORM}", "Authorization": "Bearer guessed"}}}}))
  .then(() => results.push("cors sent"), e => results.push("cors failed"))
  .then(() => {{ document.title = results.join(", "); }});
</script></body></html>""")
    online.goto(url)
    online.wait_for_function("document.title.length > 0", timeout=30_000)
    assert online.title().startswith("no-cors sent")       # the request left the page
    assert server.ask(f"<{PLANTED}> ?p ?o") is attack_works
    assert server.ask("<urn:kg-test:vietnam> ?p ?o")
