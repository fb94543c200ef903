"""CSV files read as csv.DictWriter writes them: quotes, doubled quotes and line breaks inside fields."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.reader import read_articles
from kg.readers.corpus import _csv_rows, sniff_delimiter

# Characters that trip a guessing reader: every delimiter, quotes, line breaks, letters.
TRICKY = st.text(alphabet=list(',;\t|"\'\n\r abcxyzệđ1'), max_size=40)
NAMES = ["id", "title", "text", "url", "note"]


def write(path: Path, fieldnames: list[str], rows: list[dict], delimiter: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fieldnames, delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


def reference(path: Path, delimiter: str) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[dict], str]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    rows = draw(st.lists(st.fixed_dictionaries({n: TRICKY for n in names}), min_size=1, max_size=6))
    return names, rows, draw(st.sampled_from([",", ";", "\t", "|"]))


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables())
def test_rows_are_those_csv_dictreader_reads(tmp_path: Path, table: tuple[list[str], list[dict], str]) -> None:
    names, rows, delimiter = table
    path = write(tmp_path / "fuzz.csv", names, rows, delimiter)
    warnings: list[str] = []
    got = [rec for _, rec, _ in _csv_rows(path, warnings.append)]
    assert got == reference(path, delimiter) and not warnings


def test_doubled_quotes_in_a_multi_line_field_keep_rows_apart(tmp_path: Path) -> None:
    text = 'The minister said: ""We will, together; go on.""\n\n"Vaccines" arrive on Monday, he added.'
    rows = [{"id": f"n{i}", "title": f"Laos and Japan sign pact {i}", "text": text.replace('""', '"') + f" ({i})"}
            for i in range(3)]
    path = write(tmp_path / "c.csv", ["id", "title", "text"], rows, ",")
    msgs: list[str] = []
    arts = list(read_articles([path], warn=msgs.append))
    assert [a.doc for a in arts] == ["n0", "n1", "n2"] and not msgs
    assert all('said: "We will, together; go on."' in a.text for a in arts)


def test_a_first_row_longer_than_the_sniffed_sample(tmp_path: Path) -> None:
    long = ('He said "yes", then "no";\n' * 4000)
    rows = [{"id": "a", "text": long}, {"id": "b", "text": "Short; with, all | delimiters"}]
    path = write(tmp_path / "long.csv", ["id", "text"], rows, ";")
    assert [rec for _, rec, _ in _csv_rows(path, print)] == reference(path, ";")


@pytest.mark.parametrize("head, delimiter", [
    ('id,text\r\n1,"a; b; c"\r\n2,"d; e"\r\n', ","),
    ('id;text\r\n1;"a, b, c"\r\n2;"d, e"\r\n', ";"),
    ('text\r\na;b\r\n', ","),               # one column, no comma anywhere: the default
    ('text\r\na,b\r\nc,d\r\n', ";"),        # one column whose rows have commas: not ","
    ('a\tb\tc\nx\ty\tz\n', "\t"),
])
def test_sniff_delimiter(head: str, delimiter: str) -> None:
    assert sniff_delimiter(head) == delimiter


def test_a_damaged_byte_in_a_csv_row_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", ["id", "text"], [{"id": "a", "text": "Việt Nam và Lào ký thỏa thuận XX."}], ",")
    path.write_bytes(path.read_bytes().replace(b"XX", b"\xff"))
    msgs: list[str] = []
    [(_, rec, _)] = list(_csv_rows(path, msgs.append))
    assert rec["text"] == "Việt Nam và Lào ký thỏa thuận \ufffd."
    assert len(msgs) == 1 and msgs[0].startswith("W090: row 1 of") and "1 invalid UTF-8 byte" in msgs[0]
