"""Incremental outputs: a rebuild that takes unchanged articles' output parts from
the fragment cache writes the same files as a full build without any cache.

Every comparison is byte for byte, for all six default outputs (GraphML is
also parsed back and compared as a graph).
"""
from __future__ import annotations

import copy
import shutil
import sqlite3
from pathlib import Path

import networkx as nx
import pytest

from kg.build.cache import CACHE_FILE
from kg.export import DEFAULT_OUTPUTS, write_all
from kg.export.fragments import Fragments
from kg.model import Entity
from kg.build.pipeline import CACHE_DIR, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXTRA = {"e1.txt": "Nhật Bản tặng Lào 1 triệu liều vắc xin\n\nNhật Bản đã tặng Lào 1 triệu liều vắc xin "
                   "AstraZeneca. Bộ trưởng Ngoại giao Nga Sergey Lavrov hội đàm với Bộ trưởng Bùi Thanh Sơn.\n",
         "e2.txt": "Ông Lavrov thăm Việt Nam\n\nNgoại trưởng Sergei Lavrov đã thăm Việt Nam và cảm ơn "
                   "Việt Nam.\n"}


def _corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _assert_same_outputs(a: Path, b: Path, files=tuple(DEFAULT_OUTPUTS)) -> None:
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    if "graph.graphml" in files:
        ga, gb = (nx.read_graphml(p / "graph.graphml", force_multigraph=True) for p in (a, b))
        assert nx.utils.graphs_equal(ga, gb)


def _edit(folder: Path) -> None:
    path = folder / "004_15ec3b79b45e511c.txt"
    text = path.read_text(encoding="utf-8")
    title = "Vietnam seeks vaccine production tech transfer from Russia\n\n"
    path.write_text(text.replace(title, title + "Japan donated two million vaccine doses to Laos.\n\n", 1),
                    encoding="utf-8")


def _add(folder: Path) -> None:
    (folder / "e3.txt").write_text("Lavrov cảm ơn Lào\n\nÔng Sergey Lavrov cảm ơn Lào. Nga viện trợ Lào "
                                   "2 triệu liều vắc xin Sputnik V.\n", encoding="utf-8")


def _remove(folder: Path) -> None:
    (folder / "e1.txt").unlink()


def _rename_person(folder: Path) -> None:
    # An earlier article changes a person that later, unchanged, articles read.
    path = folder / "e1.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Ngoại giao Nga", "Ngoại giao Belarus"),
                    encoding="utf-8")


@pytest.mark.parametrize("change", [_edit, _add, _remove, _rename_person])
def test_rebuild_after_a_change_equals_a_full_build(tmp_path, change):
    folder = _corpus_folder(tmp_path)
    out = tmp_path / "out"
    build([folder], out)
    change(folder)
    again = build([folder], out)
    assert again.cache["reused"] >= 1
    fresh = tmp_path / "fresh"
    build([folder], fresh, cache=False)
    assert not (fresh / CACHE_DIR).exists()
    _assert_same_outputs(out, fresh)


def test_the_fragment_cache_is_used(tmp_path, monkeypatch):
    folder = _corpus_folder(tmp_path)
    out = tmp_path / "out"
    build([folder], out)
    with sqlite3.connect(out / CACHE_DIR / CACHE_FILE) as db:
        formats = {f for (f,) in db.execute("SELECT DISTINCT fmt FROM fragments")}
    assert formats == {"turtle", "trig", "json-ld", "graphml", "jsonl", "html"}

    from kg.export import graphml, html_items, jsonl
    from kg.rdf import layout
    calls: dict[str, int] = {}

    def counting(name, fn):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(layout.Layout, "article", counting("rdf", layout.Layout.article))
    monkeypatch.setattr(graphml, "_article_edges", counting("graphml", graphml._article_edges))
    monkeypatch.setattr(jsonl._RecordWriter, "own", counting("jsonl", jsonl._RecordWriter.own))
    monkeypatch.setattr(html_items, "_evidence", counting("html", html_items._evidence))
    build([folder], out)
    assert calls == {}                          # nothing changed: every part from the cache
    _edit(folder)
    result = build([folder], out)
    changed = [a for a in result.corpus.assertions if a.doc == "004_15ec3b79b45e511c"]
    # Only the changed article is laid out again: once for every RDF file (Turtle takes
    # the TriG and JSON-LD layout as triples), once for GraphML.
    assert calls["rdf"] == 1 and calls["graphml"] == 1
    assert calls["jsonl"] == calls["html"] == len(changed)


def test_an_entity_that_learns_an_alias_changes_the_parts_that_embed_it(tmp_path, monkeypatch, corpus):
    # Entities are corpus-wide: an unchanged article's part must still follow them.
    db = tmp_path / "cache.sqlite"
    first = copy.deepcopy(corpus)
    frags = Fragments(db, first)
    write_all(first, tmp_path / "a", fragments=frags)
    frags.close()
    second = copy.deepcopy(corpus)
    russia = second.entities["country/russia"]
    second.entities["country/russia"] = Entity(russia.id, russia.type, russia.label, russia.labels,
                                               russia.aliases | {"Nước Nga"}, russia.wikidata)
    frags = Fragments(db, second)
    write_all(second, tmp_path / "b", fragments=frags)
    assert frags.hits > 0
    frags.close()
    write_all(second, tmp_path / "fresh")
    _assert_same_outputs(tmp_path / "b", tmp_path / "fresh")
    assert (tmp_path / "b" / "graph.html").read_bytes() != (tmp_path / "a" / "graph.html").read_bytes()


def test_a_damaged_fragment_cache_only_costs_time(tmp_path, monkeypatch):
    folder = _corpus_folder(tmp_path)
    out = tmp_path / "out"
    build([folder], out)
    with sqlite3.connect(out / CACHE_DIR / CACHE_FILE) as db:
        db.execute("UPDATE fragments SET value = x'00'")
    build([folder], out)
    fresh = tmp_path / "fresh"
    build([folder], fresh, cache=False)
    _assert_same_outputs(out, fresh)


def test_unused_fragments_are_pruned_per_format(tmp_path, monkeypatch):
    folder = _corpus_folder(tmp_path)
    out = tmp_path / "out"
    build([folder], out)
    _remove(folder)
    build([folder], out, formats=["trig"])

    def count(fmt: str) -> int:
        with sqlite3.connect(out / CACHE_DIR / CACHE_FILE) as db:
            return db.execute("SELECT COUNT(*) FROM fragments WHERE fmt = ?", (fmt,)).fetchone()[0]

    # trig was written: e1's part is gone; html was not: its parts stay for the next full build.
    assert count("trig") == 6 and count("html") == 7


def test_nquads_rebuild_equals_full_build(tmp_path, monkeypatch):
    folder = _corpus_folder(tmp_path)
    out = tmp_path / "out"
    build([folder], out, formats=["nquads", "nt"])
    _edit(folder)
    build([folder], out, formats=["nquads", "nt"])
    build([folder], tmp_path / "fresh", formats=["nquads", "nt"], cache=False)
    _assert_same_outputs(out, tmp_path / "fresh", ("graph.nq", "graph.nt"))
