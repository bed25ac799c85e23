"""Timeline summarization: pick the important dates of a story and one or two
sentences for each, every sentence traceable to its article.

Date-wise, in the manner of DATEWISE (Ghalandari & Ifrim 2020) but
unsupervised:

1. every sentence is linked to the calendar days it mentions (``text.story_spans``:
   wire datelines are cut off first, so a dateline's date is no mention; page
   material such as reader comments and captions counts for its days but is
   never picked);
2. a date's importance is how many different articles mention it, plus half
   the number of articles published on it;
3. a chosen date's candidate sentences are those that mention it in articles
   published on it or up to two days later, and the leads of the articles
   published on it or the day after that name no day; sentences of sensible
   length that are plain statements (no page boilerplate, no question, not
   garbled) are preferred; they are ranked by TF-IDF cosine to the candidates'
   centroid and picked greedily so the day's summary stays closest to that
   centroid; a sentence too similar to one already in the timeline is skipped.

All weights are in ``Params``; docs/evaluation/timeline17.md records how they
were chosen and what each one is worth. Nothing is keyed to a particular story.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from .text import (centroid, content_tokens, cosine, idf_table, is_clean_sentence, story_spans,
                   normalize, tfidf)


@dataclass(frozen=True)
class Candidate:
    """One sentence of one article, with the days it mentions."""

    article_id: str
    sentence: int  # index of the sentence in its article
    start: int
    end: int
    text: str
    published: date | None
    dates: tuple[date, ...] = ()
    tokens: tuple[str, ...] = ()
    story: bool = True  # False: page material (a comment, a caption), whose days count but which is never shown


@dataclass(frozen=True)
class Params:
    pub_weight: float = 0.5  # an article published on a day counts this much for the day
    later_bonus: float = 0.0  # extra weight of a mention from an article published after the day
    lead_sentences: int = 5  # sentences of an article taken as its lead
    min_tokens: int = 5  # content tokens a picked sentence must have ...
    max_tokens: int = 40  # ... and may have at most
    redundancy: float = 0.5  # cosine above which a sentence repeats one already picked
    span_margin_days: int = 7  # dates considered: publication span widened by this
    mention_window: int | None = 2  # only mentions from articles published up to this many days after
    add_leads: bool = True  # also take the leads of articles published on the day
    lead_days: int = 1  # ... and of articles published up to this many days after it
    position_bonus: float = 0.0  # added to a lead sentence's centroid similarity
    global_weight: float = 0.0  # weight of similarity to the whole collection's centroid
    summary_centroid: bool = True  # pick greedily by the whole day summary's similarity to the centroid
    length_exponent: float = 0.0  # similarity is divided by (content tokens) ** this: favours concise sentences


@dataclass(frozen=True)
class DatedSummary:
    date: date
    sentences: tuple[Candidate, ...]
    score: float = 0.0


def date_scores(cands: list[Candidate], params: Params) -> dict[date, float]:
    """Importance of each mentioned or publication day."""
    mentions: dict[date, dict[str, float]] = defaultdict(dict)
    pubs: dict[date, set[str]] = defaultdict(set)
    for c in cands:
        if c.published:
            pubs[c.published].add(c.article_id)
        for d in c.dates:
            w = 1.0 + (params.later_bonus if c.published and c.published > d else 0.0)
            prev = mentions[d].get(c.article_id, 0.0)
            mentions[d][c.article_id] = max(prev, w)
    scores: dict[date, float] = defaultdict(float)
    for d, arts in mentions.items():
        scores[d] += sum(arts.values())
    for d, arts in pubs.items():
        scores[d] += params.pub_weight * len(arts)
    pub_days = [c.published for c in cands if c.published]
    if pub_days:
        lo, hi = min(pub_days), max(pub_days)
        margin = params.span_margin_days
        scores = {d: s for d, s in scores.items()
                  if (lo - d).days <= margin and (d - hi).days <= margin}
    return dict(scores)


def _candidates_for(d: date, by_date, by_pub, params: Params) -> list[Candidate]:
    mentioned = by_date.get(d, [])
    if params.mention_window is not None:
        near = [c for c in mentioned if c.published and 0 <= (c.published - d).days <= params.mention_window]
        mentioned = near or mentioned
    leads = [c for k in range(params.lead_days + 1) for c in by_pub.get(d + timedelta(days=k), [])
             if c.sentence < params.lead_sentences and not c.dates]
    if mentioned and not params.add_leads:
        return mentioned
    return mentioned + leads


def summarize(cands: list[Candidate], n_dates: int, n_sents: int,
              params: Params = Params()) -> list[DatedSummary]:
    """The timeline: ``n_dates`` dates, up to ``n_sents`` sentences each, in date order."""
    idf, unseen = idf_table(c.tokens for c in cands)
    vec = {id(c): tfidf(c.tokens, idf, unseen) for c in cands}
    by_date: dict[date, list[Candidate]] = defaultdict(list)
    by_pub: dict[date, list[Candidate]] = defaultdict(list)
    for c in cands:
        for d in set(c.dates):
            by_date[d].append(c)
        if c.published:
            by_pub[c.published].append(c)
    scores = date_scores(cands, params)
    everything = centroid(vec.values()) if params.global_weight else {}
    ranked = sorted(scores, key=lambda d: (-scores[d], d))
    picked: list[dict] = []
    out: list[DatedSummary] = []
    for d in ranked:
        if len(out) >= n_dates:
            break
        pool = [c for c in _candidates_for(d, by_date, by_pub, params) if c.story]
        sized = [c for c in pool if params.min_tokens <= len(c.tokens) <= params.max_tokens]
        pool = sized or pool
        clean = [c for c in pool if is_clean_sentence(c.text)]
        pool = clean or pool
        if not pool:
            continue
        cen = centroid(vec[id(c)] for c in pool)

        def score(c: Candidate) -> float:
            v = vec[id(c)]
            bonus = params.position_bonus if c.sentence < params.lead_sentences else 0.0
            sim = cosine(v, cen) + params.global_weight * cosine(v, everything) + bonus
            return sim / max(len(c.tokens), 1) ** params.length_exponent
        order = sorted(pool, key=lambda c: -score(c))
        if params.summary_centroid:
            order = _greedy_summary(order, vec, cen, n_sents * 3)
        chosen: list[Candidate] = []
        for c in order:
            v = vec[id(c)]
            if any(cosine(v, p) > params.redundancy for p in picked):
                continue
            chosen.append(c)
            picked.append(v)
            if len(chosen) >= n_sents:
                break
        if chosen:
            out.append(DatedSummary(d, tuple(chosen), scores[d]))
    return sorted(out, key=lambda s: s.date)


def _greedy_summary(order: list[Candidate], vec, cen, limit: int) -> list[Candidate]:
    """Reorder candidates so each next one most improves the similarity of the
    running summary (sum of vectors) to the centroid."""
    rest = order[: max(limit * 4, 20)]
    out: list[Candidate] = []
    total: dict[str, float] = {}
    while rest and len(out) < limit:
        best = max(rest, key=lambda c: cosine(normalize(_add(total, vec[id(c)])), cen))
        out.append(best)
        total = _add(total, vec[id(best)])
        rest.remove(best)
    return out + [c for c in order if c not in out]


def _add(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    out = dict(a)
    for t, v in b.items():
        out[t] = out.get(t, 0.0) + v
    return out


def candidates_from_text(article_id: str, text: str, published: date | None, date_reader,
                         splitter) -> list[Candidate]:
    """Candidates of one raw article: ``splitter(text) -> [(start, end)]`` and
    ``date_reader(text, published) -> [(start, end, date)]``."""
    spans = splitter(text)
    found = sorted(date_reader(text, published))
    out = []
    j = 0
    for i, s, e, story, days_from in story_spans(text, spans):
        days = []
        while j < len(found) and found[j][0] < e:
            if found[j][0] >= days_from:
                days.append(found[j][2])
            j += 1
        sent = text[s:e]
        out.append(Candidate(article_id, i, s, e, sent, published, tuple(dict.fromkeys(days)),
                             tuple(content_tokens(sent)), story))
    return out
