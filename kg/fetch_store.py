"""The output folder of ``kg fetch``: saved pages, their sidecars, and the cache they make.

A page is saved under a name derived from the URL asked for, so the same URL
always maps to the same file; its ``.meta.json`` sidecar is written last, so a
page without one is an interrupted download and is fetched again.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import __version__
from .export.atomic import atomic_write
from .fetch import _file_stem, normalise_url
from .readers.files import SIDECAR_SUFFIX, sidecar_path

__all__ = ["PageStore", "Saved"]

_KINDS = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}


@dataclass
class Saved:
    page: Path
    final_url: str
    meta: dict[str, Any]


class PageStore:
    """Pages already in ``out_dir`` (unless ``refresh``), and the saving of new ones."""

    def __init__(self, out_dir: Path, *, refresh: bool = False) -> None:
        self.dir = out_dir
        self.index: dict[str, Saved] = {}
        if not refresh and out_dir.is_dir():
            for meta_path in sorted(out_dir.glob("*" + SIDECAR_SUFFIX)):
                self._load(meta_path)

    def _load(self, meta_path: Path) -> None:
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            page = meta_path.parent / meta["file"]
        except (OSError, ValueError, KeyError, TypeError):
            return                       # not ours, or damaged: the URL is fetched again
        if page.is_file():
            saved = Saved(page, meta.get("final_url") or meta["url"], meta)
            for url in [meta.get("url"), meta.get("final_url"), *meta.get("also_requested", [])]:
                if url:
                    self.index[normalise_url(url)] = saved

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
        ctype = (resp.headers.get_content_type() if resp.headers is not None else "") or ""
        ext = _KINDS.get(ctype) or (".html" if ctype in ("", "application/octet-stream")
                                    and resp.body.lstrip()[:1] == b"<" else None)
        if ext is None:
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


def _page_metadata(body: bytes, ext: str, charset: str | None, url: str) -> dict[str, Any]:
    """Title, date and author for the sidecar, read the way ``kg build`` will read them."""
    from .readers.encoding import declared_charset, decode_bytes

    decoded = decode_bytes(body, declared=charset or (declared_charset(body) if ext == ".html" else None))
    if decoded is None:
        return {"title": None, "date": None, "author": None, "encoding": None}
    found = {"encoding": decoded.encoding}
    try:
        if ext == ".html":
            from .readers.html import extract_page

            info = extract_page(decoded.text, url=url, text=False)
            found.update(title=info.title, date=info.date, author=info.author, canonical_url=info.url)
        else:
            from .readers.text import parse_article

            art = parse_article(decoded.text, doc="")
            found.update(title=art.title, date=art.date, author=None)
    except Exception as exc:  # noqa: BLE001 - metadata is a convenience; the page itself is saved
        logging.getLogger(__name__).debug("no metadata for %s: %s", url, exc)
        found.update(title=None, date=None, author=None)
    return found
