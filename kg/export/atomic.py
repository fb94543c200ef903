"""Crash-safe file writing: a reader sees the old file or the new one, never half.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(p) as fh:
...     _ = fh.write("new")
>>> p.read_text()
'new'
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import OutputError


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, mode: str = "w",
                 encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success fsync it and
    ``os.replace`` it onto ``path``; on any exception delete it and re-raise,
    leaving an existing ``path`` untouched.

    The temp file lives in the same directory because ``os.replace`` is only
    atomic within one file system.
    """
    if "w" not in mode or "+" in mode or "a" in mode:
        raise ValueError(f"atomic_write needs a plain write mode ('w' or 'wb'), not {mode!r}")
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{target}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _keep_mode(target: Path, tmp: Path) -> None:
    # mkstemp creates files 0600; give the result the permissions a plain
    # open() would have had (or the old file's), not a surprising private file.
    try:
        perms = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        perms = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, perms)
