"""Restoring diacritics of Vietnamese typed without them (kg.extract.diacritics)."""
from __future__ import annotations

import pytest

from kg.extract.diacritics import has_marks, restore
from kg.extract import Extractor
from kg.extract.lexicon import load_lexicon
from kg.reader import parse_article
from kg.lang.text import strip_marks

LEX = load_lexicon()


@pytest.mark.parametrize("typed, restored", [
    ("Thu tuong tiep Dai su Han Quoc.", "Thủ tướng tiếp Đại sứ Hàn Quốc."),
    ("Bo truong Ngoai giao hoi dam voi nguoi dong cap Lao.", "Bộ trưởng Ngoại giao hội đàm với người đồng cấp Lào."),
    ("Hai ben nhat tri tang cuong hop tac.", "Hai bên nhất trí tăng cường hợp tác."),
    ("Duc se trao tang vac xin cho Campuchia.", "Đức sẽ trao tặng vắc xin cho Campuchia."),
    # names of people are left as typed: their marks cannot be known
    ("Ong Nguyen Van Thanh dien dam voi Ngoai truong An Do.", "Ông Nguyen Van Thanh điện đàm với Ngoại trưởng Ấn Độ."),
])
def test_restores_lexicon_phrases_and_keeps_length(typed: str, restored: str) -> None:
    out = restore(typed, "vi", LEX)
    assert out == restored
    assert len(out) == len(typed)
    assert strip_marks(out) == typed


@pytest.mark.parametrize("text, lang", [
    ("Bộ trưởng tiep Đại sứ.", "vi"),                # any mark: the writer typed marks
    ("Germany did not supply vaccines to Laos.", "en"),  # English has no marked triggers
    ("The Premier met Tong Bi thu.", "en"),
])
def test_leaves_text_alone(text: str, lang: str) -> None:
    assert restore(text, lang, LEX) == text


def test_ambiguous_single_syllable_is_not_guessed() -> None:
    # "tang" alone is tặng (donate) or tăng (increase): not restored on its own.
    assert restore("tang", "vi", LEX) == "tang"
    assert has_marks("tặng") and not has_marks("tang")


@pytest.mark.parametrize("typed, expected", [
    ("Thu tuong Pham Minh Chinh tiep Dai su Nhat Ban Yamada Takio.",
     {("pham-minh-chinh", "meetsWith", "yamada-takio"), ("yamada-takio", "represents", "japan")}),
    ("Bo Y te Viet Nam de nghi Duc ho tro vac xin cho Viet Nam.",
     {("vietnam", "appealsTo", "germany"), ("germany", "providesAidTo", "vietnam")}),
    ("Han Quoc se trao tang 1 trieu lieu vac xin cho Lao.", {("south-korea", "providesAidTo", "laos")}),
])
def test_extraction_from_text_without_diacritics(typed: str, expected: set) -> None:
    art = parse_article(f"Tin tuc\n{typed}\n", doc="d")
    got = {(a.subject.split("/")[1], a.predicate, a.object.split("/")[1]) for a in Extractor().extract(art)}
    assert expected <= got
    # evidence quotes the text as it was typed
    assert all(a.sentence == typed for a in Extractor().extract(art) if not a.inferred)
