"""Language profiles: every word list of a language, in ``kg/resources/profiles/LANG.json``.

A profile holds the words the rules read (prepositions by role, determiners,
cues, head nouns, number scales and units, month names...); ``xx.json`` holds
what every language shares and a note on each key. The languages kg reads are
the profiles found there.

>>> profile("vi")["genitive"], profile("en")["name_particles"][:2]
(['của'], ['de', 'da'])
>>> "vi" in LANGS and "en" in LANGS
True
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ResourceError
from .text import nfc

_FOLDER = "profiles"
LANGS = tuple(sorted(p.name[:-5] for p in resources.files("kg.resources").joinpath(_FOLDER).iterdir()
                     if p.name.endswith(".json") and p.name != "xx.json"))


def _read(name: str) -> dict[str, Any]:
    try:
        text = resources.files("kg.resources").joinpath(_FOLDER).joinpath(name).read_text(encoding="utf-8")
        return json.loads(nfc(text))
    except FileNotFoundError as exc:
        raise ResourceError(f"{_FOLDER}/{name} is missing") from exc
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{_FOLDER}/{name}: {exc}") from exc


@lru_cache(maxsize=1)
def load_profiles() -> dict[str, dict[str, Any]]:
    """``LANG.json`` over ``xx.json`` for every language, and ``xx`` itself."""
    shared = {k: v for k, v in _read("xx.json").items() if k not in ("lang", "notes")}
    out = {"xx": dict(shared, lang="xx")}
    for lang in LANGS:
        own = _read(f"{lang}.json")
        if own.get("lang") != lang:
            raise ResourceError(f"{_FOLDER}/{lang}.json: 'lang' must be {lang!r}")
        out[lang] = {**shared, **own}
    return out


def profile(lang: str) -> dict[str, Any]:
    """The profile of ``lang`` (that of ``xx`` for a language kg has none for)."""
    profiles = load_profiles()
    return profiles.get(lang) or profiles["xx"]


def across(key: str) -> list[Any]:
    """A word list of every language together, for text whose language does not matter
    ("1 triệu liều" and "1 million doses" in either)."""
    out: list[Any] = []
    for lang in LANGS:
        out += [w for w in profile(lang).get(key, []) if w not in out]
    return out


def table(key: str) -> dict[str, Any]:
    """A word table (word -> value) of every language together."""
    out: dict[str, Any] = {}
    for lang in LANGS:
        out.update(profile(lang).get(key, {}))
    return out
