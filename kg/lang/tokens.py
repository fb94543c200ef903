"""Language-independent word tokens with offsets (kg's tokenizer: the words of every ``Doc``).

Phrases are keyed on their case-folded word tokens, ignoring punctuation and
hyphens, so "Á-Âu" matches "Á - Âu" and "COVID-19" matches "Covid 19" (the
phrase patterns of :mod:`kg.lang.patterns` match on these keys).

>>> [t.text for t in tokenize("Bộ trưởngBộ Ngoại giao, Sputnik V.")]
['Bộ', 'trưởng', 'Bộ', 'Ngoại', 'giao', ',', 'Sputnik', 'V', '.']
>>> phrase_key("COVID-19 vaccine")
('covid', '19', 'vaccine')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import nfc

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Vietnamese letters that never occur in English: a word glued to the next one
# ("trưởngBộ") is split only when its left part is Vietnamese, so that
# "AstraZeneca" or "BioNTech" stay whole.
_VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@dataclass(slots=True)
class Token:
    text: str
    start: int        # offset in the sentence text
    end: int
    i: int = 0
    lower: str = ""
    pos: str = ""     # tag from the language's tagger, where one ran
    is_word: bool = True
    is_cap: bool = False    # starts with a capital (the rules ask it of every token, again and again)


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    append, pieces = out.append, _PIECES
    n = 0
    for m in _TOKEN.finditer(text):
        piece = m.group()
        parts = pieces.get(piece)
        if parts is None:
            if len(pieces) > _PIECES_MAX:
                pieces.clear()
            parts = pieces[piece] = _parts(piece)
        base = m.start()
        for p, offset, size, lower, is_word, is_cap in parts:
            start = base + offset
            append(Token(p, start, start + size, n, lower, "", is_word, is_cap))
            n += 1
    return out


# What a piece of text tokenises into: words recur, so each is analysed once.
_PIECES: dict[str, tuple[tuple[str, int, int, str, bool, bool], ...]] = {}
_PIECES_MAX = 1 << 18


def _parts(piece: str) -> tuple[tuple[str, int, int, str, bool, bool], ...]:
    """Each token of ``piece``: its text, offset in the piece, length, key, whether it is
    a word and whether it starts with a capital."""
    parts = [piece]
    if piece[0].isalpha() and any(c in _VI_LETTERS for c in piece.lower()):
        parts = _split_camel(piece)
    out: list[tuple[str, int, int, str, bool, bool]] = []
    offset = 0
    for p in parts:
        out.append((p, offset, len(p), nfc(p).casefold(), p[0].isalnum() or p[0] == "_", p[:1].isupper()))
        offset += len(p)
    return tuple(out)


def _split_camel(word: str) -> list[str]:
    parts, last = [], 0
    for k in range(1, len(word)):
        if word[k - 1].islower() and word[k].isupper():
            parts.append(word[last:k])
            last = k
    parts.append(word[last:])
    return parts


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.lower for t in tokenize(phrase) if t.is_word)


def same_case(tokens: list[Token], phrase: str) -> bool:
    """Whether ``tokens`` spell the words of ``phrase`` with its capitals."""
    words = [t.text for t in tokens if t.is_word]
    want = [t.text for t in tokenize(phrase) if t.is_word]
    return words == want
