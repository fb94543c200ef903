"""The library API behind the CLI: read → extract → corpus → export.

Articles stream through: each is read, goes through the article-local half of
extraction (NLP, mentions: in this process, a process pool or a Dask cluster,
see :mod:`kg.build.parallel`), then through the corpus-wide half (people resolved
against every earlier article, relations) here, in corpus order. Only the
compact model objects (articles and assertions) are kept; tokens and mentions
are dropped after each article, so memory grows with the facts, not with the
NLP. With a cache folder, unchanged articles are not extracted again
(:mod:`kg.build.cache`, :mod:`kg.build.people_tracking`); the result is the same as a full build.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Nhật Bản tặng Việt Nam 1 triệu liều vắc xin.\\n", encoding="utf-8")
>>> corpus = extract_corpus([d])
>>> [(a.subject, a.predicate, a.object) for a in corpus.assertions]
[('country/japan', 'providesAidTo', 'country/vietnam')]
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..errors import NoArticlesError, OutputsRepairedWarning
from ..model import Article, Assertion, Corpus

if TYPE_CHECKING:
    from ..extract.user_lexicon import UserLexicon
    from .people_tracking import TrackedExtractor
    from ..export.fragments import Fragments

Progress = Callable[[str, int, int | None], None]     # (label, done, total)
Warn = Callable[[str], None]

CACHE_DIR = ".kg-cache"         # default cache folder, inside the output folder



@dataclass
class BuildResult:
    corpus: Corpus
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)    # stage -> seconds (see extract_corpus)
    cache: dict[str, int] = field(default_factory=dict)        # reused, extracted
    memory: dict[str, float] = field(default_factory=dict)     # stage -> peak resident MB so far

    def summary(self) -> dict[str, Counter]:
        ents: Counter[str] = Counter()
        used = {a.subject for a in self.corpus.assertions} | {a.object for a in self.corpus.assertions}
        for eid in used:
            ent = self.corpus.entities.get(eid)
            if ent is not None:
                ents[ent.type] += 1
        rels = Counter(a.predicate for a in self.corpus.assertions if not a.inferred)
        inferred = Counter(a.predicate for a in self.corpus.assertions if a.inferred)
        return {"entities": ents, "relations": rels, "inferred": inferred}

    def aliases(self) -> dict[str, list[str]]:
        """Merged aliases per person entity (what resolution joined)."""
        return {eid: sorted(e.aliases) for eid, e in self.corpus.entities.items()
                if e.type == "Person" and len(e.aliases) > 1}


def _peak_mb() -> float:
    """High-water mark of this process's resident memory, in MB (0 where the OS does not say)."""
    try:
        import resource
    except ImportError:         # not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024       # KB on Linux


def _dedupe(assertions: Iterable[Assertion]) -> list[Assertion]:
    """One assertion per fact and sentence: the most confident reading, with
    the quantities any reading found (one trigger may own the amount and another,
    earlier in the sentence, the highest confidence)."""
    best: dict[tuple, Assertion] = {}
    found: dict[tuple, list] = {}
    order: list[tuple] = []
    for a in assertions:
        key = (a.doc, a.subject, a.predicate, a.object, a.modality, a.sentence_start)
        if key not in best:
            best[key] = a
            order.append(key)
        elif a.confidence > best[key].confidence:
            best[key] = a
        quantities = found.setdefault(key, [])
        quantities += [q for q in a.quantities if q not in quantities]
    for key in order:
        if found[key] != best[key].quantities:
            best[key].quantities = found[key]
    return [best[k] for k in order]


def extract_corpus(inputs: Iterable[str | Path], *, progress: Progress | None = None,
                   warn: Warn | None = None, workers: int = 1, dask: str | None = None,
                   cache_dir: str | Path | None = None, timings: dict[str, float] | None = None,
                   cache_stats: dict[str, int] | None = None, memory: dict[str, float] | None = None,
                   exclude: Iterable[Path] = (), lexicons: Iterable[str | Path] = (),
                   user_lexicon: UserLexicon | None = None) -> Corpus:
    """Read every article under ``inputs`` and extract its assertions.

    ``workers`` > 1 runs the article-local half of extraction in that many
    processes; ``dask`` (a scheduler address or scheduler file) runs it on a
    Dask cluster. ``cache_dir`` keeps one entry per article there and reuses it
    when neither the article nor kg changed. The corpus is the same whatever
    these options. ``timings``, if given, receives seconds per stage (read,
    nlp, extract, resolve, cache, wait for workers; with workers, the NLP and
    extraction seconds are summed over workers); ``cache_stats`` receives
    ``reused`` and ``extracted`` article counts; ``memory`` the peak memory
    (MB) of the busiest worker process, when there are workers. ``exclude``
    names resolved paths never read as input (see :func:`kg.export.folder.own_outputs`).
    ``lexicons`` are user lexicons (docs/lexicon.md) besides those of a ``kg.toml`` beside
    the inputs and of ``KG_LEXICON``; ``user_lexicon``, if given, is them already read.

    Raises :class:`~kg.errors.NoArticlesError` when nothing readable was found,
    :class:`~kg.errors.InputNotFoundError` for a path that does not exist,
    :class:`~kg.errors.ArticleExtractionError` (E046) naming an article that
    could not be extracted, the errors of :func:`kg.build.parallel.make_backend`, and
    those of a bad user lexicon (E080–E083).
    """
    from .cache import BuildCache
    from .cache_records import read_cached
    from .stream import Clock, Stream, frozen_heap
    from .parallel import make_backend
    from .lexicons import config_files, user_lexicons
    from .people_tracking import TrackedExtractor
    from ..extract.user_apply import lexicon_with
    from ..reader import iter_input_files, read_articles
    from ..readers import unique_articles

    clock = Clock()
    inputs = list(inputs)
    if user_lexicon is None:
        user_lexicon = user_lexicons(inputs, lexicons, warn)
    ex = TrackedExtractor(lexicon_with(user_lexicon))
    # a lexicon kept beside the articles, and the kg.toml that names it, are no articles
    lexicon_files = {Path(f).resolve() for f in [*(user_lexicon.files if user_lexicon else ()), *config_files(inputs)]}
    files = list(iter_input_files(inputs, warn=warn, exclude=frozenset(exclude), skip=lexicon_files))
    backend = make_backend(workers=workers, dask=dask, user=user_lexicon)
    cache = BuildCache(cache_dir, warn=warn) if cache_dir is not None else None
    stream = Stream(ex, backend, cache, clock)
    articles: list[Article] = []
    assertions: list[Assertion] = []
    complete = False
    if cache is not None and cache.enabled:
        # Files are read (or taken from the cache) one by one: ids must still be unique across them.
        source: Iterable[Article] = unique_articles(read_cached(files, cache, warn), warn)
    else:
        source = read_articles(files, warn=warn)
    try:
        with frozen_heap(ex):
            for n, (article, found) in enumerate(stream.run(source), 1):
                articles.append(article)
                assertions.extend(found)
                if progress:
                    progress(article.doc, n, len(files))
        complete = True
    finally:
        backend.close(abort=not complete)
        if cache is not None:
            cache.close(prune=complete)
    if not articles:
        raise NoArticlesError(", ".join(map(str, inputs)) or "(no input)")
    start = time.perf_counter()
    corpus = _resolved_corpus(ex, articles, assertions)
    clock.add("resolve", time.perf_counter() - start)
    if timings is not None:
        timings.update(clock)
    if cache_stats is not None:
        cache_stats.update(reused=stream.reused, extracted=stream.extracted)
    if memory is not None and backend.remote and stream.worker_peak_mb:
        memory["worker processes"] = stream.worker_peak_mb
    return corpus


def _prepare_output(out: Path, warn: Warn) -> None:
    """Refuse an output folder that cannot be written before the extraction, not after minutes
    of it, and finish the switch of outputs an interrupted build left half done."""
    from ..export import complete_unfinished_switch
    from ..export.folder import check_writable

    check_writable(out)
    if moved := complete_unfinished_switch(out):
        warn(f"{OutputsRepairedWarning.code}: {out}: an earlier build was stopped while it moved its outputs "
             f"into place; the move was completed ({', '.join(moved)})")


def _fragments(folder: Path | None, corpus: Corpus, warn: Warn, salt: str) -> Fragments | None:
    """The parts of the outputs that belong to unchanged articles, kept in the cache; corpus-wide
    parts are always written afresh."""
    if folder is None:
        return None
    from .cache import CACHE_FILE
    from ..export.fragments import Fragments

    return Fragments(folder / CACHE_FILE, corpus, warn=warn, salt=salt)


def _resolved_corpus(ex: TrackedExtractor, articles: list[Article], assertions: list[Assertion]) -> Corpus:
    """The corpus once every article is read: the user's merge decisions applied, duplicates
    dropped, and the entities the assertions name."""
    merged = ex.merged_ids()
    if merged:
        from ..extract.user_apply import merge_assertions

        assertions = merge_assertions(assertions, merged)
    assertions = _dedupe(assertions)
    used = {a.subject for a in assertions} | {a.object for a in assertions}
    entities = ex.entities(used)
    if merged:
        from ..extract.user_apply import merge_entities

        merge_entities(entities, merged, ex.entity)
    return Corpus(articles, entities, assertions, ex.version)


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, formats: list[str] | None = None,
          progress: Progress | None = None, warn: Warn | None = None, workers: int = 1,
          dask: str | None = None, cache: bool = True, cache_dir: str | Path | None = None,
          lexicons: Iterable[str | Path] = ()) -> BuildResult:
    """Extract a corpus and write every output to ``out_dir`` (all or nothing).

    With ``cache`` (the default) unchanged articles are reused from
    ``cache_dir``, by default ``OUT_DIR/.kg-cache``. ``workers`` and ``dask``
    and ``lexicons`` are as in :func:`extract_corpus`. ``BuildResult.timings`` has seconds per
    stage, one entry per output file (``write graph.ttl``...) and ``total``;
    ``BuildResult.memory`` the peak resident memory (MB) after extraction and
    after each output, and that of the worker processes.
    """
    from ..export import write_all
    from ..export.folder import own_outputs
    from .lexicons import user_lexicons

    started = time.perf_counter()
    warnings: list[str] = []

    def _warn(msg: str) -> None:
        warnings.append(msg)
        if warn:
            warn(msg)

    out = Path(out_dir)
    _prepare_output(out, _warn)
    timings: dict[str, float] = {}
    stats: dict[str, int] = {}
    folder = (Path(cache_dir) if cache_dir is not None else out / CACHE_DIR) if cache else None
    memory: dict[str, float] = {}
    inputs = list(inputs)
    user = user_lexicons(inputs, lexicons, _warn)
    corpus = extract_corpus(inputs, progress=progress, warn=_warn, workers=workers, dask=dask,
                            cache_dir=folder, timings=timings, cache_stats=stats, memory=memory, user_lexicon=user,
                            exclude=own_outputs(out, [out / CACHE_DIR, *([folder] if folder else [])]))
    memory["extraction"] = _peak_mb()
    last = time.perf_counter()

    def written(name: str, done: int, total: int) -> None:
        nonlocal last
        now = time.perf_counter()
        timings[f"write {name}"] = now - last
        memory[f"write {name}"] = _peak_mb()
        last = now
        if progress:
            progress(f"write {name}", done, total)

    fragments = _fragments(folder, corpus, _warn, user.digest if user else "")
    ok = False
    try:
        outputs = write_all(corpus, out, formats=formats, on_progress=written, fragments=fragments)
        ok = True
    finally:
        if fragments is not None:
            fragments.close(prune=ok)
    timings["total"] = time.perf_counter() - started
    return BuildResult(corpus, outputs, warnings, timings, stats, memory)
