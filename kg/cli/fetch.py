"""``kg fetch``: download news pages politely into a folder that ``kg build`` reads."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import app, clean_errors, console_warn, err, progress_bar, warn


@app.command()
def fetch(urls: Optional[List[str]] = typer.Argument(None, help="Page URLs (http or https)."),
          out: Path = typer.Option(Path("pages"), "-o", "--out",
                                   help="Folder for the pages and their .meta.json files; also the cache."),
          from_files: Optional[List[Path]] = typer.Option(None, "--from",
                                                          help="File with one URL per line ('-' = stdin)."),
          delay: float = typer.Option(1.0, min=0, help="Seconds between two requests to the same host."),
          timeout: float = typer.Option(20.0, min=0, help="Seconds to wait for a server."),
          max_time: float = typer.Option(60.0, "--max-time", min=0,
                                         help="Seconds one page may take to download in all (0: no limit)."),
          retries: int = typer.Option(2, min=0, help="Retries after a timeout, connection error, 429 or 5xx."),
          user_agent: Optional[str] = typer.Option(None, help="User-Agent header (default names kg)."),
          refresh: bool = typer.Option(False, "--refresh", help="Download again pages already saved."),
          quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar or summary.")) -> None:
    """Download pages (robots.txt, rate limit, retries, cache) and save each with its metadata."""
    from rich.console import Console

    from ..fetch import USER_AGENT, fetch_pages

    console = Console(stderr=True)
    options = dict(url_files=from_files or [], user_agent=user_agent or USER_AGENT, timeout=timeout,
                   max_time=max_time, retries=retries, delay=delay, refresh=refresh)
    with clean_errors():
        if quiet:
            report = fetch_pages(urls or [], out, warn=warn, **options)
        else:
            with progress_bar(console) as bar:
                task = bar.add_task("fetching", total=None)

                def progress(label: str, done: int, total: int) -> None:
                    bar.update(task, description=label[-50:], completed=done, total=total)

                report = fetch_pages(urls or [], out, progress=progress,
                                     warn=console_warn(console),
                                     **options)
        if not quiet:
            failed = report.count("failed") + report.count("disallowed") + report.count("invalid")
            err(f"{report.count('fetched')} fetched, {report.count('cached')} already saved, "
                f"{failed} failed → {out}/. Next: kg build {out}")
