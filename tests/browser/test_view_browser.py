"""The HTML view in a real headless Chromium, opened from file:// with the network off."""
from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import pytest

from kg.export.html import write_html
from kg.model import Article, Assertion, Corpus, Entity
from kg.rdf.ontology import is_symmetric

from view_helpers import (OpenedPage, browser_context, edge_point, open_page, open_view,  # noqa: F401 - fixtures
                          skip_reason)

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "img" / "seeds-view.png"


# --------------------------------------------------------------------------- the seeds

@pytest.fixture(scope="session")
def seeds_corpus() -> Corpus:
    from kg.build.pipeline import extract_corpus

    return extract_corpus([ROOT / "seeds"])


@pytest.fixture(scope="session")
def seeds_html(seeds_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("view") / "graph.html"
    write_html(seeds_corpus, path)
    return path


@pytest.fixture(scope="module")
def seeds_view(browser_context: Any, seeds_html: Path) -> Iterator[OpenedPage]:
    """One page of the seeds shared by the tests that only read or search it."""
    opened = open_page(browser_context, seeds_html)
    yield opened
    opened.page.close()


def _expected(corpus: Corpus) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Entities and edges the view must draw unfolded, worked out without the view's code:
    an office is shown on its person, never drawn."""
    drawn = [a for a in corpus.assertions if a.predicate != "holdsPosition"]
    nodes = {x for a in corpus.assertions for x in (a.subject, a.object)
             if corpus.entities[x].type != "Position"}
    edges = {(min(a.subject, a.object), a.predicate, max(a.subject, a.object)) if is_symmetric(a.predicate)
             else (a.subject, a.predicate, a.object) for a in drawn}
    return nodes, edges


def _data(page: Any) -> dict:
    return page.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent)")


def _drawn(data: dict) -> list[dict]:
    return [e for e in data["edges"] if not e["office"]]


def _unfold(page: Any) -> None:
    page.evaluate("() => kgView.setFolded(false)")


def _visible(page: Any) -> tuple[set[str], list[dict]]:
    return (set(page.evaluate("() => kgView.nodes.getIds()")),
            page.evaluate("() => kgView.edges.get().map(e => ({id: e.id, predicate: e.predicate, "
                          "from: e.from, to: e.to, modalities: e.modalities}))"))


def test_seeds_load_offline_with_every_entity_and_relation(open_view, seeds_html: Path,
                                                            seeds_corpus: Corpus) -> None:
    view = open_view(seeds_html)
    page = view.page
    nodes, edges = _expected(seeds_corpus)
    _unfold(page)
    shown_nodes, shown_edges = _visible(page)
    assert shown_nodes == nodes
    assert len(shown_edges) == len(edges)
    assert {(e["from"], e["predicate"], e["to"]) for e in shown_edges} == edges
    # Laid out, drawn, and still: physics is off once stabilised.
    assert page.evaluate("() => Object.keys(kgView.network.getPositions()).length") == len(nodes)
    assert page.evaluate("() => kgView.network.physics.physicsEnabled") is False
    assert page.locator("#loading").count() == 0
    assert page.locator("#stats").text_content().startswith(f"{len(nodes)} entities · {len(edges)} relations")
    assert view.requests == [view.url]            # the page itself, nothing else
    view.assert_clean()


@pytest.mark.parametrize("facet, value", [
    ("relation", "represents"),
    ("relation", "providesAidTo"),
    ("modality", "asserted"),
    ("type", "Person"),
])
def test_a_filter_hides_the_right_edges(open_view, seeds_html: Path, facet: str, value: str) -> None:
    view = open_view(seeds_html)
    page = view.page
    _unfold(page)
    data = _data(page)
    types = {n["id"]: n["type"] for n in data["nodes"]}

    def kept(edge: dict) -> bool:     # the rule, restated for one unchecked value
        if facet == "relation":
            return edge["predicate"] != value
        if facet == "type":
            return value not in (types[edge["from"]], types[edge["to"]])
        return any(ev["modality"] != value for ev in edge["evidence"])

    expected = {e["id"] for e in _drawn(data) if kept(e)}
    assert 0 < len(expected) < len(_drawn(data)), "the filter must hide some edges and keep others"
    page.locator(f'#facet-{facet} input[value="{value}"]').uncheck()
    _, shown = _visible(page)
    assert {e["id"] for e in shown} == expected
    still = {x for e in shown for x in (e["from"], e["to"])}
    assert set(page.evaluate("() => kgView.nodes.getIds()")) == still   # lone entities go too
    assert page.locator("#filter-status").text_content().startswith(f"Showing {len(expected)} of")
    page.locator("#filter-reset").click()
    assert len(_visible(page)[1]) == len(_drawn(data))
    view.assert_clean()


def test_date_filter_keeps_facts_in_range(open_view, seeds_html: Path) -> None:
    view = open_view(seeds_html)
    page = view.page
    _unfold(page)
    data = _data(page)
    lo, hi = data["facets"]["dates"]
    day = max(ev["lo"] for e in data["edges"] for ev in e["evidence"] if ev["lo"])   # the latest fact
    page.locator("#facet-doc").evaluate("el => el.closest('details').open = true")
    page.locator("details:has(#date-from)").evaluate("el => el.open = true")
    page.fill("#date-from", day)
    page.dispatch_event("#date-from", "change")
    expected = {e["id"] for e in _drawn(data) if any(ev["lo"] and ev["hi"] >= day for ev in e["evidence"])}
    assert lo < day <= hi and 0 < len(expected) < len(_drawn(data))
    assert {e["id"] for e in _visible(page)[1]} == expected
    view.assert_clean()


@pytest.mark.parametrize("query", ["Bui Thanh Son", "bui thanh son", "BÙI THANH SƠN", "Bùi Thanh Sơn"])
def test_search_finds_a_name_without_diacritics(seeds_view: OpenedPage, query: str) -> None:
    view = seeds_view
    page = view.page
    page.evaluate("() => kgView.network.unselectAll()")
    page.fill("#search", query)
    page.press("#search", "Enter")
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == ["person/bui-thanh-son"]
    assert page.locator("#panel h2").text_content() == "Bùi Thanh Sơn"
    assert "Facts (" in page.locator("#panel").text_content()
    view.assert_clean()


def test_unknown_name_is_reported(seeds_view: OpenedPage) -> None:
    view = seeds_view
    view.page.fill("#search", "Ngô Bảo Châu Zzz")
    view.page.press("#search", "Enter")
    assert view.page.locator("#search-status").text_content() == "not found"


@pytest.mark.parametrize("text", ["Bùi Thanh Sơn", "ĐẠI HỘI ĐỒNG", "Covid-19/vắc-xin", "Sputnik_V",
                                  "Liên bang Nga", "Thủ tướng  Phạm   Minh Chính", "Miguel Díaz-Canel"])
def test_page_folds_like_python(seeds_view: OpenedPage, text: str) -> None:
    from kg.lang.text import fold

    assert seeds_view.page.evaluate("t => kgView.fold(t)", text) == fold(text)


def test_clicking_an_edge_shows_its_sentences(open_view, seeds_html: Path) -> None:
    view = open_view(seeds_html)
    page = view.page
    edges = page.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent).edges")
    articles = page.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent).articles")
    # The best-attested relation, so the screenshot shows a panel full of evidence.
    for edge in sorted(edges, key=lambda e: -len(e["evidence"])):
        point = edge_point(page, edge["id"])
        if point:
            break
    else:
        pytest.fail("no edge could be clicked on its own")
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#panel")
    text = panel.text_content()
    assert f"Evidence ({len(edge['evidence'])})" in text
    for ev in edge["evidence"]:
        assert ev["sentence"] in text
        assert (articles[ev["doc"]]["title"] or ev["doc"]) in text
    marked = panel.locator("mark").all_text_contents()
    assert marked and all(m in text for m in marked)     # the entity words are highlighted
    assert panel.locator("blockquote").count() == len(edge["evidence"])
    _save_screenshot(page)
    view.assert_clean()


def _save_screenshot(page: Any) -> None:
    """The README's screenshot, refreshed when KG_UPDATE_SCREENSHOT=1."""
    page.mouse.move(0, 0)
    shot = page.screenshot(type="png")
    assert len(shot) > 20_000          # a drawn page, not a blank one
    if os.environ.get("KG_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(shot)


def test_clicking_a_node_lists_facts_and_names(open_view, seeds_html: Path, seeds_corpus: Corpus) -> None:
    view = open_view(seeds_html)
    page = view.page
    _unfold(page)
    # Bring the node to the middle of the canvas, then click it as a user would.
    point = page.evaluate("""() => { const net = kgView.network, id = "person/bui-thanh-son";
        net.focus(id, {scale: 1});
        const dom = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById("graph").getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y}; }""")
    page.mouse.click(point["x"], point["y"])
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == ["person/bui-thanh-son"]
    text = page.locator("#panel").text_content()
    entity = seeds_corpus.entities["person/bui-thanh-son"]
    for name in entity.aliases:
        assert name in text
    facts = sum(1 for e in _expected(seeds_corpus)[1] if "person/bui-thanh-son" in (e[0], e[2]))
    assert f"Facts ({facts})" in text
    assert page.locator("#panel button.fact:not(.office)").count() == facts
    assert "Foreign Minister of Vietnam" in text or "Bộ trưởng Ngoại giao Việt Nam" in text
    view.assert_clean()


def test_labels_switch_between_vietnamese_and_english(open_view, seeds_html: Path) -> None:
    view = open_view(seeds_html)
    page = view.page

    def labels() -> tuple[str, set[str]]:
        # An edge's label is its relation, then "×n" for n sentences.
        return (page.evaluate("() => kgView.nodes.get('country/vietnam').label"),
                set(page.evaluate("() => kgView.edges.get().filter(e => e.predicate === 'meetsWith')"
                                  ".map(e => e.label.replace(/ \u00d7\\d+$/, ''))")))

    page.check("#lang-en")
    assert labels() == ("Vietnam", {"meets with"})
    page.check("#lang-vi")
    assert labels() == ("Việt Nam", {"hội đàm với"})
    view.assert_clean()


# --------------------------------------------------------------------------- the overview

def _folded_expected(corpus: Corpus, data: dict) -> dict[tuple[str, str, str], int]:
    """Edges of the folded map and their sentences, worked out from the data without the page's code."""
    into = {n["id"]: n["into"] for n in data["nodes"] if n["into"]}
    out: dict[tuple[str, str, str], int] = {}
    for e in _drawn(data):
        a, b = into.get(e["from"], e["from"]), into.get(e["to"], e["to"])
        if e["symmetric"]:
            a, b = min(a, b), max(a, b)
        if a != b:
            out[(a, e["predicate"], b)] = out.get((a, e["predicate"], b), 0) + len(e["evidence"])
    return out


def test_opening_map_folds_people_into_their_countries(open_view, seeds_html: Path,
                                                         seeds_corpus: Corpus) -> None:
    view = open_view(seeds_html)
    page = view.page
    data = _data(page)
    assert page.locator("#fold").is_checked()
    shown = page.evaluate("() => kgView.edges.get().map(e => ({from: e.from, to: e.to, predicate: e.predicate, "
                          "label: e.label, n: e.evidence.length}))")
    expected = _folded_expected(seeds_corpus, data)
    assert {(e["from"], e["predicate"], e["to"]): e["n"] for e in shown} == expected   # one edge each
    assert len(shown) == len(expected)
    for e in shown:           # the count is on the label
        assert e["label"].endswith(f" \u00d7{e['n']}") if e["n"] > 1 else "\u00d7" not in e["label"]
    types = {n["id"]: n["type"] for n in data["nodes"]}
    assert "Person" not in {types[i] for i in page.evaluate("() => kgView.nodes.getIds()")}
    page.locator("#fold").uncheck()
    assert set(page.evaluate("() => kgView.nodes.getIds()")) == _expected(seeds_corpus)[0]
    page.locator("#fold").check()
    assert len(page.evaluate("() => kgView.edges.getIds()")) == len(expected)
    view.assert_clean()


def test_clicking_a_folded_edge_lists_every_sentence(open_view, seeds_html: Path) -> None:
    view = open_view(seeds_html)
    page = view.page
    folded = page.evaluate("() => kgView.edges.get().filter(e => e.folded).map(e => ({id: e.id, "
                           "n: e.evidence.length, parts: e.parts.length}))")
    edge = max(folded, key=lambda e: e["n"])
    assert edge["parts"] > 1
    page.evaluate("id => kgView.network.body.emitter.emit('click', {nodes: [], edges: [id]})", edge["id"])
    panel = page.locator("#panel")
    assert f"Evidence ({edge['n']})" in panel.text_content()
    assert panel.locator("blockquote").count() == edge["n"]
    # The modality breakdown adds up to the evidence read.
    counts = [int(t.rsplit(" ", 1)[1]) for t in panel.locator("p.modalities .badge").all_text_contents()]
    assert counts == sorted(counts, reverse=True) and 0 < sum(counts) <= edge["n"]
    view.assert_clean()


def test_a_modality_filter_splits_an_edge(open_view, seeds_html: Path) -> None:
    view = open_view(seeds_html)
    page = view.page
    _unfold(page)
    data = _data(page)
    mixed = max((e for e in _drawn(data) if len(e["modality_counts"]) > 1 and "asserted" in e["modality_counts"]),
                key=lambda e: e["count"])
    page.locator('#facet-modality input[value="asserted"]').uncheck()
    left = [ev for ev in mixed["evidence"] if ev["modality"] != "asserted"]
    edge = page.evaluate("id => kgView.edges.get(id)", mixed["id"])
    assert edge["label"] == mixed["labels"][data["meta"]["lang"]] + (f" \u00d7{len(left)}" if len(left) > 1 else "")
    from kg.model import MODALITIES

    read = [ev["modality"] for ev in left if not ev["inferred"]] or [ev["modality"] for ev in left]
    dominant = min(set(read), key=lambda m: (-read.count(m), MODALITIES.index(m)))
    assert edge["dashes"] is (dominant != "negated")          # requested, agreed or planned
    view.assert_clean()


def test_timeline_filters_by_date(open_view, seeds_html: Path) -> None:
    view = open_view(seeds_html)
    page = view.page
    _unfold(page)
    data = _data(page)
    bins = data["facets"]["timeline"]
    assert bins and page.locator("#timeline .bar").count() == len(bins)
    last = bins[-1]
    page.evaluate("n => { const s = document.getElementById('time-from'); s.value = n; "
                  "s.dispatchEvent(new Event('input')); }", len(bins) - 1)
    expected = {e["id"] for e in _drawn(data)
                if any(ev["lo"] and ev["hi"] >= last[2] and ev["lo"] <= last[3] for ev in e["evidence"])}
    assert 0 < len(expected) < len(_drawn(data))
    assert {e["id"] for e in _visible(page)[1]} == expected
    assert page.locator("#date-from").input_value() == last[2]
    assert page.locator("#timeline .bar.out").count() == len(bins) - 1
    page.locator("#filter-reset").click()
    assert len(_visible(page)[1]) == len(_drawn(data))
    view.assert_clean()


@pytest.mark.parametrize("language, expected", [("en-GB", "en"), ("vi-VN", "vi")])
def test_opening_state(open_view, seeds_html: Path, seeds_corpus: Corpus, language: str, expected: str) -> None:
    view = open_view(seeds_html, "Object.defineProperty(navigator, 'language', {get: () => '%s'});" % language)
    page = view.page
    data = _data(page)
    assert page.locator(f"#lang-{expected}").is_checked()        # the browser's language, toggle kept
    vietnam = seeds_corpus.entities["country/vietnam"]
    assert page.evaluate("() => kgView.nodes.get('country/vietnam').label") == \
        (vietnam.labels.get(expected) or vietnam.label)
    assert page.locator("#legend").evaluate("el => el.open") is False
    panel = page.locator("#panel")
    assert panel.locator("h2").text_content() == "Overview"
    actors = panel.locator("button.actor").evaluate_all("bs => bs.map(b => b.dataset.id)")
    degree = {n["id"]: n["assertions"] for n in data["nodes"]}
    assert actors and [degree[a] for a in actors] == sorted((degree[a] for a in actors), reverse=True)
    assert actors[0] == max(degree, key=degree.get)
    text = panel.text_content()
    lo, hi = data["facets"]["dates"]
    assert f"{lo} \u2013 {hi}" in text
    assert all((a["title"] or doc) in text for doc, a in data["articles"].items())
    assert page.evaluate("() => kgView.network.physics.physicsEnabled") is False
    view.assert_clean()


# --------------------------------------------------------------------------- hostile text

PAYLOADS = [
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned = \'img\'">',
    "<img src=x onerror=alert(1)>",
    '<svg onload="window.__pwned = \'svg\'"></svg>',
    "\"'><b>bold</b></script><!--",
]
EVIL = " ".join(PAYLOADS)


def _hostile_corpus() -> Corpus:
    entities = {
        "country/vietnam": Entity("country/vietnam", "Country", "Vietnam", {"vi": "Việt Nam"}, {"Việt Nam"}),
        "country/russia": Entity("country/russia", "Country", "Russia", {"vi": "Nga"}, {"Nga"}),
        "person/evil": Entity("person/evil", "Person", "Evil " + PAYLOADS[1], {"vi": "Ác " + PAYLOADS[0]},
                              {PAYLOADS[2], PAYLOADS[3]}),
    }
    sentence = f"Việt Nam đề nghị Nga {EVIL} hỗ trợ vắc xin."
    article = Article(doc="000_evil", text=sentence, url="javascript:window.__pwned='url'",
                      title="Tin " + EVIL, date="2021-07-01", lang="vi")
    assertions = [
        Assertion("000_evil", "country/vietnam", "appealsTo", "country/russia", "asserted", 0.9,
                  sentence=sentence, trigger="đề nghị", attrs={"level": PAYLOADS[1]}),
        Assertion("000_evil", "person/evil", "visits", "country/russia", "planned", 0.6, sentence=sentence,
                  trigger=PAYLOADS[0]),
    ]
    return Corpus(articles=[article], entities=entities, assertions=assertions, extractor="test")


def test_article_text_runs_no_script(open_view, tmp_path: Path) -> None:
    path = tmp_path / "evil.html"
    write_html(_hostile_corpus(), path)
    view = open_view(path)
    page = view.page
    page.locator("details:has(#facet-doc)").evaluate("el => el.open = true")
    page.evaluate("() => kgView.network.body.emitter.emit('click', {nodes: ['person/evil'], edges: []})")
    assert all(p in page.locator("#panel").text_content() for p in PAYLOADS[:4])   # names, as text
    for edge_id in page.evaluate("() => kgView.edges.getIds()"):
        point = edge_point(page, edge_id)
        if point:
            page.mouse.click(point["x"], point["y"])
        else:
            page.evaluate("id => kgView.network.body.emitter.emit('click', {nodes: [], edges: [id]})", edge_id)
        text = page.locator("#panel").text_content()
        assert EVIL in text                                   # shown, as text
    page.fill("#search", "<img")
    page.press("#search", "Enter")
    page.wait_for_timeout(300)       # give any injected handler time to fire
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("body img, body svg, #panel b, #filters b").count() == 0
    assert page.locator("script").count() == 3
    assert page.locator("#panel a").count() == 0             # javascript: never became a link
    view.assert_clean()

    # The detector works: the same payload put through innerHTML does run.
    page.evaluate("html => { const d = document.createElement('div'); d.innerHTML = html; "
                  "document.body.appendChild(d); }", PAYLOADS[1])
    page.wait_for_function("() => window.__pwned === 'img'", timeout=5000)


def test_focus_view_opens_on_its_entity(open_view, seeds_corpus: Corpus, tmp_path: Path) -> None:
    from kg.export import export
    from kg.export.viz import render_view

    graph = export(seeds_corpus, "turtle", tmp_path / "graph.ttl")
    result = render_view(graph, tmp_path / "son.html", focus="Bui Thanh Son", depth=1)
    view = open_view(result.path)
    page = view.page
    assert page.evaluate("() => kgView.network.getSelectedNodes()") == ["person/bui-thanh-son"]
    assert page.locator("#focus-note").text_content() == "around Bùi Thanh Sơn (depth 1)"
    assert len(page.evaluate("() => kgView.nodes.getIds()")) == result.entities
    view.assert_clean()


def test_screenshot_is_in_the_repository() -> None:
    assert SCREENSHOT.is_file() and SCREENSHOT.stat().st_size > 20_000, \
        "run KG_UPDATE_SCREENSHOT=1 python3 -m pytest tests/browser to take it"
