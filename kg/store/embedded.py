"""The embedded store: a pyoxigraph (RocksDB) folder on disk, no server needed.

Locking. RocksDB lets one process write a store, and read-only openings do not
see each other. So:

* ``kg load`` opens the store for writing; if another process writes it
  (another load, ``kg serve --writable``, ``oxigraph serve``) it stops with E020.
  It also stops while ``kg serve`` serves the store read-only, because writing
  under a reader is undefined behaviour in RocksDB; ``kg serve`` holds a lock
  on ``kg-serve.pid`` in the store folder while it runs, for that.
* ``kg query`` opens the store read-only, so many queries and a read-only
  server can run at once; it stops with E020 while a writer holds the store.
"""
from __future__ import annotations

import errno
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError, StoreLockedError, StoreNotFoundError
from .files import StagedDataset

DEFAULT_STORE = Path("graphs") / "store"
SERVE_MARKER = "kg-serve.pid"
_ROCKSDB_MARKER = "CURRENT"      # every RocksDB folder has it


def is_store(path: Path) -> bool:
    return (path / _ROCKSDB_MARKER).is_file()


def writer_holds(path: Path) -> bool:
    """True when another process holds the store's write lock (RocksDB's LOCK file).

    Probing takes the POSIX lock for an instant; it must not be called by a
    process that has this store open, because closing any descriptor of the
    file drops that process's own lock.
    """
    import fcntl

    lock = path / "LOCK"
    if not lock.exists():
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return True
        raise
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def server_pid(path: Path) -> int | None:
    """The pid of the ``kg serve`` serving this store, or None."""
    import fcntl

    marker = path / SERVE_MARKER
    if not marker.exists():
        return None
    try:
        with open(marker, "r+", encoding="ascii") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                text = fh.read().strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(fh, fcntl.LOCK_UN)
    except OSError:
        return None
    return None


@contextmanager
def serving_marker(path: Path) -> Iterator[None]:
    """Mark the store as served (an exclusive flock held while the server runs)."""
    import fcntl

    marker = path / SERVE_MARKER
    with open(marker, "a+", encoding="ascii") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreLockedError(f"{path} is already served by kg serve. Stop that server first.") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()


def _locked(path: Path, reading: bool) -> StoreLockedError:
    if reading:
        return StoreLockedError(f"{path} is being written by another process (kg load, or a writable server). "
                                "Wait for it to finish, or query that server with --endpoint URL.")
    return StoreLockedError(f"{path} is in use by another process (another kg load, or a server such as "
                            "kg serve --writable). Wait for it to finish, or stop the server and retry; "
                            "with a writable server running, load through it with --endpoint URL.")


def open_for_reading(path: str | Path) -> Any:
    """Open a store read-only. E021 if there is none, E020 if a writer holds it."""
    from pyoxigraph import Store

    path = Path(path)
    if not is_store(path):
        raise StoreNotFoundError(str(path))
    if writer_holds(path):
        raise _locked(path, reading=True)
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise StoreNotFoundError(f"{path} ({exc})") from None


def open_for_writing(path: str | Path) -> Any:
    """Open (or create) a store for writing. E020 if another process holds it."""
    from pyoxigraph import Store

    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path} is a file, not a store folder. Choose another --store.")
    if path.is_dir() and any(path.iterdir()) and not is_store(path):
        # Never turn a folder of the user's files into a database.
        raise OutputError(f"{path} is a folder that holds other files, not a store. Choose another --store.")
    pid = server_pid(path) if path.is_dir() else None
    if pid is not None:
        who = f"kg serve (pid {pid})" if pid > 0 else "kg serve"
        raise StoreLockedError(f"{path} is served by {who}. Stop the server to load into the store, or "
                               "load through a writable server (kg serve --writable) with --endpoint URL.")
    try:
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise _locked(path, reading=False) from None
        raise OutputError(f"{path}: {exc}") from None


@contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C until the block is done, so a graph is never left half replaced."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[Any] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


@dataclass
class LoadReport:
    """What a load did. ``replaced`` graphs existed before; ``added`` are new."""

    target: str
    graphs: int = 0
    replaced: int = 0
    added: int = 0
    triples: int = 0
    default_triples: int = 0
    default_replaced: bool = False


def load_into_store(staged: StagedDataset, path: str | Path, *, replace_default: bool = False) -> LoadReport:
    """Replace each staged named graph in the store at ``path`` (PUT semantics).

    The default graph (entities, shared by every article) is merged, or
    replaced with ``replace_default``. Quads are sets, so nothing is duplicated.
    """
    from pyoxigraph import DefaultGraph, NamedNode, RdfFormat

    store = open_for_writing(path)
    names = staged.named_graphs()
    report = LoadReport(str(path), graphs=len(names), triples=len(staged),
                        default_triples=staged.default_triples(), default_replaced=replace_default)
    data = staged.nquads()
    existing = {g.value for g in store.named_graphs() if isinstance(g, NamedNode)}
    loading = set(names)
    report.replaced, report.added = len(existing & loading), len(loading - existing)
    with _deferred_interrupt():
        if existing <= loading:
            # Every graph of the store is replaced (a rebuilt graph reloaded):
            # clearing is instant, removing quad by quad is not. Keep the
            # default graph unless it is replaced too.
            kept = b"" if replace_default else store.dump(format=RdfFormat.N_QUADS, from_graph=DefaultGraph())
            store.clear()
            if kept:
                store.bulk_load(input=kept, format=RdfFormat.N_QUADS)
        else:
            for name in existing & loading:
                store.remove_graph(NamedNode(name))
            if replace_default:
                store.clear_graph(DefaultGraph())
        # One bulk load of the whole staged dataset: the fastest path in Oxigraph.
        store.bulk_load(input=data, format=RdfFormat.N_QUADS)
        store.flush()
    del store   # closes RocksDB and releases its lock
    return report
