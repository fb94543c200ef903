"""Build cache: a cached build equals a full build; a changed article re-extracts only
what it affects; the cache is data, never code: a tampered, edited or wrong-typed record
is a W040 and the work is done again."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from kg.build.cache import CACHE_FILE, BuildCache, article_key
from kg.build.cache_records import CachedArticle
from kg.export import DEFAULT_OUTPUTS
from kg.build.people_tracking import ResolutionRecord
from kg.build.pipeline import CACHE_DIR, build, extract_corpus
from kg.plain import seal, unseal
from kg.reader import parse_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

def _copy_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    return folder


def _same(a, b) -> None:
    assert a.assertions == b.assertions
    assert a.entities == b.entities
    assert [x.doc for x in a.articles] == [x.doc for x in b.articles]


@pytest.fixture(scope="module")
def seeds_full():
    return extract_corpus([SEEDS])


def test_cached_build_equals_full_build(tmp_path, seeds_full):
    folder, cache = _copy_seeds(tmp_path), tmp_path / "cache"
    stats: dict[str, int] = {}
    _same(extract_corpus([folder], cache_dir=cache, cache_stats=stats), seeds_full)
    assert stats == {"reused": 0, "extracted": 5}
    again = extract_corpus([folder], cache_dir=cache, cache_stats=stats)
    assert stats == {"reused": 5, "extracted": 0}
    _same(again, seeds_full)


def test_changing_one_article_re_extracts_only_that_one(tmp_path):
    folder, cache = _copy_seeds(tmp_path), tmp_path / "cache"
    extract_corpus([folder], cache_dir=cache)
    changed = folder / "004_15ec3b79b45e511c.txt"
    text = changed.read_text(encoding="utf-8")
    title = "Vietnam seeks vaccine production tech transfer from Russia\n\n"
    assert title in text
    changed.write_text(text.replace(title, title + "Japan donated two million vaccine doses to Laos.\n\n", 1),
                       encoding="utf-8")
    stats: dict[str, int] = {}
    incremental = extract_corpus([folder], cache_dir=cache, cache_stats=stats)
    assert stats == {"reused": 4, "extracted": 1}
    full = extract_corpus([folder])
    _same(incremental, full)
    assert any(a.doc == changed.stem and a.object == "country/laos" for a in incremental.assertions)


def test_a_change_that_alters_a_person_re_extracts_the_articles_that_read_him(tmp_path):
    folder, cache = tmp_path / "in", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.txt").write_text("Nga và Việt Nam hợp tác\n\nBộ trưởng Ngoại giao Nga Sergey Lavrov hội đàm "
                                  "với Bộ trưởng Ngoại giao Bùi Thanh Sơn.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Ông Lavrov thăm Lào\n\nNgoại trưởng Sergei Lavrov đã thăm Lào.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Lào cảm ơn Nhật Bản\n\nNhật Bản tặng Lào 1 triệu liều vắc xin.\n", encoding="utf-8")
    extract_corpus([folder], cache_dir=cache)
    a = folder / "a.txt"
    a.write_text(a.read_text(encoding="utf-8").replace("Ngoại giao Nga", "Ngoại giao Belarus"), encoding="utf-8")
    stats: dict[str, int] = {}
    incremental = extract_corpus([folder], cache_dir=cache, cache_stats=stats)
    assert stats == {"reused": 1, "extracted": 2}          # b read Lavrov's country from a; c did not
    _same(incremental, extract_corpus([folder]))
    assert any(x.doc == "b" and x.predicate == "represents" and x.object == "country/belarus"
               for x in incremental.assertions)


def test_unreadable_entry_is_a_warning_and_the_article_is_extracted_again(tmp_path):
    folder, cache = _copy_seeds(tmp_path), tmp_path / "cache"
    extract_corpus([folder], cache_dir=cache)
    with sqlite3.connect(cache / CACHE_FILE) as db:
        db.execute("UPDATE entries SET value = x'00'")
        db.execute("DELETE FROM files")
    messages: list[str] = []
    stats: dict[str, int] = {}
    extract_corpus([folder], cache_dir=cache, warn=messages.append, cache_stats=stats)
    assert stats["extracted"] == 5
    assert any(m.startswith("W040") and str(cache) in m for m in messages)


def test_unusable_cache_folder_is_a_warning_and_the_build_goes_on(tmp_path, seeds_full):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    messages: list[str] = []
    _same(extract_corpus([SEEDS], cache_dir=blocker / "cache", warn=messages.append), seeds_full)
    assert any(m.startswith("W041") for m in messages)


def test_key_follows_content_not_path():
    a = parse_article("Nhật Bản tặng Lào vắc xin.\n", doc="d", path="x/d.txt")
    b = parse_article("Nhật Bản tặng Lào vắc xin.\n", doc="d", path="y/d.txt")
    c = parse_article("Nhật Bản tặng Lào thuốc.\n", doc="d", path="x/d.txt")
    assert article_key(a) == article_key(b) != article_key(c)


def test_unused_entries_are_pruned(tmp_path):
    cache = BuildCache(tmp_path)
    cache.put("entries", "old", CachedArticle([], ResolutionRecord()), CachedArticle)
    cache.close()
    cache = BuildCache(tmp_path)                 # a build that no longer has the "old" article
    cache.put("entries", "new", CachedArticle([], ResolutionRecord()), CachedArticle)
    cache.close()
    cache = BuildCache(tmp_path)
    assert cache.get("entries", "new", CachedArticle) is not None
    assert cache.get("entries", "old", CachedArticle) is None
    cache.close(prune=False)


# ------------------------------------------------------------- trust: data, never code
class _Boom:
    """Unpickling this runs a shell command: the cache must never unpickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _rewrite(db_path: Path, change) -> int:
    """Replace the value of every record of every table by ``change(table, fmt, key, value)``."""
    n = 0
    with sqlite3.connect(db_path) as db:
        for table in ("entries", "files", "fragments"):
            fmt_col = "fmt" if table == "fragments" else "''"
            rows = db.execute(f"SELECT key, {fmt_col}, value FROM {table}").fetchall()
            for key, fmt, value in rows:
                new = change(table, fmt, key, bytes(value))
                if new is not None:
                    db.execute(f"UPDATE {table} SET value = ? WHERE key = ?", (new, key))
                    n += 1
    return n


def _label(table: str, fmt: str, key: str) -> str:
    return f"fragments\0{fmt}\0{key}" if table == "fragments" else f"{table}\0{key}"


def _pickle_bomb(marker: Path, sealed: bool):
    bomb = pickle.dumps(_Boom(marker))

    def change(table, fmt, key, value):
        payload = zlib.compress(bomb) if sealed and table != "fragments" else bomb
        return seal(_label(table, fmt, key), payload) if sealed else payload
    return change


def _wrong_types(table, fmt, key, value):
    # Well sealed, valid JSON, wrong shape: a string where lists of records are expected.
    payload = json.dumps({"assertions": "x", "fmt": fmt}).encode()
    return seal(_label(table, fmt, key), payload if table == "fragments" else zlib.compress(payload))


def _edited(table, fmt, key, value):
    # An edit by hand that keeps the record well typed: the checksum no longer matches.
    payload = unseal(_label(table, fmt, key), value)
    assert payload is not None
    plain = payload if table == "fragments" else zlib.decompress(payload)
    if b"Lavrov" not in plain:
        return None
    plain = plain.replace(b"Lavrov", b"LavroX")
    return value[:32] + (plain if table == "fragments" else zlib.compress(plain))


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    (folder / "a.txt").write_text("Nga và Việt Nam hợp tác\n\nBộ trưởng Ngoại giao Nga Sergey Lavrov hội đàm "
                                  "với Bộ trưởng Ngoại giao Bùi Thanh Sơn.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Ông Lavrov thăm Lào\n\nNgoại trưởng Sergei Lavrov đã thăm Lào và cảm ơn "
                                  "Lào.\n", encoding="utf-8")
    fresh = tmp_path_factory.mktemp("fresh")
    build([folder], fresh, cache=False)
    return folder, fresh


@pytest.mark.parametrize("tamper", ["pickle", "sealed pickle", "wrong types", "edited"])
def test_a_tampered_cache_is_a_warning_never_code(tmp_path, small_corpus, tamper):
    folder, fresh = small_corpus
    out, marker = tmp_path / "out", tmp_path / "pwned"
    build([folder], out)
    change = {"pickle": _pickle_bomb(marker, sealed=False), "sealed pickle": _pickle_bomb(marker, sealed=True),
              "wrong types": _wrong_types, "edited": _edited}[tamper]
    assert _rewrite(out / CACHE_DIR / CACHE_FILE, change) >= 3
    messages: list[str] = []
    result = build([folder], out, warn=messages.append)
    assert not marker.exists()
    assert any(m.startswith("W040") for m in messages), messages
    assert result.cache["extracted"] >= 1
    for name in DEFAULT_OUTPUTS:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    again: list[str] = []
    build([folder], out, warn=again.append)      # the damaged records were replaced
    assert not any(m.startswith("W040") for m in again)


def test_the_cache_file_holds_no_pickle(tmp_path, small_corpus):
    folder, _ = small_corpus
    build([folder], tmp_path / "out")
    with sqlite3.connect(tmp_path / "out" / CACHE_DIR / CACHE_FILE) as db:
        values = [bytes(v) for t in ("entries", "files", "fragments") for (v,) in db.execute(f"SELECT value FROM {t}")]
    assert values
    for value in values:
        payload = value[32:]
        text = payload if payload.startswith((b"[", b"{", b'"')) else zlib.decompress(payload)
        json.loads(text)
