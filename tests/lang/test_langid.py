"""Language identification: Vietnamese with and without diacritics vs English."""
from __future__ import annotations

import doctest

import pytest

import kg.lang.langid
from kg.lang.langid import detect_language, vietnamese_letter_ratio
from kg.lang.text import strip_marks

VI = [
    "Thủ tướng Lào đã tiếp Đại sứ Việt Nam và hai bên nhất trí tăng cường hợp tác trong lĩnh vực y tế.",
    "Bộ Ngoại giao cho biết các nước ASEAN sẽ được hỗ trợ thêm vaccine trong năm nay.",
    "Hợp tác kinh tế giữa hai nước không ngừng phát triển.",
    "Nhật Bản trao tặng Lào 1 triệu liều vaccine AstraZeneca",
]
EN = [
    "The Lao Prime Minister received the Vietnamese ambassador and both sides agreed to boost health cooperation.",
    "Foreign Minister Bùi Thanh Sơn and Deputy Prime Minister Phạm Bình Minh met the Japanese envoy in Hà Nội.",
    "Prime Minister Pham Minh Chinh visited Da Nang and Hai Phong with the Nhan Dan editor.",
    "Vietnam receives vaccine doses donated by Japan",
    "President Nguyễn Xuân Phúc met Lao leaders on Monday, according to Thông tấn xã Việt Nam.",
]


def test_doctests() -> None:
    assert doctest.testmod(kg.lang.langid).failed == 0


@pytest.mark.parametrize("text", VI)
def test_vietnamese(text: str) -> None:
    assert detect_language(text) == "vi"


@pytest.mark.parametrize("text", VI)
def test_vietnamese_without_diacritics(text: str) -> None:
    folded = strip_marks(text)
    assert vietnamese_letter_ratio(folded) == 0.0
    assert detect_language(folded) == "vi"


@pytest.mark.parametrize("text", EN)
def test_english_even_with_vietnamese_names(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "12,5% — 2021", "COVID-19"])
def test_no_evidence_defaults_to_vi(text: str) -> None:
    assert detect_language(text) == "vi"


def test_ratio_counts_words_with_vietnamese_letters() -> None:
    assert vietnamese_letter_ratio("Đà Nẵng and Huế") == pytest.approx(0.75)
    assert vietnamese_letter_ratio("café in Paris") == pytest.approx(1 / 3)
    assert vietnamese_letter_ratio("") == 0.0
