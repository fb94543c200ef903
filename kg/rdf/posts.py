"""Offices held as posts of a country or organisation: "Prime Minister of Vietnam".

A position ("Prime Minister") is shared by officials of many countries, so as a
node it is a false hub. What the text says is an office tied to what the person
represents: ``holdsPosition`` plus ``represents``. This module is the one home
of that pairing, for the HTML view (an office shown on its person, people folded
into their countries) and for RDF, where :mod:`kg.rdf.layout` writes each pair
as a W3C Organization Ontology post in the default graph::

    kgid:post/prime-minister/country/vietnam a org:Post ;
        org:role kgid:position/prime-minister ; org:postIn kgid:country/vietnam ;
        org:heldBy kgid:person/pham-minh-chinh ;
        rdfs:label "Prime Minister of Vietnam"@en , "Thủ tướng Việt Nam"@vi .
    kgid:person/pham-minh-chinh org:holds kgid:post/prime-minister/country/vietnam .

A person represents the country or organisation they are most often said to
represent (read assertions before inferred ones, then the smallest id); negated
statements count for nothing.

>>> from kg.model import Assertion, Corpus, Entity
>>> ents = {"person/a": Entity("person/a", "Person", "A"),
...         "position/pm": Entity("position/pm", "Position", "Prime Minister", {"vi": "Thủ tướng"}),
...         "country/vn": Entity("country/vn", "Country", "Vietnam", {"vi": "Việt Nam"})}
>>> corpus = Corpus(entities=ents, assertions=[Assertion("d", "person/a", "holdsPosition", "position/pm"),
...                                            Assertion("d", "person/a", "represents", "country/vn")])
>>> represented(corpus)
{'person/a': 'country/vn'}
>>> [(p.person, p.position, p.of, p.labels["vi"]) for p in posts(corpus)]
[('person/a', 'position/pm', 'country/vn', 'Thủ tướng Việt Nam')]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import Corpus
from ..lang.text import nfc

OFFICE, REPRESENTS = "holdsPosition", "represents"
# What a person can represent (and be folded into in the view).
REPRESENTABLE = frozenset({"Country", "Organization"})


@dataclass(frozen=True)
class Post:
    """An office a person holds, and what it is an office of (None: nothing known)."""

    person: str
    position: str
    of: str | None
    title: dict[str, str]       # the office alone, per language
    labels: dict[str, str]      # the post: "Prime Minister of Vietnam", "Thủ tướng Việt Nam"


def _counted(corpus: Corpus, predicate: str) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in corpus.assertions:
        if a.predicate == predicate and a.modality != "negated":
            counts[a.subject][a.object] += 1 if a.inferred else 1000
    return counts


def represented(corpus: Corpus) -> dict[str, str]:
    """``{person: the country or organisation they most often represent}``."""
    out = {}
    for person, counts in sorted(_counted(corpus, REPRESENTS).items()):
        usable = {t: n for t, n in counts.items()
                  if (e := corpus.entities.get(t)) is not None and e.type in REPRESENTABLE}
        if usable:
            out[person] = min(usable, key=lambda t: (-usable[t], t))
    return out


def _label(corpus: Corpus, eid: str, lang: str) -> str:
    entity = corpus.entities.get(eid)
    return nfc(entity.labels.get(lang) or entity.label) if entity else eid


def posts(corpus: Corpus, targets: dict[str, str] | None = None) -> list[Post]:
    """Every office each person holds (most attested first), as a post of what they represent."""
    targets = represented(corpus) if targets is None else targets
    out = []
    for person, positions in sorted(_counted(corpus, OFFICE).items()):
        where = targets.get(person)
        for position in sorted(positions, key=lambda p: (-positions[p], p)):
            title = {lang: _label(corpus, position, lang) for lang in ("en", "vi")}
            labels = title if where is None else {
                "en": f"{title['en']} of {_label(corpus, where, 'en')}",
                "vi": f"{title['vi']} {_label(corpus, where, 'vi')}"}
            out.append(Post(person, position, where, title, labels))
    return out
