"""Incremental builds: reuse what an unchanged article gave last time.

An article's assertions depend on its own text and on the people the corpus
named before it: :class:`~kg.coref.PersonIndex` is corpus-wide, so "Sergei
Lavrov" in article 9 gets the id and the country that article 2 gave him. A
cache keyed by the article alone would therefore be wrong as soon as an earlier
article changes. Each cache entry holds the article's assertions *and* a
:class:`ResolutionRecord`: which names it looked up in the index, what those
people looked like before the article, and what the article added. A later
build replays the entry only if the index answers those look-ups the same way
(it then applies the same additions); otherwise the article is extracted again.
This is memoisation with read-set validation: the replayed build is identical to
a full one.

The key of an entry covers the parsed article (text, language, spans; not its
path, so a moved folder stays cached), the extractor version, the lexicons in
``kg/resources/`` and the source of the extraction modules, so editing a rule
or a lexicon invalidates everything.

>>> from kg.coref import Person
>>> index = TrackedPersonIndex(set())
>>> index.begin_article()
>>> index.add("Sergey Lavrov").positions.add("position/foreign-minister")
>>> record = index.end_article()
>>> record.created[0][0], record.lookups
('person/sergey-lavrov', {'Sergey Lavrov': None})
>>> fresh = TrackedPersonIndex(set())
>>> fresh.replay(record)
True
>>> fresh.find("Sergei Lavrov").positions
{'position/foreign-minister'}
"""
from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
import pickle
import sqlite3
import time
import warnings
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import EXTRACTOR
from .coref import Person, PersonIndex, _similar
from .errors import CacheEntryWarning, CacheUnavailableWarning
from .extract import Extractor
from .lexicon import Lexicon
from .model import Article, Assertion
from .text import fold

CACHE_FORMAT = 1
CACHE_FILE = "cache.sqlite"
# New entries are committed at least this often, so a build that is killed
# (SIGKILL, power loss) keeps most of its work for the next run.
COMMIT_SECONDS = 1.0
Warn = Callable[[str], None]

# (tokens, vietnamese, positions, country, org): what resolution reads of a person.
Snapshot = tuple[tuple[str, ...], bool, frozenset[str], str | None, str | None]


def _snapshot(p: Person) -> Snapshot:
    return (p.tokens, p.vietnamese, frozenset(p.positions), p.country, p.org)


@dataclass
class ResolutionRecord:
    """What one article read from, and wrote to, the corpus-wide person index."""

    lookups: dict[str, str | None] = field(default_factory=dict)     # name -> person found before the article
    before: dict[str, Snapshot] = field(default_factory=dict)         # person id -> state before the article
    created: list[tuple[str, tuple[str, ...], bool]] = field(default_factory=list)   # new people, in order
    after: dict[str, tuple[list[str], frozenset[str], str | None, str | None]] = field(default_factory=dict)
    entities: list[tuple[str, str]] = field(default_factory=list)     # Extractor.new_entity calls, in order
    replayable: bool = True


class TrackedPersonIndex(PersonIndex):
    """A :class:`PersonIndex` with hash look-ups and a record of each article's reads and writes.

    ``PersonIndex.find`` scans every person; here exact names are a dict
    look-up and near-identical first names are only compared within the
    same family name, so resolution costs the same for the 10th article and
    the 100,000th. The answer is the same as the scan's: the first match in
    insertion order.
    """

    def __init__(self, surnames: set[str]) -> None:
        super().__init__(surnames)
        self._by_tokens: dict[tuple[str, ...], Person] = {}
        self._by_last: dict[str, list[tuple[int, Person]]] = {}     # fuzzy candidates, by insertion rank
        self._rank: dict[str, int] = {}
        self._mark: int | None = None          # rank of the first person created by the current article
        self._record: ResolutionRecord | None = None

    # --- look-ups -------------------------------------------------------
    def find(self, name: str) -> Person | None:
        return self._find(tuple(fold(name).split()), None)

    def _find(self, toks: tuple[str, ...], below: int | None) -> Person | None:
        """First match in insertion order, among people ranked below ``below`` if given."""
        p = self._by_tokens.get(toks)
        if p is not None and (below is None or self._rank[p.id] < below):
            return p
        if len(toks) >= 2 and not self._is_vn(toks):
            for rank, q in self._by_last.get(toks[-1], ()):
                if below is not None and rank >= below:
                    break
                if _similar(q.tokens[0], toks[0]):
                    return q
        return None

    def _index(self, person: Person) -> None:
        old = self._by_tokens.get(person.tokens)
        rank = self._rank.get(person.id)
        if rank is None:
            rank = self._rank[person.id] = len(self._rank)
        else:                                   # same id, new object: a slug collision replaced it
            self._unindex(person.id)
            if self._record is not None:
                self._record.replayable = False
        if old is None or self._rank[old.id] > rank:
            self._by_tokens[person.tokens] = person
        if not person.vietnamese and len(person.tokens) >= 2:
            bisect.insort(self._by_last.setdefault(person.tokens[-1], []), (rank, person), key=lambda e: e[0])

    def _unindex(self, pid: str) -> None:
        for key, p in list(self._by_tokens.items()):
            if p.id == pid:
                del self._by_tokens[key]
        for bucket in self._by_last.values():
            bucket[:] = [e for e in bucket if e[1].id != pid]

    def add(self, name: str) -> Person:
        rec = self._record
        if rec is not None and name not in rec.lookups:
            pre = self._find(tuple(fold(name).split()), self._mark)
            rec.lookups[name] = pre.id if pre else None
            if pre is not None and pre.id not in rec.before:
                rec.before[pre.id] = _snapshot(pre)     # first touch: nothing of this article changed it yet
        person = super().add(name)
        if self._by_tokens.get(person.tokens) is not person:     # created just now
            self._index(person)
            if rec is not None:
                rec.created.append((person.id, person.tokens, person.vietnamese))
        if rec is not None:
            names = rec.after.setdefault(person.id, ([], frozenset(), None, None))[0]
            if name not in names:
                names.append(name)
        return person

    # --- recording and replay -------------------------------------------
    def begin_article(self) -> None:
        self._mark = len(self._rank)
        self._record = ResolutionRecord()

    def note_entity(self, etype: str, label: str) -> None:
        if self._record is not None:
            self._record.entities.append((etype, label))

    def end_article(self) -> ResolutionRecord:
        rec, self._record, self._mark = self._record, None, None
        if rec is None:
            raise RuntimeError("end_article() without begin_article()")
        for pid in [*rec.before, *(c[0] for c in rec.created)]:
            p = self.people[pid]
            names = rec.after.get(pid, ([], None, None, None))[0]
            rec.after[pid] = (names, frozenset(p.positions), p.country, p.org)
        return rec

    def replay(self, rec: ResolutionRecord) -> bool:
        """Apply an article's recorded additions if the index still answers its
        look-ups the same way; return False (and change nothing) otherwise."""
        if not rec.replayable:
            return False
        for name, pid in rec.lookups.items():
            found = self.find(name)
            if (found.id if found else None) != pid:
                return False
        for pid, snap in rec.before.items():
            p = self.people.get(pid)
            if p is None or _snapshot(p) != snap:
                return False
        if any(pid in self.people for pid, _, _ in rec.created):
            return False
        for pid, toks, vietnamese in rec.created:
            person = Person(pid, tokens=toks, vietnamese=vietnamese)
            self.people[pid] = person
            self._index(person)
        for pid, (names, positions, country, org) in rec.after.items():
            p = self.people[pid]
            p.names.update(names)
            p.positions.update(positions)
            p.country, p.org = country, org
        return True


class TrackedExtractor(Extractor):
    """An :class:`~kg.extract.Extractor` whose corpus-wide state can be recorded and replayed."""

    people: TrackedPersonIndex

    def __init__(self, lex: Lexicon | None = None) -> None:
        super().__init__(lex)
        self.people = TrackedPersonIndex(self.lex.surnames)

    def new_entity(self, etype: str, label: str) -> str:
        self.people.note_entity(etype, label)
        return super().new_entity(etype, label)

    def replay(self, record: ResolutionRecord) -> bool:
        """Apply an article's recorded effects on the corpus state; False if they no longer hold."""
        if not self.people.replay(record):
            return False
        for etype, label in record.entities:
            super().new_entity(etype, label)
        return True


# ------------------------------------------------------------------- keys
@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Hash of the extractor version, the lexicons and the extraction code."""
    h = hashlib.sha256(f"{CACHE_FORMAT}|{EXTRACTOR}|{os.environ.get('KG_SPACY_MODEL', '')}".encode())
    package = Path(__file__).parent
    # The readers decide what an article's text is: a change there changes every parse.
    for path in sorted([*package.glob("*.py"), *(package / "readers").glob("*.py"),
                        *(package / "resources").glob("*.json")]):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def file_key(path: Path, data: bytes) -> str:
    """Key of a file's parse: its path and bytes, and :func:`fingerprint` (the reader's code)."""
    h = hashlib.sha256(fingerprint().encode())
    h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    h.update(data)
    return h.hexdigest()


def article_key(article: Article) -> str:
    """Cache key of an article: its parsed content (not its path) and :func:`fingerprint`."""
    content = (article.doc, article.text, article.url, article.title, article.title_span, article.date,
               article.lang, article.body, article.dropped)
    h = hashlib.sha256(fingerprint().encode())
    h.update(repr(content).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# ---------------------------------------------------------------- storage
def _default_warn(msg: str) -> None:
    warnings.warn(msg, CacheUnavailableWarning if msg.startswith(CacheUnavailableWarning.code)
                  else CacheEntryWarning, stacklevel=3)


@dataclass
class CachedArticle:
    assertions: list[Assertion]
    record: ResolutionRecord


@dataclass
class ParsedFile:
    articles: list[Article]
    warnings: list[str]


class BuildCache:
    """Entries in one SQLite file; a broken or unwritable cache only costs time.

    Two tables: ``entries`` (an article's extraction, by :func:`article_key`)
    and ``files`` (a file's parsed articles, by :func:`file_key`, which spares
    the reader on a rebuild).

    Failures are reported through ``warn`` (W040, W041) and the build goes on
    without the entry, or without the cache.
    """

    def __init__(self, folder: str | os.PathLike[str], *, warn: Warn | None = None) -> None:
        self.folder = Path(folder)
        self.warn = warn or _default_warn
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._committed = time.monotonic()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / CACHE_FILE)
            # WAL: the process that writes the HTML view (kg.export.side) reads
            # output fragments while this one writes, and neither blocks the other.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA journal_mode=WAL")
            for table in ("entries", "files"):
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)")
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)

    def _disable(self, exc: Exception) -> None:
        self.warn(f"{CacheUnavailableWarning.code}: build cache {self.folder} cannot be used ({exc}); "
                  "building without it")
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, key: str) -> CachedArticle | None:
        """The extraction of the article with this :func:`article_key`, if cached."""
        return self._get("entries", key, CachedArticle)

    def put(self, key: str, entry: CachedArticle) -> None:
        self._put("entries", key, entry)

    def get_file(self, key: str) -> ParsedFile | None:
        """The articles (and reader warnings) of the file with this :func:`file_key`, if cached."""
        return self._get("files", key, ParsedFile)

    def put_file(self, key: str, parsed: ParsedFile) -> None:
        self._put("files", key, parsed)

    def _get(self, table: str, key: str, kind: type) -> Any:
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
            entry = pickle.loads(zlib.decompress(row[0]))
            if not isinstance(entry, kind):
                raise TypeError(type(entry).__name__)
        except Exception as exc:  # noqa: BLE001 - any damage means: do the work again
            self.warn(f"{CacheEntryWarning.code}: unreadable build-cache entry in {self.folder} ({exc}); "
                      "doing that work again")
            return None
        return entry

    def _put(self, table: str, key: str, entry: Any) -> None:
        self.used.add(key)
        if self._db is None:
            return
        blob = zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), 1)
        try:
            self._db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, blob))
            if time.monotonic() - self._committed > COMMIT_SECONDS:
                self._db.commit()
                self._committed = time.monotonic()
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self, *, prune: bool = True) -> None:
        """Commit; with ``prune``, drop entries this build did not use (old versions of articles)."""
        if self._db is None:
            return
        try:
            if prune:
                self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                for table in ("entries", "files"):
                    self._db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
                self._db.execute("DROP TABLE used")
            self._db.commit()
            self._db.close()
        except sqlite3.Error as exc:
            self._disable(exc)
        self._db = None


def entry_size(entry: Any) -> int:
    """Bytes an entry takes in the cache (for the benchmark)."""
    return len(zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), 1))
