"""Incremental builds: a store of plain records, keyed by content and code.

:class:`BuildCache` keeps records in one SQLite file, in tables ``files``
(a file's parsed articles) and ``entries`` (an article's extraction); the
output fragments (:mod:`kg.export.fragments`) live in the same file. What the
records mean, and the person tracking that makes replaying an article exact,
live elsewhere (:mod:`kg.build.cache_records`, :mod:`kg.build.people_tracking`).

Trust: the cache folder is data, never code. A record is JSON, read back
only through a :class:`~kg.plain.Codec` that checks it against the type it
should have, and sealed with a checksum over its table, key and bytes. A
record that is damaged, edited or of the wrong type is a W040 and the work is
done again; nothing in the cache can run code or stop the build.

Keys cover the input (a file's path and bytes; an article's parsed content,
not its path, so a moved folder stays cached) and the fingerprint of the code
and data of that level (:mod:`kg.fingerprints`): a fix to a reader
invalidates parsed files, a change to a lexicon or a rule invalidates
extractions, and an edit to ``kg fetch`` invalidates nothing.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
import warnings
import zlib
from pathlib import Path
from typing import Any, Callable

from ..errors import CacheEntryWarning, CacheUnavailableWarning
from ..fingerprints import fingerprint
from ..model import Article
from ..plain import codec, seal, unseal

CACHE_FILE = "cache.sqlite"
TABLES = ("entries", "files")
# New entries are committed at least this often, so a build that is killed
# (SIGKILL, power loss) keeps most of its work for the next run.
COMMIT_SECONDS = 1.0
Warn = Callable[[str], None]


# ------------------------------------------------------------------- keys
def file_key(path: Path, data: bytes) -> str:
    """Key of a file's parse: its path and bytes, and the readers' fingerprint."""
    h = hashlib.sha256(fingerprint("files").encode())
    h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    h.update(data)
    return h.hexdigest()


def article_key(article: Article, lexicon: str = "") -> str:
    """Cache key of an article: its parsed content (not its path), the extraction fingerprint
    and ``lexicon``, the digest of the build's user lexicons ("" when there are none)."""
    content = (article.doc, article.text, article.url, article.title, article.title_span, article.date,
               article.lang, article.body, article.dropped)
    h = hashlib.sha256(fingerprint("extraction").encode() + (f"+{lexicon}".encode() if lexicon else b""))
    h.update(repr(content).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# ---------------------------------------------------------------- storage
def _default_warn(msg: str) -> None:
    warnings.warn(msg, CacheUnavailableWarning if msg.startswith(CacheUnavailableWarning.code)
                  else CacheEntryWarning, stacklevel=3)


def encode_record(table: str, key: str, value: Any, shape: Any) -> bytes:
    """The stored bytes of a record: compressed typed JSON, sealed with its table and key."""
    return seal(f"{table}\0{key}", zlib.compress(codec(shape).dumps(value), 1))


def decode_record(table: str, key: str, blob: bytes, shape: Any) -> Any:
    """The record in ``blob``; raises ValueError (or a decoding error) when it is not intact."""
    payload = unseal(f"{table}\0{key}", blob)
    if payload is None:
        raise ValueError("checksum mismatch")
    return codec(shape).loads(zlib.decompress(payload))


class BuildCache:
    """Records in one SQLite file; a broken or unwritable cache only costs time.

    Failures are reported through ``warn`` (W040 for the first damaged record
    of each table, W041 for a cache that cannot be used) and the build goes
    on without the record, or without the cache.
    """

    def __init__(self, folder: str | os.PathLike[str], *, warn: Warn | None = None) -> None:
        self.folder = Path(folder)
        self.warn = warn or _default_warn
        self.used: set[str] = set()
        self.damaged: dict[str, int] = {}
        self._db: sqlite3.Connection | None = None
        self._committed = time.monotonic()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / CACHE_FILE)
            # WAL: the process that writes the HTML view (kg.export.side) reads
            # output fragments while this one writes, and neither blocks the other.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA journal_mode=WAL")
            for table in TABLES:
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)")
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)

    def _disable(self, exc: Exception) -> None:
        self.warn(f"{CacheUnavailableWarning.code}: build cache {self.folder} cannot be used ({exc}); "
                  "building without it")
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, table: str, key: str, shape: Any) -> Any:
        """The record of type ``shape`` stored under ``key`` in ``table``, or None."""
        self.used.add(key)
        if self._db is None:
            return None
        try:
            row = self._db.execute(f"SELECT value FROM {table} WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._disable(exc)
            return None
        if row is None:
            return None
        try:
            return decode_record(table, key, row[0], shape)
        except Exception as exc:  # noqa: BLE001 - any damage means: do the work again
            self._damaged(table, exc)
            return None

    def _damaged(self, table: str, exc: Exception) -> None:
        self.damaged[table] = self.damaged.get(table, 0) + 1
        if self.damaged[table] == 1:
            detail = str(exc)[:200] or type(exc).__name__
            self.warn(f"{CacheEntryWarning.code}: damaged build-cache record in {self.folder} ({table}: "
                      f"{detail}); doing that work again (further damaged records are not listed)")

    def put(self, table: str, key: str, value: Any, shape: Any) -> None:
        self.used.add(key)
        if self._db is None:
            return
        try:
            blob = encode_record(table, key, value, shape)
        except (TypeError, ValueError):     # a value JSON cannot hold: just not cached
            return
        try:
            self._db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, blob))
            if time.monotonic() - self._committed > COMMIT_SECONDS:
                self._db.commit()
                self._committed = time.monotonic()
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self, *, prune: bool = True) -> None:
        """Commit; with ``prune``, drop records this build did not use (old versions of articles)."""
        if self._db is None:
            return
        try:
            if prune:
                self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                for table in TABLES:
                    self._db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
                self._db.execute("DROP TABLE used")
            self._db.commit()
            self._db.close()
        except sqlite3.Error as exc:
            self._disable(exc)
        self._db = None


def entry_size(value: Any, shape: Any) -> int:
    """Bytes a record takes in the cache (for the benchmark)."""
    return len(encode_record("entries", "", value, shape))


__all__ = ["CACHE_FILE", "BuildCache", "article_key", "decode_record", "encode_record", "entry_size",
           "file_key"]
