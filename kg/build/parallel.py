"""Where the article-local work runs: in process, in a process pool, or on a Dask cluster.

Extraction has two halves. The first (sentences, tokens, word segmentation,
mentions: :data:`LOCAL_STAGES`) reads nothing but the article and the
lexicons, so it runs anywhere, in any order. The second (coreference,
relations, positions, roll-up) reads the corpus-wide person index and runs in
the calling process, article after article, in corpus order; it is about a
tenth of the cost. The backends here run the first half and hand its results
back in the order the articles were submitted.

Each worker loads the lexicons and underthesea's models once (:func:`warm`),
not once per article. ``dask`` is imported only when a Dask backend is made.

>>> from kg.reader import parse_article
>>> backend = make_backend()
>>> [done] = backend.result(backend.submit([parse_article("Nhật Bản tặng Lào vắc xin.", doc="d")]))
>>> [m.text for m in done.doc.spans["mentions"]]
['Nhật Bản', 'Lào']
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import (BackendConflictError, DaskConnectError, DaskMissingError, DaskWorkerError,
                     WorkerCrashError, WorkersError)
from ..extract import Extractor
from ..model import Article

if TYPE_CHECKING:
    from ..extract.user_lexicon import UserLexicon


@dataclass
class LocalResult:
    """The article-local half of extraction (:data:`kg.extract.nlp.LOCAL`): the annotated
    ``Doc`` in this process, or its plain values as sent back by a worker."""

    doc: Any = None                                              # spacy Doc, in process
    values: dict[str, Any] | None = None                         # kg.extract.nlp.local_values, from a worker
    seconds: dict[str, float] = field(default_factory=dict)     # stage -> time spent in the worker
    error: str | None = None                                     # what went wrong, if anything
    peak_mb: float = 0.0                                         # the worker's peak memory so far


def local_stages(article: Article, extractor: Extractor, *, plain: bool = False) -> LocalResult:
    """The article's ``Doc`` through the local components, timing each; with ``plain``,
    as values another process can receive without spaCy's vocabulary."""
    from ..extract.doc import LOCAL, article_doc, local_values
    from ..extract.nlp import run

    seconds: dict[str, float] = {}
    try:
        start = time.perf_counter()
        doc = article_doc(extractor, article)
        seconds["doc"] = time.perf_counter() - start
        doc = run(extractor.nlp, doc, LOCAL, seconds)
    except Exception as exc:  # noqa: BLE001 - reported with the article's name by the caller
        return LocalResult(error=f"{type(exc).__name__}: {exc}", seconds=seconds)
    if plain:
        return LocalResult(values=local_values(doc), seconds=seconds)
    return LocalResult(doc=doc, seconds=seconds)


# ----------------------------------------------------------- worker side
_EXTRACTORS: dict[str, Extractor] = {}        # user lexicons' digest ("": none) -> extractor


def worker_extractor(user: UserLexicon | None = None) -> Extractor:
    """This process's extractor for the user lexicons ``user`` (lexicons loaded once per process)."""
    digest = user.digest if user is not None else ""
    found = _EXTRACTORS.get(digest)
    if found is None:
        from ..extract.user_apply import lexicon_with

        found = _EXTRACTORS[digest] = Extractor(lexicon_with(user))
    return found


def version(user: UserLexicon | None = None) -> str:
    """What the workers and the caller must agree on: the extraction code and the user lexicons."""
    from ..fingerprints import fingerprint

    return fingerprint("extraction") + (f"+{user.digest}" if user is not None and user.digest else "")


def warm(user: UserLexicon | None = None) -> str:
    """Load lexicons and the Vietnamese models once; return :func:`version`."""
    ex = worker_extractor(user)
    text = "Việt Nam cảm ơn Nhật Bản."
    local_stages(Article("warm-up", text, lang="vi", body=[(0, len(text))]), ex)
    return version(user)


def start_worker(parent_pid: int, user: UserLexicon | None = None) -> None:
    """A pool worker's initializer: end with the parent (even a killed one), then warm up.

    Ctrl-C reaches the whole process group; the parent handles it and shuts the
    pool down, so a worker ignores it rather than print a traceback of its own.
    """
    from ..lifeline import child_signals, die_with_parent

    import gc

    child_signals()
    die_with_parent(parent_pid)
    warm(user)
    gc.freeze()         # the lexicons and models live as long as the worker: no full collection walks them


def run_batch(articles: list[Article], plain: bool = True, user: UserLexicon | None = None) -> list[LocalResult]:
    ex = worker_extractor(user)
    results = [local_stages(a, ex, plain=plain) for a in articles]
    if results:
        results[-1].peak_mb = own_peak_mb()
    return results


def own_peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB; 0 where /proc is missing.

    Not ``getrusage``: on Linux a spawned process's ru_maxrss starts at its
    parent's size when it forked.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


# ---------------------------------------------------------------- backends
class Backend(Protocol):
    parallelism: int        # articles worked on at once
    batch: int              # articles per task
    remote: bool            # work runs elsewhere while the caller goes on

    def submit(self, articles: list[Article]) -> Any: ...
    def result(self, handle: Any) -> list[LocalResult]: ...
    def close(self, *, abort: bool = False) -> None: ...    # abort: stop the work now (interrupted build)


class InlineBackend:
    """No parallelism: the work runs when its result is asked for."""

    parallelism = 1
    batch = 1
    remote = False

    def __init__(self, user: UserLexicon | None = None) -> None:
        self.user = user

    def submit(self, articles: list[Article]) -> list[Article]:
        return articles

    def result(self, handle: list[Article]) -> list[LocalResult]:
        return run_batch(handle, plain=False, user=self.user)

    def close(self, *, abort: bool = False) -> None:
        pass


def _start_method() -> str:
    """"spawn" (fresh interpreters: safe with the progress bar's thread, same on every OS),
    unless the main module cannot be imported again (code piped to ``python -``)."""
    import multiprocessing
    import sys

    main = getattr(sys.modules.get("__main__"), "__file__", None)
    if main and not Path(main).exists() and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class ProcessBackend:
    """A pool of ``workers`` processes, each warmed once (spawned: safe with threads)."""

    batch = 2
    remote = True

    def __init__(self, workers: int, user: UserLexicon | None = None) -> None:
        import multiprocessing
        import os
        from concurrent.futures import ProcessPoolExecutor

        from ..lifeline import quiet_children

        self.parallelism = workers
        self.user = user
        if os.name == "posix":
            from multiprocessing import resource_tracker

            # Started first: starting it unblocks the signals that quiet_children blocks.
            resource_tracker.ensure_running()
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker, initargs=(os.getpid(), user),
                                         mp_context=multiprocessing.get_context(_start_method()))
        try:
            with quiet_children():
                # Every worker starts here, not at some later submit: see quiet_children.
                for _ in range(workers):
                    self._pool.submit(os.getpid)
        except BaseException:       # e.g. Ctrl-C, delivered as the block ends
            self.close(abort=True)
            raise

    def submit(self, articles: list[Article]) -> Any:
        return self._pool.submit(run_batch, articles, True, self.user)

    def result(self, handle: Any) -> list[LocalResult]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return handle.result()
        except BrokenProcessPool as exc:
            raise WorkerCrashError(str(exc) or "process pool broken") from exc

    def close(self, *, abort: bool = False) -> None:
        if abort:
            # An interrupted build does not wait for the batches in progress.
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskBackend:
    """Tasks on an existing Dask cluster (``tcp://host:8786``, or a scheduler file).

    Articles are read here and shipped to the workers, so the workers need kg
    (the same version) but not the input files.
    """

    batch = 8
    remote = True

    def __init__(self, address: str, *, timeout: float = 10, user: UserLexicon | None = None) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise DaskMissingError(str(exc)) from exc
        self.user = user

        try:
            if Path(address).is_file():
                self.client = Client(scheduler_file=address, timeout=timeout, set_as_default=False)
            else:
                self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskConnectError(f"{address} ({exc})") from exc
        try:
            threads = sum(self.client.nthreads().values())
            if not threads:
                raise DaskConnectError(f"{address} (no workers)")
            prints = self.client.run(warm, user)
        except DaskConnectError:
            self.client.close()
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. kg not importable on a worker
            self.client.close()
            raise DaskWorkerError(f"{type(exc).__name__}: {exc}") from exc
        stale = sorted(w for w, fp in prints.items() if fp != version(user))
        if stale:
            self.client.close()
            raise DaskWorkerError(f"{', '.join(stale)} run different kg code or lexicons")
        self.parallelism = threads

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(run_batch, articles, True, self.user, pure=False)

    def result(self, handle: Any) -> list[LocalResult]:
        return handle.result()

    def close(self, *, abort: bool = False) -> None:
        self.client.close()


def make_backend(*, workers: int = 1, dask: str | None = None, user: UserLexicon | None = None) -> Backend:
    """The backend for ``--workers N`` / ``--dask ADDRESS``, extracting with the user lexicons ``user``.

    Raises :class:`~kg.errors.WorkersError` (E040) for fewer than one worker,
    :class:`~kg.errors.BackendConflictError` (E041) for both options, and the
    Dask errors E042–E044.
    """
    if not isinstance(workers, int) or workers < 1:
        raise WorkersError(str(workers))
    if dask:
        if workers != 1:
            raise BackendConflictError(f"--workers {workers} --dask {dask}")
        return DaskBackend(dask, user=user)
    if workers == 1:
        return InlineBackend(user)
    return ProcessBackend(workers, user)
