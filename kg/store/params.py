"""Query parameters: ``--param name=value`` as RDF terms, never as query text.

A value becomes one RDF term, built and validated by pyoxigraph:

* ``<https://...>``, ``https://...``, ``http://...``, ``urn:...`` and
  ``prefix:local`` (a prefix of the query or of kg) are IRIs;
* ``"text"``, ``"text"@vi`` and ``"2021"^^xsd:gYear`` are literals as written;
* integers, decimals, ``true``/``false`` and ISO dates get their XSD type;
* anything else is a plain string.

The embedded store binds terms with pyoxigraph's ``substitutions`` (the query
string is not changed at all). SPARQL over HTTP has no binding mechanism, so
the terms are sent as a ``VALUES`` block at the start of the query's WHERE
clause, in N-Triples syntax written by pyoxigraph, which escapes them: a value
can never end the term and add SPARQL of its own.

>>> term = parse_value('kgid:country/vietnam', {"kgid": "https://w3id.org/kgvn/id/"})
>>> term.value
'https://w3id.org/kgvn/id/country/vietnam'
>>> str(parse_value('Viet "Nam" } #'))
'"Viet \\\\"Nam\\\\" } #"'
>>> with_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": parse_value("<http://ex/a>")})
'SELECT ?x WHERE { VALUES ?x { <http://ex/a> } ?x ?p ?o }'
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ParameterError

XSD = "http://www.w3.org/2001/XMLSchema#"
# Prefixes a parameter may use even when the query does not declare them.
KNOWN_PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kgvn/ontology#", "kgid": "https://w3id.org/kgvn/id/",
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/", "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": XSD,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PNAME = re.compile(r"([A-Za-z][\w.-]*)?:([^\s<>\"{}|^`\\]*)")
_ABSOLUTE_IRI = re.compile(r"(https?|urn|ftp|mailto|file):\S+", re.IGNORECASE)
_QUOTED = re.compile(r'"(?P<text>.*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<dt><[^>]*>|\S+))?', re.S)
_TYPED = [(re.compile(r"[+-]?\d+"), "integer"), (re.compile(r"[+-]?\d*\.\d+"), "decimal"),
          (re.compile(r"true|false"), "boolean"), (re.compile(r"\d{4}-\d{2}-\d{2}"), "date")]

# Tokens of SPARQL that may hold braces, '#' or '?' without meaning them.
_SKIP = re.compile(r'''#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                   r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>''')
_TOKEN = re.compile(r"[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+|[A-Za-z]+|[{}()]")
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def tokens(query: str) -> Iterable[tuple[int, str]]:
    """(offset, token) of the query's variables, words and brackets, outside
    comments, strings and IRIs."""
    pos = 0
    for skip in [*_SKIP.finditer(query), None]:
        end = skip.start() if skip else len(query)
        for m in _TOKEN.finditer(query, pos, end):
            yield m.start(), m.group()
        pos = skip.end() if skip else end


def query_prefixes(query: str) -> dict[str, str]:
    """Prefixes declared in the query's prologue."""
    stripped = _SKIP.sub(lambda m: m.group() if m.group().startswith("<") else " ", query)
    return {(m.group(1) or ""): m.group(2) for m in _PREFIX_DECL.finditer(stripped)}


def query_variables(query: str) -> set[str]:
    return {tok[1:] for _, tok in tokens(query) if tok[0] in "?$"}


def parse_value(value: str, prefixes: Mapping[str, str] | None = None) -> Any:
    """The RDF term a ``--param`` value stands for (see the module doc)."""
    from pyoxigraph import Literal, NamedNode

    prefixes = {**KNOWN_PREFIXES, **(prefixes or {})}
    try:
        if value.startswith("<") and value.endswith(">"):
            return NamedNode(value[1:-1])
        if m := _QUOTED.fullmatch(value):
            if m.group("lang"):
                return Literal(m.group("text"), language=m.group("lang"))
            if dt := m.group("dt"):
                return Literal(m.group("text"), datatype=parse_value(dt, prefixes))
            return Literal(m.group("text"))
        if value.startswith('"'):
            raise ValueError('write a quoted value as "text", "text"@lang or "text"^^type')
        if _ABSOLUTE_IRI.fullmatch(value):
            return NamedNode(value)
        if (m := _PNAME.fullmatch(value)) and (m.group(1) or "") in prefixes:
            return NamedNode(prefixes[m.group(1) or ""] + m.group(2))
        for pattern, xsd_type in _TYPED:
            if pattern.fullmatch(value):
                return Literal(value, datatype=NamedNode(XSD + xsd_type))
        return Literal(value)
    except ValueError as exc:          # invalid IRI or language tag
        raise ParameterError(f"value {value!r}: {exc}") from None


def parse_params(pairs: Iterable[str] | Mapping[str, str], query: str) -> dict[str, Any]:
    """``["name=value", ...]`` (or a mapping) -> {variable name: RDF term}.

    E025 for a malformed pair, a bad value, or a name the query does not use.
    """
    items = pairs.items() if isinstance(pairs, Mapping) else (_split(p) for p in pairs)
    prefixes = query_prefixes(query)
    variables = query_variables(query)
    out: dict[str, Any] = {}
    for name, value in items:
        name = name.strip().lstrip("?$")
        if not _NAME.fullmatch(name):
            raise ParameterError(f"name {name!r}: use letters, digits and '_' (e.g. --param country=kgid:country/vietnam)")
        if name not in variables:
            known = ", ".join(f"?{v}" for v in sorted(variables)) or "none"
            raise ParameterError(f"?{name}: the query has no such variable (its variables: {known})")
        out[name] = parse_value(value, prefixes)
    return out


def _split(pair: str) -> tuple[str, str]:
    name, sep, value = pair.partition("=")
    if not sep:
        raise ParameterError(f"{pair!r}: write it as name=value")
    return name, value


def _where_brace(query: str) -> int:
    """Offset of the '{' that opens the WHERE clause of the top-level query."""
    depth = parens = 0
    form = None
    template_done = False
    for offset, tok in tokens(query):
        word = tok.upper()
        if form is None:
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            continue
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "{" and parens == 0:
            if depth == 0:
                if form == "CONSTRUCT" and not template_done:
                    template_done = True      # skip the template; WHERE comes next
                else:
                    return offset
            depth += 1
        elif tok == "}" and parens == 0:
            depth -= 1
        elif word == "WHERE" and depth == 0 and parens == 0:
            template_done = True              # CONSTRUCT WHERE { ... } has no template
    raise ParameterError("binding: cannot find the query's WHERE clause to bind parameters to")


def with_values(query: str, bindings: Mapping[str, Any]) -> str:
    """The query with one ``VALUES ?name { term }`` per binding at the start of
    its WHERE clause (for endpoints, which have no binding mechanism)."""
    if not bindings:
        return query
    at = _where_brace(query) + 1
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return f"{query[:at]} {block}{query[at:]}"
