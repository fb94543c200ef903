"""Argument frames: one function per frame, and trigger rows checked when the pipeline is built."""
from __future__ import annotations

import copy

import pytest

from kg.errors import ResourceError
from kg.extract import Extractor
from kg.extract.frames import FRAMES, ROW_KEYS, check_trigger_rows
from kg.extract.lexicon import load_lexicon
from kg.extract.schema import schemas

RELATIONS = set(schemas())
GOOD = {"phrase": "tặng", "rel": "providesAidTo", "frame": "give", "pos": "verb"}


def test_every_frame_of_the_trigger_data_is_registered() -> None:
    used = {row["frame"] for rows in load_lexicon().trigger_rows.values() for row in rows}
    assert used <= set(FRAMES.names())
    assert set(FRAMES.names()) == {"sym", "svo", "control", "give", "receive", "agentive"}


def test_the_shipped_trigger_rows_pass() -> None:
    for lang, rows in load_lexicon().trigger_rows.items():
        check_trigger_rows(lang, rows, RELATIONS)


@pytest.mark.parametrize("change,message", [
    ({"frame": "gve"}, "unknown frame 'gve'"),
    ({"rel": "providesAid"}, "relation 'providesAid' is not in the ontology"),
    ({"pos": "adj"}, "pos must be one of"),
    ({"neds": ["x"]}, "unknown key(s) neds"),
    ({"window": "3"}, "'window' must be int"),
    ({"near": {"words": ["x"], "window": 2, "rel": "helps"}}, "relation 'helps'"),
])
def test_a_bad_row_is_a_load_error_naming_the_row(change: dict, message: str) -> None:
    row = {**GOOD, **change}
    with pytest.raises(ResourceError) as info:
        check_trigger_rows("vi", [GOOD, row], RELATIONS)
    assert info.value.code == "E009"
    assert message in str(info.value) and "row 2" in str(info.value)


@pytest.mark.parametrize("missing", ["phrase", "rel", "frame", "pos"])
def test_required_keys(missing: str) -> None:
    row = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(ResourceError, match=f"missing '{missing}'"):
        check_trigger_rows("en", [row], RELATIONS)


def test_the_extractor_refuses_a_misspelled_frame() -> None:
    lex = copy.copy(load_lexicon())
    lex.trigger_rows = {"vi": [{**GOOD, "frame": "givve"}]}
    with pytest.raises(ResourceError, match="unknown frame 'givve'"):
        Extractor(lex)


def test_row_keys_are_the_keys_in_use() -> None:
    used = {k for rows in load_lexicon().trigger_rows.values() for row in rows for k in row}
    assert used <= set(ROW_KEYS)
