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
from dataclasses import replace

from kg.lang.langid import detect_language
from kg.model import Article
from kg.lang.sentences import CREDIT_START, CREDIT_WORDS, glue_seam, sentence_bounds, strip_credit
from kg.lang.text import strip_marks

from .chrome import SENT_END as _SENT_END
from .chrome import (AD_MARK, chrome_kind, closes_article, has_photo_credit, is_alt_text, is_bullet_headline,
                     photo_credit_start)
from .bylines import is_byline, is_namelike, words
from .datelines import Dateline, choose_date, dateline, url_date

__all__ = ["parse_article", "article_text"]

_WS = " \t\u00a0\u200b\u200c\u200d\ufeff\u3000"
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_URL = re.compile(r"(?:(?:Nguồn|Source|Link|URL)\s*:\s*)?<?(https?://[^\s<>]+?)>?\s*$", re.I)

# Headers that open the related-news block: everything after them is a list of
# other articles' titles and teasers.
_RELATED_HEAD = re.compile(
    r"(?:tin|bài|bài viết|tin tức)\s+(?:liên quan|cùng chuyên mục|khác|mới(?: nhất)?)|"
    r"các tin (?:khác|đã đưa)|xem thêm|đọc thêm|có thể bạn quan tâm|"
    r"related(?: news| articles| stories| posts)?|read more|more news|more stories|"
    r"see also|you may (?:also )?like|recommended(?: for you)?|"
    r"(?:tin|bài)\s+(?:nổi bật|đọc nhiều(?: nhất)?|xem nhiều(?: nhất)?|tiêu điểm|cùng (?:chủ đề|danh mục))|"
    r"đọc nhiều nhất|xem nhiều nhất|most (?:read|popular|viewed)|latest news|top stories|trending", re.I)
# The same words followed by one link title on the same line ("Xem thêm: ...").
_RELATED_INLINE = re.compile(
    r"(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|read more|related|see also|"
    r"tags?|từ khóa|từ khoá|keywords?)\s*[:>»]", re.I)
def _matches(pattern: re.Pattern[str], line: str, *, full: bool = False) -> bool:
    """Match a marker as written, or typed without diacritics ("Tin lien quan")."""
    if full and len(line) > 80:
        return False                    # markers are short lines; folding long ones is costly
    folded = _FOLDED.get(pattern.pattern)
    if folded is None:
        folded = _FOLDED[pattern.pattern] = re.compile(strip_marks(pattern.pattern), pattern.flags)
    for pat, s in ((pattern, line), (folded, strip_marks(line if full else line[:80]))):
        if (pat.fullmatch(s) if full else pat.match(s)):
            return True
    return False


_FOLDED: dict[str, re.Pattern[str]] = {}
_CREDIT_LINE = re.compile(r"^[\-–—(|\s]*" + CREDIT_START + r"|\|$")
_CREDIT_WORD = re.compile(CREDIT_WORDS)
# Credits inside a line: "...đàm. Ảnh: VGP/Nhật Bắc.Hai thủ tướng" or "(Ảnh: TTXVN)".
# The credit ends at ")", "|", or a "." before a capitalised word or the end.
_CREDIT_IN = re.compile(
    r"[\-–—|(]?\s*\b" + CREDIT_WORDS + r"\s*:\s*[^|()\n]{1,60}?"
    r"(?:\)|\||\.(?=\s*$|\s*[^\W\d_][^\W\d_]*[a-zà-ỹđ])|$)")

# Where a clause ends: the unfinished one after the last of these is dropped.
_CLAUSE_MARKS = (",", ";", ":", " – ", " — ", " - ", " và ", " and ", " nhưng ", " but ", " đồng thời ")
_SOURCE_TAIL = re.compile(r"\s*\((?:Nguồn|Source)\s*:\s*[^()\n]{1,40}\)\.?$")
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

def _is_junk(s: str) -> bool:
    """A non-sentence: a breadcrumb, a pipe-separated stub, marks only, a heading stub."""
    if not any(ch.isalpha() for ch in s):
        return True
    return not _SENT_END.search(s) and (len(words(s)) <= 5 or _is_crumbs(s))


def _is_crumbs(s: str) -> bool:
    """A breadcrumb or menu: "Home > World > Asia", "Thời sự | Chính trị"."""
    parts = [p for p in re.split(r"\s[|>»›/]\s|\s?[|»›]\s?", s) if p.strip()]
    return len(parts) >= 2 and all(len(words(p)) <= 4 for p in parts) and not _SENT_END.search(s)


def _is_title(s: str) -> bool:
    return 3 <= len(words(s)) <= 30 and (not s.endswith(".") or s.endswith("..."))


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
    n = len(lines)
    kind: list[str | None] = [None] * n
    title_i = 0 if title_first and n else None
    if title_i is not None:
        kind[0] = "title"

    cut, url, found = _mark_page_lines(src, kind)
    title_i = _find_title(src, kind, cut, title_i, text, lines)
    title = src[title_i] if title_i is not None else None
    body_idx = [i for i in range(cut) if kind[i] is None]
    _classify_body(text, lines, src, kind, body_idx, title)

    dropped: list[tuple[int, int, str]] = []
    for i, (s, e) in enumerate(lines):
        if kind[i] == "related" and dropped and dropped[-1][2] == "related" and i > cut:
            dropped[-1] = (dropped[-1][0], e, "related")   # one span for the whole block
        elif kind[i] not in (None, "title"):
            dropped.append((s, e, kind[i]))
    kept = [i for i in body_idx if kind[i] is None]
    body: list[tuple[int, int]] = []
    for k, i in enumerate(kept):
        body.extend(_line_spans(text, *lines[i], lead=k < 3, last=k == len(kept) - 1, dropped=dropped))
    title_span = _title_span(text, *lines[title_i], dropped) if title_i is not None else None
    title = text[title_span[0]:title_span[1]] if title_span else None
    sample = " ".join([title or ""] + [text[s:e] for s, e in body[:40]])
    lang = detect_language(sample)
    if n and body and body[-1][1] == lines[-1][1]:
        _drop_truncated_tail(text, body, dropped, lang)   # the page stops here: maybe mid-sentence
    dropped.sort()

    after = [replace(d, after_title=title_i is not None and d.line > title_i) for d in found]
    url_day = url_date(url) if url else None
    own = "\n".join(text[s:e] for s, e in body)
    date = choose_date(after, url_day=url_day, body=own, lang=lang) or url_day
    return Article(doc=doc, text=text, path=path, url=url, title=title, title_span=title_span,
                   date=date, lang=lang, body=body, dropped=dropped)


def _mark_page_lines(src: list[str], kind: list[str | None]) -> tuple[int, str | None, list[Dateline]]:
    """Mark the related block, URL, date and chrome lines; return where the related
    block starts, the page's URL and its datelines."""
    n = len(src)
    # The related-news block follows the article; a box of headlines in the site
    # header, above the first paragraph, must not cut the article away.
    first = next((i for i in range(n) if len(words(src[i])) >= 5 and _SENT_END.search(src[i])), n)
    heads = [i for i in range(n) if kind[i] is None and _matches(_RELATED_HEAD, src[i].rstrip(" :>»"), full=True)]
    cut = next((i for i in heads if i > first), n)
    for i in heads:
        if i < cut:
            kind[i] = "related"
    urls = [(i >= cut, i, m.group(1)) for i, s in enumerate(src) if kind[i] is None and (m := _URL.fullmatch(s))]
    for _, i, _u in urls:
        kind[i] = "url"
    # A URL line inside the related block may be the article's own; use it last.
    url = min(urls)[2] if urls else None
    found: list[Dateline] = []
    for i in range(n):
        if kind[i] is None and i >= cut:
            kind[i] = "related"
        elif kind[i] is None and (d := dateline(src[i], i)):
            kind[i] = "date"
            found.append(d)
        elif kind[i] is None:
            kind[i] = chrome_kind(src[i])      # hotlines, share bars, players, ads: before the title is sought
    return cut, url, found


def _title_span(text: str, s: int, e: int, dropped: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The headline without a photo credit: a page captured without its headline starts
    with the lead photo's caption, which then stands for it ("... Aurélia Nguyen (Photo: VNA)")."""
    _, ce = strip_credit(text, s, e)
    if (k := photo_credit_start(text[s:ce])) is not None:
        ce = s + k
    a, b = _trim(text, s, ce)
    if b <= a or b == e:
        return s, e
    dropped.append((*_trim(text, b, e), "caption"))
    return a, b


def _find_title(src: list[str], kind: list[str | None], cut: int, title_i: int | None,
                text: str, lines: list[tuple[int, int]]) -> int | None:
    """The first line long enough to be a headline; shorter stubs before it are tags."""
    if title_i is not None:
        return title_i
    for i in range(cut):
        if kind[i]:
            continue
        if len(words(src[i])) < 3 or _is_crumbs(src[i]):
            kind[i] = "junk"
            continue
        if _is_title(src[i]) and not _CREDIT_LINE.search(src[i]):
            kind[i] = "title"
            return i
        return None
    return None


def _classify_body(text: str, lines: list[tuple[int, int]], src: list[str], kind: list[str | None],
                   body_idx: list[int], title: str | None) -> None:
    """Set ``kind`` of the lines around the text: bylines, captions, lists, trailers, junk."""
    for i in body_idx:
        s = src[i]
        kind[i] = ("related" if _matches(_RELATED_INLINE, s)
                   else "byline" if is_byline(s)
                   else "caption" if (_CREDIT_LINE.search(s) or has_photo_credit(s) or is_alt_text(s, title)
                                      or _caption_with_credit(text, *lines[i]))
                   else None)
    kept = [i for i in body_idx if kind[i] is None]
    _drop_headline_lists(src, kind, kept)
    kept = [i for i in kept if kind[i] is None]
    # Bylines close the article (or sit under the title); a name-like stub
    # anywhere else is a heading or caption stub.
    for i in reversed(kept):
        if not is_namelike(src[i]):
            break
        kind[i] = "byline"
    for i in kept:
        if kind[i] or not is_namelike(src[i]):
            break
        kind[i] = "byline"
    for i in kept:
        kind[i] = kind[i] or ("junk" if _is_junk(src[i]) else None)
    # An image's alternative text and its caption print the same line twice in a row;
    # a paragraph printed twice is read once.
    kept = [i for i in kept if kind[i] is None]
    for a, b in zip(kept, kept[1:]):
        if src[a] == src[b]:
            one = len(sentence_bounds(text, *lines[a])) <= 1
            kind[b] = "caption" if one else "duplicate"
            kind[a] = "caption" if one else kind[a]
    # After "./." or "— VNS" the article is over: what follows is the site's.
    kept = [i for i in kept if kind[i] is None]
    end = next((k for k, i in enumerate(kept) if closes_article(src[i])), len(kept))
    for i in kept[end + 1:]:
        kind[i] = "trailer"


def _drop_headline_lists(src: list[str], kind: list[str | None], kept: list[int]) -> None:
    """Bulleted headlines with no sentence mark list other articles ("- Lào nhận thêm vắc xin"),
    unless a line ending in ":" introduces them as the article's own list."""
    k = 0
    while k < len(kept):
        if not is_bullet_headline(src[kept[k]]):
            k += 1
            continue
        end = k
        while end < len(kept) and is_bullet_headline(src[kept[end]]):
            end += 1
        if k == 0 or not src[kept[k - 1]].rstrip().endswith(":"):
            for i in kept[k:end]:
                kind[i] = "related"
        k = end


def _line_spans(text: str, s: int, e: int, *, lead: bool, last: bool,
                dropped: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The kept spans of one body line; advertisement marks, agency tags, glued bylines,
    captions and photo credits go to ``dropped``."""
    out: list[tuple[int, int]] = []
    for a, b in _cut_ads(text, s, e, dropped):
        if lead and (m := _TAG.match(text, a, b)) and m.end() < b:
            dropped.append((*_trim(text, a, m.end()), "agency-tag"))
            a = m.end()
        if last and (m := _GLUED.search(text, a, b)) and m.start(1) > a \
                and is_namelike(m.group(1).strip("()")):
            dropped.append((m.start(1), b, "byline"))   # "...hai nước.Thành Nam"
            b = m.start(1)
        out.extend(_cut_credits(text, a, b, dropped, lead=lead))
    return out


def _cut_ads(text: str, s: int, e: int, dropped: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """``text[s:e]`` without its "[ad_1]" marks."""
    out: list[tuple[int, int]] = []
    for m in AD_MARK.finditer(text, s, e):
        if (piece := _trim(text, s, m.start()))[1] > piece[0]:
            out.append(piece)
        dropped.append((m.start(), m.end(), "ad"))
        s = m.end()
    if (piece := _trim(text, s, e))[1] > piece[0]:
        out.append(piece)
    return out


def _drop_truncated_tail(text: str, body: list[tuple[int, int]], dropped: list[tuple[int, int, str]],
                         lang: str) -> None:
    """A page captured up to a length stops mid-sentence: the clause it stops in states
    nothing for sure, the clauses before it do ("..., bao gồm COVAX của WHO, vi")."""
    s, e = body[-1]
    if closes_article(text[s:e]):
        return
    sents = sentence_bounds(text, s, e, lang)
    if not sents or _SENT_END.search(text[sents[-1][0]:sents[-1][1]]):
        return
    a, b = sents[-1]
    before = text[s:a].rstrip(_WS)
    if before and not _SENT_END.search(before):
        return          # a piece of an endless line cut for length: a damaged line, not a cut page
    clause = max(text.rfind(mark, a, b) for mark in _CLAUSE_MARKS)
    if clause > a and any(ch.isalpha() for ch in text[a:clause]):
        a, b = _trim(text, s, clause)
        while b > a and text[b - 1] in ",;:–—- ":
            b -= 1
        body[-1] = (a, b)
        dropped.append((*_trim(text, clause, e), "truncated"))
    elif len(sents) > 1:
        body[-1] = (s, sents[-2][1])
        dropped.append((a, e, "truncated"))
    elif len(body) > 1:
        body.pop()
        dropped.append((s, e, "truncated"))


def _caption_with_credit(text: str, s: int, e: int) -> bool:
    """A line that is one sentence plus a trailing photo credit is a caption."""
    if (m := _SOURCE_TAIL.search(text, s, e)) and m.start() > s:
        return len(sentence_bounds(text, s, m.start())) <= 1     # "... Prayut. (Nguồn: TTXVN)"
    cs, ce = strip_credit(text, s, e)
    if ce >= e or _CREDIT_WORD.match(text[ce:e].strip(" -–—|(")) is None:
        return False
    # "Ảnh: VGP/Nhật Bắc.Hai bên ký kết.": a sentence glued after the credit is the article's.
    glued = sentence_bounds(text, ce, e) or glue_seam(text, ce, e) is not None
    return not glued and len(sentence_bounds(text, cs, ce)) <= 1


def _cut_credits(text: str, s: int, e: int, dropped: list[tuple[int, int, str]],
                 lead: bool = False) -> Iterator[tuple[int, int]]:
    first = True
    while m := _CREDIT_IN.search(text, s, e):
        a, b = _trim(text, s, m.start())
        # A credit glued to the next sentence ends at the seam ("Ảnh: TTXVNPhía Lào ...").
        end = glue_seam(text, m.start(), m.end()) or m.end()
        # One sentence, then a credit, then more text: the sentence is the photo's caption
        # ("... on August 25 (Photo: VNA)Hanoi (VNA) – ...").
        caption = first and b > a and len(sentence_bounds(text, a, b)) <= 1 and end < e
        if b > a:
            if caption:
                dropped.append((a, b, "caption"))
            else:
                yield a, b
        dropped.append((*_trim(text, m.start(), end), "caption"))
        s, first = end, False
        if caption and lead and (t := _TAG.match(text, *_trim(text, s, e))) and t.end() < e:
            dropped.append((*_trim(text, t.start(), t.end()), "agency-tag"))
            s = t.end()
    a, b = _trim(text, s, e)
    if b > a and any(ch.isalnum() for ch in text[a:b]):
        yield a, b
    elif b > a:
        dropped.append((a, b, "junk"))


def article_text(article: Article) -> str:
    """The kept body of ``article`` (title excluded), one span per line."""
    return "\n".join(article.text[s:e] for s, e in article.body)
