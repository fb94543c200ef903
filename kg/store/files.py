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
from typing import Any

from ..errors import GraphReadError, InputNotFoundError
from ..rdf.read import load_into, rdf_format, split_by_article

Warn = Callable[[str], None]


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
        if rdf_format(path).supports_datasets:
            load_into(staged.store, path)
        else:
            triples = Store()
            load_into(triples, path)
            quads, articles = split_by_article(triples)
            if not articles and len(triples) and warn:
                warn(f"W021: {path} holds no kg articles: its {len(triples)} triples go to the default graph.")
            staged.store.extend(quads)
        staged.sources.append(path)
    return staged
