"""atomic_write and write_all: a failure never leaves a half-written output."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import UnknownPluginError
from kg.export import DEFAULT_OUTPUTS, EXPORTERS, write_all
from kg.export.atomic import atomic_write


def test_success_replaces_the_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    with atomic_write(path) as fh:
        fh.write("mới")
        assert path.read_text("utf-8") == "old"        # not visible before the end
    assert path.read_text("utf-8") == "mới"
    assert list(tmp_path.iterdir()) == [path]            # no temp file left


def test_exception_inside_leaves_old_content_and_no_temp(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_write(path, mode="wb") as fh:
            fh.write(b"half")
            raise RuntimeError("exporter crashed")
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_new_file_is_not_created_on_failure(tmp_path):
    path = tmp_path / "sub" / "new.txt"
    with pytest.raises(ValueError):
        with atomic_write(path) as fh:
            fh.write("x")
            raise ValueError
    assert not path.exists()


def test_append_mode_is_refused(tmp_path):
    with pytest.raises(ValueError):
        with atomic_write(tmp_path / "x", mode="a"):
            pass


def test_write_all_writes_every_default_output(corpus, tmp_path):
    seen = []
    paths = write_all(corpus, tmp_path / "out", on_progress=lambda n, i, t: seen.append((n, i, t)))
    expected = [f for f, fmt in DEFAULT_OUTPUTS.items() if fmt in EXPORTERS]
    assert list(paths) == expected and len(seen) == len(expected)
    assert seen[-1][1:] == (len(expected), len(expected))
    for p in paths.values():
        assert p.is_file() and p.stat().st_size > 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(expected)


def test_write_all_selected_formats_and_aliases(corpus, tmp_path):
    paths = write_all(corpus, tmp_path, formats=["ttl", "nq", "assertions"])
    assert set(paths) == {"graph.ttl", "graph.nq", "assertions.jsonl"}
    with pytest.raises(UnknownPluginError):
        write_all(corpus, tmp_path, formats=["docx"])


def test_write_all_is_all_or_nothing(corpus, tmp_path, monkeypatch):
    write_all(corpus, tmp_path, formats=["turtle", "jsonl"])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(corpus, path: Path) -> None:
        path.write_text("partial", encoding="utf-8")
        raise RuntimeError("boom")

    monkeypatch.setitem(EXPORTERS._items, "broken", broken)
    monkeypatch.setitem(EXPORTERS._aliases, "broken", "broken")
    corpus.assertions = corpus.assertions[:1]             # new outputs would differ
    with pytest.raises(RuntimeError):
        write_all(corpus, tmp_path, formats=["turtle", "jsonl", "broken"])
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before                                 # no staging folder left either
