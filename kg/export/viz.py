"""Draw any graph file kg wrote as the interactive HTML view, whole or around one entity.

The view model comes from the model dataclasses: a graph file is read back into
a :class:`~kg.model.Corpus` (entities with their labels and aliases, articles,
one :class:`~kg.model.Assertion` per sentence an assertion was read from), and
:func:`kg.export.html.write_page` draws it. ``focus`` picks one entity by any of
its names, with or without diacritics, and ``depth`` how far around it to go.

>>> from kg.model import Assertion, Corpus, Entity
>>> corpus = Corpus(entities={
...     "person/bui-thanh-son": Entity("person/bui-thanh-son", "Person", "Bui Thanh Son",
...                                    {"vi": "Bùi Thanh Sơn"}, {"Bộ trưởng Sơn"}),
...     "country/russia": Entity("country/russia", "Country", "Russia", {"vi": "Nga"})},
...     assertions=[Assertion("d", "person/bui-thanh-son", "visits", "country/russia"),
...                 Assertion("d", "country/russia", "providesAidTo", "country/laos")])
>>> find_entity(corpus, "bo truong son")
'person/bui-thanh-son'
>>> part, _ = neighbourhood(corpus, focus="Bùi Thanh Sơn", depth=1)
>>> [a.predicate for a in part.assertions]
['visits']
"""
from __future__ import annotations

import difflib
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import (AmbiguousFocusError, EmptyViewWarning, FocusNotFoundError, GraphReadError,
                     LargeViewWarning, ViewOptionError)
from ..model import ENTITY_TYPES, Article, Corpus, Entity
from ..lang.text import fold, nfc

# The RDF formats kg writes (kg.rdf.read reads them); .jsonl is kg's assertions file.
RDF_SUFFIXES = (".ttl", ".trig", ".jsonld", ".json", ".nt", ".nq")
GRAPH_SUFFIXES = (*RDF_SUFFIXES, ".jsonl")
# Above this the page still works (see benchmarks/html_view.py) but is slow to lay out.
LARGE_VIEW = 5000

Warn = Callable[[str], None]
Progress = Callable[[str], None]


@dataclass
class ViewResult:
    """What :func:`render_view` wrote."""

    path: Path
    entities: int
    relations: int
    assertions: int
    focus: str | None = None


# --------------------------------------------------------------------------- reading

def read_corpus(path: str | Path) -> Corpus:
    """Read a graph file kg wrote (.ttl, .trig, .jsonld, .nt, .nq or assertions.jsonl).

    Raises :class:`~kg.errors.GraphReadError` naming the file when it is
    missing, has an unknown extension or cannot be parsed.
    """
    from ..rdf.read import corpus_from_quads, read_quads

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        if not path.is_file():
            raise GraphReadError(f"{path}: no such graph file")
        return _corpus_from_jsonl(path)
    if suffix not in RDF_SUFFIXES:
        raise GraphReadError(f"{path}: unknown extension {path.suffix!r} (kg viz reads "
                             f"{', '.join(GRAPH_SUFFIXES)})")
    return corpus_from_quads(read_quads(path))


def _corpus_from_jsonl(path: Path) -> Corpus:
    import json

    from .jsonl import read_assertions_jsonl

    assertions = read_assertions_jsonl(path)
    entities: dict[str, Entity] = {}
    articles: dict[str, Article] = {}
    # The records also carry each entity and article; read them in the same order.
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line, a in zip(lines, assertions):
        rec = json.loads(line)
        for key, eid in (("subject", a.subject), ("object", a.object)):
            item = rec.get(key)
            if isinstance(item, dict) and item.get("type") in ENTITY_TYPES and eid not in entities:
                entities[eid] = Entity(eid, item["type"], nfc(item.get("label") or eid),
                                       {k: nfc(v) for k, v in (item.get("labels") or {}).items()},
                                       {nfc(x) for x in item.get("aliases") or []}, item.get("wikidata"))
        meta = rec.get("article") or {}
        if a.doc not in articles:
            articles[a.doc] = Article(doc=a.doc, text="", url=meta.get("url"), title=meta.get("title"),
                                      date=meta.get("date"), lang=meta.get("lang") or "vi")
    return Corpus(articles=list(articles.values()), entities=entities, assertions=assertions)


# --------------------------------------------------------------------------- focus

def _keys(entity: Entity) -> set[str]:
    names = {entity.id, entity.label, *entity.labels.values(), *entity.aliases}
    return {fold(n) for n in names if n} - {""}


def find_entity(corpus: Corpus, name: str, *, graph: str = "the graph") -> str:
    """The id of the one entity ``name`` names: an id, or any label or alias,
    ignoring case and diacritics; failing that, the one entity with a name that
    contains all of its words.

    Raises :class:`~kg.errors.FocusNotFoundError` (with the closest names) or
    :class:`~kg.errors.AmbiguousFocusError` (with the candidates).
    """
    if name in corpus.entities:
        return name
    key = fold(name)
    keys = {eid: _keys(e) for eid, e in corpus.entities.items()}
    for test in (lambda k: k == key, lambda k: set(key.split()) <= set(k.split())):
        hits = sorted(eid for eid, ks in keys.items() if key and any(test(k) for k in ks))
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise AmbiguousFocusError(name, graph=graph, candidates=", ".join(hits[:10]))
    labels = {fold(e.label): e.label for e in corpus.entities.values()}
    close = [labels.get(k, k) for k in difflib.get_close_matches(key, sorted(labels), n=5, cutoff=0.6)]
    hint = f" Close names: {', '.join(close)}." if close else " Check the spelling, or give an entity id."
    raise FocusNotFoundError(name, graph=graph, hint=hint)


def neighbourhood(corpus: Corpus, *, focus: str, depth: int = 1, graph: str = "the graph") -> tuple[Corpus, str]:
    """The part of ``corpus`` within ``depth`` relations of the entity ``focus``
    names (see :func:`find_entity`), and that entity's id.

    Keeps every assertion between two entities of the neighbourhood, so
    relations among the focus's neighbours show too.
    Raises :class:`~kg.errors.ViewOptionError` for a negative depth.
    """
    if depth < 0:
        raise ViewOptionError(f"--depth must be 0 or more, not {depth}")
    centre = find_entity(corpus, focus, graph=graph)
    links: dict[str, set[str]] = defaultdict(set)
    for a in corpus.assertions:
        links[a.subject].add(a.object)
        links[a.object].add(a.subject)
    keep, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {n for f in frontier for n in links[f]} - keep
        keep |= frontier
    assertions = [a for a in corpus.assertions if a.subject in keep and a.object in keep]
    docs = {a.doc for a in assertions}
    return Corpus(articles=[art for art in corpus.articles if art.doc in docs],
                  entities={eid: e for eid, e in corpus.entities.items() if eid in keep},
                  assertions=assertions, extractor=corpus.extractor), centre


# --------------------------------------------------------------------------- the one call

def render_view(graph: str | Path, out: str | Path, *, focus: str | None = None, depth: int = 1,
                lang: str | None = None, warn: Warn | None = None,
                progress: Progress | None = None) -> ViewResult:
    """Read ``graph`` (any file kg wrote), draw it, write the page to ``out`` (UTF-8).

    ``focus`` limits the view to that entity and what lies within ``depth``
    relations of it; ``lang`` ("en"/"vi") picks the labels shown first.
    ``warn`` receives W030 (nothing to draw) and W031 (a large view) messages;
    ``progress`` the name of each step.

    Raises :class:`~kg.errors.GraphReadError`, :class:`~kg.errors.FocusNotFoundError`,
    :class:`~kg.errors.AmbiguousFocusError`, :class:`~kg.errors.ViewOptionError`,
    :class:`~kg.errors.OutputError`.
    """
    from .html import graph_data, write_page

    def emit(category: type[EmptyViewWarning] | type[LargeViewWarning], text: str) -> None:
        message = f"{category.code}: {text}"
        if warn is None:
            warnings.warn(message, category, stacklevel=3)
        else:
            warn(message)

    step = progress or (lambda _label: None)
    if depth < 0:
        raise ViewOptionError(f"--depth must be 0 or more, not {depth}")
    step(f"reading {Path(graph).name}")
    corpus = read_corpus(graph)
    centre = None
    if focus is not None:
        corpus, centre = neighbourhood(corpus, focus=focus, depth=depth, graph=str(graph))
    if not corpus.assertions:
        emit(EmptyViewWarning, f"{graph} has no kg assertions" + (f" around {centre}" if centre else "")
             + "; the view shows no relation.")
    step("laying out")
    data = graph_data(corpus, lang=lang, focus=centre, depth=depth if centre else None)
    if len(data["nodes"]) > LARGE_VIEW:
        emit(LargeViewWarning, f"{len(data['nodes'])} entities and {data['meta']['relations']} relations: "
             "the view takes a while to lay out; try --focus NAME --depth 1.")
    step(f"writing {Path(out).name}")
    write_page(data, Path(out))
    # Relations drawn: an office is shown on its person, not as an edge.
    return ViewResult(Path(out), len(data["nodes"]), data["meta"]["relations"], len(corpus.assertions), centre)
