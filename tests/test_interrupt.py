"""Stopping ``kg build`` half-way (Ctrl-C, kill, kill -9) keeps the previous outputs; a rerun goes on.

Each test builds a small corpus first (the "previous outputs"), then starts a
build of a bigger corpus into the same folder in a subprocess, waits until the
build cache holds some of its articles (the cache commits as it goes), and
stops it. The previous outputs must be byte-identical and still parse, no
temporary file may sit among them, and a rerun must reuse the cached articles
and give the same files as a clean build.
"""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FORMATS = ["-f", "turtle", "-f", "jsonl", "-f", "graphml"]
OUTPUTS = ["graph.ttl", "assertions.jsonl", "graph.graphml"]
ARTICLES = 80

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _kg(*args: str, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _run(*args: str) -> tuple[int, str]:
    proc = _kg(*args)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small corpus, a big one (distinct articles), and a clean build of the big one."""
    base = tmp_path_factory.mktemp("interrupt")
    small, big = base / "small", base / "big"
    small.mkdir()
    big.mkdir()
    for i in range(ARTICLES):
        text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\nBài số {i}.\n"
        (big / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
        if i < 3:
            (small / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    clean = base / "clean"
    code, err = _run("build", str(big), "-o", str(clean), "-q", "--no-cache", *FORMATS)
    assert code == 0, err
    return {"small": small, "big": big, "clean": clean}


def _cached(out: Path) -> int:
    try:
        with sqlite3.connect(out / ".kg-cache" / "cache.sqlite", timeout=0.2) as db:
            return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    except sqlite3.Error:
        return 0


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _stop_midway(out: Path, big: Path, sig: signal.Signals) -> tuple[int, str, int]:
    """Start a build of ``big`` into ``out``, send ``sig`` once some of it is cached; (exit, stderr, cached)."""
    before = _cached(out)
    proc = _kg("build", str(big), "-o", str(out), "-q", *FORMATS)
    deadline = time.monotonic() + 120
    while _cached(out) < before + 10:
        assert proc.poll() is None, f"the build ended before it could be stopped: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "the build cache never filled"
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    cached = _cached(out)
    assert cached < ARTICLES, "the build was not stopped half-way"
    return proc.returncode, err, cached


def _check_previous_outputs(out: Path, previous: dict[str, bytes]) -> None:
    assert _snapshot(out) == previous, "an interrupted build changed the previous outputs"
    import rdflib

    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    for line in (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(OUTPUTS), f"files that look like outputs were left: {visible}"


def _rerun_matches_clean_build(out: Path, corpus: dict[str, Path], cached: int) -> None:
    code, err = _run("build", str(corpus["big"]), "-o", str(out), *FORMATS)
    assert code == 0, err
    # The summary is wrapped to the terminal width: match across line breaks.
    reused = re.search(r"(\d+) unchanged article\(s\) reused from the cache", " ".join(err.split()))
    assert reused and int(reused.group(1)) >= cached, err
    assert _snapshot(out) == _snapshot(corpus["clean"]), "the resumed build differs from a clean one"
    assert not list(out.glob(".kg-staging-*")), "staging folders of the stopped build were left"


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "kill"])
def test_ctrl_c_and_kill_exit_cleanly_and_keep_outputs(tmp_path: Path, corpus: dict[str, Path],
                                                       sig: signal.Signals, code: int) -> None:
    out = tmp_path / "out"
    first, err = _run("build", str(corpus["small"]), "-o", str(out), "-q", *FORMATS)
    assert first == 0, err
    previous = _snapshot(out)
    returncode, err, cached = _stop_midway(out, corpus["big"], sig)
    assert returncode == code, err
    assert "Traceback" not in err and "interrupted: previous outputs were left as they were" in err
    _check_previous_outputs(out, previous)
    assert not list(out.glob(".kg-staging-*"))
    if sig == signal.SIGINT:
        _rerun_matches_clean_build(out, corpus, cached)


def test_kill_9_keeps_outputs_and_the_cache(tmp_path: Path, corpus: dict[str, Path]) -> None:
    out = tmp_path / "out"
    first, err = _run("build", str(corpus["small"]), "-o", str(out), "-q", *FORMATS)
    assert first == 0, err
    previous = _snapshot(out)
    returncode, err, cached = _stop_midway(out, corpus["big"], signal.SIGKILL)
    assert returncode == -signal.SIGKILL
    assert cached >= 10, "a killed build lost the cache entries it had committed"
    _check_previous_outputs(out, previous)
    _rerun_matches_clean_build(out, corpus, cached)


def test_a_staging_folder_left_by_a_killed_build_is_removed(tmp_path: Path, corpus: dict[str, Path]) -> None:
    """A build killed while writing leaves a hidden staging folder; the next build removes it."""
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    stale = out / f".kg-staging-{dead}-abc"
    stale.mkdir(parents=True)
    (stale / "graph.ttl").write_text("half a graph", encoding="utf-8")
    live = out / f".kg-staging-{os.getpid()}-xyz"       # a build that still runs: left alone
    live.mkdir()
    code, err = _run("build", str(corpus["small"]), "-o", str(out), "-q", *FORMATS)
    assert code == 0, err
    assert not stale.exists() and live.exists()
