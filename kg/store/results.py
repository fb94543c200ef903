"""Query results, the same for the embedded store and for endpoints.

A :class:`QueryResult` wraps what pyoxigraph returns (solutions, a boolean or
triples). It is read once: call one of :meth:`~QueryResult.write`,
:meth:`~QueryResult.records` or :meth:`~QueryResult.table`.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError

RESULT_FORMATS = ("csv", "tsv", "json", "xml")      # SELECT and ASK
GRAPH_FORMATS = ("nt", "ttl", "nq", "jsonld")       # CONSTRUCT and DESCRIBE
_RDF_FORMATS = {"nt": "N_TRIPLES", "ttl": "TURTLE", "nq": "N_QUADS", "jsonld": "JSON_LD"}


@dataclass
class QueryResult:
    """``kind`` is "select", "ask" or "graph"; ``raw`` the pyoxigraph result."""

    kind: str
    raw: Any
    variables: list[str] = field(default_factory=list)
    keep_alive: Any = field(default=None, repr=False)   # the store the lazy result reads from

    @classmethod
    def wrap(cls, raw: Any, keep_alive: Any = None) -> "QueryResult":
        from pyoxigraph import QueryBoolean, QuerySolutions

        if isinstance(raw, QuerySolutions):
            return cls("select", raw, [v.value for v in raw.variables], keep_alive)
        if isinstance(raw, QueryBoolean):
            return cls("ask", raw, [], keep_alive)
        return cls("graph", raw, ["subject", "predicate", "object"], keep_alive)

    def write(self, fmt: str) -> bytes:
        """The result serialised as csv, tsv, json or xml (SELECT/ASK), or nt, ttl,
        nq or jsonld (CONSTRUCT/DESCRIBE). E024 for a format that does not fit."""
        import pyoxigraph

        fmt = fmt.lower()
        if self.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples: use --format "
                                 f"{' or '.join(GRAPH_FORMATS)} (or table), not {fmt}.")
            rdf_format = getattr(pyoxigraph.RdfFormat, _RDF_FORMATS[fmt])
            if hasattr(self.raw, "serialize"):
                return self.raw.serialize(format=rdf_format)
            return pyoxigraph.serialize(self.raw, format=rdf_format)
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {self.kind.upper()} query gives a result table: use --format "
                             f"{' or '.join(RESULT_FORMATS)} (or table), not {fmt}.")
        return self.raw.serialize(format=getattr(pyoxigraph.QueryResultsFormat, fmt.upper()))

    def terms(self) -> Iterator[tuple[Any, ...]]:
        """Rows of pyoxigraph terms (None where unbound); ASK gives one row with a boolean."""
        if self.kind == "ask":
            yield (bool(self.raw),)
        elif self.kind == "graph":
            for t in self.raw:
                yield (t.subject, t.predicate, t.object)
        else:
            for solution in self.raw:
                yield tuple(solution[v] for v in self.variables)

    def records(self) -> list[dict[str, str]]:
        """Rows as {variable: IRI or literal value}, unbound variables left out.

        The plain form that tests and notebooks compare with.
        """
        names = self.variables or ["ask"]
        return [{n: _plain(t) for n, t in zip(names, row) if t is not None} for row in self.terms()]

    def table(self, prefixes: Mapping[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
        """(header, rows) for a terminal table: IRIs shortened with ``prefixes``, and
        a column ``x`` left out when ``xLabel`` is there to name it (the formats
        csv, tsv, json and xml keep every column)."""
        names = self.variables or ["answer"]
        keep = [i for i, n in enumerate(names) if f"{n}Label" not in names]
        rows = [[_display(row[i], prefixes or {}) for i in keep] for row in self.terms()]
        return [names[i] for i in keep], rows


def _plain(term: Any) -> str:
    if isinstance(term, bool):
        return "true" if term else "false"
    return getattr(term, "value", str(term))


def _display(term: Any, prefixes: Mapping[str, str]) -> str:
    from pyoxigraph import NamedNode

    if term is None:
        return ""
    if isinstance(term, bool):
        return "yes" if term else "no"
    if isinstance(term, NamedNode):
        for prefix, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return getattr(term, "value", str(term))
