"""The view model of the HTML view: what the page draws, as plain JSON-ready data.

Built from a :class:`~kg.model.Corpus` only (never from NLP objects), through
a pyvis ``Network`` that assembles nodes, edges and vis options. Each edge is
one (subject, relation, object) with every piece of evidence behind it: the
sentence with the entity words marked, the article, dates, modality and
confidence (:mod:`.html_items`), its count and its modalities, dominant first.
Nodes come with their positions (:mod:`.html_layout`), a person with their
offices and what they fold into (:mod:`.html_overview`); offices are edges the
page never draws. :mod:`kg.export.html` turns the model into the page.

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
from ..model import MODALITIES, Assertion, Corpus
from ..lang.text import fold, nfc
from .html_items import _names, date_span, evidence_maker, highlight_spans, safe_url  # noqa: F401 - re-exported
from .html_layout import layout
from .html_overview import fold_targets, is_attribute, modality_counts, offices, timeline

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

# Above this many nodes or edges the page switches to settings that keep a
# browser responsive (measured with benchmarks/html_view.py).
LARGE_NODES, LARGE_EDGES = 800, 2000


def _is_large(nodes: int, edges: int) -> bool:
    return nodes > LARGE_NODES or edges > LARGE_EDGES


def vis_options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options for a graph of this size.

    Physics is off: positions come with the nodes (:mod:`.html_layout`), so the
    first picture is the final one and nothing moves after load.
    """
    options: dict[str, Any] = {
        "interaction": {"hover": True, "navigationButtons": False, "keyboard": False},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 13, "strokeWidth": 4, "align": "middle"}},
        "nodes": {"font": {"size": 16, "strokeWidth": 4}},
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
    }
    if _is_large(nodes, edges):
        # Hover tests every edge on each mouse move and redrawing 20,000 edges
        # while dragging stutters: both off for large graphs. Arrows too: the
        # page shows them again once the user zooms in.
        options["edges"] = {**options["edges"], "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}}}
        options["interaction"] = {"hover": False, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True,
                                  "tooltipDelay": 3600000}
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


# --------------------------------------------------------------------------- view model

@dataclass
class _Group:
    """All assertions of one (subject, predicate, object) edge."""

    subject: str
    predicate: str
    object: str
    symmetric: bool
    assertions: list[Assertion] = field(default_factory=list)


def edge_style(counts: dict[str, int], read: bool) -> dict[str, Any]:
    """How an edge looks, from its evidence per modality (dominant first) and whether any
    of it was read rather than inferred. The page restyles an edge the same way, from the
    evidence its filters leave, with the table in ``data["styles"]``."""
    dominant = next(iter(counts), "asserted")
    colour = NEGATED_COLOUR if dominant == "negated" else EDGE_COLOUR if read else INFERRED_COLOUR
    n = sum(counts.values())
    return {
        # Mostly requested/agreed/planned: something not (yet) done.
        "dashes": dominant in TENTATIVE,
        "width": 1.5 + min(4.0, math.log2(1 + n)) if read else 0.8,
        # An opacity below 1 costs a canvas state change per edge: only where it says something.
        "color": {"color": colour, "highlight": colour, "hover": colour, **({} if read else {"opacity": 0.7})},
        "font": {"color": colour if read else "#8a8a8a"},
    }


def edge_label(labels: dict[str, str], lang: str, count: int) -> str:
    """An edge's label: the relation, and how many sentences say it when more than one."""
    return labels[lang] + (f" \u00d7{count}" if count > 1 else "")


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


def _type_of(corpus: Corpus, eid: str) -> str:
    entity = corpus.entities.get(eid)
    return entity.type if entity else "Unknown"


def graph_data(corpus: Corpus, *, lang: str | None = None, focus: str | None = None,
               depth: int | None = None, evidence: Callable[[Assertion], Any] | None = None) -> dict[str, Any]:
    """Nodes, edges, facets, legend and options for the page, as plain JSON-ready data.

    Built through a pyvis ``Network`` (directed, so parallel relations between
    the same two entities all survive; symmetric ones just get no arrow).
    ``lang`` ("en" or "vi") picks the labels shown first; without it the page
    follows the browser's language (the articles' majority is the fallback).
    ``focus`` (an entity id) is selected when the page opens and drawn even if it
    takes part in no assertion. Positions are laid out here (:mod:`.html_layout`).

    ``evidence(assertion)`` makes the evidence items if given (pre-encoded ones:
    :mod:`kg.export.html_evidence`); an item need only answer the fields read here.

    Raises :class:`~kg.errors.ViewOptionError` for an unknown ``lang``.
    """
    from pyvis.network import Network   # lazy: keeps `kg --help` fast

    fixed = lang is not None
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
    relation_counts = _add_edges(net, corpus, groups, evidence, lang)
    drawn = [e for e in net.edges if not e["office"]]
    ids = sorted(eid for eid in degree if _type_of(corpus, eid) != "Position" or eid == focus)
    targets = fold_targets(corpus)
    positions = layout(ids, ((e["from"], e["to"], e["count"]) for e in drawn), targets)
    _add_nodes(net, corpus, ids, degree, positions, targets, lang)
    net.options = vis_options(len(net.nodes), len(drawn))
    nodes, edges, _, _, _, options = net.get_network_data()
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(options),
        "articles": {doc: {"title": nfc(art.title) if art.title else None, "url": safe_url(art.url),
                           "published": art.date, "lang": art.lang} for doc, art in articles.items()},
        "facets": _facets(nodes, edges, relation_counts),
        "legend": {"edges": [
            {"text": "asserted", "color": EDGE_COLOUR, "dashes": False, "width": 2},
            {"text": "mostly requested / agreed / planned", "color": EDGE_COLOUR, "dashes": True, "width": 2},
            {"text": "mostly negated", "color": NEGATED_COLOUR, "dashes": False, "width": 2},
            {"text": "inferred", "color": INFERRED_COLOUR, "dashes": False, "width": 1},
            {"text": "wider: more sentences (\u00d7n)", "color": EDGE_COLOUR, "dashes": False, "width": 5},
        ]},
        "styles": {"edge": EDGE_COLOUR, "negated": NEGATED_COLOUR, "inferred": INFERRED_COLOUR,
                   "tentative": sorted(TENTATIVE), "modalities": list(MODALITIES)},
        "meta": {"articles": len(corpus.articles), "entities": len(nodes), "relations": len(drawn),
                 "assertions": len(corpus.assertions), "extractor": corpus.extractor, "lang": lang,
                 "lang_fixed": fixed, "focus": focus, "depth": depth,
                 "large": _is_large(len(nodes), len(drawn)),
                 "fold": bool(focus is None and any(n.get("into") for n in nodes))},
    }


def _add_nodes(net: Any, corpus: Corpus, ids: list[str], degree: dict[str, int],
               positions: dict[str, tuple[int, int]], targets: dict[str, str], lang: str) -> None:
    posts = offices(corpus, targets)
    for entity_id in ids:
        entity = corpus.entities.get(entity_id)
        etype = entity.type if entity else "Unknown"
        colour, shape, _ = TYPE_STYLES.get(etype, OTHER_STYLE)
        labels = {code: nfc(entity.labels.get(code) or entity.label) if entity else entity_id for code in LANGS}
        names = _names(entity, entity_id)
        x, y = positions[entity_id]
        net.add_node(
            entity_id, label=labels[lang], labels=labels, shape=shape, x=x, y=y,
            color={"background": colour, "border": colour,
                   "highlight": {"background": colour, "border": "#222222"}},
            size=min(40.0, 10 + 4 * math.sqrt(degree[entity_id])),
            type=etype, assertions=degree[entity_id], names=names,
            keys=sorted({fold(n) for n in [*names, entity_id]} - {""}),
            wikidata=entity.wikidata if entity and re.fullmatch(r"Q[1-9]\d*", entity.wikidata or "") else None,
            offices=posts.get(entity_id, []), into=targets.get(entity_id),
        )


def _add_edges(net: Any, corpus: Corpus, groups: dict[tuple[str, str, str], _Group],
               evidence: Callable[[Assertion], Any], lang: str) -> Counter[str]:
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
        read = [item for item in evidence_items if not item["inferred"]]
        counts = modality_counts(item["modality"] for item in (read or evidence_items))
        # Nodes are added after the edges (their layout needs the edges): pyvis checks
        # that both ends exist, so the edge goes straight into its list.
        net.edges.append({
            "from": group.subject, "to": group.object, "id": f"e{number}",
            "label": edge_label(labels, lang, len(evidence_items)), "labels": labels,
            "predicate": group.predicate, "symmetric": group.symmetric,
            # Arrows come from the global options (the page may switch them off
            # when zoomed out); a symmetric relation just never gets one.
            "arrows": {"to": {"enabled": False}} if group.symmetric else {},
            "modalities": sorted({a.modality for a in group.assertions}), "modality_counts": counts,
            "count": len(evidence_items),
            "office": is_attribute(group.predicate, _type_of(corpus, group.subject), _type_of(corpus, group.object)),
            "inferred": all(a.inferred for a in group.assertions),
            "negated": any(a.modality == "negated" and not a.inferred for a in group.assertions),
            "evidence": evidence_items, **edge_style(counts, bool(read)),
        })
    return relation_counts


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
        "timeline": timeline(ev["lo"] for e in edges for ev in e["evidence"] if ev["lo"]),
    }
