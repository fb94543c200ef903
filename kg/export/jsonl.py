"""JSON Lines exporter: one assertion per line, the format ``score.py`` reads.

Unlike the RDF, records are not merged: the same fact read in two sentences
gives two lines (the scorer compares sets, so this costs nothing there, and
each line keeps its own sentence, offsets and confidence). Inferred
assertions are written too, with ``"inferred": true``, which the scorer skips.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from ..errors import GraphReadError
from ..rdf.merge import assertion_id
from ..model import Article, Assertion, Corpus, Entity, Quantity
from ..lang.text import nfc
from . import EXPORTERS
from .atomic import atomic_write


def _entity_json(entity_id: str, entity: Entity | None) -> dict[str, Any]:
    if entity is None:      # referenced but not described: the id is all we know
        return {"id": entity_id, "label": entity_id, "type": "", "aliases": []}
    rec: dict[str, Any] = {"id": entity.id, "label": entity.label, "type": entity.type,
                           "aliases": sorted(entity.aliases), "labels": dict(entity.labels)}
    if entity.wikidata:
        rec["wikidata"] = entity.wikidata
    if entity.type == "Position":
        rec["value"] = entity.label     # what the scorer accepts for holdsPosition
    return rec


def _article_json(article: Article | None) -> dict[str, Any]:
    if article is None:
        return {"url": None, "title": None, "date": None, "lang": None}
    return {"url": article.url, "title": article.title, "date": article.date, "lang": article.lang}


def assertion_record(a: Assertion, corpus: Corpus, articles: dict[str, Article] | None = None, *,
                     shared: bool = True) -> dict[str, Any]:
    """The JSON object written for one assertion; without ``shared``, only its
    own fields (no subject, predicate, object or article)."""
    own = {
        "id": assertion_id(a),
        "doc": a.doc,
        "modality": a.modality,
        "confidence": a.confidence,
        "inferred": a.inferred,
        "date": a.date,
        "start": a.start,
        "end": a.end,
        "quantities": [q.to_json() for q in a.quantities],
        "attrs": a.attrs,
        "sentence": a.sentence,
        "offsets": [a.sentence_start, a.sentence_end],
        "trigger": a.trigger,
        "extractor": a.extractor or corpus.extractor,
    }
    if not shared:
        return own
    if articles is None:
        articles = {art.doc: art for art in corpus.articles}
    head = {"id": own.pop("id"), "doc": own.pop("doc"),
            "subject": _entity_json(a.subject, corpus.entities.get(a.subject)), "predicate": a.predicate,
            "object": _entity_json(a.object, corpus.entities.get(a.object))}
    return {**head, **own, "article": _article_json(articles.get(a.doc))}


def _json_default(value: Any) -> Any:
    # attrs are free-form: make sets and other odd values serialisable
    # deterministically instead of failing the whole export.
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k) if isinstance(k, str) else k: _nfc_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc_deep(v) for v in value]
    return value


# JSON may hold these raw, but str.splitlines() and many editors break lines
# at them, which would split one record in two.
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _one_line(record: str) -> str:
    """
    >>> json.loads(_one_line(json.dumps("a\u2028b", ensure_ascii=False))) == "a\u2028b"
    True
    """
    if _LINE_BREAKS.search(record) is None:
        return record
    return _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", record)


def _dumps(value: Any) -> str:
    return _one_line(json.dumps(_nfc_deep(value), ensure_ascii=False, default=_json_default))


# What a line owns (no entity, no article): head, subject id, predicate JSON, object id, tail.
OwnParts = tuple[str, str, str, str, str]


class _RecordWriter:
    """JSON text of :func:`assertion_record`, byte for byte, with each entity
    and article serialised once: they repeat in every record that names them."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.articles = {art.doc: art for art in corpus.articles}
        self._entities: dict[str, str] = {}
        self._article_text: dict[str, str] = {}

    def entity(self, eid: str) -> str:
        text = self._entities.get(eid)
        if text is None:
            text = self._entities[eid] = _dumps(_entity_json(eid, self.corpus.entities.get(eid)))
        return text

    def article(self, doc: str) -> str:
        text = self._article_text.get(doc)
        if text is None:
            text = self._article_text[doc] = _dumps(_article_json(self.articles.get(doc)))
        return text

    def own(self, a: Assertion) -> OwnParts:
        """The parts of a line that are the assertion's own (no entity, no article):
        (head, subject id, predicate JSON, object id, tail)."""
        rest = assertion_record(a, self.corpus, self.articles, shared=False)
        head = _dumps({"id": rest.pop("id"), "doc": rest.pop("doc")})[:-1]
        return head, a.subject, _dumps(a.predicate), a.object, _dumps(rest)[1:-1]

    def join(self, doc: str, own: OwnParts) -> str:
        """A whole line: the own parts with the entities and the article spliced in.
        Entities are corpus-wide (a later article can add an alias), so they are never cached."""
        head, subject, predicate, obj, tail = own
        return (f'{head}, "subject": {self.entity(subject)}, "predicate": {predicate}, '
                f'"object": {self.entity(obj)}, {tail}, "article": {self.article(doc)}}}')

    def line(self, a: Assertion) -> str:
        return self.join(a.doc, self.own(a))


@EXPORTERS.register("jsonl", aliases=("assertions",))
def write_jsonl(corpus: Corpus, path: Path) -> None:
    from .fragments import current

    frags = current()
    records = _RecordWriter(corpus)
    by_doc: dict[str, list[Assertion]] = {}
    for a in corpus.assertions:
        by_doc.setdefault(a.doc, []).append(a)
    with atomic_write(path) as fh:
        # The order of sorted(assertions, key=(doc, sentence_start, predicate)),
        # one doc at a time: sorted() is stable, so ties keep the extraction order.
        for doc in sorted(by_doc):
            key = frags.key("jsonl", doc) if frags is not None else ""
            parts = frags.get("jsonl", key, list[OwnParts]) if frags is not None else None
            if parts is None:
                ordered = sorted(by_doc[doc], key=lambda a: (a.sentence_start, a.predicate))
                parts = [records.own(a) for a in ordered]
                if frags is not None:
                    frags.put("jsonl", key, parts, list[OwnParts])
            fh.write("".join([records.join(doc, own) + "\n" for own in parts]))


def _entity_id(term: Any) -> str:
    if isinstance(term, dict):
        return str(term.get("id") or term.get("value") or term.get("label") or "")
    return str(term)


def read_assertions_jsonl(path: str | os.PathLike[str]) -> list[Assertion]:
    """Read back the :class:`Assertion` objects of a file :func:`write_jsonl` wrote.

    Raises :class:`~kg.errors.GraphReadError` naming the line of a bad record.
    """
    out: list[Assertion] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GraphReadError(f"{path}: {exc}") from exc
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            start, end = (rec.get("offsets") or [0, 0])[:2]
            out.append(Assertion(
                doc=rec["doc"], subject=_entity_id(rec["subject"]), predicate=rec["predicate"],
                object=_entity_id(rec["object"]), modality=rec.get("modality") or "asserted",
                confidence=float(rec.get("confidence", 0.5)), sentence=rec.get("sentence") or "",
                sentence_start=int(start), sentence_end=int(end), trigger=rec.get("trigger") or "",
                date=rec.get("date"), start=rec.get("start"), end=rec.get("end"),
                quantities=[Quantity(**q) for q in rec.get("quantities") or []],
                attrs=dict(rec.get("attrs") or {}), inferred=bool(rec.get("inferred", False)),
                extractor=rec.get("extractor") or ""))
        except (ValueError, KeyError, TypeError) as exc:
            raise GraphReadError(f"{path}, line {lineno}: {exc!r}") from exc
    return out
