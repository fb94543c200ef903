"""Bylines and sign-offs (kg.readers.bylines): who wrote an article, and from which source."""
from __future__ import annotations

import pytest

from kg.readers.bylines import is_byline, is_namelike, words


@pytest.mark.parametrize("line,byline", [
    ("Theo TTXVN", True),
    ("(Theo Báo Tin Nhanh)", True),
    ("Nguồn: Đài Phát Thanh", True),
    ("By Linh Pham", True),
    ("Reporting by Jane Doe in Hanoi; Editing by John Smith", True),
    ("Minh Hà (tổng hợp)", True),
    ("Theo ông Nam, hai bên sẽ ký thỏa thuận vào tuần tới.", False),
    ("Hai bên đã ký thỏa thuận hợp tác.", False),
])
def test_bylines_and_sentences(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


@pytest.mark.parametrize("line,namelike", [
    ("Thanh Lâm", True),
    ("MINH ANH", True),
    ("Thanh Lâm, Hà Nội", False),           # a comma: not a name alone
    ("hai bên đã ký", False),
    ("Một Hai Ba Bốn Năm Sáu", False),      # more than five words
])
def test_name_like_stubs(line: str, namelike: bool) -> None:
    assert is_namelike(line) is namelike


def test_words_keep_hyphens_apostrophes_and_dots_inside() -> None:
    assert words("Jae-yong O'Neil, v.v. và TP.HCM") == ["Jae-yong", "O'Neil", "v.v", "và", "TP.HCM"]
