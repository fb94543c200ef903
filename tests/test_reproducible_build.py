"""A build writes the same bytes every time: whatever PYTHONHASHSEED, and as the reference build in graphs/."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _build(out: Path, hash_seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "-o", str(out), "--no-cache", "-q"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, bytes]]:
    base = tmp_path_factory.mktemp("builds")
    return [_build(base / "a", "0"), _build(base / "b", "4242")]


def test_builds_with_different_hash_seeds_write_the_same_bytes(builds: list[dict[str, bytes]]) -> None:
    first, second = builds
    assert {"graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "assertions.jsonl"} <= set(first)
    assert set(first) == set(second)
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds"


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "assertions.jsonl",
                                  "graph.html"])
def test_the_reference_build_in_graphs_is_the_build_of_the_seeds(builds: list[dict[str, bytes]], name: str) -> None:
    """The README's first command (kg build seeds -o graphs) leaves the checkout clean:
    after a change to the extraction or the writers, rebuild graphs/ with it."""
    assert (ROOT / "graphs" / name).read_bytes() == builds[0][name], f"graphs/{name} is out of date"
