"""What a build keeps in the build cache, and how it reads files through it.

Two kinds of records, stored as typed plain data (:mod:`kg.plain`) by
:class:`~kg.build.cache.BuildCache`:

* :class:`ParsedFile`: the articles a reader made of a file, with its warnings,
  keyed by the file's path and bytes and the readers' code (:func:`kg.build.cache.file_key`);
* :class:`CachedArticle`: an article's assertions and its person record
  (:class:`~kg.build.people_tracking.ResolutionRecord`), keyed by the parsed article
  and the extraction code (:func:`kg.build.cache.article_key`).

Changing a field here changes the record layout: this file is part of the
fingerprint of both levels (:data:`kg.fingerprints.LEVELS`).
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import InputWarning
from ..model import Article, Assertion
from .people_tracking import ResolutionRecord

if TYPE_CHECKING:
    from .cache import BuildCache

Warn = Callable[[str], None]


@dataclass
class CachedArticle:
    assertions: list[Assertion]
    record: ResolutionRecord


@dataclass
class ParsedFile:
    articles: list[Article]
    warnings: list[str]


def read_cached(files: list[Path], cache: BuildCache, warn: Warn | None) -> Iterator[Article]:
    """Articles of each file, from the cache when the file has not changed (with its reader warnings)."""
    from .cache import file_key
    from ..reader import read_articles
    from ..readers import max_file_mb

    emit = warn or (lambda msg: warnings.warn(msg, InputWarning, stacklevel=3))
    limit = max_file_mb() * (1 << 20)
    for path in files:
        try:
            # Size first: hashing means reading the whole file into memory. Above
            # the limit the reader skips a one-article file (W058) and streams a
            # corpus file row by row; neither is worth a file-cache entry.
            small = path.stat().st_size <= limit
            key: str | None = file_key(path, path.read_bytes()) if small else None
        except OSError:
            key = None                      # the reader reports it
        if key is None:
            yield from read_articles([path], warn=emit)
            continue
        parsed = cache.get("files", key, ParsedFile)
        if parsed is None:
            seen: list[str] = []

            def record(msg: str) -> None:
                seen.append(msg)
                emit(msg)

            parsed = ParsedFile(list(read_articles([path], warn=record)), seen)
            if parsed.articles:
                cache.put("files", key, parsed, ParsedFile)
        else:
            for msg in parsed.warnings:
                emit(msg)
        yield from parsed.articles


__all__ = ["CachedArticle", "ParsedFile", "read_cached"]
