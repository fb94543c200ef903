"""RDF exporters: Turtle, TriG, JSON-LD, N-Triples, N-Quads.

The exporter names and file handling; the files themselves are written by
:mod:`kg.rdf.formats` (pyoxigraph), one writer per format.
"""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from ..model import Corpus
from . import EXPORTERS
from .atomic import atomic_write

# The exporters written by kg.rdf.formats (their names are its format keys).
RDF_FORMATS = ("turtle", "trig", "json-ld", "nt", "nquads")


def _write(corpus: Corpus, path: Path, fmt: str) -> None:
    from ..rdf.formats import write
    from .fragments import current

    with atomic_write(path, mode="wb") as fh:
        write(corpus, fmt, fh, current())


@EXPORTERS.register("turtle", aliases=("ttl",))
def write_turtle(corpus: Corpus, path: Path) -> None:
    """All graphs merged, as Turtle."""
    _write(corpus, path, "turtle")


@EXPORTERS.register("trig")
def write_trig(corpus: Corpus, path: Path) -> None:
    """The default graph, then one named graph per article."""
    _write(corpus, path, "trig")


@EXPORTERS.register("json-ld", aliases=("jsonld",))
def write_jsonld(corpus: Corpus, path: Path) -> None:
    """Expanded JSON-LD: the default graph's nodes, then one object per article graph."""
    _write(corpus, path, "json-ld")


@EXPORTERS.register("nt", aliases=("ntriples", "nt11", "n-triples"))
def write_ntriples(corpus: Corpus, path: Path) -> None:
    """All graphs merged, as N-Triples."""
    _write(corpus, path, "nt")


@EXPORTERS.register("nquads", aliases=("nq", "n-quads"))
def write_nquads(corpus: Corpus, path: Path) -> None:
    _write(corpus, path, "nquads")


def write_together(corpus: Corpus, paths: dict[str, Path]) -> None:
    """Several RDF files in one pass over the articles (``{exporter name: path}``): each
    article is laid out once for them all, and each file has the bytes of its own exporter."""
    from ..rdf.formats import write_many
    from .fragments import current

    with ExitStack() as stack:
        files = {fmt: stack.enter_context(atomic_write(path, mode="wb")) for fmt, path in paths.items()}
        write_many(corpus, files, current())
