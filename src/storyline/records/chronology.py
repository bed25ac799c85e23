"""Publication-date inference for undated articles: bounds, intervals, order."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateBound:
    """One piece of evidence bounding an article's publication date."""

    article_id: str
    kind: str  # "lower" | "upper" | "equal" | "before_article" | "after_article"
    date: str | None  # ISO date or None for article-to-article links
    other_article: str | None = None
    start: int = -1
    end: int = -1
    text: str = ""
    rule: str = ""
    confidence: float = 0.8


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
