"""The view model of the HTML view: what the page draws, as plain JSON-ready data.

Built from a :class:`~kg.model.Corpus` only (never from NLP objects), through
a pyvis ``Network`` that assembles nodes, edges and vis options. Each edge is
one (subject, relation, object) with every piece of evidence behind it: the
sentence with the entity words marked, the article, dates, modality and
confidence. :mod:`kg.export.html` turns the model into the page.

>>> from kg.model import Assertion, Corpus, Entity
>>> corpus = Corpus(entities={"country/vietnam": Entity("country/vietnam", "Country", "Vietnam",
...                                                     {"vi": "Việt Nam"})},
...                 assertions=[Assertion("d", "country/vietnam", "meetsWith", "country/laos")])
>>> data = graph_data(corpus, lang="vi")
>>> [n["label"] for n in data["nodes"]], [e["label"] for e in data["edges"]]
(['country/laos', 'Việt Nam'], ['hội đàm với'])
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from ..errors import KGError, ViewOptionError
from ..model import MODALITIES, Article, Assertion, Corpus, Entity
from ..text import fold, nfc
LANGS = ("en", "vi")

# Node look per entity type: colour, vis shape, legend glyph.
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "Country": ("#4e79a7", "dot", "\u25cf"),
    "Person": ("#f28e2b", "diamond", "\u25c6"),
    "Organization": ("#59a14f", "square", "\u25a0"),
    "Vaccine": ("#b07aa1", "triangle", "\u25b2"),
    "Position": ("#c9a100", "star", "\u2605"),
}
OTHER_STYLE = ("#9d9d9d", "dot", "\u25cf")

EDGE_COLOUR = "#5b6b7c"
NEGATED_COLOUR = "#d62728"
INFERRED_COLOUR = "#b8b8b8"
# Modalities that describe something not (yet) done: drawn dashed.
TENTATIVE = frozenset({"requested", "agreed", "planned"})

# Above this many nodes or edges the layout switches to settings that keep a
# browser responsive (measured with benchmarks/html_view.py).
LARGE_NODES, LARGE_EDGES = 800, 2000
LARGE_ITERATIONS = 60


def _is_large(nodes: int, edges: int) -> bool:
    return nodes > LARGE_NODES or edges > LARGE_EDGES


def vis_options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options for a graph of this size.

    Both sizes stabilise before the first paint; the page then turns physics
    off, so the layout stays where the user drags it.
    """
    options: dict[str, Any] = {
        "interaction": {"hover": True, "navigationButtons": False, "keyboard": False},
        "edges": {"smooth": {"type": "dynamic"}, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 11, "strokeWidth": 3, "align": "middle"}},
        "nodes": {"font": {"size": 14, "strokeWidth": 3}},
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True},
        },
    }
    if _is_large(nodes, edges):
        # Dynamic smoothing adds one physics body per edge, the "improved" layout
        # clusters for minutes, hover tests every edge on each mouse move, and
        # redrawing 20,000 edges while dragging stutters: all off for large graphs.
        # Arrows too: the page shows them again once the user zooms in.
        options["edges"] = {**options["edges"], "smooth": False, "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}}}
        options["layout"] = {"improvedLayout": False}
        options["interaction"] = {"hover": False, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True,
                                  "tooltipDelay": 3600000}
        options["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -8000, "springLength": 120, "springConstant": 0.02,
                          "damping": 0.4, "avoidOverlap": 0, "theta": 0.9},
            "minVelocity": 2, "timestep": 0.6,
            # Each step costs ~0.1 s at 5,000 nodes: a rough layout, then physics stops.
            "stabilization": {"enabled": True, "iterations": LARGE_ITERATIONS, "updateInterval": 5, "fit": True},
        }
    return options


# --------------------------------------------------------------------------- ontology

@lru_cache(maxsize=None)
def relation_info(name: str) -> tuple[str, str, bool]:
    """(English label, Vietnamese label, symmetric?) of a relation.

    A name the ontology does not know still renders, with labels made from it.
    """
    from ..evaluate import SYMMETRIC    # the annotation guideline's list, as fallback

    try:
        from ..rdf.ontology import relation
        rel = relation(name)
        labels, symmetric = dict(rel.labels), bool(rel.symmetric)
    except (ImportError, KGError, LookupError, AttributeError, TypeError):
        labels, symmetric = {}, name in SYMMETRIC
    english = labels.get("en") or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return english, labels.get("vi") or name, symmetric


@lru_cache(maxsize=None)
def type_labels(name: str) -> dict[str, str]:
    """English and Vietnamese names of an entity type, for the legend and filters."""
    try:
        from ..rdf.ontology import classes
        labels = dict(classes().get(name, {}))
    except (ImportError, KGError, LookupError):
        labels = {}
    return {lang: labels.get(lang) or name for lang in LANGS}


# --------------------------------------------------------------------------- evidence

def _names(entity: Entity | None, entity_id: str) -> list[str]:
    """All names of an entity, longest first (longest wins when highlighting)."""
    if entity is None:
        return [entity_id]
    names = {nfc(entity.label), *(nfc(v) for v in entity.labels.values()), *(nfc(a) for a in entity.aliases)}
    return sorted((n for n in names if n.strip()), key=lambda n: (-len(n), n))


def _utf16(text: str, index: int) -> int:
    # The page's JavaScript indexes strings in UTF-16 code units, not code points.
    return len(text[:index].encode("utf-16-le")) // 2


@lru_cache(maxsize=8192)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    # One alternation per entity, compiled once: the same names recur in
    # thousands of sentences. Longest first, so "Việt Nam" wins over "Nam".
    usable = sorted({n for n in names if len(n) >= 2}, key=lambda n: (-len(n), n))
    if not usable:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, usable)) + r")(?!\w)", re.IGNORECASE)


def highlight_spans(sentence: str, marks: list[tuple[str, list[str]]]) -> list[list[Any]]:
    """Non-overlapping ``[start, end, role]`` spans (UTF-16 offsets) of names in a sentence.

    ``marks`` is ``[(role, names), ...]`` in priority order. Names match
    case-insensitively and only as whole words; one-letter names are ignored.

    >>> highlight_spans("Nga giúp Việt Nam", [("s", ["Nga"]), ("o", ["Việt Nam", "VN"])])
    [[0, 3, 's'], [9, 17, 'o']]
    """
    taken: list[tuple[int, int, str]] = []
    for role, names in marks:
        pattern = _names_pattern(tuple(names))
        if pattern is None:
            continue
        for m in pattern.finditer(sentence):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), role))
    return [[_utf16(sentence, s), _utf16(sentence, e), role] for s, e, role in sorted(taken)]


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs become links (no ``javascript:``, ``data:``, …).

    >>> safe_url("javascript:alert(1)"), safe_url(" https://vov.vn/a ")
    (None, 'https://vov.vn/a')
    """
    if not url:
        return None
    url = url.strip()
    return url if re.match(r"^https?://[^\s<>\"]+$", url, re.IGNORECASE) else None


def date_span(value: str | None, year: str | None = None) -> tuple[str, str] | None:
    """The first and last day an ISO date (or month, year, ``--MM-DD``) covers,
    as strings that compare like dates; ``year`` completes ``--MM-DD``.

    >>> date_span("2021-09"), date_span("--09-28", "2021"), date_span("spring")
    (('2021-09-01', '2021-09-31'), ('2021-09-28', '2021-09-28'), None)
    """
    value = (value or "").strip()
    if year and re.fullmatch(r"--\d{2}-\d{2}", value):
        value = year + value[1:]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{mo or '01'}-{d or '01'}", f"{y}-{mo or '12'}-{d or '31'}"


def _when(a: Assertion, article: Article | None) -> tuple[str, str] | None:
    published = article.date if article else None
    year = published[:4] if published and re.match(r"\d{4}", published) else None
    if a.start or a.end:
        lo, hi = date_span(a.start or a.end, year), date_span(a.end or a.start, year)
        if lo and hi:
            return lo[0], hi[1]
    return date_span(a.date, year) or date_span(published)


def evidence_maker(corpus: Corpus, articles: dict[str, Article]) -> Callable[[Assertion], dict[str, Any]]:
    """``evidence(assertion)``: its evidence item, with the names of its own subject
    and object marked. (Within a symmetric edge each assertion keeps its own
    direction, so its subject's names are its subject's, whichever end of the
    edge that is.)"""
    names: dict[str, list[str]] = {}

    def names_of(eid: str) -> list[str]:
        found = names.get(eid)
        if found is None:
            found = names[eid] = _names(corpus.entities.get(eid), eid)
        return found

    def evidence(a: Assertion) -> dict[str, Any]:
        return _evidence(a, articles.get(a.doc), names_of(a.subject), names_of(a.object))

    return evidence


def _evidence(a: Assertion, article: Article | None, subj: list[str], obj: list[str]) -> dict[str, Any]:
    sentence = nfc(a.sentence) if a.sentence else ""
    if not sentence and article is not None and 0 <= a.sentence_start < a.sentence_end <= len(article.text):
        sentence = nfc(article.text[a.sentence_start:a.sentence_end])
    trigger = nfc(a.trigger) if a.trigger else None
    when = _when(a, article)
    return {
        "doc": a.doc, "sentence": sentence,
        "marks": highlight_spans(sentence, [("s", subj), ("o", obj), ("t", [trigger] if trigger else [])]),
        "date": a.date or (f"{a.start or '…'} – {a.end or '…'}" if a.start or a.end else None),
        "lo": when[0] if when else None, "hi": when[1] if when else None,
        "modality": a.modality, "confidence": round(float(a.confidence), 3), "trigger": trigger,
        "quantities": [nfc(q.text) for q in a.quantities],
        "attrs": {str(k): nfc(str(v)) for k, v in a.attrs.items()},
        "inferred": a.inferred, "extractor": a.extractor,
    }


# --------------------------------------------------------------------------- view model

@dataclass
class _Group:
    """All assertions of one (subject, predicate, object) edge."""

    subject: str
    predicate: str
    object: str
    symmetric: bool
    assertions: list[Assertion] = field(default_factory=list)


def _edge_style(group: _Group) -> dict[str, Any]:
    read = [a for a in group.assertions if not a.inferred]
    modalities = {a.modality for a in read}
    colour = NEGATED_COLOUR if "negated" in modalities else EDGE_COLOUR if read else INFERRED_COLOUR
    return {
        # Nothing read as plain fact, but something requested/agreed/planned.
        "dashes": "asserted" not in modalities and bool(modalities & TENTATIVE),
        "width": 1.5 + min(4.0, math.log2(1 + len(read))) if read else 0.8,
        # An opacity below 1 costs a canvas state change per edge: only where it says something.
        "color": {"color": colour, "highlight": colour, "hover": colour, **({} if read else {"opacity": 0.7})},
        "font": {"color": colour if read else "#8a8a8a"},
    }


def default_lang(corpus: Corpus) -> str:
    """The language most articles are written in (English on a tie or none)."""
    counts = Counter(a.lang for a in corpus.articles if a.lang in LANGS)
    return "vi" if counts["vi"] > counts["en"] else "en"


def _group(corpus: Corpus) -> tuple[dict[tuple[str, str, str], _Group], dict[str, int]]:
    groups: dict[tuple[str, str, str], _Group] = {}
    degree: dict[str, int] = defaultdict(int)
    for a in corpus.assertions:
        symmetric = relation_info(a.predicate)[2]
        s, o = (a.object, a.subject) if symmetric and a.object < a.subject else (a.subject, a.object)
        group = groups.get((s, a.predicate, o))
        if group is None:       # (setdefault would make a _Group per assertion)
            group = groups[(s, a.predicate, o)] = _Group(s, a.predicate, o, symmetric)
        group.assertions.append(a)
        degree[a.subject] += 1
        degree[a.object] += 1
    return groups, degree


def graph_data(corpus: Corpus, *, lang: str | None = None, focus: str | None = None,
               depth: int | None = None, evidence: Callable[[Assertion], Any] | None = None) -> dict[str, Any]:
    """Nodes, edges, facets, legend and options for the page, as plain JSON-ready data.

    Built through a pyvis ``Network`` (directed, so parallel relations between
    the same two entities all survive; symmetric ones just get no arrow).
    ``lang`` ("en" or "vi"; default: the articles' majority) picks the labels
    shown first; ``focus`` (an entity id) is selected when the page opens and
    drawn even if it takes part in no assertion.

    ``evidence(assertion)`` makes the evidence items if given (pre-encoded ones:
    :mod:`kg.export.html_evidence`); an item need only answer the fields read here.

    Raises :class:`~kg.errors.ViewOptionError` for an unknown ``lang``.
    """
    from pyvis.network import Network   # lazy: keeps `kg --help` fast

    lang = lang or default_lang(corpus)
    if lang not in LANGS:
        raise ViewOptionError(f"unknown label language {lang!r}: use one of {', '.join(LANGS)}")
    articles = {art.doc: art for art in corpus.articles}
    if evidence is None:
        evidence = evidence_maker(corpus, articles)
    groups, degree = _group(corpus)
    if focus is not None:
        degree.setdefault(focus, 0)

    net = Network(directed=True)
    for entity_id in sorted(degree):
        entity = corpus.entities.get(entity_id)
        etype = entity.type if entity else "Unknown"
        colour, shape, _ = TYPE_STYLES.get(etype, OTHER_STYLE)
        labels = {code: nfc(entity.labels.get(code) or entity.label) if entity else entity_id for code in LANGS}
        names = _names(entity, entity_id)
        net.add_node(
            entity_id, label=labels[lang], labels=labels, shape=shape,
            color={"background": colour, "border": colour,
                   "highlight": {"background": colour, "border": "#222222"}},
            size=min(48.0, 10 + 5 * math.sqrt(degree[entity_id])),
            type=etype, assertions=degree[entity_id], names=names,
            keys=sorted({fold(n) for n in [*names, entity_id]} - {""}),
            wikidata=entity.wikidata if entity and re.fullmatch(r"Q[1-9]\d*", entity.wikidata or "") else None,
        )

    relation_counts: Counter[str] = Counter()
    for number, group in enumerate(groups.values()):
        english, vietnamese, _ = relation_info(group.predicate)
        evidence_items, seen = [], set()
        for a in sorted(group.assertions, key=lambda a: (a.inferred, a.doc, a.sentence_start, a.modality)):
            item = evidence(a)
            key = (item["doc"], item["sentence"], item["modality"], item["inferred"])
            if key not in seen:          # the same reading twice adds nothing
                seen.add(key)
                evidence_items.append(item)
        labels = {"en": english, "vi": vietnamese}
        relation_counts[group.predicate] += 1
        net.add_edge(
            group.subject, group.object, id=f"e{number}", label=labels[lang], labels=labels,
            predicate=group.predicate, symmetric=group.symmetric,
            # Arrows come from the global options (the page may switch them off
            # when zoomed out); a symmetric relation just never gets one.
            # (An empty dict, not nothing: pyvis would fill in a fixed "to".)
            arrows={"to": {"enabled": False}} if group.symmetric else {},
            modalities=sorted({a.modality for a in group.assertions}),
            inferred=all(a.inferred for a in group.assertions),
            negated=any(a.modality == "negated" and not a.inferred for a in group.assertions),
            evidence=evidence_items, **_edge_style(group),
        )
    net.options = vis_options(len(net.nodes), len(net.edges))
    nodes, edges, _, _, _, options = net.get_network_data()
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(options),
        "articles": {doc: {"title": nfc(art.title) if art.title else None, "url": safe_url(art.url),
                           "published": art.date, "lang": art.lang} for doc, art in articles.items()},
        "facets": _facets(nodes, edges, relation_counts),
        "legend": {"edges": [
            {"text": "asserted", "color": EDGE_COLOUR, "dashes": False, "width": 2},
            {"text": "requested / agreed / planned", "color": EDGE_COLOUR, "dashes": True, "width": 2},
            {"text": "negated", "color": NEGATED_COLOUR, "dashes": False, "width": 2},
            {"text": "inferred", "color": INFERRED_COLOUR, "dashes": False, "width": 1},
        ]},
        "meta": {"articles": len(corpus.articles), "entities": len(nodes), "relations": len(edges),
                 "assertions": len(corpus.assertions), "extractor": corpus.extractor, "lang": lang,
                 "focus": focus, "depth": depth, "large": _is_large(len(nodes), len(edges))},
    }


def _facets(nodes: list[dict], edges: list[dict], relation_counts: Counter[str]) -> dict[str, Any]:
    """What the filters offer: only values that occur, each with its count."""
    types = Counter(n["type"] for n in nodes)
    modalities = Counter(ev["modality"] for e in edges for ev in e["evidence"])
    days = [d for e in edges for ev in e["evidence"] for d in (ev["lo"], ev["hi"]) if d]
    docs = Counter(ev["doc"] for e in edges for ev in e["evidence"])
    order = {name: i for i, name in enumerate(TYPE_STYLES)}
    return {
        "relations": [{"name": name, "count": n, "labels": dict(zip(LANGS, relation_info(name)[:2]))}
                      for name, n in sorted(relation_counts.items())],
        "types": [{"name": name, "count": n, "labels": type_labels(name),
                   "color": TYPE_STYLES.get(name, OTHER_STYLE)[0], "glyph": TYPE_STYLES.get(name, OTHER_STYLE)[2]}
                  for name, n in sorted(types.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))],
        "modalities": [{"name": name, "count": modalities[name]}
                       for name in [*MODALITIES, *sorted(set(modalities) - set(MODALITIES))] if modalities[name]],
        "docs": [{"doc": doc, "count": n} for doc, n in sorted(docs.items())],
        "dates": [min(days), max(days)] if days else None,
    }
