"""kg.rdf.layout: the RDF dataset built from a Corpus, and the same triples as before the layout moved here."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import UnknownRelationError
from kg.model import Assertion, Corpus, Entity
from kg.rdf import layout
from kg.rdf.layout import corpus_quads, date_literal, decimal_literal, sentence_iri
from kg.rdf.ontology import ID, KG
from kg.rdf.read import to_rdflib

DATA = Path(__file__).resolve().parents[1] / "data" / "rdf"


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(layout.entity_iri(entity_id))


def article_iri(doc: str) -> URIRef:
    return URIRef(layout.article_iri(doc))


def graph_iri(doc: str) -> URIRef:
    return URIRef(layout.graph_iri(doc))


def assertion_iri(a: Assertion) -> URIRef:
    return URIRef(layout.assertion_iri(a))


def corpus_to_dataset(corpus: Corpus) -> Dataset:
    return to_rdflib(corpus_quads(corpus))


def default_graph(ds: Dataset) -> Graph:
    graph = getattr(ds, "default_graph", None)
    return graph if isinstance(graph, Graph) else ds.default_context


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


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


@pytest.mark.parametrize("value, lexical, datatype", [
    ("2021-03-05", "2021-03-05", XSD.date), ("2021-02-30", "2021-02-30", XSD.string),   # not a real date: untyped
    ("2021", "2021", XSD.gYear), ("2021-07", "2021-07", XSD.gYearMonth), ("--07-14", "--07-14", XSD.gMonthDay),
    (" 2021-Q3 ", "2021-Q3", XSD.string)])
def test_date_literal(value, lexical, datatype):
    lit = date_literal(value)
    assert (lit.value, lit.datatype.value) == (lexical, str(datatype))


@pytest.mark.parametrize("value, places, lexical", [
    (1e16, None, "10000000000000000"), (2.6e9, None, "2600000000.0"), (0.12345, 3, "0.123"), (0.9, 3, "0.9")])
def test_decimal_literal(value, places, lexical):
    lit = decimal_literal(value, places)
    assert (lit.value, lit.datatype.value) == (lexical, str(XSD.decimal))


def test_decimal_literal_has_no_nan():
    assert decimal_literal(float("nan")) is None and decimal_literal(float("inf")) is None


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
    assert URIRef(sentence_iri(doc, 1, 2)).rsplit("/", 1)[0] == f"{ID}sentence/" + str(graph_iri(doc)).rsplit("/", 1)[1]


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


# --------------------------------------------------------------- the same triples as before
def _golden(name: str) -> Dataset:
    """The stored quads, language tags in lower case: RDF compares tags case-insensitively,
    and pyoxigraph writes them in lower case where rdflib kept "VI"."""
    read = Dataset()
    read.parse(DATA / f"{name}.nq", format="nquads")
    ds = Dataset()
    for s, p, o, g in read.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        ds.graph(g.identifier if isinstance(g, Graph) else g).add((s, p, o))
    return ds


@pytest.mark.parametrize("name", ["corpus", "edge_cases"])
def test_the_layout_makes_the_triples_it_always_made(corpus, name):
    """tests/data/rdf/*.nq hold the quads the layout made before it moved to kg.rdf (written by
    rdflib from the old kg.graph): every named graph must stay isomorphic to them. A deliberate
    change of the layout regenerates these files."""
    from edge_cases import edge_cases

    ours = corpus_to_dataset(edge_cases(corpus) if name == "edge_cases" else corpus)
    golden = _golden(name)
    names = {g.identifier for g in golden.graphs() if len(g)}
    assert {g.identifier for g in ours.graphs() if len(g)} == names
    for graph in names:
        assert isomorphic(ours.graph(graph), golden.graph(graph)), graph
    assert len(union_graph(ours)) == len(union_graph(golden)) > 140
