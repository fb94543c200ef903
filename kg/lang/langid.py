"""Offline Vietnamese/English language identification, with no model.

Two kinds of evidence are combined. Letters that only Vietnamese uses (ă â đ ê
ô ơ ư and the five tone marks) are decisive when they are frequent; but English
news about Vietnam quotes diacritised names, and Vietnamese is often typed
without diacritics, so function words (diacritised and folded) decide the rest.

>>> detect_language("Việt Nam và Nga đã ký thỏa thuận hợp tác về vắc xin.")
'vi'
>>> detect_language("Vietnam and Russia signed an agreement on vaccine cooperation.")
'en'
>>> detect_language("Viet Nam va Nga da ky thoa thuan hop tac ve vac xin cua hai nuoc.")
'vi'
>>> detect_language("Foreign Minister Bùi Thanh Sơn met the Russian Deputy Prime Minister in Moscow.")
'en'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["detect_language", "vietnamese_letter_ratio"]

# Combining marks used by Vietnamese: grave, acute, tilde, hook above, dot
# below (tones) and breve, circumflex, horn (vowel letters).
_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0306", "\u0302", "\u031b"}

_WORD = re.compile(r"[^\W\d_]+")

# Diacritised function words (plus a few toneless ones that are not English).
_VI_WORDS = frozenset(
    "của và các những được cho với là đã trong không có này một người đến từ về cũng "
    "khi sẽ tại đang để nhiều nước ngày năm thì mà như vào hợp tác trước bộ trưởng "
    "chính phủ việt đối hệ giữa bên đó còn nhưng vì nên rất".split())

# Folded (no-diacritic) forms. Syllables that also occur in Vietnamese names
# written in English text (nam, hai, da, ha, noi, viet, ho, chinh, truong,
# dong, nhan, dan) or that are English words (he, do, to) are left out on
# purpose: "Viet Nam" or "Nhan Dan" must not vote for Vietnamese.
_VI_FOLDED = frozenset(
    "cua va cac nhung duoc cho voi la trong khong nay mot nguoi den ve cung khi se "
    "tai dang nhieu nuoc thi vao nhu hop tac sau truoc giua doi tiep tuc viec toi "
    "chung cuoc dieu".split())

_EN_WORDS = frozenset(
    "the of and to in is was with for on that as by at from are were has have be it "
    "its this an which said will their been had would not but they he she also after "
    "who more than into over about".split())


@lru_cache(maxsize=1 << 16)             # words recur: each is looked at once
def _has_vi_letter(word: str) -> bool:
    if "đ" in word or "Đ" in word:
        return True
    return any(ch in _VI_MARKS for ch in unicodedata.normalize("NFD", word))


def vietnamese_letter_ratio(text: str) -> float:
    """Share of words that carry a Vietnamese diacritic (0.0 for no words).

    >>> vietnamese_letter_ratio("Hà Nội is the capital")
    0.4
    """
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(1 for w in words if _has_vi_letter(w)) / len(words)


def detect_language(text: str) -> str:
    """Return ``"vi"`` or ``"en"`` for ``text``; ``"vi"`` when there is no evidence.

    The fallback matches :class:`kg.model.Article`'s default language.

    >>> detect_language("")
    'vi'
    >>> detect_language("Thu tuong Chinh phu da dien dam voi Thu tuong Han Quoc ve hop tac vaccine")
    'vi'
    """
    raw = _WORD.findall(text)
    if not raw:
        return "vi"
    # English quotes Vietnamese names with their diacritics, but names are
    # capitalised: diacritics on lowercase words are what Vietnamese prose shows.
    lower = [w for w in raw if w[0].islower()]
    pool, threshold = (lower, 0.4) if len(lower) >= 3 else (raw, 0.3)
    if sum(1 for w in pool if _has_vi_letter(w)) / len(pool) >= threshold:
        return "vi"
    words = [w.lower() for w in raw]
    vi_ratio = sum(1 for w in words if _has_vi_letter(w)) / len(words)
    vi = sum(1 for w in words if w in _VI_WORDS or w in _VI_FOLDED)
    en = sum(1 for w in words if w in _EN_WORDS)
    if vi != en:
        return "vi" if vi > en else "en"
    return "vi" if vi_ratio > 0.1 or not en else "en"
