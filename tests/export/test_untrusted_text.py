"""Untrusted text in every output: valid IRIs, exact NFC literals, three independent parsers.

Article text decides entity ids, document ids, labels and sentences. Whatever it
holds (characters illegal in IRIs, quotes, backslashes, line breaks, control
characters, bidi overrides, combining marks), each RDF file must parse with
rdflib, Oxigraph and raptor's ``rapper``, and give back the text exactly, in NFC.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef

from kg.export import export
from kg.export.graphml import xml_safe
from kg.model import Assertion, Corpus, Entity
from kg.rdf.layout import article_iri, entity_iri

from sample_corpus import make_corpus

ox = pytest.importorskip("pyoxigraph")

# One string with every kind of hostile character, the Vietnamese part decomposed (NFD).
HOSTILE = ("<script>alert('x')</script> \"quoted\" back\\slash {brace}|pipe^caret`tick "
           "new\nline cr\r tab\t nul\x00 bell\x07 vt\x0b esc\x1b[31m del\x7f nel\x85 "
           "bidi\u202e\u2066 zw\u200b bom\ufeff emoji\U0001F600 "
           + unicodedata.normalize("NFD", "Bộ trưởng Nguyễn Thị Ánh"))
NFC = unicodedata.normalize("NFC", HOSTILE)
ENTITY = "org/" + HOSTILE
DOC = "tin tức/ " + HOSTILE

# exporter name -> (Oxigraph format, rapper syntax or None: raptor has no JSON-LD)
FORMATS = {"turtle": ("TURTLE", "turtle"), "trig": ("TRIG", "trig"), "nt": ("N_TRIPLES", "ntriples"),
           "nquads": ("N_QUADS", "nquads"), "json-ld": ("JSON_LD", None)}
RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "json-ld": "json-ld"}


def hostile_corpus() -> Corpus:
    corpus = make_corpus()
    corpus.entities[ENTITY] = Entity(ENTITY, "Organization", HOSTILE, {"vi": HOSTILE, "en": HOSTILE}, {HOSTILE})
    corpus.assertions.append(Assertion(
        doc=DOC, subject=ENTITY, predicate="providesAidTo", object="country/vietnam", sentence=HOSTILE,
        sentence_start=0, sentence_end=len(HOSTILE), trigger=HOSTILE, extractor="kg-extractor/0.1.0"))
    return corpus


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus()
    return {fmt: Path(export(corpus, fmt, out / f"g.{fmt}")) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rdflib_reads_the_hostile_text_back_exactly(written, fmt):
    ds = Dataset()
    ds.parse(written[fmt], format=RDFLIB_FORMAT[fmt])
    literals = {str(o) for _, _, o, _ in ds.quads((None, None, None, None)) if isinstance(o, Literal)}
    iris = {str(t) for q in ds.quads((None, None, None, None)) for t in q[:3] if isinstance(t, URIRef)}
    assert NFC in literals and HOSTILE not in literals          # exact, and normalised
    assert all(not set(iri) & set('<>"{}|\\^` \n\r\t\x00') for iri in iris)
    assert str(entity_iri(ENTITY)) in iris and str(article_iri(DOC)) in iris


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_oxigraph_reads_the_hostile_text_back_exactly(written, fmt):
    store = ox.Store()
    store.load(path=str(written[fmt]), format=getattr(ox.RdfFormat, FORMATS[fmt][0]))
    literals = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
    assert NFC in literals
    labels = [q.object.value for q in store if q.predicate.value.endswith("#label")
              or q.predicate.value.endswith("/name")]
    assert NFC in labels


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor's rapper is not installed (apt-get install raptor2-utils)")
@pytest.mark.parametrize("fmt", sorted(f for f, spec in FORMATS.items() if spec[1]))
def test_rapper_reads_the_hostile_output(written, fmt):
    run = subprocess.run(["rapper", "-i", FORMATS[fmt][1], "-o", "nquads", str(written[fmt])],
                         capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert b"rapper: Error" not in run.stderr
    # rapper's own output, read by rdflib: the same statements, the same text.
    # raptor keeps literals as C strings, so its copy of the text ends at the NUL.
    back = Dataset()
    back.parse(data=run.stdout.decode("utf-8"), format="nquads")
    ours = Dataset()
    ours.parse(written[fmt], format=RDFLIB_FORMAT[fmt])
    assert len(back) == len(ours) and len(list(back.quads())) == len(list(ours.quads()))
    literals = {str(q[2]) for q in back.quads() if isinstance(q[2], Literal)}
    assert NFC.split("\x00")[0] in literals


def test_the_same_name_with_or_without_combining_marks_is_one_iri():
    name = "org/Bộ Y tế"
    assert entity_iri(unicodedata.normalize("NFD", name)) == entity_iri(name)
    assert article_iri(unicodedata.normalize("NFD", name)) == article_iri(name)


@pytest.mark.parametrize("value,expected", [
    ("plain Tiếng Việt", "plain Tiếng Việt"),
    ("nul\x00", "nul\ufffd"),
    ("esc\x1b[0m", "esc\ufffd[0m"),
    ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),         # the three controls XML allows stay
    ("bom\ufeff emoji\U0001F600", "bom\ufeff emoji\U0001F600"),
    ("nonchar\ufffe", "nonchar\ufffd"),
    (42, 42),
])
def test_xml_safe(value, expected):
    assert xml_safe(value) == expected


def test_graphml_and_jsonl_survive_hostile_text(tmp_path):
    corpus = hostile_corpus()
    graph = nx.read_graphml(export(corpus, "graphml", tmp_path / "g.graphml"))
    assert any(ENTITY.split("\x00")[0] in str(n) for n in graph.nodes)
    rows = [json.loads(line) for line in
            Path(export(corpus, "jsonl", tmp_path / "a.jsonl")).read_text(encoding="utf-8").splitlines()]
    assert NFC in {r["sentence"] for r in rows}     # JSON keeps control characters exactly, escaped


def test_a_hostile_article_builds_files_every_parser_reads(tmp_path):
    from kg.build.pipeline import build
    src = tmp_path / "in" / 'tin "lạ" <x>.txt'
    src.parent.mkdir()
    src.write_text(unicodedata.normalize("NFD", "Việt Nam và Nhật Bản <b>hợp tác</b>\n\n")
                   + 'Ngày 5/3/2021, Nhật Bản đã trao tặng 1 triệu liều vắc-xin AstraZeneca cho Việt Nam "\\ {x}|^". '
                   + unicodedata.normalize("NFD", "Thủ tướng Phạm Minh Chính cảm ơn Nhật Bản.\n"),
                   encoding="utf-8")
    build([src.parent], tmp_path / "out", formats=["turtle", "trig", "json-ld", "graphml", "jsonl"],
          progress=None)
    ttl = tmp_path / "out" / "graph.ttl"
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    sentences = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
    assert any("Phạm Minh Chính cảm ơn Nhật Bản" in s for s in sentences)     # NFC, as composed text
    assert not any(unicodedata.normalize("NFC", s) != s for s in sentences)
    if shutil.which("rapper"):
        for name, syntax in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
            run = subprocess.run(["rapper", "-i", syntax, "-c", str(tmp_path / "out" / name)],
                                 capture_output=True, text=True, timeout=60)
            assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "graph.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert len(store) > 20
