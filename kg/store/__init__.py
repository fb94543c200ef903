"""The triple store: load kg's graphs, query them with SPARQL, serve them over HTTP.

Embedded by default (a pyoxigraph store in a folder, ``graphs/store``), or any
SPARQL 1.1 server over HTTP (Oxigraph, Apache Jena Fuseki, GraphDB):

* :func:`load_graphs` replaces each article's named graph (PUT semantics), so
  reloading a rebuilt graph duplicates nothing and drops facts that are gone;
* :func:`run_query` runs a SPARQL string or ``.rq`` file, binding parameters
  as RDF terms (never pasted into the query text);
* :func:`serve` / :func:`start_server` run the Oxigraph server on a store.

Warnings passed to ``warn``: W020 a server listens beyond this machine; W021 a
graph file holds no kg articles (its triples go to the default graph); W022 an
endpoint request failed and is being retried.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "g.trig").write_text(
...     "<https://ex/g1> { <https://ex/russia> <https://ex/aids> <https://ex/vietnam> . }",
...     encoding="utf-8")
>>> load_graphs([d / "g.trig"], store=d / "store").added
1
>>> q = "SELECT ?who ?whom WHERE { GRAPH ?g { ?who <https://ex/aids> ?whom } }"
>>> run_query(q, store=d / "store", params=["whom=<https://ex/vietnam>"]).records()
[{'who': 'https://ex/russia', 'whom': 'https://ex/vietnam'}]
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import ParameterError, QueryError, UnknownQueryError
from .embedded import DEFAULT_STORE, LoadReport
from .files import StagedDataset, read_graphs
from .guard import refuse_service
from .http import Endpoint, put_graph, service_url
from .results import QueryResult
from .server import Server, running, serve, start_server

__all__ = ["DEFAULT_STORE", "LoadReport", "QueryResult", "Server", "load_graphs", "read_query",
           "run_query", "running", "serve", "start_server"]

Progress = Callable[[str, int, int | None], None]
Warn = Callable[[str], None]



def load_graphs(paths: Iterable[str | Path], *, store: str | Path | None = None, endpoint: str | None = None,
                replace_default: bool = False, timeout: float = 30.0, retries: int = 3, backoff: float = 1.0,
                progress: Progress | None = None, warn: Warn | None = None) -> LoadReport:
    """Load graph files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) into the
    embedded ``store`` (default ``graphs/store``) or a Graph Store ``endpoint``.

    Each article's named graph replaces the one of the same name; the default
    graph (entities) is merged, or replaced with ``replace_default``. All files
    are parsed before anything is written. Raises E002/E008 (files), E020
    (store locked), E022/E023/E027/E028 (endpoint).
    """
    paths = [Path(p) for p in paths]
    # Check the endpoint's URL and credentials before the (maybe long) parse.
    target = _endpoint(endpoint, "store", timeout, retries, backoff, warn) if endpoint is not None else None
    if progress:
        progress("reading graph files", 0, len(paths))
    staged = read_graphs(paths, warn=warn)
    if target is None:
        from .embedded import load_into_store

        path = Path(store) if store is not None else DEFAULT_STORE
        if progress:
            progress(f"loading into {path}", 0, None)
        return load_into_store(staged, path, replace_default=replace_default)
    return _load_endpoint(staged, target, replace_default=replace_default, progress=progress)


def _endpoint(url: str, service: str, timeout: float, retries: int, backoff: float, warn: Warn | None) -> Endpoint:
    return Endpoint.from_env(service_url(url, service), timeout=timeout, retries=retries, backoff=backoff, warn=warn)


def _load_endpoint(staged: StagedDataset, endpoint: Endpoint, *, replace_default: bool,
                   progress: Progress | None) -> LoadReport:
    report = LoadReport(endpoint.url, graphs=len(staged.named_graphs()), triples=len(staged),
                        default_triples=staged.default_triples(), default_replaced=replace_default)
    payloads = list(staged.payloads())
    for done, payload in enumerate(payloads, 1):
        created = put_graph(endpoint, payload.name, payload.ntriples,
                            merge=payload.name is None and not replace_default)
        if payload.name is not None:
            report.added += created
            report.replaced += not created
        if progress:
            progress(payload.name or "default graph", done, len(payloads))
    return report


def query_dirs() -> tuple[Path, ...]:
    """Where a query given by name is looked for: ``./queries``, then the queries kg ships."""
    from ..shipped import shipped_dir

    return Path("queries"), shipped_dir("queries")


def query_names() -> list[str]:
    """Names of the queries ``kg query NAME`` accepts, sorted."""
    return sorted({p.stem for d in query_dirs() if d.is_dir() for p in d.glob("*.rq")})


def read_query(query: str | Path) -> tuple[str, str]:
    """(SPARQL text, where it came from) for a ``.rq`` file, a name of a query
    in ``queries/`` (``kg query meetings``) or SPARQL text.

    A lone word that names no query raises E060 with the closest names, rather
    than being run as (invalid) SPARQL.
    """
    text = str(query)
    candidates = [Path(text)] if isinstance(query, Path) or "\n" not in text else []
    is_name = bool(text.strip()) and not any(c.isspace() for c in text.strip()) and "{" not in text
    if is_name:
        candidates += [d / f"{text}.rq" for d in query_dirs()]
    for path in candidates:
        if _is_file(path):
            try:
                return path.read_text(encoding="utf-8"), str(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"cannot read query file {path}: {exc}") from None
    if isinstance(query, Path) or text.endswith(".rq"):
        raise QueryError(f"query file not found: {text}. Give a .rq file, a query of queries/ or SPARQL text.")
    if is_name and _looks_like_name(text):
        raise UnknownQueryError(text, hint=_closest_hint(text))
    return text, "the query"


def _looks_like_name(text: str) -> bool:
    # A single word of letters, digits, '-' and '_': SPARQL keywords alone are no query either.
    return all(c.isalnum() or c in "-_" for c in text.strip())


def _closest_hint(name: str) -> str:
    import difflib

    names = query_names()
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    if close:
        return f"Did you mean {' or '.join(close)}? Queries: {', '.join(names)}."
    return f"Queries: {', '.join(names)}."


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):     # e.g. SPARQL text too long to be a file name
        return False


def run_query(query: str | Path, *, store: str | Path | None = None, endpoint: str | None = None,
              params: Iterable[str] | Mapping[str, str] = (), timeout: float = 30.0, retries: int = 3,
              backoff: float = 1.0, union_default_graph: bool = True, warn: Warn | None = None,
              allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query on the embedded ``store`` (default ``graphs/store``)
    or an ``endpoint``; ``params`` bind variables (``["country=kgid:country/vietnam"]``).

    On the embedded store the default graph is the union of all graphs unless
    ``union_default_graph`` is False (strict SPARQL: only the store's default
    graph, the entities; facts need ``GRAPH``). An endpoint decides for itself
    (``kg serve`` unions too).

    ``timeout`` (seconds, 0 for none) limits the wait for an endpoint's answer,
    and the run of a query on the embedded store. There, a query that uses
    ``SERVICE`` is refused unless ``allow_service``.

    Raises E021 (no store), E020 (store being written), E024 (bad query),
    E025 (bad parameter), E070 (SERVICE), E071 (time limit),
    E022/E023/E027/E028 (endpoint).
    """
    from .params import parse_params

    text, origin = read_query(query)
    bindings = parse_params(params, text)
    if endpoint is None:
        if not allow_service:
            refuse_service(text, origin)
        return _query_store(text, origin, bindings, Path(store) if store is not None else DEFAULT_STORE,
                            timeout=timeout, union_default_graph=union_default_graph)
    return _query_endpoint(text, origin, bindings, endpoint, timeout=timeout, retries=retries,
                           backoff=backoff, warn=warn)


def _query_store(text: str, origin: str, bindings: dict[str, Any], path: Path, *, timeout: float,
                 union_default_graph: bool = True) -> QueryResult:
    from pyoxigraph import Variable

    from .embedded import open_for_reading
    from .limited import can_limit, query_with_limit

    substitutions = {Variable(name): term for name, term in bindings.items()}
    try:
        if timeout > 0 and can_limit():
            media, body = query_with_limit(path, text, origin, substitutions, timeout,
                                           union_default_graph=union_default_graph)
            return _read_answer(body, media, str(path), origin)
        store = open_for_reading(path)
        raw = store.query(text, substitutions=substitutions or None, use_default_graph_as_union=union_default_graph)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error in {origin}: {exc}") from None
    except RuntimeError as exc:
        if bindings and "projection" in str(exc):
            raise ParameterError(f"{', '.join('?' + n for n in bindings)}: a parameter must be a variable "
                                 f"the query returns (listed after SELECT, or SELECT *) ({exc})") from None
        raise QueryError(f"cannot run {origin}: {exc}") from None
    except OSError as exc:
        raise QueryError(f"cannot read the store {path}: {exc}") from None
    return QueryResult.wrap(raw, keep_alive=store)


def _query_endpoint(text: str, origin: str, bindings: dict[str, Any], url: str, *, timeout: float,
                    retries: int, backoff: float, warn: Warn | None) -> QueryResult:
    from . import http
    from .params import with_values

    endpoint = _endpoint(url, "query", timeout, retries, backoff, warn)
    response = http.sparql_query(endpoint, with_values(text, bindings))
    return _read_answer(response.body, response.content_type, endpoint.url, origin)


def _read_answer(body: bytes, content_type: str, where: str, origin: str) -> QueryResult:
    """The result an endpoint (or the query process of the embedded store) sent."""
    import pyoxigraph

    media = content_type.split(";")[0].strip().lower()
    try:
        results_format = pyoxigraph.QueryResultsFormat.from_media_type(media)
        if results_format is not None:
            parsed = pyoxigraph.parse_query_results(body, format=results_format)
            if isinstance(parsed, pyoxigraph.QuerySolutions):
                for _ in parsed:               # parsing is lazy: read it all now, to fail here
                    pass
            return QueryResult.wrap(pyoxigraph.parse_query_results(body, format=results_format))
        rdf_format = pyoxigraph.RdfFormat.from_media_type(media)
        if rdf_format is not None:
            triples = [q.triple for q in pyoxigraph.parse(body, format=rdf_format)]
            return QueryResult.wrap(triples)
    except (SyntaxError, ValueError) as exc:
        if b"cancelled" in body[-200:]:         # Oxigraph's time limit cut a streamed answer
            raise QueryError(f"{where} stopped {origin} before its end: the server's time limit "
                             "(kg serve --timeout) was reached. Make the query more selective.") from None
        raise QueryError(f"{where} answered {origin} with a result kg cannot read: {exc}") from None
    raise QueryError(f"{where} answered {origin} with {media or 'no content type'}, which is "
                     "neither SPARQL results nor RDF. Is it the query URL of the server?")
