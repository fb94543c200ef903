"""Companies as actors: a country that only says where a company is from is no actor.

"Japan's drugmaker Shionogi", "Japanese drugmaker Shionogi", "Vietnamese firms
Alpha and Beta", "Tập đoàn Daewon (Hàn Quốc)": the company signs, invests and
produces; the country is its home, kept on the company's mention. An unknown
name after a company noun ("firms Alpha") becomes an organisation.
"""
from __future__ import annotations

from typing import Iterable

from .lexicon import Lexicon
from ..lang.patterns import PhraseIndex
from .mention_rules import cap_run, make_mention
from ..model import Mention
from ..lang.tokens import Token


def companies_of_countries(out: list[Mention], tokens: list[Token], text: str, lex: Lexicon, lang: str,
                           taken: set[int]) -> None:
    """Drop the country mentions that modify a company, adding the companies they name."""
    nouns = lex.phrases("company_nouns", lang)
    orgs = {m.i: m for m in out if m.type == "Organization"}
    for m in [m for m in out if m.type == "Country" and m.attrs.get("form") in ("adjective", "name")]:
        k = m.attrs.get("name_j", m.j)
        if k + 1 < len(tokens) and tokens[k].text in "'’" and tokens[k + 1].lower == "s":
            k += 2
        noun = nouns.match_at(tokens, k)
        if noun:
            k = noun[0].end
        found = _companies_at(k, tokens, text, orgs, taken, named=bool(noun), span=range(m.i, m.j))
        if not found:
            continue
        out.remove(m)
        for n, org in enumerate(found):
            org.attrs.setdefault("country", m.entity_id)
            if n == 0:
                org.attrs["lead"] = m.i      # "with Japan's drugmaker X": the preposition governs X
            if org not in out:
                out.append(org)
                orgs[org.i] = org
    out.sort(key=lambda x: x.i)


def bracketed_homes(out: list[Mention], tokens: list[Token]) -> None:
    """"Tập đoàn Daewon (Hàn Quốc)", "Alpha (Japan)": a country in brackets right after a
    company gives its home; it is no actor of its own."""
    for m in [m for m in out if m.type == "Country"]:
        if m.i < 2 or m.j >= len(tokens) or tokens[m.i - 1].text != "(" or tokens[m.j].text != ")":
            continue
        org = next((o for o in out if o.type == "Organization" and o.j == m.i - 1), None)
        if org is not None:
            org.attrs.setdefault("country", m.entity_id)
            out.remove(m)


def possessed_homes(out: list[Mention], tokens: list[Token], lex: Lexicon, lang: str) -> None:
    """"Công ty Nanogen của Việt Nam", "hãng dược HLB của Hàn Quốc": a country owning a
    company gives its home; it is no actor of its own."""
    genitive = set(lex.words("genitive", lang))
    nouns = lex.phrases("company_nouns", lang)
    for org in [m for m in out if m.type == "Organization"]:
        if org.j + 1 >= len(tokens) or tokens[org.j].lower not in genitive:
            continue
        home = next((m for m in out if m.type == "Country" and m.i == org.j + 1 and m.entity_id), None)
        company = bool(nouns.match_at(tokens, org.i)) or lex.org_kind.get(org.entity_id or "") == "company"
        if home is not None and company:
            org.attrs.setdefault("country", home.entity_id)
            out.remove(home)


def _companies_at(k: int, tokens: list[Token], text: str, orgs: dict[int, Mention], taken: set[int], *,
                  named: bool, span: range) -> list[Mention]:
    """The companies named from token k on: known ones, and after a company noun unknown
    capitalised names, joined by "and/và" or a comma."""
    found: list[Mention] = []
    while k < len(tokens):
        if k in orgs:
            found.append(orgs[k])
            k = orgs[k].j
        elif named and tokens[k].is_cap and tokens[k].is_word and (k not in taken or k in span):
            end = cap_run(tokens, k, 4, taken - set(span))
            if end <= k:
                break
            # a name the article may go on using alone ("firms Alpha ... Alpha said")
            org = make_mention(tokens, k, end, text, "Organization", source="proper-noun", attrs={"named": True})
            taken.update(range(k, end))
            found.append(org)
            k = end
        else:
            break
        if k + 1 < len(tokens) and tokens[k].lower in ("and", "và", ","):
            k += 1
            continue
        break
    return found


def company_descriptions(out: list[Mention], tokens: list[Token], text: str, lex: Lexicon, lang: str,
                         taken: set[int]) -> None:
    """"two Vietnamese companies", "công ty Hàn Quốc": companies described by their home alone.

    News names the parties of a deal by nationality and names them elsewhere in the
    article. The description becomes a group of the companies from that country, with
    how many it describes (profile ``description_nouns`` and ``description_counts``);
    coreference gives it the article's companies of that home when there are exactly
    that many, else the country.
    """
    prof = lex.profile(lang)
    if not prof.get("description_nouns"):
        return
    nouns, counts = lex.phrases("description_nouns", lang), prof["description_counts"]
    for idx, m in enumerate(out):
        if m.type != "Country" or m.attrs.get("form") not in ("adjective", "name"):
            continue
        span = _described_companies(m, tokens, nouns, prof["description_order"][0] == "noun")
        if span is None:
            continue
        i, j, noun = span
        count = prof["description_nouns"][noun]
        if i > 0 and tokens[i - 1].lower in counts:
            i, count = i - 1, counts[tokens[i - 1].lower]
        if count < 1:
            continue
        out[idx] = make_mention(tokens, i, j, text, "Group", source="description",
                                attrs={"group": "companies", "country": m.entity_id, "count": count})
        taken.update(range(i, j))


def _described_companies(m: Mention, tokens: list[Token], nouns: PhraseIndex,
                         noun_first: bool) -> tuple[int, int, str] | None:
    """The tokens of "companies" + home (or home + "companies"), and the noun, when no name follows."""
    if noun_first:
        for k in range(max(0, m.i - 3), m.i):
            found = [x for x in nouns.match_at(tokens, k) if x.end == m.i]
            if found:
                end = m.j
                return (k, end, found[0].payload) if end >= len(tokens) or not tokens[end].is_cap else None
        return None
    found = nouns.match_at(tokens, m.attrs.get("name_j", m.j))
    if not found:
        return None
    end = found[0].end
    return (m.i, end, found[0].payload) if end >= len(tokens) or not tokens[end].is_cap else None


def company_homes(mentions: Iterable[Mention], lex: Lexicon) -> dict[str, list[str]]:
    """Country id -> the article's companies from there, in the order named: a home given in
    the text ("Vietnamese firms A and B", "X (Japan)") or a known company's in the lexicon."""
    homes: dict[str, list[str]] = {}
    for m in mentions:
        if m.type != "Organization" or not m.entity_id:
            continue
        home = m.attrs.get("country")
        if home is None and lex.org_kind.get(m.entity_id) == "company":
            home = lex.org_country.get(m.entity_id)
        if home and m.entity_id not in homes.setdefault(home, []):
            homes[home].append(m.entity_id)
    return homes


def resolve_description(m: Mention, homes: dict[str, list[str]]) -> None:
    """The companies a description stands for when the article names exactly as many
    from that home; otherwise it says no more than the country."""
    country, count = m.attrs["country"], m.attrs["count"]
    ids = homes.get(country, [])
    if len(ids) != count:
        m.type, m.entity_id = "Country", country
    elif count == 1:
        m.type, m.entity_id = "Organization", ids[0]
    else:
        m.entity_ids = list(ids)
