"""Events, their arguments, cross-article event clusters and actors' positions."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Argument:
    role: str  # agent | patient | location | time | other
    start: int
    end: int
    text: str
    mention: int | None = None  # index into the article's mentions
    entity_id: str | None = None


@dataclass(frozen=True)
class EventMention:
    """One mention of an event in one article.

    type: an event category (PLOVER-based, see docs/events.md).
    modality: happened | ongoing | planned | hypothetical | negated | reported.
    """

    article_id: str
    start: int  # trigger offsets
    end: int
    trigger: str
    lemma: str
    type: str
    modality: str = "happened"
    arguments: tuple[Argument, ...] = ()
    time_value: str | None = None  # normalized TIMEX3 value anchoring the event
    time_precision: str = ""  # day | week | month | year | ""
    timex_index: int | None = None
    sentence: int = -1
    pos: str = ""  # VERB | NOUN: the trigger's part of speech
    event_id: str | None = None  # filled by cross-article coreference
    heads: tuple[str, ...] = ()  # lemmas of the trigger's argument heads (events.pairscore.argument_heads)
    source: str = "storyline.events.v1"
    confidence: float = 0.6


@dataclass(frozen=True)
class Event:
    """A real-world event: all its mentions across articles."""

    id: str
    type: str
    label: str
    date: str | None
    mentions: tuple[tuple[str, int], ...] = ()  # (article_id, index into article's events)
    participants: tuple[str, ...] = ()  # entity ids
    source: str = "storyline.events.coref.v1"
    confidence: float = 0.6


@dataclass(frozen=True)
class Position:
    """What an actor demands, offers, rejects, assures, threatens, praises or criticizes."""

    article_id: str
    start: int
    end: int
    stance: str  # demand | offer | reject | assure | threaten | praise | criticize | support | oppose
    topic: str
    text: str
    holder_text: str = ""
    holder_mention: int | None = None
    holder_entity: str | None = None
    polarity: int = 1  # net stance toward the topic: +1 for, -1 against
    date: str | None = None
    negated: bool = False  # the stance word itself is negated ("did not rule out"); polarity counts it
    topic_lemmas: tuple[str, ...] = ()  # content-word lemmas of the topic (for comparing topics)
    event_type: str = ""  # the stance trigger's event type, if it is also an event
    # the modality of the stance's clause, as for events: a "planned" or "hypothetical" stance
    # ("will expect Iran to pledge", "would reject") is not yet held; "" in older records
    modality: str = ""
    source: str = "storyline.events.positions.v1"
    confidence: float = 0.6
