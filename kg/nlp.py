"""kg's spaCy pipeline: an article becomes a ``Doc``, and registered components annotate it.

The data model from sentences to candidates is spaCy's:

* ``Doc._.article`` (the :class:`~kg.model.Article`), ``Doc._.year`` (the
  reference year of its dates), ``Doc._.assertions`` (what the pipeline found),
  ``Doc._.resolver`` (the article's coreference state);
* the sentences are the ``Doc``'s sentences (``doc.sents``); each carries
  ``Span._.sentence`` (offsets into the article), ``Span._.analysis`` (the text
  analysed: diacritics restored where the writer typed none), ``Span._.tokens``,
  ``Span._.word_starts`` and ``Span._.mentions``;
* ``Token._.word_start`` marks the first token of a segmented word, and
  ``doc.spans["mentions"]`` holds every mention as a span labelled by its type,
  so spaCy's own tools (displaCy, ``Span`` queries) see what kg found.

``Span._.tokens`` are kg's slotted token objects over the same tokens as the
``Doc``: the rules read token attributes millions of times per corpus, and an
extension attribute costs a dictionary lookup on each read.

Components are registered with ``Language.factory`` and declare what they
assign (``nlp.analyze_pipes()``). The first two (:data:`LOCAL`) read only the
article; the others (:data:`CORPUS`) read the corpus-wide person index of the
:class:`~kg.extract.Extractor` they are bound to.

>>> from kg.extract import Extractor
>>> from kg.reader import parse_article
>>> ex = Extractor()
>>> doc = ex.nlp(article_doc(ex, parse_article("Nhật Bản tặng Lào 1 triệu liều vắc xin.", doc="d")))
>>> [(m.text, m.label_) for m in doc.spans["mentions"]]
[('Nhật Bản', 'Country'), ('Lào', 'Country')]
>>> [(a.subject, a.predicate, a.object) for a in doc._.assertions]
[('country/japan', 'providesAidTo', 'country/laos')]
>>> ex.nlp.pipe_names
['kg_segmenter', 'kg_mentions', 'kg_coref', 'kg_relations', 'kg_positions', 'kg_rollup']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .model import Article, Mention, Sentence
from .tokens import Token as KgToken, tokenize

if TYPE_CHECKING:
    from .extract import Extractor

LOCAL = ("kg_segmenter", "kg_mentions")
CORPUS = ("kg_coref", "kg_relations", "kg_positions", "kg_rollup")
PIPELINE = LOCAL + CORPUS


def _register_extensions() -> None:
    for name in ("article", "year", "assertions", "resolver"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("sentence", "analysis", "tokens", "word_starts", "mentions"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Token.has_extension("word_start"):
        Token.set_extension("word_start", default=False)


_register_extensions()


# ------------------------------------------------------------------ the Doc
def article_doc(ex: "Extractor", article: Article) -> Doc:
    """The article as a ``Doc``: its sentences (title and body, without page chrome),
    diacritics restored, tokenised by kg's tokenizer; no component has run yet."""
    from .dates import reference_year
    from .diacritics import restore
    from .sentences import split_sentences

    sentences = split_sentences(article)
    analysed = [restore(s.text, article.lang, ex.lex) for s in sentences]
    tokens = [tokenize(text) for text in analysed]
    doc = _doc(ex.nlp, analysed, tokens)
    doc._.article = article
    doc._.assertions = []
    # Only the article's own lines: a related-news list or a sidebar speaks of
    # other years and would date this article's events wrongly.
    own = "\n".join(s.text for s in sentences) or article.text
    doc._.year = reference_year(article.date, own)
    for span, sentence, text, toks in zip(sentence_spans(doc), sentences, analysed, tokens):
        span._.sentence, span._.analysis, span._.tokens = sentence, text, toks
        span._.word_starts, span._.mentions = set(), []
    return doc


def _doc(nlp: Language, texts: list[str], tokens: list[list[KgToken]]) -> Doc:
    """One ``Doc`` over the analysed sentences, separated by newlines; the text
    between two tokens is kept exactly (as a space flag or a whitespace token)."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | None] = []
    for text, toks in zip(texts, tokens):
        if words:
            _gap(words, spaces, starts, "\n")
        for k, tok in enumerate(toks):
            words.append(tok.text)
            spaces.append(False)
            starts.append(k == 0)
            nxt = toks[k + 1].start if k + 1 < len(toks) else tok.end
            _gap(words, spaces, starts, text[tok.end:nxt])
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)


def _gap(words: list[str], spaces: list[bool], starts: list[bool | None], gap: str) -> None:
    if not gap:
        return
    if gap.startswith(" ") and not spaces[-1] and not words[-1].isspace():
        spaces[-1], gap = True, gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
        starts.append(False)


def sentence_spans(doc: Doc) -> list[Span]:
    """The article's sentences, in order (each with its ``Span._`` values)."""
    return list(doc.sents) if len(doc) else []


def span_tokens(doc: Doc, span: Span) -> list[Token]:
    """The spaCy tokens of ``span`` that are kg tokens (whitespace tokens left out)."""
    return [t for t in span if not t.is_space]


# --------------------------------------------------------------- components
class _Component:
    """A pipeline component bound (for the corpus half) to an extractor."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.ex: Extractor | None = None

    def bound(self) -> "Extractor":
        if self.ex is None:
            raise RuntimeError(f"{self.name}: the component is not bound to an Extractor (use kg.nlp.load)")
        return self.ex


# What the Doc holds when it is made (Span._.tokens, ._.analysis, ._.sentence,
# Doc._.article, ._.year) is the tokenizer's work, so no component requires it.
@Language.factory("kg_segmenter", assigns=["token._.word_start", "span._.word_starts"])
def make_segmenter(nlp: Language, name: str) -> "Segmenter":
    return Segmenter(nlp, name)


class Segmenter(_Component):
    """Word starts from underthesea (Vietnamese) or spaCy's tokenizer (English)."""

    def __call__(self, doc: Doc) -> Doc:
        from .segment import word_starts

        triggers = self.bound().lex.triggers.get(doc._.article.lang)
        for span in sentence_spans(doc):
            toks = span._.tokens
            # Word boundaries only decide whether a one-token trigger is a whole word
            # (relations.py); a sentence with no such candidate skips the segmenter,
            # the costliest step of the pipeline, and gets the same assertions.
            if triggers is not None and not any(m.end - m.start == 1 for k in range(len(toks))
                                                for m in triggers.match_at(toks, k)):
                continue
            span._.word_starts = word_starts(toks, span._.analysis, doc._.article.lang)
            spacy_toks = span_tokens(doc, span)
            for k in span._.word_starts:
                spacy_toks[k]._.word_start = True
        return doc


@Language.factory("kg_mentions", assigns=["span._.mentions", "doc.spans"])
def make_mentions(nlp: Language, name: str) -> "Mentions":
    return Mentions(nlp, name)


class Mentions(_Component):
    """Names, titled people, groups and references (:mod:`kg.mentions`)."""

    def __call__(self, doc: Doc) -> Doc:
        from .mentions import find_mentions

        lex = self.bound().lex
        for span in sentence_spans(doc):
            span._.mentions = find_mentions(span._.tokens, span._.analysis, doc._.article.lang, lex)
        mention_spans(doc)
        return doc


def mention_spans(doc: Doc) -> None:
    """``doc.spans["mentions"]``: every mention as a spaCy span labelled with its type."""
    out: list[Span] = []
    for span in sentence_spans(doc):
        toks = span_tokens(doc, span)
        for m in span._.mentions or []:
            if 0 <= m.i < m.j <= len(toks):
                out.append(Span(doc, toks[m.i].i, toks[m.j - 1].i + 1, label=m.type))
    doc.spans["mentions"] = out


@Language.factory("kg_coref", assigns=["doc._.resolver", "span._.mentions"], requires=["span._.mentions"])
def make_coref(nlp: Language, name: str) -> "Coref":
    return Coref(nlp, name)


class Coref(_Component):
    """Mentions resolved to entities, across the article and the corpus (:mod:`kg.coref`)."""

    def __call__(self, doc: Doc) -> Doc:
        from .coref import ArticleResolver

        ex = self.bound()
        spans = sentence_spans(doc)
        res = ArticleResolver(ex.lex, ex.people, doc._.article.lang)
        res.register_names([(s._.tokens, s._.analysis, s._.mentions) for s in spans])
        for span in spans:
            res.resolve_sentence(span._.mentions, span._.tokens)
            for m in span._.mentions:
                if m.type == "Organization" and m.entity_id is None:
                    m.entity_id = ex.new_entity("Organization", m.text)
        doc._.resolver = res
        mention_spans(doc)
        return doc


@Language.factory("kg_relations", assigns=["doc._.assertions"], requires=["doc._.resolver"])
def make_relations(nlp: Language, name: str) -> "Relations":
    return Relations(nlp, name)


class Relations(_Component):
    """Triggers and their arguments, then modality, dates and quantities (:mod:`kg.assertions`)."""

    def __call__(self, doc: Doc) -> Doc:
        from .assertions import sentence_assertions
        from .candidates import SentenceState

        state = SentenceState()
        for span in sentence_spans(doc):
            found, state = sentence_assertions(doc, span, self.bound(), state)
            doc._.assertions.extend(found)
        return doc


@Language.factory("kg_positions", assigns=["doc._.assertions"], requires=["doc._.resolver"])
def make_positions(nlp: Language, name: str) -> "Positions":
    return Positions(nlp, name)


class Positions(_Component):
    """holdsPosition and represents, from titles."""

    def __call__(self, doc: Doc) -> Doc:
        from .assertions import position_assertions

        doc._.assertions.extend(position_assertions(doc, self.bound()))
        return doc


@Language.factory("kg_rollup", assigns=["doc._.assertions"], requires=["doc._.assertions"])
def make_rollup(nlp: Language, name: str) -> "Rollup":
    return Rollup(nlp, name)


class Rollup(_Component):
    """Officials' meetings, calls and agreements rolled up to their countries (inferred)."""

    def __call__(self, doc: Doc) -> Doc:
        from .assertions import rollup

        doc._.assertions.extend(rollup(doc, self.bound()))
        return doc


# ---------------------------------------------------------------- building
class ArticleTokenizer:
    """``nlp("...")``: plain text is made an article of one body, in the language it is written in."""

    def __init__(self, ex: "Extractor") -> None:
        self.ex = ex

    def __call__(self, text: str) -> Doc:
        from .langid import detect_language
        from .text import nfc

        text = nfc(text)
        # The whole text is the body: reading titles and datelines is the readers' work.
        return article_doc(self.ex, Article(doc="text", text=text, lang=detect_language(text), body=[(0, len(text))]))


def load(ex: "Extractor", *, pipeline: Iterable[str] = PIPELINE) -> Language:
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


def local_values(doc: Doc) -> dict[str, Any]:
    """What the article-local half found, as plain values (sent back by worker processes)."""
    spans = sentence_spans(doc)
    return {"year": doc._.year, "sentences": [(s._.sentence, s._.analysis, sorted(s._.word_starts or ()),
                                               s._.mentions) for s in spans]}


def doc_from_local(ex: "Extractor", article: Article, values: dict[str, Any]) -> Doc:
    """The ``Doc`` a worker annotated, rebuilt here from :func:`local_values`."""
    sentences: list[tuple[Sentence, str, list[int], list[Mention]]] = values["sentences"]
    tokens = [tokenize(text) for _, text, _, _ in sentences]
    doc = _doc(ex.nlp, [text for _, text, _, _ in sentences], tokens)
    doc._.article, doc._.year, doc._.assertions = article, values["year"], []
    for span, (sentence, text, starts, mentions), toks in zip(sentence_spans(doc), sentences, tokens):
        span._.sentence, span._.analysis, span._.tokens = sentence, text, toks
        span._.word_starts, span._.mentions = set(starts), mentions
        spacy_toks = span_tokens(doc, span)
        for k in starts:
            spacy_toks[k]._.word_start = True
    mention_spans(doc)
    return doc
