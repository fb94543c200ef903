"""Child processes end when kg ends, even when kg is killed with ``kill -9``.

A killed parent runs no clean-up, so each child arms its own end: on Linux a
parent-death signal (``prctl(PR_SET_PDEATHSIG)``, set through ctypes), elsewhere
a thread that watches the parent's pid. The check after arming covers a parent
that died before the signal was armed.

>>> import os
>>> die_with_parent(os.getppid(), watch=False) in (True, False)
True
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

__all__ = ["die_with_parent", "quiet_children", "child_signals"]

_PR_SET_PDEATHSIG = 1       # from <sys/prctl.h>


def die_with_parent(parent_pid: int, *, watch: bool = True) -> bool:
    """Make this process end (SIGKILL) when the process ``parent_pid`` ends.

    Call it first thing in a child. True when the kernel will do it; otherwise,
    with ``watch``, a daemon thread polls the parent once a second.
    """
    armed = _pdeathsig(signal.SIGKILL) if sys.platform.startswith("linux") else False
    if os.getppid() != parent_pid:
        os._exit(1)             # orphaned already: the parent died before the signal was armed
    if not armed and watch:
        threading.Thread(target=_watch, args=(parent_pid,), name="kg-parent-watch", daemon=True).start()
    return armed


def _pdeathsig(sig: int) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def quiet_children() -> Iterator[None]:
    """Start child processes inside this block: they begin with Ctrl-C and SIGTERM blocked.

    A signal sent to the whole process group (Ctrl-C in a terminal) while a
    child is still starting (importing Python, before its own set-up) would
    print a traceback of that child. A blocked signal stays pending instead,
    the mask is inherited through fork and exec, and the child decides once
    ready (:func:`child_signals`): it ignores Ctrl-C and ends on SIGTERM. Here,
    the signals are delivered when the block ends (or at once through another
    thread): none is lost. multiprocessing starts its resource tracker the same way.
    """
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    except (AttributeError, OSError, ValueError):          # no signal masks here (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def child_signals() -> None:
    """A child's signals: Ctrl-C is the parent's to handle (it stops the children); SIGTERM ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(AttributeError, OSError, ValueError):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
