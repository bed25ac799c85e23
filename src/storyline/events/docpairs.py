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
  not, 0 when either names none;
* ``person_cosine``, ``place_cosine``: TF-IDF cosines of the person names and
  of the place names alone;
* ``number_cosine``: of the numbers written in the text (counts, magnitudes,
  scores);
* ``lead_cosine``: of the words of four letters or more in the first
  ``LEAD_CHARS`` characters (title, dateline, lead).
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

from ..records.entities import PLACE_TYPES
from .pairscore import fit, read_weights, write_weights
from .coref import _components, analysis_bag, candidate_pairs, tfidf_matrix

FEATURES = ("bias", "bag_cosine", "name_cosine", "month", "day", "year",
            "person_cosine", "place_cosine", "number_cosine", "lead_cosine")
LEAD_CHARS = 300  # the opening of an article (title, dateline, first sentence) names its happening
_NUMBER = re.compile(r"\b\d[\d.,]*\b")
_WORD = re.compile(r"[A-Za-z]{4,}")
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
    persons: tuple = ()
    places: tuple = ()
    numbers: tuple = ()
    lead: tuple = ()


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
    text = analysis.article.text
    persons = tuple("P_" + m.text.lower() for m in analysis.mentions if m.kind == "name" and m.type == "PERSON")
    places = tuple("L_" + m.text.lower() for m in analysis.mentions if m.kind == "name" and m.type in PLACE_TYPES)
    return DocFeatures(tuple(bag if bag is not None else analysis_bag(analysis)), names, month, day, years,
                       persons, places, tuple(_NUMBER.findall(text)),
                       tuple(w.lower() for w in _WORD.findall(text[:LEAD_CHARS])))


def _agree(a, b) -> float:
    if not a or not b:
        return 0.0
    return 1.0 if a == b else -1.0


VECTOR_FIELDS = ("bag", "names", "persons", "places", "numbers", "lead")


def vectors(docs: Sequence[DocFeatures]) -> dict:
    """TF-IDF matrices of each bag-like field over the documents."""
    return {f: tfidf_matrix([getattr(d, f) for d in docs]) for f in VECTOR_FIELDS}


def pair_matrix(docs: Sequence[DocFeatures], members: Sequence[int], vecs: dict | None = None) -> np.ndarray:
    """Feature rows (``FEATURES`` order) of every pair of ``members``, in
    ``itertools.combinations`` order (the condensed order of scipy)."""
    vecs = vectors(docs) if vecs is None else vecs
    idx = list(members)
    sim = {f: (x[idx] @ x[idx].T).toarray() for f, x in vecs.items()}
    rows = []
    for a, b in itertools.combinations(range(len(idx)), 2):
        da, db = docs[idx[a]], docs[idx[b]]
        year = 0.0 if not (da.years and db.years) else (1.0 if da.years & db.years else -1.0)
        rows.append([1.0, sim["bag"][a, b], sim["names"][a, b], _agree(da.month, db.month), _agree(da.day, db.day),
                     year, sim["persons"][a, b], sim["places"][a, b], sim["numbers"][a, b], sim["lead"][a, b]])
    return np.array(rows).reshape(-1, len(FEATURES))


@lru_cache(maxsize=1)
def load_model() -> tuple[np.ndarray, float]:
    return read_weights("doc_pairs.tsv", FEATURES)


def fit_pairs(x: np.ndarray, y) -> np.ndarray:
    """Logistic weights of the document-pair model (L2 0.01)."""
    return fit(np.asarray(x), np.asarray(y, dtype=float), l2=1e-2)


def write_model(path, weights, threshold: float, note: str = "") -> None:
    write_weights(path, ["# FORMAT: name<TAB>value. Weights of the document-pair model (events/docpairs.py",
                         "# FEATURES), then the average-link cut on 1 - P(same happening).",
                         "# Written by: storyline eval ecbplus DIR --split train --train-grouping FILE",
                         "# Examples:", "#   bag_cosine\t9.1", "#   threshold\t0.7"],
                  FEATURES, weights, threshold, note)


def group(docs: Sequence[DocFeatures], weights: np.ndarray | None = None,
          threshold: float | None = None) -> list[int]:
    """Group ids (0..k-1) of the documents."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if weights is None or threshold is None:
        weights, threshold = load_model()
    n = len(docs)
    if n < 2:
        return [0] * n
    vecs = vectors(docs)
    rows, cols, _ = candidate_pairs(vecs["bag"], BLOCK_SIMILARITY)
    labels, nxt = [0] * n, 0
    for comp in _components(n, rows, cols):
        if len(comp) == 1:
            labels[comp[0]] = nxt
            nxt += 1
            continue
        p = 1.0 / (1.0 + np.exp(-pair_matrix(docs, comp, vecs) @ weights))
        local = fcluster(linkage(1.0 - p, method="average"), t=threshold, criterion="distance")
        for i, label in zip(comp, local):
            labels[i] = nxt + int(label)
        nxt += len(comp) + 1
    remap: dict[int, int] = {}
    return [remap.setdefault(label, len(remap)) for label in labels]
