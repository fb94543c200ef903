"""Check a graph file written by kg against the SHACL shapes (``ontology/shapes.ttl``).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = path.write_text('''
... @prefix kg: <https://w3id.org/kgvn/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/kgvn/id/country/vietnam> a kg:Country ; rdfs:label "Việt Nam"@vi .
... ''', encoding="utf-8")
>>> validate_graph(path).conforms
True
>>> _ = path.write_text('''
... @prefix kg: <https://w3id.org/kgvn/ontology#> .
... <https://w3id.org/kgvn/id/country/vietnam> a kg:Country .
... ''', encoding="utf-8")
>>> report = validate_graph(path)
>>> report.conforms, report.results
(False, ['id:country/vietnam rdfs:label: an entity needs at least one rdfs:label'])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import _toPythonMapping

from kg.rdf.ontology import ID, NS, SH_NS, graph as ontology_graph, shapes_path
from kg.rdf.read import FORMATS, read_quads, to_rdflib

# Short forms for messages; the first matching base wins.
_PREFIXES = (
    (NS, "kg:"), (SH_NS, "kgsh:"), (ID, "id:"), (str(RDFS), "rdfs:"), (str(RDF), "rdf:"),
    (str(XSD), "xsd:"), ("http://www.w3.org/ns/prov#", "prov:"), (str(SH), "sh:"),
)

INFERENCE = ("none", "rdfs", "owlrl", "both")


@dataclass
class ValidationReport:
    """Outcome of :func:`validate_graph`.

    ``results`` holds one readable line per SHACL result, sorted; ``text`` is
    pyshacl's full report.
    """

    conforms: bool
    results: list[str] = field(default_factory=list)
    text: str = ""

    def __str__(self) -> str:
        if self.conforms:
            return "Conforms: the graph satisfies the kg shapes."
        return f"Does not conform ({len(self.results)} problems):\n" + "\n".join(
            f"  - {r}" for r in self.results)


def _short(node: object) -> str:
    if isinstance(node, Literal):
        # Show the datatype: "0.5"^^xsd:double is the usual mistake, not 0.5.
        if node.language:
            return f'"{node}"@{node.language}'
        if node.datatype is None or node.datatype == XSD.string:
            return f'"{node}"'
        return f'"{node}"^^{_short(node.datatype)}'
    s = str(node)
    for base, prefix in _PREFIXES:
        if s.startswith(base):
            return prefix + s[len(base):]
    return f"<{s}>" if isinstance(node, URIRef) else s


def _shorten(text: str) -> str:
    """Shorten IRIs that messages (pyshacl's defaults, custom shapes) spell out in full."""
    for base, prefix in _PREFIXES:
        text = text.replace(base, prefix)
    return text


def _read(path: Path, what: str) -> Graph:
    """The union of the file's graphs (pyshacl would check each named graph on
    its own, but an assertion's entities and extractor live in the default graph)."""
    return to_rdflib(read_quads(path, what=what), merged=True)


def _messages(results: Graph) -> list[str]:
    lines = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        msgs = sorted(_shorten(str(m)) for m in results.objects(r, SH.resultMessage))
        where = _short(focus) + (f" {_short(path)}" if path is not None else "")
        text = "; ".join(msgs) or _short(results.value(r, SH.sourceConstraintComponent))
        # The value helps when the message is a generic one from a shape.
        if value is not None and _short(value) not in text and value != focus:
            text += f" (got {_short(value)})"
        lines.add(f"{where}: {text}")
    return sorted(lines)


def validate_graph(path: str | Path, *, shapes: Path | None = None,
                   inference: str = "none") -> ValidationReport:
    """Validate the graph in ``path`` against the kg shapes and ontology.

    The format comes from the extension (.ttl, .trig, .jsonld, .nt, .nq, ...).
    ``shapes`` defaults to ``ontology/shapes.ttl``. Inference defaults to
    ``"none"``: SHACL's sh:class already follows rdfs:subClassOf in the
    mixed-in ontology, while RDFS domain/range inference would type any subject
    of kg:holdsPosition as a kg:Person and so hide the very errors we look for.
    (With inference, owlrl also wrongly rejects xsd:gMonthDay values.)

    Raises :class:`kg.errors.GraphReadError` if a file is missing or unparsable.
    """
    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {INFERENCE}, not {inference!r}")
    import pyshacl  # heavy (owlrl, SPARQL machinery): only when validating

    data = _read(Path(path), "graph")
    shacl = _read(Path(shapes) if shapes is not None else shapes_path(), "shapes")
    # Inference runs owlrl, which swaps rdflib's process-wide lexical converters
    # for its own and never swaps them back (its gMonthDay check rejects every
    # valid value): put rdflib's back so later parsing in this process is unaffected.
    saved = dict(_toPythonMapping)
    try:
        conforms, results, text = pyshacl.validate(
            data, shacl_graph=shacl, ont_graph=ontology_graph(), inference=inference,
            abort_on_first=False, allow_warnings=False, meta_shacl=False, advanced=False,
            debug=False)
    finally:
        _toPythonMapping.clear()
        _toPythonMapping.update(saved)
    return ValidationReport(conforms=bool(conforms), results=_messages(results), text=str(text))


__all__ = ["ValidationReport", "validate_graph", "FORMATS"]
