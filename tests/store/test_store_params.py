"""Query parameters are bound as RDF terms, never pasted into the query text."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

import kg.store.http as kg_http
from kg.errors import ParameterError
from kg.store import run_query
from kg.store.params import parse_params, parse_value, with_values

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/kgvn/id/"


@pytest.mark.parametrize("value,term", [
    ("<https://example.org/x>", ox.NamedNode("https://example.org/x")),
    ("kgid:country/vietnam", ox.NamedNode(ID + "country/vietnam")),
    ("kg:meetsWith", ox.NamedNode("https://w3id.org/kgvn/ontology#meetsWith")),
    ("https://example.org/a?b=c", ox.NamedNode("https://example.org/a?b=c")),
    ("urn:isbn:123", ox.NamedNode("urn:isbn:123")),
    ("Việt Nam", ox.Literal("Việt Nam")),
    ('"2021"', ox.Literal("2021")),
    ('"Nga"@vi', ox.Literal("Nga", language="vi")),
    ('"2021-09"^^xsd:gYearMonth', ox.Literal("2021-09", datatype=ox.NamedNode(XSD + "gYearMonth"))),
    ("42", ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
    ("12.5", ox.Literal("12.5", datatype=ox.NamedNode(XSD + "decimal"))),
    ("true", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
    ("2021-09-28", ox.Literal("2021-09-28", datatype=ox.NamedNode(XSD + "date"))),
    ("10:30", ox.Literal("10:30")),
    ("unknown:thing", ox.Literal("unknown:thing")),     # not a known prefix: plain text
])
def test_values_become_rdf_terms(value, term):
    assert parse_value(value) == term


def test_a_prefix_declared_in_the_query_is_used():
    params = parse_params(["x=ex:a"], "PREFIX ex: <https://example.org/> SELECT ?x { ?x ?p ?o }")
    assert params == {"x": ox.NamedNode("https://example.org/a")}


@pytest.mark.parametrize("pair,message", [
    ("novalue", "name=value"),
    ("bad name=1", "letters, digits"),
    ("y=1", "no such variable"),
    ("x=<https://example.org/a b>", "Invalid IRI"),
    ('x="a"@abcdefghijk', "value"),
    ('x="unterminated', "quoted value"),
])
def test_bad_parameters_are_named_errors(pair, message):
    with pytest.raises(ParameterError, match=message) as info:
        parse_params([pair], "SELECT ?x WHERE { ?x ?p ?o }")
    assert info.value.code == "E025"


@pytest.mark.parametrize("query,expected", [
    ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { VALUES ?x { <https://e/a> } ?x ?p ?o }"),
    ("SELECT * { ?x ?p ?o }", "SELECT * { VALUES ?x { <https://e/a> } ?x ?p ?o }"),
    ("# a comment with { braces }\nSELECT ?x\nWHERE { ?x ?p '{' }",
     "# a comment with { braces }\nSELECT ?x\nWHERE { VALUES ?x { <https://e/a> } ?x ?p '{' }"),
    ("PREFIX e: <https://e/{x}> SELECT (EXISTS { ?x ?p ?o } AS ?b) ?x WHERE { ?x ?p ?o }",
     "PREFIX e: <https://e/{x}> SELECT (EXISTS { ?x ?p ?o } AS ?b) ?x WHERE { VALUES ?x { <https://e/a> } ?x ?p ?o }"),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }",
     "CONSTRUCT { ?x ?p ?o } WHERE { VALUES ?x { <https://e/a> } ?x ?p ?o }"),
    ("CONSTRUCT WHERE { ?x ?p ?o }", "CONSTRUCT WHERE { VALUES ?x { <https://e/a> } ?x ?p ?o }"),
    ("ASK { ?x ?p ?o }", "ASK { VALUES ?x { <https://e/a> } ?x ?p ?o }"),
])
def test_endpoint_queries_get_a_values_block_at_the_start_of_where(query, expected):
    assert with_values(query, {"x": ox.NamedNode("https://e/a")}) == expected


# A value that would end the literal and add SPARQL of its own if it were pasted.
HOSTILE = 'Russia" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
         "SELECT ?entity ?name WHERE { ?entity rdfs:label ?label FILTER(STR(?label) = ?name) }")


def test_embedded_queries_are_never_changed_by_parameters(seeds_store, monkeypatch):
    seen = []
    real_read_only = ox.Store.read_only

    class Spy:
        def __init__(self, store):
            self.store = store

        def query(self, text, **kwargs):
            seen.append((text, kwargs.get("substitutions")))
            return self.store.query(text, **kwargs)

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(lambda path: Spy(real_read_only(path))))
    # timeout=0: in this process, where the spy sees the query (with a limit it runs in a child).
    assert run_query(QUERY, store=seeds_store, params=[f"name={HOSTILE}"], timeout=0).records() == []
    assert run_query(QUERY, store=seeds_store, params=["name=Russia"], timeout=0).records() == [
        {"entity": ID + "country/russia", "name": "Russia"}]
    assert [text for text, _ in seen] == [QUERY, QUERY]            # the very same string, byte for byte
    assert seen[0][1] == {ox.Variable("name"): ox.Literal(HOSTILE)}


def test_endpoint_queries_carry_values_only_as_escaped_terms(oxigraph_server, monkeypatch):
    sent = []
    real = kg_http.sparql_query
    monkeypatch.setattr(kg_http, "sparql_query", lambda ep, text: sent.append(text) or real(ep, text))
    rows = run_query(QUERY, endpoint=oxigraph_server.query_url, params=[f"name={HOSTILE}"], retries=0)
    assert rows.records() == []
    # The sent query is ours plus one VALUES term, and that term is exactly the value:
    # run it on a store whose only label is the hostile text, and it matches that label.
    probe = ox.Store()
    probe.add(ox.Quad(ox.NamedNode("https://e/x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal(HOSTILE)))
    assert [s["name"].value for s in probe.query(sent[0])] == [HOSTILE]
    assert sent[0].replace(f" VALUES ?name {{ {ox.Literal(HOSTILE)} }}", "") == QUERY
    # And the server still holds the whole graph.
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(run_query(count, endpoint=oxigraph_server.query_url).records()[0]["n"]) > 1000


def test_a_parameter_must_be_a_variable_the_query_returns(seeds_store):
    with pytest.raises(ParameterError, match="SELECT"):
        run_query("SELECT ?s WHERE { ?s ?p ?o }", store=seeds_store, params=["p=kg:meetsWith"])
