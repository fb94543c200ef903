"""kg's RDF layout: the one place that maps a :class:`~kg.model.Corpus` to triples.

* default graph: entities (types, labels, aliases, ``owl:sameAs`` Wikidata, ``kg:source``),
  the extractor (``prov:SoftwareAgent``) and the offices held as W3C
  ``org:Post`` of a country or organisation (paired by :mod:`kg.rdf.posts`);
* one named graph per article (``kgid:graph/<doc>``): the article, its
  sentences, the reified assertions (``kg:Assertion``) with their provenance
  and, for ``asserted`` statements only, the direct triple ``s kg:rel o``.

No blank nodes are produced (quantities get IRIs derived from their
assertion), so serialisations round-trip to isomorphic graphs and nodes can be
linked to from outside. Terms are pyoxigraph's (:mod:`kg.rdf.formats` writes
them; :mod:`kg.rdf.read` reads the files back with the names defined here).

>>> from kg.model import Corpus, Entity
>>> corpus = Corpus(entities={"country/laos": Entity("country/laos", "Country", "Laos", {"en": "Laos"})})
>>> for q in default_quads(Layout(""), corpus):
...     if "laos" in q.subject.value: print(q.predicate, q.object)
<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kgvn/ontology#Country>
<http://www.w3.org/2000/01/rdf-schema#label> "Laos"@en
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .. import EXTRACTOR
from ..model import Article, Assertion, Corpus, Entity
from .posts import posts
from ..lang.text import nfc
from .merge import MergedAssertion, assertion_id, merge_assertions
from .literals import XSD, date_literal, decimal_literal, scalar_literal, text_literal
from .ontology import ID, KG, NS, relation

# Namespaces of the terms kg writes (the prefixes of the Turtle and TriG outputs).
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
WIKIDATA = "http://www.wikidata.org/entity/"
ORG = "http://www.w3.org/ns/org#"
PREFIXES: dict[str, str] = {
    "kg": NS, "kgid": ID, "prov": PROV, "dcterms": DCTERMS, "schema": SCHEMA, "skos": SKOS,
    "owl": OWL, "xsd": XSD, "rdfs": RDFS, "org": ORG,
}

# Assertion.attrs keys that have an ontology property. Other keys are not put
# into RDF (the ontology is closed: we only emit declared terms); they survive
# in the JSONL export. A term missing from the ontology just skips that attribute.
ATTR_TERMS: dict[str, str] = {"level": "partnershipLevel", "period": "period"}

_WIKIDATA_QID = re.compile(r"^Q[1-9][0-9]*$")

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
    return _sentence_iri(_doc(doc), start, end)


def _sentence_iri(encoded_doc: str, start: int, end: int) -> str:
    return f"{ID}sentence/{encoded_doc}/{int(start)}-{int(end)}"


def extractor_iri(extractor: str) -> str:
    return ID + "extractor/" + _enc(extractor or EXTRACTOR, "/")


def assertion_iri(a: Assertion) -> str:
    return f"{ID}assertion/{assertion_id(a)}"


# Subjects that belong to one article graph (its article, sentences, assertions
# and their quantities); any other subject there (an entity) may recur in other articles.
ARTICLE_LOCAL = tuple(ID + kind for kind in ("article/", "sentence/", "assertion/"))


# ------------------------------------------------------------------------ layout
@dataclass
class ArticleGraph:
    """The named graph of one article.

    ``local``: the quads about the article, its sentences, assertions and
    quantities (nothing else names them), in ``graph`` (the article's graph, or
    the default graph for the formats that merge all graphs, which may take them
    as triples: :func:`kg.rdf.formats.write_many`); ``shared``: the
    direct ``s kg:rel o`` triples of its asserted facts, which other articles
    may state too; ``extractors``: the extractors its assertions name
    (described in the default graph).
    """

    name: NamedNode
    graph: NamedNode | None             # None: the default graph
    local: list[Quad] = field(default_factory=list)
    shared: list[tuple[NamedNode, NamedNode, NamedNode]] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)


# Terms the layout writes, by short name (kg: terms by their local name).
_TERMS = {"type": RDF + "type", "label": RDFS + "label", "altLabel": SKOS + "altLabel", "sameAs": OWL + "sameAs",
          "prov:Entity": PROV + "Entity", "SoftwareAgent": PROV + "SoftwareAgent",
          "wasDerivedFrom": PROV + "wasDerivedFrom", "wasAttributedTo": PROV + "wasAttributedTo",
          "url": SCHEMA + "url", "title": DCTERMS + "title", "issued": DCTERMS + "issued",
          "language": DCTERMS + "language", "anyURI": XSD + "anyURI",
          **{f"org:{n}": ORG + n for n in ("Post", "role", "postIn", "heldBy", "holds")}}
_KG_TERMS = ("Assertion", "subject", "predicate", "object", "modality", "confidence", "inferred", "trigger", "date",
             "startDate", "endDate", "quantity", "Quantity", "amount", "unit", "quantityRole", "quantityText",
             "sentence", "Sentence", "text", "startOffset", "endOffset", "article", "Article", "docId",
             "Extractor", "version")


class Layout:
    """Makes the quads of entities, articles and assertions; caches the terms that recur."""

    def __init__(self, corpus_extractor: str) -> None:
        self.corpus_extractor = corpus_extractor or EXTRACTOR
        self.t: dict[str, Any] = {k: NamedNode(v) for k, v in _TERMS.items()}
        self.t.update((k, NamedNode(str(KG.term(k)))) for k in _KG_TERMS)    # E004 for a term the ontology lacks
        self.t.update(true=Literal(True), false=Literal(False))
        self.default = None     # the default graph (pyoxigraph makes a Quad faster with None than with DefaultGraph())
        self._nodes: dict[str, NamedNode] = {}
        self._literals: dict[tuple[str, Any], Literal | None] = {}
        self._attr_terms: dict[str, NamedNode | None] = {}
        self._doc = ("", "")
        self._texts: dict[str, Literal] = {}
        self.described: set[str] = set()        # extractors whose description was made

    def node(self, iri: str) -> NamedNode:
        """The node of an IRI that recurs (terms, entities); cached."""
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = NamedNode(iri)
        return found

    def kg(self, name: str) -> NamedNode:
        found = self.t.get(name)
        if found is None:
            found = self.t[name] = NamedNode(str(KG.term(name)))      # E004 for a term the ontology lacks
        return found

    def entity_node(self, entity_id: str) -> NamedNode:
        found = self._nodes.get(entity_id)
        if found is None:
            found = self._nodes[entity_id] = self.node(entity_iri(entity_id))
        return found

    def extractor_node(self, name: str) -> NamedNode:
        key = "extractor:" + name
        found = self._nodes.get(key)
        if found is None:
            found = self._nodes[key] = self.node(extractor_iri(name))
        return found

    def relation(self, name: str) -> NamedNode:
        key = "relation:" + name
        found = self._nodes.get(key)
        if found is None:
            found = self._nodes[key] = NamedNode(str(relation(name).iri))    # UnknownRelationError
        return found

    def _encoded_doc(self, doc: str) -> str:
        """The doc as it is spelled in IRIs; the last one is kept (an article's assertions come together)."""
        if self._doc[0] != doc:
            self._doc = (doc, _doc(doc))
        return self._doc[1]

    def text(self, value: str) -> Literal:
        """An untagged string that recurs (triggers, units, roles); cached."""
        found = self._texts.get(value)
        if found is None:
            found = self._texts[value] = text_literal(value)
        return found

    def _cached(self, kind: str, value: Any, make: Any) -> Any:
        key = (kind, value)
        if key not in self._literals:
            self._literals[key] = make()
        return self._literals[key]

    def extractor(self, name: str) -> list[Quad]:
        """The description of an extractor (default graph), the first time it is asked for; else []."""
        name = name or self.corpus_extractor
        if name in self.described:
            return []
        self.described.add(name)
        return self.describe_extractor(name)

    def describe_extractor(self, name: str) -> list[Quad]:
        """The description of an extractor (default graph), every time."""
        t, g, node = self.t, self.default, self.extractor_node(name)
        return [Quad(node, t["type"], t["Extractor"], g), Quad(node, t["type"], t["SoftwareAgent"], g),
                Quad(node, t["label"], text_literal(name), g),
                Quad(node, t["version"], text_literal(name.rsplit("/", 1)[-1]), g)]

    def entity(self, out: list[Quad], e: Entity) -> None:
        t, g, node = self.t, self.default, self.entity_node(e.id)
        out.append(Quad(node, t["type"], self.kg(e.type), g))
        labels = {nfc(v) for v in e.labels.values()}
        for lang, text in sorted(e.labels.items()):
            if text:
                out.append(Quad(node, t["label"], text_literal(text, lang), g))
        if e.label and nfc(e.label) not in labels:
            # The preferred label's language is not recorded: keep it untagged.
            out.append(Quad(node, t["label"], text_literal(e.label), g))
        for alias in sorted(e.aliases):
            if alias:
                out.append(Quad(node, t["altLabel"], text_literal(alias), g))
        if e.wikidata and _WIKIDATA_QID.match(e.wikidata.strip()):
            out.append(Quad(node, t["sameAs"], self.node(WIKIDATA + e.wikidata.strip()), g))
        if e.source:        # where kg knows it from: the built-in lexicon, a user lexicon, the text
            out.append(Quad(node, self.kg("source"), self.text(e.source), g))
        if e.lexicon_file:
            out.append(Quad(node, self.kg("lexiconFile"), self.text(e.lexicon_file), g))

    def posts(self, out: list[Quad], corpus: Corpus) -> None:
        """Each office tied to what its holder represents, as a post of it:
        ``kgid:post/prime-minister/country/vietnam a org:Post``. An office tied to nothing known has none."""
        t, g = self.t, self.default
        for p in posts(corpus):
            if p.of is None:
                continue
            node = self.node(entity_iri(f"post/{p.position.split('/', 1)[-1]}/{p.of}"))
            person = self.entity_node(p.person)
            out += [Quad(node, t["type"], t["org:Post"], g), Quad(node, t["org:role"], self.entity_node(p.position), g),
                    Quad(node, t["org:postIn"], self.entity_node(p.of), g), Quad(node, t["org:heldBy"], person, g)]
            out += [Quad(node, t["label"], text_literal(p.labels[lang], lang), g) for lang in ("en", "vi")]
            out.append(Quad(person, t["org:holds"], node, g))

    def article(self, doc: str, article: Article | None, assertions: list[Assertion], *,
                merged: bool = False) -> ArticleGraph:
        """The graph of one doc; ``merged``: its quads in the default graph (Turtle, N-Triples)."""
        name = NamedNode(graph_iri(doc))
        graph = ArticleGraph(name, self.default if merged else name)
        t, g, out = self.t, graph.graph, graph.local
        node = NamedNode(article_iri(doc))
        out += [Quad(node, t["type"], t["Article"], g), Quad(node, t["type"], t["prov:Entity"], g),
                Quad(node, t["docId"], text_literal(doc), g)]
        if article is not None:
            if article.url:
                out.append(Quad(node, t["url"], Literal(nfc(article.url), datatype=t["anyURI"]), g))
            if article.title:
                out.append(Quad(node, t["title"], text_literal(article.title, article.lang), g))
            if article.date:
                out.append(Quad(node, t["issued"], self._cached("date", article.date,
                                                                lambda: date_literal(article.date)), g))
            if article.lang:
                out.append(Quad(node, t["language"], text_literal(article.lang), g))
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
        t, g, a, out = self.t, graph.graph, m.first, graph.local
        node = NamedNode(f"{ID}assertion/{m.id}")
        subj, obj, rel = self.entity_node(a.subject), self.entity_node(a.object), self.relation(a.predicate)
        out += [Quad(node, t["type"], t["Assertion"], g), Quad(node, t["subject"], subj, g),
                Quad(node, t["predicate"], rel, g), Quad(node, t["object"], obj, g),
                Quad(node, t["modality"], self.kg(a.modality), g)]
        conf = self._cached("confidence", m.confidence, lambda: decimal_literal(m.confidence, 3))
        if conf is not None:
            out.append(Quad(node, t["confidence"], conf, g))
        out.append(Quad(node, t["inferred"], t["true" if m.inferred else "false"], g))
        out += [Quad(node, t["trigger"], self.text(x), g) for x in m.values("trigger")]
        for name, term in (("date", "date"), ("start", "startDate"), ("end", "endDate")):
            if value := m.best(name):
                out.append(Quad(node, t[term], self._cached("date", value, lambda: date_literal(value)), g))
        for key, values in m.attrs().items():
            if (term := self._attr_term(key)) is not None:
                lits = dict.fromkeys(lit for v in values if (lit := scalar_literal(v)) is not None)
                out += [Quad(node, term, lit, g) for lit in lits]
        quantities = [(NamedNode(f"{node.value}/q{i}"), q) for i, q in enumerate(m.quantities())]
        out += [Quad(node, t["quantity"], qn, g) for qn, _ in quantities]
        doc = self._encoded_doc(a.doc)
        said = [(NamedNode(_sentence_iri(doc, start, end)), start, end, text) for start, end, text in m.sentences()]
        out += [Quad(node, t["sentence"], sn, g) for sn, *_ in said]
        out.append(Quad(node, t["wasDerivedFrom"], article, g))
        names = list(dict.fromkeys(r.extractor or self.corpus_extractor for r in m.records))
        out += [Quad(node, t["wasAttributedTo"], self.extractor_node(n), g) for n in names]
        graph.extractors += [n for n in names if n not in graph.extractors]
        for qn, q in quantities:
            out.append(Quad(qn, t["type"], t["Quantity"], g))
            if (amount := decimal_literal(q.amount)) is not None:
                out.append(Quad(qn, t["amount"], amount, g))
            out += [Quad(qn, t["unit"], self.text(q.unit), g), Quad(qn, t["quantityRole"], self.text(q.role), g)]
            if q.text:
                out.append(Quad(qn, t["quantityText"], text_literal(q.text), g))
        for sn, start, end, text in said:
            key = sn.value
            if (key, "") not in sentences:     # a sentence once per article: several assertions are read in it
                sentences.add((key, ""))
                out += [Quad(sn, t["type"], t["Sentence"], g), Quad(sn, t["type"], t["prov:Entity"], g),
                        Quad(sn, t["startOffset"], Literal(int(start)), g),
                        Quad(sn, t["endOffset"], Literal(int(end)), g), Quad(sn, t["article"], article, g)]
            if (key, text) not in sentences:
                sentences.add((key, text))
                out.append(Quad(sn, t["text"], text_literal(text), g))
        if a.modality == "asserted":
            # Only what the article states as fact becomes a plain triple; requested,
            # planned, agreed and negated statements live on the reified node only.
            graph.shared.append((subj, rel, obj))


# ------------------------------------------------------------------- the corpus
def default_quads(layout: Layout, corpus: Corpus) -> list[Quad]:
    """The default graph as far as the corpus itself gives it: its extractor, the entities by id, the posts."""
    out = layout.extractor(layout.corpus_extractor)
    for e in sorted(corpus.entities.values(), key=lambda e: e.id):
        layout.entity(out, e)
    layout.posts(out, corpus)
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
    layout = Layout(corpus.extractor)
    yield from default_quads(layout, corpus)
    late: list[Quad] = []
    for doc, article, assertions in docs(corpus):
        graph = layout.article(doc, article, assertions)
        yield from graph.local
        yield from (Quad(s, p, o, graph.name) for s, p, o in graph.shared)
        for name in graph.extractors:
            late += layout.extractor(name)
    yield from late


__all__ = ["ARTICLE_LOCAL", "ATTR_TERMS", "ArticleGraph", "Layout", "ORG", "PREFIXES", "SCHEMA", "WIKIDATA",
           "article_iri", "assertion_iri", "corpus_quads", "date_literal", "decimal_literal", "default_quads",
           "docs", "entity_iri", "extractor_iri", "graph_iri", "scalar_literal", "sentence_iri", "text_literal"]
