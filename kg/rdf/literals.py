"""Literals of kg's RDF layout: language-tagged text, xsd:decimal, ISO dates, scalars.

>>> date_literal("2021-07"), decimal_literal(1e16)
(<Literal value=2021-07 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>>, <Literal value=10000000000000000 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#decimal>>)
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal
from typing import Any

from pyoxigraph import Literal, NamedNode

from ..lang.text import nfc

XSD = "http://www.w3.org/2001/XMLSchema#"
_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def text_literal(text: str, lang: str | None = None) -> Literal:
    if lang and _LANG_TAG.match(lang):
        return Literal(nfc(text), language=lang)
    return Literal(nfc(text))


def decimal_literal(value: float, places: int | None = None) -> Literal | None:
    """xsd:decimal in plain positional notation (never '1E+16', which is not
    a valid xsd:decimal lexical form); None for NaN/inf, which have none."""
    if not math.isfinite(value):
        return None
    if places is not None:
        value = round(value, places)
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=NamedNode(XSD + "decimal"))


def date_literal(value: str) -> Literal:
    """xsd:date for a full, valid ISO date; xsd:gYearMonth / xsd:gYear /
    xsd:gMonthDay for partial ones; otherwise an untyped string (e.g. '2021-Q3', 'spring 2021')."""
    value = nfc(value.strip())
    kinds = ((r"\d{4}-\d{2}-\d{2}", "date"), (r"\d{4}-(0[1-9]|1[0-2])", "gYearMonth"), (r"\d{4}", "gYear"),
             (r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", "gMonthDay"))   # a day whose year the article never gives
    for pattern, kind in kinds:
        if re.fullmatch(pattern, value):
            if kind == "date":
                try:
                    _dt.date.fromisoformat(value)
                except ValueError:          # e.g. 2021-02-30: keep what was written, untyped
                    return Literal(value)
            return Literal(value, datatype=NamedNode(XSD + kind))
    return Literal(value)


def scalar_literal(value: Any) -> Literal | None:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return decimal_literal(value)
    if isinstance(value, str):
        return Literal(nfc(value)) if value.strip() else None
    return None


__all__ = ["date_literal", "decimal_literal", "scalar_literal", "text_literal"]
