"""Publication-date inference for undated articles: bounds, intervals, order."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateBound:
    """One piece of evidence bounding an article's publication date.

    kind: "lower" | "upper" | "equal" (the article's date against ``date``),
    "before_article" | "after_article" (against ``other_article``), "event" (the article's
    date against a dated or shared event ``event``: ``lo``/``hi`` days from the article
    date to the event), "frame" (the story's calendar year, from dated mentions).
    """

    article_id: str
    kind: str
    date: str | None  # ISO date or None for article-to-article links
    other_article: str | None = None
    start: int = -1
    end: int = -1
    text: str = ""
    rule: str = ""
    confidence: float = 0.8
    event: str = ""  # shared event key ("concert@sat", "explosion") or ""
    tense: str = ""  # tense of the clause the cue came from
    lo: int | None = None  # event-relative offsets in days (kind "event")
    hi: int | None = None


@dataclass(frozen=True)
class DateInterval:
    """The tightest publication interval the evidence allows for an article."""

    article_id: str
    earliest: str | None
    latest: str | None
    rank: int | None = None  # position in the inferred order (ties share a rank)
    inferred: bool = True
    evidence: tuple[DateBound, ...] = ()
    consistent: bool = True
    notes: tuple[str, ...] = ()  # conflicts found and what was dropped to resolve them
    follows: tuple[str, ...] = ()  # articles published no later than this one (direct predecessors)
    order_evidence: tuple[DateBound, ...] = ()  # why: the evidence of those pairs


@dataclass(frozen=True)
class OrderPair:
    """``before`` was published no later than ``after``, and why."""

    before: str
    after: str
    evidence: tuple[DateBound, ...] = ()
    strict: bool = False  # strictly earlier (a whole day at least)
