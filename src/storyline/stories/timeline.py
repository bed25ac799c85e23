"""The story's timeline: dated entries (what happened, with its source sentence)
and, after them, the undated articles' entries in their inferred order.

Dated part. Every sentence of a dated article is a candidate, linked to the
calendar days its time expressions name (timex values ``YYYY-MM-DD...``, and
the day an event mention is anchored to). A short story gets one entry per
day it mentions or was reported on; a long one (more articles than
``FULL_TIMELINE_ARTICLES``) is summarized (``storyline.stories.summarize``):
the important days, one or two sentences each. An entry's ``date_basis`` says
whether its text names the day ("mentioned") or the day is only the
publication day of the report ("published").

Undated part. Articles without a publication date are never given one: their
entries have ``date=None``, ``inferred=True`` and ``rank`` = the position the
chronology stage inferred (input order when it gave none); the entry text is
the article's first event sentence, else its lead sentence.

Public: ``build_timeline(analyses, corpus) -> list[TimelineEntry]``.
"""
from __future__ import annotations

import bisect
import dataclasses
import math
import re
from datetime import date

from ..records import ArticleAnalysis, CorpusAnalysis, TimelineEntry
from ..nlp.docview import line_span
from .summarize import Candidate, Params, date_scores, summarize
from .text import content_tokens, story_spans

SOURCE = "storyline.stories.timeline.v1"
FULL_TIMELINE_ARTICLES = 30  # up to this many dated articles: every day gets an entry
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _day(value: str | None) -> date | None:
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _sentence_spans(a: ArticleAnalysis) -> list[tuple[int, int]]:
    if a.sentences:
        return [(s.start, s.end) for s in a.sentences]
    from .text import split_sentences
    return split_sentences(a.article.text)


def _stamp_line(a: ArticleAnalysis) -> tuple[int, int]:
    """The offsets of the article's date line (the line of its ``CREATION_TIME`` expression:
    "Published: Thursday, 11 April 2019 08:15 GMT"), (0, 0) when it has none."""
    stamp = next((t for t in a.timexes if t.function == "CREATION_TIME"), None)
    return line_span(a.article.text, stamp.start, stamp.end) if stamp else (0, 0)


def article_candidates(a: ArticleAnalysis) -> list[Candidate]:
    """The sentences of one analysed article with the days each one names. The article's date
    line is not a sentence of the story and names no day of it."""
    text = a.article.text
    published = _day(a.article.published)
    lo, hi = _stamp_line(a)
    anchors = [(t.start, _day(t.value)) for t in a.timexes if _day(t.value) and not lo <= t.start < hi]
    # an event's day counts when a time expression gave it; an event without one carries the
    # publication day, which the text does not name
    anchors += [(e.start, _day(e.time_value)) for e in a.events
                if e.timex_index is not None and _day(e.time_value)]
    anchors.sort(key=lambda x: x[0])  # stable: ties keep timexes before events, as before
    positions = [pos for pos, _ in anchors]
    out = []
    for i, s, e, story, days_from in story_spans(text, _sentence_spans(a)):  # datelines cut, page material marked
        sent = text[s:e]
        if lo <= s + len(sent) - len(sent.lstrip()) and e - len(sent) + len(sent.rstrip()) <= hi:
            continue
        first, last = bisect.bisect_left(positions, days_from), bisect.bisect_left(positions, e)
        days = tuple(dict.fromkeys(d for _, d in anchors[first:last]))
        out.append(Candidate(a.article.id, i, s, e, sent, published, days, tuple(content_tokens(sent)), story))
    return out


def _event_at(a: ArticleAnalysis, corpus: CorpusAnalysis, start: int, end: int) -> str | None:
    ids = corpus.event_ids.get(a.article.id, []) if corpus else []
    for i, e in enumerate(a.events):
        if start <= e.start < end:
            eid = ids[i] if i < len(ids) else e.event_id
            if eid:
                return eid
    return None


def _thread_of(threads, article_id: str) -> str | None:
    for t in threads:
        if t.parent is not None and article_id in t.article_ids:
            return t.id
    for t in threads:
        if article_id in t.article_ids:
            return t.id
    return None


def _dated_entries(dated: list[ArticleAnalysis], corpus: CorpusAnalysis, max_dates, per_date) -> list[TimelineEntry]:
    cands = [c for a in dated for c in article_candidates(a)]
    by_id = {a.article.id: a for a in dated}
    days = {d for c in cands for d in c.dates} | {c.published for c in cands if c.published}
    if max_dates is None:
        max_dates = len(days) if len(dated) <= FULL_TIMELINE_ARTICLES else \
            max(10, min(60, round(3 * math.sqrt(len(dated)))))
    # leads count only for their own publication day here, so "published" means just that
    params = Params(lead_days=0,
                    span_margin_days=36500 if len(dated) <= FULL_TIMELINE_ARTICLES else Params().span_margin_days)
    out = []
    place = {a.article.id: i for i, a in enumerate(dated)}
    for summary in summarize(cands, max_dates, per_date, params):
        # a day's sentences in reading order: reports by publication time, then input order
        for c in sorted(summary.sentences, key=lambda c: (by_id[c.article_id].article.published or "",
                                                          place[c.article_id], c.start)):
            a = by_id[c.article_id]
            basis = "mentioned" if summary.date in c.dates else "published"
            out.append(TimelineEntry(
                date=summary.date.isoformat(), text=c.text.strip(), article_id=c.article_id,
                start=c.start, end=c.end, event_id=_event_at(a, corpus, c.start, c.end),
                inferred=False, rank=None, date_basis=basis,
                thread_id=_thread_of(corpus.threads if corpus else (), c.article_id),
                source=SOURCE, confidence=0.7 if basis == "mentioned" else 0.5))
    return out


def fit_entries(entries: list[TimelineEntry], analyses, corpus, budget: int) -> list[TimelineEntry]:
    """At most ``budget`` of ``entries`` (a built timeline) for a reader who cannot read them
    all: the undated ones keep their places at the end (up to half the budget), and the dated
    part keeps whole days, the most important first (``summarize.date_scores``: how many
    articles name the day, plus half the reports published on it), a tie going to the later
    day, since a reader comes back for what is new. Kept days stay in date order. Cutting the
    list at ``budget`` would keep the oldest days and drop the latest developments."""
    dated = [e for e in entries if e.date]
    undated = [e for e in entries if not e.date]
    room = max(budget - len(undated), budget // 2)
    if len(dated) > room:
        by_id = {a.article.id: a for a in analyses}
        ids = sorted({e.article_id for e in dated})
        days = article_days([by_id[i] for i in ids if i in by_id], corpus)
        cands = [c for i in ids if i in by_id
                 for c in article_candidates(_on_day(by_id[i], days.get(i)))]
        scores = date_scores(cands, dataclasses.replace(Params(), span_margin_days=36500))
        per_day: dict[str, list[TimelineEntry]] = {}
        for e in dated:
            per_day.setdefault(e.date, []).append(e)
        keep, used = set(), 0
        ranked = sorted(per_day, key=lambda d: (scores.get(_day(d), 0.0), d), reverse=True)
        for day in ranked:
            if used + len(per_day[day]) <= room:
                keep.add(day)
                used += len(per_day[day])
        dated = [e for e in dated if e.date in keep]
    return (dated + undated)[:budget]


def _on_day(a: ArticleAnalysis, day) -> ArticleAnalysis:
    """``a`` with its known day as its publication date (an inferred day included)."""
    if not day or a.article.published:
        return a
    return dataclasses.replace(a, article=dataclasses.replace(a.article, published=day[0]))


def _undated_entries(undated: list[ArticleAnalysis], corpus: CorpusAnalysis) -> list[TimelineEntry]:
    ranks = {iv.article_id: iv.rank for iv in (corpus.intervals if corpus else ()) if iv.rank is not None}
    order = sorted(range(len(undated)), key=lambda i: (ranks.get(undated[i].article.id, len(undated) + i), i))
    out = []
    for pos, i in enumerate(order):
        a = undated[i]
        spans = [(sp.start, sp.end) for sp in story_spans(a.article.text, _sentence_spans(a)) if sp.story] \
            or _sentence_spans(a)  # its story's sentences, without a dateline or page material
        if not spans:
            continue
        span = spans[0]
        if a.events:
            first = min(a.events, key=lambda e: e.start)
            span = next(((s, e) for s, e in spans if s <= first.start < e), span)
        rank = ranks.get(a.article.id, pos)
        out.append(TimelineEntry(
            date=None, text=a.article.text[span[0]:span[1]].strip(), article_id=a.article.id,
            start=span[0], end=span[1], event_id=_event_at(a, corpus, *span), inferred=True,
            rank=rank, date_basis="", thread_id=_thread_of(corpus.threads if corpus else (), a.article.id),
            source=SOURCE, confidence=0.4))
    return out


def article_days(analyses, corpus) -> dict[str, tuple[str, str]]:
    """``article id -> (day, basis)`` for the articles whose day is known: ``published`` (the
    input's date) or ``inferred`` (no date given, but the chronology's interval is one day at
    both ends, e.g. a date line under the title). Articles missing here are undated.
    ``analyses``: analysed articles or bare articles."""
    out = {}
    for a in analyses:
        art = getattr(a, "article", a)
        day = _day(art.published)
        if day:
            out[art.id] = (day.isoformat(), "published")
    for iv in (corpus.intervals if corpus else ()):
        if iv.article_id not in out and iv.earliest and iv.earliest == iv.latest and _day(iv.earliest):
            out[iv.article_id] = (iv.earliest, "inferred")
    return out


def build_timeline(analyses, corpus, max_dates: int | None = None, per_date: int = 2) -> list[TimelineEntry]:
    """Dated entries in date order, then undated ones in inferred order (marked ``inferred``).
    An undated article whose text fixes its day (``article_days``: the chronology's interval
    has one day at both ends, e.g. a date line under the title) is placed on that day, its
    entries marked ``inferred`` and, where only that day dates them, ``date_basis="inferred"``."""
    analyses = list(analyses)
    corpus = corpus or CorpusAnalysis()
    days = article_days(analyses, corpus)
    dated = [a for a in analyses if days.get(a.article.id, ("", ""))[1] == "published"]
    exact = {k: day for k, (day, basis) in days.items() if basis == "inferred"}
    placed = [dataclasses.replace(a, article=dataclasses.replace(a.article, published=exact[a.article.id]))
              for a in analyses if a.article.id in exact]
    undated = [a for a in analyses if a.article.id not in days]
    entries = _dated_entries(dated + placed, corpus, max_dates, per_date) if dated or placed else []
    entries = [dataclasses.replace(e, inferred=True,
                                   date_basis="inferred" if e.date_basis == "published" else e.date_basis)
               if e.article_id in exact else e for e in entries]
    return entries + _undated_entries(undated, corpus)
