"""A learned pairwise order for undated articles of one story: P(a published before b).

The calendar rules (``infer.py``) order two articles only when the evidence proves it. Many
more pairs have weak, one-sided hints: b writes a later past date than a, b's running count
("1,200 cases") is higher than a's ("800 cases"), a announces an event b reports, b counts
more days since the story began. This module reads such hints from the text of each article
(``ArticleProfile``), turns a pair of profiles into antisymmetric features
(``pair_features``: f(a, b) = -f(b, a), so that P(a before b) = 1 - P(b before a)), and a
logistic model without intercept (weights in ``data/pairorder_weights.json``, trained by
``storyline eval chronology_train``) gives P(a before b). Pairs at or above the model's
threshold are added to the order already proven, most confident first, skipping any that
would close a cycle (``add_acyclic``); each keeps the features that fired as its evidence.

These pairs are confident, not proven: they carry no interval and are marked by the rule
``pairorder`` in their evidence.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..records.chronology import DateBound
from ..resources import data_text
from .bounds import Cue, read_cues, sentence_spans
from .lexicon import planned_events
from .links import content_words, event_dated, names_near, proper_names, similar_links

VERSION = "chronology.pairorder.v1"
DAY_BUCKETS = (3, 14, 60)  # a difference of dates is read in bands: up to 3 days, 4-14, 15-60, more
RATIO_BUCKETS = (1.5, 3.0)  # a ratio of counts: up to 1.5, 1.5-3, more
FEATURES = (tuple(f"full_date_{k}" for k in range(len(DAY_BUCKETS) + 1))
            + tuple(f"month_day_{k}" for k in range(len(DAY_BUCKETS) + 1))
            + tuple(f"lede_day_{k}" for k in range(len(DAY_BUCKETS) + 1))
            + ("elapsed",) + tuple(f"counts_{k}" for k in range(len(RATIO_BUCKETS) + 1))
            + ("ordinal", "announce", "recount", "length", "future_share", "past_dates", "recap",
               "day_link", "day_link_max"))
YEAR_DAYS = 366


@lru_cache(maxsize=None)
def _json(name: str) -> dict:
    return json.loads(data_text("storyline.chronology", name))


def lexicon() -> dict:
    return _json("pairorder_lexicon.json")


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    threshold: float
    features: tuple[str, ...] = FEATURES

    def prob(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ np.asarray(self.weights))))


def load_model(name: str = "pairorder_weights.json") -> Model | None:
    try:
        d = _json(name)
    except FileNotFoundError:
        return None
    feats = tuple(d["features"])
    if feats != FEATURES:
        return None  # weights of another feature set: retrain
    return Model(tuple(float(w) for w in d["weights"]), float(d["threshold"]), feats)


# ---------------------------------------------------------------- per article

@dataclass(frozen=True)
class ArticleProfile:
    """What one article's text says that may place it before or after another."""

    article_id: str
    last_date: int | None = None  # latest past (or unmarked) full date, as a day ordinal
    last_date_cue: tuple[int, int] = (-1, -1)
    last_md: int | None = None  # latest past month-day (any year), as a day of a 366-day year
    last_md_cue: tuple[int, int] = (-1, -1)
    lede_md: int | None = None  # the same, in the first sentences (the lede tells the newest news)
    lede_md_cue: tuple[int, int] = (-1, -1)
    max_elapsed: int | None = None  # most days since something, written as elapsed time ("Day 57", "58 days ago")
    counts: tuple[tuple[str, float], ...] = ()  # running counts: key -> largest figure
    ordinals: tuple[tuple[str, int], ...] = ()  # "the 10th day": unit -> largest ordinal
    announced: frozenset = frozenset()  # (event, name) told in a future clause
    reported: frozenset = frozenset()  # (event, name) told in a past clause
    terms: frozenset = frozenset()
    words: int = 0
    future_share: float = 0.0  # share of the time cues in future clauses
    past_dates: int = 0  # past full / month-day dates written
    recap: float = 0.0  # background words per 100 words


_FIG = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand))?\s+(?:[a-z]+\s+){0,2}?([a-z]+)\b")
_ORD = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+(?:straight\s+|consecutive\s+|successive\s+)?([a-z]+)", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_ORD_WORDS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
              "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_ORD_WORD = re.compile(r"\b(" + "|".join(_ORD_WORDS) + r")\s+(?:straight\s+|consecutive\s+|successive\s+)?([a-z]+)",
                       re.IGNORECASE)


def _past(cue: Cue) -> bool:
    return cue.tense not in ("future", "modal")


def _running_counts(text: str) -> dict[str, float]:
    keys = lexicon()["counts"]
    out: dict[str, float] = {}
    for m in _FIG.finditer(text.lower()):
        key = keys.get(m.group(3))
        if not key:
            continue
        v = float(m.group(1).replace(",", ""))
        if m.group(2):
            v *= 1e6 if m.group(2) == "million" else 1e3
        if 1800 <= v <= 2100 and not m.group(2) and "," not in m.group(1):
            continue  # a year
        out[key] = max(out.get(key, 0.0), v)
    for m in _toll_pattern().finditer(text.lower()):
        v = float(m.group(2).replace(",", ""))
        if m.group(3):
            v *= 1e6 if m.group(3) == "million" else 1e3
        key = lexicon()["tolls"][m.group(1)]
        out[key] = max(out.get(key, 0.0), v)
    return out


@lru_cache(maxsize=1)
def _toll_pattern() -> re.Pattern:
    phrases = sorted(lexicon()["tolls"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\s+(?:[a-z]+\s+){0,4}?"
                      r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand))?\b(?!\s*(?:%|per\s*cent))")


def _ordinals(text: str) -> dict[str, int]:
    units = set(lexicon()["ordinal_units"])
    out: dict[str, int] = {}
    for rx, val in ((_ORD, lambda g: int(g)), (_ORD_WORD, lambda g: _ORD_WORDS[g.lower()])):
        for m in rx.finditer(text):
            unit = m.group(2).lower().rstrip("s")
            if unit + "s" in units or unit in units:
                n = val(m.group(1))
                if 1 < n < 400:
                    out[unit] = max(out.get(unit, 0), n)
    return out


def _lede_end(text: str, n: int = 3) -> int:
    spans = sentence_spans(text)
    return spans[min(n, len(spans)) - 1][1] if spans else 0


def profile(article_id: str, text: str, names: frozenset[str] = frozenset(),
            cues: list[Cue] | None = None) -> ArticleProfile:
    """The profile of one article; ``names`` are the collection's proper names
    (``links.proper_names``), used to key announced / reported events."""
    cues = cues if cues is not None else read_cues(article_id, text)
    planned = planned_events()
    last_date = last_md = max_el = None
    ld_cue = md_cue = (-1, -1)
    past_dates = future = 0
    lede_md, lede_cue = None, (-1, -1)
    lede_end = _lede_end(text)
    announced, reported = set(), set()
    for c in cues:
        if c.tense == "future":
            future += 1
        if c.kind in ("date", "monthday") and _past(c) and c.before not in ("until", "by", "before"):
            past_dates += 1
            if c.kind == "date":
                day = dt.date(c.year, c.month, c.day).toordinal()
                if last_date is None or day > last_date:
                    last_date, ld_cue = day, (c.start, c.end)
            md = dt.date(2000, c.month, c.day).timetuple().tm_yday
            if last_md is None or md > last_md:
                last_md, md_cue = md, (c.start, c.end)
            if c.start < lede_end and (lede_md is None or md > lede_md):
                lede_md, lede_cue = md, (c.start, c.end)
        if c.kind == "elapsed" and _past(c):
            days = -c.hi
            if days >= 1 and (max_el is None or days > max_el):
                max_el = days
        if c.tense in ("future", "past") and names:
            ev = {e for e in event_dated(text, c, 60, cues) if e in planned}
            if ev:
                keys = {(e, n) for e in ev for n in names_near(text, c, names, 60, cues)}
                (announced if c.tense == "future" else reported).update(keys)
    words = _WORD.findall(text.lower())
    recap_words = set(lexicon()["recap"])
    return ArticleProfile(
        article_id=article_id, last_date=last_date, last_date_cue=ld_cue, last_md=last_md, last_md_cue=md_cue, lede_md=lede_md, lede_md_cue=lede_cue,
        max_elapsed=max_el, counts=tuple(sorted(_running_counts(text).items())),
        ordinals=tuple(sorted(_ordinals(text).items())), announced=frozenset(announced),
        reported=frozenset(reported), terms=content_words(text), words=len(words),
        future_share=future / len(cues) if cues else 0.0, past_dates=past_dates,
        recap=100.0 * sum(w in recap_words for w in words) / max(1, len(words)))


def profiles(items: list[tuple[str, str]], cues: dict[str, list[Cue]] | None = None) -> list[ArticleProfile]:
    """Profiles of a collection: ``items`` are (id, text)."""
    texts = dict(items)
    names = proper_names(texts)
    return [profile(i, t, names, (cues or {}).get(i)) for i, t in items]


def day_votes(items: list[tuple[str, str]], cues: dict[str, list[Cue]] | None = None,
              threshold: float = 0.12) -> dict[tuple[str, str], list[tuple[float, float, str]]]:
    """Soft links between day cues of two articles (``links.similar_links`` with low
    thresholds: the same event, likely, not surely) and the direction each implies. A cue
    names a day ``off`` days from its article ("yesterday": -1, "will meet on Friday": 0..7,
    ``infer.relative_range``); two cues naming one day put b's date ``off_a - off_b`` days
    after a's. Per ordered pair (a, b) with a < b by id order of ``items``: (score, share of
    that range after minus before, the shared words)."""
    from .infer import relative_range  # infer imports this module
    texts = dict(items)
    cues = cues if cues is not None else {i: read_cues(i, t) for i, t in items}
    links = similar_links(texts, cues, threshold=threshold, min_shared=2, strong_shared=4,
                          strong_threshold=threshold, aligned_threshold=threshold / 2, aligned_min_shared=2)
    order = {i: k for k, (i, _) in enumerate(items)}
    out: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for ln in links:
        (da, ia), (db, ib) = ln.a, ln.b
        if order[da] > order[db]:
            (da, ia), (db, ib) = (db, ib), (da, ia)
        ra = relative_range(texts[da], cues[da][ia])
        rb = relative_range(texts[db], cues[db][ib])
        if ra is None or rb is None:
            continue
        lo, hi = ra[0] - rb[1], ra[1] - rb[0]
        n = hi - lo + 1
        direction = (max(0, hi) - max(0, lo - 1) - (min(0, hi + 1) - min(0, lo))) / n
        if direction:
            out.setdefault((da, db), []).append((ln.score, direction, " ".join(ln.shared[:3])))
    return out


def term_weights(profs: list[ArticleProfile]) -> dict[str, float]:
    """idf of the terms written in two articles at least and in at most half of them."""
    df = Counter(t for p in profs for t in p.terms)
    n = len(profs)
    return {t: math.log(n / k) for t, k in df.items() if 2 <= k <= max(2, n // 2)}


# ---------------------------------------------------------------- per pair

def _sign(x: float) -> float:
    return 0.0 if x == 0 else (1.0 if x > 0 else -1.0)


def _band(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > e for e in edges)


def pair_features(a: ArticleProfile, b: ArticleProfile, idf: dict[str, float],
                  votes: list[tuple[float, float, str]] = ()) -> np.ndarray:
    """Antisymmetric features of the pair: positive values speak for "a before b"; ``votes``
    are the soft day links between a and b (``day_votes``)."""
    f = dict.fromkeys(FEATURES, 0.0)
    if votes:
        f["day_link"] = max(-2.0, min(2.0, sum(10 * s * d for s, d, _ in votes)))
        s, d, _ = max(votes, key=lambda v: v[0])
        f["day_link_max"] = 10 * s * d
    if a.last_date is not None and b.last_date is not None:
        d = b.last_date - a.last_date
        if d:
            f[f"full_date_{_band(abs(d), DAY_BUCKETS)}"] = _sign(d)
    if a.last_md is not None and b.last_md is not None:
        d = (b.last_md - a.last_md + YEAR_DAYS // 2) % YEAR_DAYS - YEAR_DAYS // 2
        if d:
            f[f"month_day_{_band(abs(d), DAY_BUCKETS)}"] = _sign(d)
    if a.lede_md is not None and b.lede_md is not None:
        d = (b.lede_md - a.lede_md + YEAR_DAYS // 2) % YEAR_DAYS - YEAR_DAYS // 2
        if d:
            f[f"lede_day_{_band(abs(d), DAY_BUCKETS)}"] = _sign(d)
    if a.max_elapsed is not None and b.max_elapsed is not None:
        f["elapsed"] = _sign(b.max_elapsed - a.max_elapsed)
    ca, cb = dict(a.counts), dict(b.counts)
    for k in ca.keys() & cb.keys():
        r = math.log(cb[k] / ca[k]) if ca[k] > 0 and cb[k] > 0 else 0.0
        if abs(r) > math.log(1.05):
            f[f"counts_{_band(math.exp(abs(r)), RATIO_BUCKETS)}"] += _sign(r)
    oa, ob = dict(a.ordinals), dict(b.ordinals)
    for k in oa.keys() & ob.keys():
        f["ordinal"] += _sign(ob[k] - oa[k])
    f["announce"] = float(min(2, len(a.announced & b.reported)) - min(2, len(b.announced & a.reported)))
    shared = sum(idf.get(t, 0.0) for t in a.terms & b.terms)
    wa = sum(idf.get(t, 0.0) for t in a.terms)
    wb = sum(idf.get(t, 0.0) for t in b.terms)
    if wa > 0 and wb > 0:
        f["recount"] = shared / wa - shared / wb  # b holds a's terms more than a holds b's
    f["length"] = math.log((b.words + 1) / (a.words + 1))
    f["future_share"] = a.future_share - b.future_share
    f["past_dates"] = math.log1p(b.past_dates) - math.log1p(a.past_dates)
    f["recap"] = b.recap - a.recap
    return np.array([f[k] for k in FEATURES])


def pair_matrix(profs: list[ArticleProfile], votes: dict | None = None) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Features of every pair i < j of a collection (``votes``: ``day_votes`` of the same
    items, in the same order)."""
    idf = term_weights(profs)
    votes = votes or {}
    idx = [(i, j) for i in range(len(profs)) for j in range(i + 1, len(profs))]
    if not idx:
        return np.zeros((0, len(FEATURES))), idx
    return np.vstack([pair_features(profs[i], profs[j], idf,
                                    votes.get((profs[i].article_id, profs[j].article_id), ()))
                      for i, j in idx]), idx


# ---------------------------------------------------------------- training

def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 200,
        weight: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression without intercept (the features are antisymmetric), L2-penalised,
    by Newton's method. ``y`` in {0, 1}: 1 when a was published before b; ``weight``: one
    per example (default 1)."""
    w = np.zeros(x.shape[1])
    sw = np.ones(len(y)) if weight is None else weight
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (sw * (p - y)) + l2 * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


# ---------------------------------------------------------------- adding pairs

def add_acyclic(n: int, known: list[tuple[int, int]], candidates: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Add ``candidates`` (i before j, with a confidence) to the order ``known``, most confident
    first, skipping a pair that would close a cycle or that the order already implies. Returns
    the pairs added."""
    reach = np.eye(n, dtype=bool)  # reach[x, y]: x before (or equal to) y
    for i, j in known:
        reach[np.ix_(reach[:, i], reach[j])] = True
    added = []
    for i, j, p in sorted(candidates, key=lambda c: -c[2]):
        if reach[j, i] or reach[i, j]:
            continue
        reach[np.ix_(reach[:, i], reach[j])] = True
        added.append((i, j, p))
    return added


def _evidence(a: ArticleProfile, b: ArticleProfile, x: np.ndarray, model: Model, p: float) -> tuple[DateBound, ...]:
    w = np.asarray(model.weights)
    fired = [(FEATURES[k], x[k] * w[k]) for k in range(len(FEATURES)) if x[k] * w[k] > 0.05]
    fired.sort(key=lambda t: -t[1])
    names = ", ".join(f"{k} {v:+.2f}" for k, v in fired[:4])
    rule = f"pairorder[{p:.2f}: {names}]"
    ev = [DateBound(a.article_id, "before_article", None, other_article=b.article_id, rule=rule,
                    confidence=round(p, 3))]
    for prof, cue, feat in ((a, a.last_date_cue, "full_date"), (b, b.last_date_cue, "full_date"),
                            (a, a.last_md_cue, "month_day"), (b, b.last_md_cue, "month_day"),
                            (a, a.lede_md_cue, "lede_day"), (b, b.lede_md_cue, "lede_day")):
        if cue[0] >= 0 and any(k.startswith(feat) for k, _ in fired):
            ev.append(DateBound(prof.article_id, "before_article", None,
                                other_article=(b if prof is a else a).article_id, start=cue[0], end=cue[1],
                                rule=f"pairorder.{feat}", confidence=round(p, 3), tense="past"))
    return tuple(ev)


@dataclass(frozen=True)
class ModelPair:
    before: str
    after: str
    prob: float
    evidence: tuple[DateBound, ...]


def model_pairs(items: list[tuple[str, str]], known: list[tuple[str, str]] = (), model: Model | None = None,
                skip: set[str] = frozenset(), cues: dict[str, list[Cue]] | None = None) -> list[ModelPair]:
    """Pairs "a before b" the model is confident of (P >= its threshold), added to the order
    ``known`` without cycles. ``items`` are (id, text); ``skip``: ids not to order between
    themselves (anchors, whose order the dates give)."""
    model = model or load_model()
    if model is None or len(items) < 2:
        return []
    items = list(items)
    cues = cues if cues is not None else {i: read_cues(i, t) for i, t in items}
    profs = profiles(items, cues)
    x, idx = pair_matrix(profs, day_votes(items, cues))
    return choose_pairs(profs, x, idx, model, known, skip)


def choose_pairs(profs: list[ArticleProfile], x: np.ndarray, idx: list[tuple[int, int]], model: Model,
                 known: list[tuple[str, str]] = (), skip: set[str] = frozenset()) -> list[ModelPair]:
    """``model_pairs`` on a collection's profiles and pair features (``pair_matrix``)."""
    if len(idx) == 0:
        return []
    pos = {p.article_id: k for k, p in enumerate(profs)}
    p = model.prob(x)
    cand, row = [], {}
    for k, ((i, j), pij) in enumerate(zip(idx, p)):
        if profs[i].article_id in skip and profs[j].article_id in skip:
            continue
        if pij >= model.threshold:
            cand.append((i, j, float(pij)))
            row[(i, j)] = (k, 1.0)
        elif 1 - pij >= model.threshold:
            cand.append((j, i, float(1 - pij)))
            row[(j, i)] = (k, -1.0)
    known_idx = [(pos[a], pos[b]) for a, b in known if a in pos and b in pos]
    out = []
    for i, j, pij in add_acyclic(len(profs), known_idx, cand):
        k, sgn = row[(i, j)]
        out.append(ModelPair(profs[i].article_id, profs[j].article_id, pij,
                             _evidence(profs[i], profs[j], sgn * x[k], model, pij)))
    return out
