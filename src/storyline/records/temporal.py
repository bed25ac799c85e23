"""Time expressions (TIMEX3-style) and article date inference."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Timex:
    """A time expression.

    type: DATE | TIME | DURATION | SET.
    value: the TIMEX3 value after resolution against the article's date
    (``2025-08-15``, ``2025-W33``, ``P2W``, ``PRESENT_REF``); when the article
    has no date it stays underspecified (``XXXX-WXX-5``).
    ``underspecified`` is what the rule produced before resolution.
    ``rule`` is the stable id of the rule that matched.
    """

    article_id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    underspecified: str = ""
    rule: str = ""
    mod: str = ""  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX ...
    anchor: str = ""  # how it was resolved: "dct", "focus", "none"
    tense: str = ""  # tense of the governing verb: past | present | future | ""
    sentence: int = -1
    source: str = "storyline.temporal.v1"
    confidence: float = 0.8


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
