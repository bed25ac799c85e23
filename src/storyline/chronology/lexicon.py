"""The chronology's word lists and rules, read once from ``chronology/data``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import data_rows


def _rows(name: str) -> list[list[str]]:
    return data_rows("storyline.chronology", name)


@dataclass(frozen=True)
class Calendar:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, int]
    ordinals: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    tables: dict[str, dict[str, int]] = {"month": {}, "weekday": {}, "number": {}, "unit": {}, "ordinal": {}}
    for kind, name, num in _rows("calendar.tsv"):
        tables[kind][name.lower()] = int(num)
    return Calendar(tables["month"], tables["weekday"], tables["number"], tables["unit"], tables["ordinal"])


@dataclass(frozen=True)
class Marker:
    label: str  # future | past | modal
    pattern: re.Pattern


@lru_cache(maxsize=1)
def tense_markers() -> tuple[Marker, ...]:
    return tuple(Marker(label, re.compile(rx, re.IGNORECASE)) for label, rx in _rows("tense.tsv"))


@lru_cache(maxsize=1)
def boilerplate() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((scope, re.compile(rx, re.IGNORECASE)) for scope, rx in _rows("boilerplate.tsv"))


@lru_cache(maxsize=1)
def event_words() -> dict[str, str]:
    """word form -> event lemma."""
    forms: dict[str, str] = {}
    for lemma, _cls, words in _rows("event_words.tsv"):
        for w in words.split("|"):
            forms[w.strip()] = lemma
    return forms


@lru_cache(maxsize=1)
def origin_events() -> frozenset[str]:
    """Lemmas of the sudden events a running story starts from."""
    return frozenset(lemma for lemma, cls, _ in _rows("event_words.tsv") if cls in ("origin", "onset"))


@lru_cache(maxsize=1)
def onset_events() -> frozenset[str]:
    """Origin events that last: dated only by their start."""
    return frozenset(lemma for lemma, cls, _ in _rows("event_words.tsv") if cls == "onset")


@lru_cache(maxsize=1)
def planned_events() -> frozenset[str]:
    """Lemmas of events announced before they happen (summit, vote, trial...)."""
    return frozenset(lemma for lemma, cls, _ in _rows("event_words.tsv") if cls == "planned")
