"""Rules for how real news pages phrase relations (issue 17), each with sentences of our own."""
import pytest

from kg.extract import Extractor
from kg.reader import parse_article


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def triples(ex, text):
    art = parse_article("Tin tức\n" + text + "\n", doc="t")
    return {(a.subject.split("/", 1)[1], a.predicate, a.object.split("/", 1)[1], a.modality)
            for a in ex.extract(art) if not a.inferred}


PRODUCES = [
    # "do X ... sản xuất": the agent after "do", past a bracket, an owner and verbs joined by "và"
    ("Vắc xin Covivac do Viện Vắc xin và Sinh phẩm Y tế (IVAC) nghiên cứu và sản xuất.",
     ("ivac", "produces", "covivac-ivac", "asserted")),
    ("Loại vắc xin Covivac do IVAC trực thuộc Bộ Y tế sản xuất sẽ sớm được thử nghiệm.",
     ("ivac", "produces", "covivac-ivac", "asserted")),
    # a production verb right after the product, with no "được", is passive: the place produces
    ("Theo bộ, vắc xin Hayat-Vax sản xuất tại UAE.", ("united-arab-emirates", "produces", "hayat-vax", "asserted")),
    ("Vắc xin Sputnik V sản xuất tại Ấn Độ đã về tới Hà Nội.", ("india", "produces", "sputnik-v", "asserted")),
    # production verbs of bottling and outsourcing
    ("Vabiotech sẽ đóng lọ vắc xin Sputnik V tại Hà Nội.", ("vabiotech", "produces", "sputnik-v", "planned")),
    ("Công ty Vabiotech đang gia công vắc xin Sputnik V.", ("vabiotech", "produces", "sputnik-v", "asserted")),
    # "the X vaccine producer": the one maker of the product before the noun
    ("The agent of the Moderna vaccine producer said the doses would arrive.", ("moderna", "produces", "spikevax", "asserted")),
    # "signed a deal with B to produce": the agreement's subject produces, as agreed
    ("Nanogen signed a deal with Shionogi to produce COVID-19 vaccines.",
     ("nanogen", "produces", "covid-19-vaccine", "agreed")),
]


@pytest.mark.parametrize("text,expected", PRODUCES)
def test_production(ex, text, expected):
    assert expected in triples(ex, text)


NOT_PRODUCES = [
    # the agent of another verb is no producer: "do A tài trợ cho B sản xuất"
    ("Vắc xin Covivac do Vingroup tài trợ cho IVAC trực thuộc Bộ Y tế sản xuất.", "vingroup"),
    # "gia công" of anything but a product is no production
    ("Công ty Vabiotech gia công phần mềm cho Nhật Bản.", "vabiotech"),
]


@pytest.mark.parametrize("text,subject", NOT_PRODUCES)
def test_no_production(ex, text, subject):
    assert not any(s == subject and p == "produces" for s, p, _, _ in triples(ex, text))
