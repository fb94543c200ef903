"""Commands of the triple store: load, query, serve."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import app, clean_errors, console_warn, err, progress_bar, warn

TOKEN_ENV = "KG_SERVE_TOKEN"
_STORE_HELP = "Embedded store folder (default graphs/store)."
_ENDPOINT_HELP = ("HTTP endpoint instead of the embedded store. Credentials come from KG_ENDPOINT_USER and "
                  "KG_ENDPOINT_PASSWORD, or KG_ENDPOINT_TOKEN.")


_STRICT_HELP = ("Strict SPARQL datasets: the default graph is only the entities' graph, and the facts are "
                "reached with GRAPH ?g { ... }. By default the default graph is the union of all graphs.")


def _query_format(value: str) -> str:
    from ..store.results import GRAPH_FORMATS, RESULT_FORMATS

    known = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)
    if value.lower() not in known:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(known)}.")
    return value


def _one_target(store: Optional[Path], endpoint: Optional[str]) -> None:
    if store is not None and endpoint is not None:
        raise typer.BadParameter("give --store or --endpoint, not both.")


@app.command()
def load(graphs: Optional[List[Path]] = typer.Argument(None, help="Graph files: .ttl .trig .nt .nq .jsonld "
                                                                   "(default graphs/graph.trig)."),
         store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
         endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Graph Store URL (e.g. "
                                                "http://127.0.0.1:7878/store). " + _ENDPOINT_HELP),
         replace_default: bool = typer.Option(False, "--replace-default",
                                              help="Replace the default graph (entities) instead of merging."),
         timeout: float = typer.Option(30.0, min=0, help="Seconds to wait for each HTTP answer."),
         retries: int = typer.Option(3, min=0, help="Retries of a failed HTTP request (with backoff)."),
         quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar or summary.")) -> None:
    """Load graphs into the store: each article's named graph is replaced, nothing is duplicated."""
    from rich.console import Console

    from ..store import load_graphs

    _one_target(store, endpoint)
    console = Console(stderr=True)
    files = graphs or [Path("graphs") / "graph.trig"]
    with clean_errors():
        if quiet:
            report = load_graphs(files, store=store, endpoint=endpoint, replace_default=replace_default,
                                 timeout=timeout, retries=retries, warn=warn)
        else:
            with progress_bar(console) as bar:
                task = bar.add_task("loading", total=None)

                def progress(label: str, done: int, total: int | None) -> None:
                    bar.update(task, description=label[:50], completed=done, total=total)

                report = load_graphs(files, store=store, endpoint=endpoint, replace_default=replace_default,
                                     timeout=timeout, retries=retries, progress=progress,
                                     warn=console_warn(console))
        if not quiet:
            default = "replaced" if report.default_replaced else "merged"
            typer.echo(f"loaded {report.triples} triples into {report.target}: {report.graphs} article graph(s) "
                       f"({report.replaced} replaced, {report.added} new); default graph "
                       f"({report.default_triples} triples) {default}.")


@app.command()
def query(sparql: str = typer.Argument(..., metavar="QUERY",
                                       help="SPARQL text, a .rq file, or the name of a query in queries/."),
          store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
          endpoint: Optional[str] = typer.Option(None, "--endpoint", help="SPARQL query URL (e.g. "
                                                 "http://127.0.0.1:7878/query). " + _ENDPOINT_HELP),
          params: Optional[List[str]] = typer.Option(None, "--param", "-p",
                                                     help="Bind a variable: name=value (IRI, prefixed name, "
                                                          "\"literal\", number or date). Repeatable."),
          fmt: str = typer.Option("table", "--format", "-f", callback=_query_format,
                                  help="table, csv, tsv, json, xml; for CONSTRUCT: nt, ttl, nq, jsonld."),
          timeout: float = typer.Option(30.0, min=0, help="Seconds the query may run on the store, or to wait "
                                        "for the HTTP answer (0: no limit)."),
          retries: int = typer.Option(3, min=0, help="Retries of a failed HTTP request (with backoff)."),
          strict: bool = typer.Option(False, "--strict-dataset", help=_STRICT_HELP + " (Embedded store only: "
                                      "an endpoint decides for itself.)"),
          allow_service: bool = typer.Option(False, "--allow-service",
                                             help="Let the query use SERVICE (fetch other SPARQL endpoints).")) -> None:
    """Run a SPARQL query on the store and print the answer."""
    from ..store import run_query

    _one_target(store, endpoint)
    with clean_errors():
        result = run_query(sparql, store=store, endpoint=endpoint, params=params or [], timeout=timeout,
                           retries=retries, union_default_graph=not strict, warn=warn,
                           allow_service=allow_service)
        if fmt.lower() != "table":
            typer.echo(result.write(fmt).decode("utf-8"), nl=False)
            return
        _print_table(result)


def _print_table(result) -> None:  # noqa: ANN001 - rich is imported lazily
    from rich.console import Console
    from rich.table import Table

    from ..store.params import KNOWN_PREFIXES

    header, rows = result.table(KNOWN_PREFIXES)
    console = Console(highlight=False)
    shown = columns_that_fit(header, rows, console.width)
    table = Table(show_header=True, header_style="bold")
    for i in shown:
        table.add_column(header[i], overflow="fold")
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    console.print(table, markup=False)
    left_out = [name for i, name in enumerate(header) if i not in shown]
    if left_out:
        err(f"{len(left_out)} column(s) left out to fit {console.width} characters: {', '.join(left_out)}. "
            "All columns: --format csv, tsv or json.")
    err(f"{len(rows)} row(s)")


MIN_COLUMN = 12
"""Narrowest useful column of a table (characters): below it a value folds into a tower."""


def columns_that_fit(header: list[str], rows: list[tuple[str, ...]] | list[list[str]], width: int) -> list[int]:
    """Indexes of the columns to print in ``width`` characters, leftmost first;
    each column needs its natural width or ``MIN_COLUMN``, whichever is less.

    >>> columns_that_fit(["a", "b", "c"], [["x" * 30, "y" * 30, "z" * 30]], 40)
    [0, 1]
    >>> columns_that_fit(["a", "b"], [["x", "y"]], 12)
    [0, 1]
    """
    shown, used = [], 1                              # the table's left border
    for i, name in enumerate(header):
        natural = max([len(name), *(len(str(row[i])) for row in rows)])
        need = min(natural, MIN_COLUMN) + 3          # padding and the border after it
        if used + need > width and shown:
            break
        shown.append(i)
        used += need
    return shown


@app.command()
def serve(store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
          host: str = typer.Option("127.0.0.1", help="Address to listen on (127.0.0.1: this machine only)."),
          port: int = typer.Option(7878, min=0, max=65535, help="Port to listen on (0: any free port)."),
          writable: bool = typer.Option(False, "--writable", help="Accept updates and Graph Store writes, "
                                        f"with a token (printed at start, or ${TOKEN_ENV})."),
          timeout: float = typer.Option(30.0, min=0, help="Seconds a query may run (0: no limit)."),
          allow_service: bool = typer.Option(False, "--allow-service",
                                             help="Let queries use SERVICE: the server then fetches any URL a "
                                                  "query names."),
          strict: bool = typer.Option(False, "--strict-dataset", help=_STRICT_HELP)) -> None:
    """Serve the store as a SPARQL endpoint over HTTP (Oxigraph server), read-only by default.

    See docs/security.md for what the server exposes and how to run it safely.
    """
    import os

    from ..store import DEFAULT_STORE, serve as run_server

    token = os.environ.get(TOKEN_ENV) or None

    def ready(server) -> None:  # noqa: ANN001
        mode = "read-write" if server.writable else "read-only"
        typer.echo(f"SPARQL endpoint ({mode}): {server.query_url}")
        if server.writable:
            typer.echo(f"Graph Store endpoint: {server.store_url}")
            shown = f"the value of ${TOKEN_ENV}" if token else server.token
            typer.echo(f"Write token: {shown}  (send 'Authorization: Bearer TOKEN'; kg load --endpoint "
                       "reads it from KG_ENDPOINT_TOKEN)")
        typer.echo(f"Query it with: kg query QUERY --endpoint {server.query_url}   (Ctrl-C to stop)")

    # sigterm: `kill` stops the server child too, as Ctrl-C does.
    with clean_errors(sigterm=True):
        code = run_server(store or DEFAULT_STORE, host=host, port=port, writable=writable,
                          union_default_graph=not strict, on_ready=ready, warn=warn,
                          timeout=timeout, allow_service=allow_service, token=token)
    raise typer.Exit(code)
