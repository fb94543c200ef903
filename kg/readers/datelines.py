"""Publication dates in datelines and URLs of scraped news.

>>> find_date("Thứ năm, 22/7/2021, 14:05 (GMT+7)", line=True)
'2021-07-22'
>>> url_date("https://x.example/2021/09/29/story.html")
'2021-09-29'
"""
from __future__ import annotations

import re
from datetime import date as _date

__all__ = ["find_date", "url_date", "iso_date"]


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’.][^\W_]+)*", s)

_MONTHS = {m: i + 1 for i, ms in enumerate((
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
    "aug august", "sep sept september", "oct october", "nov november", "dec december"))
    for m in ms.split()}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"), "dmy"),
    (re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})(?!\d)", re.I), "dmy"),
    (re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I), "mdy"),
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
        return iso if len(left) <= (4 if _DATE_KEYS.search(s) else 1) else None
    return None


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
