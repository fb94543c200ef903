"""The library behind ``kg lexicon``: check user lexicons, export the built-in one in their format.

>>> rows = export_entries("Country")
>>> rows[0]["type"], rows[0]["id"], sorted(rows[0])
('Country', 'afghanistan', ['aliases', 'id', 'name', 'names', 'type'])
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import LexiconTypeError
from ..model import ENTITY_TYPES
from .lexicon import _read, build_lexicon, load_lexicon
from .user_apply import apply_entries, collisions, contradictions
from .user_lexicon import Problem, parse_files

_FILES = {"Country": "countries.json", "Organization": "organizations.json", "Vaccine": "vaccines.json",
          "Position": "positions.json"}


def check_files(paths: list[Path]) -> list[Problem]:
    """Every problem of the files, in file and line order: bad lines, unknown references,
    names shared with another entity of the same type, ``not_same`` pairs a ``same_as`` chain joins.

    Raises :class:`~kg.errors.LexiconNotFoundError` (E081) for a file that cannot be read.
    """
    user, problems = parse_files(paths)
    lex = build_lexicon()
    problems += apply_entries(lex, user)
    problems += collisions(user, load_lexicon())
    problems += contradictions(user, lex)
    order = {str(p): n for n, p in enumerate(paths)}
    return sorted(dict.fromkeys(problems), key=lambda p: (order.get(p.file, 0), p.line, p.message))


def _row(etype: str, raw: dict[str, Any]) -> dict[str, Any]:
    name = raw.get("en") or raw["vi"]
    names = {k: raw[k] for k in ("vi", "en") if raw.get(k)}
    aliases = [a for a in dict.fromkeys([*raw.get("aliases_en", []), *raw.get("aliases_vi", [])])
               if a not in names.values()]
    row: dict[str, Any] = {"type": etype, "name": name, "id": raw["id"], "names": names}
    if aliases:
        row["aliases"] = aliases
    if raw.get("wikidata"):
        row["wikidata"] = raw["wikidata"]
    if etype == "Organization":
        row.update({k: raw[k] for k in ("country", "kind") if raw.get(k)})
    return row


def export_entries(etype: str | None = None) -> list[dict[str, Any]]:
    """The built-in lexicon's entries in the user format, by type then in file order.

    Raises :class:`~kg.errors.LexiconTypeError` (E084) for an unknown type (People have no built-in entries).
    """
    if etype is not None and etype not in ENTITY_TYPES:
        wanted = {t.lower(): t for t in ENTITY_TYPES}.get(etype.lower())
        if wanted is None:
            raise LexiconTypeError(etype)
        etype = wanted
    types = [etype] if etype else list(_FILES)
    return [_row(t, raw) for t in types if t in _FILES for raw in _read(_FILES[t])]


__all__ = ["check_files", "export_entries"]
