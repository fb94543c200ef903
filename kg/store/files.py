"""Read graph files into a staged dataset: one graph per article, ready to load.

Everything is parsed into memory before the store or the endpoint is touched,
so a broken file changes nothing.

TriG, N-Quads and JSON-LD carry their named graphs. Turtle and N-Triples
cannot, so their triples are split back by article along the provenance links
kg writes: each ``kg:Article`` (with its ``kg:docId``), the assertions
``prov:wasDerivedFrom`` it, their sentences (``kg:article``) and quantities
(``kg:quantity``), and the direct triples of its asserted facts. The graph of
an article gets the same name as in ``graph.trig``, so loading the Turtle or
the TriG of one build gives the same store. Triples that belong to no article
(entities, the extractor) go to the default graph.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.trig"
>>> _ = path.write_text("<http://ex/g1> { <http://ex/a> <http://ex/p> 1 . }"
...                     " <http://ex/e> <http://ex/label> 'E' .", encoding="utf-8")
>>> staged = read_graphs([path])
>>> staged.named_graphs(), len(staged)
(['http://ex/g1'], 2)
>>> [(p.name, p.triples) for p in staged.payloads()]
[('http://ex/g1', 1), (None, 1)]
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GraphReadError, InputNotFoundError

if TYPE_CHECKING:   # pyoxigraph is imported lazily (kg --help must stay fast)
    import pyoxigraph

Warn = Callable[[str], None]

KG_NS = "https://w3id.org/kgvn/ontology#"
PROV_NS = "http://www.w3.org/ns/prov#"

# File extension -> pyoxigraph RdfFormat attribute name.
FORMATS: dict[str, str] = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES",
    ".nq": "N_QUADS", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
}


@dataclass(frozen=True)
class GraphPayload:
    """One graph of the dataset as N-Triples; ``name`` None is the default graph."""

    name: str | None
    ntriples: bytes
    triples: int


@dataclass
class StagedDataset:
    """The parsed content of the graph files, held in an in-memory store."""

    store: Any                                  # pyoxigraph.Store (in memory)
    sources: list[Path] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.store)

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs (one per article for kg's graphs), sorted."""
        from pyoxigraph import NamedNode

        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, NamedNode))

    def default_triples(self) -> int:
        from pyoxigraph import DefaultGraph

        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, DefaultGraph()))

    def nquads(self) -> bytes:
        """The whole dataset as N-Quads (what the embedded store bulk-loads)."""
        from pyoxigraph import RdfFormat

        return self.store.dump(format=RdfFormat.N_QUADS)

    def payloads(self) -> Iterator[GraphPayload]:
        """Each named graph, then the default graph (if it has triples), as N-Triples."""
        from pyoxigraph import DefaultGraph, NamedNode, RdfFormat

        for name in self.named_graphs():
            data = self.store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(name))
            yield GraphPayload(name, data, data.count(b"\n"))
        data = self.store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
        if data:
            yield GraphPayload(None, data, data.count(b"\n"))


def rdf_format(path: Path) -> "pyoxigraph.RdfFormat":
    """The RDF format of ``path`` from its extension; E008 for an unknown one."""
    import pyoxigraph

    name = FORMATS.get(path.suffix.lower())
    if name is None:
        known = ", ".join(sorted(FORMATS))
        raise GraphReadError(f"{path}: unknown extension {path.suffix!r}. Use one of {known}.")
    return getattr(pyoxigraph.RdfFormat, name)


def read_graphs(paths: Iterable[str | Path], *, warn: Warn | None = None) -> StagedDataset:
    """Parse every file into one staged dataset (graphs of the same name are merged).

    Raises :class:`~kg.errors.InputNotFoundError` (E002) for a missing file and
    :class:`~kg.errors.GraphReadError` (E008) for an unreadable or invalid one.
    """
    from pyoxigraph import Store

    staged = StagedDataset(Store())
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputNotFoundError(str(path))
        if path.is_dir():
            raise GraphReadError(f"{path}: is a folder. Give graph files, e.g. {path / 'graph.trig'}.")
        fmt = rdf_format(path)
        if fmt.supports_datasets:
            _parse_into(staged.store, path, fmt)
        else:
            triples = Store()
            _parse_into(triples, path, fmt)
            quads = split_by_article(triples)
            if not quads.articles and len(triples) and warn:
                warn(f"W021: {path} holds no kg articles: its {len(triples)} triples go to the default graph.")
            staged.store.extend(quads.quads)
        staged.sources.append(path)
    return staged


def _parse_into(store: Any, path: Path, fmt: Any) -> None:
    try:
        store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:       # pyoxigraph reports bad syntax with line and column
        raise GraphReadError(f"{path}: {exc}. Check that the file is {fmt.name}.") from None
    except (OSError, ValueError) as exc:
        raise GraphReadError(f"{path}: {exc}") from None


@dataclass
class _Split:
    quads: list[Any]
    articles: int


# Nodes that belong to an article: the article itself, what is derived from it
# (assertions), its sentences, and the quantities of its assertions.
_OWNED = f"""
PREFIX kg: <{KG_NS}>
PREFIX prov: <{PROV_NS}>
SELECT DISTINCT ?node ?doc WHERE {{
  {{ ?node kg:docId ?doc }}
  UNION {{ ?art kg:docId ?doc . ?node prov:wasDerivedFrom ?art }}
  UNION {{ ?art kg:docId ?doc . ?node kg:article ?art }}
  UNION {{ ?art kg:docId ?doc . ?assertion prov:wasDerivedFrom ?art ; kg:quantity ?node }}
}}"""

# The direct triple ``s rel o`` of an asserted fact belongs to the article that states it.
_DIRECT = f"""
PREFIX kg: <{KG_NS}>
PREFIX prov: <{PROV_NS}>
SELECT DISTINCT ?s ?p ?o ?doc WHERE {{
  ?art kg:docId ?doc .
  ?assertion prov:wasDerivedFrom ?art ; kg:modality kg:asserted ;
             kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
  ?s ?p ?o .
}}"""


def split_by_article(triples: Any) -> _Split:
    """Quads of a triples-only store, each triple in the graph of its article.

    The graph names come from :func:`kg.graph.graph_iri`, the function that
    names the graphs of ``graph.trig``.
    """
    from pyoxigraph import DefaultGraph, NamedNode, Quad

    from ..graph import graph_iri

    def graph_of(doc: Any) -> Any:
        return NamedNode(str(graph_iri(doc.value)))

    owners: dict[Any, set[Any]] = {}
    docs: set[str] = set()
    for row in triples.query(_OWNED):
        owners.setdefault(row["node"], set()).add(graph_of(row["doc"]))
        docs.add(row["doc"].value)
    direct: dict[tuple[Any, Any, Any], set[Any]] = {}
    for row in triples.query(_DIRECT):
        direct.setdefault((row["s"], row["p"], row["o"]), set()).add(graph_of(row["doc"]))
    quads = []
    default = DefaultGraph()
    for q in triples:
        graphs = direct.get((q.subject, q.predicate, q.object)) or owners.get(q.subject) or (default,)
        quads.extend(Quad(q.subject, q.predicate, q.object, g) for g in graphs)
    return _Split(quads, len(docs))
