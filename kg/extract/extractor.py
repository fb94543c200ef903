"""Article → assertions: kg's spaCy pipeline (:mod:`kg.extract.nlp`) bound to a corpus-wide extractor.

The :class:`Extractor` holds what outlives one article: the lexicons, the
person index that resolves people across articles, and the organisations
found in text. Its ``nlp`` is the spaCy ``Language`` whose components do the
work; :meth:`Extractor.extract` and the builds (in process, in worker
processes or on Dask) all run those components through :func:`kg.extract.nlp.run`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .. import EXTRACTOR
from .people import PersonIndex
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
        self.people.steer(self.lex)
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
        ent = self.extra.setdefault(eid, Entity(eid, etype, label, {}, set(), source="text"))
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
        known = self.lex.entities.get(eid)
        if eid in self.people.people:
            found = self.people.entity(eid)
            # a person of a user lexicon keeps the user's id, labels and Wikidata link
            return found if known is None else replace(known, aliases=known.aliases | found.aliases)
        return known if known is not None else self.extra.get(eid)

    def resolve_name(self, name: str) -> str | None:
        """The id a name or id of a merge decision stands for in this corpus, if any."""
        from .user_apply import known_ids
        from .user_lexicon import is_entity_id

        if is_entity_id(name):
            return name
        person = self.people.find(name)
        if person is not None:
            return person.id
        for etype in ("Country", "Organization", "Vaccine", "Position"):
            found = known_ids(self.lex, name, etype) or [i for i in [f"{etype.lower()}/{slugify(name)}"] if i in self.extra]
            if found:
                return found[0]
        return None

    def merged_ids(self) -> dict[str, str]:
        """id -> the id the user's ``same_as`` decisions make it (empty without any)."""
        from .user_apply import merged_ids

        return merged_ids(self.lex.same_as, self.resolve_name) if self.lex.same_as else {}

    def entities(self, ids: set[str]) -> dict[str, Entity]:
        out = {}
        for eid in sorted(ids):
            ent = self.entity(eid)
            if ent is not None:
                out[eid] = ent
        return out
