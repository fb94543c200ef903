"""The output folder of a build: whether files can be made there, and what kg itself puts there.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> check_writable(out / "new")
>>> sorted(p.name for p in own_outputs(out))[:3]
['.kg-switch.json', 'assertions.jsonl', 'graph.graphml']
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError

__all__ = ["check_writable", "own_outputs"]


def check_writable(out: Path) -> None:
    """Raise :class:`~kg.errors.OutputError` (E007) unless files can be created in ``out`` (made if missing).

    A build checks this first, not after minutes of extraction.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out, prefix=".kg-write-test-"):
            pass
    except OSError as exc:
        raise OutputError(f"{out}: {exc.strerror or exc}; choose another folder with -o") from exc


def own_outputs(out: Path, extra: Iterable[Path] = ()) -> set[Path]:
    """Resolved paths of what a build writes into ``out``: every output kg can write, the switch
    journal, staging folders, and ``extra`` (the build cache).

    When ``out`` lies inside an input folder (``kg build news -o news``) the
    reader leaves these out, so a build never reads the last one's outputs.
    """
    from . import DEFAULT_OUTPUTS, EXTRA_OUTPUTS, STAGING_PREFIX
    from .atomic import SWITCH_JOURNAL

    own = {(out / name).resolve() for name in [*DEFAULT_OUTPUTS, *EXTRA_OUTPUTS, SWITCH_JOURNAL]}
    if out.is_dir():
        own |= {p.resolve() for p in out.glob(f"{STAGING_PREFIX}*")}
    return own | {Path(p).resolve() for p in extra}
