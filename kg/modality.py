"""Modality of a trigger from the cues before it (ANNOTATION.md: asserted,
requested, agreed, planned, negated).

* A negation right before the trigger ("không", "chưa", "did not") wins.
* Inside a request ("A đề nghị B làm X", "asked B to ..."), X is requested.
* Otherwise the nearest cue before the trigger in the sentence decides:
  agreed ("nhất trí", "cam kết", "agreed"), planned ("sẽ", "mong muốn",
  "sẵn sàng", "will", "ready to") or requested.
* A trigger that is itself a cue word (the "nhất trí" of agreesWith, the
  "đề nghị" of appealsTo) is asserted: the agreement or the request happened.

>>> from kg.lexicon import load_lexicon
>>> from kg.tokens import tokenize
>>> toks = tokenize("Hai bên nhất trí sẽ tăng cường hợp tác")
>>> decide(toks, 7, 8, "vi", load_lexicon(), request_at=None, inherited=None)
'planned'
"""
from __future__ import annotations

from .lexicon import Lexicon
from .patterns import Match
from .tokens import Token

NEG_WINDOW = 3
RANK = {"requested": 3, "agreed": 2, "planned": 1}


def cue_matches(tokens: list[Token], lang: str, lex: Lexicon) -> list[Match]:
    """Every modality cue in the sentence (all overlapping matches, longest first)."""
    out = []
    idx = lex.cues[lang]
    for k in range(len(tokens)):
        for m in idx.match_at(tokens, k):
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
