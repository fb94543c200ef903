"""Backends: a process pool and a Dask cluster give the same corpus as the in-process build."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.errors import (ArticleExtractionError, BackendConflictError, DaskConnectError, DaskMissingError,
                       WorkersError)
import kg.extract.doc as kgdoc
import kg.extract.nlp as nlp
from kg.build.parallel import InlineBackend, make_backend
from kg.build.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def local():
    return extract_corpus([SEEDS])


def _same(a, b) -> None:
    assert a.assertions == b.assertions
    assert a.entities == b.entities
    assert a.articles == b.articles


def test_the_stages_split_where_the_corpus_wide_state_starts():
    assert kgdoc.LOCAL + kgdoc.CORPUS == kgdoc.PIPELINE
    assert kgdoc.LOCAL[-1] == "kg_mentions" and kgdoc.CORPUS[0] == "kg_coref"


def test_two_workers_give_the_same_corpus_as_one(local):
    timings: dict[str, float] = {}
    memory: dict[str, float] = {}
    _same(extract_corpus([SEEDS], workers=2, timings=timings, memory=memory), local)
    assert timings["nlp"] > 0 and "wait for workers" in timings
    if Path("/proc/self/status").exists():
        assert memory["worker processes"] > 50          # a worker holds the models: tens of MB


def test_dask_cluster_gives_the_same_corpus_as_a_local_build(local):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        _same(extract_corpus([SEEDS], dask=cluster.scheduler_address), local)


@pytest.mark.parametrize("workers,dask,error", [
    (0, None, WorkersError),
    (-3, None, WorkersError),
    (2, "tcp://127.0.0.1:8786", BackendConflictError),
])
def test_bad_backend_options_are_numbered_errors(workers, dask, error):
    with pytest.raises(error):
        make_backend(workers=workers, dask=dask)


def test_missing_dask_is_a_clean_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)     # as if not installed
    with pytest.raises(DaskMissingError, match="kg\\[dask\\]"):
        make_backend(dask="tcp://127.0.0.1:8786")


def test_bad_dask_address_is_a_clean_error():
    pytest.importorskip("distributed")
    with pytest.raises(DaskConnectError, match="not-an-address"):
        make_backend(dask="not-an-address:xyz")


def test_inline_backend_is_the_default():
    assert isinstance(make_backend(), InlineBackend)


def test_a_crash_in_a_stage_names_the_article(tmp_path, monkeypatch):
    (tmp_path / "bad.txt").write_text("Nhật Bản tặng Lào vắc xin.\n", encoding="utf-8")

    def broken(self, doc):
        raise ValueError("boom")

    monkeypatch.setattr(nlp.Relations, "__call__", broken)
    with pytest.raises(ArticleExtractionError, match=r"E046.*bad\.txt.*ValueError: boom"):
        extract_corpus([tmp_path])
