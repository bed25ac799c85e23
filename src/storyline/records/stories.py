"""Threads, timelines and briefings (cross-article)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thread:
    id: str
    label: str
    article_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    key_entities: tuple[str, ...] = ()
    parent: str | None = None
    source: str = "storyline.stories.threads.v1"
    confidence: float = 0.6


@dataclass(frozen=True)
class TimelineEntry:
    date: str | None  # None for undated entries (shown in inferred order)
    text: str
    article_id: str
    start: int
    end: int
    event_id: str | None = None
    inferred: bool = False
    rank: int | None = None
    # "mentioned" (the text names the day) | "published" (day of the report) | "inferred" (day of
    # the report, inferred from its text: a date line) | "" (undated)
    date_basis: str = ""
    thread_id: str | None = None
    source: str = "storyline.stories.timeline.v1"
    confidence: float = 0.6


@dataclass(frozen=True)
class TimelineMention:
    """One mention of an event an entity takes part in, grounded in its article: the trigger's
    offsets, the sentence holding it, the entity's role in it, and the date the text gives it
    (``date`` cut to ``precision``: day ``2010-06-07``, month ``2010-06`` or year ``2010``;
    None when the text gives none). ``date_basis``: "mentioned" (a time expression dates it),
    "published" (no time expression of its own: an event told as done, dated by the day the
    narrative is on before it or else by the report's day), "" (undated)."""

    article_id: str
    start: int
    end: int
    trigger: str
    sentence: int
    sentence_start: int
    sentence_end: int
    role: str
    modality: str = "happened"
    date: str | None = None
    precision: str = ""
    date_basis: str = ""


@dataclass(frozen=True)
class EntityTimelineItem:
    """One event of an entity's timeline: its mentions (merged across articles where event
    coreference clustered them), the date they support (None: unanchored) and its type."""

    entity_id: str
    event_id: str | None
    type: str
    label: str
    date: str | None
    precision: str
    mentions: tuple[TimelineMention, ...] = ()
    source: str = "storyline.stories.entity_timeline.v1"
    confidence: float = 0.6
