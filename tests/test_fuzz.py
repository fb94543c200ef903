"""Fuzzing the readers and the extractors with hypothesis: no crash, no hang, bounded time per article.

Inputs are random Unicode and random article layouts built from the parts
scraped news has (URL lines, titles, date lines, bylines, related-news lists,
sentences glued without a space, Vietnamese and English mixed). The runs are
derandomized (the same examples every time, no example database) so CI is
deterministic; every test has a deadline per example and the whole file takes
well under a minute.
"""
from __future__ import annotations

import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.readers import parse_article, read_articles
from kg.readers.encoding import decode_bytes
from kg.readers.html import html_article
from kg.lang.sentences import MAX_SENTENCE_CHARS, split_sentences

FUZZ = settings(derandomize=True, database=None, deadline=3000, max_examples=120,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS_VI = ("Việt Nam", "Nhật Bản", "Lào", "Nga", "Hoa Kỳ", "Bộ trưởng Ngoại giao", "Bùi Thanh Sơn", "ông Sơn",
            "tặng", "trao tặng", "viện trợ", "ký", "thỏa thuận", "hợp tác", "vắc xin", "1 triệu liều",
            "AstraZeneca", "Sputnik V", "ngày 16/6", "năm 2021", "đề nghị", "cảm ơn", "hội đàm", "với", "và", "cho")
WORDS_EN = ("Vietnam", "Japan", "Laos", "Russia", "the United States", "Foreign Minister", "Sergey Lavrov",
            "donated", "signed", "an agreement", "cooperation", "vaccine", "1 million doses", "on Monday",
            "Mr.", "U.S.", "to", "and", "with", "said")
# Characters that break naive text handling: combining marks, controls, RTL, emoji, zero-width, surrogates' neighbours.
ODD = ("\u0301", "\u0323", "\x00", "\x1b", "\u200b", "\ufeff", "\u202e", "\u2028", "\u00a0", "🇻🇳", "日本",
       "Россия", "اليابان", "\r", "\t", "…", "./.", "“", "”", "(TTXVN)", "Ảnh: VGP")

word = st.sampled_from(WORDS_VI + WORDS_EN + ODD)
junk = st.text(max_size=30)
phrase = st.lists(st.one_of(word, word, word, junk), min_size=1, max_size=25).map(" ".join)
end = st.sampled_from([".", ". ", "!", "?", "", ";", "…", "./."])
sentence = st.tuples(phrase, end).map("".join)
glued = st.lists(sentence, min_size=1, max_size=6).map("".join)       # "V.Nhận", no space after marks
paragraph = st.lists(st.one_of(sentence, glued), min_size=1, max_size=5).map(" ".join)
url_line = st.sampled_from(["https://vnexpress.net/a-1.html", "Nguồn: https://x.vn/b", "http://", "<https://e.com/c>"])
date_line = st.sampled_from(["Cập nhật: 08:30 22/07/2021", "Thứ Hai, 16/6/2021", "Monday, June 16, 2021",
                             "99/99/9999", "Ngày 31/2"])
byline = st.sampled_from(["Minh Anh", "Thành Nam", "Reporting by Jane Doe; Editing by John Smith", "PV", "(Theo VOV)"])
related = st.lists(phrase, max_size=5).map(lambda ts: "\n".join(["Tin liên quan:", *ts]))
share = st.sampled_from(["Chia sẻ Facebook Twitter Zalo", "Share Tweet Email", "Xem thêm: Lào nhận vắc xin"])
line = st.one_of(paragraph, paragraph, url_line, date_line, byline, share, related, junk)
newline = st.sampled_from(["\n", "\n\n", "\r\n", "\u2029", " "])


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(line, min_size=0, max_size=12))
    if draw(st.booleans()):
        parts.insert(0, draw(phrase))       # a title first
    seps = draw(st.lists(newline, min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    ex = Extractor()
    ex.extract(parse_article("Việt Nam và Lào ký thỏa thuận hợp tác y tế.\n", doc="warm"))   # models load once
    return ex


def _check_article(text: str, ex: Extractor) -> None:
    article = parse_article(text, doc="fuzz")
    assert article.text == text
    for s, e in article.body:
        assert 0 <= s <= e <= len(text)
    for sent in split_sentences(article):
        assert text[sent.start:sent.end] == sent.text
        assert len(sent.text) <= MAX_SENTENCE_CHARS
    for a in ex.extract(article):
        assert text[a.sentence_start:a.sentence_end] == a.sentence
        assert 0 <= a.confidence <= 1


@FUZZ
@given(text=articles())
def test_article_layouts(extractor: Extractor, text: str) -> None:
    _check_article(unicodedata.normalize("NFC", text), extractor)


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_unicode(extractor: Extractor, text: str) -> None:
    _check_article(text, extractor)


@settings(FUZZ, max_examples=80)
@given(data=st.one_of(st.binary(max_size=3000), articles().map(lambda t: t.encode("utf-8", "surrogatepass")),
                      articles().map(lambda t: t.encode("utf-16")),
                      articles().map(lambda t: t.encode("cp1258", "ignore"))))
def test_decode_any_bytes(data: bytes) -> None:
    decoded = decode_bytes(data)
    if decoded is not None:
        assert unicodedata.is_normalized("NFC", decoded.text)
        assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v\x85" for c in decoded.text)


@settings(FUZZ, max_examples=60)
@given(data=st.one_of(st.binary(max_size=2000), articles().map(lambda t: t.encode("utf-8", "surrogatepass"))),
       name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.csv", "a.json", "a"]))
def test_read_any_file(data: bytes, name: str) -> None:
    """Whatever a file holds, reading it yields articles or warnings, never an exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        messages: list[str] = []
        for article in read_articles([path], warn=messages.append):
            assert article.id and article.doc
        assert all(m[:1] == "W" and m[4:6] == ": " for m in messages), messages


@settings(FUZZ, max_examples=60)
@given(body=articles(), head=st.sampled_from(["", "<script>var a='Mỹ tặng Lào';</script>", "<style>p{}</style>",
                                              "<title>Nhật Bản tặng Việt Nam vắc xin</title>"]),
       wrap=st.sampled_from(["<article>{}</article>", "<div><p>{}</p></div>", "{}", "<p>{}", "<ul><li>{}</li>"]))
def test_html_layouts(extractor: Extractor, body: str, head: str, wrap: str) -> None:
    html = f"<html><head>{head}</head><body>{wrap.format(body)}<script>alert(1)</script></body></html>"
    article = html_article(html, doc="fuzz", path="fuzz.html")
    if article is not None:
        assert "alert(1)" not in article.text
        for a in extractor.extract(article):
            assert article.text[a.sentence_start:a.sentence_end] == a.sentence


@pytest.mark.parametrize("sep", [" ", ", ", "\u00a0", ""])
def test_one_endless_line_costs_linear_time(extractor: Extractor, sep: str) -> None:
    """150 KB without a sentence mark: cut into bounded sentences (it took ~25 s when it was one sentence).
    Linear means four times the text costs about four times as much, whatever the machine's load."""
    words = "Chính phủ Nhật Bản đã trao tặng Việt Nam 1 triệu liều vắc xin AstraZeneca"

    def run(repeat: int) -> tuple[float, str, list]:
        text = "Tiêu đề bài báo\n\n" + sep.join([words] * repeat)
        start = time.process_time()
        article = parse_article(text, doc="line")
        sentences = split_sentences(article)
        assertions = extractor.extract(article)
        return time.process_time() - start, text, [sentences, assertions]

    small, _, _ = run(500)
    took, text, (sentences, assertions) = run(2000)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert "".join(s.text for s in sentences[1:]).replace(" ", "").replace("\u00a0", "").replace(",", "") == \
        text.split("\n\n", 1)[1].replace(" ", "").replace("\u00a0", "").replace(",", ""), "text was lost"
    assert assertions and took < 8 * small + 1, f"{took:.1f}s for 4x the text of {small:.1f}s"
