"""Language-independent word tokens with offsets, and a phrase index over them.

Lexicons, trigger tables and cue tables are all matched the same way: on
sequences of case-folded word tokens, ignoring punctuation and hyphens, so
"Á-Âu" matches "Á - Âu" and "COVID-19" matches "Covid 19".

>>> [t.text for t in tokenize("Bộ trưởngBộ Ngoại giao, Sputnik V.")]
['Bộ', 'trưởng', 'Bộ', 'Ngoại', 'giao', ',', 'Sputnik', 'V', '.']
>>> idx = PhraseIndex()
>>> idx.add("Liên bang Nga", "russia")
>>> toks = tokenize("thăm Liên bang Nga")
>>> [(m.start, m.end, m.payload) for m in idx.find_all(toks)]
[(1, 4, 'russia')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

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


@dataclass
class Match:
    start: int                 # token index (inclusive)
    end: int                   # token index (exclusive)
    payload: Any
    phrase: str = ""


@dataclass
class PhraseIndex:
    """Maps word-token sequences to payloads; longest match wins."""

    _table: dict[tuple[str, ...], list[tuple[Any, str, bool]]] = field(default_factory=dict)
    max_len: int = 0
    # Every prefix of every key: lets matching stop as soon as no phrase can
    # start with the words read so far, instead of growing to max_len words.
    _prefixes: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, phrase: str, payload: Any, *, case_sensitive: bool = False) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self._table.setdefault(key, []).append((payload, phrase, case_sensitive))
        self.max_len = max(self.max_len, len(key))
        self._prefixes.update(key[:n] for n in range(1, len(key) + 1))

    def __len__(self) -> int:
        return len(self._table)

    def _words(self, tokens: list[Token], i: int) -> Iterator[tuple[int, tuple[str, ...]]]:
        """Yield (end index, key) for growing word sequences starting at token i."""
        words: list[str] = []         # the key so far; commas count towards max_len but are not in it
        commas = 0
        j = i
        while j < len(tokens) and len(words) + commas < self.max_len:
            tok = tokens[j]
            j += 1
            if not tok.is_word:
                if tok.text in "-–—'’.&":
                    continue
                if tok.text == "," and words:
                    commas += 1
                    continue
                break
            words.append(tok.lower)
            key = tuple(words)
            if key not in self._prefixes:
                return
            yield j, key

    def match_at(self, tokens: list[Token], i: int) -> list[Match]:
        """All matches starting at token ``i``, longest first."""
        if i >= len(tokens) or not tokens[i].is_word or (tokens[i].lower,) not in self._prefixes:
            return []           # the common case, decided without starting the word walk
        found: list[Match] = []
        for end, key in self._words(tokens, i):
            for payload, phrase, cs in self._table.get(key, ()):
                if cs and not _same_case(tokens[i:end], phrase):
                    continue
                found.append(Match(i, end, payload, phrase))
        found.sort(key=lambda m: m.end - m.start, reverse=True)
        return found

    def find_all(self, tokens: list[Token]) -> list[Match]:
        """Greedy left-to-right, longest non-overlapping matches."""
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            ms = self.match_at(tokens, i)
            if ms:
                out.append(ms[0])
                i = ms[0].end
            else:
                i += 1
        return out


def _same_case(tokens: list[Token], phrase: str) -> bool:
    words = [t.text for t in tokens if t.is_word]
    want = [t.text for t in tokenize(phrase) if t.is_word]
    return words == want
