"""View models: one function per page, returning plain JSON values.

The JSON API returns these dictionaries as they are, and the HTML templates
render the same dictionaries, so every page and its JSON twin agree. Records
are serialized with ``storyline.records.to_dict``; every fact carries its
article id and character offsets, and a ``source_url`` to the article page
with that span highlighted.
"""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote, urlencode

from ..quotes.query import said_text
from ..records import to_dict
from ..search.ask import ask as ask_question
from ..search import fulltext
from ..search.index import CorpusIndex
from ..stories.entity_timeline import dated_by_report, entity_timeline

MAX_MENTIONS = 200
MAX_TIMELINE = 200  # items of an entity's timeline on its page


# -- links ----------------------------------------------------------------

def article_url(aid: str, start: int | None = None, end: int | None = None) -> str:
    url = "/articles/" + quote(aid, safe="")
    if start is not None and end is not None and end >= start >= 0:
        url += f"?hl={start}-{end}#hl"
    return url


def entity_url(eid: str) -> str:
    return "/entities/" + quote(eid, safe="")


def thread_url(tid: str) -> str:
    return "/threads/" + quote(tid, safe="")


def event_url(vid: str) -> str:
    return "/events/" + quote(vid, safe="")


def external_url(url: str) -> str | None:
    """An article's own URL, only when it is plain http(s) (never javascript: or data:)."""
    u = (url or "").strip()
    return u if u.lower().startswith(("http://", "https://")) and not any(c in u for c in "\"'<> ") else None


def segments(text: str, base: int, spans) -> list[list]:
    """Split ``text`` (which starts at offset ``base``) into [piece, highlighted] runs."""
    cuts = sorted((max(0, s - base), min(len(text), e - base)) for s, e in spans if e > base and s < base + len(text))
    out, pos = [], 0
    for s, e in cuts:
        if s < pos or e <= s:
            continue
        if s > pos:
            out.append([text[pos:s], False])
        out.append([text[s:e], True])
        pos = e
    if pos < len(text) or not out:
        out.append([text[pos:], False])
    return out


# -- pieces ---------------------------------------------------------------

def _entity_ref(ix: CorpusIndex, eid: str | None) -> dict | None:
    e = ix.entities.get(eid) if eid else None
    return {"id": e.id, "name": e.name, "type": e.type, "url": entity_url(e.id)} if e else None


def _article_ref(ix: CorpusIndex, aid: str) -> dict:
    a = ix.articles.get(aid)
    return {"id": aid, "title": (a.title if a else "") or aid,
            "published": a.published[:10] if a is not None and a.published else None,
            "date": ix.article_date(aid), "date_inferred": ix.article_date_inferred(aid),
            "url": article_url(aid)}


def _sentence_context(ix: CorpusIndex, aid: str, start: int, end: int) -> dict:
    idx = ix.sentence_index(aid, start)
    s = ix.sentence(aid, idx)
    text = ix.articles[aid].text
    if s is None:
        lo, hi = max(0, start - 80), min(len(text), end + 80)
    else:
        lo, hi = min(s.start, start), max(s.end, end)
    return {"sentence": idx, "start": lo, "end": hi, "segments": segments(text[lo:hi], lo, [(start, end)])}


def quote_item(ix: CorpusIndex, aid: str, i: int) -> dict:
    q = ix.analyses[aid].quotes[i]
    who = ix.quote_speaker(aid, q)
    return {"kind": "quote", "article": _article_ref(ix, aid), "index": i, "record": to_dict(q),
            "said": said_text(q), "speaker": _entity_ref(ix, who),
            "speaker_text": q.speaker_text or ("unattributed" if not q.attributed else ""),
            "attributed": q.attributed, "date": ix.article_date(aid),
            "context": _sentence_context(ix, aid, q.content.start, q.content.end),
            "source_url": article_url(aid, q.start, q.end)}


def position_item(ix: CorpusIndex, aid: str, i: int) -> dict:
    p = ix.analyses[aid].positions[i]
    return {"kind": "position", "article": _article_ref(ix, aid), "index": i, "record": to_dict(p),
            "holder": _entity_ref(ix, ix.position_holder(aid, p)), "date": p.date or ix.article_date(aid),
            "context": _sentence_context(ix, aid, p.start, p.end), "source_url": article_url(aid, p.start, p.end)}


def event_mention_item(ix: CorpusIndex, aid: str, i: int) -> dict:
    em = ix.analyses[aid].events[i]
    vid = ix.event_id(aid, i)
    args = [dict(to_dict(a), entity=_entity_ref(ix, a.entity_id or ix.mention_entity(aid, a.mention)))
            for a in em.arguments]
    return {"kind": "event", "article": _article_ref(ix, aid), "index": i, "record": to_dict(em),
            "arguments": args, "event": ({"id": vid, "url": event_url(vid)} if vid in ix.events else None),
            "date": em.time_value or ix.article_date(aid),
            "context": _sentence_context(ix, aid, em.start, em.end), "source_url": article_url(aid, em.start, em.end)}


def _event_summary(ix: CorpusIndex, ev) -> dict:
    return {"id": ev.id, "type": ev.type, "label": ev.label, "date": ev.date, "url": event_url(ev.id),
            "mentions": len(ev.mentions), "participants": [p for p in map(lambda x: _entity_ref(ix, x),
                                                                           ev.participants) if p]}


# -- pages ----------------------------------------------------------------

def timeline_view(ix: CorpusIndex, thread: str | None = None) -> dict:
    allowed = ix.thread_articles(thread) if thread else None
    thread_of: dict[str, list[dict]] = defaultdict(list)
    for t in ix.threads.values():
        for aid in t.article_ids:
            thread_of[aid].append({"id": t.id, "label": t.label, "url": thread_url(t.id)})
    entries = []
    source = "timeline"
    for i, e in enumerate(ix.results.corpus.timeline):
        if allowed is not None and e.article_id not in allowed:
            continue
        ev = ix.events.get(e.event_id) if e.event_id else None
        iv = ix.intervals.get(e.article_id) if e.date is None else None
        entries.append({"n": i, "date": e.date, "inferred": e.inferred, "rank": e.rank, "text": e.text,
                        "interval": ({"earliest": iv.earliest, "latest": iv.latest}
                                     if iv and (iv.earliest or iv.latest) else None),
                        "article": _article_ref(ix, e.article_id) if e.article_id in ix.articles else None,
                        "start": e.start, "end": e.end, "confidence": e.confidence,
                        "source_url": article_url(e.article_id, e.start, e.end),
                        "event": _event_summary(ix, ev) if ev else None,
                        "threads": thread_of.get(e.article_id, [])})
    if not ix.results.corpus.timeline:
        source = "articles"
        for i, a in enumerate(ix.results.articles):
            if allowed is not None and a.id not in allowed:
                continue
            iv = ix.intervals.get(a.id)
            entries.append({"n": i, "date": ix.article_date(a.id), "inferred": False,
                            "interval": ({"earliest": iv.earliest, "latest": iv.latest}
                                         if iv and not a.published and (iv.earliest or iv.latest) else None),
                            "rank": iv.rank if iv else None, "text": a.title or a.text[:160],
                            "article": _article_ref(ix, a.id), "start": 0, "end": min(len(a.text), 160),
                            "confidence": 1.0, "source_url": article_url(a.id), "event": None,
                            "threads": thread_of.get(a.id, [])})
    entries.sort(key=lambda x: (x["date"] is None, x["date"] or "", x["rank"] if x["rank"] is not None else 0,
                                x["n"]))
    return {"source": source, "thread": thread, "count": len(entries), "entries": entries,
            "threads": [{"id": t.id, "label": t.label, "url": thread_url(t.id)} for t in ix.threads.values()]}


def entities_view(ix: CorpusIndex, type_: str | None = None, q: str | None = None, limit: int = 500,
                  offset: int = 0) -> dict:
    ents = sorted(ix.entities.values(), key=lambda e: (-e.mention_count, e.name))
    if type_:
        ents = [e for e in ents if e.type == type_.upper()]
    if q:
        key = q.casefold()
        ents = [e for e in ents if any(key in n.casefold() for n in (e.name, *e.names))]
    return {"count": len(ents), "types": sorted({e.type for e in ix.entities.values()}),
            "filters": {"type": type_.upper() if type_ else None, "q": q},
            "offset": offset, "limit": limit,
            "next": _page_link("/entities", {"type": type_, "q": q}, limit, offset, len(ents)),
            "entities": [dict(to_dict(e), url=entity_url(e.id), article_count=len(e.article_ids))
                         for e in ents[offset:offset + limit]]}


def entity_view(ix: CorpusIndex, eid: str) -> dict | None:
    e = ix.entities.get(eid)
    if e is None:
        return None
    role_mentions = sorted(({"text": r.text, "date": r.date or ix.article_date(r.article_id),
                             "article_id": r.article_id, "start": r.start, "end": r.end,
                             "source_url": article_url(r.article_id, r.start, r.end)} for r in e.roles),
                           key=lambda r: (r["date"] is None, r["date"] or "", r["article_id"], r["start"]))
    quotes, positions, events, mentions = [], [], [], []
    for f in ix.facts:
        if f.kind == "quote" and f.holder == eid:
            quotes.append(quote_item(ix, f.article_id, f.index))
        elif f.kind == "position" and f.holder == eid:
            positions.append(position_item(ix, f.article_id, f.index))
        elif f.kind == "event" and eid in f.entities:
            events.append(event_mention_item(ix, f.article_id, f.index))
    for aid, an in ix.analyses.items():
        for i, m in enumerate(an.mentions):
            if ix.mention_entity(aid, i) == eid and len(mentions) < MAX_MENTIONS:
                mentions.append({"article": _article_ref(ix, aid), "index": i, "text": m.text, "kind": m.kind,
                                 "type": m.type, "start": m.start, "end": m.end,
                                 "context": _sentence_context(ix, aid, m.start, m.end),
                                 "source_url": article_url(aid, m.start, m.end)})
    by_date = lambda x: (x["date"] is None, x["date"] or "")  # noqa: E731
    clusters = [_event_summary(ix, ev) for ev in ix.events.values() if eid in ev.participants]
    timeline = [_timeline_item(ix, item) for item in entity_timeline(
        list(ix.results.analyses), ix.results.corpus, eid)[:MAX_TIMELINE]]
    return {"entity": dict(to_dict(e), url=entity_url(e.id)), "roles": _group_roles(role_mentions),
            "role_mentions": role_mentions,
            "quotes": sorted(quotes, key=by_date), "positions": sorted(positions, key=by_date),
            "event_mentions": sorted(events, key=by_date), "events": clusters, "timeline": timeline,
            "mentions": mentions,
            "mention_total": e.mention_count,
            "threads": [{"id": t.id, "label": t.label, "url": thread_url(t.id)} for t in ix.threads.values()
                        if eid in t.key_entities],
            "related": _related(ix, eid)}


def _timeline_item(ix: CorpusIndex, item) -> dict:
    """One item of an entity's timeline (``stories.entity_timeline``), each mention with its
    sentence and a link to where it is told; ``by``: the date is only the reports' day."""
    return {"date": item.date, "precision": item.precision, "by": dated_by_report(item), "type": item.type,
            "label": item.label, "event": ({"id": item.event_id, "url": event_url(item.event_id)}
                                           if item.event_id in ix.events else None),
            "mentions": [{"article": _article_ref(ix, m.article_id), "trigger": m.trigger, "role": m.role,
                          "modality": m.modality, "date": m.date, "start": m.start, "end": m.end,
                          "context": _sentence_context(ix, m.article_id, m.start, m.end),
                          "source_url": article_url(m.article_id, m.start, m.end)} for m in item.mentions]}


def _page_link(path: str, params: dict, limit: int, offset: int, total: int) -> str | None:
    """The link to the next page of a list, or None on the last page."""
    if offset + limit >= total:
        return None
    keep = {k: v for k, v in params.items() if v not in (None, "")}
    return path + "?" + urlencode({**keep, "limit": limit, "offset": offset + limit})


def _group_roles(mentions: list[dict], max_sources: int = 5) -> list[dict]:
    """One row per role (same words, any case), in order of first appearance:
    first and last date said, how often, and where."""
    groups: dict[str, dict] = {}
    for m in mentions:
        key = " ".join(m["text"].casefold().split())
        g = groups.setdefault(key, {"text": m["text"], "first": m["date"], "last": m["date"], "count": 0,
                                    "sources": []})
        g["count"] += 1
        if m["date"] and (g["first"] is None or m["date"] < g["first"]):
            g["first"] = m["date"]
        if m["date"] and (g["last"] is None or m["date"] > g["last"]):
            g["last"] = m["date"]
        if len(g["sources"]) < max_sources:
            g["sources"].append(m["source_url"])
    return list(groups.values())


def _related(ix: CorpusIndex, eid: str, limit: int = 12) -> list[dict]:
    counts: dict[str, int] = defaultdict(int)
    for key in ix.entity_sentences.get(eid, ()):
        for other in ix.sentence_entities.get(key, ()):
            if other != eid:
                counts[other] += 1
    ranked = sorted(counts, key=lambda o: (-counts[o], o))[:limit]
    return [dict(_entity_ref(ix, o), sentences=counts[o]) for o in ranked if o in ix.entities]


def quotes_view(ix: CorpusIndex, speaker: str | None = None, kind: str | None = None,
                attributed: bool | None = None, q: str | None = None, date_from: str | None = None,
                date_to: str | None = None, limit: int = 500, offset: int = 0) -> dict:
    target = ix.find_entity(speaker) if speaker else None
    items = []
    for f in ix.facts:
        if f.kind != "quote":
            continue
        rec = ix.analyses[f.article_id].quotes[f.index]
        if kind and rec.kind != kind:
            continue
        if attributed is not None and rec.attributed != attributed:
            continue
        if speaker and not ((target and f.holder == target.id) or speaker.casefold() in rec.speaker_text.casefold()):
            continue
        if q and q.casefold() not in rec.content.text.casefold():
            continue
        d = ix.article_date(f.article_id)
        if (date_from or date_to) and not fulltext._date_in(d, date_from or "", date_to or ""):
            continue
        items.append(quote_item(ix, f.article_id, f.index))
    items.sort(key=lambda x: (x["date"] is None, x["date"] or "", x["article"]["id"], x["record"]["start"]))
    speakers = sorted({(ix.entity_name(f.holder), f.holder) for f in ix.facts if f.kind == "quote" and f.holder
                       and f.holder in ix.entities})
    params = {"speaker": speaker, "kind": kind, "attributed": {True: "yes", False: "no"}.get(attributed), "q": q,
              "from": date_from, "to": date_to}
    return {"count": len(items), "quotes": items[offset:offset + limit], "offset": offset, "limit": limit,
            "next": _page_link("/quotes", params, limit, offset, len(items)),
            "filters": {"speaker": speaker, "kind": kind, "attributed": attributed, "q": q,
                        "from": date_from, "to": date_to},
            "speakers": [{"id": i, "name": n} for n, i in speakers]}


def threads_view(ix: CorpusIndex) -> dict:
    out = []
    for t in ix.threads.values():
        dates = sorted(d for d in (ix.article_date(a) for a in t.article_ids) if d)
        out.append(dict(to_dict(t), url=thread_url(t.id), article_count=len(t.article_ids),
                        first=dates[0] if dates else None, last=dates[-1] if dates else None,
                        parent_label=ix.threads[t.parent].label if t.parent in ix.threads else None,
                        entities=[x for x in (_entity_ref(ix, k) for k in t.key_entities) if x]))
    return {"count": len(out), "threads": out}


def thread_view(ix: CorpusIndex, tid: str) -> dict | None:
    t = ix.threads.get(tid)
    if t is None:
        return None
    arts = sorted((_article_ref(ix, a) for a in ix.thread_articles(tid) if a in ix.articles),
                  key=lambda a: (a["published"] is None, a["published"] or "", a["id"]))
    return {"thread": dict(to_dict(t), url=thread_url(t.id)),
            "parent": ({"id": t.parent, "label": ix.threads[t.parent].label, "url": thread_url(t.parent)}
                       if t.parent in ix.threads else None),
            "children": [{"id": c.id, "label": c.label, "url": thread_url(c.id)} for c in ix.threads.values()
                         if c.parent == tid],
            "entities": [x for x in (_entity_ref(ix, k) for k in t.key_entities) if x],
            "events": [_event_summary(ix, ix.events[v]) for v in t.event_ids if v in ix.events],
            "articles": arts, "timeline": timeline_view(ix, thread=tid)["entries"]}


def events_view(ix: CorpusIndex, type_: str | None = None, limit: int = 500) -> dict:
    evs = sorted(ix.events.values(), key=lambda e: (e.date is None, e.date or "", e.label))
    if type_:
        evs = [e for e in evs if e.type.upper() == type_.upper()]
    return {"count": len(evs), "types": ix.event_types(), "filters": {"type": type_.upper() if type_ else None},
            "events": [_event_summary(ix, e) for e in evs[:limit]]}


def articles_view(ix: CorpusIndex, date_from: str | None = None, date_to: str | None = None,
                  limit: int = 1000) -> dict:
    """Stored articles, newest first; undated ones last in their stored order."""
    arts = [a for a in ix.results.articles
            if not (date_from or date_to) or fulltext._date_in(ix.article_date(a.id), date_from or "", date_to or "")]
    arts.sort(key=lambda a: (a.published is None, "" if a.published is None else _neg(a.published[:10])))
    items = []
    for a in arts[:limit]:
        an = ix.analyses.get(a.id)
        iv = ix.intervals.get(a.id)
        items.append(dict(_article_ref(ix, a.id), source=a.source, external_id=a.external_id,
                          sentences=len(an.sentences) if an else 0, quotes=len(an.quotes) if an else 0,
                          events=len(an.events) if an else 0,
                          interval={"earliest": iv.earliest, "latest": iv.latest, "rank": iv.rank} if iv else None))
    return {"count": len(arts), "articles": items, "filters": {"from": date_from, "to": date_to},
            "duplicates": len(ix.results.duplicates)}


def _neg(date: str) -> str:
    """A sort key that puts later ISO dates first."""
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def event_view(ix: CorpusIndex, vid: str) -> dict | None:
    ev = ix.events.get(vid)
    if ev is None:
        return None
    mentions = [event_mention_item(ix, aid, i) for aid, i in ev.mentions
                if aid in ix.analyses and i < len(ix.analyses[aid].events)]
    return {"event": dict(_event_summary(ix, ev), record=to_dict(ev)), "mentions": mentions}


def article_view(ix: CorpusIndex, aid: str, hl: tuple[int, int] | None = None) -> dict | None:
    art = ix.articles.get(aid)
    if art is None:
        return None
    an = ix.analyses.get(aid)
    text = art.text
    if hl is not None and not (0 <= hl[0] <= hl[1] <= len(text)):
        hl = None
    sents = an.sentences if an is not None and an.sentences else ()
    bounds = [(s.index, s.start, s.end) for s in sents] or [(0, 0, len(text))]
    sentences = []
    for idx, s, e in bounds:
        spans = [hl] if hl and hl[0] < e and hl[1] > s else []
        sentences.append({"index": idx, "start": s, "end": e, "current": bool(spans),
                          "segments": segments(text[s:e], s, spans)})
    iv = ix.intervals.get(aid)
    return {"article": dict(to_dict(art), external_url=external_url(art.url)),
            "highlight": list(hl) if hl else None, "sentences": sentences,
            "interval": to_dict(iv) if iv else None,
            "entities": [x for x in (_entity_ref(ix, k) for k in sorted(ix.article_entities.get(aid, ()))) if x],
            "quotes": [quote_item(ix, aid, i) for i in range(len(an.quotes))] if an else [],
            "positions": [position_item(ix, aid, i) for i in range(len(an.positions))] if an else [],
            "events": [event_mention_item(ix, aid, i) for i in range(len(an.events))] if an else [],
            "timexes": [dict(to_dict(t), source_url=article_url(aid, t.start, t.end)) for t in an.timexes] if an else [],
            "threads": [{"id": t.id, "label": t.label, "url": thread_url(t.id)} for t in ix.threads.values()
                        if aid in t.article_ids]}


def graph_view(ix: CorpusIndex, max_nodes: int = 80) -> dict:
    from ..export.graphml import entity_graph

    ents, edges = entity_graph(ix.results, index=ix, max_nodes=max_nodes)
    return {"nodes": [{"id": e.id, "label": e.name, "type": e.type, "mentions": e.mention_count,
                       "url": entity_url(e.id)} for e in ents],
            "edges": [{"source": ed.source, "target": ed.target, "weight": ed.weight, "sentences": ed.sentences,
                       "events": ed.events,
                       "evidence": [{"article_id": a, "start": s, "end": t, "source_url": article_url(a, s, t)}
                                    for a, s, t in ed.evidence]} for ed in edges]}


def _filter_options(ix: CorpusIndex) -> dict:
    ents = sorted(ix.entities.values(), key=lambda e: (-e.mention_count, e.name))[:300]
    return {"entities": [{"id": e.id, "name": e.name, "type": e.type} for e in ents],
            "threads": [{"id": t.id, "label": t.label} for t in ix.threads.values()],
            "event_types": ix.event_types()}


def search_view(ix: CorpusIndex, db: str, q: str, filters: fulltext.Filters, scope: str = "sentences",
                limit: int = 20, offset: int = 0) -> dict:
    res = fulltext.search(db, q, ix, filters, limit=limit, offset=offset, scope=scope)
    hits = []
    for h in res.hits:
        item = dict(to_dict(h), article=_article_ref(ix, h.article_id))
        item["segments"] = segments(h.text, h.start, h.highlights)
        item["source_url"] = article_url(h.article_id, h.start, h.end) if h.sentence >= 0 else article_url(h.article_id)
        hits.append(item)
    f = res.filters
    return {"query": q, "scope": scope, "mode": res.mode, "fts_query": res.fts_query, "total": res.total,
            "offset": offset, "limit": limit, "hits": hits,
            "filters": {"entity": f.entity, "thread": f.thread, "event_type": f.event_type,
                        "from": f.date_from, "to": f.date_to},
            "options": _filter_options(ix),
            "next": (_search_link(q, scope, f, limit, offset + limit) if offset + limit < res.total else None)}


def _search_link(q, scope, f, limit, offset) -> str:
    params = {"q": q, "scope": scope, "entity": f.entity, "thread": f.thread, "event_type": f.event_type,
              "from": f.date_from, "to": f.date_to, "limit": limit, "offset": offset}
    return "/search?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def ask_view(ix: CorpusIndex, db: str, q: str, limit: int = 5) -> dict:
    if not q.strip():
        return {"question": q, "answer": None, "facts": [], "citations": [], "entities": [], "asks_for": [],
                "semantic": False}
    ans = ask_question(db, q, ix, limit=limit)
    facts = []
    for f in ans.facts:
        facts.append(dict(to_dict(f), who=_entity_ref(ix, f.who), article=_article_ref(ix, f.article_id),
                          source_url=article_url(f.article_id, f.start, f.end)))
    cites = [dict(to_dict(c), article=_article_ref(ix, c.article_id),
                  segments=segments(c.text, c.start, c.highlights),
                  source_url=article_url(c.article_id, c.start, c.end)) for c in ans.citations]
    return {"question": q, "answer": ans.answer, "answer_kind": ans.answer_kind,
            "answer_source": article_url(*ans.answer_span) if ans.answer_span else None,
            "facts": facts, "citations": cites,
            "entities": [x for x in (_entity_ref(ix, e) for e in ans.entities) if x],
            "asks_for": list(ans.asks_for), "terms": list(ans.terms), "semantic": ans.semantic}
