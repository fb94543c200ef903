"""``python -m kg.evaluate PRED --gold GOLD --entities ENT [--errors]``."""
from __future__ import annotations

import sys

from .report import format_report
from .scores import EvaluationInputError, evaluate


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.evaluate PRED --gold GOLD --entities ENT [--errors]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m kg.evaluate", description="P/R/F1 of predicted assertions against gold, per ANNOTATION.md")
    ap.add_argument("pred")
    ap.add_argument("--gold", required=True)
    ap.add_argument("--entities", required=True, action="append")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    try:
        result = evaluate(args.pred, args.gold, args.entities)
    except EvaluationInputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(format_report(result, errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
