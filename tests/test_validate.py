"""SHACL validation of hand-built graphs shaped like the builder's output."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.errors import GraphReadError
from kg.rdf.ontology import ID, KG, relations
from kg.rdf.validate import ValidationReport, validate_graph

SDO = "https://schema.org/"


def iri(path: str) -> URIRef:
    return URIRef(ID + path)


VN, RU = iri("country/vietnam"), iri("country/russia")
SON, FM = iri("person/bui-thanh-son"), iri("position/foreign-minister")
SPUTNIK = iri("vaccine/sputnik-v")
A1, A2, A3 = iri("assertion/a1"), iri("assertion/a2"), iri("assertion/a3")
SENT, ART = iri("sentence/000/10-80"), iri("article/000")
EXTRACTOR = iri("extractor/0.1.0")
Q = iri("quantity/q1")


def dec(x: str) -> Literal:
    return Literal(x, datatype=XSD.decimal)


def good_graph() -> Graph:
    """A small graph in the builder's shape: entities, three assertions, provenance."""
    g = Graph()
    for node, cls, label in [(VN, KG.Country, "Việt Nam"), (RU, KG.Country, "Nga"),
                             (SON, KG.Person, "Bùi Thanh Sơn"), (FM, KG.Position, "Foreign Minister"),
                             (SPUTNIK, KG.Vaccine, "Sputnik V")]:
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="vi")))
    # Direct triples of asserted facts.
    g.add((RU, KG.providesAidTo, VN))
    g.add((SON, KG.holdsPosition, FM))
    g.add((VN, KG.produces, SPUTNIK))

    for a, s, p, o, modality in [(A1, RU, KG.providesAidTo, VN, KG.asserted),
                                 (A2, SON, KG.holdsPosition, FM, KG.asserted),
                                 (A3, VN, KG.produces, SPUTNIK, KG.planned)]:
        g.add((a, RDF.type, KG.Assertion))
        g.add((a, KG.subject, s))
        g.add((a, KG.predicate, p))
        g.add((a, KG.object, o))
        g.add((a, KG.modality, modality))
        g.add((a, KG.confidence, dec("0.85")))
        g.add((a, KG.inferred, Literal(False)))
        g.add((a, KG.sentence, SENT))
        g.add((a, PROV.wasAttributedTo, EXTRACTOR))
    g.add((A1, KG.date, Literal("2021-07-08", datatype=XSD.date)))
    g.add((A1, KG.startDate, Literal("2021-07-01", datatype=XSD.date)))
    g.add((A1, KG.endDate, Literal("2021-07-31", datatype=XSD.date)))
    g.add((A1, KG.trigger, Literal("chuyển giao")))
    g.add((A1, KG.quantity, Q))
    g.add((Q, RDF.type, KG.Quantity))
    g.add((Q, KG.amount, dec("1000000")))
    g.add((Q, KG.unit, Literal("dose")))
    g.add((Q, KG.quantityText, Literal("1 triệu liều")))
    g.add((Q, KG.quantityRole, Literal("value")))

    g.add((SENT, RDF.type, KG.Sentence))
    g.add((SENT, KG.text, Literal("Nga đã chuyển giao 1 triệu liều vắc xin cho Việt Nam.")))
    g.add((SENT, KG.startOffset, Literal(10)))
    g.add((SENT, KG.endOffset, Literal(80)))
    g.add((SENT, KG.article, ART))
    g.add((ART, RDF.type, KG.Article))
    g.add((ART, KG.docId, Literal("000")))
    g.add((ART, URIRef(SDO + "url"), URIRef("https://example.org/news/1")))
    g.add((ART, DCTERMS.title, Literal("Nga hỗ trợ Việt Nam", lang="vi")))
    g.add((ART, DCTERMS.issued, Literal("2021-07-08", datatype=XSD.date)))
    g.add((EXTRACTOR, RDF.type, KG.Extractor))
    g.add((EXTRACTOR, KG.version, Literal("0.1.0")))
    return g


def write(g: Graph, tmp_path: Path, name: str = "g.ttl") -> Path:
    path = tmp_path / name
    g.serialize(path, format="turtle", encoding="utf-8")
    return path


# ---------------------------------------------------------------- conforming graphs

def test_good_graph_conforms(tmp_path: Path) -> None:
    report = validate_graph(write(good_graph(), tmp_path))
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.results
    assert report.results == [] and "Conforms: True" in report.text


def test_good_graph_conforms_with_rdfs_inference(tmp_path: Path) -> None:
    assert validate_graph(write(good_graph(), tmp_path), inference="rdfs").conforms
    # owlrl's global literal converters must not leak out of the call.
    assert not Literal("--09-25", datatype=XSD.gMonthDay).ill_typed


@pytest.mark.parametrize("start, end", [
    (Literal("2021-09", datatype=XSD.gYearMonth), Literal("2021-10", datatype=XSD.gYearMonth)),
    (Literal("2021", datatype=XSD.gYear), Literal("2021-09-28", datatype=XSD.date)),
    (Literal("--09-25", datatype=XSD.gMonthDay), Literal("--09-28", datatype=XSD.gMonthDay)),
])
def test_partial_dates_conform(tmp_path: Path, start: Literal, end: Literal) -> None:
    g = good_graph()
    _set(A1, KG.startDate, start)(g)
    _set(A1, KG.endDate, end)(g)
    report = validate_graph(write(g, tmp_path))
    assert report.conforms, report.results


@pytest.mark.parametrize("ext, fmt", [("nt", "nt"), ("jsonld", "json-ld"), ("ttl", "turtle")])
def test_triple_formats(tmp_path: Path, ext: str, fmt: str) -> None:
    path = tmp_path / f"g.{ext}"
    good_graph().serialize(path, format=fmt, encoding="utf-8")
    assert validate_graph(str(path)).conforms


def _spread_over_named_graphs(g: Graph) -> Dataset:
    # Each triple to one of three named graphs: only their union conforms.
    ds = Dataset()
    for i, triple in enumerate(sorted(g)):
        ds.graph(URIRef(f"urn:g{i % 3}")).add(triple)
    return ds


@pytest.mark.parametrize("ext, fmt", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_quad_formats_validate_the_union(tmp_path: Path, ext: str, fmt: str) -> None:
    path = tmp_path / f"g.{ext}"
    _spread_over_named_graphs(good_graph()).serialize(path, format=fmt, encoding="utf-8")
    assert validate_graph(path).conforms

    bad = good_graph()
    bad.remove((A1, KG.subject, None))
    _spread_over_named_graphs(bad).serialize(path, format=fmt, encoding="utf-8")
    assert not validate_graph(path).conforms


# ---------------------------------------------------------------- non-conforming graphs

Mutation = Callable[[Graph], None]


def _set(s: URIRef, p: URIRef, o: object) -> Mutation:
    def mutate(g: Graph) -> None:
        g.remove((s, p, None))
        if o is not None:
            g.add((s, p, o))  # type: ignore[arg-type]
    return mutate


def _add(s: URIRef, p: URIRef, o: object) -> Mutation:
    return lambda g: g.add((s, p, o))  # type: ignore[arg-type]


def _untype(s: URIRef) -> Mutation:
    return lambda g: g.remove((s, RDF.type, None))


# id: (mutation, focus node expected in a message, words expected in that message)
BROKEN: dict[str, tuple[Mutation, URIRef, str]] = {
    "missing subject": (_set(A1, KG.subject, None), A1, "kg:subject"),
    "two subjects": (_add(A1, KG.subject, VN), A1, "exactly one kg:subject"),
    "literal subject": (_set(A1, KG.subject, Literal("Nga")), A1, "kg:subject"),
    "missing object": (_set(A1, KG.object, None), A1, "kg:object"),
    "bad modality": (_set(A1, KG.modality, URIRef(KG.asserted + "X")), A1, "kg:modality"),
    "modality as string": (_set(A1, KG.modality, Literal("asserted")), A1, "kg:modality"),
    "missing modality": (_set(A1, KG.modality, None), A1, "kg:modality"),
    "unknown predicate IRI": (_set(A1, KG.predicate, URIRef(str(KG.providesAidTo) + "X")),
                              A1, "kg:predicate"),
    "predicate is not a relation": (_set(A1, KG.predicate, KG.relatedTo), A1, "kg:predicate"),
    "predicate as string": (_set(A1, KG.predicate, Literal("providesAidTo")), A1, "kg:predicate"),
    "confidence 1.5": (_set(A1, KG.confidence, dec("1.5")), A1, "kg:confidence"),
    "confidence negative": (_set(A1, KG.confidence, dec("-0.1")), A1, "kg:confidence"),
    "confidence as double": (_set(A1, KG.confidence, Literal(0.5)), A1, "xsd:decimal"),
    "missing confidence": (_set(A1, KG.confidence, None), A1, "kg:confidence"),
    "inferred as string": (_set(A1, KG.inferred, Literal("false")), A1, "kg:inferred"),
    "missing sentence": (_set(A1, KG.sentence, None), A1, "kg:sentence"),
    "sentence untyped": (_untype(SENT), A1, "kg:Sentence"),
    "date as string": (_set(A1, KG.date, Literal("2021-07-08")), A1, "kg:date"),
    "unresolved date": (_set(A1, KG.startDate, Literal("--09-25")), A1, "kg:startDate"),
    "two end dates": (_add(A1, KG.endDate, Literal("2021-08-31", datatype=XSD.date)),
                      A1, "kg:endDate"),
    "not attributed": (_set(A2, PROV.wasAttributedTo, None), A2, "kg:Extractor"),
    "extractor untyped": (_untype(EXTRACTOR), A1, "kg:Extractor"),
    "untyped assertion": (_untype(A3), A3, "kg:Assertion"),
    "sentence text missing": (_set(SENT, KG.text, None), SENT, "kg:text"),
    "offset negative": (_set(SENT, KG.startOffset, Literal(-1)), SENT, "kg:startOffset"),
    "offset as string": (_set(SENT, KG.endOffset, Literal("80")), SENT, "kg:endOffset"),
    "start offset after end": (_set(SENT, KG.startOffset, Literal(100)), SENT, "kg:startOffset"),
    "sentence without article": (_set(SENT, KG.article, None), SENT, "kg:article"),
    "article untyped": (_untype(ART), SENT, "kg:Article"),
    "article without docId": (_set(ART, KG.docId, None), ART, "kg:docId"),
    "quantity without unit": (_set(Q, KG.unit, None), Q, "kg:unit"),
    "quantity amount as string": (_set(Q, KG.amount, Literal("1 triệu")), Q, "kg:amount"),
    "entity without label": (_set(RU, RDFS.label, None), RU, "rdfs:label"),
    "holdsPosition to a country": (_set(A2, KG.object, VN), A2, "kg:Position"),
    "represents from a country": (_add(VN, KG.represents, RU), VN, "kg:Person"),
    "produces a country": (_add(RU, KG.produces, VN), VN, "kg:Vaccine"),
    "untyped entity in a relation": (_add(RU, KG.meetsWith, iri("country/nowhere")),
                                     iri("country/nowhere"), "kg:Actor"),
}


def _short(node: URIRef) -> str:
    return "id:" + str(node)[len(ID):]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_fails_with_a_message(case: str, tmp_path: Path) -> None:
    mutate, focus, words = BROKEN[case]
    g = good_graph()
    mutate(g)
    report = validate_graph(write(g, tmp_path))
    assert not report.conforms
    hits = [r for r in report.results if r.startswith(_short(focus)) and words in r]
    assert hits, report.results


# ---------------------------------------------------------------- domains and ranges

# An entity of the right class for each domain/range of the ontology, and one of a wrong class.
RIGHT = {"Actor": VN, "Person": SON, "Vaccine": SPUTNIK, "Position": FM}
WRONG = {"Actor": FM, "Person": RU, "Vaccine": RU, "Position": RU}


@pytest.mark.parametrize("name", sorted(relations()))
def test_shapes_enforce_the_ontology_domain_and_range(name: str, tmp_path: Path) -> None:
    # Driven by kg.ttl, so a relation whose domain or range changes there but
    # not in shapes.ttl fails here.
    rel = relations()[name]
    subj, obj = RIGHT[rel.domain], RIGHT[rel.range]
    g = good_graph()
    g.add((subj, rel.iri, obj))
    _set(A1, KG.predicate, rel.iri)(g)
    _set(A1, KG.subject, subj)(g)
    _set(A1, KG.object, obj)(g)
    ok = validate_graph(write(g, tmp_path))
    assert ok.conforms, ok.results

    bad_s, bad_o = WRONG[rel.domain], WRONG[rel.range]
    g = good_graph()
    g.add((bad_s, rel.iri, bad_o))
    _set(A1, KG.predicate, rel.iri)(g)
    _set(A1, KG.subject, bad_s)(g)
    _set(A1, KG.object, bad_o)(g)
    report = validate_graph(write(g, tmp_path))
    assert not report.conforms
    focus = {r.split(" ")[0].rstrip(":") for r in report.results}
    assert {_short(bad_s), _short(bad_o), _short(A1)} <= focus, report.results
    assert any(f"kg:{rel.domain}" in r for r in report.results if r.startswith(_short(bad_s)))
    assert any(f"kg:{rel.range}" in r for r in report.results if r.startswith(_short(bad_o)))


def test_large_graph_validates_quickly(tmp_path: Path) -> None:
    # Guards against constraints that cost a SPARQL parse per node.
    import time
    g = good_graph()
    for i in range(1000):
        a = iri(f"assertion/bulk{i}")
        for p, o in [(RDF.type, KG.Assertion), (KG.subject, RU), (KG.predicate, KG.meetsWith),
                     (KG.object, VN), (KG.modality, KG.asserted), (KG.confidence, dec("0.5")),
                     (KG.sentence, SENT), (PROV.wasAttributedTo, EXTRACTOR)]:
            g.add((a, p, o))
    path = write(g, tmp_path)
    start = time.process_time()
    assert validate_graph(path).conforms
    assert time.process_time() - start < 15  # CPU seconds: ~3 here; ~18 with per-node SPARQL


def test_blank_quantity_node_is_checked(tmp_path: Path) -> None:
    g = good_graph()
    q = BNode()
    g.add((A2, KG.quantity, q))
    g.add((q, KG.unit, Literal("USD")))   # untyped, no amount
    report = validate_graph(write(g, tmp_path))
    assert not report.conforms and any("kg:amount" in r for r in report.results)


def test_report_str_lists_problems(tmp_path: Path) -> None:
    g = good_graph()
    g.remove((A1, KG.subject, None))
    report = validate_graph(write(g, tmp_path))
    assert str(report).startswith("Does not conform") and "kg:subject" in str(report)


# ---------------------------------------------------------------- shapes argument, errors

def test_custom_shapes_file(tmp_path: Path) -> None:
    g = good_graph()
    g.remove((A1, KG.subject, None))
    shapes = tmp_path / "empty-shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    assert validate_graph(write(g, tmp_path), shapes=shapes).conforms


@pytest.mark.parametrize("name, content, words", [
    ("missing.ttl", None, "no such graph file"),
    ("broken.ttl", "@prefix kg: <x> . kg:a kg:b", "not valid turtle"),
    ("broken.jsonld", "{not json", "not valid json-ld"),
    ("graph.txt", "hello", "unknown extension"),
])
def test_unreadable_graph_raises(tmp_path: Path, name: str, content: str | None,
                                 words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphReadError) as err:
        validate_graph(path)
    assert err.value.code == "E008" and str(path) in str(err.value) and words in str(err.value)


def test_missing_shapes_file_raises(tmp_path: Path) -> None:
    with pytest.raises(GraphReadError, match="no such shapes file"):
        validate_graph(write(good_graph(), tmp_path), shapes=tmp_path / "nope.ttl")


def test_bad_inference_mode(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        validate_graph(write(good_graph(), tmp_path), inference="magic")
