"""Streaming RDF writers: the same graphs as rdflib's serialisers, valid for an independent parser."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.export import export, rdf, stream
from kg.graph import corpus_to_dataset, default_graph, union_graph
from kg.model import Assertion, Corpus, Entity, Quantity
from kg.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[2]
GRAPH_WRITERS = {"write_turtle": "turtle", "write_ntriples": "nt"}
DATASET_WRITERS = {"write_trig": "trig", "write_nquads": "nquads", "write_jsonld": "json-ld"}


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return extract_corpus([ROOT / "seeds"])


def _edge_cases(corpus: Corpus) -> Corpus:
    """Weird IRIs and text, typed attributes, a second extractor, a doc with no article."""
    weird = 'org/Bộ Y tế "VN" <x>{y}|z\\^`%'
    corpus.entities[weird] = Entity(weird, "Organization", "Bộ Y tế", {"vi": "Bộ Y tế"})
    corpus.assertions.append(Assertion(
        doc='tin tức/ <x> "q" {a}|b\\c^d', subject=weird, predicate="providesAidTo",
        object="country/vietnam", sentence='Bộ Y tế "cảm ơn"\tdòng\nmới', sentence_start=0,
        sentence_end=20, extractor="kg-extractor/0.1.0"))
    corpus.assertions.append(Assertion(
        doc="no-article", subject="country/vietnam", predicate="providesAidTo", object="country/russia",
        confidence=0.333333, sentence="Dòng\r\n có \x01 ký tự \\ lạ \"x\"", sentence_start=3, sentence_end=9,
        date="2021-02-30", start="spring 2021", quantities=[Quantity(1e16, "dose", "10 triệu tỷ liều"),
                                                            Quantity(float("nan"), "USD", "")],
        attrs={"level": "strategic", "period": 5, "note": True}, extractor="kg-extractor/0.0.9"))
    corpus.entities["person/x"] = Entity("person/x", "Person", "X", {"VI": "Ích"}, {"", "Ích"}, "Q1 bad")
    return corpus


def _text(corpus: Corpus, writer: str) -> str:
    out = io.StringIO()
    getattr(stream, writer)(corpus, out)
    return out.getvalue()


def _check_graph(corpus: Corpus, writer: str) -> None:
    expected = union_graph(corpus_to_dataset(corpus))
    text = _text(corpus, writer)
    back = Graph().parse(data=text, format=GRAPH_WRITERS[writer])
    assert len(back) == len(expected) > 100
    assert isomorphic(back, expected)
    if writer == "write_ntriples":
        assert text.count("\n") == len(expected)           # each triple once, though articles share facts


def _check_dataset(corpus: Corpus, writer: str) -> None:
    ds = corpus_to_dataset(corpus)
    back = Dataset()
    back.parse(data=_text(corpus, writer), format=DATASET_WRITERS[writer])
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert {g.identifier for g in back.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(back.graph(name), ds.graph(name)), name
    assert len(default_graph(back)) == len(default_graph(ds))


@pytest.mark.parametrize("writer", sorted(GRAPH_WRITERS))
def test_graph_writers_match_rdflib_on_the_seeds(seeds, writer):
    _check_graph(seeds, writer)


@pytest.mark.parametrize("writer", sorted(DATASET_WRITERS))
def test_dataset_writers_match_rdflib_on_the_seeds(seeds, writer):
    _check_dataset(seeds, writer)


@pytest.mark.parametrize("writer", sorted(GRAPH_WRITERS))
def test_graph_writers_match_rdflib_on_edge_cases(corpus, writer):
    _check_graph(_edge_cases(corpus), writer)


@pytest.mark.parametrize("writer", sorted(DATASET_WRITERS))
def test_dataset_writers_match_rdflib_on_edge_cases(corpus, writer):
    _check_dataset(_edge_cases(corpus), writer)


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor's rapper is not installed")
@pytest.mark.parametrize("writer,syntax", [("write_turtle", "turtle"), ("write_trig", "trig"),
                                           ("write_ntriples", "ntriples"), ("write_nquads", "nquads")])
def test_independent_parser_reads_the_streamed_output(corpus, tmp_path, writer, syntax):
    path = tmp_path / "g.out"
    path.write_text(_text(_edge_cases(corpus), writer), encoding="utf-8")
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "rapper: Error" not in run.stderr


@pytest.mark.parametrize("fmt,writer", [("turtle", "write_turtle"), ("trig", "write_trig"),
                                        ("json-ld", "write_jsonld"), ("nt", "write_ntriples"),
                                        ("nquads", "write_nquads")])
def test_large_corpora_take_the_streaming_path(corpus, tmp_path, monkeypatch, fmt, writer):
    calls = []
    real = getattr(stream, writer)
    monkeypatch.setattr(stream, writer, lambda c, fh: (calls.append(1), real(c, fh)))
    export(corpus, fmt, tmp_path / "small")
    assert calls == []                                     # small: rdflib's pretty output
    monkeypatch.setattr(rdf, "STREAM_ABOVE", len(corpus.assertions) - 1)
    export(corpus, fmt, tmp_path / "large")
    assert calls == [1]
    assert (tmp_path / "large").stat().st_size > 0


@pytest.mark.parametrize("writer,fmt", [("write_turtle", "TURTLE"), ("write_trig", "TRIG"),
                                        ("write_nquads", "N_QUADS"), ("write_ntriples", "N_TRIPLES"),
                                        ("write_jsonld", "JSON_LD")])
def test_oxigraph_loads_the_streamed_output(seeds, writer, fmt):
    """A second, strict parser (Oxigraph) reads every streamed format, quad for quad."""
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()
    store.bulk_load(_text(seeds, writer).encode("utf-8"), format=getattr(ox.RdfFormat, fmt))
    ds = corpus_to_dataset(seeds)
    expected = len(union_graph(ds)) if writer in GRAPH_WRITERS else len(list(ds.quads((None, None, None, None))))
    assert len(store) == expected
