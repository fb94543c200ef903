"""Companies as actors: a country that only says where a company is from is no actor.

"Japan's drugmaker Shionogi", "Japanese drugmaker Shionogi", "Vietnamese firms
Alpha and Beta", "Tập đoàn Daewon (Hàn Quốc)": the company signs, invests and
produces; the country is its home, kept on the company's mention. An unknown
name after a company noun ("firms Alpha") becomes an organisation.
"""
from __future__ import annotations

from .lexicon import Lexicon
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
            org = make_mention(tokens, k, end, text, "Organization", source="proper-noun")
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
