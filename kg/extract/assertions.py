"""Relation candidates → assertions with modality, dates, quantities and confidence.

Rules applied here, after argument finding:
* Material relations (cooperation, aid, technology, trade, investment,
  partnership, production) are between countries and organisations: an
  official's act is lifted to the country the official represents.
* A directed relation whose subject is a pair ("hai bên") holds both ways only
  when the text says so ("ủng hộ lẫn nhau", "each other"); otherwise it is dropped.
* A bilateral article's missing party is its other main country
  ("tiếp tục cung cấp ODA cho Việt Nam" in a Korea–Vietnam article).
* Positions: "Bộ trưởng Ngoại giao Nga Sergey Lavrov" gives holdsPosition and
  represents; a generic title ("Bộ trưởng") is dropped when a specific one is known.
* Person-level meetings, calls and agreements roll up to their countries, marked inferred.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang.dates import find_dates
from .modality import cue_matches, decide, decided, noun_modality
from .coref import RANK_WORDS
from ..model import Assertion, Quantity
from ..lang.quantities import find_quantities
from .schema import kind, schema, type_ok
from .relations import Candidate, SentenceRelations, SentenceState
from ..lang.text import norm

if TYPE_CHECKING:
    from .doc import DocData, Extracting as Extractor, SentenceData

def _lift(eid: str, rel: str, doc: "DocData") -> str:
    if schema(rel).between_states and kind(eid) == "person" and doc.resolver is not None:
        return doc.resolver.person_country(eid) or eid
    return eid


def _pairs(c: Candidate, doc: "DocData") -> list[tuple[str, str, float]]:
    res = doc.resolver
    pair = res.ctx.country_pair if res else []
    ppair = res.ctx.person_pair if res else []
    subj, obj, conf = list(c.subjects), list(c.objects), c.confidence
    sym = schema(c.predicate).symmetric
    if sym and len(subj) == 2 and not obj:
        subj, obj = subj[:1], subj[1:]
    if sym and not subj and len(obj) == 1:
        subj, obj = obj, []
    if sym and not obj and len(subj) == 1:
        for group in (pair, ppair):
            if subj[0] in group:           # the other party of the talks: usually right
                obj, conf = [g for g in group if g != subj[0]], conf * 0.9
    if sym and not subj and not obj and c.predicate == "tradesWith" and len(pair) == 2:
        subj, obj, conf = pair[:1], pair[1:], conf * 0.9
    if not sym and not subj and len(obj) == 1 and obj[0] in pair and (c.frame == "give" or c.predicate == "investsIn"):
        subj, conf = [g for g in pair if g != obj[0]], conf * 0.6
    out: list[tuple[str, str, float]] = []
    if c.mutual and schema(c.predicate).may_be_mutual and not obj and len(subj) == 1 and subj[0] in pair:
        subj = list(pair)       # "hai bên ... ủng hộ lẫn nhau"
    if not sym and len(subj) >= 2 and not c.each:
        if not (c.mutual and schema(c.predicate).may_be_mutual and len(subj) == 2):
            return []
        return [(subj[0], subj[1], conf), (subj[1], subj[0], conf)]
    for s in subj:
        for o in obj:
            out.append((s, o, conf))
    return out


def _level(text: str, doc: "DocData", ex: "Extractor") -> str | None:
    low = norm(text)
    levels = ex.lex.profile(doc.article.lang).get("partnership_levels", {})
    for phrase, level in sorted(levels.items(), key=lambda p: -len(p[0])):
        if norm(phrase) in low:
            return level
    return None


def sentence_assertions(doc: "DocData", sd: "SentenceData", ex: "Extractor",
                        prev: SentenceState) -> tuple[list[Assertion], SentenceState]:
    res = doc.resolver
    lang = doc.article.lang
    rels = SentenceRelations(sd.tokens, sd.mentions, lang, ex.lex,
                             res.ctx.country_pair if res else [], res.ctx.person_pair if res else [],
                             res.person_country if res else (lambda _: None), prev, sd.word_starts)
    candidates, state = rels.extract()
    if not candidates:              # most sentences: nothing to assert, only what the next one inherits
        state.modality = _list_modality(sd, lang, ex, None)
        return [], state
    cues = cue_matches(sd.tokens, lang, ex.lex)
    inherited = prev.modality if (prev.open_list or _continues(sd, ex, lang)) else None
    first_request = next((c.trigger.start for c in candidates if c.predicate == "appealsTo" and c.frame == "control"), None)
    dates = find_dates(sd.analysis, lang, doc.year)
    quantities = find_quantities(sd.analysis, lang)
    out: list[Assertion] = []
    quantified: list[tuple[Assertion, int]] = []
    last_modality = None
    for c in candidates:
        modality = _modality(c, sd, ex, rels, cues, first_request, inherited)
        last_modality = modality if modality != "asserted" else last_modality
        # "quyết định viện trợ": the decision is made (asserted), the gift is still to come (planned)
        extra = ["planned"] if modality == "asserted" and c.frame in ("give", "svo") \
            and decided(sd.tokens, c.trigger.start, lang, ex.lex) else []
        for s, o, conf in _pairs(c, doc):
            for mod in [modality, *extra]:
                a = _assertion(doc, sd, ex, c, (s, o, conf), mod, dates)
                if a is None:
                    continue
                if schema(c.predicate).quantified:
                    quantified.append((a, c.trigger.start))
                out.append(a)
    # Only triggers that gave an assertion may own a quantity.
    owners = _quantity_owners(sd, sorted({at for _, at in quantified}), quantities)
    for a, at in quantified:
        a.quantities = [q for q, owner in zip(quantities, owners) if at in owner]
    # what the next sentence may inherit: an agreement or request whose list goes on
    state.modality = last_modality if last_modality in ("agreed", "requested", "planned") else None
    if not state.modality:
        state.modality = _list_modality(sd, lang, ex, cues)
    return out, state


def _list_modality(sd: "SentenceData", lang: str, ex: "Extractor", cues: list | None) -> str | None:
    """A sentence that ends in ":" hands its agreement or request to the list that follows."""
    if not sd.tokens or sd.tokens[-1].text != ":":
        return None
    cues = cue_matches(sd.tokens, lang, ex.lex) if cues is None else cues
    own_cues = [q.payload["modality"] for q in cues if q.payload["modality"] in ("agreed", "requested")]
    return own_cues[-1] if own_cues else None


def _modality(c: Candidate, sd: "SentenceData", ex: "Extractor", rels: SentenceRelations, cues: list,
              first_request: int | None, inherited: str | None) -> str:
    """The candidate's modality from the cues around its trigger, less its own implied cue."""
    own = schema(c.predicate).implied_modality
    usable = [q for q in cues if q.payload["modality"] != own or q.end < c.trigger.start - 1]
    usable = [q for q in usable if not (q.start >= c.trigger.start and q.start < c.trigger.end)]
    if c.frame == "control" and (joined := rels.coordinator_before(c.trigger)) is not None:
        # "X sẵn sàng hỗ trợ Lào và đề nghị Lào ...": a new speech act leaves the
        # modality of the one before it behind
        usable = [q for q in usable if q.start > joined]
    req = first_request if c.predicate != "appealsTo" else None
    if rels.after_subordinator(c.trigger):
        # "proposed ... while meeting with Y": the adjunct states what took place
        usable, req = [q for q in usable if q.start >= c.trigger.start - 2], None
    modality = decide(sd.tokens, c.trigger.start, c.trigger.end, rels.lang, ex.lex,
                      request_at=req, inherited=inherited, cues=usable)
    own_cue = next((q.payload["modality"] for q in cues if c.trigger.start <= q.start < c.trigger.end
                    and q.payload["modality"] in ("agreed", "planned") and q.payload["modality"] != own), None)
    if modality == "asserted" and own_cue:
        modality = own_cue          # "pledged 1 million doses": the trigger is itself a promise
    if own in ("requested", "agreed") and modality in ("requested", "agreed"):
        modality = "asserted"       # a request to agree is still a request made
    if c.trigger.payload.get("passive") and modality in ("requested", "agreed", "planned"):
        modality = "asserted"       # "doses ... produced by CSL": a participle states a fact
    if c.trigger.payload["pos"] == "noun" and modality != "negated":
        modality = noun_modality(sd.tokens, c.trigger.start, c.trigger.end, c.predicate, rels.lang, ex.lex) \
            or modality
    return modality


def _assertion(doc: "DocData", sd: "SentenceData", ex: "Extractor", c: Candidate, pair: tuple[str, str, float],
               modality: str, dates: list) -> Assertion | None:
    """One assertion of a candidate's (subject, object), or None where the pair does not fit."""
    res = doc.resolver
    s, o = _lift(pair[0], c.predicate, doc), _lift(pair[1], c.predicate, doc)
    conf = pair[2]
    if not type_ok(c.predicate, s, o):
        return None
    if c.predicate in ("appealsTo", "praises") and res is not None and res.person_country(s) == o:
        return None     # "proposed that both sides ...", "praised the ties between the two countries": one's own side
    if c.predicate == "visits" and res is not None and res.person_country(s) == o:
        # a leader "visiting" their own country is travelling at home; in talks
        # "nhân dịp ông thăm Việt Nam" is the guest's visit
        guests = [g for g in res.ctx.person_pair if g != s and res.person_country(g) not in (o, None)]
        if not guests:
            return None
        s, conf = guests[0], conf * 0.9
    sentence = sd.sentence
    a = Assertion(doc.article.doc, s, c.predicate, o, modality, round(conf, 3), sentence.text,
                  sentence.start, sentence.end, c.trigger.phrase, extractor=ex.version)
    if schema(c.predicate).dated and dates:
        first = dates[0]
        if first[1]:
            a.start, a.end = first
        else:
            a.date = first[0]
    if c.predicate == "hasPartnershipWith":
        level = _level(sd.analysis, doc, ex)
        if level:
            a.attrs["level"] = level
    if sentence.is_title:
        a.confidence = round(a.confidence * 0.95, 3)    # headlines drop words: a little less sure
    return a


def _quantity_owners(sd: "SentenceData", starts: list[int], quantities: list[Quantity]) -> list[set[int]]:
    """For each quantity, the triggers (token indexes) it belongs to: the
    quantified triggers of its own clause that come before it; failing those,
    the nearest one before it, else the first after it. In "both sides shared
    supplies, and Russia transferred biologicals so that Vietnam made 1 million
    doses" the doses are the transfer's and the making's, not the sharing's."""
    starts = [i for i in starts if i < len(sd.tokens)]
    owners: list[set[int]] = []
    for q in quantities:
        at = sd.analysis.find(q.text) if q.text else -1
        if not starts or at < 0:
            owners.append(set(starts))
            continue
        clause = max(sd.analysis.rfind(mark, 0, at) for mark in _CLAUSE_MARKS)
        before = [i for i in starts if sd.tokens[i].start <= at]
        own = {i for i in before if sd.tokens[i].start > clause}
        owners.append(own or ({before[-1]} if before else {starts[0]}))
    return owners


# A clause ends at a comma, semicolon or colon followed by a space: "2,6 tỷ"
# and "12,5%" are numbers, not clauses.
_CLAUSE_MARKS = (", ", "; ", ": ")


def _continues(sd: "SentenceData", ex: "Extractor", lang: str) -> bool:
    """A sentence that opens with a continuation word and no subject of its own."""
    toks = sd.tokens
    if not toks:
        return False
    for m in ex.lex.cues[lang].match_at(toks, 0):
        if m.payload["cue"] == "continuation":
            return True
    return False


def position_assertions(doc: "DocData", ex: "Extractor") -> list[Assertion]:
    out: list[Assertion] = []
    res = doc.resolver
    if res is None:
        return out
    held: dict[str, dict[str, "SentenceData"]] = {}
    seen_person: dict[str, "SentenceData"] = {}
    for sd in doc.sentences:
        for m in sd.mentions:
            if m.type != "Person" or not m.entity_id or not m.entity_id.startswith("person/"):
                continue
            seen_person.setdefault(m.entity_id, sd)
            for pid in m.attrs.get("positions", []):
                held.setdefault(m.entity_id, {}).setdefault(pid, sd)
    for person, positions in held.items():
        specific = {p for p in positions if not _generic(p, positions)}
        org = getattr(ex.people.people.get(person), "org", None)
        in_company = org is not None and ex.lex.org_kind.get(org, "company") == "company"
        for pid in sorted(specific):
            sd = positions[pid]
            # "Tổng giám đốc" heads WHO as Director-General, and a company as its CEO
            named = ex.lex.in_company.get(pid, pid) if in_company else pid
            out.append(_fact(doc, ex, sd, person, "holdsPosition", named, 0.85))
    for person, sd in seen_person.items():
        p = ex.people.people.get(person)
        if p is None:
            continue
        target = p.org or p.country        # an executive serves the company, an envoy the state
        # Whom a person serves is read from a title; a bare name ("photo: Kim Kyung Hoon",
        # a byline) says nothing about it.
        if target and person in held:
            conf = 0.85 if person in held else 0.6
            out.append(_fact(doc, ex, held.get(person, {}).get(next(iter(held.get(person, {})), ""), sd), person,
                             "represents", target, conf))
    return out


def _generic(pid: str, positions: dict) -> bool:
    """"Thứ trưởng" (deputy-minister) beside "Thứ trưởng Bộ Y tế" (deputy-health-minister) says nothing more."""
    words = set(pid.split("/", 1)[1].split("-"))
    return any(other != pid and words < set(other.split("/", 1)[1].split("-"))
               and words & RANK_WORDS == set(other.split("/", 1)[1].split("-")) & RANK_WORDS for other in positions)


def _fact(doc: "DocData", ex: "Extractor", sd: "SentenceData", s: str, rel: str, o: str, conf: float,
          inferred: bool = False) -> Assertion:
    return Assertion(doc.article.doc, s, rel, o, "asserted", conf, sd.sentence.text, sd.sentence.start,
                     sd.sentence.end, "", inferred=inferred, extractor=ex.version)


def rollup(doc: "DocData", ex: "Extractor") -> list[Assertion]:
    """Countries behind two officials who met, talked or agreed: inferred facts."""
    res = doc.resolver
    out: list[Assertion] = []
    if res is None:
        return out
    have = {(a.subject, a.predicate, a.object) for a in doc.assertions}
    for a in list(doc.assertions):
        if not schema(a.predicate).rolls_up or a.inferred:
            continue
        s = res.person_country(a.subject) if a.subject.startswith("person/") else None
        o = res.person_country(a.object) if a.object.startswith("person/") else None
        if s and o and s != o and (s, a.predicate, o) not in have and (o, a.predicate, s) not in have:
            b = Assertion(a.doc, s, a.predicate, o, a.modality, round(a.confidence * 0.9, 3), a.sentence,
                          a.sentence_start, a.sentence_end, a.trigger, a.date, a.start, a.end,
                          inferred=True, extractor=a.extractor)
            out.append(b)
            have.add((s, a.predicate, o))
    return out
