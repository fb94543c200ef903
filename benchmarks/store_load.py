"""Load throughput of the embedded triple store (kg load) on a large synthetic graph.

Writes a synthetic graph laid out like kg's (one named graph per article with
its article node, reified assertions, sentences, quantities and direct
triples; entities in the default graph), then times ``kg.store.load_graphs``:
a first load into an empty store and a reload that replaces every article
graph. Prints triples per second.

    python3 benchmarks/store_load.py                     # ~1.1 million triples, TriG
    python3 benchmarks/store_load.py --articles 500      # smaller
    python3 benchmarks/store_load.py --format nq         # N-Quads input
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KG = "https://w3id.org/kgvn/ontology#"
ID = "https://w3id.org/kgvn/id/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
RELATIONS = ("providesAidTo", "meetsWith", "cooperatesWith", "tradesWith", "transfersTechnologyTo", "praises")
MODALITIES = ("asserted", "requested", "agreed", "planned")


def _article(a: int, per_article: int, n_entities: int) -> list[tuple[str, str, str]]:
    doc = f"doc-{a:06d}"
    art = f"<{ID}article/{doc}>"
    triples = [(art, f"<{RDF_TYPE}>", f"<{KG}Article>"), (art, f"<{RDF_TYPE}>", f"<{PROV}Entity>"),
               (art, f"<{KG}docId>", f'"{doc}"'), (art, "<http://purl.org/dc/terms/title>", f'"Bài báo số {a}"@vi'),
               (art, "<http://purl.org/dc/terms/language>", '"vi"')]
    for i in range(per_article):
        node = f"<{ID}assertion/{a:06d}{i:04d}>"
        sentence = f"<{ID}sentence/{doc}/{i * 100}-{i * 100 + 90}>"
        subj = f"<{ID}country/c{(a + i) % n_entities}>"
        obj = f"<{ID}country/c{(a * 7 + i * 3 + 1) % n_entities}>"
        rel = f"<{KG}{RELATIONS[(a + i) % len(RELATIONS)]}>"
        modality = MODALITIES[i % len(MODALITIES)]
        triples += [(node, f"<{RDF_TYPE}>", f"<{KG}Assertion>"), (node, f"<{KG}subject>", subj),
                    (node, f"<{KG}predicate>", rel), (node, f"<{KG}object>", obj),
                    (node, f"<{KG}modality>", f"<{KG}{modality}>"),
                    (node, f"<{KG}confidence>", f'"0.{50 + i % 50}"^^<{XSD}decimal>'),
                    (node, f"<{KG}inferred>", f'"false"^^<{XSD}boolean>'),
                    (node, f"<{KG}trigger>", f'"hỗ trợ {i % 9}"'),
                    (node, f"<{KG}sentence>", sentence), (node, f"<{PROV}wasDerivedFrom>", art),
                    (node, f"<{PROV}wasAttributedTo>", f"<{ID}extractor/kg-extractor/0.1.0>"),
                    (sentence, f"<{RDF_TYPE}>", f"<{KG}Sentence>"),
                    (sentence, f"<{KG}text>", f'"Câu số {i} của bài {a}: Nga hỗ trợ Việt Nam {i} triệu liều."'),
                    (sentence, f"<{KG}startOffset>", f'"{i * 100}"^^<{XSD}integer>'),
                    (sentence, f"<{KG}endOffset>", f'"{i * 100 + 90}"^^<{XSD}integer>'),
                    (sentence, f"<{KG}article>", art)]
        if i % 5 == 0:
            q = f"<{ID}assertion/{a:06d}{i:04d}/q0>"
            triples += [(node, f"<{KG}quantity>", q), (q, f"<{RDF_TYPE}>", f"<{KG}Quantity>"),
                        (q, f"<{KG}amount>", f'"{i}000000"^^<{XSD}decimal>'), (q, f"<{KG}unit>", '"dose"')]
        if modality == "asserted":
            triples.append((subj, rel, obj))
    return triples


def write_synthetic(path: Path, *, articles: int, per_article: int, entities: int, fmt: str) -> int:
    """Write the synthetic graph as TriG or N-Quads; return its number of triples."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        default = [(f"<{ID}country/c{e}>", f"<{RDF_TYPE}>", f"<{KG}Country>") for e in range(entities)]
        default += [(f"<{ID}country/c{e}>", f"<{LABEL}>", f'"Nước {e}"@vi') for e in range(entities)]
        for s, p, o in default:
            out.write(f"{s} {p} {o} .\n")
        n += len(default)
        for a in range(articles):
            graph = f"<{ID}graph/doc-{a:06d}>"
            triples = _article(a, per_article, entities)
            n += len(triples)
            if fmt == "nq":
                out.writelines(f"{s} {p} {o} {graph} .\n" for s, p, o in triples)
            else:
                out.write(f"{graph} {{\n")
                out.writelines(f"  {s} {p} {o} .\n" for s, p, o in triples)
                out.write("}\n")
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--per-article", type=int, default=12, help="assertions per article")
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--format", choices=("trig", "nq"), default="trig")
    args = parser.parse_args()

    from kg.store import load_graphs
    from kg.store.embedded import load_into_store
    from kg.store.files import read_graphs

    work = Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    try:
        source = work / f"synthetic.{args.format}"
        t0 = time.perf_counter()
        n = write_synthetic(source, articles=args.articles, per_article=args.per_article,
                            entities=args.entities, fmt=args.format)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other work slows the figures)")
        print(f"synthetic graph: {n:,} triples in {args.articles:,} article graphs, "
              f"{source.stat().st_size / 1e6:.0f} MB of {args.format} (written in {time.perf_counter() - t0:.1f} s)")
        store = work / "store"

        t0 = time.perf_counter()
        staged = read_graphs([source])
        t_parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = load_into_store(staged, store)
        t_write = time.perf_counter() - t0
        del staged
        total = t_parse + t_write
        print(f"first load (empty store):  {report.triples:,} triples in {total:.1f} s = "
              f"{report.triples / total:,.0f} triples/s  (parse + stage {t_parse:.1f} s, write {t_write:.1f} s)")

        t0 = time.perf_counter()
        report = load_graphs([source], store=store)
        total = time.perf_counter() - t0
        print(f"reload (replaces {report.replaced:,} graphs): {report.triples:,} triples in {total:.1f} s = "
              f"{report.triples / total:,.0f} triples/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
