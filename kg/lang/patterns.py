"""Phrase patterns over kg's tokens, matched by spaCy's ``PhraseMatcher``.

Every gazetteer and cue table of :mod:`kg.extract.lexicon` (names, titles, triggers,
modality and group cues, head nouns) is a :class:`PhraseIndex`: phrases from
``kg/resources`` become ``PhraseMatcher`` patterns over their case-folded word
tokens. Matching reads a sentence as its word keys: hyphens, apostrophes, dots
and ``&`` are left out and commas skipped (so "Á-Âu" matches "Á - Âu"); any
other punctuation ends a phrase. A phrase added with ``case_sensitive`` only
matches its own capitals ("US" the country, not "us").

>>> from kg.lang.tokens import tokenize
>>> idx = PhraseIndex()
>>> idx.add("Liên bang Nga", "russia")
>>> idx.add("Nga", "russia-short")
>>> [(m.start, m.end, m.payload) for m in idx.find_all(tokenize("thăm Liên bang Nga, và Nga."))]
[(1, 4, 'russia'), (6, 7, 'russia-short')]
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from .tokens import Token, phrase_key, same_case

_SKIPPED = "-–—'’.&"       # inside a phrase: "Á-Âu", "U.S.", "Johnson & Johnson"
_LEFT_OUT = _SKIPPED + ","        # not key words: commas are counted, not matched
_BARRIER = "§"              # any other punctuation: no key holds it, so no phrase spans it
# Sentences whose matches are remembered: the components pass over an article's sentences
# one after another (segmenter, mentions, then relations), so a long article must fit.
_MEMO_SIZE = 160


@dataclass(slots=True)
class Match:
    start: int                 # token index (inclusive)
    end: int                   # token index (exclusive)
    payload: Any
    phrase: str = ""


@lru_cache(maxsize=1)
def _vocab() -> Any:
    from spacy.vocab import Vocab

    return Vocab()


@dataclass
class PhraseIndex:
    """Maps word-token sequences to payloads; longest match wins."""

    _table: dict[tuple[str, ...], list[tuple[Any, str, bool]]] = field(default_factory=dict)
    max_len: int = 0
    _matcher: Any = field(default=None, repr=False)
    _keys: list[tuple[str, ...]] = field(default_factory=list, repr=False)
    _key_of: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)   # match id -> key
    # The matches of the last few sentences: rules ask for one position after another.
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _firsts: set[str] = field(default_factory=set, repr=False)       # the first word of every key

    def add(self, phrase: str, payload: Any, *, case_sensitive: bool = False) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self._table.setdefault(key, []).append((payload, phrase, case_sensitive))
        self._firsts.add(key[0])
        self.max_len = max(self.max_len, len(key))
        self._matcher = None
        self._memo.clear()

    def __len__(self) -> int:
        return len(self._table)

    def entries(self, key: tuple[str, ...]) -> list[tuple[Any, str, bool]]:
        """(payload, phrase, case_sensitive) of every phrase added with this key."""
        return list(self._table.get(key, ()))

    def discard(self, phrase: str, drop: Any) -> None:
        """Remove the payloads of ``phrase``'s key for which ``drop(payload)`` is true."""
        key = phrase_key(phrase)
        kept = [e for e in self._table.get(key, ()) if not drop(e[0])]
        if key in self._table and len(kept) != len(self._table[key]):
            if kept:
                self._table[key] = kept
            else:
                del self._table[key]
            self._matcher = None
            self._memo.clear()

    def _phrase_matcher(self) -> Any:
        if self._matcher is None:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc

            vocab = _vocab()
            self._keys = list(self._table)
            self._matcher = PhraseMatcher(vocab)
            for n, key in enumerate(self._keys):
                self._matcher.add(str(n), [Doc(vocab, words=list(key))])
            # The matcher answers with the hash of a pattern's name: straight to its key.
            self._key_of = {vocab.strings[str(n)]: key for n, key in enumerate(self._keys)}
        return self._matcher

    def _matches(self, tokens: list[Token]) -> dict[int, list[Match]]:
        """Every match in ``tokens``, by start, longest first."""
        memo = self._memo.get(id(tokens))
        if memo is not None and memo[0] is tokens:
            return memo[1]
        found = self._find(tokens)
        self._memo[id(tokens)] = (tokens, found)
        if len(self._memo) > _MEMO_SIZE:
            self._memo.popitem(last=False)
        return found

    def _find(self, tokens: list[Token]) -> dict[int, list[Match]]:
        if not self._table or self._firsts.isdisjoint(_lowers(tokens)):
            return {}                   # most sentences hold no phrase of a given table
        doc, where, commas = _key_doc(tokens)
        if doc is None:
            return {}
        matcher = self._phrase_matcher()
        key_of = self._key_of
        out: dict[int, list[Match]] = {}
        for match_id, s, e in sorted(matcher(doc), key=itemgetter(1, 2)):
            # commas count towards a phrase's length: a list is no phrase
            if (e - s) + commas[e - 1] - commas[s] > self.max_len:
                continue
            i, end = where[s], where[e - 1] + 1
            key = key_of[match_id]
            for payload, phrase, cs in self._table[key]:
                if not cs or same_case(tokens[i:end], phrase):
                    out.setdefault(i, []).append(Match(i, end, payload, phrase))
        for ms in out.values():
            if len(ms) > 1:
                ms.sort(key=_length, reverse=True)
        return out

    def match_at(self, tokens: list[Token], i: int) -> list[Match]:
        """All matches starting at token ``i``, longest first."""
        if i >= len(tokens) or tokens[i].lower not in self._firsts:
            return []                   # the common case, decided without looking further
        return self._matches(tokens).get(i, [])

    def by_start(self, tokens: list[Token]) -> dict[int, list[Match]]:
        """Every match in ``tokens`` by start token, starts ascending, longest match first
        (read only: the lists are shared). Rules that scan a sentence for matches visit
        these starts rather than ask :meth:`match_at` at every token."""
        if self._firsts.isdisjoint(_lowers(tokens)):
            return {}
        return self._matches(tokens)

    def has_one_word_match(self, tokens: list[Token]) -> bool:
        """Whether any phrase of one token matches anywhere in ``tokens``."""
        if self._firsts.isdisjoint(_lowers(tokens)):
            return False
        return any(m.end - m.start == 1 for ms in self._matches(tokens).values() for m in ms)

    def find_all(self, tokens: list[Token]) -> list[Match]:
        """Greedy left-to-right, longest non-overlapping matches."""
        out: list[Match] = []
        i = 0
        for start, ms in self.by_start(tokens).items():
            if start >= i:
                out.append(ms[0])
                i = ms[0].end
        return out


def _length(m: Match) -> int:
    return m.end - m.start


# The word keys of the last few sentences, as a set: every table first asks whether a
# sentence holds one of its first words.
_LOWERS: OrderedDict = OrderedDict()


def _lowers(tokens: list[Token]) -> frozenset[str]:
    memo = _LOWERS.get(id(tokens))
    if memo is not None and memo[0] is tokens:
        return memo[1]
    found = frozenset(t.lower for t in tokens)
    _LOWERS[id(tokens)] = (tokens, found)
    if len(_LOWERS) > _MEMO_SIZE:
        _LOWERS.popitem(last=False)
    return found


# The key words of the last few sentences, as one spaCy Doc that every table matches on.
_KEY_DOCS: OrderedDict = OrderedDict()


def _key_doc(tokens: list[Token]) -> tuple[Any, list[int], list[int]]:
    """The sentence as its key words (hyphens and dots left out, other punctuation a barrier),
    with each key word's token index and the commas passed before it."""
    memo = _KEY_DOCS.get(id(tokens))
    if memo is not None and memo[0] is tokens:
        return memo[1]
    from spacy.tokens import Doc

    words: list[str] = []
    where: list[int] = []
    commas: list[int] = []
    passed = 0
    for k, tok in enumerate(tokens):
        if tok.is_word or tok.text not in _LEFT_OUT:
            words.append(tok.lower if tok.is_word else _BARRIER)
            where.append(k)
            commas.append(passed)
        elif tok.text == ",":
            passed += 1
    found = (Doc(_vocab(), words=words) if words else None, where, commas)
    _KEY_DOCS[id(tokens)] = (tokens, found)
    if len(_KEY_DOCS) > _MEMO_SIZE:
        _KEY_DOCS.popitem(last=False)
    return found
