"""Offices as posts of a country or organisation: the pairing, and its RDF through every writer."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import export, rdf, stream
from kg.graph import ID, corpus_to_dataset, union_graph
from kg.model import Assertion, Corpus, Entity
from kg.posts import ORG, posts, represented

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


@pytest.mark.parametrize("stream_above", [10_000, 0])      # rdflib's writer, then the streaming one
def test_posts_round_trip_through_trig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream_above: int) -> None:
    monkeypatch.setattr(rdf, "STREAM_ABOVE", stream_above)
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


def test_both_layouts_write_the_same_posts() -> None:
    from rdflib import Graph

    out = io.StringIO()
    stream.write_ntriples(_corpus(), out)
    back = Graph().parse(data=out.getvalue(), format="nt")
    expected = union_graph(corpus_to_dataset(_corpus()))
    assert isomorphic(back, expected)
    assert len(list(back.subjects(predicate=URIRef(ORG + "postIn")))) == 2


def test_the_view_reads_offices_back_from_rdf(tmp_path: Path) -> None:
    from kg.viz import read_corpus

    path = export(_corpus(), "trig", tmp_path / "graph.trig")
    assert posts(read_corpus(path)) == posts(_corpus())
