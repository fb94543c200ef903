"""The ``kg`` command line: a thin layer over the library API.

Each command parses its arguments, calls one library function, and turns
:class:`~kg.errors.KGError` into a message and a non-zero exit, never a
traceback. Heavy libraries are imported inside the commands. Each group of
commands lives in its own module and registers itself on :data:`app`.

Exit codes: 0 success; 1 a kg error (message starts with its code, e.g. E001);
2 bad usage; 3 validation failed; 130 interrupted (Ctrl-C); 143 terminated (kill).
"""
from __future__ import annotations

from ._common import app
from . import commands
from . import fetch
from . import lexicon
from . import store
from . import viz

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console script entry
    app()
