"""Which user lexicons a build uses: ``--lexicon``, a ``kg.toml`` beside the inputs, ``KG_LEXICON``.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "kg.toml").write_text('lexicon = ["actors.jsonl"]\\n', encoding="utf-8")
>>> [p.name for p in lexicon_paths([d / "a.txt"], [], environ={})]
['actors.jsonl']
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import LexiconConfigError

if TYPE_CHECKING:
    from ..extract.user_lexicon import UserLexicon

CONFIG = "kg.toml"
ENV = "KG_LEXICON"


def _toml(text: str) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:             # Python 3.10: only the one key kg reads
        found = re.search(r"^\s*lexicon\s*=\s*\[(.*?)\]", text, re.S | re.M)
        if found is None:
            return {}
        pairs = re.findall(r'"([^"]*)"|\'([^\']*)\'', found.group(1))
        return {"lexicon": [a or b for a, b in pairs]}
    return tomllib.loads(text)


def config_lexicons(config: Path) -> list[Path]:
    """The ``lexicon`` list of a ``kg.toml``, relative to its folder. Raises E083 when unreadable."""
    try:
        data = _toml(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LexiconConfigError(f"{config}: {exc}") from exc
    names = data.get("lexicon", [])
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise LexiconConfigError(f"{config}: lexicon must be a list of paths, e.g. lexicon = [\"actors.jsonl\"]")
    return [config.parent / n for n in names]


def lexicon_paths(inputs: Iterable[str | os.PathLike[str]], given: Iterable[str | os.PathLike[str]] = (), *,
                  environ: Mapping[str, str] | None = None) -> list[Path]:
    """The user lexicons of a build, each once, in this order: ``given`` (``--lexicon``), then
    those of a ``kg.toml`` in the folder of each input (an input folder's own, or a file's
    folder), then those of ``KG_LEXICON`` (paths joined by ``os.pathsep``)."""
    env = os.environ if environ is None else environ
    paths = [Path(p) for p in given]
    for config in config_files(inputs):
        paths += config_lexicons(config)
    paths += [Path(p) for p in env.get(ENV, "").split(os.pathsep) if p.strip()]
    return list(dict.fromkeys(paths))


def config_files(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The ``kg.toml`` files beside the inputs (in an input folder, or a file's folder), each once."""
    found: dict[Path, Path] = {}
    for item in map(Path, inputs):
        config = (item if item.is_dir() else item.parent) / CONFIG
        if config.is_file():
            found.setdefault(config.resolve(), config)
    return list(found.values())


def user_lexicons(inputs: Iterable[str | Path], given: Iterable[str | Path] = (),
                  warn: Callable[[str], None] | None = None) -> UserLexicon | None:
    """The user lexicons of a build (``given``, a ``kg.toml`` beside the inputs, ``KG_LEXICON``),
    read and checked; None when there are none. A name taken from a built-in entity is a W080."""
    from ..errors import LexiconOverrideWarning
    from ..extract.lexicon import load_lexicon
    from ..extract.user_apply import collisions
    from ..extract.user_lexicon import read_user_lexicon

    user = read_user_lexicon(lexicon_paths(inputs, given))
    if user is not None and warn is not None:
        for problem in collisions(user, load_lexicon()):
            if "built-in" in problem.message:
                warn(f"{LexiconOverrideWarning.code}: {problem}")
    return user


__all__ = ["CONFIG", "ENV", "config_files", "config_lexicons", "lexicon_paths", "user_lexicons"]
