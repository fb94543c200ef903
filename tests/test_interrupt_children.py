"""Ctrl-C or SIGTERM sent to the whole process group (what a terminal or a service manager does)
while kg has children (--workers, the HTML writer) prints one line, never a child's traceback."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")
pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")

ROOT = Path(__file__).resolve().parents[1]
# kg with the HTML written in a second process whatever the corpus size.
SIDE_WRITER = "import sys, kg.export.side as side; side.SIDE_ABOVE = 0; from kg.cli import app; app(prog_name='kg')"
EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    for i in range(40):
        (src / f"a{i}.txt").write_text(f"Nhật Bản tặng Việt Nam {i + 1} triệu liều vắc xin.\n"
                                       "Bộ trưởng Ngoại giao Việt Nam gặp Bộ trưởng Ngoại giao Lào.\n" * 5,
                                       encoding="utf-8")
    return src


def _stop_when_children_run(cmd: list[str], children: int, sig: signal.Signals, delay: float) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(psutil.Process(proc.pid).children(recursive=True)) < children:
            assert proc.poll() is None, f"kg ended before its children started: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "kg never started its children"
            time.sleep(0.02)
        time.sleep(delay)
        os.killpg(proc.pid, sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, err


def _one_line(code: int, err: str, sig: signal.Signals) -> None:
    assert "Traceback" not in err, err
    assert code == EXIT[sig], err
    assert [line for line in err.splitlines() if line.strip()] == ["interrupted: previous outputs were left as "
                                                                   "they were."], err


@pytest.mark.parametrize("delay", [0.0, 1.0], ids=["starting", "running"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupting_workers(tmp_path: Path, corpus: Path, sig: signal.Signals, delay: float) -> None:
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-cache",
           "--workers", "2"]
    code, err = _stop_when_children_run(cmd, 3, sig, delay)     # two workers and the resource tracker
    _one_line(code, err, sig)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupting_the_html_writer(tmp_path: Path, corpus: Path, sig: signal.Signals) -> None:
    cmd = [sys.executable, "-c", SIDE_WRITER, "build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-cache"]
    code, err = _stop_when_children_run(cmd, 1, sig, 0.0)
    _one_line(code, err, sig)
