"""CONTRIBUTING.md's worked examples, run as written: a new relation, a language's
profile keys, a new input extension and a new exporter."""
from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.extract.lexicon import load_lexicon
from kg.lang.patterns import PhraseIndex
from kg.rdf import ontology
from kg.reader import parse_article

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _block(lang: str, n: int = 0) -> str:
    return re.findall(rf"```{lang}\n(.*?)```", GUIDE, re.S)[n]


def test_add_a_relation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ontology"
    shutil.copytree(ontology.ontology_dir(), folder)
    with (folder / "kg.ttl").open("a", encoding="utf-8") as fh:
        fh.write("\n" + _block("turtle"))
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(folder))
    ontology.clear_cache()
    try:
        row = json.loads(_block("json"))
        lex = copy.copy(load_lexicon())
        lex.trigger_rows = {**lex.trigger_rows, "vi": [*lex.trigger_rows["vi"], row]}
        lex.triggers = dict(lex.triggers)
        index = PhraseIndex()
        for r in lex.trigger_rows["vi"]:
            index.add(r["phrase"], r)
        lex.triggers["vi"] = index
        sentence = _block("text").strip()
        facts = {(a.subject, a.predicate, a.object) for a in Extractor(lex).extract(parse_article(sentence, doc="c"))}
        assert ("organization/european-union", "sanctions", "country/belarus") in facts, facts
    finally:
        monkeypatch.delenv("KG_ONTOLOGY_DIR")
        ontology.clear_cache()


def test_the_profile_keys_listed_are_the_keys() -> None:
    listed = set(re.findall(r"[a-z_]+", _block("text", 1)))
    profile = json.loads((ROOT / "kg" / "resources" / "profiles" / "en.json").read_text(encoding="utf-8"))
    assert listed == set(profile) - {"lang"}


def test_add_a_reader(tmp_path: Path) -> None:
    from kg.reader import read_articles
    from kg.readers.files import FORMATS

    before = dict(FORMATS)
    try:
        exec(_block("python", 0), {})
        (tmp_path / "a.story").write_text("Nhật Bản tặng Lào vắc xin.\n", encoding="utf-8")
        assert [a.doc for a in read_articles([tmp_path])] == ["a"]
    finally:
        FORMATS.clear()
        FORMATS.update(before)


def test_add_an_exporter(tmp_path: Path) -> None:
    from kg.build.pipeline import build
    from kg.export import EXPORTERS

    exec(_block("python", 1), {})
    try:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "a.txt").write_text("Nhật Bản tặng Lào vắc xin.\n", encoding="utf-8")
        build([tmp_path / "in"], tmp_path / "out", formats=["counts"], cache=False)
        assert (tmp_path / "out" / "graph.counts").read_text(encoding="utf-8") == "providesAidTo\t1\n"
    finally:
        EXPORTERS._items.pop("counts", None)
        for alias in ("counts", "tsv-counts"):
            EXPORTERS._aliases.pop(alias, None)
