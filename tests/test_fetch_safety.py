"""kg fetch against hostile folders, URLs and servers (local servers on 127.0.0.1 only)."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.fetch import fetch_pages
from kg.fetch.store import _kind

FAST = dict(timeout=1.0, retries=0, backoff=0.01, delay=0.0)
PAGE = (b"<!DOCTYPE html><html><head><title>Laos and Japan sign a health pact</title></head><body>"
        b"<article><p>Laos and Japan signed a health agreement in Vientiane on Monday.</p></article>"
        b"</body></html>")
TEXT = b"Laos and Japan sign a health pact\nLaos and Japan signed a health agreement on Monday.\n"
runner = CliRunner()


class Handler(BaseHTTPRequestHandler):
    """/page: HTML; /bare-html and /bare-text: no Content-Type; /trickle: one byte every 0.1 s."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            try:
                for byte in PAGE:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass                                # the client gave up: what the test wants
            return
        body, ctype = {"/page": (PAGE, "text/html; charset=utf-8"), "/bare-html": (PAGE, None),
                       "/bare-text": (TEXT, None), "/robots.txt": (b"", "text/plain")}.get(self.path, (b"", None))
        self.send_response(200 if body or self.path == "/robots.txt" else 404)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


# --------------------------------------------------------------------------- sidecars of the folder

@pytest.mark.parametrize("name", ["ABSOLUTE", "../outside.html", "sub/../../outside.html", "sub/inner.html",
                                  "LINK", "", None, 5])
def test_a_sidecar_never_leads_outside_the_folder(site: str, tmp_path: Path, name) -> None:
    out, elsewhere = tmp_path / "pages", tmp_path / "elsewhere"
    out.mkdir()
    (out / "sub").mkdir()
    elsewhere.mkdir()
    target = elsewhere / "x.html"
    target.write_bytes(PAGE)
    (tmp_path / "outside.html").write_bytes(PAGE)
    (out / "sub" / "inner.html").write_bytes(PAGE)
    if name == "LINK":
        (out / "link.html").symlink_to(target)
        name = "link.html"
    elif name == "ABSOLUTE":
        name = str(target)
    url = f"{site}/page"
    (out / "planted.meta.json").write_text(json.dumps({"url": url, "file": name}), encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*") if not p.is_relative_to(out))
    msgs: list[str] = []
    report = fetch_pages([url], out, warn=msgs.append, **FAST)
    assert report.results[0].status == "fetched"                  # not taken for a saved page
    assert report.pages()[0].parent == out
    assert sorted(p.name for p in tmp_path.rglob("*") if not p.is_relative_to(out)) == before
    assert not (elsewhere / "x.meta.json").exists() and target.read_bytes() == PAGE
    assert any(m.startswith("W070") and "planted.meta.json" in m for m in msgs), msgs


@pytest.mark.parametrize("meta", [
    '{"url": 5, "file": "a.html"}', '[1, 2]', '"text"', "[" * 100_000 + "]" * 100_000,
    '{"url": "URL", "file": "a.html", "also_requested": 5}',
    '{"url": "URL", "file": "a.html", "final_url": ["x"], "also_requested": ["http://[::1", null]}',
    '{"url": "http://[::1", "file": "a.html"}',
])
def test_damaged_sidecars_are_ignored(site: str, tmp_path: Path, meta: str) -> None:
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "a.meta.json").write_text(meta.replace("URL", f"{site}/other"), encoding="utf-8")
    report = fetch_pages([f"{site}/page"], tmp_path, **FAST)
    assert [r.status for r in report.results] == ["fetched"]


# --------------------------------------------------------------------------- URLs and servers

def test_malformed_urls_are_warnings_and_the_rest_is_fetched(site: str, tmp_path: Path) -> None:
    msgs: list[str] = []
    bad = ["http://[::1", "http://127.0.0.1:99999/a", "http://127.0.0.1:port/a", "http:///no-host"]
    report = fetch_pages([*bad, f"{site}/page"], tmp_path, warn=msgs.append, **FAST)
    assert [r.status for r in report.results] == ["invalid"] * len(bad) + ["fetched"]
    assert [m[:4] for m in msgs] == ["W057"] * len(bad)
    assert all(url in m for url, m in zip(bad, msgs))


def test_cli_fetch_goes_on_after_a_malformed_url(site: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["fetch", "http://[::1", f"{site}/page", "-o", str(tmp_path), "--delay", "0"])
    assert res.exit_code == 0, res.output
    assert "W057" in res.output and "internal error" not in res.output and "1 fetched" in res.output


def test_a_trickling_page_stops_at_the_deadline(site: str, tmp_path: Path) -> None:
    msgs: list[str] = []
    started = time.monotonic()
    report = fetch_pages([f"{site}/trickle", f"{site}/page"], tmp_path, warn=msgs.append,
                         **{**FAST, "max_time": 1.0})
    assert time.monotonic() - started < 6                 # the whole page would take 20 s
    assert [r.status for r in report.results] == ["failed", "fetched"]
    assert "--max-time" in msgs[0] and "/trickle" in msgs[0]


def test_html_without_a_content_type_is_saved_as_html(site: str, tmp_path: Path) -> None:
    from kg.reader import read_articles

    report = fetch_pages([f"{site}/bare-html", f"{site}/bare-text"], tmp_path, **FAST)
    html, text = report.pages()
    assert (html.suffix, text.suffix) == (".html", ".txt")
    [article] = [a for a in read_articles([tmp_path]) if a.url.endswith("/bare-html")]
    assert "<" not in article.text and "health agreement" in article.text


def _headers(ctype: str | None) -> Message:
    headers = Message()
    if ctype:
        headers["Content-Type"] = ctype
    return headers


@pytest.mark.parametrize("ctype, body, kind", [
    (None, PAGE, ".html"),
    (None, b"\xef\xbb\xbf  <html lang='vi'><p>x</p></html>", ".html"),
    (None, b"<p>Laos and Japan</p>", ".html"),
    (None, TEXT, ".txt"),
    (None, b"<3 Laos and Japan", ".txt"),
    (None, b"\x89PNG\r\n\x1a\n\0\0", None),
    ("application/octet-stream", PAGE, ".html"),
    ("text/plain", PAGE, ".html"),                    # a page served with the wrong type
    ("text/plain", b"<p> is a paragraph tag.\n", ".txt"),
    ("text/plain", TEXT, ".txt"),
    ("text/html", TEXT, ".html"),                     # a declared type is believed
    ("image/png", PAGE, None),
])
def test_content_kind(ctype: str | None, body: bytes, kind: str | None) -> None:
    assert _kind(_headers(ctype), body) == kind
