"""Sentence splitting: repaired boundaries, protected abbreviations, exact offsets."""
from __future__ import annotations

import doctest

import pytest

import kg.lang.sentences
from kg.model import Article
from kg.reader import parse_article
from kg.lang.sentences import sentence_bounds, split_sentences


def article(body: str, lang: str = "vi", title: str | None = None) -> Article:
    text = (title + "\n" if title else "") + body
    start = len(title) + 1 if title else 0
    return Article(doc="t", text=text, lang=lang, title=title,
                   title_span=(0, len(title)) if title else None, body=[(start, len(text))])


def texts(body: str, lang: str = "vi") -> list[str]:
    sents = split_sentences(article(body, lang))
    for s in sents:
        assert s.text == s.text.strip() and s.text
    return [s.text for s in sents]


def test_doctests() -> None:
    assert doctest.testmod(kg.lang.sentences).failed == 0


@pytest.mark.parametrize("body, lang, expected", [
    # Missing spaces after full stops are repaired.
    ("Lào đã nhận vaccine Sinopharm V.Tiếp đó, hai bên ký kết.", "vi",
     ["Lào đã nhận vaccine Sinopharm V.", "Tiếp đó, hai bên ký kết."]),
    ("Đoàn thăm Hà Nội từ ngày 12-15/8.Trong chuyến thăm, hai bên ký 5 văn kiện.", "vi",
     ["Đoàn thăm Hà Nội từ ngày 12-15/8.", "Trong chuyến thăm, hai bên ký 5 văn kiện."]),
    ("Hai nước phối hợp chống dịch Covid-19.Nhiều chuyên gia đánh giá cao.", "vi",
     ["Hai nước phối hợp chống dịch Covid-19.", "Nhiều chuyên gia đánh giá cao."]),
    ("quan hệ hai nước ngày nay.Lào là đối tác tin cậy.", "vi",
     ["quan hệ hai nước ngày nay.", "Lào là đối tác tin cậy."]),
    ("The talks ended in 2021.The two sides agreed on a plan.", "en",
     ["The talks ended in 2021.", "The two sides agreed on a plan."]),
    # Ellipsis, with and without a space, and "./." endings.
    ("hợp tác trong nông nghiệp, chế tạo…Thủ tướng Lào phát biểu.", "vi",
     ["hợp tác trong nông nghiệp, chế tạo…", "Thủ tướng Lào phát biểu."]),
    ("an ninh mạng… Khẳng định vai trò của ASEAN.", "vi", ["an ninh mạng…", "Khẳng định vai trò của ASEAN."]),
    ("Hai bên nhất trí tăng cường hợp tác…../.", "vi", ["Hai bên nhất trí tăng cường hợp tác….."]),
    ("Lào cảm ơn Việt Nam./.", "vi", ["Lào cảm ơn Việt Nam."]),
    # Semicolon before a capital, but not before lowercase.
    ("qua các kênh…; Tập trung triển khai dự án; mở rộng hợp tác.", "vi",
     ["qua các kênh…;", "Tập trung triển khai dự án; mở rộng hợp tác."]),
    ("Is it ready? Yes! It is.", "en", ["Is it ready?", "Yes!", "It is."]),
    ('He said: "We agree." "Good," she replied.', "en", ['He said: "We agree."', '"Good," she replied.']),
    ("Ông nói: “Chúng tôi đồng ý.” Bà Lan cũng ủng hộ.", "vi", ["Ông nói: “Chúng tôi đồng ý.”", "Bà Lan cũng ủng hộ."]),
    # A single capital letter before ". " ends a Vietnamese sentence when a Vietnamese word follows.
    ("Nga chuyển giao vắc xin Sputnik V. Đến nay, Lào đã tiêm 1 triệu liều.", "vi",
     ["Nga chuyển giao vắc xin Sputnik V.", "Đến nay, Lào đã tiêm 1 triệu liều."]),
    ("Russia supplied Sputnik V. The vaccine arrived in July.", "en",
     ["Russia supplied Sputnik V.", "The vaccine arrived in July."]),
    # Line breaks inside a span are boundaries.
    ("Dòng thứ nhất không có dấu chấm\nDòng thứ hai.", "vi", ["Dòng thứ nhất không có dấu chấm", "Dòng thứ hai."]),
])
def test_boundaries(body: str, lang: str, expected: list[str]) -> None:
    assert texts(body, lang) == expected


@pytest.mark.parametrize("body, lang", [
    ("Ông Bình sẽ công tác tại TP.HCM và TP. Hồ Chí Minh trong tuần tới.", "vi"),
    ("PGS.TS. Nguyễn Văn An và ThS. Lê Minh phát biểu tại hội thảo.", "vi"),
    ("Kim ngạch đạt 2,6 tỷ USD, tăng 12,5% và gấp 2.6 lần năm trước.", "vi"),
    ("Các nước Lào, Campuchia, Thái Lan v.v. đều tham dự hội nghị.", "vi"),
    ("Thông tin đăng trên VOV.VN và baochinhphu.vn cùng ngày.", "vi"),
    ("Mr. Tanaka met Dr. Lee and Prof. Kim at No. 5 St. James St. yesterday.", "en"),
    ("The U.S. and the E.U. discussed A.I. rules with J. Smith and John F. Kennedy Jr. in Washington.", "en"),
    ("Talks were held in Sept. Ministers met on Jan. 5 as well.", "en"),
    ("1. Hợp tác y tế giữa hai nước được đẩy mạnh.", "vi"),
])
def test_no_split(body: str, lang: str) -> None:
    assert texts(body, lang) == [body]


@pytest.mark.parametrize("body, expected", [
    ("Thủ tướng phát biểu tại hội nghị. Ảnh: VGP/Nhật Bắc.Hai bên ký kết văn kiện.",
     ["Thủ tướng phát biểu tại hội nghị.", "Hai bên ký kết văn kiện."]),
    ("Bộ trưởng tiếp Đại sứ Lào - Ảnh: TTXVN", ["Bộ trưởng tiếp Đại sứ Lào"]),
    ("The ministers meet in Hanoi (Photo: VNA)", ["The ministers meet in Hanoi"]),
    ("Hai bên ký kết. (Ảnh: Minh Anh/TTXVN)", ["Hai bên ký kết."]),
    ("Hai bên ký kết.\n…\n- . -", ["Hai bên ký kết."]),
])
def test_credits_and_punctuation_dropped(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


def test_title_first_and_offsets() -> None:
    a = article("  Lào nhận vaccine.Hai bên ký kết.  ", title="Lào và Việt Nam hợp tác")
    sents = split_sentences(a)
    assert [s.is_title for s in sents] == [True, False, False]
    assert [s.index for s in sents] == [0, 1, 2]
    assert sents[0].text == "Lào và Việt Nam hợp tác"
    assert (sents[1].start, sents[1].end) == (len("Lào và Việt Nam hợp tác\n  "),
                                              len("Lào và Việt Nam hợp tác\n  Lào nhận vaccine."))
    for s in sents:
        assert a.text[s.start:s.end] == s.text and s.doc == "t" and s.lang == "vi"


def test_no_title_no_title_sentence() -> None:
    sents = split_sentences(article("Hai bên ký kết. Lào cảm ơn."))
    assert [s.is_title for s in sents] == [False, False]


def test_sentence_bounds_respects_span() -> None:
    text = "Bỏ qua phần này. Hai bên ký kết. Lào cảm ơn. Phần cuối."
    s, e = text.index("Hai"), text.index(" Phần")
    assert [text[a:b] for a, b in sentence_bounds(text, s, e)] == ["Hai bên ký kết.", "Lào cảm ơn."]


MESSY = [
    "https://a.example/2021/01/02/x.html\nVIE-News\nLào và Việt Nam ký hiệp định\n"
    "(TTXVN) - Hai bên ký kết.Lào cảm ơn Việt Nam. Ảnh: TTXVN.Tiếp đó, hai bên họp báo…/.\nMinh Anh",
    "Vietnam, Laos sign accord\r\n\r\nHANOI (Reuters) - The U.S. welcomed it.Mr. Lee said so.\r\nRelated news\r\nx",
    "\ufeffTiêu đề có khoảng trắng lạ\u00a0\u200b\n\u00a0\nHai bên\u00a0ký kết.\u200bLào cảm ơn.",
]


@pytest.mark.parametrize("text", MESSY)
def test_offsets_hold_on_messy_input(text: str) -> None:
    a = parse_article(text, doc="m")
    sents = split_sentences(a)
    assert len(sents) >= 3
    for s in sents:
        assert a.text[s.start:s.end] == s.text
        assert s.text == s.text.strip(" \t\n\r\u00a0\u200b\ufeff")
        assert "Ảnh" not in s.text and "Related" not in s.text


# --------------------------------------------------------------------------- captions glued to the next sentence

@pytest.mark.parametrize("body, lang, expected", [
    # A caption with no full stop ran into the next sentence: the seam is a boundary.
    ("Lễ trao tặng tại Đại sứ quán Nhật Bản ở Hà NộiPhía Nhật Bản cho biết sẽ tặng thêm.", "vi",
     ["Lễ trao tặng tại Đại sứ quán Nhật Bản ở Hà Nội", "Phía Nhật Bản cho biết sẽ tặng thêm."]),
    ("Quang cảnh buổi hội đàm tại Viêng ChănHai bên nhất trí tăng cường hợp tác.", "vi",
     ["Quang cảnh buổi hội đàm tại Viêng Chăn", "Hai bên nhất trí tăng cường hợp tác."]),
    ("Bộ trưởng tiếp Đại sứ LàoĐại sứ cảm ơn Việt Nam.", "vi",
     ["Bộ trưởng tiếp Đại sứ Lào", "Đại sứ cảm ơn Việt Nam."]),
    ("The handover ceremony in HanoiThe two sides signed a deal.", "en",
     ["The handover ceremony in Hanoi", "The two sides signed a deal."]),
    ("Doses arrive at the airportFollowing the talks, Laos thanked Vietnam.", "en",
     ["Doses arrive at the airport", "Following the talks, Laos thanked Vietnam."]),
])
def test_glued_caption_is_split_off(body: str, lang: str, expected: list[str]) -> None:
    assert texts(body, lang) == expected


@pytest.mark.parametrize("body, lang", [
    # Names written in camel case stay whole.
    ("AstraZeneca và VinaCapital ký hợp đồng với BioNTech.", "vi"),
    ("Hãng VinBioCare nhận chuyển giao công nghệ từ GlaxoSmithKline.", "vi"),
    ("The company posted the news on LinkedIn and YouTube.", "en"),
    ("McDonald and DeSantis visited iPhone makers in the US.", "en"),
])
def test_camel_case_names_are_not_seams(body: str, lang: str) -> None:
    assert texts(body, lang) == [body]


def test_glued_caption_seam_in_an_article_keeps_offsets() -> None:
    a = parse_article("Hai nước ký thỏa thuận hợp tác y tế\n"
                      "Lễ ký tại trụ sở Bộ Y tế Việt NamPhía Lào cảm ơn Việt Nam đã hỗ trợ.", doc="g")
    sents = split_sentences(a)
    assert [s.text for s in sents][1:] == ["Lễ ký tại trụ sở Bộ Y tế Việt Nam", "Phía Lào cảm ơn Việt Nam đã hỗ trợ."]
    for s in sents:
        assert a.text[s.start:s.end] == s.text


@pytest.mark.parametrize("text, seam", [
    ("Ảnh: TTXVNPhía Lào cảm ơn.", "Phía"), ("tại Việt NamPhía Mỹ", "Phía"), ("Photo: VNAThe two sides", "The"),
    ("Ảnh: VnExpress", None), ("AstraZeneca và VinaCapital", None), ("Ảnh: VGP/Nhật Bắc", None),
])
def test_glue_seam(text: str, seam: str | None) -> None:
    from kg.lang.sentences import glue_seam

    at = glue_seam(text, 0, len(text))
    assert (text[at:].split()[0] if at is not None else None) == seam
