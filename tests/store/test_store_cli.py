"""kg load / kg query end to end on the embedded store: defaults, output formats, clean errors."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


@pytest.fixture()
def project(tmp_path, seeds_graphs, monkeypatch):
    """A working folder laid out like kg's: graphs/graph.trig from a build."""
    (tmp_path / "graphs").mkdir()
    shutil.copy(seeds_graphs / "graph.trig", tmp_path / "graphs" / "graph.trig")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_load_graphs_trig_into_graphs_store(project):
    res = runner.invoke(app, ["load"])
    assert res.exit_code == 0, res.output
    assert "5 article graph(s) (0 replaced, 5 new)" in res.output
    assert (project / "graphs" / "store" / "CURRENT").is_file()
    res = runner.invoke(app, ["load", "-q"])
    assert res.exit_code == 0 and res.output == ""
    res = runner.invoke(app, ["query", "articles"], env={"COLUMNS": "300"})   # a query of queries/ by name
    assert res.exit_code == 0, res.output
    assert "Vietnam seeks vaccine production" in res.output and "5 row(s)" in res.output
    res = runner.invoke(app, ["query", "positions", "-p", "person=kgid:person/bui-thanh-son"],
                        env={"COLUMNS": "300"})
    header = res.output.splitlines()[1]
    assert "personLabel" in header and "person " not in header     # the label stands for the IRI
    assert "Bùi Thanh Sơn" in res.output and "kgid:" not in res.output


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_result_formats(fmt, project):
    runner.invoke(app, ["load", "-q"])
    res = runner.invoke(app, ["query", "positions", "-p", "person=kgid:person/bui-thanh-son", "--format", fmt])
    assert res.exit_code == 0, res.output
    if fmt == "json":
        data = json.loads(res.output)
        assert data["results"]["bindings"][0]["positionLabel"]["value"] == "Foreign Minister"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(res.output)))
        assert [(r["personLabel"], r["positionLabel"]) for r in rows] == [("Bùi Thanh Sơn", "Foreign Minister")]
    elif fmt == "tsv":
        assert res.output.splitlines()[0].split("\t")[:2] == ["?person", "?personLabel"]
        assert "<https://w3id.org/kgvn/id/person/bui-thanh-son>" in res.output
    else:
        assert res.output.startswith("<?xml") and "Foreign Minister" in res.output


def test_construct_prints_rdf(project):
    runner.invoke(app, ["load", "-q"])
    q = "CONSTRUCT { ?c a ?t } WHERE { ?c a ?t } "
    res = runner.invoke(app, ["query", q, "-p", "c=kgid:country/cuba", "-f", "ttl"])
    assert res.exit_code == 0, res.output
    assert "<https://w3id.org/kgvn/id/country/cuba>" in res.output and "Country" in res.output
    res = runner.invoke(app, ["query", q, "-f", "csv"])
    assert res.exit_code == 1 and "E024" in res.output and "nt" in res.output


def test_query_file_written_by_the_user(project):
    runner.invoke(app, ["load", "-q"])
    (project / "mine.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?t } }", encoding="utf-8")
    res = runner.invoke(app, ["query", "mine.rq", "-f", "csv"])
    assert res.exit_code == 0 and int(res.output.splitlines()[1]) > 100


@pytest.mark.parametrize("args,code,text", [
    (["query", "nothing.rq"], 1, "E024"),
    (["query", "SELECT ?x WHERE { ?x ?p }"], 1, "E024"),
    (["query", "SELECT ?x WHERE { ?x ?p ?o }", "-p", "z=1"], 1, "E025"),
    (["query", "SELECT ?x WHERE { ?x ?p ?o }", "-p", "oops"], 1, "E025"),
    (["query", "ASK {?s ?p ?o}", "--store", "no-store-here"], 1, "E021"),
    (["query", "ASK {?s ?p ?o}", "--store", "s", "--endpoint", "http://127.0.0.1:1/query"], 2, "not both"),
    (["load", "missing.trig"], 1, "E002"),
    (["query", "ASK {?s ?p ?o}", "--endpoint", "localhost:7878"], 1, "E027"),
])
def test_errors_are_clean(args, code, text, project):
    runner.invoke(app, ["load", "-q"])
    res = runner.invoke(app, args)
    assert res.exit_code == code, res.output
    assert text in res.output and "Traceback" not in res.output
