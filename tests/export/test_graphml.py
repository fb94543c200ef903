"""GraphML exporter: readable back by networkx with nothing lost."""
from __future__ import annotations

import networkx as nx

from kg.export import export
from kg.graph import corpus_to_networkx
from kg.model import Entity


def test_graphml_loads_back_with_same_nodes_and_edges(corpus, tmp_path):
    # A control character (illegal in XML) in a label must not break the file.
    corpus.entities["org/who"] = Entity("org/who", "Organization", "WHO\x0b <Tổ chức> & co")
    path = export(corpus, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    G = corpus_to_networkx(corpus)
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_nodes() == G.number_of_nodes() == 6
    assert back.number_of_edges() == G.number_of_edges() == 6
    assert set(back.edges(keys=True)) == set(G.edges(keys=True))
    assert back.nodes["country/vietnam"]["label_vi"] == "Việt Nam"
    assert back.nodes["org/who"]["label"] == "WHO <Tổ chức> & co"
    inferred = [d for *_, d in back.edges(data=True) if d["inferred"]]
    assert len(inferred) == 1 and inferred[0]["relation"] == "praises"
    assert all(isinstance(d["confidence"], float) for *_, d in back.edges(data=True))
