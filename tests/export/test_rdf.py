"""RDF exporters: round trips through rdflib and an independent Turtle parser."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export import EXPORTERS, export
from kg.graph import corpus_to_dataset, default_graph, union_graph
from kg.model import Assertion, Entity

GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt"}          # exporter -> rdflib parser
DATASET_FORMATS = {"trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}


def _add_weird(corpus) -> None:
    """An entity id and a doc full of characters that are illegal in IRIs."""
    weird = 'org/Bộ Y tế "VN" <x>{y}|z\\^`%'
    corpus.entities[weird] = Entity(weird, "Organization", "Bộ Y tế", {"vi": "Bộ Y tế"})
    corpus.assertions.append(Assertion(
        doc='tin tức/ <x> "q" {a}|b\\c^d', subject=weird, predicate="providesAidTo",
        object="country/vietnam", sentence='Bộ Y tế "cảm ơn"\tdòng\nmới', sentence_start=0,
        sentence_end=20, extractor="kg-extractor/0.1.0"))


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_graph_formats_round_trip_as_union(corpus, tmp_path, fmt):
    _add_weird(corpus)
    path = export(corpus, fmt, tmp_path / f"g.{fmt}")
    back = Graph().parse(path, format=GRAPH_FORMATS[fmt])
    expected = union_graph(corpus_to_dataset(corpus))
    assert len(back) == len(expected) > 100
    assert isomorphic(back, expected)


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_dataset_formats_round_trip_per_named_graph(corpus, tmp_path, fmt):
    _add_weird(corpus)
    path = export(corpus, fmt, tmp_path / "g.out")
    back = Dataset()
    back.parse(path, format=DATASET_FORMATS[fmt])
    ds = corpus_to_dataset(corpus)
    names = {g.identifier for g in ds.graphs()}
    assert {g.identifier for g in back.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(back.graph(name), ds.graph(name)), name
    # The entities are in the default graph, not in a named or blank-named one.
    assert len(default_graph(back)) == len(default_graph(ds))


def test_jsonld_has_default_graph_at_top_level(corpus, tmp_path):
    import json
    doc = json.loads(export(corpus, "jsonld", tmp_path / "g.jsonld").read_text("utf-8"))
    assert "kgid" in doc["@context"] and "kg" in doc["@context"]
    # rdflib nests the default graph in {"@graph": [...]} without @id, which
    # JSON-LD processors read as a blank-node named graph: it must be lifted.
    assert all("@id" in node for node in doc["@graph"])


def test_aliases_resolve_to_the_same_exporter():
    for alias, name in [("ttl", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"),
                        ("nt11", "nt"), ("nq", "nquads"), ("TriG", "trig")]:
        assert EXPORTERS.get(alias) is EXPORTERS.get(name)


def test_turtle_holds_no_blank_nodes(corpus, tmp_path):
    back = Graph().parse(export(corpus, "turtle", tmp_path / "g.ttl"), format="turtle")
    assert all(isinstance(t, URIRef) or t.__class__.__name__ == "Literal" for t in back.all_nodes())


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor's rapper is not installed")
@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("trig", "trig"), ("nt", "ntriples")])
def test_independent_parser_reads_the_output(corpus, tmp_path, fmt, syntax):
    _add_weird(corpus)
    path = export(corpus, fmt, tmp_path / f"g.{fmt}")
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "rapper: Error" not in run.stderr
    if fmt != "trig":       # rapper counts triples of all graphs for TriG differently
        count = int(run.stderr.split("returned")[1].split()[0])
        assert count == len(union_graph(corpus_to_dataset(corpus)))
