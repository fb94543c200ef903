"""Decoding bytes of unknown encoding to NFC, and recording what was done."""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from legacy_encodings import cp1258

from kg.reader import read_articles
from kg.readers.encoding import declared_charset, decode_bytes

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_6e90cfce3e47e213.txt"
VI = ("Việt Nam và Lào ký thỏa thuận hợp tác y tế\n"
      "Bộ trưởng Y tế hai nước đã ký thỏa thuận hợp tác về vắc xin, thuốc điều trị và đào tạo nhân lực.\n")
EN = "Vietnam and France sign a health deal\nThe café owners in Hanoi welcomed the agreement on vaccines.\n"
LONG_VI = SEED.read_text(encoding="utf-8") if SEED.exists() else VI * 20


@pytest.mark.parametrize("data, text, encoding, note, guessed", [
    (VI.encode("utf-8"), VI, "utf-8", "", False),
    (codecs.BOM_UTF8 + VI.encode("utf-8"), VI, "utf-8-sig", "UTF-8 byte-order mark", False),
    (VI.encode("utf-16"), VI, "utf-16", "UTF-16 byte-order mark", False),
    (codecs.BOM_UTF16_BE + VI.encode("utf-16-be"), VI, "utf-16", "UTF-16 byte-order mark", False),
    (VI.encode("utf-32"), VI, "utf-32", "UTF-32 byte-order mark", False),
    (unicodedata.normalize("NFD", VI).encode("utf-8"), VI, "utf-8", "NFC-normalised", False),
    (cp1258(VI), VI, "cp1258", "not UTF-8; detected cp1258", True),
    (cp1258(LONG_VI), unicodedata.normalize("NFC", LONG_VI), "cp1258", "not UTF-8; detected cp1258", True),
    (EN.encode("cp1252"), EN, "cp1252", "not UTF-8; detected cp1252", True),
    (LONG_VI.encode("utf-16-le"), LONG_VI, "utf-16-le", "not UTF-8; detected utf-16-le", True),
])
def test_decode(data: bytes, text: str, encoding: str, note: str, guessed: bool) -> None:
    d = decode_bytes(data)
    assert (d.text, d.encoding, d.guessed) == (text, encoding, guessed)
    assert note in d.note if note else d.note == ""


def test_declared_charset_is_used_only_when_bytes_are_not_utf8() -> None:
    assert decode_bytes(cp1258(VI), declared="windows-1258").note.startswith("not UTF-8; decoded as declared cp1258;")
    # Sites often declare a charset they do not use: valid UTF-8 wins.
    d = decode_bytes(VI.encode("utf-8"), declared="iso-8859-1")
    assert (d.text, d.encoding) == (VI, "utf-8")
    # A declared codec that cannot decode the bytes falls back to detection.
    assert decode_bytes(cp1258(VI), declared="ascii").encoding == "cp1258"
    assert decode_bytes(cp1258(VI), declared="no-such-codec").encoding == "cp1258"


@pytest.mark.parametrize("data", [b"\x00\x01\x02" * 50, b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 40,
                                  b"Vietnam\x00\x01\x02 and Laos" * 20])
def test_binary_is_not_text(data: bytes) -> None:
    assert decode_bytes(data) is None


@pytest.mark.parametrize("head, codec", [
    (b'<meta charset="utf-8">', "utf-8"), (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1258'>",
                                          "cp1258"),
    (b'<meta charset=iso-8859-1 />', "iso8859-1"), (b'<meta charset="x-unknown">', None), (b"<p>no meta</p>", None),
])
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(b"<html><head>" + head) == codec


def test_article_records_what_decoding_did(tmp_path: Path) -> None:
    (tmp_path / "legacy.txt").write_bytes(cp1258(VI))
    other = VI.replace("Lào", "Campuchia")
    (tmp_path / "nfd.txt").write_bytes(unicodedata.normalize("NFD", other).encode("utf-8"))
    msgs: list[str] = []
    legacy, nfd = read_articles([tmp_path], warn=msgs.append)
    assert (legacy.encoding, nfd.encoding) == ("cp1258", "utf-8")
    assert "detected cp1258" in legacy.encoding_note and nfd.encoding_note.startswith("NFC-normalised")
    assert (legacy.text, nfd.text) == (VI, other)
    assert len(msgs) == 1 and msgs[0].startswith("W050") and "legacy.txt" in msgs[0] and "cp1258" in msgs[0]
