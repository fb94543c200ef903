"""Mentions → entities within an article: people, short names, titles, pronouns, groups.

* A person is one entity whatever the spelling: :class:`~kg.extract.people.PersonIndex` folds
  diacritics ("Bui Thanh Son" = "Bùi Thanh Sơn") and merges near-identical
  first names with the same family name ("Sergey"/"Sergei Lavrov").
* A short name ("Lavrov", "Thủ tướng Chính") refers to the person of the article
  who carries it; a bare title ("Thủ tướng", "the Russian Deputy PM") to the
  last person holding that office; "ông"/"he" to the last person; "hai bên" /
  "both sides" to the article's two main countries, "hai Bộ trưởng" / "the pair"
  to its two main people.
* A person named with no country represents the country of the title chain,
  else Vietnam if the name is Vietnamese or the article is Vietnamese
  (ANNOTATION.md: an unqualified official in a Vietnamese article is Vietnam's).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .companies import resolve_description
from .lexicon import Lexicon
from .people import Person, PersonIndex
from .short_names import company_short_names, short_name_mentions, short_org_mentions, vietnamese_syllable
from ..model import Mention
from ..lang.text import fold
from ..lang.tokens import Token

HOME_COUNTRY = "country/vietnam"
RANK_WORDS = {"deputy", "vice", "first", "acting", "former"}   # words of position ids that change the rank


@dataclass
class ArticleContext:
    persons: list[str] = field(default_factory=list)        # in order of first mention
    country_pair: list[str] = field(default_factory=list)
    person_pair: list[str] = field(default_factory=list)


class ArticleResolver:
    """Resolves the mentions of one article, sentence by sentence."""

    def __init__(self, lex: Lexicon, people: PersonIndex, lang: str) -> None:
        self.lex, self.people, self.lang = lex, people, lang
        self.ctx = ArticleContext()
        self.last_person: str | None = None
        self.last_country: str | None = None
        self.last_group: list[str] = []
        self.last_topic: str | None = None
        self.stateless: list[Person] = []
        self.recent_people: list[str] = []          # people in the order they were last named
        self.recent_orgs: list[str] = []            # organisations, likewise ("hai doanh nghiệp")
        self.company_homes: dict[str, list[str]] = {}   # country -> the article's companies from there
        home = lex.profile(lang).get("home_country")
        self.determiners = lex.word_set("determiners", lang)
        self.and_words = lex.word_set("and_words", lang)
        self.home = f"country/{home}" if home else None

    # pass 1 -------------------------------------------------------------
    def register_names(self, sentences: list[tuple[list[Token], str, list[Mention]]]) -> None:
        last_titled: list[str] = []          # the offices of the latest person named with a title
        for tokens, text, mentions in sentences:
            for m in mentions:
                if m.type == "Person" and m.attrs.get("name"):
                    last_titled = self._counterpart(m, last_titled)
                    self._register_person(m)
        local = [self.people.people[pid] for pid in self.ctx.persons]
        companies = company_short_names(sentences)
        for tokens, text, mentions in sentences:
            for m in mentions:
                if m.type == "Person" and m.entity_id is None and len(m.attrs["name"].split()) == 1:
                    self._resolve_single_name(m, local)
            taken = {k for m in mentions for k in range(m.i, m.j)}
            mentions.extend(short_name_mentions(tokens, text, taken, local))
            mentions.extend(short_org_mentions(tokens, text, taken, companies))
            mentions.sort(key=lambda m: m.i)
        self._choose_pairs(sentences)
        self._place_stateless()

    def _counterpart(self, m: Mention, last_titled: list[str]) -> list[str]:
        """"his Thai counterpart Srettha Thavisin": a counterpart holds the office of the
        person he deals with. Returns the offices the next counterpart would take."""
        positions = m.attrs.get("positions") or []
        title = m.attrs.get("title") or ""
        if not positions and last_titled and any(w in title for w in self.lex.words("counterparts", self.lang)):
            m.attrs["positions"] = list(last_titled)
            return last_titled
        return list(positions) or last_titled

    def _place_stateless(self) -> None:
        """A titled person with a foreign name and no country ("Thủ tướng Jacinda Ardern")
        serves the article's foreign country of the pair; a titled person in a
        Vietnamese-language article with no other clue serves Vietnam (ANNOTATION.md)."""
        pair = self.ctx.country_pair
        foreign = [c for c in pair if c != HOME_COUNTRY]
        for p in self.stateless:
            if p.country or p.org:
                continue
            if len(pair) == 2 and len(foreign) == 1:
                p.country = foreign[0]
            elif self.home:
                p.country = self.home
        self.stateless = []

    def _register_person(self, m: Mention) -> None:
        name = m.attrs["name"]
        if len(name.split()) == 1:
            return
        self._describe(self.people.add(name), m)

    def _describe(self, p: Person, m: Mention) -> None:
        """What a titled mention tells about a person: positions, title, country or body."""
        m.entity_id = p.id
        p.positions.update(m.attrs.get("positions", []))
        if m.attrs.get("title"):
            p.titles.add(m.attrs["title"])
        country = m.attrs.get("country")
        if country and not p.country:
            p.country = country
        if m.attrs.get("org") and not p.org:
            p.org = m.attrs["org"]
        if not p.country and not p.org and p.vietnamese:
            p.country = HOME_COUNTRY
        elif not p.country and not p.org and m.attrs.get("positions"):
            self.stateless.append(p)
        if p.id not in self.ctx.persons:
            self.ctx.persons.append(p.id)

    def _resolve_single_name(self, m: Mention, local: list[Person]) -> None:
        key = fold(m.attrs["name"])
        named = [p for p in local if key in (p.tokens[-1], p.tokens[0])]
        wanted = set(m.attrs.get("positions", []))
        if len(named) > 1 and wanted:
            # "Đại sứ Dũng" beside "Bộ trưởng Dũng": the title tells two people with one name apart
            titled = [p for p in named if wanted & p.positions or self._generic_match(wanted, p.positions)]
            named = titled or named
        for p in named:
            m.entity_id = p.id
            p.positions.update(wanted)
            return
        if vietnamese_syllable(m.attrs["name"]):
            # "PM Chính": a Vietnamese given name alone names nobody we can tell apart;
            # the mention stays a title with no holder rather than become a person "Chính"
            m.type, m.attrs = "Ref", {**m.attrs, "unresolved": True}
            return
        # a one-word name we have not seen in full ("Nhà vua Naruhito", "President Widodo")
        self._describe(self.people.add(m.attrs["name"]), m)

    def _choose_pairs(self, sentences: list[tuple[list[Token], str, list[Mention]]]) -> None:
        countries: Counter[str] = Counter()
        persons: Counter[str] = Counter()
        for _, _, mentions in sentences:
            for m in mentions:
                if m.type == "Country" and m.entity_id:
                    countries[m.entity_id] += 1
                elif m.type == "Organization" and m.attrs.get("country"):
                    countries[m.attrs["country"]] += 1      # "X của Hàn Quốc": the company's home is a party
                elif m.type == "Person" and m.entity_id:
                    persons[m.entity_id] += 1
                    c = self.people.people[m.entity_id].country
                    if c:
                        countries[c] += 1
        self.ctx.country_pair = [c for c, _ in countries.most_common(2)] if len(countries) >= 2 else []
        ranked = [p for p, _ in persons.most_common()]
        pair: list[str] = []
        for pid in ranked:
            c = self.people.people[pid].country
            if all(self.people.people[q].country != c or c is None for q in pair):
                pair.append(pid)
            if len(pair) == 2:
                break
        self.ctx.person_pair = pair if len(pair) == 2 else []

    # pass 2 -------------------------------------------------------------
    def _is_topic(self, m: Mention, tokens: list[Token] | None) -> bool:
        """A person not governed by a preposition ("with X", "của X") can be a sentence topic."""
        k = m.i - 1
        while tokens is not None and k >= 0 and tokens[k].lower in self.determiners:
            k -= 1
        if tokens is None or k < 0:
            return True
        prev = tokens[k].lower
        return self.lex.prep_role(prev, self.lang) is None and prev not in self.and_words

    def resolve_sentence(self, mentions: list[Mention], tokens: list[Token] | None = None) -> None:
        topic: str | None = None
        for m in mentions:
            if m.type == "Ref" and m.attrs.get("pronoun") == "Person":
                # a pronoun refers to the topic of its sentence, or else of the last one
                m.entity_id = topic or self.last_topic or self.last_person
                if m.entity_id:
                    m.type = "Person"
                    topic = topic or m.entity_id
                continue
            if m.type == "Person" and m.entity_id:
                self.last_person = m.entity_id
                self._saw_person(m.entity_id)
                if topic is None and self._is_topic(m, tokens):
                    topic = m.entity_id
            elif m.type == "Country" and m.entity_id:
                self.last_country = m.entity_id
            elif m.type == "Organization" and m.entity_id:
                if m.entity_id in self.recent_orgs:
                    self.recent_orgs.remove(m.entity_id)
                self.recent_orgs.append(m.entity_id)
            elif m.type == "Ref":
                m.entity_id = self._resolve_ref(m)
                if m.entity_id:
                    if m.entity_id.startswith("person/"):
                        self.last_person = m.entity_id
                        self._saw_person(m.entity_id)
                        m.type = "Person"
                        if topic is None and self._is_topic(m, tokens):
                            topic = m.entity_id
                    else:
                        m.type = "Country"
            elif m.type == "Group" and m.attrs.get("group") == "companies":
                resolve_description(m, self.company_homes)
            elif m.type == "Group":
                m.entity_ids = self._resolve_group(m)
                if m.entity_ids:
                    self.last_group = m.entity_ids
        if topic:
            self.last_topic = topic

    def _resolve_ref(self, m: Mention) -> str | None:
        a = m.attrs
        if a.get("unresolved"):
            return None
        if a.get("region"):
            region = set(self.lex.regions.get(a["region"], []))
            for c in [self.last_country, *self.ctx.country_pair]:
                if c in region:
                    return c
            return None
        if a.get("pronoun") == "Country":
            if self.last_person and self.people.people[self.last_person].country and m.text.lower().startswith(("his", "her")):
                return self.people.people[self.last_person].country
            return self.last_country
        if a.get("pronoun") == "Person":
            return self.last_person
        wanted = set(a.get("positions", []))
        country = a.get("country")
        if not wanted and a.get("title") and any(w in a["title"] for w in self.lex.words("counterparts", self.lang)):
            # "his Singaporean counterpart": the one introduced as such, else the holder of the same office
            wanted = self._recent_offices(exclude=country)
        # The one introduced with these very words first, then the holder of the title,
        # then of a more specific title of the same rank.
        title = a.get("title")
        for matches in (lambda p: bool(title) and title in p.titles, lambda p: bool(wanted & p.positions),
                        lambda p: self._generic_match(wanted, p.positions)):
            for pid in reversed(self._recent_people()):
                p = self.people.people[pid]
                if wanted and not matches(p):
                    continue
                if country and p.country != country:
                    continue
                return pid
            if not wanted:
                break
        return None

    def _recent_offices(self, exclude: str | None) -> set[str]:
        """The offices of the person last named who serves another country than ``exclude``."""
        for pid in reversed(self._recent_people()):
            p = self.people.people[pid]
            if p.positions and p.country != exclude:
                return set(p.positions)
        return set()

    def _recent_people(self) -> list[str]:
        """Least to most likely antecedent: people named only later in the article,
        then those already seen, in the order last seen. "Thủ tướng đánh giá cao ...
        chuyến thăm của Thủ tướng Kishida" is the prime minister already in the story."""
        # the topic of the last sentence outranks a person it merely mentioned
        # ("... kết quả chuyến thăm của Thủ tướng Kishida. Thủ tướng đề nghị ...")
        last = [pid for pid in (self.last_person, self.last_topic) if pid]
        seen = [pid for pid in self.recent_people if pid not in last] + list(dict.fromkeys(last[::-1]))[::-1]
        return [pid for pid in self.ctx.persons if pid not in seen] + seen

    @staticmethod
    def _generic_match(wanted: set[str], held: set[str]) -> bool:
        # "Bộ trưởng Lavrov" after "Bộ trưởng Ngoại giao Lavrov": a generic title matches a specific one.
        # "Chủ tịch nước" (president) is not a vice-president, nor "Bộ trưởng" a deputy minister.
        def rank(title: str) -> set[str]:
            return set(title.split("-")) & RANK_WORDS

        generic = {w.split("/")[-1] for w in wanted}
        return any(set(g.split("-")) <= set(h.split("/")[-1].split("-")) and rank(h.split("/")[-1]) == rank(g)
                   for g in generic for h in held)

    def _resolve_group(self, m: Mention) -> list[str]:
        kind = m.attrs.get("group")
        if kind == "persons":
            # "Hai Bộ trưởng": the two people of the latest talks, if the last two named
            # people serve different parties; else the article's main pair
            recent = self.recent_people[-2:]
            if len(recent) == 2 and self.person_country(recent[0]) != self.person_country(recent[1]):
                order = self.ctx.persons       # in the order the article introduced them
                return sorted(recent, key=lambda pid: order.index(pid) if pid in order else len(order))
            return list(self.ctx.person_pair)
        if kind == "organizations":
            return self.recent_orgs[-2:] if len(self.recent_orgs) >= 2 else []
        if kind == "last" and self.last_group:
            return list(self.last_group)
        return list(self.ctx.country_pair)

    def _saw_person(self, pid: str) -> None:
        if pid in self.recent_people:
            self.recent_people.remove(pid)
        self.recent_people.append(pid)

    def person_country(self, pid: str) -> str | None:
        return self.people.people[pid].country if pid in self.people.people else None
