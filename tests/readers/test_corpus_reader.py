"""Corpus files (JSONL, JSON, CSV/TSV, Parquet): columns, rows, ids, and the seeds read back from corpora."""
from __future__ import annotations

import builtins
import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import MissingExtraError
from kg.build.pipeline import extract_corpus
from kg.reader import article_text, read_articles
from kg.readers import content_id
from kg.readers.corpus import Columns, find_columns

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
runner = CliRunner()

VI = ("Việt Nam và Lào ký thỏa thuận hợp tác y tế",
      "Bộ trưởng Y tế hai nước đã ký thỏa thuận hợp tác về vắc xin và thuốc điều trị.")
EN = ("Japan and Laos sign a health pact", "Japan and Laos signed an agreement on vaccine cooperation on Monday.")


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


# --------------------------------------------------------------------------- column names

@pytest.mark.parametrize("names, want", [
    (["text", "title", "url", "date", "id"], dict(text="text", title="title", url="url", date="date", id="id")),
    (["Content", "Headline", "Link", "Published At", "doc_id"],
     dict(text="Content", title="Headline", url="Link", date="Published At", id="doc_id")),
    (["body", "published", "guid"], dict(text="body", title=None, url=None, date="published", id="guid")),
    (["maintext", "date_publish"], dict(text="maintext", title=None, url=None, date=None, id=None)),
    (["nội dung", "tiêu đề"], dict(text="nội dung", title="tiêu đề", url=None, date=None, id=None)),
    (["html", "url"], dict(text="html", title=None, url="url", date=None, id=None)),
    (["summary", "headline"], dict(text=None, title="headline", url=None, date=None, id=None)),
])
def test_default_column_names(names: list[str], want: dict) -> None:
    found = find_columns(names, Columns())
    assert {k: found[k] for k in want} == want


def test_explicit_columns_win_and_ignore_case() -> None:
    found = find_columns(["text", "noi_dung_chinh", "TieuDe"], Columns(text="noi_dung_chinh", title="tieude"))
    assert (found["text"], found["title"]) == ("noi_dung_chinh", "TieuDe")


# --------------------------------------------------------------------------- formats

ROWS = [{"id": "vi-1", "title": VI[0], "url": "https://tin.example.vn/a-1.html", "date": "2021-07-01", "text": VI[1]},
        {"id": "en-1", "title": EN[0], "url": "", "date": "July 2, 2021", "text": EN[1]}]


def _check_rows(arts: list, fmt: str) -> None:
    assert [a.doc for a in arts] == ["vi-1", "en-1"]
    vi, en = arts
    assert (vi.title, vi.url, vi.date, vi.lang, vi.row, vi.format) == (VI[0], ROWS[0]["url"], "2021-07-01", "vi", 1, fmt)
    assert (en.title, en.url, en.date, en.lang, en.row) == (EN[0], None, "2021-07-02", "en", 2)
    assert vi.id == ROWS[0]["url"] and en.id == content_id(en.text)      # URL, else a content hash
    assert article_text(vi) == VI[1] and article_text(en) == EN[1]
    assert vi.text[vi.title_span[0]:vi.title_span[1]] == VI[0]


def test_jsonl(tmp_path: Path) -> None:
    _check_rows(list(read_articles([write_jsonl(tmp_path / "c.jsonl", ROWS)])), "jsonl")


@pytest.mark.parametrize("delimiter, suffix", [(",", ".csv"), (";", ".csv"), ("\t", ".tsv")])
def test_csv_and_tsv(tmp_path: Path, delimiter: str, suffix: str) -> None:
    path = write_csv(tmp_path / f"c{suffix}", ROWS, delimiter=delimiter)
    _check_rows(list(read_articles([path])), suffix[1:])


def test_csv_in_a_legacy_encoding(tmp_path: Path) -> None:
    rows = [{"title": "Vietnam and France sign a health deal", "text": "The café owners welcomed the agreement."}]
    msgs: list[str] = []
    [a] = read_articles([write_csv(tmp_path / "c.csv", rows, encoding="cp1252")], warn=msgs.append)
    assert article_text(a) == rows[0]["text"] and a.encoding == "cp1252"
    assert len(msgs) == 1 and msgs[0].startswith("W050") and "c.csv" in msgs[0] and "cp1252" in msgs[0]


@pytest.mark.parametrize("shape", ["list", "wrapped", "single"])
def test_json(tmp_path: Path, shape: str) -> None:
    data = {"list": ROWS, "wrapped": {"source": "x", "articles": ROWS}, "single": ROWS[0]}[shape]
    (tmp_path / "c.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    arts = list(read_articles([tmp_path / "c.json"]))
    if shape == "single":
        assert [a.doc for a in arts] == ["vi-1"]
    else:
        _check_rows(arts, "json")


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import datetime as dt

    import pyarrow.parquet as pq

    rows = [dict(r, date=dt.datetime(2021, 7, 1 + i, 9, 30)) for i, r in enumerate(ROWS)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet")
    _check_rows(list(read_articles([tmp_path / "c.parquet"])), "parquet")


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.parquet").write_bytes(b"PAR1")
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(MissingExtraError) as err:
        list(read_articles([tmp_path / "c.parquet"]))
    assert str(err.value).startswith("E050") and "c.parquet" in str(err.value) and "kg[parquet]" in str(err.value)


def test_html_in_a_text_column(tmp_path: Path) -> None:
    page = (Path(__file__).parents[1] / "data" / "html" / "en_news_page.html").read_text(encoding="utf-8")
    [a] = read_articles([write_jsonl(tmp_path / "c.jsonl", [{"url": "https://w.example/x", "html": page}])])
    assert a.title == "Australia pledges vaccine doses to Cambodia as ministers meet"
    assert a.url == a.doc == "https://w.example/x" and a.date == "2022-03-08"
    assert "Related coverage" not in a.text and "New Zealand" not in a.text


# --------------------------------------------------------------------------- bad rows and files

def test_bad_rows_are_skipped_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([json.dumps(ROWS[0], ensure_ascii=False), "{not json", "[1, 2]",
                               json.dumps({"id": "x", "text": "  "}), "", json.dumps(ROWS[1])]) + "\n",
                    encoding="utf-8")
    msgs: list[str] = []
    arts = list(read_articles([path], warn=msgs.append))
    assert [a.doc for a in arts] == ["vi-1", "en-1"] and [a.row for a in arts] == [1, 6]
    assert [m.split(":")[0] for m in msgs] == ["W051"] * 3
    assert [re.search(r"row (\d+)", m).group(1) for m in msgs] == ["2", "3", "4"]
    assert all(str(path) in m for m in msgs)


@pytest.mark.parametrize("content, reason", [
    ('{"summary": "no text column here"}\n', "no text column"),
    ("", "no rows"),
])
def test_files_without_articles_are_skipped(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "c.jsonl").write_text(content, encoding="utf-8")
    msgs: list[str] = []
    assert list(read_articles([tmp_path], warn=msgs.append)) == []
    assert len(msgs) == 1 and msgs[0].startswith("W052") and reason in msgs[0] and "c.jsonl" in msgs[0]


def test_missing_named_column_is_reported(tmp_path: Path) -> None:
    msgs: list[str] = []
    arts = list(read_articles([write_jsonl(tmp_path / "c.jsonl", ROWS)], warn=msgs.append, date_col="pubDate"))
    assert len(arts) == 2 and arts[0].date is None
    assert len(msgs) == 1 and "'pubDate'" in msgs[0] and "--date-col" in msgs[0]


def test_duplicate_ids(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[0], dict(ROWS[0], text="Một bài khác hẳn về hợp tác giáo dục giữa hai nước.")]
    msgs: list[str] = []
    arts = list(read_articles([write_jsonl(tmp_path / "c.jsonl", rows)], warn=msgs.append))
    assert [a.doc for a in arts] == ["vi-1", "vi-1#2"]               # copy skipped, different article renamed
    assert [m[:4] for m in msgs] == ["W054", "W054"] and "row 2" in msgs[0] and "row 1" in msgs[0]


# --------------------------------------------------------------------------- the seeds as corpora

def _seed_rows() -> list[dict]:
    """One row per seed file: id = file stem, URL/title/date as columns, the rest of the text as text."""
    rows = []
    for a in read_articles([SEEDS]):
        lines = [ln for ln in a.text.splitlines() if ln.strip() not in (a.url, a.title)]
        rows.append({"id": a.doc, "url": a.url or "", "title": a.title, "date": a.date or "",
                     "text": "\n".join(lines)})
    return rows


def _facts(assertions) -> set[tuple]:
    """Assertions without offsets (a corpus row's text is laid out differently from its file)."""
    return {(a["doc"] if isinstance(a, dict) else a.doc,) + (
        (a["subject"]["id"], a["predicate"], a["object"]["id"], a["modality"], a["inferred"], a["sentence"])
        if isinstance(a, dict) else (a.subject, a.predicate, a.object, a.modality, a.inferred, a.sentence))
        for a in assertions}


@pytest.fixture(scope="module")
def seed_facts() -> set[tuple]:
    return _facts(extract_corpus([SEEDS]).assertions)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seeds folder")
def test_seeds_as_jsonl_build_the_same_graph(tmp_path: Path, seed_facts: set[tuple]) -> None:
    corpus = extract_corpus([write_jsonl(tmp_path / "seeds.jsonl", _seed_rows())])
    assert len(seed_facts) > 50
    assert _facts(corpus.assertions) == seed_facts
    by_doc = {a.doc: a for a in corpus.articles}
    for row in _seed_rows():
        assert (by_doc[row["id"]].url or "", by_doc[row["id"]].title) == (row["url"], row["title"])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seeds folder")
def test_seeds_as_csv_with_named_columns_build_the_same_graph(tmp_path: Path, seed_facts: set[tuple]) -> None:
    names = {"id": "ma_bai", "url": "duong_dan", "title": "tieu_de_bai", "date": "ngay_dang", "text": "noi_dung_bai"}
    rows = [{names[k]: v for k, v in r.items()} for r in _seed_rows()]
    path = write_csv(tmp_path / "seeds.csv", rows)
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(path), "-o", str(out), "-q", "-f", "jsonl", "--text-col", "noi_dung_bai",
                              "--title-col", "tieu_de_bai", "--url-col", "duong_dan", "--date-col", "ngay_dang",
                              "--id-col", "ma_bai"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in (out / "assertions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert _facts(recs) == seed_facts
