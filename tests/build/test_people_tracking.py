"""Person tracking: the indexed person index answers like the plain one; replay is exact,
field by field; a record that no longer holds (or is not well formed) is refused."""
from __future__ import annotations

import copy
from dataclasses import fields

import pytest

from kg.extract.people import Person, PersonIndex
from kg.extract.lexicon import load_lexicon
from kg.build.people_tracking import PERSON_FIELDS, ResolutionRecord, TrackedPersonIndex

NAMES = ["Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Bùi Thanh Sơn", "Bui Thanh Son", "Nguyễn Văn An",
         "Nguyen Van An", "Anna Petrova", "Anne Petrova", "Ana Petrova", "Olga Petrova", "Dmitry Chernyshenko",
         "Dmitri Chernyshenko", "Chernyshenko", "Trần Thị Lan", "Tran Thi Lan", "Antony Blinken",
         "Anthony Blinken", "Sơn", "Jean Moreau", "Joan Moreau", "Hiroshi Tanaka", "Hiro Tanaka"]


@pytest.mark.parametrize("order", [NAMES, NAMES[::-1], NAMES[1::2] + NAMES[::2]])
def test_indexed_find_answers_like_the_linear_scan(order):
    surnames = load_lexicon().surnames
    plain, indexed = PersonIndex(surnames), TrackedPersonIndex(surnames)
    for name in order:
        assert indexed.add(name).id == plain.add(name).id, name
        for query in NAMES:
            a, b = plain.find(query), indexed.find(query)
            assert (a.id if a else None) == (b.id if b else None), query


def _record(index: TrackedPersonIndex, names: list[str], country: str | None = None) -> ResolutionRecord:
    index.begin_article()
    for name in names:
        person = index.add(name)
        if country and not person.country:
            person.country = country
    return index.end_article()


def test_replay_applies_what_the_article_did():
    live = TrackedPersonIndex(set())
    _record(live, ["Sergey Lavrov"], "country/russia")
    rec = _record(live, ["Sergei Lavrov", "Anna Petrova"], "country/france")
    replayed = TrackedPersonIndex(set())
    _record(replayed, ["Sergey Lavrov"], "country/russia")
    assert replayed.replay(rec)
    assert {p: (v.names, v.country) for p, v in replayed.people.items()} == \
           {p: (v.names, v.country) for p, v in live.people.items()}


def test_replay_refuses_when_an_earlier_article_changed_a_person():
    first = TrackedPersonIndex(set())
    _record(first, ["Sergey Lavrov"], "country/russia")
    rec = _record(first, ["Sergei Lavrov"])
    changed = TrackedPersonIndex(set())
    _record(changed, ["Sergey Lavrov"], "country/belarus")      # the earlier article now says otherwise
    before = {p: (set(v.names), v.country) for p, v in changed.people.items()}
    assert not changed.replay(rec)
    assert {p: (set(v.names), v.country) for p, v in changed.people.items()} == before


def test_replay_refuses_when_a_name_now_finds_someone_else():
    first = TrackedPersonIndex(set())
    rec = _record(first, ["Sergei Lavrov"])                        # created him
    other = TrackedPersonIndex(set())
    _record(other, ["Sergey Lavrov"])                              # now an earlier article has him
    assert not other.replay(rec)


def _state(index: TrackedPersonIndex) -> dict[str, Person]:
    return copy.deepcopy(index.people)


def test_replay_restores_every_field_of_a_person():
    # An article that gives a known person a title, a position and a new spelling:
    # a replay must leave the index exactly as the extraction did (it once lost titles).
    live = TrackedPersonIndex(set())
    _record(live, ["Sergey Lavrov"], "country/russia")
    live.begin_article()
    person = live.add("Sergei Lavrov")
    person.titles.add("bộ trưởng ngoại giao nga")
    person.positions.add("position/foreign-minister")
    created = live.add("Anna Petrova")
    created.titles.add("đại sứ")
    rec = live.end_article()
    replayed = TrackedPersonIndex(set())
    _record(replayed, ["Sergey Lavrov"], "country/russia")
    assert replayed.replay(rec)
    assert _state(replayed) == _state(live)


def test_person_state_covers_every_field():
    # Replay compares and restores whole Person objects: a new field needs no change here.
    assert PERSON_FIELDS == tuple(f.name for f in fields(Person))
    for name in PERSON_FIELDS:
        if name == "id":
            continue
        live, changed = TrackedPersonIndex(set()), TrackedPersonIndex(set())
        _record(live, ["Sergey Lavrov"])
        _record(changed, ["Sergey Lavrov"])
        rec = _record(live, ["Sergei Lavrov"])
        person = changed.people["person/sergey-lavrov"]
        value = getattr(person, name)
        setattr(person, name, {"x"} if isinstance(value, set) else ("x",) if isinstance(value, tuple)
                else (not value) if isinstance(value, bool) else "x")
        assert not changed.replay(rec), name


def test_replay_refuses_a_record_that_is_not_well_formed():
    live = TrackedPersonIndex(set())
    rec = _record(live, ["Sergey Lavrov"])
    broken = copy.deepcopy(rec)
    broken.after.clear()                         # a created person with no state
    fresh = TrackedPersonIndex(set())
    assert not fresh.replay(broken) and not fresh.people
    assert fresh.replay(rec)


@pytest.mark.parametrize("index_class", [PersonIndex, TrackedPersonIndex])
def test_the_users_people_and_decisions_steer_both_indexes(index_class):
    from kg.extract.lexicon import Lexicon
    from kg.extract.user_apply import PersonSeed

    lex = Lexicon(user_people=[PersonSeed("person/wilk", ("Anton Wilk", "A. Wilk"), "country/poland")],
                  same_as=[("Thomas Harlan", "Tom Harlan"), ("person/wilk", "Toni Wilk")],
                  not_same=[("Maria Lopez", "Mario Lopez")])
    index = index_class(set())
    index.steer(lex)
    assert index.find("A. Wilk").id == index.find("Toni Wilk").id == "person/wilk"
    assert index.find("Anton Wilk").country == "country/poland"
    assert index.add("Tom Harlan").id == "person/thomas-harlan" == index.add("Thomas Harlan").id
    assert index.add("Maria Lopez").id != index.add("Mario Lopez").id
    assert index.add("Sergey Lavrov").id == index.add("Sergei Lavrov").id      # undecided pairs merge as before
