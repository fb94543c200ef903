"""Node positions of the HTML view, computed when the page is built.

The page draws these positions as they are, with physics off, so the first
picture is the final one: nothing moves after load, and a graph of 5,000
entities does not spend seconds laying itself out in the browser.

Up to :data:`BACKBONE` entities get a force-directed layout (networkx's
``spring_layout`` with a fixed seed). Above that it would take minutes, so only
the :data:`BACKBONE` best-connected entities are laid out that way; every other
entity is put on a small ring around its best-placed neighbour, in
breadth-first order, and entities with no path to the backbone go on a grid
below it. Coordinates are rounded to whole pixels, so the page is the same byte
for byte on every build.

>>> pos = layout(["a", "b", "c"], [("a", "b", 2), ("b", "c", 1)])
>>> sorted(pos) == ["a", "b", "c"] and pos == layout(["a", "b", "c"], [("a", "b", 2), ("b", "c", 1)])
True
"""
from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable

SEED = 15
BACKBONE = 300
SPACING = 220          # pixels between neighbours, about one label's width
RING = 70              # radius of the first ring of satellites around a node


def layout(nodes: list[str], edges: Iterable[tuple[str, str, int]],
           anchors: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """``{node: (x, y)}`` for ``nodes`` linked by ``(a, b, weight)`` edges (either direction).

    A node of ``anchors`` (a person, anchored to the country they represent) is
    left out of the main layout, its edges counted as its anchor's, and then put
    on a ring around its anchor: the folded map is laid out for itself, and
    unfolding puts each person beside their country.
    """
    anchors = {n: a for n, a in (anchors or {}).items() if a != n and a in set(nodes)}
    weights: dict[str, dict[str, int]] = {n: {} for n in nodes if n not in anchors}
    for a, b, w in edges:
        a, b = anchors.get(a, a), anchors.get(b, b)
        if a != b and a in weights and b in weights:
            weights[a][b] = weights[b][a] = weights[a].get(b, 0) + w
    degree = {n: sum(weights[n].values()) for n in weights}
    ranked = sorted(weights, key=lambda n: (-degree[n], n))
    core = [n for n in ranked[:BACKBONE] if degree[n] or len(weights) <= BACKBONE]
    pos = _spring(core, weights)
    _satellites(ranked, weights, degree, pos)
    _grid([n for n in ranked if n not in pos], pos)
    around: dict[str, dict[str, int]] = {}
    for person, anchor in sorted(anchors.items()):
        around.setdefault(anchor, {})[person] = 1
    _satellites(sorted(around), around, {n: 0 for n in anchors}, pos, RING * 1.6)
    return {n: (round(x), round(y)) for n, (x, y) in sorted(pos.items())}


def _spring(core: list[str], weights: dict[str, dict[str, int]]) -> dict[str, tuple[float, float]]:
    if not core:
        return {}
    if len(core) == 1:
        return {core[0]: (0.0, 0.0)}
    import networkx as nx      # lazy: keeps `kg --help` fast

    graph = nx.Graph()
    graph.add_nodes_from(core)           # in a fixed order: the seed then fixes the result
    inside = set(core)
    graph.add_weighted_edges_from((a, b, 1 + math.log2(w)) for a in core for b, w in sorted(weights[a].items())
                                  if b in inside and a < b)
    # Unweighted: a heavily linked pair would be pulled together, its bundle of edges unreadable.
    raw = nx.spring_layout(graph, seed=SEED, iterations=100, weight=None, k=1.6 / math.sqrt(len(core)))
    scale = SPACING * max(2.0, math.sqrt(len(core))) / 2
    return {n: (float(raw[n][0]) * scale, float(raw[n][1]) * scale) for n in core}


def _satellites(ranked: list[str], weights: dict[str, dict[str, int]], degree: dict[str, int],
                pos: dict[str, tuple[float, float]], ring_radius: float = RING) -> None:
    """Place every entity reachable from a placed one around its best-connected placed neighbour."""
    children: dict[str, int] = defaultdict(int)
    queue = deque(n for n in ranked if n in pos)
    while queue:
        anchor = queue.popleft()
        for n in sorted(weights.get(anchor, {}), key=lambda m: (-weights[anchor][m], -degree.get(m, 0), m)):
            if n in pos:
                continue
            k = children[anchor]
            children[anchor] += 1
            # Rings of 8, 16, 24 … satellites, each turned a little so they interleave.
            ring = _ring_of(k)
            slots = 8 * (ring + 1)
            index = k - 4 * ring * (ring + 1)
            angle = 2 * math.pi * index / slots + ring * 0.4
            ax, ay = pos[anchor]
            radius = ring_radius * (ring + 1)
            pos[n] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
            if n in weights:
                queue.append(n)


def _ring_of(k: int) -> int:
    """Which ring the ``k``-th satellite is on (ring ``r`` holds ``8 (r + 1)`` of them)."""
    ring = 0
    while k >= 4 * (ring + 1) * (ring + 2):
        ring += 1
    return ring


def _grid(rest: list[str], pos: dict[str, tuple[float, float]]) -> None:
    """Entities with no path to the backbone: a grid below everything else."""
    if not rest:
        return
    top = max((y for _, y in pos.values()), default=0.0) + 2 * SPACING
    left = min((x for x, _ in pos.values()), default=0.0)
    width = max(1, math.ceil(math.sqrt(len(rest))))
    for i, n in enumerate(rest):
        pos[n] = (left + (i % width) * SPACING * 0.7, top + (i // width) * SPACING * 0.5)
