"""Commands that build, extract, evaluate and validate graphs."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ._common import INTERRUPTED, app, clean_errors, console_warn, err, progress_bar, warn


BUILD_EPILOG = ("Files that cannot be read (empty, binary, too large, unreadable...) are skipped with a "
                "warning that names them (W0xx, see docs/troubleshooting.md); the build goes on. "
                "Exit codes: 0 built (warnings or not); 1 error (E0xx: e.g. no readable article, "
                "output not writable); 2 bad usage; 130 interrupted by Ctrl-C; 143 stopped by kill "
                "(SIGTERM). An interrupted build leaves the previous outputs as they were; outputs are "
                "switched into place as a whole (a build killed during the switch is completed by the next).")


@app.command(epilog=BUILD_EPILOG)
def build(inputs: List[Path] = typer.Argument(..., help="Article files or folders."),
          out: Path = typer.Option(Path("graphs"), "-o", "--out", help="Output folder."),
          formats: Optional[List[str]] = typer.Option(None, "-f", "--format",
                                                      help="Only these formats (turtle, trig, json-ld, graphml, jsonl, html, nt, nquads)."),
          quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar or summary."),
          workers: int = typer.Option(1, "-w", "--workers", min=1,
                                      help="Processes for the NLP and extraction (each loads the models once)."),
          dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                             help="Run the extraction on a Dask cluster: scheduler address "
                                                  "(tcp://host:8786) or scheduler file. Needs kg[dask]."),
          cache: bool = typer.Option(True, "--cache/--no-cache",
                                     help="Reuse the extraction of unchanged articles from the last build."),
          cache_dir: Optional[Path] = typer.Option(None, "--cache-dir",
                                                   help="Build cache folder [default: OUT/.kg-cache]."),
          lexicons: Optional[List[Path]] = typer.Option(None, "--lexicon", metavar="FILE",
                                                        help="A user lexicon: your own actors and merge decisions "
                                                             "(JSONL, docs/lexicon.md); repeatable. Also read: the "
                                                             "lexicon list of a kg.toml beside the inputs, KG_LEXICON."),
          text_col: Optional[str] = typer.Option(None, help="Corpus files: column with the article text."),
          title_col: Optional[str] = typer.Option(None, help="Corpus files: column with the title."),
          url_col: Optional[str] = typer.Option(None, help="Corpus files: column with the URL."),
          date_col: Optional[str] = typer.Option(None, help="Corpus files: column with the publication date."),
          id_col: Optional[str] = typer.Option(None, help="Corpus files: column with the article id (doc).")) -> None:
    """Build graph.ttl, graph.trig, graph.jsonld, graph.graphml, assertions.jsonl and graph.html.

    Inputs: text files, HTML pages, folders from kg fetch, and corpus files
    (.jsonl, .json, .csv, .tsv, .parquet) with common column names by default.
    """
    from rich.console import Console

    from ..build.pipeline import build as run_build
    from ..readers import read_options

    console = Console(stderr=True)
    # The library writes nothing half-way (outputs move into place once all are
    # written) and commits the build cache as it goes, so a rerun goes on.
    stop = (f"{INTERRUPTED[:-1]}; run the same command again to go on: unchanged articles come "
            "from the build cache.") if cache else INTERRUPTED
    with clean_errors(stop, sigterm=True), read_options(text_col=text_col, title_col=title_col,
                                                        url_col=url_col, date_col=date_col, id_col=id_col):
        options = dict(formats=formats, workers=workers, dask=dask, cache=cache, cache_dir=cache_dir,
                       lexicons=lexicons or [])
        if quiet:
            result = run_build(inputs, out, warn=warn, **options)
        else:
            with progress_bar(console) as bar:
                task = bar.add_task("reading", total=None)

                def progress(label: str, done: int, total: int | None) -> None:
                    bar.update(task, description=label[:40], completed=done, total=total)

                result = run_build(inputs, out, progress=progress,
                                   warn=console_warn(console), **options)
        if not quiet:
            _print_summary(result, console)


def _print_summary(result, console) -> None:  # noqa: ANN001 - rich types are imported lazily
    from rich.table import Table

    s = result.summary()
    table = Table(title="kg build", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(len(result.corpus.articles)))
    for etype, n in sorted(s["entities"].items()):
        table.add_row(f"entities: {etype}", str(n))
    for rel, n in sorted(s["relations"].items()):
        table.add_row(f"assertions: {rel}", str(n))
    table.add_row("assertions (inferred)", str(sum(s["inferred"].values())))
    console.print(table)
    merged = result.aliases()
    if merged:
        t2 = Table(title="merged aliases", show_header=True)
        t2.add_column("entity")
        t2.add_column("aliases")
        for eid, names in sorted(merged.items()):
            t2.add_row(eid, " | ".join(names))
        console.print(t2)
    for name, path in result.outputs.items():
        console.print(f"wrote {path}")
    times = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in result.timings.items()
                      if seconds >= 0.05 or stage == "total")
    reused = result.cache.get("reused", 0)
    console.print(f"time: {times}" + (f"; {reused} unchanged article(s) reused from the cache" if reused else ""))


@app.command()
def extract(inputs: List[Path] = typer.Argument(..., help="Article files or folders."),
            include_inferred: bool = typer.Option(True, help="Also print inferred assertions."),
            lexicons: Optional[List[Path]] = typer.Option(None, "--lexicon", metavar="FILE",
                                                          help="A user lexicon (docs/lexicon.md); repeatable.")) -> None:
    """Print the assertions as JSON lines (the format of assertions.jsonl: docs/formats.md)."""
    from ..export.jsonl import assertion_record
    from ..build.pipeline import extract_corpus

    with clean_errors():
        corpus = extract_corpus(inputs, warn=warn, lexicons=lexicons or [])
        articles = {a.doc: a for a in corpus.articles}
        for a in corpus.assertions:
            if a.inferred and not include_inferred:
                continue
            typer.echo(json.dumps(assertion_record(a, corpus, articles), ensure_ascii=False))


@app.command()
def evaluate(pred: Path = typer.Argument(..., help="Predicted assertions (JSONL)."),
             gold: Path = typer.Option(..., "--gold", help="Gold assertions (JSONL)."),
             entities: List[Path] = typer.Option(..., "--entities", help="Entity alias file(s) (JSONL)."),
             errors: bool = typer.Option(False, "--errors", help="List false positives and negatives."),
             as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Precision, recall and F1 of predicted assertions against a gold set (ANNOTATION.md)."""
    from ..evaluate import evaluate as run_eval, format_report

    with clean_errors():
        result = run_eval(pred, gold, list(entities))
        if as_json:
            typer.echo(json.dumps({"precision": result.precision, "recall": result.recall, "f1": result.f1,
                                   "modality_f1": result.modality_f1}))
        else:
            typer.echo(format_report(result, errors=errors))


@app.command()
def validate(graph: Path = typer.Argument(..., help="A graph file written by kg (ttl, trig, jsonld, nt, nq).")) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl."""
    from ..rdf.validate import validate_graph

    with clean_errors():
        report = validate_graph(graph)
        if report.conforms:
            typer.echo(f"{graph}: conforms to the kg shapes.")
            return
        for line in report.results:
            typer.echo(line)
        err(f"{graph}: {len(report.results)} violation(s).")
        raise typer.Exit(3)

