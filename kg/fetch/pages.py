"""Download news pages politely and save them as reproducible inputs for ``kg build``.

Each page is saved as it was served (``<host>_<slug>-<hash>.html`` or
``.txt``) next to a ``.meta.json`` sidecar with the URL asked for, the URL
finally served, the fetch time, the HTTP charset, a SHA-256 of the bytes and
the title, date and author read from the page. ``kg build DIR`` reads both,
and cites each article by its URL.

Politeness: a user agent that names kg, timeouts, retries with exponential
backoff (honouring ``Retry-After``) on timeouts, connection errors, 429 and
5xx; robots.txt read with :mod:`urllib.robotparser` (its ``Crawl-delay``
too); one request at a time, with at least ``delay`` seconds between two
requests to one host. The output folder is the cache: a URL whose page is
already there is not fetched again, nor is a redirect to a page already saved.
A failure is a warning that names the URL; the other downloads go on.

>>> _file_stem("https://tin.example.vn/the-gioi/viet-nam-lao-4412345.html?utm=x")
'tin.example.vn_viet-nam-lao-4412345-618d8b2928b3'
>>> normalise_url("HTTPS://Tin.Example.vn:443/a#comments")
'https://tin.example.vn/a'
"""
from __future__ import annotations

import hashlib
import re
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from .. import __version__
from ..errors import (BadURLWarning, FetchWarning, NothingFetchedError, RobotsWarning, UnsafePathWarning,
                     URLListError)

from .urls import file_stem as _file_stem, normalise_url


__all__ = ["fetch_pages", "read_url_list", "normalise_url", "FetchReport", "FetchResult", "USER_AGENT"]

USER_AGENT = f"kg/{__version__} (news knowledge-graph builder; polite: robots.txt, rate-limited)"
Progress = Callable[[str, int, int], None]
Warn = Callable[[str], None]
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUS = (408, 425, 429, 500, 502, 503, 504)
_MAX_CRAWL_DELAY = 30.0


@dataclass
class FetchResult:
    url: str
    status: str                  # fetched | cached | failed | disallowed | invalid
    path: Path | None = None     # the saved page
    final_url: str | None = None
    message: str = ""


@dataclass
class FetchReport:
    out_dir: Path
    results: list[FetchResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def pages(self) -> list[Path]:
        """The saved pages of the URLs asked for (fetched now or before)."""
        return [r.path for r in self.results if r.path is not None]


def _valid(url: str) -> bool:
    """An http(s) URL with a host and a port that exist (``http://[::1`` or port 99999 are not)."""
    try:
        parts = urlsplit(url)
        parts.port                       # raises ValueError when out of range or not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _join(base: str, location: str) -> str:
    """Where a redirect leads; a Location that is no URL comes back as it is (and fails ``_valid``)."""
    try:
        return urljoin(base, location)
    except ValueError:
        return location


def _ascii_url(url: str) -> str:
    """The URL as HTTP needs it: an IDNA host and a percent-encoded path and query.

    >>> _ascii_url("https://báo.example/tin/việt nam.html?q=hà nội")
    'https://xn--bo-mia.example/tin/vi%E1%BB%87t%20nam.html?q=h%C3%A0%20n%E1%BB%99i'
    """
    from urllib.parse import quote

    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = (parts.hostname or "").encode("idna").decode("ascii")
        netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%:@!$&'()*+,;=-._~"),
                       quote(parts.query, safe="=&%/:?@!$'()*+,;-._~"), ""))


def read_url_list(path: str | Path) -> list[str]:
    """URLs of a list file, one per line (``-`` is stdin); blank lines and ``#`` comments are skipped."""
    import sys

    try:
        text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise URLListError(f"cannot read the URL list {path}: {reason}") from exc
    return [line.split()[0] for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


# --------------------------------------------------------------------------- HTTP

@dataclass
class _Response:
    url: str
    status: int
    reason: str
    headers: Any                 # http.client.HTTPMessage
    body: bytes = b""


class _NetError(Exception):
    """A request that got no HTTP answer (timeout, refused, DNS, reset)."""


class _Http:
    """One GET, no automatic redirect (each hop is checked against robots.txt and the cache)."""

    def __init__(self, user_agent: str, timeout: float, max_bytes: int, max_time: float = 60.0) -> None:
        import urllib.request

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.opener = urllib.request.build_opener(NoRedirect)
        self.headers = {"User-Agent": user_agent, "Accept-Language": "vi,en;q=0.8",
                        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
        self.timeout, self.max_bytes, self.max_time = timeout, max_bytes, max_time

    def get(self, url: str) -> _Response:
        import http.client
        import urllib.error
        import urllib.request

        try:
            req = urllib.request.Request(_ascii_url(url), headers=self.headers)
        except (UnicodeError, ValueError) as exc:
            raise _NetError(f"not a URL that can be requested ({exc})") from exc
        started = time.monotonic()
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                body = self._read(resp, started)
                if len(body) > self.max_bytes:
                    return _Response(url, 0, f"larger than {self.max_bytes} bytes", resp.headers)
                return _Response(url, resp.status, resp.reason, resp.headers, body)
        except urllib.error.HTTPError as exc:
            with exc:
                return _Response(url, exc.code, str(exc.reason), exc.headers)
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                raise _NetError(f"timed out after {self.timeout:g} s") from exc
            raise _NetError(str(reason) or type(exc).__name__) from exc


    def _read(self, resp: Any, started: float) -> bytes:
        """The body, read as it comes, within ``max_time`` of the start of the request:
        ``timeout`` bounds each wait, not a server that sends one byte a second."""
        chunks, size = [], 0
        while size <= self.max_bytes:
            if self.max_time and time.monotonic() - started > self.max_time:
                raise _NetError(f"the page took longer than {self.max_time:g} s to arrive (--max-time)")
            chunk = resp.read1(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


class _Polite:
    """Retries with backoff and a minimum interval per host around :class:`_Http`."""

    def __init__(self, http: _Http, *, delay: float, retries: int, backoff: float,
                 sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        self.http, self.delay, self.retries, self.backoff = http, delay, retries, backoff
        self.sleep, self.clock = sleep, clock
        self.last: dict[str, float] = {}
        self.host_delay: dict[str, float] = {}

    def _wait(self, host: str) -> None:
        if host in self.last:
            gap = self.last[host] + self.host_delay.get(host, self.delay) - self.clock()
            if gap > 0:
                self.sleep(gap)
        self.last[host] = self.clock()

    def get(self, url: str) -> _Response:
        """The answer to ``url`` after retries; raises :class:`_NetError` when there was none."""
        host = urlsplit(url).netloc
        for attempt in range(self.retries + 1):
            self._wait(host)
            try:
                resp = self.http.get(url)
            except _NetError as exc:
                problem, pause = str(exc), self.backoff * 2 ** attempt
            else:
                if resp.status not in _RETRY_STATUS:
                    return resp
                problem = f"HTTP {resp.status} {resp.reason}"
                pause = max(self.backoff * 2 ** attempt, _retry_after(resp.headers))
            if attempt < self.retries:
                self.sleep(min(pause, 120.0))
        tries = f" ({self.retries + 1} attempts)" if self.retries else ""
        raise _NetError(problem + tries)


def _retry_after(headers: Any) -> float:
    value = headers.get("Retry-After", "") if headers is not None else ""
    return float(value) if re.fullmatch(r"\d+(\.\d+)?", value.strip()) else 0.0


class _Robots:
    """robots.txt of each host, read once per run through the polite client."""

    def __init__(self, client: _Polite, user_agent: str) -> None:
        self.client, self.agent = client, user_agent
        self.rules: dict[str, Any] = {}

    def refusal(self, url: str) -> str | None:
        """Why ``url`` must not be fetched, or ``None`` when it may."""
        from urllib.robotparser import RobotFileParser

        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.rules:
            rules = RobotFileParser(site + "/robots.txt")
            try:
                resp = self._follow(site + "/robots.txt")
            except _NetError as exc:
                rules = f"robots.txt of {site} could not be read ({exc}); kg does not fetch from a site " \
                        "whose rules it cannot read"
            else:
                if resp.status == 200:
                    rules.parse(resp.body.decode("utf-8", "replace").splitlines())
                elif 400 <= resp.status < 500:
                    rules.parse([])         # no robots.txt: everything is allowed (RFC 9309)
                else:
                    rules = f"robots.txt of {site} answered HTTP {resp.status}; kg does not fetch from " \
                            "a site whose rules it cannot read"
            if not isinstance(rules, str):
                delay = rules.crawl_delay(self.agent)
                if delay:
                    self.client.host_delay[parts.netloc] = min(max(float(delay), self.client.delay),
                                                               _MAX_CRAWL_DELAY)
            self.rules[site] = rules
        rules = self.rules[site]
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(self.agent, url) else "disallowed by robots.txt"

    def _follow(self, url: str) -> _Response:
        for _ in range(5):                  # robots.txt often redirects http → https
            resp = self.client.get(url)
            if resp.status not in _REDIRECTS or not resp.headers.get("Location"):
                return resp
            url = _join(url, resp.headers["Location"])
            if not _valid(url):
                raise _NetError(f"robots.txt redirects to {url}, not a valid http(s) URL")
        return resp


# --------------------------------------------------------------------------- the job

def fetch_pages(urls: Iterable[str], out_dir: str | Path, *, url_files: Iterable[str | Path] = (),
                user_agent: str = USER_AGENT, timeout: float = 20.0, retries: int = 2,
                backoff: float = 1.0, delay: float = 1.0, max_redirects: int = 5, max_time: float = 60.0,
                max_bytes: int = 20_000_000, refresh: bool = False, progress: Progress | None = None,
                warn: Warn | None = None, sleep: Callable[[float], None] = time.sleep,
                clock: Callable[[], float] = time.monotonic) -> FetchReport:
    """Download ``urls`` (and those listed in ``url_files``) into ``out_dir``.

    Returns a :class:`FetchReport` with one result per distinct URL. Failures
    are reported through ``warn`` (W055 network or HTTP error, W056 robots.txt,
    W057 not an http(s) URL, W070 a sidecar naming a file outside ``out_dir``)
    and never stop the other downloads. ``timeout`` bounds each wait for the
    server, ``max_time`` (0: none) the whole download of one page. Raises
    :class:`~kg.errors.URLListError` when there is no URL or a list cannot be
    read, and :class:`~kg.errors.NothingFetchedError` when every URL failed.
    """
    from .store import PageStore

    emit = warn or _default_warn
    wanted = list(urls) + [u for f in url_files for u in read_url_list(f)]
    if not wanted:
        raise URLListError("no URL to fetch: give URLs or --from FILE with one URL per line.")
    report = FetchReport(Path(out_dir))
    store = PageStore(Path(out_dir), refresh=refresh, warn=emit)
    client = _Polite(_Http(user_agent, timeout, max_bytes, max_time), delay=delay, retries=retries,
                     backoff=backoff, sleep=sleep, clock=clock)
    robots = _Robots(client, user_agent)
    todo = list(dict.fromkeys(u.strip() for u in wanted))
    for n, url in enumerate(todo, 1):
        if progress:
            progress(url, n - 1, len(todo))
        result = _fetch_one(url, store, client, robots, max_redirects, user_agent)
        report.results.append(result)
        if result.status in ("failed", "disallowed", "invalid"):
            category = {"disallowed": RobotsWarning, "invalid": BadURLWarning}.get(result.status, FetchWarning)
            emit(f"{category.code}: {url}: {result.message}")
    if progress:
        progress("done", len(todo), len(todo))
    if not report.pages():
        raise NothingFetchedError(f"{len(todo)} URL(s)")
    return report


def _fetch_one(url: str, store: Any, client: _Polite, robots: _Robots, max_redirects: int,
               user_agent: str) -> FetchResult:
    if not _valid(url):
        return FetchResult(url, "invalid", message="not a valid http(s) URL; skipped")
    if (hit := store.lookup(url)) is not None:
        return FetchResult(url, "cached", hit.page, hit.final_url, "already saved")
    current, hops = url, []
    while True:
        if current != url and (hit := store.lookup(current)) is not None:
            store.alias(url, hit)
            return FetchResult(url, "cached", hit.page, hit.final_url, f"redirects to {current}, already saved")
        if (why := robots.refusal(current)) is not None:
            return FetchResult(url, "disallowed", message=why + (f" (redirected to {current})" if hops else ""))
        try:
            resp = client.get(current)
        except _NetError as exc:
            return FetchResult(url, "failed", message=str(exc) + (f" (redirected to {current})" if hops else ""))
        if resp.status in _REDIRECTS and resp.headers.get("Location"):
            nxt = _join(current, resp.headers["Location"])
            hops.append(nxt)
            if not _valid(nxt) or len(hops) > max_redirects:
                return FetchResult(url, "failed", message=f"redirect to {nxt}: " + (
                    "too many redirects" if _valid(nxt) else "not an http(s) URL"))
            current = nxt
            continue
        if resp.status != 200:
            reason = f"HTTP {resp.status} {resp.reason}".strip() if resp.status else resp.reason
            return FetchResult(url, "failed", message=reason)
        try:
            saved = store.save(url, resp, redirects=hops, user_agent=user_agent)
        except ValueError as exc:
            return FetchResult(url, "failed", message=str(exc))
        return FetchResult(url, "fetched", saved.page, saved.final_url)


def _default_warn(msg: str) -> None:
    category = {c.code: c for c in (FetchWarning, RobotsWarning, BadURLWarning, UnsafePathWarning)
                }.get(msg[:4], FetchWarning)
    warnings.warn(msg, category, stacklevel=3)

