"""``storyline eval meantime DIR [--out PRED_DIR]``: entity mentions and
cross-document entity coreference on NewsReader MEANTIME (CAT XML).

DIR is searched recursively for CAT XML files; each folder holding them is
one corpus (``corpus_airbus``, ``corpus_apple``, ...), resolved and scored on
its own. Cross-document gold comes from REFERS_TO relations whose target
carries an ``instance_id`` (``intra_cross-doc_annotation``).

Gold mentions: every token-anchored ENTITY_MENTION linked to an instance;
mentions with the same token span in one document count once. The text the
system reads is rebuilt from the tokens (``storyline.eval.cat``).

Figures, per corpus:

* detection — the system's mentions (names, nominals, pronouns; demonyms left
  out, MEANTIME annotates them inside larger phrases) against all anchored
  ENTITY_MENTIONs: ``strict`` when the system's noun-phrase extent equals the
  gold extent; ``head`` when the system's mention lies inside the gold extent
  and contains the gold extent's syntactic head (one-to-one).
* coreference with gold mentions (resolution only): the gold spans are
  described and linked by the same code as predicted ones
  (``mentions_for_spans``) and resolved across the corpus, chains that reach no
  name merged inside storyline's own document groups (``document_groups``); MUC, B³, CEAF-e
  and CoNLL F1 (``storyline.eval.coref_metrics``), singletons included, with
  the baselines "exact string" (same lowercased text across the corpus) and
  "all singletons".
* coreference with predicted mentions: the system's own mentions (keyed to
  the gold mention they head-match, else their own span; unmatched mentions
  on either side are twinless) against the gold chains, with the exact-string
  baseline over the same predicted mentions.

``--out PRED_DIR`` writes, per corpus, tab-separated files with one mention per
line ``doc_id  start  end  cluster  text`` (char offsets into the rebuilt text
of ``storyline.eval.cat``): ``<corpus>.key.tsv`` (gold), ``<corpus>.gold_mentions.tsv``
(system chains over gold mentions) and ``<corpus>.predicted.tsv`` (system
mentions and chains; start/end is the gold span a mention head-matched, else
the system's own extent, which the two extra columns always give), so any
coreference scorer re-scores them by exact key match.

When ``storyline.eval.meantime_events`` exists its event figures follow
(``--no-events`` skips them). The last lines are the summary figures.
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from ..entities.mentions import extract_mentions, mentions_for_spans, np_extent
from ..entities.resolve import resolve
from ..errors import EvalError
from ..records import Article, ArticleAnalysis
from .cat import CatDocument, read_cat_dir
from .coref_metrics import score_clusters, singletons


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="MEANTIME folder (CAT XML files, searched recursively; one corpus per folder)")
    parser.add_argument("--out", help="write gold and predicted chains here as TSV (see docs/evaluation/meantime.md)")
    parser.add_argument("--corpus", action="append", default=[],
                        help="score only corpus folders whose name contains this (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents of each corpus")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the packaged medium model)")
    parser.add_argument("--no-events", action="store_true", help="skip the events helper's MEANTIME figures")


# ---------------------------------------------------------------- data

def find_corpora(root: Path) -> dict[str, Path]:
    if not root.exists():
        raise EvalError(f"MEANTIME folder not found: {root}")
    folders = sorted({p.parent for p in root.rglob("*.xml")})
    if not folders:
        raise EvalError(f"no CAT XML files under {root}")
    # prefer the cross-document annotation when both releases are present
    cross = [f for f in folders if "cross" in str(f.relative_to(root))]
    if cross:
        folders = cross
    return {f.name: f for f in folders}


def gold_mentions(doc: CatDocument) -> tuple[dict, dict, list]:
    """(linked: span -> instance, text: span -> text, all anchored spans)."""
    inst = doc.instances()
    linked, texts, every = {}, {}, []
    for m in doc.mentions("ENTITY_MENTION"):
        span = (m.start, m.end)
        if span not in texts:
            every.append(span)
            texts[span] = m.text
        if m.m_id in inst and span not in linked:
            linked[span] = inst[m.m_id]
    return linked, texts, every


def _article(doc: CatDocument) -> Article:
    return Article(id=doc.doc_id, text=doc.text, title=doc.name, published=doc.dct(), url=doc.url)


# ---------------------------------------------------------------- scoring

def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _span_head_char(sdoc, start: int, end: int) -> tuple[int, int] | None:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    return root.idx, root.idx + len(root)


def match_mentions(sdoc, pred_spans: list[tuple], pred_extents: list[tuple], gold_spans: list[tuple]):
    """Head matching, one to one: pred index -> gold span."""
    heads = {g: _span_head_char(sdoc, *g) for g in gold_spans}
    by_extent = {e: i for i, e in enumerate(pred_extents)}
    out: dict[int, tuple] = {}
    used = set()
    for g in gold_spans:  # exact extents first
        i = by_extent.get(g)
        if i is not None and i not in out:
            out[i] = g
            used.add(g)
    for g in gold_spans:
        if g in used or heads[g] is None:
            continue
        hs, he = heads[g]
        best = None
        for i, (ps, pe) in enumerate(pred_spans):
            if i in out or not (g[0] <= ps and pe <= g[1]) or not (ps <= hs and he <= pe):
                continue
            if best is None or (pe - ps) > (pred_spans[best][1] - pred_spans[best][0]):
                best = i
        if best is not None:
            out[best] = g
            used.add(g)
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.2f}"


# ---------------------------------------------------------------- one corpus

def document_groups(docs: list[CatDocument], sdocs) -> dict[str, int]:
    """storyline's own document groups (the learned document-pair model of
    ``events.docpairs``, as the ECB+ evaluation forms them): chains that reach no name merge
    only inside one (``resolve(..., groups=...)``)."""
    from ..pipeline import analyse_doc
    from .ecbplus import document_groups as learned_groups

    full = [analyse_doc(sdoc, _article(d)) for d, sdoc in zip(docs, sdocs)]
    groups, _ = learned_groups(full, [a.events for a in full], None, grouping="learned")
    return groups


def evaluate_corpus(name: str, docs: list[CatDocument], nlp) -> tuple[dict, dict]:
    """Scores and the chains to write, for one corpus."""
    sdocs = list(nlp.pipe([d.text for d in docs], batch_size=16))
    groups = document_groups(docs, sdocs)
    gold_key, gold_text = {}, {}
    gold_an, pred_an = [], []
    gold_order = {}
    every_gold = {}
    for d, sdoc in zip(docs, sdocs):
        linked, texts, every = gold_mentions(d)
        every_gold[d.doc_id] = every
        for span, inst in linked.items():
            gold_key[(d.doc_id, *span)] = inst
            gold_text[(d.doc_id, *span)] = texts[span]
        art = _article(d)
        spans = sorted(linked, key=lambda s: (s[0], -s[1]))
        gold_order[d.doc_id] = spans
        gold_an.append(ArticleAnalysis(article=art, mentions=tuple(mentions_for_spans(sdoc, art, spans))))
        pred_an.append(ArticleAnalysis(article=art, mentions=tuple(
            m for m in extract_mentions(sdoc, art))))

    # coreference over gold mentions
    _, me_gold = resolve(gold_an, unnamed=True, groups=groups)
    sys_gold = {}
    for a in gold_an:
        for span, eid in zip(gold_order[a.article.id], me_gold[a.article.id]):
            key = (a.article.id, *span)
            sys_gold[key] = eid if eid is not None else ("single", key)
    scores = {
        "gold": score_clusters(gold_key, sys_gold),
        "gold_exact": score_clusters(gold_key, {k: gold_text[k].lower() for k in gold_key}),
        "gold_singletons": score_clusters(gold_key, singletons(gold_key)),
    }

    # detection and coreference over predicted mentions
    _, me_pred = resolve(pred_an, unnamed=True, groups=groups)
    tp_strict = tp_head = n_pred = n_gold = 0
    sys_pred, base_pred, pred_rows = {}, {}, []
    for a, sdoc in zip(pred_an, sdocs):
        aid = a.article.id
        keep = [i for i, m in enumerate(a.mentions) if m.kind != "demonym"]
        spans = [(a.mentions[i].start, a.mentions[i].end) for i in keep]
        extents = [np_extent(sdoc, a.mentions[i]) for i in keep]
        gold_spans = every_gold[aid]
        n_pred += len(keep)
        n_gold += len(gold_spans)
        tp_strict += len(set(extents) & set(gold_spans))
        matched = match_mentions(sdoc, spans, extents, gold_spans)
        tp_head += len(matched)
        for j, i in enumerate(keep):
            g = matched.get(j)
            key = (aid, *g) if g else (aid, "pred", *extents[j])
            eid = me_pred[aid][i]
            sys_pred[key] = eid if eid is not None else ("single", key)
            base_pred[key] = a.mentions[i].text.lower()
            pred_rows.append((aid, key[1] if g else extents[j][0], key[2] if g else extents[j][1],
                              sys_pred[key], a.mentions[i].text, extents[j]))
    scores["detect_strict"] = prf(tp_strict, n_pred, n_gold)
    scores["detect_head"] = prf(tp_head, n_pred, n_gold)
    scores["pred"] = score_clusters(gold_key, sys_pred)
    scores["pred_exact"] = score_clusters(gold_key, base_pred)
    chains = {
        "key": [(k[0], k[1], k[2], v, gold_text[k]) for k, v in gold_key.items()],
        "gold_mentions": [(k[0], k[1], k[2], v, gold_text[k]) for k, v in sys_gold.items()],
        "predicted": pred_rows,
    }
    return scores, chains


def _write(out: Path, corpus: str, chains: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for kind, rows in chains.items():
        with open(out / f"{corpus}.{kind}.tsv", "w", encoding="utf-8") as fh:
            extra = "\tsystem_start\tsystem_end" if kind == "predicted" else ""
            fh.write(f"# doc_id\tstart\tend\tcluster\ttext{extra}\n")
            for row in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
                doc_id, s, e, cluster, text = row[:5]
                cl = cluster if isinstance(cluster, str) else "single:" + ":".join(map(str, cluster[1]))
                tail = f"\t{row[5][0]}\t{row[5][1]}" if len(row) > 5 else ""
                fh.write(f"{doc_id}\t{s}\t{e}\t{cl}\t{' '.join(text.split())}{tail}\n")


def _lines(name: str, scores: dict) -> list[str]:
    out = [f"== {name}"]
    for label, key in (("strict", "detect_strict"), ("head", "detect_head")):
        p, r, f = scores[key]
        out.append(f"  mention detection ({label}): P {_pct(p)}  R {_pct(r)}  F1 {_pct(f)}")
    for label, key in (("gold mentions, storyline", "gold"), ("gold mentions, exact string", "gold_exact"),
                       ("gold mentions, all singletons", "gold_singletons"),
                       ("predicted mentions, storyline", "pred"),
                       ("predicted mentions, exact string", "pred_exact")):
        s = scores[key]
        parts = "  ".join(f"{m} {_pct(s[m][2])}" for m in ("muc", "b3", "ceafe"))
        out.append(f"  coref {label}: {parts}  CoNLL {_pct(s['conll'])}")
    return out


def run(args) -> int:
    from ..nlp.model import load_model

    root = Path(args.dir)
    corpora = find_corpora(root)
    if args.corpus:
        corpora = {k: v for k, v in corpora.items() if any(c in k for c in args.corpus)}
        if not corpora:
            raise EvalError(f"no corpus folder under {root} matches {args.corpus}")
    nlp = load_model(args.model)
    t0 = time.time()
    summary = defaultdict(list)
    lines: list[str] = []
    for name, folder in corpora.items():
        docs = read_cat_dir(folder)
        if args.limit:
            docs = docs[:args.limit]
        scores, chains = evaluate_corpus(name, docs, nlp)
        lines.extend(_lines(f"{name} ({len(docs)} documents)", scores))
        if args.out:
            _write(Path(args.out), name, chains)
        short = name.replace("corpus_", "")
        summary[f"{short}_mention_f1"].append(scores["detect_head"][2])
        summary[f"{short}_conll_f1_gold_mentions"].append(scores["gold"]["conll"])
        summary[f"{short}_exact_string_conll_f1_gold_mentions"].append(scores["gold_exact"]["conll"])
        summary[f"{short}_conll_f1_predicted_mentions"].append(scores["pred"]["conll"])
        for key in ("mention_f1", "conll_f1_gold_mentions", "conll_f1_predicted_mentions"):
            src = {"mention_f1": scores["detect_head"][2], "conll_f1_gold_mentions": scores["gold"]["conll"],
                   "conll_f1_predicted_mentions": scores["pred"]["conll"]}[key]
            summary[f"all_{key}"].append(src)
    for line in lines:
        print(line)
    print(f"  ({time.time() - t0:.1f} s)")
    if not args.no_events:
        try:
            from . import meantime_events  # written by the events helper
        except ImportError:
            meantime_events = None
        if meantime_events is not None:
            for line in meantime_events.evaluate(root, Path(args.out) if args.out else None, nlp):
                print(line)
    for key, values in summary.items():
        if key.startswith("all_"):
            continue
        print(f"{key}: {sum(values) / len(values):.4f}")
    for key in ("all_mention_f1", "all_conll_f1_gold_mentions", "all_conll_f1_predicted_mentions"):
        values = summary[key]
        print(f"{key[4:]}: {sum(values) / len(values):.4f}")
    return 0
