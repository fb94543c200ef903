"""A query on the embedded store with a time limit.

pyoxigraph has no query timeout and cannot stop a query once it runs: a
cartesian product keeps a core busy for minutes. So a query with a limit runs
in a child process (forked: it shares the loaded modules and needs no
pickling) that writes its answer as SPARQL results JSON or N-Triples down a
pipe; when the limit passes, the child is killed and its core is free at once.
The parent reads the answer exactly as it reads an endpoint's.
"""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Any

from .. import errors
from ..errors import QueryError, QueryTimeoutError

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


def can_limit() -> bool:
    """Whether this platform can fork (not Windows, where queries run without a limit)."""
    return "fork" in multiprocessing.get_all_start_methods()


def query_with_limit(path: Path, text: str, origin: str, substitutions: dict[Any, Any],
                     timeout: float, union_default_graph: bool = True) -> tuple[str, bytes]:
    """(media type, body) of the answer to ``text`` on the store at ``path``.

    ``union_default_graph`` as in ``run_query``: the default graph is the union
    of all graphs unless it is False.

    E071 when the query runs longer than ``timeout`` seconds. The errors of
    opening the store (E020, E021) are raised again, and those of the query
    as the ``SyntaxError``, ``RuntimeError`` or ``OSError`` pyoxigraph raised.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_answer, args=(send, path, text, substitutions, union_default_graph), daemon=True)
    child.start()
    send.close()                       # the parent's copy: EOF when the child dies
    try:
        deadline = time.monotonic() + timeout
        if not receive.poll(max(0.0, deadline - time.monotonic())):
            raise QueryTimeoutError(origin, seconds=timeout)
        try:
            message = receive.recv()
        except EOFError:
            child.join(1.0)
            raise QueryError(f"cannot run {origin}: the query process stopped "
                             f"(exit code {child.exitcode}); it may have run out of memory") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return _unpack(message)


def _unpack(message: tuple[str, ...]) -> tuple[str, bytes]:
    """The answer, or the child's error raised again as the type pyoxigraph raised."""
    kind = message[0]
    if kind == "answer":
        return message[1], message[2]
    if kind == "kg":
        error_class = getattr(errors, message[1], None)
        if isinstance(error_class, type) and issubclass(error_class, errors.KGError):
            raise error_class(message[2])
    raise {"syntax": SyntaxError, "os": OSError}.get(kind, RuntimeError)(message[-1])


def _answer(send: Any, path: Path, text: str, substitutions: dict[Any, Any], union_default_graph: bool) -> None:
    """In the child: run the query and send ("answer", media type, body) or the error."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    from .embedded import open_for_reading

    try:
        store = open_for_reading(path)
        raw = store.query(text, substitutions=substitutions or None,
                          use_default_graph_as_union=union_default_graph)
        if isinstance(raw, (QuerySolutions, QueryBoolean)):
            message: tuple[Any, ...] = ("answer", RESULTS_JSON, raw.serialize(format=QueryResultsFormat.JSON))
        else:
            message = ("answer", N_TRIPLES, raw.serialize(format=RdfFormat.N_TRIPLES))
    except errors.KGError as exc:
        message = ("kg", type(exc).__name__, exc.detail)
    except SyntaxError as exc:
        message = ("syntax", str(exc))
    except OSError as exc:
        message = ("os", str(exc))
    except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises E024
        message = ("runtime", str(exc))
    send.send(message)
    send.close()
