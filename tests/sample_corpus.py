"""The shared test corpus: a small hand-built corpus that exercises every feature the
graph builder and the exporters must carry (two languages, a Position, an
inferred assertion, a requested one, quantities, a date range, attributes,
and one fact read twice).

Test modules import :func:`make_corpus` from here, not from ``conftest``: a
run that names several test folders loads their own ``conftest`` modules
(tests/store has one), and ``import conftest`` would then find the wrong one."""
from __future__ import annotations

from kg.model import Article, Assertion, Corpus, Entity, Quantity

VI_TITLE = "Việt Nam đề nghị Nga tiếp tục hỗ trợ vắc xin"
VI_S1 = "Nga đã chuyển giao 1 triệu liều vắc xin Sputnik V cho Việt Nam."
VI_S2 = "Bộ trưởng Ngoại giao Bùi Thanh Sơn đề nghị Nga chuyển giao công nghệ sản xuất vắc xin."
VI_S3 = "Ông Sơn cảm ơn Nga đã viện trợ vắc xin cho Việt Nam."
EN_TITLE = "Vietnam, Russia deepen partnership"
EN_S1 = "Vietnam and Russia have been comprehensive strategic partners since July 2012."


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def make_corpus() -> Corpus:
    vi_text = f"{VI_TITLE}\n\n{VI_S1} {VI_S2}\n{VI_S3}\n"
    en_text = f"{EN_TITLE}\n\n{EN_S1}\n"
    vi = Article(doc="000_test_vi", text=vi_text, path="seeds/000_test_vi.txt",
                 url="https://example.vn/tin/viet-nam-de-nghi-nga.html", title=VI_TITLE,
                 title_span=_span(vi_text, VI_TITLE), date="2021-03-05", lang="vi",
                 body=[_span(vi_text, VI_TITLE), _span(vi_text, VI_S1 + " " + VI_S2)])
    en = Article(doc="001_test_en", text=en_text, url="https://example.com/vn-ru", title=EN_TITLE,
                 date="2021-03-06", lang="en", body=[_span(en_text, EN_S1)])
    entities = {e.id: e for e in [
        Entity("country/vietnam", "Country", "Vietnam", {"vi": "Việt Nam", "en": "Vietnam"},
               {"Việt Nam", "VN", "Vietnam"}, "Q881"),
        Entity("country/russia", "Country", "Russia", {"vi": "Nga", "en": "Russia"},
               {"Nga", "Liên bang Nga"}, "Q159"),
        Entity("person/bui-thanh-son", "Person", "Bui Thanh Son", {"vi": "Bùi Thanh Sơn"},
               {"Bùi Thanh Sơn", "Ông Sơn"}),
        Entity("position/foreign-minister", "Position", "Foreign Minister",
               {"vi": "Bộ trưởng Ngoại giao", "en": "Foreign Minister"}),
        Entity("vaccine/sputnik-v", "Vaccine", "Sputnik V", {}, {"Sputnik V"}),
    ]}

    def vi_assertion(sentence: str, **kw) -> Assertion:
        s, e = _span(vi_text, sentence)
        return Assertion(doc="000_test_vi", sentence=sentence, sentence_start=s, sentence_end=e,
                         extractor="kg-extractor/0.1.0", **kw)

    s_en, e_en = _span(en_text, EN_S1)
    assertions = [
        vi_assertion(VI_S1, subject="country/russia", predicate="providesAidTo",
                     object="country/vietnam", confidence=0.9, trigger="chuyển giao",
                     date="2021-03-01",
                     quantities=[Quantity(1_000_000.0, "dose", "1 triệu liều", "value")]),
        vi_assertion(VI_S2, subject="person/bui-thanh-son", predicate="holdsPosition",
                     object="position/foreign-minister", confidence=0.95,
                     trigger="Bộ trưởng Ngoại giao"),
        vi_assertion(VI_S2, subject="country/vietnam", predicate="appealsTo",
                     object="country/russia", confidence=0.8, trigger="đề nghị"),
        vi_assertion(VI_S2, subject="country/russia", predicate="transfersTechnologyTo",
                     object="country/vietnam", modality="requested", confidence=0.7,
                     trigger="chuyển giao công nghệ"),
        # The same fact again, in another sentence, with a lower confidence:
        # the RDF must hold one node with two sentence links and confidence 0.9.
        vi_assertion(VI_S3, subject="country/russia", predicate="providesAidTo",
                     object="country/vietnam", confidence=0.6, trigger="viện trợ"),
        # Roll-up from the minister to his country: derived, not read.
        vi_assertion(VI_S3, subject="country/vietnam", predicate="praises",
                     object="country/russia", confidence=0.5, trigger="cảm ơn", inferred=True),
        Assertion(doc="001_test_en", subject="country/vietnam", predicate="hasPartnershipWith",
                  object="country/russia", confidence=0.85, sentence=EN_S1,
                  sentence_start=s_en, sentence_end=e_en, trigger="partners",
                  start="2012-07", end="2021-03-06",
                  attrs={"level": "comprehensive strategic partnership", "note": "kept in JSONL"},
                  extractor="kg-extractor/0.1.0"),
    ]
    return Corpus(articles=[vi, en], entities=entities, assertions=assertions,
                  extractor="kg-extractor/0.1.0")
