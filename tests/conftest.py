"""Shared fixtures: the hand-built corpus of :mod:`sample_corpus`."""
from __future__ import annotations

import pytest

from kg.model import Corpus
from sample_corpus import make_corpus


@pytest.fixture
def corpus() -> Corpus:
    """A fresh copy per test, so tests may mutate it."""
    return make_corpus()
