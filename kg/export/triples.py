"""The triples of :func:`kg.graph.corpus_to_dataset` as plain Python data, fast.

Building rdflib terms costs about 20 µs a triple, which on a year of news (tens
of millions of triples) is longer than the extraction. This module lays out
the same graph (same IRIs, same literals, same named graphs) with plain
strings: an IRI is a ``str``, a literal a ``(lexical form, language,
datatype IRI)`` tuple. Lexical forms of typed values come from kg.graph's own
literal helpers, so numbers and dates are spelled exactly as there.
``tests/export/test_stream.py`` checks that the two layouts stay isomorphic;
a change to kg.graph's layout must be made here too.

>>> from kg.model import Corpus, Entity
>>> corpus = Corpus(entities={"country/laos": Entity("country/laos", "Country", "Laos", {"en": "Laos"})})
>>> name, triples = next(graph_blocks(corpus))
>>> [t for t in triples if t[0].endswith("laos")][:2]   # doctest: +NORMALIZE_WHITESPACE
[('https://w3id.org/kgvn/id/country/laos', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
  'https://w3id.org/kgvn/ontology#Country'),
 ('https://w3id.org/kgvn/id/country/laos', 'http://www.w3.org/2000/01/rdf-schema#label', ('Laos', 'en', None))]
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, Union

from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .. import EXTRACTOR
from ..graph import (ATTR_TERMS, ID, SCHEMA, WIKIDATA, _LANG_TAG, _WIKIDATA_QID, MergedAssertion, article_iri,
                     assertion_id, date_literal, decimal_literal, entity_iri, extractor_iri, graph_iri,
                     merge_assertions, sentence_iri)
from ..model import Article, Assertion, Corpus, Entity
from ..ontology import KG, relation
from ..posts import post_triples
from ..text import nfc

if TYPE_CHECKING:
    from .fragments import Fragments

Lit = tuple[str, Union[str, None], Union[str, None]]     # (lexical form, language, datatype IRI)
Term = Union[str, Lit]
Triple = tuple[str, str, Term]

TYPE = str(RDF.type)
LABEL, ALT, SAME = str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs)
PROV_ENTITY, DERIVED, ATTRIBUTED = str(PROV.Entity), str(PROV.wasDerivedFrom), str(PROV.wasAttributedTo)
AGENT = str(PROV.SoftwareAgent)
TITLE, ISSUED, LANGUAGE, URL = str(DCTERMS.title), str(DCTERMS.issued), str(DCTERMS.language), str(SCHEMA.url)
BOOLEAN, INTEGER, ANY_URI = str(XSD.boolean), str(XSD.integer), str(XSD.anyURI)


def _kg(name: str) -> str:
    return str(KG.term(name))      # UnknownTermError (E004) for a term the ontology lacks


def text(value: str, lang: str | None = None) -> Lit:
    """Like kg.graph.text_literal."""
    return (nfc(value), lang if lang and _LANG_TAG.match(lang) else None, None)


def _from_rdflib(lit: Any) -> Lit:
    return (str(lit), lit.language, str(lit.datatype) if lit.datatype is not None else None)


def _scalar(value: Any) -> Lit | None:
    """Like kg.graph._scalar_literal."""
    if isinstance(value, bool):
        return ("true" if value else "false", None, BOOLEAN)
    if isinstance(value, int):
        return (str(value), None, INTEGER)
    if isinstance(value, float):
        lit = decimal_literal(value)
        return _from_rdflib(lit) if lit is not None else None
    if isinstance(value, str):
        return (nfc(value), None, None) if value.strip() else None
    return None


class Layout:
    """Makes the triples of entities, articles and assertions; caches what recurs."""

    def __init__(self, corpus_extractor: str) -> None:
        self.corpus_extractor = corpus_extractor
        self.k = {n: _kg(n) for n in ("Assertion", "subject", "predicate", "object", "modality", "confidence",
                                       "inferred", "trigger", "date", "startDate", "endDate", "quantity",
                                       "Quantity", "amount", "unit", "quantityRole", "quantityText", "sentence",
                                       "Sentence", "text", "startOffset", "endOffset", "article", "Article",
                                       "docId", "Extractor", "version")}
        self._iris: dict[str, str] = {}
        self._extractors: dict[str, str] = {}
        self._rels: dict[str, str] = {}
        self._terms: dict[str, str] = {}
        self._attr_terms: dict[str, str | None] = {}
        # Typed values recur (confidences, dates): kg.graph spells each once, then it is looked up.
        self._decimals: dict[tuple[float, int | None], Lit | None] = {}
        self._dates: dict[str, Lit] = {}

    def decimal(self, value: float, places: int | None = None) -> Lit | None:
        key = (value, places)
        if key not in self._decimals:
            lit = decimal_literal(value, places)
            self._decimals[key] = _from_rdflib(lit) if lit is not None else None
        return self._decimals[key]

    def date(self, value: str) -> Lit:
        lit = self._dates.get(value)
        if lit is None:
            lit = self._dates[value] = _from_rdflib(date_literal(value))
        return lit

    def entity(self, eid: str) -> str:
        iri = self._iris.get(eid)
        if iri is None:
            iri = self._iris[eid] = str(entity_iri(eid))
        return iri

    def term(self, name: str) -> str:
        iri = self._terms.get(name)
        if iri is None:
            iri = self._terms[name] = _kg(name)
        return iri

    def extractor(self, out: list[Triple], name: str) -> str:
        """The extractor's node; its description goes to ``out`` the first time only."""
        node = self._extractors.get(name)
        if node is not None:
            return node
        node = self._extractors[name] = str(extractor_iri(name))
        label = name or EXTRACTOR
        out += [(node, TYPE, self.k["Extractor"]), (node, TYPE, AGENT), (node, LABEL, text(label)),
                (node, self.k["version"], text(label.rsplit("/", 1)[-1]))]
        return node

    def entity_triples(self, out: list[Triple], e: Entity) -> None:
        node = self.entity(e.id)
        out.append((node, TYPE, self.term(e.type)))
        labels = {nfc(v) for v in e.labels.values()}
        for lang, label in sorted(e.labels.items()):
            if label:
                out.append((node, LABEL, text(label, lang)))
        if e.label and nfc(e.label) not in labels:
            out.append((node, LABEL, text(e.label)))
        for alias in sorted(e.aliases):
            if alias:
                out.append((node, ALT, text(alias)))
        if e.wikidata and _WIKIDATA_QID.match(e.wikidata.strip()):
            out.append((node, SAME, WIKIDATA + e.wikidata.strip()))

    def article(self, out: list[Triple], article: Article | None, doc: str) -> str:
        node = str(article_iri(doc))
        out += [(node, TYPE, self.k["Article"]), (node, TYPE, PROV_ENTITY), (node, self.k["docId"], text(doc))]
        if article is None:
            return node
        if article.url:
            out.append((node, URL, (nfc(article.url), None, ANY_URI)))
        if article.title:
            out.append((node, TITLE, text(article.title, article.lang)))
        if article.date:
            out.append((node, ISSUED, self.date(article.date)))
        if article.lang:
            out.append((node, LANGUAGE, text(article.lang)))
        return node

    def _relation(self, name: str) -> str:
        iri = self._rels.get(name)
        if iri is None:
            iri = self._rels[name] = str(relation(name).iri)     # UnknownRelationError for bad names
        return iri

    def _attr_term(self, key: str) -> str | None:
        if key not in self._attr_terms:
            try:
                self._attr_terms[key] = _kg(ATTR_TERMS[key])
            except (KeyError, AttributeError):
                self._attr_terms[key] = None                     # not in the ontology: JSONL only
        return self._attr_terms[key]

    def assertion(self, out: list[Triple], m: MergedAssertion, article: str, default: list[Triple]) -> None:
        k, a = self.k, m.first
        node = f"{ID}assertion/{assertion_id(a)}"
        subj, obj, rel = self.entity(a.subject), self.entity(a.object), self._relation(a.predicate)
        out += [(node, TYPE, k["Assertion"]), (node, k["subject"], subj), (node, k["predicate"], rel),
                (node, k["object"], obj), (node, k["modality"], self.term(a.modality))]
        conf = self.decimal(m.confidence, 3)
        if conf is not None:
            out.append((node, k["confidence"], conf))
        out.append((node, k["inferred"], ("true" if m.inferred else "false", None, BOOLEAN)))
        for trigger in m.values("trigger"):
            out.append((node, k["trigger"], text(trigger)))
        for name, term in (("date", "date"), ("start", "startDate"), ("end", "endDate")):
            if value := m.best(name):
                out.append((node, k[term], self.date(value)))
        for key, values in m.attrs().items():
            if (term := self._attr_term(key)) is not None:
                for v in values:
                    if (lit := _scalar(v)) is not None:
                        out.append((node, term, lit))
        for i, q in enumerate(m.quantities()):
            qn = f"{node}/q{i}"
            out += [(node, k["quantity"], qn), (qn, TYPE, k["Quantity"])]
            if (amount := self.decimal(q.amount)) is not None:
                out.append((qn, k["amount"], amount))
            out += [(qn, k["unit"], text(q.unit)), (qn, k["quantityRole"], text(q.role))]
            if q.text:
                out.append((qn, k["quantityText"], text(q.text)))
        for start, end, sentence in m.sentences():
            sn = str(sentence_iri(a.doc, start, end))
            out += [(node, k["sentence"], sn), (sn, TYPE, k["Sentence"]), (sn, TYPE, PROV_ENTITY),
                    (sn, k["text"], text(sentence)), (sn, k["startOffset"], (str(int(start)), None, INTEGER)),
                    (sn, k["endOffset"], (str(int(end)), None, INTEGER)), (sn, k["article"], article)]
        out.append((node, DERIVED, article))
        for name in dict.fromkeys(r.extractor or self.corpus_extractor for r in m.records):
            out.append((node, ATTRIBUTED, self.extractor(default, name)))
        if a.modality == "asserted":
            out.append((subj, rel, obj))


def _unique(triples: list[Triple]) -> list[Triple]:
    return list(dict.fromkeys(triples))      # a graph is a set: each triple once, first-seen order


T = TypeVar("T")


def cached_blocks(corpus: Corpus, fmt: str, render: Callable[[str, list[Triple]], T],
                  shape: Any) -> Iterator[tuple[str | None, list[Triple] | T]]:
    """:func:`graph_blocks` with each article graph rendered by ``render(graph IRI, triples)``
    (default-graph blocks are given as triples): ``(None, triples)`` or ``(graph IRI, rendered)``.

    With a fragment cache (:func:`kg.export.fragments.current`), an article
    whose key is unchanged is neither laid out nor rendered: its rendering
    comes from the cache. What an article graph adds to the default graph (the
    description of an extractor other than the corpus's) is replayed from
    the cached names, so the last default block is the same too. ``shape``
    is the type of what ``render`` returns (:mod:`kg.plain` checks cached
    parts against it).
    """
    from .fragments import current

    return _blocks(corpus, current(), fmt, render, shape)


def _blocks(corpus: Corpus, frags: Fragments | None, fmt: str, render: Callable[[str, list[Triple]], T],
            shape: Any = None) -> Iterator[tuple[str | None, list[Triple] | T]]:
    extractor = corpus.extractor or EXTRACTOR
    layout = Layout(extractor)
    default = _default_triples(layout, corpus)
    seen_default = dict.fromkeys(default)
    yield None, list(seen_default)

    articles, by_doc = _by_doc(corpus)
    late: list[Triple] = []
    for doc in dict.fromkeys([*articles, *by_doc]):
        key = frags.key(fmt, doc) if frags is not None else ""
        hit = frags.get(fmt, key, tuple[shape, list[str]]) if frags is not None else None
        if hit is not None:
            value, extractors = hit
            for name in extractors:
                layout.extractor(late, name)
        else:
            out: list[Triple] = []
            art = layout.article(out, articles.get(doc), doc)
            merged = merge_assertions(by_doc.get(doc, []))
            for m in merged:
                layout.assertion(out, m, art, late)
            value = render(str(graph_iri(doc)), _unique(out))
            if frags is not None:
                # The extractors the article named, in the order layout.assertion met them.
                names = list(dict.fromkeys(r.extractor or extractor for m in merged for r in m.records))
                frags.put(fmt, key, (value, names), tuple[shape, list[str]])
        yield str(graph_iri(doc)), value
    late = [t for t in late if t not in seen_default]
    if late:
        yield None, late


def _default_triples(layout: Layout, corpus: Corpus) -> list[Triple]:
    default: list[Triple] = []
    layout.extractor(default, layout.corpus_extractor)
    for e in sorted(corpus.entities.values(), key=lambda e: e.id):
        layout.entity_triples(default, e)
    default += post_triples(corpus, layout.entity)      # the same as kg.graph.corpus_to_dataset
    return default


def _by_doc(corpus: Corpus) -> tuple[dict[str, Article], dict[str, list[Assertion]]]:
    articles = {a.doc: a for a in corpus.articles}
    by_doc: dict[str, list[Assertion]] = {}
    for a in corpus.assertions:
        by_doc.setdefault(a.doc, []).append(a)
    return articles, by_doc


def graph_blocks(corpus: Corpus) -> Iterator[tuple[str | None, list[Triple]]]:
    """(graph IRI, or None for the default graph; its triples), one article graph at a time.

    The same loop as :func:`kg.graph.corpus_to_dataset`. Default-graph triples
    met while laying out the article graphs (another extractor's description)
    come in a last default block.
    """
    return _blocks(corpus, None, "", lambda name, triples: triples)
