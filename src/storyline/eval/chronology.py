"""``storyline eval chronology DIR [--out PRED_DIR]``: dating and ordering undated articles.

DIR holds ``<topic>.input.jsonl`` ({"id", "text"[, "date"]}) and ``<topic>.gold.jsonl``
({"id", "date", "anchor", "uid"}), or sub-folders of such files (the variants of
``shared/data/chronology``). For each topic the chronology is inferred from the input alone
and written as ``PRED_DIR/<topic>.json`` = {"intervals": {id: [earliest|null, latest|null]},
"pairs": [[a, b], ...]} (a before b; optionally "order": [id | [tied ids], ...]); then scored.

Metrics (definitions of the corpus README; non-anchor articles; pairs of articles with
different true dates, not both anchors; topics pooled):
- soundness: intervals that contain the true date / intervals given (an interval is given
  when at least one end is set); coverage: both ends set / articles; any-bound coverage;
  median width (days, latest - earliest) of the intervals with both ends;
- pair precision: correctly ordered / ordered pairs, over the transitive closure of the
  pairs and the order given (a pair ordered both ways counts as wrong); pair coverage:
  ordered / scorable pairs;
- Kendall tau-b over the scorable pairs when the order ranks every article.
Per-topic figures and, per variant, the precision of the pairs each rule family gives
(``pair_rule``: the most specific rule on a pair's evidence path) go to stderr.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="a chronology variant folder (or a folder of variants)")
    parser.add_argument("--out", help="write predictions PRED_DIR/[variant/]<topic>.json")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N topics per variant")
    parser.add_argument("--topics", default="", help="comma-separated topic names to score")
    parser.add_argument("--full-order", action="store_true",
                        help="also give a complete ranking (partial order, then interval middles; "
                             "articles without evidence tied last) for Kendall tau-b")
    parser.add_argument("--no-frame", action="store_true", help="do not place dates written without a year")
    parser.add_argument("--shared-sentences", action="store_true",
                        help="link the day cues of sentences two articles share (chronology/reuse.py; measured, off)")
    parser.add_argument("--no-lede-reuse", action="store_true",
                        help="do not order A before B when B copies a lede sentence of A further down (reuse.py)")
    parser.add_argument("--running-counts", action="store_true",
                        help="order articles by running counts from one event word (running.py; measured, off)")
    parser.add_argument("--tense-shift", action="store_true",
                        help="order a future event verb before its past in another article (tenseshift.py; "
                             "parses with the small spaCy model; measured, off)")
    parser.add_argument("--pipeline", action="store_true",
                        help="run what `storyline build` runs (spaCy parse, per-article stage, entity "
                             "and event clustering, then the chronology with the events layer's links) "
                             "instead of the text-only path; much slower")
    parser.add_argument("--model", default=None, help="spaCy model for --pipeline (default: the project's)")
    parser.add_argument("--context", action="store_true",
                        help="with --pipeline: events clustered as `storyline build --context` does")
    parser.add_argument("--pairorder", action="store_true",
                        help="add the confident pairs of the learned pairwise order (chronology/pairorder.py)")


# ---------------------------------------------------------------- reading

def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise EvalError(f"{path}:{n}: not JSON ({exc})") from exc
    return rows


def find_topics(folder: Path) -> dict[str, list[tuple[str, Path, Path]]]:
    """variant name -> [(topic, input path, gold path)]."""
    out: dict[str, list[tuple[str, Path, Path]]] = {}
    dirs = [folder] + sorted(p for p in folder.iterdir() if p.is_dir())
    for d in dirs:
        topics = []
        for inp in sorted(d.glob("*.input.jsonl")):
            topic = inp.name[: -len(".input.jsonl")]
            gold = d / f"{topic}.gold.jsonl"
            if gold.exists():
                topics.append((topic, inp, gold))
        if topics:
            out[d.name if d != folder else folder.name] = topics
    return out


# ---------------------------------------------------------------- scoring

def _lo(bound: str) -> dt.date:
    parts = bound.split("-")
    return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def _hi(bound: str) -> dt.date:
    parts = bound.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return dt.date(y, 12, 31)
    m = int(parts[1])
    if len(parts) == 2:
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(y, m, int(parts[2]))


@dataclass
class Counts:
    articles: int = 0
    given: int = 0
    sound: int = 0
    bounded: int = 0
    any_bound: int = 0
    widths: list = None
    scorable_pairs: int = 0
    ordered: int = 0
    correct: int = 0
    concordant: int = 0
    discordant: int = 0
    tied_pred: int = 0
    tied_gold: int = 0
    full_order_topics: int = 0
    topics: int = 0

    def __post_init__(self):
        self.widths = self.widths or []

    def add(self, other: "Counts") -> None:
        for k, v in vars(other).items():
            if k == "widths":
                self.widths.extend(v)
            else:
                setattr(self, k, getattr(self, k) + v)

    def figures(self) -> dict[str, float | None]:
        def div(a, b):
            return a / b if b else None
        tau = None
        if self.full_order_topics and self.full_order_topics == self.topics:
            denom = ((self.concordant + self.discordant + self.tied_pred)
                     * (self.concordant + self.discordant + self.tied_gold)) ** 0.5
            tau = (self.concordant - self.discordant) / denom if denom else None
        return {
            "soundness": div(self.sound, self.given),
            "coverage": div(self.bounded, self.articles),
            "any_bound_coverage": div(self.any_bound, self.articles),
            "median_width": statistics.median(self.widths) if self.widths else None,
            "pair_precision": div(self.correct, self.ordered),
            "pair_coverage": div(self.ordered, self.scorable_pairs),
            "kendall_tau_b": tau,
        }


def _closure(ids: list[str], pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    succ: dict[str, set[str]] = {i: set() for i in ids}
    for a, b in pairs:
        if a in succ and b in succ and a != b:
            succ[a].add(b)
    out = set()
    for a in ids:
        seen, stack = set(), list(succ[a])
        while stack:
            x = stack.pop()
            if x in seen:
                continue
            seen.add(x)
            stack.extend(succ[x])
        out.update((a, b) for b in seen if b != a)
    return out


def _order_pairs(order: list) -> tuple[set[tuple[str, str]], dict[str, int]]:
    rank: dict[str, int] = {}
    for i, item in enumerate(order):
        for x in (item if isinstance(item, list) else [item]):
            rank[str(x)] = i
    pairs = {(a, b) for a in rank for b in rank if rank[a] < rank[b]}
    return pairs, rank


def score_topic(pred: dict, gold_rows: list[dict]) -> Counts:
    """Counts for one topic; ``pred`` in the output format above."""
    gold = {str(r["id"]): _lo(r["date"]) for r in gold_rows}
    anchor = {str(r["id"]): bool(r.get("anchor")) for r in gold_rows}
    ids = list(gold)
    c = Counts(topics=1)
    intervals = pred.get("intervals") or {}
    for i in ids:
        if anchor[i]:
            continue
        c.articles += 1
        lo, hi = (intervals.get(i) or [None, None])[:2]
        if lo is None and hi is None:
            continue
        c.given += 1
        c.any_bound += 1
        ok = (lo is None or _lo(lo) <= gold[i]) and (hi is None or gold[i] <= _hi(hi))
        c.sound += ok
        if lo is not None and hi is not None:
            c.bounded += 1
            c.widths.append((_hi(hi) - _lo(lo)).days)
    given = {(str(a), str(b)) for a, b in pred.get("pairs") or []}
    order_pairs, rank = _order_pairs(pred.get("order") or [])
    closed = _closure(ids, given | order_pairs)
    full = bool(rank) and all(i in rank for i in ids)
    c.full_order_topics = int(full)
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            if gold[a] == gold[b] or (anchor[a] and anchor[b]):
                continue
            c.scorable_pairs += 1
            ab, ba = (a, b) in closed, (b, a) in closed
            if ab or ba:
                c.ordered += 1
                if ab != ba and ((gold[a] < gold[b]) == ab):
                    c.correct += 1
            if full:
                sp, sg = rank[a] - rank[b], (gold[a] - gold[b]).days
                if sp == 0:
                    c.tied_pred += 1
                elif (sp > 0) == (sg > 0):
                    c.concordant += 1
                else:
                    c.discordant += 1
    return c


# ---------------------------------------------------------------- predicting

def pair_rule(evidence) -> str:
    """The family of rules an ordered pair rests on, from its evidence (the constraints on
    the path between the two articles): the most specific one present."""
    rules = " ".join(getattr(e, "rule", "") for e in evidence)
    for family in ("pairorder", "reuse.lede_to_body", "running.", "tense.future_then_past",
                   "link.shared_sentence", "link.announced_then_reported", "link.same_event_context", "link.day_beside_date",
                   "weekday_in_range", "event.origin", "event.coref", "anchor.published"):
        if family in rules:
            return family
    return "calendar" if rules else "none"


def predict_topic(rows: list[dict], full_order: bool = False, use_frame: bool = True,
                  rules: dict | None = None, pairorder: bool = False, shared_sentences: bool = False,
                  extra: tuple[str, ...] = (), nlp=None, lede_reuse: bool = True,
                  pipeline: bool = False, event_context: bool = False) -> dict:
    """Predictions for one topic; with ``rules`` (a dict), also the rule family of each
    ordered pair, ``rules[(a, b)] = family``. With ``pipeline`` the topic goes through what
    ``storyline build`` runs (``pipeline_chronology``, parsed by ``nlp``) instead of the
    text-only path (``event_context``: as ``storyline build --context``)."""
    from ..chronology.infer import infer_texts
    if pipeline:
        chron = pipeline_chronology(rows, nlp, pairorder=pairorder, event_context=event_context)
    else:
        chron = infer_texts([(str(r["id"]), r["text"], r.get("date")) for r in rows], use_frame=use_frame,
                            pairorder=pairorder, shared_sentences=shared_sentences, lede_reuse=lede_reuse,
                            links=extra_links(rows, extra, nlp) if extra else ())
    out = {"intervals": {iv.article_id: [iv.earliest, iv.latest] for iv in chron.intervals},
           "pairs": [[p.before, p.after] for p in chron.pairs]}
    if rules is not None:
        rules.update({(p.before, p.after): pair_rule(p.evidence) for p in chron.pairs})
    if full_order:
        out["order"] = full_ranking(chron.intervals)
    return out


def pipeline_chronology(rows: list[dict], nlp, pairorder: bool = False, event_context: bool = False):
    """The build's chronology of one topic: every article through the per-article stage
    (``analyse_articles``), then ``entities_and_events`` and ``infer_chronology``, as
    ``pipeline.analyse_corpus`` runs them."""
    from ..chronology.infer import infer_chronology
    from ..pipeline import analyse_articles, entities_and_events
    from ..records import Article
    articles = [Article(id=str(r["id"]), text=r["text"], published=r.get("date")) for r in rows]
    analyses = list(analyse_articles(articles, nlp=nlp))
    return infer_chronology(analyses, entities_and_events(analyses, event_context), pairorder=pairorder)


def extra_links(rows: list[dict], extra: tuple[str, ...], nlp=None) -> list:
    """The (before, after, evidence) pairs of the measured, optional rules named in ``extra``:
    ``running_counts`` (running.running_pairs), ``tense_shift`` (tenseshift.tense_shift_pairs;
    needs ``nlp``, a spaCy pipeline)."""
    texts = {str(r["id"]): r["text"] for r in rows}
    out: list = []
    if "running_counts" in extra:
        from ..chronology.running import running_pairs
        out += running_pairs(texts)
    if "tense_shift" in extra:
        from ..chronology.tenseshift import tense_shift_pairs, verb_tenses
        readings = {i: verb_tenses(doc, i) for i, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16))}
        out += tense_shift_pairs(texts, readings)
    return out


def rule_precision(rules: dict, gold_rows: list[dict]) -> dict[str, list[int]]:
    """Per rule family: [correct, ordered] over the pairs given directly (scorable pairs only)."""
    gold = {str(r["id"]): _lo(r["date"]) for r in gold_rows}
    anchor = {str(r["id"]): bool(r.get("anchor")) for r in gold_rows}
    out: dict[str, list[int]] = {}
    for (a, b), family in rules.items():
        if a not in gold or b not in gold or gold[a] == gold[b] or (anchor[a] and anchor[b]):
            continue
        c = out.setdefault(family, [0, 0])
        c[0] += gold[a] < gold[b]
        c[1] += 1
    return out


def full_ranking(intervals) -> list:
    """A complete ranking for Kendall tau: articles with a bound by level in the partial order,
    then by the middle of the interval (or its one end); articles with neither bound nor order
    share one tie group at the end."""
    known, unknown = [], []
    for iv in intervals:
        lo = _lo(iv.earliest).toordinal() if iv.earliest else None
        hi = _hi(iv.latest).toordinal() if iv.latest else None
        if lo is None and hi is None and not iv.rank:
            unknown.append(iv.article_id)
            continue
        mid = (lo + hi) / 2 if lo and hi else (lo or hi or 0)
        known.append(((iv.rank or 0), mid, iv.article_id))
    order: list = [a for _, _, a in sorted(known)]
    if unknown:
        order.append(unknown)
    return order


def _fmt(v) -> str:
    return "n/a" if v is None else f"{v:.4f}"


def run(args) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        raise EvalError(f"chronology corpus not found: {folder}")
    variants = find_topics(folder)
    if not variants:
        raise EvalError(f"no <topic>.input.jsonl with <topic>.gold.jsonl under {folder}")
    wanted = {t for t in args.topics.split(",") if t} if getattr(args, "topics", "") else set()
    total = Counts()
    nlp = None
    for variant, topics in variants.items():
        if wanted:
            topics = [t for t in topics if t[0] in wanted]
        if args.limit:
            topics = topics[: args.limit]
        vc = Counts()
        by_rule: dict[str, list[int]] = {}
        extra = tuple(name for name in ("running_counts", "tense_shift")
                      if getattr(args, name, False))
        pipeline = getattr(args, "pipeline", False)
        if nlp is None and (pipeline or "tense_shift" in extra):
            from ..nlp.model import load_model
            nlp = load_model(getattr(args, "model", None) if pipeline else "en_core_web_sm")
        for topic, inp, gold_path in topics:
            t0 = time.time()
            rows = read_jsonl(inp)
            rules: dict = {}
            pred = predict_topic(rows, full_order=args.full_order, use_frame=not args.no_frame, rules=rules,
                                 pairorder=getattr(args, "pairorder", False),
                                 shared_sentences=getattr(args, "shared_sentences", False),
                                 extra=extra, nlp=nlp, lede_reuse=not getattr(args, "no_lede_reuse", False),
                                 pipeline=pipeline,
                                 event_context=getattr(args, "context", False))
            if args.out:
                out_dir = Path(args.out) / (variant if len(variants) > 1 else "")
                out_dir.mkdir(parents=True, exist_ok=True)
                (out_dir / f"{topic}.json").write_text(json.dumps(pred, indent=1), encoding="utf-8")
            gold_rows = read_jsonl(gold_path)
            tc = score_topic(pred, gold_rows)
            for family, (ok, n) in rule_precision(rules, gold_rows).items():
                c = by_rule.setdefault(family, [0, 0])
                c[0] += ok
                c[1] += n
            vc.add(tc)
            f = tc.figures()
            print(f"{variant}/{topic}: sound {_fmt(f['soundness'])} cov {_fmt(f['coverage'])} "
                  f"any {_fmt(f['any_bound_coverage'])} width {f['median_width']} "
                  f"pairP {_fmt(f['pair_precision'])} pairC {_fmt(f['pair_coverage'])} "
                  f"({time.time() - t0:.1f}s)", file=sys.stderr)
        for family, (ok, n) in sorted(by_rule.items()):
            print(f"{variant} pairs by rule {family}: precision {ok / n:.3f} ({ok}/{n})", file=sys.stderr)
        f = vc.figures()
        print(f"{variant}: " + " ".join(f"{k} {_fmt(v) if k != 'median_width' else v}" for k, v in f.items()))
        total.add(vc)
    f = total.figures()
    for k, v in f.items():
        print(f"{k}: {_fmt(v) if v is not None else 'n/a'}")
    return 0
