"""Shared plumbing of the CLI: the typer app and the translation of errors into exits.

Exit codes: 0 success; 1 a kg error (message starts with its code, e.g. E001);
2 bad usage; 3 validation failed; 130 interrupted.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Build knowledge graphs with sentence-level provenance from Vietnamese and English news.")


def err(msg: str) -> None:
    typer.echo(msg, err=True)


def warn(msg: str) -> None:
    err(f"warning: {msg}")


@contextmanager
def clean_errors() -> Iterator[None]:
    """Turn library errors into a message on stderr and an exit code, never a traceback."""
    from ..errors import KGError

    try:
        yield
    except KGError as exc:
        err(f"error: {exc}")
        raise typer.Exit(1)
    except KeyboardInterrupt:
        err("interrupted: previous outputs were left as they were.")
        raise typer.Exit(130)
    except OSError as exc:
        err(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        raise typer.Exit(1)
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - users get a message, not a traceback
        err(f"internal error: {type(exc).__name__}: {exc}. Please report it with the input that caused it.")
        raise typer.Exit(1)
