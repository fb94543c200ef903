"""What `kg build` reads: never its own outputs, never a FIFO or a device, and -o checked before extraction."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
ARTICLES = {"a.txt": "Nhật Bản tặng Việt Nam 1 triệu liều vắc xin.\n",
            "b.txt": "Japan donated 1 million doses of vaccine to Laos on Monday.\n"}


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _assertions(out: Path) -> list[str]:
    return (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("where", ["same folder", "subfolder"])
def test_building_into_the_input_folder_twice_reads_the_articles_only(tmp_path: Path, where: str) -> None:
    src = _corpus(tmp_path / "s")
    out = src if where == "same folder" else src / "graphs"
    runs = [runner.invoke(app, ["build", str(src), "-o", str(out), "-q"]) for _ in range(3)]
    assert all(r.exit_code == 0 for r in runs), [r.output for r in runs]
    first, later = runs[0], runs[1:]
    assert "W091" not in first.stderr                # nothing of kg's in the folder yet
    for run in later:
        assert "W091: skipped kg's own outputs (assertions.jsonl, graph.graphml" in run.stderr, run.stderr
        assert "W001" not in run.stderr and "W052" not in run.stderr
    docs = {json.loads(line)["doc"] for line in _assertions(out)}
    assert docs == {"a", "b"}
    clean = tmp_path / "clean"
    assert runner.invoke(app, ["build", str(_corpus(tmp_path / "c")), "-o", str(clean), "-q"]).exit_code == 0
    assert len(_assertions(out)) == len(_assertions(clean))


def test_an_output_given_by_name_is_not_read(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "s")
    assert runner.invoke(app, ["build", str(src), "-o", str(src), "-q"]).exit_code == 0
    files = sorted(str(p) for p in src.iterdir() if p.is_file())      # what a shell's s/* gives
    res = runner.invoke(app, ["build", *files, "-o", str(src), "-q"])
    assert res.exit_code == 0 and "W091: skipped kg's own outputs" in res.stderr
    assert {json.loads(line)["doc"] for line in _assertions(src)} == {"a", "b"}


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # A hang (reading a FIFO, /dev/zero) fails the test instead of blocking it.
    return subprocess.run([sys.executable, "-m", "kg", *args], env=env, capture_output=True, text=True, timeout=180)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
def test_a_fifo_and_a_device_on_the_command_line_are_skipped(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "s")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    res = _kg("build", str(src / "a.txt"), str(fifo), "/dev/zero", "-o", str(tmp_path / "out"), "-q", "-f", "jsonl")
    assert res.returncode == 0, res.stderr
    assert f"W091: skipped {fifo}: not a regular file (a FIFO)" in res.stderr
    assert "W091: skipped /dev/zero: not a regular file (a character device)" in res.stderr
    assert {json.loads(line)["doc"] for line in _assertions(tmp_path / "out")} == {"a"}


def test_hidden_files_in_a_folder_are_named(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "s")
    (src / ".draft.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    res = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "out"), "-q", "-f", "jsonl"])
    assert res.exit_code == 0 and f"W091: skipped {src / '.draft.txt'}: hidden" in res.stderr


@pytest.mark.parametrize("make_out", ["under a file", "read-only"])
def test_an_output_folder_that_cannot_be_written_fails_before_the_extraction(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_out: str) -> None:
    import tempfile

    import kg.build.pipeline

    src = _corpus(tmp_path / "s")
    if make_out == "under a file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "out"
    else:
        # chmod does not stop root: the refusal of the file system is simulated.
        out = tmp_path / "locked"
        out.mkdir()
        real = tempfile.TemporaryFile

        def refuse(*args: object, dir: object = None, **kw: object) -> object:  # noqa: A002 - tempfile's name
            if dir is not None and Path(str(dir)) == out:
                raise PermissionError(13, "Permission denied", str(out))
            return real(*args, dir=dir, **kw)

        monkeypatch.setattr(tempfile, "TemporaryFile", refuse)

    def no_extraction(*args: object, **kw: object) -> None:
        raise AssertionError("the extraction ran before the output folder was checked")

    monkeypatch.setattr(kg.build.pipeline, "extract_corpus", no_extraction)
    res = runner.invoke(app, ["build", str(src), "-o", str(out), "-q"])
    assert res.exit_code == 1 and res.stderr.startswith(f"error: E007: cannot write output: {out}: "), res.output
    assert "choose another folder with -o" in res.stderr
