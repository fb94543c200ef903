"""The outputs of a build switch into place as a whole: a failure or a kill between the renames
is completed by the next build, never left as a mix of two builds."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kg.export.atomic as atomic
from sample_corpus import make_corpus
from kg.errors import OutputError
from kg.export import write_all
from kg.export.atomic import SWITCH_JOURNAL, finish_switch, signals_deferred

FORMATS = ["turtle", "jsonl", "graphml", "nt", "trig", "json-ld"]
ROOT = Path(__file__).resolve().parents[2]


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def _old_and_new(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """An output folder holding the old outputs, and what the old and the new corpus give."""
    old, new = make_corpus(), make_corpus()
    new.assertions = new.assertions[:1]
    out, ref = tmp_path / "out", tmp_path / "ref"
    write_all(new, ref, formats=FORMATS)
    write_all(old, out, formats=FORMATS)
    before, after = _outputs(out), _outputs(ref)
    assert all(before[name] != after[name] for name in before), "the two builds must differ in every file"
    return out, before, after


def _fail_on_rename(monkeypatch: pytest.MonkeyPatch, n: int, error: BaseException) -> None:
    real, calls = os.replace, []

    def replace(src: object, dst: object) -> None:
        if ".kg-staging-" in str(src) and ".kg-staging-" not in str(dst):
            calls.append(src)
            if len(calls) == n:
                raise error
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_a_failure_between_the_renames_is_completed_by_the_next_build(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out, before, after = _old_and_new(tmp_path)
    _fail_on_rename(monkeypatch, 4, OSError(5, "Input/output error"))
    new = make_corpus()
    new.assertions = new.assertions[:1]
    with pytest.raises(OutputError, match="the next kg build into .* completes the move"):
        write_all(new, out, formats=FORMATS)
    half = _outputs(out)
    assert sum(half[n] == after[n] for n in half) == 3 and sum(half[n] == before[n] for n in half) == 3
    assert (out / SWITCH_JOURNAL).exists()
    monkeypatch.undo()
    # The next build completes the switch first: even if it then fails, the folder is whole.
    with pytest.raises(Exception):
        write_all(make_corpus(), out, formats=["no-such-format"])
    write_all(make_corpus(), out, formats=["turtle"])      # any next build repairs first
    repaired = _outputs(out)
    assert {n: repaired[n] for n in after if n != "graph.ttl"} == {n: after[n] for n in after if n != "graph.ttl"}
    assert sorted(p.name for p in out.iterdir()) == sorted(after)     # no journal, no staging folder left


def test_finish_switch_alone_repairs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before, after = _old_and_new(tmp_path)
    _fail_on_rename(monkeypatch, 2, OSError(28, "No space left on device"))
    new = make_corpus()
    new.assertions = new.assertions[:1]
    with pytest.raises(OutputError):
        write_all(new, out, formats=FORMATS)
    monkeypatch.undo()
    assert len(finish_switch(out)) == len(FORMATS) - 1
    assert _outputs(out) == after and finish_switch(out) == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_9_between_the_renames(tmp_path: Path) -> None:
    """A real kill -9 after three of six renames: the next build finds the journal and completes it."""
    out, before, after = _old_and_new(tmp_path)
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        import kg.export.atomic as atomic
        from sample_corpus import make_corpus
        from kg.export import write_all
        real, calls = os.replace, []
        def replace(src, dst):
            if ".kg-staging-" in str(src) and ".kg-staging-" not in str(dst):
                calls.append(src)
                if len(calls) == 4:
                    os.kill(os.getpid(), signal.SIGKILL)
            real(src, dst)
        atomic.os.replace = replace
        new = make_corpus()
        new.assertions = new.assertions[:1]
        write_all(new, {str(out)!r}, formats={FORMATS!r})
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script], env=env, timeout=120, capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    half = _outputs(out)
    # Some outputs differ from one process to the next (set order): compare with what the child staged.
    [staging] = out.glob(".kg-staging-*")
    staged = _outputs(staging)
    assert len(staged) == 3 and sum(half[n] != before[n] for n in half) == 3
    assert len(finish_switch(out)) == 3
    assert _outputs(out) == {**half, **staged} and all(_outputs(out)[n] != before[n] for n in before)
    assert sorted(p.name for p in out.iterdir()) == sorted(after)


def test_signals_wait_for_the_end_of_the_block() -> None:
    done = []
    with pytest.raises(KeyboardInterrupt):
        with signals_deferred():
            signal.raise_signal(signal.SIGINT)
            done.append("the block went on")
    assert done == ["the block went on"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_during_the_switch_says_the_outputs_were_replaced(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out, before, after = _old_and_new(tmp_path)
    real = os.replace

    def replace(src: object, dst: object) -> None:
        real(src, dst)
        if str(dst) == str(out / "graph.graphml"):      # the third of the six renames into place
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(atomic.os, "replace", replace)
    new = make_corpus()
    new.assertions = new.assertions[:1]
    with pytest.raises(KeyboardInterrupt) as stopped:
        write_all(new, out, formats=FORMATS)
    assert stopped.value.outputs_replaced is True
    assert _outputs(out) == after and not (out / SWITCH_JOURNAL).exists()


def test_kg_build_repairs_before_the_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import kg.build.pipeline
    from kg.cli import app

    out, before, after = _old_and_new(tmp_path)
    _fail_on_rename(monkeypatch, 3, OSError(5, "Input/output error"))
    new = make_corpus()
    new.assertions = new.assertions[:1]
    with pytest.raises(OutputError):
        write_all(new, out, formats=FORMATS)
    monkeypatch.undo()
    seen: dict[str, bytes] = {}

    def extraction_sees(*args: object, **kw: object) -> None:
        seen.update(_outputs(out))
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.build.pipeline, "extract_corpus", extraction_sees)
    (tmp_path / "in.txt").write_text("Nhật Bản tặng Việt Nam vắc xin.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(tmp_path / "in.txt"), "-o", str(out), "-q"])
    assert res.exit_code == 130
    assert "W092: " in res.stderr and "the move was completed (" in res.stderr
    assert seen == after and not (out / SWITCH_JOURNAL).exists()
