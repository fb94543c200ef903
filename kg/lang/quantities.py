"""Normalise quantities: "1 triệu liều" → 1e6 dose, "2,6 tỷ USD" → 2.6e9 USD,
"12,5%" → 12.5 percent, "$1.5 billion", "500,000 doses".

Vietnamese writes the decimal comma and the thousands dot ("2,6"; "500.000");
English the reverse. A lone separator followed by exactly three digits is a
thousands separator in both.

>>> [(q.amount, q.unit) for q in find_quantities("đạt 2,6 tỷ USD, tăng 12,5%", "vi")]
[(2600000000.0, 'USD'), (12.5, 'percent')]
>>> [(q.amount, q.unit) for q in find_quantities("1 million doses of vaccine", "en")]
[(1000000.0, 'dose')]
"""
from __future__ import annotations

import re

from functools import lru_cache
from typing import NamedTuple

from ..model import Quantity
from .profiles import across, table

class _Tables(NamedTuple):
    scales: dict[str, float]
    units: dict[str, str]
    growth: tuple[str, ...]
    target: tuple[str, ...]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Number words, units and cue words of every language profile, and the pattern they make:
    "1 triệu liều" and "1 million doses" are read whatever the article's language."""
    scales = {k: float(v) for k, v in table("quantity_scales").items()}
    units = {**table("quantity_units"), **table("quantity_symbols")}
    scale = "|".join(sorted(map(re.escape, scales), key=len, reverse=True))
    unit = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<pre>US\$|\$|€)?\s?(?P<num>{_NUM})\s?(?P<scale>(?:{scale})\b)?\s?(?P<unit>(?:{unit})(?!\w))?",
        re.IGNORECASE)
    return _Tables(scales, units, tuple(across("growth_words")), tuple(across("target_words")), pattern)


_NUM = r"\d+(?:[.,]\d+)*"


def parse_number(text: str, lang: str) -> float:
    """Read a number written the Vietnamese or the English way.

    >>> parse_number("500.000", "vi"), parse_number("2,6", "vi"), parse_number("1,200", "en")
    (500000.0, 2.6, 1200.0)
    """
    decimal, thousands = (",", ".") if lang == "vi" else (".", ",")
    parts = re.split(r"[.,]", text)
    seps = re.findall(r"[.,]", text)
    if len(seps) == 1 and len(parts[1]) == 3 and seps[0] == thousands:
        return float(parts[0] + parts[1])
    if len(seps) == 1 and len(parts[1]) == 3 and seps[0] == decimal and lang == "vi" and seps[0] == ",":
        return float(text.replace(",", "."))
    cleaned = text.replace(thousands, "").replace(decimal, ".")
    try:
        return float(cleaned)
    except ValueError:
        return float(re.sub(r"[.,]", "", text))


def find_quantities(text: str, lang: str) -> list[Quantity]:
    out: list[Quantity] = []
    t = _tables()
    for m in t.pattern.finditer(text):
        if not (m.group("scale") or m.group("unit") or m.group("pre")):
            continue
        first = m.start("pre") if m.group("pre") else m.start("num")
        before = text[max(0, first - 1):first]
        if before and (before.isalnum() or before in "/-"):
            continue          # dates like 28/9, codes like COVID-19
        amount = parse_number(m.group("num"), lang)
        if m.group("scale"):
            amount *= t.scales[m.group("scale").lower()]
        unit_word = (m.group("unit") or m.group("pre") or "").lower()
        unit = t.units.get(unit_word, "")
        if not unit:
            tail = text[m.end():m.end() + 25].lower()
            unit = next((t.units[u] for u in sorted(t.units, key=len, reverse=True) if tail.startswith(u)), "count")
        context = text[max(0, first - 25):first].lower()
        role = "growth" if unit == "percent" and any(g in context.split() for g in t.growth) else "value"
        if any(w in context for w in t.target) and unit != "percent":
            role = "target"
        out.append(Quantity(amount, unit, m.group().strip(), role))
    return out
