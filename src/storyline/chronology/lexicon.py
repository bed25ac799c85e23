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
def boilerplate_keys() -> tuple[tuple[str, ...], ...]:
    """For each row of ``boilerplate()``, words one of which every match holds (case-folded;
    () when the pattern shows none of three letters or more): a text holding none of them is
    not searched with the row, since a case-insensitive pattern opening on a word boundary is
    tried at every character."""
    return tuple(_required_words(rx) for _, rx in boilerplate())


def _required_words(rx: re.Pattern) -> tuple[str, ...]:
    """Words one of which is in every match of ``rx``, the rarest choice of: its longest run of
    literal characters outside any group, or the alternatives of one of its groups of plain
    alternatives ("(?:updated|amended|corrected)"), each a run of its own (the shortest word
    decides)."""
    try:
        from re import _constants, _parser  # the standard library's own parse of a pattern
        items = _parser.parse(rx.pattern, rx.flags).data
    except Exception:  # another Python's internals: no key, the row is always searched
        return ()
    run = _longest_run(items, _constants.LITERAL)
    choices = [(run,)]
    for op, arg in items:
        if op is _constants.SUBPATTERN and len(arg[-1].data) == 1:  # a capturing group of alternatives
            op, arg = arg[-1].data[0]
        if op is _constants.BRANCH:
            choices.append(tuple(_longest_run(list(alt), _constants.LITERAL) for alt in arg[1]))
    best = max(choices, key=lambda words: min(len(w.strip()) for w in words))
    return tuple(w.casefold() for w in best) if min(len(w.strip()) for w in best) >= 3 else ()


def _longest_run(items, literal) -> str:
    """The longest run of consecutive literal characters among parsed pattern items."""
    best = run = ""
    for op, arg in items:
        if op is literal:
            run += chr(arg)
            continue
        best, run = max(best, run, key=len), ""
    return max(best, run, key=len)


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
