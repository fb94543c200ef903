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

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        piece, base = m.group(), m.start()
        parts = [piece]
        if piece[0].isalpha() and any(c in _VI_LETTERS for c in piece.lower()):
            parts = _split_camel(piece)
        offset = base
        for p in parts:
            out.append(Token(p, offset, offset + len(p), len(out), nfc(p).casefold(), "", p[0].isalnum() or p[0] == "_"))
            offset += len(p)
    return out


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
