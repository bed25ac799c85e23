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
``1 - P``, cut at the stored threshold.
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


def cluster_scored(items, groups, subgroups, trig, sent, doc_cosine: Callable,
                   weights: np.ndarray | None = None, threshold: float | None = None) -> list[int]:
    """Cluster ids: average link on 1 - P(same event) inside each document group."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if weights is None or threshold is None:
        weights, threshold = load_scorer()
    labels = [0] * len(items)
    nxt = 0
    for members in group_pairs(items, groups).values():
        n = len(members)
        if n == 1:
            labels[members[0]] = nxt
            nxt += 1
            continue
        feats = [pair_features(items[i], items[j], trig[i], trig[j], sent[i], sent[j],
                               subgroups.get(items[i].doc) == subgroups.get(items[j].doc),
                               doc_cosine(items[i].doc, items[j].doc))
                 for i, j in itertools.combinations(members, 2)]
        p = 1.0 / (1.0 + np.exp(-np.array(feats) @ weights))
        local = fcluster(linkage(1.0 - p, method="average"), t=threshold, criterion="distance")
        for i, label in zip(members, local):
            labels[i] = nxt + int(label)
        nxt += n + 1
    remap: dict[int, int] = {}
    return [remap.setdefault(label, len(remap)) for label in labels]
