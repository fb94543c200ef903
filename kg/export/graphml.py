"""The property graph of a corpus (:func:`corpus_to_networkx`) and its GraphML file,
for Gephi, Cytoscape, yEd or ``networkx.read_graphml``.

Entities are nodes; each merged assertion (:mod:`kg.rdf.merge`) is an edge
keyed by its id. The GraphML is written directly, not through networkx (which
builds the graph, then an lxml tree: 7 s and hundreds of MB at 2,000
articles): the schema is fixed, each article's edges are text that the
fragment cache (:mod:`kg.export.fragments`) keeps between builds, and they
wait in a temporary file, not in memory, until the node list (which counts
them) is written. ``networkx.read_graphml`` reads the file back to the graph
:func:`corpus_to_networkx` makes (a test keeps it so).

XML 1.0 cannot hold most control characters, even escaped, so article text
that carries them (a NUL, an ANSI colour code) would make the file unwritable.
They become U+FFFD here; the RDF formats keep the text exactly.

>>> xml_safe("a\\x00b\\x1b[31mc\\td")
'a\\ufffdb\\ufffd[31mc\\td'
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .. import EXTRACTOR
from ..model import Corpus, Entity
from ..rdf.merge import MergedAssertion, merge_assertions
from ..lang.text import nfc
from . import EXPORTERS
from .atomic import atomic_write

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["corpus_to_networkx", "edge_attrs", "node_attrs", "write_graphml", "xml_safe"]

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters XML 1.0 forbids that the attribute values drop (the rest become U+FFFD when written).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_UNSAFE = re.compile("[&<>\r]")
_ATTR_UNSAFE = re.compile('[&<>"\r\n\t]')

# (name, GraphML type) of the node and edge attributes, in the order of node_attrs and edge_attrs.
NODE_KEYS = (("label", "string"), ("type", "string"), ("label_vi", "string"), ("label_en", "string"),
             ("aliases", "string"), ("wikidata", "string"), ("n_assertions", "long"))
EDGE_KEYS = (("relation", "string"), ("modality", "string"), ("confidence", "double"), ("inferred", "boolean"),
             ("doc", "string"), ("sentence", "string"), ("offsets", "string"), ("n_sentences", "long"),
             ("trigger", "string"), ("date", "string"), ("start", "string"), ("end", "string"))
_NODE_IDS = [f"d{i}" for i in range(1, 1 + len(NODE_KEYS))]
_EDGE_IDS = [f"d{i}" for i in range(1 + len(NODE_KEYS), 1 + len(NODE_KEYS) + len(EDGE_KEYS))]


def xml_safe(value: Any) -> Any:
    """``value`` with characters XML 1.0 forbids replaced by U+FFFD; non-strings unchanged."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", nfc(text))


# ----------------------------------------------------------------- the graph
def node_attrs(entity_id: str, e: Entity | None, n_assertions: int) -> dict[str, Any]:
    """A node's attributes: str/int values only (never None), so GraphML can hold them."""
    if e is None:       # referenced but not described: keep the edge anyway
        return dict(label=_safe(entity_id), type="", label_vi="", label_en="", aliases="", wikidata="",
                    n_assertions=n_assertions)
    return dict(label=_safe(e.label or e.id), type=e.type, label_vi=_safe(e.labels.get("vi", "")),
                label_en=_safe(e.labels.get("en", "")), aliases=_safe(" | ".join(sorted(e.aliases))),
                wikidata=e.wikidata or "", n_assertions=n_assertions)


def edge_attrs(m: MergedAssertion) -> dict[str, Any]:
    """An edge's attributes, from its merged assertion; missing values are ""."""
    a, sentences = m.first, m.sentences()
    return dict(relation=a.predicate, modality=a.modality, confidence=float(round(m.confidence, 3)),
                inferred=m.inferred, doc=_safe(a.doc), sentence=_safe(sentences[0][2]) if sentences else "",
                offsets=";".join(f"{s}-{e}" for s, e, _ in sentences), n_sentences=len(sentences),
                trigger=_safe(" | ".join(m.values("trigger"))), date=_safe(" | ".join(m.values("date"))),
                start=_safe(" | ".join(m.values("start"))), end=_safe(" | ".join(m.values("end"))))


def corpus_to_networkx(corpus: Corpus) -> nx.MultiDiGraph:
    """Entities as nodes, one edge per (merged) assertion keyed by its id."""
    import networkx as nx

    G = nx.MultiDiGraph(extractor=_safe(corpus.extractor or EXTRACTOR))
    for e in corpus.entities.values():
        G.add_node(e.id, **node_attrs(e.id, e, 0))
    for m in merge_assertions(corpus.assertions):
        a = m.first
        for ent in (a.subject, a.object):
            if ent not in G:
                G.add_node(ent, **node_attrs(ent, None, 0))
        G.add_edge(a.subject, a.object, key=m.id, **edge_attrs(m))
        G.nodes[a.subject]["n_assertions"] += 1
        if a.object != a.subject:
            G.nodes[a.object]["n_assertions"] += 1
    return G


# ----------------------------------------------------------------- the file
def _text(value: object) -> str:
    text = xml_safe(str(value).lower() if isinstance(value, bool) else str(value))
    return _TEXT_UNSAFE.sub(lambda m: _TEXT_ESCAPES[m.group()], text) if _TEXT_UNSAFE.search(text) else text


def _attr(value: str) -> str:
    text = xml_safe(value)
    return _ATTR_UNSAFE.sub(lambda m: _ATTR_ESCAPES[m.group()], text) if _ATTR_UNSAFE.search(text) else text


def _data(ids: list[str], values: dict[str, Any]) -> str:
    return "".join([f'  <data key="{k}">{_text(v)}</data>\n' for k, v in zip(ids, values.values())])


def _header(extractor: str) -> str:
    keys = [("graph", "extractor", "string"), *(("node", n, t) for n, t in NODE_KEYS),
            *(("edge", n, t) for n, t in EDGE_KEYS)]
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
            + "".join(f'<key id="d{i}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n'
                      for i, (scope, name, kind) in enumerate(keys))
            + f'<graph edgedefault="directed"><data key="d0">{_text(extractor)}</data>\n')


# An edge as (source, target, the <edge> element's text); an article's list of them is its fragment.
Edge = tuple[str, str, str]


def _article_edges(assertions: list) -> list[Edge]:
    """An article's edges (its fragment)."""
    out = []
    for m in merge_assertions(assertions):
        u, v, key = m.first.subject, m.first.object, m.id
        out.append((u, v, f'<edge source="{_attr(u)}" target="{_attr(v)}" id="{_attr(key)}">\n'
                          f"{_data(_EDGE_IDS, edge_attrs(m))}</edge>\n"))
    return out


def _edges(corpus: Corpus) -> Any:
    from ..rdf.layout import docs
    from .fragments import current

    frags = current()
    for doc, _, assertions in docs(corpus):
        key = frags.key("graphml", doc) if frags is not None else ""
        edges = frags.get("graphml", key, list[Edge]) if frags is not None else None
        if edges is None:
            edges = _article_edges(assertions)
            if frags is not None:
                frags.put("graphml", key, edges, list[Edge])
        yield from edges


def write_graphml_to(corpus: Corpus, fh: IO[bytes]) -> None:
    """Write the GraphML of ``corpus`` to ``fh``: header, nodes (with their counts), edges."""
    degree = dict.fromkeys(corpus.entities, 0)
    with tempfile.TemporaryFile() as spool:
        for u, v, text in _edges(corpus):
            spool.write(text.encode("utf-8"))
            degree[u] = degree.get(u, 0) + 1
            if v != u:
                degree[v] = degree.get(v, 0) + 1
        parts = [_header(_safe(corpus.extractor or EXTRACTOR))]
        for node, count in degree.items():
            values = node_attrs(node, corpus.entities.get(node), count)
            parts.append(f'<node id="{_attr(node)}">\n{_data(_NODE_IDS, values)}</node>\n')
        fh.write("".join(parts).encode("utf-8"))
        spool.seek(0)
        shutil.copyfileobj(spool, fh)
    fh.write(b"</graph></graphml>\n")


@EXPORTERS.register("graphml")
def write_graphml(corpus: Corpus, path: Path) -> None:
    with atomic_write(path, mode="wb") as fh:
        write_graphml_to(corpus, fh)
