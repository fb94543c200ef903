"""``kg serve``: the store as a SPARQL endpoint over HTTP, with the Oxigraph server.

The server is the ``oxigraph`` program from PyPI (``pip install oxigraph``,
installed with kg's ``server`` and ``test`` extras), the same engine and
storage format as the embedded store. It binds to 127.0.0.1 and is read-only
unless asked otherwise. Oxigraph itself listens on a random internal loopback
address, behind the guard of :mod:`kg.store.proxy` (write token, no
``SERVICE``, Host check); its queries stop after ``timeout`` seconds. Its
default graph is the union of all graphs, like ``kg query``'s
(``union_default_graph=False``: strict SPARQL dataset semantics).

The server never outlives kg: :func:`serve` stops it on Ctrl-C and SIGTERM,
and on Linux the kernel sends it SIGTERM when kg dies (``PR_SET_PDEATHSIG``),
even from ``kill -9``, so no orphan keeps serving a store that is no longer
marked as served (the guard runs inside kg's process and dies with it).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ServerError, StoreLockedError, StoreNotFoundError
from .embedded import writer_holds, is_store, serving_marker

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
STARTUP_TIMEOUT = 20.0

Warn = Callable[[str], None]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server program; E026 when it is not installed."""
    # Next to this Python first: a virtualenv's bin/ may not be on PATH.
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError("the Oxigraph server is not installed. Install it with: pip install oxigraph "
                      "(or pip install -e '.[server]').")


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port that is free on ``host`` right now."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _family(host: str) -> int:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _check_port(host: str, port: int) -> None:
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise ServerError(f"cannot listen on {host}:{port} ({exc.strerror or exc}). "
                              "Another server may use that port: choose another with --port.") from None


@dataclass
class Server:
    """A running Oxigraph server process."""

    process: subprocess.Popen
    host: str
    port: int
    writable: bool
    log: Path
    _cleanup: ExitStack = field(default_factory=ExitStack, repr=False)
    token: str | None = field(default=None, repr=False)    # needed for writes (see kg.store.proxy)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store endpoint (accepts writes only when ``writable``)."""
        return f"{self.url}/store"

    def stop(self, timeout: float = 10.0) -> int:
        """Stop the server; return its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._cleanup.close()
        return self.process.returncode

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _die_with_parent(parent: int) -> None:
    """In the child, before exec: ask Linux for SIGTERM when the parent dies."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    # The parent may have died before prctl ran: then we were adopted already.
    if os.getppid() != parent:
        os._exit(1)


def _child_options() -> dict[str, Any]:
    if not sys.platform.startswith("linux"):
        return {}
    from functools import partial

    return {"preexec_fn": partial(_die_with_parent, os.getpid())}


def start_server(store: str | Path | None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 writable: bool = False, union_default_graph: bool = True,
                 warn: Warn | None = None, **guard: Any) -> Server:
    """Start ``oxigraph serve`` on ``store`` and wait until it answers.

    ``store`` None serves an empty in-memory store (writable only). ``port`` 0
    picks a free port. ``guard``: ``timeout`` (seconds a query may run, 0 for
    no limit), ``allow_service``, ``token`` (of writes; made up when None),
    see :func:`kg.store.guarded.guard_args`. Raises E021 (no store), E020
    (store locked), E026 (no server program, port taken, server failed to start).
    """
    from .guarded import guard_args, internal_address, is_loopback, put_guard

    if host != DEFAULT_HOST and not is_loopback(host) and warn:
        warn(f"W020: the server listens on {host}: other machines can reach it. "
             "Use the default 127.0.0.1 to keep it private.")
    binary = oxigraph_binary()
    port = free_port(host) if port == 0 else port
    _check_port(host, port)
    cleanup = ExitStack()
    inner_host, inner_port = internal_address()
    args = [binary, "serve" if writable else "serve-read-only", "--bind", f"{inner_host}:{inner_port}",
            *guard_args(guard)]
    if union_default_graph:
        args.append("--union-default-graph")
    if store is not None:
        path = Path(store)
        if not is_store(path):
            raise StoreNotFoundError(str(path))
        if writer_holds(path):
            raise StoreLockedError(f"{path} is in use by another process that writes it. Wait for it to "
                                   "finish, or stop that server, then retry.")
        cleanup.enter_context(serving_marker(path))
        args += ["--location", str(path)]
    elif not writable:
        raise ServerError("a read-only server needs a store: give --store PATH.")
    log = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="kg-serve-"))) / "oxigraph.log"
    log_fh = cleanup.enter_context(open(log, "wb"))
    try:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log_fh, stderr=subprocess.STDOUT,
                                   **_child_options())
    except OSError as exc:
        cleanup.close()
        raise ServerError(f"cannot run {binary}: {exc.strerror or exc}") from None
    server = Server(process, inner_host, inner_port, writable, log, cleanup)
    try:
        _wait_until_ready(server)
        put_guard(server, host, port, guard)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text("utf-8", "replace").strip()[-800:]
            raise ServerError(f"the Oxigraph server stopped at start (exit code {server.process.returncode}): "
                              f"{tail or 'no message'}")
        try:
            with socket.create_connection((server.host, server.port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerError(f"the Oxigraph server did not answer on {server.url} within {STARTUP_TIMEOUT:.0f} s.")


@contextmanager
def running(store: str | Path | None, **options: Any) -> Iterator[Server]:
    """``with running(path) as server: ...`` starts a server and always stops it."""
    server = start_server(store, **options)
    try:
        yield server
    finally:
        server.stop()


def serve(store: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, writable: bool = False,
          union_default_graph: bool = True, on_ready: Callable[[Server], None] | None = None,
          warn: Warn | None = None, **guard: Any) -> int:
    """Serve ``store`` until the server stops or Ctrl-C (or SIGTERM, raised as
    KeyboardInterrupt by the CLI); return the exit code (0 after Ctrl-C)."""
    server = start_server(store, host=host, port=port, writable=writable,
                          union_default_graph=union_default_graph, warn=warn, **guard)
    try:
        if on_ready:
            on_ready(server)
        code = server.process.wait()
        if code:
            tail = server.log.read_text("utf-8", "replace").strip()[-800:]
            raise ServerError(f"the Oxigraph server stopped (exit code {code}): {tail or 'no message'}")
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
