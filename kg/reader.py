"""Read messy scraped news files into :class:`~kg.model.Article` objects.

Nothing is deleted from the text: boilerplate (URL and date lines, bylines,
photo credits, related-news lists, share bars, agency tags) is recorded in
``Article.dropped`` and kept out of ``Article.body``, so every later offset
still points into the file's own (NFC) text.

>>> a = parse_article("https://x.vn/a.html\\nHai nước ký thỏa thuận hợp tác\\n"
...                   "Cập nhật: 08:30 22/07/2021\\n(TTXVN) - Việt Nam và Lào đã ký kết.\\nMinh Anh", doc="a")
>>> a.url, a.title, a.date, a.lang
('https://x.vn/a.html', 'Hai nước ký thỏa thuận hợp tác', '2021-07-22', 'vi')
>>> article_text(a)
'Việt Nam và Lào đã ký kết.'
>>> [r for _, _, r in a.dropped]
['url', 'date', 'agency-tag', 'byline']
"""
from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date as _date
from pathlib import Path

from kg.errors import InputNotFoundError, InputWarning
from kg.langid import detect_language
from kg.model import Article
from kg.sentences import sentence_bounds, strip_credit

__all__ = ["iter_input_files", "read_articles", "parse_article", "article_text", "find_date", "url_date"]

Warn = Callable[[str], None]
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
_BYLINE = re.compile(
    r"\(?\s*(theo|nguồn|source|by|bởi|tác giả|reporter|phóng viên|pv|ghi chép|according to)\b"
    r"\s*(:?)\s*((?:[^.!?,;]|\.(?=\S)){1,60}?)\s*\)?\.?", re.I)
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


def iter_input_files(paths: Iterable[str | Path] | str | Path, *,
                     warn: Warn | None = None) -> Iterator[Path]:
    """Files as given, folders walked recursively in sorted order.

    Hidden entries are skipped inside folders; each directory is entered once
    (by resolved path) so symlink loops end, and a file reached twice is read
    once. Every path is checked before the first file is yielded.
    """
    items = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    for p in items:
        if not p.exists():
            raise InputNotFoundError(str(p))
    seen: set[Path] = set()
    for p in items:
        if p.is_dir():
            yield from _walk(p, seen, warn or _default_warn)
        elif p.resolve() not in seen:
            seen.add(p.resolve())
            yield p


def _walk(folder: Path, seen: set[Path], warn: Warn) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as exc:
        warn(f"{InputWarning.code}: skipped folder {folder}: cannot list it ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen, warn)
        elif entry.is_file() and entry.resolve() not in seen:
            seen.add(entry.resolve())
            yield entry


def _default_warn(msg: str) -> None:
    warnings.warn(msg, InputWarning, stacklevel=3)


def read_articles(paths: Iterable[str | Path] | str | Path, *,
                  warn: Warn | None = None) -> Iterator[Article]:
    """Parse every readable text file under ``paths``; bad files are skipped with a warning."""
    emit = warn or _default_warn
    for path in iter_input_files(paths, warn=emit):
        text = _read_text(path, emit)
        if text is not None:
            yield parse_article(text, doc=path.stem, path=str(path))


def _read_text(path: Path, warn: Warn) -> str | None:
    try:
        text = _decode(path.read_bytes(), path, warn)
        why = "binary or undecodable content" if text is None else "empty file"
    except OSError as exc:
        text, why = None, f"cannot read it ({exc.strerror or exc})"
    text = unicodedata.normalize("NFC", text) if text else None
    if text is None or not text.strip(_WS + "\n\r"):
        warn(f"{InputWarning.code}: skipped {path}: {why}")
        return None
    return text


def _decode(data: bytes, path: Path, warn: Warn) -> str | None:
    boms = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
            (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    codec = next((c for bom, c in boms if data.startswith(bom)), None)
    if codec is None and b"\x00" in data:
        return None                      # NUL bytes without a UTF-16/32 BOM: binary
    texts = []
    for c in [codec] if codec else ["utf-8", "cp1258", "cp1252"]:
        try:
            texts.append((c, data.decode(c)))
        except UnicodeDecodeError:
            continue
        if c == "utf-8":
            break                        # valid UTF-8 is never reinterpreted
    texts = [(c, t) for c, t in texts if _looks_like_text(t)]
    if not texts:
        return None
    codec, text = texts[0]
    if codec in ("cp1258", "cp1252"):
        # cp1258 stores Vietnamese tones as combining marks; when the text shows
        # none of its letters it was Western European (cp1252) all along.
        if codec == "cp1258" and len(texts) > 1 and not (re.search("[ăđơưĂĐƠƯ\u0300-\u0323]", text)
                                                          and detect_language(text) == "vi"):
            codec, text = texts[1]
        warn(f"{InputWarning.code}: {path} is not valid UTF-8; decoded as {codec}")
    return text


def _looks_like_text(text: str) -> bool:
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
              and ch not in "\t\n\r\f\v")
    return bad <= len(text) * 0.02


# --------------------------------------------------------------------------- dates

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


# --------------------------------------------------------------------------- parsing

def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’.][^\W_]+)*", s)


def _is_share(s: str) -> bool:
    toks = [t.lower() for t in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", s)]
    return bool(toks) and all(t in _SHARE_WORDS for t in toks) and any(t in _SHARE_CORE for t in toks)


def _is_namelike(s: str) -> bool:
    """A byline: 1–5 words, no sentence mark, in capitals or Capitalised Words."""
    w = _words(s)
    if not 1 <= len(w) <= 5 or _SENT_END.search(s) or re.search(r"[,;:!?]", s):
        return False
    return s.isupper() or all(x[0].isupper() for x in w)


def _is_byline(s: str) -> bool:
    """ "Theo Hà Văn/site.vn", "(Theo TTXVN)", "Nguồn: VOV", "By Linh Pham"."""
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


def parse_article(text: str, *, doc: str, path: str = "") -> Article:
    """Split ``text`` into metadata, kept body spans and dropped boilerplate spans."""
    lines = [se for m in _LINE.finditer(text) if (se := _trim(text, m.start(), m.end()))[1] > se[0]]
    src = [text[s:e] for s, e in lines]
    n, date = len(lines), None
    kind: list[str | None] = [None] * n

    cut = next((i for i in range(1, n) if _RELATED_HEAD.fullmatch(src[i].rstrip(" :>»"))), n)
    urls = [(i >= cut, i, m.group(1)) for i, s in enumerate(src) if (m := _URL.fullmatch(s))]
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
    title_i = None
    for i in range(cut):
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
        kind[i] = ("share" if _is_share(s) else "related" if _RELATED_INLINE.match(s)
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
