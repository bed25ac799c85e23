"""The two store backends side by side: write, snapshot, load and search the same records.

    .venv/bin/python bench/bench_store.py --pg postgresql://user@127.0.0.1:5432/empty_db [--copies 50]

The bundled example is analysed once (en_core_web_sm); its 12 analyses are copied
``--copies`` times under new article ids and written to a new SQLite file and to the
PostgreSQL database (which must hold no storyline tables yet) in batches of 64, as a build
writes them. Then, on each: ``snapshot`` (what the cross-article stage reads), ``library.load``
(what every command reads) and 200 full-text queries (``fts_rows``, sentence scope).
Only the store differs: the per-article stage is not timed.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import library  # noqa: E402
from storyline.engine.build import STORE_BATCH  # noqa: E402
from storyline.records import ArticleAnalysis, from_dict, to_dict  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.store import open_store, shown  # noqa: E402

QUERIES = ["compensation", "canal authority", "salvage tugboats", "ever given", "insurers claim",
           "wind", "court ruling", "ship crew", "traffic jam", "dredging sand"]


def example_analyses() -> list[ArticleAnalysis]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ex.db")
        library.build([str(ROOT / "examples" / "ever_given.jsonl")], Settings(db=db, model="en_core_web_sm"))
        return list(library.load(db).analyses)


def copies(analyses: list[ArticleAnalysis], n: int) -> list[ArticleAnalysis]:
    out = []
    for k in range(n):
        for an in analyses:
            old = an.article.id
            new = f"{old[:10]}{k:06d}"
            out.append(from_dict(ArticleAnalysis, json.loads(json.dumps(to_dict(an)).replace(old, new))))
    return out


def measure(db: str, items: list[ArticleAnalysis]) -> dict[str, float]:
    out = {}
    with open_store(db) as store:
        if store.count_articles():
            sys.exit(f"{shown(db)} already holds articles: give an empty database")
        t = time.perf_counter()
        for i in range(0, len(items), STORE_BATCH):
            store.add_analyses([(an, None) for an in items[i:i + STORE_BATCH]])
        out["write"] = time.perf_counter() - t
        t = time.perf_counter()
        store.snapshot()
        out["snapshot"] = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(20):
            for q in QUERIES:
                store.fts_rows("sentences", [f'"{w}"' for w in q.split()], "any", None, 300)
        out["200 searches"] = time.perf_counter() - t
    t = time.perf_counter()
    library.load(db)
    out["load"] = time.perf_counter() - t
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pg", required=True, help="URL of an empty PostgreSQL database")
    ap.add_argument("--copies", type=int, default=50, help="copies of the 12 example analyses")
    args = ap.parse_args()
    items = copies(example_analyses(), args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        results = {"SQLite": measure(str(Path(tmp) / "bench.db"), items), "PostgreSQL": measure(args.pg, items)}
    print(f"{len(items)} articles | " + " | ".join(results["SQLite"]))
    for name, r in results.items():
        print(f"{name} | " + " | ".join(f"{v:.2f} s" for v in r.values()))


if __name__ == "__main__":
    main()
