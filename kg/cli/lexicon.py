"""``kg lexicon``: check a user lexicon, export the built-in one as a starting point (docs/lexicon.md)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ._common import app, clean_errors, err

lexicon_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                          help="Check user lexicons (your own actors and merge decisions), export the built-in one.")
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("check")
def check(files: List[Path] = typer.Argument(..., help="User lexicon files (JSONL), checked together.")) -> None:
    """Print every problem with its file and line; exit 1 if there is any, 0 when the files are clean."""
    from ..extract.user_tools import check_files

    with clean_errors():
        problems = check_files(list(files))
        for problem in problems:
            typer.echo(str(problem))
        if problems:
            err(f"{len(problems)} problem(s).")
            raise typer.Exit(1)
        typer.echo(f"{', '.join(map(str, files))}: no problems.")


@lexicon_app.command("export")
def export(etype: Optional[str] = typer.Option(None, "--type", metavar="TYPE",
                                               help="Only this type: Country, Organization, Vaccine or Position."),
           out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write to this file [default: stdout].")) -> None:
    """Write the built-in lexicon in the user-lexicon format (JSONL), as a starting point."""
    from ..extract.user_tools import export_entries

    with clean_errors():
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in export_entries(etype))
        if out is None:
            typer.echo(lines, nl=False)
        else:
            out.write_text(lines, encoding="utf-8")
