"""Learned document grouping: which documents tell the same happening.

A logistic model over document pairs (weights in ``data/doc_pairs.tsv``,
written by ``storyline eval ecbplus DIR --split train --train-grouping FILE``
from the training topics' gold subtopics) scores each pair; documents are
grouped by average link on ``1 - P(same happening)`` at the stored cut.
Features — all from the per-article analysis, no gold labels:
* ``bag_cosine``: TF-IDF cosine of ``coref.analysis_bag`` (topic words);
* ``name_cosine``: TF-IDF cosine of the names alone (who and where);
* ``month``, ``day``: +1 when the two documents' first dated expressions share
  the month (or month and day), −1 when they differ, 0 when either lacks one
  (a topic's seminal event and a look-alike happen at other times);
* ``year``: +1 when the years the documents mention overlap, −1 when they do
  not, 0 when either names none.
Only pairs that share a rare term (``coref.candidate_pairs``) are scored;
the linkage runs inside the connected components of those pairs.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from ..resources import data_rows
from .coref import _components, analysis_bag, candidate_pairs, tfidf_matrix

FEATURES = ("bias", "bag_cosine", "name_cosine", "month", "day", "year")
NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
BLOCK_SIMILARITY = 0.02  # bag cosine under which a pair is never scored
_DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})(-(\d{2}))?$")
_YEAR = re.compile(r"^\d{4}")


@dataclass(frozen=True)
class DocFeatures:
    bag: tuple
    names: tuple
    month: str | None
    day: str | None
    years: frozenset


def doc_features(analysis, bag: Sequence[str] | None = None) -> DocFeatures:
    """What the grouping compares, from one article's analysis."""
    names = tuple("N_" + m.text.lower().replace(" ", "_") for m in analysis.mentions
                  if m.kind == "name" and m.type in NAME_TYPES)
    month = day = None
    for t in analysis.timexes:
        m = _DATE.match(t.value or "") if t.type == "DATE" else None
        if m:
            month = month or m.group(2)
            if m.group(4):
                day = m.group(2) + "-" + m.group(4)
                break
    years = frozenset(t.value[:4] for t in analysis.timexes if t.type == "DATE" and _YEAR.match(t.value or ""))
    return DocFeatures(tuple(bag if bag is not None else analysis_bag(analysis)), names, month, day, years)


def _agree(a, b) -> float:
    if not a or not b:
        return 0.0
    return 1.0 if a == b else -1.0


def pair_matrix(docs: Sequence[DocFeatures], members: Sequence[int], xb=None, xn=None) -> np.ndarray:
    """Feature rows (``FEATURES`` order) of every pair of ``members``, in
    ``itertools.combinations`` order (the condensed order of scipy)."""
    xb = tfidf_matrix([d.bag for d in docs]) if xb is None else xb
    xn = tfidf_matrix([d.names for d in docs]) if xn is None else xn
    idx = list(members)
    sb = (xb[idx] @ xb[idx].T).toarray()
    sn = (xn[idx] @ xn[idx].T).toarray()
    rows = []
    for a, b in itertools.combinations(range(len(idx)), 2):
        da, db = docs[idx[a]], docs[idx[b]]
        year = 0.0 if not (da.years and db.years) else (1.0 if da.years & db.years else -1.0)
        rows.append([1.0, sb[a, b], sn[a, b], _agree(da.month, db.month), _agree(da.day, db.day), year])
    return np.array(rows).reshape(-1, len(FEATURES))


@lru_cache(maxsize=1)
def load_model() -> tuple[np.ndarray, float]:
    table = {row[0]: float(row[1]) for row in data_rows("storyline.events", "doc_pairs.tsv", strip=True)}
    return np.array([table[f] for f in FEATURES]), table["threshold"]


def fit_pairs(x: np.ndarray, y) -> np.ndarray:
    """Logistic weights of the document-pair model (L2 0.01)."""
    from .pairscore import fit

    return fit(np.asarray(x), np.asarray(y, dtype=float), l2=1e-2)


def write_model(path, weights, threshold: float, note: str = "") -> None:
    from pathlib import Path

    lines = ["# FORMAT: name<TAB>value. Weights of the document-pair model (events/docpairs.py",
             "# FEATURES), then the average-link cut on 1 - P(same happening).",
             "# Written by: storyline eval ecbplus DIR --split train --train-grouping FILE",
             "# Examples:", "#   bag_cosine\t9.1", "#   threshold\t0.7"]
    if note:
        lines.append("# " + note)
    lines += [f"{n}\t{v:.6f}" for n, v in zip(FEATURES, weights)] + [f"threshold\t{threshold:.3f}"]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def group(docs: Sequence[DocFeatures], weights: np.ndarray | None = None,
          threshold: float | None = None) -> list[int]:
    """Group ids (0..k-1) of the documents."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if weights is None or threshold is None:
        weights, threshold = load_model()
    n = len(docs)
    if n < 2:
        return [0] * n
    xb = tfidf_matrix([d.bag for d in docs])
    xn = tfidf_matrix([d.names for d in docs])
    rows, cols, _ = candidate_pairs(xb, BLOCK_SIMILARITY)
    labels, nxt = [0] * n, 0
    for comp in _components(n, rows, cols):
        if len(comp) == 1:
            labels[comp[0]] = nxt
            nxt += 1
            continue
        p = 1.0 / (1.0 + np.exp(-pair_matrix(docs, comp, xb, xn) @ weights))
        local = fcluster(linkage(1.0 - p, method="average"), t=threshold, criterion="distance")
        for i, label in zip(comp, local):
            labels[i] = nxt + int(label)
        nxt += len(comp) + 1
    remap: dict[int, int] = {}
    return [remap.setdefault(label, len(remap)) for label in labels]
