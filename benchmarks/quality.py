"""Extraction quality on the seeds, kg's own development set and the real news pages of
``../shared/eval/real-dev``, as Markdown tables.

    python3 benchmarks/quality.py            # prints the tables of docs/quality.md

Seeds are scored against ``../shared/eval`` (skipped when it is not beside the
repository), the development set against ``tests/data/dev``.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import EvaluationResult, evaluate  # noqa: E402
from kg.export.jsonl import assertion_record  # noqa: E402
from kg.build.pipeline import extract_corpus  # noqa: E402


def score(inputs: Path, gold: Path, entities: Path) -> EvaluationResult:
    corpus = extract_corpus([inputs], warn=lambda _m: None)
    articles = {a.doc: a for a in corpus.articles}
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "assertions.jsonl"
        with pred.open("w", encoding="utf-8") as f:
            for a in corpus.assertions:
                f.write(json.dumps(assertion_record(a, corpus, articles), ensure_ascii=False) + "\n")
        return evaluate(pred, gold, [entities])


def main() -> None:
    sets = {}
    shared = ROOT.parent / "shared" / "eval"
    if (shared / "gold-seeds.jsonl").exists():
        sets["seeds"] = score(ROOT / "seeds", shared / "gold-seeds.jsonl", shared / "entities.jsonl")
    dev = ROOT / "tests" / "data" / "dev"
    sets["dev set"] = score(dev / "articles", dev / "gold.jsonl", dev / "entities.jsonl")
    real = shared / "real-dev"
    if (real / "gold.jsonl").exists():
        sets["real-dev"] = score(real / "docs", real / "gold.jsonl", real / "entities.jsonl")
        vi = Path(tempfile.mkdtemp()) / "gold-vi.jsonl"
        vi.write_text("".join((real / f"gold-{p}.jsonl").read_text(encoding="utf-8") for p in "abc"), encoding="utf-8")
        sets["real-dev, Vietnamese"] = score(real / "docs", vi, real / "entities.jsonl")
        sets["real-dev, English"] = score(real / "docs", real / "gold-d.jsonl", real / "entities.jsonl")
    print("| set | P | R | F1 | modality P | modality R | modality F1 |\n|---|---|---|---|---|---|---|")
    for name, r in sets.items():
        print(f"| {name} | {r.precision:.3f} | {r.recall:.3f} | **{r.f1:.3f}** | {r.modality_precision:.3f} "
              f"| {r.modality_recall:.3f} | **{r.modality_f1:.3f}** |")
    if "real-dev" in sets:
        r = sets["real-dev"]
        print("\n| relation (real-dev) | tp/fp/fn | P | R | F1 |\n|---|---|---|---|---|")
        for rel, c in sorted(r.by_relation.items()):
            print(f"| {rel} | {c.tp}/{c.fp}/{c.fn} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} |")
    sets = {k: v for k, v in sets.items() if "," not in k}
    names = list(sets)
    print("\n| relation | " + " | ".join(f"{n} tp/fp/fn | {n} F1" for n in names) + " |")
    print("|---|" + "---|---|" * len(names))
    rels = sorted({rel for r in sets.values() for rel in r.by_relation})
    for rel in rels:
        cells = []
        for r in sets.values():
            c = r.by_relation.get(rel)
            cells += [f"{c.tp}/{c.fp}/{c.fn}", f"{c.f1:.2f}"] if c else ["–", "–"]
        print(f"| {rel} | " + " | ".join(cells) + " |")
    print("\n| confidence | " + " | ".join(f"{n} tp/fp | {n} P" for n in names) + " |")
    print("|---|" + "---|---|" * len(names))
    buckets = sorted({b for r in sets.values() for b in r.by_confidence})
    for b in buckets:
        cells = []
        for r in sets.values():
            c = r.by_confidence.get(b)
            cells += [f"{c.tp}/{c.fp}", f"{c.precision:.3f}"] if c else ["–", "–"]
        print(f"| {b} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
