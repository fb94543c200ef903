"""The data model of extraction: an article as a spaCy ``Doc`` with registered extensions.

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
extension attribute costs a dictionary lookup on each read. The components that
fill these values are in :mod:`kg.extract.nlp`.
"""
from __future__ import annotations

from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Article, Mention, Sentence
from ..lang.tokens import Token as KgToken, tokenize


class Extracting(Protocol):
    """What the pipeline needs of the extractor it runs for (:class:`kg.extract.Extractor`)."""

    lex: Any
    people: Any
    version: str

    @property
    def nlp(self) -> Language: ...

    def new_entity(self, etype: str, label: str) -> str: ...


LOCAL = ("kg_segmenter", "kg_mentions")
CORPUS = ("kg_coref", "kg_relations", "kg_positions", "kg_rollup", "kg_confidence")
PIPELINE = LOCAL + CORPUS


def _register_extensions() -> None:
    for name in ("article", "year", "assertions", "resolver"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("sentence", "analysis", "tokens", "word_starts", "mentions"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Token.has_extension("word_start"):
        Token.set_extension("word_start", getter=lambda t: t.i in t.doc.user_data.get("kg.word_starts", ()))


_register_extensions()


# ------------------------------------------------------------------ the Doc
def article_doc(ex: "Extracting", article: Article) -> Doc:
    """The article as a ``Doc``: its sentences (title and body, without page chrome),
    diacritics restored, tokenised by kg's tokenizer; no component has run yet."""
    from ..lang.dates import reference_year
    from .diacritics import restore
    from ..lang.sentences import split_sentences

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
    index: list[list[int]] = []        # per sentence: the Doc index of each kg token
    for text, toks in zip(texts, tokens):
        if words:
            _gap(words, spaces, starts, "\n")
        index.append([])
        for k, tok in enumerate(toks):
            index[-1].append(len(words))
            words.append(tok.text)
            spaces.append(False)
            starts.append(k == 0)
            nxt = toks[k + 1].start if k + 1 < len(toks) else tok.end
            _gap(words, spaces, starts, text[tok.end:nxt])
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    doc.user_data["kg.index"] = index
    doc.user_data["kg.word_starts"] = set()
    return doc


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
    """The article's sentences, in order (each with its ``Span._`` values); made once per Doc."""
    spans = doc.user_data.get("kg.sentences")
    if spans is None:
        spans = doc.user_data["kg.sentences"] = list(doc.sents) if len(doc) else []
    return spans


def token_index(doc: Doc, n: int) -> list[int]:
    """The Doc index of each kg token of the ``n``-th sentence."""
    return doc.user_data["kg.index"][n]


def mark_word_starts(doc: Doc, n: int, starts: set[int]) -> None:
    """Record the word starts (kg token indexes) of the ``n``-th sentence on the Doc."""
    index = token_index(doc, n)
    doc.user_data["kg.word_starts"].update(index[k] for k in starts)


def span_tokens(doc: Doc, span: Span) -> list[Token]:
    """The spaCy tokens of ``span`` that are kg tokens (whitespace tokens left out)."""
    return [t for t in span if not t.is_space]


def mention_spans(doc: Doc) -> None:
    """``doc.spans["mentions"]``: every mention as a spaCy span labelled with its type."""
    out: list[Span] = []
    for n, span in enumerate(sentence_spans(doc)):
        index = token_index(doc, n)
        for m in span._.mentions or []:
            if 0 <= m.i < m.j <= len(index):
                out.append(Span(doc, index[m.i], index[m.j - 1] + 1, label=m.type))
    doc.spans["mentions"] = out


def local_values(doc: Doc) -> dict[str, Any]:
    """What the article-local half found, as plain values (sent back by worker processes)."""
    spans = sentence_spans(doc)
    return {"year": doc._.year, "sentences": [(s._.sentence, s._.analysis, sorted(s._.word_starts or ()),
                                               s._.mentions) for s in spans]}


def doc_from_local(ex: "Extracting", article: Article, values: dict[str, Any]) -> Doc:
    """The ``Doc`` a worker annotated, rebuilt here from :func:`local_values`."""
    sentences: list[tuple[Sentence, str, list[int], list[Mention]]] = values["sentences"]
    tokens = [tokenize(text) for _, text, _, _ in sentences]
    doc = _doc(ex.nlp, [text for _, text, _, _ in sentences], tokens)
    doc._.article, doc._.year, doc._.assertions = article, values["year"], []
    for n, (span, (sentence, text, starts, mentions), toks) in enumerate(zip(sentence_spans(doc), sentences, tokens)):
        span._.sentence, span._.analysis, span._.tokens = sentence, text, toks
        span._.word_starts, span._.mentions = set(starts), mentions
        mark_word_starts(doc, n, set(starts))
    mention_spans(doc)
    return doc
