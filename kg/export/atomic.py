"""Crash-safe file writing: a reader sees the old file or the new one, never half.

One file is written to a temporary name and renamed (:func:`atomic_write`).
A set of files (every output of a build) is staged in a folder, then switched
into place by a journal: ``.kg-switch.json`` names the staged files and is
written before the first rename, removed after the last. Once it exists the
new set wins: a build killed half-way through the renames leaves it behind,
and the next build (or :func:`finish_switch`) completes the renames before
anything else, so the folder never stays a mix of two builds. Ctrl-C and
SIGTERM wait until the renames are done (:func:`signals_deferred`).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(p) as fh:
...     _ = fh.write("new")
>>> p.read_text()
'new'
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import OutputError

__all__ = ["atomic_write", "switch_into_place", "finish_switch", "pending_switch", "signals_deferred", "SWITCH_JOURNAL"]

# Written into the output folder while a build's outputs are renamed into place.
SWITCH_JOURNAL = ".kg-switch.json"


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, mode: str = "w",
                 encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success fsync it and
    ``os.replace`` it onto ``path``; on any exception delete it and re-raise,
    leaving an existing ``path`` untouched.

    The temp file lives in the same directory because ``os.replace`` is only
    atomic within one file system.
    """
    if "w" not in mode or "+" in mode or "a" in mode:
        raise ValueError(f"atomic_write needs a plain write mode ('w' or 'wb'), not {mode!r}")
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _keep_mode(target: Path, tmp: Path) -> None:
    # mkstemp creates files 0600; give the result the permissions a plain
    # open() would have had (or the old file's), not a surprising private file.
    try:
        perms = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        perms = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, perms)


def switch_into_place(out: Path, staging: Path) -> list[str]:
    """Move every entry of ``staging`` (a folder inside ``out``) into ``out``, as one switch.

    The journal goes first (fsynced), so that from then on a crash is completed
    by :func:`finish_switch` rather than left half done. Returns the entry names.
    """
    names = sorted(entry.name for entry in staging.iterdir())
    with atomic_write(out / SWITCH_JOURNAL) as fh:
        json.dump({"pid": os.getpid(), "staging": staging.name, "entries": names}, fh)
    _sync_folder(out)
    _apply(out, staging, names)
    return names


def finish_switch(out: str | os.PathLike[str], *, alive: Any = None) -> list[str]:
    """Complete a switch that a killed build left in ``out``; the names it moved (``[]`` when none was due).

    ``alive(pid)`` says whether the build that wrote the journal still runs (then
    its switch is its own business). A journal that cannot be read names nothing
    that could be completed: it is removed.
    """
    folder = Path(out)
    journal = folder / SWITCH_JOURNAL
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        pid, staging, names = int(plan["pid"]), str(plan["staging"]), [str(n) for n in plan["entries"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        with contextlib.suppress(OSError):
            journal.unlink()
        return []
    if alive is not None and alive(pid):
        return []
    source = folder / Path(staging).name
    moved = [n for n in names if os.path.lexists(source / Path(n).name)]
    _apply(folder, source, names)
    return moved


def pending_switch(out: str | os.PathLike[str]) -> str | None:
    """The staging folder whose switch into ``out`` is unfinished, if any."""
    try:
        return str(json.loads((Path(out) / SWITCH_JOURNAL).read_text(encoding="utf-8"))["staging"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def _apply(out: Path, staging: Path, names: list[str]) -> None:
    try:
        for name in names:
            src = staging / Path(name).name
            if not os.path.lexists(src):
                continue                    # moved already, before a crash
            dst = out / src.name
            if src.is_dir() and dst.is_dir() and not dst.is_symlink():
                shutil.rmtree(dst)          # os.replace cannot overwrite a non-empty folder
            os.replace(src, dst)
        _sync_folder(out)
        (out / SWITCH_JOURNAL).unlink()
    except OSError as exc:
        raise OutputError(f"{out}: the new outputs could not all be moved into place ({exc.strerror or exc}); "
                          f"they wait in {staging.name}, and the next kg build into {out} completes the move"
                          ) from exc
    shutil.rmtree(staging, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then deliver them (main thread only).

    Python handlers run in the main thread whichever thread the signal hit, so
    swapping the handlers (not masking the signals) is what keeps a short
    critical section, such as the switch of outputs, whole.
    """
    caught: list[int] = []
    previous: dict[int, Any] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[sig] = signal.signal(sig, lambda signum, frame: caught.append(signum))
        except (ValueError, OSError, AttributeError):      # not the main thread
            break
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])
