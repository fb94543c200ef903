"""Build-time positions of the HTML view, and the overview's timeline bins."""
from __future__ import annotations

import math
import random
import time

import pytest

from kg.export.html_layout import BACKBONE, layout
from kg.export.html_overview import modality_counts, timeline


def _edges(n: int, m: int, seed: int = 1) -> tuple[list[str], list[tuple[str, str, int]]]:
    rng = random.Random(seed)
    nodes = [f"n{i:05d}" for i in range(n)]
    hubs = nodes[:20]          # a few hubs, as countries are in news
    edges = [(rng.choice(hubs) if rng.random() < 0.5 else rng.choice(nodes), rng.choice(nodes), 1)
             for _ in range(m)]
    return nodes, edges


@pytest.mark.parametrize("n, m", [(1, 0), (2, 1), (40, 80), (BACKBONE + 50, 900)])
def test_every_node_gets_its_own_whole_pixel_place(n: int, m: int) -> None:
    nodes, edges = _edges(n, m)
    pos = layout(nodes, edges)
    assert sorted(pos) == nodes
    assert all(isinstance(v, int) for xy in pos.values() for v in xy)
    assert len(set(pos.values())) == n
    assert layout(nodes, edges) == pos                       # the same input, the same page


def test_a_person_is_placed_around_the_country_they_represent() -> None:
    nodes = ["country/a", "country/b", "country/c", "person/x", "person/y"]
    edges = [("country/a", "country/b", 3), ("country/b", "country/c", 1), ("person/x", "country/c", 2),
             ("person/y", "country/b", 1)]
    pos = layout(nodes, edges, {"person/x": "country/a", "person/y": "country/b"})

    def dist(a: str, b: str) -> float:
        return math.dist(pos[a], pos[b])

    assert dist("person/x", "country/a") < dist("person/x", "country/c")
    assert dist("person/y", "country/b") < dist("person/y", "country/a")


def test_five_thousand_entities_are_laid_out_quickly() -> None:
    nodes, edges = _edges(5000, 20000)
    start = time.perf_counter()
    pos = layout(nodes, edges)
    assert len(pos) == 5000
    assert time.perf_counter() - start < 20          # about 1 s; generous for a loaded machine


@pytest.mark.parametrize("days, labels", [
    ([], []),
    (["2021-09-25", "2021-09-27"], ["2021-09-25", "2021-09-26", "2021-09-27"]),
    (["2021-01-31", "2021-06-01"], ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"]),
    (["1990-05-01", "2021-06-01"], [str(y) for y in range(1990, 2022)]),
])
def test_timeline_bins_cover_every_period(days: list[str], labels: list[str]) -> None:
    bins = timeline(days)
    assert [b[0] for b in bins] == labels
    assert sum(b[1] for b in bins) == len(days)
    assert all(b[2] <= b[3] for b in bins)


@pytest.mark.parametrize("modalities, order", [
    (["planned", "negated", "negated", "asserted"], ["negated", "asserted", "planned"]),
    (["planned", "negated", "negated", "planned"], ["planned", "negated"]),      # a tie: kg.model's order
])
def test_dominant_modality_first(modalities: list[str], order: list[str]) -> None:
    assert list(modality_counts(modalities)) == order
