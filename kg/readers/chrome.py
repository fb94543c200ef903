"""Page chrome of scraped news: the lines a site prints around every article.

Hotlines and e-mail lines, copyright footers, share bars and "follow us"
prompts, audio players, comment boxes, advertisement markers (``[ad_1]``,
"ADVERTISEMENT"), image placeholders ("<headline> - Ảnh 1", "photo.jpg") and
photo credits carry no statement of the article. Each test here recognises a
class of line by its form, never a site.

>>> [chrome_kind(s) for s in ("Hotline: 0912 345 678", "[ad_1]", "Theo dõi Báo Tin Nhanh trên Google News",
...                           "Hai bên đã ký thỏa thuận hợp tác.")]
['contact', 'ad', 'share', None]
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lang.text import strip_marks

__all__ = ["SENT_END", "chrome_kind", "is_share", "is_alt_text", "has_photo_credit", "photo_credit_start", "is_bullet_headline",
           "closes_article", "AD_MARK"]

# A line that ends like a sentence (or a quotation, or a list's lead-in).
SENT_END = re.compile(r"[.!?…:;\"”’)]$")


def _letters(s: str) -> list[str]:
    return [t.lower() for t in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", s)]


_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _only(words: list[str], vocabulary: frozenset[str], core: frozenset[str]) -> bool:
    """All words from ``vocabulary`` (as written, or typed without marks), one of them from ``core``."""
    if (folded := _FOLDED_WORDS.get(vocabulary)) is None:
        folded = _FOLDED_WORDS[vocabulary] = {strip_marks(w): w for w in vocabulary if strip_marks(w) != w}
    words = [folded.get(w, w) for w in words]
    return bool(words) and all(w in vocabulary for w in words) and any(w in core for w in words)


_FOLDED_WORDS: dict[frozenset[str], dict[str, str]] = {}


# ----------------------------------------------------------------------- share bars, players

_SHARE_WORDS = frozenset(
    "chia sẻ share facebook twitter zalo email e-mail print in bài gửi tweet linkedin "
    "pinterest copy link sao chép bình luận comment comments like thích lưu save tin "
    "whatsapp telegram messenger reddit x viết this article on lên qua via cỡ chữ font size "
    "đường dẫn liên kết url a".split())
_SHARE_CORE = frozenset("chia share facebook twitter zalo tweet linkedin print cỡ font".split())
# "Theo dõi Báo X trên Google News", "Follow us on Facebook": a prompt, cut short or not.
_FOLLOW = re.compile(
    r"(?:mời (?:bạn|quý vị|độc giả) )?(?:theo dõi|follow(?: us)?|đăng ký kênh|subscribe)\b.{0,80}?"
    r"(?:\b(?:trên|tại|qua|on|at)|google news|youtube|fanpage|facebook|zalo|tiktok)\s*[.!:]?", re.I)
_FOLLOW_FOLDED = re.compile(strip_marks(_FOLLOW.pattern), re.I)   # typed without diacritics
_PLAYER_WORDS = frozenset(
    "nghe đọc bài viết tin giọng nam nữ miền bắc trung tốc độ chuẩn nhanh chậm tạm dừng phát lại "
    "listen to this article audio play pause speed voice normal x ai".split())
_PLAYER_CORE = frozenset("nghe giọng listen audio voice".split())


def is_share(s: str, words: int | None = None) -> bool:
    """A share bar ("Chia sẻ Facebook Zalo") or a "follow us" prompt (``words``: its word count, if known)."""
    if len(s) > 160:
        return False
    if _only(_letters(s), _SHARE_WORDS, _SHARE_CORE):
        return True
    return (len(_words(s)) if words is None else words) <= 12 and bool(_FOLLOW.fullmatch(s.strip()) or
                                         _FOLLOW_FOLDED.fullmatch(strip_marks(s.strip())))


def _is_player(s: str, n: int) -> bool:
    """An audio player's controls: "Nghe bài viết", "Giọng nam miền Bắc", "Listen to this article"."""
    return len(s) <= 160 and n <= 16 and _only(_letters(s), _PLAYER_WORDS, _PLAYER_CORE)


# ----------------------------------------------------------------------- contacts, footers, ads, comments

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s.()-]{6,}\d(?![\w/])")
_CONTACT = re.compile(
    r"[\W_]*(?:hotline|đường dây nóng|e-?mail|điện thoại|đt|tel|phone|fax|liên hệ(?: quảng cáo)?|"
    r"contact(?: us)?|tòa soạn|toà soạn|trụ sở(?: chính)?|địa chỉ|address|hỗ trợ kỹ thuật)\b\s*([:：]?)", re.I)
_FOOTER = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|bản quyền thuộc|all rights reserved|"
    r"giấy phép (?:số|hoạt động|xuất bản|thiết lập)|(?:phó )?tổng biên tập\s*:|ghi rõ nguồn|\bissn\b|"
    r"chịu trách nhiệm (?:xuất bản|nội dung)|cơ quan chủ quản", re.I)
# "[ad_1]" is left in the text by the WordPress plugins that copy news from other sites.
AD_MARK = re.compile(r"\[\s*ad[_\s-]?\d*\s*\]", re.I)
_AD_LINE = re.compile(r"[\W_]*(?:advertisement|advertising|quảng cáo|sponsored(?: content)?|nội dung tài trợ|"
                      r"scroll to continue(?: with content)?|continue reading below)[\W_]*", re.I)
_COMMENT_HEAD = re.compile(r"(?:\d+\s+)?(?:bình luận|ý kiến(?: bạn đọc)?|gửi (?:bình luận|ý kiến)|viết bình luận|"
                           r"trả lời|comments?|leave a (?:comment|reply)|reply)\b", re.I)
_COMMENT_ANY = re.compile(r"bình luận|comment", re.I)
_TO_READER = re.compile(r"\b(?:bạn|vui lòng|xin|please|you|your|đăng nhập|log in|sign in)\b", re.I)


def _is_contact(s: str, n: int) -> bool:
    if (m := _CONTACT.match(s)) and n <= 30 and (m.group(1) or _EMAIL.search(s) or _PHONE.search(s)):
        return True
    return bool(_EMAIL.search(s)) and len(_words(_EMAIL.sub(" ", s))) <= 12


def _is_comment_box(s: str, n: int) -> bool:
    if _COMMENT_HEAD.match(s) and n <= 8 and not SENT_END.search(s.rstrip(". ")):
        return True
    return n <= 15 and bool(_COMMENT_ANY.search(s)) and bool(_TO_READER.search(s))


def chrome_kind(s: str) -> str | None:
    """The class of chrome line ``s`` is ("ad", "contact", "footer", "share", "player",
    "comments"), or ``None`` for a line of text."""
    s = s.strip()
    if AD_MARK.fullmatch(s) or _AD_LINE.fullmatch(s):
        return "ad"
    n = len(_words(s))                  # every test below counts the words: once is enough
    if _is_contact(s, n):
        return "contact"
    if n <= 40 and _FOOTER.search(s):
        return "footer"
    if is_share(s, n):
        return "share"
    if _is_player(s, n):
        return "player"
    if _is_comment_box(s, n):
        return "comments"
    return None


# ----------------------------------------------------------------------- images, lists, article end

# An image's placeholder text: "<headline> - Ảnh 1.", "...hinh 1" (a file name's words), "anh-1.jpg".
_ALT_TAIL = re.compile(r"(?:\s[-–—]\s*(?:Ảnh|Hình|Photo|Image)\s*\d{1,2}|\s(?:hinh|hình|anh|ảnh|photo|image)\s*\d{1,2}"
                       r"|\.(?:jpe?g|png|gif|webp|avif))\s*\.?$", re.I)
_NUMBERED = re.compile(r"\s[-–—]\s*\d{1,2}$")
# Agency photo credits written after a caption: "— VNA/VNS Photo Trần Việt", "NHAC NGUYEN / AFP".
_AGENCY_PHOTO = re.compile(r"(?:^|[\s.])(?:[—–-]\s*)?(?:[A-Z]{2,}/)*[A-Z]{2,}\s+(?:Photo|Ảnh)\b[^.!?]{0,40}$")
# "... in Hanoi. REUTERS/Jane Doe", "Photo by VnExpress/Ngoc Anh", "Photo courtesy of the ministry".
_SLASH_PHOTO = re.compile(r"(?:^|[\s.])(?:(?:Photo|Image|Ảnh)\s+(?:by|courtesy(?: of)?|of)\s+[^\s.][^.!?]{0,50}"
                          r"|(?:REUTERS|Reuters|AFP|AP|EPA|XINHUA|Xinhua|VNA|TTXVN|VNS)/[^\W\d_][^/.!?]{1,40})$")
_WIRE_PHOTO = re.compile(r"([^\W\d_][^\W\d_'.-]*(?:\s+[^\W\d_][^\W\d_'.-]*){0,3})\s*/\s*"
                         r"(?:AFP|AP|Reuters|REUTERS|EPA|EPA-EFE|Getty Images|GETTY IMAGES|Xinhua|XINHUA|"
                         r"Bloomberg|VNA|TTXVN|Kyodo|Yonhap|Sputnik|TASS)(?:\s+via\s+\S+)?\s*$")
_CREDIT_WORD = re.compile(r"Photo|Image|Ảnh")
_BULLET = re.compile(r"[-–•*+▪►»·]\s+\S")
# The end of an article: Vietnamese "./." or an agency sign-off after the last sentence ("... year. — VNS").
_CLOSES = re.compile(r"(?:/\.|[.!?”\"]\s*[—–-]\s*(?:[A-Z]{2,6}|Reuters|Xinhua|Bernama|Kyodo|Yonhap)(?:/[A-Z]{2,6})?)\s*$")


def _key(s: str) -> list[str]:
    return [w.casefold() for w in _words(s)]


@lru_cache(maxsize=64)
def _title_key(title: str) -> list[str]:
    """The headline's key, asked for by every line of its page."""
    return _key(title)


def is_alt_text(s: str, title: str | None = None) -> bool:
    """An image placeholder: a file name, "<text> - Ảnh 1", or the headline repeated under an image."""
    s = s.strip()
    if _ALT_TAIL.search(s):
        return True
    if not title or not (head := _title_key(title)):
        return False
    if _NUMBERED.search(s) and _key(_NUMBERED.sub("", s)) == head:
        return True
    first = _WORD.search(s)             # most lines differ from the headline in their first word
    return first is not None and first.group().casefold() == head[0] and _key(s) == head


def photo_credit_start(s: str) -> int | None:
    """Where the agency's photo credit that ends ``s`` starts ("— VNA/VNS Photo X", "NAME / AFP")."""
    tail = s[-80:]                      # a credit closes the line: look at its end only
    if "/" not in tail and not _CREDIT_WORD.search(tail):
        return None
    offset = len(s) - len(tail)
    for pattern in (_AGENCY_PHOTO, _SLASH_PHOTO):
        if m := pattern.search(s, offset):
            return m.start() + (1 if m.group()[:1].isspace() or m.group()[:1] == "." else 0)
    m = _WIRE_PHOTO.search(s, offset)
    return m.start() if m and m.group(1).isupper() else None


def has_photo_credit(s: str) -> bool:
    """A caption that ends with an agency's photo credit ("— VNA/VNS Photo X", "NAME / AFP")."""
    return photo_credit_start(s.strip()) is not None


def is_bullet_headline(s: str) -> bool:
    """A bulleted line with no sentence mark: an item of a list of other articles' headlines."""
    return bool(_BULLET.match(s)) and not SENT_END.search(s.rstrip())


def closes_article(s: str) -> bool:
    """Does ``s`` end the article ("…hai nước./.", "... next year. — VNS")?"""
    return bool(_CLOSES.search(s))
