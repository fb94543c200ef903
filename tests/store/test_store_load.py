"""Loading graph files into the embedded store: formats, named graphs, PUT
semantics on reload, errors that leave the store as it was, no server needed."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import GraphReadError, InputNotFoundError, OutputError, StoreLockedError
from kg.store import load_graphs, run_query
from kg.store.embedded import serving_marker
from kg.store.files import read_graphs

runner = CliRunner()


def quads(store: Path) -> set:
    return set(ox.Store.read_only(str(store)))


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.nq", "graph.jsonld"])
def test_every_format_gives_the_same_store_as_trig(name, seeds_graphs, seeds_store, tmp_path):
    store = tmp_path / "new" / "folders" / "store"
    report = load_graphs([seeds_graphs / name], store=store)
    assert quads(store) == quads(seeds_store)
    assert report.graphs == report.added == 5          # one named graph per seed article


def test_turtle_is_split_back_into_the_article_graphs_of_trig(seeds_graphs):
    from_trig = read_graphs([seeds_graphs / "graph.trig"])
    from_ttl = read_graphs([seeds_graphs / "graph.ttl"])
    assert from_ttl.named_graphs() == from_trig.named_graphs()
    assert set(from_ttl.store) == set(from_trig.store)


def test_reloading_the_same_graph_duplicates_nothing(seeds_graphs, tmp_path):
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    before = quads(store)
    report = load_graphs([seeds_graphs / "graph.trig", seeds_graphs / "graph.ttl"], store=store)
    assert (report.replaced, report.added) == (5, 0)
    assert quads(store) == before and len(ox.Store.read_only(str(store))) == len(before)


V1 = """
    @prefix ex: <https://example.org/> .
    ex:russia ex:label "Russia" .
    ex:graph-a { ex:russia ex:aids ex:vietnam . ex:russia ex:aids ex:laos . }
    ex:graph-b { ex:japan ex:aids ex:vietnam . }
"""
V2 = """
    @prefix ex: <https://example.org/> .
    ex:russia ex:label "Russian Federation" .
    ex:graph-a { ex:russia ex:aids ex:vietnam . ex:russia ex:trades ex:vietnam . }
"""


def test_reload_replaces_each_article_graph(tmp_path):
    store = tmp_path / "store"
    load_graphs([write(tmp_path / "v1.trig", V1)], store=store)
    report = load_graphs([write(tmp_path / "v2.trig", V2)], store=store)
    assert (report.graphs, report.replaced, report.added) == (1, 1, 0)
    ex = "https://example.org/"
    rows = run_query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", store=store).records()
    in_a = {(r["s"], r["p"], r["o"]) for r in rows if r["g"] == ex + "graph-a"}
    assert in_a == {(ex + "russia", ex + "aids", ex + "vietnam"), (ex + "russia", ex + "trades", ex + "vietnam")}
    # graph-b is not in the new file: it is kept as it was.
    assert {(r["s"], r["o"]) for r in rows if r["g"] == ex + "graph-b"} == {(ex + "japan", ex + "vietnam")}
    # The default graph (entities) is merged by default ...
    labels = run_query("SELECT ?l WHERE { ?s <https://example.org/label> ?l }", store=store).records()
    assert {r["l"] for r in labels} == {"Russia", "Russian Federation"}
    # ... and replaced on request.
    load_graphs([tmp_path / "v2.trig"], store=store, replace_default=True)
    labels = run_query("SELECT ?l WHERE { ?s <https://example.org/label> ?l }", store=store).records()
    assert {r["l"] for r in labels} == {"Russian Federation"}


def test_reload_of_every_graph_keeps_the_default_graph_unless_replaced(tmp_path):
    """Replacing every graph of the store clears it in one step; the default graph survives."""
    store = tmp_path / "store"
    load_graphs([write(tmp_path / "v1.trig", V1)], store=store)
    v3 = write(tmp_path / "v3.trig", V2.replace("ex:russia ex:label", "ex:japan ex:label")
               + "    ex:graph-b { ex:japan ex:trades ex:laos . }\n")
    report = load_graphs([v3], store=store)
    assert (report.replaced, report.added) == (2, 0)
    ex = "https://example.org/"
    strict = {"store": store, "union_default_graph": False}        # the store's own default graph
    rows = run_query("SELECT ?s ?o WHERE { ?s ?p ?o }", **strict).records()
    assert {(r["s"], r["o"]) for r in rows} == {(ex + "russia", "Russia"), (ex + "japan", "Russian Federation")}
    union = run_query("SELECT ?s ?o WHERE { ?s ?p ?o }", store=store).records()   # kg's default: every graph
    assert {(ex + "japan", ex + "laos"), (ex + "russia", "Russia")} <= {(r["s"], r["o"]) for r in union}
    graph_b = run_query("SELECT ?p WHERE { GRAPH <https://example.org/graph-b> { ?s ?p ?o } }", store=store)
    assert graph_b.records() == [{"p": "https://example.org/trades"}]
    load_graphs([v3], store=store, replace_default=True)
    rows = run_query("SELECT ?s WHERE { ?s ?p ?o }", **strict).records()
    assert rows == [{"s": "https://example.org/japan"}]


def test_a_fact_gone_from_a_rebuilt_seed_graph_disappears(seeds_graphs, tmp_path):
    """Rebuild = the seeds' TriG without one assertion: its node and direct triple go."""
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    full = read_graphs([seeds_graphs / "graph.trig"]).store
    kg = "https://w3id.org/kgvn/ontology#"
    gone = next(iter(full.query(f"SELECT ?a ?s ?o ?g WHERE {{ GRAPH ?g {{ ?a <{kg}predicate> <{kg}tradesWith> ; "
                                f"<{kg}subject> ?s ; <{kg}object> ?o ; <{kg}modality> <{kg}asserted> }} }} LIMIT 1")))
    direct = ox.Quad(gone["s"], ox.NamedNode(kg + "tradesWith"), gone["o"], gone["g"])
    rebuilt = ox.Store()
    rebuilt.extend(q for q in full if q != direct and q.subject != gone["a"]
                   and not q.subject.value.startswith(gone["a"].value + "/"))   # its quantities
    rebuilt.dump(str(tmp_path / "rebuilt.nq"), format=ox.RdfFormat.N_QUADS)
    load_graphs([tmp_path / "rebuilt.nq"], store=store)
    assert quads(store) == set(rebuilt)
    ask = f"ASK {{ GRAPH ?g {{ {gone['a']} ?p ?o }} }}"
    assert run_query(ask, store=store).records() == [{"ask": "false"}]


def test_a_broken_file_changes_nothing(seeds_graphs, seeds_store, tmp_path):
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    before = quads(store)
    bad = write(tmp_path / "bad.ttl", "<https://ex/a> <https://ex/b> .\n")
    with pytest.raises(GraphReadError) as info:
        load_graphs([seeds_graphs / "graph.trig", bad], store=store)
    assert "bad.ttl" in str(info.value) and info.value.code == "E008"
    assert quads(store) == before


@pytest.mark.parametrize("name,error", [("missing.ttl", InputNotFoundError), ("graph.csv", GraphReadError),
                                        ("folder", GraphReadError)])
def test_bad_inputs_are_named_errors(name, error, tmp_path):
    (tmp_path / "graph.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with pytest.raises(error, match=name):
        load_graphs([tmp_path / name], store=tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_never_turns_a_folder_of_files_into_a_store(seeds_graphs, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not a store"):
        load_graphs([seeds_graphs / "graph.trig"], store=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_triples_without_kg_articles_go_to_the_default_graph_with_a_warning(tmp_path):
    warnings: list[str] = []
    path = write(tmp_path / "other.ttl", "<https://ex/a> <https://ex/b> <https://ex/c> .\n")
    report = load_graphs([path], store=tmp_path / "store", warn=warnings.append)
    assert (report.graphs, report.default_triples) == (0, 1)
    assert len(warnings) == 1 and warnings[0].startswith("W021") and "other.ttl" in warnings[0]


def test_embedded_path_needs_no_server(seeds_graphs, tmp_path, monkeypatch):
    """No process is started and no socket opened for load and query."""
    import socket

    def forbidden(*args, **kwargs):
        raise AssertionError("the embedded path must not start a server or use the network")

    monkeypatch.setattr(subprocess, "Popen", forbidden)
    monkeypatch.setattr(socket, "socket", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    rows = run_query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", store=store).records()
    assert rows == [{"n": "5"}]


# ------------------------------------------------------------------ locking
HOLDER = """
import sys, time, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture()
def held_store(seeds_graphs, tmp_path):
    """A store that another process has open for writing."""
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield store
    finally:
        proc.kill()
        proc.wait()


def test_locked_store_gives_a_clear_message_on_load(held_store, seeds_graphs):
    res = runner.invoke(app, ["load", str(seeds_graphs / "graph.trig"), "--store", str(held_store), "-q"])
    assert res.exit_code == 1
    assert "E020" in res.output and "another process" in res.output and "Traceback" not in res.output


def test_locked_store_gives_a_clear_message_on_query(held_store):
    res = runner.invoke(app, ["query", "ASK { ?s ?p ?o }", "--store", str(held_store)])
    assert res.exit_code == 1
    assert "E020" in res.output and "being written" in res.output and "Traceback" not in res.output


def test_store_served_read_only_refuses_a_load(seeds_graphs, tmp_path):
    store = tmp_path / "store"
    load_graphs([seeds_graphs / "graph.trig"], store=store)
    with serving_marker(store):
        with pytest.raises(StoreLockedError, match="served by kg serve"):
            load_graphs([seeds_graphs / "graph.trig"], store=store)
        # Reading while it is served is fine.
        assert run_query("ASK { ?s ?p ?o }", store=store).records() == [{"ask": "true"}]
    load_graphs([seeds_graphs / "graph.trig"], store=store)     # released: loads again



def test_ctrl_c_waits_until_the_graphs_are_replaced():
    """Ctrl-C inside the replacement is held until the block ends, then raised."""
    import os
    import signal

    from kg.store.embedded import _deferred_interrupt

    done = []
    with pytest.raises(KeyboardInterrupt):
        with _deferred_interrupt():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("rest of the block")
    assert done == ["rest of the block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
