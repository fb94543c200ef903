"""Offices as posts of a country or organisation: the pairing, and its RDF through every format."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Quad
from rdflib import Dataset, Literal, URIRef

from kg.export import export
from kg.model import Assertion, Corpus, Entity
from kg.rdf.posts import posts, represented
from kg.rdf import formats
from kg.rdf.layout import ORG, Layout, corpus_quads, default_quads
from kg.rdf.ontology import ID
from kg.rdf.read import corpus_from_quads, read_quads

ENTITIES = {
    "person/chinh": Entity("person/chinh", "Person", "Phạm Minh Chính"),
    "person/kishida": Entity("person/kishida", "Person", "Kishida Fumio"),
    "person/lone": Entity("person/lone", "Person", "Nobody"),
    "position/prime-minister": Entity("position/prime-minister", "Position", "Prime Minister",
                                      {"en": "Prime Minister", "vi": "Thủ tướng"}),
    "country/vietnam": Entity("country/vietnam", "Country", "Vietnam", {"en": "Vietnam", "vi": "Việt Nam"}),
    "country/japan": Entity("country/japan", "Country", "Japan", {"en": "Japan", "vi": "Nhật Bản"}),
    "vaccine/x": Entity("vaccine/x", "Vaccine", "X"),
}


def _corpus(*extra: Assertion) -> Corpus:
    said = [
        Assertion("d1", "person/chinh", "holdsPosition", "position/prime-minister", sentence="Thủ tướng Chính."),
        Assertion("d1", "person/chinh", "represents", "country/vietnam", sentence="Thủ tướng Chính."),
        Assertion("d2", "person/kishida", "holdsPosition", "position/prime-minister", sentence="Thủ tướng Kishida."),
        Assertion("d2", "person/kishida", "represents", "country/japan", sentence="Thủ tướng Kishida."),
        Assertion("d2", "person/lone", "holdsPosition", "position/prime-minister", sentence="Thủ tướng ai đó."),
    ]
    return Corpus(entities=dict(ENTITIES), assertions=[*said, *extra])


@pytest.mark.parametrize("extra, expected", [
    ((), "country/vietnam"),
    # Said twice elsewhere, and read: Japan wins over Vietnam (said once).
    ((Assertion("d3", "person/chinh", "represents", "country/japan"),
      Assertion("d4", "person/chinh", "represents", "country/japan")), "country/japan"),
    # Inferred or negated statements do not outweigh one read statement.
    ((Assertion("d3", "person/chinh", "represents", "country/japan", inferred=True),
      Assertion("d4", "person/chinh", "represents", "country/japan", "negated")), "country/vietnam"),
    # Only a country or an organisation can be represented.
    ((Assertion("d3", "person/chinh", "represents", "vaccine/x"),
      Assertion("d4", "person/chinh", "represents", "vaccine/x")), "country/vietnam"),
])
def test_a_person_represents_what_they_are_most_often_said_to(extra: tuple, expected: str) -> None:
    assert represented(_corpus(*extra))["person/chinh"] == expected


def test_one_office_two_countries_two_posts() -> None:
    found = {(p.person, p.of): p.labels for p in posts(_corpus())}
    assert found == {
        ("person/chinh", "country/vietnam"): {"en": "Prime Minister of Vietnam", "vi": "Thủ tướng Việt Nam"},
        ("person/kishida", "country/japan"): {"en": "Prime Minister of Japan", "vi": "Thủ tướng Nhật Bản"},
        ("person/lone", None): {"en": "Prime Minister", "vi": "Thủ tướng"},
    }


POSTS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?role ?where ?en WHERE {
  ?post a org:Post ; org:role ?role ; org:postIn ?where ; org:heldBy ?person ; rdfs:label ?en .
  ?person org:holds ?post .
  FILTER(LANGMATCHES(LANG(?en), "en"))
} ORDER BY ?person
"""


def test_posts_round_trip_through_trig(tmp_path: Path) -> None:
    path = export(_corpus(), "trig", tmp_path / "graph.trig")
    ds = Dataset()
    ds.parse(path, format="trig")
    rows = [tuple(r) for r in ds.query(POSTS)]
    assert rows == [
        (URIRef(ID + "person/chinh"), URIRef(ID + "position/prime-minister"), URIRef(ID + "country/vietnam"),
         Literal("Prime Minister of Vietnam", lang="en")),
        (URIRef(ID + "person/kishida"), URIRef(ID + "position/prime-minister"), URIRef(ID + "country/japan"),
         Literal("Prime Minister of Japan", lang="en")),
    ]                                   # one post per country; nobody's office is tied to nothing


def test_posts_are_in_the_default_graph_once() -> None:
    quads = list(corpus_quads(_corpus()))
    post_quads = [q for q in quads if q.subject.value.startswith(ID + "post/") or q.predicate.value == ORG + "holds"]
    assert len(post_quads) == 2 * 7                     # type, role, postIn, heldBy, 2 labels, holds
    assert len(set(post_quads)) == len(post_quads)
    assert all(isinstance(q.graph_name, DefaultGraph) for q in post_quads)
    assert set(post_quads) <= set(default_quads(Layout(""), _corpus()))


@pytest.mark.parametrize("fmt, suffix", [("turtle", ".ttl"), ("trig", ".trig"), ("nt", ".nt"),
                                         ("nquads", ".nq"), ("json-ld", ".jsonld")])
def test_every_format_writes_the_same_posts(tmp_path: Path, fmt: str, suffix: str) -> None:
    out = io.BytesIO()
    formats.write(_corpus(), fmt, out)
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(out.getvalue())
    back = {(q.subject, q.predicate, q.object) for q in read_quads(path)}
    made = {(q.subject, q.predicate, q.object) for q in corpus_quads(_corpus())}
    posts_of = {t for t in made if t[0].value.startswith(ID + "post/") or t[1].value == ORG + "holds"}
    assert len(posts_of) == 14 and posts_of <= back


def test_the_view_reads_offices_back_from_rdf(tmp_path: Path) -> None:
    from kg.export.viz import read_corpus

    path = export(_corpus(), "trig", tmp_path / "graph.trig")
    assert posts(read_corpus(path)) == posts(_corpus())
    assert not any(eid.startswith("post/") for eid in read_corpus(path).entities)


def test_reading_back_does_not_double_the_posts() -> None:
    """Posts are made from the assertions: a corpus read back and written again has the same posts."""
    first = [q for q in corpus_quads(_corpus()) if q.subject.value.startswith(ID + "post/")]
    again = [q for q in corpus_quads(corpus_from_quads(corpus_quads(_corpus())))
             if q.subject.value.startswith(ID + "post/")]
    assert sorted(map(str, first)) == sorted(map(str, again))
    assert all(isinstance(q, Quad) for q in first)
