"""Plain data objects that flow through the pipeline.

Text → :class:`Article` → :class:`Sentence` → :class:`Mention` → :class:`Entity`
→ :class:`Assertion` → graph → exporters.

Everything here is plain Python (dataclasses, str, int, float), so exporters and
tests never need an NLP library. Character offsets always index into
``Article.text``: the NFC-normalised text of the source file.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("Country", "Person", "Organization", "Vaccine", "Position")
MODALITIES = ("asserted", "requested", "agreed", "planned", "negated")


@dataclass
class Article:
    """One news article, with the spans of its own text.

    ``text`` is the whole source (NFC); ``body`` lists the (start, end) spans of
    lines that belong to the article (title and body paragraphs), so that
    bylines, captions, URLs and related-news lists are kept out of extraction
    while every offset still points into the original text.
    """

    doc: str                      # what assertions cite: the file stem of a one-article file,
                                  # else (corpus rows, fetched pages) the stable ``id``
    text: str                     # full NFC text (for HTML: title + extracted main text)
    path: str = ""                # where it was read from
    url: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    date: str | None = None       # ISO 8601 date of publication, if found
    lang: str = "vi"              # "vi" or "en"
    body: list[tuple[int, int]] = field(default_factory=list)
    dropped: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason)
    id: str = ""                  # stable id: the URL where there is one, else "sha256:" + content hash
    author: str | None = None
    fetched: str | None = None    # ISO 8601 time the page was downloaded (kg fetch), if known
    format: str = "text"          # text | html | jsonl | json | csv | tsv | parquet
    row: int | None = None        # 1-based line/row of a corpus file
    encoding: str = "utf-8"       # codec the bytes were decoded with
    encoding_note: str = ""       # what decoding did: BOM removed, detected codec, NFC changes

    def meta(self) -> dict[str, Any]:
        return {"doc": self.doc, "id": self.id, "path": self.path, "row": self.row, "url": self.url,
                "title": self.title, "date": self.date, "author": self.author, "lang": self.lang,
                "fetched": self.fetched, "format": self.format, "encoding": self.encoding,
                "encoding_note": self.encoding_note}


@dataclass
class Sentence:
    """A sentence of an article; ``start``/``end`` index into ``Article.text``."""

    doc: str
    index: int
    start: int
    end: int
    text: str
    lang: str
    is_title: bool = False


@dataclass
class Mention:
    """A span of a sentence that names or refers to an entity.

    ``start``/``end`` are offsets into the sentence text. ``entity_id`` is set
    once the mention is resolved (e.g. ``"country/vietnam"``).
    """

    start: int
    end: int
    text: str
    type: str                     # one of ENTITY_TYPES, or "Group"/"Ref" for coreference
    entity_id: str | None = None
    source: str = "lexicon"       # lexicon | title-name | proper-noun | coref
    attrs: dict[str, Any] = field(default_factory=dict)
    i: int = 0                    # token span in the sentence
    j: int = 0
    entity_ids: list[str] = field(default_factory=list)   # a group resolves to several entities


@dataclass
class Entity:
    """A resolved real-world thing, one per thing across the whole corpus."""

    id: str                       # readable, stable: "country/vietnam", "person/bui-thanh-son"
    type: str                     # one of ENTITY_TYPES
    label: str                    # preferred label (English where known)
    labels: dict[str, str] = field(default_factory=dict)   # lang -> label
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None   # verified Q-id only
    source: str = ""              # where kg knows it from: lexicon (built-in), user-lexicon, text ("": not said)
    lexicon_file: str | None = None   # the user lexicon that gave it (source "user-lexicon")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "label": self.label, "labels": self.labels,
                "aliases": sorted(self.aliases), "wikidata": self.wikidata}


@dataclass
class Quantity:
    amount: float
    unit: str                     # "dose", "USD", "percent", ...
    text: str                     # as written: "1 triệu liều"
    role: str = "value"           # value | growth | target

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Assertion:
    """One statement of an article: subject — predicate — object, with modality.

    ``predicate`` is a relation local name of the ontology (``providesAidTo``).
    ``sentence_start``/``sentence_end`` index into ``Article.text``.
    """

    doc: str
    subject: str                  # entity id
    predicate: str
    object: str                   # entity id
    modality: str = "asserted"
    confidence: float = 0.5
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    trigger: str = ""
    date: str | None = None       # ISO date of the event
    start: str | None = None      # ISO date range
    end: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)   # e.g. {"level": "comprehensive strategic partnership"}
    inferred: bool = False
    extractor: str = ""

    def key(self) -> tuple[str, str, str, str, str]:
        return (self.doc, self.subject, self.predicate, self.object, self.modality)


@dataclass
class Corpus:
    """What the exporters receive: articles' metadata, entities and assertions.

    No NLP object reaches an exporter; this is the whole contract.
    """

    articles: list[Article] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    assertions: list[Assertion] = field(default_factory=list)
    extractor: str = ""
