"""User lexicons: reading, validating and merging entries and decisions (kg.extract.user_lexicon, user_apply)."""
from __future__ import annotations

import json

import pytest

from kg.errors import LexiconConflictError, LexiconEntryError, LexiconNotFoundError
from kg.extract import Extractor
from kg.extract.lexicon import load_lexicon
from kg.extract.user_apply import lexicon_with, merge_assertions, merged_ids
from kg.extract.user_lexicon import is_entity_id, parse_lines, read_user_lexicon
from kg.extract.user_tools import check_files, export_entries
from kg.model import Assertion
from kg.reader import parse_article


def write(tmp_path, *rows, name="my.jsonl"):
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("line, message", [
    ('{"type": "Planet", "name": "Mars"}', "unknown type Planet"),
    ('{"type": "Country", "name": "X", "capital": "Y"}', "unknown field capital for a Country"),
    ('{"type": "Vaccine", "name": "V", "country": "japan"}', "unknown field country for a Vaccine"),
    ('{"type": "Country"}', "name must be a non-empty string"),
    ('{"type": "Country", "name": "X", "aliases": "Y"}', "aliases must be a list"),
    ('{"type": "Country", "name": "X", "names": {"fr": "Y"}}', "names must be an object"),
    ('{"type": "Country", "name": "X", "wikidata": "881"}', "wikidata must be a Wikidata QID"),
    ('{"type": "Country", "name": "X", "id": "Not A Slug"}', "must be a slug"),
    ('{"same_as": ["A"]}', "same_as needs a list of at least two"),
    ('{"not_same": ["A", "B", "C"]}', "not_same needs exactly two"),
    ('{"same_as": ["A", "B"], "type": "Country"}', "a decision has one key"),
    ("[1, 2]", "not a JSON object"),
    ("{not json", "not a JSON object"),
])
def test_a_bad_line_is_a_problem_with_its_line(line, message):
    entries, decisions, problems = parse_lines(f'\n{{"type": "Country", "name": "Fine"}}\n{line}\n', "f.jsonl")
    assert [(p.file, p.line) for p in problems] == [("f.jsonl", 3)]
    assert message in problems[0].message
    assert [e.id for e in entries] == ["country/fine"]


@pytest.mark.parametrize("row, eid", [
    ({"type": "Person", "name": "Anton Wilk"}, "person/anton-wilk"),
    ({"type": "Person", "name": "Anton Wilk", "id": "wilk"}, "person/wilk"),
    ({"type": "Organization", "name": "Kestrel", "id": "organization/kestrel-bio"}, "organization/kestrel-bio"),
    ({"type": "Country", "name": "Đông Xương"}, "country/dong-xuong"),
])
def test_the_id_is_the_users_or_made_from_the_name(row, eid):
    entries, _, problems = parse_lines(json.dumps(row, ensure_ascii=False), "f")
    assert not problems and entries[0].id == eid


@pytest.mark.parametrize("text, expected", [("country/vietnam", True), ("person/anton-wilk", True),
                                            ("Anton Wilk", False), ("planet/mars", False), ("AIDS/HIV", False)])
def test_is_entity_id(text, expected):
    assert is_entity_id(text) is expected


def test_a_bad_line_at_build_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, {"type": "Country", "name": "Zubrowka"}, '{"type": "Country", "name": 3}')
    with pytest.raises(LexiconEntryError, match=r"E080: .*my\.jsonl:2: name must be"):
        read_user_lexicon([path])


def test_a_missing_lexicon_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(LexiconNotFoundError, match="E081: .*absent.jsonl"):
        read_user_lexicon([tmp_path / "absent.jsonl"])


def test_no_lexicon_is_the_built_in_one():
    assert read_user_lexicon([]) is None and lexicon_with(None) is load_lexicon()


def test_an_unknown_reference_is_an_error_with_its_line(tmp_path):
    path = write(tmp_path, {"type": "Person", "name": "Anton Wilk", "country": "Atlantis"})
    with pytest.raises(LexiconEntryError, match=r"my\.jsonl:1: country 'Atlantis'"):
        lexicon_with(read_user_lexicon([path]))


def test_contradicting_decisions_are_an_error(tmp_path):
    path = write(tmp_path, {"same_as": ["Tom Harlan", "Thomas Harlan"]}, {"same_as": ["Thomas Harlan", "T. Harlan"]},
                 {"not_same": ["T. Harlan", "Tom Harlan"]})
    with pytest.raises(LexiconConflictError, match=r"E082: .*my\.jsonl:3: .*same_as at .*my\.jsonl:1"):
        lexicon_with(read_user_lexicon([path]))


def test_check_lists_every_problem_in_line_order(tmp_path):
    path = write(tmp_path,
                 {"type": "Organization", "name": "Kestrel Biolabs", "id": "kestrel"},
                 {"type": "Organization", "name": "Kestrel Labs", "id": "kestrel-labs", "aliases": ["Kestrel Biolabs"]},
                 {"type": "Country", "name": "Zubrowka", "aliases": ["Lào"]},
                 {"type": "Planet", "name": "Mars"},
                 {"same_as": ["Anna Berg", "Ann Berg"]},
                 {"not_same": ["Ann Berg", "Anna Berg"]})
    problems = [(p.line, p.message) for p in check_files([path])]
    assert [line for line, _ in problems] == [2, 3, 4, 6]
    assert "'Kestrel Biolabs' is also the name of organization/kestrel" in problems[0][1]
    assert "built-in name of country/laos" in problems[1][1]


def test_check_of_a_clean_file_finds_nothing(tmp_path):
    path = write(tmp_path, {"type": "Country", "name": "Zubrowka", "wikidata": "Q4200001"},
                 {"type": "Person", "name": "Anton Wilk", "country": "Zubrowka", "position": "health-minister"},
                 {"not_same": ["Maria Lopez", "Mario Lopez"]})
    assert check_files([path]) == []


@pytest.mark.parametrize("etype, first", [("Country", "afghanistan"), ("organization", "united-nations"),
                                          ("Position", "president"), ("Vaccine", "covid-19-vaccine")])
def test_export_writes_the_built_in_entries_in_the_user_format(etype, first, tmp_path):
    rows = export_entries(etype)
    assert rows[0]["id"] == first and rows == export_entries(etype)
    # what export writes, a user lexicon reads back without a problem of format
    _, _, problems = parse_lines("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "export")
    assert problems == []


def test_a_user_entry_wins_over_a_built_in_name(tmp_path):
    text = "Đông Timor và Lào ký thỏa thuận hợp tác y tế.\n"
    assert "country/laos" in {a.object for a in Extractor().extract(parse_article(text, doc="d"))}
    user = read_user_lexicon_rows(tmp_path, {"type": "Country", "name": "Eastport", "id": "eastport", "aliases": ["Lào"]})
    ex = Extractor(lexicon_with(user))
    found = ex.extract(parse_article(text, doc="d"))
    assert "country/eastport" in {a.subject for a in found} | {a.object for a in found}
    assert "country/laos" not in {a.subject for a in found} | {a.object for a in found}


@pytest.mark.parametrize("text", ["Dong Xuong va Viet Nam ky thoa thuan hop tac y te.\n",
                                  "Đông Xương và Việt Nam ký thỏa thuận hợp tác y tế.\n"])
def test_user_names_are_matched_with_and_without_diacritics(text, tmp_path):
    user = read_user_lexicon_rows(tmp_path, {"type": "Country", "name": "Eastport", "names": {"vi": "Đông Xương"}})
    found = Extractor(lexicon_with(user)).extract(parse_article(text, doc="d"))
    assert ("country/eastport", "country/vietnam") in {(a.subject, a.object) for a in found}


def test_merged_ids_join_a_group_under_its_first_member():
    ids = {"Tom": "person/tom", "Thomas": "person/thomas", "Laos": "country/laos"}
    merged = merged_ids([("Tom", "Thomas", "Nobody"), ("Tom", "Laos")], ids.get)
    assert merged == {"person/thomas": "person/tom"}      # a person and a country never merge
    facts = [Assertion("d", "person/thomas", "meetsWith", "person/tom"),
             Assertion("d", "person/thomas", "visits", "country/laos")]
    assert [(a.subject, a.object) for a in merge_assertions(facts, merged)] == [("person/tom", "country/laos")]


def read_user_lexicon_rows(folder, *rows):
    return read_user_lexicon([write(folder, *rows)])


def test_a_user_position_gives_titled_people_their_office(tmp_path):
    text = ("Polish Minister of Space Jan Kowalski met Vietnamese Foreign Minister Bui Thanh Son in Hanoi.\n")
    before = {(a.subject, a.predicate, a.object) for a in Extractor().extract(parse_article(text, doc="d"))}
    assert not {t for t in before if "kowalski" in t[0]}
    user = read_user_lexicon_rows(tmp_path, {"type": "Position", "name": "Minister of Space", "id": "space-minister",
                                             "names": {"vi": "Bộ trưởng Vũ trụ"}})
    ex = Extractor(lexicon_with(user))
    found = {(a.subject, a.predicate, a.object) for a in ex.extract(parse_article(text, doc="d"))}
    assert {("person/jan-kowalski", "holdsPosition", "position/space-minister"),
            ("person/jan-kowalski", "represents", "country/poland")} <= found
    assert ex.entity("position/space-minister").labels == {"en": "Minister of Space", "vi": "Bộ trưởng Vũ trụ"}
