"""The kg ontology (``ontology/kg.ttl``) as Python objects.

``kg.ttl`` is the single source of truth: the closed namespace :data:`KG` and
the relation table are read from it, so a term missing from the Turtle file
cannot be used from Python either.

>>> KG.providesAidTo
rdflib.term.URIRef('https://w3id.org/kgvn/ontology#providesAidTo')
>>> KG["meetsWith"] == URIRef(NS + "meetsWith")
True
>>> KG.provideAidTo  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
kg.errors.UnknownTermError: E004: unknown ontology term 'provideAidTo'.
>>> len(relations())
17
>>> r = relation("holdsPosition")
>>> (r.domain, r.range, r.symmetric, r.labels["vi"])
('Person', 'Position', False, 'giữ chức vụ')
>>> relation(NS + "meetsWith").cameo
('040', '043', '044')
>>> is_symmetric("tradesWith"), is_symmetric("visits")
(True, False)
>>> modalities()
('asserted', 'requested', 'agreed', 'planned', 'negated')
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

# Absolute import so that ``python -m doctest kg/rdf/ontology.py`` works too.
from kg.errors import OntologyError, UnknownRelationError, UnknownTermError

NS = "https://w3id.org/kgvn/ontology#"
"""Namespace of the ontology's terms (prefix ``kg:``)."""
ID = "https://w3id.org/kgvn/id/"
"""Base of the IRIs of everything the graph builder mints (entities, assertions...)."""
SH_NS = "https://w3id.org/kgvn/shapes#"
"""Namespace of the SHACL shapes (prefix ``kgsh:``)."""
ONTOLOGY_IRI = "https://w3id.org/kgvn/ontology"

_ENV_DIR = "KG_ONTOLOGY_DIR"
_TOP_RELATION = URIRef(NS + "relatedTo")   # every relation is a direct sub-property of it
_CAMEO = URIRef(NS + "cameoCode")


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------

def ontology_dir() -> Path:
    """Folder of ``kg.ttl`` and ``shapes.ttl`` (the shipped ontology, see :mod:`kg.shipped`);
    ``$KG_ONTOLOGY_DIR`` overrides it."""
    override = os.environ.get(_ENV_DIR)
    if override:
        return Path(override)
    return _default_dir()


@lru_cache(maxsize=1)
def _default_dir() -> Path:
    # Resolved once: every ``KG.term`` look-up comes here, and resolving hits the disk.
    from kg.shipped import shipped_dir

    return shipped_dir("ontology")


def ontology_path() -> Path:
    """Path of ``kg.ttl``.

    >>> ontology_path().name
    'kg.ttl'
    """
    return ontology_dir() / "kg.ttl"


def shapes_path() -> Path:
    """Path of ``shapes.ttl``.

    >>> shapes_path().name
    'shapes.ttl'
    """
    return ontology_dir() / "shapes.ttl"


def graph() -> Graph:
    """The parsed ontology. Shared and cached: do not modify it (copy it first)."""
    return _load(str(ontology_path()))


# Keyed on the path so that changing $KG_ONTOLOGY_DIR (e.g. in tests) reloads.
@lru_cache(maxsize=8)
def _load(path: str) -> Graph:
    p = Path(path)
    if not p.is_file():
        raise OntologyError(f"{p} does not exist (set ${_ENV_DIR} to the folder of kg.ttl)")
    g = Graph()
    try:
        g.parse(p, format="turtle")
    except Exception as exc:  # rdflib raises many types; the user needs the file and reason
        raise OntologyError(f"{p} is not valid Turtle: {exc}") from exc
    if (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) not in g:
        raise OntologyError(f"{p} does not declare <{ONTOLOGY_IRI}> a owl:Ontology")
    return g


# --------------------------------------------------------------------------
# Closed namespace
# --------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _terms(path: str) -> frozenset[str]:
    g = _load(path)
    return frozenset(str(s)[len(NS):] for s in g.subjects()
                     if isinstance(s, URIRef) and str(s).startswith(NS) and len(str(s)) > len(NS))


def terms() -> frozenset[str]:
    """Local names of every term the ontology declares.

    >>> {"Actor", "meetsWith", "asserted", "confidence"} <= terms()
    True
    """
    return _terms(str(ontology_path()))


class ClosedNamespace:
    """``kg:`` terms as attributes or items; unknown names raise :class:`UnknownTermError`.

    Unlike :class:`rdflib.namespace.ClosedNamespace` the term list is read
    lazily from ``kg.ttl`` on first use, so importing this module stays cheap
    and the Turtle file stays the only list of terms.
    """

    def __init__(self, base: str) -> None:
        self._base = base
        # (ontology folder override, name) -> term: the graph builder looks
        # terms up millions of times on a large corpus.
        self._known: dict[tuple[str | None, str], URIRef] = {}

    def term(self, name: str) -> URIRef:
        key = (os.environ.get(_ENV_DIR), name)
        known = self._known.get(key)
        if known is not None:
            return known
        if name.startswith(self._base):   # a full IRI is accepted as well
            name = name[len(self._base):]
        if name not in terms():
            raise UnknownTermError(name)
        self._known[key] = uri = URIRef(self._base + name)
        return uri

    def __getattr__(self, name: str) -> URIRef:
        # Private and dunder look-ups come from Python machinery (copy, pickle,
        # doctest, inspect); answer them without reading the ontology.
        if name.startswith("_"):
            raise AttributeError(name)
        return self.term(name)

    def __getitem__(self, name: str) -> URIRef:
        return self.term(name)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name.startswith(self._base):
            name = name[len(self._base):]
        return name in terms()

    def __iter__(self) -> Iterator[URIRef]:
        return (URIRef(self._base + t) for t in sorted(terms()))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | terms())

    def __str__(self) -> str:
        return self._base

    def __repr__(self) -> str:
        return f"ClosedNamespace({self._base!r})"


KG = ClosedNamespace(NS)
"""The ontology's vocabulary: ``KG.meetsWith``, ``KG["Assertion"]``."""


# --------------------------------------------------------------------------
# Relations, classes, modalities
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Relation:
    """One of the 17 relations, as declared in ``kg.ttl``.

    ``domain`` and ``range`` are local names for ``kg:`` classes (``"Actor"``)
    and full IRIs otherwise. ``labels``/``comments`` map a language tag to text.
    """

    name: str
    iri: URIRef
    symmetric: bool
    domain: str
    range: str
    # Read-only views: Relation objects are cached and shared by every caller.
    labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    comments: Mapping[str, str] = field(default_factory=dict, hash=False)
    cameo: tuple[str, ...] = ()
    close_match: tuple[str, ...] = ()


def _short(node: object) -> str:
    s = str(node)
    return s[len(NS):] if s.startswith(NS) else s


def _by_lang(g: Graph, s: URIRef, p: URIRef) -> Mapping[str, str]:
    out = {o.language or "": str(o) for o in g.objects(s, p) if isinstance(o, Literal)}
    return MappingProxyType(dict(sorted(out.items())))


def _one(g: Graph, s: URIRef, p: URIRef, what: str) -> str:
    values = sorted(_short(o) for o in g.objects(s, p))
    if len(values) != 1:
        raise OntologyError(f"{_short(s)} must have exactly one {what}, has {values or 'none'}")
    return values[0]


@lru_cache(maxsize=8)
def _relations(path: str) -> tuple[Relation, ...]:
    g = _load(path)
    out = []
    for iri in g.subjects(RDFS.subPropertyOf, _TOP_RELATION):
        if not isinstance(iri, URIRef) or not str(iri).startswith(NS):
            continue
        out.append(Relation(
            name=_short(iri),
            iri=iri,
            symmetric=(iri, RDF.type, OWL.SymmetricProperty) in g,
            domain=_one(g, iri, RDFS.domain, "rdfs:domain"),
            range=_one(g, iri, RDFS.range, "rdfs:range"),
            labels=_by_lang(g, iri, RDFS.label),
            comments=_by_lang(g, iri, RDFS.comment),
            cameo=tuple(sorted(str(o) for o in g.objects(iri, _CAMEO))),
            close_match=tuple(sorted(str(o) for o in g.objects(iri, SKOS.closeMatch))),
        ))
    return tuple(sorted(out, key=lambda r: r.name))


def relations() -> dict[str, Relation]:
    """The relations of the ontology by local name (a fresh dict each call).

    >>> sorted(n for n, r in relations().items() if r.symmetric)[:3]
    ['agreesWith', 'cooperatesWith', 'hasPartnershipWith']
    """
    return {r.name: r for r in _relations(str(ontology_path()))}


def relation(name: str) -> Relation:
    """A relation by local name, ``kg:`` CURIE or full IRI.

    >>> relation("kg:visits").labels["en"]
    'visits'
    >>> relation("fooBar")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kg.errors.UnknownRelationError: E003: unknown relation 'fooBar': ...
    """
    key = str(name)
    if key.startswith(NS):
        key = key[len(NS):]
    elif key.startswith("kg:"):
        key = key[3:]
    found = relations().get(key)
    if found is None:
        raise UnknownRelationError(str(name))
    return found


def is_symmetric(name: str) -> bool:
    """Whether the relation is an owl:SymmetricProperty.

    >>> is_symmetric("meetsWith")
    True
    """
    return relation(name).symmetric


@lru_cache(maxsize=8)
def _classes(path: str) -> tuple[tuple[str, Mapping[str, str]], ...]:
    g = _load(path)
    names = (s for s in g.subjects(RDF.type, OWL.Class)
             if isinstance(s, URIRef) and str(s).startswith(NS))
    return tuple(sorted((_short(s), _by_lang(g, s, RDFS.label)) for s in names))


def classes() -> dict[str, Mapping[str, str]]:
    """The ``kg:`` classes: local name → {language: label}.

    >>> classes()["Country"]["vi"]
    'Quốc gia'
    """
    return dict(_classes(str(ontology_path())))


@lru_cache(maxsize=8)
def _modalities(path: str) -> tuple[str, ...]:
    g = _load(path)
    # The owl:oneOf list keeps the intended order; fall back to the instances.
    head = g.value(URIRef(NS + "Modality"), OWL.oneOf)
    if head is not None:
        return tuple(_short(m) for m in Collection(g, head))
    return tuple(sorted(_short(s) for s in g.subjects(RDF.type, URIRef(NS + "Modality"))))


def modalities() -> tuple[str, ...]:
    """Local names of the kg:Modality individuals, in the ontology's order."""
    return _modalities(str(ontology_path()))


def clear_cache() -> None:
    """Forget every parsed ontology (after editing kg.ttl in a running process)."""
    for f in (_load, _terms, _relations, _classes, _modalities):
        f.cache_clear()


__all__ = ["NS", "ID", "SH_NS", "ONTOLOGY_IRI", "KG", "ClosedNamespace", "Relation",
           "ontology_dir", "ontology_path", "shapes_path", "graph", "terms", "relations",
           "relation", "is_symmetric", "classes", "modalities", "clear_cache"]
