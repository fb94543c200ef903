"""The CLI as a new user meets it: exit 2 for bad usage, close query names,
--version, readable help, tables that fit, a progress bar with time left."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app
from kg.cli.store import columns_that_fit

runner = CliRunner()


@pytest.mark.parametrize("args, says", [
    (["build", "seeds", "-f", "foo", "-q"], "E006"),
    (["query", "meetings", "-f", "foo"], "'foo' is not one of"),
    (["query", "meeting"], "Did you mean meetings?"),
    (["query", "meetngs-by-date"], "Did you mean meetings?"),
    (["serve", "--port", "-3"], "--port"),
    (["serve", "--port", "70000"], "--port"),
    (["fetch", "--retries", "-1", "http://example.org/"], "--retries"),
    (["fetch", "--delay", "-1", "http://example.org/"], "--delay"),
    (["load", "--timeout", "-2", "x.trig"], "--timeout"),
    (["query", "meetings", "--retries", "-1"], "--retries"),
    (["build", "seeds", "--workers", "0"], "--workers"),
])
def test_a_bad_option_value_exits_2(tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    if args[0] == "build":
        (tmp_path / "seeds").mkdir()
        (tmp_path / "seeds" / "a.txt").write_text("Việt Nam và Nhật Bản ký thỏa thuận.\n", encoding="utf-8")
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert says in res.output and "Traceback" not in res.output


def test_an_unknown_query_name_lists_the_queries_not_a_syntax_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["query", "zzzz"])
    assert res.exit_code == 2 and "E060" in res.output and "E024" not in res.output
    assert "vaccine-producers" in res.output


def test_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output == f"kg {__version__}\n"


def _commands() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", _commands())
def test_help_placeholders_read_well(command):
    res = runner.invoke(app, [command, "--help"], terminal_width=100)
    assert res.exit_code == 0
    usage = res.output.splitlines()[0]
    assert "{" not in usage, usage
    assert not re.search(r"<[a-z][^>]*>", res.output), res.output    # <list[Path]>, <path>, <int range>


@pytest.mark.parametrize("widths, width, shown", [
    ([30, 30, 30], 40, [0, 1]),          # the third column would be 12 characters short
    ([30, 30, 30], 80, [0, 1, 2]),       # narrow columns fold, they are not dropped
    ([2, 2], 12, [0, 1]),                # short values need only their own width
    ([200], 20, [0]),                    # the first column always shows
])
def test_columns_that_fit(widths, width, shown):
    header = [f"c{i}" for i in range(len(widths))]
    assert columns_that_fit(header, [["x" * w for w in widths]], width) == shown


def test_a_wide_table_drops_columns_and_says_so(tmp_path):
    from kg.store import load_graphs

    trig = tmp_path / "g.trig"
    trig.write_text("<https://ex.org/g> { <https://ex.org/" + "s" * 40 + "> <https://ex.org/p> <https://ex.org/"
                    + "o" * 40 + "> . }", encoding="utf-8")
    load_graphs([trig], store=tmp_path / "store")
    res = runner.invoke(app, ["query", "SELECT ?s ?p ?o ?g ?x ?y WHERE { GRAPH ?g { ?s ?p ?o } "
                              "BIND(STR(?s) AS ?x) BIND(STR(?o) AS ?y) }", "--store", str(tmp_path / "store")],
                        env={"COLUMNS": "60"})
    assert res.exit_code == 0, res.output
    assert "column(s) left out to fit 60 characters" in res.output and "--format csv" in res.output
    assert all(len(line) <= 60 for line in res.output.splitlines() if line.startswith(("┃", "│", "┏", "└")))


def test_the_progress_bar_shows_time_left():
    from rich.console import Console
    from rich.progress import TimeRemainingColumn

    from kg.cli._common import progress_bar

    assert any(isinstance(c, TimeRemainingColumn) for c in progress_bar(Console()).columns)
