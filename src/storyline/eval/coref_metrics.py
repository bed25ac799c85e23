"""Coreference scorers: MUC, B-cubed, CEAF-e and the CoNLL average.

Input is two mappings, *gold* and *pred*, from a hashable mention key to a
cluster id. A mention's cluster is the set of mentions sharing its id;
singletons are clusters of one and are scored (no singleton removal).

Mentions present on one side only ("twinless" mentions, which happen with
predicted mentions) are handled as the CoNLL reference scorer (v8.01, Pradhan
et al. 2014) does:

* MUC: a key mention missing from the response forms its own part when the key
  cluster is partitioned by the response (and vice versa for precision), so it
  costs one link; nothing is added to either side.
* B-cubed: recall sums over key mentions and precision over response mentions;
  a twinless mention shares nothing with the other side, so it contributes 0
  to the side it belongs to and is absent from the other.
* CEAF-e: entities are compared by phi4(K, R) = 2|K & R| / (|K| + |R|) with
  the sizes of the full clusters (twinless mentions included), under the
  one-to-one alignment maximizing the total similarity; recall divides by the
  number of key entities, precision by the number of response entities.

All figures are fractions in [0, 1]; ``conll`` is the unweighted mean of the
three F1 values. An empty side gives 0 for the figures that divide by it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = list[frozenset]


def clusters_of(assign: Mapping[Hashable, Hashable]) -> Clusters:
    """Group mention keys by cluster id (order of first appearance)."""
    groups: dict[Hashable, set] = defaultdict(set)
    for mention, cluster in assign.items():
        groups[cluster].add(mention)
    return [frozenset(g) for g in groups.values()]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else 0.0


def _muc_side(key: Clusters, other_of: Mapping[Hashable, Hashable]) -> tuple[float, float]:
    """Numerator and denominator of MUC recall of ``key`` against a response
    given as mention -> cluster id (use it swapped for precision)."""
    num = den = 0
    for cluster in key:
        parts = set()
        for m in cluster:
            parts.add(("in", other_of[m]) if m in other_of else ("alone", m))
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(gold: Mapping, pred: Mapping) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links kept when key clusters are cut by the response."""
    rn, rd = _muc_side(clusters_of(gold), pred)
    pn, pd = _muc_side(clusters_of(pred), gold)
    r, p = _ratio(rn, rd), _ratio(pn, pd)
    return p, r, _f1(p, r)


def _b3_side(key: Clusters, other: Clusters, n_mentions: int) -> float:
    where = {m: i for i, c in enumerate(other) for m in c}
    total = 0.0
    for cluster in key:
        overlap: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                overlap[where[m]] += 1
        total += sum(n * n for n in overlap.values()) / len(cluster)
    return _ratio(total, n_mentions)


def b_cubed(gold: Mapping, pred: Mapping) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998), mention-averaged."""
    key, resp = clusters_of(gold), clusters_of(pred)
    r = _b3_side(key, resp, len(gold))
    p = _b3_side(resp, key, len(pred))
    return p, r, _f1(p, r)


def _phi4_matrix(key: Clusters, resp: Clusters) -> np.ndarray:
    where = {m: j for j, c in enumerate(resp) for m in c}
    sim = np.zeros((len(key), len(resp)))
    for i, cluster in enumerate(key):
        for m in cluster:
            j = where.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_k = np.array([len(c) for c in key], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in resp], dtype=float)[None, :]
    return 2 * sim / (sizes_k + sizes_r)


def ceaf_e(gold: Mapping, pred: Mapping) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005) with phi4 and the optimal one-to-one alignment."""
    key, resp = clusters_of(gold), clusters_of(pred)
    if not key or not resp:
        return 0.0, 0.0, 0.0
    sim = _phi4_matrix(key, resp)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    best = float(sim[rows, cols].sum())
    r, p = best / len(key), best / len(resp)
    return p, r, _f1(p, r)


def score_clusters(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> dict:
    """All coreference figures for one gold/predicted pair of clusterings."""
    out = {"muc": muc(gold, pred), "b3": b_cubed(gold, pred), "ceafe": ceaf_e(gold, pred)}
    out["conll"] = (out["muc"][2] + out["b3"][2] + out["ceafe"][2]) / 3
    return out


def mention_key(doc: Hashable, token_ids: Iterable, gold_by_token: Mapping) -> Hashable:
    """A predicted mention's key: the gold mention holding any of its tokens, else its own
    ``(doc, token ids)`` (a twinless mention)."""
    token_ids = tuple(token_ids)
    return next((gold_by_token[(doc, t)] for t in token_ids if (doc, t) in gold_by_token),
                (doc, token_ids))


def singletons(mentions: Iterable[Hashable]) -> dict:
    """Each mention its own cluster (the all-singletons baseline)."""
    return {m: ("s", m) for m in mentions}


def format_scores(scores: dict, prefix: str = "") -> list[str]:
    """Human-readable lines, one per metric (percentages)."""
    lines = []
    for name in ("muc", "b3", "ceafe"):
        p, r, f = scores[name]
        lines.append(f"{prefix}{name:6s} P {100 * p:6.2f}  R {100 * r:6.2f}  F1 {100 * f:6.2f}")
    lines.append(f"{prefix}conll  F1 {100 * scores['conll']:6.2f}")
    return lines
