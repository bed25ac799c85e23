"""TimelineJS JSON (the Knight Lab timeline format newsrooms use).

Each dated timeline entry becomes an event with ``start_date`` {year, month,
day} at the precision the date has, a headline, and the source sentence as
text (HTML-escaped: TimelineJS renders ``text`` as HTML). Entries without a
date are left out rather than given an invented one; the title slide says how
many. With no timeline yet, dated articles stand in (headline = title).
"""
from __future__ import annotations

import html
import json
import re

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
HEADLINE_CHARS = 90


def start_date(value: str | None) -> dict | None:
    """{year, month, day} from an ISO date (month/day only when given); None otherwise."""
    m = _DATE.match(value or "")
    if not m:
        return None
    out = {"year": int(m.group(1))}
    if m.group(2):
        out["month"] = int(m.group(2))
        if m.group(3):
            out["day"] = int(m.group(3))
    return out


def _headline(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= HEADLINE_CHARS:
        return text
    cut = text[:HEADLINE_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


def _source_html(art, aid: str, start: int, end: int) -> str:
    name = html.escape(art.title or art.source or aid) if art else html.escape(aid)
    return f"<p><small>{name} [{html.escape(aid)}:{start}-{end}]</small></p>"


def build(results) -> dict:
    arts = {a.id: a for a in results.articles}
    threads = {}
    for t in results.corpus.threads:
        for aid in t.article_ids:
            threads.setdefault(aid, t.label)
    events, undated = [], 0
    for i, e in enumerate(results.corpus.timeline):
        sd = start_date(e.date)
        if sd is None:
            undated += 1
            continue
        art = arts.get(e.article_id)
        item = {"start_date": sd,
                "text": {"headline": html.escape(_headline(e.text)),
                         "text": f"<p>{html.escape(e.text)}</p>" + _source_html(art, e.article_id, e.start, e.end)},
                "unique_id": f"entry-{i}"}
        if e.article_id in threads:
            item["group"] = html.escape(threads[e.article_id])
        events.append(item)
    if not results.corpus.timeline:
        for a in results.articles:
            sd = start_date(a.published)
            if sd is None:
                undated += 1
                continue
            lead = a.text[:200]
            events.append({"start_date": sd,
                           "text": {"headline": html.escape(_headline(a.title or a.text)),
                                    "text": f"<p>{html.escape(lead)}</p>" + _source_html(a, a.id, 0, len(lead))},
                           "unique_id": f"article-{a.id}"})
    note = f"{len(events)} dated entries" + (f"; {undated} undated entries not shown" if undated else "")
    return {"title": {"text": {"headline": "storyline timeline", "text": f"<p>{html.escape(note)}</p>"}},
            "events": events}


def render(results) -> str:
    return json.dumps(build(results), ensure_ascii=False, indent=1)
