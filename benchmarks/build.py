"""Benchmark of `kg build` on synthetic corpora of 100, 1,000 and 10,000 articles.

For each size it prints the end-to-end throughput (characters/s, articles/s,
with the process start and model loading included), the time per stage, the
peak memory, and two references timed in the same run on the same text:
underthesea's ``word_tokenize`` alone (the floor of any Vietnamese pipeline)
and the plain ``underthesea.ner`` pipeline (what a naive tool would run). It
also times `kg --help`, an incremental rebuild after one changed article, and
the Turtle writer per million triples. Every build runs in its own process, so
peak memory is that build's.

    python3 benchmarks/build.py                          # 100 and 1,000 (1 and 2 workers), 10,000 (2 workers)
    python3 benchmarks/build.py --sizes 100 --workers 1  # a quick look

The machine is shared and noisy: compare ratios from the same run, not
absolute figures across runs. Results are also written to WORK/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_corpus  # noqa: E402

NER_SAMPLE = 20          # articles: the NER pipeline is ~60x slower than the segmenter
WS_SAMPLE = 2000         # articles of the largest corpus timed with word_tokenize


def _texts(folder: Path, limit: int | None = None) -> list[str]:
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[:limit]
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in files]


def references(folder: Path, n: int) -> dict[str, float]:
    """chars/s of word_tokenize and of the NER pipeline on the corpus's own files."""
    import underthesea

    underthesea.word_tokenize("Việt Nam")           # load the models outside the clock
    underthesea.ner("Việt Nam")
    texts = _texts(folder, min(n, WS_SAMPLE))
    start = time.perf_counter()
    for t in texts:
        underthesea.word_tokenize(t)
    ws = sum(map(len, texts)) / (time.perf_counter() - start)
    sample = texts[:NER_SAMPLE]
    start = time.perf_counter()
    for t in sample:
        underthesea.ner(t)
    ner = sum(map(len, sample)) / (time.perf_counter() - start)
    return {"word_tokenize_chars_s": ws, "ner_chars_s": ner, "ws_articles": len(texts), "ner_articles": len(sample)}


def run_build(folder: Path, out: Path, workers: int, extra: list[str] | None = None) -> dict:
    """`build` in a fresh process; its report plus wall time and peak memory."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", str(folder), str(out), str(workers), *(extra or [])]
    load = os.getloadavg()[0]           # other processes on the machine skew every figure
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    stdout = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed on {folder} (status {status})")
    report = json.loads(stdout.strip().splitlines()[-1])
    report.update(wall=wall, cpu=usage.ru_utime + usage.ru_stime, load=(load + os.getloadavg()[0]) / 2)
    return report


def one(folder: str, out: str, workers: int, args: list[str]) -> None:
    """The child: build, then report as one JSON line."""
    from kg.build.pipeline import build

    formats = [a.split("=", 1)[1] for a in args if a.startswith("--format=")] or None
    result = build([folder], out, workers=workers, cache="--no-cache" not in args, formats=formats)
    corpus = result.corpus
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_rss = result.memory.get("worker processes", 0.0)
    # The largest finished child: the process that wrote the HTML view (kg.export.side),
    # or a worker. Its resident size counts the pages it shares with this process.
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    triples = layout = None
    if "--count" in args:       # the RDF layout once, alone (each RDF writer does it again as it writes)
        from kg.rdf.layout import corpus_quads

        start = time.perf_counter()
        triples = sum(1 for _ in corpus_quads(corpus))
        layout = time.perf_counter() - start
    print(json.dumps({"articles": len(corpus.articles), "chars": sum(len(a.text) for a in corpus.articles),
                      "assertions": len(corpus.assertions), "triples": triples, "layout": layout,
                      "timings": result.timings, "memory": result.memory,
                      "cache": result.cache, "peak_mb": self_rss, "worker_peak_mb": workers_rss,
                      "child_peak_mb": child_rss}))


def help_time(runs: int = 7) -> dict[str, float]:
    kg = shutil.which("kg")
    cmd = [kg, "--help"] if kg else [sys.executable, "-m", "kg.cli", "--help"]
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        _, _, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return {"min": min(walls), "median": statistics.median(walls), "cpu_median": statistics.median(cpus)}


def incremental(folder: Path, work: Path, formats: list[str] | None = None) -> dict:
    """Full build with an empty cache, one article changed, rebuild: seconds and ratio."""
    copy = work / f"{folder.name}-edit"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    out = work / f"out-{copy.name}"
    shutil.rmtree(out, ignore_errors=True)
    extra = [f"--format={f}" for f in formats or []]
    full = run_build(copy, out, 1, extra)
    files = sorted(copy.glob("*.txt"))
    target = files[len(files) // 2]
    target.write_text(target.read_text(encoding="utf-8").replace("\nPV\n", "\nNhật Bản tặng Lào 2 triệu liều vắc xin.\nPV\n"),
                      encoding="utf-8")
    again = run_build(copy, out, 1, extra)
    return {"formats": formats or "all", "full": full["wall"], "rebuild": again["wall"],
            "ratio": again["wall"] / full["wall"], "reused": again["cache"].get("reused"),
            "extracted": again["cache"].get("extracted"), "rebuild_timings": again["timings"]}


STAGES = ["read", "nlp", "extract", "resolve", "cache", "wait for workers"]


def table(rows: list[dict]) -> str:
    writes = sorted({k for r in rows for k in r["timings"] if k.startswith("write ")},
                    key=lambda k: ["ttl", "trig", "jsonld", "graphml", "jsonl", "html"].index(k.rsplit(".", 1)[-1])
                    if k.rsplit(".", 1)[-1] in ("ttl", "trig", "jsonld", "graphml", "jsonl", "html") else 9)
    head = ["N", "workers", "load avg", "wall s", "chars/s", "articles/s", "× word_tokenize", "× ner", "peak MB: extraction / with outputs / largest child",
            *[f"{s} s" for s in STAGES], *[f"{w.split(' ', 1)[1]} s" for w in writes]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        t = r["timings"]
        cps = r["chars"] / r["wall"]
        lines.append("| " + " | ".join([
            f"{r['articles']:,}", str(r["workers"]), f"{r.get('load', 0):.1f}", f"{r['wall']:.1f}", f"{cps:,.0f}", f"{r['articles'] / r['wall']:.2f}",
            f"{cps / r['ref']['word_tokenize_chars_s']:.2f}", f"{cps / r['ref']['ner_chars_s']:.1f}",
            f"{r['memory']['extraction']:.0f} / {r['peak_mb']:.0f} / {r.get('child_peak_mb', r['worker_peak_mb']):.0f}",
            *[f"{t[s]:.1f}" if s in t else "–" for s in STAGES],
            *[f"{t[w]:.1f}" if w in t else "–" for w in writes]]) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--workers", default="1,2", help="worker counts for sizes below 10,000")
    ap.add_argument("--big-workers", default="2", help="worker counts for 10,000 and more (one run)")
    ap.add_argument("--work", default="/tmp/kg-bench", type=Path)
    ap.add_argument("--no-incremental", action="store_true")
    ap.add_argument("--incremental-size", type=int, default=2000,
                    help="articles of the corpus rebuilt after one change (all default outputs, then Turtle only)")
    opts = ap.parse_args()
    opts.work.mkdir(parents=True, exist_ok=True)
    results: dict = {"help": help_time(), "builds": [], "references": {}}
    print(f"kg --help: min {results['help']['min']:.3f} s, median {results['help']['median']:.3f} s "
          f"(CPU {results['help']['cpu_median']:.3f} s)", flush=True)
    sizes = [int(s) for s in opts.sizes.split(",")]
    for n in sizes:
        folder = write_corpus(n, opts.work / f"corpus-{n}")
        ref = references(folder, n)
        results["references"][n] = ref
        print(f"N={n}: word_tokenize {ref['word_tokenize_chars_s']:,.0f} chars/s ({ref['ws_articles']} articles), "
              f"ner {ref['ner_chars_s']:,.0f} chars/s ({ref['ner_articles']} articles)", flush=True)
        counts = opts.big_workers if n >= 10_000 else opts.workers
        for w in (int(x) for x in counts.split(",")):
            out = opts.work / f"out-{n}-w{w}"
            shutil.rmtree(out, ignore_errors=True)
            row = run_build(folder, out, w, ["--count"] if w == int(counts.split(",")[-1]) else [])
            row.update(workers=w, ref=ref)
            results["builds"].append(row)
            print(f"N={n} workers={w}: {row['wall']:.1f} s; "
                  + ", ".join(f"{k} {v:.1f}" for k, v in row["timings"].items())
                  + "; peak MB after " + ", ".join(f"{k} {v:.0f}" for k, v in row["memory"].items()), flush=True)
    if not opts.no_incremental:
        n = opts.incremental_size
        write_corpus(n, opts.work / f"corpus-{n}")
        results["incremental"] = []
        for formats in (None, ["turtle"]):
            inc = incremental(opts.work / f"corpus-{n}", opts.work, formats)
            results["incremental"].append(inc)
            print(f"incremental, N={n}, outputs {inc['formats']}: full {inc['full']:.1f} s, after one changed "
                  f"article {inc['rebuild']:.1f} s ({inc['ratio']:.1%}); reused {inc['reused']}, extracted "
                  f"{inc['extracted']}; rebuild: " + ", ".join(f"{k} {v:.1f}" for k, v in inc["rebuild_timings"].items()),
                  flush=True)
    print("\n" + table(results["builds"]))
    counted = [r for r in results["builds"] if r.get("triples")]
    if counted:
        big = max(counted, key=lambda r: r["triples"])
        per_million = big["timings"]["write graph.ttl"] / big["triples"] * 1e6
        results["turtle_s_per_million"] = per_million
        print(f"\nTurtle: {big['triples']:,} triples in {big['timings']['write graph.ttl']:.1f} s "
              f"({per_million:.1f} s per million); laying out the triples alone: {big['layout']:.1f} s")
    (opts.work / "results.json").write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:])
    else:
        main()
