"""Line analysis of one scraped news text: metadata, kept body, dropped boilerplate.

Nothing is deleted from the text: boilerplate (URL and date lines, bylines,
photo credits, related-news lists, share bars, agency tags) is recorded in
``Article.dropped`` and kept out of ``Article.body``, so every later offset
still points into the article's own (NFC) text.

>>> a = parse_article("Australia and Laos sign a health pact\\n"
...                   "Reporting by Jane Doe; Editing by John Smith", doc="a", title_first=True)
>>> a.title, [r for _, _, r in a.dropped]
('Australia and Laos sign a health pact', ['byline'])
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.langid import detect_language
from kg.model import Article
from kg.sentences import sentence_bounds, strip_credit
from kg.text import strip_marks

from .datelines import find_date, url_date

__all__ = ["parse_article", "article_text"]

_WS = " \t\u00a0\u200b\u200c\u200d\ufeff\u3000"
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_URL = re.compile(r"(?:(?:Nguồn|Source|Link|URL)\s*:\s*)?<?(https?://[^\s<>]+?)>?\s*$", re.I)
_SENT_END = re.compile(r"[.!?…:;\"”’)]$")

# Headers that open the related-news block: everything after them is a list of
# other articles' titles and teasers.
_RELATED_HEAD = re.compile(
    r"(?:tin|bài|bài viết|tin tức)\s+(?:liên quan|cùng chuyên mục|khác|mới(?: nhất)?)|"
    r"các tin (?:khác|đã đưa)|xem thêm|đọc thêm|có thể bạn quan tâm|"
    r"related(?: news| articles| stories| posts)?|read more|more news|more stories|"
    r"see also|you may (?:also )?like|recommended(?: for you)?", re.I)
# The same words followed by one link title on the same line ("Xem thêm: ...").
_RELATED_INLINE = re.compile(
    r"(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|read more|related|see also|"
    r"tags?|từ khóa|từ khoá|keywords?)\s*[:>»]", re.I)
_SHARE_WORDS = frozenset(
    "chia sẻ share facebook twitter zalo email e-mail print in bài gửi tweet linkedin "
    "pinterest copy link sao chép bình luận comment comments like thích lưu save tin "
    "whatsapp telegram messenger reddit x".split())
_SHARE_CORE = frozenset("chia share facebook twitter zalo tweet linkedin".split())


def _matches(pattern: re.Pattern[str], line: str, *, full: bool = False) -> bool:
    """Match a marker as written, or typed without diacritics ("Tin lien quan")."""
    folded = _FOLDED.setdefault(pattern.pattern, re.compile(strip_marks(pattern.pattern), pattern.flags))
    for pat, s in ((pattern, line), (folded, strip_marks(line))):
        if (pat.fullmatch(s) if full else pat.match(s)):
            return True
    return False


_FOLDED: dict[str, re.Pattern[str]] = {}
# "chia se" typed without marks is "chia sẻ"
_SHARE_FOLDED = {strip_marks(w): w for w in _SHARE_WORDS if strip_marks(w) != w}
_BYLINE = re.compile(
    r"\(?\s*(theo|nguồn|source|by|bởi|tác giả|reporter|phóng viên|pv|ghi chép|according to)\b"
    r"\s*(:?)\s*((?:[^.!?,;]|\.(?=\S)){1,60}?)\s*\)?\.?", re.I)
# Wire-service sign-offs: "Reporting by Jane Doe in Hanoi; Editing by John Smith".
_ROLE = (r"(?i:(?:additional |further )?reporting|writing|written|editing|edited|compiled|compiling|"
         r"translated|translation|graphics?|research|fact-checking)")
_NAME = r"[A-ZÀ-ỸĐ][\w'’.-]*(?:\s+[A-ZÀ-ỸĐ][\w'’.-]*){0,3}"
_CREDIT_PART = _ROLE + r"\s+(?i:by)\s+" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*(?:\s+in\s+" + _NAME + ")?"
_SIGNOFF = re.compile(r"\(?\s*" + _CREDIT_PART + r"(?:\s*[;,]\s*" + _CREDIT_PART + r")*\s*\)?\.?")
_CREDIT_LINE = re.compile(r"^[\-–—(|\s]*(?:Ảnh|Photo|PHOTO|Image|Nguồn ảnh|Ảnh minh họa)\b|\|$")
# Credits inside a line: "...đàm. Ảnh: VGP/Nhật Bắc.Hai thủ tướng" or "(Ảnh: TTXVN)".
# The credit ends at ")", "|", or a "." before a capitalised word or the end.
_CREDIT_IN = re.compile(
    r"[\-–—|(]?\s*\b(?:Ảnh|Photo|PHOTO|Image|Nguồn ảnh)\s*:\s*[^|()\n]{1,60}?"
    r"(?:\)|\||\.(?=\s*$|\s*[^\W\d_][^\W\d_]*[a-zà-ỹđ])|$)")

_GLUED = re.compile(r"(?<=[.!?…])\s*(\(?(?:Theo\s+)?(?:[A-ZÀ-ỸĐ][\w/.]*\s?){1,4}\)?)$")
# Agency tags and datelines at the start of a paragraph.
_AGENCIES = ("TTXVN|VNA|AFP|AP|Reuters|REUTERS|VOV|VTV|VTC|NDO|VNS|VGP|TTO|SGGP|ANTĐ|"
             "QĐND|CAND|Xinhua|XINHUA|Bloomberg|Sputnik|TASS|Yonhap|Kyodo|Bernama|CNA")
_TAG = re.compile(
    r"(?:\((?:[^()\n]{2,25})\)"                                   # (BKTO) -
    r"|[A-ZĐ][\w]*(?:\.[A-Za-z]{2,4})+"                           # VOV.VN –
    r"|(?:" + _AGENCIES + r")"                                     # TTXVN -
    r"|(?:[A-ZÀ-ỸĐ][\wÀ-ỹ'’.]*,?\s+){0,3}[A-ZÀ-ỸĐ][\wÀ-ỹ'’.]*"  # HÀ NỘI / Hanoi
    r"(?:,\s*[^()\n]{1,25})?\s*\((?:[^()\n]{2,25})\))"            # , Sept 28 (Reuters)
    r"\s*[-–—:]\s+")


# --------------------------------------------------------------------------- parsing

def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’.][^\W_]+)*", s)


def _is_share(s: str) -> bool:
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", s)]
    toks = [_SHARE_FOLDED.get(t, t) for t in toks]
    return bool(toks) and all(t in _SHARE_WORDS for t in toks) and any(t in _SHARE_CORE for t in toks)


def _is_namelike(s: str) -> bool:
    """A byline: 1–5 words, no sentence mark, in capitals or Capitalised Words."""
    w = _words(s)
    if not 1 <= len(w) <= 5 or _SENT_END.search(s) or re.search(r"[,;:!?]", s):
        return False
    return s.isupper() or all(x[0].isupper() for x in w)


def _is_byline(s: str) -> bool:
    """ "Theo Hà Văn/site.vn", "(Theo TTXVN)", "Nguồn: VOV", "By Linh Pham",
    "Reporting by Jane Doe; Editing by John Smith"."""
    if _SIGNOFF.fullmatch(s):
        return True
    m = _BYLINE.fullmatch(s)
    if not m or len(w := _words(m.group(3))) > 6:
        return False
    # "Theo ông Sơn ..." opens a sentence; a source is a name, an agency or a site.
    caps = sum(1 for x in w if x[0].isupper())
    return bool(m.group(2)) or "/" in m.group(3) or caps * 2 > len(w)


def _is_junk(s: str) -> bool:
    """A non-sentence: a breadcrumb, a pipe-separated stub, marks only, a heading stub."""
    if not any(ch.isalpha() for ch in s):
        return True
    return not _SENT_END.search(s) and (len(_words(s)) <= 5 or _is_crumbs(s))


def _is_crumbs(s: str) -> bool:
    """A breadcrumb or menu: "Home > World > Asia", "Thời sự | Chính trị"."""
    parts = [p for p in re.split(r"\s[|>»›/]\s|\s?[|»›]\s?", s) if p.strip()]
    return len(parts) >= 2 and all(len(_words(p)) <= 4 for p in parts) and not _SENT_END.search(s)


def _is_title(s: str) -> bool:
    return 3 <= len(_words(s)) <= 30 and (not s.endswith(".") or s.endswith("..."))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    piece = text[s:e]
    left, right = len(piece) - len(piece.lstrip(_WS)), len(piece.rstrip(_WS))
    return (s + left, s + right) if right > left else (s, s)


def parse_article(text: str, *, doc: str, path: str = "", title_first: bool = False) -> Article:
    """Split ``text`` into metadata, kept body spans and dropped boilerplate spans.

    With ``title_first`` the first line is the title whatever it looks like
    (HTML pages and corpus rows know their title; plain files are guessed).
    """
    lines = [se for m in _LINE.finditer(text) if (se := _trim(text, m.start(), m.end()))[1] > se[0]]
    src = [text[s:e] for s, e in lines]
    n, date = len(lines), None
    kind: list[str | None] = [None] * n
    title_i = 0 if title_first and n else None
    if title_i is not None:
        kind[0] = "title"

    cut = next((i for i in range(1, n) if _matches(_RELATED_HEAD, src[i].rstrip(" :>»"), full=True)), n)
    urls = [(i >= cut, i, m.group(1)) for i, s in enumerate(src) if kind[i] is None and (m := _URL.fullmatch(s))]
    for _, i, _u in urls:
        kind[i] = "url"
    # A URL line inside the related block may be the article's own; use it last.
    url = min(urls)[2] if urls else None
    for i in range(n):
        if kind[i] is None and i >= cut:
            kind[i] = "related"
        elif kind[i] is None and (d := find_date(src[i], line=True)):
            kind[i], date = "date", date or d

    # Title: the first line long enough to be one; shorter stubs before it are tags.
    for i in range(cut if title_i is None else 0):
        if kind[i]:
            continue
        if len(_words(src[i])) < 3 or _is_crumbs(src[i]):
            kind[i] = "junk"
        else:
            if _is_title(src[i]) and not _is_share(src[i]) and not _CREDIT_LINE.search(src[i]):
                title_i, kind[i] = i, "title"
            break

    body_idx = [i for i in range(cut) if kind[i] is None]
    for i in body_idx:
        s = src[i]
        kind[i] = ("share" if _is_share(s) else "related" if _matches(_RELATED_INLINE, s)
                   else "byline" if _is_byline(s)
                   else "caption" if _CREDIT_LINE.search(s) or _caption_with_credit(text, *lines[i])
                   else None)
    kept = [i for i in body_idx if kind[i] is None]
    # Bylines close the article (or sit under the title); a name-like stub
    # anywhere else is a heading or caption stub.
    for i in reversed(kept):
        if not _is_namelike(src[i]):
            break
        kind[i] = "byline"
    for i in kept:
        if kind[i] or not _is_namelike(src[i]):
            break
        kind[i] = "byline"
    for i in kept:
        kind[i] = kind[i] or ("junk" if _is_junk(src[i]) else None)

    dropped: list[tuple[int, int, str]] = []
    body: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        if kind[i] == "related" and dropped and dropped[-1][2] == "related" and i > cut:
            dropped[-1] = (dropped[-1][0], e, "related")   # one span for the whole block
        elif kind[i] not in (None, "title"):
            dropped.append((s, e, kind[i]))
    kept = [i for i in body_idx if kind[i] is None]
    for k, i in enumerate(kept):
        s, e = lines[i]
        if k < 3 and (m := _TAG.match(text, s, e)) and m.end() < e:
            dropped.append((*_trim(text, s, m.end()), "agency-tag"))
            s = m.end()
        if k == len(kept) - 1 and (m := _GLUED.search(text, s, e)) and m.start(1) > s \
                and _is_namelike(m.group(1).strip("()")):
            dropped.append((m.start(1), e, "byline"))   # "...hai nước.Thành Nam"
            e = m.start(1)
        body.extend(_cut_credits(text, s, e, dropped))
    dropped.sort()

    title_span = lines[title_i] if title_i is not None else None
    title = text[title_span[0]:title_span[1]] if title_span else None
    date = date or (url_date(url) if url else None)
    sample = " ".join([title or ""] + [text[s:e] for s, e in body[:40]])
    return Article(doc=doc, text=text, path=path, url=url, title=title, title_span=title_span,
                   date=date, lang=detect_language(sample), body=body, dropped=dropped)


def _caption_with_credit(text: str, s: int, e: int) -> bool:
    """A line that is one sentence plus a trailing photo credit is a caption."""
    cs, ce = strip_credit(text, s, e)
    return ce < e and text[ce:e].strip(" -–—|(").startswith(("Ảnh", "Photo", "PHOTO", "Image", "Nguồn")) \
        and len(sentence_bounds(text, cs, ce)) <= 1


def _cut_credits(text: str, s: int, e: int,
                 dropped: list[tuple[int, int, str]]) -> Iterator[tuple[int, int]]:
    for m in _CREDIT_IN.finditer(text, s, e):
        a, b = _trim(text, s, m.start())
        if b > a:
            yield a, b
        dropped.append((*_trim(text, m.start(), m.end()), "caption"))
        s = m.end()
    a, b = _trim(text, s, e)
    if b > a and any(ch.isalnum() for ch in text[a:b]):
        yield a, b
    elif b > a:
        dropped.append((a, b, "junk"))




def article_text(article: Article) -> str:
    """The kept body of ``article`` (title excluded), one span per line."""
    return "\n".join(article.text[s:e] for s, e in article.body)
