"""One entity's timeline: the events it takes part in, across articles, in time order.

``entity_timeline(analyses, corpus, entity_id) -> list[EntityTimelineItem]``

An event mention belongs to the entity's timeline when one of its arguments (agent, patient,
location or other; not its time) is a mention of the entity: a name, a nominal or a pronoun
that resolution linked to it (``corpus.mention_entity``). Mentions that event coreference put
in one event (``corpus.event_ids``) form one item; a mention outside any event is an item of
its own. Besides the typed events (``ArticleAnalysis.events``), the untyped happenings the
per-article stage keeps because an entity takes part in them (``ArticleAnalysis.actions``:
"was refloated", "set sail") are items of their own.

Dates come from the event mentions only (``EventMention.time_value``): the value of the time
expression that dates the event, else the day of the report for an event told as done (the
events stage's rule), cut to the precision it has (day ``2010-06-07``, month ``2010-06``, year
``2010``). Week, season or underspecified values and events without a value stay undated:
nothing is guessed. An item takes the finest date its mentions give (the most frequent at that
precision, then the earliest).

Order: dated items first, by date (a coarser date before the finer dates inside it, as
"2006" before "2006-05-08"), then by where they are told (the article's date, its place in the
input, the trigger's offset); undated items after them, by where they are told — an undated
article by its level in the order the chronology inferred (``DateInterval.rank``: what the
reports show was published later comes later), then its place in the input. Within an article
the text's order is kept.
"""
from __future__ import annotations

import re
from collections import Counter

from ..records import ArticleAnalysis, CorpusAnalysis, EntityTimelineItem, TimelineMention

SOURCE = "storyline.stories.entity_timeline.v1"
PARTICIPANT_ROLES = frozenset({"agent", "patient", "location", "other"})
_CUT = {"year": 4, "month": 7, "day": 10}
_FINENESS = {"year": 1, "month": 2, "day": 3}
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def mention_date(time_value: str | None, precision: str) -> tuple[str | None, str]:
    """``(date, precision)`` of an event mention: its value cut to a day, month or year
    precision; ``(None, "")`` for any other value (weeks, seasons, underspecified ones)."""
    cut = _CUT.get(precision)
    value = (time_value or "")[:cut] if cut else ""
    return (value, precision) if cut and _DATE.match(value) and len(value) == cut else (None, "")


def _sentence_of(a: ArticleAnalysis, start: int, index: int) -> tuple[int, int, int]:
    for s in a.sentences:
        if s.start <= start < s.end:
            return s.index, s.start, s.end
    if 0 <= index < len(a.sentences):
        s = a.sentences[index]
        return s.index, s.start, s.end
    return index, start, start


def _role(a: ArticleAnalysis, event, mention_ids: list, entity_id: str) -> str | None:
    """The role the entity plays in ``event`` (the first argument of it), or None."""
    for arg in event.arguments:
        if arg.role not in PARTICIPANT_ROLES:
            continue
        eid = arg.entity_id
        if eid is None and arg.mention is not None and 0 <= arg.mention < len(mention_ids):
            eid = mention_ids[arg.mention]
        if eid == entity_id:
            return arg.role
    return None


def _item_date(mentions: list[TimelineMention]) -> tuple[str | None, str]:
    dated = [(m.date, m.precision) for m in mentions if m.date]
    if not dated:
        return None, ""
    finest = max(_FINENESS[p] for _, p in dated)
    counts = Counter(d for d, p in dated if _FINENESS[p] == finest)
    best = min(counts, key=lambda d: (-counts[d], d))
    return best, next(p for d, p in dated if d == best)


def _compatible(a: str | None, b: str | None) -> bool:
    """Two dates that can name the same time: one unknown, or one inside the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _by_date(members: list) -> list[tuple[list, str | None, str]]:
    """The mentions of one event split where their own dates cannot agree: an event cluster
    whose mentions the text dates on different days is shown once per date, each mention under
    the date its own text gives it (``(members, date, precision)`` parts, in order)."""
    parts, rest = [], list(members)
    while rest:
        date, precision = _item_date([tm for _, _, tm in rest])
        part = [m for m in rest if _compatible(m[2].date, date)]
        rest = [m for m in rest if not _compatible(m[2].date, date)]
        parts.append((part, date, precision))
    return parts


def entity_mentions_in_events(analyses, corpus: CorpusAnalysis, entity_id: str):
    """``(place, event id, EventMention, TimelineMention)`` for every event mention the entity
    takes part in; ``place`` orders mentions by where they are told."""
    out = []
    # an undated article's level in the order the chronology inferred ("after [6] [7]")
    rank = {iv.article_id: iv.rank or 0 for iv in corpus.intervals if iv.rank is not None}
    for order, a in enumerate(analyses):
        aid = a.article.id
        mention_ids = corpus.mention_entity.get(aid, [])
        event_ids = corpus.event_ids.get(aid, [])
        for k, ev in [*enumerate(a.events), *((None, ev) for ev in a.actions)]:
            role = _role(a, ev, mention_ids, entity_id)
            if role is None:
                continue
            date, precision = mention_date(ev.time_value, ev.time_precision)
            basis = "" if date is None else ("mentioned" if ev.timex_index is not None else "published")
            index, s_start, s_end = _sentence_of(a, ev.start, ev.sentence)
            tm = TimelineMention(aid, ev.start, ev.end, ev.trigger, index, s_start, s_end, role,
                                 ev.modality, date, precision, basis)
            eid = (event_ids[k] if k < len(event_ids) and event_ids[k] else ev.event_id) if k is not None else None
            place = (a.article.published is None, a.article.published or "",
                     rank.get(aid, 0) if a.article.published is None else 0, order, ev.start)
            out.append((place, eid, ev, tm))
    return out


def dated_by_report(item: EntityTimelineItem) -> bool:
    """The item's date is only the day of the reports that tell it as done (no time expression
    dates it): it happened by then, perhaps days before."""
    dated = [m for m in item.mentions if m.date]
    return bool(item.date and dated) and all(m.date_basis == "published" for m in dated)


def entity_timeline(analyses: list[ArticleAnalysis], corpus: CorpusAnalysis,
                    entity_id: str) -> list[EntityTimelineItem]:
    """The events ``entity_id`` takes part in, dated ones first in date order, then undated
    ones in the order they are told (see the module's docstring)."""
    groups: dict[object, list] = {}
    for place, eid, ev, tm in entity_mentions_in_events(list(analyses), corpus, entity_id):
        key = eid if eid else (place[3], ev.start)  # the article (its input place) and the trigger
        groups.setdefault(key, []).append((place, ev, tm))
    items = []
    for key, members in groups.items():
        members.sort(key=lambda m: m[0])
        for part, date, precision in _by_date(members):
            mentions = [tm for _, _, tm in part]
            first_place, first_ev = part[0][0], part[0][1]
            confidence = min(0.9, 0.5 + 0.1 * len(mentions)) if date else 0.4
            item = EntityTimelineItem(entity_id, key if isinstance(key, str) else None, first_ev.type,
                                      first_ev.lemma, date, precision, tuple(mentions), SOURCE, confidence)
            items.append((first_place, item))
    items.sort(key=lambda x: (x[1].date is None, x[1].date or "", x[0]))
    return [item for _, item in items]
