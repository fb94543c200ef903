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

from ..model import Quantity

SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "nghìn tỷ": 1e12,
          "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9, "k": 1e3}
UNITS = {"liều": "dose", "doses": "dose", "dose": "dose", "usd": "USD", "đô la mỹ": "USD", "đô la": "USD",
         "us$": "USD", "$": "USD", "dollars": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR",
         "đồng": "VND", "vnd": "VND", "vnđ": "VND", "rúp": "RUB", "rubles": "RUB", "yên": "JPY", "yen": "JPY",
         "won": "KRW", "nhân dân tệ": "CNY", "yuan": "CNY", "%": "percent", "phần trăm": "percent",
         "percent": "percent", "per cent": "percent", "tấn": "tonne", "tonnes": "tonne", "tons": "tonne",
         "học bổng": "scholarship", "scholarships": "scholarship", "chuyên gia": "expert", "experts": "expert",
         "máy thở": "ventilator", "ventilators": "ventilator", "lọ": "vial", "vials": "vial", "dự án": "project",
         "projects": "project"}
GROWTH = ("tăng", "giảm", "up", "down", "increase", "rise", "rose", "grew", "growth")
TARGET = ("lên mức", "lên", "mục tiêu", "target", "to reach", "đạt mức")

_NUM = r"\d+(?:[.,]\d+)*"
_SCALE = "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True))
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
PATTERN = re.compile(
    rf"(?P<pre>US\$|\$|€)?\s?(?P<num>{_NUM})\s?(?P<scale>(?:{_SCALE})\b)?\s?(?P<unit>(?:{_UNIT})(?!\w))?",
    re.IGNORECASE)


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
    for m in PATTERN.finditer(text):
        if not (m.group("scale") or m.group("unit") or m.group("pre")):
            continue
        first = m.start("pre") if m.group("pre") else m.start("num")
        before = text[max(0, first - 1):first]
        if before and (before.isalnum() or before in "/-"):
            continue          # dates like 28/9, codes like COVID-19
        amount = parse_number(m.group("num"), lang)
        if m.group("scale"):
            amount *= SCALES[m.group("scale").lower()]
        unit_word = (m.group("unit") or m.group("pre") or "").lower()
        unit = UNITS.get(unit_word, "")
        if not unit:
            tail = text[m.end():m.end() + 25].lower()
            unit = next((UNITS[u] for u in sorted(UNITS, key=len, reverse=True) if tail.startswith(u)), "count")
        context = text[max(0, first - 25):first].lower()
        role = "growth" if unit == "percent" and any(g in context.split() for g in GROWTH) else "value"
        if any(w in context for w in TARGET) and unit != "percent":
            role = "target"
        out.append(Quantity(amount, unit, m.group().strip(), role))
    return out
