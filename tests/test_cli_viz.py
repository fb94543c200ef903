"""`kg viz` end to end: a page from any graph file, focus by any name, clean errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export import export
from kg.model import Corpus

runner = CliRunner()


@pytest.fixture
def graph(corpus: Corpus, tmp_path: Path) -> Path:
    return export(corpus, "turtle", tmp_path / "graph.ttl")


def test_viz_writes_the_page(graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    res = runner.invoke(app, ["viz", str(graph), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "3 entities, 5 relations, 7 assertions" in res.output     # the office is on its person
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("args, default_name", [
    ([], "graph.html"),
    (["--focus", "Bùi Thanh Sơn"], "graph-bui-thanh-son.html"),
])
def test_default_output_is_beside_the_graph(graph: Path, args: list[str], default_name: str) -> None:
    res = runner.invoke(app, ["viz", str(graph), "-q", *args])
    assert res.exit_code == 0, res.output
    assert (graph.parent / default_name).is_file()


def test_focus_without_diacritics(graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "son.html"
    res = runner.invoke(app, ["viz", str(graph), "-o", str(out), "--focus", "Bui Thanh Son", "--depth", "1"])
    assert res.exit_code == 0, res.output
    assert "1 entities, 0 relations" in res.output and "person/bui-thanh-son" in res.output


@pytest.mark.parametrize("args, code, exit_code", [
    (["--focus", "Atlantis"], "E030", 1),       # a name the graph lacks: a kg error
    (["--lang", "fr"], "E032", 2),              # a bad option value: bad usage
])
def test_bad_options_exit_cleanly(graph: Path, tmp_path: Path, args: list[str], code: str, exit_code: int) -> None:
    res = runner.invoke(app, ["viz", str(graph), "-o", str(tmp_path / "x.html"), *args])
    assert res.exit_code == exit_code
    assert f"error: {code}:" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()


def test_negative_depth_is_a_usage_error(graph: Path) -> None:
    res = runner.invoke(app, ["viz", str(graph), "--focus", "VN", "--depth", "-1"])
    assert res.exit_code == 2


def test_missing_graph_in_a_real_process(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "kg.cli", "viz", str(tmp_path / "nope.ttl")],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 1
    assert run.stderr.startswith("error: E008: cannot read graph") and "nope.ttl" in run.stderr
    assert "Traceback" not in run.stderr


def test_page_is_utf8_whatever_the_locale(graph: Path, tmp_path: Path) -> None:
    import os

    out = tmp_path / "c-locale.html"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    run = subprocess.run([sys.executable, "-m", "kg.cli", "viz", str(graph), "-o", str(out), "-q"],
                         capture_output=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert "Bùi Thanh Sơn".encode("utf-8") in out.read_bytes()
    out.read_bytes().decode("utf-8")          # strict: the whole page is valid UTF-8
