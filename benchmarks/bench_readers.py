"""Reading speed of each input format (no extraction): prints articles per second.

usage: python3 benchmarks/bench_readers.py [N]   (N copies of each input, default 200)
"""
from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from kg.reader import read_articles

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "data" / "html"


def _time(label: str, paths: list[Path]) -> None:
    start = time.perf_counter()
    n = sum(1 for _ in read_articles(paths, warn=lambda m: None))
    secs = time.perf_counter() - start
    print(f"{label:<8} {n:>5} articles  {secs:6.2f} s  {n / secs:8.1f} articles/s")


def main(copies: int = 200) -> None:
    seeds = list(read_articles([ROOT / "seeds"]))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "txt").mkdir()
        (d / "html").mkdir()
        rows = []
        for i in range(copies):
            a = seeds[i % len(seeds)]
            # A marker line keeps each copy a distinct article (duplicates are skipped).
            text = f"{a.text}\nBản sao {i}."
            (d / "txt" / f"{i}.txt").write_text(text, encoding="utf-8")
            page = (HTML / ("vi_news_page.html" if i % 2 else "en_news_page.html")).read_text(encoding="utf-8")
            extra = f"<p>This is copy number {i} of the page, kept as a distinct article by this paragraph.</p>"
            for body_start in ('<p class="Normal">', '<div class="article-body">'):
                page = page.replace(body_start, body_start + extra if "div" in body_start else extra + body_start, 1)
            (d / "html" / f"{i}.html").write_text(page, encoding="utf-8")
            rows.append({"id": f"r{i}", "title": a.title, "url": "", "text": text})
        with (d / "c.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        with (d / "c.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        list(read_articles([d / "txt" / "0.txt", d / "html" / "1.html"], warn=lambda m: None))  # warm-up: imports
        _time("text", [d / "txt"])
        _time("html", [d / "html"])
        _time("jsonl", [d / "c.jsonl"])
        _time("csv", [d / "c.csv"])
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            print("parquet  skipped (pip install 'kg[parquet]')")
        else:
            pq.write_table(pa.Table.from_pylist(rows), d / "c.parquet")
            _time("parquet", [d / "c.parquet"])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
