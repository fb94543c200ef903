"""JSONL exporter: the assertion file the evaluation scorer reads."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import GraphReadError
from kg.export import export
from kg.export.jsonl import read_assertions_jsonl

SCORER = Path("/work/shared/eval/score.py")


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_one_line_per_assertion_with_the_documented_keys(corpus, tmp_path):
    recs = _records(export(corpus, "jsonl", tmp_path / "a.jsonl"))
    assert len(recs) == len(corpus.assertions)
    keys = {"doc", "subject", "predicate", "object", "modality", "confidence", "inferred", "date",
            "start", "end", "quantities", "attrs", "sentence", "offsets", "trigger", "extractor",
            "article"}
    assert all(keys <= rec.keys() for rec in recs)
    aid = next(r for r in recs if r["predicate"] == "providesAidTo" and r["confidence"] == 0.9)
    assert aid["subject"] == {"id": "country/russia", "label": "Russia", "type": "Country",
                              "aliases": ["Liên bang Nga", "Nga"],
                              "labels": {"vi": "Nga", "en": "Russia"}, "wikidata": "Q159"}
    assert aid["quantities"] == [{"amount": 1e6, "unit": "dose", "text": "1 triệu liều",
                                  "role": "value"}]
    assert aid["article"] == {"url": "https://example.vn/tin/viet-nam-de-nghi-nga.html",
                              "title": "Việt Nam đề nghị Nga tiếp tục hỗ trợ vắc xin",
                              "date": "2021-03-05", "lang": "vi"}
    start, end = aid["offsets"]
    assert corpus.articles[0].text[start:end] == aid["sentence"]
    pos = next(r for r in recs if r["predicate"] == "holdsPosition")
    assert pos["object"]["value"] == "Foreign Minister"
    assert [r["inferred"] for r in recs].count(True) == 1
    part = next(r for r in recs if r["predicate"] == "hasPartnershipWith")
    assert (part["start"], part["end"]) == ("2012-07", "2021-03-06")
    assert part["attrs"]["note"] == "kept in JSONL"       # unlike RDF, nothing is dropped


def test_sorted_by_doc_offset_predicate_and_not_ascii_escaped(corpus, tmp_path):
    corpus.assertions.reverse()
    path = export(corpus, "jsonl", tmp_path / "a.jsonl")
    recs = _records(path)
    order = [(r["doc"], r["offsets"][0], r["predicate"]) for r in recs]
    assert order == sorted(order)
    assert "Việt Nam" in path.read_text("utf-8")             # ensure_ascii=False


def test_read_back_gives_the_same_assertions(corpus, tmp_path):
    path = export(corpus, "jsonl", tmp_path / "a.jsonl")
    key = lambda a: (a.doc, a.sentence_start, a.predicate, a.confidence)  # noqa: E731
    assert sorted(read_assertions_jsonl(path), key=key) == sorted(corpus.assertions, key=key)


def test_read_reports_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc": "d", "subject": {"id": "a"}, "predicate": "visits", "object": "b"}\n'
                    "{not json\n", encoding="utf-8")
    with pytest.raises(GraphReadError, match="line 2"):
        read_assertions_jsonl(path)


def _write_gold(tmp_path: Path) -> tuple[Path, Path]:
    entities = [
        {"id": "Vietnam", "type": "Country", "aliases": ["Việt Nam", "Vietnam"]},
        {"id": "Russia", "type": "Country", "aliases": ["Nga", "Russia"]},
        {"id": "Bui Thanh Son", "type": "Person", "aliases": ["Bùi Thanh Sơn"]},
        {"id": "Foreign Minister", "type": "Position", "aliases": ["Bộ trưởng Ngoại giao"]},
    ]
    gold = [
        {"doc": "000_test_vi", "url": "https://example.vn/tin/viet-nam-de-nghi-nga.html",
         "lang": "vi", "kind": "document"},
        {"doc": "001_test_en", "lang": "en", "kind": "document"},
        {"doc": "000_test_vi", "s": "Nga", "p": "providesAidTo", "o": "Việt Nam",
         "modality": ["asserted"]},
        {"doc": "000_test_vi", "s": "Việt Nam", "p": "appealsTo", "o": "Nga",
         "modality": ["asserted"]},
        {"doc": "000_test_vi", "s": "Nga", "p": "transfersTechnologyTo", "o": "Việt Nam",
         "modality": ["requested"]},
        {"doc": "000_test_vi", "s": "Bùi Thanh Sơn", "p": "holdsPosition", "o": "Foreign Minister",
         "modality": ["asserted"]},
        # Symmetric: written the other way round on purpose.
        {"doc": "001_test_en", "s": "Russia", "p": "hasPartnershipWith", "o": "Vietnam",
         "modality": ["asserted"]},
    ]
    ent_path, gold_path = tmp_path / "entities.jsonl", tmp_path / "gold.jsonl"
    ent_path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), "utf-8")
    gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), "utf-8")
    return ent_path, gold_path


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not available")
def test_the_real_scorer_gives_f1_one(corpus, tmp_path):
    pred = export(corpus, "jsonl", tmp_path / "assertions.jsonl")
    ent_path, gold_path = _write_gold(tmp_path)
    run = subprocess.run([sys.executable, str(SCORER), str(pred), "--gold", str(gold_path),
                          "--entities", str(ent_path), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    result = json.loads(lines[0])
    # The inferred "praises" line is skipped by the scorer, so it is no false positive.
    counts = {k: v for k, v in result["counts"].items() if v}
    assert counts == {"tp": 5, "mtp": 5}, result
    assert result["modality_f1"] == 1.0 and result["unknown_doc_records"] == 0
    assert lines[-1] == "F1 1.000"
