"""Listing quotes for ``storyline quotes [--speaker NAME] [--since DATE]`` (pure functions;
the CLI reads the records from the store and prints the rows).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from ..records import Article, Quote


@dataclass(frozen=True)
class QuoteView:
    """A quote with what a listing shows beside it."""

    quote: Quote
    speaker: str  # canonical entity name, else the source span text, else "unattributed"
    date: str | None  # the article's publication date (YYYY-MM-DD), None when unknown
    article_title: str = ""
    article_source: str = ""
    date_inferred: bool = False  # no date was given: ``date`` is the day the article's text fixes


def speaker_entity(quote: Quote, mention_entities) -> str | None:
    """The entity a quote's speaker is: the one set on the quote, else the entity of its speaker
    mention in ``mention_entities`` (the article's row of ``CorpusAnalysis.mention_entity``)."""
    if quote.speaker_entity:
        return quote.speaker_entity
    i = quote.speaker_mention
    return mention_entities[i] if i is not None and 0 <= i < len(mention_entities) else None


def views(quotes: Iterable[Quote], articles: Mapping[str, Article],
          entity_names: Mapping[str, str] | None = None,
          inferred_days: Mapping[str, str] | None = None) -> list[QuoteView]:
    """Attach speaker name and article date/source to each quote.

    ``entity_names`` maps entity id -> canonical name (for ``speaker_entity``);
    ``inferred_days`` article id -> the day the text of an article given no date fixes
    (``stories.timeline.article_days``), shown marked as inferred."""
    names = entity_names or {}
    inferred = inferred_days or {}
    out = []
    for q in quotes:
        art = articles.get(q.article_id)
        speaker = (names.get(q.speaker_entity or "") or q.speaker_text.strip()
                   or "unattributed")
        date = art.published[:10] if art is not None and art.published else inferred.get(q.article_id)
        out.append(QuoteView(q, speaker, date, art.title if art else "",
                             (art.source or art.url) if art else "",
                             date_inferred=date is not None and not (art is not None and art.published)))
    return out


def _speaker_matches(view: QuoteView, wanted: str) -> bool:
    wanted = " ".join(wanted.lower().split())
    for name in (view.speaker, view.quote.speaker_text):
        name = " ".join(name.lower().split())
        if name and (wanted == name or wanted in name.split() or wanted in name):
            return True
    return False


def filter_quotes(items: Iterable[QuoteView], speaker: str | None = None,
                  since: str | None = None) -> list[QuoteView]:
    """Quotes by ``speaker`` (case-insensitive; a full name, one of its words or a part of
    it) published on or after ``since`` (YYYY-MM-DD). With ``since`` set, quotes from
    articles without a date are left out: their date is unknown. Sorted by date (undated
    last), article and position."""
    out = []
    for v in items:
        if speaker and not _speaker_matches(v, speaker):
            continue
        if since and (v.date is None or v.date < since[:10]):
            continue
        out.append(v)
    out.sort(key=lambda v: (v.date is None, v.date or "", v.quote.article_id, v.quote.start))
    return out


def not_said(quote) -> str:
    """The mark of an attribution the source did not make (``Quote.negated``)."""
    return " (did not say)" if quote.negated else ""


def said_text(quote) -> str:
    """What was said, without what lies between its pieces: a quotation split around its cue
    ("“...,” said X. “...”") reads "“...,” … “...”", one run over paragraphs likewise."""
    parts = quote.content_parts or (quote.content,)
    return " … ".join(" ".join(p.text.split()) for p in parts if p is not None and p.text.strip())


def format_row(v: QuoteView) -> str:
    """One line: date, speaker, kind, content (quotation marks kept), source."""
    text = said_text(v.quote)
    where = v.article_source or v.quote.article_id[:12]
    kind = v.quote.kind + not_said(v.quote)
    when = f"{v.date} (inferred)" if v.date and v.date_inferred else (v.date or "undated")
    return f"{when}\t{v.speaker}\t{kind}\t{text}\t{where}"
