"""Article → assertions: kg's spaCy pipeline (:mod:`kg.extract.nlp`) bound to a corpus-wide extractor.

The :class:`Extractor` holds what outlives one article: the lexicons, the
person index that resolves people across articles, and the organisations
found in text. Its ``nlp`` is the spaCy ``Language`` whose components do the
work; :meth:`Extractor.extract` and the builds (in process, in worker
processes or on Dask) all run those components through :func:`kg.extract.nlp.run`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import EXTRACTOR
from .coref import PersonIndex
from .lexicon import Lexicon, load_lexicon
from ..model import Article, Assertion, Entity
from ..lang.text import slugify

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _check_triggers(lex: Lexicon) -> None:
    """A trigger row the frames cannot read is a load error (E009), not a silent fallback."""
    from .frames import check_trigger_rows
    from .schema import schemas

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

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or load_lexicon()
        _check_triggers(self.lex)
        self.people = PersonIndex(self.lex.surnames)
        self.extra: dict[str, Entity] = {}
        self.version = EXTRACTOR
        self._nlp: Language | None = None

    @property
    def nlp(self) -> "Language":
        """The spaCy pipeline bound to this extractor (built on first use)."""
        if self._nlp is None:
            from .nlp import load

            self._nlp = load(self)
        return self._nlp

    def new_entity(self, etype: str, label: str) -> str:
        eid = f"{etype.lower()}/{slugify(label)}"
        ent = self.extra.setdefault(eid, Entity(eid, etype, label, {}, set()))
        ent.aliases.add(label)
        return eid

    def doc(self, article: Article) -> "Doc":
        """The article's ``Doc`` after every component."""
        from .doc import PIPELINE, article_doc
        from .nlp import run

        return run(self.nlp, article_doc(self, article), PIPELINE)

    def extract(self, article: Article) -> list[Assertion]:
        return self.doc(article)._.assertions

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
