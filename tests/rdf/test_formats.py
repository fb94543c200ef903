"""kg.rdf.formats: each file reads back (rdflib, Oxigraph, rapper) to the layout's graphs, the same bytes each run."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export import EXPORTERS, export
from kg.model import Corpus
from kg.build.pipeline import extract_corpus
from kg.rdf.formats import SPECS, write
from kg.rdf.layout import corpus_quads
from kg.rdf.read import to_rdflib

ROOT = Path(__file__).resolve().parents[2]
GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt"}          # exporter -> rdflib parser
DATASET_FORMATS = {"trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}
OXIGRAPH = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS", "json-ld": "JSON_LD"}


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return extract_corpus([ROOT / "seeds"])


@pytest.fixture(params=["corpus", "edge_cases"])
def any_corpus(request, corpus) -> Corpus:
    from edge_cases import edge_cases

    return edge_cases(corpus) if request.param == "edge_cases" else corpus


def _bytes(corpus: Corpus, fmt: str) -> bytes:
    out = io.BytesIO()
    write(corpus, fmt, out)
    return out.getvalue()


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _default(ds: Dataset) -> Graph:
    graph = getattr(ds, "default_graph", None)
    return graph if isinstance(graph, Graph) else ds.default_context


def _check_graph(corpus: Corpus, fmt: str) -> None:
    expected = _union(to_rdflib(corpus_quads(corpus)))
    text = _bytes(corpus, fmt).decode("utf-8")
    back = Graph().parse(data=text, format=GRAPH_FORMATS[fmt])
    assert len(back) == len(expected) > 100
    assert isomorphic(back, expected)
    if fmt == "nt":
        assert text.count("\n") == len(expected)           # each triple once, though articles share facts


def _check_dataset(corpus: Corpus, fmt: str) -> None:
    ds = to_rdflib(corpus_quads(corpus))
    back = Dataset()
    back.parse(data=_bytes(corpus, fmt).decode("utf-8"), format=DATASET_FORMATS[fmt])
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert {g.identifier for g in back.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(back.graph(name), ds.graph(name)), name
    # The entities are in the default graph, not in a named or blank-named one.
    assert len(_default(back)) == len(_default(ds)) > 20


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_rdflib_reads_the_union_back(any_corpus, fmt):
    _check_graph(any_corpus, fmt)


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_rdflib_reads_each_named_graph_back(any_corpus, fmt):
    _check_dataset(any_corpus, fmt)


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_rdflib_reads_the_seeds_union_back(seeds, fmt):
    _check_graph(seeds, fmt)


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_rdflib_reads_the_seeds_graphs_back(seeds, fmt):
    _check_dataset(seeds, fmt)


@pytest.mark.parametrize("fmt", sorted(OXIGRAPH))
def test_oxigraph_reads_every_format_back(any_corpus, fmt):
    """A second, strict parser (Oxigraph) reads every format, quad for quad (a store, which
    keeps numbers in canonical form, would read "1000000.0" as "1000000": the parser does not)."""
    import pyoxigraph as ox

    back = set(ox.parse(_bytes(any_corpus, fmt), format=getattr(ox.RdfFormat, OXIGRAPH[fmt])))
    quads = set(corpus_quads(any_corpus))
    if SPECS[fmt].datasets:
        assert back == quads
    else:
        assert {q.triple for q in back} == {q.triple for q in quads}


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor's rapper is not installed")
@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("trig", "trig"), ("nt", "ntriples"),
                                        ("nquads", "nquads")])
def test_independent_parser_reads_the_output(any_corpus, tmp_path, fmt, syntax):
    path = export(any_corpus, fmt, tmp_path / f"g.{fmt}")
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "rapper: Error" not in run.stderr
    if fmt in GRAPH_FORMATS:       # rapper counts the triples of all graphs for TriG and N-Quads differently
        count = int(run.stderr.split("returned")[1].split()[0])
        assert count == len({q.triple for q in corpus_quads(any_corpus)})


def test_jsonld_is_one_array_with_the_default_graph_at_top_level(corpus, tmp_path):
    doc = json.loads(export(corpus, "jsonld", tmp_path / "g.jsonld").read_text("utf-8"))
    assert isinstance(doc, list) and all("@id" in node for node in doc)
    graphs = [node for node in doc if "@graph" in node]
    assert {g["@id"] for g in graphs} == {q.graph_name.value for q in corpus_quads(corpus)
                                          if hasattr(q.graph_name, "value")}
    assert any(node["@id"].endswith("country/vietnam") for node in doc)      # an entity, at the top


@pytest.mark.parametrize("fmt", sorted(SPECS))
def test_an_empty_corpus_gives_a_valid_file(fmt):
    import pyoxigraph as ox

    data = _bytes(Corpus(), fmt)
    assert len(list(ox.parse(data, format=getattr(ox.RdfFormat, OXIGRAPH[fmt])))) == 4    # the extractor


def test_aliases_resolve_to_the_same_exporter():
    for alias, name in [("ttl", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"),
                        ("nt11", "nt"), ("nq", "nquads"), ("TriG", "trig")]:
        assert EXPORTERS.get(alias) is EXPORTERS.get(name)


def test_turtle_holds_no_blank_nodes(corpus, tmp_path):
    back = Graph().parse(export(corpus, "turtle", tmp_path / "g.ttl"), format="turtle")
    assert all(isinstance(t, URIRef) or t.__class__.__name__ == "Literal" for t in back.all_nodes())


@pytest.mark.parametrize("fmt", sorted(SPECS))
def test_the_same_corpus_gives_the_same_bytes(any_corpus, fmt):
    assert _bytes(any_corpus, fmt) == _bytes(any_corpus, fmt)
