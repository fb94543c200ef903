"""The RDF files of a corpus, written by pyoxigraph: Turtle, TriG, N-Triples, N-Quads, JSON-LD.

One writer per format, whatever the corpus's size. pyoxigraph serialises the
triples of :mod:`kg.rdf.layout` one article graph at a time (and escapes every
string), so memory stays flat and time linear. Each article's serialised
graph is a fragment (:mod:`kg.export.fragments`, handed in by the exporter): a rebuild takes the graphs
of unchanged articles from the cache, and writes the same bytes as a full build.

Turtle and N-Triples cannot hold named graphs, so they get the union of the
default graph and every article graph: the direct ``s kg:rel o`` triples, which
several articles may state, are written once. TriG, N-Quads and JSON-LD keep
the named graphs.

>>> import io
>>> from kg.model import Corpus, Entity
>>> corpus = Corpus(entities={"country/laos": Entity("country/laos", "Country", "Laos", {"en": "Laos"})})
>>> out = io.BytesIO(); write(corpus, "turtle", out)
>>> print(out.getvalue().decode().split("\\n\\n")[1].splitlines()[-2:])
['<https://w3id.org/kgvn/id/country/laos> a kg:Country ;', '\\trdfs:label "Laos"@en .']
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Union

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

from ..model import Corpus
from .layout import PREFIXES, ArticleGraph, Layout, default_quads, docs

# Prefixes written by Turtle and TriG. Not kgid: its local names hold '/', which
# Turtle would have to escape ('kgid:country\/laos'); full IRIs read better.
_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "kgid"}
_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in _PREFIXES.items()).encode() + b"\n"


@dataclass(frozen=True)
class Spec:
    """How a format is written: pyoxigraph's format, whether it keeps named graphs, its document frame."""

    rdf_format: RdfFormat
    datasets: bool
    head: bytes = b""


SPECS: dict[str, Spec] = {
    "turtle": Spec(RdfFormat.TURTLE, False, _HEADER),
    "trig": Spec(RdfFormat.TRIG, True, _HEADER),
    "nt": Spec(RdfFormat.N_TRIPLES, False),
    "nquads": Spec(RdfFormat.N_QUADS, True),
    "json-ld": Spec(RdfFormat.JSON_LD, True),
}


# ------------------------------------------------------------------ serialising
def _body(data: bytes, spec: Spec) -> bytes:
    """pyoxigraph's output without its prefix lines (the file has one header) or,
    for JSON-LD, without the brackets of the array (articles are items of one array)."""
    if spec.rdf_format == RdfFormat.JSON_LD:
        return data.strip()[1:-1]
    pos = 0
    while data.startswith(b"@prefix ", pos):
        pos = data.index(b"\n", pos) + 1
    return data[pos:]


def serialise(quads: list[Quad], spec: Spec) -> bytes:
    """The text of ``quads`` without the file's frame (the union formats take default-graph quads only)."""
    if not quads:
        return b""
    return _body(serialize(quads, format=spec.rdf_format, prefixes=_PREFIXES if spec.head else None), spec)


# ------------------------------------------------------------------- fragments
# An article's fragment is plain data, cached as the type below (kg.plain checks
# it when it is read back). Dataset formats: (its graph's text, the extractors it
# names). Union formats: (the text of its own subjects, its direct triples as
# (s, p, o) IRIs (another article may have written them first), the extractors it names).
DatasetFragment = tuple[str, list[str]]
UnionFragment = tuple[str, list[tuple[str, str, str]], list[str]]
Fragment = Union[DatasetFragment, UnionFragment]


def _render(graph: ArticleGraph, spec: Spec) -> Fragment:
    if spec.datasets:
        shared = [Quad(s, p, o, graph.name) for s, p, o in graph.shared]
        return (serialise([*graph.local, *shared], spec).decode("utf-8"), graph.extractors)
    triples = [(s.value, p.value, o.value) for s, p, o in graph.shared]
    return (serialise(graph.local, spec).decode("utf-8"), triples, graph.extractors)


def fragments(corpus: Corpus, fmt: str, layout: Layout, frags: Any = None) -> Iterator[Fragment]:
    """The fragment of each article graph, from the fragment cache ``frags`` (a
    :class:`kg.export.fragments.Fragments`) where the article is unchanged."""
    sink = _Sink(fmt, None, frags)
    for doc, article, assertions in docs(corpus):
        value = sink.cached(doc)
        yield value if value is not None else sink.render(doc, layout.article(
            doc, article, assertions, merged=not sink.spec.datasets))


# --------------------------------------------------------------------- writers
class _Union:
    """Writes each direct triple once, for the formats that merge all graphs."""

    def __init__(self, spec: Spec) -> None:
        self.spec, self.seen, self.nodes = spec, set(), {}

    def text(self, shared: list[Any]) -> bytes:
        new = []
        for s, p, o in shared:
            if (s, p, o) not in self.seen:
                self.seen.add((s, p, o))
                new.append(Quad(*(self.nodes.get(x) or self.nodes.setdefault(x, NamedNode(x)) for x in (s, p, o))))
        return serialise(new, self.spec)


class _Sink:
    """One file being written: its format's frame, the article fragments (cached or
    rendered), and the extractors the articles name, written last."""

    def __init__(self, fmt: str, fh: IO[bytes] | None, frags: Any) -> None:
        self.fmt, self.spec, self.fh, self.frags = fmt, SPECS[fmt], fh, frags
        self.shape = DatasetFragment if self.spec.datasets else UnionFragment
        self.union = None if self.spec.datasets else _Union(self.spec)
        self.late: list[Any] = []
        self.described: set[str] = set()        # extractors this file describes already
        self.sep = b"[\n" if fmt == "json-ld" else b""
        self.key = ""

    def cached(self, doc: str) -> Fragment | None:
        if self.frags is None:
            return None
        self.key = self.frags.key(self.fmt, doc)
        return self.frags.get(self.fmt, self.key, self.shape)

    def render(self, doc: str, graph: ArticleGraph) -> Fragment:
        value = _render(graph, self.spec)
        if self.frags is not None:
            self.frags.put(self.fmt, self.key, value, self.shape)
        return value

    def write(self, part: bytes) -> None:
        if self.fmt != "json-ld":
            self.fh.write(part)     # type: ignore[union-attr]
        elif part:
            # JSON-LD: one array of the default graph's nodes and one object per article graph
            self.fh.write(self.sep + part)      # type: ignore[union-attr]
            self.sep = b",\n"

    def add(self, value: Fragment, layout: Layout) -> None:
        for name in value[-1]:
            name = name or layout.corpus_extractor
            if name not in self.described:
                self.described.add(name)
                self.late += layout.describe_extractor(name)
        self.write(value[0].encode("utf-8"))
        if self.union is not None:
            self.write(self.union.text(value[1]))       # type: ignore[arg-type]

    def close(self) -> None:
        self.write(serialise(self.late, self.spec))
        if self.fmt == "json-ld":
            self.fh.write(b"[]\n" if self.sep == b"[\n" else b"\n]\n")     # type: ignore[union-attr]


def _merged(graph: ArticleGraph) -> ArticleGraph:
    """The article graph as the formats that merge all graphs take it: its quads as triples
    (half the cost of laying the article out again)."""
    return ArticleGraph(graph.name, None, [q.triple for q in graph.local], graph.shared, graph.extractors)


def write(corpus: Corpus, fmt: str, fh: IO[bytes], fragments: Any = None) -> None:
    """Write ``corpus`` as ``fmt`` (a key of :data:`SPECS`) to the binary file ``fh``,
    taking the graphs of unchanged articles from ``fragments`` (a :class:`kg.export.fragments.Fragments`)."""
    write_many(corpus, {fmt: fh}, fragments)


def write_many(corpus: Corpus, files: dict[str, IO[bytes]], fragments: Any = None) -> None:
    """Write several formats in one pass over the articles. Laying an article out costs
    far more than serialising it, so each article is laid out once for all the formats
    that keep named graphs and once for those that merge them, not once per format;
    the bytes of each file are those :func:`write` gives it alone."""
    layout = Layout(corpus.extractor)
    sinks = [_Sink(fmt, fh, fragments) for fmt, fh in files.items()]
    default = default_quads(layout, corpus)
    for sink in sinks:
        sink.described.add(layout.corpus_extractor)     # described in the default graph
        sink.fh.write(sink.spec.head)       # type: ignore[union-attr]
        sink.write(serialise(default, sink.spec))
    for doc, article, assertions in docs(corpus):
        values = [sink.cached(doc) for sink in sinks]
        missing = [sink for sink, value in zip(sinks, values) if value is None]
        graphs: dict[bool, ArticleGraph] = {}
        if any(sink.spec.datasets for sink in missing):
            graphs[True] = layout.article(doc, article, assertions)
            graphs[False] = _merged(graphs[True])
        elif missing:
            graphs[False] = layout.article(doc, article, assertions, merged=True)
        for sink, value in zip(sinks, values):
            sink.add(value if value is not None else sink.render(doc, graphs[sink.spec.datasets]), layout)
    for sink in sinks:
        sink.close()


__all__ = ["SPECS", "Spec", "fragments", "serialise", "write", "write_many"]
