"""Word segmentation: where words start among kg's tokens (the ``kg_segmenter`` component).

* Vietnamese: underthesea's word segmentation (offline). Word boundaries keep
  one-syllable triggers from firing inside longer words ("tiếp" is not "tiếp
  tục"). The rules read no part-of-speech tag, and underthesea's POS tagger
  costs three times the segmentation it runs first, so it is not run: the
  segmentation is the floor of any Vietnamese pipeline, and kg stays near it.
* English: spaCy. The official pipelines are not on PyPI, so kg works with a
  blank English pipeline (tokenizer only) and uses a trained one when the
  environment variable ``KG_SPACY_MODEL`` names an installed package.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Callable

from ..registry import Registry
from .tokens import Token


@lru_cache(maxsize=1)
def _english_tokenizer() -> Any:
    import spacy

    name = os.environ.get("KG_SPACY_MODEL")
    if name:
        try:
            return spacy.load(name, disable=["ner", "lemmatizer"])
        except OSError:
            pass
    return spacy.blank("en")


Segmenter = Callable[[str], list[tuple[str, str]]]       # text -> (word, tag) pairs
SEGMENTERS: Registry[Segmenter] = Registry("word segmenter")


@SEGMENTERS.register("vi")
def vietnamese_words(text: str) -> list[tuple[str, str]]:
    """underthesea's word segmentation: "tiếp tục" is one word, "tiếp" another."""
    from underthesea import word_tokenize

    return [(w, "") for w in word_tokenize(text)]


@SEGMENTERS.register("default", aliases=("en",))
def spaced_words(text: str) -> list[tuple[str, str]]:
    """spaCy's tokenizer, for languages that write spaces between words."""
    return [(t.text, t.pos_ or "") for t in _english_tokenizer()(text)]


def word_starts(tokens: list[Token], text: str, lang: str) -> set[int]:
    """Set ``Token.pos`` and return the token indices that start a word."""
    if not tokens:
        return set()
    segment = SEGMENTERS.get(lang if lang in SEGMENTERS else "default")
    return _align(tokens, text, segment(text))


def _align(tokens: list[Token], text: str, words: list[tuple[str, str]]) -> set[int]:
    starts: set[int] = set()
    pos = 0
    k = 0
    for word, tag in words:
        found = text.find(word, pos)
        if found < 0:
            continue
        end = found + len(word)
        while k < len(tokens) and tokens[k].end <= found:
            k += 1
        first = True
        while k < len(tokens) and tokens[k].start < end:
            tokens[k].pos = tag
            if first:
                starts.add(k)
                first = False
            k += 1
        pos = end
    return starts
