"""The HTML view of large graphs in headless Chromium: the cheaper settings, and a
corpus of 5,000 entities and 20,000 relations opening on its folded map.

How fast it opens is measured by benchmarks/html_view.py, not asserted here.
"""
from __future__ import annotations

import importlib.util
import json
import re
from itertools import cycle, permutations
from pathlib import Path
from typing import Any

import pytest

from kg.export.html import write_html
from kg.model import Article, Assertion, Corpus, Entity
from kg.rdf.ontology import is_symmetric, relations

from view_helpers import browser_context, open_page, open_view, skip_reason  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")

ROOT = Path(__file__).resolve().parents[2]


def _dense_corpus(n_nodes: int, n_edges: int) -> Corpus:
    """Few entities, many relations: enough to switch the page to its large-graph settings."""
    entities = {f"country/c{i}": Entity(f"country/c{i}", "Country", f"Nước {i}") for i in range(n_nodes)}
    triples = ((s, p, o) for p in sorted(relations()) for s, o in permutations(sorted(entities), 2)
               if not is_symmetric(p) or s < o)
    modalities = cycle(["asserted", "asserted", "requested", "negated"])
    assertions = [Assertion("d", s, p, o, next(modalities), 0.7, sentence=f"{s} {p} {o}.")
                  for _, (s, p, o) in zip(range(n_edges), triples)]
    return Corpus(articles=[Article(doc="d", text="", title="Tổng hợp", date="2021-01-01")],
                  entities=entities, assertions=assertions)


def test_large_graph_mode(open_view, tmp_path: Path) -> None:
    from kg.export.html_model import LARGE_EDGES

    path = tmp_path / "large.html"
    write_html(_dense_corpus(60, LARGE_EDGES + 1), path)
    view = open_view(path)
    page = view.page
    assert page.evaluate("() => kgView.edges.length") == LARGE_EDGES + 1
    assert page.evaluate("() => kgView.edges.get().filter(e => e.label !== undefined).length") == 0
    arrows = ("() => kgView.network.body.edges[kgView.edges.get().find(e => !e.symmetric).id]"
              ".options.arrows.to.enabled")
    page.evaluate("() => kgView.network.moveTo({scale: 0.2})")
    page.evaluate("() => { kgView.network.body.emitter.emit('zoom', {}); }")
    assert page.evaluate(arrows) is False                 # zoomed out: no arrow heads
    page.evaluate("() => kgView.network.moveTo({scale: 1.5})")
    page.evaluate("() => { kgView.network.body.emitter.emit('zoom', {}); }")
    assert page.evaluate(arrows) is True
    page.fill("#search", "nuoc 7")
    page.press("#search", "Enter")
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == ["country/c7"]
    page.locator('#facet-modality input[value="asserted"]').uncheck()
    shown = page.evaluate("() => kgView.edges.get().map(e => e.modalities.join())")
    assert shown and all(m in ("negated", "requested") for m in shown)
    view.assert_clean()


# --------------------------------------------------------------------------- 5,000 entities

def _benchmark_corpus(n_nodes: int, n_edges: int) -> Corpus:
    """The benchmark's generated corpus (benchmarks/html_view.py), so the test opens what it times."""
    spec = importlib.util.spec_from_file_location("kg_bench_html_view", ROOT / "benchmarks" / "html_view.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus(n_nodes, n_edges)


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    corpus = _benchmark_corpus(5000, 20000)
    path = tmp_path_factory.mktemp("big") / "big.html"
    write_html(corpus, path)
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', path.read_text("utf-8"), re.S)
    assert block
    return path, json.loads(block.group(1))


def _folded_edges(data: dict) -> dict[tuple[str, str, str], int]:
    """The folded map's edges and their sentences, from the data without the page's code."""
    into = {n["id"]: n["into"] for n in data["nodes"] if n["into"]}
    out: dict[tuple[str, str, str], int] = {}
    for e in data["edges"]:
        if e["office"]:
            continue
        a, b = into.get(e["from"], e["from"]), into.get(e["to"], e["to"])
        if e["symmetric"]:
            a, b = min(a, b), max(a, b)
        if a != b:
            out[(a, e["predicate"], b)] = out.get((a, e["predicate"], b), 0) + len(e["evidence"])
    return out


def _shown(page: Any) -> tuple[set[str], list[dict]]:
    return (set(page.evaluate("() => kgView.nodes.getIds()")),
            page.evaluate("() => kgView.edges.get().map(e => ({from: e.from, to: e.to, predicate: e.predicate, "
                          "n: e.evidence.length}))"))


def test_five_thousand_entities_open_on_the_folded_map(open_view, big_page: tuple[Path, dict]) -> None:
    path, data = big_page
    assert data["meta"]["large"] and data["meta"]["fold"]
    view = open_view(path)
    page = view.page
    assert page.evaluate("() => kgView.ready && kgView.complete") is True
    assert page.locator("#fold").is_checked()
    # The opening picture is the folded map, every one of its edges drawn by vis.
    expected = _folded_edges(data)
    nodes, edges = _shown(page)
    assert {(e["from"], e["predicate"], e["to"]): e["n"] for e in edges} == expected
    assert len(edges) == len(expected)
    # Its entities: the ends of its edges, and those with no relation drawn at all (an office only).
    linked = {x for e in data["edges"] if not e["office"] for x in (e["from"], e["to"])}
    alone = {n["id"] for n in data["nodes"] if n["id"] not in linked and not n["into"]}
    assert nodes == {x for key in expected for x in (key[0], key[2])} | alone
    assert set(page.evaluate("() => Object.keys(kgView.network.body.edges)")) >= \
        set(page.evaluate("() => kgView.edges.getIds()"))
    assert page.evaluate("() => kgView.network.physics.physicsEnabled") is False
    # Zoomed in on thousands of edges, vis draws no arrow heads (each frame would take 0.5 s).
    page.evaluate("() => { kgView.network.moveTo({scale: 1.5}); kgView.network.body.emitter.emit('zoom', {}); }")
    assert len(edges) > 4000
    assert page.evaluate("() => kgView.network.body.edges[kgView.edges.get().find(e => !e.symmetric).id]"
                         ".options.arrows.to.enabled") is False
    view.assert_clean()


def test_a_search_unfolds_the_big_map_and_selects_the_person(open_view, big_page: tuple[Path, dict]) -> None:
    path, data = big_page
    view = open_view(path)
    page = view.page
    person = max((n for n in data["nodes"] if n["into"]), key=lambda n: (n["assertions"], n["id"]))
    page.fill("#search", person["names"][0])
    page.press("#search", "Enter")
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == [person["id"]]
    assert page.locator("#panel h2").text_content() == person["labels"][data["meta"]["lang"]]
    assert not page.locator("#fold").is_checked()
    # Unfolded: every entity and every relation, none left out.
    drawn = [e for e in data["edges"] if not e["office"]]
    nodes, edges = _shown(page)
    assert nodes == {n["id"] for n in data["nodes"]}
    assert len(edges) == len(drawn)
    assert page.locator("#filter-status").text_content() == \
        f"Showing {len(drawn)} of {len(drawn)} relations and {len(nodes)} of {len(data['nodes'])} entities."
    view.assert_clean()
