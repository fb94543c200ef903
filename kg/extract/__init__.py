"""Extraction: an article becomes a spaCy ``Doc`` whose components find mentions,
resolve them and read assertions (:mod:`kg.extract.nlp`); :class:`Extractor` holds
what outlives one article."""
from .extractor import Extractor

__all__ = ["Extractor"]
