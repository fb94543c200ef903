"""Streaming RDF writers for large graphs: Turtle, TriG, N-Triples, N-Quads, JSON-LD.

rdflib's serialisers hold the whole graph in memory (about 1 KB per triple)
and its Turtle writer is superlinear, which rules them out for the millions of
triples of a year of news. These writers take the triples of
:mod:`kg.export.triples` one article graph at a time and write each block as
it comes, in linear time. Only the entity-level triples of the article graphs
(the direct ``s kg:rel o`` facts, which several articles may state) are
remembered, so that Turtle and N-Triples, which merge all graphs, hold each
triple once.

>>> from kg.model import Corpus, Entity
>>> corpus = Corpus(entities={"country/laos": Entity("country/laos", "Country", "Laos", {"en": "Laos"})})
>>> import io; out = io.StringIO(); write_turtle(corpus, out)
>>> print(out.getvalue().split("\\n\\n")[2])
<https://w3id.org/kgvn/id/country/laos> a kg:Country ;
    rdfs:label "Laos"@en .
"""
from __future__ import annotations

import json
import re
from typing import IO, Any

from ..graph import ID, PREFIXES
from ..model import Corpus
from .triples import TYPE, Term, Triple, cached_blocks, graph_blocks

# Subjects that belong to one article graph (its article, sentences, assertions
# and their quantities); any other subject in an article graph (an entity) may
# recur in other article graphs.
_LOCAL = tuple(ID + kind for kind in ("article/", "sentence/", "assertion/"))
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STR_UNSAFE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _escape(text: str) -> str:
    if _STR_UNSAFE.search(text) is None:
        return text
    return _STR_UNSAFE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def _iri(text: str) -> str:
    if _IRI_UNSAFE.search(text):
        text = _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
    return f"<{text}>"


def prefixed(iri: str) -> str | None:
    """``kg:Assertion`` for an IRI in one of kg's namespaces with a plain local name."""
    for prefix, ns in _NAMESPACES:
        if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return None


class _Terms:
    """Terms as N-Triples or Turtle text; IRIs are cached (entities and terms recur)."""

    def __init__(self, turtle: bool) -> None:
        self.turtle = turtle
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        text = self.cache.get(iri)
        if text is None:
            text = (self.turtle and prefixed(iri)) or _iri(iri)
            if len(self.cache) < 100_000:       # sentence and assertion IRIs do not recur
                self.cache[iri] = text
        return text

    def term(self, node: Term) -> str:
        if type(node) is str:
            return self.iri(node)
        lexical, lang, datatype = node
        if lang:
            return f'"{_escape(lexical)}"@{lang}'
        if datatype:
            return f'"{_escape(lexical)}"^^{self.iri(datatype)}'
        return f'"{_escape(lexical)}"'


def _header(fh: IO[str]) -> None:
    for prefix, ns in PREFIXES.items():
        fh.write(f"@prefix {prefix}: <{ns}> .\n")
    fh.write("\n")


class _UnionFilter:
    """Drops triples another graph already gave, for the formats that merge all graphs."""

    def __init__(self) -> None:
        self.shared: set[Triple] = set()

    def keep(self, name: str | None, triples: list[Triple]) -> list[Triple]:
        out = []
        for t in triples:
            if name is not None and t[0].startswith(_LOCAL):
                out.append(t)
            elif t not in self.shared:
                self.shared.add(t)
                out.append(t)
        return out


def _subject_chunks(terms: _Terms, triples: list[Triple], indent: str) -> dict[str, str]:
    """Turtle text per subject, subjects in order of first appearance."""
    by_subject: dict[str, dict[str, list[Term]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    term = terms.term
    chunks = {}
    for s, by_predicate in by_subject.items():
        types = by_predicate.pop(TYPE, None)
        parts = [f"a {' , '.join(map(term, types))}"] if types else []
        parts += [f"{terms.iri(p)} {' , '.join(map(term, objs))}" for p, objs in by_predicate.items()]
        chunks[s] = f"{indent}{terms.iri(s)} " + f" ;\n{indent}    ".join(parts) + " .\n\n"
    return chunks


def _turtle_block(fh: IO[str], terms: _Terms, triples: list[Triple], indent: str) -> None:
    fh.write("".join(_subject_chunks(terms, triples, indent).values()))


# A Turtle article block as cached: the text of each article-local subject, and
# the triples about entities (which another article may have written first),
# each with the index of its first triple in the block, so that the two can be
# merged back in the order _turtle_block would give.
TurtleParts = tuple[list[tuple[int, str]], list[tuple[int, Triple]]]


def _turtle_parts(terms: _Terms, triples: list[Triple]) -> TurtleParts:
    first: dict[str, int] = {}
    shared: list[tuple[int, Triple]] = []
    for i, t in enumerate(triples):
        if t[0].startswith(_LOCAL):
            first.setdefault(t[0], i)
        else:
            shared.append((i, t))
    local = [t for t in triples if t[0].startswith(_LOCAL)]
    return [(first[s], text) for s, text in _subject_chunks(terms, local, "").items()], shared


def _turtle_join(terms: _Terms, union: _UnionFilter, parts: TurtleParts) -> str:
    """The text _turtle_block writes for an article block, given what earlier graphs wrote."""
    local, shared = parts
    if not shared:
        return "".join(text for _, text in local)
    kept = [(i, t) for i, t in shared if t not in union.shared]
    union.shared.update(t for _, t in kept)
    first: dict[str, int] = {}
    for i, t in kept:
        first.setdefault(t[0], i)
    chunks = _subject_chunks(terms, [t for _, t in kept], "")
    merged = sorted([*local, *((first[s], text) for s, text in chunks.items())], key=lambda e: e[0])
    return "".join(text for _, text in merged)


# -------------------------------------------------------------- writers
def write_turtle(corpus: Corpus, fh: IO[str]) -> None:
    """All graphs merged, as Turtle."""
    terms, union = _Terms(turtle=True), _UnionFilter()
    _header(fh)
    for name, block in cached_blocks(corpus, "turtle", lambda name, triples: _turtle_parts(terms, triples),
                                     TurtleParts):
        if name is None:
            _turtle_block(fh, terms, union.keep(name, block), "")
        else:
            fh.write(_turtle_join(terms, union, block))


def write_trig(corpus: Corpus, fh: IO[str]) -> None:
    """The dataset as TriG: default-graph triples at the top level, one block per article graph."""
    terms = _Terms(turtle=True)

    def render(name: str, triples: list[Triple]) -> str:
        return f"{_iri(name)} {{\n" + "".join(_subject_chunks(terms, triples, "    ").values()) + "}\n\n"

    _header(fh)
    for name, block in cached_blocks(corpus, "trig", render, str):
        if name is None:
            _turtle_block(fh, terms, block, "")
        else:
            fh.write(block)


def write_ntriples(corpus: Corpus, fh: IO[str]) -> None:
    terms, union = _Terms(turtle=False), _UnionFilter()
    term = terms.term
    for name, triples in graph_blocks(corpus):
        fh.write("".join([f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in union.keep(name, triples)]))


def write_nquads(corpus: Corpus, fh: IO[str]) -> None:
    terms = _Terms(turtle=False)
    term = terms.term

    def render(name: str, triples: list[Triple]) -> str:
        g = f" {_iri(name)}"
        return "".join([f"{term(s)} {term(p)} {term(o)}{g} .\n" for s, p, o in triples])

    for name, block in cached_blocks(corpus, "nquads", render, str):
        if name is None:
            fh.write("".join([f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in block]))
        else:
            fh.write(block)


# ------------------------------------------------------------- JSON-LD
def _compact(iri: str) -> str:
    return prefixed(iri) or iri


def _jsonld_nodes(triples: list[Triple], names: dict[str, str]) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in triples:
        node = nodes.get(s)
        if node is None:
            node = nodes[s] = {"@id": s}
        if type(o) is str:
            if p == TYPE:
                node.setdefault("@type", []).append(names.get(o) or names.setdefault(o, _compact(o)))
                continue
            value: dict[str, str] = {"@id": o}
        else:
            lexical, lang, datatype = o
            value = {"@value": lexical}
            if lang:
                value["@language"] = lang
            elif datatype:
                value["@type"] = names.get(datatype) or names.setdefault(datatype, _compact(datatype))
        key = names.get(p) or names.setdefault(p, _compact(p))
        node.setdefault(key, []).append(value)
    return list(nodes.values())


def write_jsonld(corpus: Corpus, fh: IO[str]) -> None:
    """Flattened JSON-LD: default-graph nodes at the top level, one object per article graph."""
    names: dict[str, str] = {}
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def render(name: str, triples: list[Triple]) -> str:
        return encode({"@id": name, "@graph": _jsonld_nodes(triples, names)})

    fh.write('{\n  "@context": ' + json.dumps(dict(PREFIXES)) + ',\n  "@graph": [')
    sep = "\n    "
    for name, block in cached_blocks(corpus, "json-ld", render, str):
        items = [encode(item) for item in _jsonld_nodes(block, names)] if name is None else [block]
        for item in items:
            fh.write(sep + item)
            sep = ",\n    "
    fh.write("\n  ]\n}\n")
