"""The SPARQL examples of README.md and docs/ run on the seeds' store, with the
default settings of `kg query`, and return what the page says they return."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.store import run_query
from kg.store.params import KNOWN_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = re.compile(r"```sparql\n(.*?)```\n+((?:\|[^\n]*\n)+)?", re.S)


def _examples() -> list[tuple[str, str, str | None]]:
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for n, match in enumerate(EXAMPLE.finditer(page.read_text(encoding="utf-8")), 1):
            found.append((f"{page.name}#{n}", match.group(1), match.group(2)))
    return found


def _rows(table: str) -> tuple[list[str], list[list[str]]]:
    lines = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
    return lines[0], lines[2:]


def test_the_readme_has_examples_with_answers():
    assert sum(1 for name, _, answer in _examples() if name.startswith("README") and answer) >= 2


@pytest.mark.parametrize("name, sparql, answer", _examples(), ids=[e[0] for e in _examples()])
def test_a_documented_query_returns_what_the_page_says(seeds_store, name, sparql, answer):
    header, rows = run_query(sparql, store=seeds_store).table(KNOWN_PREFIXES)
    if answer is None:
        assert rows, f"{name} returns nothing on the seeds"
        return
    want_header, want_rows = _rows(answer)
    assert header == want_header
    ordered = "ORDER BY" in sparql.upper()
    got = rows if ordered else sorted(rows)
    assert got == (want_rows if ordered else sorted(want_rows)), f"{name}: the page shows other rows"


@pytest.mark.parametrize("timeout", [30.0, 0.0], ids=["time-limited child", "no limit, in process"])
def test_strict_datasets_see_no_fact_outside_graph(seeds_store, timeout):
    """Without the union default graph, the README's plain query finds nothing:
    the facts are in named graphs (--strict-dataset). The same whether the query
    runs in the time-limited child process or in kg's own."""
    name, sparql, _ = _examples()[0]
    assert run_query(sparql, store=seeds_store, timeout=timeout).records()
    assert run_query(sparql, store=seeds_store, timeout=timeout, union_default_graph=False).records() == []
