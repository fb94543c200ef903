"""Modality of a trigger from the cues before it (ANNOTATION.md: asserted,
requested, agreed, planned, negated).

* A negation right before the trigger ("không", "chưa", "did not") wins.
* Inside a request ("A đề nghị B làm X", "asked B to ..."), X is requested.
* Otherwise the nearest cue before the trigger in the sentence decides:
  agreed ("nhất trí", "cam kết", "agreed"), planned ("sẽ", "mong muốn",
  "sẵn sàng", "will", "ready to") or requested.
* A trigger that is itself a cue word (the "nhất trí" of agreesWith, the
  "đề nghị" of appealsTo) is asserted: the agreement or the request happened.

>>> from kg.extract.lexicon import load_lexicon
>>> from kg.lang.tokens import tokenize
>>> toks = tokenize("Hai bên nhất trí sẽ tăng cường hợp tác")
>>> decide(toks, 7, 8, "vi", load_lexicon(), request_at=None, inherited=None)
'planned'
"""
from __future__ import annotations

from .lexicon import Lexicon
from ..lang.patterns import Match
from ..lang.tokens import Token

NEG_WINDOW = 3
RANK = {"requested": 3, "agreed": 2, "planned": 1}


def cue_matches(tokens: list[Token], lang: str, lex: Lexicon) -> list[Match]:
    """Every modality cue in the sentence (all overlapping matches, longest first)."""
    out = []
    for ms in lex.cues[lang].by_start(tokens).values():
        for m in ms:
            if m.payload["cue"] == "modality":
                out.append(m)
                break
    return out


def decide(tokens: list[Token], t_start: int, t_end: int, lang: str, lex: Lexicon, *,
           request_at: int | None, inherited: str | None, cues: list[Match] | None = None) -> str:
    cues = cue_matches(tokens, lang, lex) if cues is None else cues
    before = [c for c in cues if c.end <= t_start and not (c.start >= t_start)]
    for c in before:
        if c.payload["modality"] == "negated" and t_start - c.end <= NEG_WINDOW:
            return "negated"
    if request_at is not None and request_at < t_start:
        return "requested"
    strong = [c for c in before if c.payload["modality"] != "negated" and not c.payload.get("weak")]
    # a cue that belongs to a later clause (after ";") does not reach back
    if strong:
        return strong[-1].payload["modality"]
    return inherited or "asserted"


def _phrase_ends_at(lows: list[str], k: int, phrases: list[str]) -> bool:
    """One of ``phrases`` ends right before token k."""
    return any(lows[max(0, k - len(p.split())):k] == p.split() for p in phrases)


def _phrase_starts_at(lows: list[str], k: int, phrases: list[str]) -> bool:
    return any(lows[k:k + len(p.split())] == p.split() for p in phrases)


def decided(tokens: list[Token], t_start: int, lang: str, lex: Lexicon) -> bool:
    """"quyết định viện trợ", "has decided to donate": a decision right before the act."""
    return _phrase_ends_at([t.lower for t in tokens], t_start, lex.words("decision_cues", lang))


def noun_modality(tokens: list[Token], t_start: int, t_end: int, rel: str, lang: str, lex: Lexicon) -> str | None:
    """The modality an event or relation noun takes from its own surroundings, whatever cue
    stands further left; None when the cues decide."""
    lows = [t.lower for t in tokens]
    after = lex.words("planned_after", lang)
    for k in range(t_end, min(len(lows), t_end + 5)):
        if tokens[k].text in (",", ";", "."):
            break
        if _phrase_starts_at(lows, k, after):
            return "planned"    # "chuyến thăm [Việt Nam] sắp tới"
    k = t_start
    while k > 0 and (lows[k - 1] in lex.word_set("determiners", lang) or lows[k - 1] in lex.word_set("nominalisers", lang)):
        k -= 1
    if _phrase_ends_at(lows, k, lex.words("event_preps", lang)):
        return "asserted"       # "kết quả cuộc hội đàm", "during the talks": the event took place
    if rel == "hasPartnershipWith":
        before = " ".join(lows[max(0, t_start - 5):t_start])
        if not any(w in before.split() or (" " in w and w in before) for w in lex.words("upgrade_words", lang)):
            return "asserted"   # a partnership named is a standing relation unless it is being raised
    return None
