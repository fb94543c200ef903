"""GraphML exporter: the property graph of :func:`kg.graph.corpus_to_networkx`,
for Gephi, Cytoscape, yEd or ``networkx.read_graphml``.

XML 1.0 cannot hold most control characters, even escaped, so article text
that carries them (a NUL, an ANSI colour code) would make the file unwritable.
They become U+FFFD here; the RDF formats keep the text exactly.

>>> xml_safe("a\\x00b\\x1b[31mc\\td")
'a\\ufffdb\\ufffd[31mc\\td'
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph import corpus_to_networkx
from ..model import Corpus
from . import EXPORTERS
from .atomic import atomic_write

__all__ = ["write_graphml", "xml_safe"]

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: Any) -> Any:
    """``value`` with characters XML 1.0 forbids replaced by U+FFFD; non-strings unchanged."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    if not any(_NOT_XML.search(str(part)) for part in _strings(graph)):
        return graph            # the common case: no copy
    safe = graph.__class__()
    safe.graph.update({k: xml_safe(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        safe.add_node(xml_safe(node), **{k: xml_safe(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        safe.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(key), **{k: xml_safe(x) for k, x in data.items()})
    return safe


def _strings(graph: nx.MultiDiGraph):
    yield from graph.graph.values()
    for node, data in graph.nodes(data=True):
        yield node
        yield from data.values()
    for u, v, key, data in graph.edges(keys=True, data=True):
        yield key
        yield from data.values()


@EXPORTERS.register("graphml")
def write_graphml(corpus: Corpus, path: Path) -> None:
    from .graphml_stream import write_graphml_stream

    with atomic_write(path, mode="wb") as fh:
        # The same bytes as below, without building the graph, and with the
        # edges of unchanged articles taken from the fragment cache.
        if write_graphml_stream(corpus, fh):
            return
    graph = _xml_safe_graph(corpus_to_networkx(corpus))
    with atomic_write(path, mode="wb") as fh:
        nx.write_graphml(graph, fh, encoding="utf-8")
