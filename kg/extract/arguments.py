"""Where a relation's arguments are, in one sentence of resolved mentions.

The queries the trigger rules of :mod:`kg.extract.relations` ask: which preposition
governs a mention, the sentence topic, coordinated actors, the actor left of a
verb, a noun's agent ("của/of X"), the speaker of a reported request. They read
the sentence's tokens and mentions only; which words play which part comes from
the language profiles of the lexicon (kg/resources/profiles).
"""
from __future__ import annotations

from typing import Any

from .candidates import SentenceState
from .lexicon import Lexicon
from ..model import Mention
from ..lang.patterns import Match
from ..lang.tokens import Token

ACTOR_TYPES = ("Country", "Person", "Organization", "Group")


def _ids(m: Mention) -> list[str]:
    if m.type == "Group":
        return list(m.entity_ids)
    return [m.entity_id] if m.entity_id else []


_PLAIN_WORDS = ("clause_breaks", "copula", "passive", "coordination", "verb_coordination", "nominalisers",
                "adverbs", "genitive", "possessives", "agent_markers", "purpose")


def _argument_words(lex: Lexicon, lang: str) -> dict[str, frozenset[str]]:
    """The language's word sets the argument rules read, made once per language (not per sentence)."""
    found = lex.derived.get(("argument words", lang))
    if found is None:
        words = {key: lex.word_set(key, lang) for key in _PLAIN_WORDS}
        words["before_mention"] = lex.word_set("determiners", lang) | lex.word_set("collective_nouns", lang)
        words["light"] = words["adverbs"] | lex.word_set("light_words", lang)
        words["conjunctions"] = frozenset(w for w in words["coordination"] if w.isalpha()) - {"với", "cùng"}
        found = lex.derived[("argument words", lang)] = words
    return found


class SentenceArguments:
    def __init__(self, tokens: list[Token], mentions: list[Mention], lang: str, lex: Lexicon,
                 pair: list[str], person_pair: list[str], person_country: Any, prev: SentenceState,
                 word_starts: set[int] | None = None) -> None:
        self.toks, self.lang, self.lex = tokens, lang, lex
        self.actors = [m for m in mentions if m.type in ACTOR_TYPES and _ids(m)]
        self.vaccines = [m for m in mentions if m.type == "Vaccine" and m.entity_id]
        self.mentions = mentions
        self.pair, self.person_pair = pair, person_pair
        self.person_country = person_country
        self.prev = prev
        self.lows = [t.lower for t in tokens]
        self.covered = {k for m in mentions for k in range(m.i, m.j)}
        self.in_actor = {k for m in self.actors for k in range(m.i, m.j)}
        self.word_starts = word_starts or set()
        words = _argument_words(lex, lang)
        self.breaks = [t.i for t in tokens if t.text in words["clause_breaks"]]
        self.copula, self.passives = words["copula"], words["passive"]
        self.coord, self.verb_coord = words["coordination"], words["verb_coordination"]
        self.nominalisers, self.adverbs = words["nominalisers"], words["adverbs"]
        self.before_mention, self.genitive = words["before_mention"], words["genitive"]
        self.light, self.possessives = words["light"], words["possessives"]
        self.agent_markers, self.conjunctions = words["agent_markers"], words["conjunctions"]
        self.purpose = words["purpose"]

    # helpers ------------------------------------------------------------
    def reporting_speaker(self) -> tuple[list[str], int]:
        """"Thủ tướng X khẳng định ... và đề nghị Y": a person who opens the sentence
        with a reporting verb is the speaker of the speech acts joined to it."""
        for k, matches in self.lex.cues[self.lang].by_start(self.toks).items():
            words = next((m for m in matches if m.payload["cue"] == "reporting"), None)
            if k < 1 or words is None:
                continue
            b = k - 1
            while b > 0 and self.lows[b] in self.adverbs:
                b -= 1
            person = next((m for m in self.actors if m.j == b + 1 and m.type == "Person"), None)
            if person is not None and self.prep_before(person) is None:
                return _ids(person), words.end
            return [], 0
        return [], 0

    def clause(self, k: int) -> tuple[int, int]:
        lo, hi = 0, len(self.toks)
        for b in self.breaks:
            if b < k:
                lo = b + 1
            elif b >= k:
                hi = b
                break
        return lo, hi

    def prep_before(self, m: Mention) -> str | None:
        k = m.attrs.get("lead", m.i) - 1
        while k >= 0 and self.lows[k] in self.before_mention:
            k -= 1
        if k < 0:
            return None
        two = f"{self.lows[k-1]} {self.lows[k]}" if k > 0 else ""
        three = f"{self.lows[k-2]} {two}" if k > 1 else ""
        return self.lex.prep_role(three, self.lang) or self.lex.prep_role(two, self.lang) \
            or self.lex.prep_role(self.lows[k], self.lang) or self._place_owner(m)

    def _place_owner(self, m: Mention) -> str | None:
        """"tại Nhà Quốc hội Australia", "at the Kremlin Palace of Russia": a country
        naming a building after a place preposition is part of the place."""
        k, words = m.i - 1, 0
        if k >= 0 and self.lows[k] in self.genitive:
            k -= 1
        while k >= 0 and words < 4 and self.toks[k].is_word and k not in self.in_actor:
            if self.toks[k].is_cap and k > 0 and self.lex.prep_role(self.lows[k - 1], self.lang) == "place":
                return "place"
            k, words = k - 1, words + 1
        return None

    def agent_marked(self, m: Mention) -> bool:
        """"do Ba Lan tài trợ": the actor is marked as the agent of the verb after it."""
        k = m.attrs.get("lead", m.i) - 1
        return k >= 0 and self.lows[k] in self.agent_markers

    def is_copula_subject(self, m: Mention) -> bool:
        return m.j < len(self.toks) and self.lows[m.j] in self.copula

    def topic(self) -> Mention | None:
        for m in self.actors:
            if self.prep_before(m) is None and not self.is_agentive_phrase(m):
                return m
        return None

    def is_agentive_phrase(self, m: Mention) -> bool:
        # "Nhận lời mời của X, ..." / "At the invitation of X, ...": X is not the topic.
        return self.prep_before(m) == "agent"

    def coordinated(self, m: Mention, direction: int) -> Mention | None:
        """The actor joined to m by "và/and/,/-" (direction -1: on its left)."""
        coord = self.coord
        if direction < 0:
            k = m.i - 1
            if k >= 0 and self.lows[k] in coord:
                for a in self.actors:
                    if a.j == k:
                        return a
        else:
            k = m.j
            if k < len(self.toks) and self.lows[k] in coord:
                for a in self.actors:
                    if a.i == k + 1:
                        return a
        return None

    def joined_by_and(self, m: Mention, direction: int = 1) -> list[str]:
        """The actor joined to ``m`` by a conjunction ("và", "and"; not a comma,
        which also separates clauses), on its right or (direction -1) its left."""
        k = m.j if direction > 0 else m.i - 1
        if not 0 <= k < len(self.toks) or self.lows[k] not in self.conjunctions:
            return []
        other = next((a for a in self.actors if (a.i == k + 1 if direction > 0 else a.j == k)), None)
        if other is None or other.type == "Group" or (direction < 0 and self.prep_before(other) is not None):
            return []
        return _ids(other)

    def owner_of_noun(self, t: Match) -> Mention | None:
        """"nhà đầu tư lớn nhất của Việt Nam", "investor in Laos", "Vietnam's largest
        investor": whom a role noun is about."""
        # "tại/in X" names the place invested in, before "của X" (which may be the
        # investor's own country: "nhà đầu tư lớn nhất của Hàn Quốc tại Việt Nam")
        after = next((m for m in self.right_actors(t.end, min(len(self.toks), t.end + 8))
                      if self.prep_before(m) in ("place", "recipient")), None) or self.agent_after(t, 5)
        if after is not None:
            return after
        for m in self.actors:
            if m.j + 1 < t.start <= m.j + 6 and self.toks[m.j].text in "'’" and self.lows[m.j + 1] == "s":
                return m
        return None

    def passive_agent(self, t: Match) -> Mention | None:
        """"donated by the United Kingdom", "do Chính phủ Đức tài trợ" is elsewhere: the
        actor right after a participle's "by/bởi"."""
        k = t.end
        if k >= len(self.toks) or self.lex.prep_role(self.lows[k], self.lang) != "agent" \
                or self.lows[k] in self.genitive:
            return None
        return next((m for m in self.actors if k < m.i <= k + 2), None)

    def copula_subject(self, k: int, lo: int) -> Mention | None:
        """"Nhật Bản là ...", "Japan is ...": the actor a copula before ``k`` describes."""
        for m in self.actors:
            if not (lo <= m.i and m.j < k) or self.prep_before(m) is not None:
                continue
            j = m.j
            while j < k:
                if self.lows[j] in self.copula or " ".join(self.lows[j:j + 2]) in self.copula:
                    return m
                if self.lows[j] not in self.adverbs:        # "Hàn Quốc hiện là"
                    break
                j += 1
        return None

    # argument finding -----------------------------------------------------
    def left_actor(self, k: int, lo: int, exclude: set[int], *, strict: bool = True) -> Mention | None:
        blocked = ("recipient", "source", "agent", "place", "topic", "with", "between", "owner", "behalf") if strict \
            else ("source", "agent", "place", "topic", "between", "owner", "behalf")
        for m in reversed(self.actors):
            if m.j > k or m.i < lo or id(m) in exclude:
                continue
            if self.prep_before(m) in blocked:
                continue
            if self.is_copula_subject(m) and m.j < k - 1:
                continue
            return m
        return None

    def adjacent_subject(self, t: Match, lo: int) -> Mention | None:
        """"X [đã/sẽ/cũng] V": an actor right before the verb is its subject."""
        k = t.start - 1
        while k >= lo and self.lows[k] in self.adverbs:
            k -= 1
        if t.payload["pos"] == "noun" and k >= lo and self.lows[k] in self.copula:
            k -= 1                      # "Singapore hiện là nhà đầu tư lớn nhất": the copula's subject
            while k >= lo and self.lows[k] in self.adverbs:
                k -= 1
        if k >= 1 and self.toks[k].text == ")":     # "Viện ... (IVAC) đã sản xuất": skip the acronym
            k = next((i for i in range(k - 1, lo - 1, -1) if self.toks[i].text == "("), k + 1) - 1
        for m in self.actors:
            if m.j == k + 1 and m.i >= lo and self.prep_before(m) not in ("agent", "place", "with", "topic", "between", "owner",
                                                                          "behalf"):
                return m
        return None

    def after_coordinator(self, t: Match, lo: int) -> bool:
        """The trigger follows "và/and/đồng thời" (adverbs aside), after some words of its own clause."""
        return self.coordinator_before(t, lo) is not None

    def coordinator_before(self, t: Match, lo: int = 0) -> int | None:
        """Where the "và/and/đồng thời" (adverbs aside) that opens the trigger's verb phrase starts."""
        k = t.start - 1
        while k > lo and self.lows[k] in self.adverbs:
            k -= 1
        if k > lo and self.lows[k] in self.verb_coord:
            return k
        two = " ".join(self.lows[k - 1:k + 1]) if k - 1 > lo else ""
        return k - 1 if two in self.verb_coord else None

    def possessed(self, m: Mention) -> Mention:
        """"Cuba's Center for Genetic Engineering": the owner's possession is the actor."""
        k = m.j
        if k + 1 < len(self.toks) and self.toks[k].text in "'’" and self.lows[k + 1] == "s":
            for other in self.actors:
                if other.i == k + 2:
                    return other
        return m

    def parenthetical_subject(self, t: Match, lo: int) -> Mention | None:
        """"X, <words without an actor>, [has] V": X, set off by commas, is the subject."""
        for m in self.actors:
            if not (lo <= m.i and m.j < t.start) or self.prep_before(m) is not None:
                continue
            gap = self.toks[m.j:t.start]
            commas = [tok for tok in gap if tok.text == ","]
            if len(commas) == 2 and gap[0].text == "," and len(gap) <= 12:
                return m
            return None
        return None

    def placed(self, m: Mention) -> bool:
        """"tại Nhà Quốc hội Australia": a place preposition a few words before the mention."""
        return any(self.lex.prep_role(w, self.lang) == "place" for w in self.lows[max(0, m.i - 3):m.i])

    def passive(self, t: Match) -> bool:
        return t.start > 0 and self.lows[t.start - 1] in self.passives

    def enabled_actor(self, t: Match, lo: int) -> Mention | None:
        """"khuyến khích các doanh nghiệp lớn của Úc tăng cường đầu tư", "tạo điều kiện cho
        doanh nghiệp Ý mở rộng đầu tư": the actor an enabling verb lets act is the subject."""
        for phrase in self.lex.words("enablers", self.lang):
            words = phrase.split()
            for k in range(max(lo, t.start - 16), t.start - len(words) + 1):
                if (words and self.lows[k] != words[0]) or self.lows[k:k + len(words)] != words:
                    continue
                end = k + len(words)
                if any(tok.text in (",", ";") for tok in self.toks[end:t.start]):
                    continue        # "..., while urging X": another clause's verb
                inside = [m for m in self.actors if end <= m.i and m.j <= t.start]
                if inside and self.gap_words(inside[-1].j, t.start) <= 3:
                    return inside[-1]
        return None

    def main_clause_subject(self, t: Match, hi: int) -> Mention | None:
        """A sentence that opens with a participle ("Làm việc với X, ...", "Meeting X, ..."):
        the subject is the first actor of the main clause after the comma."""
        comma = next((k for k in range(t.end, min(hi, t.end + 24)) if self.toks[k].text == ","), None)
        if comma is None or any(w in self.passives or w in self.copula for w in self.lows[t.end:comma]):
            return None     # "Hợp tác với X được đánh giá là ...": the act itself is the subject
        return next((m for m in self.actors if comma < m.i <= comma + 6 and self.prep_before(m) is None), None)

    def bare_passive(self, t: Match) -> bool:
        """"vắc xin A sản xuất tại X": a verb right after a product, with no "được", is passive."""
        return any(v.j == t.start for v in self.vaccines)

    def passive_by_agent(self, t: Match, lo: int) -> Mention | None:
        """"vắc xin A do Viện X (VX) trực thuộc Bộ Y tế nghiên cứu và sản xuất": the actor after
        "do", past a bracket, a "thuộc/trực thuộc" owner and verbs joined by "và"."""
        for m in reversed(self.actors):
            if m.j > t.start or m.i < max(lo, 1):
                continue
            if self.agent_marked(m):
                gap = self.toks[m.j:t.start]
                return m if len(gap) <= 14 and not any(tok.text in (",", ";") for tok in gap) else None
            if self.prep_before(m) != "owner" and self.toks[m.i - 1].text != "(":
                return None         # "do A tài trợ cho B sản xuất": B's verb, not A's
        return None

    def vaccine_maker(self, t: Match) -> tuple[Mention, str] | None:
        """"the Moderna vaccine producer": the product right before the noun and its one maker."""
        for v in self.vaccines:
            if v.j == t.start:
                makers = sorted(mk for mk, vid in self.lex.maker_vaccine.items() if vid == v.entity_id)
                return (v, makers[0]) if len(makers) == 1 else None
        return None

    def speaker_for(self, country: Mention) -> Mention | None:
        """"Thủ tướng X cho biết, Việt Nam ... đề nghị": the request is the speaker's."""
        for m in self.actors:
            if m.i >= country.i:
                break
            if m.type == "Person" and self.person_country(m.entity_id) == country.entity_id \
                    and self.prep_before(m) is None:
                return m
        return None

    def right_actors(self, k: int, hi: int, types: tuple[str, ...] = ACTOR_TYPES) -> list[Mention]:
        return [m for m in self.actors if k <= m.i < hi and m.type in types]

    def after_prep(self, k: int, hi: int, role: str) -> Mention | None:
        for m in self.right_actors(k, hi):
            if self.prep_before(m) == role and not self.possessive_determiner(m):
                return m
        return None

    def possessive_determiner(self, m: Mention) -> bool:
        """"with his Singaporean counterpart X": "his" only introduces the actor after it."""
        return m.source == "coref" and m.text.lower() in self.possessives and any(a.i == m.j for a in self.actors)

    def agent_after(self, t: Match, window: int = 7) -> Mention | None:
        """"chuyến thăm của X", and past the noun's own complement: "chuyến thăm
        Việt Nam của Thủ tướng X", "the visit to Laos of President X"."""
        skipped: Mention | None = None
        for m in self.right_actors(t.end, min(len(self.toks), t.end + window + 3)):
            if m.i - t.end <= window and self.prep_before(m) == "agent":
                return m
            if skipped is None and self.prep_before(m) in (None, "recipient") and m.i - t.end <= 2:
                skipped = m         # the complement right after the noun; its owner may follow
                continue
            break
        return None

    def possessive_before(self, t: Match) -> Mention | None:
        for m in self.mentions:
            if m.type in ("Person", "Country") and m.source == "coref" and t.start - 3 <= m.i < t.start \
                    and m.text.lower() in self.possessives:
                return m
        return None

    def pair_between(self, lo: int, hi: int) -> list[str]:
        """"giữa A và B", "between A and B", "A - B" inside [lo, hi)."""
        for m in self.actors:
            if lo <= m.i < hi and m.type == "Group" and self.prep_before(m) == "between" and len(m.entity_ids) == 2:
                return list(m.entity_ids)
            if lo <= m.i < hi:
                other = self.coordinated(m, +1)
                if other is not None and other.j <= hi and _ids(other) != _ids(m):    # not "Phnom Penh, Cambodia"
                    return _ids(m) + _ids(other)
        return []

    def gap_words(self, a: int, b: int) -> int:
        """Content words between token a and b (determiners and adverbs do not count)."""
        return sum(1 for t in self.toks[a:b] if t.is_word and t.lower not in self.light)

    def passive_product(self, t: Match, lo: int) -> list[str]:
        # "Sputnik V ... được sản xuất tại Việt Nam": the product is on the left.
        left = [m for m in self.vaccines if lo <= m.j <= t.start]
        return [left[0].entity_id] if left else []   # the topic: "Sputnik V là vắc xin ... được sản xuất"

    def is_mutual(self, t: Match, hi: int) -> bool:
        words = self.lex.words("mutual", self.lang)
        # after the verb ("hỗ trợ lẫn nhau", "help each other") or before the noun ("mutual support")
        text = " ".join(self.lows[max(0, t.start - 2):t.start] + self.lows[t.end:min(hi, t.end + 6)])
        return any(w in text.split() or (" " in w and w in text) for w in words)
