"""Page chrome: every class of line a site prints around an article is dropped with its reason.

All lines here are invented for the tests; none comes from a real page.
"""
from __future__ import annotations

import doctest

import pytest

import kg.readers.chrome
from kg.reader import parse_article
from kg.readers.chrome import (chrome_kind, closes_article, has_photo_credit, is_alt_text, is_bullet_headline,
                               photo_credit_start)
from kg.lang.sentences import split_sentences

TITLE = "Hai nước ký thỏa thuận hợp tác y tế"
BODY_VI = "Hai bên đã ký thỏa thuận hợp tác y tế. Việt Nam sẽ nhận thêm vaccine trong tháng tới."
BODY_EN = "The two countries signed a health agreement. Vietnam will receive more vaccines next month."


def body_text(a) -> str:
    return " ".join(a.text[s:e] for s, e in a.body)


def dropped(a, reason: str) -> list[str]:
    return [a.text[s:e] for s, e, r in a.dropped if r == reason]


def check_offsets(a) -> None:
    spans = sorted([(s, e) for s, e in a.body] + [(s, e) for s, e, _ in a.dropped]
                   + ([a.title_span] if a.title_span else []))
    for (s, e), nxt in zip(spans, spans[1:] + [(len(a.text), len(a.text))]):
        assert 0 <= s < e <= nxt[0], (s, e, nxt)
        assert a.text[s:e] == a.text[s:e].strip(), repr(a.text[s:e])
    for sent in split_sentences(a):
        assert a.text[sent.start:sent.end] == sent.text


def test_doctests() -> None:
    assert doctest.testmod(kg.readers.chrome).failed == 0


# --------------------------------------------------------------------------- line classes

@pytest.mark.parametrize("line, kind", [
    ("[ad_1]", "ad"), ("[ad_2]", "ad"), ("[AD_1]", "ad"), ("ADVERTISEMENT", "ad"), ("Quảng cáo", "ad"),
    ("Scroll to continue with content", "ad"),
    ("Hotline: 0987 654 321", "contact"), ("Đường dây nóng: 1900 1234", "contact"),
    ("Email: bandoc@baothu.example.vn", "contact"), ("E-mail: tinbai@tapchi.example.com", "contact"),
    ("Điện thoại: (024) 3825 1234 - Fax: (024) 3825 5678", "contact"),
    ("Hotline: 0987 654 321 | Email: lienhe@baothu.example.vn", "contact"),
    ("Liên hệ quảng cáo: 0912 000 111", "contact"), ("Contact us: desk@paper.example.com", "contact"),
    ("Địa chỉ: Số 9 phố Hoa Mai, quận Ba Đình, Hà Nội", "contact"),
    ("Mọi ý kiến xin gửi về hopthu@baothu.example.vn", "contact"),
    ("© 2025 Báo Thử Nghiệm", "footer"), ("Copyright © Example Daily. All rights reserved.", "footer"),
    ("Giấy phép số 99/GP-BTTTT cấp ngày 1/1/2020", "footer"), ("Tổng biên tập: Nguyễn Văn Bút", "footer"),
    ("Ghi rõ nguồn khi phát hành lại thông tin từ website này", "footer"),
    ("Chia sẻ Facebook Zalo", "share"), ("Chia sẻ bài viết lên Facebook", "share"),
    ("Share this article on Twitter", "share"), ("Theo dõi Báo Thử Nghiệm trên Google News", "share"),
    ("Theo doi Bao Thu Nghiem tren Google News", "share"), ("Theo dõi baothu.vn trên", "share"),
    ("Follow us on Facebook", "share"), ("Cỡ chữ A- A+ In bài", "share"),
    ("Nghe bài viết Giọng nam miền Bắc Giọng nữ miền Nam Tốc độ 1x", "player"),
    ("Listen to this article Audio 1x", "player"), ("Nghe đọc bài viết Giọng nữ miền Bắc", "player"),
    ("Bạn không thể gửi bình luận liên tục.", "comments"), ("Vui lòng đăng nhập để bình luận", "comments"),
    ("12 bình luận", "comments"), ("Leave a comment", "comments"),
])
def test_chrome_lines(line: str, kind: str) -> None:
    assert chrome_kind(line) == kind


@pytest.mark.parametrize("line", [
    BODY_VI, BODY_EN,
    "Văn phòng Chính phủ có văn bản gửi Bộ Y tế về việc nhập khẩu vaccine.",
    "Người dân có thể gọi đường dây nóng 1900 1234 để được hỗ trợ tiêm chủng.",
    "Theo dõi tình hình dịch bệnh trên thế giới, Bộ Y tế đã họp khẩn.",
    "Việt Nam đề nghị các nước ủng hộ miễn trừ bản quyền vaccine.",
    "Liên hệ với Đại sứ quán, ông Bình cho biết lô hàng sẽ đến vào tuần tới.",
    "Trả lời phỏng vấn báo chí, Bộ trưởng cho biết hai bên sẽ ký hiệp định trong năm nay.",
    "The minister said the plan would be published next week.",
    "Nam and Bắc Giang provinces received 10,000 doses, the ministry said.",
])
def test_text_lines_are_not_chrome(line: str) -> None:
    assert chrome_kind(line) is None


@pytest.mark.parametrize("line, title, alt", [
    ("Lào nhận vaccine từ Việt Nam - Ảnh 1.", None, True),
    ("Lào nhận vaccine từ Việt Nam - Hình 2", None, True),
    ("lao nhan vaccine tu viet nam hinh 1", None, True),
    ("Bộ trưởng tiếp Đại sứ Lào.jpg", None, True),
    ("Hai nước ký thỏa thuận hợp tác y tế - 1", TITLE, True),
    ("Hai nước ký thỏa thuận hợp tác y tế", TITLE, True),
    ("Hai nước ký “thỏa thuận” hợp tác y tế", TITLE, True),
    ("Việt Nam thắng 2 - 1", TITLE, False),
    (BODY_VI, TITLE, False),
])
def test_image_placeholders(line: str, title: str | None, alt: bool) -> None:
    assert is_alt_text(line, title) is alt


@pytest.mark.parametrize("line, caption", [
    ("An official gives a vaccine shot in Hanoi. — VNA/VNS Photo Lan Anh", "An official gives a vaccine shot in Hanoi."),
    ("Vaccine vials at a clinic. VNA/VNS Photo", "Vaccine vials at a clinic."),
    ("A nurse prepares a dose in Hanoi on May 3, 2021. MAI LAN / AFP", "A nurse prepares a dose in Hanoi on May 3, 2021."),
    ("The minister speaks in Hanoi. REUTERS/Tran Binh", "The minister speaks in Hanoi."),
    ("Doses arrive at the airport. Photo by Newspaper/Le Hoa", "Doses arrive at the airport."),
    ("Doses arrive at the airport. Photo courtesy of the ministry", "Doses arrive at the airport."),
])
def test_agency_photo_credits(line: str, caption: str) -> None:
    assert has_photo_credit(line)
    assert line[:photo_credit_start(line)].strip() == caption


@pytest.mark.parametrize("line", [BODY_EN, "He took a photo by the lake.", "The US / Laos talks ended."])
def test_no_photo_credit(line: str) -> None:
    assert not has_photo_credit(line)


@pytest.mark.parametrize("line, bullet", [
    ("- Lào nhận thêm vaccine từ Nhật Bản", True), ("• Thủ tướng tiếp Đại sứ Hàn Quốc", True),
    ("- Hai bên đã ký thỏa thuận.", False), ("Lào nhận thêm vaccine từ Nhật Bản", False),
])
def test_bullet_headlines(line: str, bullet: bool) -> None:
    assert is_bullet_headline(line) is bullet


@pytest.mark.parametrize("line, closes", [
    ("Hai bên nhất trí tăng cường hợp tác./.", True), ("Đại sứ khẳng định sẽ hỗ trợ…/.", True),
    ("The ministers agreed to meet again next year. — VNS", True), ("The deal was signed. – VNA", True),
    (BODY_VI, False), ("Laos - Vietnam trade grew by 10 per cent.", False),
])
def test_article_end_markers(line: str, closes: bool) -> None:
    assert closes_article(line) is closes


# --------------------------------------------------------------------------- in an article

@pytest.mark.parametrize("line, reason", [
    ("[ad_1]", "ad"), ("Hotline: 0987 654 321", "contact"), ("Email: bandoc@baothu.example.vn", "contact"),
    ("© 2025 Báo Thử Nghiệm", "footer"), ("Theo dõi Báo Thử Nghiệm trên Google News", "share"),
    ("Nghe bài viết Giọng nam miền Bắc Giọng nữ miền Nam Tốc độ 1x", "player"),
    ("Bạn không thể gửi bình luận liên tục.", "comments"),
    ("Hai bên ký thỏa thuận tại Hà Nội - Ảnh 1.", "caption"),
    ("Hai nước ký thỏa thuận hợp tác y tế", "caption"),
    ("An official gives a vaccine shot in Hanoi. — VNA/VNS Photo Lan Anh", "caption"),
    ("Bộ trưởng phát biểu tại buổi lễ. (Nguồn: Bộ Y tế)", "caption"),
    ("Vaccine được chuyển tới sân bay. (Ảnh minh họa: Internet)", "caption"),
    ("Lô vaccine tại kho lạnh (Ảnh minh họa)", "caption"), ("Ảnh tư liệu: TTXVN", "caption"),
    ("Bộ trưởng phát biểu. Hình: Bộ Y tế", "caption"), ("Doses in a warehouse. File photo: Reuters", "caption"),
])
def test_chrome_line_in_the_body_is_dropped(line: str, reason: str) -> None:
    a = parse_article(f"{TITLE}\n{BODY_VI}\n{line}\n{BODY_EN}", doc="d")
    assert dropped(a, reason) == [line]
    assert body_text(a) == BODY_VI + " " + BODY_EN
    check_offsets(a)


@pytest.mark.parametrize("header", ["Hotline: 0987 654 321", "Email: bandoc@baothu.example.vn",
                                    "Theo dõi Báo Thử Nghiệm trên Google News", "Liên hệ quảng cáo: 0912 000 111"])
def test_chrome_above_the_headline_is_not_the_title(header: str) -> None:
    a = parse_article(f"{header}\n{TITLE}\n{BODY_VI}", doc="d")
    assert a.title == TITLE and body_text(a) == BODY_VI


def test_ad_mark_glued_to_a_paragraph_is_cut() -> None:
    a = parse_article(f"{TITLE}\n[ad_1] {BODY_VI}\n{BODY_EN} [ad_2]", doc="d")
    assert dropped(a, "ad") == ["[ad_1]", "[ad_2]"]
    assert body_text(a) == BODY_VI + " " + BODY_EN
    check_offsets(a)


@pytest.mark.parametrize("caption, credit, tag", [
    ("The two ministers at the talks on May 4", "(Photo: VNA)", "Hanoi (VNA) – "),
    ("Hai Bộ trưởng tại buổi hội đàm.", "Ảnh: TTXVN.", ""),
])
def test_caption_glued_to_the_first_paragraph_by_its_credit(caption: str, credit: str, tag: str) -> None:
    a = parse_article(f"{TITLE}\n{caption} {credit}{tag}{BODY_EN}", doc="d")
    assert caption in dropped(a, "caption") and credit in dropped(a, "caption")
    assert body_text(a) == BODY_EN
    check_offsets(a)


def test_repeated_caption_lines_are_dropped_and_a_repeated_paragraph_is_read_once() -> None:
    cap = "Thủ tướng tiếp Đại sứ Lào tại trụ sở Chính phủ."
    a = parse_article(f"{TITLE}\n{cap}\n{cap}\n{BODY_VI}\n{BODY_EN}\n{BODY_EN}", doc="d")
    assert dropped(a, "caption") == [cap, cap]
    assert dropped(a, "duplicate") == [BODY_EN]
    assert body_text(a) == BODY_VI + " " + BODY_EN


@pytest.mark.parametrize("where", ["top", "middle", "end"])
def test_lists_of_other_headlines_are_related(where: str) -> None:
    items = "- Lào nhận thêm vaccine từ Nhật Bản\n- Thủ tướng tiếp Đại sứ Hàn Quốc"
    parts = {"top": [items, BODY_VI, BODY_EN], "middle": [BODY_VI, items, BODY_EN], "end": [BODY_VI, BODY_EN, items]}
    a = parse_article("\n".join([TITLE] + parts[where]), doc="d")
    assert len(dropped(a, "related")) == 2
    assert body_text(a) == BODY_VI + " " + BODY_EN


def test_a_list_the_article_introduces_is_kept() -> None:
    items = "- Bản ghi nhớ hợp tác y tế giữa hai Bộ\n- Thỏa thuận cung cấp vaccine năm 2022"
    a = parse_article(f"{TITLE}\nHai bên đã ký hai văn kiện:\n{items}\n{BODY_VI}", doc="d")
    assert "Bản ghi nhớ" in body_text(a) and "related" not in [r for *_, r in a.dropped]


@pytest.mark.parametrize("end", ["Hai bên nhất trí tăng cường hợp tác./.", "The two sides agreed to meet again. — VNS"])
def test_lines_after_the_end_of_the_article_are_a_trailer(end: str) -> None:
    widget = "Mã QR truy cập trang tin điện tử của tỉnh trên mạng xã hội"
    a = parse_article(f"{TITLE}\n{BODY_VI}\n{end}\n{widget}", doc="d")
    assert dropped(a, "trailer") == [widget]
    assert body_text(a).endswith(end)


def test_related_header_above_the_first_paragraph_does_not_cut_the_article() -> None:
    a = parse_article(f"Tin mới nhất\n{TITLE}\n{BODY_VI}\nTin liên quan\nLào nhận thêm vaccine", doc="d")
    assert a.title == TITLE and body_text(a) == BODY_VI
    assert dropped(a, "related")[0] == "Tin mới nhất"


def test_credit_is_cut_from_a_caption_that_stands_for_the_missing_headline() -> None:
    cap = "The prime minister meets the WHO chief in Hanoi"
    a = parse_article(f"{cap} (Photo: VNA)\n\n{BODY_EN}", doc="d")
    assert a.title == cap and dropped(a, "caption") == ["(Photo: VNA)"]
    check_offsets(a)


def test_a_whole_page_of_chrome_around_a_short_article() -> None:
    page = "\n".join([
        "https://baothu.example.vn/hai-nuoc-ky-thoa-thuan-123.html", "Thứ sáu, 09/01/2026",
        "Hotline: 0987 654 321 | Email: bandoc@baothu.example.vn", "Theo dõi Báo Thử trên Google News",
        TITLE, "Thứ ba, 12/10/2021 - 10:15", "0:00 / 0:00", "Nghe bài viết Giọng nam miền Bắc Tốc độ 1x",
        "[ad_1]", "Chiều 12/10, tại Hà Nội, hai Bộ trưởng đã ký thỏa thuận hợp tác y tế.",
        "- Lào nhận thêm vaccine từ Nhật Bản", "Xem thêm: Thủ tướng tiếp Đại sứ Hàn Quốc",
        "Hai nước ký thỏa thuận hợp tác y tế - Ảnh 1.", "Chia sẻ Facebook Zalo",
        "© 2026 Báo Thử. Giấy phép số 99/GP-BTTTT", "Hai bên cũng nhất trí phối hợp chặt chẽ, đồng thời trao đổi chuyên g",
    ])
    a = parse_article(page, doc="d")
    assert a.title == TITLE and a.date == "2021-10-12"
    assert [s.text for s in split_sentences(a)][1:] == [
        "Chiều 12/10, tại Hà Nội, hai Bộ trưởng đã ký thỏa thuận hợp tác y tế.",
        "Hai bên cũng nhất trí phối hợp chặt chẽ"]
    assert {r for *_, r in a.dropped} == {"url", "date", "contact", "share", "junk", "player", "ad", "related",
                                          "caption", "footer", "truncated"}
    check_offsets(a)


@pytest.mark.parametrize("byline", ["Thanh Hà (t/h)", "Ngọc Anh (tổng hợp)", "Minh Anh (Theo VTV)",
                                    "Hải Yến (theo Reuters)", "Lan Anh - Hoàng Minh (TTXVN)", "Q.A (tổng hợp)"])
@pytest.mark.parametrize("where", ["top", "end"])
def test_bylines_with_their_source(byline: str, where: str) -> None:
    lines = [TITLE, byline, BODY_VI] if where == "top" else [TITLE, BODY_VI, byline]
    a = parse_article("\n".join(lines), doc="d")
    assert dropped(a, "byline") == [byline] and body_text(a) == BODY_VI


@pytest.mark.parametrize("line", ["Việt Nam cảm ơn Lào (TTXVN)", "Hai bên ký kết hiệp định (theo TTXVN)"])
def test_a_sentence_with_a_source_is_not_a_byline(line: str) -> None:
    a = parse_article(f"{TITLE}\n{BODY_VI}\n{line}\n{BODY_EN}", doc="d")
    assert line in body_text(a)


@pytest.mark.parametrize("line", ["Ảnh hưởng của dịch bệnh khiến hai bên phải họp trực tuyến.",
                                  "Hình thức hợp tác mới được hai bên thống nhất."])
def test_sentences_opening_with_a_credit_like_word_are_kept(line: str) -> None:
    a = parse_article(f"{TITLE}\n{BODY_VI}\n{line}\n{BODY_EN}", doc="d")
    assert line in body_text(a)


@pytest.mark.parametrize("line, caption, credit, sentence", [
    ("Đại sứ Lào phát biểu tại lễ. Ảnh: TTXVNPhía Lào cảm ơn Việt Nam đã hỗ trợ.",
     "Đại sứ Lào phát biểu tại lễ.", "Ảnh: TTXVN", "Phía Lào cảm ơn Việt Nam đã hỗ trợ."),
    ("Bộ trưởng phát biểu. Ảnh: VGP/Nhật Bắc.Hai bên ký kết văn kiện.",
     "Bộ trưởng phát biểu.", "Ảnh: VGP/Nhật Bắc.", "Hai bên ký kết văn kiện."),
    ("The ministers meet. Photo: VNAThe two sides agreed to cooperate.",
     "The ministers meet.", "Photo: VNA", "The two sides agreed to cooperate."),
])
def test_a_sentence_glued_after_a_credit_is_read(line: str, caption: str, credit: str, sentence: str) -> None:
    a = parse_article(f"{TITLE}\n{line}", doc="d")
    assert dropped(a, "caption") == [caption, credit]
    assert [s.text for s in split_sentences(a)][1:] == [sentence]
    check_offsets(a)
