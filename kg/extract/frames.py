"""Argument frames: how a trigger finds its object, one small function per frame.

A row of ``kg/resources/triggers.json`` names its frame (``sym``, ``svo``,
``control``, ``give``, ``receive``, ``agentive``) and may carry conditions
(:data:`ROW_KEYS`). :func:`check_trigger_rows` refuses an unknown frame, key,
relation or part of speech when the pipeline is built (E009), instead of
letting a typo fall silently into a generic branch.

The subject is found the same way for every frame (:mod:`kg.extract.relations`); a
frame function then fills ``step.obj`` from the sentence's arguments
(:class:`kg.extract.arguments.SentenceArguments`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from .arguments import ACTOR_TYPES, _ids
from .candidates import Candidate
from ..errors import ResourceError
from ..model import Mention
from ..registry import Registry
from ..lang.patterns import Match

if TYPE_CHECKING:
    from .arguments import SentenceArguments


@dataclass
class Step:
    """One trigger being read: its clause, and the arguments found so far."""

    t: Match
    rel: str
    frame: str
    lo: int
    hi: int
    conf: float = 0.55     # the subject was found further away: the least sure reading (dev set: P 0.88)
    subj: list[str] = field(default_factory=list)
    obj: list[str] = field(default_factory=list)
    subj_m: Mention | None = None

    @property
    def row(self) -> dict[str, Any]:
        return self.t.payload


@dataclass
class Chain:
    """What the triggers of one sentence share, left to right."""

    found: list[Match]
    out: list[Candidate] = field(default_factory=list)
    prev: tuple[Match, list[str], list[str], bool] | None = None     # (trigger, subj, obj, control)
    used_objects: set[int] = field(default_factory=set)
    clause_lo: int = -1
    requester: list[str] = field(default_factory=list)
    addressee: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)       # the addressee of the last request ("đề nghị X ...")
    asked_at: int = 0                                    # where that request's verb ends
    speaker: list[str] = field(default_factory=list)
    speaker_end: int = 0


ObjectFinder = Callable[["SentenceArguments", Step, Chain], None]
FRAMES: Registry[ObjectFinder] = Registry("argument frame")

# Conditions a trigger row may carry, with the type of their value.
ROW_KEYS: dict[str, type | tuple[type, ...]] = {
    "phrase": str, "rel": str, "frame": str, "pos": str, "needs": list, "window": int,
    "needs_actor_right": bool, "near": dict, "adjacent_object": bool, "passive": bool,
    "addressee": str, "owner_is_object": bool, "object_types": list, "product_before": bool,
    "partner_gives": bool, "lends_partner": bool,
}
POS = ("verb", "noun")


@FRAMES.register("sym")
def symmetric_objects(r: "SentenceArguments", s: Step, chain: Chain) -> None:
    """Talks, calls, agreements: "A và B", "A ... với B", or the actor right after the verb."""
    w = r.after_prep(s.t.end, s.hi, "with")
    if len(s.subj) >= 2:
        if w is not None and w.type != "Group" and not set(_ids(w)) & set(s.subj):
            s.obj = _ids(w)         # "A and B signed a deal with C": each of them with C
            chain.used_objects.add(id(w))
        else:
            s.obj, s.subj = s.subj[1:2], s.subj[:1]
        return
    cands = [w] if w else [m for m in r.right_actors(s.t.end, s.hi)
                           if r.prep_before(m) in (None, "recipient") and r.gap_words(s.t.end, m.i) <= 3]
    cands = [c for c in cands if c is not None and _ids(c) != s.subj]
    if cands:
        s.obj = _ids(cands[0])
        chain.used_objects.add(id(cands[0]))      # "met X but did not meet Y": X is no subject
        if cands[0].type == "Group" and len(s.obj) == 2 and not s.subj:
            s.subj, s.obj = s.obj[:1], s.obj[1:]


@FRAMES.register("give")
def give_objects(r: "SentenceArguments", s: Step, chain: Chain) -> None:
    by = r.passive_agent(s.t)
    if by is None:
        _giving(r, s, chain, "recipient")
        if not s.obj and s.subj_m is not None and r.agent_marked(s.subj_m):
            s.obj = _implied_receiver(r, s)
        elif not s.obj and s.subj and s.rel == "providesAidTo" and s.conf >= 0.75:
            # "từ COVAX và Nhật Bản, Mỹ, Nga viện trợ": givers listed with no receiver give home
            home = _home(r)
            if home and home[0] not in s.subj:
                s.obj, s.conf = home, s.conf * 0.8
        return
    # "doses donated by the UK [via COVAX]": the agent gives, to the clause's
    # receiver ("Viet Nam receives ...") unless a "to X" names another
    to = r.after_prep(s.t.end, s.hi, "recipient")
    topic = r.topic()
    receiver = to or (topic if topic is not None and topic.i < s.t.start and _ids(topic) != _ids(by) else None)
    s.subj = _ids(by)
    s.obj = _ids(receiver) if receiver is not None else []
    s.conf = 0.75


@FRAMES.register("receive")
def receive_objects(r: "SentenceArguments", s: Step, chain: Chain) -> None:
    """Receiving is giving reversed: "tiếp nhận ... từ X", "received ... from X"."""
    _giving(r, s, chain, "source")
    if not s.obj:
        # "IVAC đàm phán với Bharat Biotech để nhận chuyển giao công nghệ": the
        # partner the receiver deals with is the giver
        partner = next((a for a in reversed(r.actors) if s.lo <= a.i < s.t.start
                        and r.prep_before(a) == "with" and _ids(a) != s.subj), None)
        s.obj = _ids(partner) if partner is not None else []
    s.subj, s.obj = s.obj, s.subj


def _implied_receiver(r: "SentenceArguments", s: Step) -> list[str]:
    """"500.000 liều vắc xin do Ba Lan tài trợ": a gift named by its giver alone goes to the
    receiver the sentence is about, else to the other party of the article, else home."""
    topic = next((m for m in r.actors if m.i < s.t.start and r.prep_before(m) is None and not r.agent_marked(m)
                  and not set(_ids(m)) & set(s.subj)), None)
    if topic is not None:
        return _ids(topic)
    others = [c for c in r.pair if c not in s.subj]
    if len(r.pair) == 2 and len(others) == 1:
        return others
    home = _home(r)
    return home if home and home[0] not in s.subj else []


def _home(r: "SentenceArguments") -> list[str]:
    """The country an article in this language is about when it names no other (profile ``home_country``)."""
    home = r.lex.profile(r.lang).get("home_country")
    return [f"country/{home}"] if home else []


def _giving(r: "SentenceArguments", s: Step, chain: Chain, role: str) -> None:
    t, hi = s.t, s.hi
    m = r.after_prep(t.end, hi, role)
    of = r.after_prep(t.end, m.i if m is not None else hi, "agent")
    if role == "recipient" and m is not None and of is not None and r.gap_words(t.end, of.i) <= 9 \
            and (s.subj_m is None or s.conf < 0.7):
        s.subj = _ids(of)     # "chuyển giao công nghệ ... của Cuba cho Việt Nam"
    by_do = s.subj_m is not None and r.agent_marked(s.subj_m)
    if m is None and not by_do:
        # "liều vắc xin do Ba Lan tài trợ, phân bổ ... do Rumania": a passive agent's verb takes
        # no bare receiver; otherwise a bare receiver follows its verb, before the next verb's arguments
        # ("đẩy mạnh chuyển giao công nghệ và khuyến khích Samsung ...": not Samsung)
        mutual = r.is_mutual(t, hi)       # "offer mutual support ... Vietnam-Russia ties"
        nxt = hi if mutual else min([x.start for x in chain.found if x.start >= t.end] + [hi])
        cands = [c for c in r.right_actors(t.end, nxt) if r.prep_before(c) not in ("agent", "source", "place")
                 and (mutual or not r.conjunctions & set(r.lows[t.end:c.i]))]
        m = cands[0] if cands else None
    if m is None and of is not None and s.subj and _ids(of) != s.subj and r.gap_words(t.end, of.i) <= 8:
        m = of              # "hỗ trợ ... an ninh lương thực của Cuba": the beneficiary
    if m is not None and _ids(m) != s.subj and s.row.get("partner_gives") and r.prep_before(m) == "with":
        # "reached a technology transfer deal with X": the partner holds the technology
        s.subj, s.obj = _ids(m), s.subj
        chain.used_objects.add(id(m))
    elif m is not None and _ids(m) != s.subj:
        s.obj = _ids(m) + r.joined_by_and(m)       # "tặng Lào và Campuchia"
        chain.used_objects.add(id(m))
    elif chain.prev and chain.prev[0].payload.get("lends_partner") and chain.prev[1] == s.subj and chain.prev[2] \
            and not r.is_mutual(t, hi):
        s.obj = list(chain.prev[2])         # "cooperate with X in technology transfer": to the partner
    elif chain.requester and s.subj == chain.addressee:
        s.obj = list(chain.requester)       # "Vietnam seeks tech transfer from Russia": to the requester


@FRAMES.register("svo")
def direct_objects(r: "SentenceArguments", s: Step, chain: Chain) -> None:
    """The first fitting actor after the verb (a vaccine for ``produces``)."""
    if s.row["pos"] == "noun" and s.rel == "visits":
        where = next((m for m in r.actors if m.j == s.t.start and m.type == "Country" and _ids(m) != s.subj), None)
        if where is not None:       # "the Singapore visit by President X": the country before the noun
            s.obj = _ids(where)
            return
    cands = _row_filtered(r, s, _object_candidates(r, s))
    _take_object(r, s, chain, cands, control=False)


@FRAMES.register("control")
def addressee_objects(r: "SentenceArguments", s: Step, chain: Chain) -> None:
    """"đề nghị Nga hỗ trợ", "thanked Russia for": the addressee, before the next verb."""
    cands = _object_candidates(r, s)
    filtered = _row_filtered(r, s, cands)
    if filtered is cands:
        later = [x for x in chain.found if x.start > s.t.start]
        # "cảm ơn và đề nghị X": coordinated verbs share the addressee
        while later and all(tok.lower in r.coord for tok in r.toks[s.t.end:later[0].start]) \
                and later[0].payload["frame"] == "control":
            later = later[1:]
        nxt = min([x.start for x in later] + [s.hi])
        filtered = [m for m in cands if m.i < nxt and r.gap_words(s.t.end, m.i) <= 8]
    _take_object(r, s, chain, filtered, control=True)


def _row_filtered(r: "SentenceArguments", s: Step, cands: list[Mention]) -> list[Mention]:
    """The row's own object conditions; ``cands`` itself where the row sets none."""
    if s.row.get("addressee") == "source":
        src = r.after_prep(s.t.end, s.hi, "source")
        return [src] if src else []
    if s.row.get("adjacent_object"):
        return [m for m in cands if r.gap_words(s.t.end, m.i) <= 1]
    return cands


@FRAMES.register("agentive")
def agentive_objects(r: "SentenceArguments", s: Step, chain: Chain) -> None:
    """Never called: an agentive noun ("at the invitation of X") finds both arguments at
    once (:meth:`kg.extract.relations.SentenceRelations.agentive`). Registered so rows may name it."""


def _object_candidates(r: "SentenceArguments", s: Step) -> list[Mention]:
    types = ("Vaccine",) if s.rel == "produces" else ACTOR_TYPES
    pool = r.vaccines if s.rel == "produces" else r.actors
    cands = [m for m in pool if m.i >= s.t.end and m.j <= s.hi and m.type in types
             and r.prep_before(m) not in ("source",) and _ids(m) != s.subj]
    if s.row.get("object_types"):
        cands = [m for m in cands if m.type in s.row["object_types"]]
    return cands


def _take_object(r: "SentenceArguments", s: Step, chain: Chain, cands: list[Mention], *, control: bool) -> None:
    if cands:
        # "hoan nghênh VinBioCare và Arcturus", "thanked Japan and Australia"
        s.obj = _ids(cands[0]) + (r.joined_by_and(cands[0]) if s.rel != "produces" else [])
        if not control:
            chain.used_objects.add(id(cands[0]))
    elif s.rel == "produces" and not s.obj:
        s.obj = r.passive_product(s.t, s.lo)


def check_trigger_rows(lang: str, rows: list[dict[str, Any]], relations: set[str]) -> None:
    """Refuse a trigger row the extractor cannot read (E009), naming the row."""
    for n, row in enumerate(rows, 1):
        where = f"triggers.json [{lang}] row {n} ({row.get('phrase', '?')!r})"
        unknown = sorted(set(row) - set(ROW_KEYS))
        if unknown:
            raise ResourceError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(ROW_KEYS)}")
        for key in ("phrase", "rel", "frame", "pos"):
            if key not in row:
                raise ResourceError(f"{where}: missing {key!r}")
        for key, value in row.items():
            if not isinstance(value, ROW_KEYS[key]):
                raise ResourceError(f"{where}: {key!r} must be {getattr(ROW_KEYS[key], '__name__', ROW_KEYS[key])}")
        if row["frame"] not in FRAMES:
            raise ResourceError(f"{where}: unknown frame {row['frame']!r}; known: {', '.join(FRAMES.names())}")
        rels = [row["rel"]] + ([row["near"].get("rel")] if "near" in row else [])
        for rel in rels:
            if rel not in relations:
                raise ResourceError(f"{where}: relation {rel!r} is not in the ontology")
        if row["pos"] not in POS:
            raise ResourceError(f"{where}: pos must be one of {', '.join(POS)}")
