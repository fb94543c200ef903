"""kg's spaCy pipeline: components registered with ``Language.factory`` that fill the
data model of :mod:`kg.extract.doc` and declare what they assign (``nlp.analyze_pipes()``).

The first two (:data:`~kg.extract.doc.LOCAL`) read only the article; the others
(:data:`~kg.extract.doc.CORPUS`) read the corpus-wide person index of the extractor they
are bound to. :func:`run` is the one runner: builds, workers, Dask and tests all
call it (``nlp(doc)`` with a choice of components).

>>> from kg.extract import Extractor
>>> from kg.reader import parse_article
>>> from kg.extract.doc import article_doc
>>> ex = Extractor()
>>> doc = ex.nlp(article_doc(ex, parse_article("Nhật Bản tặng Lào 1 triệu liều vắc xin.", doc="d")))
>>> [(m.text, m.label_) for m in doc.spans["mentions"]]
[('Nhật Bản', 'Country'), ('Lào', 'Country')]
>>> [(a.subject, a.predicate, a.object) for a in doc._.assertions]
[('country/japan', 'providesAidTo', 'country/laos')]
>>> ex.nlp.pipe_names
['kg_segmenter', 'kg_mentions', 'kg_coref', 'kg_relations', 'kg_positions', 'kg_rollup', 'kg_confidence']
"""
from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .doc import PIPELINE, Extracting, article_doc, doc_data, mark_word_starts, mention_spans
from ..model import Article



# --------------------------------------------------------------- components
class _Component:
    """A pipeline component bound (for the corpus half) to an extractor."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.ex: Extracting | None = None

    def bound(self) -> "Extracting":
        if self.ex is None:
            raise RuntimeError(f"{self.name}: the component is not bound to an Extractor (use kg.extract.nlp.load)")
        return self.ex


# What the Doc holds when it is made (Span._.tokens, ._.analysis, ._.sentence,
# Doc._.article, ._.year) is the tokenizer's work, so no component requires it.
@Language.factory("kg_segmenter", assigns=["token._.word_start", "span._.word_starts"])
def make_segmenter(nlp: Language, name: str) -> "Segmenter":
    return Segmenter(nlp, name)


class Segmenter(_Component):
    """Word starts from underthesea (Vietnamese) or spaCy's tokenizer (English)."""

    def __call__(self, doc: Doc) -> Doc:
        from ..lang.segment import word_starts

        lex = self.bound().lex
        data = doc_data(doc)
        lang = data.article.lang
        triggers = lex.triggers.get(lang)
        for n, sd in enumerate(data.sentences):
            # Word boundaries only decide whether a one-token trigger is a whole word
            # (relations.py); a sentence with no such candidate skips the segmenter,
            # the costliest step of the pipeline, and gets the same assertions.
            if triggers is not None and not triggers.has_one_word_match(sd.tokens):
                continue
            sd.word_starts = word_starts(sd.tokens, sd.analysis, lang)
            mark_word_starts(doc, n, sd.word_starts)
        return doc


@Language.factory("kg_mentions", assigns=["span._.mentions", "doc.spans"])
def make_mentions(nlp: Language, name: str) -> "Mentions":
    return Mentions(nlp, name)


class Mentions(_Component):
    """Names, titled people, groups and references (:mod:`kg.extract.mentions`)."""

    def __call__(self, doc: Doc) -> Doc:
        from .mentions import find_mentions

        lex = self.bound().lex
        data = doc_data(doc)
        for sd in data.sentences:
            sd.mentions = find_mentions(sd.tokens, sd.analysis, data.article.lang, lex)
        mention_spans(doc)
        return doc


@Language.factory("kg_coref", assigns=["doc._.resolver", "span._.mentions"], requires=["span._.mentions"])
def make_coref(nlp: Language, name: str) -> "Coref":
    return Coref(nlp, name)


class Coref(_Component):
    """Mentions resolved to entities, across the article and the corpus (:mod:`kg.extract.coref`)."""

    def __call__(self, doc: Doc) -> Doc:
        from .companies import company_homes
        from .coref import ArticleResolver

        ex = self.bound()
        data = doc_data(doc)
        res = ArticleResolver(ex.lex, ex.people, data.article.lang)
        res.register_names([(s.tokens, s.analysis, s.mentions) for s in data.sentences])
        for sd in data.sentences:
            for m in sd.mentions:
                if m.type == "Organization" and m.entity_id is None:
                    # a company's short name ("HLB") is the company named in full before
                    m.entity_id = ex.new_entity("Organization", m.attrs.get("name_of", m.text))
        res.company_homes = company_homes((m for s in data.sentences for m in s.mentions), ex.lex)
        for sd in data.sentences:
            res.resolve_sentence(sd.mentions, sd.tokens)
        data.resolver = res
        mention_spans(doc)
        return doc


@Language.factory("kg_relations", assigns=["doc._.assertions"], requires=["doc._.resolver"])
def make_relations(nlp: Language, name: str) -> "Relations":
    return Relations(nlp, name)


class Relations(_Component):
    """Triggers and their arguments, then modality, dates and quantities (:mod:`kg.extract.assertions`)."""

    def __call__(self, doc: Doc) -> Doc:
        from .assertions import sentence_assertions
        from .candidates import SentenceState

        ex = self.bound()
        data = doc_data(doc)
        state = SentenceState()
        for sd in data.sentences:
            found, state = sentence_assertions(data, sd, ex, state)
            data.assertions.extend(found)
        return doc


@Language.factory("kg_positions", assigns=["doc._.assertions"], requires=["doc._.resolver"])
def make_positions(nlp: Language, name: str) -> "Positions":
    return Positions(nlp, name)


class Positions(_Component):
    """holdsPosition and represents, from titles."""

    def __call__(self, doc: Doc) -> Doc:
        from .assertions import position_assertions

        ex = self.bound()
        data = doc_data(doc)
        data.assertions.extend(position_assertions(data, ex))
        return doc


@Language.factory("kg_rollup", assigns=["doc._.assertions"], requires=["doc._.assertions"])
def make_rollup(nlp: Language, name: str) -> "Rollup":
    return Rollup(nlp, name)


class Rollup(_Component):
    """Officials' meetings, calls and agreements rolled up to their countries (inferred)."""

    def __call__(self, doc: Doc) -> Doc:
        from .assertions import rollup

        ex = self.bound()
        data = doc_data(doc)
        data.assertions.extend(rollup(data, ex))
        return doc


@Language.factory("kg_confidence", assigns=["doc._.assertions"], requires=["doc._.assertions"])
def make_confidence(nlp: Language, name: str) -> "Confidence":
    return Confidence(nlp, name)


class Confidence(_Component):
    """Each reading's confidence becomes the precision measured for its level (resources/calibration.json)."""

    def __call__(self, doc: Doc) -> Doc:
        from .lexicon import calibrate

        for a in doc_data(doc).assertions:
            a.confidence = calibrate(a.confidence)
        return doc


# ---------------------------------------------------------------- building
class ArticleTokenizer:
    """``nlp("...")``: plain text is made an article of one body, in the language it is written in."""

    def __init__(self, ex: "Extracting") -> None:
        self.ex = ex

    def __call__(self, text: str) -> Doc:
        from ..lang.langid import detect_language
        from ..lang.text import nfc

        text = nfc(text)
        # The whole text is the body: reading titles and datelines is the readers' work.
        return article_doc(self.ex, Article(doc="text", text=text, lang=detect_language(text), body=[(0, len(text))]))


def load(ex: "Extracting", *, pipeline: Iterable[str] = PIPELINE) -> Language:
    """A blank multi-language pipeline with kg's tokenizer and components, bound to ``ex``.

    >>> from kg.extract import Extractor
    >>> doc = Extractor().nlp("Việt Nam và Lào ký thỏa thuận hợp tác y tế.")
    >>> sorted({a.predicate for a in doc._.assertions})
    ['agreesWith', 'cooperatesWith']
    """
    import spacy

    nlp = spacy.blank("xx")
    nlp.tokenizer = ArticleTokenizer(ex)
    for name in pipeline:
        nlp.add_pipe(name)
        nlp.get_pipe(name).ex = ex
    return nlp


def run(nlp: Language, doc: Doc, names: Iterable[str], seconds: dict[str, float] | None = None) -> Doc:
    """Run the named components on ``doc`` in pipeline order (timing each into ``seconds``):
    ``nlp(doc)`` with a choice of components, as the two halves of a build need."""
    import time

    wanted = set(names)
    for name, proc in nlp.pipeline:
        if name in wanted:
            start = time.perf_counter()
            doc = proc(doc)
            if seconds is not None:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
    return doc


