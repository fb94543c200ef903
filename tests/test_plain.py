"""Typed plain data: values round-trip exactly; anything of another shape is refused."""
from __future__ import annotations

from typing import Any, Optional

import pytest

from kg.build.cache_records import CachedArticle, ParsedFile
from kg.extract.people import Person
from kg.model import Article, Assertion, Quantity
from kg.build.people_tracking import ResolutionRecord
from kg.plain import Codec, PlainDataError, seal, unseal

ARTICLE = Article("d\udcff", "Nhật Bản tặng Lào.\n", path="x/d.txt", title="Nhật Bản", title_span=(0, 8),
                  body=[(0, 18)], dropped=[(18, 19, "blank")], row=3, date="2021-07-01")
ASSERTION = Assertion("d", "country/japan", "providesAidTo", "country/laos", confidence=1,
                      quantities=[Quantity(1e6, "dose", "1 triệu liều")], attrs={"level": "x", "n": [1, 2]})
RECORD = ResolutionRecord({"Sergey Lavrov": None}, {}, ["person/sergey-lavrov"],
                          {"person/sergey-lavrov": Person("person/sergey-lavrov", {"Sergey Lavrov"},
                                                          ("sergey", "lavrov"), False, {"position/x"}, {"t"})},
                          [("Organization", "WHO")], True)


@pytest.mark.parametrize("shape, value", [
    (str, "lone surrogate \udcff and ễ"),
    (float, 0.72), (float, 1), (int, 3), (bool, False), (Optional[str], None), (Any, {"a": [1, None]}),
    (tuple[str, int], ("a", 1)), (tuple[str, ...], ("a", "b")), (frozenset[str], frozenset({"b", "a"})),
    (dict[str, Optional[str]], {"a": None, "b": "c"}),
    (list[tuple[str, str, str | tuple[str, Optional[str], Optional[str]]]],
     [("s", "p", "o"), ("s", "p", ("lit", "vi", None))]),
    (ParsedFile, ParsedFile([ARTICLE], ["W001: x"])),
    (CachedArticle, CachedArticle([ASSERTION], RECORD)),
])
def test_values_round_trip(shape, value):
    codec = Codec(shape)
    back = codec.loads(codec.dumps(value))
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("shape, data", [
    (str, b"1"), (int, b"true"), (int, b"1.5"), (float, b'"1"'), (bool, b"0"),
    (tuple[str, int], b'["a"]'), (tuple[str, int], b'["a", 1, 2]'), (list[str], b'{"a": 1}'),
    (set[str], b'[1]'), (dict[str, int], b'{"a": "b"}'), (Optional[str], b"[]"),
    (Quantity, b'[1.0, "dose", "x"]'), (Quantity, b'{"amount": 1}'),
    (CachedArticle, b'{"__reduce__": "os.system"}'),
    (list[str], b"[" * 100_000 + b"]" * 100_000),
    (str, b'"\xff"'), (str, b"not json"),
])
def test_other_shapes_are_refused(shape, data):
    with pytest.raises((PlainDataError, ValueError, RecursionError)):
        Codec(shape).loads(data)


def test_a_type_the_codec_cannot_store_is_refused_when_the_codec_is_made():
    with pytest.raises(TypeError):
        Codec(dict[int, str])


@pytest.mark.parametrize("label, blob", [
    ("k", seal("other", b"data")), ("k", seal("k", b"data")[:-1] + b"X"), ("k", b"short"), ("k", b""),
])
def test_a_seal_that_does_not_match_is_refused(label, blob):
    assert unseal(label, blob) is None
