"""Which files to read, and as what: walking folders, formats by extension, sidecars.

>>> input_format(Path("news/a.HTML")), input_format(Path("dump.jsonl")), input_format(Path("a.txt"))
('html', 'jsonl', 'text')
>>> sidecar_path(Path("pages/a-123.html"))
PosixPath('pages/a-123.meta.json')
"""
from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputNotFoundError, InputWarning, LargeInputWarning, SkippedInputWarning

__all__ = ["iter_input_files", "input_format", "sidecar_path", "read_sidecar", "is_sidecar",
           "SIDECAR_SUFFIX", "FORMATS", "max_file_mb", "too_large", "MAX_FILE_MB", "MAX_FILE_ENV"]

Warn = Callable[[str], None]

# Extension → reader. Anything else is read as plain text (binary is skipped).
FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".json": "json", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet"}
# ``kg fetch`` writes ``<name>.meta.json`` next to each page ``<name>.<ext>``.
SIDECAR_SUFFIX = ".meta.json"


# Extraction reads ~50 KB of text a second, so a 5 MB article already takes
# minutes; a bigger "article" is a corpus dump or not an article at all, and
# reading it whole would also cost its size several times over in memory.
MAX_FILE_MB = 5.0
MAX_FILE_ENV = "KG_MAX_FILE_MB"
_MB = 1 << 20


def max_file_mb() -> float:
    """Largest one-article file, or text of a corpus row, that kg reads (MB): ``$KG_MAX_FILE_MB`` or 5.

    ``KG_MAX_FILE_MB=inf`` lifts the limit; a value that is not a positive number is ignored.
    """
    try:
        value = float(os.environ.get(MAX_FILE_ENV, ""))
    except ValueError:
        return MAX_FILE_MB
    return value if value > 0 else MAX_FILE_MB


def too_large(what: str, size: int) -> str | None:
    """The W058 message for ``what`` (a file, or a row of one) of ``size`` bytes above :func:`max_file_mb`.

    >>> too_large("a.txt", 12 * 2**20)[:62]
    'W058: skipped a.txt: 12.0 MB is more than one article can be ('
    >>> too_large("a.txt", 1000) is None
    True
    """
    limit = max_file_mb()
    if size <= limit * _MB:
        return None
    return (f"{LargeInputWarning.code}: skipped {what}: {size / _MB:.1f} MB is more than one article can be "
            f"(limit {limit:g} MB). Split it into one file per article or a .jsonl corpus, "
            f"or raise the limit: {MAX_FILE_ENV}={int(size / _MB) + 1}")


def input_format(path: Path) -> str:
    return FORMATS.get(path.suffix.lower(), "text")


def sidecar_path(page: Path) -> Path:
    return page.with_name(page.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


# Sidecar fields the reader uses; each must be a string (a damaged or hand-edited sidecar may say anything).
SIDECAR_FIELDS = ("url", "final_url", "charset", "fetched", "date", "title")


def read_sidecar(page: Path, warn: Warn | None = None) -> dict[str, Any] | None:
    """The metadata ``kg fetch`` saved for ``page``, or ``None`` if there is none or it is unreadable
    (then ``warn`` is told why, and the page is read without it). Fields of the wrong type are dropped."""
    meta = sidecar_path(page)
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        problem = "" if isinstance(data, dict) else "not a JSON object"
    except (OSError, ValueError) as exc:
        data, problem = None, f"unreadable ({exc})"
    except RecursionError:
        data, problem = None, "JSON nested too deeply"
    if isinstance(data, dict):
        wrong = [k for k in SIDECAR_FIELDS if data.get(k) is not None and not isinstance(data[k], str)]
        data = {k: v for k, v in data.items() if k not in wrong}
        problem = f"ignored its field(s) {', '.join(wrong)}: not text" if wrong else ""
    if problem and warn is not None:
        warn(f"{InputWarning.code}: {meta}: {problem}; {page} is read without that metadata")
    return data if isinstance(data, dict) else None


def iter_input_files(paths: Iterable[str | Path] | str | Path, *, warn: Warn | None = None,
                     exclude: Collection[Path] = (), skip: Collection[Path] = ()) -> Iterator[Path]:
    """Files as given, folders walked recursively in sorted order.

    Hidden entries and ``kg fetch`` metadata sidecars (``*.meta.json``) are
    skipped inside folders; each directory is entered once (by resolved path)
    so symlink loops end, and a file reached twice is read once. What is not a
    regular file (a FIFO, a device such as ``/dev/zero``, a socket) is skipped
    with a warning (W091), as are hidden entries inside folders: reading one
    could block for ever or never end. ``exclude`` holds resolved paths never
    to read: kg's own outputs and cache when the output folder lies inside an
    input (one W091 names them). ``skip`` holds resolved paths left out without
    a word (the user lexicons of the build). Every path is checked before the first file
    is yielded.
    """
    from . import default_warn

    emit = warn or default_warn
    items = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    for p in items:
        if not p.exists():
            raise InputNotFoundError(str(p))
    walk = _Walk(emit, frozenset(exclude), frozenset(skip))
    for p in items:
        if p.is_dir():
            yield from walk.folder(p)
        elif walk.admit(p):
            yield p
    walk.report_own_outputs()


class _Walk:
    """The state of one walk: what was seen, what was left out."""

    def __init__(self, warn: Warn, exclude: frozenset[Path], skip: frozenset[Path] = frozenset()) -> None:
        self.warn, self.exclude, self.skip = warn, exclude, skip
        self.seen: set[Path] = set()
        self.own: list[Path] = []

    def admit(self, path: Path) -> bool:
        """A file to read (regular, not read yet, not an output of kg)."""
        real = path.resolve()
        if real in self.seen or real in self.skip:
            return False
        if real in self.exclude:
            self.own.append(path)
            return False
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            self.warn(f"{InputWarning.code}: skipped {path}: cannot read it ({exc.strerror or exc})")
            return False
        if not stat.S_ISREG(mode):
            self.warn(f"{SkippedInputWarning.code}: skipped {path}: not a regular file ({_kind(mode)}); "
                      "kg reads files and folders only")
            return False
        self.seen.add(real)
        return True

    def folder(self, folder: Path) -> Iterator[Path]:
        real = folder.resolve()
        if real in self.exclude:
            self.own.append(folder)
            return
        if real in self.seen:
            if folder.is_symlink():
                self.warn(f"{InputWarning.code}: skipped {folder}: a link to the folder {real}, which is read "
                          "already (a loop of links?)")
            return
        self.seen.add(real)
        try:
            entries = sorted(folder.iterdir(), key=lambda e: e.name)
        except OSError as exc:
            self.warn(f"{InputWarning.code}: skipped folder {folder}: cannot list it ({exc.strerror or exc}); "
                      "check its permissions")
            return
        for entry in entries:
            if is_sidecar(entry):
                continue
            if entry.is_symlink() and not entry.exists():
                # exists() follows the link: False for a dangling link and for a loop of links (ELOOP).
                self.warn(f"{InputWarning.code}: skipped {entry}: a link that leads to no file "
                          f"(broken, or a loop of links). Fix or remove the link.")
            elif entry.resolve() in self.exclude:
                self.own.append(entry)
            elif entry.name.startswith("."):
                self.warn(f"{SkippedInputWarning.code}: skipped {entry}: hidden (its name starts with '.'); "
                          "give it by name to read it")
            elif entry.is_dir():
                yield from self.folder(entry)
            elif self.admit(entry):
                yield entry

    def report_own_outputs(self) -> None:
        files = [p for p in self.own if not p.name.startswith(".")]
        if self.own:
            names = ", ".join(p.name for p in files[:8]) + (" ..." if len(files) > 8 else "")
            where = sorted({str(p.parent) for p in self.own})
            self.warn(f"{SkippedInputWarning.code}: skipped kg's own outputs{f' ({names})' if names else ''} "
                      f"and build cache in {', '.join(where)}: the output folder lies inside an input")


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")
