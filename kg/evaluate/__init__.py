"""Evaluation: precision, recall and F1 of assertions against gold, per ANNOTATION.md,
the same way as the contract's scorer (``kg evaluate``, ``python -m kg.evaluate``)."""
from .report import format_report
from .scores import AliasIndex, CONFIDENCE_BUCKETS, EvaluationResult, Gold, PRF, Predictions, SYMMETRIC, evaluate, label_key, load_gold, load_predictions, local_name, loose_key, resolve_doc, score, triple_key

__all__ = ["AliasIndex", "CONFIDENCE_BUCKETS", "EvaluationResult", "Gold", "PRF", "Predictions", "SYMMETRIC", "evaluate", "label_key", "load_gold", "load_predictions", "local_name", "loose_key", "resolve_doc", "score", "triple_key", "format_report"]
