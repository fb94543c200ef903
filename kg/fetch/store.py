"""The output folder of ``kg fetch``: saved pages, their sidecars, and the cache they make.

A page is saved under a name derived from the URL asked for, so the same URL
always maps to the same file; its ``.meta.json`` sidecar is written last, so a
page without one is an interrupted download and is fetched again.

Sidecars are read back as untrusted data: a ``"file"`` that is not the plain
name of a file of the folder (``/elsewhere/x.html``, ``../x.html``, a link)
is ignored with W070, so nothing is ever read or written outside the folder.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Callable
from typing import Any

from .. import __version__
from ..errors import UnsafePathWarning
from ..export.atomic import atomic_write
from .urls import file_stem as _file_stem, normalise_url
from ..readers.files import SIDECAR_SUFFIX, sidecar_path

__all__ = ["PageStore", "Saved"]

_KINDS = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}
# What a browser takes for HTML when the server does not say (WHATWG MIME sniffing, 7.1).
_HTML_SIGNATURES = (b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1", b"<div", b"<font",
                    b"<table", b"<a", b"<style", b"<title", b"<b", b"<body", b"<br", b"<p", b"<!--")


@dataclass
class Saved:
    page: Path
    final_url: str
    meta: dict[str, Any]


class PageStore:
    """Pages already in ``out_dir`` (unless ``refresh``), and the saving of new ones."""

    def __init__(self, out_dir: Path, *, refresh: bool = False,
                 warn: Callable[[str], None] | None = None) -> None:
        self.dir = out_dir
        self.index: dict[str, Saved] = {}
        self.warn = warn or (lambda msg: None)
        if not refresh and out_dir.is_dir():
            for meta_path in sorted(out_dir.glob("*" + SIDECAR_SUFFIX)):
                self._load(meta_path)

    def _load(self, meta_path: Path) -> None:
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return                       # not ours, or damaged: the URL is fetched again
        if not isinstance(meta, dict) or not isinstance(meta.get("url"), str):
            return
        page = self._page(meta_path, meta.get("file"))
        if page is None or not _is_file(page):
            return
        if not isinstance(meta.get("also_requested"), list):
            meta["also_requested"] = []
        final = meta.get("final_url")
        saved = Saved(page, final if isinstance(final, str) and final else meta["url"], meta)
        for url in [meta["url"], final, *meta["also_requested"]]:
            if not isinstance(url, str) or not url:
                continue
            try:
                self.index[normalise_url(url)] = saved
            except ValueError:           # a malformed URL: it cannot be asked for either
                continue

    def _page(self, meta_path: Path, name: Any) -> Path | None:
        """The page a sidecar names, when it is a plain file name of this folder; else W070 and None."""
        if isinstance(name, str) and name and name == Path(name).name and name not in (".", "..") \
                and "\\" not in name and "\0" not in name:
            page = meta_path.parent / name
            if not page.is_symlink():
                return page
        self.warn(f"{UnsafePathWarning.code}: {meta_path}: its \"file\" {name!r} is not the name of a file "
                  "of this folder; ignored, the page is fetched again.")
        return None

    def lookup(self, url: str) -> Saved | None:
        return self.index.get(normalise_url(url))

    def alias(self, url: str, saved: Saved) -> None:
        """Remember that ``url`` leads to an already saved page, in this run and the next ones."""
        self.index[normalise_url(url)] = saved
        also = saved.meta.setdefault("also_requested", [])
        if url not in also:
            also.append(url)
            self._write_meta(saved.page, saved.meta)

    def save(self, url: str, resp: Any, *, redirects: list[str], user_agent: str) -> Saved:
        """Write the page and its sidecar; ``ValueError`` for content kg cannot read."""
        ext = _kind(resp.headers, resp.body)
        if ext is None:
            ctype = resp.headers.get("Content-Type") if resp.headers is not None else None
            raise ValueError(f"unsupported content type {ctype}; kg reads HTML and plain text")
        if not resp.body.strip():
            raise ValueError("the server sent an empty page")
        charset = resp.headers.get_content_charset() if resp.headers is not None else None
        page = self.dir / (_file_stem(url) + ext)
        meta: dict[str, Any] = {
            "url": url, "final_url": resp.url, "redirects": redirects, "file": page.name,
            "fetched": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "status": resp.status, "content_type": resp.headers.get("Content-Type") if resp.headers else None,
            "charset": charset, "bytes": len(resp.body), "sha256": hashlib.sha256(resp.body).hexdigest(),
            "user_agent": user_agent, "kg_version": __version__,
            **_page_metadata(resp.body, ext, charset, resp.url)}
        with atomic_write(page, mode="wb") as fh:
            fh.write(resp.body)
        self._write_meta(page, meta)
        saved = Saved(page, resp.url, meta)
        for u in (url, resp.url, *redirects):
            self.index[normalise_url(u)] = saved
        return saved

    def _write_meta(self, page: Path, meta: dict[str, Any]) -> None:
        with atomic_write(sidecar_path(page)) as fh:
            fh.write(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):        # a name too long for the file system
        return False


def _kind(headers: Any, body: bytes) -> str | None:
    """".html", ".txt" or None (not for kg), from the Content-Type and, when the
    server gives none (or a vague or plain-text one), from the body itself."""
    declared = headers.get("Content-Type") if headers is not None else None
    ctype = headers.get_content_type() if declared else ""
    if ctype and ctype not in ("text/plain", "application/octet-stream"):
        return _KINDS.get(ctype)
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")[:16].lower()
    if any(start.startswith(sig) and start[len(sig):len(sig) + 1] in (b" ", b">", b"\t", b"\n", b"\r")
           for sig in _HTML_SIGNATURES):
        # Plain text that opens with a full HTML tag is a page served with the wrong type.
        if ctype != "text/plain" or start.startswith((b"<!doctype html", b"<html")):
            return ".html"
    if ctype == "text/plain" or (not ctype and b"\0" not in body[:1024]):
        return ".txt"
    return None


def _page_metadata(body: bytes, ext: str, charset: str | None, url: str) -> dict[str, Any]:
    """Title, date and author for the sidecar, read the way ``kg build`` will read them."""
    from ..readers.encoding import declared_charset, decode_bytes

    decoded = decode_bytes(body, declared=charset or (declared_charset(body) if ext == ".html" else None))
    if decoded is None:
        return {"title": None, "date": None, "author": None, "encoding": None}
    found = {"encoding": decoded.encoding}
    try:
        if ext == ".html":
            from ..readers.html import extract_page

            info = extract_page(decoded.text, url=url, text=False)
            found.update(title=info.title, date=info.date, author=info.author, canonical_url=info.url)
        else:
            from ..readers.text import parse_article

            art = parse_article(decoded.text, doc="")
            found.update(title=art.title, date=art.date, author=None)
    except Exception as exc:  # noqa: BLE001 - metadata is a convenience; the page itself is saved
        logging.getLogger(__name__).debug("no metadata for %s: %s", url, exc)
        found.update(title=None, date=None, author=None)
    return found
