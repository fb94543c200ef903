"""RDF exporters: Turtle, TriG, JSON-LD, N-Triples, N-Quads.

Turtle and N-Triples cannot hold named graphs, so they get the union of the
default graph and every article graph; TriG, N-Quads and JSON-LD keep the
named graphs.

Small corpora go through rdflib (sorted, nested, pretty output). Above
:data:`STREAM_ABOVE` assertions the writers of :mod:`kg.export.stream` write
the same triples article by article, in linear time and constant memory
(rdflib holds the whole graph and its Turtle writer is superlinear).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from ..graph import PREFIXES, corpus_to_dataset, union_graph
from ..model import Corpus
from . import EXPORTERS
from .atomic import atomic_write

# Above this many assertions (about 13 triples each), stream instead of rdflib.
STREAM_ABOVE = 2000


def _streamed(corpus: Corpus, path: Path, name: str) -> bool:
    """Write with the streaming writer ``name`` if the corpus is large; True if done."""
    if len(corpus.assertions) <= STREAM_ABOVE:
        return False
    from . import stream

    with atomic_write(path) as fh:
        getattr(stream, name)(corpus, fh)
    return True


# rdflib writes control characters raw inside literals. The grammars allow
# that, but C parsers (raptor's rapper) stop at a NUL, so write them as \u
# escapes, which every syntax accepts. IRIs are already percent-encoded, so
# such a byte can only be inside a literal.
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape_controls(payload: bytes) -> bytes:
    return _RAW_CONTROL.sub(lambda m: b"\\u%04X" % m.group()[0], payload)


def _write(data: Graph | Dataset, path: Path, fmt: str, **args: object) -> None:
    payload = _escape_controls(data.serialize(format=fmt, encoding="utf-8", **args))
    with atomic_write(path, mode="wb") as fh:
        fh.write(payload)


@EXPORTERS.register("turtle", aliases=("ttl",))
def write_turtle(corpus: Corpus, path: Path) -> None:
    if not _streamed(corpus, path, "write_turtle"):
        _write(union_graph(corpus_to_dataset(corpus)), path, "turtle")


@EXPORTERS.register("trig")
def write_trig(corpus: Corpus, path: Path) -> None:
    if not _streamed(corpus, path, "write_trig"):
        _write(corpus_to_dataset(corpus), path, "trig")


def _lift_default_graph(doc: dict[str, Any]) -> dict[str, Any]:
    """rdflib wraps the default graph's nodes in an ``{"@graph": [...]}`` object
    without ``@id``, which other processors (JSON-LD 1.1 expansion) read as a
    named graph with a blank-node name. Top-level nodes are the default graph,
    so splice them up to the top level."""
    items = doc.get("@graph")
    if not isinstance(items, list):
        return doc
    lifted: list[Any] = []
    for item in items:
        if isinstance(item, dict) and "@id" not in item and set(item) == {"@graph"}:
            inner = item["@graph"]
            lifted.extend(inner if isinstance(inner, list) else [inner])
        else:
            lifted.append(item)
    return {**doc, "@graph": lifted}


@EXPORTERS.register("json-ld", aliases=("jsonld",))
def write_jsonld(corpus: Corpus, path: Path) -> None:
    if _streamed(corpus, path, "write_jsonld"):
        return
    # Compact with our prefixes so the file reads as kg:/kgid: terms, not full IRIs.
    text = corpus_to_dataset(corpus).serialize(format="json-ld", context=dict(PREFIXES))
    doc = _lift_default_graph(json.loads(text))
    with atomic_write(path) as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


@EXPORTERS.register("nt", aliases=("ntriples", "nt11", "n-triples"))
def write_ntriples(corpus: Corpus, path: Path) -> None:
    if not _streamed(corpus, path, "write_ntriples"):
        _write(union_graph(corpus_to_dataset(corpus)), path, "nt")


@EXPORTERS.register("nquads", aliases=("nq", "n-quads"))
def write_nquads(corpus: Corpus, path: Path) -> None:
    if not _streamed(corpus, path, "write_nquads"):
        _write(corpus_to_dataset(corpus), path, "nquads")
