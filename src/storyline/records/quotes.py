"""Quotes and attributions: who said what."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """An attribution. kind: "direct" | "partial" | "indirect".

    ``start``/``end`` are the offsets of the content (first piece to last).

    ``speaker_mention`` is the index of the speaker's mention in the article's
    mention list (None if unresolved); ``speaker_entity`` is filled by
    cross-article resolution; ``speaker_text`` is the source span text, kept
    even when unattributed.
    """

    article_id: str
    start: int
    end: int
    kind: str
    content: Span
    cue: Span | None = None
    source_span: Span | None = None
    speaker_text: str = ""
    speaker_mention: int | None = None
    speaker_entity: str | None = None
    attributed: bool = False
    sentence: int = -1
    source: str = "storyline.quotes.v1"
    confidence: float = 0.7
    # the content in pieces when a quotation is split around its cue or runs over
    # several paragraphs (``content`` then covers the first piece to the last)
    content_parts: tuple[Span, ...] = ()
    cue_class: str = ""  # speech | thought | intent | evidence (the cue list's class)
    negated: bool = False  # the source did not say it: "did not say", "declined to say", "never said"
