"""User lexicons merged into the built-in one, and the checks of ``kg lexicon check``.

A user entry is added the way a built-in one is (so its names are matched with
and without diacritics, and a vaccine's with every spelling of "vắc xin"); where
a name of the user's entry was the built-in name of another entity of the same
type, the user's entry takes it. People of a user lexicon seed the corpus-wide
person index (:meth:`kg.extract.people.PersonIndex.steer`) with their id, country,
organisation and office. Merge decisions act twice: in the person index (a
``same_as`` name finds the same person, a ``not_same`` pair is never merged as a
near-identical spelling) and on the finished corpus (:func:`merged_ids`: every id
of a ``same_as`` group becomes the first one's, in every article).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable

from ..errors import LexiconConflictError, LexiconEntryError
from ..lang.patterns import PhraseIndex
from ..lang.tokens import phrase_key
from ..model import Assertion, Entity
from .lexicon import Lexicon, _add_entity, build_lexicon, load_lexicon
from .user_lexicon import Problem, UserEntry, UserLexicon, is_entity_id, name_key

_ORDER = ("Country", "Organization", "Vaccine", "Position", "Person")    # people name the others


@dataclass(frozen=True)
class PersonSeed:
    """A person the person index knows before any article."""

    id: str
    names: tuple[str, ...]
    country: str | None = None
    org: str | None = None
    positions: tuple[str, ...] = ()


def lexicon_with(user: UserLexicon | None) -> Lexicon:
    """The built-in lexicon, extended with ``user`` if given.

    Raises :class:`~kg.errors.LexiconEntryError` (E080) for an entry that names a
    country, organisation or office kg does not know, :class:`~kg.errors.LexiconConflictError`
    (E082) for contradicting merge decisions.
    """
    return load_lexicon() if user is None or not (user.entries or user.decisions) else _extended(user)


@lru_cache(maxsize=4)
def _extended(user: UserLexicon) -> Lexicon:
    lex = build_lexicon()
    problems = apply_entries(lex, user)
    if problems:
        raise LexiconEntryError(str(problems[0]))
    conflicts = contradictions(user, lex)
    if conflicts:
        raise LexiconConflictError(str(conflicts[0]))
    return lex


def _table(lex: Lexicon, etype: str) -> PhraseIndex:
    return lex.positions if etype == "Position" else lex.names


def known_ids(lex: Lexicon, name: str, etype: str) -> list[str]:
    """The ids of ``etype`` that ``name`` (an id, a slug or a name) stands for in ``lex``."""
    if is_entity_id(name) and name in lex.entities:
        return [name]
    slug = f"{etype.lower()}/{name}"
    if slug in lex.entities:
        return [slug]
    found = [payload.get("id") for payload, _, _ in _table(lex, etype).entries(phrase_key(name))
             if payload.get("type", "Position") == etype and payload.get("id")]
    return list(dict.fromkeys(found))


def apply_entries(lex: Lexicon, user: UserLexicon) -> list[Problem]:
    """Add ``user``'s entries and decisions to ``lex``; the problems of entries that cannot be added."""
    problems: list[Problem] = []
    for entry in sorted(user.entries, key=lambda e: _ORDER.index(e.type)):
        refs: dict[str, str | None] = {}
        for field, etype in (("country", "Country"), ("organization", "Organization"), ("position", "Position")):
            written = getattr(entry, field)
            found = known_ids(lex, written, etype) if written else [None]
            if not found:
                problems.append(Problem(entry.file, entry.line, f"{field} {written!r}: no {etype} of that "
                                        "id or name, built in or in the lexicon"))
            refs[field] = found[0] if found else None
        if entry.type == "Person":
            _add_person(lex, entry, refs)
        else:
            _add_named(lex, entry, refs)
        lex.user_files[entry.id] = entry.file
    lex.same_as = [d.members for d in user.decisions if d.kind == "same_as"]
    lex.not_same = [(d.members[0], d.members[1]) for d in user.decisions if d.kind == "not_same"]
    lex.digest = user.digest
    return sorted(problems, key=lambda p: (user.files.index(p.file), p.line))


def _take_names(table: PhraseIndex, entry: UserEntry) -> None:
    """The user's entry wins: other entities of its type lose the names it gives."""
    for name in entry.all_names():
        table.discard(name, lambda p: p.get("type", "Position") == entry.type and p.get("id") not in (None, entry.id))


def _mark(ent: Entity, entry: UserEntry, old: Entity | None) -> None:
    if old is not None:
        ent.aliases |= old.aliases
        ent.wikidata = ent.wikidata or old.wikidata
    ent.source, ent.lexicon_file = "user-lexicon", entry.file


def _add_named(lex: Lexicon, entry: UserEntry, refs: dict[str, str | None]) -> None:
    """A country, organisation, vaccine or office, added as a built-in one is."""
    labels = dict(entry.names)
    old = lex.entities.get(entry.id)
    _take_names(_table(lex, entry.type), entry)
    if entry.type == "Position":
        en, vi = labels.get("en") or entry.name, labels.get("vi") or entry.name
        payload = next((p for n in (old.aliases if old else ()) for p, _, _ in lex.positions.entries(phrase_key(n))
                        if p.get("id") == entry.id), {"id": entry.id, "rank": "", "kind": ""})
        lex.position_labels[entry.id] = {"en": en, "vi": vi}
        lex.entities[entry.id] = Entity(entry.id, "Position", en, {"en": en, "vi": vi}, set(entry.all_names()),
                                        entry.wikidata)
        for name in entry.all_names():
            lex.positions.add(name, payload, case_sensitive=len(name) <= 3)
    else:
        row = {"id": entry.id.split("/", 1)[1], "en": labels.get("en") or entry.name,
               "vi": labels.get("vi") or entry.name, "aliases_en": list(entry.all_names()), "wikidata": entry.wikidata}
        _add_entity(lex, row, entry.type)
    _mark(lex.entities[entry.id], entry, old)
    if entry.type == "Organization":
        if refs["country"]:
            lex.org_country[entry.id] = refs["country"]
        lex.org_kind[entry.id] = entry.kind or lex.org_kind.get(entry.id, "")


def _add_person(lex: Lexicon, entry: UserEntry, refs: dict[str, str | None]) -> None:
    labels = dict(entry.names) or {"en": entry.name}
    names = entry.all_names()
    _take_names(lex.names, entry)
    lex.entities[entry.id] = Entity(entry.id, "Person", entry.name, labels, set(names), entry.wikidata)
    _mark(lex.entities[entry.id], entry, None)
    for name in names:
        lex.names.add(name, {"id": entry.id, "type": "Person", "form": "name", "ambiguous": False, "name": entry.name})
    lex.user_people.append(PersonSeed(entry.id, tuple(names), refs["country"], refs["organization"],
                                      (refs["position"],) if refs["position"] else ()))


# ------------------------------------------------------------------ checks
def collisions(user: UserLexicon, builtin: Lexicon) -> list[Problem]:
    """Names an entry shares with another entity of its type: in the user's files, or built in."""
    problems: list[Problem] = []
    seen: dict[tuple[str, tuple[str, ...]], UserEntry] = {}
    for entry in user.entries:
        for name in entry.all_names():
            key = (entry.type, name_key(name))
            other = seen.setdefault(key, entry)
            if other.id != entry.id:
                problems.append(Problem(entry.file, entry.line, f"name {name!r} is also the name of {other.id} "
                                        f"({other.file}:{other.line})"))
            if entry.type == "Person":
                continue
            for eid in known_ids(builtin, name, entry.type):
                if eid != entry.id and not is_entity_id(name):
                    problems.append(Problem(entry.file, entry.line, f"name {name!r} is a built-in name of {eid}; "
                                            "this entry takes it"))
    return problems


def contradictions(user: UserLexicon, lex: Lexicon) -> list[Problem]:
    """``not_same`` pairs that a chain of ``same_as`` (through the entries' names and ids) joins."""
    parent: dict[object, object] = {}

    def node(member: str) -> object:
        if is_entity_id(member):
            return member
        ids = [e.id for e in user.entries if name_key(member) in map(name_key, e.all_names())]
        return ids[0] if ids else name_key(member)

    def find(x: object) -> object:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for d in user.decisions:
        if d.kind == "same_as":
            for member in d.members[1:]:
                parent[find(node(member))] = find(node(d.members[0]))
    problems = []
    for d in user.decisions:
        if d.kind == "not_same" and find(node(d.members[0])) == find(node(d.members[1])):
            lines = [f"{s.file}:{s.line}" for s in user.decisions if s.kind == "same_as"
                     and find(node(s.members[0])) == find(node(d.members[0]))]
            why = f"same_as at {', '.join(lines)}" if lines else "kg cannot tell names apart that differ only in case or marks"
            problems.append(Problem(d.file, d.line, f"not_same {d.members[0]!r} / {d.members[1]!r} contradicts {why}"))
    return problems


# ------------------------------------------------------------- the corpus
def merged_ids(groups: Iterable[tuple[str, ...]], resolve: Callable[[str], str | None]) -> dict[str, str]:
    """id -> the id it becomes: each ``same_as`` group's ids become its first member's (same type only)."""
    out: dict[str, str] = {}
    for group in groups:
        ids = [i for i in dict.fromkeys(resolve(m) for m in group) if i]
        if len(ids) < 2:
            continue
        main = out.get(ids[0], ids[0])
        for other in ids[1:]:
            if other != main and other.split("/")[0] == main.split("/")[0]:
                out[other] = main
    return {k: v for k, v in out.items() if k != v}


def merge_assertions(assertions: list[Assertion], ids: dict[str, str]) -> list[Assertion]:
    """The assertions with merged ids; a statement that merging turns into one about itself goes."""
    out = []
    for a in assertions:
        s, o = ids.get(a.subject, a.subject), ids.get(a.object, a.object)
        if (s, o) == (a.subject, a.object):
            out.append(a)
        elif s != o:
            out.append(replace(a, subject=s, object=o))
    return out


def merge_entities(entities: dict[str, Entity], ids: dict[str, str], lookup: Callable[[str], Entity | None]) -> None:
    """The kept entity of each merge takes the names of those merged into it."""
    for old, new in sorted(ids.items()):
        gone, kept = lookup(old), entities.get(new)
        if gone is not None and kept is not None:
            entities[new] = replace(kept, aliases=kept.aliases | gone.aliases | {gone.label})


__all__ = ["PersonSeed", "apply_entries", "collisions", "contradictions", "known_ids", "lexicon_with",
           "merge_assertions", "merge_entities", "merged_ids"]
