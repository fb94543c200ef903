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

The extension values live in plain slotted objects (:class:`DocData`, one
:class:`SentenceData` per sentence) kept in ``doc.user_data``; the extensions
are getters and setters over them. spaCy makes a new ``Underscore`` object on
every ``._`` access, so the components and rules, which read these values
hundreds of thousands of times per corpus, read the objects directly
(:func:`doc_data`). ``Span._.tokens`` are kg's slotted token objects over the
same tokens as the ``Doc``. The components that fill these values are in
:mod:`kg.extract.nlp`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Article, Assertion, Mention, Sentence
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


@dataclass(slots=True)
class SentenceData:
    """``Span._`` of one sentence."""

    sentence: Sentence
    analysis: str
    tokens: list[KgToken]
    word_starts: set[int] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class DocData:
    """``Doc._`` of an article, and its sentences' values in ``Doc`` order."""

    article: Article | None = None
    year: int | None = None
    assertions: list[Assertion] | None = None
    resolver: Any = None
    sentences: list[SentenceData] = field(default_factory=list)
    by_span: dict[tuple[int, int], SentenceData] = field(default_factory=dict)   # (Span.start, Span.end) -> values


_DATA = "kg.data"


def doc_data(doc: Doc) -> DocData:
    """The plain values behind ``doc``'s extensions (made empty on first use)."""
    data = doc.user_data.get(_DATA)
    if data is None:
        data = doc.user_data[_DATA] = DocData()
    return data


def _doc_getter(name: str) -> Callable[[Doc], Any]:
    return lambda doc: getattr(doc_data(doc), name)


def _doc_setter(name: str) -> Callable[[Doc, Any], None]:
    return lambda doc, value: setattr(doc_data(doc), name, value)


def _span_getter(name: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        data = doc_data(span.doc).by_span.get((span.start, span.end))
        if data is not None:
            return getattr(data, name)
        return span.doc.user_data.get(("._.", name, span.start_char, span.end_char))   # not a sentence
    return get


def _span_setter(name: str) -> Callable[[Span, Any], None]:
    def put(span: Span, value: Any) -> None:
        data = doc_data(span.doc).by_span.get((span.start, span.end))
        if data is not None:
            setattr(data, name, value)
        else:
            span.doc.user_data[("._.", name, span.start_char, span.end_char)] = value
    return put


def _register_extensions() -> None:
    for name in ("article", "year", "assertions", "resolver"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_doc_getter(name), setter=_doc_setter(name))
    for name in ("sentence", "analysis", "tokens", "word_starts", "mentions"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_getter(name), setter=_span_setter(name))
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
    # Only the article's own lines: a related-news list or a sidebar speaks of
    # other years and would date this article's events wrongly.
    own = "\n".join(s.text for s in sentences) or article.text
    _attach(doc, article, reference_year(article.date, own),
            [SentenceData(*values) for values in zip(sentences, analysed, tokens)])
    return doc


def _attach(doc: Doc, article: Article, year: int | None, sentences: list[SentenceData]) -> DocData:
    """The article's values, each sentence's paired with its ``Doc`` sentence."""
    spans = sentence_spans(doc)
    data = doc_data(doc)
    data.article, data.year, data.assertions = article, year, []
    data.sentences = sentences[:len(spans)]
    data.by_span = {(span.start, span.end): values for span, values in zip(spans, sentences)}
    return data


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
        at: list[int] = []
        index.append(at)
        last = len(toks) - 1
        for k, tok in enumerate(toks):
            at.append(len(words))
            words.append(tok.text)
            spaces.append(False)
            starts.append(k == 0)
            nxt = toks[k + 1].start if k < last else tok.end
            if nxt == tok.end + 1 and text[tok.end] == " ":
                spaces[-1] = True       # the common gap, as _gap would record it
            elif nxt > tok.end:
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
    for index, sd in zip(doc.user_data["kg.index"], doc_data(doc).sentences):
        for m in sd.mentions:
            if 0 <= m.i < m.j <= len(index):
                out.append(Span(doc, index[m.i], index[m.j - 1] + 1, label=m.type))
    doc.spans["mentions"] = out


def local_values(doc: Doc) -> dict[str, Any]:
    """What the article-local half found, as plain values (sent back by worker processes)."""
    data = doc_data(doc)
    return {"year": data.year, "sentences": [(s.sentence, s.analysis, sorted(s.word_starts), s.mentions)
                                             for s in data.sentences]}


def doc_from_local(ex: "Extracting", article: Article, values: dict[str, Any]) -> Doc:
    """The ``Doc`` a worker annotated, rebuilt here from :func:`local_values`."""
    sentences: list[tuple[Sentence, str, list[int], list[Mention]]] = values["sentences"]
    tokens = [tokenize(text) for _, text, _, _ in sentences]
    doc = _doc(ex.nlp, [text for _, text, _, _ in sentences], tokens)
    data = _attach(doc, article, values["year"], [SentenceData(sentence, text, toks, set(starts), mentions)
                                                  for (sentence, text, starts, mentions), toks in zip(sentences, tokens)])
    for n, sd in enumerate(data.sentences):
        mark_word_starts(doc, n, sd.word_starts)
    mention_spans(doc)
    return doc
