"""Language profiles (kg/resources/profiles): the same keys and types in every language."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from kg.extract.lexicon import load_lexicon
from kg.lang.profiles import LANGS, load_profiles

NOT_PER_LANGUAGE = {"home_country", "restore_words", "possessives", "last_group_pronouns"}


def _raw(lang: str) -> dict:
    return json.loads(resources.files("kg.resources").joinpath(f"profiles/{lang}.json").read_text(encoding="utf-8"))


def test_every_language_has_the_same_keys() -> None:
    keys = [set(_raw(lang)) - NOT_PER_LANGUAGE for lang in LANGS]
    assert all(k == keys[0] for k in keys), [sorted(k ^ keys[0]) for k in keys]


@pytest.mark.parametrize("lang", LANGS)
def test_values_are_word_lists_or_tables_of_them(lang: str) -> None:
    for key, value in _raw(lang).items():
        if key == "lang":
            assert value == lang
        elif key == "home_country":
            assert isinstance(value, str)
        elif isinstance(value, dict):
            for inner in value.values():
                assert isinstance(inner, (list, str, int, float)), (key, inner)
        else:
            assert isinstance(value, list) and all(isinstance(w, str) and w == w.strip() for w in value), key


def test_every_key_is_explained() -> None:
    notes = _raw("xx")["notes"]
    keys = set().union(*(set(_raw(lang)) for lang in LANGS)) | set(_raw("xx")) - {"notes"}
    assert keys - set(notes) == set()


def test_shared_lists_reach_every_language() -> None:
    profiles = load_profiles()
    assert all(profiles[lang]["name_particles"] == profiles["xx"]["name_particles"] for lang in LANGS)


def test_the_lexicon_reads_words_by_language() -> None:
    lex = load_lexicon()
    assert lex.words("genitive", "vi") == ["của"] and lex.words("genitive", "en") == ["of"]
    assert lex.prep_role("giữa", "vi") == "between" and lex.prep_role("between", "en") == "between"
    assert lex.words("no-such-list", "vi") == []
