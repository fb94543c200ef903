import pytest

from kg.lang.quantities import find_quantities, parse_number


@pytest.mark.parametrize("text,lang,expected", [
    ("Nhật Bản tặng 1 triệu liều vắc xin", "vi", [(1e6, "dose", "value")]),
    ("đạt 2,6 tỷ USD, tăng 12,5%", "vi", [(2.6e9, "USD", "value"), (12.5, "percent", "growth")]),
    ("nâng kim ngạch lên mức 100 tỷ USD", "vi", [(1e11, "USD", "target")]),
    ("500.000 liều vắc xin AstraZeneca", "vi", [(5e5, "dose", "value")]),
    ("1,5 triệu liều", "vi", [(1.5e6, "dose", "value")]),
    ("donated 2 million doses", "en", [(2e6, "dose", "value")]),
    ("a $1.5 billion loan", "en", [(1.5e9, "USD", "value")]),
    ("trade rose 8.4% to US$ 20 billion", "en", [(8.4, "percent", "growth"), (2e10, "USD", "value")]),
    ("300,000 doses", "en", [(3e5, "dose", "value")]),
    ("ngày 28/9 và COVID-19", "vi", []),
])
def test_find_quantities(text, lang, expected):
    got = [(q.amount, q.unit, q.role) for q in find_quantities(text, lang)]
    assert got == expected


@pytest.mark.parametrize("text,lang,value", [
    ("2,6", "vi", 2.6), ("500.000", "vi", 500000.0), ("1.200.000", "vi", 1200000.0),
    ("1,200", "en", 1200.0), ("2.6", "en", 2.6), ("1,200,000", "en", 1200000.0),
])
def test_parse_number(text, lang, value):
    assert parse_number(text, lang) == value
