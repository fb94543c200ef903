"""Read graph files back: the one parser of every reader of kg's graphs (viz, validate, store).

Files are parsed by pyoxigraph, whose errors give line and column; the format
comes from the extension. What the layout (:mod:`kg.rdf.layout`) wrote is read
back with its own names: :func:`corpus_from_quads` rebuilds a
:class:`~kg.model.Corpus`, :func:`split_by_article` puts the triples of a
Turtle or N-Triples file back into their article graphs. :func:`to_rdflib`
hands the quads to rdflib where a library needs its graphs (pyshacl).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.trig"
>>> _ = path.write_text("<http://ex/g1> { <http://ex/a> <http://ex/p> 1 . }", encoding="utf-8")
>>> [str(q) for q in read_quads(path)]
['<http://ex/a> <http://ex/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/g1>']
>>> read_quads(path.with_suffix(".csv"))  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
kg.errors.GraphReadError: E008: cannot read graph ...: unknown extension '.csv' ...
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ..errors import GraphReadError
from ..model import ENTITY_TYPES, Article, Assertion, Corpus, Entity, Quantity
from ..lang.text import nfc

if TYPE_CHECKING:   # pyoxigraph and rdflib are imported lazily (kg --help must stay fast)
    import pyoxigraph
    import rdflib

# File extension -> pyoxigraph RdfFormat attribute name.
FORMATS: dict[str, str] = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
    ".jsonld": "JSON_LD", ".json": "JSON_LD", ".n3": "N3", ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# ------------------------------------------------------------------- parsing
def rdf_format(path: Path) -> pyoxigraph.RdfFormat:
    """The RDF format of ``path`` from its extension; E008 for an unknown one."""
    import pyoxigraph

    name = FORMATS.get(path.suffix.lower())
    if name is None:
        raise GraphReadError(f"{path}: unknown extension {path.suffix!r}. Use one of {', '.join(sorted(FORMATS))}.")
    return getattr(pyoxigraph.RdfFormat, name)


def _invalid(path: Path, fmt: Any, exc: Exception) -> GraphReadError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return GraphReadError(f"{path}: not valid {fmt.name.lower()}: {reason}")    # e.g. "turtle", "json-ld"


def read_quads(path: str | Path, *, what: str = "graph") -> list[pyoxigraph.Quad]:
    """Every quad of the file ``path`` (triples are in the default graph), in file order.

    E008 (:class:`~kg.errors.GraphReadError`) naming the file when it is
    missing (``no such {what} file``), has an unknown extension or is not valid.
    """
    import pyoxigraph

    path = Path(path)
    if not path.is_file():
        raise GraphReadError(f"{path}: no such {what} file")
    fmt = rdf_format(path)
    try:
        return list(pyoxigraph.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
    except (SyntaxError, ValueError, OSError) as exc:
        raise _invalid(path, fmt, exc) from None


def load_into(store: Any, path: Path) -> None:
    """Load the file ``path`` into a pyoxigraph store (its bulk path), E008 when it is not valid."""
    fmt = rdf_format(path)
    try:
        store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError, OSError) as exc:
        raise _invalid(path, fmt, exc) from None


def union(quads: Iterable[Any]) -> list[tuple[Any, Any, Any]]:
    """The triples of all graphs, each once, in first-seen order."""
    return list(dict.fromkeys((q.subject, q.predicate, q.object) for q in quads))


# ---------------------------------------------------------------- to rdflib
def _rdflib_term(term: Any, blanks: dict[str, Any]) -> Any:
    from pyoxigraph import BlankNode, Literal, NamedNode
    from rdflib import BNode, URIRef
    from rdflib import Literal as RLiteral

    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return blanks.setdefault(term.value, BNode())
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if term.language:
            return RLiteral(term.value, lang=term.language)
        return RLiteral(term.value, datatype=None if datatype in (_XSD_STRING, _LANG_STRING) else URIRef(datatype))
    raise GraphReadError(f"an RDF term kg does not read: {term}")


def to_rdflib(quads: Iterable[Any], *, merged: bool = False) -> rdflib.Dataset | rdflib.Graph:
    """The quads as an rdflib Dataset (named graphs kept) or, ``merged``, one Graph of all their triples."""
    from pyoxigraph import NamedNode
    from rdflib import Dataset, Graph, URIRef

    blanks: dict[str, Any] = {}
    if merged:
        graph = Graph()
        for s, p, o in union(quads):
            graph.add((_rdflib_term(s, blanks), _rdflib_term(p, blanks), _rdflib_term(o, blanks)))
        return graph
    ds = Dataset()
    # rdflib >= 7.1 renamed default_context (now deprecated) to default_graph.
    default = getattr(ds, "default_graph", None)
    default = default if isinstance(default, Graph) else ds.default_context
    for q in quads:
        g = ds.graph(URIRef(q.graph_name.value)) if isinstance(q.graph_name, NamedNode) else default
        g.add((_rdflib_term(q.subject, blanks), _rdflib_term(q.predicate, blanks), _rdflib_term(q.object, blanks)))
    return ds


# ------------------------------------------------------------ back to a corpus
def _local(term: Any, base: str) -> str:
    text = term.value
    return unquote(text[len(base):]) if text.startswith(base) else text


class _Index:
    """The triples by subject and predicate, for the look-ups of :func:`corpus_from_quads`."""

    def __init__(self, quads: Iterable[Any]) -> None:
        self.props: dict[Any, dict[str, list[Any]]] = {}
        self.typed: dict[str, list[Any]] = {}
        for s, p, o in union(quads):
            self.props.setdefault(s, {}).setdefault(p.value, []).append(o)
            if p.value.endswith("#type") and p.value.startswith("http://www.w3.org/1999/02/22-rdf-syntax-ns"):
                self.typed.setdefault(o.value, []).append(s)

    def all(self, node: Any, prop: str) -> list[Any]:
        return self.props.get(node, {}).get(prop, []) if node is not None else []

    def one(self, node: Any, prop: str) -> Any:
        found = self.all(node, prop)
        return found[0] if found else None

    def text(self, node: Any, prop: str) -> str | None:
        found = self.one(node, prop)
        return nfc(found.value) if found is not None else None


def _entities(ix: _Index) -> dict[str, Entity]:
    from .layout import OWL, RDFS, SKOS, WIKIDATA
    from .ontology import ID, NS

    entities: dict[str, Entity] = {}
    for etype in ENTITY_TYPES:
        for node in ix.typed.get(NS + etype, []):
            eid = _local(node, ID)
            labels: dict[str, str] = {}
            plain: list[str] = []
            for lit in ix.all(node, RDFS + "label"):
                if getattr(lit, "language", None):
                    labels[lit.language] = nfc(lit.value)
                else:
                    plain.append(nfc(lit.value))
            label = min(plain) if plain else labels.get("en") or labels.get("vi") or next(iter(labels.values()), eid)
            wikidata = [_local(o, WIKIDATA) for o in ix.all(node, OWL + "sameAs") if o.value.startswith(WIKIDATA)]
            source = [o.value for o in ix.all(node, NS + "source")]
            files = [o.value for o in ix.all(node, NS + "lexiconFile")]
            entities[eid] = Entity(eid, etype, label, labels, {nfc(a.value) for a in ix.all(node, SKOS + "altLabel")},
                                   min(wikidata) if wikidata else None, min(source, default=""), min(files, default=None))
    return dict(sorted(entities.items()))


def _number(lit: Any, default: float) -> float:
    try:
        return float(lit.value)
    except (AttributeError, ValueError):
        return default


def _sentences(ix: _Index, node: Any) -> list[tuple[int, int, str]]:
    from .ontology import NS

    return sorted((int(_number(ix.one(s, NS + "startOffset"), 0)), int(_number(ix.one(s, NS + "endOffset"), 0)),
                   ix.text(s, NS + "text") or "") for s in ix.all(node, NS + "sentence"))


def _assertions(ix: _Index, doc_of: dict[Any, str]) -> list[Assertion]:
    from pyoxigraph import Literal

    from .layout import ATTR_TERMS, PROV, RDFS
    from .ontology import ID, NS

    out: list[Assertion] = []
    for node in ix.typed.get(NS + "Assertion", []):
        subject, predicate, obj = (ix.one(node, NS + p) for p in ("subject", "predicate", "object"))
        if subject is None or predicate is None or obj is None:
            continue        # not a kg assertion: nothing to draw
        article, extractor = ix.one(node, PROV + "wasDerivedFrom"), ix.one(node, PROV + "wasAttributedTo")
        inferred = ix.one(node, NS + "inferred")
        quantities = [Quantity(_number(ix.one(q, NS + "amount"), float("nan")), ix.text(q, NS + "unit") or "",
                               ix.text(q, NS + "quantityText") or "", ix.text(q, NS + "quantityRole") or "value")
                      for q in ix.all(node, NS + "quantity")]
        attrs: dict[str, Any] = {}
        for key, term in ATTR_TERMS.items():
            found = sorted(nfc(v.value) for v in ix.all(node, NS + term))
            if found:
                attrs[key] = found[0] if len(found) == 1 else found
        triggers = sorted(nfc(t.value) for t in ix.all(node, NS + "trigger"))
        modality = ix.one(node, NS + "modality")
        common = dict(
            doc=doc_of.get(article, _local(article, ID + "article/") if article is not None else ""),
            subject=_local(subject, ID), predicate=_local(predicate, NS), object=_local(obj, ID),
            modality=_local(modality, NS) if modality is not None else "asserted",
            confidence=_number(ix.one(node, NS + "confidence"), 0.5),
            date=ix.text(node, NS + "date"), start=ix.text(node, NS + "startDate"), end=ix.text(node, NS + "endDate"),
            quantities=quantities, attrs=attrs,
            inferred=isinstance(inferred, Literal) and inferred.value in ("true", "1"),
            extractor=(ix.text(extractor, RDFS + "label") or "") if extractor is not None else "")
        for start, end, text in _sentences(ix, node) or [(0, 0, "")]:
            # Several triggers: each sentence shows the one it contains.
            trigger = next((t for t in triggers if t and t.casefold() in text.casefold()),
                           triggers[0] if triggers else "")
            out.append(Assertion(sentence=text, sentence_start=start, sentence_end=end, trigger=trigger, **common))
    out.sort(key=lambda a: (a.doc, a.sentence_start, a.predicate, a.subject, a.object, a.modality))
    return out


def corpus_from_quads(quads: Iterable[Any]) -> Corpus:
    """Rebuild a :class:`Corpus` from the quads of a graph in kg's layout (all graphs merged).

    A merged assertion read in several sentences becomes one assertion per
    sentence, so the view lists each sentence as evidence.
    """
    from .layout import DCTERMS, RDFS, SCHEMA
    from .ontology import ID, NS

    ix = _Index(quads)
    articles: dict[str, Article] = {}
    doc_of: dict[Any, str] = {}
    for node in ix.typed.get(NS + "Article", []):
        doc = ix.text(node, NS + "docId") or _local(node, ID + "article/")
        doc_of[node] = doc
        articles[doc] = Article(doc=doc, text="", url=ix.text(node, SCHEMA + "url"),
                                title=ix.text(node, DCTERMS + "title"), date=ix.text(node, DCTERMS + "issued"),
                                lang=ix.text(node, DCTERMS + "language") or "vi")
    extractors = sorted(ix.text(n, RDFS + "label") or "" for n in ix.typed.get(NS + "Extractor", []))
    return Corpus(articles=sorted(articles.values(), key=lambda a: a.doc), entities=_entities(ix),
                  assertions=_assertions(ix, doc_of), extractor=extractors[0] if extractors else "")


# ------------------------------------------------------- Turtle back to graphs
# Nodes that belong to an article: the article itself, what is derived from it
# (assertions), its sentences, and the quantities of its assertions.
def _owned_query() -> str:
    from .layout import PROV
    from .ontology import NS

    return f"""PREFIX kg: <{NS}>
PREFIX prov: <{PROV}>
SELECT DISTINCT ?node ?doc WHERE {{
  {{ ?node kg:docId ?doc }}
  UNION {{ ?art kg:docId ?doc . ?node prov:wasDerivedFrom ?art }}
  UNION {{ ?art kg:docId ?doc . ?node kg:article ?art }}
  UNION {{ ?art kg:docId ?doc . ?assertion prov:wasDerivedFrom ?art ; kg:quantity ?node }}
}}"""


# The direct triple ``s rel o`` of an asserted fact belongs to the article that states it.
def _direct_query() -> str:
    from .layout import PROV
    from .ontology import NS

    return f"""PREFIX kg: <{NS}>
PREFIX prov: <{PROV}>
SELECT DISTINCT ?s ?p ?o ?doc WHERE {{
  ?art kg:docId ?doc .
  ?assertion prov:wasDerivedFrom ?art ; kg:modality kg:asserted ;
             kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
  ?s ?p ?o .
}}"""


def split_by_article(triples: Any) -> tuple[list[Any], int]:
    """Quads of a triples-only pyoxigraph store, each triple in the graph of its article
    (named as in the TriG, :func:`kg.rdf.layout.graph_iri`); the number of articles found."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad

    from .layout import graph_iri

    def graph_of(doc: Any) -> Any:
        return NamedNode(graph_iri(doc.value))

    owners: dict[Any, set[Any]] = {}
    docs: set[str] = set()
    for row in triples.query(_owned_query()):
        owners.setdefault(row["node"], set()).add(graph_of(row["doc"]))
        docs.add(row["doc"].value)
    direct: dict[tuple[Any, Any, Any], set[Any]] = {}
    for row in triples.query(_direct_query()):
        direct.setdefault((row["s"], row["p"], row["o"]), set()).add(graph_of(row["doc"]))
    quads = []
    default = DefaultGraph()
    for q in triples:
        graphs = direct.get((q.subject, q.predicate, q.object)) or owners.get(q.subject) or (default,)
        quads.extend(Quad(q.subject, q.predicate, q.object, g) for g in graphs)
    return quads, len(docs)


__all__ = ["FORMATS", "corpus_from_quads", "load_into", "read_quads", "rdf_format", "split_by_article",
           "to_rdflib", "union"]
