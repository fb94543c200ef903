"""The extractor's view of each relation comes from the ontology's flags."""
from __future__ import annotations

import pytest

from kg.rdf import ontology
from kg.extract.schema import names_where, schema, schemas, type_ok


def test_every_ontology_relation_has_a_schema() -> None:
    assert set(schemas()) == set(ontology.relations())


@pytest.mark.parametrize("flag,expected", [
    ("between_states", {"cooperatesWith", "hasPartnershipWith", "transfersTechnologyTo", "providesAidTo",
                        "produces", "tradesWith", "investsIn"}),
    ("dated", {"meetsWith", "holdsPhoneCallWith", "visits", "invites", "agreesWith"}),
    ("quantified", {"tradesWith", "providesAidTo", "produces", "investsIn", "transfersTechnologyTo"}),
    ("may_be_mutual", {"supports", "praises", "providesAidTo"}),
    ("rolls_up", {"meetsWith", "holdsPhoneCallWith", "agreesWith"}),
    ("person_meets_body", {"meetsWith", "holdsPhoneCallWith"}),
])
def test_flags_read_from_the_ontology(flag: str, expected: set[str]) -> None:
    assert names_where(flag) == expected


def test_implied_modalities() -> None:
    implied = {n: s.implied_modality for n, s in schemas().items() if s.implied_modality}
    assert implied == {"appealsTo": "requested", "agreesWith": "agreed", "invites": "planned"}
    assert set(implied.values()) <= set(ontology.modalities())


@pytest.mark.parametrize("rel,s,o,ok", [
    ("providesAidTo", "country/japan", "country/vietnam", True),
    ("providesAidTo", "person/x", "country/vietnam", False),          # states and bodies only
    ("providesAidTo", "country/japan", "vaccine/pfizer", False),       # the range is an actor
    ("produces", "organization/ivac", "vaccine/covivac", True),
    ("produces", "person/x", "vaccine/covivac", False),
    ("produces", "organization/ivac", "country/vietnam", False),
    ("visits", "person/x", "country/laos", True),
    ("visits", "person/x", "organization/who", False),                 # the extracted range is narrower
    ("meetsWith", "person/x", "organization/who", True),               # a person may meet a body
    ("meetsWith", "person/x", "country/laos", False),                  # but not a state
    ("agreesWith", "person/x", "organization/who", False),
    ("agreesWith", "person/x", "person/y", True),
    ("praises", "country/laos", "country/laos", False),                # nobody relates to itself
    ("praises", "position/minister", "country/laos", False),
])
def test_type_ok(rel: str, s: str, o: str, ok: bool) -> None:
    assert type_ok(rel, s, o) is ok


def test_visits_keeps_the_ontology_range_for_rdf() -> None:
    assert ontology.relation("visits").range == "Actor"
    assert schema("visits").range == {"Country"}
