"""The HTML view written in a second process: the same bytes, the same fragment cache."""
from __future__ import annotations

import multiprocessing
import os

import pytest

from kg.errors import OutputError
from kg.export import side, write_all
from kg.export.fragments import Fragments

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2,
                                reason="needs fork and two cores")


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_small_corpora_and_other_formats_stay_in_one_process(corpus, tmp_path):
    assert side.start(corpus, "html", tmp_path / "g.html", None) is None       # far below SIDE_ABOVE
    assert side.start(corpus, "turtle", tmp_path / "g.ttl", None, min_assertions=0) is None


def test_the_side_process_writes_the_same_files(corpus, tmp_path, monkeypatch):
    write_all(corpus, tmp_path / "one")
    started = []
    real = side.start
    monkeypatch.setattr(side, "SIDE_ABOVE", 0)
    monkeypatch.setattr(side, "start", lambda *a, **k: started.append(real(*a, **k)) or started[-1])
    write_all(corpus, tmp_path / "two")
    forked = [w for w in started if w is not None]
    assert len(forked) == 1 and forked[0].fmt == "html"
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_the_side_process_hands_its_fragments_over(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(side, "SIDE_ABOVE", 0)
    db = tmp_path / "cache.sqlite"
    first = Fragments(db, corpus)
    write_all(corpus, tmp_path / "a", fragments=first)
    first.close()
    assert first.misses > 0 and "html" in first.used          # the child's look-ups count here
    second = Fragments(db, corpus)
    write_all(corpus, tmp_path / "b", fragments=second)
    second.close()
    assert second.misses == 0 and second.hits == first.misses  # what the child stored is found again
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert not list(tmp_path.glob("side-*.sqlite"))            # the child's own file is gone


def test_an_error_in_the_side_process_is_a_clean_error(corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    writer = side.start(corpus, "html", blocker / "g.html", None, min_assertions=0)
    assert writer is not None
    with pytest.raises(OutputError):
        writer.finish()
    assert not writer.process.is_alive()


def test_a_stopped_side_process_leaves_no_file(corpus, tmp_path):
    db = tmp_path / "cache.sqlite"
    fragments = Fragments(db, corpus)
    writer = side.start(corpus, "html", tmp_path / "g.html", fragments, min_assertions=0)
    writer.cancel()
    fragments.close()
    assert not list(tmp_path.glob("side-*.sqlite"))
