"""A trained mention-pair scorer for event coreference (optional, with
contextual vectors from ``events.context``).

``P(same event) = sigmoid(w · features)`` over the pair features below; the
weights and the clustering cut live in ``data/pair_scorer.tsv``, written by
``storyline eval ecbplus DIR --split train --train-scorer FILE`` (logistic
regression fitted by Newton steps on the mention pairs of storyline's own
document groups of the training topics: every pair, the non-coreferent ones
weighted by ``NEGATIVE_SHARE`` — the expected loss of keeping a random fifth
of them, without the spread a single random sample gives).
``cluster_scored`` links mentions inside a document group by average link on
``1 - P``, cut at the stored threshold; then (when ``data/cluster_scorer.tsv``
is there) a second logistic model scores pairs of those clusters as wholes —
their pair probabilities (mean, highest, lowest), the cosines of their mean
trigger and sentence vectors, the overlap of all their members' argument heads,
a shared lemma key, their sizes, a shared document — and merges them by average
link on ``1 - P(same event)`` at its own cut.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..resources import data_rows

FEATURES = ("bias", "shared_key", "trigger_cosine", "sentence_cosine", "same_document",
            "same_subgroup", "document_cosine", "reporting", "shared_key_x_trigger_cosine",
            "argument_overlap", "reporting_x_shared_key", "same_sentence")
NEGATIVE_SHARE = 0.2  # weight of a non-coreferent training pair (or the share kept when sampling)
CLUSTER_FEATURES = ("bias", "average_p", "max_p", "min_p", "trigger_cosine", "sentence_cosine",
                    "argument_overlap", "shared_key", "log_sizes", "shared_document")
CLUSTER_TABLE = "cluster_scorer.tsv"


@lru_cache(maxsize=1)
def argument_labels() -> frozenset:
    """Dependency labels of a trigger's argument heads (``data/argument_deps.txt``)."""
    return frozenset(row[0] for row in data_rows("storyline.events", "argument_deps.txt", strip=True))


def argument_heads(token) -> frozenset:
    """Lower-cased lemmas of a spaCy trigger token's argument heads: its subject,
    object, agent, possessor, compound and attribute dependents, and the objects
    of its prepositions ("attacked [the embassy] in [Kabul]")."""
    labels = argument_labels()
    heads = set()
    for child in token.children:
        if child.dep_ in labels:
            heads.add(child.lemma_.lower())
        elif child.dep_ == "prep":
            heads.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return frozenset(heads)


def vector_key(text: str, spans, sentences) -> str:
    """What a document's cached vectors were computed from: the encoder, the text, the spans."""
    import hashlib
    import json

    from .context import MODEL_PACKAGE

    blob = json.dumps([MODEL_PACKAGE, text, [list(s) for s in spans], [list(s) for s in sentences]])
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def item_vectors(items, spans, texts: dict, sentences: dict | None = None,
                 cache=None) -> tuple[np.ndarray, np.ndarray]:
    """Unit contextual (trigger, sentence) vectors of ``items`` (``events.context``):
    ``spans[k]`` is item k's character span in ``texts[items[k].doc]``; ``sentences``
    (doc -> sorted sentence spans), when given, tells each trigger's sentence. ``cache``
    (``get(doc, key)`` / ``put(doc, key, trig, sent)``, e.g. ``store.vector_cache()``)
    keeps each document's vectors under its ``vector_key``; the encoder loads only when
    some document is not there."""
    from . import context

    by_doc: dict[str, list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        by_doc[it.doc].append(k)
    trig = sent = np.zeros((len(items), 0), dtype=np.float32)
    for doc, ks in by_doc.items():
        doc_spans, doc_sents = [spans[k] for k in ks], (sentences or {}).get(doc, ())
        key = vector_key(texts[doc], doc_spans, doc_sents) if cache is not None else ""
        hit = cache.get(doc, key) if cache is not None else None
        if hit is not None:
            t, s = hit
        else:
            t, s = context.mention_vectors(texts[doc], doc_spans, context.load_encoder(), doc_sents)
            if cache is not None:
                cache.put(doc, key, t, s)
        if trig.shape[1] == 0:
            trig = np.zeros((len(items), t.shape[1]), dtype=np.float32)
            sent = np.zeros_like(trig)
        trig[ks], sent[ks] = t, s
    return trig, sent


def _overlap(x: frozenset, y: frozenset) -> float:
    union = x | y
    return len(x & y) / len(union) if union else 0.0


def pair_features(a, b, ta, tb, sa, sb, same_subgroup: bool, doc_cosine: float) -> list[float]:
    """Features of two ``MentionItem``s with their unit trigger (t) and sentence (s) vectors."""
    shared = float(bool(a.keys & b.keys))
    cos = float(ta @ tb)
    reporting = float(a.reporting or b.reporting)
    same_sentence = float(a.doc == b.doc and a.sentence >= 0 and a.sentence == b.sentence)
    return [1.0, shared, cos, float(sa @ sb), float(a.doc == b.doc), float(same_subgroup), float(doc_cosine),
            reporting, shared * cos, _overlap(a.arguments, b.arguments), reporting * shared, same_sentence]


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 100,
        sample_weight: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression weights (Newton's method, L2-regularised; each
    row's loss times its ``sample_weight``, default 1)."""
    w = np.zeros(x.shape[1])
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (sw * (p - y)) + l2 * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def read_weights(name: str, features: Sequence[str]) -> tuple[np.ndarray, float]:
    """(weights in ``features`` order, clustering cut) from the ``name<TAB>value`` table
    ``events/data/<name>`` (the layer's learnt models share this format)."""
    table = {row[0]: float(row[1]) for row in data_rows("storyline.events", name, strip=True)}
    return np.array([table[f] for f in features]), table["threshold"]


def write_weights(path, header: Sequence[str], features: Sequence[str], weights, threshold: float,
                  note: str = "") -> None:
    """Write a table ``read_weights`` reads: the FORMAT header, an optional note, one
    ``name<TAB>weight`` line per feature, then the cut."""
    lines = list(header) + (["# " + note] if note else [])
    lines += [f"{name}\t{value:.6f}" for name, value in zip(features, weights)]
    lines.append(f"threshold\t{threshold:.3f}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_scorer() -> tuple[np.ndarray, float]:
    """(weights in ``FEATURES`` order, clustering cut) from ``data/pair_scorer.tsv``."""
    return read_weights("pair_scorer.tsv", FEATURES)


def write_scorer(path, weights: np.ndarray, threshold: float, note: str = "") -> None:
    write_weights(path, ["# FORMAT: name<TAB>value. Weights of the event mention-pair scorer, one per feature",
                         "# (events/pairscore.py FEATURES), then the average-link cut on 1 - P(same event).",
                         "# Written by: storyline eval ecbplus DIR --split train --train-scorer FILE",
                         "# Examples:", "#   bias\t-4.5", "#   threshold\t0.3"],
                  FEATURES, weights, threshold, note)


def group_pairs(items, groups) -> dict[int, list[int]]:
    by: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by[groups.get(it.doc, -1)].append(i)
    return by


def training_pairs(items, groups, subgroups, trig, sent, doc_cosine: Callable, gold: Sequence,
                   seed: int | None = None,
                   negative_share: float = NEGATIVE_SHARE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and sample weights of the mention pairs inside each
    document group. Every pair, a non-coreferent one weighted ``negative_share``
    (the default); with a ``seed``, instead a random ``negative_share`` of the
    non-coreferent pairs, each weighted 1 (the earlier sampled training)."""
    rng = None if seed is None else np.random.default_rng(seed)
    xs, ys, ws = [], [], []
    for members in group_pairs(items, groups).values():
        for i, j in itertools.combinations(members, 2):
            same = gold[i] == gold[j]
            if rng is not None and not same and rng.random() >= negative_share:
                continue
            a, b = items[i], items[j]
            xs.append(pair_features(a, b, trig[i], trig[j], sent[i], sent[j],
                                    subgroups.get(a.doc) == subgroups.get(b.doc), doc_cosine(a.doc, b.doc)))
            ys.append(float(same))
            ws.append(1.0 if same or rng is not None else negative_share)
    return np.array(xs).reshape(-1, len(FEATURES)), np.array(ys), np.array(ws)


def _pair_probabilities(items, members, trig, sent, subgroups, doc_cosine, weights) -> np.ndarray:
    """P(same event) of every pair of ``members`` (condensed order)."""
    feats = [pair_features(items[i], items[j], trig[i], trig[j], sent[i], sent[j],
                           subgroups.get(items[i].doc) == subgroups.get(items[j].doc),
                           doc_cosine(items[i].doc, items[j].doc))
             for i, j in itertools.combinations(members, 2)]
    return 1.0 / (1.0 + np.exp(-np.array(feats) @ weights))


def _unit_mean(rows: np.ndarray) -> np.ndarray:
    v = rows.mean(0)
    return v / max(float(np.linalg.norm(v)), 1e-9)


def cluster_pair_features(items, members, local, prob, trig, sent):
    """Features of every pair of first-stage clusters of one group: (cluster
    labels, their member positions, feature rows in ``CLUSTER_FEATURES`` order,
    the label pairs). ``local`` labels ``members``; ``prob`` is the square
    matrix of their pair probabilities."""
    labels = sorted(set(local))
    where = {lab: [k for k, x in enumerate(local) if x == lab] for lab in labels}
    summary = {}
    for lab, ks in where.items():
        idx = [members[k] for k in ks]
        summary[lab] = (_unit_mean(trig[idx]), _unit_mean(sent[idx]),
                        frozenset().union(*(items[i].arguments for i in idx)),
                        frozenset().union(*(items[i].keys for i in idx)),
                        {items[i].doc for i in idx}, len(idx))
    rows, pairs = [], []
    for a, b in itertools.combinations(labels, 2):
        block = prob[np.ix_(where[a], where[b])]
        sa, sb = summary[a], summary[b]
        rows.append([1.0, float(block.mean()), float(block.max()), float(block.min()), float(sa[0] @ sb[0]),
                     float(sa[1] @ sb[1]), _overlap(sa[2], sb[2]), float(bool(sa[3] & sb[3])),
                     float(np.log1p(sa[5]) + np.log1p(sb[5])), float(bool(sa[4] & sb[4]))])
        pairs.append((a, b))
    return labels, where, np.array(rows).reshape(-1, len(CLUSTER_FEATURES)), pairs


def _distances(p: np.ndarray, blocked: np.ndarray | None, n: int) -> np.ndarray:
    """``1 - p``, with the blocked pairs at n²: an average link over at most n² pairs that
    includes one of them is then at least 1, above any cut, so they never join."""
    d = 1.0 - p
    if blocked is not None:
        d = np.where(blocked, float(n * n), d)
    return d


def first_stage(items, groups, subgroups, trig, sent, doc_cosine: Callable, weights: np.ndarray,
                threshold: float, cannot: Callable | None = None):
    """Per document group: (members, square pair-probability matrix, first-stage labels),
    and with ``cannot(a, b)`` (two items: pairs that must stay apart, their P is 0) the
    square matrix of those pairs as a fourth element, which ``merge_stage`` keeps to."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    out = []
    for members in group_pairs(items, groups).values():
        if len(members) == 1:
            out.append((members, np.ones((1, 1)), [1]))
            continue
        p = _pair_probabilities(items, members, trig, sent, subgroups, doc_cosine, weights)
        blocked = None
        if cannot is not None:
            blocked = np.array([cannot(items[i], items[j]) for i, j in itertools.combinations(members, 2)])
            p = np.where(blocked, 0.0, p)
        d = _distances(p, blocked, len(members))
        local = [int(x) for x in fcluster(linkage(d, method="average"), t=threshold, criterion="distance")]
        square = squareform(p)
        np.fill_diagonal(square, 1.0)
        out.append((members, square, local) if blocked is None else
                   (members, square, local, squareform(blocked)))
    return out


def cluster_training_pairs(items, stages, trig, sent, gold: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Cluster-pair features and labels (1 when the two clusters' majority gold
    events are the same) of first-stage clusters (``first_stage`` output)."""
    from collections import Counter

    xs, ys = [], []
    for members, prob, local, *_ in stages:
        if len(set(local)) < 2:
            continue
        _, where, x, pairs = cluster_pair_features(items, members, local, prob, trig, sent)
        major = {lab: Counter(gold[members[k]] for k in ks).most_common(1)[0][0] for lab, ks in where.items()}
        xs.append(x)
        ys.append(np.array([float(major[a] == major[b]) for a, b in pairs]))
    if not xs:
        return np.zeros((0, len(CLUSTER_FEATURES))), np.zeros(0)
    return np.vstack(xs), np.concatenate(ys)


def merge_stage(items, stages, trig, sent, weights: np.ndarray, threshold: float) -> list[int]:
    """Cluster ids after merging each group's first-stage clusters by average
    link on ``1 - P`` of the cluster-pair model (two clusters holding a pair the
    first stage blocked never merge)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    labels = [0] * len(items)
    nxt = 0
    for members, prob, local, *cannot in stages:
        final = {lab: lab for lab in set(local)}
        if len(final) > 1 and weights is not None:
            labs, where, x, pairs = cluster_pair_features(items, members, local, prob, trig, sent)
            p = 1.0 / (1.0 + np.exp(-x @ weights))
            blocked = np.array([cannot[0][np.ix_(where[a], where[b])].any() for a, b in pairs]) \
                if cannot else None
            top = fcluster(linkage(_distances(p, blocked, len(labs)), method="average"), t=threshold,
                           criterion="distance")
            final = {lab: int(t) for lab, t in zip(labs, top)}
        for i, lab in zip(members, local):
            labels[i] = nxt + final[lab]
        nxt += len(members) + 1
    remap: dict[int, int] = {}
    return [remap.setdefault(label, len(remap)) for label in labels]


@lru_cache(maxsize=1)
def load_cluster_scorer() -> tuple[np.ndarray, float] | None:
    """(weights in ``CLUSTER_FEATURES`` order, cut) from ``data/cluster_scorer.tsv``, or
    None when there is no such table (the first stage alone)."""
    from importlib import resources

    if not resources.files("storyline.events").joinpath("data", CLUSTER_TABLE).is_file():
        return None
    return read_weights(CLUSTER_TABLE, CLUSTER_FEATURES)


def write_cluster_scorer(path, weights: np.ndarray, threshold: float, note: str = "") -> None:
    write_weights(path, ["# FORMAT: name<TAB>value. Weights of the event cluster-pair model, one per feature",
                         "# (events/pairscore.py CLUSTER_FEATURES), then the average-link cut on",
                         "# 1 - P(same event) over the first-stage clusters of a document group.",
                         "# Written by: storyline eval ecbplus DIR --split train --train-scorer FILE",
                         "# (beside FILE, as cluster_scorer.tsv)",
                         "# Examples:", "#   max_p\t2.5", "#   threshold\t0.5"],
                  CLUSTER_FEATURES, weights, threshold, note)


def cluster_scored(items, groups, subgroups, trig, sent, doc_cosine: Callable,
                   weights: np.ndarray | None = None, threshold: float | None = None,
                   merge: tuple[np.ndarray, float] | None | str = "shipped",
                   cannot: Callable | None = None) -> list[int]:
    """Cluster ids: average link on 1 - P(same event) inside each document
    group, then the cluster-pair merge (``merge``: (weights, cut), None for
    none, "shipped" for ``data/cluster_scorer.tsv`` when it is there);
    ``cannot(a, b)``: pairs of items that never end in one cluster."""
    if weights is None or threshold is None:
        weights, threshold = load_scorer()
    if isinstance(merge, str):
        merge = load_cluster_scorer()
    stages = first_stage(items, groups, subgroups, trig, sent, doc_cosine, weights, threshold, cannot)
    if merge is None:
        return merge_stage(items, stages, trig, sent, None, 0.0)
    return merge_stage(items, stages, trig, sent, merge[0], merge[1])
