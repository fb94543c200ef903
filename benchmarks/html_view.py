"""How the HTML view copes with a large graph: build it, open it in headless Chromium, time it.

Generates a corpus of NODES entities and EDGES distinct relations (default
5,000 and 20,000; a few entities are hubs, as countries are in news), writes
the page with kg's exporter, opens it from ``file://`` in Debian's Chromium
(driven by playwright, network off) and prints:

* the time to build and write the page, and its size;
* when, after opening, the file was read, its data parsed, the page's own
  set-up done, vis-network's network built and its first picture drawn (the
  page is then interactive: it has its handlers and answers a search) and every
  edge drawn (a large graph's first
  picture has its strongest edges, the others follow in batches), from the
  page's performance marks; when a search asked at the first picture (as a user
  would, through the form) was answered; and the longest task after the first
  picture (how long a click may wait while the edges arrive);
* what an analyst then does: one full redraw, one frame while dragging or
  zooming (edges are hidden then), applying a relation filter, unfolding the
  map and folding it again, a search, clicking an edge (each the median of a
  few runs).

Times are from the start of navigation (the page's own clock). The machine's
load average is printed before and after: compare runs taken side by side.

Run:  python3 benchmarks/html_view.py [--nodes 5000] [--edges 20000] [--keep FILE.html]
Needs: pip install playwright; apt-get install chromium.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export.html import write_html  # noqa: E402
from kg.model import ENTITY_TYPES, MODALITIES, Article, Assertion, Corpus, Entity  # noqa: E402
from kg.rdf.ontology import relations  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Roughly how often each modality occurs in news (mostly plain statements).
MODALITY_WEIGHTS = [0.7, 0.1, 0.1, 0.05, 0.05]
SYLLABLES = ["Bùi", "Thanh", "Sơn", "Nguyễn", "Phú", "Trọng", "Phạm", "Minh", "Chính", "Lê", "Văn",
             "Hà", "Nội", "Đức", "Anh", "Thị", "Hồng", "Quang", "Hải", "Ngọc"]


def make_corpus(n_nodes: int, n_edges: int, *, seed: int = 7) -> Corpus:
    """A reproducible random corpus whose view has exactly ``n_edges`` edges."""
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    for i in range(n_nodes):
        etype = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        name = " ".join(rng.choice(SYLLABLES) for _ in range(3)) + f" {i}"
        entities[f"{etype.lower()}/e{i}"] = Entity(f"{etype.lower()}/e{i}", etype, name, {"vi": name}, {name})
    ids = list(entities)
    articles = [Article(doc=f"doc{j:04d}", text="", title=f"Bài báo số {j}", url=f"https://example.vn/{j}",
                        date=f"2021-{1 + j % 12:02d}-{1 + j % 28:02d}", lang="vi") for j in range(200)]
    names = sorted(relations())
    weights = [1 / (rank + 1) ** 0.8 for rank in range(n_nodes)]     # a few hubs, a long tail
    seen: set[tuple[str, str, str]] = set()
    assertions: list[Assertion] = []
    while len(seen) < n_edges:
        s, o = rng.choices(ids, weights=weights, k=1)[0], rng.choice(ids)
        p = rng.choice(names)
        key = (min(s, o), p, max(s, o))     # symmetric relations group both directions
        if s == o or key in seen:
            continue
        seen.add(key)
        doc = rng.choice(articles)
        sentence = f"{entities[s].label} và {entities[o].label} ({p}) theo bài {doc.doc}."
        assertions.append(Assertion(doc.doc, s, p, o, rng.choices(MODALITIES, weights=MODALITY_WEIGHTS)[0], rng.random(), sentence=sentence,
                                    date=doc.date))
    return Corpus(articles=articles, entities=entities, assertions=assertions, extractor="benchmark")


# Records the page's long tasks (over 50 ms), to see how long a click may wait.
LONG_TASKS = """window.__kgLong = []; new PerformanceObserver(list => list.getEntries().forEach(
    t => window.__kgLong.push([t.startTime, t.duration]))).observe({type: "longtask", buffered: true});"""
# As soon as the page says it is ready, asks it for an entity as a user would (the
# search form), and notes when the panel shows it and the next frame is painted.
EARLY_SEARCH = """new MutationObserver((_, seen) => {
    if (!document.body || document.body.dataset.ready !== "true") return;
    seen.disconnect();
    setTimeout(() => {
      // The most connected entity on the opening map (a person folded away would unfold it: timed below).
      const top = kgView.nodes.get().filter(n => !n.into).sort((a, b) => b.assertions - a.assertions)[0];
      document.getElementById("search").value = top.names[0];
      document.getElementById("search-form").dispatchEvent(new Event("submit", {cancelable: true}));
      const shown = Object.values(top.labels).includes(document.querySelector("#panel h2").textContent);
      requestAnimationFrame(() => setTimeout(() => { window.__kgSearched = shown ? performance.now() : -1; }, 0));
    }, 0);
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-ready"]});"""
MARKS = """() => { const nav = performance.getEntriesByType("navigation")[0], at = {};
    performance.getEntriesByType("mark").forEach(m => { at[m.name] = m.startTime; });
    const waits = window.__kgLong.filter(t => t[0] >= at["kg:ready"]).map(t => t[1]);
    return {read: nav.responseEnd, parsed: at["kg:parsed"], panels: at["kg:panels"], ready: at["kg:ready"],
            complete: at["kg:complete"], wait: Math.max(0, ...waits), searched: window.__kgSearched}; }"""


def _median_ms(page, script: str, runs: int = 5) -> float:  # noqa: ANN001 - playwright Page
    return statistics.median(page.evaluate(script) for _ in range(runs))


def measure(path: Path, chromium: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="kg-bench-profile-")
    try:
        with sync_playwright() as pw:
            # A fresh profile each run; playwright never downloads a browser here.
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 900}, offline=True)
            page = context.new_page()
            page.add_init_script(LONG_TASKS)
            page.add_init_script(EARLY_SEARCH)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(path.resolve().as_uri(), wait_until="commit", timeout=600_000)
            page.wait_for_selector("body[data-complete=true]", state="attached", timeout=120_000)
            page.wait_for_function("() => window.__kgSearched !== undefined", timeout=120_000)
            at = page.evaluate(MARKS)
            if at["searched"] < 0:
                raise SystemExit("the search asked at the first picture did not open its entity")
            figures = {
                "file read, s": at["read"] / 1000,
                "data parsed, s": at["parsed"] / 1000,
                "page set up (filters, panel, indexes), s": at["panels"] / 1000,
                "vis built, first picture drawn (interactive), s": at["ready"] / 1000,
                "a search asked then, answered and painted, s": at["searched"] / 1000,
                "every edge drawn, s": at["complete"] / 1000,
                "longest task after the first picture, ms": at["wait"],
                "one full redraw, ms": _median_ms(page, """() => { const t = performance.now();
                    kgView.network.redraw(); return performance.now() - t; }"""),
                "one frame while dragging or zooming, ms": _median_ms(page, """() => {
                    const net = kgView.network, r = net.renderer; r.dragging = true;
                    const t = performance.now(); net.redraw(); const ms = performance.now() - t;
                    r.dragging = false; return ms; }"""),
                "relation filter off and on again, ms": _median_ms(page, """() => {
                    const box = document.querySelector('input[data-facet=relation]');
                    const t = performance.now();
                    box.click(); box.click(); kgView.network.redraw();
                    return (performance.now() - t) / 2; }"""),
                "unfold the map and fold it again, ms": _median_ms(page, """() => { const t = performance.now();
                    kgView.setFolded(false); kgView.setFolded(true); return performance.now() - t; }""", runs=3),
                "search (diacritics folded), ms": _median_ms(page, """() => { const t = performance.now();
                    kgView.find('bui thanh son 42'); return performance.now() - t; }"""),
                "open an edge's evidence panel, ms": _median_ms(page, """() => {
                    const id = kgView.edges.getIds()[0]; const t = performance.now();
                    kgView.network.selectEdges([id]);
                    kgView.network.body.emitter.emit('click', {nodes: [], edges: [id]});
                    return performance.now() - t; }"""),
            }
            if errors:
                raise SystemExit(f"page errors: {errors}")
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="also keep the generated page here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()

    corpus = make_corpus(args.nodes, args.edges)
    out = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-")) / "large.html"
    start = time.perf_counter()
    write_html(corpus, out)
    built = time.perf_counter() - start
    print(f"graph: {args.nodes} entities, {args.edges} relations, {len(corpus.assertions)} assertions")
    print(f"{'load average (1, 5, 15 min)':45} {_load_average():>8}")
    print(f"{'build and write the page, s':45} {built:8.2f}")
    print(f"{'page size, MB':45} {out.stat().st_size / 1e6:8.2f}")
    if not Path(args.chromium).exists():
        raise SystemExit(f"no Chromium at {args.chromium}: apt-get install chromium")
    for name, value in measure(out, args.chromium).items():
        print(f"{name:45} {value:8.2f}")
    print(f"{'load average (1, 5, 15 min)':45} {_load_average():>8}")


def _load_average() -> str:
    """The machine's load: timings taken while other jobs run are not those of a quiet moment."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
