"""Per-article output fragments, cached between builds.

Most of each output is one part per article (an article's named graph, its
JSONL lines, its GraphML edges, the evidence of its assertions in the HTML
view), plus small corpus-wide parts (entities, the node list, headers). An
exporter that takes part asks :func:`current` for the :class:`Fragments` of
the build and, for each article, looks its part up under a key that covers
exactly what the part depends on: the article (all its fields), its
assertions as resolved, the corpus's extractor name, the exporters' code and
the ontology (:func:`doc_digest`), plus whatever entity data the exporter
embeds (it adds that to the key itself). An unchanged key means the same
text, so a rebuild writes the same bytes as a full build; the corpus-wide
parts are always computed afresh.

Fragments live in the build cache's SQLite file (table ``fragments``), not
compressed (about the size of the outputs themselves), as typed JSON sealed
with a checksum (:mod:`kg.plain`): each caller says the type of its parts,
and like the rest of the cache a damaged, edited or wrong-typed entry is a
W040 and only costs the time of rendering that part again. Without a build
cache (``--no-cache``) there is no :class:`Fragments` and every exporter
renders everything.

>>> from kg.model import Article, Corpus
>>> frags = Fragments(None, Corpus([Article("a", "text")]))
>>> frags.key("trig", "a") == frags.key("trig", "a") != frags.key("turtle", "a")
True
>>> frags.get("trig", frags.key("trig", "a"), str) is None
True
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import marshal
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..model import Article, Assertion, Corpus
from ..plain import codec, seal, unseal

Warn = Callable[[str], None]

_CURRENT: contextvars.ContextVar[Fragments | None] = contextvars.ContextVar("kg_fragments", default=None)


def current() -> Fragments | None:
    """The fragment cache of the output being written, or None (no cache)."""
    return _CURRENT.get()


@contextlib.contextmanager
def using(fragments: Fragments | None) -> Iterator[None]:
    """Make ``fragments`` the cache :func:`current` returns inside the block."""
    token = _CURRENT.set(fragments)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def export_fingerprint() -> str:
    """Hash of what any output fragment depends on besides its data: the
    exporters' code and the RDF layout and writers (and what they import),
    templates, pyoxigraph's version and the ontology (:mod:`kg.fingerprints`,
    level ``outputs``)."""
    from ..fingerprints import fingerprint

    return fingerprint("outputs")


class Fragments:
    """The fragment table of one build: keys, look-ups, stores, pruning.

    ``db`` is the SQLite file of the build cache (None: keys only, nothing
    stored, which the doctest and tests use).
    """

    def __init__(self, db: str | os.PathLike[str] | None, corpus: Corpus, *, warn: Warn | None = None,
                 salt: str = "") -> None:
        self.corpus = corpus
        self.salt = salt            # what else every part depends on: the digest of the user lexicons
        self.warn = warn
        self.used: dict[str, set[str]] = {}
        self.hits = self.misses = self.damaged = 0
        self.damage_note: str | None = None
        self._digests: dict[str, str] | None = None
        self._db: sqlite3.Connection | None = None
        self._path = db
        self._spool: sqlite3.Connection | None = None     # a forked writer's own file of new parts (side.py)
        self._spool_path: Path | None = None
        if db is not None:
            try:
                self._db = sqlite3.connect(db)
                self._db.execute("CREATE TABLE IF NOT EXISTS fragments (key TEXT PRIMARY KEY, fmt TEXT, value BLOB)")
                self._db.commit()
            except sqlite3.Error:
                # The extraction cache in the same file has said so already: just render everything.
                self._db = None

    def _disable(self, exc: Exception) -> None:
        if self.warn is not None:
            from ..errors import CacheUnavailableWarning
            self.warn(f"{CacheUnavailableWarning.code}: output fragments cannot be cached ({exc}); "
                      "writing the outputs in full")
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    # --- keys -------------------------------------------------------------
    def _doc_digests(self) -> dict[str, str]:
        if self._digests is None:
            self._digests = doc_digests(self.corpus)
        return self._digests

    def key(self, fmt: str, doc: str, *extra: Any) -> str:
        """Key of the part of output ``fmt`` for ``doc``; ``extra`` is what
        else the part embeds (e.g. entity names), as repr-able values."""
        base = self._doc_digests().get(doc)
        if base is None:        # a doc the corpus lacks: a key nothing else will have
            base = doc_digest(self.corpus.extractor, None, [], doc)
        h = hashlib.sha256(f"{fmt}\0{base}".encode() + (f"\0{self.salt}".encode() if self.salt else b""))
        if extra:
            h.update(repr(extra).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    # --- storage ----------------------------------------------------------
    def get(self, fmt: str, key: str, shape: Any) -> Any:
        """The part stored under ``key``, checked to be of type ``shape``
        (:mod:`kg.plain`), or None: not stored, or damaged (W040, once)."""
        self.used.setdefault(fmt, set()).add(key)
        if self._db is None:
            self.misses += 1
            return None
        try:
            row = self._db.execute("SELECT value FROM fragments WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._disable(exc)
            row = None
        if row is not None:
            try:
                payload = unseal(f"fragments\0{fmt}\0{key}", row[0])
                if payload is None:
                    raise ValueError("checksum mismatch")
                value = codec(shape).loads(payload)
            except Exception as exc:  # noqa: BLE001 - a damaged entry: render the part again
                self._damaged(fmt, exc)
                value = None
            if value is not None:
                self.hits += 1
                return value
        self.misses += 1
        return None

    def _damaged(self, fmt: str, exc: Exception | str) -> None:
        from ..errors import CacheEntryWarning

        self.damaged += 1
        if self.damaged == 1:
            detail = str(exc)[:200] or type(exc).__name__
            self.damage_note = (f"{CacheEntryWarning.code}: damaged output fragment in the build cache "
                                f"({fmt}: {detail}); writing that part again (further damaged fragments "
                                "are not listed)")
            if self.warn is not None and not self._spool_path:     # a forked child hands it back instead
                self.warn(self.damage_note)

    def put(self, fmt: str, key: str, value: Any, shape: Any) -> None:
        self.used.setdefault(fmt, set()).add(key)
        if self._db is None:
            return
        # Not compressed: zlib would make the cache 6x smaller, but decompressing
        # every fragment costs about a tenth of a rebuild (1 s at 2,000 articles).
        try:
            blob = seal(f"fragments\0{fmt}\0{key}", codec(shape).dumps(value))
        except (TypeError, ValueError):     # a value JSON cannot hold: just not cached
            return
        if self._spool_path is not None:
            if self._spool is not None:
                try:
                    self._spool.execute("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?)", (key, fmt, blob))
                except sqlite3.Error:
                    self._spool = None      # the parts are just not cached this time
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?)", (key, fmt, blob))
        except sqlite3.Error as exc:
            self._disable(exc)

    # --- a second process (kg.export.side) -------------------------------
    def for_child(self) -> Fragments:
        """A copy for a forked writer: the same keys, its own read-only connection
        (opened by :meth:`reopen` in the child), and its new parts in a file of
        its own beside the cache, which :meth:`absorb` copies in (SQLite has one
        writer at a time, and holding the parts in memory would cost hundreds of MB)."""
        child = Fragments(None, self.corpus, warn=self.warn, salt=self.salt)
        child._digests = self._doc_digests()        # computed once, before the fork
        if self._db is not None and self._path is not None:
            child._path = self._path
            child._spool_path = Path(self._path).with_name(f"side-{os.getpid()}-{id(child)}.sqlite")
        return child

    def reopen(self) -> None:
        if self._path is None:
            return
        try:
            self._db = sqlite3.connect(f"file:{Path(self._path).as_posix()}?mode=ro", uri=True)
        except sqlite3.Error:
            self._db = None
        if self._spool_path is not None:
            try:
                self._spool_path.unlink(missing_ok=True)
                self._spool = sqlite3.connect(self._spool_path)
                self._spool.execute("PRAGMA journal_mode=OFF")
                self._spool.execute("CREATE TABLE fragments (key TEXT PRIMARY KEY, fmt TEXT, value BLOB)")
            except (OSError, sqlite3.Error):
                self._spool = None

    def discard(self) -> None:
        """Remove a child's file of new parts (the child was stopped)."""
        if self._spool_path is not None:
            with contextlib.suppress(OSError):
                self._spool_path.unlink()

    def handover(self) -> dict[str, Any]:
        """What the parent needs from a child: where its new parts are, the keys it used."""
        for conn in (self._db, self._spool):
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.commit()
                    conn.close()
        spool = str(self._spool_path) if self._spool is not None else None
        return {"spool": spool, "used": self.used, "hits": self.hits, "misses": self.misses,
                "damage": self.damage_note}

    def absorb(self, handed: dict[str, Any] | None) -> None:
        """Copy a child's new parts into the cache and count its look-ups as ours."""
        if not handed:
            return
        for fmt, keys in handed["used"].items():
            self.used.setdefault(fmt, set()).update(keys)
        self.hits += handed["hits"]
        self.misses += handed["misses"]
        if handed.get("damage") and not self.damaged:
            self.damaged += 1
            if self.warn is not None:
                self.warn(handed["damage"])
        spool = handed.get("spool")
        if spool is None:
            return
        try:
            if self._db is not None:
                self._db.commit()           # ATTACH is refused inside a transaction
                self._db.execute("ATTACH DATABASE ? AS side", (spool,))
                self._db.execute("INSERT OR REPLACE INTO fragments SELECT key, fmt, value FROM side.fragments")
                self._db.commit()
                self._db.execute("DETACH DATABASE side")
        except sqlite3.Error as exc:
            self._disable(exc)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(spool)

    def close(self, *, prune: bool = True) -> None:
        """Commit; with ``prune``, drop the fragments of the formats written
        this time that this build did not use (other formats keep theirs)."""
        if self._db is None:
            return
        try:
            if prune and self.used:
                self._db.execute("CREATE TEMP TABLE used_fragments (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT OR IGNORE INTO used_fragments VALUES (?)",
                                     ((k,) for keys in self.used.values() for k in keys))
                for fmt in self.used:
                    self._db.execute("DELETE FROM fragments WHERE fmt = ? AND key NOT IN "
                                     "(SELECT key FROM used_fragments)", (fmt,))
                self._db.execute("DROP TABLE used_fragments")
            self._db.commit()
            self._db.close()
        except sqlite3.Error as exc:
            self._disable(exc)
        self._db = None


def _values(a: Assertion) -> tuple[Any, ...]:
    """An assertion's field values as plain data (quantities as tuples)."""
    d = a.__dict__
    if d["quantities"]:
        d = {**d, "quantities": [tuple(q.__dict__.values()) for q in d["quantities"]]}
    return tuple(d.values())


def doc_digest(extractor: str, article: Article | None, assertions: list[Assertion], doc: str) -> str:
    """Digest of everything of the corpus that belongs to ``doc``: its article
    (every field, text included) and its assertions in corpus order."""
    h = hashlib.sha256(f"{export_fingerprint()}\0{extractor}\0{doc}\0".encode("utf-8", "surrogatepass"))
    fields = None
    if article is not None:
        fields = dict(article.__dict__)
        h.update(fields.pop("text").encode("utf-8", "surrogatepass") + b"\0")
    values = (fields, [_values(a) for a in assertions])
    try:
        # Values, not pickle: pickle's bytes depend on which equal strings are
        # one object, which differs between a fresh extraction and a cache
        # replay. marshal version 2 writes no references and no interning, so
        # equal values give equal bytes; it is 3x faster than the JSON encoder.
        h.update(marshal.dumps(values, 2))
    except ValueError:          # an attribute value marshal lacks: repr, at worst a cache miss
        h.update(repr(values).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def doc_digests(corpus: Corpus) -> dict[str, str]:
    """:func:`doc_digest` of every doc of the corpus (articles last-wins by doc, as the exporters do)."""
    articles = {a.doc: a for a in corpus.articles}
    by_doc: dict[str, list[Assertion]] = {}
    for a in corpus.assertions:
        by_doc.setdefault(a.doc, []).append(a)
    return {doc: doc_digest(corpus.extractor, articles.get(doc), by_doc.get(doc, []), doc)
            for doc in dict.fromkeys([*articles, *by_doc])}


__all__ = ["Fragments", "current", "doc_digest", "doc_digests", "export_fingerprint", "using"]
