"""Mentions, tokens, lexicon and modality, on hand-written sentences (no models)."""
import pytest

from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import find_mentions
from kg.extract.modality import decide
from kg.lang.patterns import PhraseIndex
from kg.lang.tokens import tokenize


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def mentions(text, lang, lex):
    return [(m.text, m.type, m.entity_id) for m in find_mentions(tokenize(text), text, lang, lex)]


@pytest.mark.parametrize("text,lang,expected", [
    # compositional phrases stand for the country
    ("Chính phủ và nhân dân Lào luôn ghi nhớ.", "vi", ("Chính phủ và nhân dân Lào", "Country", "country/laos")),
    ("the Japanese Government announced", "en", ("Japanese Government", "Country", "country/japan")),
    ("Bộ Y tế Thái Lan cho biết", "vi", ("Bộ Y tế Thái Lan", "Country", "country/thailand")),
    # capitals stand for their country
    ("Washington will send more doses.", "en", ("Washington", "Country", "country/united-states")),
    # names of organisations in a common-noun frame
    ("tiếp nhận vắc xin qua cơ chế COVAX", "vi", ("cơ chế COVAX", "Organization", "organization/covax")),
    # unknown organisation found by its head noun
    ("Công ty Dược phẩm Minh Long cho biết", "vi", ("Công ty Dược phẩm Minh Long", "Organization", None)),
    ("the Hilleman Research Institute said", "en", ("Hilleman Research Institute", "Organization", None)),
])
def test_lexicon_mentions(text, lang, expected, lex):
    assert expected in mentions(text, lang, lex)


@pytest.mark.parametrize("text,lang", [
    ("biện pháp phòng dịch", "vi"),          # "pháp" in a common word is not France
    ("ông Nguyễn Văn Nga phát biểu", "vi"),  # "Nga" inside a name is not Russia
    ("Let us know", "en"),                   # "us" is not the United States
])
def test_ambiguous_words_are_not_countries(text, lang, lex):
    assert not [m for m in mentions(text, lang, lex) if m[1] == "Country"]


@pytest.mark.parametrize("text,lang,name,positions,country", [
    ("Đại sứ Nhật Bản tại Việt Nam Yamada Takio", "vi", "Yamada Takio", ["position/ambassador"], "country/japan"),
    ("Thủ tướng Campuchia Hun Manet", "vi", "Hun Manet", ["position/prime-minister"], "country/cambodia"),
    ("Indonesian Health Minister Budi Gunadi Sadikin", "en", "Budi Gunadi Sadikin", ["position/health-minister"], "country/indonesia"),
    ("Thứ trưởng Ngoại giao Lê Thị Thu Hằng", "vi", "Lê Thị Thu Hằng", ["position/deputy-foreign-minister"], None),
])
def test_title_chains(text, lang, name, positions, country, lex):
    found = [m for m in find_mentions(tokenize(text), text, lang, lex) if m.type == "Person"]
    assert found and found[0].attrs["name"] == name
    assert found[0].attrs["positions"] == positions and found[0].attrs["country"] == country


@pytest.mark.parametrize("text,lang,kind", [
    ("Hai bên nhất trí", "vi", "countries"), ("hai Bộ trưởng đã họp báo", "vi", "persons"),
    ("Both sides agreed", "en", "countries"), ("The two leaders met", "en", "persons"),
])
def test_group_mentions(text, lang, kind, lex):
    groups = [m for m in find_mentions(tokenize(text), text, lang, lex) if m.type == "Group"]
    assert groups and groups[0].attrs["group"] == kind


@pytest.mark.parametrize("text,trigger,expected", [
    ("Hai bên nhất trí sẽ tăng cường hợp tác", "hợp tác", "planned"),
    ("Hai bên nhất trí tăng cường hợp tác", "hợp tác", "agreed"),
    ("Nhật Bản không viện trợ vắc xin", "viện trợ", "negated"),
    ("Nhật Bản chưa viện trợ vắc xin", "viện trợ", "negated"),
    ("Lào sẵn sàng hỗ trợ Campuchia", "hỗ trợ", "planned"),
    ("Japan will donate vaccines", "donate", "planned"),
    ("Japan did not donate vaccines", "donate", "negated"),
    ("Japan donated vaccines", "donated", "asserted"),
])
def test_modality_cues(text, trigger, expected, lex):
    toks = tokenize(text)
    lang = "en" if text.isascii() else "vi"
    words = tokenize(trigger)
    start = next(i for i in range(len(toks)) if [t.lower for t in toks[i:i + len(words)]] == [w.lower for w in words])
    assert decide(toks, start, start + len(words), lang, lex, request_at=None, inherited=None) == expected


def test_request_scope_outranks_cues(lex):
    toks = tokenize("Việt Nam đề nghị Nga sẽ hỗ trợ")
    assert decide(toks, 5, 7, "vi", lex, request_at=2, inherited=None) == "requested"


@pytest.mark.parametrize("phrase,text,found", [
    ("Liên minh Kinh tế Á-Âu", "Liên minh Kinh tế Á - Âu", True),
    ("COVID-19", "Covid 19", True),
    ("U.S.", "the U.S. said", True),
    ("hợp tác", "hợp đồng", False),
])
def test_phrase_index_ignores_hyphens_and_case(phrase, text, found):
    idx = PhraseIndex()
    idx.add(phrase, "x")
    assert bool(idx.find_all(tokenize(text))) is found
