"""Plain-text views for the command line, built from stored records only."""
from __future__ import annotations

from collections import defaultdict

from ..records import Entity


def _article_dates(results) -> dict[str, str | None]:
    """Article id -> its day as shown: the publication day, or the day its text fixes marked
    "(inferred)" (``stories.timeline.article_days``), or None."""
    from ..stories.timeline import article_days

    days = article_days(results.analyses, results.corpus)
    return {a.id: (f"{days[a.id][0]} (inferred)" if days[a.id][1] == "inferred" else days[a.id][0])
            if a.id in days else None for a in results.articles}


def _inferred_days(results) -> dict[str, str]:
    from ..stories.timeline import article_days

    return {k: d for k, (d, basis) in article_days(results.analyses, results.corpus).items() if basis == "inferred"}


def find_entity(entities, name: str) -> Entity | None:
    """The entity a user means by ``name`` (see storyline.entities.query)."""
    from ..entities.query import find_entity as _find

    return _find(entities, name)


def entities_text(results, limit: int = 50, type_: str | None = None) -> str:
    from ..entities.query import roles_over_time

    ents = [e for e in results.corpus.entities if not type_ or e.type == type_.upper()]
    if not ents:
        return "no entities"
    lines = [f"{'mentions':>8}  {'type':<7} name  [other names] (roles)"]
    for e in ents[:limit]:
        others = [n for n in e.names if n != e.name]
        roles = [r.text for r in roles_over_time(e)]
        lines.append(f"{e.mention_count:>8}  {e.type:<7} {e.name}"
                     + (f"  [{'; '.join(others[:5])}]" if others else "")
                     + (f"  ({'; '.join(roles[:4])})" if roles else ""))
    return "\n".join(lines)


def _capped(lines: list[str], limit: int | None, what: str) -> list[str]:
    """At most ``limit`` lines (None or 0: all), and a line saying how many were left out."""
    if not limit or len(lines) <= limit:
        return lines
    return lines[:limit] + [f"  … {len(lines) - limit} more {what} (--limit 0 shows all)"]


def entity_text(results, name: str, limit: int | None = None) -> str | None:
    """``storyline entity``: names, roles over time, the timeline and the mentions in context;
    ``limit``: at most so many timeline items and mentions (None or 0: all)."""
    from ..entities.query import entity_mentions, mention_context, roles_over_time

    e = find_entity(results.corpus.entities, name)
    if e is None:
        return None
    out = [f"{e.name} ({e.type}) — {e.mention_count} mentions in {len(e.article_ids)} articles",
           "names: " + "; ".join(e.names)]
    nat = getattr(e, "nationalities", ())
    if nat:
        out.append("nationality: " + "; ".join(nat))
    if getattr(e, "metonym_of", None):
        out.append(f"stands for: {e.metonym_of}")
    spans = roles_over_time(e)
    if spans:
        out.append("roles over time:")
        for r in spans:
            when = (r.first or "undated") if r.first == r.last else f"{r.first} to {r.last}"
            where = ", ".join(f"{a}:{s}-{t}" for a, s, t in r.where[:3])
            out.append(f"  {when}  {r.text}  [{where}{' …' if len(r.where) > 3 else ''}]")
    timeline = entity_timeline_lines(results, e.id)
    out += timeline[:1] + _capped(timeline[1:], limit, "events")
    out.append("mentions:")
    shown = []
    for an, _i, m in entity_mentions(e.id, results.analyses, results.corpus.mention_entity):
        before, text, after = mention_context(an, m)
        # one line per mention: the sentence's own line breaks (a paragraph's end) are spaces
        gap_before = " " if before[-1:].isspace() else ""
        gap_after = " " if after[:1].isspace() else ""
        before, after = " ".join(before.split()), " ".join(after.split())
        shown.append(f"  [{an.article.id}:{m.start}-{m.end} {m.kind}] {before}{gap_before if before else ''}"
                     f"[[{text}]]{gap_after if after else ''}{after}")
    return "\n".join(out + _capped(shown, limit, "mentions"))


def entity_timeline_lines(results, entity_id: str) -> list[str]:
    """The "timeline:" section of ``storyline entity``: the events the entity takes part in
    (``stories.entity_timeline``), dated ones in date order, then undated ones, each with its
    trigger, its role, the sentence and where it is told."""
    from ..stories.entity_timeline import dated_by_report, entity_timeline

    items = entity_timeline(results.analyses, results.corpus, entity_id)
    if not items:
        return []
    text = {a.article.id: a.article.text for a in results.analyses}
    out = ["timeline:"]
    for item in items:
        first = item.mentions[0]
        sentence = " ".join(text.get(first.article_id, "")[first.sentence_start:first.sentence_end].split())
        where = ", ".join(f"{m.article_id}:{m.start}-{m.end}" for m in item.mentions[:3])
        more = f" +{len(item.mentions) - 3}" if len(item.mentions) > 3 else ""
        when = f"by {item.date}" if dated_by_report(item) else (item.date or "undated")
        out.append(f"  {when:<13} {item.type:<9} “{first.trigger}” ({first.role}, {first.modality})"
                   f"  {sentence}  [{where}{more}]")
    return out


def quotes_text(results, speaker: str | None = None, since: str | None = None) -> str:
    """Quotes with speaker (canonical entity where resolved), date and source."""
    import dataclasses

    from ..quotes.query import filter_quotes, format_row, speaker_entity, views as quote_views

    names = {e.id: e.name for e in results.corpus.entities}
    resolved = []
    for an in results.analyses:
        ids = results.corpus.mention_entity.get(an.article.id, [])
        for q in an.quotes:
            resolved.append(dataclasses.replace(q, speaker_entity=speaker_entity(q, ids)))
    arts = {a.id: a for a in results.articles}
    rows = filter_quotes(quote_views(resolved, arts, names, _inferred_days(results)), speaker=speaker, since=since)
    return "\n".join(f"{format_row(v)}\t{v.quote.article_id}:{v.quote.start}-{v.quote.end}" for v in rows) \
        or "no quotes"


EVENT_MENTIONS_SHOWN = 4


def events_text(results, actor: str | None = None, type_: str | None = None, since: str | None = None) -> str:
    from ..events.query import find_events

    dates = _article_dates(results)
    lines = []
    for v in find_events(results.analyses, results.corpus, actor=actor, type=type_, since=since):
        ev = v.event
        who = ", ".join(v.participant_names)
        modal = sorted({m.modality for m in v.mentions})
        n = len(v.mentions)
        lines.append(f"{ev.date or 'undated'}  {ev.type:<10} {ev.label}" + (f"  ({who})" if who else "")
                     + f"  [{n} mention{'s' if n != 1 else ''}; {', '.join(modal)}]")
        # one mention from each report first: the listing shows who reported the event
        seen: set[str] = set()
        firsts, rest = [], []
        for m in v.mentions:
            (rest if m.article_id in seen else firsts).append(m)
            seen.add(m.article_id)
        for m in (firsts + rest)[:EVENT_MENTIONS_SHOWN]:
            lines.append(f"      {dates.get(m.article_id) or 'undated'}  “{m.trigger}” {m.modality}"
                         f"  [{m.article_id}:{m.start}-{m.end}]")
        if n > EVENT_MENTIONS_SHOWN:
            lines.append(f"      … {n - EVENT_MENTIONS_SHOWN} more (storyline export lists them all)")
    return "\n".join(lines) or "no events"


def positions_text(results, name: str) -> str:
    from ..events.positions import UNHELD, stance_words
    from ..events.query import positions_of

    timeline, changes = positions_of(results.analyses, results.corpus, name)
    if not timeline:
        return f"no positions found for {name!r}"
    dates = _article_dates(results)
    lines = [f"positions of {name}:"]
    for p in timeline:
        word, net = stance_words(p)
        held = f" ({p.modality}, not yet held)" if p.modality in UNHELD else ""
        lines.append(f"  {p.date or dates.get(p.article_id) or 'undated'}  {word:<10} ({net}){held} "
                     f"{p.topic}  [{p.article_id}:{p.start}-{p.end}]")
    if changes:
        lines.append("changes and contradictions:")
        for a, b in changes:
            lines.append(f"  {a.date or dates.get(a.article_id) or 'undated'}: {a.text}  [{a.article_id}:{a.start}-{a.end}]")
            lines.append(f"  {b.date or dates.get(b.article_id) or 'undated'}: {b.text}  [{b.article_id}:{b.start}-{b.end}]")
            lines.append("")
    return "\n".join(lines).rstrip()


def search_text(db: str, query: str, limit: int = 10, filters=None) -> str:  # noqa: D401
    """BM25 sentence search (storyline.search), one grounded hit a line."""
    from ..search import search_text as _search_text

    if filters is None:
        return _search_text(db, query, limit=limit)
    return _search_text(db, query, limit=limit, filters=filters)


def ask_text(db: str, question: str, limit: int = 5) -> str:
    """Answer with ranked facts and cited sentences (storyline.search)."""
    from ..search import ask_text as _ask_text

    return _ask_text(db, question, limit=limit)
