"""The plain-text report of :mod:`kg.evaluate`: tables per relation, document and confidence."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scores import PRF, EvaluationResult

def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    lines = [fmt.format(*header), "  ".join("-" * w for w in widths)]
    return lines + [fmt.format(*r) for r in rows]


def _prf_row(name: str, c: PRF) -> list[str]:
    return [name, str(c.tp), str(c.fp), str(c.fn),
            f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]


def format_report(result: EvaluationResult, *, errors: bool = False) -> str:
    """Plain-text report; its last line is ``F1 <value>`` with 3 decimals, like score.py."""
    header = ["", "tp", "fp", "fn", "P", "R", "F1"]
    lines: list[str] = []
    if result.by_relation:
        lines += _table(["relation", *header[1:]],
                        [_prf_row(rel, c) for rel, c in result.by_relation.items()]) + [""]
    if result.by_doc:
        lines += _table(["document", *header[1:]],
                        [_prf_row(doc, c) for doc, c in result.by_doc.items()]) + [""]
    if result.by_confidence:
        lines += _confidence_table(result.by_confidence) + [""]
    if errors:
        lines += [f"{kind} {doc} {s} --{p}--> {o}" for kind, doc, (s, p, o) in result.errors] + [""]
    if result.unknown_docs:
        names = ", ".join(sorted(result.unknown_docs))
        lines.append(f"warning: {result.counts['unknown_doc_records']} predicted records "
                     f"name no gold document: {names}")
    c = result.counts
    lines.append(f"triples: P={result.precision:.3f} R={result.recall:.3f} "
                 f"(tp={c['tp']} fp={c['fp']} fn={c['fn']}); with modality: "
                 f"P={result.modality_precision:.3f} R={result.modality_recall:.3f} "
                 f"F1={result.modality_f1:.3f}")
    lines.append(f"F1 {result.f1:.3f}")
    return "\n".join(lines)



def _confidence_table(buckets: dict[str, "PRF"]) -> list[str]:
    """Precision per confidence bucket (a calibration check: it should rise)."""
    rows = [[name, str(c.tp), str(c.fp), f"{c.precision:.3f}"] for name, c in buckets.items()]
    return _table(["confidence", "tp", "fp", "P"], rows)
