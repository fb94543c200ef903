"""Build the RDF dataset and the property graph from a :class:`~kg.model.Corpus`.

Layout of :func:`corpus_to_dataset`:

* default graph: entities (types, labels, aliases, ``owl:sameAs`` Wikidata) and
  the extractor (``prov:SoftwareAgent``);
* one named graph per article (``kgid:graph/<doc>``): the article, its
  sentences, the reified assertions (``kg:Assertion``) with their provenance
  and, for ``asserted`` statements only, the direct triple ``s kg:rel o``.

No blank nodes are produced (quantities get IRIs derived from their
assertion), so serialisations round-trip to isomorphic graphs by plain set
comparison and nodes can be linked to from outside.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import networkx as nx
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import EXTRACTOR
from .model import Article, Assertion, Corpus, Entity, Quantity
from .ontology import ID, KG, relation
from .posts import post_triples
from .text import nfc

SCHEMA = Namespace("https://schema.org/")
WIKIDATA = "http://www.wikidata.org/entity/"

# Prefixes bound on every graph we build; exporters reuse them (e.g. JSON-LD context).
PREFIXES: dict[str, str] = {
    "kg": str(KG), "kgid": ID, "prov": str(PROV), "dcterms": str(DCTERMS),
    "schema": str(SCHEMA), "skos": str(SKOS), "owl": str(OWL), "xsd": str(XSD),
    "rdfs": str(RDFS), "org": "http://www.w3.org/ns/org#",
}

# Assertion.attrs keys that have an ontology property. Other keys are not put
# into RDF (the ontology is closed: we only emit declared terms); they survive
# in the JSONL export. Values are looked up lazily so that a term missing from
# the ontology just skips that attribute.
ATTR_TERMS: dict[str, str] = {"level": "partnershipLevel", "period": "period"}

_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_WIKIDATA_QID = re.compile(r"^Q[1-9][0-9]*$")
# Characters XML 1.0 forbids; GraphML (XML) would be unreadable with them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --------------------------------------------------------------------------- IRIs
def _enc(text: str, safe: str) -> str:
    # NFC first so that the same name typed with combining marks gives one IRI;
    # quote() then percent-encodes everything outside unreserved ASCII (spaces,
    # <>"{}|\^`, Vietnamese letters), which is always a valid IRI.
    return quote(nfc(text), safe=safe)


def entity_iri(entity_id: str) -> URIRef:
    """``kgid:country/vietnam``; '/' kept because ids are path-like by design."""
    return URIRef(ID + _enc(entity_id, "/"))


def _doc(doc: str) -> str:
    # '/' is encoded too: a doc may be a URL and is followed by more path
    # segments in sentence IRIs, which must stay unambiguous.
    return _enc(doc, "")


def article_iri(doc: str) -> URIRef:
    return URIRef(f"{ID}article/{_doc(doc)}")


def graph_iri(doc: str) -> URIRef:
    return URIRef(f"{ID}graph/{_doc(doc)}")


def sentence_iri(doc: str, start: int, end: int) -> URIRef:
    return URIRef(f"{ID}sentence/{_doc(doc)}/{int(start)}-{int(end)}")


def extractor_iri(extractor: str) -> URIRef:
    return URIRef(ID + "extractor/" + _enc(extractor or EXTRACTOR, "/"))


def assertion_id(a: Assertion) -> str:
    """Stable id of an assertion: the same fact in one article gets one id."""
    key = "|".join(nfc(part) for part in a.key())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def assertion_iri(a: Assertion) -> URIRef:
    return URIRef(f"{ID}assertion/{assertion_id(a)}")


# ----------------------------------------------------------------------- literals
def text_literal(text: str, lang: str | None = None) -> Literal:
    if lang and _LANG_TAG.match(lang):
        return Literal(nfc(text), lang=lang)
    return Literal(nfc(text))


def decimal_literal(value: float, places: int | None = None) -> Literal | None:
    """xsd:decimal in plain positional notation (never '1E+16', which is not
    a valid xsd:decimal lexical form); None for NaN/inf, which have none."""
    if not math.isfinite(value):
        return None
    if places is not None:
        value = round(value, places)
    lexical = format(Decimal(repr(float(value))), "f")
    return Literal(lexical, datatype=XSD.decimal)


def date_literal(value: str) -> Literal:
    """xsd:date for a full, valid ISO date; xsd:gYearMonth / xsd:gYear /
    xsd:gMonthDay for partial ones; otherwise an untyped string (e.g. '2021-Q3', 'spring 2021')."""
    value = nfc(value.strip())
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            _dt.date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            return Literal(value, datatype=XSD.gYearMonth)
        if re.fullmatch(r"\d{4}", value):
            return Literal(value, datatype=XSD.gYear)
        if re.fullmatch(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", value):
            return Literal(value, datatype=XSD.gMonthDay)   # a day whose year the article never gives
    except ValueError:      # e.g. 2021-02-30: keep what was written, untyped
        pass
    return Literal(value)


def _scalar_literal(value: Any) -> Literal | None:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)
    if isinstance(value, float):
        return decimal_literal(value)
    if isinstance(value, str):
        return Literal(nfc(value)) if value.strip() else None
    return None


# ---------------------------------------------------------------- merged facts
@dataclass
class MergedAssertion:
    """All records of one assertion key (doc, s, p, o, modality) in an article.

    The same fact read in several sentences becomes one node with several
    sentence links and the highest confidence; nothing else is dropped.
    """

    first: Assertion
    records: list[Assertion] = field(default_factory=list)

    @property
    def id(self) -> str:
        return assertion_id(self.first)

    @property
    def confidence(self) -> float:
        return max(r.confidence for r in self.records)

    @property
    def inferred(self) -> bool:
        # Read in at least one sentence beats "derived": the text states it.
        return all(r.inferred for r in self.records)

    def sentences(self) -> list[tuple[int, int, str]]:
        seen = {(r.sentence_start, r.sentence_end, nfc(r.sentence)) for r in self.records
                if r.sentence or r.sentence_end > r.sentence_start}
        return sorted(seen)

    def quantities(self) -> list[Quantity]:
        out: dict[tuple, Quantity] = {}
        for r in self.records:
            for q in r.quantities:
                out.setdefault((q.amount, q.unit, nfc(q.text), q.role), q)
        return list(out.values())

    def values(self, name: str) -> list[str]:
        """Distinct non-empty values of a string field, in first-seen order."""
        return list(dict.fromkeys(nfc(v) for r in self.records if (v := getattr(r, name))))

    def best(self, name: str) -> str | None:
        """The value of a single-valued field (the shapes allow one kg:date etc.)
        from the most confident record that has one; the rest stay in JSONL."""
        for r in sorted(self.records, key=lambda r: -r.confidence):    # stable: ties keep order
            if value := getattr(r, name):
                return nfc(value)
        return None

    def attrs(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for r in self.records:
            for k, v in r.attrs.items():
                for item in (v if isinstance(v, (list, tuple, set)) else [v]):
                    if item not in out.setdefault(k, []):
                        out[k].append(item)
        return out


def merge_assertions(assertions: Iterable[Assertion]) -> list[MergedAssertion]:
    """Group assertion records by key, keeping first-seen order."""
    groups: dict[tuple[str, ...], MergedAssertion] = {}
    for a in assertions:
        key = tuple(nfc(p) for p in a.key())
        groups.setdefault(key, MergedAssertion(first=a)).records.append(a)
    return list(groups.values())


# ------------------------------------------------------------------------ RDF
def bind_prefixes(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)


def _add_entity(g: Graph, e: Entity) -> None:
    node = entity_iri(e.id)
    g.add((node, RDF.type, getattr(KG, e.type)))
    labels = {nfc(v) for v in e.labels.values()}
    for lang, label in sorted(e.labels.items()):
        if label:
            g.add((node, RDFS.label, text_literal(label, lang)))
    if e.label and nfc(e.label) not in labels:
        # The preferred label's language is not recorded: keep it untagged.
        g.add((node, RDFS.label, text_literal(e.label)))
    for alias in sorted(e.aliases):
        if alias:
            g.add((node, SKOS.altLabel, text_literal(alias)))
    if e.wikidata and _WIKIDATA_QID.match(e.wikidata.strip()):
        g.add((node, OWL.sameAs, URIRef(WIKIDATA + e.wikidata.strip())))


def _add_extractor(g: Graph, extractor: str) -> URIRef:
    node = extractor_iri(extractor)
    name = extractor or EXTRACTOR
    g.add((node, RDF.type, KG.Extractor))
    g.add((node, RDF.type, PROV.SoftwareAgent))
    g.add((node, RDFS.label, text_literal(name)))
    g.add((node, KG.version, text_literal(name.rsplit("/", 1)[-1])))
    return node


def _add_article(g: Graph, article: Article | None, doc: str) -> URIRef:
    node = article_iri(doc)
    g.add((node, RDF.type, KG.Article))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, KG.docId, text_literal(doc)))
    if article is None:
        return node
    if article.url:
        g.add((node, SCHEMA.url, Literal(nfc(article.url), datatype=XSD.anyURI)))
    if article.title:
        g.add((node, DCTERMS.title, text_literal(article.title, article.lang)))
    if article.date:
        g.add((node, DCTERMS.issued, date_literal(article.date)))
    if article.lang:
        g.add((node, DCTERMS.language, text_literal(article.lang)))
    return node


def _add_assertion(g: Graph, m: MergedAssertion, article: URIRef,
                   default: Graph, corpus_extractor: str) -> None:
    a = m.first
    node = URIRef(f"{ID}assertion/{m.id}")
    subj, obj = entity_iri(a.subject), entity_iri(a.object)
    rel = relation(a.predicate).iri         # UnknownRelationError for bad names
    g.add((node, RDF.type, KG.Assertion))
    g.add((node, KG.subject, subj))
    g.add((node, KG.predicate, rel))
    g.add((node, KG.object, obj))
    g.add((node, KG.modality, getattr(KG, a.modality)))
    conf = decimal_literal(m.confidence, 3)
    if conf is not None:
        g.add((node, KG.confidence, conf))
    g.add((node, KG.inferred, Literal(m.inferred)))
    for trigger in m.values("trigger"):
        g.add((node, KG.trigger, text_literal(trigger)))
    for name, term in (("date", KG.date), ("start", KG.startDate), ("end", KG.endDate)):
        if value := m.best(name):
            g.add((node, term, date_literal(value)))
    for key, values in m.attrs().items():
        try:
            term = getattr(KG, ATTR_TERMS[key])
        except (KeyError, AttributeError):
            continue                        # not declared in the ontology: JSONL only
        for v in values:
            if (lit := _scalar_literal(v)) is not None:
                g.add((node, term, lit))
    for i, q in enumerate(m.quantities()):
        qn = URIRef(f"{node}/q{i}")
        g.add((node, KG.quantity, qn))
        g.add((qn, RDF.type, KG.Quantity))
        if (amount := decimal_literal(q.amount)) is not None:
            g.add((qn, KG.amount, amount))
        g.add((qn, KG.unit, text_literal(q.unit)))
        g.add((qn, KG.quantityRole, text_literal(q.role)))
        if q.text:
            g.add((qn, KG.quantityText, text_literal(q.text)))
    for start, end, text in m.sentences():
        sn = sentence_iri(a.doc, start, end)
        g.add((node, KG.sentence, sn))
        g.add((sn, RDF.type, KG.Sentence))
        g.add((sn, RDF.type, PROV.Entity))
        g.add((sn, KG.text, text_literal(text)))
        g.add((sn, KG.startOffset, Literal(int(start))))
        g.add((sn, KG.endOffset, Literal(int(end))))
        g.add((sn, KG.article, article))
    g.add((node, PROV.wasDerivedFrom, article))
    for name in dict.fromkeys(r.extractor or corpus_extractor for r in m.records):
        g.add((node, PROV.wasAttributedTo, _add_extractor(default, name)))
    if a.modality == "asserted":
        # Only what the article states as fact becomes a plain triple; requested,
        # planned, agreed and negated statements live on the reified node only.
        g.add((subj, rel, obj))


def corpus_to_dataset(corpus: Corpus) -> Dataset:
    """The corpus as an RDF dataset: default graph + one named graph per article."""
    ds = Dataset()
    bind_prefixes(ds)
    default = default_graph(ds)
    extractor = corpus.extractor or EXTRACTOR
    _add_extractor(default, extractor)
    for e in sorted(corpus.entities.values(), key=lambda e: e.id):
        _add_entity(default, e)
    # Offices as posts of a country or organisation (kg.posts lays them out for both writers).
    for s, p, o in post_triples(corpus, lambda eid: str(entity_iri(eid))):
        default.add((URIRef(s), URIRef(p), URIRef(o) if isinstance(o, str) else text_literal(o[0], o[1])))

    articles = {a.doc: a for a in corpus.articles}
    by_doc: dict[str, list[Assertion]] = {}
    for a in corpus.assertions:
        by_doc.setdefault(a.doc, []).append(a)
    for doc in dict.fromkeys([*articles, *by_doc]):
        g = ds.graph(graph_iri(doc))
        art = _add_article(g, articles.get(doc), doc)
        for m in merge_assertions(by_doc.get(doc, [])):
            _add_assertion(g, m, art, default, extractor)
    return ds


def default_graph(ds: Dataset) -> Graph:
    # rdflib >= 7.1 renamed default_context (now deprecated) to default_graph.
    graph = getattr(ds, "default_graph", None)
    return graph if isinstance(graph, Graph) else ds.default_context


def union_graph(ds: Dataset) -> Graph:
    """All triples of all graphs of ``ds`` in one graph (for Turtle/N-Triples)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# ------------------------------------------------------------------- networkx
def _safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", nfc(text))


def corpus_to_networkx(corpus: Corpus) -> nx.MultiDiGraph:
    """Entities as nodes, one edge per (merged) assertion keyed by its id.

    Only str/int/float/bool attribute values (never None), so that the graph
    can be written as GraphML as is; missing values are "".
    """
    G = nx.MultiDiGraph(extractor=_safe(corpus.extractor or EXTRACTOR))
    for e in corpus.entities.values():
        G.add_node(e.id, label=_safe(e.label or e.id), type=e.type,
                   label_vi=_safe(e.labels.get("vi", "")), label_en=_safe(e.labels.get("en", "")),
                   aliases=_safe(" | ".join(sorted(e.aliases))), wikidata=e.wikidata or "",
                   n_assertions=0)
    for m in merge_assertions(corpus.assertions):
        a = m.first
        for ent in (a.subject, a.object):
            if ent not in G:    # referenced but not described: keep the edge anyway
                G.add_node(ent, label=_safe(ent), type="", label_vi="", label_en="",
                           aliases="", wikidata="", n_assertions=0)
        sentences = m.sentences()
        G.add_edge(a.subject, a.object, key=m.id, relation=a.predicate, modality=a.modality,
                   confidence=float(round(m.confidence, 3)), inferred=m.inferred, doc=_safe(a.doc),
                   sentence=_safe(sentences[0][2]) if sentences else "",
                   offsets=";".join(f"{s}-{e}" for s, e, _ in sentences),
                   n_sentences=len(sentences),
                   trigger=_safe(" | ".join(m.values("trigger"))),
                   date=_safe(" | ".join(m.values("date"))),
                   start=_safe(" | ".join(m.values("start"))),
                   end=_safe(" | ".join(m.values("end"))))
        G.nodes[a.subject]["n_assertions"] += 1
        if a.object != a.subject:
            G.nodes[a.object]["n_assertions"] += 1
    return G
