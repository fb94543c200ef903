"""What turns the HTML view from an evidence browser into an overview.

* **Offices are attributes.** A position ("Prime Minister") is no node of its
  own: it would be a false hub linking officials of different countries. A
  person carries their offices as posts tied to what they represent
  ("Prime Minister of Vietnam"); the ``holdsPosition`` edges stay in the data,
  never drawn, so the person's panel can still list their sentences.
* **Folding.** Each person who represents a country or organisation names the
  one they most often represent; the page can fold people into it, so the
  opening picture is the map of countries and organisations.
* **Modality counts** of an edge's evidence, its dominant modality first.
* **Timeline**: dated evidence per day, month or year, from the first date to the last.

>>> from kg.model import Assertion, Corpus, Entity
>>> ents = {"person/a": Entity("person/a", "Person", "A"),
...         "position/pm": Entity("position/pm", "Position", "Prime Minister", {"vi": "Thủ tướng"}),
...         "country/vn": Entity("country/vn", "Country", "Vietnam", {"vi": "Việt Nam"})}
>>> corpus = Corpus(entities=ents, assertions=[Assertion("d", "person/a", "holdsPosition", "position/pm"),
...                                            Assertion("d", "person/a", "represents", "country/vn")])
>>> fold_targets(corpus)
{'person/a': 'country/vn'}
>>> [post["labels"] for post in offices(corpus, fold_targets(corpus))["person/a"]]
[{'en': 'Prime Minister of Vietnam', 'vi': 'Thủ tướng Việt Nam'}]
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from ..model import MODALITIES, Corpus
from ..rdf.posts import OFFICE, posts, represented
from .html_items import date_span

# Timeline periods: days up to this many days, months up to this many years, then years.
DAILY, YEARLY = 92, 15


def is_attribute(predicate: str, subject_type: str, object_type: str) -> bool:
    """Whether an edge is shown on its subject rather than drawn: an office."""
    return predicate == OFFICE or object_type == "Position" or subject_type == "Position"


def fold_targets(corpus: Corpus) -> dict[str, str]:
    """``{person: country or organisation}``: what each person is folded into (:mod:`kg.rdf.posts`)."""
    return represented(corpus)


def offices(corpus: Corpus, targets: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """``{person: [post, ...]}``: each office a person holds, named as a post of what
    they represent ("Prime Minister of Vietnam"; the office alone if they represent nothing)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for p in posts(corpus, targets):
        out.setdefault(p.person, []).append({"position": p.position, "of": p.of, "labels": p.labels,
                                             "title": p.title})
    return out


def modality_counts(modalities: Iterable[str]) -> dict[str, int]:
    """Evidence per modality, the dominant one first (ties: the order of MODALITIES).

    >>> modality_counts(["planned", "asserted", "planned"])
    {'planned': 2, 'asserted': 1}
    """
    counts = Counter(modalities)
    order = {m: i for i, m in enumerate(MODALITIES)}
    return {m: counts[m] for m in sorted(counts, key=lambda m: (-counts[m], order.get(m, 99), m))}


def timeline(days: Iterable[str]) -> list[list[Any]]:
    """``[[label, count, first day, last day], ...]``: dated evidence per day when the
    dates span at most :data:`DAILY` days, else per month, else per year, every
    period from the first to the last, empty ones too.

    >>> timeline(["2021-07-02", "2021-12-30", "2021-07-20"])[0]
    ['2021-07', 2, '2021-07-01', '2021-07-31']
    >>> [b[0] for b in timeline(["2021-09-25", "2021-09-27"])]
    ['2021-09-25', '2021-09-26', '2021-09-27']
    """
    days = sorted(days)
    if not days:
        return []
    try:
        first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    except ValueError:
        first = last = None
    if first and last and (last - first).days < DAILY:
        counts = Counter(days)
        span = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
        return [[d, counts[d], d, d] for d in span]
    years = int(days[-1][:4]) - int(days[0][:4])
    width = 7 if years <= YEARLY else 4
    counts = Counter(d[:width] for d in days)
    periods = _periods(days[0][:width], days[-1][:width])
    return [[p, counts[p], *date_span(p)] for p in periods]


def _periods(first: str, last: str) -> list[str]:
    """Every month (``YYYY-MM``) or year (``YYYY``) from ``first`` to ``last``."""
    if len(first) == 4:
        return [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
