"""What each relation is, for the extractor: read from the ontology, nowhere else.

``ontology/kg.ttl`` declares every relation with its symmetry, domain and range,
and with the extraction flags (``kg:betweenStates``, ``kg:dated``,
``kg:quantified``, ``kg:impliedModality``, ``kg:mayBeMutual``, ``kg:rollsUp``,
``kg:personMeetsBody``, ``kg:extractedRange``). Adding a relation means adding
it to ``kg.ttl`` and to the trigger data; no Python table repeats them.

>>> schema("providesAidTo").between_states, schema("providesAidTo").quantified
(True, True)
>>> schema("appealsTo").implied_modality
'requested'
>>> type_ok("visits", "person/a", "country/laos"), type_ok("visits", "person/a", "person/b")
(True, False)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDFS, Literal, URIRef

from ..rdf import ontology

# The first part of an entity id names its class: "country/vietnam" is a kg:Country.
KIND_CLASS = {"country": "Country", "person": "Person", "organization": "Organization",
              "vaccine": "Vaccine", "position": "Position"}


@dataclass(frozen=True)
class RelationSchema:
    name: str
    symmetric: bool
    domain: frozenset[str]            # kg: classes an entity of the subject may have
    range: frozenset[str]             # the same for the object (the extracted range where narrower)
    between_states: bool = False
    dated: bool = False
    quantified: bool = False
    implied_modality: str | None = None
    may_be_mutual: bool = False
    rolls_up: bool = False
    person_meets_body: bool = False


def _flag(g, iri: URIRef, name: str) -> bool:
    value = g.value(iri, ontology.KG.term(name))
    return isinstance(value, Literal) and bool(value.toPython())


def _local(node: object) -> str | None:
    text = str(node) if node is not None else ""
    return text[len(ontology.NS):] if text.startswith(ontology.NS) else None


def _members(g, cls: str) -> frozenset[str]:
    """A class and its subclasses (kg:Actor is a Country, a Person or an Organization)."""
    out = {cls}
    for sub in g.subjects(RDFS.subClassOf, ontology.KG.term(cls)):
        name = _local(sub)
        if name:
            out |= _members(g, name)
    return frozenset(out)


@lru_cache(maxsize=8)
def _schemas(path: str) -> dict[str, RelationSchema]:
    g = ontology.graph()
    out: dict[str, RelationSchema] = {}
    for name, rel in ontology.relations().items():
        iri = rel.iri
        narrower = _local(g.value(iri, ontology.KG.term("extractedRange")))
        implied = _local(g.value(iri, ontology.KG.term("impliedModality")))
        out[name] = RelationSchema(
            name=name, symmetric=rel.symmetric,
            domain=_members(g, rel.domain), range=_members(g, narrower or rel.range),
            between_states=_flag(g, iri, "betweenStates"), dated=_flag(g, iri, "dated"),
            quantified=_flag(g, iri, "quantified"), implied_modality=implied,
            may_be_mutual=_flag(g, iri, "mayBeMutual"), rolls_up=_flag(g, iri, "rollsUp"),
            person_meets_body=_flag(g, iri, "personMeetsBody"))
    return out


_LAST: dict[str | None, dict[str, RelationSchema]] = {}


def schemas() -> dict[str, RelationSchema]:
    """Every relation's schema by local name (cached per ontology file: the rules ask
    for it tens of thousands of times per corpus, and ``$KG_ONTOLOGY_DIR`` may change)."""
    override = os.environ.get("KG_ONTOLOGY_DIR")
    found = _LAST.get(override)
    if found is None:
        _LAST.clear()
        found = _LAST[override] = _schemas(str(ontology.ontology_path()))
    return found


def schema(name: str) -> RelationSchema:
    found = schemas().get(name)
    if found is None:
        ontology.relation(name)       # raises E003 with the ontology's wording
        raise AssertionError(name)    # pragma: no cover - relation() always raises here
    return found


def names_where(flag: str) -> frozenset[str]:
    """Relations whose boolean flag is set (``"symmetric"``, ``"dated"``...)."""
    return frozenset(n for n, s in schemas().items() if getattr(s, flag))


def kind(eid: str) -> str:
    return eid.split("/", 1)[0]


def type_ok(rel: str, subject: str, obj: str) -> bool:
    """Whether an extracted pair fits the relation: domain and range from the
    ontology, states-only relations without people, and peers for symmetric ones."""
    if subject == obj:
        return False
    s = schema(rel)
    ks, ko = KIND_CLASS.get(kind(subject)), KIND_CLASS.get(kind(obj))
    if ks not in s.domain or ko not in s.range:
        return False
    if s.between_states and "Person" in (ks, ko):
        return False
    if s.symmetric and (ks == "Person") != (ko == "Person"):
        # same-level parties: people with people, states and bodies with each other
        return s.person_meets_body and "Organization" in (ks, ko)
    return True
