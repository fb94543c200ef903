"""kg.graph: the RDF dataset and the property graph built from a Corpus."""
from __future__ import annotations

import re
import unicodedata

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import UnknownRelationError
from kg.graph import (ID, KG, article_iri, assertion_iri, corpus_to_dataset, corpus_to_networkx,
                      date_literal, decimal_literal, default_graph, entity_iri, graph_iri,
                      sentence_iri, union_graph)
from kg.model import Assertion, Entity

RU, VN = entity_iri("country/russia"), entity_iri("country/vietnam")
SON, FM = entity_iri("person/bui-thanh-son"), entity_iri("position/foreign-minister")
# Characters an IRI may never contain (RFC 3987 plus what Turtle forbids in <>).
BAD_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def _find(corpus, predicate: str):
    return next(a for a in corpus.assertions if a.predicate == predicate)


def test_named_graph_per_article_and_default_graph(corpus):
    ds = corpus_to_dataset(corpus)
    names = {g.identifier for g in ds.graphs()} - {default_graph(ds).identifier}
    assert names == {graph_iri("000_test_vi"), graph_iri("001_test_en")}
    default = default_graph(ds)
    assert (VN, RDF.type, KG.Country) in default
    assert (FM, RDF.type, KG.Position) in default
    assert (VN, RDFS.label, Literal("Việt Nam", lang="vi")) in default
    assert (SON, RDFS.label, Literal("Bui Thanh Son")) in default      # label not among labels
    assert (SON, SKOS.altLabel, Literal("Ông Sơn")) in default
    assert (VN, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q881")) in default
    ext = URIRef(ID + "extractor/kg-extractor/0.1.0")
    assert (ext, RDF.type, PROV.SoftwareAgent) in default
    assert (ext, KG.version, Literal("0.1.0")) in default
    # Entities live in the default graph only, not copied into article graphs.
    assert (VN, RDF.type, KG.Country) not in ds.graph(graph_iri("000_test_vi"))


def test_article_metadata(corpus):
    g = corpus_to_dataset(corpus).graph(graph_iri("000_test_vi"))
    art = article_iri("000_test_vi")
    assert (art, RDF.type, KG.Article) in g and (art, RDF.type, PROV.Entity) in g
    assert (art, KG.docId, Literal("000_test_vi")) in g
    assert (art, URIRef("https://schema.org/url"),
            Literal("https://example.vn/tin/viet-nam-de-nghi-nga.html", datatype=XSD.anyURI)) in g
    assert g.value(art, URIRef("http://purl.org/dc/terms/issued")) == Literal("2021-03-05", datatype=XSD.date)


def test_direct_triples_exactly_for_asserted(corpus):
    ds = corpus_to_dataset(corpus)
    relation_iris = {URIRef(str(KG) + a.predicate) for a in corpus.assertions}
    direct = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)) if p in relation_iris}
    assert direct == {
        (RU, KG.providesAidTo, VN), (SON, KG.holdsPosition, FM), (VN, KG.appealsTo, RU),
        (VN, KG.praises, RU),                       # inferred, but asserted: kept
        (VN, KG.hasPartnershipWith, RU),
    }
    # The requested technology transfer exists only as a reified assertion.
    assert (RU, KG.transfersTechnologyTo, VN) not in union_graph(ds)
    node = assertion_iri(_find(corpus, "transfersTechnologyTo"))
    g = ds.graph(graph_iri("000_test_vi"))
    assert (node, KG.modality, KG.requested) in g
    assert (node, KG.predicate, KG.transfersTechnologyTo) in g


def test_inferred_is_marked(corpus):
    g = corpus_to_dataset(corpus).graph(graph_iri("000_test_vi"))
    assert g.value(assertion_iri(_find(corpus, "praises")), KG.inferred) == Literal(True)
    assert g.value(assertion_iri(_find(corpus, "appealsTo")), KG.inferred) == Literal(False)


def test_same_fact_in_two_sentences_is_one_node(corpus):
    g = corpus_to_dataset(corpus).graph(graph_iri("000_test_vi"))
    nodes = set(g.subjects(KG.predicate, KG.providesAidTo))
    assert len(nodes) == 1
    node = nodes.pop()
    sentences = set(g.objects(node, KG.sentence))
    assert len(sentences) == 2
    assert list(g.objects(node, KG.confidence)) == [Literal("0.9", datatype=XSD.decimal)]
    assert set(g.objects(node, KG.trigger)) == {Literal("chuyển giao"), Literal("viện trợ")}
    for s in sentences:
        assert (s, RDF.type, KG.Sentence) in g
        assert g.value(s, KG.article) == article_iri("000_test_vi")
        start, end = int(g.value(s, KG.startOffset)), int(g.value(s, KG.endOffset))
        assert corpus.articles[0].text[start:end] == str(g.value(s, KG.text))
    assert (node, PROV.wasDerivedFrom, article_iri("000_test_vi")) in g


def test_quantities_dates_and_attrs(corpus):
    ds = corpus_to_dataset(corpus)
    g = ds.graph(graph_iri("000_test_vi"))
    node = assertion_iri(_find(corpus, "providesAidTo"))
    q = g.value(node, KG.quantity)
    assert q == URIRef(f"{node}/q0")                    # an IRI, no blank node
    assert g.value(q, KG.amount) == Literal("1000000.0", datatype=XSD.decimal)
    assert g.value(q, KG.unit) == Literal("dose")
    assert g.value(q, KG.quantityText) == Literal("1 triệu liều")
    assert g.value(node, KG.date) == Literal("2021-03-01", datatype=XSD.date)
    en = ds.graph(graph_iri("001_test_en"))
    part = assertion_iri(_find(corpus, "hasPartnershipWith"))
    assert en.value(part, KG.startDate) == Literal("2012-07", datatype=XSD.gYearMonth)
    assert en.value(part, KG.endDate) == Literal("2021-03-06", datatype=XSD.date)
    assert en.value(part, KG.partnershipLevel) == Literal("comprehensive strategic partnership")
    # Undeclared attribute keys ("note") are not written as RDF.
    assert not any("kept in JSONL" in str(o) for o in en.objects())
    assert not any(isinstance(t, type(None)) for t in union_graph(ds).all_nodes())


def test_literal_helpers():
    assert date_literal("2021-03-05").datatype == XSD.date
    assert date_literal("2021-02-30").datatype is None        # not a real date: kept, untyped
    assert date_literal("2021").datatype == XSD.gYear
    assert decimal_literal(1e16) == Literal("10000000000000000", datatype=XSD.decimal)
    assert str(decimal_literal(2.6e9)) == "2600000000.0"
    assert decimal_literal(0.12345, 3) == Literal("0.123", datatype=XSD.decimal)
    assert decimal_literal(float("nan")) is None


def test_weird_ids_give_valid_iris(corpus):
    weird = 'person/Nguyễn Văn "A" <x>{y}|z\\^w`%'
    doc = 'bài báo 1 <x> "q" {a}|b\\c^d/e'
    corpus.entities[weird] = Entity(weird, "Person", "Nguyễn Văn A")
    corpus.assertions.append(Assertion(doc=doc, subject=weird, predicate="visits",
                                       object="country/russia", sentence="x", sentence_start=1,
                                       sentence_end=2))
    ds = corpus_to_dataset(corpus)
    iris = [t for q in ds.quads((None, None, None, None)) for t in q if isinstance(t, URIRef)]
    assert iris and all(not BAD_IRI_CHAR.search(i) for i in iris)
    assert entity_iri(weird) in set(iris)
    # Distinct ids stay distinct, and the doc's '/' does not leak into the path.
    assert entity_iri("a b") != entity_iri("a%20b")
    assert sentence_iri(doc, 1, 2).rsplit("/", 1)[0] == f"{ID}sentence/" + str(graph_iri(doc)).rsplit("/", 1)[1]


def test_strings_are_nfc(corpus):
    nfd = unicodedata.normalize("NFD", "Việt Nam")
    corpus.entities["country/vietnam"].labels["vi"] = nfd
    corpus.assertions[0].trigger = unicodedata.normalize("NFD", "chuyển giao")
    ds = corpus_to_dataset(corpus)
    literals = [o for _, _, o, _ in ds.quads((None, None, None, None)) if isinstance(o, Literal)]
    assert all(unicodedata.is_normalized("NFC", str(lit)) for lit in literals)
    assert (VN, RDFS.label, Literal("Việt Nam", lang="vi")) in default_graph(ds)
    # NFC and NFD spellings of an id are the same entity.
    assert entity_iri(unicodedata.normalize("NFD", "person/sơn")) == entity_iri("person/sơn")


def test_unknown_relation_raises(corpus):
    corpus.assertions[0].predicate = "likes"
    with pytest.raises(UnknownRelationError):
        corpus_to_dataset(corpus)


def test_networkx_graph(corpus):
    G = corpus_to_networkx(corpus)
    assert set(G.nodes) == set(corpus.entities)
    assert G.number_of_edges() == 6                     # 7 records, one fact read twice
    vn = G.nodes["country/vietnam"]
    assert vn["label_vi"] == "Việt Nam" and vn["type"] == "Country"
    assert vn["aliases"] == "VN | Vietnam | Việt Nam"
    assert vn["n_assertions"] == 5
    aid = G.get_edge_data("country/russia", "country/vietnam",
                          key=assertion_iri(_find(corpus, "providesAidTo")).rsplit("/", 1)[1])
    assert aid["relation"] == "providesAidTo" and aid["confidence"] == 0.9
    assert aid["n_sentences"] == 2 and aid["inferred"] is False and aid["date"] == "2021-03-01"
    for _, data in [*G.nodes(data=True), *((k, d) for *_, k, d in G.edges(keys=True, data=True))]:
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data
