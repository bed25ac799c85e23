"""storyline's own work in the per-article stage, without the parse, and whether a change
kept the records identical.

    .venv/bin/python bench/bench_stage_work.py [--corpus ../shared/data/te3-silver-newswire]
        [--limit 500] [--repeat 5] [--save OUT.pickle] [--compare OLD.pickle]

The articles are parsed once (cached as a spaCy DocBin under bench/results/), then
``pipeline.analyse_doc`` runs over the parsed docs ``--repeat`` times; the best CPU time
(``time.process_time``) is printed, with the time of each stage in the best run. The docs'
``user_data`` is emptied before each run, so what a stage caches in a doc is paid every
time, as in a build. ``--save`` writes the records; ``--compare`` says whether this run's
records equal a saved run's (the check behind every speed change: same records, less
time). Timings on a shared machine vary by several per cent: compare two checkouts by
alternating runs (``PYTHONPATH=<checkout>/src``), not by one run each.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_pipeline import load_articles  # noqa: E402


def _parsed(nlp, arts, corpus: str, limit: int):
    from spacy.tokens import DocBin

    cache = HERE / "results" / f"parsed-{Path(corpus).name}-{limit}-{nlp.meta.get('name', 'model')}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in arts), batch_size=32))
    cache.parent.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(cache)
    return docs


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "data" / "te3-silver-newswire"))
    p.add_argument("--limit", type=int, default=500)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--model", default=None)
    p.add_argument("--save", help="write the records here (pickle)")
    p.add_argument("--compare", help="a pickle written by --save: are the records the same?")
    args = p.parse_args(argv)

    from storyline import pipeline as P
    from storyline.nlp.docview import keep_text
    from storyline.nlp.model import load_model

    arts = load_articles(args.corpus, args.limit)
    nlp = load_model(args.model) if args.model else load_model()
    docs = _parsed(nlp, arts, args.corpus, args.limit)

    stages = {
        "mentions": lambda d, a, r: r.__setitem__("m", P.extract_mentions(d, a)),
        "temporal": lambda d, a, r: r.__setitem__("t", P.tag_timexes(d, a)),
        "quotes": lambda d, a, r: P.extract_quotes(d, a, r["m"]),
        "events": lambda d, a, r: P.extract_events(d, a, r["m"], r["t"]),
    }
    best, best_split, out = None, None, None
    for _ in range(args.repeat):
        for d, a in zip(docs, arts):
            d.user_data.clear()
            keep_text(d, a.text)
        split = dict.fromkeys(stages, 0.0)
        t0 = time.process_time()
        for d, a in zip(docs, arts):
            r: dict = {}
            for name, fn in stages.items():
                s = time.process_time()
                fn(d, a, r)
                split[name] += time.process_time() - s
        staged = time.process_time() - t0
        for d, a in zip(docs, arts):
            d.user_data.clear()
        t0 = time.process_time()
        records = [P.analyse_doc(d, a) for d, a in zip(docs, arts)]
        whole = time.process_time() - t0
        if best is None or whole < best:
            best, best_split, out = whole, {k: round(v, 3) for k, v in split.items()}, records
            best_split["stages_timed_apart"] = round(staged, 3)
    print(f"articles: {len(arts)}  own work of the per-article stage (analyse_doc, best of {args.repeat}): "
          f"{best:.3f} s CPU; by stage: {best_split}")
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(out, fh)
    if args.compare:
        with open(args.compare, "rb") as fh:
            old = pickle.load(fh)
        differ = [i for i, (x, y) in enumerate(zip(old, out)) if x != y]
        same = not differ and len(old) == len(out)
        print("records: identical" if same else f"records: DIFFER in {len(differ)} articles, e.g. {differ[:5]}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
