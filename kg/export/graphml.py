"""GraphML exporter: the property graph of :func:`kg.graph.corpus_to_networkx`,
for Gephi, Cytoscape, yEd or ``networkx.read_graphml``."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..graph import corpus_to_networkx
from ..model import Corpus
from . import EXPORTERS
from .atomic import atomic_write


@EXPORTERS.register("graphml")
def write_graphml(corpus: Corpus, path: Path) -> None:
    graph = corpus_to_networkx(corpus)
    with atomic_write(path, mode="wb") as fh:
        nx.write_graphml(graph, fh, encoding="utf-8")
