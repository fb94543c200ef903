"""Exporters: write a :class:`~kg.model.Corpus` to files.

Every exporter is a function ``(corpus: Corpus, path: Path) -> None`` registered
in :data:`EXPORTERS` under a name and aliases::

    @EXPORTERS.register("turtle", aliases=("ttl",))
    def write_turtle(corpus, path): ...

Exporter modules are imported on first use of the registry, so that
``import kg.export`` stays cheap and an optional exporter whose module is
absent (or whose own dependency is missing) does not break the others.
"""
from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KGError, OutputError
from ..model import Corpus
from ..registry import Registry

if TYPE_CHECKING:
    from .fragments import Fragments

Exporter = Callable[[Corpus, Path], None]
ProgressCallback = Callable[[str, int, int], None]

# Modules that register exporters; "html" is optional (written separately).
_MODULES: tuple[str, ...] = ("rdf", "graphml", "jsonl", "html")
_OPTIONAL: frozenset[str] = frozenset({"html"})

DEFAULT_OUTPUTS: dict[str, str] = {
    "graph.ttl": "turtle",
    "graph.trig": "trig",
    "graph.jsonld": "json-ld",
    "graph.graphml": "graphml",
    "assertions.jsonl": "jsonl",
    "graph.html": "html",
}
# Hidden folder inside the output folder where a build writes before moving into place.
STAGING_PREFIX = ".kg-staging-"
# File names for formats that are not among the default outputs.
EXTRA_OUTPUTS: dict[str, str] = {"graph.nt": "nt", "graph.nq": "nquads"}


class _LazyRegistry(Registry[Exporter]):
    """A :class:`Registry` that imports the exporter modules on first lookup."""

    _loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True     # set first: the modules import this package
        for name in _MODULES:
            module = f"{__name__}.{name}"
            try:
                importlib.import_module(module)
            except ImportError as exc:
                if name not in _OPTIONAL:
                    raise
                if getattr(exc, "name", None) != module:
                    # The module exists but cannot load (e.g. a missing extra).
                    warnings.warn(f"exporter module {module} unavailable: {exc}", stacklevel=3)

    def get(self, name: str) -> Exporter:
        self._load()
        return super().get(name)

    def names(self) -> list[str]:
        self._load()
        return super().names()

    def __contains__(self, name: str) -> bool:
        self._load()
        return super().__contains__(name)


EXPORTERS: Registry[Exporter] = _LazyRegistry("exporter")


def export(corpus: Corpus, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write ``corpus`` in format ``fmt`` (a name or alias) to ``path``."""
    writer = EXPORTERS.get(fmt)
    target = Path(path)
    try:
        writer(corpus, target)
    except KGError:
        raise
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from exc
    return target


def _plan(formats: Iterable[str] | None) -> dict[str, str]:
    """File name -> canonical exporter name for the outputs to write."""
    if formats is None:
        # Default run: skip an optional exporter that is not installed.
        return {f: n for f, n in DEFAULT_OUTPUTS.items() if n in EXPORTERS}
    wanted = []
    for fmt in formats:
        EXPORTERS.get(fmt)      # raises UnknownPluginError for unknown names
        wanted.append(_canonical(fmt))
    known = {**DEFAULT_OUTPUTS, **EXTRA_OUTPUTS}
    plan = {}
    for name in dict.fromkeys(wanted):
        files = [f for f, n in known.items() if _canonical(n) == name]
        plan[files[0] if files else f"graph.{name}"] = name
    return plan


def _canonical(fmt: str) -> str:
    # The registry stores one object per canonical name: find that name.
    writer = EXPORTERS.get(fmt)
    return next(n for n in EXPORTERS.names() if EXPORTERS.get(n) is writer)


def write_all(corpus: Corpus, out_dir: str | os.PathLike[str], *,
              formats: Iterable[str] | None = None,
              on_progress: ProgressCallback | None = None,
              fragments: Fragments | None = None) -> dict[str, Path]:
    """Write every output (``DEFAULT_OUTPUTS`` or the given ``formats``) into
    ``out_dir`` and return ``{file name: path}``.

    All-or-nothing: outputs are first written into a staging folder inside
    ``out_dir`` and only moved into place once every exporter succeeded, so a
    failing exporter leaves the previous outputs as they were.
    ``on_progress(file_name, done, total)`` is called after each output is staged.
    ``fragments`` (a :class:`~kg.export.fragments.Fragments`) lets the
    exporters reuse the parts of unchanged articles from an earlier build.
    """
    from . import side as side_writer
    from .atomic import pending_switch, signals_deferred, switch_into_place

    out = Path(out_dir)
    plan = _plan(formats)
    try:
        out.mkdir(parents=True, exist_ok=True)
        complete_unfinished_switch(out)
        _remove_stale_staging(out)
        staging = Path(tempfile.mkdtemp(dir=out, prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
    except OSError as exc:
        raise OutputError(f"{out}: {exc.strerror or exc}") from exc
    side = None
    try:
        # The costliest output goes to a second process when there is more
        # than one, the corpus is large and the machine has the cores.
        if len(plan) > 1:
            for file_name, fmt in plan.items():
                side = side_writer.start(corpus, fmt, staging / file_name, fragments)
                if side is not None:
                    break
        _write_here(corpus, plan, staging, side.fmt if side is not None else None, fragments, on_progress)
        if side is not None:
            waiting, side = side, None
            waiting.finish()
            if on_progress is not None:
                on_progress(next(f for f, n in plan.items() if n == waiting.fmt), len(plan), len(plan))
        # Everything staged: switch into place. Entries other than the planned
        # files (e.g. assets an HTML exporter writes beside its page) move too.
        switched = False
        try:
            with signals_deferred():
                switch_into_place(out, staging)
                switched = True
        except KeyboardInterrupt as exc:
            exc.outputs_replaced = switched     # type: ignore[attr-defined] - read by the CLI's message
            raise
    except OSError as exc:
        raise OutputError(f"{out}: {exc.strerror or exc}") from exc
    finally:
        if side is not None:
            side.cancel()
        if pending_switch(out) != staging.name:     # else the next build completes its switch
            shutil.rmtree(staging, ignore_errors=True)
    return {file_name: out / file_name for file_name in plan}


def _write_here(corpus: Corpus, plan: dict[str, str], staging: Path, skip: str | None,
                fragments: Fragments | None, on_progress: ProgressCallback | None) -> None:
    """The outputs this process writes (all but ``skip``), into ``staging``. The RDF files
    are written together, in one pass over the articles (:func:`kg.export.rdf.write_together`)."""
    from .fragments import using
    from .rdf import RDF_FORMATS, write_together

    here = {f: n for f, n in plan.items() if n != skip}
    together = {f: n for f, n in here.items() if n in RDF_FORMATS} if len(plan) > 1 else {}
    if len(together) < 2:
        together = {}
    done = 0
    for file_name, fmt in here.items():
        if file_name in together and file_name != next(iter(together)):
            continue        # written with the first of them
        with using(fragments):
            if file_name in together:
                try:
                    write_together(corpus, {n: staging / f for f, n in together.items()})
                except OSError as exc:
                    raise OutputError(f"{staging}: {exc.strerror or exc}") from exc
            else:
                export(corpus, fmt, staging / file_name)
        for name in (together if file_name in together else [file_name]):
            done += 1
            if on_progress is not None:
                on_progress(name, done, len(plan))


def complete_unfinished_switch(out_dir: str | os.PathLike[str]) -> list[str]:
    """Finish moving the outputs of a build that died (or failed here) half-way through its switch
    into ``out_dir`` (see :mod:`kg.export.atomic`); the names it moved."""
    from .atomic import finish_switch

    return finish_switch(out_dir, alive=lambda pid: pid != os.getpid() and _alive(pid))


def _remove_stale_staging(out: Path) -> None:
    """Delete staging folders left by builds that were killed (their process is gone).

    A killed build cannot clean up after itself; the next build into the same
    folder does. A folder whose process still runs belongs to a concurrent build.
    """
    for entry in out.glob(f"{STAGING_PREFIX}*"):
        pid = entry.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if entry.is_dir() and not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        return True             # on Windows os.kill(pid, 0) would send a Ctrl-C: never clean there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True             # it exists (another user's) or we cannot tell: leave it
    return True


__all__ = ["DEFAULT_OUTPUTS", "EXPORTERS", "EXTRA_OUTPUTS", "Exporter", "export", "write_all",
           "complete_unfinished_switch"]
