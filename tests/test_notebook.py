"""notebooks/explore.ipynb: committed without outputs, and runs headless from start to end.

The run uses nbclient and the ``python3`` kernel, with the repository root on
PYTHONPATH (so the kernel imports this checkout's kg, not another installed
copy) and ``KG_NOTEBOOK_OUT`` pointing at a temporary folder, so nothing is
written into the repository.
"""
from __future__ import annotations

import importlib.util
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
CELL_TIMEOUT = 600      # seconds per cell; the whole notebook takes ~10 s on the seeds
# Folders that tools write into any checkout (bytecode, pytest's cache): not the notebook's doing.
NOISE = {".git", "__pycache__", ".pytest_cache"}

MISSING = [name for name in ("nbclient", "nbformat", "ipykernel") if importlib.util.find_spec(name) is None]
needs_jupyter = pytest.mark.skipif(
    bool(MISSING), reason=f"running the notebook needs {', '.join(MISSING)}: pip install -e '.[notebook]'")


def _code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [cell for cell in nb["cells"] if cell["cell_type"] == "code"]


def test_committed_notebook_has_no_outputs() -> None:
    # Plain JSON, not nbformat: this check must run even where Jupyter is not installed.
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    dirty = [i for i, cell in enumerate(nb["cells"])
             if cell["cell_type"] == "code" and (cell["outputs"] or cell["execution_count"] is not None)]
    assert not dirty, f"cells {dirty} of {NOTEBOOK.name} (0-based, markdown included) have outputs: clear them before committing"
    assert _code_cells(nb), "the notebook has no code"


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the checkout (but tool noise) with its size and modification time."""
    out: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in NOISE]
        for name in files:
            path = Path(folder) / name
            stat = path.stat()
            out[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import nbformat
    from nbclient import NotebookClient

    out = tmp_path_factory.mktemp("notebook-out")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env = {**os.environ, "KG_NOTEBOOK_OUT": str(out),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    before = _snapshot(ROOT)
    started = time.perf_counter()
    # cwd = notebooks/, as when the notebook is opened in Jupyter. Any cell error raises
    # CellExecutionError, which fails the tests that use this fixture.
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute(env=env)
    return {"nb": nb, "out": out, "seconds": time.perf_counter() - started,
            "before": before, "after": _snapshot(ROOT)}


def _outputs(nb: Any) -> list[Any]:
    return [o for cell in _code_cells(nb) for o in cell["outputs"]]


def _text(nb: Any) -> str:
    parts = []
    for o in _outputs(nb):
        parts.append(o.get("text", ""))
        parts.extend(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


@needs_jupyter
def test_notebook_runs_without_errors(executed: dict[str, Any]) -> None:
    errors = [o for o in _outputs(executed["nb"]) if o["output_type"] == "error"]
    assert not errors, errors
    assert all(cell["execution_count"] for cell in _code_cells(executed["nb"])), "a cell did not run"


@needs_jupyter
def test_notebook_uses_this_checkout_and_shows_every_part(executed: dict[str, Any]) -> None:
    text = _text(executed["nb"])
    assert f"kg from {ROOT / 'kg'}" in text               # not another installed copy of kg
    assert "5 articles" in text
    assert "Vietnam" in text and "Russia" in text        # centrality, paths, SPARQL tables
    assert "providesAidTo" in text and "asserted" in text
    assert '<iframe srcdoc="&lt;!DOCTYPE html&gt;' in text   # the view, inline and escaped
    assert any("image/png" in o.get("data", {}) for o in _outputs(executed["nb"])), "no timeline plot"


@needs_jupyter
def test_notebook_writes_only_to_its_output_folder(executed: dict[str, Any]) -> None:
    out: Path = executed["out"]
    assert (out / "graphs" / "graph.trig").is_file() and (out / "store").is_dir()
    before, after = executed["before"], executed["after"]
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, f"the notebook wrote into the repository: {changed}"
