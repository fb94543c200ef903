"""Names an article goes on using after the first full mention: a person's surname or
given name, a company's distinctive short name, and Vietnamese given names alone."""
from __future__ import annotations

import re
from typing import Any

from ..lang.text import fold
from ..lang.tokens import Token
from ..model import Mention
from .diacritics import has_marks


_SYLLABLE = re.compile(r"[^aeiouy]*[aeiouy]+[^aeiouy]*")


def vietnamese_syllable(word: str) -> bool:
    """One syllable with Vietnamese marks ("Chính", "Phúc"), unlike "Sánchez" or "Widodo".

    >>> [vietnamese_syllable(w) for w in ("Chính", "Huệ", "Sánchez", "Putin")]
    [True, True, False, False]
    """
    return has_marks(word) and bool(_SYLLABLE.fullmatch(fold(word)))


def short_name_mentions(tokens: list[Token], text: str, taken: set[int], people: list[Any]) -> list[Mention]:
    keys: dict[str, Any] = {}
    for p in people:
        if len(p.tokens) < 2:
            continue
        if p.vietnamese:
            keys.setdefault(p.tokens[-1], p)
        else:
            keys.setdefault(p.tokens[-1], p)
            keys.setdefault(p.tokens[0], p)
    out = []
    for t in tokens:
        if t.i in taken or not t.is_cap or len(t.text) < 3:
            continue
        p = keys.get(fold(t.text))
        if p is not None:
            out.append(Mention(t.start, t.end, t.text, "Person", p.id, source="short-name", i=t.i, j=t.i + 1,
                               attrs={"positions": [], "country": None, "org": None}))
    return out


def company_short_names(sentences: list[tuple[list[Token], str, list[Mention]]]) -> dict[tuple[str, ...], str]:
    """"hãng dược HLB" -> ("HLB",): the distinctive name at the end of an organisation found in
    text, which the article goes on using alone. Only names that cannot be ordinary words count:
    one word in capitals ("HLB") or with capitals inside ("VinBioCare"), unlike a place ("Hòa Bình")."""
    names: dict[tuple[str, ...], str] = {}
    for tokens, _text, mentions in sentences:
        for m in mentions:
            if m.type != "Organization" or m.entity_id is not None or m.source != "proper-noun":
                continue
            run = []
            for t in reversed(tokens[m.i:m.j]):
                if not (t.is_word and t.is_cap) or len(run) == 3:
                    break
                run.insert(0, t.text)
            if len(run) == m.j - m.i:
                if m.attrs.get("named"):        # "Korean firms Alpha and Beta": Alpha alone later
                    names.setdefault(tuple(run), m.text)
                continue            # the whole mention is the name already
            distinctive = len(run) == 1 and (run[0].isupper() and len(run[0]) >= 2
                                             or any(c.isupper() for c in run[0][1:]))
            if distinctive:
                names.setdefault(tuple(run), m.text)
    return names


def short_org_mentions(tokens: list[Token], text: str, taken: set[int],
                        names: dict[tuple[str, ...], str]) -> list[Mention]:
    out = []
    for k, t in enumerate(tokens):
        for run, full in names.items():
            end = k + len(run)
            if [x.text for x in tokens[k:end]] == list(run) and not taken & set(range(k, end)) \
                    and (end >= len(tokens) or not tokens[end].is_cap):
                out.append(Mention(t.start, tokens[end - 1].end, text[t.start:tokens[end - 1].end], "Organization",
                                   source="short-name", i=k, j=end, attrs={"name_of": full}))
                taken.update(range(k, end))
    return out


