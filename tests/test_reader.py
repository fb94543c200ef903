"""Reader: file walking, decoding, and line analysis of messy scraped news."""
from __future__ import annotations

import doctest
import os
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

import kg.reader
from kg.errors import InputNotFoundError, InputWarning
from kg.reader import article_text, find_date, iter_input_files, parse_article, read_articles, url_date
from kg.lang.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "reader"
SEEDS = ROOT / "seeds"

BODY_VI = "Hai bên đã ký thỏa thuận hợp tác y tế. Việt Nam sẽ nhận thêm vaccine trong tháng tới."
BODY_EN = "The two countries signed a health agreement. Vietnam will receive more vaccines next month."


def body_text(a) -> str:
    return " ".join(a.text[s:e] for s, e in a.body)


def reasons(a) -> list[str]:
    return [r for _, _, r in a.dropped]


def dropped_text(a, reason: str) -> list[str]:
    return [a.text[s:e] for s, e, r in a.dropped if r == reason]


def check_offsets(a) -> None:
    """Spans are inside the text, trimmed, and kept/dropped spans never overlap."""
    spans = sorted([(s, e) for s, e in a.body] + [(s, e) for s, e, _ in a.dropped]
                   + ([a.title_span] if a.title_span else []))
    for (s, e), nxt in zip(spans, spans[1:] + [(len(a.text), len(a.text))]):
        assert 0 <= s < e <= nxt[0], (s, e, nxt)
        assert a.text[s:e] == a.text[s:e].strip(), repr(a.text[s:e])
    for sent in split_sentences(a):
        assert a.text[sent.start:sent.end] == sent.text
        assert sent.text and sent.text == sent.text.strip()


def test_doctests() -> None:
    assert doctest.testmod(kg.reader).failed == 0


# --------------------------------------------------------------------------- URL

@pytest.mark.parametrize("text, url", [
    ("https://tin.example.vn/a-123.html\nTiêu đề bài báo khá dài ở đây\n" + BODY_VI,
     "https://tin.example.vn/a-123.html"),
    ("Tiêu đề bài báo khá dài ở đây\n" + BODY_VI + "\nhttp://example.com/x/y.vgp",
     "http://example.com/x/y.vgp"),
    ("Tiêu đề bài báo khá dài ở đây\n" + BODY_VI, None),
    ("A fairly long English headline\n" + BODY_EN + "\nSource: https://news.example.com/story",
     "https://news.example.com/story"),
    # Two URL lines: the first one wins, both are dropped.
    ("https://first.example/a\nA fairly long English headline\n" + BODY_EN + "\nhttps://second.example/b",
     "https://first.example/a"),
])
def test_url_lines(text: str, url: str | None) -> None:
    a = parse_article(text, doc="d")
    assert a.url == url
    assert "http" not in body_text(a)
    assert reasons(a).count("url") == text.count("http")
    check_offsets(a)


def test_url_inside_related_block_is_used_when_alone() -> None:
    text = ("Hai nước ký thỏa thuận hợp tác y tế\n" + BODY_VI +
            "\nTin liên quan\nBài khác về y tế\nhttps://site.example/own-article.html")
    a = parse_article(text, doc="d")
    assert a.url == "https://site.example/own-article.html"
    assert "Bài khác" not in body_text(a)


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("line, iso", [
    ("Ngày đăng : 19:06, 14/07/2021", "2021-07-14"),
    ("Thế giới - Ngày đăng : 07:15, 03/08/2020", "2020-08-03"),
    ("Cập nhật: 08:30 22/07/2021", "2021-07-22"),
    ("Thứ năm, 22/7/2021, 14:05 (GMT+7)", "2021-07-22"),
    ("Chủ nhật, 5/9/2021 - 06:00", "2021-09-05"),
    ("Published: September 29, 2021", "2021-09-29"),
    ("Sept 29, 2021 10:00", "2021-09-29"),
    ("Updated 3 March 2022, 11:20 GMT", "2022-03-03"),
    ("2021-09-29", "2021-09-29"),
    ("Last updated: 2021-09-29T10:00:00+07:00", "2021-09-29"),
    ("ngày 12 tháng 10 năm 2021", "2021-10-12"),
])
def test_date_lines(line: str, iso: str) -> None:
    assert find_date(line, line=True) == iso
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{line}\n{BODY_VI}", doc="d")
    assert a.date == iso
    assert dropped_text(a, "date") == [line]
    assert line not in body_text(a)


@pytest.mark.parametrize("sentence", [
    "Ngày 22/7/2021, hai Thủ tướng đã điện đàm về hợp tác vaccine.",
    "On September 29, 2021, the two ministers met in Moscow to discuss vaccines.",
    "Hội nghị diễn ra ngày 22/7/2021 tại Hà Nội.",
])
def test_sentences_with_dates_are_not_datelines(sentence: str) -> None:
    assert find_date(sentence, line=True) is None
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{sentence}\n{BODY_VI}", doc="d")
    assert sentence in body_text(a)
    assert a.date is None


@pytest.mark.parametrize("url, iso", [
    ("https://x.example/2021/09/29/story.html", "2021-09-29"),
    ("https://x.example/news/2021-07-01/abc", "2021-07-01"),
    ("https://x.example/a-b-20220315.htm", "2022-03-15"),
    ("https://zing.example//viet-nam-post1241897.html", None),
    ("https://x.example/covid-19-778787.html", None),
])
def test_date_from_url(url: str, iso: str | None) -> None:
    assert url_date(url) == iso
    a = parse_article(f"{url}\nHai nước ký thỏa thuận hợp tác y tế\n{BODY_VI}", doc="d")
    assert a.date == iso


def test_date_line_wins_over_url_date() -> None:
    a = parse_article("https://x.example/2020/01/02/a.html\nHai nước ký thỏa thuận hợp tác\n"
                      "Cập nhật: 05/03/2021\n" + BODY_VI, doc="d")
    assert a.date == "2021-03-05"


# --------------------------------------------------------------------------- title

@pytest.mark.parametrize("text, title", [
    ("HEALTH-Covid\n\nVietnam and Laos sign a health pact\n\n" + BODY_EN, "Vietnam and Laos sign a health pact"),
    ("Thời sự\nViệt Nam và Lào ký thỏa thuận y tế\n" + BODY_VI, "Việt Nam và Lào ký thỏa thuận y tế"),
    ("Trang chủ > Thế giới > Châu Á\nViệt Nam và Lào ký thỏa thuận y tế\n" + BODY_VI,
     "Việt Nam và Lào ký thỏa thuận y tế"),
    ("Will Vietnam get more vaccines this year?\n" + BODY_EN, "Will Vietnam get more vaccines this year?"),
    # The first line is a whole sentence paragraph: there is no title.
    (BODY_VI + "\n" + BODY_VI, None),
])
def test_title(text: str, title: str | None) -> None:
    a = parse_article(text, doc="d")
    assert a.title == title
    if title:
        assert a.text[a.title_span[0]:a.title_span[1]] == title
        assert title not in body_text(a)
    else:
        assert a.title_span is None and BODY_VI in body_text(a)
    check_offsets(a)


# --------------------------------------------------------------------------- related news

@pytest.mark.parametrize("header", [
    "Tin liên quan", "Tin Liên Quan", "TIN LIÊN QUAN", "Bài liên quan", "Xem thêm:", "Related news",
    "Related articles", "Read more",
])
def test_related_block_dropped_to_end(header: str) -> None:
    text = (f"Hai nước ký thỏa thuận hợp tác y tế\n{BODY_VI}\n\n{header}\n\n"
            "Lào tiếp nhận vaccine do Việt Nam trao tặng\nJapan donates doses to Laos\n")
    a = parse_article(text, doc="d")
    assert body_text(a) == BODY_VI
    related = dropped_text(a, "related")
    assert len(related) == 1 and related[0].startswith(header) and related[0].endswith("Laos")


@pytest.mark.parametrize("line", ["Xem thêm: Lào tiếp nhận vaccine do Việt Nam trao tặng",
                                  "Read more: Japan donates doses to Laos",
                                  "Từ khóa: vaccine, Lào, hợp tác"])
def test_inline_related_line_dropped_but_body_continues(line: str) -> None:
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{BODY_VI}\n{line}\n{BODY_EN}", doc="d")
    assert dropped_text(a, "related") == [line]
    assert BODY_EN in body_text(a)


# --------------------------------------------------------------------------- bylines, captions, junk

@pytest.mark.parametrize("byline", [
    "Minh Anh", "NGUYỄN HOÀNG", "Theo Lan Hương/vietnamplus.vn", "(Theo TTXVN)", "Nguồn: VnExpress",
    "VOV", "By Linh Pham",
])
def test_byline_last_line(byline: str) -> None:
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{BODY_VI}\n{byline}", doc="d")
    assert dropped_text(a, "byline") == [byline]
    assert body_text(a) == BODY_VI


def test_byline_glued_to_last_sentence() -> None:
    a = parse_article("Hai nước ký thỏa thuận hợp tác y tế\n" + BODY_VI + "Minh Anh", doc="d")
    assert dropped_text(a, "byline") == ["Minh Anh"]
    assert body_text(a) == BODY_VI


def test_sentence_starting_with_theo_is_not_a_byline() -> None:
    line = "Theo ông Bình, hai bên sẽ ký kết."
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{line}\n{BODY_VI}", doc="d")
    assert line in body_text(a)


@pytest.mark.parametrize("caption", [
    "Bộ trưởng Y tế tiếp Đại sứ Lào. Ảnh: BYT |",
    "Ảnh: Minh Anh/TTXVN",
    "Thủ tướng phát biểu tại hội nghị (Ảnh: TTXVN)",
    "The two ministers at the talks (Photo: VNA)",
    "Photo: Reuters",
    "Ảnh minh họa",
])
def test_caption_lines_dropped(caption: str) -> None:
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{BODY_VI}\n{caption}\n{BODY_EN}", doc="d")
    assert dropped_text(a, "caption") == [caption]
    assert body_text(a) == BODY_VI + " " + BODY_EN


def test_credit_inside_and_at_end_of_body_line() -> None:
    line = ("Hai bên đã ký thỏa thuận. Bộ trưởng phát biểu tại lễ ký. Ảnh: VGP/Quang Hiếu.Lào cảm ơn "
            "Việt Nam. Lào sẽ cử chuyên gia sang. Ảnh: TTXVN")
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{line}", doc="d")
    assert dropped_text(a, "caption") == ["Ảnh: VGP/Quang Hiếu.", "Ảnh: TTXVN"]
    assert "Ảnh" not in body_text(a)
    assert "Lào sẽ cử chuyên gia sang." in body_text(a)
    check_offsets(a)


@pytest.mark.parametrize("junk", ["vaccine production tech", "ta 2 | Đầu tư Việt Nam", "Chia sẻ",
                                  "Share Facebook Twitter", "…../."])
def test_junk_and_share_lines_dropped(junk: str) -> None:
    a = parse_article(f"A fairly long English headline here\n{BODY_EN}\n{junk}\n{BODY_EN}", doc="d")
    assert junk not in body_text(a)
    assert any(a.text[s:e] == junk and r in ("junk", "share") for s, e, r in a.dropped)


@pytest.mark.parametrize("short", ["Hai bên đã ký.", "He agreed.", "Ông nói: “Chúng tôi ủng hộ.”"])
def test_real_short_sentences_kept(short: str) -> None:
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{BODY_VI}\n{short}\n{BODY_VI}", doc="d")
    assert short in body_text(a)


# --------------------------------------------------------------------------- agency tags

@pytest.mark.parametrize("tag", [
    "(BKTO) - ", "VOV.VN – ", "HÀ NỘI (Reuters) - ", "(Chinhphu.vn) - ", "Hanoi (VNA) – ", "TTXVN - ",
    "MOSCOW, Sept 28 (Reuters) - ",
])
def test_agency_tag_cut_from_first_paragraph(tag: str) -> None:
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{tag}{BODY_VI}", doc="d")
    assert dropped_text(a, "agency-tag") == [tag.strip()]
    assert a.text[a.body[0][0]:a.body[0][1]] == BODY_VI


def test_no_agency_tag_on_ordinary_sentence() -> None:
    line = "ASEAN và Nhật Bản nhất trí tăng cường hợp tác - đặc biệt về y tế."
    a = parse_article(f"Hai nước ký thỏa thuận hợp tác y tế\n{line}", doc="d")
    assert "agency-tag" not in reasons(a) and body_text(a) == line


# --------------------------------------------------------------------------- fixtures

FIXTURES = {
    "vi_chinhphu_url_last": dict(
        url="https://baochinhphu.vn/viet-nam-nhat-ban-thuc-day-hop-tac-y-te-102297.htm",
        date="2021-07-13", lang="vi", title="Việt Nam và Nhật Bản thúc đẩy hợp tác y tế trong bối cảnh dịch bệnh",
        reasons={"date", "agency-tag", "caption", "url", "byline", "related"}),
    "en_vov_style": dict(
        url=None, date=None, lang="en", title="Indonesia and Vietnam agree to boost vaccine cooperation",
        reasons={"junk", "agency-tag", "share", "related", "byline"}),
    "vi_khong_dau_url_first": dict(
        url="https://tintuc.example.vn/2021/07/01/viet-nam-lao-ky-ket-thoa-thuan.html",
        date="2021-07-01", lang="vi", title="Viet Nam va Lao ky ket thoa thuan hop tac giao duc",
        reasons={"url", "agency-tag", "byline"}),
    "en_reuters_breadcrumb": dict(
        url="https://www.reuters.com/world/asia-pacific/japan-pledges-more-vaccine-doses-2021-09-29/",
        date="2021-09-29", lang="en", title="Japan pledges more vaccine doses to Southeast Asian nations",
        reasons={"junk", "date", "byline", "agency-tag", "caption", "related", "url"}),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_files(name: str) -> None:
    want = FIXTURES[name]
    [a] = list(read_articles([DATA / f"{name}.txt"]))
    assert (a.doc, a.url, a.date, a.lang, a.title) == (name, want["url"], want["date"], want["lang"],
                                                       want["title"])
    assert set(reasons(a)) == want["reasons"]
    body = body_text(a)
    for bad in ("http", "Ảnh:", "Photo:", "Tin liên quan", "Related news", "Read more", "Share"):
        assert bad not in body
    check_offsets(a)


def test_article_text_joins_body_spans() -> None:
    a = parse_article("Hai nước ký thỏa thuận hợp tác y tế\n(TTXVN) - " + BODY_VI + "\n\n" + BODY_EN, doc="d")
    assert article_text(a) == BODY_VI + "\n" + BODY_EN


# --------------------------------------------------------------------------- files and folders

def test_folder_walk_sorted_recursive_hidden_skipped(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/a.txt", ".hidden.txt", ".git/x.txt", "A2/z.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    warned: list[str] = []
    got = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path], warn=warned.append)]
    assert got == ["A2/z.txt", "a.txt", "b.txt", "sub/c.txt", "sub/deeper/a.txt"]
    assert [w.split(":")[0] + " " + Path(w.split(": ")[1].split(" ")[1]).name for w in warned] == \
        ["W091 .git", "W091 .hidden.txt"]


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "d" / "loop")
    warned: list[str] = []
    got = list(iter_input_files([tmp_path], warn=warned.append))
    assert [p.name for p in got] == ["a.txt"]
    assert len(warned) == 1 and "loop" in warned[0] and warned[0].startswith("W001")


def test_files_given_directly_keep_their_order(tmp_path: Path) -> None:
    for n in ("z.txt", "a.txt"):
        (tmp_path / n).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_input_files([tmp_path / "z.txt", str(tmp_path / "a.txt")])] == ["z.txt", "a.txt"]


def test_missing_path_raises_before_any_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputNotFoundError) as err:
        next(iter(read_articles([tmp_path / "a.txt", missing])))
    assert str(missing) in str(err.value) and str(err.value).startswith("E002")


GOOD_VI = "Việt Nam và Lào ký thỏa thuận y tế\nHai bên đã ký thỏa thuận hợp tác về vaccine và thuốc điều trị.\n"
GOOD_EN = "Vietnam and France sign a health deal\nThe café owners in Hà Nội welcomed the agreement on vaccines.\n"


def _cp1258(text: str) -> bytes:
    """Windows-1258 stores tones as combining marks after a precomposed base."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


@pytest.mark.parametrize("name, data, outcome", [
    ("empty.txt", b"", "skip"),
    ("blank.txt", b" \n\t\r\n  \n", "skip"),
    ("nul.bin", b"Vietnam\x00\x01\x02 and Laos" * 20, "skip"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 40, "skip"),
    ("bom8.txt", b"\xef\xbb\xbf" + GOOD_VI.encode("utf-8"), GOOD_VI),
    ("bom16.txt", GOOD_VI.encode("utf-16"), GOOD_VI),
    ("latin.txt", GOOD_EN.replace("Hà Nội", "Hanoi").encode("cp1252"), "cp1252"),
    ("legacy_vi.txt", _cp1258(GOOD_VI), "cp1258"),
    ("nfd.txt", unicodedata.normalize("NFD", GOOD_VI).encode("utf-8"), GOOD_VI),
])
def test_file_decoding(tmp_path: Path, name: str, data: bytes, outcome: str) -> None:
    (tmp_path / name).write_bytes(data)
    msgs: list[str] = []
    arts = list(read_articles([tmp_path], warn=msgs.append))
    if outcome == "skip":
        assert arts == [] and len(msgs) == 1 and name in msgs[0] and msgs[0].startswith("W001")
    elif outcome in ("cp1252", "cp1258"):
        assert len(arts) == 1 and len(msgs) == 1 and outcome in msgs[0] and name in msgs[0]
        expected = GOOD_VI if outcome == "cp1258" else GOOD_EN.replace("Hà Nội", "Hanoi")
        assert arts[0].text == expected
    else:
        assert msgs == [] and arts[0].text == outcome      # NFC, BOM removed
        assert arts[0].title == "Việt Nam và Lào ký thỏa thuận y tế"


def test_bad_files_do_not_stop_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "1.txt").write_bytes(b"")
    (tmp_path / "2.txt").write_text(GOOD_VI, encoding="utf-8")
    (tmp_path / "3.txt").write_text(GOOD_VI, encoding="utf-8")
    real = Path.read_bytes

    def flaky(self: Path) -> bytes:
        if self.name == "3.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", flaky)
    with pytest.warns(InputWarning) as rec:
        arts = list(read_articles([tmp_path]))
    assert [a.doc for a in arts] == ["2"]
    msgs = [str(w.message) for w in rec]
    assert any("1.txt" in m and "empty" in m for m in msgs)
    assert any("3.txt" in m and "Permission denied" in m for m in msgs)


def test_warn_callback_replaces_warnings(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    got: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # a warnings.warn call would raise here
        assert list(read_articles([tmp_path], warn=got.append)) == []
    assert len(got) == 1 and "e.txt" in got[0]


# --------------------------------------------------------------------------- seeds

def _seed_url(path: Path) -> str | None:
    urls = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if re.fullmatch(r"https?://\S+", ln.strip())]
    return urls[0] if urls else None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seeds folder")
def test_seeds_smoke() -> None:
    msgs: list[str] = []
    arts = list(read_articles([SEEDS], warn=msgs.append))
    files = sorted(p for p in SEEDS.iterdir() if p.is_file() and not p.name.startswith("."))
    assert msgs == [] and [a.doc for a in arts] == [p.stem for p in files]
    for a, path in zip(arts, files):
        assert a.title and len(a.title.split()) >= 3, a.doc
        assert a.url == _seed_url(path), a.doc
        assert a.lang in ("vi", "en")
        for s, e in a.body:
            assert "Tin Liên Quan" not in a.text[s:e] and "Ảnh:" not in a.text[s:e], a.doc
        assert len(split_sentences(a)) >= 5, a.doc
        check_offsets(a)


# --------------------------------------------------------------------------- known titles, sign-offs, metadata dates

@pytest.mark.parametrize("title", ["Lào", "Hà Nội, 14/10/2021", "https://not.a-url-line.example/x"])
def test_title_first_takes_the_first_line_whatever_it_looks_like(title: str) -> None:
    a = parse_article(f"{title}\n\n{BODY_VI}", doc="d", title_first=True)
    assert a.title == title and a.title_span == (0, len(title))
    assert body_text(a) == BODY_VI and a.url is None and a.date is None


@pytest.mark.parametrize("line, dropped", [
    ("Reporting by Jane Doe; Editing by John Smith", True),
    ("(Reporting by Khanh Vu in Hanoi; Additional reporting by Ed Davies and Kim Coghill)", True),
    ("Writing by Minh Anh, editing by Nguyen Lan", True),
    ("Reporting by state media said the two countries signed a deal.", False),
    ("Editing by hand is slow.", False),
])
def test_wire_signoffs_are_bylines(line: str, dropped: bool) -> None:
    a = parse_article(f"A fairly long English headline\n{BODY_EN}\n{line}", doc="d")
    assert (dropped_text(a, "byline") == [line]) is dropped
    assert (line in body_text(a)) is not dropped


@pytest.mark.parametrize("value, iso", [
    ("2021-09-29", "2021-09-29"), ("2021-09-29T23:30:00+07:00", "2021-09-29"), ("29/09/2021", "2021-09-29"),
    ("Sept 29, 2021", "2021-09-29"), ("ngày 29 tháng 9 năm 2021", "2021-09-29"),
    (1632873600, "2021-09-29"), (1632873600000, "2021-09-29"), ("", None), ("soon", None), (True, None),
])
def test_iso_date_of_metadata_values(value: object, iso: str | None) -> None:
    from kg.reader import iso_date

    assert iso_date(value) == iso


def test_read_options_give_defaults_that_arguments_override(tmp_path: Path) -> None:
    from kg.reader import read_options

    (tmp_path / "c.jsonl").write_text('{"body": "' + BODY_EN + '", "name": "n1", "id": "i1"}\n', encoding="utf-8")
    with read_options(text_col="body", id_col="name"):
        [a] = read_articles([tmp_path])
        [b] = read_articles([tmp_path], id_col="id")
    [c] = read_articles([tmp_path])
    assert (a.doc, b.doc, c.doc) == ("n1", "i1", "i1")
    with pytest.raises(TypeError):
        with read_options(colour="red"):
            pass


def test_plain_file_keeps_its_stem_as_doc_and_gets_a_stable_id(tmp_path: Path) -> None:
    from kg.reader import content_id

    (tmp_path / "with_url.txt").write_text("https://x.example/a\nA fairly long English headline\n" + BODY_EN,
                                           encoding="utf-8")
    (tmp_path / "no_url.txt").write_text("A fairly long English headline\n" + BODY_VI, encoding="utf-8")
    no_url, with_url = read_articles([tmp_path])
    assert (with_url.doc, with_url.id) == ("with_url", "https://x.example/a")
    assert (no_url.doc, no_url.id) == ("no_url", content_id(no_url.text))
    assert no_url.id == content_id("A fairly long English headline\n" + BODY_VI)   # same text, same id


@pytest.mark.parametrize("tail", [
    "Tin lien quan\nThu tuong Hun Sen tham Viet Nam\n",
    "Xem them: Thu tuong Hun Sen tham Viet Nam\n",
    "Chia se Facebook Twitter\nTin liên quan\nThủ tướng Hun Sen thăm Việt Nam\n",
])
def test_boilerplate_markers_typed_without_diacritics(tail: str) -> None:
    text = "https://x.vn/a.html\nTieu de\nThu tuong Pham Minh Chinh tiep Dai su Nhat Ban.\n" + tail
    body = article_text(parse_article(text, doc="d"))
    assert "Hun Sen" not in body and "Chia se" not in body
    assert "Pham Minh Chinh" in body
