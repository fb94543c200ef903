"""Small text helpers shared by every stage: normalisation, diacritic folding, slugs.

>>> fold("Bùi Thanh Sơn")
'bui thanh son'
>>> slugify("Đối tác chiến lược toàn diện")
'doi-tac-chien-luoc-toan-dien'
"""
from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def nfc(text: str) -> str:
    # ASCII is NFC already, and str.isascii() is a flag look-up: ids and IRIs skip the table.
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class _MarkTable(dict):
    """``str.translate`` table that deletes combining marks (category Mn), filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_MARKS = _MarkTable()


def strip_marks(text: str) -> str:
    """Remove Vietnamese (and other) diacritics; đ → d."""
    if text.isascii():
        return text                     # no mark to remove, and a flag look-up decides it
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", text.translate(_MARKS))


def norm(text: str) -> str:
    """Case-folded, NFC, punctuation-light key for exact alias matching."""
    text = nfc(text).casefold()
    text = _DASHES.sub("-", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    text = re.sub(r"[-_/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Like :func:`norm`, and without diacritics: the loosest matching key."""
    return strip_marks(norm(text))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"
