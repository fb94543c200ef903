"""Publication dates in datelines and URLs of scraped news.

>>> find_date("Thứ năm, 22/7/2021, 14:05 (GMT+7)", line=True)
'2021-07-22'
>>> url_date("https://x.example/2021/09/29/story.html")
'2021-09-29'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

from ..lang.dates import MONTH_AHEAD, MONTH_PATTERN, MONTHS

__all__ = ["find_date", "url_date", "iso_date", "Dateline", "dateline", "choose_date"]


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’.][^\W_]+)*", s)

_MONTHS = MONTHS
_MON = MONTH_PATTERN + r"\.?"
_DATE_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"), "dmy"),
    (re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})(?!\d)", re.I), "dmy"),
    (re.compile(MONTH_AHEAD + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I), "mdy"),
    (re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(\d{4})(?!\d)", re.I), "dmy"),
]
# Words that make a short line a dateline ("Doanh nghiệp - Ngày đăng : ...").
_DATE_KEYS = re.compile(
    r"ngày đăng|đăng ngày|đăng lúc|cập nhật|xuất bản|published|updated|posted|"
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b|gmt|utc", re.I)
_TIME = re.compile(
    r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:am|pm|sa|ch)?|\d{1,2}\s*(?:h|giờ)\b|"
    r"\d{1,2}\s*(?:am|pm)\b|(?:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b|"
    r"\b(?:ict|est|edt|pst|bst|cet)\b|\bT(?=\d)", re.I)
# Every date pattern above writes its year with four digits: a line without them holds no date.
_YEAR = re.compile(r"\d{4}")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([/_-]?)(\d{2})\2(\d{2})(?!\d)")


def _mkdate(y: int, m: int, d: int) -> str | None:
    try:
        return _date(y, m, d).isoformat() if 1990 <= y <= 2100 else None
    except ValueError:
        return None


def find_date(s: str, *, line: bool = False) -> str | None:
    """ISO date written in ``s``; with ``line=True`` only if ``s`` is a dateline.

    >>> find_date("Thứ năm, 22/7/2021, 14:05 (GMT+7)", line=True)
    '2021-07-22'
    >>> find_date("Published: Sept 29, 2021 10:00", line=True), find_date("Ngày 22/7/2021, hai bên đã ký.", line=True)
    ('2021-09-29', None)
    """
    if not _YEAR.search(s):
        return None
    for pat, order in _DATE_PATTERNS:
        m = pat.search(s)
        if not m:
            continue
        g = m.groups()
        if order == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif order == "mdy":
            y, mo, d = int(g[2]), _MONTHS[g[0].lower().rstrip(".")], int(g[1])
        elif g[1].isdigit():
            d, mo, y = int(g[0]), int(g[1]), int(g[2])
            if mo > 12 >= d:                 # an American 9/29/2021
                d, mo = mo, d
        else:
            d, mo, y = int(g[0]), _MONTHS[g[1].lower().rstrip(".")], int(g[2])
        iso = _mkdate(y, mo, d)
        if iso is None:
            continue
        if not line:
            return iso
        if len(_words(s)) > 20:
            return None
        rest = _TIME.sub(" ", s[:m.start()] + " " + s[m.end():])
        rest = re.sub(r"\b(?:lúc|ngày|tháng|năm|on|at|date|time)\b", " ", _DATE_KEYS.sub(" ", rest), flags=re.I)
        left = [w for w in re.findall(r"[^\W\d_]+", rest)]
        # A section label before a date and a clock ("Doanh nghiệp 27/02/2021 12:31") is a dateline too.
        clock = _TIME.search(s) and not s.rstrip().endswith((".", "!", "?"))
        if len(left) <= (4 if _DATE_KEYS.search(s) else 3 if clock else 1):
            return iso
        return _dated_part(s)
    return None


# "By Jane Doe | October 12, 2021", "Thời sự - 12/10/2021": a byline or a section beside the date.
_PARTS = re.compile(r"\s*[|·•]\s*|\s[-–—]\s")


def _dated_part(s: str) -> str | None:
    parts = [p for p in _PARTS.split(s) if p.strip()]
    if len(parts) < 2:
        return None
    dated = [iso for p in parts if (iso := find_date(p, line=True))]
    short = sum(1 for p in parts if len(_words(p)) <= 5)
    return dated[0] if len(dated) == 1 and short == len(parts) else None


# What a dateline says it is: the page's publication, a later update, or the
# site's clock ("Hôm nay: Thứ sáu, 09/01/2026") that shows the day of capture.
_PUBLISHED = re.compile(r"ngày đăng|đăng ngày|đăng lúc|đăng\s*:|xuất bản|published|posted|first published", re.I)
_UPDATED = re.compile(r"cập nhật|updated|last modified|sửa lúc", re.I)
_TODAY = re.compile(r"\b(?:hôm nay|today)\b", re.I)
_WEEKDAY = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b", re.I)


@dataclass(frozen=True)
class Dateline:
    """A line of a page that gives a date, with what tells the page's own dateline from a site header."""

    iso: str
    line: int = 0               # index of the line in the page
    clock: bool = False         # a time of day is written ("10:15", "GMT+7")
    weekday: bool = False
    key: str = ""               # "published" | "updated" | "today" | ""
    after_title: bool = False   # below the headline, where a page prints its own dateline

    @property
    def bare(self) -> bool:
        """A weekday and a date, no time nor publication word: how a site header shows today."""
        return self.weekday and not self.clock and not self.key


def dateline(s: str, line: int = 0) -> Dateline | None:
    """The :class:`Dateline` of ``s`` if ``s`` is a dateline.

    >>> d = dateline("Thứ sáu, 09/01/2026")
    >>> d.iso, d.bare, dateline("Thứ ba, 12/10/2021 - 10:15").bare
    ('2026-01-09', True, False)
    """
    iso = find_date(s, line=True)
    if iso is None:
        return None
    key = ("today" if _TODAY.search(s) else "published" if _PUBLISHED.search(s)
           else "updated" if _UPDATED.search(s) else "")
    return Dateline(iso, line, bool(_TIME.search(s)), bool(_WEEKDAY.search(s)), key)


def choose_date(found: list[Dateline], *, url_day: str | None = None, body: str = "",
                lang: str = "vi") -> str | None:
    """The article's date among the datelines of its page, or ``None``.

    A page also prints dates that are not its own: the site header's clock
    shows the day the page was captured, years after the article. A dateline
    below the headline is the page's own. One above it, or a bare "weekday,
    date" line, is the article's when it falls within ten days after a day
    the article names (or a month of its URL's date); otherwise it is
    dropped when the article names days at all, or when it is over a year
    later than the latest year the article, its URL or its own datelines
    name. Publication beats update.

    >>> header = Dateline("2026-01-09", 0, weekday=True)
    >>> own = Dateline("2021-10-12", 2, clock=True, after_title=True)
    >>> choose_date([header, own]), choose_date([header], body="Chiều 12/10/2021, hai bên ký.")
    ('2021-10-12', None)
    >>> choose_date([header], body="Sáng 8/1, hai bên ký."), choose_date([header])
    ('2026-01-09', '2026-01-09')
    """
    from kg.lang.dates import reference_year

    years = [y for y in (reference_year(None, body), int(url_day[:4]) if url_day else None) if y]
    years += [int(d.iso[:4]) for d in found if d.after_title and not d.bare and d.key != "today"]
    latest = max(years, default=None)
    ranked = [(rank, d.line, d.iso) for d in found
              if (rank := _rank(d, latest, url_day, body, lang)) is not None]
    return min(ranked)[2] if ranked else None


def _rank(d: Dateline, latest: int | None, url_day: str | None, body: str, lang: str) -> int | None:
    """0 = best; ``None`` = not the article's date."""
    if d.key == "today":
        return None
    suspect = d.bare or not d.after_title
    if suspect:
        near, named = _near_named_day(d.iso, url_day, body, lang)
        late = latest is not None and int(d.iso[:4]) > latest + 1
        if not near and (late or named):
            return None                   # the capture date of a page about an older event
        if d.bare and not near:
            return 4
    return {"published": 0, "updated": 3}.get(d.key, 2 if suspect else 1)


def _near_named_day(iso: str, url_day: str | None, body: str, lang: str) -> tuple[bool, bool]:
    """(is ``iso`` at most ten days after a day the article names, or a month from its URL's day;
    does the article name any day)."""
    from kg.lang.dates import find_dates

    day = _date.fromisoformat(iso)
    named = [url_day] if url_day else []
    named += [d for pair in find_dates(body, lang, day.year) for d in pair if d and d[0] != "-"]
    for value in named:
        try:
            delta = (day - _date.fromisoformat(value)).days
        except ValueError:
            continue
        if -1 <= delta <= 10 or (value == url_day and abs(delta) <= 31):
            return True, True
    return False, bool(named)


def url_date(url: str) -> str | None:
    """A publication date in a URL path ("/2021/09/29/", "-20210929")."""
    dates = (_mkdate(int(m[1]), int(m[3]), int(m[4]))
             for m in _URL_DATE.finditer(re.sub(r"^https?://[^/]+", "", url)))
    return next((d for d in dates if d), None)


def iso_date(value: object) -> str | None:
    """A date given as metadata (corpus column, HTML meta, sidecar) as ISO ``YYYY-MM-DD``.

    Accepts ISO strings with or without time, written dates, ``date`` and
    ``datetime`` objects, and Unix timestamps in seconds or milliseconds.

    >>> iso_date("2021-09-29T10:00:00+07:00"), iso_date("29/09/2021"), iso_date(1632873600)
    ('2021-09-29', '2021-09-29', '2021-09-29')
    >>> iso_date("no date"), iso_date(None)
    (None, None)
    """
    from datetime import datetime, timezone

    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (_date, datetime)):
        return _mkdate(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return find_date(str(value)) if str(value).strip() else None
