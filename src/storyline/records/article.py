"""Articles as read from input, and the per-article analysis bundle."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article. ``id`` is the content hash of the normalized text
    unless the input gave an id (kept as ``external_id``)."""

    id: str
    text: str
    title: str = ""
    published: str | None = None  # ISO 8601 date or datetime (time zone kept), None if unknown
    source: str = ""
    url: str = ""
    external_id: str = ""
    origin: str = ""  # file:line or file#record the article came from
    date_is_default: bool = False  # the date came from --date-default, not the article


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class NounPhrase:
    article_id: str
    start: int
    end: int
    text: str
    root_lemma: str
    source: str = "spacy.noun_chunks.v1"
    confidence: float = 0.7
