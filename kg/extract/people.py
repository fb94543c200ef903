"""The corpus-wide index of people: one person is one entity whatever the spelling.

:class:`PersonIndex` folds diacritics ("Bui Thanh Son" = "Bùi Thanh Sơn") and merges
near-identical first names with the same family name ("Sergey"/"Sergei Lavrov"),
unless a user lexicon keeps them apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .lexicon import Lexicon
from ..model import Entity
from ..lang.text import fold, slugify


@dataclass
class Person:
    id: str
    names: set[str] = field(default_factory=set)
    tokens: tuple[str, ...] = ()
    vietnamese: bool = False
    positions: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)      # titles as written before the name
    country: str | None = None
    org: str | None = None


def _similar(a: str, b: str) -> bool:
    return a == b or (a[:1] == b[:1] and SequenceMatcher(None, a, b).ratio() >= 0.72)


class PersonIndex:
    """Corpus-wide registry of people, so one person is one node across articles.

    :meth:`steer` gives it the user's people and merge decisions: names the user
    made one (``canonical``) are looked up as the first of them, and pairs the user
    keeps apart (``apart``) are never merged as near-identical spellings.
    """

    def __init__(self, surnames: set[str]) -> None:
        self.people: dict[str, Person] = {}
        self.surnames = surnames
        self.canonical: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}   # tokens -> (tokens, name)
        self.apart: set[frozenset[tuple[str, ...]]] = set()

    def _is_vn(self, toks: tuple[str, ...]) -> bool:
        return len(toks) >= 2 and toks[0] in self.surnames and len(toks) <= 4

    def _key(self, name: str) -> tuple[str, ...]:
        toks = tuple(fold(name).split())
        return self.canonical.get(toks, (toks, name))[0]

    def _kept_apart(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return bool(self.apart) and frozenset((a, b)) in self.apart

    def find(self, name: str) -> Person | None:
        toks = self._key(name)
        for p in self.people.values():
            if p.tokens == toks:
                return p
        if len(toks) >= 2 and not self._is_vn(toks):
            for p in self.people.values():
                if not p.vietnamese and len(p.tokens) >= 2 and p.tokens[-1] == toks[-1] \
                        and _similar(p.tokens[0], toks[0]) and not self._kept_apart(toks, p.tokens):
                    return p
        return None

    def add(self, name: str) -> Person:
        person = self.find(name)
        if person is None:
            toks, main = self.canonical.get(tuple(fold(name).split()), (None, name))
            toks = toks or tuple(fold(name).split())
            person = Person("person/" + slugify(main), tokens=toks, vietnamese=self._is_vn(toks))
            self.people[person.id] = person
        person.names.add(name)
        return person

    def steer(self, lex: Lexicon) -> None:
        """Start with the user lexicons' people and merge decisions (:mod:`kg.extract.user_apply`)."""
        for seed in lex.user_people:
            main = tuple(fold(seed.names[0]).split())
            for name in seed.names[1:]:
                self.canonical.setdefault(tuple(fold(name).split()), (main, seed.names[0]))
            self._seed(Person(seed.id, {seed.names[0]}, main, self._is_vn(main), set(seed.positions),
                              country=seed.country, org=seed.org))
        names = {p.id: sorted(p.names)[0] for p in self.people.values()}     # a seeded id stands for its name
        for group in lex.same_as:
            written = [names.get(m, m) for m in group if "/" not in m or m in names]
            if len(written) < 2:
                continue
            main = self.canonical.get(tuple(fold(written[0]).split()), (self._key(written[0]), written[0]))
            for other in written[1:]:
                if tuple(fold(other).split()) != main[0]:
                    self.canonical.setdefault(tuple(fold(other).split()), main)
        for a, b in lex.not_same:
            self.apart.add(frozenset((self._key(names.get(a, a)), self._key(names.get(b, b)))))

    def _seed(self, person: Person) -> None:
        self.people[person.id] = person

    def entity(self, pid: str) -> Entity:
        p = self.people[pid]
        # Prefer the spelling with diacritics, then the longest: "Bùi Thanh Sơn" over "Bui Thanh Son".
        label = max(p.names, key=lambda n: (n != fold(n) and n.lower() != fold(n), len(n.split()), n))
        return Entity(pid, "Person", label, {"vi" if p.vietnamese else "en": label}, set(p.names), source="text")
