"""The library API behind the CLI: read → extract → corpus → export.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Nhật Bản tặng Việt Nam 1 triệu liều vắc xin.\\n", encoding="utf-8")
>>> corpus = extract_corpus([d])
>>> [(a.subject, a.predicate, a.object) for a in corpus.assertions]
[('country/japan', 'providesAidTo', 'country/vietnam')]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import NoArticlesError
from .model import Article, Assertion, Corpus

Progress = Callable[[str, int, int | None], None]     # (label, done, total)
Warn = Callable[[str], None]


@dataclass
class BuildResult:
    corpus: Corpus
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Counter]:
        ents: Counter[str] = Counter()
        used = {a.subject for a in self.corpus.assertions} | {a.object for a in self.corpus.assertions}
        for eid in used:
            ent = self.corpus.entities.get(eid)
            if ent is not None:
                ents[ent.type] += 1
        rels = Counter(a.predicate for a in self.corpus.assertions if not a.inferred)
        inferred = Counter(a.predicate for a in self.corpus.assertions if a.inferred)
        return {"entities": ents, "relations": rels, "inferred": inferred}

    def aliases(self) -> dict[str, list[str]]:
        """Merged aliases per person entity (what resolution joined)."""
        return {eid: sorted(e.aliases) for eid, e in self.corpus.entities.items()
                if e.type == "Person" and len(e.aliases) > 1}


def _dedupe(assertions: Iterable[Assertion]) -> list[Assertion]:
    best: dict[tuple, Assertion] = {}
    order: list[tuple] = []
    for a in assertions:
        key = (a.doc, a.subject, a.predicate, a.object, a.modality, a.sentence_start)
        if key not in best:
            best[key] = a
            order.append(key)
        elif a.confidence > best[key].confidence:
            best[key] = a
    return [best[k] for k in order]


def extract_corpus(inputs: Iterable[str | Path], *, progress: Progress | None = None,
                   warn: Warn | None = None) -> Corpus:
    """Read every article under ``inputs`` and extract its assertions.

    Raises :class:`~kg.errors.NoArticlesError` when nothing readable was found,
    and :class:`~kg.errors.InputNotFoundError` for a path that does not exist.
    """
    from .extract import Extractor
    from .reader import iter_input_files, read_articles

    inputs = list(inputs)
    files = list(iter_input_files(inputs))
    extractor = Extractor()
    articles: list[Article] = []
    assertions: list[Assertion] = []
    for n, article in enumerate(read_articles(files, warn=warn), 1):
        articles.append(article)
        assertions.extend(extractor.extract(article))
        if progress:
            progress(article.doc, n, len(files))
    if not articles:
        raise NoArticlesError(", ".join(map(str, inputs)) or "(no input)")
    assertions = _dedupe(assertions)
    used = {a.subject for a in assertions} | {a.object for a in assertions}
    return Corpus(articles, extractor.entities(used), assertions, extractor.version)


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, formats: list[str] | None = None,
          progress: Progress | None = None, warn: Warn | None = None) -> BuildResult:
    """Extract a corpus and write every output to ``out_dir`` (all or nothing)."""
    from .export import write_all

    warnings: list[str] = []

    def _warn(msg: str) -> None:
        warnings.append(msg)
        if warn:
            warn(msg)

    corpus = extract_corpus(inputs, progress=progress, warn=_warn)
    out = Path(out_dir)
    outputs = write_all(corpus, out, formats=formats,
                        on_progress=(lambda name, done, total: progress(f"write {name}", done, total)) if progress else None)
    return BuildResult(corpus, outputs, warnings)
