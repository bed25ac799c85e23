"""All record types. Each stage owns one module; this package re-exports them."""
from .base import from_dict, to_dict
from .article import Article, NounPhrase, Sentence
from .entities import Entity, Mention, Role
from .temporal import Timex
from .chronology import DateBound, DateInterval
from .quotes import Quote, Span
from .events import Argument, Event, EventMention, Position
from .stories import EntityTimelineItem, Thread, TimelineEntry, TimelineMention
from .analysis import ArticleAnalysis, CorpusAnalysis

__all__ = [
    "from_dict", "to_dict", "Article", "Sentence", "NounPhrase", "Mention", "Entity", "Role",
    "Timex", "DateBound", "DateInterval", "Quote", "Span", "Argument", "EventMention", "Event",
    "Position", "Thread", "TimelineEntry", "TimelineMention", "EntityTimelineItem", "ArticleAnalysis", "CorpusAnalysis",
]
