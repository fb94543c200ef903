"""Sentence tokens → mentions of entities (before coreference).

Rules, each general:
* names from the curated lexicon (countries, capitals, English adjectives,
  organisations, vaccines), with capitalisation checks for ambiguous words;
* compositional country phrases: "Chính phủ X", "Đảng, Nhà nước và nhân dân X",
  "the Russian Government", "Government of X", "Vietnamese students";
* title chains: "Bộ trưởng Ngoại giao Nga Sergey Lavrov", "Russian Deputy Prime
  Minister Dmitry Chernyshenko", "Bí thư thứ nhất, Chủ tịch Cuba Miguel Díaz-Canel";
  a title with no name is a reference ("the Russian Deputy PM");
* bare Vietnamese names (a family name followed by capitalised syllables);
* unknown organisations (a head noun such as "Viện", "Institute" with a name);
* groups ("hai bên", "the pair") and pronouns ("ông", "he", "his nation").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import Lexicon
from ..model import Mention
from ..lang.text import slugify
from .companies import bracketed_homes, companies_of_countries, company_descriptions, possessed_homes
from .mention_rules import (_body_run, appositive_titles, bare_names, cap_run, cue_mentions, descriptions, make_mention,
                            names_a_dose, unknown_orgs)
from ..lang.patterns import Match, PhraseIndex
from ..lang.tokens import Token

def _capitalised_like(m: Match, tokens: list[Token]) -> bool:
    """Proper names keep their capitals: "Nga" is Russia, "nga" is not; in
    "cơ chế COVAX" only the name part has to be capitalised."""
    want = [w for w in m.phrase.replace("-", " ").split() if w[:1].isalnum()]
    got = [t for t in tokens[m.start:m.end] if t.is_word]
    if len(want) != len(got):
        return got[0].is_cap or not m.phrase[:1].isupper()
    if len(want) >= 4:
        # "Viện Vắc xin và Sinh phẩm y tế": writers vary the capitals inside long
        # official names, which are specific enough by their length.
        return got[0].is_cap or not want[0][:1].isupper()
    for k, (w, t) in enumerate(zip(want, got)):
        if w[:1].isupper() and not t.is_cap and (k > 0 or len(want) == 1):
            return False
    return True


CURRENCY_SIGNS = ("$", "€", "£", "¥")


def _valid_name(m: Match, tokens: list[Token], lex: Lexicon) -> bool:
    p: dict[str, Any] = m.payload
    if m.end < len(tokens) and tokens[m.end].text in CURRENCY_SIGNS and tokens[m.end].start == tokens[m.end - 1].end:
        return False        # "US$3 million", "S$", "A$": a currency, not a country
    if p.get("ambiguous"):
        # "Anh", "Đức", "Mỹ" are also given names and common words: accept them
        # only away from other capitalised words (which would make them part of a name).
        prev_cap = m.start > 0 and tokens[m.start - 1].is_word and tokens[m.start - 1].is_cap
        next_cap = m.end < len(tokens) and tokens[m.end].is_word and tokens[m.end].is_cap
        if prev_cap or next_cap:
            return False
    return True


def _heads(lex: Lexicon, lang: str) -> PhraseIndex:
    return lex.phrases("country_heads", lang)


def _extend_country(m: Mention, tokens: list[Token], text: str, lex: Lexicon, lang: str, taken: set[int]) -> None:
    """Grow a country mention over the head nouns that stand for the country."""
    heads = _heads(lex, lang)
    gap_words = lex.word_set("head_gap_words", lang)
    best = m.i
    for k in range(max(0, m.i - 8), m.i):
        if k in taken:
            continue
        for hm in heads.match_at(tokens, k):
            gap = [t for t in tokens[hm.end:m.i] if t.is_word and t.lower not in gap_words]
            if not gap and hm.start < best:
                best = hm.start
    # English "the Russian Government", "Vietnamese students": head after the adjective
    after = m.j
    if m.attrs.get("form") in ("adjective", "name"):
        for hm in heads.match_at(tokens, m.j):
            after = max(after, hm.end)
    if best < m.i or after > m.j:
        m.attrs["name_j"] = m.j         # where the country's own name ends
        m.i, m.j = best, after
        m.start, m.end = tokens[best].start, tokens[after - 1].end
        m.text = text[m.start:m.end]


@dataclass
class _Chain:
    """A title chain being read: "[Japan's] Deputy Prime Minister [of X] [at Y] Name"."""

    start: int
    k: int
    pos_ids: list[str] = field(default_factory=list)
    country: str | None = None
    org: str | None = None
    kinds: set[str] = field(default_factory=set)
    name_from: int | None = None     # where the holder's name starts, when not right after the body


def _mention_words(lex: Lexicon, lang: str) -> dict[str, Any]:
    """The language's head nouns and function words the title rules read, made once per language."""
    found = lex.derived.get(("mention words", lang))
    if found is None:
        heads = lex.profile(lang).get("org_heads", {})
        preps = [w for words in lex.profile(lang).get("preps", {}).values() for w in words]
        found = lex.derived[("mention words", lang)] = {
            "org_first": [h.split() for h in [*heads.get("first", []), *lex.words("company_nouns", lang)]],
            "function_words": set(preps + lex.words("genitive", lang) + lex.words("and_words", lang)
                                  + lex.words("posting_preps", lang)),
            "org_suffixes": set(heads.get("last", [])),
            "organ_heads": [h.split() for h in lex.words("organ_heads", lang)],
            "honorifics": [h.split() for h in lex.words("honorifics", lang)],
        }
    return found


class _Sentence:
    """The mention rules of one sentence, sharing what has been taken so far."""

    def __init__(self, tokens: list[Token], text: str, lang: str, lex: Lexicon) -> None:
        self.tokens, self.text, self.lang, self.lex = tokens, text, lang, lex
        self.raw_names = [n for n in lex.names.find_all(tokens) if _capitalised_like(n, tokens)]
        self.names = [n for n in self.raw_names if _valid_name(n, tokens, lex)]
        # "tại Phủ Chủ tịch": a title after a building's name is the building, not an office holder
        blockers = lex.word_set("title_blockers", lang)
        # "Đại sứ quán" is the embassy: no title starts inside a phrase that only looks like one
        inside = {k for m in lex.phrases("not_titles", lang).find_all(tokens) for k in range(m.start, m.end)}
        positions = [p for p in lex.positions.find_all(tokens)
                     if (p.start == 0 or tokens[p.start - 1].lower not in blockers) and p.start not in inside]
        self.name_at = {n.start: n for n in self.raw_names}
        self.pos_at = {p.start: p for p in positions}
        self.taken: set[int] = set()
        self.out: list[Mention] = []
        words = _mention_words(lex, lang)
        self.org_first, self.function_words = words["org_first"], words["function_words"]
        self.org_suffixes, self.organ_heads = words["org_suffixes"], words["organ_heads"]
        self.honorifics = words["honorifics"]

    def add(self, m: Mention, i: int | None = None, j: int | None = None) -> None:
        self.out.append(m)
        self.taken.update(range(m.i if i is None else i, m.j if j is None else j))

    def groups(self) -> None:
        """Groups first ("hai Bộ trưởng", "the two ministers"): their title is not a person's."""
        for g in cue_mentions(self.tokens, self.text, self.lang, self.lex, set(), only=("group",)):
            self.add(g)
        self.pos_at = {k: v for k, v in self.pos_at.items() if k not in self.taken}

    def title_chains(self) -> None:
        """Title chains next: they consume the country named inside them."""
        k = 0
        while k < len(self.tokens):
            if k not in self.pos_at:
                k += 1
                continue
            chain = self._owner(k)
            self._titles(chain)
            self._body(chain)
            m = self._holder(chain)
            k = chain.k
            self.add(m)

    def _owner(self, k: int) -> _Chain:
        """English: "[the] Russian Deputy Prime Minister", "WHO Director-General";
        "Japan's Prime Minister X": a possessive joins the country to the title."""
        tokens, chain = self.tokens, _Chain(k, k)
        owner_end = k - 2 if k >= 3 and tokens[k - 1].lower == "s" and tokens[k - 2].text in "'’" else k
        prev = next((n for n in self.raw_names if n.end == owner_end), None) if k > 0 else None
        if prev is not None:
            if prev.payload["type"] == "Country" and prev.payload["form"] in ("adjective", "name"):
                chain.country, chain.start = prev.payload["id"], prev.start
            elif prev.payload["type"] == "Organization":
                chain.org, chain.start = prev.payload["id"], prev.start
        return chain

    def _titles(self, chain: _Chain) -> None:
        """Titles in a row ("Bí thư thứ nhất, Chủ tịch"), with the body named inside them."""
        while chain.k in self.pos_at:
            pm = self.pos_at[chain.k]
            chain.kinds.add(pm.payload.get("kind", ""))
            if pm.payload["id"]:
                chain.pos_ids.append(pm.payload["id"])
            for inner in self.raw_names:     # "WHO Director-General", "Ngoại trưởng Mỹ": the body is in the title
                if pm.start <= inner.start < pm.end and not inner.payload.get("ambiguous"):
                    # "Ủy viên Trung ương Đảng": an ambiguous word ("Trung") inside a title names no country
                    if inner.payload["type"] == "Country" and inner.payload["id"]:
                        chain.country = inner.payload["id"]
                    elif inner.payload["type"] == "Organization":
                        chain.org = inner.payload["id"]
            chain.k = pm.end
            if chain.k < len(self.tokens) and self.tokens[chain.k].text == "," and (chain.k + 1) in self.pos_at:
                chain.k += 1

    def _body(self, chain: _Chain) -> None:
        """The country or body after the titles, its abbreviation and the posting of an envoy."""
        tokens, name_at = self.tokens, self.name_at
        # Vietnamese: "Thủ tướng [nước] Hàn Quốc Kim Boo Kyum", "Tổng Giám đốc WHO Tedros";
        # English: "chairman of Samsung Electronics", "Secretary-General of ASEAN"
        if chain.k < len(tokens) and tokens[chain.k].lower in self.lex.word_set("title_links", self.lang):
            skip = 2 if chain.k + 1 < len(tokens) and tokens[chain.k + 1].lower in self.lex.word_set("determiners", self.lang) else 1
            if (chain.k + skip) in name_at:
                chain.k += skip
        k = chain.k
        # "Chủ tịch Tập đoàn Samsung X": the body's name may begin inside the title
        inside = [n for n in self.raw_names if n.start < k < n.end and n.start >= chain.start
                  and n.payload["type"] == "Organization"]
        if k not in name_at and inside:
            name_at[k] = inside[0]
        if k in name_at and name_at[k].payload["type"] in ("Country", "Organization") \
                and name_at[k].payload["form"] in ("name", "capital"):
            nm = name_at[k]
            if nm.payload["type"] == "Country":
                chain.country = nm.payload["id"]
            else:
                chain.org = nm.payload["id"]
            k = nm.end
            if k < len(tokens) and tokens[k].lower in self.org_suffixes:
                k += 1          # "the COVAX Facility", "the Gates Foundation"
        elif not inside:
            k = self._head_body(chain, k)
        # "Liên minh châu Âu (EU) tại Việt Nam X": the body's abbreviation in brackets
        if (chain.country or chain.org) and k + 2 < len(tokens) and tokens[k].text == "(" \
                and tokens[k + 2].text == ")" and tokens[k + 1].is_cap:
            k += 3
        envoy = any(p.endswith(("ambassador", "consul-general")) for p in chain.pos_ids)
        if k < len(tokens) and tokens[k].lower in self.lex.word_set("posting_preps", self.lang) and (k + 1) in name_at \
                and name_at[k + 1].payload["type"] == "Country" \
                and (envoy or chain.org or chain.kinds & {"diplomatic", "organization"}):
            # "Đại sứ Nhật Bản tại Việt Nam X", "Trưởng Đại diện WHO tại Việt Nam X": the
            # country of the posting is not the one the envoy (or the body) serves
            chain.country = chain.country or (name_at[k + 1].payload["id"] if envoy and not chain.org else None)
            k = name_at[k + 1].end
        chain.k = k
        self._honorific_name(chain)

    def _head_body(self, chain: _Chain, k: int) -> int:
        """"Chủ tịch Công ty Alpha", "Phó Tham mưu trưởng Quân khu 7", "Đại biện Đại sứ quán Anh":
        a head noun after the titles opens the body the holder serves, never the holder's name.
        A company or body becomes an organisation; a state organ stands for its country."""
        tokens = self.tokens
        org = self._head_lengths(k, self.org_first)
        heads = [(n, True) for n in org] or [(n, False) for n in self._head_lengths(k, self.organ_heads)]
        for n, is_org in heads:            # the longest head with a name after it
            after = k + n
            known = self.name_at.get(after)
            if known is not None and known.payload["type"] in ("Country", "Organization") and known.payload["id"]:
                if known.payload["type"] == "Country":
                    chain.country = chain.country or known.payload["id"]
                elif is_org:
                    chain.org = known.payload["id"]
                return known.end
            end = _body_run(tokens, after, set(self.pos_at) | self.taken, self.function_words)
            if end > after:
                if is_org:
                    m = make_mention(tokens, k, end, self.text, "Organization", source="proper-noun")
                    self.add(m)
                    chain.org = f"organization/{slugify(m.text)}"
                return end
        return k + heads[0][0] if heads else k

    def _head_lengths(self, k: int, heads: list[list[str]]) -> list[int]:
        """The lengths of the head nouns starting at token k, longest first."""
        lows = [t.lower for t in self.tokens[k:k + 4]]
        return sorted({len(h) for h in heads if lows[:len(h)] == h}, reverse=True)

    def _head_at(self, k: int, heads: list[list[str]]) -> int | None:
        """The length of the longest head noun starting at token k, if one does."""
        found = self._head_lengths(k, heads)
        return found[0] if found else None

    def _honorific_name(self, chain: _Chain) -> None:
        """"Chủ tịch Công ty Alpha, ông John Smith": an honorific carries the name across the comma."""
        k, tokens = chain.k, self.tokens
        if k + 2 < len(tokens) and tokens[k].text == "," and (chain.org or chain.country):
            n = self._head_at(k + 1, self.honorifics)
            if n and k + 1 + n < len(tokens) and tokens[k + 1 + n].is_cap:
                chain.name_from = k + 1 + n

    def _holder(self, chain: _Chain) -> Mention:
        """The titled person, or a reference to the office holder when no name follows."""
        tokens, text = self.tokens, self.text
        k = chain.name_from if chain.name_from is not None else chain.k
        # "Tô Anh Dũng": an ambiguous country name ("Anh") inside a name does not end it
        stops = {n.start for n in self.raw_names if n.start != k and not (n.payload.get("ambiguous") and n.start > k)}
        name_end = cap_run(tokens, k, 5, set(self.pos_at) | stops)
        if self._head_at(k, self.org_first) or self._head_at(k, self.organ_heads):
            name_end = k        # "Thứ trưởng Bộ ...", "Chủ tịch Tập đoàn ...": a body, not a name
        elif name_end == k + 1 and not (chain.org or chain.country) and _acronym(tokens[k].text):
            # "ông X - chủ tịch HLB": a word in capitals after a title is the body, never a name
            org = make_mention(tokens, k, k + 1, text, "Organization", source="proper-noun")
            self.add(org)
            chain.org, chain.k, name_end = f"organization/{slugify(org.text)}", k + 1, k
        # the title as written: "Chủ tịch nước" and "Tổng thống" are both President, but a
        # later "Chủ tịch nước" means the one introduced with those words
        title_text = " ".join(t.lower for t in tokens[chain.start:chain.k] if t.is_word)
        attrs = {"positions": chain.pos_ids, "country": chain.country, "org": chain.org, "title": title_text}
        if name_end > k:
            name = text[tokens[k].start:tokens[name_end - 1].end]
            m = make_mention(tokens, chain.start, name_end, text, "Person", source="title-name",
                             attrs={**attrs, "name": name})
            m.attrs["name_span"] = (tokens[k].start, tokens[name_end - 1].end)
            chain.k = name_end
            return m
        m = make_mention(tokens, chain.start, chain.k, text, "Ref", source="title", attrs=attrs)
        if chain.start > 0 and tokens[chain.start - 1].lower == "the":
            m.attrs["definite"] = True
        return m

    def lexicon_names(self) -> None:
        """Countries, organisations and vaccines of the lexicon, and regions as references."""
        tokens, text, lex, lang = self.tokens, self.text, self.lex, self.lang
        nations = lex.word_set("nation_nouns", lang)
        for n in self.names:
            if any(t in self.taken for t in range(n.start, n.end)):
                continue
            p = n.payload
            if p["form"] == "region":
                nxt = tokens[n.end].lower if n.end < len(tokens) else ""
                prev = tokens[n.start - 1].lower if n.start else ""
                if nxt in nations or (n.end + 1 < len(tokens) and tokens[n.end + 1].lower in nations) or prev in nations:
                    j = n.end + 1 if nxt in nations else n.end
                    self.add(make_mention(tokens, n.start, j, text, "Ref", source="region", attrs={"region": p["region"]}),
                             n.start, j)
                else:
                    self.taken.update(range(n.start, n.end))     # a place, not an actor; and not a person's name
                continue
            if p["type"] == "Person":
                # a person of a user lexicon named without a title: resolution finds the known person
                self.add(make_mention(tokens, n.start, n.end, text, "Person", source="lexicon",
                                      attrs={"name": p["name"], "positions": [], "country": None, "org": None}))
                continue
            m = make_mention(tokens, n.start, n.end, text, p["type"], entity_id=p["id"], attrs={"form": p["form"]})
            if p["type"] == "Organization" and names_a_dose(tokens, n.start, n.end, lex, lang, p["id"]):
                # "415,000 AstraZeneca doses", "liều Pfizer": the maker's name stands for its vaccine
                m.type, m.entity_id = "Vaccine", lex.maker_vaccine[p["id"]]
            if p["type"] == "Country":
                _extend_country(m, tokens, text, lex, lang, self.taken)
            self.add(m)


def _acronym(word: str) -> bool:
    """"HLB", "RDIF": letters in capitals, as no person's name is written."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def find_mentions(tokens: list[Token], text: str, lang: str, lex: Lexicon) -> list[Mention]:
    s = _Sentence(tokens, text, lang, lex)
    s.groups()
    s.title_chains()
    s.lexicon_names()
    out, taken = s.out, s.taken
    companies_of_countries(out, tokens, text, lex, lang, taken)
    company_descriptions(out, tokens, text, lex, lang, taken)
    descriptions(out, tokens, text, lex, lang, taken)
    out.extend(bare_names(tokens, text, lex, lang, taken, lex.word_set("place_nouns", lang)))
    out.sort(key=lambda m: m.i)
    appositive_titles(out, tokens, text, taken)
    out.extend(unknown_orgs(tokens, text, lang, lex, taken))
    out.extend(cue_mentions(tokens, text, lang, lex, taken))
    bracketed_homes(out, tokens)
    possessed_homes(out, tokens, lex, lang)
    out.sort(key=lambda m: m.i)
    return out
