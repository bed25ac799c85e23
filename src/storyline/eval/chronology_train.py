"""``storyline eval chronology_train DIR [--out WEIGHTS] [--folds 5]``: train and validate the
pairwise order model of ``chronology/pairorder.py``.

DIR is ``shared/data/chronology`` (a folder of variants). Validation is leave-topics-out: the
variants share topics and articles (w21k10 is drawn from the same 21 days as w21k30), so a
fold holds out whole topics from every variant. Per fold the model is fitted on the pairs of
the training topics in the training variants (``--train``, default w21k30, k20, k100; pairs
of articles with different dates), its threshold is the lowest on a grid whose pairs, added
to the proven order of the training topics' ``--tune`` variant, keep pair precision at or
above ``--target`` there; then the held-out topics of each ``--score`` variant are scored
with the proven order plus the model's pairs. The pooled held-out figures are printed, one
line per variant and metric (``cv_<variant>_pair_precision: ...``). Then the model is fitted
on all topics with the threshold chosen the same way, and written to ``--out`` (default: the
package's ``data/pairorder_weights.json``).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..chronology import pairorder
from ..chronology.infer import infer_texts
from ..errors import EvalError
from .chronology import Counts, _fmt, _lo, find_topics, read_jsonl, score_topic

GRID = tuple(round(t, 3) for t in np.arange(0.55, 0.99, 0.01))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="shared/data/chronology (a folder of variants)")
    parser.add_argument("--out", default="", help="weights file to write (default: the package's data file)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--train", default="w21k30,k20,k100", help="variants whose pairs train the model")
    parser.add_argument("--tune", default="w21k30,k100", help="variants the threshold is chosen on (training topics; "
                                                           "comma-separated: the precision must hold on each)")
    parser.add_argument("--score", default="w21k30,w21k30-mixed,k100", help="variants scored on held-out topics")
    parser.add_argument("--target", type=float, default=0.80, help="pair precision the threshold must keep")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--no-write", action="store_true", help="validate only")


@dataclass
class Topic:
    variant: str
    name: str
    rows: list
    gold_rows: list
    pred: dict  # the proven chronology, in the eval output format
    profs: list
    x: np.ndarray
    idx: list
    y: np.ndarray  # 1 a before b, 0 b before a, -1 same date (not a training example)
    anchors: frozenset


def load_topic(variant: str, name: str, inp: Path, gold: Path) -> Topic:
    rows, gold_rows = read_jsonl(inp), read_jsonl(gold)
    chron = infer_texts([(str(r["id"]), r["text"], r.get("date")) for r in rows])
    pred = {"intervals": {iv.article_id: [iv.earliest, iv.latest] for iv in chron.intervals},
            "pairs": [[p.before, p.after] for p in chron.pairs]}
    items = [(str(r["id"]), r["text"]) for r in rows]
    cues = {i: pairorder.read_cues(i, t) for i, t in items}
    profs = pairorder.profiles(items, cues)
    x, idx = pairorder.pair_matrix(profs, pairorder.day_votes(items, cues))
    date = {str(r["id"]): _lo(r["date"]) for r in gold_rows}
    y = np.array([-1 if date[profs[i].article_id] == date[profs[j].article_id]
                  else int(date[profs[i].article_id] < date[profs[j].article_id]) for i, j in idx])
    anchors = frozenset(str(r["id"]) for r in rows if r.get("date"))
    return Topic(variant, name, rows, gold_rows, pred, profs, x, idx, y, anchors)


def score(topics: list[Topic], model: pairorder.Model | None) -> Counts:
    total = Counts()
    for t in topics:
        pred = dict(t.pred)
        if model is not None:
            extra = pairorder.choose_pairs(t.profs, t.x, t.idx, model, [tuple(p) for p in t.pred["pairs"]], t.anchors)
            pred["pairs"] = t.pred["pairs"] + [[p.before, p.after] for p in extra]
        total.add(score_topic(pred, t.gold_rows))
    return total


def train(topics: list[Topic], tune: list[list[Topic]], target: float, l2: float) -> pairorder.Model:
    """Fit on the pairs of ``topics`` (each variant weighs the same in total, so that the
    4,950 pairs of a 100-article topic do not drown the 435 of a 30-article one), then choose
    the threshold: the lowest on the grid at which every group of ``tune`` (one per tuning
    variant) keeps pair precision >= ``target``."""
    by_variant: dict[str, list[Topic]] = {}
    for t in topics:
        if len(t.idx):
            by_variant.setdefault(t.variant, []).append(t)
    xs, ys, ws = [], [], []
    for ts in by_variant.values():
        x = np.vstack([t.x[t.y >= 0] for t in ts])
        xs.append(x)
        ys.append(np.concatenate([t.y[t.y >= 0] for t in ts]))
        ws.append(np.full(len(x), 1000.0 / max(1, len(x))))
    w = pairorder.fit(np.vstack(xs), np.concatenate(ys).astype(float), l2=l2, weight=np.concatenate(ws))
    best = 0.99
    for thr in sorted(GRID, reverse=True):  # the lowest threshold that keeps the precision
        precision = [score(group, pairorder.Model(tuple(w), thr)).figures()["pair_precision"] for group in tune]
        if all(p is not None and p >= target for p in precision):
            best = thr
        else:
            break
    return pairorder.Model(tuple(float(v) for v in w), best)


def run(args) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        raise EvalError(f"chronology corpus not found: {folder}")
    variants = find_topics(folder)
    train_v = [v for v in args.train.split(",") if v]
    score_v = [v for v in args.score.split(",") if v]
    tune_v = [v for v in args.tune.split(",") if v]
    needed = dict.fromkeys(train_v + score_v + tune_v)
    missing = [v for v in needed if v not in variants]
    if missing:
        raise EvalError(f"variants not found under {folder}: {', '.join(missing)}")
    data: dict[str, dict[str, Topic]] = {}
    for v in needed:
        data[v] = {name: load_topic(v, name, inp, gold) for name, inp, gold in variants[v]}
        print(f"loaded {v}: {len(data[v])} topics", file=sys.stderr)
    names = sorted(set.intersection(*(set(data[v]) for v in needed)))
    folds = [names[k::args.folds] for k in range(args.folds)]
    pooled = {v: Counts() for v in score_v}
    base = {v: Counts() for v in score_v}
    for k, held in enumerate(folds):
        if not held:
            continue
        keep = [n for n in names if n not in held]
        model = train([data[v][n] for v in train_v for n in keep], [[data[v][n] for n in keep] for v in tune_v],
                      args.target, args.l2)
        for v in score_v:
            c = score([data[v][n] for n in held], model)
            pooled[v].add(c)
            base[v].add(score([data[v][n] for n in held], None))
            f = c.figures()
            print(f"fold {k} {v} held {','.join(held)} thr {model.threshold}: pairP {_fmt(f['pair_precision'])} "
                  f"pairC {_fmt(f['pair_coverage'])}", file=sys.stderr)
    final = train([data[v][n] for v in train_v for n in names], [[data[v][n] for n in names] for v in tune_v],
                  args.target, args.l2)
    print("weights: " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(pairorder.FEATURES, final.weights))
          + f"; threshold {final.threshold}", file=sys.stderr)
    if not args.no_write:
        out = Path(args.out) if args.out else Path(pairorder.__file__).parent / "data" / "pairorder_weights.json"
        out.write_text(json.dumps({
            "_format": "Weights of the pairwise order model (chronology/pairorder.py): one weight per feature, "
                       "in the order of 'features'; P(a before b) = sigmoid(sum w*f); pairs with P >= threshold "
                       "are added. Written by `storyline eval chronology_train DIR`.",
            "version": pairorder.VERSION, "features": list(pairorder.FEATURES),
            "weights": [round(w, 5) for w in final.weights], "threshold": final.threshold,
            "trained_on": train_v, "tuned_on": tune_v, "target": args.target, "l2": args.l2},
            indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    for v in score_v:
        fb, f = base[v].figures(), pooled[v].figures()
        print(f"cv_{v}_base_pair_precision: {_fmt(fb['pair_precision'])}")
        print(f"cv_{v}_base_pair_coverage: {_fmt(fb['pair_coverage'])}")
        print(f"cv_{v}_pair_precision: {_fmt(f['pair_precision'])}")
        print(f"cv_{v}_pair_coverage: {_fmt(f['pair_coverage'])}")
    return 0
