"""Read every kind of input into :class:`~kg.model.Article` objects, as a stream.

Formats are chosen by extension: ``.html``/``.htm`` pages (trafilatura),
corpus files with one article per row (``.jsonl``, ``.json``, ``.csv``,
``.tsv``, ``.parquet``), and anything else as scraped plain text. Pages saved by
``kg fetch`` carry a ``<name>.meta.json`` sidecar with their URL and fetch time.

Every article gets a stable ``id``: its URL where it has one, otherwise
``sha256:`` and a hash of its text. ``doc`` (what assertions cite) is the file
name stem of a plain one-article file, and the ``id`` of a corpus row (unless
the row has an id column) or of a fetched page.

>>> import tempfile, pathlib, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> rows = [{"id": "n1", "title": "Laos and Japan sign a health pact", "url": "https://x.example/n1",
...          "text": "Laos and Japan signed a health agreement on Monday.", "published": "2022-05-02"}]
>>> _ = (d / "corpus.jsonl").write_text("\\n".join(json.dumps(r) for r in rows), encoding="utf-8")
>>> [(a.doc, a.id, a.title, a.date, a.row) for a in read_articles([d])]
[('n1', 'https://x.example/n1', 'Laos and Japan sign a health pact', '2022-05-02', 1)]
"""
from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from kg import errors
from kg.errors import (ControlCharWarning, DamagedTextWarning, DuplicateArticleWarning, EncodingGuessWarning,
                       InputWarning, NoMainTextWarning)
from kg.model import Article

from .datelines import find_date, iso_date, url_date
from .files import FORMATS, input_format, is_sidecar, iter_input_files, max_file_mb, read_sidecar, too_large
from .text import article_text, parse_article

__all__ = ["read_articles", "read_options", "iter_input_files", "parse_article", "article_text",
           "find_date", "url_date", "iso_date", "content_id", "default_warn", "FORMATS", "max_file_mb",
           "too_large", "unique_articles"]

Warn = Callable[[str], None]

# Column names set by a caller that cannot pass them through the layers in
# between (the CLI around the pipeline); explicit arguments still win.
_OPTIONS: ContextVar[dict[str, str]] = ContextVar("kg_read_options", default={})


@contextmanager
def read_options(**columns: str | None) -> Iterator[None]:
    """Defaults for :func:`read_articles` column options within a ``with`` block.

    >>> with read_options(text_col="body"):
    ...     _options({})["text"]
    'body'
    """
    unknown = set(columns) - {f"{r}_col" for r in _ROLES}
    if unknown:
        raise TypeError(f"unknown read options: {', '.join(sorted(unknown))}")
    token = _OPTIONS.set({**_OPTIONS.get(), **{k[:-4]: v for k, v in columns.items() if v}})
    try:
        yield
    finally:
        _OPTIONS.reset(token)


_ROLES = ("text", "title", "url", "date", "id", "author")


def _options(given: dict[str, str | None]) -> dict[str, str]:
    return {**_OPTIONS.get(), **{k: v for k, v in given.items() if v}}


def default_warn(msg: str) -> None:
    """Issue ``msg`` ("W0xx: ...") as a Python warning of the class with that code."""
    code = msg.split(":", 1)[0]
    category = next((c for c in vars(errors).values() if isinstance(c, type)
                     and issubclass(c, Warning) and getattr(c, "code", None) == code), InputWarning)
    warnings.warn(msg, category, stacklevel=3)


def content_id(text: str) -> str:
    """The id of an article without a URL: a hash of its NFC text.

    >>> content_id("Hà Nội")
    'sha256:6ac69af836de8007'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_articles(paths: Iterable[str | Path] | str | Path, *, warn: Warn | None = None,
                  text_col: str | None = None, title_col: str | None = None, url_col: str | None = None,
                  date_col: str | None = None, id_col: str | None = None,
                  author_col: str | None = None) -> Iterator[Article]:
    """Stream the articles under ``paths`` (files and folders, see :func:`iter_input_files`).

    ``*_col`` name the columns of corpus files; by default common names are
    looked for (``text``/``content``/``body``, ``title``/``headline``,
    ``url``/``link``, ``date``/``published``..., ``id``/``doc``...). Unreadable
    files and rows are skipped with a warning (``W001``, ``W05x``) sent to
    ``warn`` (default: :func:`warnings.warn`). Raises
    :class:`~kg.errors.InputNotFoundError` for a missing path and
    :class:`~kg.errors.MissingExtraError` when a format's library is missing.
    """
    from .corpus import Columns, read_corpus

    emit = warn or default_warn
    columns = Columns(**_options(dict(text=text_col, title=title_col, url=url_col, date=date_col,
                                      id=id_col, author=author_col)))
    seen = _Seen(emit)
    for path in iter_input_files(paths, warn=emit):
        fmt = input_format(path)
        if is_sidecar(path):
            emit(f"{InputWarning.code}: skipped {path}: it is the metadata of a page saved by kg fetch; "
                 "give the page or its folder")
            continue
        if fmt in ("text", "html"):
            found: Iterable[Article] = filter(None, [_read_page(path, fmt, emit)])
        else:
            found = read_corpus(path, fmt, columns, emit)
        for article in found:
            article.id = article.url or content_id(article.text)
            article.doc = article.doc or article.id
            if seen.admit(article):
                yield article


def unique_articles(articles: Iterable[Article], warn: Warn | None = None) -> Iterator[Article]:
    """``articles`` read file by file (e.g. some from the build cache) with ``doc`` kept unique across
    files as :func:`read_articles` keeps it: an identical copy is skipped, a different one renamed (W054)."""
    seen = _Seen(warn or default_warn)
    return (article for article in articles if seen.admit(article))


def _read_page(path: Path, fmt: str, warn: Warn) -> Article | None:
    """One file that holds one article (plain text or HTML), with its ``kg fetch`` sidecar if any."""
    from .encoding import damage_note, declared_charset, decode_bytes, looks_binary

    meta: dict[str, Any] = read_sidecar(path, warn) or {}
    try:
        # The size first: a huge file is never read into memory.
        if (big := too_large(str(path), path.stat().st_size)) is not None:
            warn(big)
            return None
        data = path.read_bytes()
    except OSError as exc:
        warn(f"{InputWarning.code}: skipped {path}: cannot read it ({exc.strerror or exc}); "
             "check that it exists and that you may read it")
        return None
    declared = meta.get("charset") or (declared_charset(data) if fmt == "html" else None)
    decoded = decode_bytes(data, declared=declared)
    if decoded is None:
        why = ("binary content, or text in an encoding kg does not recognise" if looks_binary(data)
               else "too many control characters for a text")
        warn(f"{InputWarning.code}: skipped {path}: {why}. If it is an article, save it as UTF-8 text.")
        return None
    if not decoded.text.strip(" \t\n\r\u00a0\u200b\ufeff\u3000"):
        warn(f"{InputWarning.code}: skipped {path}: empty file (nothing to read)")
        return None
    if decoded.guessed:
        warn(f"{EncodingGuessWarning.code}: {path} is not valid UTF-8; decoded as {decoded.encoding}. "
             "If the text looks wrong, save the file as UTF-8.")
    if decoded.damaged:
        warn(f"{DamagedTextWarning.code}: {path}: {damage_note(decoded)}; the rest of the article is read. "
             "The file may be damaged; check its text.")
    if decoded.controls:
        warn(f"{ControlCharWarning.code}: {path}: {decoded.controls} control character(s) (NUL, ESC...) "
             "read as spaces. The file may be damaged; check its text.")
    url = meta.get("final_url") or meta.get("url")
    if fmt == "html":
        from .html import html_article

        article = html_article(decoded.text, doc=path.stem, path=str(path), url=url)
        if article is None:
            warn(f"{NoMainTextWarning.code}: skipped {path}: no article text found in the page. "
                 "If a browser shows the article, the page builds it with scripts: save the text "
                 "as a .txt file.")
            return None
    else:
        article = parse_article(decoded.text, doc=path.stem, path=str(path))
        article.url = url or article.url
    article.encoding, article.encoding_note = decoded.encoding, decoded.note
    if meta:
        # A fetched page is cited by its URL: its file name is only a cache key.
        article.doc = ""
        article.fetched = meta.get("fetched")
        article.date = article.date or iso_date(meta.get("date"))
        article.title = article.title or meta.get("title")
    return article


class _Seen:
    """Keeps ``doc`` unique: an identical article read twice is skipped, a different one renamed."""

    def __init__(self, warn: Warn) -> None:
        self.warn = warn
        self.docs: dict[str, str] = {}
        self.contents: dict[tuple[str, str], str] = {}

    def admit(self, article: Article) -> bool:
        where = article.path + (f" row {article.row}" if article.row else "")
        digest = content_id(article.text)
        if (first := self.contents.get((article.id, digest))) is not None:
            self.warn(f"{DuplicateArticleWarning.code}: skipped {where}: same article as {first} ({article.id})")
            return False
        if article.doc in self.docs:
            n = 2
            while f"{article.doc}#{n}" in self.docs:
                n += 1
            new = f"{article.doc}#{n}"
            self.warn(f"{DuplicateArticleWarning.code}: {where}: id {article.doc!r} is already used by "
                      f"{self.docs[article.doc]}; this article is read as {new!r}")
            article.doc = new
        self.docs[article.doc] = where
        self.contents[(article.id, digest)] = where
        return True
