"""The corpora of the RDF tests: the shared one (tests/conftest.py) and its edge cases (edge_cases.py)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))     # so that tests import edge_cases
