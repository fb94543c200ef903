"""Bylines and sign-offs of scraped news: who wrote or compiled an article, and from which source.

>>> [is_byline(s) for s in ("Theo TTXVN", "Reporting by Jane Doe; Editing by John Smith", "Theo ông Sơn, hai bên đã ký.")]
[True, True, False]
"""
from __future__ import annotations

import re

from .chrome import SENT_END

__all__ = ["words", "is_namelike", "is_byline"]

_BYLINE = re.compile(
    r"\(?\s*(theo|nguồn|source|by|bởi|tác giả|reporter|phóng viên|pv|ghi chép|according to)\b"
    r"\s*(:?)\s*((?:[^.!?,;]|\.(?=\S)){1,60}?)\s*\)?\.?", re.I)
# Wire-service sign-offs: "Reporting by Jane Doe in Hanoi; Editing by John Smith".
_ROLE = (r"(?i:(?:additional |further )?reporting|writing|written|editing|edited|compiled|compiling|"
         r"translated|translation|graphics?|research|fact-checking)")
_NAME = r"[A-ZÀ-ỸĐ][\w'’.-]*(?:\s+[A-ZÀ-ỸĐ][\w'’.-]*){0,3}"
_CREDIT_PART = _ROLE + r"\s+(?i:by)\s+" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*(?:\s+in\s+" + _NAME + ")?"
_SIGNOFF = re.compile(r"\(?\s*" + _CREDIT_PART + r"(?:\s*[;,]\s*" + _CREDIT_PART + r")*\s*\)?\.?")
# What a byline says after the writer's name: compiled, or from whom.
_COMPILED_BY = re.compile(r"\s*\((?:t/h|th|tổng hợp|tổng hợp[^()]{0,30}|theo [^()]{1,30}|nguồn[^()]{1,30}|"
                          r"(?:TTXVN|VNA|AFP|Reuters|AP|VOV|VTV|Xinhua)[^()]{0,20})\)\.?$", re.I)


def words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’.][^\W_]+)*", s)


def is_namelike(s: str) -> bool:
    """A byline: 1–5 words, no sentence mark, in capitals or Capitalised Words."""
    w = words(s)
    if not 1 <= len(w) <= 5 or SENT_END.search(s) or re.search(r"[,;:!?]", s):
        return False
    return s.isupper() or all(x[0].isupper() for x in w)


def is_byline(s: str) -> bool:
    """ "Theo Hà Văn/site.vn", "(Theo TTXVN)", "Nguồn: VOV", "By Linh Pham",
    "Reporting by Jane Doe; Editing by John Smith"."""
    if _SIGNOFF.fullmatch(s):
        return True
    if (m := _COMPILED_BY.search(s)) and m.start() > 0 and is_namelike(s[:m.start()].strip()):
        return True                         # "Ngọc Anh (tổng hợp)", "Minh Hà (theo VTV)"
    m = _BYLINE.fullmatch(s)
    if not m or len(w := words(m.group(3))) > 6:
        return False
    # "Theo ông Sơn ..." opens a sentence; a source is a name, an agency or a site.
    caps = sum(1 for x in w if x[0].isupper())
    return bool(m.group(2)) or "/" in m.group(3) or caps * 2 > len(w)
