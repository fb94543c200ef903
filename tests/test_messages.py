"""Every message kg prints escapes control characters: a file name cannot drive the terminal
or forge a line of kg's output."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.cli._common import clean_errors
from kg.terminal import printable

runner = CliRunner()
HOSTILE = "a\x1b[2J\x1b]0;owned\x07\r\nerror: E999 forged\x9b31m\u202egnp.txt"


@pytest.mark.parametrize("text, shown", [
    ("plain Hà Nội\ttab", "plain Hà Nội\ttab"),
    ("line\nnext", "line\\nnext"),
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("bell\x07 back\x08 nul\x00 del\x7f csi\x9b", "bell\\x07 back\\x08 nul\\x00 del\\x7f csi\\x9b"),
    ("\r\n", "\\r\\n"),
    ("abc\u202efdp.exe", "abc\\u202efdp.exe"),        # right-to-left override
])
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def _assert_safe(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output and "\u202e" not in output
    assert not any(line.startswith("error: E999") for line in output.splitlines())


@pytest.mark.parametrize("quiet", [True, False])
def test_build_names_hostile_files_safely(tmp_path: Path, quiet: bool) -> None:
    folder = tmp_path / HOSTILE
    folder.mkdir()
    (folder / f"empty{HOSTILE}.txt").write_bytes(b"")
    res = runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "out"), *(["-q"] if quiet else [])])
    assert res.exit_code == 1
    assert "W001" in res.output and "E001" in res.output
    assert "error: E999 forged" in res.output               # shown, on the line of the real message
    _assert_safe(res.output)


def test_fetch_warnings_are_escaped(tmp_path: Path) -> None:
    res = runner.invoke(app, ["fetch", f"ftp://{HOSTILE}", "http://[::1", "-o", str(tmp_path)])
    assert res.exit_code == 1 and "W057" in res.output and "E052" in res.output
    _assert_safe(res.output)


def test_python_warnings_seen_by_a_command_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    with clean_errors():
        warnings.warn(f"W099: {HOSTILE}", UserWarning)
    err = capsys.readouterr().err
    assert err.startswith("warning: W099: a\\x1b[2J") and err.count("\n") == 1
    _assert_safe(err)
