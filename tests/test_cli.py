"""End-to-end tests of the kg command line (typer's runner, then a real subprocess)."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()

ARTICLE = ("https://example.vn/tin/nhat-ban-tang-vac-xin.html\n"
           "Nhật Bản tặng Việt Nam thêm 1 triệu liều vắc xin\n"
           "Ngày đăng : 08:00, 16/06/2021\n"
           "Ngày 16/6, Chính phủ Nhật Bản đã trao tặng Việt Nam 1 triệu liều vắc xin AstraZeneca."
           "Thủ tướng Phạm Minh Chính cảm ơn Nhật Bản.\nMinh Anh\n")


@pytest.fixture()
def corpus_dir(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blob.bin").write_bytes(b"\x00\x01\x02" * 100)
    return d


def test_build_writes_every_output(corpus_dir, tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(corpus_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "assertions.jsonl", "graph.html"):
        assert (out / name).stat().st_size > 0, name
    recs = [json.loads(line) for line in (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r["predicate"] == "providesAidTo" and r["subject"]["id"] == "country/japan" for r in recs)
    assert "empty.txt" in res.output and "blob.bin" in res.output     # skipped with a warning naming them
    assert "articles" in res.output                                   # the summary table


def test_build_with_no_articles_fails_cleanly(tmp_path):
    d = tmp_path / "nothing"
    d.mkdir()
    (d / "empty.txt").write_text("  \n", encoding="utf-8")
    res = runner.invoke(app, ["build", str(d), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "E001" in res.output and "Traceback" not in res.output


def test_missing_input_is_a_clean_error(tmp_path):
    res = runner.invoke(app, ["extract", str(tmp_path / "nope")])
    assert res.exit_code == 1 and "E002" in res.output and "Traceback" not in res.output


def test_failed_build_keeps_previous_outputs(corpus_dir, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus_dir), "-o", str(out), "-q"]).exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(app, ["build", str(empty), "-o", str(out), "-q"]).exit_code == 1
    assert (out / "graph.ttl").read_bytes() == before


def test_extract_prints_json_lines(corpus_dir):
    res = runner.invoke(app, ["extract", str(corpus_dir / "a.txt")])
    assert res.exit_code == 0
    recs = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert {"doc", "subject", "predicate", "object", "modality", "sentence", "offsets"} <= set(recs[0])


def test_evaluate_and_validate_on_own_build(corpus_dir, tmp_path):
    out = tmp_path / "out"
    runner.invoke(app, ["build", str(corpus_dir), "-o", str(out), "-q"])
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"doc": "a", "kind": "document"},
        {"doc": "a", "s": "Japan", "p": "providesAidTo", "o": "Vietnam", "modality": ["asserted"]},
    ]) + "\n", encoding="utf-8")
    ents = tmp_path / "ents.jsonl"
    ents.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "Japan", "type": "Country", "aliases": ["Nhật Bản", "Japan"]},
        {"id": "Vietnam", "type": "Country", "aliases": ["Việt Nam", "Vietnam"]},
    ]) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["evaluate", str(out / "assertions.jsonl"), "--gold", str(gold), "--entities", str(ents)])
    assert res.exit_code == 0 and res.output.strip().splitlines()[-1].startswith("F1 ")
    res = runner.invoke(app, ["validate", str(out / "graph.ttl")])
    assert res.exit_code == 0, res.output


def test_seeds_build_and_score(tmp_path):
    """The main job on the real seeds, scored with the shared scorer when it is beside the repo."""
    out = tmp_path / "graphs"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "-o", str(out), "-q"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    from kg.rdf.validate import validate_graph

    report = validate_graph(out / "graph.trig")
    assert report.conforms, report.results[:5]
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/eval is not beside the repository")
    ev = scorer.parent
    res = subprocess.run([sys.executable, str(scorer), str(out / "assertions.jsonl"), "--gold", str(ev / "gold-seeds.jsonl"),
                          "--entities", str(ev / "entities.jsonl"), "--json"], capture_output=True, text=True)
    figures = json.loads(res.stdout.splitlines()[0])
    assert figures["f1"] >= 0.96 and figures["modality_f1"] >= 0.85
    if shutil.which("rapper"):
        parsed = subprocess.run(["rapper", "-i", "turtle", "-c", str(out / "graph.ttl")], capture_output=True, text=True)
        assert parsed.returncode == 0, parsed.stderr
