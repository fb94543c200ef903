"""User lexicons in a build: new actors with the user's ids, merge decisions across articles,
the cache, the workers and the provenance in the RDF (issue 18's done-means)."""
from __future__ import annotations

import json

import pytest
from pyoxigraph import NamedNode, Store, RdfFormat

from kg.build.pipeline import build, extract_corpus
from kg.errors import LexiconEntryError

ACTORS = ("Zubrowka and Vietnam sign a vaccine agreement\n\n"
          "Zubrowka and Vietnam signed an agreement on vaccine cooperation on Monday. Anton Wilk met "
          "Vietnamese Health Minister Dao Hong Lan in Hanoi. Kestrel Biolabs will provide 500,000 doses "
          "of vaccine to Vietnam.\n")
LEXICON = [
    {"type": "Country", "name": "Zubrowka", "id": "zubrowka", "wikidata": "Q4200001", "names": {"vi": "Du-brốp-ca"}},
    {"type": "Person", "name": "Anton Wilk", "id": "anton-wilk", "wikidata": "Q4200002", "country": "zubrowka",
     "position": "health-minister"},
    {"type": "Organization", "name": "Kestrel Biolabs", "id": "kestrel", "wikidata": "Q4200003",
     "country": "Zubrowka", "kind": "company"},
]
# Two articles: kg merges Maria and Mario Lopez (near-identical first names) and keeps
# Thomas and Tom Harlan apart; the decisions say the opposite.
PEOPLE = {
    "b1.txt": "Ministers meet in Hanoi\n\nForeign Minister of Spain Maria Lopez met Vietnamese Foreign Minister "
              "Bui Thanh Son in Hanoi. Prime Minister of Australia Thomas Harlan visited Vietnam.\n",
    "b2.txt": "Talks in Canberra\n\nHealth Minister of Spain Mario Lopez visited Laos. Tom Harlan, Prime Minister "
              "of Australia, met Japanese Prime Minister Fumio Kishida.\n",
}
DECISIONS = [{"not_same": ["Maria Lopez", "Mario Lopez"]}, {"same_as": ["Thomas Harlan", "Tom Harlan"]}]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def triples(corpus):
    return {(a.doc, a.subject, a.predicate, a.object) for a in corpus.assertions}


@pytest.fixture()
def actors(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a1.txt").write_text(ACTORS, encoding="utf-8")
    return d


@pytest.fixture()
def people(tmp_path):
    d = tmp_path / "people"
    d.mkdir()
    for name, text in PEOPLE.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_without_a_lexicon_nothing_is_said_of_the_unknown_actors(actors):
    ids = {x for _, s, _, o in triples(extract_corpus([actors])) for x in (s, o)}
    assert not {i for i in ids if any(w in i for w in ("zubrowka", "wilk", "kestrel"))}


def test_a_three_line_lexicon_gives_the_expected_assertions(actors, tmp_path):
    lexicon = write_jsonl(tmp_path / "actors.jsonl", LEXICON)
    found = triples(extract_corpus([actors], lexicons=[lexicon]))
    assert {("a1", "country/zubrowka", "agreesWith", "country/vietnam"),
            ("a1", "person/anton-wilk", "meetsWith", "person/dao-hong-lan"),
            ("a1", "country/zubrowka", "meetsWith", "country/vietnam"),       # Wilk serves Zubrowka
            ("a1", "organization/kestrel", "providesAidTo", "country/vietnam")} <= found


def test_the_rdf_has_the_users_id_type_wikidata_and_provenance(actors, tmp_path):
    lexicon = write_jsonl(tmp_path / "actors.jsonl", LEXICON)
    out = tmp_path / "out"
    build([actors], out, formats=["turtle"], lexicons=[lexicon], cache=False)
    store = Store()
    store.load(path=str(out / "graph.ttl"), format=RdfFormat.TURTLE)
    kg, kgid = "https://w3id.org/kgvn/ontology#", "https://w3id.org/kgvn/id/"

    def value(entity, prop):
        return {q.object.value for q in store.quads_for_pattern(NamedNode(kgid + entity), NamedNode(prop), None)}

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    same_as = "http://www.w3.org/2002/07/owl#sameAs"
    for entity, etype, qid in [("country/zubrowka", "Country", "Q4200001"), ("person/anton-wilk", "Person", "Q4200002"),
                               ("organization/kestrel", "Organization", "Q4200003")]:
        assert value(entity, rdf_type) == {kg + etype}
        assert value(entity, same_as) == {f"http://www.wikidata.org/entity/{qid}"}
        assert value(entity, kg + "source") == {"user-lexicon"}
        assert value(entity, kg + "lexiconFile") == {str(lexicon)}
    assert value("country/vietnam", kg + "source") == {"lexicon"}
    assert value("person/dao-hong-lan", kg + "source") == {"text"}


def test_merge_decisions_hold_across_articles(people, tmp_path):
    plain = triples(extract_corpus([people]))
    assert ("b2", "person/maria-lopez", "visits", "country/laos") in plain       # kg merged them
    assert ("b2", "person/tom-harlan", "meetsWith", "person/fumio-kishida") in plain    # and kept these apart
    decisions = write_jsonl(tmp_path / "decisions.jsonl", DECISIONS)
    steered = triples(extract_corpus([people], lexicons=[decisions]))
    assert ("b2", "person/mario-lopez", "visits", "country/laos") in steered
    assert ("b1", "person/maria-lopez", "meetsWith", "person/bui-thanh-son") in steered
    assert ("b2", "person/thomas-harlan", "meetsWith", "person/fumio-kishida") in steered
    assert not {t for t in steered if "person/tom-harlan" in t}


def test_decisions_hold_after_an_incremental_rebuild_and_a_changed_lexicon_is_not_stale(people, tmp_path):
    decisions = write_jsonl(tmp_path / "decisions.jsonl", DECISIONS)
    out = tmp_path / "out"
    first = build([people], out, formats=["jsonl"], lexicons=[decisions])
    second = build([people], out, formats=["jsonl"], lexicons=[decisions])
    assert second.cache == {"reused": 2, "extracted": 0}
    assert triples(second.corpus) == triples(first.corpus)
    assert ("b2", "person/thomas-harlan", "meetsWith", "person/fumio-kishida") in triples(second.corpus)
    write_jsonl(decisions, DECISIONS[:1])           # the same_as goes: nothing of it may survive
    third = build([people], out, formats=["jsonl"], lexicons=[decisions])
    assert third.cache["extracted"] == 2
    assert ("b2", "person/tom-harlan", "meetsWith", "person/fumio-kishida") in triples(third.corpus)
    assert "person/tom-harlan" in (out / "assertions.jsonl").read_text(encoding="utf-8")


def test_workers_use_the_same_lexicon(actors, tmp_path):
    lexicon = write_jsonl(tmp_path / "actors.jsonl", LEXICON)
    alone = triples(extract_corpus([actors], lexicons=[lexicon]))
    assert triples(extract_corpus([actors], lexicons=[lexicon], workers=2)) == alone


def test_a_bad_lexicon_line_stops_the_build_before_any_work(actors, tmp_path):
    lexicon = write_jsonl(tmp_path / "actors.jsonl", [*LEXICON, {"type": "Person", "name": "X Y", "age": 40}])
    with pytest.raises(LexiconEntryError, match=r"actors\.jsonl:4: unknown field age"):
        build([actors], tmp_path / "out", lexicons=[lexicon])
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_dask_cluster_uses_the_same_lexicon(actors, tmp_path):
    distributed = pytest.importorskip("distributed")
    lexicon = write_jsonl(tmp_path / "actors.jsonl", LEXICON)
    alone = triples(extract_corpus([actors], lexicons=[lexicon]))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        assert triples(extract_corpus([actors], lexicons=[lexicon], dask=cluster.scheduler_address)) == alone


def test_the_workers_version_check_covers_the_lexicon(tmp_path):
    from kg.build.parallel import version
    from kg.extract.user_lexicon import read_user_lexicon

    one = read_user_lexicon([write_jsonl(tmp_path / "one.jsonl", LEXICON[:1])])
    two = read_user_lexicon([write_jsonl(tmp_path / "two.jsonl", LEXICON[:2])])
    assert len({version(None), version(one), version(two)}) == 3


def test_same_as_merges_organisations_by_id_or_name_in_every_article(tmp_path):
    d = tmp_path / "orgs"
    d.mkdir()
    (d / "o1.txt").write_text("Gavi helps Laos\n\nGavi provided Laos with 100,000 doses of vaccine.\n", encoding="utf-8")
    (d / "o2.txt").write_text("COVAX helps Cambodia\n\nCOVAX provided Cambodia with 200,000 doses of vaccine.\n",
                              encoding="utf-8")
    assert ("o1", "organization/gavi", "providesAidTo", "country/laos") in triples(extract_corpus([d]))
    decisions = write_jsonl(tmp_path / "orgs.jsonl", [{"same_as": ["organization/covax", "Gavi"]}])
    corpus = extract_corpus([d], lexicons=[decisions])
    assert {s for _, s, _, _ in triples(corpus)} == {"organization/covax"}
    assert "organization/gavi" not in corpus.entities and "Gavi" in corpus.entities["organization/covax"].aliases
