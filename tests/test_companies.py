"""Companies as actors (kg.companies): the country only says where a company is from."""
from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.reader import parse_article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _facts(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    return {(a.subject, a.predicate, a.object) for a in ex.extract(parse_article(text, doc="t"))}


@pytest.mark.parametrize("text,expected,absent", [
    ("Vietnamese firms Alpha Bio and Vabiotech have signed a deal with Japan's drugmaker Shionogi.",
     {("organization/alpha-bio", "agreesWith", "organization/shionogi"),
      ("organization/vabiotech", "agreesWith", "organization/shionogi")},
     {("country/vietnam", "agreesWith", "country/japan"),
      ("organization/alpha-bio", "agreesWith", "organization/vabiotech")}),
    ("Japanese drugmaker Shionogi will transfer technology to Vietnam.",
     {("organization/shionogi", "transfersTechnologyTo", "country/vietnam")},
     {("country/japan", "transfersTechnologyTo", "country/vietnam")}),
    ("Tập đoàn Daewon (Hàn Quốc) cam kết cung ứng vắc xin cho Việt Nam.",
     {("organization/tap-doan-daewon", "providesAidTo", "country/vietnam")},
     {("country/south-korea", "providesAidTo", "country/vietnam")}),
    # a country that heads its own government stays the actor
    ("Foreign Minister Bui Thanh Son thanked the Russian Government for its support.",
     {("person/bui-thanh-son", "praises", "country/russia")}, set()),
])
def test_companies_act(ex: Extractor, text: str, expected: set, absent: set) -> None:
    facts = _facts(ex, text)
    assert expected <= facts, expected - facts
    assert not absent & facts
