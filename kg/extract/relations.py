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
Modality is decided separately (:mod:`kg.extract.modality`).
"""
from __future__ import annotations

from .arguments import SentenceArguments, _ids
from .candidates import Candidate, SentenceState
from .frames import FRAMES, Chain, Step
from ..lang.patterns import Match

__all__ = ["Candidate", "SentenceRelations", "SentenceState"]


class SentenceRelations(SentenceArguments):
    """Relation candidates of one sentence: trigger tables, then arguments by frame."""

    # triggers ---------------------------------------------------------------
    def triggers(self) -> list[Match]:
        """Trigger matches, longest first at each position; among rows of the same
        phrase ("welcomed": a meeting or praise) the first whose conditions hold."""
        found: list[Match] = []
        idx = self.lex.triggers[self.lang]
        self.blocked_starts = self._blocked_starts()
        k = 0
        for start, matches in idx.by_start(self.toks).items():
            if start < k:
                continue            # inside the trigger chosen before
            chosen = next((c for c in map(self._usable, matches) if c is not None), None)
            if chosen is not None:
                found.append(chosen)
                k = chosen.end
        return found

    def _blocked_starts(self) -> set[int]:
        """Tokens inside a phrase where a trigger word means something else ("gặp khó khăn")."""
        return {k for m in self.lex.phrases("trigger_blockers", self.lang).find_all(self.toks)
                for k in range(m.start, m.end)}

    def _usable(self, t: Match) -> Match | None:
        row = t.payload
        if any(k in self.covered for k in range(t.start, t.end)) or t.start in self.blocked_starts:
            return None
        if self.word_starts and not self._whole_word(t):
            return None         # "tiếp" inside "tiếp tục", "gặp" inside a longer word
        if t.start > 0 and self.lows[t.start - 1] in self.nominalisers and row["pos"] == "verb":
            return None         # "sự ủng hộ", "các đề xuất": a nominalised act is a topic, not a new event
        if row.get("needs") and not self._near(t.end, row["needs"], row.get("window", 3)):
            return None
        if self._in_treaty_name(t):
            return None         # "the Regional Comprehensive Economic Partnership (RCEP)" names a treaty
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

    def _in_treaty_name(self, t: Match) -> bool:
        """A capitalised trigger inside a capitalised name that a bracketed acronym follows."""
        if t.start == 0 or not self.toks[t.start].text[:1].isupper():
            return False
        k = t.end           # the name may hold lower-case links: "Đối tác Toàn diện và Tiến bộ xuyên ..."
        while k < min(len(self.toks), t.end + 10) and self.toks[k].is_word:
            k += 1
        return k + 1 < len(self.toks) and self.toks[k].text == "(" and self.toks[k - 1].text[:1].isupper() \
            and self.toks[k + 1].text.isupper() and len(self.toks[k + 1].text) >= 3

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
        """Candidates of the sentence's triggers, left to right: the subject the
        same way for every frame, the object by the frame's own function."""
        chain = Chain(self.triggers())
        if chain.found:                 # the speaker matters only to a trigger
            chain.speaker, chain.speaker_end = self.reporting_speaker()
        for t in chain.found:
            lo, hi = self.clause(t.start)
            if lo != chain.clause_lo:
                chain.clause_lo, chain.prev = lo, None      # ";" starts a new chain from the topic
            step = Step(t, t.payload["rel"], t.payload["frame"], lo, hi)
            if t.payload.get("owner_is_object"):
                self.owned(step, chain)
            elif step.frame == "agentive":
                self.agentive(step, chain)
            elif self.subject(step, chain):
                FRAMES.get(step.frame)(self, step, chain)
                self.finish(step, chain)
        state = SentenceState(subject=chain.prev[1] if chain.prev else [],
                              open_list=bool(self.toks) and self.toks[-1].text == ":")
        return chain.out, state

    def owned(self, s: Step, chain: Chain) -> None:
        """"Nhật Bản là nhà đầu tư lớn thứ ba của Việt Nam": the owner is the object."""
        owner = self.owner_of_noun(s.t)
        holder = self.copula_subject(s.t.start, s.lo) or self.adjacent_subject(s.t, s.lo)
        if owner is not None and holder is not None and _ids(owner) != _ids(holder):
            chain.out.append(Candidate(s.rel, _ids(holder), _ids(owner), s.t, s.frame, 0.75))

    def agentive(self, s: Step, chain: Chain) -> None:
        """"lời mời của X", "at the request of X": X is the agent, the clause topic the object."""
        agent = self.agent_after(s.t, 3)
        if agent is None:
            return
        rest = [m for m in self.actors if m.i >= agent.j and self.prep_before(m) is None]
        topic = rest[0] if rest else self.topic()
        if topic is None or topic is agent:
            return
        chain.out.append(Candidate(s.rel, _ids(agent), _ids(topic), s.t, s.frame, 0.8))

    def subject(self, s: Step, chain: Chain) -> bool:
        """Fill ``s.subj``; False when the trigger gives nothing (a pair was taken whole,
        or a production names no producer)."""
        t, row = s.t, s.row
        if row["pos"] == "noun":
            s.subj_m = self.agent_after(t) or self.possessive_before(t)
        if s.subj_m is None and s.frame == "sym" and self.pair_taken(s, chain):
            return False
        if s.subj_m is None:
            s.subj_m = self.adjacent_subject(t, s.lo)
            if s.subj_m is not None:
                s.conf = 0.8          # "X [đã] V": the subject right before its verb
        if s.subj_m is None and row["pos"] == "verb":
            s.subj_m = self.enabled_actor(t, s.lo)
        if s.subj_m is None and self.after_subordinator(t):
            topic = self.topic()     # "X proposed ... while meeting with Y": X meets Y
            s.subj_m = topic if topic is not None and topic.j <= t.start else None
        if s.subj_m is None:
            self.distant_subject(s, chain)
        if s.rel == "produces" and not self.producer(s, chain):
            return False
        if s.rel == "appealsTo" and s.subj_m is not None and s.subj_m.type == "Country":
            s.subj_m = self.speaker_for(s.subj_m) or s.subj_m
        if s.subj_m is not None:
            s.subj = _ids(s.subj_m)
            if s.frame == "sym" and s.subj_m.type != "Group":
                partner = self.coordinated(s.subj_m, -1)
                # "tại Nhà Quốc hội Australia, Thủ tướng X hội đàm": a place before the comma is no partner
                if partner is not None and self.prep_before(partner) not in ("place", "agent", "source", "topic", "owner") \
                        and not self._pair_before_comma(partner, s.subj_m) \
                        and not self.placed(partner):
                    s.subj = _ids(partner) + s.subj
        if not s.subj and self.prev.subject and (self.prev.open_list or self.prev.modality):
            s.subj, s.conf = list(self.prev.subject), 0.6
        return True

    def after_subordinator(self, t: Match) -> bool:
        """"while meeting", "khi hội đàm": the trigger opens an adjunct clause with no subject."""
        words = self.lex.words("subordinators", self.lang)
        before = " ".join(self.lows[max(0, t.start - 2):t.start])
        return any(before == w or before.endswith(" " + w) for w in words)

    def opens_clause(self, t: Match, lo: int, after: int) -> bool:
        """"suggested X help ...; donate ...; cooperate with ...": a verb that opens a clause of a list."""
        return after <= lo and all(not self.toks[k].is_word or self.lows[k] in self.verb_coord or self.lows[k] in self.adverbs
                                   for k in range(lo, t.start))

    def _pair_before_comma(self, partner: Mention, m: Mention) -> bool:
        """"theo thỏa thuận giữa hai bên, X đồng ý": a pair after "between" closes its phrase at the comma."""
        return self.prep_before(partner) == "between" and self.lows[m.i - 1] == ","

    def pair_taken(self, s: Step, chain: Chain) -> bool:
        """"hội đàm giữa A và B", "talks between A and B": the pair is both arguments."""
        pair = self.pair_between(s.t.end, s.hi)
        if pair and len(pair) == 2 and (s.row["pos"] == "noun" or self.lows[s.t.end:s.t.end + 1] == ["giữa"]
                                        or self.lows[s.t.end:s.t.end + 1] == ["between"]):
            chain.out.append(Candidate(s.rel, [pair[0]], [pair[1]], s.t, s.frame, 0.8))
            chain.prev = (s.t, pair, [], False)
            if s.row["pos"] == "noun":
                # "kết quả cuộc điện đàm giữa A và B, ..., tiến tới ký kết": the pair is the noun's own
                chain.prev = None
                chain.used_objects.update(id(m) for m in self.actors if s.t.end <= m.i < s.hi and _ids(m)[0] in pair)
            return True
        return False

    def distant_subject(self, s: Step, chain: Chain) -> None:
        """No subject next to the verb: a shared speaker, the verb before, the topic."""
        t = s.t
        if chain.speaker and s.frame == "control" and self.after_coordinator(t, chain.speaker_end):
            # "A cảm ơn B [đã giúp C] và đề nghị D": speech acts joined by "và/đồng thời"
            # share their speaker, whatever was said in between
            s.subj = list(chain.speaker)
            return
        if chain.asked and s.frame != "control" and (chain.prev and self.after_coordinator(t, chain.prev[0].end)
                                                      or self.opens_clause(t, s.lo, chain.asked_at)):
            # "đề nghị X hỗ trợ A, đồng thời chuyển giao công nghệ cho A": X is asked to do both
            s.subj, s.conf = list(chain.asked), 0.58
            return
        prev = chain.prev
        excl = chain.used_objects if prev and not prev[3] else set()
        s.subj_m = self.left_actor(t.start, prev[0].end if prev else s.lo, excl)
        if s.subj_m is None and prev:
            # "cảm ơn và đề nghị X": speech acts in a row share their subject;
            # "đề nghị Nga hỗ trợ": after a control verb, its addressee acts
            shared = prev[3] and s.frame != "control" and prev[2]
            s.subj, s.conf = list(prev[2] if shared else prev[1]), 0.58    # shared with the verb before (dev set: P 0.82)
        elif s.subj_m is None:
            s.subj_m = self.left_actor(t.start, s.lo, set())
            if s.subj_m is None:
                topic = self.topic()
                if topic is not None and topic.i < t.start:
                    s.subj_m = topic
        if s.subj_m is None and not s.subj and s.row["pos"] == "noun":
            s.subj_m = self.topic()       # "trong khuôn khổ chuyến thăm Nga, Bộ trưởng X ...": X visits
        if s.subj_m is None and not s.subj:
            s.subj_m = self.left_actor(t.start, s.lo, set(), strict=False)   # "tạo điều kiện cho X đầu tư"
        if s.subj_m is None and not s.subj and t.start == 0 and s.row["pos"] == "verb":
            s.subj_m = self.main_clause_subject(t, s.hi)   # "Làm việc với X chiều nay, Bộ trưởng A cho biết"

    def producer(self, s: Step, chain: Chain) -> bool:
        """Who produces: after "by/bởi/tại" in a passive, else right before the verb."""
        if s.row.get("product_before"):
            made = self.vaccine_maker(s.t)       # "the Moderna vaccine producer"
            if made is None:
                return False
            s.subj_m, s.subj, s.obj = None, [made[1]], [made[0].entity_id]
            return True
        if self.passive(s.t) or s.row.get("passive") or self.bare_passive(s.t):
            by = self.after_prep(s.t.end, s.hi, "place") or self.after_prep(s.t.end, s.hi, "agent")
            if by is None:
                return False         # a passive names its producer after "by/bởi/tại" or not at all
            s.subj_m, s.subj = self.possessed(by), []   # "được sản xuất tại Việt Nam", "produced by Vabiotech"
            return True
        # the producer is right before the verb, or the clause's first actor when
        # only a parenthesis lies between ("Nanogen, based in HCMC, has produced")
        s.subj_m = self.adjacent_subject(s.t, s.lo) or self.parenthetical_subject(s.t, s.lo) \
            or self.passive_by_agent(s.t, s.lo)
        s.subj = []
        if s.subj_m is None and self.lows[s.t.start - 1:s.t.start] and self.lows[s.t.start - 1] in self.purpose \
                and chain.prev and chain.prev[0].payload["rel"] == "agreesWith" and chain.prev[1]:
            s.subj = list(chain.prev[1])     # "A signed a deal with B to produce vaccines": A produces
        return s.subj_m is not None or bool(s.subj)

    def finish(self, s: Step, chain: Chain) -> None:
        """Hand the trigger's arguments on to the next trigger, and keep the candidate."""
        control = s.frame == "control"
        if control and s.obj:
            chain.requester, chain.addressee = s.subj, s.obj
            chain.asked, chain.asked_at = (s.obj if s.rel == "appealsTo" else []), s.t.end
        if s.subj and (control or (s.subj_m is not None and s.subj_m.type == "Person" and s.frame != "sym"
                                   and self.adjacent_subject(s.t, s.lo) is s.subj_m)):
            # "Bộ trưởng X hoan nghênh A và B, đồng thời đề nghị ...": the person who
            # spoke first goes on speaking
            chain.speaker, chain.speaker_end = s.subj, s.t.end
        each, mutual = False, self.is_mutual(s.t, s.hi)
        if s.frame in ("give", "receive") and s.subj_m is not None and s.subj_m.type != "Group" and s.conf >= 0.8 \
                and not mutual:
            # "Ba Lan và Cộng hòa Séc đã tặng": each of the joined givers gave
            before = self.joined_by_and(s.subj_m, -1)
            if before and s.frame == "give":
                s.subj, each = before + s.subj, True
        chain.prev = (s.t, s.subj, s.obj, control)
        if s.subj or s.obj or s.frame == "sym":
            chain.out.append(Candidate(s.rel, s.subj, s.obj, s.t, s.frame, s.conf, mutual=mutual, each=each))
