"""Interactive HTML view of a corpus: one self-contained page, built with pyvis.

pyvis lays out nodes and edges; the page itself comes from our own template
(``templates/graph.html``) because pyvis's templates fetch Bootstrap and vis from
CDNs even with ``cdn_resources="in_line"``. vis-network's JS and CSS are read
from the copy pyvis ships and inlined, so the page works from ``file://`` with no
network at all (a Content-Security-Policy in the page forbids any request).

Article text is untrusted. It only reaches the page as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
and the page's script puts it into the DOM with ``textContent`` only.
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import KGError, OutputError
from ..model import Article, Assertion, Corpus, Entity
from ..text import nfc
from . import EXPORTERS
from .atomic import atomic_write

TEMPLATE = Path(__file__).parent / "templates" / "graph.html"

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

VIS_OPTIONS: dict[str, Any] = {
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140, "avoidOverlap": 0.4},
        # Stabilise before the first paint; the page then turns physics off so
        # the layout stays where the user drags it.
        "stabilization": {"enabled": True, "iterations": 600, "fit": True},
    },
    "interaction": {"hover": True, "navigationButtons": False, "keyboard": False},
    "edges": {"smooth": {"type": "dynamic"}, "font": {"size": 11, "strokeWidth": 3, "align": "middle"}},
    "nodes": {"font": {"size": 14, "strokeWidth": 3}},
}


# --------------------------------------------------------------------------- ontology

@lru_cache(maxsize=None)
def relation_info(name: str) -> tuple[str, str, bool]:
    """(English label, Vietnamese label, symmetric?) of a relation.

    kg.ontology is optional here: without it (or for a name it does not know)
    the view still renders, with labels made from the local name.
    """
    from ..evaluate import SYMMETRIC    # the annotation guideline's list, as fallback

    labels: dict[str, str] = {}
    symmetric: bool | None = None
    try:
        from ..ontology import relation
        rel = relation(name)
        raw = getattr(rel, "labels", None)
        if isinstance(raw, Mapping):
            labels = {str(k): str(v) for k, v in raw.items() if v}
        else:       # e.g. rdflib Literals, which carry their language tag
            for item in raw or ():
                lang = getattr(item, "language", None)
                if lang:
                    labels.setdefault(str(lang), str(item))
        sym = getattr(rel, "symmetric", None)
        symmetric = sym if isinstance(sym, bool) else None
    except (ImportError, KGError, LookupError, AttributeError, TypeError):
        pass
    english = labels.get("en") or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return english, labels.get("vi") or name, name in SYMMETRIC if symmetric is None else symmetric


# --------------------------------------------------------------------------- data

def _names(entity: Entity | None, entity_id: str) -> list[str]:
    """All names of an entity, longest first (longest wins when highlighting)."""
    if entity is None:
        return [entity_id]
    names = {nfc(entity.label), *(nfc(v) for v in entity.labels.values()), *(nfc(a) for a in entity.aliases)}
    return sorted((n for n in names if n.strip()), key=lambda n: (-len(n), n))


def _utf16(text: str, index: int) -> int:
    # The page's JavaScript indexes strings in UTF-16 code units, not code points.
    return len(text[:index].encode("utf-16-le")) // 2


def highlight_spans(sentence: str, marks: list[tuple[str, list[str]]]) -> list[list[Any]]:
    """Non-overlapping ``[start, end, role]`` spans (UTF-16 offsets) of names in a sentence.

    ``marks`` is ``[(role, names), ...]`` in priority order. Names match
    case-insensitively and only as whole words, so "VN" does not light up inside
    another word; one-letter names are ignored.
    """
    taken: list[tuple[int, int, str]] = []
    for role, names in marks:
        for name in names:
            if len(name) < 2:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
            for m in pattern.finditer(sentence):
                if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                    taken.append((m.start(), m.end(), role))
    return [[_utf16(sentence, s), _utf16(sentence, e), role] for s, e, role in sorted(taken)]


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs become links (no ``javascript:``, ``data:``, …)."""
    if not url:
        return None
    url = url.strip()
    return url if re.match(r"^https?://[^\s<>\"]+$", url, re.IGNORECASE) else None


@dataclass
class _Group:
    """All assertions of one (subject, predicate, object) edge."""

    subject: str
    predicate: str
    object: str
    symmetric: bool
    assertions: list[Assertion] = field(default_factory=list)


def _sentence_of(a: Assertion, article: Article | None) -> str:
    if a.sentence:
        return nfc(a.sentence)
    if article is not None and 0 <= a.sentence_start < a.sentence_end <= len(article.text):
        return nfc(article.text[a.sentence_start:a.sentence_end])
    return ""


def _evidence(a: Assertion, article: Article | None, subj: list[str], obj: list[str]) -> dict[str, Any]:
    sentence = _sentence_of(a, article)
    trigger = [nfc(a.trigger)] if a.trigger else []
    return {
        "doc": a.doc,
        "sentence": sentence,
        "marks": highlight_spans(sentence, [("s", subj), ("o", obj), ("t", trigger)]),
        "title": nfc(article.title) if article and article.title else None,
        "url": safe_url(article.url if article else None),
        "published": article.date if article else None,
        "date": a.date or (f"{a.start or '…'} – {a.end or '…'}" if a.start or a.end else None),
        "modality": a.modality,
        "confidence": round(float(a.confidence), 3),
        "trigger": nfc(a.trigger) if a.trigger else None,
        "quantities": [nfc(q.text) for q in a.quantities],
        "attrs": {str(k): str(v) for k, v in a.attrs.items()},
        "inferred": a.inferred,
        "extractor": a.extractor,
    }


def _edge_style(group: _Group) -> dict[str, Any]:
    read = [a for a in group.assertions if not a.inferred]
    modalities = {a.modality for a in read}
    style: dict[str, Any] = {
        # Nothing read as plain fact, but something requested/agreed/planned.
        "dashes": "asserted" not in modalities and bool(modalities & TENTATIVE),
        "width": 1.5 + min(4.0, math.log2(1 + len(read))) if read else 0.8,
    }
    colour = NEGATED_COLOUR if "negated" in modalities else EDGE_COLOUR if read else INFERRED_COLOUR
    style["color"] = {"color": colour, "highlight": colour, "hover": colour, "opacity": 1.0 if read else 0.7}
    style["font"] = {"color": colour if read else "#8a8a8a"}
    return style


def graph_data(corpus: Corpus) -> dict[str, Any]:
    """Nodes, edges, legend and options for the page, as plain JSON-ready data.

    Built through a pyvis ``Network`` (directed, so parallel relations between
    the same two entities all survive; symmetric ones just get no arrow).
    """
    from pyvis.network import Network   # lazy: keeps `kg --help` fast

    articles = {art.doc: art for art in corpus.articles}
    groups: dict[tuple[str, str, str], _Group] = {}
    degree: dict[str, int] = defaultdict(int)
    for a in corpus.assertions:
        _, _, symmetric = relation_info(a.predicate)
        s, o = (a.subject, a.object)
        if symmetric and o < s:         # A–B and B–A are one symmetric edge
            s, o = o, s
        group = groups.setdefault((s, a.predicate, o), _Group(s, a.predicate, o, symmetric))
        group.assertions.append(a)
        degree[a.subject] += 1
        degree[a.object] += 1

    net = Network(directed=True)
    for entity_id in sorted(degree):
        entity = corpus.entities.get(entity_id)
        etype = entity.type if entity else "Unknown"
        colour, shape, _ = TYPE_STYLES.get(etype, OTHER_STYLE)
        net.add_node(
            entity_id, label=nfc(entity.label) if entity else entity_id, shape=shape,
            color={"background": colour, "border": colour,
                   "highlight": {"background": colour, "border": "#222222"}},
            size=min(48.0, 10 + 5 * math.sqrt(degree[entity_id])),
            type=etype, assertions=degree[entity_id], names=_names(entity, entity_id),
            labels={k: nfc(v) for k, v in entity.labels.items()} if entity else {},
            wikidata=entity.wikidata if entity and re.fullmatch(r"Q[1-9]\d*", entity.wikidata or "") else None,
        )

    for number, group in enumerate(groups.values()):
        english, vietnamese, _ = relation_info(group.predicate)
        subj = _names(corpus.entities.get(group.subject), group.subject)
        obj = _names(corpus.entities.get(group.object), group.object)
        evidence, seen = [], set()
        for a in sorted(group.assertions, key=lambda a: (a.inferred, a.doc, a.sentence_start, a.modality)):
            # Symmetric edges: the names to mark follow each assertion's own direction.
            s_names, o_names = (subj, obj) if a.subject == group.subject else (obj, subj)
            item = _evidence(a, articles.get(a.doc), s_names, o_names)
            key = (item["doc"], item["sentence"], item["modality"], item["inferred"])
            if key not in seen:          # the same reading twice adds nothing
                seen.add(key)
                evidence.append(item)
        net.add_edge(
            group.subject, group.object, id=f"e{number}", label=english, label_vi=vietnamese,
            predicate=group.predicate, symmetric=group.symmetric,
            arrows={"to": {"enabled": not group.symmetric, "scaleFactor": 0.6}},
            modalities=sorted({a.modality for a in group.assertions}),
            inferred=all(a.inferred for a in group.assertions),
            negated=any(a.modality == "negated" and not a.inferred for a in group.assertions),
            evidence=evidence, **_edge_style(group),
        )

    legend = [{"type": t, "color": c, "glyph": g} for t, (c, _, g) in TYPE_STYLES.items()]
    if any(n["type"] not in TYPE_STYLES for n in net.nodes):
        legend.append({"type": "Other", "color": OTHER_STYLE[0], "glyph": OTHER_STYLE[2]})
    edge_legend = [
        {"text": "asserted", "color": EDGE_COLOUR, "dashes": False, "width": 2},
        {"text": "requested / agreed / planned", "color": EDGE_COLOUR, "dashes": True, "width": 2},
        {"text": "negated", "color": NEGATED_COLOUR, "dashes": False, "width": 2},
        {"text": "inferred", "color": INFERRED_COLOUR, "dashes": False, "width": 1},
    ]
    return {
        "nodes": net.nodes, "edges": net.edges, "options": VIS_OPTIONS,
        "legend": {"nodes": legend, "edges": edge_legend},
        "meta": {"articles": len(corpus.articles), "entities": len(net.nodes),
                 "relations": len(net.edges), "assertions": len(corpus.assertions),
                 "extractor": corpus.extractor},
    }


# --------------------------------------------------------------------------- page

def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>``
    can form, because ``<``, ``>`` and ``&`` only appear as ``\\u`` escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the copy inside the installed pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"),
                        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)])
    if not candidates:
        raise OutputError(f"vis-network not found under {lib}; is pyvis installed correctly?")
    js_path = candidates[-1]
    js = js_path.read_text(encoding="utf-8")
    css = (js_path.parent / "vis-network.css").read_text(encoding="utf-8")
    # No source map: it would point at a file that is not beside the page.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    # The inlined code must not be able to end its own <script>/<style> element.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def render_html(corpus: Corpus) -> str:
    """The whole page as a string."""
    js, css = _vis_assets()
    values = {"VIS_JS": js, "VIS_CSS": css, "DATA_JSON": embed_json(graph_data(corpus))}
    template = TEMPLATE.read_text(encoding="utf-8")
    # One pass, so text inserted for one placeholder is never scanned for another.
    page = re.sub(r"\{\{ (VIS_JS|VIS_CSS|DATA_JSON) \}\}", lambda m: values[m.group(1)], template)
    # A lone surrogate (from text read with surrogateescape) cannot be UTF-8.
    return page.encode("utf-8", "replace").decode("utf-8")


@EXPORTERS.register("html", aliases=("pyvis",))
def write_html(corpus: Corpus, path: Path) -> None:
    """Write the interactive view of ``corpus`` to ``path`` (UTF-8)."""
    page = render_html(corpus)
    with atomic_write(Path(path), mode="w", encoding="utf-8") as fh:
        fh.write(page)
