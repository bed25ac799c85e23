"""Library functions behind ``storyline events`` and ``storyline positions``.

* ``find_events(analyses, corpus, actor=None, type=None, since=None) -> list[EventView]``
  — cross-article events, optionally those with a participant whose name
  contains ``actor`` (case-insensitive), of one category, or dated on/after
  ``since`` (ISO date; undated events are left out when ``since`` is given).
* ``positions_of(analyses, corpus, name) -> (timeline, changes)`` — the
  position timeline of the entities whose name contains ``name`` and the
  contradicting pairs found in it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .positions import detect_changes, position_timeline


@dataclass(frozen=True)
class EventView:
    """One event with its mentions resolved to records (for display)."""

    event: object  # records.Event
    mentions: tuple  # records.EventMention, in article order
    participant_names: tuple[str, ...]


def _entities_named(corpus, name: str) -> list:
    low = name.lower()
    return [e for e in corpus.entities
            if low in e.name.lower() or any(low in n.lower() for n in e.names)]


def find_events(analyses, corpus, actor: str | None = None, type: str | None = None,
                since: str | None = None) -> list[EventView]:
    by_article = {a.article.id: a for a in analyses}
    names = {e.id: e.name for e in corpus.entities}
    wanted = {e.id for e in _entities_named(corpus, actor)} if actor else None
    out = []
    for ev in corpus.events:
        if type and ev.type.upper() != type.upper():
            continue
        if wanted is not None and not wanted & set(ev.participants):
            continue
        if since and (ev.date is None or ev.date < since):
            continue
        mentions = tuple(by_article[a].events[k] for a, k in ev.mentions if a in by_article)
        out.append(EventView(ev, mentions, tuple(names.get(p, p) for p in ev.participants)))
    return sorted(out, key=lambda v: (v.event.date is None, v.event.date or ""))


def positions_of(analyses, corpus, name: str):
    timeline = []
    for ent in _entities_named(corpus, name):
        timeline.extend(position_timeline(analyses, corpus, ent.id))
    timeline.sort(key=lambda p: (p.date is None, p.date or ""))
    return timeline, detect_changes(timeline)
