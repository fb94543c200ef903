"""Fixtures of the triple-store tests: the seeds' graph built with kg's library
API, loaded into an embedded store and into a real Oxigraph server over HTTP."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import load_graphs, running

from store_helpers import as_writer

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_graphs(tmp_path_factory) -> Path:
    """A folder with the seeds' graph in every RDF format kg writes."""
    from kg.build.pipeline import build

    out = tmp_path_factory.mktemp("seeds-graph")
    build([SEEDS], out, formats=["trig", "turtle", "json-ld", "nt", "nquads"])
    return out


@pytest.fixture(scope="session")
def seeds_store(seeds_graphs, tmp_path_factory) -> Path:
    """An embedded store holding the seeds' graph (do not write to it)."""
    store = tmp_path_factory.mktemp("seeds-store") / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    return store


@pytest.fixture(scope="session")
def oxigraph_server(seeds_graphs):
    """A real `oxigraph serve` process on 127.0.0.1 and a free port, with the
    seeds' graph loaded over HTTP (Graph Store Protocol). Strict SPARQL datasets,
    so that the tests can tell the default graph from the named ones."""
    with running(None, port=0, writable=True, union_default_graph=False) as server, as_writer(server):
        report = load_graphs([seeds_graphs / "graph.trig"], endpoint=server.store_url, retries=0)
        server.first_load = report
        yield server

