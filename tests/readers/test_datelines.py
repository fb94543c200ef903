"""The article's date: the page's own dateline, never the site header's date of capture.

All lines here are invented for the tests; none comes from a real page.
"""
from __future__ import annotations

import doctest

import pytest

import kg.readers.datelines
from kg.reader import find_date, parse_article
from kg.readers.datelines import Dateline, choose_date, dateline

TITLE = "Hai nước ký thỏa thuận hợp tác y tế"
BODY = "Chiều 12/10, hai Bộ trưởng đã ký thỏa thuận hợp tác y tế. Việt Nam sẽ nhận thêm vaccine."
BODY_EN = "On October 12, the two ministers signed a health agreement. Vietnam will receive more vaccines."


def test_doctests() -> None:
    assert doctest.testmod(kg.readers.datelines).failed == 0


@pytest.mark.parametrize("line, iso", [
    ("Doanh nghiệp 27/02/2021 12:31", "2021-02-27"),
    ("Thời sự | 12/10/2021 10:15", "2021-10-12"),
    ("By Jane Doe | October 12, 2021", "2021-10-12"),
    ("Quốc tế - Thứ ba, 12/10/2021", "2021-10-12"),
    ("Mon, Oct 11, 2021 · 9:00 am", "2021-10-11"),
    ("Lúc 9h ngày 22/7/2021, hai bên ký.", None),
    ("Hội nghị ASEAN - 12/10/2021 tại Hà Nội", None),
    ("Hai nước - ngày 22/7/2021 - đã ký hiệp định hợp tác mới", None),
])
def test_datelines_with_a_section_byline_or_clock(line: str, iso: str | None) -> None:
    assert find_date(line, line=True) == iso


@pytest.mark.parametrize("line, clock, weekday, key, bare", [
    ("Thứ sáu, 09/01/2026", False, True, "", True),
    ("Thứ sáu 09/01/2026", False, True, "", True),
    ("Friday, January 9, 2026", False, True, "", True),
    ("Thứ ba, 12/10/2021 - 10:15", True, True, "", False),
    ("Hôm nay: Thứ sáu, 09/01/2026", False, True, "today", False),
    ("Ngày đăng: 12/10/2021", False, False, "published", False),
    ("Published October 12, 2021", False, False, "published", False),
    ("Cập nhật: 10:15 12/10/2021", True, False, "updated", False),
    ("12/10/2021", False, False, "", False),
])
def test_what_a_dateline_says_it_is(line: str, clock: bool, weekday: bool, key: str, bare: bool) -> None:
    d = dateline(line)
    assert d is not None and (d.clock, d.weekday, d.key, d.bare) == (clock, weekday, key, bare)


HEADER = Dateline("2026-01-09", 0, weekday=True)                 # a site's "today" bar
OWN = Dateline("2021-10-12", 2, clock=True, weekday=True, after_title=True)


@pytest.mark.parametrize("found, url_day, body, iso", [
    ([HEADER, OWN], None, "", "2021-10-12"),                      # the page's own dateline wins
    ([HEADER], None, "Trong năm 2021, hai nước hợp tác.", None),   # later than what the article speaks of
    ([HEADER], None, "Chiều 12/10, hai bên ký.", None),            # far from the day the article names
    ([HEADER], "2021-10-12", "", None),                           # far from the URL's date
    ([HEADER], None, "Sáng 8/1, hai bên ký.", "2026-01-09"),      # the day after the event: the article's
    ([HEADER], None, "Hai bên ký thỏa thuận.", "2026-01-09"),     # nothing to contradict it
    ([Dateline("2026-01-09", 0, key="today")], None, "", None),   # "Hôm nay" is never the article's
    ([Dateline("2021-08-26", 0)], None, "on August 25 ... in 2018", "2021-08-26"),   # metadata line above the title
    ([Dateline("2026-01-09", 0, clock=True)], None, "Chiều 12/10/2021, hai bên ký.", None),
    ([Dateline("2026-01-09", 0, clock=True, weekday=True)], None, "Chiều 12/10, hai bên ký.", None),
    ([Dateline("2021-10-13", 0, clock=True)], None, "Chiều 12/10, hai bên ký.", "2021-10-13"),
    ([Dateline("2021-10-13", 0, clock=True)], None, "Hai bên ký thỏa thuận.", "2021-10-13"),
    ([Dateline("2021-10-13", 0, weekday=True), Dateline("2021-10-14", 3, clock=True, key="updated", after_title=True)],
     None, "Chiều 12/10, hai bên ký.", "2021-10-13"),            # publication beats a later update
    ([Dateline("2021-10-14", 3, key="updated", after_title=True), Dateline("2021-10-12", 4, key="published", after_title=True)],
     None, "", "2021-10-12"),
])
def test_choose_date(found: list[Dateline], url_day: str | None, body: str, iso: str | None) -> None:
    assert choose_date(found, url_day=url_day, body=body) == iso


@pytest.mark.parametrize("lines, iso", [
    (["Thứ sáu, 09/01/2026", TITLE, "Thứ ba, 12/10/2021 - 10:15", BODY], "2021-10-12"),
    (["Thứ sáu 09/01/2026", "Hôm nay: 09/01/2026", TITLE, BODY + " Trong năm 2021, hai nước hợp tác tốt."], None),
    (["https://tin.example.vn/2021/10/13/hai-nuoc-ky.html", "Thứ sáu, 09/01/2026", TITLE, BODY], "2021-10-13"),
    (["Cập nhật: 14:35 09/01/2026", TITLE, "Ngày đăng: 12/10/2021", BODY], "2021-10-12"),
    (["Friday, January 9, 2026", "Two countries sign a health agreement", "Published October 13, 2021", BODY_EN],
     "2021-10-13"),
    ([TITLE, "Thời sự 13/10/2021 08:00", BODY], "2021-10-13"),
])
def test_capture_date_in_the_site_header_is_not_the_article_date(lines: list[str], iso: str | None) -> None:
    a = parse_article("\n".join(lines), doc="d")
    assert a.date == iso
    assert all(r == "date" for s, e, r in a.dropped if "2026" in a.text[s:e])
    assert "2026" not in " ".join(a.text[s:e] for s, e in a.body)
