"""Articles through the extractor, one by one: from the cache, in this process or on
workers, in order, with seconds per stage (:func:`kg.build.pipeline.extract_corpus`)."""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..errors import ArticleExtractionError
from ..model import Article, Assertion

if TYPE_CHECKING:
    from .cache import BuildCache
    from .cache_records import CachedArticle
    from .people_tracking import TrackedExtractor
    from .parallel import Backend, LocalResult

# Pipeline component (kg.extract.nlp) -> stage of the timing table.
STAGE_OF = {"doc": "nlp", "kg_segmenter": "nlp", "kg_mentions": "extract", "kg_coref": "resolve",
            "kg_relations": "extract", "kg_positions": "extract", "kg_rollup": "extract"}


class Clock(dict):
    """Seconds per stage."""

    def add(self, stage: str, seconds: float) -> None:
        self[stage] = self.get(stage, 0.0) + seconds


@dataclass
class _Batch:
    handle: object
    results: list | None = None


@dataclass
class _Item:
    article: Article
    key: str | None = None
    entry: CachedArticle | None = None
    batch: _Batch | None = None
    index: int = 0


class Stream:
    """Articles in, (article, assertions) out, in order; the local half runs ahead on the backend."""

    def __init__(self, ex: TrackedExtractor, backend: Backend, cache: BuildCache | None, clock: Clock) -> None:
        self.ex, self.backend, self.cache, self.clock = ex, backend, cache, clock
        self.pending: list[_Item] = []
        self.remote = backend.remote
        # Enough work in flight to keep every worker busy, little enough to bound memory.
        self.window = max(1, backend.parallelism * backend.batch * 3) if self.remote else 1
        self.reused = self.extracted = 0
        self.worker_peak_mb = 0.0

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Assertion]]]:
        from .cache import article_key
        from .cache_records import CachedArticle

        window: deque[_Item] = deque()
        source = iter(articles)
        while True:
            start = time.perf_counter()
            article = next(source, None)
            self.clock.add("read", time.perf_counter() - start)
            if article is None:
                break
            item = _Item(article)
            if self.cache is not None and self.cache.enabled:
                start = time.perf_counter()
                item.key = article_key(article, self.ex.lex.digest)
                item.entry = self.cache.get("entries", item.key, CachedArticle)
                self.clock.add("cache", time.perf_counter() - start)
            if item.entry is None:
                self.pending.append(item)
                if len(self.pending) >= self.backend.batch:
                    self._flush()
            window.append(item)
            while len(window) > self.window:
                yield self._finish(window.popleft())
        self._flush()
        while window:
            yield self._finish(window.popleft())

    def _flush(self) -> None:
        if self.pending:
            batch = _Batch(self.backend.submit([it.article for it in self.pending]))
            for i, it in enumerate(self.pending):
                it.batch, it.index = batch, i
            self.pending = []

    def _finish(self, item: _Item) -> tuple[Article, list[Assertion]]:
        from .parallel import local_stages

        if item.entry is not None:
            start = time.perf_counter()
            reused = self.ex.replay(item.entry.record)
            self.clock.add("cache", time.perf_counter() - start)
            if reused:
                self.reused += 1
                return item.article, item.entry.assertions
            # An earlier article changed what this one reads of the corpus: extract it again.
            local = local_stages(item.article, self.ex)
        else:
            if item.batch is None:
                self._flush()
            batch = item.batch
            assert batch is not None
            if batch.results is None:
                start = time.perf_counter()
                batch.results = self.backend.result(batch.handle)
                if self.remote:
                    self.clock.add("wait for workers", time.perf_counter() - start)
            local = batch.results[item.index]
            batch.results[item.index] = None        # the NLP objects go as soon as they are used
        self.extracted += 1
        return item.article, self._resolve(item, local)

    def _resolve(self, item: _Item, local: LocalResult) -> list[Assertion]:
        from .cache_records import CachedArticle
        from ..extract.doc import CORPUS, doc_from_local
        from ..extract.nlp import run

        article = item.article
        self.worker_peak_mb = max(self.worker_peak_mb, local.peak_mb)
        for stage, spent in local.seconds.items():
            self.clock.add(STAGE_OF.get(stage, stage), spent)
        if local.error:
            raise ArticleExtractionError(f"{article.path or article.doc}: {local.error}")
        self.ex.people.begin_article()
        seconds: dict[str, float] = {}
        try:
            doc = local.doc if local.doc is not None else doc_from_local(self.ex, article, local.values or {})
            doc = run(self.ex.nlp, doc, CORPUS, seconds)
        except Exception as exc:
            raise ArticleExtractionError(f"{article.path or article.doc}: {type(exc).__name__}: {exc}") from exc
        finally:
            record = self.ex.people.end_article()
            for name, spent in seconds.items():
                self.clock.add(STAGE_OF.get(name, name), spent)
        assertions: list[Assertion] = doc._.assertions
        if self.cache is not None and item.key is not None:
            start = time.perf_counter()
            self.cache.put("entries", item.key, CachedArticle(assertions, record), CachedArticle)
            self.clock.add("cache", time.perf_counter() - start)
        return assertions


@contextmanager
def frozen_heap(ex: "TrackedExtractor") -> Iterator[None]:
    """The lexicons, the spaCy pipeline and the modules loaded before the articles live as
    long as the build: the collector's full passes need not walk them again and again
    (``gc.freeze``). They are handed back when the extraction ends."""
    import gc

    _ = ex.nlp                      # built now, so that it is among what is set aside
    mine = gc.get_freeze_count() == 0
    if mine:
        gc.freeze()
    try:
        yield
    finally:
        if mine:
            gc.unfreeze()
