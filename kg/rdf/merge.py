"""Merged assertions: all records of one fact in one article, as one node.

An extractor reports a fact once per sentence it reads it in. Every output
shows one node (RDF), one edge (GraphML) or one id (JSONL) per fact, so the
records are grouped by their key (doc, subject, predicate, object, modality).

>>> from kg.model import Assertion
>>> a = Assertion("d", "country/laos", "visits", "country/vietnam", confidence=0.4, sentence="A.")
>>> b = Assertion("d", "country/laos", "visits", "country/vietnam", confidence=0.8, sentence="B.",
...               sentence_start=3, sentence_end=5)
>>> [m] = merge_assertions([a, b])
>>> m.confidence, len(m.sentences()), m.id == assertion_id(a) == assertion_id(b)
(0.8, 2, True)
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Assertion, Quantity
from ..lang.text import nfc


def assertion_id(a: Assertion) -> str:
    """Stable id of an assertion: the same fact in one article gets one id."""
    return _key_id(tuple(map(nfc, a.key())))


def _key_id(key: tuple[str, ...]) -> str:
    return hashlib.sha1("|".join(key).encode("utf-8")).hexdigest()[:16]


@dataclass
class MergedAssertion:
    """All records of one assertion key (doc, s, p, o, modality) in an article.

    The same fact read in several sentences becomes one node with several
    sentence links and the highest confidence; nothing else is dropped.
    """

    first: Assertion
    records: list[Assertion] = field(default_factory=list)
    key: tuple[str, ...] = ()       # the first record's key in NFC (merge_assertions fills it in)

    @property
    def id(self) -> str:
        return _key_id(self.key) if self.key else assertion_id(self.first)

    @property
    def confidence(self) -> float:
        return max(r.confidence for r in self.records)

    @property
    def inferred(self) -> bool:
        # Read in at least one sentence beats "derived": the text states it.
        return all(r.inferred for r in self.records)

    def sentences(self) -> list[tuple[int, int, str]]:
        seen = {(r.sentence_start, r.sentence_end, nfc(r.sentence)) for r in self.records
                if r.sentence or r.sentence_end > r.sentence_start}
        return sorted(seen)

    def quantities(self) -> list[Quantity]:
        out: dict[tuple, Quantity] = {}
        for r in self.records:
            for q in r.quantities:
                out.setdefault((q.amount, q.unit, nfc(q.text), q.role), q)
        return list(out.values())

    def values(self, name: str) -> list[str]:
        """Distinct non-empty values of a string field, in first-seen order."""
        return list(dict.fromkeys(nfc(v) for r in self.records if (v := getattr(r, name))))

    def best(self, name: str) -> str | None:
        """The value of a single-valued field (the shapes allow one kg:date etc.)
        from the most confident record that has one; the rest stay in JSONL."""
        records = self.records if len(self.records) == 1 else \
            sorted(self.records, key=lambda r: -r.confidence)       # stable: ties keep order
        for r in records:
            if value := getattr(r, name):
                return nfc(value)
        return None

    def attrs(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for r in self.records:
            for k, v in r.attrs.items():
                # A set's order varies with PYTHONHASHSEED: sort it so outputs do not.
                items = sorted(v, key=repr) if isinstance(v, (set, frozenset)) else v
                for item in (items if isinstance(items, (list, tuple)) else [items]):
                    if item not in out.setdefault(k, []):
                        out[k].append(item)
        return out


def merge_assertions(assertions: Iterable[Assertion]) -> list[MergedAssertion]:
    """Group assertion records by key, keeping first-seen order."""
    groups: dict[tuple[str, ...], MergedAssertion] = {}
    for a in assertions:
        key = tuple(map(nfc, a.key()))
        group = groups.get(key)
        if group is None:
            group = groups[key] = MergedAssertion(first=a, key=key)
        group.records.append(a)
    return list(groups.values())


__all__ = ["MergedAssertion", "assertion_id", "merge_assertions"]
