"""Helpers of the triple-store tests (a module, not conftest.py, so tests can import them)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock


@contextmanager
def as_writer(server) -> Iterator[None]:  # noqa: ANN001
    """Send the write token of ``server`` within the block, as a user does: KG_ENDPOINT_TOKEN."""
    with mock.patch.dict(os.environ, {"KG_ENDPOINT_TOKEN": server.token}):
        yield
