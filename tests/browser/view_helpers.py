"""Headless Chromium for the HTML view: Debian's ``chromium`` driven by playwright.

Every page is opened from ``file://`` in an offline browser context. Each
request is logged and any that is not ``file://`` is aborted and recorded,
Content-Security-Policy violations, console errors, uncaught exceptions and
dialogs (``alert``) are recorded too, so a test can prove the page stayed
inside its file and ran nothing it should not.

Playwright never downloads a browser here: it launches the system Chromium
(``$KG_CHROMIUM`` or ``chromium`` on the PATH). Without it, or without the
playwright package, these tests skip and say why.

The fixtures live here, not in a conftest.py, because ``--doctest-modules``
would collect a second ``conftest`` module beside ``tests/conftest.py``; test
modules import them.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 860}
READY_TIMEOUT_MS = 60_000


def skip_reason() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed: pip install -e '.[test]'"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (or set KG_CHROMIUM)"
    return None


# Records, in the page, what CSP blocked and whether injected code ever ran.
WATCH = """
window.__kgCsp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__kgCsp.push(e.violatedDirective + " " + e.blockedURI));
"""


@dataclass
class OpenedPage:
    """A page of the view and everything it did that a test may object to."""

    page: Any                                  # playwright.sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("() => window.__kgCsp")

    def assert_clean(self) -> None:
        """No request left the file, nothing was blocked, nothing failed, nothing popped up."""
        assert self.blocked == [], f"requests outside the file: {self.blocked}"
        assert all(u.startswith("file://") for u in self.requests), self.requests
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], self.dialogs
        assert self.csp_violations() == []


def open_page(context: Any, path: Path, init_script: str | None = None) -> OpenedPage:
    """Open a page of the view in ``context`` and wait until it is drawn, every edge
    included; ``init_script`` runs in the page before its own scripts."""
    page = context.new_page()
    if init_script:
        page.add_init_script(init_script)
    opened = OpenedPage(page, Path(path).resolve().as_uri())

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            opened.blocked.append(r.request.url)
            r.abort()

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.route("**/*", route)
    page.on("request", lambda req: opened.requests.append(req.url))
    page.on("console", lambda msg: opened.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.page_errors.append(str(exc)))
    page.on("dialog", dialog)
    page.goto(opened.url, wait_until="load")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=READY_TIMEOUT_MS)
    # A large graph's first picture has its strongest edges; the others follow: wait for them.
    page.wait_for_selector("body[data-complete=true]", state="attached", timeout=READY_TIMEOUT_MS)
    return opened


def edge_point(page: Any, edge_id: str) -> dict[str, float] | None:
    """Where to click to hit ``edge_id`` alone (its middle, in page pixels), or None."""
    return page.evaluate("""id => {
        const net = kgView.network, edge = net.body.edges[id];
        if (!edge) return null;
        const mid = edge.edgeType.getPoint(0.5);
        const dom = net.canvasToDOM(mid);
        if (net.getEdgeAt(dom) !== id || net.getNodeAt(dom) !== undefined) return null;
        const box = document.getElementById("graph").getBoundingClientRect();
        const x = box.left + dom.x, y = box.top + dom.y;
        const top = document.elementFromPoint(x, y);      // not under the legend or off-screen
        return top && top.tagName === "CANVAS" ? {x: x, y: y} : null;
    }""", edge_id)


_SHARED: dict[str, Any] = {}


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One offline Chromium for the whole session. Each test module that imports
    this fixture gets its own copy of it, and playwright's sync API cannot run
    twice at once: the first copy starts the browser, the others share it."""
    if "context" in _SHARED:
        yield _SHARED["context"]
        return
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")      # a fresh --user-data-dir
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            offline=True, viewport=VIEWPORT, locale="vi-VN", service_workers="block")
        context.add_init_script(WATCH)
        _SHARED["context"] = context
        try:
            yield context
        finally:
            _SHARED.pop("context", None)
            context.close()


@pytest.fixture
def open_view(browser_context: Any) -> Iterator[Callable[..., OpenedPage]]:
    """``open_view(path, init_script=None)``: a fresh page of the view, closed after the test."""
    pages: list[OpenedPage] = []

    def _open(path: Path, init_script: str | None = None) -> OpenedPage:
        pages.append(open_page(browser_context, path, init_script))
        return pages[-1]

    yield _open
    for opened in pages:
        opened.page.close()
