"""kg.export.viz: graph files read back into the view model, focus by any name, neighbourhoods."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import (AmbiguousFocusError, FocusNotFoundError, GraphReadError, ViewOptionError)
from kg.export import export
from kg.export.html_model import graph_data
from kg.model import Assertion, Corpus, Entity
from kg.export.viz import find_entity, neighbourhood, read_corpus, render_view

FORMATS = [("graph.ttl", "turtle"), ("graph.trig", "trig"), ("graph.jsonld", "json-ld"),
           ("graph.nt", "nt"), ("graph.nq", "nquads"), ("assertions.jsonl", "jsonl")]


def _edges(data: dict) -> dict[tuple[str, str, str], tuple]:
    """Each edge with what the panel shows for it, independent of edge numbering.

    Confidence, date and quantities are left out: the RDF merges the records of
    one fact in one article (highest confidence, one date), so they are
    compared per edge in the test below.
    """
    return {(e["from"], e["predicate"], e["to"]): (
        tuple(sorted((ev["doc"], ev["sentence"], ev["modality"], ev["inferred"]) for ev in e["evidence"])),
        tuple(e["modalities"]), e["dashes"], e["color"]["color"], e["width"]) for e in data["edges"]}


def _best(data: dict) -> dict[tuple[str, str, str], tuple]:
    return {(e["from"], e["predicate"], e["to"]): (
        max(ev["confidence"] for ev in e["evidence"]),
        sorted({q for ev in e["evidence"] for q in ev["quantities"]}),
        sorted({ev["date"] for ev in e["evidence"] if ev["date"]})) for e in data["edges"]}


@pytest.mark.parametrize("name, fmt", FORMATS)
def test_every_format_gives_the_view_of_the_corpus(corpus: Corpus, tmp_path: Path, name: str, fmt: str) -> None:
    path = export(corpus, fmt, tmp_path / name)
    direct, read = graph_data(corpus), graph_data(read_corpus(path))
    assert _edges(read) == _edges(direct)
    assert _best(read) == _best(direct)
    assert {n["id"]: (n["type"], n["labels"], sorted(n["names"])) for n in read["nodes"]} == \
        {n["id"]: (n["type"], n["labels"], sorted(n["names"])) for n in direct["nodes"]}
    assert read["articles"] == direct["articles"]
    assert read["meta"]["lang"] == direct["meta"]["lang"]


def test_rdf_keeps_every_sentence_of_a_merged_assertion(corpus: Corpus, tmp_path: Path) -> None:
    # The conftest corpus reads Russia's aid in two sentences: one RDF node, two evidence items.
    back = read_corpus(export(corpus, "turtle", tmp_path / "g.ttl"))
    aid = [a for a in back.assertions if a.predicate == "providesAidTo"]
    assert len(aid) == 2 and len({a.sentence for a in aid}) == 2
    assert {a.trigger for a in aid} == {"chuyển giao", "viện trợ"}   # each sentence its own trigger
    assert all(a.sentence_end > a.sentence_start for a in aid)
    level = next(a for a in back.assertions if a.predicate == "hasPartnershipWith")
    assert level.attrs == {"level": "comprehensive strategic partnership"} and level.start == "2012-07"
    assert back.entities["country/russia"].wikidata == "Q159"
    assert back.extractor == corpus.extractor


@pytest.mark.parametrize("content, suffix, message", [
    (None, ".ttl", "no such graph file"),
    (None, ".jsonl", "no such graph file"),
    ("", ".graphml", "unknown extension"),
    ("this is not turtle <<", ".ttl", "not valid turtle"),
    ('{"doc": 1}\n', ".jsonl", "line 1"),
])
def test_unreadable_graphs_name_the_file(tmp_path: Path, content: str | None, suffix: str, message: str) -> None:
    path = tmp_path / f"g{suffix}"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphReadError, match=re.escape(str(path))) as info:
        read_corpus(path)
    assert message in str(info.value) and str(info.value).startswith("E008")


# --------------------------------------------------------------------------- focus

@pytest.mark.parametrize("name, expected", [
    ("person/bui-thanh-son", "person/bui-thanh-son"),      # an id
    ("Bùi Thanh Sơn", "person/bui-thanh-son"),             # the Vietnamese label
    ("Bui Thanh Son", "person/bui-thanh-son"),             # without diacritics
    ("BÙI THANH SƠN", "person/bui-thanh-son"),
    ("ông sơn", "person/bui-thanh-son"),                   # an alias
    ("Việt Nam", "country/vietnam"),
    ("viet nam", "country/vietnam"),
    ("VN", "country/vietnam"),
    ("Lien bang Nga", "country/russia"),
    ("Nga", "country/russia"),
    ("Sputnik", "vaccine/sputnik-v"),                      # the words of one name
    ("bộ trưởng ngoại giao", "position/foreign-minister"),
])
def test_focus_matches_any_name(corpus: Corpus, name: str, expected: str) -> None:
    assert find_entity(corpus, name) == expected


def test_unknown_focus_suggests_close_names(corpus: Corpus) -> None:
    with pytest.raises(FocusNotFoundError, match=r"^E030: no entity named 'Rusia' in g.ttl\. Close names: Russia\.$"):
        find_entity(corpus, "Rusia", graph="g.ttl")


def test_ambiguous_focus_lists_candidates(corpus: Corpus) -> None:
    corpus.entities["person/nguyen-son"] = Entity("person/nguyen-son", "Person", "Nguyễn Sơn")
    with pytest.raises(AmbiguousFocusError, match="person/bui-thanh-son, person/nguyen-son") as info:
        find_entity(corpus, "Sơn")
    assert str(info.value).startswith("E031")


def _chain() -> Corpus:
    """a — b — c — d, and b — e."""
    pairs = [("a", "b"), ("b", "c"), ("c", "d"), ("b", "e")]
    entities = {x: Entity(f"country/{x}", "Country", x.upper()) for x in "abcde"}
    return Corpus(entities={e.id: e for e in entities.values()},
                  assertions=[Assertion("d", f"country/{s}", "meetsWith", f"country/{o}") for s, o in pairs])


@pytest.mark.parametrize("depth, kept", [
    (0, set()),
    (1, {"a", "b"}),
    (2, {"a", "b", "c", "e"}),
    (3, {"a", "b", "c", "d", "e"}),
])
def test_neighbourhood_by_depth(depth: int, kept: set[str]) -> None:
    part, centre = neighbourhood(_chain(), focus="A", depth=depth)
    assert centre == "country/a"
    assert {x.split("/")[1] for a in part.assertions for x in (a.subject, a.object)} == kept
    assert set(part.entities) == {f"country/{x}" for x in kept | {"a"}}


def test_negative_depth_is_refused() -> None:
    with pytest.raises(ViewOptionError, match="E032"):
        neighbourhood(_chain(), focus="A", depth=-1)


# --------------------------------------------------------------------------- render_view

def test_render_view_writes_a_focused_utf8_page(corpus: Corpus, tmp_path: Path) -> None:
    graph = export(corpus, "trig", tmp_path / "graph.trig")
    warnings: list[str] = []
    steps: list[str] = []
    result = render_view(graph, tmp_path / "out" / "son.html", focus="bui thanh son", depth=1,
                         warn=warnings.append, progress=steps.append)
    raw = result.path.read_bytes()
    html = raw.decode("utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert data["meta"]["focus"] == result.focus == "person/bui-thanh-son"
    assert {n["id"] for n in data["nodes"]} == {"person/bui-thanh-son"}     # the office is on him
    assert [o["position"] for o in data["nodes"][0]["offices"]] == ["position/foreign-minister"]
    assert (result.entities, result.relations) == (1, 0)
    assert "Bùi Thanh Sơn".encode("utf-8") in raw
    assert warnings == [] and steps[0].startswith("reading") and steps[-1].startswith("writing")


def test_render_view_warns_when_there_is_nothing_to_draw(corpus: Corpus, tmp_path: Path) -> None:
    corpus.entities["country/cuba"] = Entity("country/cuba", "Country", "Cuba", {"vi": "Cu Ba"})
    graph = export(corpus, "turtle", tmp_path / "graph.ttl")
    warnings: list[str] = []
    result = render_view(graph, tmp_path / "cuba.html", focus="cu ba", warn=warnings.append)
    assert len(warnings) == 1 and warnings[0].startswith("W030") and "country/cuba" in warnings[0]
    assert (result.entities, result.relations) == (1, 0)      # the lone focus is still drawn


def test_render_view_lang(corpus: Corpus, tmp_path: Path) -> None:
    graph = export(corpus, "turtle", tmp_path / "graph.ttl")
    with pytest.raises(ViewOptionError, match="E032: unknown label language 'fr'"):
        render_view(graph, tmp_path / "x.html", lang="fr")
    assert not (tmp_path / "x.html").exists()
    render_view(graph, tmp_path / "en.html", lang="en")
    assert '"lang":"en"' in (tmp_path / "en.html").read_text(encoding="utf-8")


def test_warnings_go_to_python_warnings_without_a_callback(tmp_path: Path) -> None:
    from kg.errors import EmptyViewWarning

    graph = export(Corpus(), "turtle", tmp_path / "empty.ttl")
    with pytest.warns(EmptyViewWarning, match="^W030: .*empty.ttl has no kg assertions"):
        render_view(graph, tmp_path / "empty.html")
    assert (tmp_path / "empty.html").is_file()


def test_large_views_warn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.export.viz

    monkeypatch.setattr(kg.export.viz, "LARGE_VIEW", 3)
    graph = export(_chain(), "turtle", tmp_path / "chain.ttl")
    warnings: list[str] = []
    render_view(graph, tmp_path / "chain.html", warn=warnings.append)
    assert len(warnings) == 1 and warnings[0].startswith("W031: 5 entities and 4 relations")
