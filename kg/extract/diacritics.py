"""Diacritics for text typed without them, restored from the lexicons' own phrases.

Vietnamese is often typed without tone marks ("Thu tuong tiep Dai su Nhat
Ban"). Every later stage matches accented lexicon phrases, so a sentence with no
marked letter at all is given an *analysis text* in which the word sequences that
the lexicons know are written with their marks. The restored text has exactly
the length of the original (NFC letters map one to one), so offsets, and the
evidence quoted in the graph, stay those of the original text.

Only sequences whose unaccented form names a single accented form are restored:
"tang cuong" becomes "tăng cường", but a lone "tang" (tặng, tăng) is left as it is.
The tables are built from the language's data (triggers, cues, profile words,
titles, entity names, ``restore_words``), so a language with no marks gets none.

>>> from kg.extract.lexicon import load_lexicon
>>> restore("Thu tuong Pham Minh Chinh tiep Dai su Nhat Ban.", "vi", load_lexicon())
'Thủ tướng Pham Minh Chinh tiếp Đại sứ Nhật Bản.'
>>> restore("Thủ tướng tiếp Đại sứ.", "vi", load_lexicon())   # already marked: unchanged
'Thủ tướng tiếp Đại sứ.'
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from .lexicon import Lexicon
from ..lang.text import nfc, strip_marks
from ..lang.patterns import PhraseIndex
from ..lang.tokens import Token, tokenize

_AMBIGUOUS = object()


class _Marked(dict):
    """Whether a character carries a diacritic: đ, or a combining mark in its decomposition."""

    def __missing__(self, ch: str) -> bool:
        marked = self[ch] = ch in "đĐ" or any(unicodedata.category(c) == "Mn"
                                               for c in unicodedata.normalize("NFD", ch))
        return marked


_MARKED = _Marked()


def has_marks(text: str) -> bool:
    """True when any letter of ``text`` carries a diacritic (or is đ): ``strip_marks(text) != nfc(text)``,
    decided per distinct character (a decomposition is made character by character)."""
    return any(map(_MARKED.__getitem__, set(text)))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _phrases(lex: Lexicon, lang: str) -> Iterator[tuple[str, int]]:
    """(phrase, rank): lexicon phrases rank 2, the curated ``restore_words`` 3."""
    tables: list[PhraseIndex] = [lex.names, lex.positions]
    tables += [t for t in (lex.triggers.get(lang), lex.cues.get(lang)) if t is not None]
    for table in tables:
        for key in table._table:                      # noqa: SLF001 - same package, read only
            yield " ".join(key), 2
    for key, section in lex.profile(lang).items():
        if key not in ("lang", "notes", "home_country", "name_particles"):
            yield from ((p, 2) for p in _strings(section))
    yield from ((p, 3) for p in lex.words("restore_words", lang))



@lru_cache(maxsize=8)
def _table(lex_id: int, lang: str) -> tuple[dict[tuple[str, ...], Any], int]:
    lex = _LEXICONS[lex_id]
    table: dict[tuple[str, ...], Any] = {}
    # A language whose own trigger phrases carry no marks (English) is never restored,
    # although the shared name index holds marked aliases of other languages.
    triggers = lex.triggers.get(lang)
    if triggers is None or not any(has_marks(" ".join(k)) for k in triggers._table):   # noqa: SLF001
        return table, 0
    for phrase, rank in _phrases(lex, lang):
        words = [t.lower for t in tokenize(nfc(phrase).lower()) if t.is_word]
        if not words or not has_marks(" ".join(words)):
            continue
        # Every contiguous part of a phrase is a candidate too ("hợp tác" from
        # "tăng cường hợp tác"), but a whole phrase outranks a part ("nhật bản"
        # over "thứ nhất ban chấp hành"). A lone syllable has the lowest rank
        # ("tang" is tặng or tăng) unless ``restore_words`` lists it. Clashes at
        # one rank make a key ambiguous.
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                whole = i == 0 and j == len(words)
                r = rank if whole and (rank == 3 or j - i > 1) else 0
                key = tuple(strip_marks(w) for w in words[i:j])
                value = tuple(words[i:j])
                old = table.get(key)
                if old is None or r > old[1]:
                    table[key] = (value, r)
                elif r == old[1] and old[0] != value and old[0] is not _AMBIGUOUS:
                    table[key] = (_AMBIGUOUS, r)
    return table, max((len(k) for k in table), default=0)


_LEXICONS: dict[int, Lexicon] = {}


def restore(text: str, lang: str, lex: Lexicon) -> str:
    """``text`` with the marks that the lexicons of ``lang`` restore; unchanged if it has any."""
    if has_marks(text):
        return text
    _LEXICONS.setdefault(id(lex), lex)
    table, longest = _table(id(lex), lang)
    if not table:
        return text
    words = [t for t in tokenize(text) if t.is_word]
    chars = list(text)
    i = 0
    while i < len(words):
        step = 1
        for n in range(min(longest, len(words) - i), 0, -1):
            span = words[i:i + n]
            entry = table.get(tuple(t.lower for t in span))
            if entry is None or entry[0] is _AMBIGUOUS:
                continue
            # Capitalised words are names unless a whole lexicon phrase says
            # otherwise: "Pham Minh Chinh" must not become "Phẩm Minh Chính".
            if entry[1] == 0 and any(t.is_cap and t.start > 0 for t in span):
                continue
            for tok, accented in zip(span, entry[0]):
                _write(chars, tok, accented)
            step = n
            break
        i += step
    return "".join(chars)


def _write(chars: list[str], tok: Token, accented: str) -> None:
    if len(accented) != len(tok.text):
        return                          # never shift offsets
    for k, ch in enumerate(accented):
        chars[tok.start + k] = ch.upper() if tok.text[k].isupper() else ch
