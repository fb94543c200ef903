"""Article → assertions: a pipeline of small components over an :class:`ArticleDoc`.

Each component takes the doc and returns it (as in spaCy); they are registered
in one place, :data:`COMPONENTS`, and run in the order of :data:`PIPELINE`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import EXTRACTOR
from .coref import ArticleResolver, PersonIndex
from .dates import reference_year
from .lexicon import Lexicon, load_lexicon
from .mentions import find_mentions
from .model import Article, Assertion, Entity, Mention, Sentence
from .registry import Registry
from .text import slugify
from .tokens import Token, tokenize


@dataclass
class SentDoc:
    sentence: Sentence
    text: str = ""              # analysis text: the sentence, with restored diacritics if typed without
    tokens: list[Token] = field(default_factory=list)
    word_starts: set[int] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ArticleDoc:
    article: Article
    sents: list[SentDoc] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    resolver: ArticleResolver | None = None
    year: int | None = None


Component = Callable[["ArticleDoc", "Extractor"], "ArticleDoc"]
COMPONENTS: Registry[Component] = Registry("pipeline component")
PIPELINE = ("sentences", "diacritics", "tokens", "tagger", "mentions", "coref", "relations", "positions", "rollup")


@COMPONENTS.register("sentences")
def split_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    from .sentences import split_sentences

    doc.sents = [SentDoc(s, s.text) for s in split_sentences(doc.article)]
    # Only the article's own lines: a related-news list or a sidebar speaks of
    # other years and would date this article's events wrongly.
    own = "\n".join(s.text for s in doc.sents) or doc.article.text
    doc.year = reference_year(doc.article.date, own)
    return doc


@COMPONENTS.register("diacritics")
def diacritics_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    from .diacritics import restore

    for sd in doc.sents:
        sd.text = restore(sd.sentence.text, doc.article.lang, ex.lex)
    return doc


@COMPONENTS.register("tokens")
def token_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    for sd in doc.sents:
        sd.tokens = tokenize(sd.text)
    return doc


@COMPONENTS.register("tagger")
def tagger_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    from .nlp import tag_tokens

    triggers = ex.lex.triggers.get(doc.article.lang)
    for sd in doc.sents:
        # Word boundaries only decide whether a one-token trigger is a whole word
        # (relations.py); a sentence with no such candidate skips the segmenter,
        # the costliest step of the pipeline, and gets the same assertions.
        if triggers is not None and not any(m.end - m.start == 1 for k in range(len(sd.tokens))
                                            for m in triggers.match_at(sd.tokens, k)):
            continue
        sd.word_starts = tag_tokens(sd.tokens, sd.text, doc.article.lang)
    return doc


@COMPONENTS.register("mentions")
def mention_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    for sd in doc.sents:
        sd.mentions = find_mentions(sd.tokens, sd.text, doc.article.lang, ex.lex)
    return doc


@COMPONENTS.register("coref")
def coref_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    res = ArticleResolver(ex.lex, ex.people, doc.article.lang)
    res.register_names([(sd.tokens, sd.text, sd.mentions) for sd in doc.sents])
    for sd in doc.sents:
        res.resolve_sentence(sd.mentions, sd.tokens)
        for m in sd.mentions:
            if m.type == "Organization" and m.entity_id is None:
                m.entity_id = ex.new_entity("Organization", m.text)
    doc.resolver = res
    return doc


@COMPONENTS.register("relations")
def relation_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    from .assertions import sentence_assertions
    from .relations import SentenceState

    state = SentenceState()
    for sd in doc.sents:
        found, state = sentence_assertions(doc, sd, ex, state)
        doc.assertions.extend(found)
    return doc


@COMPONENTS.register("positions")
def position_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    from .assertions import position_assertions

    doc.assertions.extend(position_assertions(doc, ex))
    return doc


@COMPONENTS.register("rollup")
def rollup_component(doc: ArticleDoc, ex: "Extractor") -> ArticleDoc:
    from .assertions import rollup

    doc.assertions.extend(rollup(doc, ex))
    return doc


def _check_triggers(lex: Lexicon) -> None:
    """A trigger row the frames cannot read is a load error (E009), not a silent fallback."""
    from .frames import check_trigger_rows
    from .relation_schema import schemas

    for lang, rows in sorted(lex.trigger_rows.items()):
        check_trigger_rows(lang, rows, set(schemas()))


class Extractor:
    """Holds the lexicon and the corpus-wide entity registry; extracts article by article.

    >>> from kg.reader import parse_article
    >>> ex = Extractor()
    >>> art = parse_article("Việt Nam và Lào ký thỏa thuận hợp tác y tế.\\n", doc="d1")
    >>> sorted({a.predicate for a in ex.extract(art)})
    ['agreesWith', 'cooperatesWith']
    """

    def __init__(self, lex: Lexicon | None = None, *, pipeline: tuple[str, ...] = PIPELINE) -> None:
        self.lex = lex or load_lexicon()
        _check_triggers(self.lex)
        self.people = PersonIndex(self.lex.surnames)
        self.pipeline = [COMPONENTS.get(name) for name in pipeline]
        self.extra: dict[str, Entity] = {}
        self.version = EXTRACTOR

    def new_entity(self, etype: str, label: str) -> str:
        eid = f"{etype.lower()}/{slugify(label)}"
        ent = self.extra.setdefault(eid, Entity(eid, etype, label, {}, set()))
        ent.aliases.add(label)
        return eid

    def extract(self, article: Article) -> list[Assertion]:
        doc = ArticleDoc(article)
        for component in self.pipeline:
            doc = component(doc, self)
        return doc.assertions

    def entity(self, eid: str) -> Entity | None:
        if eid in self.lex.entities:
            return self.lex.entities[eid]
        if eid in self.people.people:
            return self.people.entity(eid)
        return self.extra.get(eid)

    def entities(self, ids: set[str]) -> dict[str, Entity]:
        out = {}
        for eid in sorted(ids):
            ent = self.entity(eid)
            if ent is not None:
                out[eid] = ent
        return out

