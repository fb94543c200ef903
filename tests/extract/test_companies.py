"""Companies as actors (kg.extract.companies): the country only says where a company is from."""
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


@pytest.mark.parametrize("text,absent", [
    ("Laos received US$3 million in aid.", ("country/united-states", "providesAidTo", "country/laos")),
    ("The minister proposed that Vietnam speed up the plan.", ("person/x", "appealsTo", "country/vietnam")),
])
def test_no_actor_from_currency_or_own_side(ex: Extractor, text: str, absent: tuple) -> None:
    facts = _facts(ex, text)
    assert absent not in facts and not any(s == o for s, _, o in facts)


def test_a_central_bank_stands_for_its_country(ex: Extractor) -> None:
    doc = ex.doc(parse_article("He welcomed the State Bank of Vietnam and the US Department of the Treasury.", doc="t"))
    countries = {s.text for s in doc.spans["mentions"] if s.label_ == "Country"}
    assert any("State Bank of Vietnam" in c for c in countries), countries


@pytest.mark.parametrize("text,expected", [
    ("Sáng nay, 300.000 liều vắc xin AstraZeneca do Ba Lan tài trợ đã về đến Hà Nội.",
     ("country/poland", "providesAidTo", "country/vietnam")),
    ("Bộ Y tế phân bổ 200.000 liều do Công ty Alpha mua, phân bổ 100.000 liều do Rumani tài trợ.",
     ("country/romania", "providesAidTo", "country/vietnam")),
    ("Lào tiếp nhận 50.000 liều vắc xin do Nhật Bản viện trợ.",
     ("country/japan", "providesAidTo", "country/laos")),
])
def test_a_gift_named_by_its_giver_alone_goes_to_the_receiver_in_view(ex: Extractor, text: str, expected: tuple) -> None:
    assert expected in _facts(ex, text)


def test_a_company_goes_on_by_its_short_name(ex: Extractor) -> None:
    text = "Ông Lê Văn - Tổng giám đốc hãng dược HLB của Hàn Quốc cho biết HLB sẽ sản xuất và bán vắc xin Nanocovax."
    facts = _facts(ex, text)
    assert ("organization/hang-duoc-hlb", "produces", "vaccine/nanocovax") in facts, facts


def test_an_ordinary_word_is_no_short_name(ex: Extractor) -> None:
    doc = ex.doc(parse_article("Công ty Dược phẩm Hòa Bình tặng Lào vắc xin. Hòa Bình là một tỉnh.", doc="t"))
    orgs = [s.text for s in doc.spans["mentions"] if s.label_ == "Organization"]
    assert orgs == ["Công ty Dược phẩm Hòa Bình"], orgs


@pytest.mark.parametrize("text,expected,absent", [
    # the partner of a technology transfer deal holds the technology
    ("Công ty Alpha của Việt Nam đạt thỏa thuận chuyển giao công nghệ với hãng AstraZeneca.",
     {("organization/astrazeneca", "transfersTechnologyTo", "organization/cong-ty-alpha")},
     {("organization/cong-ty-alpha", "transfersTechnologyTo", "organization/astrazeneca")}),
    ("Laos reached a technology transfer agreement with Japan's drugmaker Takeda.",
     {("organization/takeda", "transfersTechnologyTo", "country/laos")},
     {("country/laos", "transfersTechnologyTo", "organization/takeda")}),
    # a recipient after "to/cho" stays the recipient
    ("Takeda will transfer technology to Laos.", {("organization/takeda", "transfersTechnologyTo", "country/laos")}, set()),
])
def test_the_partner_of_a_transfer_deal_gives(ex: Extractor, text: str, expected: set, absent: set) -> None:
    facts = _facts(ex, text)
    assert expected <= facts, facts
    assert not absent & facts


@pytest.mark.parametrize("text,expected,absent", [
    # a count and a home stand for the companies of that home named elsewhere in the article
    ("Two Korean companies reached a technology transfer agreement with British drugmaker Acme. "
     "Korean firms Gamma and Delta will produce the vaccine.",
     {("organization/acme", "transfersTechnologyTo", "organization/gamma"),
      ("organization/acme", "transfersTechnologyTo", "organization/delta")},
     {("organization/acme", "transfersTechnologyTo", "country/south-korea")}),
    # "công ty Hàn Quốc": the one Korean company of the article
    ("Hãng dược Beta của Hàn Quốc đã ký biên bản ghi nhớ với Công ty Nanogen của Việt Nam. "
     "Theo thỏa thuận giữa hai bên, Nanogen đồng ý chuyển giao công nghệ cho công ty Hàn Quốc.",
     {("organization/nanogen", "transfersTechnologyTo", "organization/hang-duoc-beta")},
     {("organization/nanogen", "transfersTechnologyTo", "country/south-korea")}),
    # as many companies as the count, or the description says no more than the country
    ("Three Korean companies signed a deal with Takeda. Korean firm Gamma said so.",
     {("country/south-korea", "agreesWith", "organization/takeda")}, set()),
    # "a Korean company" is a company not named yet: still the country
    ("Nanogen chuyển giao công nghệ cho một công ty Hàn Quốc.",
     {("organization/nanogen", "transfersTechnologyTo", "country/south-korea")}, set()),
])
def test_a_description_stands_for_the_companies_of_its_home(ex: Extractor, text: str, expected: set,
                                                             absent: set) -> None:
    facts = _facts(ex, text)
    assert expected <= facts, facts
    assert not absent & facts


def test_a_company_named_after_its_noun_goes_on_by_its_name(ex: Extractor) -> None:
    text = "Korean firms Gamma and Delta met officials. Gamma signed a deal with Laos on Monday."
    assert ("organization/gamma", "agreesWith", "country/laos") in _facts(ex, text)


def test_a_company_owned_by_a_country_has_its_home(ex: Extractor) -> None:
    doc = ex.doc(parse_article("Công ty Nanogen của Việt Nam ký hợp đồng với Lào.", doc="t"))
    assert [s.text for s in doc.spans["mentions"] if s.label_ == "Country"] == ["Lào"]
