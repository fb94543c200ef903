"""A page captured up to a length stops mid-word: only its finished clauses are read.

All sentences here are invented for the tests.
"""
from __future__ import annotations

import pytest

from kg.reader import parse_article
from kg.lang.sentences import split_sentences

TITLE = "Hai nước ký thỏa thuận hợp tác y tế"
FIRST = "Chiều 12/10, hai Bộ trưởng đã ký thỏa thuận hợp tác y tế."
FIRST_EN = "The two ministers signed a health agreement on Tuesday."


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(parse_article(text, doc="d"))]


def truncated(text: str) -> list[str]:
    a = parse_article(text, doc="d")
    return [a.text[s:e] for s, e, r in a.dropped if r == "truncated"]


@pytest.mark.parametrize("last, kept, cut", [
    # The clause it stops in goes; the finished clauses before it stay.
    ("Bộ trưởng cảm ơn Nhật Bản đã hỗ trợ vaccine, đồng thời đề nghị tiếp tục chuyển gi",
     "Bộ trưởng cảm ơn Nhật Bản đã hỗ trợ vaccine", "đồng thời đề nghị tiếp tục chuyển gi"),
    ("Việt Nam đã nhận vaccine từ nhiều nguồn, trong đó có Nhật Bản, Hàn Qu",
     "Việt Nam đã nhận vaccine từ nhiều nguồn, trong đó có Nhật Bản", ", Hàn Qu"),
    ("Bộ trưởng cảm ơn Lào đã đón đoàn và khẳng đ", "Bộ trưởng cảm ơn Lào đã đón đoàn", "và khẳng đ"),
    ("Đại sứ khẳng định hai nước sẽ tiếp tục hợp tác; hai bên nhất trí tăng cườ",
     "Đại sứ khẳng định hai nước sẽ tiếp tục hợp tác", "; hai bên nhất trí tăng cườ"),
    # No clause before the cut: the whole unfinished sentence goes.
    ("Bộ trưởng bày tỏ tin tưởng Chính phủ Lào sẽ s", None, "Bộ trưởng bày tỏ tin tưởng Chính phủ Lào sẽ s"),
])
def test_last_line_cut_mid_word(last: str, kept: str | None, cut: str) -> None:
    text = f"{TITLE}\n{FIRST}\n{last}"
    assert truncated(text) == [cut]
    assert sentences(text) == [TITLE, FIRST] + ([kept] if kept else [])


@pytest.mark.parametrize("last, kept", [
    ("The minister thanked Japan for the doses and asked for more help with vaccine prod",
     "The minister thanked Japan for the doses"),
    ("Laos received 1 million doses, the ministry sa", "Laos received 1 million doses"),
])
def test_english_line_cut_mid_word(last: str, kept: str) -> None:
    text = f"Two countries sign a health pact\n{FIRST_EN}\n{last}"
    assert sentences(text)[1:] == [FIRST_EN, kept]


def test_a_finished_sentence_then_an_unfinished_one_in_the_same_line() -> None:
    text = f"{TITLE}\n{FIRST} Hai bên cũng bàn về việc sản xuất vaccine tại Hà N"
    assert sentences(text) == [TITLE, FIRST]


@pytest.mark.parametrize("last", [
    "Hai bên nhất trí tăng cường hợp tác y tế.",
    "Ông Bình nói: “Chúng tôi sẽ tiếp tục hỗ trợ”",
    "Dưới đây là một số hình ảnh của buổi lễ:",
    "The ministers agreed to meet again next year. — VNS",
    "Hai bên nhất trí tăng cường hợp tác y tế…/.",
])
def test_finished_last_lines_are_kept(last: str) -> None:
    a = parse_article(f"{TITLE}\n{FIRST}\n{last}", doc="d")
    assert truncated(f"{TITLE}\n{FIRST}\n{last}") == []
    assert last[:30] in " ".join(a.text[s:e] for s, e in a.body)


def test_unfinished_line_followed_by_page_chrome_is_not_a_cut_page() -> None:
    text = f"{TITLE}\n{FIRST}\nHai bên sẽ tiếp tục trao đổi về hợp tác y tế\nChia sẻ Facebook Zalo"
    assert truncated(text) == []


@pytest.mark.parametrize("text", [
    f"{TITLE}\nBộ trưởng bày tỏ tin tưởng Chính phủ Lào sẽ s",    # all the article has: kept
    "Việt Nam và Lào ký thỏa thuận hợp tác y tế trong năm nay",
])
def test_an_article_of_one_unfinished_line_is_kept(text: str) -> None:
    assert truncated(text) == []
    assert len(sentences(text)) >= 1


def test_the_title_is_never_a_truncated_sentence() -> None:
    text = f"{TITLE}\n{FIRST}"
    a = parse_article(text, doc="d")
    assert a.title == TITLE and truncated(text) == []
