"""Every query of queries/ against the seeds' graph, with its expected answers,
on the embedded store and over HTTP on a real Oxigraph server (same answers)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from kg.store import run_query

ROOT = Path(__file__).resolve().parents[2]
SEEDS, QUERIES = ROOT / "seeds", ROOT / "queries"

KG = "https://w3id.org/kgvn/ontology#"
ID = "https://w3id.org/kgvn/id/"
VN, RU, KR, CU = (ID + f"country/{c}" for c in ("vietnam", "russia", "south-korea", "cuba"))
SON, LAVROV, CHINH = (ID + f"person/{p}" for p in ("bui-thanh-son", "sergey-lavrov", "pham-minh-chinh"))
N_SEEDS = len(list(SEEDS.glob("*.txt")))


def has(rows: list[dict], **want: str) -> bool:
    """Some row has all these values."""
    return any(all(r.get(k) == v for k, v in want.items()) for r in rows)


def check_providers(rows, params):
    assert has(rows, provider=RU, relation=KG + "transfersTechnologyTo", recipient=VN, modality="requested")
    assert has(rows, provider=RU, relation=KG + "providesAidTo", recipient=VN, modality="asserted")
    assert has(rows, provider=KR, relation=KG + "providesAidTo", recipient=VN, modality="agreed")
    assert has(rows, provider=CU, relation=KG + "providesAidTo", recipient=VN, modality="asserted")
    assert {r["recipient"] for r in rows} == {VN}
    assert {r["relation"] for r in rows} <= {KG + "providesAidTo", KG + "transfersTechnologyTo"}
    assert all(r["recipientLabel"] == "Vietnam" for r in rows)


def check_providers_unbound(rows, params):
    assert {r["recipient"] for r in rows} > {VN}       # other recipients too
    assert {r["modality"] for r in rows} <= {"asserted", "requested", "agreed", "planned", "negated"}


def check_meetings(rows, params):
    assert has(rows, who=SON, whom=LAVROV, kind="meeting", date="2021-09-28", place=RU, placeLabel="Russia")
    assert has(rows, who=SON, whom=ID + "person/dmitry-chernyshenko", kind="meeting", place=RU)
    assert has(rows, who=CHINH, whom=ID + "person/kim-boo-kyum", kind="phone call")
    assert has(rows, who=CHINH, whom=ID + "person/manuel-marrero-cruz", kind="phone call")
    phone = [r for r in rows if r["who"] == CHINH]
    assert all("place" not in r for r in phone)          # nobody travels for a phone call
    assert all(r["date"].endswith("-07-22") for r in phone if r["whom"].endswith("kim-boo-kyum"))


def check_meetings_of_chinh(rows, params):
    assert rows and {r["who"] for r in rows} == {CHINH}
    assert {r["kind"] for r in rows} == {"phone call"}


def _source_texts() -> list[str]:
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def check_fact_sources(rows, params):
    assert len({r["doc"] for r in rows}) >= 3              # three articles state the request
    assert {r["modality"] for r in rows} == {"requested"}
    texts = _source_texts()
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert start < end
        assert re.search(r"công nghệ|technolog|tech", r["text"], re.I)
        # The offsets point into the article's source text.
        assert any(t[start:end] == r["text"] for t in texts), r["text"]


def check_partnerships(rows, params):
    assert has(rows, country=VN, partner=RU, level="comprehensive strategic partnership", modality="asserted")
    assert has(rows, country=VN, partner=KR, level="strategic cooperative partnership", modality="asserted")


def check_partnership_vn_kr(rows, params):
    assert {(r["country"], r["partner"], r["level"]) for r in rows} == {
        (VN, KR, "strategic cooperative partnership")}


def check_trade(rows, params):
    figures = {(r["country"], r["relation"], r["partner"], float(r["amount"]), r["unit"], r.get("role"),
                r["modality"]) for r in rows}
    assert (VN, KG + "tradesWith", RU, 2.6e9, "USD", "value", "asserted") in figures
    assert (VN, KG + "tradesWith", RU, 12.5, "percent", "growth", "asserted") in figures
    assert any(f[:5] == (VN, KG + "tradesWith", KR, 1e11, "USD") and f[6] == "agreed" for f in figures)


def check_positions(rows, params):
    held = {(r["person"].rsplit("/", 1)[1], r["position"].rsplit("/", 1)[1], r.get("country", "").rsplit("/", 1)[-1])
            for r in rows}
    assert held >= {
        ("bui-thanh-son", "foreign-minister", "vietnam"), ("sergey-lavrov", "foreign-minister", "russia"),
        ("pham-minh-chinh", "prime-minister", "vietnam"), ("kim-boo-kyum", "prime-minister", "south-korea"),
        ("manuel-marrero-cruz", "prime-minister", "cuba"), ("nguyen-phu-trong", "general-secretary", "vietnam"),
        ("miguel-diaz-canel", "first-secretary", "cuba"), ("miguel-diaz-canel", "president", "cuba"),
        ("dmitry-chernyshenko", "deputy-prime-minister", "russia")}


def check_positions_of_son(rows, params):
    assert [(r["positionLabel"], r["countryLabel"], r["articles"]) for r in rows] == [
        ("Foreign Minister", "Vietnam", "3")]


def check_timeline(rows, params):
    whens = [r["when"] for r in rows]
    assert whens == sorted(whens)
    assert has(rows, subject=SON, relation=KG + "visits", object=RU, when="2021-09-25", until="2021-09-28")
    assert has(rows, subject=SON, relation=KG + "meetsWith", object=LAVROV, when="2021-09-28")
    # An event the text gives no date takes its article's: the seeds' dated article is of 29 September.
    from_articles = [r for r in rows if r["dated"] == "article"]
    assert from_articles and {r["when"] for r in from_articles} == {"2021-09-29"}


def check_timeline_visits(rows, params):
    assert rows and {r["relation"] for r in rows} == {KG + "visits"}
    assert {r["objectLabel"] for r in rows} == {"Russia"}


def check_most_mentioned(rows, params):
    assert (rows[0]["entity"], rows[0]["articles"]) == (VN, str(N_SEEDS))    # in every article
    counts = [int(r["articles"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert has(rows, entity=RU, articles="3") and has(rows, entity=SON, articles="3")


def check_most_mentioned_people(rows, params):
    assert {r["type"] for r in rows} == {KG + "Person"}
    assert (rows[0]["entity"], rows[0]["articles"]) == (SON, "3")


def check_producers(rows, params):
    assert has(rows, producer=VN, vaccine=ID + "vaccine/sputnik-v", vaccineLabel="Sputnik V", modality="asserted")
    assert all(r["vaccine"].startswith(ID + "vaccine/") for r in rows)


def check_requests(rows, params):
    assert has(rows, addressee=RU, requested=KG + "transfersTechnologyTo", actor=RU, target=VN)
    assert {r["asker"] for r in rows if r["addressee"] == RU} <= {VN, SON}


def check_requests_by_vietnam(rows, params):
    assert rows and {r["asker"] for r in rows} == {VN}
    assert has(rows, requested=KG + "transfersTechnologyTo", actor=RU, target=VN)


def check_agreed(rows, params):
    assert {r["modality"] for r in rows} == {KG + "agreed"}
    assert has(rows, subject=KR, relation=KG + "investsIn", object=VN)
    assert has(rows, subject=VN, relation=KG + "tradesWith", object=KR)


def check_agreed_or_planned(rows, params):
    assert {r["modality"] for r in rows} == {KG + "agreed", KG + "planned"}


def check_between(rows, params):
    assert {(r["a"], r["b"]) for r in rows} == {(VN, CU)}
    assert has(rows, relation=KG + "cooperatesWith", direction="a→b")
    assert has(rows, relation=KG + "supports", direction="a→b", modality="asserted")
    assert has(rows, relation=KG + "providesAidTo", direction="b→a", modality="asserted")


def check_articles(rows, params):
    assert len(rows) == N_SEEDS
    assert all(r.get("title") and int(r["statements"]) > 0 and int(r["sentences"]) > 0 for r in rows)
    assert all(r["g"].startswith(ID + "graph/") for r in rows)
    assert Counter(r["lang"] for r in rows) == Counter({"vi": 4, "en": 1})


def check_articles_en(rows, params):
    assert [r["title"] for r in rows] == ["Vietnam seeks vaccine production tech transfer from Russia"]


def check_find(entity: str):
    def check(rows, params):
        assert [r["entity"] for r in rows] == [entity]
    return check


# query name -> list of (params, check). Every query in queries/ must be here.
CASES = {
    "vaccine-and-technology-providers": [({"recipient": "kgid:country/vietnam"}, check_providers),
                                         ({}, check_providers_unbound)],
    "meetings": [({}, check_meetings), ({"who": "kgid:person/pham-minh-chinh"}, check_meetings_of_chinh)],
    "fact-sources": [({"subject": "kgid:country/russia", "relation": "kg:transfersTechnologyTo",
                       "object": "kgid:country/vietnam"}, check_fact_sources)],
    "partnership-levels": [({}, check_partnerships),
                           ({"country": "kgid:country/vietnam", "partner": "kgid:country/south-korea"},
                            check_partnership_vn_kr)],
    "trade-figures": [({}, check_trade)],
    "positions": [({}, check_positions), ({"person": "kgid:person/bui-thanh-son"}, check_positions_of_son)],
    "timeline": [({}, check_timeline), ({"relation": "kg:visits"}, check_timeline_visits)],
    "most-mentioned-entities": [({}, check_most_mentioned), ({"type": "kg:Person"}, check_most_mentioned_people)],
    "vaccine-producers": [({}, check_producers)],
    "requests": [({}, check_requests), ({"asker": "kgid:country/vietnam"}, check_requests_by_vietnam)],
    "agreements-and-plans": [({"modality": "kg:agreed"}, check_agreed), ({}, check_agreed_or_planned)],
    "relations-between": [({"a": "kgid:country/vietnam", "b": "kgid:country/cuba"}, check_between)],
    "articles": [({}, check_articles), ({"lang": "en"}, check_articles_en)],
    "find-entity": [({"name": "Nga"}, check_find(RU)), ({"name": "bui thanh son"}, check_find(SON)),
                    ({"name": '"VIỆT NAM"'}, check_find(VN))],
}
PARAMS = [pytest.param(name, params, check, id=f"{name}-{i}")
          for name, cases in CASES.items() for i, (params, check) in enumerate(cases)]


def test_every_query_has_expected_answers():
    assert len(CASES) >= 12
    assert {p.stem for p in QUERIES.glob("*.rq")} == set(CASES)


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_query_header_documents_question_and_parameters(path, seeds_store):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Question: ")
    header = text.split("\nPREFIX", 1)[0]
    assert "# Parameters:" in header and "# Returns:" in header
    documented = set(re.findall(r"^#\s+\?(\w+)", header, re.M))
    assert documented, "document at least one parameter"
    for name in documented:       # each documented parameter really binds (a projected variable)
        run_query(path, store=seeds_store, params={name: "<https://example.org/nothing>"}).records()


@pytest.mark.parametrize("name,params,check", PARAMS)
def test_query_answers_embedded(name, params, check, seeds_store):
    rows = run_query(QUERIES / f"{name}.rq", store=seeds_store, params=params).records()
    assert rows, f"{name} gave no answer"
    check(rows, params)


@pytest.mark.parametrize("name,params,check", PARAMS)
def test_query_answers_over_http_match_embedded(name, params, check, seeds_store, oxigraph_server):
    rows = run_query(QUERIES / f"{name}.rq", endpoint=oxigraph_server.query_url, params=params,
                     retries=0).records()
    assert rows, f"{name} gave no answer over HTTP"
    check(rows, params)
    embedded = run_query(QUERIES / f"{name}.rq", store=seeds_store, params=params).records()
    as_set = lambda rs: Counter(tuple(sorted(r.items())) for r in rs)   # noqa: E731
    assert as_set(rows) == as_set(embedded)
