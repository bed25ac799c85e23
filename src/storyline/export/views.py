"""Plain-text views for the command line, built from stored records only."""
from __future__ import annotations

from collections import defaultdict

from ..records import Entity


def _article_dates(results) -> dict[str, str | None]:
    return {a.id: (a.published[:10] if a.published else None) for a in results.articles}


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


def entity_text(results, name: str) -> str | None:
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
    out.append("mentions:")
    for an, _i, m in entity_mentions(e.id, results.analyses, results.corpus.mention_entity):
        before, text, after = mention_context(an, m)
        out.append(f"  [{an.article.id}:{m.start}-{m.end} {m.kind}] {before}[[{text}]]{after}")
    return "\n".join(out)


def quotes_text(results, speaker: str | None = None, since: str | None = None) -> str:
    dates = _article_dates(results)
    ents = {e.id: e for e in results.corpus.entities}
    target = find_entity(results.corpus.entities, speaker) if speaker else None
    lines = []
    for an in results.analyses:
        d = dates.get(an.article.id)
        if since and (d is None or d < since):
            continue
        ids = results.corpus.mention_entity.get(an.article.id, [])
        for q in an.quotes:
            eid = q.speaker_entity or (ids[q.speaker_mention] if q.speaker_mention is not None
                                       and q.speaker_mention < len(ids) else None)
            who = ents[eid].name if eid in ents else (q.speaker_text or "unattributed") + (
                "" if q.attributed else " (unattributed)")
            if speaker and not ((target and eid == target.id) or speaker.casefold() in who.casefold()):
                continue
            lines.append(f"{d or 'undated'}  {who}  [{q.kind}]  “{q.content.text}”  "
                         f"({an.article.title or an.article.id}, {an.article.id}:{q.start}-{q.end})")
    return "\n".join(lines) or "no quotes"


def events_text(results, actor: str | None = None, type_: str | None = None, since: str | None = None) -> str:
    ents = {e.id: e for e in results.corpus.entities}
    target = find_entity(results.corpus.entities, actor) if actor else None
    lines = []
    for ev in sorted(results.corpus.events, key=lambda e: (e.date or "9999", e.label)):
        if type_ and ev.type.upper() != type_.upper():
            continue
        if since and (ev.date is None or ev.date < since):
            continue
        if actor and not (target and target.id in ev.participants):
            continue
        who = ", ".join(ents[p].name for p in ev.participants if p in ents)
        lines.append(f"{ev.date or 'undated'}  {ev.type:<10} {ev.label}  ({who})  "
                     f"[{len(ev.mentions)} mentions]")
    return "\n".join(lines) or "no events"


def positions_text(results, name: str) -> str:
    target = find_entity(results.corpus.entities, name)
    if target is None:
        return f"no entity matches {name!r}"
    dates = _article_dates(results)
    lines = [f"positions of {target.name}:"]
    for an in results.analyses:
        ids = results.corpus.mention_entity.get(an.article.id, [])
        for p in an.positions:
            eid = p.holder_entity or (ids[p.holder_mention] if p.holder_mention is not None
                                      and p.holder_mention < len(ids) else None)
            if eid == target.id:
                lines.append(f"  {p.date or dates.get(an.article.id) or 'undated'}  {p.stance:<10} "
                             f"{p.topic}: {p.text}  [{an.article.id}:{p.start}-{p.end}]")
    return "\n".join(lines)


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
