"""kg's spaCy pipeline: registered components, extensions as the data model, one runner."""
from __future__ import annotations

import subprocess
import sys

import pytest
from spacy.tokens import Doc

import kg.extract.doc as kgdoc
import kg.extract.nlp as nlp
from kg.extract import Extractor
from kg.model import Article
from kg.reader import parse_article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def test_components_declare_what_they_assign(ex: Extractor) -> None:
    analysis = ex.nlp.analyze_pipes()
    assigns = {name: set(summary["assigns"]) for name, summary in analysis["summary"].items()}
    assert list(assigns) == list(kgdoc.PIPELINE)
    assert "token._.word_start" in assigns["kg_segmenter"]
    assert "span._.mentions" in assigns["kg_mentions"]
    assert "doc._.assertions" in assigns["kg_relations"]
    assert not analysis["problems"] or all(not v for v in analysis["problems"].values())


@pytest.mark.parametrize("text,sentences", [
    ("Nhật Bản tặng Lào vắc xin. Lào cảm ơn Nhật Bản.", 2),
    ("Japan  gave Laos vaccines.\nLaos thanked Japan.", 2),
])
def test_the_doc_keeps_every_sentence_and_its_text(ex: Extractor, text: str, sentences: int) -> None:
    doc = kgdoc.article_doc(ex, parse_article(text, doc="d"))
    spans = kgdoc.sentence_spans(doc)
    assert len(spans) == sentences
    for span in spans:
        assert span.text.rstrip("\n") == span._.analysis
        assert [t.text for t in kgdoc.span_tokens(doc, span)] == [t.text for t in span._.tokens]


def test_an_empty_article_is_an_empty_doc(ex: Extractor) -> None:
    doc = ex.doc(Article(doc="empty", text="", body=[]))
    assert len(doc) == 0 and doc._.assertions == []


def test_mentions_are_doc_spans_labelled_by_type(ex: Extractor) -> None:
    doc = ex.doc(parse_article("Bộ trưởng Ngoại giao Nga Sergey Lavrov thăm Việt Nam.", doc="d"))
    labels = {(s.text, s.label_) for s in doc.spans["mentions"]}
    assert ("Việt Nam", "Country") in labels
    assert any(label == "Person" and "Lavrov" in text for text, label in labels)


def test_segmenter_marks_word_starts_on_spacy_tokens(ex: Extractor) -> None:
    doc = ex.doc(parse_article("Việt Nam tiếp tục hỗ trợ Lào.", doc="d"))
    starts = [t.text for t in doc if t._.word_start]
    assert "tiếp" in starts and "tục" not in starts      # "tiếp tục" is one word


def test_worker_values_rebuild_the_same_doc(ex: Extractor) -> None:
    article = parse_article("Hàn Quốc viện trợ Việt Nam 1 triệu USD.", doc="d")
    here = nlp.run(ex.nlp, kgdoc.article_doc(ex, article), kgdoc.LOCAL)
    there = kgdoc.doc_from_local(ex, article, kgdoc.local_values(here))
    assert there.text == here.text
    assert [(s.start, s.end, s.label_) for s in there.spans["mentions"]] == \
           [(s.start, s.end, s.label_) for s in here.spans["mentions"]]


def test_an_unbound_component_says_so() -> None:
    import spacy

    blank = spacy.blank("xx")
    blank.add_pipe("kg_mentions")
    doc = Doc(blank.vocab, words=["x"])
    with pytest.raises(RuntimeError, match="not bound"):
        blank(doc)


def test_without_spacy_there_is_no_pipeline() -> None:
    code = "import sys; sys.modules['spacy'] = None\nimport kg.extract.nlp"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode != 0 and "spacy" in proc.stderr
