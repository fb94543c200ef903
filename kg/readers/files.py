"""Which files to read, and as what: walking folders, formats by extension, sidecars.

>>> input_format(Path("news/a.HTML")), input_format(Path("dump.jsonl")), input_format(Path("a.txt"))
('html', 'jsonl', 'text')
>>> sidecar_path(Path("pages/a-123.html"))
PosixPath('pages/a-123.meta.json')
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputNotFoundError, InputWarning

__all__ = ["iter_input_files", "input_format", "sidecar_path", "read_sidecar", "is_sidecar",
           "SIDECAR_SUFFIX", "FORMATS"]

Warn = Callable[[str], None]

# Extension → reader. Anything else is read as plain text (binary is skipped).
FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".json": "json", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet"}
# ``kg fetch`` writes ``<name>.meta.json`` next to each page ``<name>.<ext>``.
SIDECAR_SUFFIX = ".meta.json"


def input_format(path: Path) -> str:
    return FORMATS.get(path.suffix.lower(), "text")


def sidecar_path(page: Path) -> Path:
    return page.with_name(page.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def read_sidecar(page: Path) -> dict[str, Any] | None:
    """The metadata ``kg fetch`` saved for ``page``, or ``None`` if there is none (or it is unreadable)."""
    meta = sidecar_path(page)
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def iter_input_files(paths: Iterable[str | Path] | str | Path, *,
                     warn: Warn | None = None) -> Iterator[Path]:
    """Files as given, folders walked recursively in sorted order.

    Hidden entries and ``kg fetch`` metadata sidecars (``*.meta.json``) are
    skipped inside folders; each directory is entered once (by resolved path)
    so symlink loops end, and a file reached twice is read once. Every path is
    checked before the first file is yielded.
    """
    from . import default_warn

    items = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    for p in items:
        if not p.exists():
            raise InputNotFoundError(str(p))
    seen: set[Path] = set()
    for p in items:
        if p.is_dir():
            yield from _walk(p, seen, warn or default_warn)
        elif p.resolve() not in seen:
            seen.add(p.resolve())
            yield p


def _walk(folder: Path, seen: set[Path], warn: Warn) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as exc:
        warn(f"{InputWarning.code}: skipped folder {folder}: cannot list it ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith(".") or is_sidecar(entry):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen, warn)
        elif entry.is_file() and entry.resolve() not in seen:
            seen.add(entry.resolve())
            yield entry
