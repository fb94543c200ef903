"""Score extracted assertions against a gold set, as ``shared/eval/ANNOTATION.md`` defines.

This is kg's own scorer with a library API; its figures must equal those of the
reference ``score.py`` on well-formed input (a test runs both on the same files).

``print(format_report(evaluate("pred.jsonl", "gold.jsonl", ["entities.jsonl"])))``

* entity labels map to gold entity ids through the alias files: first an exact
  match after NFC + casefold + punctuation normalisation, then a diacritic-free
  match where it names a single entity;
* symmetric relations are compared without direction;
* triples are compared as sets per document; only documents that the gold file
  declares (``"kind": "document"``) are scored;
* ``inferred: true`` predictions are skipped, optional gold triples are neither
  rewarded nor penalised, predictions for unknown documents are counted apart.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from ..errors import EvaluationInputError
from ..lang.text import norm as _text_norm
from ..lang.text import strip_marks

PathLike = Union[str, Path]
Triple = tuple[str, str, str]

# The symmetric relations of ANNOTATION.md. Kept local on purpose: the scorer
# must not change its figures when the ontology module changes.
SYMMETRIC = frozenset({"meetsWith", "holdsPhoneCallWith", "agreesWith", "cooperatesWith",
                       "hasPartnershipWith", "tradesWith"})


# --------------------------------------------------------------------------- keys

def label_key(text: object) -> str:
    """Exact-match key: kg.lang.text.norm, plus a leading English article dropped
    ("the Russian Government" = "Russian Government"), as the reference does."""
    return re.sub(r"^the ", "", _text_norm(str(text)))


def loose_key(text: object) -> str:
    """Diacritic-free key, used only when the exact key finds nothing."""
    return strip_marks(label_key(text))


def local_name(iri: object) -> str:
    """``http://…/kg#providesAidTo`` → ``providesAidTo``; ``country/vietnam`` → ``vietnam``."""
    return re.split(r"[#/:]", str(iri).rstrip("/>"))[-1]


def triple_key(subject: str, predicate: str, obj: str) -> Triple:
    # Symmetric relations get one canonical direction so A–B and B–A are one triple.
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return (subject, predicate, obj)


# --------------------------------------------------------------------------- reading

def _records(path: PathLike) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, JSON object) for each non-blank line, with clear errors."""
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationInputError(f"{p}: file not found") from None
    except OSError as exc:
        raise EvaluationInputError(f"{p}: cannot read ({exc.strerror})") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationInputError(
                        f"{p}:{number}: not a valid JSON line ({exc.msg}, column {exc.colno})") from None
                if not isinstance(record, dict):
                    raise EvaluationInputError(f"{p}:{number}: expected a JSON object, "
                                               f"got {type(record).__name__}")
                yield number, record
        except UnicodeDecodeError as exc:
            raise EvaluationInputError(f"{p}: not UTF-8 text ({exc.reason})") from None


def _field(record: dict[str, Any], name: str, path: PathLike, number: int) -> Any:
    if name not in record:
        raise EvaluationInputError(f"{Path(path)}:{number}: missing field {name!r}")
    return record[name]


class AliasIndex:
    """Maps any label of an entity file onto its entity id, as the contract's scorer does.

    A name that two entities share (AstraZeneca the company and the vaccine) goes to
    the one whose type matches the predicted term's ``type``, when it has one.
    Earlier files come first where several files are given.
    """

    def __init__(self) -> None:
        self.exact: dict[str, list[str]] = defaultdict(list)
        self.loose: dict[str, list[str]] = defaultdict(list)
        self.types: dict[str, str] = {}

    @classmethod
    def from_files(cls, paths: list[PathLike]) -> "AliasIndex":
        index = cls()
        for path in paths:
            index.add_file(path)
        return index

    def add_file(self, path: PathLike) -> None:
        for number, entity in _records(path):
            ident = str(_field(entity, "id", path, number))
            self.types.setdefault(ident, str(entity.get("type", "")).casefold())
            for name in (ident, *(entity.get("aliases") or [])):
                for table, key in ((self.exact, label_key(name)), (self.loose, loose_key(name))):
                    if ident not in table[key]:
                        table[key].append(ident)

    def _pick(self, ids: list[str], kind: str) -> str | None:
        if len(ids) == 1:
            return ids[0]
        typed = [i for i in ids if kind and self.types.get(i) == kind]
        return typed[0] if len(typed) == 1 else None

    def resolve(self, term: object) -> str:
        """Gold id for a term (a label string or a ``{"label"/"value"/"id"/...}`` object).

        Unresolved terms become ``"?" + key``, so that they count as errors but two
        spellings of the same unknown name still agree with each other.
        """
        kind = ""
        if isinstance(term, dict):
            kind = str(term.get("type", "")).casefold()
            candidates = [term[k] for k in ("label", "value", "name", "text") if term.get(k)]
            candidates += [local_name(term[k]) for k in ("id", "iri") if term.get(k)]
            candidates += list(term.get("aliases") or [])
        else:
            candidates = [term]
        for table, key in ((self.exact, label_key), (self.loose, loose_key)):
            for cand in candidates:
                ids = table.get(key(cand))
                if ids:
                    hit = self._pick(ids, kind)
                    if hit:
                        return hit
                    if table is self.exact and not kind:
                        return ids[0]
        for cand in candidates:       # a shared name and no type to choose by: the first entity that has it
            ids = self.exact.get(label_key(cand))
            if ids:
                return ids[0]
        return "?" + label_key(candidates[0]) if candidates else "?"


@dataclass
class Gold:
    docs: dict[str, dict[str, Any]]                 # doc id -> its "document" record
    required: dict[str, dict[Triple, set[str]]]     # doc -> triple -> modalities
    optional: dict[str, dict[Triple, set[str]]]

    def doc_index(self) -> dict[str, str]:
        """Every name a prediction may use for a document: id, file name, URL."""
        index: dict[str, str] = {}
        for doc, rec in self.docs.items():
            index[doc] = doc
            index[doc + ".txt"] = doc
            url = rec.get("url")
            if url:
                index[url] = doc
                index[url.rstrip("/")] = doc
        return index


def _modalities(value: Any) -> list[str]:
    if value is None:
        return ["asserted"]
    return [value] if isinstance(value, str) else [str(m) for m in value]


def load_gold(path: PathLike, aliases: AliasIndex) -> Gold:
    gold = Gold({}, defaultdict(dict), defaultdict(dict))
    for number, rec in _records(path):
        doc = str(_field(rec, "doc", path, number))
        if rec.get("kind") == "document":
            gold.docs[doc] = rec
            continue
        t = triple_key(aliases.resolve(_field(rec, "s", path, number)),
                       local_name(_field(rec, "p", path, number)),
                       aliases.resolve(_field(rec, "o", path, number)))
        target = gold.optional if rec.get("optional") else gold.required
        target[doc].setdefault(t, set()).update(_modalities(rec.get("modality")))
    return gold


def resolve_doc(value: object, index: dict[str, str]) -> str | None:
    """Gold doc id named by a prediction's ``doc``: id, stem, file name, path or URL."""
    value = str(value or "")
    if not value:                      # no name at all: never guess a document
        return None
    if value in index:
        return index[value]
    base = re.split(r"[/\\]", value.rstrip("/"))[-1]
    for cand in (base, re.sub(r"\.[A-Za-z0-9]+$", "", base)):
        if cand in index:
            return index[cand]
    # URLs are written with or without scheme, "www." or a trailing path tail.
    for key, doc in index.items():
        if key.startswith("http") and (value.endswith(key) or key.endswith(value)):
            return doc
    return None


@dataclass
class Predictions:
    triples: dict[str, dict[Triple, set[str]]]      # doc -> triple -> modalities
    unknown_docs: dict[str, int]                    # name as written -> records
    inferred_skipped: int = 0
    confidence: dict[tuple[str, Triple], float] = field(default_factory=dict)   # highest per (doc, triple)


def load_predictions(path: PathLike, aliases: AliasIndex, index: dict[str, str]) -> Predictions:
    pred = Predictions(defaultdict(dict), defaultdict(int))
    for number, rec in _records(path):
        if rec.get("inferred"):
            pred.inferred_skipped += 1
            continue
        name = rec.get("doc") or rec.get("source") or rec.get("article") or ""
        doc = resolve_doc(name, index)
        if doc is None:
            pred.unknown_docs[str(name) or "(no doc)"] += 1
            continue
        t = triple_key(aliases.resolve(_field(rec, "subject", path, number)),
                       local_name(_field(rec, "predicate", path, number)),
                       aliases.resolve(_field(rec, "object", path, number)))
        pred.triples[doc].setdefault(t, set()).add(local_name(rec.get("modality") or "asserted"))
        conf = _confidence(rec.get("confidence"))
        if conf is not None:
            pred.confidence[(doc, t)] = max(conf, pred.confidence.get((doc, t), 0.0))
    return pred


def _confidence(value: Any) -> float | None:
    try:
        conf = float(value)
    except (TypeError, ValueError):
        return None
    return conf if 0.0 <= conf <= 1.0 else None


# Bucket edges of the calibration table: precision should rise from row to row.
CONFIDENCE_BUCKETS = (0.0, 0.9, 0.95, 1.0)


def _bucket(conf: float) -> str:
    edges = CONFIDENCE_BUCKETS
    for lo, hi in zip(edges, edges[1:]):
        if conf < hi or hi == edges[-1]:
            return f"{lo:g}-{hi:g}"
    return f"{edges[-2]:g}-{edges[-1]:g}"   # pragma: no cover - the loop always returns


# --------------------------------------------------------------------------- scoring

@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvaluationResult:
    precision: float
    recall: float
    f1: float
    modality_precision: float
    modality_recall: float
    modality_f1: float
    counts: dict[str, int]
    by_relation: dict[str, PRF] = field(default_factory=dict)
    by_doc: dict[str, PRF] = field(default_factory=dict)
    errors: list[tuple[str, str, Triple]] = field(default_factory=list)   # (FP|FN, doc, triple)
    unknown_docs: dict[str, int] = field(default_factory=dict)
    by_confidence: dict[str, PRF] = field(default_factory=dict)   # bucket -> tp/fp (precision only)


def score(pred: Predictions, gold: Gold, *, by_relation: bool = True) -> EvaluationResult:
    triples, modal = PRF(), PRF()
    relations: dict[str, PRF] = defaultdict(PRF)
    by_doc: dict[str, PRF] = {}
    errors: list[tuple[str, str, Triple]] = []
    buckets: dict[str, PRF] = defaultdict(PRF)
    for doc in gold.docs:
        P = pred.triples.get(doc, {})
        G = gold.required.get(doc, {})
        O = gold.optional.get(doc, {})
        d = by_doc[doc] = PRF()
        for t in P:
            conf = pred.confidence.get((doc, t))
            bucket = buckets[_bucket(conf)] if conf is not None else PRF()
            if t in G:
                d.tp += 1
                relations[t[1]].tp += 1
                bucket.tp += 1
            elif t not in O:
                d.fp += 1
                relations[t[1]].fp += 1
                bucket.fp += 1
                errors.append(("FP", doc, t))
        for t in G:
            if t not in P:
                d.fn += 1
                relations[t[1]].fn += 1
                errors.append(("FN", doc, t))
        # Modality-aware score over (triple, modality) pairs. An optional triple
        # is out of play here too, unless it is also required.
        for t, mods in P.items():
            if t in O and t not in G:
                continue
            for m in mods:
                if m in G.get(t, ()):
                    modal.tp += 1
                else:
                    modal.fp += 1
        for t, mods in G.items():
            modal.fn += sum(1 for m in mods if m not in P.get(t, ()))
        triples.tp += d.tp
        triples.fp += d.fp
        triples.fn += d.fn
    counts = {"tp": triples.tp, "fp": triples.fp, "fn": triples.fn,
              "mtp": modal.tp, "mfp": modal.fp, "mfn": modal.fn,
              "unknown_doc_records": sum(pred.unknown_docs.values()),
              "inferred_skipped": pred.inferred_skipped}
    return EvaluationResult(
        precision=triples.precision, recall=triples.recall, f1=triples.f1,
        modality_precision=modal.precision, modality_recall=modal.recall, modality_f1=modal.f1,
        counts=counts, by_relation=dict(sorted(relations.items())) if by_relation else {},
        by_doc=by_doc, errors=sorted(errors), unknown_docs=dict(pred.unknown_docs),
        by_confidence=dict(sorted(buckets.items())))


def evaluate(pred_path: PathLike, gold_path: PathLike, entities_paths: list[PathLike], *,
             by_relation: bool = True) -> EvaluationResult:
    """Score the predictions in ``pred_path`` (JSON lines) against ``gold_path``.

    Raises :class:`~kg.errors.EvaluationInputError` for a missing file, a bad
    JSON line or a record without its required fields.
    """
    if isinstance(entities_paths, (str, Path)):     # a lone path is an easy slip
        entities_paths = [entities_paths]
    if not entities_paths:
        raise EvaluationInputError("no entity alias file given")
    aliases = AliasIndex.from_files(list(entities_paths))
    gold = load_gold(gold_path, aliases)
    pred = load_predictions(pred_path, aliases, gold.doc_index())
    return score(pred, gold, by_relation=by_relation)
