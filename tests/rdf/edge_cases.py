"""A corpus with every case the RDF layout must carry, beyond the shared conftest corpus."""
from __future__ import annotations

from kg.model import Assertion, Corpus, Entity, Quantity

WEIRD_ENTITY = 'org/Bộ Y tế "VN" <x>{y}|z\\^`%'
WEIRD_DOC = 'tin tức/ <x> "q" {a}|b\\c^d'


def edge_cases(corpus: Corpus) -> Corpus:
    """Weird IRIs and text, typed attributes, a second extractor, a doc with no article,
    a bad Wikidata id, an uppercase language tag, an empty alias, an impossible date."""
    corpus.entities[WEIRD_ENTITY] = Entity(WEIRD_ENTITY, "Organization", "Bộ Y tế", {"vi": "Bộ Y tế"})
    corpus.assertions.append(Assertion(
        doc=WEIRD_DOC, subject=WEIRD_ENTITY, predicate="providesAidTo",
        object="country/vietnam", sentence='Bộ Y tế "cảm ơn"\tdòng\nmới', sentence_start=0,
        sentence_end=20, extractor="kg-extractor/0.1.0"))
    corpus.assertions.append(Assertion(
        doc="no-article", subject="country/vietnam", predicate="providesAidTo", object="country/russia",
        confidence=0.333333, sentence="Dòng\r\n có \x01 ký tự \\ lạ \"x\"", sentence_start=3, sentence_end=9,
        date="2021-02-30", start="spring 2021", quantities=[Quantity(1e16, "dose", "10 triệu tỷ liều"),
                                                            Quantity(float("nan"), "USD", "")],
        attrs={"level": "strategic", "period": 5, "note": True}, extractor="kg-extractor/0.0.9"))
    corpus.entities["person/x"] = Entity("person/x", "Person", "X", {"VI": "Ích"}, {"", "Ích"}, "Q1 bad")
    return corpus
