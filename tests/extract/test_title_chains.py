"""Titled people as real news writes them: bodies after titles, honorifics across a comma,
dash appositives, ranks, and phrases that only look like titles. Sentences written for kg."""
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
    # title + company + ", ông Name": the company is the body, the name comes after the honorific
    ("Thủ tướng Phạm Minh Chính điện đàm với Chủ tịch, Giám đốc điều hành Công ty Moderna, ông Stéphane Bancel.",
     {("person/stephane-bancel", "represents", "organization/moderna"),
      ("person/stephane-bancel", "holdsPosition", "position/chairman"),
      ("person/pham-minh-chinh", "holdsPhoneCallWith", "person/stephane-bancel")},
     {("person/cong", "represents", "country/vietnam")}),
    # an unknown company after a title becomes an organisation, not the holder's name
    ("Tổng giám đốc Công ty Dược phẩm Hòa Bình, ông Trần Văn Tư, phát biểu tại buổi lễ.",
     {("person/tran-van-tu", "represents", "organization/cong-ty-duoc-pham-hoa-binh"),
      ("person/tran-van-tu", "holdsPosition", "position/director")}, set()),
    # dash appositives, lower-case titles inside them
    ("Ông Trần Văn Hải - tổng giám đốc Công ty Vabiotech và ông Kim Min Su - chủ tịch hãng Celltrion đã ký thỏa thuận.",
     {("person/tran-van-hai", "represents", "organization/vabiotech"),
      ("person/kim-min-su", "represents", "organization/celltrion"),
      ("person/kim-min-su", "holdsPosition", "position/chairman")}, set()),
    # an ambiguous country word inside a title ("Trung" in "Trung ương") names no country
    ("Tham dự có ông Nguyễn Văn Bình, Ủy viên Trung ương Đảng, Bộ trưởng Bộ Y tế.",
     {("person/nguyen-van-binh", "represents", "country/vietnam")},
     {("person/nguyen-van-binh", "represents", "country/china")}),
    # a word in capitals after a title is the body; "chủ tịch tập đoàn X": X is the company
    ("Ông Park Ji Hoon - chủ tịch HLB - phát biểu tại buổi lễ.",
     {("person/park-ji-hoon", "represents", "organization/hlb"),
      ("person/park-ji-hoon", "holdsPosition", "position/chairman")},
     {("person/hlb", "represents", "country/vietnam")}),
    ("Ông Choi Dong Won - chủ tịch tập đoàn Gamma - phát biểu tại buổi lễ.",
     {("person/choi-dong-won", "represents", "organization/tap-doan-gamma")},
     {("person/gamma", "holdsPosition", "position/chairman")}),
    ("Tham dự có ông Lê Văn Tám - Thứ trưởng Bộ Y tế, và ông John Miller - Đại biện lâm thời Đại sứ quán Anh tại Việt Nam.",
     {("person/le-van-tam", "holdsPosition", "position/deputy-health-minister"),
      ("person/john-miller", "holdsPosition", "position/charge-d-affaires"),
      ("person/john-miller", "represents", "country/united-kingdom")},
     {("person/john-miller", "holdsPosition", "position/ambassador")}),
    # a rank is no position; a state organ after the title is the body, not a name
    ("Đón đoàn có Đại tá Lê Văn Hùng, Phó Tham mưu trưởng Quân khu 7.",
     {("person/le-van-hung", "holdsPosition", "position/deputy-chief-of-staff"),
      ("person/le-van-hung", "represents", "country/vietnam")},
     {("person/quan", "represents", "country/vietnam")}),
    # English: "Title of the ORG Facility Name"
    ("The Managing Director of the COVAX Facility Jane Roe met Prime Minister Pham Minh Chinh.",
     {("person/jane-roe", "represents", "organization/covax"),
      ("person/jane-roe", "holdsPosition", "position/director")}, set()),
])
def test_titled_people(ex: Extractor, text: str, expected: set, absent: set) -> None:
    facts = _facts(ex, text)
    assert expected <= facts, expected - facts
    assert not absent & facts


def test_no_mention_is_a_fragment_of_a_body(ex: Extractor) -> None:
    doc = ex.doc(parse_article("Phó Chủ tịch Ủy ban Nhân dân Thành phố, ông Lê Hòa Bình, tiếp Đại sứ Nhật Bản.", doc="t"))
    people = [s.text for s in doc.spans["mentions"] if s.label_ == "Person"]
    assert all(not p.split()[-1] in ("Ủy", "Công", "Quân", "Bộ") for p in people), people


@pytest.mark.parametrize("text,nobody", [
    ("Welcoming the Thai leader, PM Chính thanked Thailand for its help.", "person/chinh"),
    ("Tiếp Đại sứ Lào, Thủ tướng Phúc cảm ơn Lào.", "person/phuc"),
])
def test_a_vietnamese_given_name_alone_is_nobody_new(ex: Extractor, text: str, nobody: str) -> None:
    facts = _facts(ex, text)
    assert not any(nobody in (s, o) for s, _, o in facts), facts


def test_a_foreign_single_name_is_still_a_person(ex: Extractor) -> None:
    facts = _facts(ex, "Prime Minister Sánchez met President Widodo in Jakarta.")
    assert ("person/sanchez", "meetsWith", "person/widodo") in facts or \
           ("person/widodo", "meetsWith", "person/sanchez") in facts, facts


def test_a_counterpart_holds_the_office_of_the_one_he_meets(ex: Extractor) -> None:
    text = ("Prime Minister Pham Minh Chinh met his Thai counterpart Anan Somchai in Hanoi. "
            "President Lee Van An of Thailand also attended. "
            "Pham Minh Chinh invited his Thai counterpart to visit Vietnam.")
    facts = _facts(ex, text)
    assert ("person/anan-somchai", "holdsPosition", "position/prime-minister") in facts
    assert ("person/pham-minh-chinh", "invites", "person/anan-somchai") in facts, facts
    assert ("person/pham-minh-chinh", "invites", "person/lee-van-an") not in facts
