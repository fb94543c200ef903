"""kg.evaluate on a tiny hand-made gold set whose figures are worked out below."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import EvaluationInputError
from kg.evaluate import AliasIndex, EvaluationResult, evaluate, format_report

DATA = Path(__file__).parent / "data" / "eval"
GOLD, ENTITIES, PRED = DATA / "gold.jsonl", DATA / "entities.jsonl", DATA / "pred.jsonl"
SCORE_PY = Path("/work/shared/eval/score.py")

# Worked out by hand from tests/data/eval (see the comments in each test):
#   000_a: TP appealsTo, providesAidTo (id local name "russia"), meetsWith (given
#          reversed, twice), holdsPosition ("Bui Thanh Son" without diacritics);
#          FP invites (doc given as URL); supports is optional; the inferred
#          Russia→Cuba record is skipped.
#   001_b: TP cooperatesWith (reversed); FP "?ha tien" produces (ambiguous folded
#          alias: Hà Tiên / Hà Tiến); FN Russia produces, transfersTechnologyTo.
#   002_c: FN praises (no prediction at all).
TP, FP, FN = 5, 2, 3
# (triple, modality) pairs: 000_a mtp 4 (appealsTo/asserted, providesAidTo/requested,
# meetsWith, holdsPosition), mfp 2 (appealsTo/requested, invites), mfn 1
# (providesAidTo/asserted); 001_b mtp 1, mfp 1, mfn 2; 002_c mfn 1.
MTP, MFP, MFN = 5, 3, 4


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def result() -> EvaluationResult:
    return evaluate(PRED, GOLD, [ENTITIES])


def test_triple_counts_and_scores(result: EvaluationResult) -> None:
    assert (result.counts["tp"], result.counts["fp"], result.counts["fn"]) == (TP, FP, FN)
    p, r, f = prf(TP, FP, FN)
    assert result.precision == pytest.approx(p) == pytest.approx(5 / 7)
    assert result.recall == pytest.approx(r) == pytest.approx(5 / 8)
    assert result.f1 == pytest.approx(f) == pytest.approx(2 / 3)


def test_modality_scores(result: EvaluationResult) -> None:
    assert (result.counts["mtp"], result.counts["mfp"], result.counts["mfn"]) == (MTP, MFP, MFN)
    p, r, f = prf(MTP, MFP, MFN)
    assert result.modality_precision == pytest.approx(p)
    assert result.modality_recall == pytest.approx(r)
    assert result.modality_f1 == pytest.approx(f) == pytest.approx(10 / 17)


def test_errors_by_relation_and_doc(result: EvaluationResult) -> None:
    assert result.errors == [
        ("FN", "001_b", ("Russia", "produces", "Sputnik V")),
        ("FN", "001_b", ("Russia", "transfersTechnologyTo", "Vietnam")),
        ("FN", "002_c", ("Cuba", "praises", "Vietnam")),
        ("FP", "000_a", ("Vietnam", "invites", "Russia")),
        ("FP", "001_b", ("?ha tien", "produces", "Sputnik V")),
    ]
    produces = result.by_relation["produces"]
    assert (produces.tp, produces.fp, produces.fn) == (0, 1, 1)
    assert result.by_relation["meetsWith"].tp == 1          # two reversed copies count once
    assert "supports" not in result.by_relation             # optional: not counted at all
    assert [(d.tp, d.fp, d.fn) for d in result.by_doc.values()] == [(4, 1, 0), (1, 1, 2), (0, 0, 1)]
    assert evaluate(PRED, GOLD, [ENTITIES], by_relation=False).by_relation == {}


def test_unknown_docs_and_inferred_are_reported(result: EvaluationResult) -> None:
    assert result.unknown_docs == {"999_unknown": 1}
    assert result.counts["unknown_doc_records"] == 1
    assert result.counts["inferred_skipped"] == 1
    report = format_report(result)
    assert "999_unknown" in report
    assert report.splitlines()[-1] == "F1 0.667"


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _one_doc(tmp_path: Path, gold: list[dict], pred: list[dict]) -> EvaluationResult:
    doc = {"doc": "d", "url": None, "kind": "document"}
    return evaluate(_write(tmp_path / "pred.jsonl", pred),
                    _write(tmp_path / "gold.jsonl", [doc, *gold]), [ENTITIES])


def _p(s: str, p: str, o: str, modality: str = "asserted", **extra: object) -> dict:
    return {"doc": "d", "subject": {"label": s}, "predicate": p, "object": {"label": o},
            "modality": modality, **extra}


def _g(s: str, p: str, o: str, modality: list[str] | None = None, optional: bool = False) -> dict:
    return {"doc": "d", "s": s, "p": p, "o": o, "modality": modality or ["asserted"],
            "optional": optional}


def test_symmetric_relations_ignore_direction_others_do_not(tmp_path: Path) -> None:
    res = _one_doc(tmp_path, [_g("Vietnam", "agreesWith", "Cuba"), _g("Vietnam", "invites", "Cuba")],
                   [_p("Cuba", "agreesWith", "Việt Nam"), _p("Cuba", "invites", "Việt Nam")])
    assert (res.counts["tp"], res.counts["fp"], res.counts["fn"]) == (1, 1, 1)


def test_diacritic_free_alias_only_when_unambiguous() -> None:
    aliases = AliasIndex.from_files([ENTITIES])
    assert aliases.resolve("bo truong bui thanh son") == "Bùi Thanh Sơn"
    assert aliases.resolve({"label": "CONG HOA CUBA"}) == "Cuba"
    assert aliases.resolve({"id": "kg:country/russia", "label": "???"}) == "Russia"
    assert aliases.resolve("Hà Tiến") == "Hà Tiến"          # exact match still works
    assert aliases.resolve("Ha Tien") == "?ha tien"          # folded key names two entities


def test_optional_triple_neither_rewarded_nor_penalised(tmp_path: Path) -> None:
    gold = [_g("Vietnam", "appealsTo", "Russia"), _g("Russia", "supports", "Vietnam", optional=True)]
    without = _one_doc(tmp_path, gold, [_p("Việt Nam", "appealsTo", "Nga")])
    with_opt = _one_doc(tmp_path, gold, [_p("Việt Nam", "appealsTo", "Nga"), _p("Nga", "supports", "Việt Nam")])
    for res in (without, with_opt):
        assert (res.counts["tp"], res.counts["fp"], res.counts["fn"]) == (1, 0, 0)
        assert (res.counts["mtp"], res.counts["mfp"], res.counts["mfn"]) == (1, 0, 0)


def test_inferred_records_are_skipped(tmp_path: Path) -> None:
    res = _one_doc(tmp_path, [_g("Vietnam", "appealsTo", "Russia")],
                   [_p("Việt Nam", "appealsTo", "Nga", inferred=True), _p("Nga", "invites", "Cuba", inferred=True)])
    assert (res.counts["tp"], res.counts["fp"], res.counts["fn"]) == (0, 0, 1)
    assert res.counts["inferred_skipped"] == 2


def test_modality_pairs(tmp_path: Path) -> None:
    # gold: aid {asserted, requested}; pred: aid {requested, planned} →
    # mtp 1 (requested), mfp 1 (planned), mfn 1 (asserted); the triple itself is a TP.
    res = _one_doc(tmp_path, [_g("Russia", "providesAidTo", "Vietnam", ["asserted", "requested"])],
                   [_p("Nga", "providesAidTo", "Việt Nam", "requested"),
                    _p("Nga", "providesAidTo", "Việt Nam", "planned")])
    assert (res.counts["tp"], res.counts["fp"], res.counts["fn"]) == (1, 0, 0)
    assert (res.counts["mtp"], res.counts["mfp"], res.counts["mfn"]) == (1, 1, 1)
    assert res.modality_f1 == pytest.approx(0.5)
    assert res.f1 == pytest.approx(1.0)


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_p("Nga", "invites", "Cuba")) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationInputError, match=r"bad\.jsonl:3: not a valid JSON line") as info:
        evaluate(bad, GOLD, [ENTITIES])
    assert info.value.code == "E010"


def test_missing_file_and_missing_field(tmp_path: Path) -> None:
    with pytest.raises(EvaluationInputError, match="nope.jsonl: file not found"):
        evaluate(tmp_path / "nope.jsonl", GOLD, [ENTITIES])
    with pytest.raises(EvaluationInputError, match="file not found"):
        evaluate(PRED, GOLD, [tmp_path / "missing-entities.jsonl"])
    no_predicate = _write(tmp_path / "p.jsonl", [{"doc": "000_a", "subject": "Nga", "object": "Cuba"}])
    with pytest.raises(EvaluationInputError, match=r"p\.jsonl:1: missing field 'predicate'"):
        evaluate(no_predicate, GOLD, [ENTITIES])


@pytest.mark.skipif(not SCORE_PY.exists(), reason="reference scorer not present")
def test_agrees_with_reference_scorer(result: EvaluationResult) -> None:
    out = subprocess.run([sys.executable, str(SCORE_PY), str(PRED), "--gold", str(GOLD),
                          "--entities", str(ENTITIES), "--json"],
                         capture_output=True, text=True, check=True, encoding="utf-8")
    lines = out.stdout.strip().splitlines()
    ref = json.loads(lines[0])
    assert ref["precision"] == pytest.approx(result.precision)
    assert ref["recall"] == pytest.approx(result.recall)
    assert ref["f1"] == pytest.approx(result.f1)
    assert ref["modality_f1"] == pytest.approx(result.modality_f1)
    for key in ("tp", "fp", "fn", "mtp", "mfp", "mfn"):
        assert ref["counts"].get(key, 0) == result.counts[key], key
    assert ref["unknown_doc_records"] == result.counts["unknown_doc_records"]
    assert lines[-1] == format_report(result).splitlines()[-1]


SHARED = SCORE_PY.parent


@pytest.mark.skipif(not (SHARED / "gold-seeds.jsonl").exists(), reason="shared gold set not present")
def test_agrees_with_reference_scorer_on_shared_gold(tmp_path: Path) -> None:
    """A noisy prediction file made from the real gold set: the two scorers must agree."""
    gold_path, ent_path = SHARED / "gold-seeds.jsonl", SHARED / "entities.jsonl"
    aliases = {}
    for line in ent_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ent = json.loads(line)
            aliases[ent["id"]] = ent.get("aliases") or [ent["id"]]
    docs, pred = {}, []
    for i, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines()):
        rec = json.loads(line)
        if rec.get("kind") == "document":
            docs[rec["doc"]] = rec
            continue
        if i % 3 == 0:
            continue                                              # a miss
        names = lambda e: aliases.get(e, [e])                     # noqa: E731
        s, o = names(rec["s"])[i % len(names(rec["s"]))], names(rec["o"])[-1]
        url = docs[rec["doc"]].get("url")
        doc = url if url and i % 2 else rec["doc"] + ".txt"
        mods = rec.get("modality") or ["asserted"]
        pred.append({"doc": doc, "subject": {"label": s}, "predicate": rec["p"],
                     "object": {"label": o}, "modality": mods[i % len(mods)]})
        if i % 4 == 0:                                            # a wrong direction or modality
            pred.append({"doc": rec["doc"], "subject": {"label": o}, "predicate": rec["p"],
                         "object": {"label": s}, "modality": "planned"})
        if i % 5 == 0:
            pred.append({**pred[-1], "inferred": True, "predicate": "invites"})
    pred_path = _write(tmp_path / "pred.jsonl", pred)
    ours = evaluate(pred_path, gold_path, [ent_path])
    out = subprocess.run([sys.executable, str(SCORE_PY), str(pred_path), "--gold", str(gold_path),
                          "--entities", str(ent_path), "--json"],
                         capture_output=True, text=True, check=True, encoding="utf-8")
    ref = json.loads(out.stdout.splitlines()[0])
    assert 0 < ours.f1 < 1, ours.counts
    for key in ("tp", "fp", "fn", "mtp", "mfp", "mfn"):
        assert ref["counts"].get(key, 0) == ours.counts[key], key
    assert (ref["precision"], ref["recall"], ref["f1"], ref["modality_f1"]) == pytest.approx(
        (ours.precision, ours.recall, ours.f1, ours.modality_f1))


@pytest.mark.parametrize("pred, expected", [
    # (predictions with confidence) -> {bucket: (tp, fp)}
    ([_p("Nga", "appealsTo", "Việt Nam", confidence=0.97), _p("Cuba", "invites", "Nga", confidence=0.45)],
     {"0.95-1": (1, 0), "0-0.9": (0, 1)}),
    ([_p("Nga", "appealsTo", "Việt Nam", confidence=1.0), _p("Cuba", "invites", "Nga", confidence=0.92)],
     {"0.95-1": (1, 0), "0.9-0.95": (0, 1)}),
    # the highest confidence of a repeated triple counts; no confidence, no bucket
    ([_p("Nga", "appealsTo", "Việt Nam", confidence=0.3), _p("Nga", "appealsTo", "Việt Nam", confidence=0.92),
      _p("Cuba", "invites", "Nga")],
     {"0.9-0.95": (1, 0)}),
    # out-of-range or non-numeric confidences are ignored, not crashed on
    ([_p("Nga", "appealsTo", "Việt Nam", confidence="high"), _p("Cuba", "invites", "Nga", confidence=7)], {}),
])
def test_precision_per_confidence_bucket(tmp_path: Path, pred: list[dict], expected: dict) -> None:
    res = _one_doc(tmp_path, [_g("Russia", "appealsTo", "Vietnam")], pred)
    assert {k: (c.tp, c.fp) for k, c in res.by_confidence.items()} == expected
    if expected:
        assert "confidence" in format_report(res)
