"""ROUGE-N counts the ROUGE-1.5.5 way, and the timeline ROUGE variants built on them.

Counting (ROUGE-1.5.5 with ``-m -s``, raw counts ``-t 2``):

- a summary is all its sentences joined; lowercase; every character outside
  ``[a-z0-9]`` becomes a space; tokens are the remaining runs;
- stop words (the SMART list in ``data/rouge_stopwords.txt``) are dropped
  before n-grams are formed, so bigrams bridge a removed stop word;
- tokens longer than three characters are Porter-stemmed
  (``storyline.stories.stem``; ROUGE-1.5.5 also consults a WordNet
  exception table for irregular forms, which is not reproduced here);
- for each n: ``P`` = peer n-grams, ``M`` = model (reference) n-grams,
  ``H`` = hits, the clipped overlap sum over n-grams of min(peer, model).

Timeline variants (Martschat & Markert 2017): ``align_m1`` is "align+ m:1":
each predicted date is aligned to the gold date of least cost and each gold
date to the predicted date of least cost, the cost of a pair being
``(1 - 1/(|days| + 1)) * (1 - approximate ROUGE-1 F of the two summaries)``;
an aligned pair's hits count ``1/(|days| + 1)``. Precision = weighted hits of
all predicted dates over their n-gram count; recall = weighted hits over the
gold n-gram count (counts summed over dates, micro within one timeline).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..resources import data_lines
from ..stories.stem import stem

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(line.strip() for line in data_lines("storyline.eval", "rouge_stopwords.txt"))


def tokens(text: str, stemming: bool = True, remove_stopwords: bool = True) -> list[str]:
    """ROUGE-1.5.5 tokens of one text."""
    stops = stopwords() if remove_stopwords else frozenset()
    out = []
    for tok in _NON_ALNUM.sub(" ", text.lower()).split():
        if tok in stops:
            continue
        out.append(stem(tok) if stemming and len(tok) > 3 else tok)
    return out


def ngrams(toks: list[str], n: int) -> Counter:
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class Counts:
    """Raw ROUGE-N counts: hits, peer n-grams, model n-grams."""

    hits: float
    peer: int
    model: int


def summary_ngrams(sentences: list[str], n: int) -> Counter:
    """n-gram counts of a summary given as sentences (joined, as ROUGE-1.5.5 does)."""
    return ngrams(tokens(" ".join(sentences)), n)


def counts(peer: Counter, model: Counter) -> Counts:
    hits = sum(min(c, model[g]) for g, c in peer.items() if g in model)
    return Counts(hits, sum(peer.values()), sum(model.values()))


def rouge_n(peer_sentences: list[str], model_sentences: list[str], n: int) -> Counts:
    return counts(summary_ngrams(peer_sentences, n), summary_ngrams(model_sentences, n))


def f_score(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f(self) -> float:
        return f_score(self.precision, self.recall)


def approx_rouge1_f(peer: list[str], model: list[str]) -> float:
    """The alignment cost's content term: ROUGE-1 F on whitespace tokens, no
    stemming or stop-word removal (Martschat & Markert's approximation)."""
    pc = Counter(t for s in peer for t in s.split())
    mc = Counter(t for s in model for t in s.split())
    match = sum(min(c, mc[t]) for t, c in pc.items() if t in mc)
    p = match / sum(pc.values()) if pc else 0.0
    r = match / sum(mc.values()) if mc else 0.0
    return f_score(p, r)


def _days(a: date, b: date) -> int:
    return abs(a.toordinal() - b.toordinal())


def _cheapest(source: list[date], target: list[date], cost) -> list[int]:
    """For each source date the index of the target date of least cost (first on ties)."""
    out = []
    for s in source:
        best, best_cost = 0, None
        for j, t in enumerate(target):
            c = cost(s, t)
            if best_cost is None or c < best_cost:
                best, best_cost = j, c
        out.append(best)
    return out


Timeline = dict  # date -> list[str] sentences


def align_m1(pred: Timeline, gold: Timeline, ns=(1, 2)) -> dict[int, PRF]:
    """'align+ m:1' ROUGE-N precision and recall of one predicted timeline against one gold timeline."""
    pdates, gdates = sorted(pred), sorted(gold)
    grams = {n: ({d: summary_ngrams(pred[d], n) for d in pdates},
                 {d: summary_ngrams(gold[d], n) for d in gdates}) for n in ns}
    content: dict[tuple[date, date], float] = {}

    def cost(p: date, g: date) -> float:
        date_factor = 1 - 1 / (_days(p, g) + 1)
        if date_factor == 0:
            return 0.0
        if (p, g) not in content:
            content[(p, g)] = approx_rouge1_f(pred[p], gold[g])
        return date_factor * (1 - content[(p, g)])

    p_to_g = _cheapest(pdates, gdates, cost) if gdates else []
    g_to_p = _cheapest(gdates, pdates, lambda g, p: cost(p, g)) if pdates else []
    out = {}
    for n in ns:
        pg, gg = grams[n]
        prec_num = prec_den = rec_num = rec_den = 0.0
        for i, p in enumerate(pdates):
            prec_den += sum(pg[p].values())
            if gdates:
                g = gdates[p_to_g[i]]
                prec_num += counts(pg[p], gg[g]).hits / (_days(p, g) + 1)
        for j, g in enumerate(gdates):
            rec_den += sum(gg[g].values())
            if pdates:
                p = pdates[g_to_p[j]]
                rec_num += counts(pg[p], gg[g]).hits / (_days(p, g) + 1)
        out[n] = PRF(prec_num / prec_den if prec_den else 0.0,
                     rec_num / rec_den if rec_den else 0.0)
    return out


def date_prf(pred: Timeline, gold: Timeline) -> PRF:
    """Date selection: precision and recall of the predicted dates among the gold dates."""
    hit = len(set(pred) & set(gold))
    return PRF(hit / len(pred) if pred else 0.0, hit / len(gold) if gold else 0.0)


def concat_rouge(pred: Timeline, gold: Timeline, n: int) -> PRF:
    """ROUGE-N of all predicted sentences against all gold sentences (dates ignored)."""
    c = rouge_n([s for d in sorted(pred) for s in pred[d]],
                [s for d in sorted(gold) for s in gold[d]], n)
    return PRF(c.hits / c.peer if c.peer else 0.0, c.hits / c.model if c.model else 0.0)


def average(prfs: list[PRF]) -> PRF:
    """Macro average over timelines: mean precision, mean recall (F is taken from these)."""
    if not prfs:
        return PRF(0.0, 0.0)
    return PRF(sum(x.precision for x in prfs) / len(prfs), sum(x.recall for x in prfs) / len(prfs))
