"""Person tracking for incremental builds: record what an article did to the
corpus-wide person index, and replay it.

An article's assertions depend on its own text and on the people the corpus
named before it: :class:`~kg.extract.people.PersonIndex` is corpus-wide, so "Sergei
Lavrov" in article 9 gets the id, the country and the titles that article 2
gave him. A cached article can therefore be reused only together with a
:class:`ResolutionRecord`: which names it looked up in the index, what those
people looked like before the article, and what they looked like after it. A
later build replays the record only if the index answers those look-ups the
same way and the people are in the same state (it then sets them to their
recorded after-state); otherwise the article is extracted again. This is
memoisation with read-set validation: the replayed build is identical to a
full one.

A person's state is *every* field of :class:`~kg.extract.people.Person`, compared and
restored as a whole: a field added to ``Person`` later is covered without
touching this module. (Recording hand-picked fields once left ``titles`` out,
so an article re-extracted after replayed ones read people without the titles
a full build had given them.)

>>> index = TrackedPersonIndex(set())
>>> index.begin_article()
>>> index.add("Sergey Lavrov").positions.add("position/foreign-minister")
>>> record = index.end_article()
>>> record.created, record.lookups
(['person/sergey-lavrov'], {'Sergey Lavrov': None})
>>> fresh = TrackedPersonIndex(set())
>>> fresh.replay(record)
True
>>> fresh.find("Sergei Lavrov").positions
{'position/foreign-minister'}
"""
from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field, fields

from ..extract.people import Person, PersonIndex, _similar
from ..extract import Extractor
from ..extract.lexicon import Lexicon

PERSON_FIELDS = tuple(f.name for f in fields(Person))


def _copy(person: Person) -> Person:
    """A detached copy of a person: the record must not follow later changes."""
    return copy.deepcopy(person)


def _assign(target: Person, state: Person) -> None:
    """Set every field of ``target`` to ``state``'s (copies, not shared sets)."""
    for name in PERSON_FIELDS:
        setattr(target, name, copy.deepcopy(getattr(state, name)))


@dataclass
class ResolutionRecord:
    """What one article read from, and wrote to, the corpus-wide person index."""

    lookups: dict[str, str | None] = field(default_factory=dict)  # name -> person found before the article
    before: dict[str, Person] = field(default_factory=dict)       # person found -> its state before the article
    created: list[str] = field(default_factory=list)              # ids of the people it created, in order
    after: dict[str, Person] = field(default_factory=dict)        # every person it touched -> state after it
    entities: list[tuple[str, str]] = field(default_factory=list)  # Extractor.new_entity calls, in order
    replayable: bool = True

    def consistent(self) -> bool:
        """The record is well formed (a damaged or edited cache entry may not be)."""
        touched = [*self.before, *self.created]
        return (len(set(touched)) == len(touched) and set(self.after) == set(touched)
                and all(p.id == pid for pid, p in [*self.before.items(), *self.after.items()])
                and all(self.after[pid].tokens == p.tokens for pid, p in self.before.items())
                and all(pid is None or pid in self.before for pid in self.lookups.values()))


class TrackedPersonIndex(PersonIndex):
    """A :class:`PersonIndex` with hash look-ups and a record of each article's reads and writes.

    ``PersonIndex.find`` scans every person; here exact names are a dict
    look-up and near-identical first names are only compared within the
    same family name, so resolution costs the same for the 10th article and
    the 100,000th. The answer is the same as the scan's: the first match in
    insertion order.
    """

    def __init__(self, surnames: set[str]) -> None:
        super().__init__(surnames)
        self._by_tokens: dict[tuple[str, ...], Person] = {}
        self._by_last: dict[str, list[tuple[int, Person]]] = {}     # fuzzy candidates, by insertion rank
        self._rank: dict[str, int] = {}
        self._mark: int | None = None          # rank of the first person created by the current article
        self._record: ResolutionRecord | None = None

    # --- look-ups -------------------------------------------------------
    def find(self, name: str) -> Person | None:
        return self._find(self._key(name), None)

    def _seed(self, person: Person) -> None:
        super()._seed(person)
        self._index(person)

    def _find(self, toks: tuple[str, ...], below: int | None) -> Person | None:
        """First match in insertion order, among people ranked below ``below`` if given."""
        p = self._by_tokens.get(toks)
        if p is not None and (below is None or self._rank[p.id] < below):
            return p
        if len(toks) >= 2 and not self._is_vn(toks):
            for rank, q in self._by_last.get(toks[-1], ()):
                if below is not None and rank >= below:
                    break
                if _similar(q.tokens[0], toks[0]) and not self._kept_apart(toks, q.tokens):
                    return q
        return None

    def _index(self, person: Person) -> None:
        old = self._by_tokens.get(person.tokens)
        rank = self._rank.get(person.id)
        if rank is None:
            rank = self._rank[person.id] = len(self._rank)
        else:                                   # same id, new object: a slug collision replaced it
            self._unindex(person.id)
            if self._record is not None:
                self._record.replayable = False
        if old is None or self._rank[old.id] > rank:
            self._by_tokens[person.tokens] = person
        if not person.vietnamese and len(person.tokens) >= 2:
            bisect.insort(self._by_last.setdefault(person.tokens[-1], []), (rank, person), key=lambda e: e[0])

    def _unindex(self, pid: str) -> None:
        for key, p in list(self._by_tokens.items()):
            if p.id == pid:
                del self._by_tokens[key]
        for bucket in self._by_last.values():
            bucket[:] = [e for e in bucket if e[1].id != pid]

    def add(self, name: str) -> Person:
        rec = self._record
        if rec is not None and name not in rec.lookups:
            pre = self._find(self._key(name), self._mark)
            rec.lookups[name] = pre.id if pre else None
            if pre is not None and pre.id not in rec.before:
                rec.before[pre.id] = _copy(pre)     # first touch: nothing of this article changed it yet
        person = super().add(name)
        if self._by_tokens.get(person.tokens) is not person:     # created just now
            self._index(person)
            if rec is not None:
                rec.created.append(person.id)
        return person

    # --- recording and replay -------------------------------------------
    def begin_article(self) -> None:
        self._mark = len(self._rank)
        self._record = ResolutionRecord()

    def note_entity(self, etype: str, label: str) -> None:
        if self._record is not None:
            self._record.entities.append((etype, label))

    def end_article(self) -> ResolutionRecord:
        rec, self._record, self._mark = self._record, None, None
        if rec is None:
            raise RuntimeError("end_article() without begin_article()")
        for pid in [*rec.before, *rec.created]:
            rec.after[pid] = _copy(self.people[pid])
        return rec

    def replay(self, rec: ResolutionRecord) -> bool:
        """Apply an article's recorded effects if the index still answers its
        look-ups the same way and holds the same people; return False (and
        change nothing) otherwise."""
        if not rec.replayable or not rec.consistent():
            return False
        for name, pid in rec.lookups.items():
            found = self.find(name)
            if (found.id if found else None) != pid:
                return False
        if any(self.people.get(pid) != state for pid, state in rec.before.items()):
            return False
        if any(pid in self.people for pid in rec.created):
            return False
        for pid in rec.created:
            person = _copy(rec.after[pid])
            self.people[pid] = person
            self._index(person)
        for pid in rec.before:
            _assign(self.people[pid], rec.after[pid])
        return True


class TrackedExtractor(Extractor):
    """An :class:`~kg.extract.Extractor` whose corpus-wide state can be recorded and replayed."""

    people: TrackedPersonIndex

    def __init__(self, lex: Lexicon | None = None) -> None:
        super().__init__(lex)
        self.people = TrackedPersonIndex(self.lex.surnames)
        self.people.steer(self.lex)

    def new_entity(self, etype: str, label: str) -> str:
        self.people.note_entity(etype, label)
        return super().new_entity(etype, label)

    def replay(self, record: ResolutionRecord) -> bool:
        """Apply an article's recorded effects on the corpus state; False if they no longer hold."""
        if not self.people.replay(record):
            return False
        for etype, label in record.entities:
            super().new_entity(etype, label)
        return True


__all__ = ["PERSON_FIELDS", "ResolutionRecord", "TrackedExtractor", "TrackedPersonIndex"]
