"""Write one output in a second process while the others are written here.

The HTML view is the costliest output (about a third of the writing), and it
needs nothing the other writers make, so on a machine with more than one core
a large build writes it in a forked child: the child sees the corpus as it is
(copy-on-write, nothing is pickled), writes its file into the same staging
folder, and sends back what it learnt for the fragment cache (new parts, keys
used). SQLite connections do not survive a fork, so the child opens its own,
only to read; the parent stores the child's new parts after it ends.

Nothing changes in the output: the same writer runs on the same corpus.
Where ``fork`` is missing (Windows, macOS's default), or the corpus is small,
or there is a single core, :func:`start` returns None and the caller writes
the output itself.

>>> start(None, "html", "/tmp/x.html", None, min_assertions=10**9) is None
True
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

from ..errors import KGError, OutputError
from ..model import Corpus

__all__ = ["SideWriter", "start", "SIDE_FORMATS", "SIDE_ABOVE"]

# Outputs worth a process of their own, and the corpus size from which a fork pays.
SIDE_FORMATS = ("html",)
SIDE_ABOVE = 2000


class SideWriter:
    """A child process writing one output; :meth:`finish` waits for it."""

    def __init__(self, process: Any, conn: Any, fmt: str, fragments: Any, child_fragments: Any = None) -> None:
        self.process, self.conn, self.fmt, self.fragments = process, conn, fmt, fragments
        self.child_fragments = child_fragments

    def finish(self) -> None:
        """Wait for the child; re-raise its error; hand its fragments to ours."""
        try:
            result = self.conn.recv()
        except EOFError:
            result = ("error", OutputError(f"the process writing the {self.fmt} output died "
                                           f"(exit code {self.process.exitcode}); run again with -f to skip it"))
        finally:
            self.process.join()
            self.conn.close()
        kind, payload = result
        if kind == "error":
            if self.child_fragments is not None:
                self.child_fragments.discard()
            raise payload
        if self.fragments is not None:
            self.fragments.absorb(payload)

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()
        if self.child_fragments is not None:
            self.child_fragments.discard()


def start(corpus: Corpus | None, fmt: str, path: str | os.PathLike[str], fragments: Any, *,
          min_assertions: int | None = None) -> SideWriter | None:
    """Start writing ``fmt`` to ``path`` in a forked child, or return None when
    that would not pay (``min_assertions`` or fewer, default :data:`SIDE_ABOVE`;
    one core; no ``fork``)."""
    limit = SIDE_ABOVE if min_assertions is None else min_assertions
    if corpus is None or len(corpus.assertions) <= limit or fmt not in SIDE_FORMATS \
            or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child_fragments = fragments.for_child() if fragments is not None else None
    process = ctx.Process(target=_child, args=(corpus, fmt, Path(path), child_fragments, send, recv, os.getpid()),
                          daemon=True)
    from ..lifeline import quiet_children

    with quiet_children():      # no traceback of the child for a Ctrl-C that hits it while it starts
        process.start()
    send.close()
    return SideWriter(process, recv, fmt, fragments, child_fragments)


def _child(corpus: Corpus, fmt: str, path: Path, fragments: Any, conn: Any, parent_end: Any,
           parent_pid: int) -> None:
    from ..lifeline import child_signals, die_with_parent

    # Ctrl-C goes to the whole process group: the parent handles it and stops us;
    # SIGTERM ends us without the parent's handler (forked with the rest).
    child_signals()
    # The fork copied the parent's end of the pipe: closed here, a send to a dead
    # parent fails (EPIPE) instead of blocking for ever; and a killed parent kills us.
    parent_end.close()
    die_with_parent(parent_pid)
    from . import export
    from .fragments import using

    try:
        try:
            if fragments is not None:
                fragments.reopen()
            with using(fragments):
                export(corpus, fmt, path)
            payload = fragments.handover() if fragments is not None else None
            conn.send(("ok", payload))
        except KGError as exc:
            conn.send(("error", exc))
        except (BrokenPipeError, ConnectionResetError):
            raise
        except Exception as exc:  # noqa: BLE001 - anything else: a clean error in the parent
            conn.send(("error", OutputError(f"{path}: {type(exc).__name__}: {exc}")))
    except (BrokenPipeError, ConnectionResetError):
        os._exit(1)             # the parent is gone: nobody to tell, nothing to print
    finally:
        conn.close()
