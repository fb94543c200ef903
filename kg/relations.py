"""Resolved mentions + trigger tables → relation candidates for one sentence.

Argument finding follows a few general rules of Vietnamese and English news:

* The subject of a verb is the nearest actor on its left in the same clause
  that is not governed by a preposition ("cho X", "với X", "của X", "to X").
* Verbs in a row share their subject ("A cử chuyên gia sang giúp B và tặng B
  thuốc"), except after a *control* verb, whose object is the agent of what
  follows ("đề nghị Nga hỗ trợ", "thanked Russia for its support").
* A noun trigger takes its agent from "của/of/by X" or a possessive ("his visit").
* "lời mời của X" / "at the request of X": X is the agent, the clause subject the object.
* Symmetric relations take pairs: "A và B", "giữa A và B", "A - B", "A ... với B",
  or a group ("hai bên", "both sides").
* Giving takes its receiver after "cho/to/for"; receiving ("tiếp nhận ... từ X")
  is giving reversed.
Modality is decided separately (:mod:`kg.modality`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from .arguments import ACTOR_TYPES, SentenceArguments, _ids
from .model import Mention
from .tokens import Match

__all__ = ["ACTOR_TYPES", "Candidate", "SentenceRelations", "SentenceState"]


@dataclass
class Candidate:
    predicate: str
    subjects: list[str]
    objects: list[str]
    trigger: Match
    frame: str
    confidence: float = 0.7
    mutual: bool = False
    notes: list[str] = field(default_factory=list)
    each: bool = False          # several subjects each do it ("Ba Lan và Séc đã tặng ...")


@dataclass
class SentenceState:
    """What a sentence hands to the next one (for continuation sentences)."""

    subject: list[str] = field(default_factory=list)
    modality: str | None = None
    open_list: bool = False          # the sentence ended with ":" (a list of measures follows)


class SentenceRelations(SentenceArguments):
    """Relation candidates of one sentence: trigger tables, then arguments by frame."""

    # triggers ---------------------------------------------------------------
    def triggers(self) -> list[Match]:
        """Trigger matches, longest first at each position; among rows of the same
        phrase ("welcomed": a meeting or praise) the first whose conditions hold."""
        found: list[Match] = []
        idx = self.lex.triggers[self.lang]
        k = 0
        while k < len(self.toks):
            chosen = None
            for t in idx.match_at(self.toks, k):
                chosen = self._usable(t)
                if chosen is not None:
                    break
            if chosen is None:
                k += 1
            else:
                found.append(chosen)
                k = chosen.end
        return found

    def _usable(self, t: Match) -> Match | None:
        row = t.payload
        if any(k in self.covered for k in range(t.start, t.end)):
            return None
        if self.word_starts and not self._whole_word(t):
            return None         # "tiếp" inside "tiếp tục", "gặp" inside a longer word
        if t.start > 0 and self.lows[t.start - 1] in self.nominalisers and row["pos"] == "verb":
            return None         # "sự ủng hộ", "các đề xuất": a nominalised act is a topic, not a new event
        if row.get("needs") and not self._near(t.end, row["needs"], row.get("window", 3)):
            return None
        hi = self.clause(t.start)[1]
        right = self.right_actors(t.end, hi)
        if row.get("needs_actor_right") and not right:
            return None
        if row.get("object_types") and not any(m.type in row["object_types"] for m in right[:1]):
            return None
        near = row.get("near")
        if near and self._near(t.end, near["words"], near["window"]):
            return Match(t.start, t.end, {**row, "rel": near["rel"]}, t.phrase)
        return t

    def _whole_word(self, t: Match) -> bool:
        if t.end - t.start > 1:
            return True         # multi-syllable triggers are specific enough; segmenters disagree on them
        return t.start in self.word_starts and (t.end >= len(self.toks) or t.end in self.word_starts
                                                or not self.toks[t.end].is_word)

    def _near(self, k: int, words: list[str], window: int) -> bool:
        text = " ".join(self.lows[k:k + window + 2])
        firsts = set(self.lows[k:k + window])
        return any((w in firsts) if " " not in w else (w in text) for w in words)

    def extract(self) -> tuple[list[Candidate], SentenceState]:
        out: list[Candidate] = []
        state = SentenceState()
        prev_trigger: tuple[Match, list[str], list[str], bool] | None = None   # (trigger, subj, obj, control)
        used_objects: set[int] = set()
        clause_lo = -1
        requester: list[str] = []
        addressee: list[str] = []
        speaker, speaker_end = self.reporting_speaker()
        found = self.triggers()
        for t in found:
            row = t.payload
            rel, frame = row["rel"], row["frame"]
            lo, hi = self.clause(t.start)
            if lo != clause_lo:
                clause_lo, prev_trigger = lo, None      # ";" starts a new chain from the topic
            conf = 0.55          # the subject was found further away: the least sure reading (dev set: P 0.88)
            subj: list[str] = []
            obj: list[str] = []
            subj_m: Mention | None = None
            if row.get("owner_is_object"):
                # "Nhật Bản là nhà đầu tư lớn thứ ba của Việt Nam": the owner is the object
                owner = self.owner_of_noun(t)
                holder = self.copula_subject(t.start, lo) or self.adjacent_subject(t, lo)
                if owner is not None and holder is not None and _ids(owner) != _ids(holder):
                    out.append(Candidate(rel, _ids(holder), _ids(owner), t, frame, 0.75))
                continue
            if frame == "agentive":
                agent = self.agent_after(t, 3)
                if agent is None:
                    continue
                subj = _ids(agent)
                rest = [m for m in self.actors if m.i >= agent.j and self.prep_before(m) is None]
                topic = rest[0] if rest else self.topic()
                if topic is None or topic is agent:
                    continue
                out.append(Candidate(rel, subj, _ids(topic), t, frame, 0.8))
                continue
            # subject
            if row["pos"] == "noun":
                agent = self.agent_after(t)
                poss = self.possessive_before(t)
                subj_m = agent or poss
            if subj_m is None and frame == "sym":
                pair = self.pair_between(t.end, hi)
                if pair and len(pair) == 2 and (row["pos"] == "noun" or self.lows[t.end:t.end + 1] == ["giữa"]
                                                or self.lows[t.end:t.end + 1] == ["between"]):
                    out.append(Candidate(rel, [pair[0]], [pair[1]], t, frame, 0.8))
                    prev_trigger = (t, pair, [], False)
                    continue
            if subj_m is None:
                subj_m = self.adjacent_subject(t, lo)
                if subj_m is not None:
                    conf = 0.8          # "X [đã] V": the subject right before its verb
            if subj_m is None and speaker and frame == "control" and self.after_coordinator(t, speaker_end):
                # "A cảm ơn B [đã giúp C] và đề nghị D": speech acts joined by "và/đồng thời"
                # share their speaker, whatever was said in between
                subj = list(speaker)
            elif subj_m is None:
                start = prev_trigger[0].end if prev_trigger else lo
                excl = used_objects if prev_trigger and not prev_trigger[3] else set()
                subj_m = self.left_actor(t.start, start, excl)
                if subj_m is None and prev_trigger:
                    # "cảm ơn và đề nghị X": speech acts in a row share their subject;
                    # "đề nghị Nga hỗ trợ": after a control verb, its addressee acts
                    shared = prev_trigger[3] and frame != "control" and prev_trigger[2]
                    subj, conf = list(prev_trigger[2] if shared else prev_trigger[1]), 0.58    # shared with the verb before (dev set: P 0.82)
                elif subj_m is None:
                    subj_m = self.left_actor(t.start, lo, set())
                    if subj_m is None:
                        topic = self.topic()
                        if topic is not None and topic.i < t.start:
                            subj_m = topic
            if subj_m is None and not subj and row["pos"] == "noun":
                topic = self.topic()       # "trong khuôn khổ chuyến thăm Nga, Bộ trưởng X ...": X visits
                if topic is not None:
                    subj_m = topic
            if subj_m is None and not subj:
                subj_m = self.left_actor(t.start, lo, set(), strict=False)   # "tạo điều kiện cho X đầu tư"
            if rel == "produces" and (self.passive(t) or row.get("passive")):
                by = self.after_prep(t.end, hi, "place") or self.after_prep(t.end, hi, "agent")
                if by is not None:       # "được sản xuất tại Việt Nam", "produced by Vabiotech"
                    subj_m, subj = self.possessed(by), []
                else:
                    continue             # a passive names its producer after "by/bởi/tại" or not at all
            elif rel == "produces":
                # the producer is right before the verb, or the clause's first actor when
                # only a parenthesis lies between ("Nanogen, based in HCMC, has produced")
                adj = self.adjacent_subject(t, lo) or self.parenthetical_subject(t, lo)
                subj_m, subj = adj, []
                if adj is None:
                    continue
            if rel == "appealsTo" and subj_m is not None and subj_m.type == "Country":
                subj_m = self.speaker_for(subj_m) or subj_m
            if subj_m is not None:
                subj = _ids(subj_m)
                if frame == "sym" and subj_m.type != "Group":
                    partner = self.coordinated(subj_m, -1)
                    # "tại Nhà Quốc hội Australia, Thủ tướng X hội đàm": a place before the comma is no partner
                    if partner is not None and self.prep_before(partner) not in ("place", "agent", "source", "topic", "owner") \
                            and not self.placed(partner):
                        subj = _ids(partner) + subj
            if not subj and self.prev.subject and (self.prev.open_list or self.prev.modality):
                subj, conf = list(self.prev.subject), 0.6
            # object
            control = frame == "control"
            if frame == "sym":
                if len(subj) >= 2:
                    obj, subj = subj[1:2], subj[:1]
                else:
                    w = self.after_prep(t.end, hi, "with")
                    cands = [w] if w else [m for m in self.right_actors(t.end, hi)
                                           if self.prep_before(m) in (None, "recipient") and self.gap_words(t.end, m.i) <= 3]
                    cands = [c for c in cands if c is not None and _ids(c) != subj]
                    if cands:
                        obj = _ids(cands[0])
                        used_objects.add(id(cands[0]))      # "met X but did not meet Y": X is no subject
                        if cands[0].type == "Group" and len(obj) == 2 and not subj:
                            subj, obj = obj[:1], obj[1:]
            elif frame == "give" and (by := self.passive_agent(t)) is not None:
                # "doses donated by the UK [via COVAX]": the agent gives, to the clause's
                # receiver ("Viet Nam receives ...") unless a "to X" names another
                to = self.after_prep(t.end, hi, "recipient")
                topic = self.topic()
                receiver = to or (topic if topic is not None and topic.i < t.start and _ids(topic) != _ids(by) else None)
                subj = _ids(by)
                obj = _ids(receiver) if receiver is not None else []
                conf = 0.75
            elif frame in ("give", "receive"):
                role = "recipient" if frame == "give" else "source"
                m = self.after_prep(t.end, hi, role)
                of = self.after_prep(t.end, m.i if m is not None else hi, "agent")
                if frame == "give" and m is not None and of is not None and self.gap_words(t.end, of.i) <= 9 \
                        and (subj_m is None or conf < 0.7):
                    subj = _ids(of)     # "chuyển giao công nghệ ... của Cuba cho Việt Nam"
                if m is None:
                    # a bare receiver follows its verb, before the next verb's arguments
                    # ("đẩy mạnh chuyển giao công nghệ và khuyến khích Samsung ...": not Samsung)
                    mutual = self._mutual(t, hi)       # "offer mutual support ... Vietnam-Russia ties"
                    nxt = hi if mutual else min([x.start for x in found if x.start >= t.end] + [hi])
                    cands = [c for c in self.right_actors(t.end, nxt) if self.prep_before(c) not in ("agent", "source", "place")
                             and (mutual or not self.conjunctions & set(self.lows[t.end:c.i]))]
                    m = cands[0] if cands else None
                if m is None and of is not None and subj and _ids(of) != subj and self.gap_words(t.end, of.i) <= 8:
                    m = of              # "hỗ trợ ... an ninh lương thực của Cuba": the beneficiary
                if m is not None and _ids(m) != subj:
                    obj = _ids(m) + self.joined_by_and(m)       # "tặng Lào và Campuchia"
                    used_objects.add(id(m))
                elif requester and subj == addressee:
                    obj = list(requester)       # "Vietnam seeks tech transfer from Russia": to the requester
                if frame == "receive" and not obj:
                    # "IVAC đàm phán với Bharat Biotech để nhận chuyển giao công nghệ": the
                    # partner the receiver deals with is the giver
                    partner = next((a for a in reversed(self.actors) if lo <= a.i < t.start
                                    and self.prep_before(a) == "with" and _ids(a) != subj), None)
                    obj = _ids(partner) if partner is not None else []
                if frame == "receive":
                    subj, obj = obj, subj
            else:
                types = ("Vaccine",) if rel == "produces" else ACTOR_TYPES
                pool = self.vaccines if rel == "produces" else self.actors
                cands = [m for m in pool if m.i >= t.end and m.j <= hi and m.type in types
                         and self.prep_before(m) not in ("source",) and _ids(m) != subj]
                if row.get("object_types"):
                    cands = [m for m in cands if m.type in row["object_types"]]
                if row.get("addressee") == "source":
                    src = self.after_prep(t.end, hi, "source")
                    cands = [src] if src else []
                elif row.get("adjacent_object"):
                    cands = [m for m in cands if self.gap_words(t.end, m.i) <= 1]
                elif control:
                    later = [x for x in found if x.start > t.start]
                    # "cảm ơn và đề nghị X": coordinated verbs share the addressee
                    while later and all(tok.lower in self.coord for tok in self.toks[t.end:later[0].start]) \
                            and later[0].payload["frame"] == "control":
                        later = later[1:]
                    nxt = min([x.start for x in later] + [hi])
                    cands = [m for m in cands if m.i < nxt and self.gap_words(t.end, m.i) <= 8]
                if cands:
                    # "hoan nghênh VinBioCare và Arcturus", "thanked Japan and Australia"
                    obj = _ids(cands[0]) + (self.joined_by_and(cands[0]) if rel != "produces" else [])
                    if not control:
                        used_objects.add(id(cands[0]))
                elif rel == "produces":
                    obj = self._passive_product(t, lo)
            if control and obj:
                requester, addressee = subj, obj
            if subj and (control or (subj_m is not None and subj_m.type == "Person" and frame != "sym"
                                     and self.adjacent_subject(t, lo) is subj_m)):
                # "Bộ trưởng X hoan nghênh A và B, đồng thời đề nghị ...": the person who
                # spoke first goes on speaking
                speaker, speaker_end = subj, t.end
            each, mutual = False, self._mutual(t, hi)
            if frame in ("give", "receive") and subj_m is not None and subj_m.type != "Group" and conf >= 0.8 \
                    and not mutual:
                # "Ba Lan và Cộng hòa Séc đã tặng": each of the joined givers gave
                before = self.joined_by_and(subj_m, -1)
                if before and frame == "give":
                    subj, each = before + subj, True
            prev_trigger = (t, subj, obj, control)
            if subj or obj or frame == "sym":
                out.append(Candidate(rel, subj, obj, t, frame, conf, mutual=mutual, each=each))
        state.subject = prev_trigger[1] if prev_trigger else []
        state.open_list = bool(self.toks) and self.toks[-1].text == ":"
        return out, state

    def gap_words(self, a: int, b: int) -> int:
        """Content words between token a and b (determiners and adverbs do not count)."""
        skip = self.adverbs | {"các", "the", "a", "an", "phía", "những", "cả"}
        return sum(1 for t in self.toks[a:b] if t.is_word and t.lower not in skip)

    def _passive_product(self, t: Match, lo: int) -> list[str]:
        # "Sputnik V ... được sản xuất tại Việt Nam": the product is on the left.
        left = [m for m in self.vaccines if lo <= m.j <= t.start]
        return [left[0].entity_id] if left else []   # the topic: "Sputnik V là vắc xin ... được sản xuất"

    def _mutual(self, t: Match, hi: int) -> bool:
        words = self.lex.grammar["mutual"][self.lang]
        # after the verb ("hỗ trợ lẫn nhau", "help each other") or before the noun ("mutual support")
        text = " ".join(self.lows[max(0, t.start - 2):t.start] + self.lows[t.end:min(hi, t.end + 6)])
        return any(w in text.split() or (" " in w and w in text) for w in words)
