"""kg's RDF layout: the one place that maps a :class:`~kg.model.Corpus` to triples.

* default graph: entities (types, labels, aliases, ``owl:sameAs`` Wikidata) and
  the extractor (``prov:SoftwareAgent``);
* one named graph per article (``kgid:graph/<doc>``): the article, its
  sentences, the reified assertions (``kg:Assertion``) with their provenance
  and, for ``asserted`` statements only, the direct triple ``s kg:rel o``.

No blank nodes are produced (quantities get IRIs derived from their
assertion), so serialisations round-trip to isomorphic graphs and nodes can be
linked to from outside. Terms are pyoxigraph's (:mod:`kg.rdf.formats` writes
them; :mod:`kg.rdf.read` reads the files back with the names defined here).

>>> from kg.model import Corpus, Entity
>>> corpus = Corpus(entities={"country/laos": Entity("country/laos", "Country", "Laos", {"en": "Laos"})})
>>> for s, p, o in default_triples(Layout(""), corpus):
...     if "laos" in s.value: print(s, p, o)
<https://w3id.org/kgvn/id/country/laos> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kgvn/ontology#Country>
<https://w3id.org/kgvn/id/country/laos> <http://www.w3.org/2000/01/rdf-schema#label> "Laos"@en
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .. import EXTRACTOR
from ..model import Article, Assertion, Corpus, Entity
from ..text import nfc
from .merge import MergedAssertion, assertion_id, merge_assertions
from .ontology import ID, KG, NS, relation

# Namespaces of the terms kg writes (the prefixes of the Turtle and TriG outputs).
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
WIKIDATA = "http://www.wikidata.org/entity/"
PREFIXES: dict[str, str] = {
    "kg": NS, "kgid": ID, "prov": PROV, "dcterms": DCTERMS, "schema": SCHEMA, "skos": SKOS,
    "owl": OWL, "xsd": XSD, "rdfs": RDFS,
}

# Assertion.attrs keys that have an ontology property. Other keys are not put
# into RDF (the ontology is closed: we only emit declared terms); they survive
# in the JSONL export. A term missing from the ontology just skips that attribute.
ATTR_TERMS: dict[str, str] = {"level": "partnershipLevel", "period": "period"}

_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_WIKIDATA_QID = re.compile(r"^Q[1-9][0-9]*$")

Triple = tuple[NamedNode, NamedNode, Any]      # (subject, predicate, NamedNode or Literal)


# --------------------------------------------------------------------------- IRIs
def _enc(text: str, safe: str) -> str:
    # NFC first so that the same name typed with combining marks gives one IRI;
    # quote() then percent-encodes everything outside unreserved ASCII (spaces,
    # <>"{}|\^`, Vietnamese letters), which is always a valid IRI.
    return quote(nfc(text), safe=safe)


def entity_iri(entity_id: str) -> str:
    """``kgid:country/vietnam``; '/' kept because ids are path-like by design."""
    return ID + _enc(entity_id, "/")


def _doc(doc: str) -> str:
    # '/' is encoded too: a doc may be a URL and is followed by more path
    # segments in sentence IRIs, which must stay unambiguous.
    return _enc(doc, "")


def article_iri(doc: str) -> str:
    return f"{ID}article/{_doc(doc)}"


def graph_iri(doc: str) -> str:
    return f"{ID}graph/{_doc(doc)}"


def sentence_iri(doc: str, start: int, end: int) -> str:
    return f"{ID}sentence/{_doc(doc)}/{int(start)}-{int(end)}"


def extractor_iri(extractor: str) -> str:
    return ID + "extractor/" + _enc(extractor or EXTRACTOR, "/")


def assertion_iri(a: Assertion) -> str:
    return f"{ID}assertion/{assertion_id(a)}"


# Subjects that belong to one article graph (its article, sentences, assertions
# and their quantities); any other subject there (an entity) may recur in other articles.
ARTICLE_LOCAL = tuple(ID + kind for kind in ("article/", "sentence/", "assertion/"))


# ----------------------------------------------------------------------- literals
def text_literal(text: str, lang: str | None = None) -> Literal:
    if lang and _LANG_TAG.match(lang):
        return Literal(nfc(text), language=lang)
    return Literal(nfc(text))


def decimal_literal(value: float, places: int | None = None) -> Literal | None:
    """xsd:decimal in plain positional notation (never '1E+16', which is not
    a valid xsd:decimal lexical form); None for NaN/inf, which have none."""
    if not math.isfinite(value):
        return None
    if places is not None:
        value = round(value, places)
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=NamedNode(XSD + "decimal"))


def date_literal(value: str) -> Literal:
    """xsd:date for a full, valid ISO date; xsd:gYearMonth / xsd:gYear /
    xsd:gMonthDay for partial ones; otherwise an untyped string (e.g. '2021-Q3', 'spring 2021')."""
    value = nfc(value.strip())
    kinds = ((r"\d{4}-\d{2}-\d{2}", "date"), (r"\d{4}-(0[1-9]|1[0-2])", "gYearMonth"), (r"\d{4}", "gYear"),
             (r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", "gMonthDay"))   # a day whose year the article never gives
    for pattern, kind in kinds:
        if re.fullmatch(pattern, value):
            if kind == "date":
                try:
                    _dt.date.fromisoformat(value)
                except ValueError:          # e.g. 2021-02-30: keep what was written, untyped
                    return Literal(value)
            return Literal(value, datatype=NamedNode(XSD + kind))
    return Literal(value)


def scalar_literal(value: Any) -> Literal | None:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return decimal_literal(value)
    if isinstance(value, str):
        return Literal(nfc(value)) if value.strip() else None
    return None


# ------------------------------------------------------------------------ layout
@dataclass
class ArticleGraph:
    """The named graph of one article.

    ``local``: the triples about the article, its sentences, assertions and
    quantities (nothing else names them); ``shared``: the direct ``s kg:rel o``
    triples of its asserted facts, which other articles may state too;
    ``extractors``: the extractors its assertions name (described in the
    default graph).
    """

    name: NamedNode
    local: list[Triple] = field(default_factory=list)
    shared: list[Triple] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)


class Layout:
    """Makes the triples of entities, articles and assertions; caches the terms that recur."""

    def __init__(self, corpus_extractor: str) -> None:
        self.corpus_extractor = corpus_extractor or EXTRACTOR
        self._nodes: dict[str, NamedNode] = {}
        self._literals: dict[tuple[str, Any], Literal | None] = {}
        self._attr_terms: dict[str, NamedNode | None] = {}
        self.described: set[str] = set()        # extractors whose description was made

    def node(self, iri: str) -> NamedNode:
        """The node of an IRI that recurs (terms, entities); cached."""
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = NamedNode(iri)
        return found

    def kg(self, name: str) -> NamedNode:
        found = self._nodes.get(name)
        if found is None:
            found = self._nodes[name] = NamedNode(str(KG.term(name)))   # E004 for a term the ontology lacks
        return found

    def _cached(self, kind: str, value: Any, make: Any) -> Any:
        key = (kind, value)
        if key not in self._literals:
            self._literals[key] = make()
        return self._literals[key]

    def extractor(self, name: str) -> list[Triple]:
        """The description of an extractor, the first time it is asked for; else []."""
        name = name or self.corpus_extractor
        if name in self.described:
            return []
        self.described.add(name)
        node, a = self.node(extractor_iri(name)), self.node(RDF + "type")
        return [(node, a, self.kg("Extractor")), (node, a, self.node(PROV + "SoftwareAgent")),
                (node, self.node(RDFS + "label"), text_literal(name)),
                (node, self.kg("version"), text_literal(name.rsplit("/", 1)[-1]))]

    def entity(self, out: list[Triple], e: Entity) -> None:
        node, label = self.node(entity_iri(e.id)), self.node(RDFS + "label")
        out.append((node, self.node(RDF + "type"), self.kg(e.type)))
        labels = {nfc(v) for v in e.labels.values()}
        for lang, text in sorted(e.labels.items()):
            if text:
                out.append((node, label, text_literal(text, lang)))
        if e.label and nfc(e.label) not in labels:
            # The preferred label's language is not recorded: keep it untagged.
            out.append((node, label, text_literal(e.label)))
        for alias in sorted(e.aliases):
            if alias:
                out.append((node, self.node(SKOS + "altLabel"), text_literal(alias)))
        if e.wikidata and _WIKIDATA_QID.match(e.wikidata.strip()):
            out.append((node, self.node(OWL + "sameAs"), self.node(WIKIDATA + e.wikidata.strip())))

    def article(self, doc: str, article: Article | None, assertions: list[Assertion]) -> ArticleGraph:
        graph = ArticleGraph(NamedNode(graph_iri(doc)))
        node, a = NamedNode(article_iri(doc)), self.node(RDF + "type")
        out = graph.local
        out += [(node, a, self.kg("Article")), (node, a, self.node(PROV + "Entity")),
                (node, self.kg("docId"), text_literal(doc))]
        if article is not None:
            if article.url:
                out.append((node, self.node(SCHEMA + "url"),
                            Literal(nfc(article.url), datatype=self.node(XSD + "anyURI"))))
            if article.title:
                out.append((node, self.node(DCTERMS + "title"), text_literal(article.title, article.lang)))
            if article.date:
                out.append((node, self.node(DCTERMS + "issued"),
                            self._cached("date", article.date, lambda: date_literal(article.date))))
            if article.lang:
                out.append((node, self.node(DCTERMS + "language"), text_literal(article.lang)))
        sentences: set[tuple[str, str]] = set()
        for m in merge_assertions(assertions):
            self._assertion(graph, m, node, sentences)
        return graph

    def _attr_term(self, key: str) -> NamedNode | None:
        if key not in self._attr_terms:
            try:
                self._attr_terms[key] = self.kg(ATTR_TERMS[key])
            except (KeyError, AttributeError):
                self._attr_terms[key] = None        # not declared in the ontology: JSONL only
        return self._attr_terms[key]

    def _assertion(self, graph: ArticleGraph, m: MergedAssertion, article: NamedNode,
                   sentences: set[tuple[str, str]]) -> None:
        k, a, out = self.kg, m.first, graph.local
        node = NamedNode(f"{ID}assertion/{m.id}")
        subj, obj = self.node(entity_iri(a.subject)), self.node(entity_iri(a.object))
        rel = self.node(str(relation(a.predicate).iri))          # UnknownRelationError for bad names
        out += [(node, self.node(RDF + "type"), k("Assertion")), (node, k("subject"), subj),
                (node, k("predicate"), rel), (node, k("object"), obj), (node, k("modality"), k(a.modality))]
        conf = self._cached("confidence", m.confidence, lambda: decimal_literal(m.confidence, 3))
        if conf is not None:
            out.append((node, k("confidence"), conf))
        out.append((node, k("inferred"), Literal(m.inferred)))
        out += [(node, k("trigger"), text_literal(t)) for t in m.values("trigger")]
        for name, term in (("date", "date"), ("start", "startDate"), ("end", "endDate")):
            if value := m.best(name):
                out.append((node, k(term), self._cached("date", value, lambda: date_literal(value))))
        for key, values in m.attrs().items():
            if (term := self._attr_term(key)) is not None:
                lits = dict.fromkeys(lit for v in values if (lit := scalar_literal(v)) is not None)
                out += [(node, term, lit) for lit in lits]
        quantities = [(NamedNode(f"{node.value}/q{i}"), q) for i, q in enumerate(m.quantities())]
        out += [(node, k("quantity"), qn) for qn, _ in quantities]
        said = [(sentence_iri(a.doc, start, end), start, end, text) for start, end, text in m.sentences()]
        out += [(node, k("sentence"), NamedNode(sn)) for sn, *_ in said]
        out.append((node, self.node(PROV + "wasDerivedFrom"), article))
        names = list(dict.fromkeys(r.extractor or self.corpus_extractor for r in m.records))
        out += [(node, self.node(PROV + "wasAttributedTo"), self.node(extractor_iri(n))) for n in names]
        graph.extractors += [n for n in names if n not in graph.extractors]
        for qn, q in quantities:
            out.append((qn, self.node(RDF + "type"), k("Quantity")))
            if (amount := decimal_literal(q.amount)) is not None:
                out.append((qn, k("amount"), amount))
            out += [(qn, k("unit"), text_literal(q.unit)), (qn, k("quantityRole"), text_literal(q.role))]
            if q.text:
                out.append((qn, k("quantityText"), text_literal(q.text)))
        for sn, start, end, text in said:
            self._sentence(out, sn, start, end, text, article, sentences)
        if a.modality == "asserted":
            # Only what the article states as fact becomes a plain triple; requested,
            # planned, agreed and negated statements live on the reified node only.
            graph.shared.append((subj, rel, obj))

    def _sentence(self, out: list[Triple], sn: str, start: int, end: int, text: str, article: NamedNode,
                  seen: set[tuple[str, str]]) -> None:
        """A sentence's triples, once per article (several assertions are read in one sentence)."""
        k, node = self.kg, NamedNode(sn)
        if (sn, "") not in seen:
            seen.add((sn, ""))
            out += [(node, self.node(RDF + "type"), k("Sentence")), (node, self.node(RDF + "type"),
                                                                     self.node(PROV + "Entity")),
                    (node, k("startOffset"), Literal(int(start))), (node, k("endOffset"), Literal(int(end))),
                    (node, k("article"), article)]
        if (sn, text) not in seen:
            seen.add((sn, text))
            out.append((node, k("text"), text_literal(text)))


# ------------------------------------------------------------------- the corpus
def default_triples(layout: Layout, corpus: Corpus) -> list[Triple]:
    """The default graph as far as the corpus itself gives it: its extractor, then the entities by id."""
    out = layout.extractor(layout.corpus_extractor)
    for e in sorted(corpus.entities.values(), key=lambda e: e.id):
        layout.entity(out, e)
    return out


def docs(corpus: Corpus) -> Iterator[tuple[str, Article | None, list[Assertion]]]:
    """Each doc of the corpus (articles first, in order; last article wins), its article and assertions."""
    articles = {a.doc: a for a in corpus.articles}
    by_doc: dict[str, list[Assertion]] = {}
    for a in corpus.assertions:
        by_doc.setdefault(a.doc, []).append(a)
    for doc in dict.fromkeys([*articles, *by_doc]):
        yield doc, articles.get(doc), by_doc.get(doc, [])


def corpus_quads(corpus: Corpus) -> Iterator[Quad]:
    """The whole dataset as quads, article by article (the writers' order, uncached)."""
    from pyoxigraph import DefaultGraph

    layout, default = Layout(corpus.extractor), DefaultGraph()
    yield from (Quad(s, p, o, default) for s, p, o in default_triples(layout, corpus))
    late: list[Triple] = []
    for doc, article, assertions in docs(corpus):
        graph = layout.article(doc, article, assertions)
        yield from (Quad(s, p, o, graph.name) for s, p, o in (*graph.local, *graph.shared))
        for name in graph.extractors:
            late += layout.extractor(name)
    yield from (Quad(s, p, o, default) for s, p, o in late)


__all__ = ["ARTICLE_LOCAL", "ATTR_TERMS", "ArticleGraph", "Layout", "PREFIXES", "SCHEMA", "WIKIDATA",
           "article_iri", "assertion_iri", "corpus_quads", "date_literal", "decimal_literal", "default_triples",
           "docs", "entity_iri", "extractor_iri", "graph_iri", "scalar_literal", "sentence_iri", "text_literal"]
