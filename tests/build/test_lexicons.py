"""Which user lexicons a build reads: --lexicon, a kg.toml beside the inputs, KG_LEXICON."""
from __future__ import annotations

import os

import pytest

from kg.build.lexicons import lexicon_paths
from kg.errors import LexiconConfigError


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text("text\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("toml, expected", [
    ('lexicon = ["actors.jsonl", "sub/more.jsonl"]\n', ["actors.jsonl", "sub/more.jsonl"]),
    ('lexicon = "actors.jsonl"\n', ["actors.jsonl"]),
    ('title = "no lexicon here"\n', []),
])
def test_a_kg_toml_beside_the_inputs_names_lexicons_relative_to_itself(folder, toml, expected):
    (folder / "kg.toml").write_text(toml, encoding="utf-8")
    for given in ([folder], [folder / "a.txt"]):
        assert lexicon_paths(given, environ={}) == [folder / p for p in expected]


def test_the_order_is_option_then_kg_toml_then_environment_each_once(folder, tmp_path):
    (folder / "kg.toml").write_text('lexicon = ["actors.jsonl"]\n', encoding="utf-8")
    env = {"KG_LEXICON": os.pathsep.join([str(tmp_path / "env.jsonl"), str(folder / "actors.jsonl")])}
    found = lexicon_paths([folder, folder / "a.txt"], [tmp_path / "cli.jsonl"], environ=env)
    assert found == [tmp_path / "cli.jsonl", folder / "actors.jsonl", tmp_path / "env.jsonl"]


@pytest.mark.parametrize("toml", ['lexicon = [1, 2]\n', 'lexicon = [\n'])
def test_a_bad_kg_toml_is_a_numbered_error(folder, toml):
    (folder / "kg.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(LexiconConfigError, match="E083: .*kg.toml"):
        lexicon_paths([folder], environ={})


def test_no_lexicon_anywhere_is_none(folder):
    assert lexicon_paths([folder], environ={}) == []
