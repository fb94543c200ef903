"""GraphML written directly, the same bytes as ``networkx.write_graphml`` of
:func:`kg.graph.corpus_to_networkx`, with each article's edges cacheable.

networkx builds the whole graph, then an lxml tree, then writes it: 7 s for
2,000 articles, every time. The graph's schema is fixed (the attributes of
``corpus_to_networkx``, always of the same Python types), so the key
declarations are fixed too, and every edge's element depends on its merged
assertion only. This writer lays out each article's edges as text (or takes
them from the fragment cache, :mod:`kg.export.fragments`) and writes them in
the order networkx would: by source node in node order, then by target in the
order the pair first occurred, then by key. Nodes (entities, with their
assertion counts) are corpus-wide and always written afresh.

It returns False, leaving the work to networkx, for the cases it does not
lay out the way networkx would: a graph without edges, or a corpus whose
articles' assertions are not contiguous (two articles with the same doc id).
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from typing import IO

from .. import EXTRACTOR
from ..graph import _safe, merge_assertions
from ..model import Assertion, Corpus
from .fragments import current

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_UNSAFE = re.compile("[&<>\r]")
_ATTR_UNSAFE = re.compile('[&<>"\r\n\t]')

# (name, GraphML type) of the node and edge attributes of corpus_to_networkx, in its order.
NODE_KEYS = (("label", "string"), ("type", "string"), ("label_vi", "string"), ("label_en", "string"),
             ("aliases", "string"), ("wikidata", "string"), ("n_assertions", "long"))
EDGE_KEYS = (("relation", "string"), ("modality", "string"), ("confidence", "double"), ("inferred", "boolean"),
             ("doc", "string"), ("sentence", "string"), ("offsets", "string"), ("n_sentences", "long"),
             ("trigger", "string"), ("date", "string"), ("start", "string"), ("end", "string"))
_NODE_IDS = [f"d{i}" for i in range(1, 1 + len(NODE_KEYS))]
_EDGE_IDS = [f"d{i}" for i in range(1 + len(NODE_KEYS), 1 + len(NODE_KEYS) + len(EDGE_KEYS))]

# An article's edges as cached: (source, target, key, the <edge> element's text).
Edge = tuple[str, str, str, str]


def _safe_xml(value: str) -> str:
    # What kg.export.graphml.xml_safe does to the whole graph before networkx writes it.
    return _NOT_XML.sub("\ufffd", value) if _NOT_XML.search(value) else value


def _text(value: object) -> str:
    text = _safe_xml(str(value))
    return _TEXT_UNSAFE.sub(lambda m: _TEXT_ESCAPES[m.group()], text) if _TEXT_UNSAFE.search(text) else text


def _attr(value: str) -> str:
    text = _safe_xml(value)
    return _ATTR_UNSAFE.sub(lambda m: _ATTR_ESCAPES[m.group()], text) if _ATTR_UNSAFE.search(text) else text


def _data(ids: list[str], values: list[object]) -> str:
    return "".join([f'  <data key="{k}">{_text(v)}</data>\n' for k, v in zip(ids, values)])


def _header(extractor: str) -> str:
    keys = [("graph", "extractor", "string"), *(("node", n, t) for n, t in NODE_KEYS),
            *(("edge", n, t) for n, t in EDGE_KEYS)]
    lines = [f'<key id="d{i}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n'
             for i, (scope, name, kind) in enumerate(keys)]
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
            + "".join(reversed(lines))
            + f'<graph edgedefault="directed"><data key="d0">{_text(extractor)}</data>\n')


def _article_edges(assertions: list[Assertion]) -> list[Edge]:
    """The edges corpus_to_networkx makes of one article's assertions, as GraphML text."""
    out = []
    for m in merge_assertions(assertions):
        a = m.first
        sentences = m.sentences()
        values: list[object] = [
            a.predicate, a.modality, float(round(m.confidence, 3)), m.inferred, _safe(a.doc),
            _safe(sentences[0][2]) if sentences else "", ";".join(f"{s}-{e}" for s, e, _ in sentences),
            len(sentences), _safe(" | ".join(m.values("trigger"))), _safe(" | ".join(m.values("date"))),
            _safe(" | ".join(m.values("start"))), _safe(" | ".join(m.values("end")))]
        u, v, key = a.subject, a.object, m.id
        out.append((u, v, key, f'<edge source="{_attr(u)}" target="{_attr(v)}" id="{_attr(key)}">\n'
                               f"{_data(_EDGE_IDS, values)}</edge>\n"))
    return out


def _docs(corpus: Corpus) -> dict[str, list[Assertion]] | None:
    """Assertions by doc, in corpus order; None if some doc's assertions are not contiguous."""
    by_doc: dict[str, list[Assertion]] = {}
    last = None
    for a in corpus.assertions:
        if a.doc != last:
            if a.doc in by_doc:
                return None
            by_doc[a.doc] = []
            last = a.doc
        by_doc[a.doc].append(a)
    return by_doc


def _edges(by_doc: dict[str, list[Assertion]]) -> Iterator[Edge]:
    frags = current()
    for doc, assertions in by_doc.items():
        key = frags.key("graphml", doc) if frags is not None else ""
        edges = frags.get("graphml", key, list[Edge]) if frags is not None else None
        if edges is None:
            edges = _article_edges(assertions)
            if frags is not None:
                frags.put("graphml", key, edges, list[Edge])
        yield from edges


def write_graphml_stream(corpus: Corpus, fh: IO[bytes]) -> bool:
    """Write the GraphML of ``corpus`` to ``fh``; False (nothing written) where networkx must.

    Edges come article by article but go out by source node, so their text
    waits in a temporary file, not in memory: only its place is kept.
    """
    by_doc = _docs(corpus)
    if not by_doc:
        return False
    degree = dict.fromkeys(corpus.entities, 0)
    adjacency: dict[str, dict[str, list[tuple[int, int]]]] = {}
    with tempfile.TemporaryFile() as spool:
        # "key" is unique per (u, v) pair in networkx's multigraph, and a key met
        # twice replaces the first edge's data: keep the last text, in first place.
        seen: dict[tuple[str, str, str], int] = {}
        for u, v, key, text in _edges(by_doc):
            data = text.encode("utf-8")
            place = (spool.tell(), len(data))
            spool.write(data)
            slots = adjacency.setdefault(u, {}).setdefault(v, [])
            if (u, v, key) in seen:
                slots[seen[(u, v, key)]] = place
            else:
                seen[(u, v, key)] = len(slots)
                slots.append(place)
            degree[u] = degree.get(u, 0) + 1
            if v != u:
                degree[v] = degree.get(v, 0) + 1
        described = corpus.entities
        parts = [_header(_safe(corpus.extractor or EXTRACTOR))]
        for node, count in degree.items():
            e = described.get(node)
            values: list[object] = ([_safe(e.label or e.id), e.type, _safe(e.labels.get("vi", "")),
                                     _safe(e.labels.get("en", "")), _safe(" | ".join(sorted(e.aliases))),
                                     e.wikidata or "", count] if e is not None
                                    else [_safe(node), "", "", "", "", "", count])
            parts.append(f'<node id="{_attr(node)}">\n{_data(_NODE_IDS, values)}</node>\n')
        fh.write("".join(parts).encode("utf-8"))
        for node in degree:
            for slots in adjacency.get(node, {}).values():
                for offset, size in slots:
                    spool.seek(offset)
                    fh.write(spool.read(size))
    fh.write(b"</graph></graphml>")
    return True
