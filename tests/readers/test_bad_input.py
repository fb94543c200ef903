"""Bad input files: each has one defined outcome, and the build goes on with the other files.

One table, one row per case: what the bad file is, the warning ``kg build``
must print for it (code and a fragment of what to do), and whether its
article is still read. Every case is built next to a good article, through
the CLI (exit code and stderr) with the build cache on and off: the cache
has its own way into the files (it hashes them).
"""
from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from legacy_encodings import cp1258
from typer.testing import CliRunner

from kg.cli import app
from kg.readers import max_file_mb
from kg.readers.files import MAX_FILE_ENV

runner = CliRunner()
GOOD = "Nga chuyển giao vắc xin cho Lào\n\nNgày 3/8, Nga đã chuyển giao 1 triệu liều vắc xin Sputnik V cho Lào.\n"
VI = "Nhật Bản tặng Việt Nam vắc xin\n\nNgày 16/6, Chính phủ Nhật Bản đã trao tặng Việt Nam 1 triệu liều vắc xin.\n"
EN = "Japan’s gift to Vietnam\n\nJapan donated 1 million doses of vaccine to Vietnam on Monday, the café said.\n"
Maker = Callable[[Path], Path]      # writes the bad input into a folder, returns the path the message names


def _write(name: str, data: bytes | str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path
    return make


def _sparse(name: str, mb: int) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as fh:          # a sparse file: 50 MB on paper, instant to create
            fh.truncate(mb << 20)
        return path
    return make


def _link_loop(folder: Path) -> Path:
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "loop")
    return folder / "sub" / "loop"


def _self_link(folder: Path) -> Path:
    os.symlink("me.txt", folder / "me.txt")      # a link to itself: ELOOP when followed
    return folder / "me.txt"


def _big_row(folder: Path) -> Path:
    rows = [{"id": "small", "text": VI}, {"id": "huge", "text": VI * 4000}]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


DEEP = "[" * 100_000 + "]" * 100_000


def _with_sidecar(meta: str) -> Maker:
    def make(folder: Path) -> Path:
        (folder / "page.meta.json").write_text(meta, encoding="utf-8")
        return _write("page.txt", VI)(folder)
    return make


def _rows(*lines: str) -> Maker:
    return _write("rows.jsonl", "\n".join(lines) + "\n")


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.txt")
    return folder / "pipe.txt"


HTML_SCRIPTS = ("<html><head><script>var s='Mỹ tặng Lào 5 triệu liều vắc xin.'</script></head>"
                "<body><script>document.write('Mỹ tặng Lào vắc xin')</script><noscript>Bật JavaScript</noscript>"
                "</body></html>")
HTML_ARTICLE = ("<html><head><title>Nhật Bản tặng Việt Nam vắc xin</title>"
                "<script>var s='Mỹ tặng Campuchia 5 triệu liều vắc xin.'</script></head><body><article>"
                "<h1>Nhật Bản tặng Việt Nam vắc xin</h1><p>Ngày 16/6, Chính phủ Nhật Bản đã trao tặng Việt Nam "
                "1 triệu liều vắc xin.</p><script>alert('Mỹ tặng Campuchia vắc xin')</script></article></body></html>")
CONTROLS = VI.replace("Chính phủ", "Chính\x00 phủ").replace("trao", "\x1b[1mtrao") + \
    "Hai nước tiếp tục hợp tác trong nhiều lĩnh vực quan trọng như y tế, giáo dục và thương mại.\n" * 4
MIXED = VI + "Nhật Bản 日本 Япония اليابان 🇯🇵 tặng Việt Nam. Россия передала вакцину. 日本向越南捐赠疫苗。\n"

# case id -> (maker, warning code or None, fragment of the message, is the bad file's article read?)
CASES: dict[str, tuple[Maker, str | None, str, bool]] = {
    "empty": (_write("empty.txt", b""), "W001", "empty file", False),
    "whitespace only": (_write("blank.txt", " \n\t\u00a0\n"), "W001", "empty file", False),
    "binary": (_write("noise.bin", random.Random(7).randbytes(4000)), "W001", "save it as UTF-8", False),
    "png named .txt": (_write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "W001", "binary", False),
    "cp1258 Vietnamese": (_write("legacy-vi.txt", cp1258(VI)), "W050", "decoded as cp1258", True),
    "windows-1252 English": (_write("legacy-en.txt", EN.encode("cp1252")), "W050", "decoded as cp1252", True),
    "UTF-16 with BOM": (_write("utf16.txt", VI.encode("utf-16")), None, "", True),
    "50 MB file": (_sparse("huge.txt", 50), "W058", f"raise the limit: {MAX_FILE_ENV}=", False),
    "one endless line": (_write("line.txt", (VI.replace("\n", " ") * 300).rstrip()), None, "", True),
    "a few control characters": (_write("ctrl.txt", CONTROLS), "W059", "read as spaces", True),
    "mostly control characters": (_write("ansi.txt", "\x1b[31m\x07\x00ok\x1b[0m\n" * 50), "W001",
                                  "too many control characters", False),
    "mixed scripts": (_write("mixed.txt", MIXED), None, "", True),
    "HTML with only scripts": (_write("app.html", HTML_SCRIPTS), "W053", "save the text as a .txt file", False),
    "HTML article with scripts": (_write("page.html", HTML_ARTICLE), None, "", True),
    "symlink loop": (_link_loop, "W001", "a loop of links", False),
    "link to itself": (_self_link, "W001", "Fix or remove the link", False),
    "corpus row over the size limit": (_big_row, "W058", "row 2 of", True),
    "one bad byte in UTF-8": (_write("damaged.txt", VI.encode()[:40] + b"\xff" + VI.encode()[40:]), "W090",
                              "(the first at byte 40) read as U+FFFD", True),
    "JSON nested 100,000 deep": (_write("deep.json", DEEP), "W052", "nested too deeply", False),
    "JSONL row nested 100,000 deep": (_rows(DEEP, json.dumps({"id": "ok", "text": VI})), "W051",
                                      "row 1 of", True),
    "JSONL row with a deep text": (_rows(json.dumps({"id": "ok", "text": VI}), '{"text": ' + DEEP + "}"),
                                   "W051", "nested too deeply", True),
    "sidecar with a number as URL": (_with_sidecar('{"url": 5, "title": ["x"]}'), "W001",
                                     "ignored its field(s) url, title: not text", True),
    "sidecar nested 100,000 deep": (_with_sidecar(DEEP), "W001", "nested too deeply", True),
    "sidecar that is a list": (_with_sidecar("[1, 2]"), "W001", "not a JSON object", True),
}
if hasattr(os, "mkfifo"):
    CASES["FIFO in a folder"] = (_fifo, "W091", "not a regular file", False)


def _build(tmp_path: Path, make: Maker, *extra: str) -> tuple[object, Path, Path]:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = make(src)
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(src), "-o", str(out), "-q", "-f", "jsonl", *extra])
    return res, bad, out


def _docs(out: Path) -> set[str]:
    lines = (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["doc"] for line in lines}


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_has_a_defined_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str,
                                         cache: str) -> None:
    make, code, fragment, read = CASES[case]
    if case == "corpus row over the size limit":
        monkeypatch.setenv(MAX_FILE_ENV, "0.1")
    res, bad, out = _build(tmp_path, make, cache)
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    warnings = [line for line in res.stderr.splitlines() if line.startswith("warning:")]
    if code is None:
        assert warnings == [], warnings
    else:
        mine = [w for w in warnings if str(bad) in w]
        assert mine, f"no warning names {bad}: {warnings}"
        assert mine[0].startswith(f"warning: {code}: ") and fragment in mine[0], mine[0]
    docs = _docs(out)
    assert "good" in docs, "the good article must still be built"
    bad_docs = docs - {"good"}
    assert bool(bad_docs) == read, bad_docs


def test_a_big_file_is_never_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size is checked before the file is read, also by the cache (which hashes what it reads)."""
    real = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self.name != "huge.txt", "a file over the size limit was read into memory"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    res, bad, out = _build(tmp_path, _sparse("huge.txt", 50))
    assert res.exit_code == 0, res.output
    assert f"W058: skipped {bad}: 50.0 MB" in res.stderr
    assert _docs(out) == {"good"}


def test_the_size_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert max_file_mb() == 5
    monkeypatch.setenv(MAX_FILE_ENV, "0.001")
    res, bad, out = _build(tmp_path, _write("vi.txt", VI * 20))
    assert f"W058: skipped {bad}" in res.stderr and _docs(out) == {"good"}
    monkeypatch.setenv(MAX_FILE_ENV, "inf")
    assert max_file_mb() == float("inf")
    monkeypatch.setenv(MAX_FILE_ENV, "lots")
    assert max_file_mb() == 5


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str) -> None:
    """chmod 000 does not stop root, so the refusal is simulated: it always runs."""
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    res, bad, out = _build(tmp_path, _write("secret.txt", VI), cache)
    assert res.exit_code == 0, res.output
    assert f"warning: W001: skipped {bad}: cannot read it (Permission denied); check" in res.stderr
    assert _docs(out) == {"good"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode; test_unreadable_file simulates it")
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    def locked(folder: Path) -> Path:
        path = _write("secret.txt", VI)(folder)
        path.chmod(0)
        return path

    res, bad, out = _build(tmp_path, locked)
    assert res.exit_code == 0 and f"W001: skipped {bad}: cannot read it" in res.stderr
    assert _docs(out) == {"good"}


def test_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.iterdir

    def refuse(self: Path):  # noqa: ANN202 - same as Path.iterdir
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    def locked(folder: Path) -> Path:
        (folder / "locked").mkdir()
        _write("a.txt", VI)(folder / "locked")
        return folder / "locked"

    monkeypatch.setattr(Path, "iterdir", refuse)
    res, bad, out = _build(tmp_path, locked)
    assert res.exit_code == 0, res.output
    assert f"W001: skipped folder {bad}: cannot list it (Permission denied); check its permissions" in res.stderr
    assert _docs(out) == {"good"}


def test_only_bad_files_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _write("empty.txt", b"")(src)
    res = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert res.exit_code == 1
    assert "W001" in res.stderr and f"error: E001: no articles found in {src}" in res.stderr
    assert "Traceback" not in res.output and not (tmp_path / "out" / "graph.ttl").exists()


def test_a_missing_input_is_an_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"), "-q"])
    assert res.exit_code == 1 and "E002: input not found" in res.stderr


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(tmp_path), "--no-such-option"])
    assert res.exit_code == 2


def test_troubleshooting_names_real_codes_and_the_exit_codes() -> None:
    """The troubleshooting page and ``kg build --help`` agree with kg.errors and the CLI."""
    import re

    from kg import errors

    page = (Path(__file__).resolve().parents[2] / "docs" / "troubleshooting.md").read_text(encoding="utf-8")
    section = page.split("\n## ", 1)[0]
    known = {getattr(c, "code", None) for c in vars(errors).values() if isinstance(c, type)}
    named = set(re.findall(r"\b[WE]0\d\d\b", section))
    assert {"W001", "W050", "W053", "W058", "W059", "E001"} <= named <= known
    helptext = " ".join(runner.invoke(app, ["build", "--help"], terminal_width=200).output.split())
    for code in ("0", "1", "2", "130", "143"):
        assert f"| `{code}` |" in section and f" {code} " in helptext.replace(";", " ")


@pytest.mark.parametrize("cache", ["--cache", "--no-cache"])
def test_duplicates_across_files_with_and_without_the_cache(tmp_path: Path, cache: str) -> None:
    """The cache reads file by file; ids must still be unique across files (W054), as without it."""
    src = tmp_path / "in"
    for folder in ("a", "b"):
        (src / folder).mkdir(parents=True)
    (src / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    (src / "b" / "x.txt").write_text(VI, encoding="utf-8")       # another article, same name
    (src / "b" / "y.txt").write_text(VI, encoding="utf-8")       # the same article again
    out = tmp_path / "out"
    for _ in range(2):                                           # the second build reads from the cache
        res = runner.invoke(app, ["build", str(src), "-o", str(out), "-q", "-f", "jsonl", cache])
        assert res.exit_code == 0, res.output
        assert "W054: " in res.stderr and "read as 'x#2'" in res.stderr
        assert f"W054: skipped {src / 'b' / 'y.txt'}: same article as" in res.stderr
        assert _docs(out) == {"x", "x#2"}
