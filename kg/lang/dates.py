"""Resolve date expressions against the article's date.

"ngày 28/9" → 2021-09-28; "từ ngày 25-28/9" → 2021-09-25..2021-09-28;
"tối 1/7" → 2021-07-01; "September 28", "from September 25 to 28", "28/9/2021".
A date without a year takes the article's year (or, with no article date, the
latest year the article mentions).

>>> find_dates("từ ngày 25-28/9.", "vi", 2021)
[('2021-09-25', '2021-09-28')]
>>> find_dates("on September 28, 2021", "en", None)
[('2021-09-28', None)]
"""
from __future__ import annotations

import re

from .profiles import table

# Month names of every language profile, with their three-letter forms and "sept".
MONTHS: dict[str, int] = {m: int(i) for m, i in table("months").items()}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_PATTERN = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_MON = MONTH_PATTERN[1:-1]
# The letters a month name starts with: the English patterns look ahead for one before
# trying every month at every character (the same matches, five times faster).
_FIRST = "".join(sorted({re.escape(m[0]) for m in MONTHS}))
MONTH_AHEAD = rf"(?=[{_FIRST}])"          # put before MONTH_PATTERN (with re.I)

VI_RANGE = re.compile(r"(?<![\d/])(\d{1,2})\s?[-–]\s?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
VI_DATE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/%])")
VI_WORDS = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?")
EN_RANGE = re.compile(rf"\b(?=[{_FIRST}f])(?:from )?({_MON})\.? (\d{{1,2}})(?:st|nd|rd|th)?\s?(?:to|-|–|until)\s?(?:({_MON})\.? )?(\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?", re.I)
EN_DATE = re.compile(rf"\b{MONTH_AHEAD}({_MON})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b", re.I)
EN_DATE_DMY = re.compile(rf"\b(\d{{1,2}}) ({_MON})\.?(?:,? (\d{{4}}))?\b", re.I)
# "(1992-2022)": a span of years; "đến năm 2030", "by 2030": a target, not a date.
SPAN_YEARS = re.compile(r"\b(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\b")
# (The look-ahead holds the first letters of its words: most places are passed at once.)
TARGET_YEAR = re.compile(r"(?i)\b(?=[đtcbu])(?:đến|tới|cho đến|by|until|through|to)\s+(?:năm\s+|the year\s+)?(?:19|20)\d\d\b")
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# A year said as a time ("năm 2021", "in 2021", "28/9/2021"), not a name ("Luật Biển 1982").
TIME_YEAR = re.compile(r"(?i)(?:\bnăm|\bin|\byear|\d/)\s*(19[5-9]\d|20\d\d)\b")


_DIGIT = re.compile(r"\d")


def _iso(y: int | None, m: int, d: int) -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"


def reference_year(article_date: str | None, text: str) -> int | None:
    """The year that completes "ngày 22/7": the article's own date, else the latest year
    the text names as a point in time. Spans ("(1992-2022)", an anniversary) and
    targets ("đến năm 2030", "by 2030") are not the article's year; with no year
    left, a date stays without one (``xsd:gMonthDay``).

    >>> reference_year("2021-09-28", "đến năm 2030"), reference_year(None, "(1992-2022)")
    (2021, None)
    >>> reference_year(None, "Trong năm 2021, kim ngạch sẽ tăng đến năm 2025.")
    2021
    >>> reference_year(None, "theo Công ước Luật Biển 1982") is None
    True
    """
    if article_date:
        return int(article_date[:4])
    text = SPAN_YEARS.sub(" ", text)
    text = TARGET_YEAR.sub(" ", text)
    years = [int(y) for y in TIME_YEAR.findall(text)]
    return max(years) if years else None


def find_dates(text: str, lang: str, year: int | None) -> list[tuple[str, str | None]]:
    """(date, None) for a day, (start, end) for a range; in order of appearance."""
    if not _DIGIT.search(text):
        return []                       # every pattern writes the day in digits
    found: list[tuple[int, tuple[str, str | None]]] = []
    spans: list[tuple[int, int]] = []

    def add(m: re.Match, value: tuple[str | None, str | None]) -> None:
        if value[0] and not any(s <= m.start() < e for s, e in spans):
            found.append((m.start(), (value[0], value[1])))
            spans.append((m.start(), m.end()))

    for m in VI_RANGE.finditer(text):
        y = int(m.group(4)) if m.group(4) else year
        add(m, (_iso(y, int(m.group(3)), int(m.group(1))), _iso(y, int(m.group(3)), int(m.group(2)))))
    for m in VI_WORDS.finditer(text):
        add(m, (_iso(int(m.group(3)) if m.group(3) else year, int(m.group(2)), int(m.group(1))), None))
    for m in VI_DATE.finditer(text):
        y = int(m.group(3)) if m.group(3) else year
        add(m, (_iso(y, int(m.group(2)), int(m.group(1))), None))
    for m in EN_RANGE.finditer(text):
        y = int(m.group(5)) if m.group(5) else year
        m1 = MONTHS[m.group(1).lower().rstrip(".")]
        m2 = MONTHS[m.group(3).lower()] if m.group(3) else m1
        add(m, (_iso(y, m1, int(m.group(2))), _iso(y, m2, int(m.group(4)))))
    for m in EN_DATE.finditer(text):
        y = int(m.group(3)) if m.group(3) else year
        add(m, (_iso(y, MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2))), None))
    for m in EN_DATE_DMY.finditer(text):
        y = int(m.group(3)) if m.group(3) else year
        add(m, (_iso(y, MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1))), None))
    found.sort()
    return [v for _, v in found]
