"""The pyvis HTML view: self-contained, safe with hostile article text, data intact."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.model import Article, Assertion, Corpus, Entity

html_mod = pytest.importorskip("kg.export.html")
write_html = html_mod.write_html

EVIL_TITLE = 'Việt Nam đề nghị Nga <script>alert(1)</script> "vắc xin" \'Sputnik\' </script><!--'
EVIL_SENTENCE = ('Việt Nam đề nghị Nga <script>alert(1)</script> hỗ trợ '
                 '<img src=x onerror=alert(1)> "thuốc" & \'vắc xin\' \u2028.')
PERSON = unicodedata.normalize("NFD", "Bùi Thanh Sơn")     # given decomposed: output must be NFC


def _corpus() -> Corpus:
    entities = {
        "country/vietnam": Entity("country/vietnam", "Country", "Vietnam",
                                  {"vi": "Việt Nam", "en": "Vietnam"}, {"Việt Nam", "VN"}),
        "country/russia": Entity("country/russia", "Country", "Russia", {"vi": "Nga"},
                                 {"Nga", "Liên bang Nga"}, wikidata="Q159"),
        "country/cuba": Entity("country/cuba", "Country", "Cuba"),          # in no assertion
        "person/bui-thanh-son": Entity("person/bui-thanh-son", "Person", PERSON, {}, {PERSON}),
        "position/foreign-minister": Entity("position/foreign-minister", "Position", "Foreign Minister",
                                            {"vi": "Bộ trưởng Ngoại giao"}, {"Bộ trưởng Ngoại giao"}),
        "vaccine/sputnik-v": Entity("vaccine/sputnik-v", "Vaccine", "Sputnik V"),
    }
    a = Article(doc="000_a", text=EVIL_TITLE + "\n" + EVIL_SENTENCE, url="javascript:alert(1)",
                title=EVIL_TITLE, date="2021-07-01")
    b = Article(doc="001_b", text="Nga đã chuyển giao vắc xin cho Việt Nam.",
                url="https://example.vn/tin/b.html", title="Nga hỗ trợ Việt Nam", date="2021-07-02")

    def s(doc: str, subj: str, pred: str, obj: str, modality: str = "asserted", **kw: object) -> Assertion:
        sentence = EVIL_SENTENCE if doc == "000_a" else b.text
        return Assertion(doc, subj, pred, obj, modality, 0.8, sentence=sentence, **kw)

    assertions = [
        s("000_a", "country/vietnam", "appealsTo", "country/russia", trigger="đề nghị"),
        s("000_a", "country/russia", "providesAidTo", "country/vietnam", "requested"),
        s("001_b", "country/russia", "providesAidTo", "country/vietnam"),      # same edge, 2nd evidence
        s("001_b", "country/vietnam", "meetsWith", "country/russia"),
        s("001_b", "country/russia", "meetsWith", "country/vietnam"),          # symmetric: same edge
        s("000_a", "person/bui-thanh-son", "holdsPosition", "position/foreign-minister"),
        s("001_b", "country/russia", "transfersTechnologyTo", "country/vietnam", "negated"),
        s("001_b", "country/vietnam", "cooperatesWith", "country/russia", inferred=True),
        s("001_b", "country/russia", "produces", "vaccine/sputnik-v", "planned"),
    ]
    return Corpus(articles=[a, b], entities=entities, assertions=assertions, extractor="test")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes]:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(_corpus(), path)
    raw = path.read_bytes()
    return raw.decode("utf-8"), raw          # strict decode: must be valid UTF-8


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert m, "embedded data block not found"
    return json.loads(m.group(1))


def _edge(data: dict, predicate: str) -> dict:
    return next(e for e in data["edges"] if e["predicate"] == predicate)


def test_registered_under_both_names() -> None:
    from kg.export import EXPORTERS
    assert EXPORTERS.get("html") is write_html
    assert EXPORTERS.get("pyvis") is write_html


def test_offline_and_self_contained(page: tuple[str, bytes]) -> None:
    html, _ = page
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    # No tag with a remote src/href attribute (remote or protocol-relative).
    assert not re.search(r"<[a-z]+\b[^<>]*\s(src|href)\s*=\s*[\"']?\s*(https?:)?//", html, re.IGNORECASE)
    assert "sourceMappingURL" not in html
    assert "default-src 'none'" in html                       # CSP forbids any request
    import pyvis
    js = (Path(pyvis.__file__).parent / "templates/lib/vis-9.1.2/vis-network.min.js").read_text("utf-8")
    middle = len(js) // 2
    assert js[middle:middle + 300] in html                    # vis-network is inlined
    assert "vis-network" in html and ".vis-network" in html   # and its CSS


def test_untrusted_text_cannot_escape(page: tuple[str, bytes]) -> None:
    html, _ = page
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "<!--<" not in html
    # Exactly our three <script> elements: vis, data, page script.
    assert len(re.findall(r"</script\s*>", html, re.IGNORECASE)) == 3
    assert html.count('<script type="application/json"') == 1
    for template in ("graph.html", *html_mod.PAGE_SCRIPTS, "graph.css"):
        text = (html_mod.TEMPLATES / template).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function", "setAttribute(\"on"):
            assert sink not in text, (template, sink)


def test_embedded_data_round_trips(page: tuple[str, bytes]) -> None:
    data = _data(page[0])
    assert len(data["nodes"]) == 4                 # Cuba takes part in nothing; a position is no node
    assert len(data["edges"]) == 7                 # aid ×2 and meetsWith ×2 are grouped
    assert data["meta"]["assertions"] == 9
    assert not any("title" in item for item in data["nodes"] + data["edges"])   # no HTML tooltips
    appeal = _edge(data, "appealsTo")
    ev = appeal["evidence"][0]
    article = data["articles"][ev["doc"]]
    assert ev["sentence"] == EVIL_SENTENCE and article["title"] == EVIL_TITLE
    assert article["url"] is None                  # javascript: never becomes a link
    # subject "Việt Nam", trigger "đề nghị", object "Nga"; markup in the sentence is not a name
    assert ev["marks"] == [[0, 8, "s"], [9, 16, "t"], [17, 20, "o"]]
    assert appeal["labels"]["en"] and appeal["labels"]["vi"]
    assert appeal["label"] == appeal["labels"][data["meta"]["lang"]]


def test_edge_styles(page: tuple[str, bytes]) -> None:
    data = _data(page[0])
    aid = _edge(data, "providesAidTo")
    assert len(aid["evidence"]) == 2 and aid["dashes"] is False        # one reading is asserted
    assert aid["modalities"] == ["asserted", "requested"]
    assert [data["articles"][e["doc"]]["url"] for e in aid["evidence"]] == [None, "https://example.vn/tin/b.html"]
    from kg.rdf.ontology import relation
    assert aid["labels"] == dict(relation("providesAidTo").labels)
    assert _edge(data, "produces")["dashes"] is True                   # planned only
    assert _edge(data, "transfersTechnologyTo")["color"]["color"] == html_mod.NEGATED_COLOUR
    coop = _edge(data, "cooperatesWith")
    assert coop["inferred"] is True and coop["color"]["color"] == html_mod.INFERRED_COLOUR
    assert coop["width"] < aid["width"]
    meets = _edge(data, "meetsWith")
    assert meets["symmetric"] and meets["arrows"]["to"]["enabled"] is False
    assert _edge(data, "appealsTo")["arrows"] == {}             # the global option draws it
    assert data["options"]["edges"]["arrows"]["to"]["enabled"] is True


def test_aggregated_edge_counts_its_sentences(page: tuple[str, bytes]) -> None:
    data = _data(page[0])
    aid = _edge(data, "providesAidTo")
    assert aid["count"] == 2 and aid["label"].endswith("\u00d72")
    assert aid["modality_counts"] == {"asserted": 1, "requested": 1}     # a tie: asserted first
    assert _edge(data, "appealsTo")["label"] == _edge(data, "appealsTo")["labels"][data["meta"]["lang"]]


def test_an_office_is_on_its_person_not_a_node(page: tuple[str, bytes]) -> None:
    data = _data(page[0])
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "position/foreign-minister" not in nodes
    office = _edge(data, "holdsPosition")
    assert office["office"] is True and office["evidence"]            # kept for the panel, never drawn
    assert [o["labels"]["vi"] for o in nodes["person/bui-thanh-son"]["offices"]] == ["Bộ trưởng Ngoại giao"]
    assert not any(e["office"] for e in data["edges"] if e["predicate"] != "holdsPosition")


def test_nodes_by_type_and_size(page: tuple[str, bytes]) -> None:
    nodes = {n["id"]: n for n in _data(page[0])["nodes"]}
    assert {n["type"] for n in nodes.values()} == {"Country", "Person", "Vaccine"}
    assert nodes["person/bui-thanh-son"]["shape"] != nodes["country/vietnam"]["shape"]
    assert nodes["country/russia"]["size"] > nodes["vaccine/sputnik-v"]["size"]
    assert nodes["country/russia"]["wikidata"] == "Q159"
    assert "Liên bang Nga" in nodes["country/russia"]["names"]


def test_utf8_and_nfc(page: tuple[str, bytes]) -> None:
    html, raw = page
    assert '<meta charset="utf-8">' in html
    nfc_name = unicodedata.normalize("NFC", PERSON)
    assert nfc_name.encode("utf-8") in raw
    assert PERSON not in html                      # the decomposed form is gone
    label = next(n for n in _data(html)["nodes"] if n["type"] == "Person")["label"]
    assert label == nfc_name and unicodedata.is_normalized("NFC", label)
    assert "Bộ trưởng Ngoại giao" in html


def test_layout_comes_with_the_page(page: tuple[str, bytes], tmp_path: Path) -> None:
    data = _data(page[0])
    assert data["options"]["physics"] == {"enabled": False}          # nothing moves after load
    positions = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert all(isinstance(v, int) for xy in positions.values() for v in xy)
    assert len(set(positions.values())) == len(positions)
    again = tmp_path / "again.html"
    write_html(_corpus(), again)
    assert again.read_bytes() == page[1]                               # byte for byte


def test_shared_corpus_fixture(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_html(corpus, path)
    data = _data(path.read_text(encoding="utf-8"))
    in_use = {x for a in corpus.assertions for x in (a.subject, a.object)
              if corpus.entities[x].type != "Position"}        # an office is on its person
    groups = {(min(a.subject, a.object), a.predicate, max(a.subject, a.object))
              if html_mod.relation_info(a.predicate)[2] else (a.subject, a.predicate, a.object)
              for a in corpus.assertions}
    assert {n["id"] for n in data["nodes"]} == in_use
    assert len(data["edges"]) == len(groups)
    assert sum(len(e["evidence"]) for e in data["edges"]) <= len(corpus.assertions)


def test_empty_corpus(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "empty.html"
    write_html(Corpus(), path)
    data = _data(path.read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []


def test_missing_vis_assets_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyvis

    from kg.errors import ViewAssetsError

    fake = tmp_path / "pyvis" / "__init__.py"
    fake.parent.mkdir()
    fake.write_text("", encoding="utf-8")
    monkeypatch.setattr(pyvis, "__file__", str(fake))
    html_mod._vis_assets.cache_clear()
    try:
        with pytest.raises(ViewAssetsError, match=r"^E033: .*vis-network not found"):
            write_html(_corpus(), tmp_path / "x.html")
    finally:
        html_mod._vis_assets.cache_clear()
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("nodes, edges, large", [(10, 30, False), (801, 10, True), (10, 2001, True)])
def test_large_graphs_get_cheaper_settings(nodes: int, edges: int, large: bool) -> None:
    from kg.export.html_model import vis_options

    options = vis_options(nodes, edges)
    assert options["physics"] == {"enabled": False}
    assert options["edges"]["arrows"]["to"]["enabled"] is (not large)
    assert options["interaction"].get("hideEdgesOnDrag", False) is large


@pytest.mark.parametrize("value, year, span", [
    ("2021-09-28", None, ("2021-09-28", "2021-09-28")),
    ("2021-09", None, ("2021-09-01", "2021-09-31")),
    ("2021", None, ("2021-01-01", "2021-12-31")),
    ("--09-28", "2021", ("2021-09-28", "2021-09-28")),
    ("--09-28", None, None),
    ("spring 2021", None, None),
    (None, None, None),
])
def test_date_spans_for_the_date_filter(value: str | None, year: str | None, span: tuple | None) -> None:
    from kg.export.html_model import date_span

    assert date_span(value, year) == span
