"""Bytes in the legacy encodings Vietnamese news still turns up in, made for tests."""
from __future__ import annotations

import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 as legacy tools wrote it: tones as combining marks after a precomposed base.

    Python's codec refuses precomposed toned letters ("ệ"), so they are split first.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d if c in _TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)
