"""kg.rdf.read: the one reader of graph files (viz, validate and store use it)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import GraphReadError
from kg.export import export
from kg.model import Corpus
from kg.rdf.read import corpus_from_quads, read_quads, split_by_article, to_rdflib


@pytest.mark.parametrize("name, content, message", [
    ("missing.ttl", None, "no such graph file"),
    ("g.csv", "a,b", "unknown extension '.csv'"),
    ("g.ttl", "this is not turtle <<", "not valid turtle"),
    ("g.jsonld", "{not json", "not valid json-ld"),
    ("g.nq", "<a> <b> .", "not valid n-quads"),
])
def test_unreadable_files_name_the_file_and_the_reason(tmp_path: Path, name: str, content: str | None,
                                                      message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphReadError) as info:
        read_quads(path)
    assert info.value.code == "E008" and str(path) in str(info.value) and message in str(info.value)


@pytest.mark.parametrize("fmt, name", [("turtle", "g.ttl"), ("trig", "g.trig"), ("json-ld", "g.jsonld"),
                                       ("nt", "g.nt"), ("nquads", "g.nq")])
def test_every_format_gives_the_corpus_back(corpus: Corpus, tmp_path: Path, fmt: str, name: str) -> None:
    back = corpus_from_quads(read_quads(export(corpus, fmt, tmp_path / name)))
    assert back.entities.keys() == corpus.entities.keys()
    assert [a.doc for a in back.articles] == [a.doc for a in corpus.articles]
    assert {(a.doc, a.subject, a.predicate, a.object, a.modality, a.sentence) for a in back.assertions} == \
        {(a.doc, a.subject, a.predicate, a.object, a.modality, a.sentence) for a in corpus.assertions}
    assert back.extractor == corpus.extractor


def test_to_rdflib_keeps_plain_strings_plain_and_blank_nodes_apart(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text('<http://ex/a> <http://ex/p> "x", "y"@vi, "1"^^<http://www.w3.org/2001/XMLSchema#integer>, '
                    '[ <http://ex/q> 1 ], [ <http://ex/q> 2 ] .', encoding="utf-8")
    g = to_rdflib(read_quads(path), merged=True)
    assert isinstance(g, Graph) and len(g) == 7
    objects = set(g.objects(URIRef("http://ex/a"), URIRef("http://ex/p")))
    assert {Literal("x"), Literal("y", lang="vi"), Literal("1", datatype=XSD.integer)} <= objects
    assert len([o for o in objects if isinstance(o, BNode)]) == 2


def test_turtle_triples_go_back_to_their_article_graphs(corpus: Corpus, tmp_path: Path) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(export(corpus, "turtle", tmp_path / "g.ttl")), format=ox.RdfFormat.TURTLE)
    quads, articles = split_by_article(store)
    trig = set(read_quads(export(corpus, "trig", tmp_path / "g.trig")))
    assert articles == 2
    assert {(q.subject, q.predicate, q.graph_name) for q in quads} == \
        {(q.subject, q.predicate, q.graph_name) for q in trig}
