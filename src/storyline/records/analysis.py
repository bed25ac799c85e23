"""The per-article analysis bundle and the whole-corpus analysis."""
from __future__ import annotations

from dataclasses import dataclass, field

from .article import Article, NounPhrase, Sentence
from .entities import Entity, Mention
from .events import Event, EventMention, Position
from .quotes import Quote
from .stories import Thread, TimelineEntry
from .temporal import Timex
from .chronology import DateInterval


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the per-article stage found in one article (compact, picklable)."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    noun_phrases: tuple[NounPhrase, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[EventMention, ...] = ()
    positions: tuple[Position, ...] = ()
    # untyped happenings (type OTHER: "was refloated", "ran aground") with an entity mention
    # among their arguments, less reporting verbs and verbs of state (events.extract.is_action):
    # what an entity's timeline reads beside the typed events
    actions: tuple[EventMention, ...] = ()
    model: str = ""
    pipeline_version: str = ""


@dataclass(frozen=True)
class CorpusAnalysis:
    """Cross-article results, computed from ArticleAnalysis records."""

    entities: tuple[Entity, ...] = ()
    mention_entity: dict[str, list[str | None]] = field(default_factory=dict)  # article -> entity id per mention
    events: tuple[Event, ...] = ()
    event_ids: dict[str, list[str | None]] = field(default_factory=dict)  # article -> event id per event mention
    threads: tuple[Thread, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    intervals: tuple[DateInterval, ...] = ()
