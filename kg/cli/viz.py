"""``kg viz``: draw a graph file as the interactive HTML view."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._common import app, clean_errors, warn


@app.command()
def viz(graph: Path = typer.Argument(..., help="A graph file kg wrote (ttl, trig, jsonld, nt, nq, or assertions.jsonl)."),
        out: Optional[Path] = typer.Option(None, "-o", "--out",
                                           help="The page to write (default: beside GRAPH, named after it and the focus)."),
        focus: Optional[str] = typer.Option(None, "--focus",
                                            help="Draw only around this entity: any name or alias, diacritics optional."),
        depth: int = typer.Option(1, "--depth", min=0, help="With --focus: how many relations away to go."),
        lang: Optional[str] = typer.Option(None, "--lang",
                                           help="Labels shown first: en or vi (default: the articles' language)."),
        quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress or summary.")) -> None:
    """Write a self-contained HTML view of GRAPH that opens from a file with no network."""
    from rich.console import Console

    from ..lang.text import slugify
    from ..export.viz import render_view

    target = out or graph.with_name(graph.stem + (f"-{slugify(focus)}" if focus else "") + ".html")
    console = Console(stderr=True)
    with clean_errors():
        if quiet:
            result = render_view(graph, target, focus=focus, depth=depth, lang=lang, warn=warn)
        else:
            with console.status("reading") as status:
                result = render_view(graph, target, focus=focus, depth=depth, lang=lang, warn=warn,
                                     progress=lambda label: status.update(label))
            around = f" around {result.focus} (depth {depth})" if result.focus else ""
            console.print(f"wrote {result.path}: {result.entities} entities, {result.relations} relations, "
                          f"{result.assertions} assertions{around}", soft_wrap=True)
