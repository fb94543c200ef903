"""GraphML: one writer, read back by networkx as the graph corpus_to_networkx makes."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from kg.export import export
from kg.export.graphml import corpus_to_networkx, write_graphml_to
from kg.model import Assertion, Corpus, Entity
from kg.rdf.layout import assertion_iri

ROOT = Path(__file__).resolve().parents[2]


def _find(corpus, predicate: str):
    return next(a for a in corpus.assertions if a.predicate == predicate)


def _same_graph(back: nx.MultiDiGraph, G: nx.MultiDiGraph) -> None:
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    edges = lambda g: sorted(g.edges(keys=True, data=True), key=repr)     # noqa: E731
    assert edges(back) == edges(G)
    assert {k: v for k, v in back.graph.items() if k not in ("node_default", "edge_default")} == G.graph


def _undescribed(corpus: Corpus) -> Corpus:
    corpus.assertions.append(Assertion("001_test_en", "country/laos", "visits", "country/vietnam",
                                       sentence="Laos & <Vietnam>", sentence_end=16))
    return corpus


def _repeated_doc(corpus: Corpus) -> Corpus:
    # The records of one doc not next to each other: still one edge per fact.
    corpus.assertions.append(corpus.assertions[0])
    return corpus


@pytest.mark.parametrize("change", [lambda c: c, _undescribed, _repeated_doc,
                                    lambda c: Corpus(entities=c.entities, extractor=c.extractor)],
                         ids=["corpus", "undescribed-entity", "repeated-doc", "no-edges"])
def test_networkx_reads_the_file_back_to_the_same_graph(corpus, tmp_path, change):
    corpus = change(corpus)
    back = nx.read_graphml(export(corpus, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    _same_graph(back, corpus_to_networkx(corpus))


def test_networkx_reads_the_seeds_back_to_the_same_graph(tmp_path):
    from kg.build.pipeline import extract_corpus

    corpus = extract_corpus([ROOT / "seeds"])
    back = nx.read_graphml(export(corpus, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    G = corpus_to_networkx(corpus)
    assert G.number_of_edges() > 100
    _same_graph(back, G)


def test_xml_illegal_characters_do_not_break_the_file(corpus, tmp_path):
    corpus.entities["org/who"] = Entity("org/who", "Organization", "WHO\x0b <Tổ chức> & co")
    back = nx.read_graphml(export(corpus, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    assert back.nodes["org/who"]["label"] == "WHO <Tổ chức> & co"
    assert back.nodes["country/vietnam"]["label_vi"] == "Việt Nam"
    inferred = [d for *_, d in back.edges(data=True) if d["inferred"]]
    assert len(inferred) == 1 and inferred[0]["relation"] == "praises"
    assert all(isinstance(d["confidence"], float) for *_, d in back.edges(data=True))


def test_the_same_corpus_gives_the_same_bytes(corpus):
    first, second = io.BytesIO(), io.BytesIO()
    write_graphml_to(corpus, first)
    write_graphml_to(corpus, second)
    assert first.getvalue() == second.getvalue()


def test_networkx_graph(corpus):
    G = corpus_to_networkx(corpus)
    assert set(G.nodes) == set(corpus.entities)
    assert G.number_of_edges() == 6                     # 7 records, one fact read twice
    vn = G.nodes["country/vietnam"]
    assert vn["label_vi"] == "Việt Nam" and vn["type"] == "Country"
    assert vn["aliases"] == "VN | Vietnam | Việt Nam"
    assert vn["n_assertions"] == 5
    aid = G.get_edge_data("country/russia", "country/vietnam",
                          key=assertion_iri(_find(corpus, "providesAidTo")).rsplit("/", 1)[1])
    assert aid["relation"] == "providesAidTo" and aid["confidence"] == 0.9
    assert aid["n_sentences"] == 2 and aid["inferred"] is False and aid["date"] == "2021-03-01"
    for _, data in [*G.nodes(data=True), *((k, d) for *_, k, d in G.edges(keys=True, data=True))]:
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data
