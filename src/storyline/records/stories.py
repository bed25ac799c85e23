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
