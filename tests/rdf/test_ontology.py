"""The ontology (ontology/kg.ttl) against ANNOTATION.md, and the kg.rdf.ontology API."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from kg import evaluate
from kg.rdf import ontology
from kg.errors import OntologyError, UnknownRelationError, UnknownTermError
from kg.model import ENTITY_TYPES, MODALITIES
from kg.rdf.ontology import KG, NS, relation, relations

PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"

# name: (symmetric, domain, range, CAMEO codes) -- copied by hand from ANNOTATION.md.
RELATIONS: dict[str, tuple[bool, str, str, tuple[str, ...]]] = {
    "meetsWith":             (True,  "Actor",  "Actor",    ("040", "043", "044")),
    "holdsPhoneCallWith":    (True,  "Actor",  "Actor",    ("041",)),
    "visits":                (False, "Actor",  "Actor",    ("042",)),
    "invites":               (False, "Actor",  "Actor",    ("036",)),
    "appealsTo":             (False, "Actor",  "Actor",    ("020",)),
    "agreesWith":            (True,  "Actor",  "Actor",    ("030", "057")),
    "praises":               (False, "Actor",  "Actor",    ("051",)),
    "supports":              (False, "Actor",  "Actor",    ("051",)),
    "cooperatesWith":        (True,  "Actor",  "Actor",    ("050", "061")),
    "hasPartnershipWith":    (True,  "Actor",  "Actor",    ("050",)),
    "transfersTechnologyTo": (False, "Actor",  "Actor",    ("061",)),
    "providesAidTo":         (False, "Actor",  "Actor",    ("070", "073")),
    "produces":              (False, "Actor",  "Vaccine",  ()),
    "tradesWith":            (True,  "Actor",  "Actor",    ("061",)),
    "investsIn":             (False, "Actor",  "Actor",    ("061",)),
    "holdsPosition":         (False, "Person", "Position", ()),
    "represents":            (False, "Person", "Actor",    ()),
}
# The scorer's pinned copy of the guideline's symmetric relations.
SYMMETRIC = set(evaluate.SYMMETRIC)

# class: the superclasses it must have (local names are kg:, others full IRIs).
CLASSES: dict[str, set[str]] = {
    "Actor": set(),
    "Country": {"Actor", SCHEMA + "Country"},
    "Person": {"Actor"},
    "Organization": {"Actor", SCHEMA + "Organization"},
    "Vaccine": set(),
    "Position": set(),
    "Assertion": {PROV + "Entity", str(RDF.Statement)},
    "Article": {PROV + "Entity", SCHEMA + "NewsArticle"},
    "Sentence": {PROV + "Entity"},
    "Quantity": set(),
    "Modality": set(),
    "Extractor": {PROV + "SoftwareAgent"},
}

# property: (OWL kind, domain, range)
PROPERTIES: dict[str, tuple[URIRef, str, str]] = {
    "subject": (OWL.ObjectProperty, "Assertion", "Actor"),
    "predicate": (OWL.ObjectProperty, "Assertion", str(OWL.ObjectProperty)),
    "object": (OWL.ObjectProperty, "Assertion", ""),
    "modality": (OWL.ObjectProperty, "Assertion", "Modality"),
    "confidence": (OWL.DatatypeProperty, "Assertion", str(XSD.decimal)),
    "inferred": (OWL.DatatypeProperty, "Assertion", str(XSD.boolean)),
    "date": (OWL.DatatypeProperty, "Assertion", str(XSD.date)),
    "startDate": (OWL.DatatypeProperty, "Assertion", str(XSD.date)),
    "endDate": (OWL.DatatypeProperty, "Assertion", str(XSD.date)),
    "quantity": (OWL.ObjectProperty, "Assertion", "Quantity"),
    "amount": (OWL.DatatypeProperty, "Quantity", str(XSD.decimal)),
    "unit": (OWL.DatatypeProperty, "Quantity", str(XSD.string)),
    "quantityRole": (OWL.DatatypeProperty, "Quantity", str(XSD.string)),
    "quantityText": (OWL.DatatypeProperty, "Quantity", str(XSD.string)),
    "partnershipLevel": (OWL.DatatypeProperty, "Assertion", str(XSD.string)),
    "trigger": (OWL.DatatypeProperty, "Assertion", str(XSD.string)),
    "sentence": (OWL.ObjectProperty, "Assertion", "Sentence"),
    "text": (OWL.DatatypeProperty, "Sentence", str(XSD.string)),
    "startOffset": (OWL.DatatypeProperty, "Sentence", str(XSD.integer)),
    "endOffset": (OWL.DatatypeProperty, "Sentence", str(XSD.integer)),
    "article": (OWL.ObjectProperty, "Sentence", "Article"),
    "docId": (OWL.DatatypeProperty, "Article", str(XSD.string)),
    "version": (OWL.DatatypeProperty, "Extractor", str(XSD.string)),
    "source": (OWL.DatatypeProperty, str(OWL.Thing), str(XSD.string)),
    "lexiconFile": (OWL.DatatypeProperty, str(OWL.Thing), str(XSD.string)),
}


def kg(name: str) -> URIRef:
    return URIRef(NS + name if ":" not in name else name)


@pytest.fixture(scope="module")
def g() -> Graph:
    return ontology.graph()


def langs(graph: Graph, s: URIRef, p: URIRef) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(s, p) if isinstance(o, Literal)}


# ---------------------------------------------------------------- the file

def test_ontology_header(g: Graph) -> None:
    onto = URIRef("https://w3id.org/kgvn/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo) == Literal("0.1.0")


def test_paths_point_at_the_repository_files() -> None:
    root = Path(__file__).resolve().parents[2] / "ontology"
    assert ontology.ontology_path() == root / "kg.ttl"
    assert ontology.shapes_path() == root / "shapes.ttl"


def test_every_kg_term_has_vi_and_en_labels_and_comments(g: Graph) -> None:
    missing = []
    for name in sorted(ontology.terms()):
        for p in (RDFS.label, RDFS.comment):
            got = langs(g, kg(name), p)
            if not (got.get("vi") and got.get("en")):
                missing.append(f"{name} {p.n3(g.namespace_manager)} {sorted(got)}")
    assert not missing


def test_no_trigger_lists_in_the_ontology(g: Graph) -> None:
    # Triggers live in kg/resources; a relation carries only these properties
    # (its labels, its mappings and the extraction flags that kg.extract.schema reads).
    flags = {kg(n) for n in ("betweenStates", "dated", "quantified", "impliedModality", "mayBeMutual",
                             "rollsUp", "personMeetsBody", "extractedRange")}
    allowed = {RDF.type, RDFS.subPropertyOf, RDFS.domain, RDFS.range, RDFS.label,
               RDFS.comment, kg("cameoCode"), SKOS.closeMatch} | flags
    for name in RELATIONS:
        assert set(g.predicates(kg(name))) <= allowed, name


# ---------------------------------------------------------------- relations

def test_exactly_the_17_relations() -> None:
    assert set(relations()) == set(RELATIONS)
    assert len(relations()) == 17


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_relation_matches_annotation_guideline(name: str, g: Graph) -> None:
    symmetric, domain, range_, cameo = RELATIONS[name]
    r = relation(name)
    assert r.name == name and r.iri == kg(name)
    assert (r.iri, RDF.type, OWL.ObjectProperty) in g
    assert r.symmetric is symmetric
    assert ((r.iri, RDF.type, OWL.SymmetricProperty) in g) is symmetric
    assert (r.domain, r.range) == (domain, range_)
    assert r.cameo == cameo
    assert set(r.labels) >= {"vi", "en"} and all(r.labels[k].strip() for k in ("vi", "en"))
    assert set(r.comments) >= {"vi", "en"} and all(r.comments[k].strip() for k in ("vi", "en"))


def test_symmetric_set_is_exactly_six() -> None:
    assert {n for n, r in relations().items() if r.symmetric} == SYMMETRIC
    assert {n for n in RELATIONS if ontology.is_symmetric(n)} == SYMMETRIC
    assert {n for n, row in RELATIONS.items() if row[0]} == SYMMETRIC


def test_pinned_scorer_copy_equals_the_shared_scorer() -> None:
    """kg.evaluate keeps the guideline's symmetric set pinned; it must equal the contract's scorer."""
    scorer = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip("../shared/eval/score.py is absent (the contract lives beside the checkout)")
    tree = ast.parse(scorer.read_text(encoding="utf-8"))
    found = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == "SYMMETRIC" for t in node.targets)]
    assert found, "score.py defines no SYMMETRIC"
    assert set(ast.literal_eval(found[0])) == SYMMETRIC


def test_cameo_codes_are_three_digit_strings(g: Graph) -> None:
    assert (kg("cameoCode"), RDF.type, OWL.AnnotationProperty) in g
    for s, o in g.subject_objects(kg("cameoCode")):
        assert isinstance(o, Literal) and o.datatype in (None, XSD.string), s
        assert len(str(o)) == 3 and str(o).isdigit(), (s, o)


@pytest.mark.parametrize("name, expected", [
    ("holdsPosition", ("http://www.wikidata.org/prop/direct/P39",)),
    ("produces", ("http://www.wikidata.org/prop/direct/P1056",)),
    ("meetsWith", ()),
])
def test_close_matches(name: str, expected: tuple[str, ...]) -> None:
    assert relation(name).close_match == expected


@pytest.mark.parametrize("key", ["meetsWith", "kg:meetsWith", NS + "meetsWith",
                                 URIRef(NS + "meetsWith")])
def test_relation_accepts_name_curie_and_iri(key: str) -> None:
    assert relation(key).name == "meetsWith"


@pytest.mark.parametrize("bad", ["fooBar", "meetswith", "Actor", "subject", "relatedTo",
                                 NS + "fooBar", "https://schema.org/meetsWith", ""])
def test_unknown_relation_raises(bad: str) -> None:
    with pytest.raises(UnknownRelationError) as err:
        relation(bad)
    assert err.value.code == "E003" and repr(bad) in str(err.value)


def test_relation_objects_are_hashable_and_read_only() -> None:
    r = relation("visits")
    assert r in {r}
    with pytest.raises(TypeError):
        r.labels["en"] = "x"  # type: ignore[index]
    relations().clear()       # callers get their own dict
    assert len(relations()) == 17


# ---------------------------------------------------------------- classes, modalities

@pytest.mark.parametrize("name", sorted(CLASSES))
def test_class(name: str, g: Graph) -> None:
    assert (kg(name), RDF.type, OWL.Class) in g
    labels = ontology.classes()[name]
    assert labels.get("vi") and labels.get("en")
    supers = {str(o)[len(NS):] if str(o).startswith(NS) else str(o)
              for o in g.objects(kg(name), RDFS.subClassOf)}
    assert CLASSES[name] <= supers


def test_classes_are_exactly_the_expected_ones() -> None:
    assert set(ontology.classes()) == set(CLASSES)


def test_person_maps_to_foaf_or_schema(g: Graph) -> None:
    mapped = set(g.objects(kg("Person"), RDFS.subClassOf)) | set(
        g.objects(kg("Person"), OWL.equivalentClass))
    assert mapped & {URIRef("http://xmlns.com/foaf/0.1/Person"), URIRef(SCHEMA + "Person")}


def test_entity_types_of_the_model_are_classes() -> None:
    assert set(ENTITY_TYPES) <= set(ontology.classes())


def test_modalities_match_the_model(g: Graph) -> None:
    assert ontology.modalities() == MODALITIES
    for m in MODALITIES:
        assert (kg(m), RDF.type, OWL.NamedIndividual) in g
        assert (kg(m), RDF.type, kg("Modality")) in g
        assert set(langs(g, kg(m), RDFS.label)) >= {"vi", "en"}


# ---------------------------------------------------------------- bookkeeping properties

@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_assertion_properties(name: str, g: Graph) -> None:
    kind, domain, range_ = PROPERTIES[name]
    assert (kg(name), RDF.type, kind) in g
    assert g.value(kg(name), RDFS.domain) == kg(domain)
    assert g.value(kg(name), RDFS.range) == (kg(range_) if range_ else None)


@pytest.mark.parametrize("name, parent", [
    ("sentence", PROV + "wasDerivedFrom"),
    ("article", "http://purl.org/dc/terms/isPartOf"),
])
def test_provenance_sub_properties(name: str, parent: str, g: Graph) -> None:
    assert (kg(name), RDFS.subPropertyOf, URIRef(parent)) in g


# ---------------------------------------------------------------- closed namespace

def test_closed_namespace_known_terms() -> None:
    assert KG.providesAidTo == URIRef(NS + "providesAidTo")
    assert KG["meetsWith"] == URIRef(NS + "meetsWith")
    assert KG.Assertion == URIRef(NS + "Assertion")
    assert "confidence" in KG and NS + "asserted" in KG and "typo" not in KG
    assert set(relations()) <= {str(t)[len(NS):] for t in KG}


@pytest.mark.parametrize("typo", ["provideAidTo", "typo", "meetswith", "Assertions"])
def test_closed_namespace_rejects_typos(typo: str) -> None:
    with pytest.raises(UnknownTermError) as err:
        getattr(KG, typo)
    assert isinstance(err.value, AttributeError) and typo in str(err.value)
    with pytest.raises(UnknownTermError):
        KG[typo]
    assert not hasattr(KG, typo)


# ---------------------------------------------------------------- shapes agree with the ontology

def test_shapes_list_exactly_the_relations_and_modalities() -> None:
    shapes = Graph().parse(ontology.shapes_path(), format="turtle")
    lists: dict[str, set[str]] = {}
    for prop in shapes.objects(URIRef(ontology.SH_NS + "AssertionShape"), SH.property):
        path, values = shapes.value(prop, SH.path), shapes.value(prop, SH["in"])
        if values is not None:
            lists[str(path)[len(NS):]] = {str(v)[len(NS):] for v in Collection(shapes, values)}
    assert lists["predicate"] == set(relations())
    assert lists["modality"] == set(ontology.modalities())


# ---------------------------------------------------------------- overriding the folder

@pytest.fixture
def ontology_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = ontology.ontology_dir()
    for f in ("kg.ttl", "shapes.ttl"):
        shutil.copy(src / f, tmp_path / f)
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path))
    return tmp_path


def test_env_var_overrides_the_folder(ontology_copy: Path) -> None:
    extra = """
kg:sanctions a owl:ObjectProperty ; rdfs:subPropertyOf kg:relatedTo ;
    rdfs:domain kg:Actor ; rdfs:range kg:Actor ;
    rdfs:label "sanctions"@en , "trừng phạt"@vi ; rdfs:comment "x"@en , "x"@vi .
"""
    with open(ontology_copy / "kg.ttl", "a", encoding="utf-8") as f:
        f.write(extra)
    assert ontology.ontology_path() == ontology_copy / "kg.ttl"
    assert "sanctions" in relations() and len(relations()) == 18
    assert KG.sanctions == URIRef(NS + "sanctions")


def test_missing_ontology_raises(ontology_copy: Path) -> None:
    (ontology_copy / "kg.ttl").unlink()
    with pytest.raises(OntologyError, match="does not exist"):
        relations()


def test_broken_ontology_raises(ontology_copy: Path) -> None:
    (ontology_copy / "kg.ttl").write_text("@prefix kg: <x> . kg:a kg:b", encoding="utf-8")
    with pytest.raises(OntologyError, match="not valid Turtle"):
        relation("meetsWith")
