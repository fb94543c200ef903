"""Evidence items of the HTML view, pre-encoded, per article, from the fragment cache.

Most of the page is evidence: each assertion's sentence with its entity
names marked (``highlight_spans``) and encoded as JSON. Both depend on the
assertion, its article and the names of its subject and object only (see
:func:`kg.export.html_model.evidence_maker`), so they are made one article
at a time, keyed by the article's digest plus the names of the entities it
involves (an alias learnt later in the corpus changes the key), and cached
as text (:mod:`kg.export.fragments`). Grouping the items into edges, the
nodes and the facets are corpus-wide and made afresh by ``graph_data``.

:func:`iter_page_json` writes the view model with these items spliced in as
text: the same characters :func:`kg.export.html.iter_embed_json` gives for
the plain model, but through the C JSON encoder, one edge at a time.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from typing import Any, Optional

from ..model import Article, Assertion, Corpus
from .fragments import current
from .html_model import _names, evidence_maker

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
# Fields of an item that graph_data reads (dedup key, facets); the rest is only in the text.
_FIELDS = ("doc", "sentence", "modality", "inferred", "lo", "hi")
# An evidence item as cached: the values of _FIELDS, and the item as page text.
EncodedItem = tuple[tuple[str, str, str, bool, Optional[str], Optional[str]], str]


def script_safe(text: str) -> str:
    """JSON text safe inside ``<script>``: see :func:`kg.export.html.embed_json`."""
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return text


class Evidence(dict):
    """One evidence item as page text; as a dict, just the fields graph_data reads
    (a dict, so that reading them is as fast as from a plain item)."""

    __slots__ = ("text",)

    def __init__(self, fields: tuple[Any, ...], text: str) -> None:
        super().__init__(zip(_FIELDS, fields))
        self.text = text


def _encoded(item: dict[str, Any]) -> EncodedItem:
    return tuple(item[f] for f in _FIELDS), script_safe(_ENCODE(item))


def evidence_source(corpus: Corpus) -> Callable[[Assertion], Evidence]:
    """``evidence(assertion)`` for graph_data: pre-encoded items, from the
    fragment cache for the articles whose key is unchanged."""
    frags = current()
    articles: dict[str, Article] = {art.doc: art for art in corpus.articles}
    make = evidence_maker(corpus, articles)
    by_doc: dict[str, list[Assertion]] = {}
    for a in corpus.assertions:
        by_doc.setdefault(a.doc, []).append(a)
    names: dict[str, list[str]] = {}
    items: dict[int, Evidence] = {}
    for doc, assertions in by_doc.items():
        rows = None
        if frags is not None:
            involved = sorted({a.subject for a in assertions} | {a.object for a in assertions})
            for eid in involved:
                if eid not in names:
                    names[eid] = _names(corpus.entities.get(eid), eid)
            key = frags.key("html", doc, [(eid, names[eid]) for eid in involved])
            rows = frags.get("html", key, list[EncodedItem])
            if rows is not None and len(rows) != len(assertions):
                rows = None             # sealed but not this article's: render it again
        if rows is None:
            rows = [_encoded(make(a)) for a in assertions]
            if frags is not None:
                frags.put("html", key, rows, list[EncodedItem])
        for a, (fields, text) in zip(assertions, rows):
            items[id(a)] = Evidence(fields, text)
    return lambda a: items[id(a)]


def iter_page_json(data: dict[str, Any]) -> Iterator[str]:
    """The view model as script-safe JSON, pieces in order, with :class:`Evidence`
    items spliced in as their text."""
    # A placeholder no text can forge, swapped for each edge's evidence list.
    token = f"kg-evidence-{secrets.token_hex(16)}"
    placeholder = '"evidence":' + _ENCODE(token)
    yield "{"
    for i, (name, value) in enumerate(data.items()):
        head = ("," if i else "") + script_safe(_ENCODE(name)) + ":"
        if name != "edges" or not isinstance(value, list):
            yield head + script_safe(_ENCODE(value))
            continue
        yield head + "["
        for j, edge in enumerate(value):
            evidence = edge.get("evidence")
            sep = "," if j else ""
            if not (isinstance(evidence, list) and evidence and all(isinstance(e, Evidence) for e in evidence)):
                yield sep + script_safe(_ENCODE(edge))
                continue
            text = script_safe(_ENCODE({**edge, "evidence": token}))
            yield sep + text.replace(placeholder, '"evidence":[' + ",".join(e.text for e in evidence) + "]", 1)
        yield "]"
    yield "}"
