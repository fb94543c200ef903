"""Curated resources (kg/resources/*.json) loaded into phrase indexes.

Language differences live here, in data: one index per language for trigger
and cue tables, one shared index for names (a country is matched by its
Vietnamese or English name in either language).

>>> lex = load_lexicon()
>>> lex.entities["country/vietnam"].labels["vi"]
'Việt Nam'
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ResourceError
from ..model import Entity
from ..lang.text import fold, nfc
from ..lang.patterns import PhraseIndex
from ..lang.profiles import LANGS, load_profiles

_FILES = {"countries": "Country", "organizations": "Organization", "vaccines": "Vaccine"}
_VACCINE_WORDS = ("vắc xin", "vắc-xin", "vaccine", "vacxin")


def _read(name: str) -> Any:
    try:
        text = resources.files("kg.resources").joinpath(name).read_text(encoding="utf-8")
        return json.loads(nfc(text))
    except FileNotFoundError as exc:
        raise ResourceError(f"{name} is missing") from exc
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{name}: {exc}") from exc


def _vaccine_variants(alias: str) -> set[str]:
    out = {alias}
    low = alias.lower()
    for w in _VACCINE_WORDS:
        if w in low:
            i = low.index(w)
            for v in _VACCINE_WORDS:
                out.add(alias[:i] + v + alias[i + len(w):])
    return out


@dataclass
class Lexicon:
    names: PhraseIndex = field(default_factory=PhraseIndex)          # entities: countries, orgs, vaccines
    positions: PhraseIndex = field(default_factory=PhraseIndex)
    triggers: dict[str, PhraseIndex] = field(default_factory=dict)   # lang -> index of trigger rows
    trigger_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)   # lang -> rows as read
    cues: dict[str, PhraseIndex] = field(default_factory=dict)       # lang -> modality/negation/group/pronoun cues
    entities: dict[str, Entity] = field(default_factory=dict)
    position_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    org_country: dict[str, str] = field(default_factory=dict)       # organization id -> country id
    org_kind: dict[str, str] = field(default_factory=dict)          # organization id -> company, fund, international...
    maker_vaccine: dict[str, str] = field(default_factory=dict)     # maker id -> its one vaccine ("AstraZeneca doses")
    in_company: dict[str, str] = field(default_factory=dict)        # position id -> its name inside a company
    regions: dict[str, list[str]] = field(default_factory=dict)     # region name -> country ids
    surnames: set[str] = field(default_factory=set)                 # folded Vietnamese family names
    surname_forms: set[str] = field(default_factory=set)            # the same, with their marks (lower case)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # lang -> word lists (resources/profiles)
    indexes: dict[tuple[str, str], PhraseIndex] = field(default_factory=dict)   # (profile key, lang) -> phrases
    ambiguous: set[str] = field(default_factory=set)                # folded aliases that need context
    # What user lexicons add (kg.extract.user_apply); empty without one.
    user_people: list[Any] = field(default_factory=list)            # PersonSeed: people the index starts with
    user_files: dict[str, str] = field(default_factory=dict)        # entity id -> the user lexicon that gave it
    same_as: list[tuple[str, ...]] = field(default_factory=list)    # names or ids the user made one
    not_same: list[tuple[str, str]] = field(default_factory=list)   # pairs the user keeps apart
    digest: str = ""                                                # of the user lexicons' contents
    # Values derived from the lists above on first use (word sets, preposition roles):
    # the rules ask for them in every sentence.
    derived: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def profile(self, lang: str) -> dict[str, Any]:
        """The language's profile: its word lists over those every language shares (``xx``)."""
        return self.profiles.get(lang) or self.profiles["xx"]

    def phrases(self, key: str, lang: str) -> PhraseIndex:
        """A profile word list as a phrase index (built on first use), each phrase its own payload."""
        idx = self.indexes.get((key, lang))
        if idx is None:
            idx = PhraseIndex()
            for phrase in self.words(key, lang):
                idx.add(phrase, phrase)
            self.indexes[(key, lang)] = idx
        return idx

    def words(self, key: str, lang: str) -> list[str]:
        """A word list of the language's profile (``reporting``, ``copula``...); empty if it has none."""
        return list(self.profile(lang).get(key, []))

    def word_set(self, key: str, lang: str) -> frozenset[str]:
        """:meth:`words` as a set, made once per language."""
        found = self.derived.get(("words", key, lang))
        if found is None:
            found = self.derived[("words", key, lang)] = frozenset(self.words(key, lang))
        return found

    def is_surname(self, word: str) -> bool:
        """A Vietnamese family name: with its marks when the word has marks ("Viện" is not "Viên")."""
        low = nfc(word).lower()
        return low in self.surname_forms if fold(low) != low else low in self.surnames

    def prep_role(self, word: str, lang: str) -> str | None:
        """The role of a preposition ("place", "recipient"...): the first role that lists it."""
        roles = self.derived.get(("prep roles", lang))
        if roles is None:
            roles = self.derived[("prep roles", lang)] = {}
            for role, words in self.profile(lang).get("preps", {}).items():
                for w in words:
                    roles.setdefault(w, role)
        return roles.get(word)


def _add_entity(lex: Lexicon, row: dict[str, Any], etype: str) -> str:
    eid = f"{etype.lower()}/{row['id']}"
    labels = {"en": row.get("en") or row.get("vi"), "vi": row.get("vi") or row.get("en")}
    aliases = {labels["en"], labels["vi"], *row.get("aliases_en", []), *row.get("aliases_vi", [])}
    if etype == "Vaccine":
        aliases = set().union(*(_vaccine_variants(a) for a in aliases))
    lex.entities[eid] = Entity(eid, etype, labels["en"], labels, {a for a in aliases if a}, row.get("wikidata"),
                               source="lexicon")
    ambiguous = {fold(a) for a in row.get("ambiguous_vi", [])}
    lex.ambiguous |= ambiguous
    for alias in aliases:
        if not alias:
            continue
        # Short acronyms ("US", "WHO", "UN") are ordinary words in lower case.
        short = len(alias.replace(".", "")) <= 3 or alias.isupper() and len(alias) <= 5
        lex.names.add(alias, {"id": eid, "type": etype, "form": "name", "ambiguous": fold(alias) in ambiguous},
                      case_sensitive=short)
    if etype == "Country":
        for adj in row.get("adjectives_en", []):
            lex.names.add(adj, {"id": eid, "type": etype, "form": "adjective", "ambiguous": False}, case_sensitive=True)
        for cap in [row.get("capital_en"), row.get("capital_vi"), *row.get("capital_aliases", [])]:
            if cap:
                lex.names.add(cap, {"id": eid, "type": etype, "form": "capital", "ambiguous": False}, case_sensitive=True)
    return eid


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once per process."""
    return build_lexicon()


def build_lexicon() -> Lexicon:
    """A fresh built-in lexicon (one to extend with user entries: :mod:`kg.extract.user_apply`)."""
    lex = Lexicon()
    for fname, etype in _FILES.items():
        for row in _read(f"{fname}.json"):
            eid = _add_entity(lex, row, etype)
            if etype == "Organization" and row.get("country"):
                lex.org_country[eid] = f"country/{row['country']}"
            if etype == "Organization":
                lex.org_kind[eid] = row.get("kind", "")
            if etype == "Vaccine":
                for maker in row.get("maker", []):
                    # a maker of several vaccines names none of them alone
                    made = f"organization/{maker}"
                    lex.maker_vaccine[made] = "" if made in lex.maker_vaccine else eid
    for row in _with_deputies(_read("positions.json")):
        pid = f"position/{row['id']}"
        if row.get("in_company"):
            lex.in_company[pid] = f"position/{row['in_company']}"
        lex.position_labels[pid] = {"en": row["en"], "vi": row.get("vi", row["en"])}
        lex.entities[pid] = Entity(pid, "Position", row["en"], {"en": row["en"], "vi": row.get("vi", row["en"])},
                                   {row["en"], row.get("vi", row["en"]), *row.get("aliases_en", []), *row.get("aliases_vi", [])},
                                   source="lexicon")
        for alias in lex.entities[pid].aliases:
            lex.positions.add(alias, {"id": pid, "rank": row.get("rank", ""), "kind": row.get("kind", "")},
                              case_sensitive=len(alias) <= 3)
    lex.surnames = {fold(s) for s in _read("vn_surnames.json")["surnames"]}
    lex.surname_forms = {nfc(s).lower() for s in _read("vn_surnames.json")["surnames"]}
    lex.profiles = load_profiles()
    # "his Japanese counterpart X": a title-like word that names no office of its own
    for lang in LANGS:
        for word in lex.words("counterparts", lang):
            lex.positions.add(word, {"id": None, "rank": "", "kind": "counterpart"})
    for region, row in _read("regions.json").items():
        lex.regions[region] = [f"country/{c}" for c in row["countries"]]
        for form in [*row.get("vi", []), *row.get("en", [])]:
            lex.names.add(form, {"id": None, "type": "Country", "form": "region", "region": region, "ambiguous": False})
    triggers = _read("triggers.json")
    for lang, rows in triggers.items():
        lex.trigger_rows[lang] = rows
        idx = lex.triggers.setdefault(lang, PhraseIndex())
        for row in rows:
            idx.add(row["phrase"], row)
    _index_cues(lex)
    return lex


def _with_deputies(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each portfolio minister gets a deputy ("Bộ trưởng Công Thương" → "Thứ trưởng Công Thương",
    "Trade Minister" → "Deputy Trade Minister") unless positions.json lists one, and each
    Vietnamese title has its "Bộ ..." form ("Bộ trưởng Y tế" / "Bộ trưởng Bộ Y tế").

    >>> deputy = _with_deputies([{"id": "trade-minister", "en": "Minister of Trade", "vi": "Bộ trưởng Thương mại",
    ...                           "aliases_en": ["Trade Minister"], "aliases_vi": [], "rank": "minister"}])[1]
    >>> deputy["id"], sorted(deputy["aliases_en"]), sorted(deputy["aliases_vi"])
    ('deputy-trade-minister', ['Deputy Trade Minister', 'Vice Minister of Trade'], ['Thứ trưởng Bộ Thương mại'])
    """
    ids = {r["id"] for r in rows}
    out = []
    for row in rows:
        row = dict(row)
        vis = [row.get("vi", ""), *row.get("aliases_vi", [])]
        with_bo = [f"Bộ trưởng Bộ {v[len('Bộ trưởng '):]}" for v in vis
                   if v.startswith("Bộ trưởng ") and not v.startswith("Bộ trưởng Bộ ")]
        row["aliases_vi"] = sorted(set(row.get("aliases_vi", [])) | set(with_bo) - {row.get("vi")})
        out.append(row)
        deputy_id = f"deputy-{row['id']}"
        if row.get("rank") != "minister" or not row["id"].endswith("-minister") or deputy_id in ids:
            continue
        vis = [row.get("vi", ""), *row["aliases_vi"]]
        dvi = [f"Thứ trưởng {v[len('Bộ trưởng '):]}" for v in vis if v.startswith("Bộ trưởng ")]
        ens = [row["en"], *row.get("aliases_en", [])]
        den = [f"Deputy {e}" for e in ens if e.endswith("Minister")]
        den += [f"Vice {e}" for e in ens if e.startswith("Minister of")]
        out.append({"id": deputy_id, "en": f"Deputy {row['en']}", "vi": dvi[0] if dvi else f"Deputy {row['en']}",
                    "aliases_en": den, "aliases_vi": dvi[1:], "rank": "deputy-minister", "kind": row.get("kind", "")})
    return out


@lru_cache(maxsize=1)
def _calibration() -> tuple[tuple[float, float], ...]:
    points = tuple((float(a), float(b)) for a, b in _read("calibration.json")["points"])
    if list(points) != sorted(points) or [b for _, b in points] != sorted(b for _, b in points):
        raise ResourceError("calibration.json: points must rise in both columns")
    return points


def calibrate(raw: float) -> float:
    """The precision measured for a reading of raw confidence ``raw`` (interpolated; order kept).

    >>> calibrate(0.55), calibrate(0.85), calibrate(0.825)
    (0.89, 0.99, 0.98)
    """
    points = _calibration()
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if raw <= x1:
            t = 0.0 if x1 == x0 else (max(raw, x0) - x0) / (x1 - x0)
            return round(y0 + t * (y1 - y0), 3)
    return points[-1][1]


def _index_cues(lex: Lexicon) -> None:
    for lang in LANGS:
        g = lex.profile(lang)
        idx = lex.cues.setdefault(lang, PhraseIndex())
        weak = set(g.get("weak_planned", []))
        for modality, phrases in g["modality"].items():
            for p in phrases:
                idx.add(p, {"cue": "modality", "modality": modality, "weak": p in weak})
        for kind, phrases in g["groups"].items():
            for p in phrases:
                idx.add(p, {"cue": "group", "kind": kind})
        for etype, phrases in g["pronouns"].items():
            for p in phrases:
                idx.add(p, {"cue": "pronoun", "type": etype})
        for key in ("mutual", "reporting", "continuation"):
            for p in g[key]:
                idx.add(p, {"cue": key})
