"""Sentence splitting for scraped Vietnamese and English news, with offsets.

Scraped text often loses the space after a full stop ("Sputnik V.Nhận lời
mời"), so a boundary is also repaired when a sentence mark is glued to a
capitalised word; abbreviations, numbers, initials and domain names are not
split. Every sentence satisfies ``article.text[s.start:s.end] == s.text``.

>>> from kg.model import Article
>>> t = "Hợp tác vaccine\\nNga hỗ trợ Sputnik V.Nhận lời mời, ông Sơn thăm TP.HCM ngày 25-28/9.Tại đây, kim ngạch tăng 12,5%."
>>> a = Article(doc="d", text=t, title="Hợp tác vaccine", title_span=(0, 15), body=[(16, len(t))])
>>> [s.text for s in split_sentences(a)]
['Hợp tác vaccine', 'Nga hỗ trợ Sputnik V.', 'Nhận lời mời, ông Sơn thăm TP.HCM ngày 25-28/9.', 'Tại đây, kim ngạch tăng 12,5%.']
>>> [(s.start, s.end) for s in split_sentences(a)][:2]
[(0, 15), (16, 37)]
>>> sentence_bounds("Mr. J. Smith visited the U.S. on Monday. He met Dr. Lee at No. 5 St. James St.", lang="en")
[(0, 40), (41, 78)]
"""
from __future__ import annotations

import re
import unicodedata

from kg.model import Article, Sentence

__all__ = ["split_sentences", "sentence_bounds", "strip_credit", "glue_seam", "MAX_SENTENCE_CHARS",
           "CREDIT_WORDS", "CREDIT_START"]

# Relation extraction compares mentions with tokens within a sentence, so its
# cost grows with the square of a sentence's length. Real news sentences stay
# under ~500 characters; a longer run without a sentence mark (a list glued
# into one line, a damaged file) is cut into pieces of at most this size, at a
# space, so that one bad line costs time in proportion to its length.
MAX_SENTENCE_CHARS = 1200

_MARKS = re.compile(r"[.!?…;]+")
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
_WS = " \t\u00a0\u200b\u200c\u200d\ufeff\u3000"
# Bullets and stray marks left at a sentence edge ("/." of "./.", "- ").
_LEAD_JUNK = _WS + "-–—•*·/.;,:|>"
_TRAIL_JUNK = _WS + "-–—|(/"

# Words written with a final "." that do not end a sentence. Case matters:
# "No. 5" is an abbreviation, "said no. The" is not.
_ABBREV = frozenset(
    "Mr Mrs Ms Dr Prof St Mt Ft No Nos Gen Lt Col Maj Capt Sgt Cmdr Adm Gov Sen Rep Rev "
    "Pres Jr Sr Inc Ltd Co Corp Bros Dept Univ Ave Blvd Fig Vol Jan Feb Mar Apr Jun Jul "
    "Aug Sep Sept Oct Nov Dec vs etc approx al cf ca TP Tp TS Ts ThS PGS GS BS KS NXB "
    "Th Tr tr TT Q P".split())
_DOTTED = re.compile(r"(?:\w{1,3}\.)+\w{1,3}$")   # U.S  v.v  A.I  e.g  PGS.TS
_WORD_AT = re.compile(r"\w+")
_WORD_END = re.compile(r"\w+$")
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_LETTERS = re.compile(r"[^\W\d_]{3,}")

# After an initial ("J. Smith") a sentence starts only with these words.
_EN_STARTERS = frozenset(
    "The This That These Those It He She They We I In On At But However Meanwhile "
    "According A An Both Its His Her Their As After Before During Since While When "
    "Also Earlier Later Last Next There Here Under With For From Following".split())
_VI_STARTERS = frozenset("Theo Trong Khi Sau Tuy Nhưng Hai Các Những Ngày Năm Tại Với "
                         "Về Do Vì Nếu Ông Bà Anh Chị Họ Hiện Bên Cũng Còn Nhằm Song".split())
_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0306", "\u0302", "\u031b"}

# A photo credit at the end of a sentence: "... đàm. Ảnh: VGP/Nhật Bắc." or
# "(Photo: VNA)". Short on purpose: a credit names an agency or a person.
# The words that open a credit before its ":" ("Ảnh minh họa: TTXVN", "Photo: VNA").
CREDIT_WORDS = (r"(?:(?:Ảnh|Hình)(?: minh (?:họa|hoạ)| tư liệu| chụp màn hình)?|Photo|PHOTO|Image|Nguồn ảnh|"
                r"Photo credit|File photo)")
# A line that opens with a credit word is a caption ("Ảnh hưởng", influence, is not).
CREDIT_START = r"(?:Ảnh(?!\s+hưởng)|Photo|PHOTO|Image|Nguồn ảnh)\b"
_CREDIT_TAIL = re.compile(
    r"[\s\-–—|(]*\b" + CREDIT_WORDS + r"\s*:\s*[^\s:]+(?:\s+[^\s:]+){0,7}[.)|\s]*$"
    r"|[\s\-–—|]*\((?:Ảnh|Hình) (?:minh (?:họa|hoạ)|tư liệu)\)[.\s]*$")
# What every match of _CREDIT_TAIL contains (CREDIT_WORDS starts with one of these).
_CREDIT_OPENERS = ("Ảnh", "Hình", "Photo", "PHOTO", "Image", "Nguồn ảnh", "File photo")
_CREDIT_ONLY = re.compile(r"^[\s\-–—|(]*(?:" + CREDIT_START + "|" + CREDIT_WORDS + r"\s*:)")


def _vi_word(word: str) -> bool:
    return "đ" in word.lower() or any(c in _VI_MARKS for c in unicodedata.normalize("NFD", word))


def _capitalised(word: str) -> bool:
    # "Nhận", "Hai" but not "HCM", "VN" (acronyms after a dot are domains or names).
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word[1:])


def _is_boundary(text: str, seg: int, p0: int, p1: int, end: int, lang: str) -> bool:
    """Does the run of marks text[p0:p1] end a sentence?"""
    j = p1
    while j < end and text[j] in _WS:
        j += 1
    if j >= end:
        return True
    spaced, c = j > p1, text[j]
    marks = text[p0:p1].rstrip(_CLOSERS)
    nxt = _WORD_AT.match(text, j + (1 if c in _OPENERS else 0), end)
    nword = nxt.group() if nxt else ""
    # Look back a bounded window only: long unsplit lines must stay linear.
    back = max(seg, p0 - 40)
    prev = _WORD_END.search(text, back, p0)
    pword = prev.group() if prev else ""
    token = (text[back:p0].split() or [""])[-1]
    if set(marks) <= {";"}:
        return spaced and c.isupper()
    if "…" in marks or ".." in marks or set(marks) <= {"!", "?"}:
        return c.isupper() or (spaced and c in _OPENERS)
    if not spaced:
        # Repair "V.Nhận", "28/9.Tại", "nay.Việt", "Bắc.Hai"; keep "TP.HCM", "VOV.VN", "2.6".
        if not _capitalised(nword) or c in _OPENERS:
            return False
        if pword in _ABBREV or _DOTTED.search(token.rstrip(".")):
            return False
        return bool(pword) or text[p0 - 1] in _CLOSERS
    if not (c.isupper() or c.isdigit() or c in _OPENERS):
        return False
    if pword in _ABBREV or (pword.lower() in {"etc", "vs", "approx"}):
        return False
    if "." in token.rstrip(".") and _DOTTED.search(token.rstrip(".")):
        return False
    if len(pword) == 1 and pword.isupper() and marks == ".":
        # "J. Smith" is an initial; "Sputnik V. Đến nay" ends a sentence.
        if lang == "vi":
            return nword in _VI_STARTERS or _vi_word(nword)
        return nword in _EN_STARTERS
    if p0 - seg < 6 and text[seg:p0].strip(_WS).isdigit():
        return False                     # list marker "1. Hợp tác ..."
    return True


def sentence_bounds(text: str, start: int = 0, end: int | None = None,
                    lang: str = "vi") -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text[start:end]``, trimmed, credits cut off."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, end):
        a, b = line.start(), line.end()
        seg = a
        for m in _MARKS.finditer(text, a, b):
            p1 = m.end()
            while p1 < b and text[p1] in _CLOSERS:
                p1 += 1
            if m.start() >= seg and _is_boundary(text, seg, m.start(), p1, b, lang):
                out.extend(_clean(text, seg, p1))
                seg = p1
        out.extend(_clean(text, seg, b))
    return [piece for s, e in out for piece in _unglue(text, s, e)]


def _glue_at(word: str, k: int) -> bool:
    """Is ``word[k-1:k+1]`` ("NamPhía") the seam of two words whose space was lost?

    The right part must read as a word that opens a sentence (Vietnamese, or an
    English starter of three letters or more), so that names written in camel
    case ("AstraZeneca", "VinaCapital", "LinkedIn") stay whole.
    """
    left = word[max(0, k - 12):k]          # syllables are short: a bounded look keeps long junk linear
    head = max((j for j in range(len(left)) if left[j].isupper()), default=0)
    stop = next((j for j in range(k + 1, min(len(word), k + 14)) if not word[j].islower()), min(len(word), k + 14))
    right = word[k:stop]
    if len(left) - head < 2 or len(right) < 2 or not right[1:].islower():
        return False
    return _vi_word(right) or right in _VI_STARTERS or (len(right) >= 3 and right in _EN_STARTERS)


def glue_seam(text: str, s: int, e: int) -> int | None:
    """The first place in ``text[s:e]`` where two words lost the space between them: a
    lowercase letter or an acronym ("TTXVNPhía") before a word that opens a sentence."""
    for m in _LETTERS.finditer(text, s, e):
        word = m.group()
        if word[1:].islower():
            continue                    # no capital after the first letter: no seam
        for k in range(1, len(word)):
            if not word[k].isupper() or k + 1 >= len(word) or not word[k + 1].islower():
                continue
            if word[k - 1].islower() and _glue_at(word, k):
                return m.start() + k
            if word[:k].isupper() and k >= 2 and _glue_at(word[k - 2:k].lower() + word[k:], 2):
                return m.start() + k          # an agency's acronym glued to the next sentence
    return None


def _unglue(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split ``text[s:e]`` where a caption without a full stop ran into the next sentence
    ("... tại Việt NamPhía Mỹ cho biết ..."): no name may span the seam."""
    out: list[tuple[int, int]] = []
    for m in _LETTERS.finditer(text, s, e):
        word = m.group()
        if word[1:].islower():
            continue                    # no capital after the first letter: no seam
        for k in range(1, len(word)):
            if word[k - 1].islower() and word[k].isupper() and _glue_at(word, k):
                out.append((s, m.start() + k))
                s = m.start() + k
    out.append((s, e))
    return out


def strip_credit(text: str, s: int, e: int) -> tuple[int, int]:
    """Cut a trailing photo credit ("Ảnh: VGP/Nhật Bắc") off ``text[s:e]``."""
    piece = text[s:e]
    # The pattern is tried at every character: first look for a word every credit holds.
    m = _CREDIT_TAIL.search(text, s, e) if any(w in piece for w in _CREDIT_OPENERS) else None
    if m and m.start() > s:
        e = m.start()
    while e > s and text[e - 1] in _TRAIL_JUNK:
        e -= 1
    return s, e


def _clean(text: str, s: int, e: int) -> list[tuple[int, int]]:
    while s < e and text[s] in _LEAD_JUNK:
        s += 1
    while e > s and text[e - 1] in _WS:
        e -= 1
    piece = text[s:e]
    if not any(ch.isalnum() for ch in piece):
        return []
    # A piece that is only a credit ("Ảnh: VGP/Nhật Bắc.") carries no statement.
    if _CREDIT_ONLY.match(piece) and len(piece.split()) <= 10:
        return []
    s, e = strip_credit(text, s, e)
    if not any(ch.isalnum() for ch in text[s:e]):
        return []
    # "./." closes Vietnamese articles; the "/." is a marker, not part of the sentence.
    while text[s:e].endswith("/.") or text[s:e].endswith("/"):
        e -= 2 if text[s:e].endswith("/.") else 1
    return _pieces(text, s, e)


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` cut at spaces into pieces of at most :data:`MAX_SENTENCE_CHARS`."""
    out: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        cut = cut if cut > s else s + MAX_SENTENCE_CHARS      # no space at all: cut anywhere
        a, b = s, cut
        while b > a and text[b - 1] in _WS:
            b -= 1
        if b > a:
            out.append((a, b))
        s = cut
        while s < e and text[s] in _WS:
            s += 1
    if e > s:
        out.append((s, e))
    return out


def split_sentences(article: Article) -> list[Sentence]:
    """The title (index 0, ``is_title=True``) then the body sentences of ``article``."""
    out: list[Sentence] = []
    text, lang = article.text, article.lang

    def add(s: int, e: int, is_title: bool = False) -> None:
        out.append(Sentence(doc=article.doc, index=len(out), start=s, end=e,
                            text=text[s:e], lang=lang, is_title=is_title))

    if article.title_span:
        s, e = article.title_span
        while s < e and text[s] in _WS:
            s += 1
        while e > s and text[e - 1] in _WS:
            e -= 1
        if e > s:
            # A "title" longer than a sentence is a damaged line: only its first piece is read.
            add(*_pieces(text, s, e)[0], True)
    for s, e in article.body:
        for bs, be in sentence_bounds(text, s, e, lang):
            add(bs, be)
    return out
