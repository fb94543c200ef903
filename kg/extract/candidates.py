"""What argument finding hands on: relation candidates and the state a sentence passes to the next."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lang.patterns import Match


@dataclass
class Candidate:
    predicate: str
    subjects: list[str]
    objects: list[str]
    trigger: Match
    frame: str
    confidence: float = 0.7
    mutual: bool = False
    notes: list[str] = field(default_factory=list)
    each: bool = False          # several subjects each do it ("Ba Lan và Séc đã tặng ...")


@dataclass
class SentenceState:
    """What a sentence hands to the next one (for continuation sentences)."""

    subject: list[str] = field(default_factory=list)
    modality: str | None = None
    open_list: bool = False          # the sentence ended with ":" (a list of measures follows)
