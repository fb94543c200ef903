"""Shared plumbing of the CLI: the typer app and the translation of errors into exits.

Exit codes: 0 success; 1 a kg error (message starts with its code, e.g. E001);
2 bad usage (a bad option value, even one only the library can judge, e.g. E006); 3 validation failed; 130 interrupted (Ctrl-C); 143 terminated (kill).
"""
from __future__ import annotations

import signal
import warnings
from contextlib import contextmanager
from types import FrameType
from typing import Any, Callable, Iterator

import typer

from ._help import install as _readable_placeholders

_readable_placeholders()
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Build knowledge graphs with sentence-level provenance from Vietnamese and English news.")


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                       help="Print kg's version and exit.")) -> None:
    """Build knowledge graphs with sentence-level provenance from Vietnamese and English news."""


def err(msg: str) -> None:
    """Print a message on stderr, its control characters escaped (file names and
    page text reach messages: they must not drive the terminal or forge a line)."""
    from ..terminal import printable

    typer.echo(printable(msg), err=True)


def warn(msg: str) -> None:
    err(f"warning: {msg}")


def console_warn(console: Any) -> Callable[[str], None]:
    """``warn`` for a command that shows a rich progress bar on ``console``: the
    same escaped text, printed above the bar, never read as rich markup."""
    from rich.text import Text

    from ..terminal import printable

    def emit(msg: str) -> None:
        console.print(Text.assemble(("warning:", "yellow"), " ", printable(msg)), highlight=False,
                      soft_wrap=True)

    return emit


def _show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None,
                  line: Any = None) -> None:
    """A Python warning raised by a library seen by a command: one escaped line, no source path."""
    warn(str(message))


def progress_bar(console: Any) -> Any:
    """The progress bar of every long command: what, bar, done/total, time spent and time left."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("left"), TimeRemainingColumn(), console=console, transient=True)


INTERRUPTED = "interrupted: previous outputs were left as they were."
# When the stop came while the new outputs were being switched into place (the switch completes first).
INTERRUPTED_AFTER_SWITCH = "interrupted: the new outputs had been written and were kept."


@contextmanager
def clean_errors(interrupted: str = INTERRUPTED, *, sigterm: bool = False) -> Iterator[None]:
    """Turn library errors into a message on stderr and an exit code, never a traceback.

    Ctrl-C prints ``interrupted`` and exits 130. With ``sigterm``, ``kill``
    (SIGTERM) is handled the same way, exit 143, instead of ending the process
    on the spot without its clean-up.
    """
    from ..errors import KGError

    previous = _on_sigterm(_terminate) if sigterm else None
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            yield
    except KGError as exc:
        err(f"error: {exc}")
        raise typer.Exit(exc.exit_code)
    except KeyboardInterrupt as exc:
        err(INTERRUPTED_AFTER_SWITCH if getattr(exc, "outputs_replaced", False) else interrupted)
        raise typer.Exit(143 if isinstance(exc, Terminated) else 130)
    except OSError as exc:
        err(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        raise typer.Exit(1)
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - users get a message, not a traceback
        err(f"internal error: {type(exc).__name__}: {exc}. Please report it with the input that caused it.")
        raise typer.Exit(1)
    finally:
        if sigterm:
            _on_sigterm(previous if previous is not None else signal.SIG_DFL)


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``), raised like Ctrl-C so that the same clean-up runs."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def _on_sigterm(handler: object) -> object:
    """Install ``handler`` for SIGTERM and return the one before (no-op outside the main thread)."""
    try:
        return signal.signal(signal.SIGTERM, handler)   # type: ignore[arg-type]
    except (ValueError, OSError, AttributeError):
        return handler
