"""Corpus files with one article per row: JSON Lines, JSON, CSV/TSV and Parquet.

Columns are found by name. Each role has a list of common names, matched
without regard to case, spaces, ``-`` and ``_`` ("Published At" =
``published_at``); options name them explicitly. The text may be plain text
(analysed like a scraped file) or a whole HTML page (read with trafilatura).

>>> find_columns(["ID", "Headline", "Body", "Published At", "link"], Columns())
{'text': 'Body', 'title': 'Headline', 'url': 'link', 'date': 'Published At', 'id': 'ID', 'author': None}
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from kg.errors import (CorpusFileWarning, CorpusRowWarning, DamagedTextWarning, EncodingGuessWarning,
                       LargeInputWarning, MissingExtraError)
from kg.model import Article

from .datelines import iso_date
from .encoding import blank_controls, damage_note, decode_bytes, utf8_with_damage
from .files import too_large
from .html import html_article, looks_like_html
from .text import parse_article

__all__ = ["Columns", "DEFAULT_COLUMNS", "find_columns", "read_corpus"]

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Columns:
    """Column names chosen by the user; ``None`` means: look for a common name."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    id: str | None = None
    author: str | None = None


DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "maintext", "main_text", "full_text", "article_text",
             "raw_text", "html", "raw_html", "noi_dung", "nội dung"),
    "title": ("title", "headline", "heading", "tieu_de", "tiêu đề"),
    "url": ("url", "link", "source_url", "canonical_url", "article_url", "href", "uri"),
    "date": ("date", "published", "publish_date", "published_date", "date_published", "published_at",
             "pubdate", "pub_date", "publication_date", "datetime", "created_at", "timestamp", "time", "ngay"),
    "id": ("id", "doc", "doc_id", "article_id", "guid", "uuid", "_id"),
    "author": ("author", "authors", "byline", "creator", "tac_gia", "tác giả"),
}
_JSON_LISTS = ("articles", "items", "data", "rows", "records", "documents", "docs")


def _key(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", name).casefold() if ch.isalnum())


def find_columns(names: list[str], chosen: Columns) -> dict[str, str | None]:
    """Map each role (text, title, url, date, id, author) to a column of ``names``."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(_key(str(name)), str(name))
    found: dict[str, str | None] = {}
    for role in (f.name for f in fields(Columns)):
        want = getattr(chosen, role)
        if want is not None:
            found[role] = want if want in names else by_key.get(_key(want))
        else:
            found[role] = next((by_key[k] for c in DEFAULT_COLUMNS[role] if (k := _key(c)) in by_key), None)
    return found


def read_corpus(path: Path, fmt: str, chosen: Columns, warn: Warn) -> Iterator[Article]:
    """Articles of one corpus file; bad rows are skipped with W051, a file without text with W052."""
    try:
        rows = _ROWS[fmt](path, warn)
        first = next(rows, None)
        while first is not None and not isinstance(first[1], dict):
            # Bad rows before the first record: the columns come from the first real one.
            warn(f"{CorpusRowWarning.code}: skipped row {first[0]} of {path}: {first[1]}")
            first = next(rows, None)
    except OSError as exc:
        warn(f"{CorpusFileWarning.code}: skipped {path}: cannot read it ({exc.strerror or exc})")
        return
    except (_FileError, UnicodeDecodeError, csv.Error) as exc:
        warn(f"{CorpusFileWarning.code}: skipped {path}: {exc}")
        return
    if first is None:
        warn(f"{CorpusFileWarning.code}: skipped {path}: no rows")
        return
    row_no, record, encoding = first
    cols = find_columns(list(record), chosen)
    if not _check_columns(path, cols, chosen, list(record), warn):
        return
    try:
        for row_no, record, encoding in itertools.chain([first], rows):
            where = f"row {row_no} of {path}"
            if not isinstance(record, dict):
                warn(f"{CorpusRowWarning.code}: skipped {where}: {record}")
                continue
            article = _row_article(record, cols, path=path, row=row_no, fmt=fmt, encoding=encoding)
            if isinstance(article, str):
                big = article.startswith(LargeInputWarning.code)
                warn(article if big else f"{CorpusRowWarning.code}: skipped {where}: {article}")
            else:
                yield article
    except (OSError, _FileError, UnicodeDecodeError, csv.Error) as exc:
        warn(f"{CorpusFileWarning.code}: stopped reading {path} after row {row_no}: {exc}")


def _check_columns(path: Path, cols: dict[str, str | None], chosen: Columns, names: list[str],
                   warn: Warn) -> bool:
    shown = ", ".join(map(str, names[:20])) + (" ..." if len(names) > 20 else "")
    for role, col in cols.items():
        if col is None and getattr(chosen, role) is not None:
            warn(f"{CorpusFileWarning.code}: {path} has no column {getattr(chosen, role)!r} "
                 f"(given with --{role}-col); its columns are: {shown}")
    if cols["text"] is None:
        if chosen.text is None:
            warn(f"{CorpusFileWarning.code}: skipped {path}: no text column among: {shown}. "
                 "Name it with --text-col.")
        return False
    return True


class _FileError(Exception):
    """A corpus file that is not a table of records."""


def _row_article(rec: dict[str, Any], cols: dict[str, str | None], *, path: Path, row: int,
                 fmt: str, encoding: str) -> Article | str:
    """The article of one row, or the reason it was skipped."""
    get = {role: (rec.get(col) if col else None) for role, col in cols.items()}
    text = _text(get["text"])
    if not text:
        return f"no text in column {cols['text']!r}"
    if (big := too_large(f"row {row} of {path}", len(text.encode("utf-8", "surrogatepass")))) is not None:
        return big
    title, url, author = _text(get["title"]), _text(get["url"]), _text(get["author"])
    url = url if url and url.startswith(("http://", "https://")) else None
    nfc = unicodedata.normalize("NFC", text)
    note = "NFC-normalised" if nfc != text else ""
    nfc, controls = blank_controls(nfc)
    note = "; ".join(filter(None, [note, f"{controls} control characters read as spaces" if controls else ""]))
    if looks_like_html(nfc):
        article = html_article(nfc, doc="", path=str(path), url=url)
        if article is None:
            return "no article text found in its HTML"
    else:
        title = unicodedata.normalize("NFC", " ".join(title.split())) if title else None
        first_line = next((ln.strip() for ln in nfc.splitlines() if ln.strip()), "")
        if title and " ".join(first_line.split()) != title:
            nfc = f"{title}\n\n{nfc}"
        article = parse_article(nfc, doc="", path=str(path), title_first=bool(title))
        if not article.body:
            return "no article text (only boilerplate lines)"
    article.url = url or article.url
    article.date = iso_date(get["date"]) or article.date
    article.author = author or article.author
    article.format, article.row, article.encoding, article.encoding_note = fmt, row, encoding, note
    article.doc = _id_text(get["id"]) or ""     # the caller fills in the stable id when there is none
    return article


def _id_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)               # ids that went through a float column (pandas, NaN)
    return str(value) if isinstance(value, int) else _text(value)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "\n".join(v.strip() for v in value if v.strip()) or None
    return None


# --------------------------------------------------------------------------- row sources

Rows = Iterator[tuple[int, Any, str]]      # (row number, record or error message, encoding)


def _jsonl_rows(path: Path, warn: Warn) -> Rows:
    offset = 0
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            start, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                line, bad = utf8_with_damage(raw.removeprefix(codecs.BOM_UTF8) if n == 1 else raw)
                warn(f"{DamagedTextWarning.code}: row {n} of {path}: {len(bad)} invalid UTF-8 sequence(s) "
                     f"(the first at byte {start + bad[0]}) read as U+FFFD")
            try:
                rec = json.loads(line)
            except ValueError as exc:
                yield n, f"not valid JSON ({exc})", "utf-8"
                continue
            except RecursionError:
                yield n, "JSON nested too deeply to be an article", "utf-8"
                continue
            yield n, rec if isinstance(rec, dict) else f"a JSON {type(rec).__name__}, not an object", "utf-8"


def _json_rows(path: Path, warn: Warn) -> Rows:
    decoded = decode_bytes(path.read_bytes())
    if decoded is None:
        raise _FileError("binary or undecodable content")
    if decoded.damaged:
        warn(f"{DamagedTextWarning.code}: {path}: {damage_note(decoded)}")
    try:
        data = json.loads(decoded.text)
    except ValueError as exc:
        raise _FileError(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise _FileError("JSON nested too deeply to be a corpus") from None
    if isinstance(data, dict):
        data = next((data[k] for k in _JSON_LISTS if isinstance(data.get(k), list)), [data])
    if not isinstance(data, list):
        raise _FileError("neither a JSON object nor a list of objects")
    for n, rec in enumerate(data, 1):
        yield n, rec if isinstance(rec, dict) else f"a JSON {type(rec).__name__}, not an object", decoded.encoding


def _csv_rows(path: Path, warn: Warn) -> Rows:
    with path.open("rb") as fh:
        sample = fh.read(1 << 20)
    encoding = _stream_encoding(sample)
    if encoding is None:
        raise _FileError("binary or undecodable content")
    if encoding not in ("utf-8", "utf-8-sig"):
        warn(f"{EncodingGuessWarning.code}: {path} is not valid UTF-8; decoded as {encoding}")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))   # articles are longer than the 128 KB default
    # A damaged byte of a UTF-8 file is kept as a lone surrogate and replaced in its row (W090).
    errors = "surrogateescape" if encoding.startswith("utf-8") else "strict"
    with path.open("r", encoding=encoding, errors=errors, newline="") as fh:
        head = fh.read(_SNIFF_CHARS)
        fh.seek(0)
        delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(head, len(head) == _SNIFF_CHARS)
        # Only the delimiter is guessed: quoting follows the csv module's (RFC 4180) rules,
        # which is what csv.writer and spreadsheets write.
        reader = csv.DictReader(fh, dialect=csv.excel, delimiter=delimiter)
        for n, rec in enumerate(reader, 1):
            if None in rec:
                yield n, f"{len(rec[None])} more fields than the header has", encoding
                continue
            damaged = sum(_repair(rec, key) for key in list(rec))
            if damaged:
                warn(f"{DamagedTextWarning.code}: row {n} of {path}: {damaged} invalid UTF-8 byte(s) "
                     "read as U+FFFD")
            yield n, rec, encoding


_SNIFF_CHARS = 1 << 16
_DELIMITERS = ",;\t|"
_ESCAPED = re.compile("[\udc80-\udcff]")


def _repair(rec: dict[str, Any], key: str) -> int:
    """Replace the undecodable bytes of one field by U+FFFD; how many there were."""
    value = rec[key]
    if not isinstance(value, str):
        return 0
    value, count = _ESCAPED.subn("\ufffd", value)
    if count:
        rec[key] = value
    return count


def sniff_delimiter(head: str, truncated: bool = False) -> str:
    """The delimiter of a CSV file that starts with ``head``: the one that splits the
    header into the most columns while at least half the next rows have as many
    fields, ties broken by that share (a one-column file: the delimiter that splits
    no row). Quoted fields are read with the csv rules, so commas, quotes and line
    breaks inside them do not count.

    >>> sniff_delimiter('id;title;text\\r\\n1;"a, b";"say ""hi"", then; go"\\r\\n')
    ';'
    >>> sniff_delimiter('text\\r\\n"one, two"\\r\\n'), sniff_delimiter("a|b\\n1|2\\n")
    (',', '|')
    """
    best, best_score = ",", (0, -1.0)
    for delimiter in _DELIMITERS:
        rows = _head_rows(head, delimiter, truncated)
        if not rows:
            continue
        width = len(rows[0])
        same = sum(len(r) == width for r in rows[1:]) / (len(rows) - 1) if len(rows) > 1 else 1.0
        score = (width if same >= 0.5 else 1, same)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _head_rows(head: str, delimiter: str, truncated: bool) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(head, newline=""), dialect=csv.excel, delimiter=delimiter):
            if row:
                rows.append(row)
            if len(rows) > 20:
                break
    except csv.Error:
        pass
    # The last row of a cut sample may be cut too.
    return rows[:-1] if truncated and len(rows) > 1 else rows


def _stream_encoding(sample: bytes) -> str | None:
    """Codec for a file read as a stream, judged on its first megabyte."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        decoded = decode_bytes(sample)
        return decoded.encoding if decoded else None


def _parquet_rows(path: Path, warn: Warn) -> Rows:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError(f"reading {path} needs pyarrow. Install it with: pip install 'kg[parquet]' "
                                "(or pip install pyarrow)") from None
    try:
        table = pq.ParquetFile(path)
        n = 0
        for batch in table.iter_batches(batch_size=256):
            for rec in batch.to_pylist():
                n += 1
                yield n, rec, "utf-8"
    except (ValueError, OSError) as exc:   # pyarrow's ArrowInvalid is a ValueError
        raise _FileError(f"not a readable Parquet file ({exc})") from None


_ROWS: dict[str, Callable[[Path, Warn], Rows]] = {
    "jsonl": _jsonl_rows, "json": _json_rows, "csv": _csv_rows, "tsv": _csv_rows, "parquet": _parquet_rows}
