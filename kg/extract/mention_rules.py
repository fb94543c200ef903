"""Mention rules beside the lexicon's names and title chains (see :mod:`kg.extract.mentions`).

Bare Vietnamese names, names before an appositive title ("Lee Jae-yong, Chủ tịch
Samsung,"), descriptions ("the Southeast Asian nation"), unknown organisations
with a head noun ("Viện ...", "... Institute"), a ministry named without its
country, a maker's name standing for its vaccine, and cues (groups, pronouns).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lang.profiles import load_profiles
from .lexicon import Lexicon
from ..model import Mention
from ..lang.tokens import Token



def make_mention(tokens: list[Token], i: int, j: int, text: str, etype: str, **kw: Any) -> Mention:
    return Mention(tokens[i].start, tokens[j - 1].end, text[tokens[i].start:tokens[j - 1].end], etype, i=i, j=j, **kw)


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Particles inside foreign personal names, whatever the article's language."""
    return frozenset(load_profiles()["xx"]["name_particles"])


def cap_run(tokens: list[Token], k: int, limit: int, taken: set[int]) -> int:
    """End index of a run of capitalised words starting at k (hyphens allowed)."""
    particles = name_particles()
    end = k
    words = 0
    while end < len(tokens) and words < limit and end not in taken:
        tok = tokens[end]
        if tok.is_word and (tok.is_cap or (tok.lower in particles and words and end + 1 < len(tokens)
                                               and tokens[end + 1].is_cap)):
            words += 1
            end += 1
        elif tok.text in "-'’" and words and end + 1 < len(tokens) and tokens[end].start == tokens[end - 1].end \
                and (tokens[end + 1].is_cap or (tok.text == "-" and tokens[end + 1].is_word
                                                and tokens[end + 1].start == tok.end)):
            # "Jae-yong", "Suk-yeol": the second syllable of a hyphenated given name is lower case
            end += 1
            if not tokens[end].is_cap:
                words += 1
                end += 1
        else:
            break
    while end > k and not tokens[end - 1].is_word:
        end -= 1
    return end


def names_a_dose(tokens: list[Token], i: int, j: int, lex: Lexicon, lang: str, org: str) -> bool:
    """A maker of one vaccine named right before or after a dose noun."""
    nouns = lex.word_set("dose_nouns", lang)
    return bool(lex.maker_vaccine.get(org)) and any(0 <= k < len(tokens) and tokens[k].lower in nouns
                                                    for k in (i - 1, j))


def _name_before_comma(tokens: list[Token], comma: int, text: str, taken: set[int]) -> Mention | None:
    """"Kidong Park, Trưởng Đại diện WHO": two to four capitalised words before the title's comma."""
    k, words = comma, 0
    while k > 0 and k - 1 not in taken and words < 4:
        tok = tokens[k - 1]
        if tok.is_word and tok.is_cap:
            k, words = k - 1, words + 1
        elif k >= 3 and tok.is_word and tokens[k - 2].text == "-" and tokens[k - 3].is_cap \
                and tokens[k - 2].start == tokens[k - 3].end and tok.start == tokens[k - 2].end:
            k, words = k - 3, words + 1          # "Joo-ho"
        else:
            break
    if not 2 <= words <= 4 or (k > 0 and tokens[k - 1].is_word and tokens[k - 1].is_cap):
        return None
    name = text[tokens[k].start:tokens[comma - 1].end]
    taken.update(range(k, comma))
    return make_mention(tokens, k, comma, text, "Person", source="proper-noun",
                    attrs={"positions": [], "country": None, "org": None, "name": name, "vn_name": False,
                           "name_span": (tokens[k].start, tokens[comma - 1].end)})


def appositive_titles(out: list[Mention], tokens: list[Token], text: str, taken: set[int]) -> None:
    """"Lee Jae-yong, Chủ tịch Samsung," / "Kidong Park, WHO Representative": a title
    set off by a comma right after a name is that person's, not a new reference."""
    people = {m.j: m for m in out if m.type == "Person" and m.attrs.get("name")}
    for ref in [m for m in out if m.type == "Ref" and m.source == "title"]:
        if ref.i < 2 or tokens[ref.i - 1].text not in ",-–—" or ref.attrs.get("definite"):
            continue
        person = people.get(ref.i - 1) or _name_before_comma(tokens, ref.i - 1, text, taken)
        if person is None:
            continue
        if person not in out:
            out.append(person)
        for pid in ref.attrs.get("positions", []):
            if pid not in person.attrs["positions"]:
                person.attrs["positions"].append(pid)
        for key in ("country", "org"):
            if ref.attrs.get(key) and not person.attrs.get(key):
                person.attrs[key] = ref.attrs[key]
        out.remove(ref)
    out.sort(key=lambda m: m.i)


def descriptions(out: list[Mention], tokens: list[Token], text: str, lex: Lexicon, lang: str, taken: set[int]) -> None:
    """"the Vietnamese diplomat": a nationality adjective before a person noun refers to a person."""
    nouns = set(lex.profile(lang).get("descriptions", {}).get("Person", []))
    for idx, m in enumerate(out):
        if m.type != "Country" or m.j >= len(tokens) or tokens[m.j].lower not in nouns:
            continue
        ref = make_mention(tokens, m.i, m.j + 1, text, "Ref", source="description",
                       attrs={"positions": [], "country": m.entity_id, "org": None, "definite": True})
        out[idx] = ref
        taken.add(m.j)


def bare_names(tokens: list[Token], text: str, lex: Lexicon, lang: str, taken: set[int], places: set[str]) -> list[Mention]:
    out: list[Mention] = []
    honorifics = lex.word_set("honorifics", lang)
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        honorific = tok.lower in honorifics and k + 1 < len(tokens) and tokens[k + 1].is_cap and k not in taken
        start = k + 1 if honorific else k
        if start in taken or not tokens[start].is_cap if start < len(tokens) else True:
            k += 1
            continue
        end = cap_run(tokens, start, 5, taken)
        words = [t for t in tokens[start:end] if t.is_word]
        if words and all(t.text.isupper() and len(t.text) > 1 for t in words):
            k = max(end, k + 1)          # "HÀ NỘI —", "TTXVN": datelines and agency tags, not names
            continue
        after_place = start > 0 and tokens[start - 1].lower in places
        vn = lex.is_surname(tokens[start].text) and 2 <= len(words) <= 4 and not after_place \
            and not _org_head_at(tokens, start, lex, lang)
        if (vn or (honorific and words)) and not any(t in taken for t in range(start, end)):
            name = text[tokens[start].start:tokens[end - 1].end]
            m = make_mention(tokens, k, end, text, "Person", source="proper-noun",
                         attrs={"positions": [], "country": None, "org": None, "name": name, "vn_name": vn,
                                "name_span": (tokens[start].start, tokens[end - 1].end)})
            out.append(m)
            taken.update(range(k, end))
            k = end
        else:
            k += 1
    return out


def _org_run(tokens: list[Token], k: int, taken: set[int]) -> int:
    """"Công ty Dược phẩm Minh Long": a name may mix lower-case words, ending on a capitalised one."""
    end, lower = k, 0
    last_cap = k
    while end < len(tokens) and end - k < 8 and end not in taken and tokens[end].is_word:
        if tokens[end].is_cap:
            last_cap, lower = end + 1, 0
        else:
            lower += 1
            if lower == 2:
                break
        end += 1
    return last_cap


def _body_run(tokens: list[Token], k: int, taken: set[int], stops: set[str] = frozenset()) -> int:
    """"Quân khu 7", "Bộ đội Biên phòng TP HCM", "Alpha Pharma": capitalised words and numbers
    (one lower-case word between two of them at most) after a head noun."""
    end, last = k, k
    while end < len(tokens) and end - k < 8 and end not in taken and tokens[end].is_word:
        tok = tokens[end]
        if tok.is_cap or tok.text[:1].isdigit():
            last = end + 1
        elif end == k or tok.lower in stops or not (end + 1 < len(tokens) and tokens[end + 1].is_word
                                                     and tokens[end + 1].is_cap):
            break
        end += 1
    return last


def _org_heads(lex: Lexicon, lang: str) -> tuple[list[list[str]], set[str]]:
    """Head nouns that open a name ("Viện", "Công ty") and words that close one ("Institute")."""
    heads = lex.profile(lang).get("org_heads", {})
    return [h.split() for h in heads.get("first", [])], set(heads.get("last", []))


def _org_head_at(tokens: list[Token], k: int, lex: Lexicon, lang: str) -> bool:
    first, _ = _org_heads(lex, lang)
    return any([t.lower for t in tokens[k:k + len(h)]] == h for h in first)


def unknown_orgs(tokens: list[Token], text: str, lang: str, lex: Lexicon, taken: set[int]) -> list[Mention]:
    out: list[Mention] = []
    lows = [t.lower for t in tokens]
    first, last = _org_heads(lex, lang)
    for k, tok in enumerate(tokens):
        if k in taken or not tok.is_cap:
            continue
        head = next((h for h in first if lows[k:k + len(h)] == h), None)
        if head is not None:
            end = _org_run(tokens, k + len(head), taken)
            if end > k + len(head):
                out.append(make_mention(tokens, k, end, text, "Organization", source="proper-noun"))
                taken.update(range(k, end))
            continue
        end = cap_run(tokens, k, 6, taken)
        if end - k >= 2 and lows[end - 1] in last and (k == 0 or not tokens[k - 1].is_cap):
            out.append(make_mention(tokens, k, end, text, "Organization", source="proper-noun"))
            taken.update(range(k, end))
    return out


def cue_mentions(tokens: list[Token], text: str, lang: str, lex: Lexicon, taken: set[int],
                  only: tuple[str, ...] = ("group", "pronoun")) -> list[Mention]:
    out: list[Mention] = []
    k = 0
    for start, matches in lex.cues[lang].by_start(tokens).items():
        if start < k or start in taken:
            continue
        found = next((cm for cm in matches if cm.payload["cue"] in only
                      and not any(t in taken for t in range(cm.start, cm.end))), None)
        if not found:
            continue
        p = found.payload
        nxt = tokens[found.end] if found.end < len(tokens) else None
        if p["cue"] == "pronoun" and p["type"] == "Person" and lang == "vi" and nxt is not None and nxt.is_cap:
            continue     # "ông Lavrov": a name follows, handled as a name
        kind = "Group" if p["cue"] == "group" else "Ref"
        attrs = {"group": p.get("kind")} if kind == "Group" else {"pronoun": p["type"]}
        if found.phrase.lower() in lex.word_set("last_group_pronouns", lang):
            attrs = {"group": "last"}
        out.append(make_mention(tokens, found.start, found.end, text, kind, source="coref", attrs=attrs))
        taken.update(range(found.start, found.end))
        k = found.end
    return out
