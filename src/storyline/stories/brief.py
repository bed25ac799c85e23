"""The briefing: what a reader coming back to a story needs, grounded in the
analysis — the threads, the main actors, what happened by date (undated
articles in their inferred order, marked so), who said what, whose position
changed, what is expected next, and the sources.

``render_brief(analyses, corpus, since=None, thread=None, fmt="text")``:
``since`` (YYYY-MM-DD) keeps what was published on or after that day (undated
articles cannot be placed and are only counted); ``thread`` keeps one thread
(a story includes its sub-threads). ``fmt`` is "text" (terminal), "md" or
"html"; HTML escapes every piece of article text.

The brief is built as sections of items (``Brief``), then rendered; every
item that quotes an article carries its reference ``[n]`` into the sources
list. Empty layers (no quotes, no positions ...) simply give empty sections.
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..chronology.bounds import in_spans
from ..entities.query import role_key
from ..events.positions import detect_changes, positions_by_holder, stance_words
from ..quotes.lexicon import marks, topic_prepositions
from ..quotes.query import not_said, said_text, speaker_entity
from ..records import ArticleAnalysis, CorpusAnalysis
from ..temporal.values import period_end, value_date
from .text import page_material, story_spans
from .timeline import article_days, build_timeline, fit_entries

MAX_ACTORS = 10
MAX_QUOTES = 12
MIN_QUOTE_WORDS = 3  # fewer words than this say too little to stand for a report in the briefing
MAX_TIMELINE = 40
MAX_EXPECTED = 10
MAX_STORIES = 10  # stories listed under Threads, the largest
MAX_SUBTHREADS = 5  # sub-threads listed under each story, the largest
EXPECTED_RECENT_DAYS = 14  # an undated expectation is current when reported this close to the newest report
_FUTURE_MODALITIES = ("planned",)


@dataclass
class Section:
    title: str
    items: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Brief:
    title: str
    summary: str
    sections: list[Section]
    sources: list[str]


def _clip(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _select(analyses, corpus: CorpusAnalysis, since: str | None, thread: str | None, days):
    chosen = list(analyses)
    label = ""
    if thread:
        ids = set()
        for t in corpus.threads:
            if t.id == thread or t.parent == thread:
                ids.update(t.article_ids)
                if t.id == thread:
                    label = t.label
        chosen = [a for a in chosen if a.article.id in ids]
    undated_skipped = 0
    if since:
        keep = []
        for a in chosen:
            day = days.get(a.article.id, ("", ""))[0]
            if day and day >= since[:10]:
                keep.append(a)
            elif not day:
                undated_skipped += 1
        chosen = keep
    return chosen, label, undated_skipped


def _entity_names(corpus: CorpusAnalysis) -> dict[str, str]:
    return {e.id: e.name for e in corpus.entities}


def _actors(chosen, corpus: CorpusAnalysis) -> list[str]:
    """The entities the chosen reports name most, outside datelines and page material (an
    agency is in every dateline of its copy, and no actor of the story)."""
    names = _entity_names(corpus)
    types = {e.id: e.type for e in corpus.entities}
    counts: Counter = Counter()
    roles: dict[str, Counter] = defaultdict(Counter)  # actor -> role key -> times said
    role_text: dict[str, str] = {}  # role key -> the wording shown (the first seen without an article)
    display: dict[str, str] = {}
    for a in chosen:
        ids = corpus.mention_entity.get(a.article.id, [])
        page = page_material(a)
        for i, m in enumerate(a.mentions):
            eid = (ids[i] if i < len(ids) else None) or m.entity_id
            key = eid or f"{m.type}:{m.text}"
            if not eid and m.kind != "name" or in_spans(m.start, page):
                continue
            counts[key] += 1
            display.setdefault(key, names.get(eid, m.text) if eid else m.text)
            types.setdefault(key, m.type)
            for r in m.roles:
                k = role_key(r.text)
                roles[key][k] += 1
                if k not in role_text or role_text[k].casefold().startswith(("the ", "a ", "an ")):
                    role_text[k] = r.text
    out = []
    for key, n in counts.most_common(MAX_ACTORS):
        said = [role_text[k] for k, _ in roles[key].most_common(2)]  # the roles said most often
        role = f" — {', '.join(said)}" if said else ""
        out.append(f"{display[key]} ({types.get(key, '?')}, {n} mention{'s' if n != 1 else ''}){role}")
    return out


def _ref(refs: dict[str, int], article_id: str) -> str:
    return f"[{refs[article_id]}]" if article_id in refs else ""


def _order_label(article_id: str, follows: dict[str, tuple[str, ...]], refs, interval=None) -> str:
    """How an undated article stands in the inferred partial order, by the briefing's refs:
    the dates the text allows when both ends are known, the articles the text shows came
    earlier or later, or that nothing orders it."""
    after = [_ref(refs, a) for a in follows.get(article_id, ()) if a in refs]
    before = [_ref(refs, b) for b, prev in follows.items() if article_id in prev and b in refs]
    parts = []
    if interval is not None and interval.earliest and interval.latest:
        same = interval.earliest == interval.latest
        parts.append(interval.earliest if same else f"{interval.earliest} to {interval.latest}")
    if after:
        parts.append("after " + " ".join(sorted(after, key=lambda r: int(r[1:-1]))))
    if before:
        parts.append("before " + " ".join(sorted(before, key=lambda r: int(r[1:-1]))))
    return "inferred: " + ", ".join(parts) if parts else "order not known"


def _happened(chosen, corpus: CorpusAnalysis, refs, days) -> tuple[list[str], str]:
    """The timeline's entries of the chosen reports, but none dated after its own report's day:
    "a benefit concert is due on Saturday" is expected, not happened (``days``: each
    article's day, ``timeline.article_days``)."""
    ids = {a.article.id for a in chosen}
    entries = [e for e in corpus.timeline if e.article_id in ids] if corpus.timeline else []
    if not entries:
        entries = build_timeline(chosen, corpus)
    entries = [e for e in entries if not (e.date and e.article_id in days and days[e.article_id][0]
                                          and e.date[:10] > days[e.article_id][0][:10])]
    shown = fit_entries(entries, chosen, corpus, MAX_TIMELINE)
    left = len(entries) - len(shown)
    entries = shown
    follows = {iv.article_id: iv.follows for iv in corpus.intervals if iv.follows}
    intervals = {iv.article_id: iv for iv in corpus.intervals}
    items = []
    for e in entries:
        if e.date:
            basis = {"published": " (reported)", "inferred": " (inferred from the text)"}.get(e.date_basis, "")
            items.append(f"{e.date}{basis}: {_clip(e.text)} {_ref(refs, e.article_id)}")
        else:
            label = _order_label(e.article_id, follows, refs, intervals.get(e.article_id))
            items.append(f"undated ({label}): {_clip(e.text)} {_ref(refs, e.article_id)}")
    note = ""
    if left:
        note = (f"{left} more timeline entries, on days fewer reports name, are left out; "
                "storyline export gives the whole timeline.")
    if any(e.date is None for e in entries):
        note += (" " if note else "") + (
            "Undated articles: no publication date was given; 'inferred' shows the dates the "
            "text allows and 'after [n]' the articles it shows were published no later; the "
            "rest keep their input order.")
    return items, note


def _speaker(q, a: ArticleAnalysis, names, corpus: CorpusAnalysis | None = None) -> str:
    """The speaker's entity name (set on the quote, or the entity of its speaker mention), else
    the mention, else the source as written, else "unattributed"."""
    eid = speaker_entity(q, corpus.mention_entity.get(a.article.id, []) if corpus else [])
    if eid and eid in names:
        return names[eid]
    if q.speaker_mention is not None and 0 <= q.speaker_mention < len(a.mentions):
        m = a.mentions[q.speaker_mention]
        # a pronoun the article never ties to a name: say so rather than print a bare "she"
        return f"{m.text} (not named)" if m.kind == "pronoun" else m.text
    if q.attributed and q.speaker_text:
        return q.speaker_text
    return "unattributed"


def _unquoted(text: str) -> str:
    """The words without the quotation marks around them, when marks stand at both ends: the
    double ones of ``quote_marks.tsv`` (of every piece joined by " … ": '"A," … "B"' keeps the
    inner marks, as the pieces are shown; a backtick pair opens as typed in plain-text
    corpora), then single ones (also two apostrophes typed as a double mark) only in a pair.
    Reported words that open or end with a quoted phrase keep its marks ('... caused "deep
    concern"', '"a breach" of the rules', '"a" and then "b"'), and a quoted word closing a
    quotation keeps its own ('... it was 'for the cause'')."""
    m = marks()
    double = m.double_open | m.double_close
    single = m.single_open | m.single_close
    text = text.strip()
    if text.startswith("``") and text.endswith("''") and "``" not in text[2:]:
        return text[2:-2].strip()  # treebank copy: `` one quotation ''
    if not (text[:1] in m.double_open | m.single_open | {"`"} and text[-1:] in m.double_close | m.single_close):
        return text
    inner = text.strip(" `" + "".join(double))
    if " … " not in inner:
        first = next((i for i, ch in enumerate(inner) if ch in double), None)
        if first is not None:
            ch = inner[first]
            closes = ch not in m.double_open or (ch in m.double_close and first > 0 and not inner[first - 1].isspace())
            if closes:
                return text  # the first mark inside closes: two quoted phrases, not one quotation
    if inner[:1] in m.single_open and inner[-1:] in m.single_close:
        inner = inner.strip("".join(single))
    return inner.strip()


def _quotes(chosen, corpus: CorpusAnalysis, refs) -> list[str]:
    """Who said what: each report's best quote (attributed first; then a speaker the story
    knows, an entity, and words said rather than thought, wanted or shown: "the 5,000-barrel
    estimate appears to be ..." is an attribution of the text but no voice; then direct
    first), then each one's second, and so on, the newest reports first, so that as many
    reports as there is room for get a voice and a long story keeps its latest statements;
    shown in report order. Words too few to say anything ("crews reported progress": one
    word reported) come after every quote that says something."""
    names = _entity_names(corpus)
    per_article = []

    def rank(a, q):
        known = speaker_entity(q, corpus.mention_entity.get(a.article.id, []))
        said = said_text(q) if q.content else a.article.text[q.start:q.end]
        terse = len(said.split()) < MIN_QUOTE_WORDS
        return not q.attributed, terse, not known, q.cue_class not in ("speech", ""), q.kind != "direct", q.start
    for a in reversed(chosen):  # newest first: the room goes to the latest reports
        page = page_material(a)  # a reader's comment or a caption is no voice of the story
        ranked = sorted((q for q in a.quotes if not in_spans(q.start, page)), key=lambda q: rank(a, q))
        per_article.append([(a, q) for q in ranked])
    depth = max((len(rows) for rows in per_article), default=0)
    picked = [rows[k] for k in range(depth) for rows in per_article if k < len(rows)][:MAX_QUOTES]
    picked.sort(key=lambda x: (refs[x[0].article.id], x[1].start))
    items = []
    for a, q in picked:
        who = _speaker(q, a, names, corpus) + not_said(q)
        text = _unquoted(said_text(q) if q.content else a.article.text[q.start:q.end])
        if q.kind != "direct" and text.startswith("that ") and len(text.split()) > 3:
            text = text[5:]  # "said that the dam would hold" reads after the speaker as "the dam would hold"
        mark = "“{}”".format(_clip(text, 200)) if q.kind == "direct" else _clip(text, 200)
        items.append(f"{who}: {mark} {_ref(refs, a.article.id)}")
    return items


def _positions(chosen, corpus: CorpusAnalysis, refs) -> list[str]:
    """Holders whose net stance on a topic turns between two positions (``events.positions.
    detect_changes``, as ``storyline positions`` reports them), earlier first; the two must
    be dated apart when both are dated (``storyline positions`` lists same-day contradictions)."""
    names = _entity_names(corpus)
    order = {a.article.id: i for i, a in enumerate(chosen)}
    published = {a.article.id: (a.article.published or "")[:10] for a in chosen}
    items = []
    # only entity holders: an unresolved "who" or "they" is not one holder across sentences
    for key, rows in positions_by_holder(chosen, corpus.mention_entity).items():
        rows.sort(key=lambda p: _when(p, published, order))
        for before, after in detect_changes(rows):
            if before.date and before.date == after.date:
                continue  # two reports of one day disagreeing: a contradiction, not a change
            holder = names.get(key, key)
            topic = _clip(before.topic, 60)
            about = "" if topic.split(" ", 1)[0].lower() in topic_prepositions() else "on "  # not "on on the ..."
            items.append(f"{holder} {about}{topic}: {_stance(before, refs)} → {_stance(after, refs)}")
    return items


def _when(p, published, order) -> tuple:
    """Sort key: the position's day, else its article's; within an article a position the text
    places on an earlier, not fully known day ("on Monday did not rule out") before one held
    at the time of writing ("is offering his assurances")."""
    if p.date and p.date[:1].isdigit():
        return (p.date[:10], order[p.article_id], 0, p.start)
    return (published[p.article_id], order[p.article_id], 0 if p.date else 1, p.start)


def _stance(p, refs) -> str:
    """"not reject (for, 2025-08-18) [5]": the stance word as the text puts it, and its net
    direction on the topic."""
    when = f", {p.date[:10]}" if p.date and p.date[:1].isdigit() else ""
    word, net = stance_words(p)
    return f"{word} ({net}{when}) {_ref(refs, p.article_id)}".rstrip()


def _sentence_at(a: ArticleAnalysis, pos: int, end: int, spans=None) -> str | None:
    """The sentence holding ``pos`` as a story sentence (``spans``: ``text.story_spans`` of the
    article; a dateline or a live page's entry time cut off), None when it is page material."""
    if spans is not None:
        return next((a.article.text[sp.start:sp.end] if sp.story else None for sp in spans
                     if sp.start <= pos < sp.end), None)
    return next((a.article.text[s.start:s.end] for s in a.sentences if s.start <= pos < s.end),
                a.article.text[max(0, pos - 80):end + 80])


def _still_ahead(value: str, pub: str, newest: str) -> bool:
    """An expectation is still open as of the newest report: its date (when it has one) is
    not before the newest report's day, and an undated one comes from a report at most
    ``EXPECTED_RECENT_DAYS`` older than the newest. Without days, everything stays."""
    if not newest:
        return True
    if value[:4].isdigit():
        end = period_end(value) or value_date(value)  # a week or a month is open to its last day
        return end is None or end.isoformat() >= newest
    if not pub:
        return True
    return (date.fromisoformat(newest) - date.fromisoformat(pub)).days <= EXPECTED_RECENT_DAYS


def _expected(chosen, refs, days) -> list[str]:
    """Announced future events, latest reports first: planned event mentions (inside a direct
    quotation only when dated after the report), still open as of the newest report
    (``_still_ahead``); without events, sentences whose time expression lies after the
    report's day or was read as future. A report's day is its publication day, or the day its
    text fixes (``timeline.article_days``)."""
    items = []
    newest = max((d for d, _ in days.values()), default="")
    for a in reversed(chosen):  # the latest reports first: their expectations are the current ones
        by_sentence: dict[str, list[str]] = {}
        quoted = [p for q in a.quotes if q.kind == "direct" for p in (q.content_parts or (q.content,))]
        pub = days.get(a.article.id, ("", ""))[0]
        spans = story_spans(a.article.text, [(s.start, s.end) for s in a.sentences]) if a.sentences else None
        for e in a.events:
            if e.modality not in _FUTURE_MODALITIES or not _still_ahead(e.time_value or "", pub, newest):
                continue
            sentence = _sentence_at(a, e.start, e.end, spans)
            if sentence is None:
                continue  # a reader's comment, a caption: no schedule of the story
            dated_ahead = bool(pub) and (e.time_value or "")[:10] > pub and (e.time_value or "")[:1].isdigit()
            if not dated_ahead and any(p.start <= e.start < p.end for p in quoted):
                continue  # a promise in someone's quoted words ("we will fight for you") is not a schedule
            when = f" ({e.time_value})" if e.time_value and e.time_value[:1].isdigit() else ""
            triggers = by_sentence.setdefault(sentence, [])
            if f"{e.trigger}{when}" not in triggers:
                triggers.append(f"{e.trigger}{when}")
        for sent, triggers in by_sentence.items():
            items.append(f"{', '.join(triggers)}: {_clip(sent)} {_ref(refs, a.article.id)}")
    if not any(a.events for a in chosen):
        for a in reversed(chosen):
            seen = set()
            pub = days.get(a.article.id, ("", ""))[0]
            spans = story_spans(a.article.text, [(s.start, s.end) for s in a.sentences]) if a.sentences else None
            for t in a.timexes:
                if t.type not in ("DATE", "TIME") or t.value.endswith("_REF") or t.value.startswith("P") \
                        or not _still_ahead(t.value, pub, newest):
                    continue
                ahead = bool(pub) and t.value[:10] > pub and t.value[:4].isdigit()
                if t.tense != "future" and not ahead:
                    continue
                sent = _sentence_at(a, t.start, t.end, spans)
                if sent is None or sent in seen:
                    continue
                seen.add(sent)
                value = f", {t.value}" if t.value and not t.value.startswith("X") else ""
                items.append(f"{t.text}{value}: {_clip(sent)} {_ref(refs, a.article.id)}")
    return items[:MAX_EXPECTED]


def _largest(threads, ids: set[str], n: int) -> tuple[list, int]:
    """The ``n`` threads holding the most of the selected articles, in their own order, and how
    many were left out (none when only one would be: its line costs no more than the note's)."""
    if len(threads) <= n + 1:
        return list(threads), 0
    shown = {t.id for t in sorted(threads, key=lambda t: -len(ids.intersection(t.article_ids)))[:n]}
    return [t for t in threads if t.id in shown], len(threads) - n


def _threads(corpus: CorpusAnalysis, ids: set[str], since: str | None, all_analyses) -> tuple[list[str], str]:
    """Stories and their sub-threads holding selected articles: at most ``MAX_STORIES`` stories
    and ``MAX_SUBTHREADS`` sub-threads each, the largest, and a note of what was left out."""
    items = []
    pubs = {a.article.id: a.article.published for a in all_analyses}
    subs = defaultdict(list)
    for t in corpus.threads:
        if t.parent and ids.intersection(t.article_ids):
            subs[t.parent].append(t)
    stories = [t for t in corpus.threads if not t.parent and ids.intersection(t.article_ids)]
    stories, stories_left = _largest(stories, ids, MAX_STORIES)
    for t in stories:
        n_new = sum(1 for x in t.article_ids if x in ids)
        fresh = ""
        if since:
            older = [x for x in t.article_ids if pubs.get(x) and pubs[x][:10] < since[:10]]
            fresh = " — new thread" if not older else f" — {n_new} new article{'s' if n_new != 1 else ''}"
        items.append(f"{t.id} {t.label} ({len(t.article_ids)} article{'s' if len(t.article_ids) != 1 else ''}){fresh}")
        kept, left = _largest(subs.get(t.id, []), ids, MAX_SUBTHREADS)
        for s in kept:
            new = sum(1 for x in s.article_ids if x in ids)
            extra = f", {new} new" if since else ""
            items.append(f"    {s.id} {s.label} ({len(s.article_ids)}{extra})")
        if left:
            items.append(f"    … {left} smaller sub-thread{'s' if left != 1 else ''}")
    note = ""
    if stories_left:
        note = (f"{stories_left} smaller stor{'ies' if stories_left != 1 else 'y'} left out; "
                "storyline brief --thread ID shows one, storyline export lists them all.")
    return items, note


def _span(chosen, days) -> str:
    """The days the articles cover: publication dates, and the days inferred from the text of
    articles given none (a date line under the title), said apart."""
    pub = sorted(days[a.article.id][0] for a in chosen if days.get(a.article.id, ("", ""))[1] == "published")
    inf = sorted(days[a.article.id][0] for a in chosen if days.get(a.article.id, ("", ""))[1] == "inferred")
    n_undated = sum(1 for a in chosen if a.article.id not in days)
    parts = [f"{pub[0]} to {pub[-1]}" if pub else "no publication dates"]
    if inf:
        many = len(inf) != 1
        parts.append(f"{len(inf)} dated from {'their' if many else 'its'} text: "
                     + (f"{inf[0]} to {inf[-1]}" if many else inf[0]))
    if n_undated and (pub or inf):
        parts.append(f"{n_undated} undated")
    return "; ".join(parts)


FIRST_LINE_MAX = 120  # a short first line followed by a line break is the article's headline


def _first_line(text: str) -> str:
    """The headline of an article given without a title: its first line, when short and
    followed by more lines."""
    head, nl, _ = text.strip().partition("\n")
    return head.strip() if nl and len(head.strip()) <= FIRST_LINE_MAX else ""


def build_brief(analyses, corpus: CorpusAnalysis | None = None, since: str | None = None,
                thread: str | None = None) -> Brief:
    analyses = list(analyses)
    corpus = corpus or CorpusAnalysis()
    days = article_days(analyses, corpus)
    chosen, label, undated_skipped = _select(analyses, corpus, since, thread, days)
    ranks = {iv.article_id: iv.rank for iv in corpus.intervals if iv.rank is not None}
    position = {a.article.id: i for i, a in enumerate(analyses)}
    chosen.sort(key=lambda a: (a.article.id not in days, days.get(a.article.id, ("", ""))[0],
                               a.article.published or "",  # within a day, by the time given
                               ranks.get(a.article.id, len(analyses)), position[a.article.id]))
    refs = {a.article.id: i + 1 for i, a in enumerate(chosen)}
    summary = f"{len(chosen)} article{'s' if len(chosen) != 1 else ''} ({_span(chosen, days)})"
    if since:
        summary += f"; new since {since}"
        if undated_skipped:
            many = undated_skipped != 1
            summary += (f" ({undated_skipped} undated article{'s' if many else ''} cannot be placed "
                        f"and {'are' if many else 'is'} left out)")
    title = "Briefing" + (f" — thread {thread}: {label}" if thread else "")
    if thread and not any(t.id == thread for t in corpus.threads):
        known = ", ".join(t.id for t in corpus.threads if t.parent is None) or "none"
        summary = f"no thread {thread} (top-level threads: {known}); " + summary
    happened, note = _happened(chosen, corpus, refs, days)
    ids = set(refs)
    sections = [
        Section("Threads", *_threads(corpus, ids, since, analyses)),
        Section("Main actors", _actors(chosen, corpus)),
        Section("What happened", happened, note),
        Section("Who said what", _quotes(chosen, corpus, refs)),
        Section("Whose position changed", _positions(chosen, corpus, refs)),
        Section("What is expected next", _expected(chosen, refs, days)),
    ]
    sources = []
    for a in chosen:
        art = a.article
        name = art.title or _first_line(art.text) or _clip(art.text, 80)
        day, basis = days.get(art.id, ("", ""))
        when = (f"{day}, inferred from the text" if basis == "inferred" else day) or "undated"
        where = f", {art.source}" if art.source else ""
        sources.append(f"[{refs[art.id]}] {name} ({when}{where}; id {art.id[:12]})")
    return Brief(title, summary, sections, sources)


def _render_text(b: Brief, md: bool) -> str:
    lines = [f"# {b.title}" if md else b.title.upper(), "", b.summary, ""]
    for s in b.sections + [Section("Sources", b.sources)]:
        lines.append(f"## {s.title}" if md else s.title)
        if s.note:
            lines.append(f"_{s.note}_" if md else f"  ({s.note})")
        if not s.items:
            lines.append("- none found" if md else "  - none found")
        for it in s.items:
            indent = "  " if it.startswith("    ") else ""
            lines.append(f"{indent}- {it.strip()}" if md else f"  {indent}- {it.strip()}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _render_html(b: Brief) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
           f"<title>{e(b.title)}</title></head><body>", f"<h1>{e(b.title)}</h1>", f"<p>{e(b.summary)}</p>"]
    for s in b.sections + [Section("Sources", b.sources)]:
        out.append(f"<h2>{e(s.title)}</h2>")
        if s.note:
            out.append(f"<p><em>{e(s.note)}</em></p>")
        if not s.items:
            out.append("<p>none found</p>")
            continue
        groups: list[tuple[str, list[str]]] = []  # an item and the sub-threads listed under it
        for it in s.items:
            if it.startswith("    ") and groups:
                groups[-1][1].append(it.strip())
            else:
                groups.append((it.strip(), []))
        out.append("<ul>")
        for it, subs in groups:
            inner = "<ul>" + "".join(f"<li>{e(x)}</li>" for x in subs) + "</ul>" if subs else ""
            out.append(f"<li>{e(it)}{inner}</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_brief(analyses, corpus=None, since: str | None = None, thread: str | None = None,
                 fmt: str = "text") -> str:
    """The briefing as terminal text, Markdown ("md") or HTML ("html")."""
    b = build_brief(analyses, corpus, since=since, thread=thread)
    if fmt == "html":
        return _render_html(b)
    if fmt in ("md", "markdown"):
        return _render_text(b, md=True)
    if fmt != "text":
        raise ValueError(f"unknown brief format {fmt!r}: use text, md or html")
    return _render_text(b, md=False)
