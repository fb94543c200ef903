"""kg fetch against a local news site on 127.0.0.1 (started here; no outside network)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from legacy_encodings import cp1258
from typer.testing import CliRunner

import kg.fetch.pages
from kg.cli import app
from kg.errors import NothingFetchedError, URLListError
from kg.fetch import USER_AGENT, fetch_pages, normalise_url, read_url_list
from kg.reader import article_text, read_articles

HTML = Path(__file__).parent / "data" / "html"
VI = (HTML / "vi_news_page.html").read_bytes()
EN = (HTML / "en_news_page.html").read_bytes()
EN_CANONICAL = "https://worldnews.example.com/asia-pacific/australia-pledges-vaccine-doses-cambodia-2022-03-08/"
VI_CANONICAL = "https://tintucmau.example.vn/the-gioi/viet-nam-han-quoc-thuc-day-hop-tac-vac-xin-4412345.html"
# The Vietnamese page with no canonical URL (and no og:url): it is known by the URL it was fetched from.
VI_PLAIN = VI.replace(f'<link rel="canonical" href="{VI_CANONICAL}">'.encode(), b"").replace(
    f'<meta property="og:url" content="{VI_CANONICAL}">'.encode(), b"")
# Fast settings: the politeness is the same, the waits are short.
FAST = dict(timeout=0.5, retries=1, backoff=0.01, delay=0.05)
runner = CliRunner()


class Site:
    """A small news site: two articles, a redirect, a 404, a page that never answers in time,
    a page that fails once then works, a legacy-encoded page, an image, and robots.txt."""

    def __init__(self, robots: tuple[int, str] = (200, "User-agent: *\nDisallow: /private/\n")) -> None:
        self.robots = robots
        self.log: list[tuple[str, str, float]] = []          # (path, user agent, arrival time)
        self.release = threading.Event()
        self.flaky_calls = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.log.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                status, headers, body = site.route(self.path)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass                       # the client gave up waiting (the timeout case)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def route(self, path: str) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return self.robots[0], {"Content-Type": "text/plain"}, self.robots[1].encode()
        if path == "/news/vi.html":
            return 200, html, VI
        if path == "/news/en.html":
            return 200, html, EN
        if unquote(path) == "/tin/việt-nam hợp tác.html":
            return 200, html, VI_PLAIN
        if path == "/home-canonical.html":             # a careless site: every page's canonical is the home page
            return 200, html, EN.replace(EN_CANONICAL.encode(), b"https://worldnews.example.com/")
        if path == "/moved":
            return 301, {"Location": "/news/en.html"}, b""
        if path == "/slow":
            self.release.wait(5)               # longer than the client's timeout
            return 200, html, EN
        if path == "/flaky":
            self.flaky_calls += 1
            if self.flaky_calls == 1:
                return 503, {"Retry-After": "0"}, b"busy"
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, \
                b"Laos and Japan sign a health pact\nLaos and Japan signed a health agreement on Monday.\n"
        if path == "/legacy.html":
            page = VI.decode("utf-8").replace('<meta charset="utf-8">', "")
            return 200, {"Content-Type": "text/html; charset=windows-1258"}, cp1258(page)
        if path == "/logo.png":
            return 200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(40)
        if path.startswith("/private/"):
            return 200, html, EN
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.log]

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture()
def site():
    with Site() as s:
        yield s


def _status(report) -> dict[str, str]:
    return {r.url.rsplit("/", 1)[-1] or r.url: r.status for r in report.results}


def test_fetch_mixed_urls(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pages"
    sent: list[float] = []                     # when the client sent each request (its own clock)
    real_get = kg.fetch.pages._Http.get

    def timed_get(self, url: str):
        sent.append(time.monotonic())
        return real_get(self, url)

    monkeypatch.setattr(kg.fetch.pages._Http, "get", timed_get)
    urls = [f"{site.base}/{p}" for p in ("moved", "news/en.html", "news/vi.html", "missing", "slow",
                                         "private/secret.html", "flaky", "legacy.html", "logo.png")]
    msgs: list[str] = []
    report = fetch_pages(urls + ["ftp://example.org/a", f"{site.base}/news/vi.html#comments"], out,
                         warn=msgs.append, **FAST)
    assert _status(report) == {
        "moved": "fetched", "en.html": "cached", "vi.html": "fetched", "missing": "failed", "slow": "failed",
        "secret.html": "disallowed", "flaky": "fetched", "legacy.html": "fetched", "logo.png": "failed",
        "a": "invalid", "vi.html#comments": "cached"}
    by_url = {r.url: r for r in report.results}
    assert by_url[f"{site.base}/moved"].final_url == f"{site.base}/news/en.html"
    # Every failure is a warning that names its URL, with its own code.
    for code, url, why in [("W055", "/missing", "HTTP 404"), ("W055", "/slow", "timed out"),
                           ("W056", "/private/secret.html", "robots.txt"), ("W055", "/logo.png", "content type"),
                           ("W057", "ftp://example.org/a", "http")]:
        assert any(m.startswith(code) and url in m and why in m for m in msgs), (code, url, msgs)
    assert len(msgs) == 5
    paths = site.paths()
    assert "/private/secret.html" not in paths                    # robots.txt respected
    assert paths.count("/robots.txt") == 1                        # read once per host
    assert paths.count("/news/en.html") == 1                      # the redirect target is not fetched twice
    assert paths.count("/news/vi.html") == 1
    assert paths.count("/slow") == 2 and paths.count("/flaky") == 2   # retried once
    assert {ua for _, ua, _ in site.log} == {USER_AGENT}
    # One request at a time, at least `delay` apart on one host.
    assert len(sent) == len(site.log)
    assert min(b - a for a, b in zip(sent, sent[1:])) >= FAST["delay"] - 0.002   # less the bookkeeping
    # The folder reads back as one article per page, each cited by the canonical URL the page
    # declares, else by the URL it was served from; the legacy copy of the Vietnamese page is that page.
    msgs: list[str] = []
    assert {a.doc for a in read_articles([out], warn=msgs.append)} == {EN_CANONICAL, VI_CANONICAL,
                                                                       f"{site.base}/flaky"}
    assert [m[:5] for m in msgs] == ["W054:"]


def test_saved_pages_and_sidecars(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    report = fetch_pages([f"{site.base}/news/vi.html", f"{site.base}/legacy.html"], out, **FAST)
    vi, legacy = report.pages()
    assert vi.read_bytes() == VI                                  # saved exactly as served
    meta = json.loads(vi.with_name(vi.stem + ".meta.json").read_text(encoding="utf-8"))
    assert meta["url"] == meta["final_url"] == f"{site.base}/news/vi.html"
    assert meta["title"] == "Việt Nam và Hàn Quốc thúc đẩy hợp tác sản xuất vắc xin"
    assert meta["date"] == "2021-10-14" and meta["author"] == "Minh Châu" and meta["charset"] == "utf-8"
    assert meta["fetched"].endswith("+00:00") and len(meta["sha256"]) == 64
    legacy_meta = json.loads(legacy.with_name(legacy.stem + ".meta.json").read_text(encoding="utf-8"))
    assert (legacy_meta["charset"], legacy_meta["encoding"]) == ("windows-1258", "cp1258")
    assert legacy_meta["title"] == meta["title"]
    # kg build reads the folder: sidecars are metadata, not articles; pages are cited by URL.
    msgs: list[str] = []
    [a] = read_articles([vi], warn=msgs.append)
    [b] = read_articles([legacy], warn=msgs.append)
    assert msgs == []
    assert a.doc == a.id == a.url == b.url == VI_CANONICAL
    assert a.fetched == meta["fetched"] and a.format == "html"
    assert article_text(a) == article_text(b)                     # the HTTP charset decoded the legacy page
    assert (a.encoding, b.encoding) == ("utf-8", "cp1258") and "declared cp1258" in b.encoding_note
    assert "Tin liên quan" not in a.text and "Ý kiến" not in a.text


def test_second_run_is_served_from_the_folder(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    urls = [f"{site.base}/moved", f"{site.base}/news/vi.html"]
    fetch_pages(urls, out, **FAST)
    before = list(site.paths())
    again = fetch_pages(urls + [f"{site.base}/news/en.html"], out, **FAST)
    assert [r.status for r in again.results] == ["cached", "cached", "cached"]
    assert site.paths() == before                                 # no request at all
    fresh = fetch_pages(urls, out, refresh=True, **FAST)
    assert [r.status for r in fresh.results] == ["fetched", "fetched"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        [p.name for p in fresh.pages()] + [p.stem + ".meta.json" for p in fresh.pages()])


@pytest.mark.parametrize("robots, outcome", [
    ((404, "not found"), "fetched"),        # no robots.txt: everything allowed
    ((503, "down"), "disallowed"),           # rules that cannot be read: nothing is fetched
    ((200, "User-agent: kg\nDisallow: /news/\n"), "disallowed"),
    ((200, "User-agent: otherbot\nDisallow: /\n"), "fetched"),
])
def test_robots_txt_rules(tmp_path: Path, robots: tuple[int, str], outcome: str) -> None:
    with Site(robots=robots) as s:
        msgs: list[str] = []
        try:
            report = fetch_pages([f"{s.base}/news/en.html"], tmp_path, warn=msgs.append, **FAST)
            status = report.results[0].status
        except NothingFetchedError:
            status = "disallowed" if msgs and msgs[0].startswith("W056") else "failed"
        assert status == outcome, msgs
        assert ("/news/en.html" in s.paths()) == (outcome == "fetched")


def test_connection_refused_names_the_url(tmp_path: Path) -> None:
    with Site() as s:
        dead = s.base
    msgs: list[str] = []
    with pytest.raises(NothingFetchedError) as err:
        fetch_pages([f"{dead}/news/en.html"], tmp_path, warn=msgs.append, **FAST)
    assert str(err.value).startswith("E052")
    assert len(msgs) == 1 and f"{dead}/news/en.html" in msgs[0]


def test_url_lists(tmp_path: Path) -> None:
    f = tmp_path / "urls.txt"
    f.write_text("# today's news\nhttps://a.example/1  first\n\n  https://a.example/2\n", encoding="utf-8")
    assert read_url_list(f) == ["https://a.example/1", "https://a.example/2"]
    with pytest.raises(URLListError, match="E051.*nope.txt"):
        read_url_list(tmp_path / "nope.txt")
    with pytest.raises(URLListError, match="E051"):
        fetch_pages([], tmp_path)


@pytest.mark.parametrize("url, key", [
    ("HTTP://Example.COM", "http://example.com/"),
    ("https://example.com:443/a?b=1#frag", "https://example.com/a?b=1"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
])
def test_normalise_url(url: str, key: str) -> None:
    assert normalise_url(url) == key


def test_cli_fetch_then_build(site: Site, tmp_path: Path) -> None:
    pages, graphs = tmp_path / "pages", tmp_path / "graphs"
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site.base}/news/en.html\n{site.base}/missing\n", encoding="utf-8")
    res = runner.invoke(app, ["fetch", f"{site.base}/news/vi.html", "--from", str(listing), "-o", str(pages),
                              "--delay", "0.01", "--timeout", "0.5", "--retries", "0"])
    assert res.exit_code == 0, res.output
    assert "W055" in res.output and f"{site.base}/missing" in res.output
    assert "2 fetched" in res.output and "1 failed" in res.output
    res = runner.invoke(app, ["build", str(pages), "-o", str(graphs), "-q"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in (graphs / "assertions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in recs} == {EN_CANONICAL, VI_CANONICAL}            # the pages' own URLs
    assert ("Australia", "providesAidTo", "Cambodia") in {
        (r["subject"]["label"], r["predicate"], r["object"]["label"]) for r in recs}
    ttl = (graphs / "graph.ttl").read_text(encoding="utf-8")
    assert EN_CANONICAL in ttl                                    # provenance points to the page's URL


def test_cli_fetch_errors_exit_cleanly(site: Site, tmp_path: Path) -> None:
    res = runner.invoke(app, ["fetch", "-o", str(tmp_path)])
    assert res.exit_code == 1 and "E051" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["fetch", f"{site.base}/missing", "-o", str(tmp_path), "-q", "--retries", "0"])
    assert res.exit_code == 1 and "E052" in res.output and f"{site.base}/missing" in res.output


class _FakeHttp:
    """Answers from a script: an int is an HTTP status, an exception is raised."""

    def __init__(self, script: list) -> None:
        self.script, self.calls = list(script), 0

    def get(self, url: str):
        self.calls += 1
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        status, headers, *body = step
        return kg.fetch.pages._Response(url, status, "", headers, body[0] if body else b"ok")


@pytest.mark.parametrize("script, sleeps, outcome", [
    ([kg.fetch.pages._NetError("timed out"), kg.fetch.pages._NetError("timed out"), (200, {})], [1.0, 2.0], 200),
    ([(503, {"Retry-After": "7"}), (200, {})], [7.0], 200),          # Retry-After beats a shorter backoff
    ([(429, {}), (429, {}), (429, {})], [1.0, 2.0], "HTTP 429  (3 attempts)"),
    ([(404, {})], [], 404),                                              # not worth retrying
])
def test_retries_and_backoff(script: list, sleeps: list, outcome) -> None:
    slept: list[float] = []
    now = [100.0]

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    client = kg.fetch.pages._Polite(_FakeHttp(script), delay=0.0, retries=2, backoff=1.0, sleep=sleep,
                              clock=lambda: now[0])
    try:
        result = client.get("http://h.example/a").status
    except kg.fetch.pages._NetError as exc:
        result = str(exc)
    assert (result, slept) == (outcome, sleeps)


def test_per_host_interval_and_crawl_delay() -> None:
    slept: list[float] = []
    now = [0.0]

    def sleep(s: float) -> None:
        slept.append(round(s, 3))
        now[0] += s

    client = kg.fetch.pages._Polite(_FakeHttp([(200, {})] * 5), delay=1.0, retries=0, backoff=1.0, sleep=sleep,
                              clock=lambda: now[0])
    client.get("http://a.example/1")
    client.get("http://b.example/1")          # another host: no wait
    client.get("http://a.example/2")          # one second after a.example/1
    client.host_delay["a.example"] = 5.0      # what robots.txt's Crawl-delay sets
    client.get("http://a.example/3")
    assert slept == [1.0, 5.0]


def test_robots_crawl_delay_slows_the_host_down() -> None:
    robots = b"User-agent: *\nCrawl-delay: 4\nDisallow: /private/\n"
    client = kg.fetch.pages._Polite(_FakeHttp([(200, {}, robots)]), delay=1.0, retries=0, backoff=1.0,
                              sleep=lambda s: None, clock=lambda: 0.0)
    rules = kg.fetch.pages._Robots(client, USER_AGENT)
    assert rules.refusal("http://a.example/news/1") is None
    assert rules.refusal("http://a.example/private/1") == "disallowed by robots.txt"
    assert client.host_delay == {"a.example": 4.0} and client.http.calls == 1


def test_non_ascii_url(site: Site, tmp_path: Path) -> None:
    url = f"{site.base}/tin/việt-nam hợp tác.html"
    report = fetch_pages([url], tmp_path, **FAST)
    assert report.results[0].status == "fetched" and report.pages()[0].name.startswith("127.0.0.1_viet-nam-hop-tac-")
    [a] = read_articles([tmp_path])
    assert a.doc == url                                   # cited by the URL as written, not percent-encoded


@pytest.mark.parametrize("path, page_id", [
    ("/news/en.html", EN_CANONICAL),                              # the canonical URL the page declares
    ("/moved", EN_CANONICAL),                                     # whatever URL led to it
    ("/home-canonical.html", None),                               # a home page is no article's URL
])
def test_one_page_one_id_fetched_or_saved(site: Site, tmp_path: Path, path: str, page_id: str | None) -> None:
    report = fetch_pages([f"{site.base}{path}"], tmp_path / "fetched", **FAST)
    [fetched] = read_articles([tmp_path / "fetched"])
    saved = tmp_path / "saved" / "page.html"                      # the same page saved from a browser
    saved.parent.mkdir()
    saved.write_bytes(report.pages()[0].read_bytes())
    [from_file] = read_articles([saved])
    if page_id is None:
        assert fetched.id == f"{site.base}{path}" and from_file.id.startswith("sha256:")
    else:
        assert fetched.id == from_file.id == page_id
