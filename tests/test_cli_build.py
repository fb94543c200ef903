"""`kg build` options for scale: --workers, --dask, --cache/--no-cache, --cache-dir."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
ARTICLE = ("Nhật Bản tặng Việt Nam thêm 1 triệu liều vắc xin\n\n"
           "Ngày 16/6, Chính phủ Nhật Bản đã trao tặng Việt Nam 1 triệu liều vắc xin AstraZeneca.\n")


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def test_second_build_reuses_the_cache_in_the_output_folder(inputs, tmp_path):
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(inputs), "-o", str(out), "-f", "jsonl"])
    assert first.exit_code == 0, first.output
    assert (out / ".kg-cache").is_dir() and "reused" not in first.output
    before = (out / "assertions.jsonl").read_text(encoding="utf-8")
    second = runner.invoke(app, ["build", str(inputs), "-o", str(out), "-f", "jsonl"])
    assert second.exit_code == 0, second.output
    assert "1 unchanged article(s) reused" in second.output
    assert (out / "assertions.jsonl").read_text(encoding="utf-8") == before


def test_no_cache_writes_no_cache_folder(inputs, tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(inputs), "-o", str(out), "-q", "--no-cache", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    assert (out / "assertions.jsonl").exists() and not (out / ".kg-cache").exists()


def test_cache_dir_option(inputs, tmp_path):
    cache = tmp_path / "elsewhere"
    res = runner.invoke(app, ["build", str(inputs), "-o", str(tmp_path / "out"), "-q", "-f", "jsonl",
                              "--cache-dir", str(cache)])
    assert res.exit_code == 0, res.output
    assert (cache / "cache.sqlite").exists() and not (tmp_path / "out" / ".kg-cache").exists()


@pytest.mark.parametrize("args,code,text", [
    (["--workers", "0"], 2, "--workers"),
    (["--workers", "2", "--dask", "tcp://127.0.0.1:8786"], 1, "E041"),
])
def test_bad_options_exit_cleanly(inputs, tmp_path, args, code, text):
    res = runner.invoke(app, ["build", str(inputs), "-o", str(tmp_path / "out"), "-q", *args])
    assert res.exit_code == code
    assert text in res.output and "Traceback" not in res.output


def test_summary_shows_the_time_per_stage(inputs, tmp_path):
    res = runner.invoke(app, ["build", str(inputs), "-o", str(tmp_path / "out"), "-f", "turtle"])
    assert res.exit_code == 0, res.output
    assert "time:" in res.output and "total" in res.output
