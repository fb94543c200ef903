"""Evidence items of the HTML view: one assertion's sentence, its marked names and dates.

An item depends on the assertion, its article and the names of its subject and
object only, which is what lets :mod:`kg.export.html_evidence` cache items per
article. Dates fall back to the article's publication date where the assertion
has none, so every item from a dated article has a place on the timeline.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from ..model import Article, Assertion, Corpus, Entity
from ..lang.text import nfc


def _names(entity: Entity | None, entity_id: str) -> list[str]:
    """All names of an entity, longest first (longest wins when highlighting)."""
    if entity is None:
        return [entity_id]
    names = {nfc(entity.label), *(nfc(v) for v in entity.labels.values()), *(nfc(a) for a in entity.aliases)}
    return sorted((n for n in names if n.strip()), key=lambda n: (-len(n), n))


def _utf16(text: str, index: int) -> int:
    # The page's JavaScript indexes strings in UTF-16 code units, not code points.
    return len(text[:index].encode("utf-16-le")) // 2


@lru_cache(maxsize=8192)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    # One alternation per entity, compiled once: the same names recur in
    # thousands of sentences. Longest first, so "Việt Nam" wins over "Nam".
    usable = sorted({n for n in names if len(n) >= 2}, key=lambda n: (-len(n), n))
    if not usable:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, usable)) + r")(?!\w)", re.IGNORECASE)


def highlight_spans(sentence: str, marks: list[tuple[str, list[str]]]) -> list[list[Any]]:
    """Non-overlapping ``[start, end, role]`` spans (UTF-16 offsets) of names in a sentence.

    ``marks`` is ``[(role, names), ...]`` in priority order. Names match
    case-insensitively and only as whole words; one-letter names are ignored.

    >>> highlight_spans("Nga giúp Việt Nam", [("s", ["Nga"]), ("o", ["Việt Nam", "VN"])])
    [[0, 3, 's'], [9, 17, 'o']]
    """
    taken: list[tuple[int, int, str]] = []
    for role, names in marks:
        pattern = _names_pattern(tuple(names))
        if pattern is None:
            continue
        for m in pattern.finditer(sentence):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), role))
    return [[_utf16(sentence, s), _utf16(sentence, e), role] for s, e, role in sorted(taken)]


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs become links (no ``javascript:``, ``data:``, …).

    >>> safe_url("javascript:alert(1)"), safe_url(" https://vov.vn/a ")
    (None, 'https://vov.vn/a')
    """
    if not url:
        return None
    url = url.strip()
    return url if re.match(r"^https?://[^\s<>\"]+$", url, re.IGNORECASE) else None


def date_span(value: str | None, year: str | None = None) -> tuple[str, str] | None:
    """The first and last day an ISO date (or month, year, ``--MM-DD``) covers,
    as strings that compare like dates; ``year`` completes ``--MM-DD``.

    >>> date_span("2021-09"), date_span("--09-28", "2021"), date_span("spring")
    (('2021-09-01', '2021-09-31'), ('2021-09-28', '2021-09-28'), None)
    """
    value = (value or "").strip()
    if year and re.fullmatch(r"--\d{2}-\d{2}", value):
        value = year + value[1:]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{mo or '01'}-{d or '01'}", f"{y}-{mo or '12'}-{d or '31'}"


def _when(a: Assertion, article: Article | None) -> tuple[str, str] | None:
    published = article.date if article else None
    year = published[:4] if published and re.match(r"\d{4}", published) else None
    if a.start or a.end:
        lo, hi = date_span(a.start or a.end, year), date_span(a.end or a.start, year)
        if lo and hi:
            return lo[0], hi[1]
    return date_span(a.date, year) or date_span(published)


def evidence_maker(corpus: Corpus, articles: dict[str, Article]) -> Callable[[Assertion], dict[str, Any]]:
    """``evidence(assertion)``: its evidence item, with the names of its own subject
    and object marked. (Within a symmetric edge each assertion keeps its own
    direction, so its subject's names are its subject's, whichever end of the
    edge that is.)"""
    names: dict[str, list[str]] = {}

    def names_of(eid: str) -> list[str]:
        found = names.get(eid)
        if found is None:
            found = names[eid] = _names(corpus.entities.get(eid), eid)
        return found

    def evidence(a: Assertion) -> dict[str, Any]:
        return _evidence(a, articles.get(a.doc), names_of(a.subject), names_of(a.object))

    return evidence


def _evidence(a: Assertion, article: Article | None, subj: list[str], obj: list[str]) -> dict[str, Any]:
    sentence = nfc(a.sentence) if a.sentence else ""
    if not sentence and article is not None and 0 <= a.sentence_start < a.sentence_end <= len(article.text):
        sentence = nfc(article.text[a.sentence_start:a.sentence_end])
    trigger = nfc(a.trigger) if a.trigger else None
    when = _when(a, article)
    return {
        "doc": a.doc, "sentence": sentence,
        "marks": highlight_spans(sentence, [("s", subj), ("o", obj), ("t", [trigger] if trigger else [])]),
        "date": a.date or (f"{a.start or '…'} – {a.end or '…'}" if a.start or a.end else None),
        "lo": when[0] if when else None, "hi": when[1] if when else None,
        "modality": a.modality, "confidence": round(float(a.confidence), 3), "trigger": trigger,
        "quantities": [nfc(q.text) for q in a.quantities],
        "attrs": {str(k): nfc(str(v)) for k, v in a.attrs.items()},
        "inferred": a.inferred, "extractor": a.extractor,
    }
