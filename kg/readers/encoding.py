"""Turn bytes of unknown encoding into NFC text, and say what was done.

Order of trust: a byte-order mark, then valid UTF-8 (which random legacy bytes
practically never are), then a charset the source declared (HTTP header,
``<meta charset>``), then detection by charset-normalizer. Vietnamese legacy
pages are mostly Windows-1258, which stores tones as combining marks; NFC
composes them, so offsets index into the text that later steps see.

>>> d = decode_bytes("Hà Nội".encode("utf-16"))
>>> d.text, d.encoding, d.note
('Hà Nội', 'utf-16', 'UTF-16 byte-order mark')
>>> decode_bytes("Ha\\u0300 Nô\\u0323i".encode("utf-8")).note
'NFC-normalised 2 characters'
>>> decode_bytes(b"\\x00\\x01\\x02" * 50) is None
True
>>> d = decode_bytes("Việt Nam và Lào ký hiệp định hợp tác y tế trong năm nay.\\x00 ".encode() * 3)
>>> d.controls, d.text[50:62], d.note
(3, 'm nay.  Việt', '3 control characters read as spaces')
"""
from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass

from kg.lang.langid import detect_language

__all__ = ["Decoded", "decode_bytes", "declared_charset", "blank_controls", "looks_binary", "damage_note",
           "utf8_with_damage"]

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
# Letters and tone marks that only Vietnamese text decodes to under cp1258.
_VI_MARKS = re.compile("[ăđơưĂĐƠƯ\u0300\u0301\u0303\u0309\u0323]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Codecs tried in this order when the detector finds several plausible ones
# that decode the bytes alike: the commonest for news in our two languages.
_PREFERRED = ("utf_8", "cp1258", "cp1252", "latin_1")


@dataclass(frozen=True)
class Decoded:
    text: str            # NFC
    encoding: str        # Python codec name actually used
    note: str = ""       # what was done, for Article.encoding_note ("" = plain UTF-8, already NFC)
    guessed: bool = False  # True when the codec was detected, not known
    controls: int = 0    # control characters (NUL, ESC...) read as spaces
    damaged: int = 0     # invalid UTF-8 sequences read as U+FFFD (a damaged UTF-8 file)
    first_damage: int = -1   # byte offset of the first of them


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python knows it.

    >>> declared_charset(b'<html><head><meta charset="windows-1258">')
    'cp1258'
    """
    m = _META_CHARSET.search(data[:4096])
    return _codec(m.group(1).decode("ascii", "replace")) if m else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded | None:
    """Decode ``data``; ``None`` when it is binary or no codec gives text.

    ``declared`` is a charset named by the source (HTTP header or meta tag);
    it is used when the bytes are not UTF-8 and it decodes them cleanly.
    """
    notes: list[str] = []
    bom = next(((codec, label) for mark, codec, label in _BOMS if data.startswith(mark)), None)
    guessed, bad = False, []
    if bom:
        text, encoding = _try(data, bom[0]), bom[0]
        notes.append(f"{bom[1]} byte-order mark")
    else:
        text, encoding = _try(data, "utf-8"), "utf-8"
        if text is None and (codec := _codec(declared)) and codec != "utf-8":
            text, encoding = _try(data, codec), codec
            if text is not None:
                notes.append(f"not UTF-8; decoded as declared {codec}")
        if text is None:
            text, encoding, guessed, bad = _not_utf8(data)
            if text is None:
                return None
            notes.append(f"{len(bad)} invalid UTF-8 sequence(s) read as U+FFFD" if bad
                         else f"not UTF-8; detected {encoding} (charset-normalizer)")
    if text is None or not _looks_like_text(text):
        return None
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append(f"NFC-normalised {_changed(text, nfc)} characters")
    nfc, controls = blank_controls(nfc)
    if controls:
        notes.append(f"{controls} control characters read as spaces")
    return Decoded(nfc, encoding, "; ".join(notes), guessed, controls, len(bad), bad[0] if bad else -1)


# Above this share of invalid sequences (per character) a file is not damaged text but binary.
_MOSTLY_BAD = 0.1


def _not_utf8(data: bytes) -> tuple[str | None, str, bool, list[int]]:
    """(text, codec, guessed, offsets of invalid sequences) for bytes that are not clean UTF-8.

    UTF-8 with a few damaged bytes (more well-formed non-ASCII characters than
    invalid sequences) keeps its text, the damage read as U+FFFD; a legacy
    codepage has next to no well-formed multi-byte sequence, so it goes to
    detection. When detection fails too, text that is mostly valid UTF-8 is
    still kept: only a mostly undecodable file is binary.
    """
    text, bad = utf8_with_damage(data, limit=int(len(data) * _MOSTLY_BAD) + 16)
    if text is not None:
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if non_ascii - len(bad) >= len(bad):
            return text, "utf-8", False, bad
    found = _detect(data)
    if found is not None and _looks_like_text(found[1]):
        return found[1], found[0], True, []
    if text is not None and len(bad) <= len(text) * _MOSTLY_BAD:
        return text, "utf-8", False, bad
    return None, "utf-8", False, bad


class _TooDamaged(Exception):
    pass


def utf8_with_damage(data: bytes, *, limit: int | None = None) -> tuple[str | None, list[int]]:
    """``data`` decoded as UTF-8 with U+FFFD for each invalid sequence, and the byte offsets of those.

    Text ``None`` when there are more than ``limit`` of them (binary: no need to go on).

    >>> text, bad = utf8_with_damage(b"Ha Noi\\xff!")
    >>> text == "Ha Noi\\ufffd!", bad
    (True, [6])
    >>> utf8_with_damage(b"\\xff" * 10, limit=3)
    (None, [0, 1, 2, 3])
    """
    found: list[int] = []
    _DAMAGE.found, _DAMAGE.limit = found, limit
    try:
        return data.decode("utf-8", _RECORD), found
    except _TooDamaged:
        return None, found
    finally:
        _DAMAGE.found = None


def _record_damage(exc: UnicodeError) -> tuple[str, int]:
    # One handler for the whole decode (CPython reuses the error), so the cost stays linear.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    found = getattr(_DAMAGE, "found", None)
    if found is not None:
        found.append(exc.start)
        if _DAMAGE.limit is not None and len(found) > _DAMAGE.limit:
            raise _TooDamaged
    return "\ufffd", exc.end


_DAMAGE = threading.local()
_RECORD = "kg.record-damage"
codecs.register_error(_RECORD, _record_damage)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def blank_controls(text: str) -> tuple[str, int]:
    """``text`` with control characters (other than line breaks and tabs) replaced by spaces.

    Same length, so offsets into the file's text still hold; no output format
    then carries a NUL or an escape sequence (XML 1.0 forbids them).

    >>> blank_controls("a\\x1b[31mb\\tc")
    ('a [31mb\\tc', 1)
    """
    count = len(_CONTROLS.findall(text))
    return (_CONTROLS.sub(" ", text), count) if count else (text, 0)


def looks_binary(data: bytes) -> bool:
    """Bytes that are not text in any encoding (as opposed to valid UTF-8 full of control characters)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def damage_note(decoded: Decoded) -> str:
    """What a warning says of a damaged UTF-8 text ('' when there was none).

    >>> damage_note(Decoded("x", "utf-8", damaged=2, first_damage=120))
    '2 invalid UTF-8 sequence(s) (the first at byte 120) read as U+FFFD'
    """
    if not decoded.damaged:
        return ""
    return f"{decoded.damaged} invalid UTF-8 sequence(s) (the first at byte {decoded.first_damage}) read as U+FFFD"


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    plausible = [_codec(c) for c in [best.encoding, *best.could_be_from_charset]]
    decoded = {c: t for c in dict.fromkeys(plausible) if c and (t := _try(data, c)) is not None}
    if "cp1258" in decoded or "cp1252" in decoded:
        # The detector cannot tell Vietnamese cp1258 from Western cp1252 on short
        # texts: cp1258 wins only when it yields Vietnamese letters or tones.
        vi = decoded.get("cp1258") or _try(data, "cp1258")
        if vi is not None and _VI_MARKS.search(vi) and detect_language(vi) == "vi":
            return "cp1258", vi
        if "cp1252" in decoded:
            return "cp1252", decoded["cp1252"]
    for name in _PREFERRED:
        if name in decoded:
            return name, decoded[name]
    codec = _codec(best.encoding) or best.encoding
    return codec, str(best)


def _changed(before: str, after: str) -> int:
    """How many characters NFC composed away (combining marks absorbed)."""
    return len(before) - len(after) if len(before) != len(after) else \
        sum(1 for a, b in zip(before, after) if a != b)


def _looks_like_text(text: str) -> bool:
    # Each distinct character is classified once, then counted in C.
    bad = sum(text.count(ch) for ch in set(text) if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
              and ch not in "\t\n\r\f\v")
    return bad <= len(text) * 0.02
