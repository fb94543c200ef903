"""Saved news pages: only the article text reaches extraction, and the metadata is right."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from legacy_encodings import cp1258

from kg.extract import Extractor
from kg.reader import article_text, read_articles
from kg.readers.html import extract_page, looks_like_html

HTML = Path(__file__).parents[1] / "data" / "html"

PAGES = {
    "vi_news_page": dict(
        title="Việt Nam và Hàn Quốc thúc đẩy hợp tác sản xuất vắc xin", date="2021-10-14", author="Minh Châu",
        lang="vi", url="https://tintucmau.example.vn/the-gioi/viet-nam-han-quoc-thuc-day-hop-tac-vac-xin-4412345.html",
        first="Bộ trưởng Y tế Việt Nam và Bộ trưởng Y tế Hàn Quốc nhất trí",
        last="Hàn Quốc sẵn sàng hợp tác với Việt Nam trong nghiên cứu và sản xuất thuốc điều trị.",
        # navigation, script, caption, related boxes, tags, comments, footer
        absent=["Trang chủ", "Kinh doanh", "gtag", "Nhật Bản", "Lào", "Ảnh:", "Tin liên quan", "Ấn Độ",
                "Tin cùng chuyên mục", "Philippines", "Từ khóa", "Ý kiến bạn đọc", "Trung Quốc", "Thái Lan",
                "Trả lời", "Giấy phép", "Chia sẻ", "Quảng cáo"],
        countries={"country/vietnam", "country/south-korea"}),
    "en_news_page": dict(
        title="Australia pledges vaccine doses to Cambodia as ministers meet", date="2022-03-08", author="Jane Doe",
        lang="en", url="https://worldnews.example.com/asia-pacific/australia-pledges-vaccine-doses-cambodia-2022-03-08/",
        first="Australian Foreign Minister Marise Payne met Cambodian Foreign Minister Prak Sokhonn",
        last="Cambodia thanked Australia for its support during the pandemic, Prak Sokhonn said in a statement.",
        absent=["cookies", "Markets", "Subscribe", "China", "Myanmar", "Share", "Related coverage", "France",
                "Japan", "Read Next", "India", "Germany", "Comments", "New Zealand", "Canada", "Reporting by",
                "REUTERS/", "Trust Principles", "All rights reserved", "enable JavaScript", "PHNOM PENH,"],
        countries={"country/australia", "country/cambodia"}),
}


@pytest.fixture(scope="module")
def articles() -> dict:
    return {a.doc: a for a in read_articles([HTML])}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_metadata(articles: dict, name: str) -> None:
    want, a = PAGES[name], articles[name]
    assert (a.doc, a.title, a.date, a.author, a.lang, a.url, a.format) == (
        name, want["title"], want["date"], want["author"], want["lang"], want["url"], "html")
    assert a.id == want["url"]                                   # a page with a canonical URL is cited by it
    assert a.text[a.title_span[0]:a.title_span[1]] == want["title"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_only_the_article_text_is_kept(articles: dict, name: str) -> None:
    want, a = PAGES[name], articles[name]
    body = article_text(a)
    assert body.startswith(want["first"]) and body.endswith(want["last"])
    assert want["title"] not in body                             # the <h1> is the title, not a body line
    for junk in want["absent"]:
        assert junk not in body, junk


@pytest.mark.parametrize("name", sorted(PAGES))
def test_extraction_sees_no_boilerplate(articles: dict, name: str) -> None:
    """The related boxes, scripts and comments name other countries; none may reach the graph."""
    found = Extractor().extract(articles[name])
    countries = {x for a in found for x in (a.subject, a.object) if x.startswith("country/")}
    assert countries == PAGES[name]["countries"]
    spans = [(s, e) for s, e in articles[name].body]
    for a in found:
        assert any(s <= a.sentence_start and a.sentence_end <= e for s, e in spans) or \
            (a.sentence_start, a.sentence_end) == articles[name].title_span


def test_page_without_article_text_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    msgs: list[str] = []
    assert list(read_articles([tmp_path], warn=msgs.append)) == []
    assert len(msgs) == 1 and msgs[0].startswith("W053") and "menu.html" in msgs[0]


def test_legacy_encoded_page_declared_in_meta(tmp_path: Path, articles: dict) -> None:
    page = (HTML / "vi_news_page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
    (tmp_path / "legacy.htm").write_bytes(cp1258(page))
    msgs: list[str] = []
    [a] = read_articles([tmp_path], warn=msgs.append)
    assert msgs == []                                          # declared, not guessed: nothing to warn about
    assert article_text(a) == article_text(articles["vi_news_page"])
    assert a.encoding == "cp1258" and "declared cp1258" in a.encoding_note


def test_sidecar_url_makes_the_doc(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes((HTML / "en_news_page.html").read_bytes())
    meta = {"url": "http://w.example/old", "final_url": "https://w.example/story", "file": "p.html",
            "fetched": "2024-01-02T03:04:05+00:00", "charset": "utf-8"}
    (tmp_path / "p.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    [a] = read_articles([tmp_path])
    canonical = "https://worldnews.example.com/asia-pacific/australia-pledges-vaccine-doses-cambodia-2022-03-08/"
    assert (a.doc, a.id, a.url, a.fetched) == (canonical,) * 3 + (meta["fetched"],)   # the page's own URL wins
    # Without a canonical URL in the page, the URL it was fetched from (after redirects) is its id.
    page = (HTML / "en_news_page.html").read_text(encoding="utf-8").replace(canonical, "")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [a] = read_articles([tmp_path])
    assert (a.doc, a.id, a.url) == ("https://w.example/story",) * 3


def test_a_sidecar_given_alone_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "p.meta.json").write_text("{}", encoding="utf-8")
    msgs: list[str] = []
    assert list(read_articles([tmp_path / "p.meta.json"], warn=msgs.append)) == []
    assert len(msgs) == 1 and "kg fetch" in msgs[0]


@pytest.mark.parametrize("text, html", [
    ("<!DOCTYPE html><html><body>x</body></html>", True),
    ("  <?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", True),
    ("<!-- saved --><HTML>", True),
    ("Hà Nội <b>hôm nay</b>", False),
    ("a < b and <html> later", False),
])
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


def test_extract_page_metadata_only() -> None:
    info = extract_page((HTML / "en_news_page.html").read_text(encoding="utf-8"), text=False)
    assert (info.title, info.date, info.author, info.text) == (PAGES["en_news_page"]["title"], "2022-03-08",
                                                              "Jane Doe", "")


def test_reading_html_needs_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura works offline: with every socket connection refused, the pages still read the same."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access during an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    fresh = {a.doc: a for a in read_articles([HTML])}
    assert article_text(fresh["en_news_page"]).startswith(PAGES["en_news_page"]["first"])
    assert fresh["vi_news_page"].date == PAGES["vi_news_page"]["date"]
