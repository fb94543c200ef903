"""Build cache: the indexed person index answers like the plain one; replay is exact;
a cached build equals a full build; a changed article re-extracts only what it affects."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kg.cache import CACHE_FILE, BuildCache, CachedArticle, ResolutionRecord, TrackedPersonIndex, article_key
from kg.coref import PersonIndex
from kg.lexicon import load_lexicon
from kg.pipeline import extract_corpus
from kg.reader import parse_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

NAMES = ["Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Bùi Thanh Sơn", "Bui Thanh Son", "Nguyễn Văn An",
         "Nguyen Van An", "Anna Petrova", "Anne Petrova", "Ana Petrova", "Olga Petrova", "Dmitry Chernyshenko",
         "Dmitri Chernyshenko", "Chernyshenko", "Trần Thị Lan", "Tran Thi Lan", "Antony Blinken",
         "Anthony Blinken", "Sơn", "Jean Moreau", "Joan Moreau", "Hiroshi Tanaka", "Hiro Tanaka"]


@pytest.mark.parametrize("order", [NAMES, NAMES[::-1], NAMES[1::2] + NAMES[::2]])
def test_indexed_find_answers_like_the_linear_scan(order):
    surnames = load_lexicon().surnames
    plain, indexed = PersonIndex(surnames), TrackedPersonIndex(surnames)
    for name in order:
        assert indexed.add(name).id == plain.add(name).id, name
        for query in NAMES:
            a, b = plain.find(query), indexed.find(query)
            assert (a.id if a else None) == (b.id if b else None), query


def _record(index: TrackedPersonIndex, names: list[str], country: str | None = None) -> ResolutionRecord:
    index.begin_article()
    for name in names:
        person = index.add(name)
        if country and not person.country:
            person.country = country
    return index.end_article()


def test_replay_applies_what_the_article_did():
    live = TrackedPersonIndex(set())
    _record(live, ["Sergey Lavrov"], "country/russia")
    rec = _record(live, ["Sergei Lavrov", "Anna Petrova"], "country/france")
    replayed = TrackedPersonIndex(set())
    _record(replayed, ["Sergey Lavrov"], "country/russia")
    assert replayed.replay(rec)
    assert {p: (v.names, v.country) for p, v in replayed.people.items()} == \
           {p: (v.names, v.country) for p, v in live.people.items()}


def test_replay_refuses_when_an_earlier_article_changed_a_person():
    first = TrackedPersonIndex(set())
    _record(first, ["Sergey Lavrov"], "country/russia")
    rec = _record(first, ["Sergei Lavrov"])
    changed = TrackedPersonIndex(set())
    _record(changed, ["Sergey Lavrov"], "country/belarus")      # the earlier article now says otherwise
    before = {p: (set(v.names), v.country) for p, v in changed.people.items()}
    assert not changed.replay(rec)
    assert {p: (set(v.names), v.country) for p, v in changed.people.items()} == before


def test_replay_refuses_when_a_name_now_finds_someone_else():
    first = TrackedPersonIndex(set())
    rec = _record(first, ["Sergei Lavrov"])                        # created him
    other = TrackedPersonIndex(set())
    _record(other, ["Sergey Lavrov"])                              # now an earlier article has him
    assert not other.replay(rec)


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
    cache.put("old", CachedArticle([], ResolutionRecord()))
    cache.close()
    cache = BuildCache(tmp_path)                 # a build that no longer has the "old" article
    cache.put("new", CachedArticle([], ResolutionRecord()))
    cache.close()
    cache = BuildCache(tmp_path)
    assert cache.get("new") is not None and cache.get("old") is None
    cache.close(prune=False)
