"""`kg lexicon check`, `kg lexicon export` and `kg build --lexicon`, end to end."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
ARTICLE = ("Zubrowka and Vietnam sign a vaccine agreement\n\n"
           "Zubrowka and Vietnam signed an agreement on vaccine cooperation on Monday.\n")
GOOD = [{"type": "Country", "name": "Zubrowka", "id": "zubrowka", "wikidata": "Q4200001"}]


def write(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def test_check_of_a_clean_file_exits_0(tmp_path):
    res = runner.invoke(app, ["lexicon", "check", str(write(tmp_path / "ok.jsonl", GOOD))])
    assert res.exit_code == 0 and "no problems" in res.output


def test_check_prints_every_problem_with_its_line_and_exits_1(tmp_path):
    path = write(tmp_path / "bad.jsonl", [*GOOD, {"type": "Planet", "name": "Mars"}, "not json",
                                          {"type": "Country", "name": "Zed", "aliases": ["Zubrowka"]}])
    res = runner.invoke(app, ["lexicon", "check", str(path)])
    assert res.exit_code == 1
    lines = [line for line in res.output.splitlines() if line.startswith(str(path))]
    assert [line.split(":")[1] for line in lines] == ["2", "3", "4"]
    assert "Traceback" not in res.output


def test_check_of_a_missing_file_is_a_clean_error(tmp_path):
    res = runner.invoke(app, ["lexicon", "check", str(tmp_path / "absent.jsonl")])
    assert res.exit_code == 1 and "E081" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("args, first_type", [([], "Country"), (["--type", "Vaccine"], "Vaccine")])
def test_export_writes_jsonl_to_stdout_or_a_file(args, first_type, tmp_path):
    res = runner.invoke(app, ["lexicon", "export", *args])
    assert res.exit_code == 0 and json.loads(res.output.splitlines()[0])["type"] == first_type
    out = tmp_path / "built-in.jsonl"
    assert runner.invoke(app, ["lexicon", "export", *args, "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == res.output


def test_export_of_an_unknown_type_is_bad_usage():
    res = runner.invoke(app, ["lexicon", "export", "--type", "Planet"])
    assert res.exit_code == 2 and "E084" in res.output


def test_build_with_a_lexicon_knows_the_new_actor(inputs, tmp_path):
    out = tmp_path / "out"
    plain = runner.invoke(app, ["build", str(inputs), "-o", str(out), "-q", "-f", "jsonl"])
    assert plain.exit_code == 0 and "zubrowka" not in (out / "assertions.jsonl").read_text(encoding="utf-8")
    lexicon = write(tmp_path / "actors.jsonl", GOOD)
    res = runner.invoke(app, ["build", str(inputs), "-o", str(out), "-q", "-f", "jsonl", "--lexicon", str(lexicon)])
    assert res.exit_code == 0, res.output
    assert "country/zubrowka" in (out / "assertions.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("given", ["folder", "file"])
def test_build_reads_the_kg_toml_beside_the_inputs(inputs, tmp_path, given):
    write(inputs / "my.jsonl", GOOD)            # beside the articles, yet no article itself
    (inputs / "kg.toml").write_text('lexicon = ["my.jsonl"]\n', encoding="utf-8")
    out = tmp_path / "out"
    target = inputs if given == "folder" else inputs / "a.txt"
    res = runner.invoke(app, ["build", str(target), "-o", str(out), "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    assert "country/zubrowka" in (out / "assertions.jsonl").read_text(encoding="utf-8")
    assert "warning" not in res.output
    assert [line.split("│")[2].strip() for line in res.output.splitlines() if "│ articles" in line] == ["1"]


def test_a_bad_lexicon_line_names_file_and_line_without_a_traceback(inputs, tmp_path):
    lexicon = write(tmp_path / "actors.jsonl", [*GOOD, '{"type": "Country", "name": "X", "wikidata": "Z1"}'])
    res = runner.invoke(app, ["build", str(inputs), "-o", str(tmp_path / "out"), "--lexicon", str(lexicon)])
    assert res.exit_code == 1
    assert f"E080: {lexicon}:2: wikidata must be" in res.output and "Traceback" not in res.output
