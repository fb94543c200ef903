"""User lexicons: the analyst's own actors and merge decisions, one JSON object a line.

An entry names an actor (``{"type": "Country", "name": "Zubrowka", "wikidata": "Q1"}``);
a decision steers entity resolution (``{"same_as": ["Tom Harlan", "Thomas Harlan"]}``,
``{"not_same": ["Maria Lopez", "Mario Lopez"]}``). This module reads and validates
the files (every problem with its file and line); :mod:`kg.extract.user_apply`
merges them into the built-in lexicon. The format is documented in docs/lexicon.md.

>>> entries, decisions, problems = parse_lines('{"type": "Country", "name": "Zubrowka"}\\n{"same_as": ["A", "B"]}', "my.jsonl")
>>> entries[0].id, decisions[0].kind, problems
('country/zubrowka', 'same_as', [])
>>> [str(p) for p in parse_lines('{"type": "Planet", "name": "Mars"}', "my.jsonl")[2]]
['my.jsonl:1: unknown type Planet (use Country, Person, Organization, Vaccine or Position)']
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LexiconEntryError, LexiconNotFoundError
from ..lang.text import fold, nfc, slugify
from ..model import ENTITY_TYPES

COMMON_FIELDS = ("type", "name", "aliases", "names", "id", "wikidata")
EXTRA_FIELDS = {"Person": ("country", "organization", "position"),
                "Organization": ("country", "kind")}
DECISIONS = ("same_as", "not_same")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class UserEntry:
    """One actor of a user lexicon; ``id`` is kg's entity id (``country/zubrowka``)."""

    type: str
    name: str
    id: str
    file: str
    line: int
    aliases: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()      # (lang, name), sorted
    wikidata: str | None = None
    country: str | None = None                   # as written: an id or a name
    organization: str | None = None
    position: str | None = None
    kind: str | None = None

    def all_names(self) -> list[str]:
        """The name, the names by language and the aliases, each once, in that order."""
        return list(dict.fromkeys([self.name, *(n for _, n in self.names), *self.aliases]))


@dataclass(frozen=True)
class Decision:
    kind: str                                    # same_as | not_same
    members: tuple[str, ...]                     # names or entity ids, as written
    file: str
    line: int


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class UserLexicon:
    """Every user lexicon of a build, in order; ``digest`` covers their contents (cache keys)."""

    entries: tuple[UserEntry, ...] = ()
    decisions: tuple[Decision, ...] = ()
    files: tuple[str, ...] = ()
    digest: str = ""


def name_key(name: str) -> tuple[str, ...]:
    """The key two names share when kg takes them for the same: case and diacritics folded."""
    return tuple(fold(name).split())


def is_entity_id(text: str) -> bool:
    """``country/vietnam``, ``person/anton-wilk``: a type and a slug."""
    kind, _, slug = text.partition("/")
    return kind.capitalize() in ENTITY_TYPES and bool(_SLUG.match(slug))


def parse_lines(text: str, file: str) -> tuple[list[UserEntry], list[Decision], list[Problem]]:
    """The entries and decisions of one file's text, and the problems of its lines."""
    entries: list[UserEntry] = []
    decisions: list[Decision] = []
    problems: list[Problem] = []
    for number, line in enumerate(nfc(text).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(file, number, f"not a JSON object ({exc.msg})"))
            continue
        found = _decision(row, file, number) if isinstance(row, dict) and set(row) & set(DECISIONS) \
            else _entry(row, file, number)
        if isinstance(found, str):
            problems.append(Problem(file, number, found))
        elif isinstance(found, Decision):
            decisions.append(found)
        else:
            entries.append(found)
    return entries, decisions, problems


def _decision(row: dict[str, Any], file: str, line: int) -> Decision | str:
    if len(row) != 1:
        return f"a decision has one key, same_as or not_same (found {', '.join(sorted(row))})"
    kind, members = next(iter(row.items()))
    if not isinstance(members, list) or len(members) < 2 or not all(isinstance(m, str) and m.strip() for m in members):
        return f"{kind} needs a list of at least two names or ids"
    if kind == "not_same" and len(members) != 2:
        return "not_same needs exactly two names or ids"
    return Decision(kind, tuple(m.strip() for m in members), file, line)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _entry(row: Any, file: str, line: int) -> UserEntry | str:
    if not isinstance(row, dict):
        return "not a JSON object"
    etype = row.get("type")
    if etype not in ENTITY_TYPES:
        return f"unknown type {etype} (use {', '.join(ENTITY_TYPES[:-1])} or {ENTITY_TYPES[-1]})"
    allowed = COMMON_FIELDS + EXTRA_FIELDS.get(etype, ())
    unknown = sorted(set(row) - set(allowed))
    if unknown:
        return f"unknown field {', '.join(unknown)} for a {etype} (fields: {', '.join(allowed)})"
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        return "name must be a non-empty string"
    if "aliases" in row and not _strings(row["aliases"]):
        return "aliases must be a list of non-empty strings"
    names = row.get("names", {})
    if not isinstance(names, dict) or not all(k in ("vi", "en") and isinstance(v, str) and v.strip()
                                              for k, v in names.items()):
        return 'names must be an object like {"vi": "...", "en": "..."}'
    wikidata = row.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _QID.match(wikidata)):
        return f"wikidata must be a Wikidata QID like Q881 (found {wikidata!r})"
    slug = row.get("id", slugify(name))
    if not isinstance(slug, str):
        return "id must be a string"
    slug = slug.split("/", 1)[1] if slug.lower().startswith(etype.lower() + "/") else slug
    if not _SLUG.match(slug):
        return f"id {slug!r} must be a slug: lower-case letters and digits joined by '-'"
    refs = {key: row.get(key) for key in EXTRA_FIELDS.get(etype, ())}
    bad = sorted(k for k, v in refs.items() if v is not None and not (isinstance(v, str) and v.strip()))
    if bad:
        return f"{', '.join(bad)} must be a non-empty string"
    return UserEntry(etype, name.strip(), f"{etype.lower()}/{slug}", file, line,
                     tuple(dict.fromkeys(a.strip() for a in row.get("aliases", []))),
                     tuple(sorted((k, v.strip()) for k, v in names.items())), wikidata, **refs)


# ------------------------------------------------------------------ files
def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconNotFoundError(f"{path} ({getattr(exc, 'strerror', None) or exc})") from exc


def parse_files(paths: list[Path]) -> tuple[UserLexicon, list[Problem]]:
    """Every file's entries and decisions in order, and the problems of their lines (no lexicon checks)."""
    entries: list[UserEntry] = []
    decisions: list[Decision] = []
    problems: list[Problem] = []
    digest = hashlib.sha256(b"kg-user-lexicon-1")
    for path in paths:
        text = read_text(path)
        digest.update(f"\0{path}\0{len(text)}\0".encode("utf-8", "surrogateescape") + text.encode("utf-8"))
        e, d, p = parse_lines(text, str(path))
        entries += e
        decisions += d
        problems += p
    user = UserLexicon(tuple(entries), tuple(decisions), tuple(str(p) for p in paths),
                       digest.hexdigest() if paths else "")
    return user, problems


def read_user_lexicon(paths: list[Path]) -> UserLexicon | None:
    """The user lexicons of a build, or None when there are none.

    Raises :class:`~kg.errors.LexiconNotFoundError` (E081) for a file that cannot be read,
    :class:`~kg.errors.LexiconEntryError` (E080) naming the file and line of the first bad line.
    """
    if not paths:
        return None
    user, problems = parse_files(paths)
    if problems:
        raise LexiconEntryError(str(problems[0]))
    return user


__all__ = ["COMMON_FIELDS", "DECISIONS", "Decision", "EXTRA_FIELDS", "Problem", "UserEntry", "UserLexicon",
           "is_entity_id", "name_key", "parse_files", "parse_lines", "read_user_lexicon"]
