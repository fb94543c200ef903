"""No child of kg outlives it: after `kill -9` of kg, its worker processes, the resource tracker
and the process writing the HTML end too (bounded waits, never a hang)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _children(pid: int, at_least: int, timeout: float = 90) -> list:
    parent = psutil.Process(pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = parent.children(recursive=True)
        if len(kids) >= at_least:
            return kids
        time.sleep(0.1)
    pytest.fail(f"kg never started {at_least} child process(es)")


def _survivors(kids: list, timeout: float = 15) -> list:
    deadline = time.monotonic() + timeout
    while True:
        alive = [k for k in kids if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() > deadline:
            for k in alive:         # clean up after a failure
                k.kill()
            return [" ".join(k.cmdline())[:100] for k in alive]
        time.sleep(0.1)


def test_kill_9_of_a_build_with_workers_ends_every_child(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(30):
        (src / f"a{i}.txt").write_text(f"Nhật Bản tặng Việt Nam {i + 1} triệu liều vắc xin.\n" * 20, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "-o", str(tmp_path / "out"), "-q",
                             "--no-cache", "--workers", "2"], env=ENV, stderr=subprocess.DEVNULL)
    try:
        kids = _children(proc.pid, 3)           # two workers and the resource tracker
        time.sleep(1)
        kids = psutil.Process(proc.pid).children(recursive=True)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _survivors(kids) == []


def test_kill_9_while_the_html_writer_blocks_in_a_pipe_write(tmp_path: Path) -> None:
    """The side writer sends its result (here 64 MB) to a parent that never reads it, then the parent dies."""
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        import kg.export
        from sample_corpus import make_corpus
        from kg.export import side

        class Handed:
            def for_child(self): return self
            def reopen(self): pass
            def handover(self): return b"x" * (64 << 20)
            def discard(self): pass

        kg.export.export = lambda corpus, fmt, path: None
        writer = side.start(make_corpus(), "html", {str(tmp_path / 'graph.html')!r}, Handed(), min_assertions=0)
        print(writer.process.pid, flush=True)
        time.sleep(600)
    """)
    if (os.cpu_count() or 1) < 2:
        pytest.skip("the HTML is written in a second process only with two cores or more")
    proc = subprocess.Popen([sys.executable, "-c", script], env=ENV, stdout=subprocess.PIPE, text=True)
    try:
        child = psutil.Process(int(proc.stdout.readline()))
        time.sleep(1)           # the child is blocked writing to the pipe by now
        assert child.is_running()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _survivors([child]) == []
