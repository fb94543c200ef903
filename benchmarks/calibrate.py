"""Precision per raw confidence level on the dev set and real-dev: the data behind
kg/resources/calibration.json. Run from the repository root, with ../shared beside it:

    python3 benchmarks/calibrate.py

It prints, for each raw level the rules give, how many of its readings were right
(required gold triples) and wrong, pooled over both sets.
"""
from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [(ROOT / "tests/data/dev/articles", ROOT / "tests/data/dev/gold.jsonl", ROOT / "tests/data/dev/entities.jsonl"),
        (ROOT.parent / "shared/eval/real-dev/docs", ROOT.parent / "shared/eval/real-dev/gold.jsonl",
         ROOT.parent / "shared/eval/real-dev/entities.jsonl")]


def main() -> int:
    import kg.extract.lexicon as lexicon
    from kg.build.pipeline import extract_corpus
    from kg.evaluate import AliasIndex, load_gold, load_predictions
    from kg.export.jsonl import assertion_record

    lexicon.calibrate = lambda raw: raw          # the rules' own levels, before calibration
    counts: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for docs, gold_path, entities in SETS:
        if not docs.exists():
            print(f"skipped {docs}: not found", file=sys.stderr)
            continue
        corpus = extract_corpus([docs], warn=lambda _msg: None)
        articles = {a.doc: a for a in corpus.articles}
        with tempfile.TemporaryDirectory() as tmp:
            pred_path = Path(tmp) / "assertions.jsonl"
            pred_path.write_text("".join(json.dumps(assertion_record(a, corpus, articles), ensure_ascii=False) + "\n"
                                         for a in corpus.assertions), encoding="utf-8")
            aliases = AliasIndex.from_files([entities])
            gold = load_gold(gold_path, aliases)
            pred = load_predictions(pred_path, aliases, gold.doc_index())
        for doc, triples in pred.triples.items():
            required, optional = gold.required.get(doc, {}), gold.optional.get(doc, {})
            for triple in triples:
                if triple in optional and triple not in required:
                    continue
                level = round(pred.confidence.get((doc, triple), -1.0), 2)
                counts[level][0 if triple in required else 1] += 1
    print("raw\tright\twrong\tprecision")
    for level in sorted(counts):
        right, wrong = counts[level]
        print(f"{level}\t{right}\t{wrong}\t{right / (right + wrong):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
