"""A synthetic news corpus of any size, made of the seeds' real sentences with other entities.

kg itself finds the countries, people and vaccines of every Vietnamese seed
sentence; each synthetic article then draws a title and 6–24 body sentences
from that pool and swaps every entity for another one: countries and vaccines
from ``kg/resources``, people from a pool of generated names (Vietnamese
names from the family names of ``kg/resources/vn_surnames.json``, foreign
names from short lists below). People recur across articles with a skewed
frequency, as in real news, so cross-article resolution has work to do and
the person index grows with the corpus. The output is deterministic for a
given seed.

    python3 benchmarks/synthetic.py 1000 /tmp/corpus-1000
"""
from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Parts of generated names. Synthetic, and deliberately not names from the seeds.
_VI_MIDDLE = "Văn Thị Minh Đức Thanh Quốc Hữu Ngọc Xuân Hoài Kim Công Anh Bảo Gia".split()
_VI_GIVEN = ("Hải Hùng Lan Mai Nam Phong Quân Sơn Tâm Thắng Trung Tuấn Việt Vinh Yến Hòa Hà Hiếu "
             "Khánh Linh Long Nghĩa Nhân Phúc Quang Thảo Thủy Tiến Toàn Trí Tú Vân Bình Cường "
             "Dũng Giang Hạnh Hưng Khoa Lâm Lộc Minh Ninh Phương Sang Tài Thành Thịnh Uyên").split()
_FOREIGN_GIVEN = ("Anna Boris Carlos Daniel Elena Farid Hiroshi Ivan Jean Kwame Lars Maria Nikolai "
                  "Olga Pablo Rahul Sofia Tomas Yuki Zhang Ahmed Lucia Marco Ingrid Kenji Amara "
                  "Dmitri Fatima Gustavo Helena Omar Priya Stefan Teresa Viktor Wei").split()
_FOREIGN_FAMILY = ("Petrov Garcia Tanaka Novak Moreau Schmidt Rossi Kowalski Silva Haddad Okafor "
                   "Lindqvist Ivanova Mendoza Sato Dubois Kumar Jensen Fischer Romero Nakamura Popescu "
                   "Horvat Andersen Castillo Yilmaz Mensah Varga Nguema Bianchi Kuznetsov Herrera "
                   "Lambert Ortega Kimura Müller Costa Sokolov Dimitrov Alvarez").split()
_WORD = re.compile(r"\w")


@dataclass
class Span:
    start: int
    end: int
    kind: str          # country | person | short | vaccine
    ref: str           # entity id of the seed (country/..., person/..., vaccine/...)


@dataclass
class Template:
    text: str
    spans: list[Span]


def _read_json(name: str):
    return json.loads(resources.files("kg.resources").joinpath(name).read_text(encoding="utf-8"))


def _inside(text: str, alias: str) -> int:
    """Where ``alias`` occurs in ``text`` as whole words, or -1."""
    for m in re.finditer(re.escape(alias), text):
        s, e = m.start(), m.end()
        if (s == 0 or not _WORD.match(text[s - 1])) and (e == len(text) or not _WORD.match(text[e])):
            return s
    return -1


def seed_templates() -> tuple[list[Template], list[Template]]:
    """(titles, body sentences) of the Vietnamese seeds, with the spans of their entities."""
    from kg.extract.doc import article_doc, sentence_spans
    from kg.extract.nlp import run
    from kg.build.people_tracking import TrackedExtractor
    from kg.reader import read_articles

    ex = TrackedExtractor()
    titles, body = [], []
    for article in read_articles([SEEDS]):
        if article.lang != "vi":
            continue
        doc = run(ex.nlp, article_doc(ex, article), ("kg_segmenter", "kg_mentions", "kg_coref"))
        for sd in sentence_spans(doc):
            spans = []
            text = sd._.sentence.text
            for m in sd._.mentions:
                if m.type in ("Country", "Vaccine") and m.entity_id and m.source == "lexicon":
                    ent = ex.lex.entities.get(m.entity_id)
                    aliases = sorted(ent.aliases if ent else [], key=len, reverse=True)
                    for alias in aliases:
                        k = _inside(m.text, alias)
                        if k >= 0:
                            spans.append(Span(m.start + k, m.start + k + len(alias), m.type.lower(), m.entity_id))
                            break
                elif m.type == "Person" and m.entity_id and m.attrs.get("name_span"):
                    s, e = m.attrs["name_span"]
                    spans.append(Span(s, e, "person", m.entity_id))
                elif m.type == "Person" and m.entity_id and m.source == "short-name":
                    spans.append(Span(m.start, m.end, "short", m.entity_id))
            spans.sort(key=lambda sp: sp.start)
            clean = [sp for k, sp in enumerate(spans) if k == 0 or sp.start >= spans[k - 1].end]
            (titles if sd._.sentence.is_title else body).append(Template(text, clean))
    return titles, body


class Generator:
    """Draws articles; ``article(i)`` is deterministic given the seed."""

    def __init__(self, seed: int = 7, people: int = 3000) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.titles, self.body = seed_templates()
        self.countries = [c for c in _read_json("countries.json") if c.get("vi")]
        self.vaccines = [v for v in _read_json("vaccines.json") if not v.get("generic") and v.get("vi")]
        surnames = _read_json("vn_surnames.json")["surnames"]
        self.people: list[tuple[str, str, bool]] = []        # (full name, short name, vietnamese)
        seen = set()
        while len(self.people) < people:
            if self.rng.random() < 0.6:
                parts = [self.rng.choice(surnames), self.rng.choice(_VI_MIDDLE), self.rng.choice(_VI_GIVEN)]
                entry = (" ".join(parts), parts[-1], True)
            else:
                parts = [self.rng.choice(_FOREIGN_GIVEN), self.rng.choice(_FOREIGN_FAMILY)]
                entry = (" ".join(parts), parts[-1], False)
            if entry[0] not in seen:
                seen.add(entry[0])
                self.people.append(entry)

    def _person(self, rng: random.Random, vietnamese: bool) -> tuple[str, str, bool]:
        # Pareto-distributed rank: a few people in many articles, most in a few.
        while True:
            k = int(rng.paretovariate(1.2)) - 1
            if k < len(self.people) and self.people[k][2] == vietnamese:
                return self.people[k]
            if k >= len(self.people):
                k = rng.randrange(len(self.people))
                if self.people[k][2] == vietnamese:
                    return self.people[k]

    def article(self, i: int) -> str:
        rng = random.Random(f"{self.seed}-{i}")
        mapping: dict[str, tuple[str, str]] = {}

        def swap(span: Span) -> str:
            if span.ref not in mapping:
                if span.kind == "country":
                    keep = span.ref == "country/vietnam" and rng.random() < 0.6
                    c = next(c for c in self.countries if c["id"] == "vietnam") if keep else rng.choice(self.countries)
                    mapping[span.ref] = (c["vi"], c["vi"])
                elif span.kind == "vaccine":
                    v = rng.choice(self.vaccines)
                    mapping[span.ref] = (v["vi"], v["vi"])
                else:
                    full, short, _ = self._person(rng, rng.random() < 0.6)
                    mapping[span.ref] = (full, short)
            full, short = mapping[span.ref]
            return short if span.kind == "short" else full

        def fill(t: Template) -> str:
            out, last = [], 0
            for sp in t.spans:
                out.append(t.text[last:sp.start])
                out.append(swap(sp))
                last = sp.end
            out.append(t.text[last:])
            return "".join(out)

        title = fill(rng.choice(self.titles))
        sentences = [fill(rng.choice(self.body)) for _ in range(rng.randint(6, 24))]
        paragraphs, k = [], 0
        while k < len(sentences):
            n = rng.randint(1, 4)
            paragraphs.append(" ".join(sentences[k:k + n]))
            k += n
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2024)
        return (f"https://example.vn/tin/bai-{i:06d}.html\n{title}\n"
                f"Ngày đăng : 08:00, {day:02d}/{month:02d}/{year}\n" + "\n".join(paragraphs) + "\nPV\n")


def write_corpus(n: int, folder: Path, *, seed: int = 7) -> Path:
    """Write ``n`` articles into ``folder`` (reused if it already holds them)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / ".complete"
    if stamp.exists() and stamp.read_text() == f"{n} {seed}":
        return folder
    gen = Generator(seed)
    for i in range(n):
        (folder / f"{i:06d}.txt").write_text(gen.article(i), encoding="utf-8")
    stamp.write_text(f"{n} {seed}")
    return folder


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(write_corpus(count, Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/kg-synthetic-{count}")))
