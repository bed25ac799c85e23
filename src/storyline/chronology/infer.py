"""Publication-date intervals and an order for undated articles, from the text alone.

Public functions:
- ``infer_intervals(analyses, corpus) -> list[DateInterval]`` (the cross-article stage);
- ``infer_texts(items) -> Chronology`` (text-only path: ``items`` are (id, text, date|None));
- ``order_pairs(chronology)`` -> the partial order with evidence per pair.

Every cue of every article (``bounds.read_cues``) becomes difference constraints between
day numbers: the article's date ``a:<id>``, the calendar zero ``Z`` (day numbers are
proleptic ordinals, so ``x[Z] = 0``), the story's frame origin ``F`` (the first day of the
story year, for dates written without a year), and shared events ``e:<key>`` (the same
event announced in one article and reported in another). The network is solved with
``stn.solve``; each article gets the tightest [earliest, latest] and each ordered pair the
constraints it came from.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..records import DateBound, DateInterval
from ..records.chronology import OrderPair
from . import stn
from .bounds import Cue, read_cues
from .lexicon import event_words

VERSION = "storyline.chronology.v1"
Z, F = "Z", "F"

# Events that happen once in a story (their elapsed time is counted); the others are
# planned events, linked across articles only together with a weekday or a date.
SUDDEN = frozenset({"explosion", "earthquake", "hurricane", "crash", "spill", "death",
                    "outbreak", "coup", "flood"})
WEEK = 7


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    published: dt.date | None = None
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass
class Chronology:
    intervals: list[DateInterval]
    pairs: list[OrderPair]
    conflicts: list[stn.Conflict] = field(default_factory=list)
    frame: str = ""  # how yearless dates were placed


# ---------------------------------------------------------------- helpers

def _iso(day: float | None) -> str | None:
    if day is None:
        return None
    return dt.date.fromordinal(int(day)).isoformat()


def _parse_date(value) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def _a(doc_id: str) -> str:
    return "a:" + doc_id


def _bound(doc: Doc, cue: Cue, kind: str, date: str | None, conf: float, event: str = "",
           lo: int | None = None, hi: int | None = None, rule: str = "") -> DateBound:
    return DateBound(article_id=doc.id, kind=kind, date=date, start=cue.start, end=cue.end,
                     text=doc.text[cue.sentence[0]:cue.sentence[1]].strip()[:400],
                     rule=rule or cue.rule, confidence=conf, event=event, tense=cue.tense, lo=lo, hi=hi)


# ---------------------------------------------------------------- the story frame

@dataclass(frozen=True)
class Frame:
    """Dates written without a year are placed in one story year starting at ``origin``
    (a month): months >= origin in year Y, earlier months in Y + 1. ``year`` is Y when the
    text or the anchors fix it, else None (then yearless dates only relate articles)."""

    origin: int
    year: int | None
    evidence: tuple[DateBound, ...] = ()
    note: str = ""

    def offset(self, month: int, day: int) -> tuple[int, int]:
        """Days from the frame origin to month/day (a range over leap and common years)."""
        years = [self.year] if self.year else [2001, 2003, 2004]
        offs = []
        for y in years:
            start = dt.date(y, self.origin, 1)
            yy = y if month >= self.origin else y + 1
            try:
                offs.append((dt.date(yy, month, day) - start).days)
            except ValueError:  # Feb 29 in a common year
                offs.append((dt.date(yy, month, 28) - start).days + 1)
        return min(offs), max(offs)

    def frame_year(self, year: int, month: int) -> int:
        return year if month >= self.origin else year - 1


def choose_frame(docs: list[Doc], cues: dict[str, list[Cue]], min_gap: int = 3) -> Frame | None:
    """The story year: the origin month after the widest run of months nobody mentions;
    its calendar year from the anchors, else from a clear majority of dated mentions."""
    months = Counter()
    for doc in docs:
        for c in cues[doc.id]:
            if c.kind in ("monthday", "date", "month") and c.tense != "modal":
                months[c.month] += 1
        if doc.published:
            months[doc.published.month] += 3
    if not months:
        return None
    present = sorted(m for m in months)
    best_gap, origin = -1, present[0]
    for i, m in enumerate(present):
        nxt = present[(i + 1) % len(present)]
        gap = (nxt - m - 1) % 12 if len(present) > 1 else 11
        if gap > best_gap:
            best_gap, origin = gap, nxt
    if best_gap < min_gap:
        return None
    frame = Frame(origin, None)
    anchors = [d for d in docs if d.published]
    if anchors:
        ys = {frame.frame_year(d.published.year, d.published.month) for d in anchors}
        if len(ys) == 1:
            y = ys.pop()
            ev = tuple(DateBound(d.id, "frame", d.published.isoformat(), rule="frame.anchor", confidence=1.0,
                                 text=f"dated article {d.id}") for d in anchors[:3])
            return Frame(origin, y, ev, f"story year {y} from {len(anchors)} dated article(s)")
        return Frame(origin, None, (), "dated articles span several story years: yearless dates relate articles only")
    votes: Counter = Counter()
    voters: dict[int, set[str]] = defaultdict(set)
    examples: dict[int, list[DateBound]] = defaultdict(list)
    for doc in docs:
        for c in cues[doc.id]:
            if c.kind in ("date", "month") and c.tense in ("past", ""):
                y = frame.frame_year(c.year, c.month)
                votes[y] += 1
                voters[y].add(doc.id)
                if len(examples[y]) < 3:
                    examples[y].append(_bound(doc, c, "frame", f"{c.year:04d}-{c.month:02d}", 0.6, rule="frame.vote"))
    if votes:
        y, n = votes.most_common(1)[0]
        if n >= 3 and len(voters[y]) >= 2 and n >= 0.8 * sum(votes.values()):
            return Frame(origin, y, tuple(examples[y]),
                         f"story year {y}: {n} of {sum(votes.values())} dated mentions in {len(voters[y])} articles")
    return frame


# ---------------------------------------------------------------- cues -> constraints

_ATTACH_AFTER = re.compile(r"^\s*(?:'s\s+|,\s+)?(?:the\s+)?(?:[A-Za-z-]+\s+){0,2}?([a-z]+)\b")
_ATTACH_BEFORE = re.compile(r"\b([a-z]+)\s+(?:[a-z]+\s+)?(?:on|of|this|last|from)\s+$")
_AGO_BEFORE = re.compile(r"\b([a-z]+)\b(?:\s+[a-z]+){0,3}\s+$")


def attached_event(text: str, cue: Cue) -> str:
    """The event word a date is attached to in the syntax of news prose:
    "Saturday 's concert", "the April 20 explosion", "the vote on Friday", "met on Friday"."""
    forms = event_words()
    after = text[cue.end:cue.end + 40]
    m = _ATTACH_AFTER.match(after)
    if m and m.group(1) in forms:
        return forms[m.group(1)]
    before = text[max(cue.sentence[0], cue.start - 40):cue.start]
    m = _ATTACH_BEFORE.search(before)
    if m and m.group(1) in forms:
        return forms[m.group(1)]
    if cue.kind == "elapsed" and cue.rule == "elapsed.ago":
        m = _AGO_BEFORE.search(before)
        if m and m.group(1) in forms:
            return forms[m.group(1)]
    if cue.kind == "elapsed" and cue.rule == "elapsed.since":
        for w in re.findall(r"[a-z]+", cue.text.split()[-1] if cue.text else ""):
            if w in forms:
                return forms[w]
        for w in re.findall(r"[a-z]+", text[cue.start:cue.end]):
            if w in forms:
                return forms[w]
    return ""


class _Builder:
    def __init__(self, frame: Frame | None):
        self.frame = frame
        self.constraints: list[stn.Constraint] = []
        self.nodes: list[str] = [Z]
        if frame:
            self.nodes.append(F)

    def add(self, u: str, v: str, w: float, conf: float, ev: DateBound):
        for n in (u, v):
            if n not in self.nodes:
                self.nodes.append(n)
        self.constraints.append(stn.Constraint(u, v, w, conf, ev))

    # x[a] >= day
    def lower(self, node: str, day: int, conf: float, ev: DateBound, ref: str = Z):
        self.add(node, ref, -day, conf, ev)

    # x[a] <= day
    def upper(self, node: str, day: int, conf: float, ev: DateBound, ref: str = Z):
        self.add(ref, node, day, conf, ev)


def _calendar_constraints(b: _Builder, doc: Doc, cue: Cue, a: str, yearless_ok: bool):
    """Dates in the text: past (or unmarked) -> the article is no earlier; future -> no later."""
    if cue.tense == "modal":
        return
    past = cue.tense in ("past", "")
    conf = 0.9 if cue.tense == "past" else (0.75 if cue.tense == "future" else 0.8)
    if cue.kind == "date":
        day = dt.date(cue.year, cue.month, cue.day)
        if past:
            b.lower(a, day.toordinal(), conf, _bound(doc, cue, "lower", day.isoformat(), conf))
        else:
            b.upper(a, day.toordinal(), conf, _bound(doc, cue, "upper", day.isoformat(), conf))
    elif cue.kind == "month":
        first, last = dt.date(cue.year, cue.month, 1), _month_end(cue.year, cue.month)
        if past:
            b.lower(a, first.toordinal(), conf, _bound(doc, cue, "lower", first.isoformat()[:7], conf))
        else:
            b.upper(a, last.toordinal(), conf, _bound(doc, cue, "upper", last.isoformat()[:7], conf))
    elif cue.kind == "year":
        prep = cue.rule.rsplit(".", 1)[-1]
        if cue.tense == "past" and prep in ("in", "since", "during", "early", "mid", "late", "from"):
            first = dt.date(cue.year, 1, 1)
            b.lower(a, first.toordinal(), 0.8, _bound(doc, cue, "lower", str(cue.year), 0.8))
        elif cue.tense == "future" and prep in ("in", "by", "during", "early", "mid", "late"):
            last = dt.date(cue.year, 12, 31)
            b.upper(a, last.toordinal(), 0.7, _bound(doc, cue, "upper", str(cue.year), 0.7))
    elif cue.kind == "monthday" and b.frame and yearless_ok:
        lo, hi = b.frame.offset(cue.month, cue.day)
        label = f"--{cue.month:02d}-{cue.day:02d}"
        c = conf - 0.05
        if past:
            b.lower(a, lo, c, _bound(doc, cue, "lower", label, c, rule=cue.rule + ".frame"), ref=F)
        else:
            b.upper(a, hi, c, _bound(doc, cue, "upper", label, c, rule=cue.rule + ".frame"), ref=F)


def _event_constraints(b: _Builder, doc: Doc, cue: Cue, a: str, yearless_ok: bool):
    """Events dated in the text or placed relative to the article (weekday, elapsed time)."""
    lemma = attached_event(doc.text, cue)
    if not lemma or cue.tense == "modal":
        return
    if cue.kind == "weekday":
        if lemma in SUDDEN:
            return
        key = f"e:{lemma}@{cue.weekday}"
        if cue.tense == "past":
            lo, hi = -WEEK, 0
        elif cue.tense == "future":
            lo, hi = 0, WEEK
        else:
            lo, hi = -WEEK, WEEK
        if re.search(r"\blast\s+$", doc.text[max(0, cue.start - 8):cue.start], re.IGNORECASE):
            lo, hi = -2 * WEEK, -1
        elif re.search(r"\bnext\s+$", doc.text[max(0, cue.start - 8):cue.start], re.IGNORECASE):
            lo, hi = 1, 2 * WEEK
        ev = _bound(doc, cue, "event", None, 0.7, event=key[2:], lo=lo, hi=hi, rule="event.weekday")
        b.add(a, key, hi, 0.7, ev)   # x_e - x_a <= hi
        b.add(key, a, -lo, 0.7, ev)  # x_a - x_e <= -lo
    elif cue.kind == "elapsed" and lemma in SUDDEN and cue.tense != "future":
        key = f"e:{lemma}"
        ev = _bound(doc, cue, "event", None, 0.75, event=lemma, lo=cue.lo, hi=cue.hi, rule="event." + cue.rule)
        b.add(a, key, cue.hi, 0.75, ev)
        b.add(key, a, -cue.lo, 0.75, ev)
    elif cue.kind == "date" and lemma in SUDDEN:
        day = dt.date(cue.year, cue.month, cue.day).toordinal()
        key = f"e:{lemma}"
        ev = _bound(doc, cue, "event", dt.date.fromordinal(day).isoformat(), 0.75, event=lemma, rule="event.dated")
        b.upper(key, day, 0.75, ev)
        b.lower(key, day, 0.75, ev)
    elif cue.kind == "monthday" and lemma in SUDDEN and b.frame and yearless_ok:
        lo, hi = b.frame.offset(cue.month, cue.day)
        key = f"e:{lemma}"
        ev = _bound(doc, cue, "event", f"--{cue.month:02d}-{cue.day:02d}", 0.7, event=lemma, rule="event.dated.frame")
        b.upper(key, hi, 0.7, ev, ref=F)
        b.lower(key, lo, 0.7, ev, ref=F)


def _yearless_ok(frame: Frame | None, cues: list[Cue]) -> bool:
    """An article that writes a later year than the story year may place its yearless dates
    in that later year: they are not used."""
    if not frame or frame.year is None:
        return frame is not None
    for c in cues:
        if c.kind in ("date", "month", "year") and c.tense != "future":
            if frame.frame_year(c.year, c.month or 12) > frame.year:
                return False
    return True


def build_constraints(docs: list[Doc], cues: dict[str, list[Cue]], frame: Frame | None,
                      links: list[tuple[str, str, DateBound]] = ()) -> _Builder:
    b = _Builder(frame)
    if frame and frame.year is not None:
        origin = dt.date(frame.year, frame.origin, 1).toordinal()
        conf = 1.0 if frame.evidence and frame.evidence[0].rule == "frame.anchor" else 0.6
        ev = frame.evidence[0] if frame.evidence else DateBound("", "frame", None, rule="frame")
        b.add(Z, F, origin, conf, ev)
        b.add(F, Z, -origin, conf, ev)
    for doc in docs:
        a = _a(doc.id)
        b.nodes.append(a)
        if doc.published:
            day = doc.published.toordinal()
            ev = DateBound(doc.id, "equal", doc.published.isoformat(), rule="anchor.published", confidence=1.0,
                           text="publication date given")
            b.upper(a, day, 1.0, ev)
            b.lower(a, day, 1.0, ev)
        ok = _yearless_ok(frame, cues[doc.id])
        for cue in cues[doc.id]:
            _calendar_constraints(b, doc, cue, a, ok)
            _event_constraints(b, doc, cue, a, ok)
    for before, after, ev in links:  # x[before] <= x[after]
        b.add(_a(after), _a(before), 0, ev.confidence, ev)
    return b


# ---------------------------------------------------------------- solve and explain

def _evidence(sol: stn.Solution, u: str, v: str) -> tuple[DateBound, ...]:
    out = []
    for c in stn.path(sol, u, v):
        if isinstance(c.evidence, DateBound) and c.evidence not in out:
            out.append(c.evidence)
    return tuple(out)


def _ranks(ids: list[str], before: dict[str, set[str]]) -> dict[str, int]:
    """Longest-path level in the partial order (ties share a level)."""
    level: dict[str, int] = {}

    def lv(x, stack=()):
        if x in level:
            return level[x]
        preds = [p for p in before.get(x, ()) if p not in stack]
        level[x] = 1 + max((lv(p, stack + (x,)) for p in preds), default=-1)
        return level[x]

    for i in ids:
        lv(i)
    return level


def solve_docs(docs: list[Doc], cues: dict[str, list[Cue]] | None = None,
               links: list[tuple[str, str, DateBound]] = (), use_frame: bool = True) -> Chronology:
    cues = cues if cues is not None else {d.id: read_cues(d.id, d.text, list(d.sentences) or None) for d in docs}
    frame = choose_frame(docs, cues) if use_frame else None
    b = build_constraints(docs, cues, frame, links)
    sol = stn.solve(b.nodes, b.constraints)
    notes_by_article: dict[str, list[str]] = defaultdict(list)
    for cf in sol.conflicts:
        arts = sorted({c.evidence.article_id for c in cf.cycle if isinstance(c.evidence, DateBound)})
        d = cf.dropped.evidence
        msg = (f"conflicting evidence in {', '.join(arts)}; dropped "
               f"{getattr(d, 'rule', '?')} from {getattr(d, 'article_id', '?')}: {getattr(d, 'text', '')[:120]!r}")
        for art in arts:
            notes_by_article[art].append(msg)
    pairs: list[OrderPair] = []
    before: dict[str, set[str]] = defaultdict(set)
    ids = [d.id for d in docs]
    for x in ids:
        for y in ids:
            if x == y:
                continue
            ax, ay = _a(x), _a(y)
            if sol.bound(ay, ax) <= 0 and sol.bound(ax, ay) > 0:  # x <= y and not y <= x
                pairs.append(OrderPair(x, y, _evidence(sol, ay, ax), strict=sol.bound(ay, ax) < 0))
                before[y].add(x)
    ranks = _ranks(ids, before)
    intervals = []
    for d in docs:
        a = _a(d.id)
        lo_d, hi_d = sol.bound(a, Z), sol.bound(Z, a)
        earliest = None if lo_d == stn.INF else -lo_d
        latest = None if hi_d == stn.INF else hi_d
        ev = []
        if earliest is not None:
            ev.extend(_evidence(sol, a, Z))
        if latest is not None:
            ev.extend(e for e in _evidence(sol, Z, a) if e not in ev)
        intervals.append(DateInterval(
            article_id=d.id, earliest=_iso(earliest), latest=_iso(latest), rank=ranks.get(d.id),
            inferred=d.published is None, evidence=tuple(ev),
            consistent=not notes_by_article.get(d.id), notes=tuple(notes_by_article.get(d.id, ()))))
    return Chronology(intervals, pairs, sol.conflicts, frame.note if frame else "")


def infer_texts(items, use_frame: bool = True) -> Chronology:
    """Text-only path: ``items`` are (id, text, date or None)."""
    docs = [Doc(str(i), t, _parse_date(d)) for i, t, d in items]
    return solve_docs(docs, use_frame=use_frame)


def order_pairs(chronology: Chronology) -> list[OrderPair]:
    return list(chronology.pairs)


def _event_links(analyses, corpus) -> list[tuple[str, str, DateBound]]:
    """The events layer's cross-article clusters: planned in one article and happened in
    another means the first article is no later than the second."""
    links = []
    if not corpus or not getattr(corpus, "event_ids", None):
        return links
    by_event: dict[str, list] = defaultdict(list)
    for an in analyses:
        ids = corpus.event_ids.get(an.article.id) or []
        for ev, eid in zip(an.events, ids):
            if eid:
                by_event[eid].append(ev)
    for eid, mentions in by_event.items():
        planned = [m for m in mentions if m.modality == "planned"]
        happened = [m for m in mentions if m.modality in ("happened", "ongoing")]
        for p in planned:
            for h in happened:
                if p.article_id != h.article_id:
                    links.append((p.article_id, h.article_id, DateBound(
                        p.article_id, "before_article", None, other_article=h.article_id, start=p.start,
                        end=p.end, text=p.trigger, rule="event.coref.planned_then_happened",
                        confidence=min(p.confidence, h.confidence, 0.6), event=eid)))
    return links


def infer_intervals(analyses, corpus) -> list[DateInterval]:
    """The cross-article stage: an interval, rank and evidence for every article."""
    analyses = list(analyses)
    if not analyses:
        return []
    docs = [Doc(an.article.id, an.article.text,
                None if getattr(an.article, "date_is_default", False) else _parse_date(an.article.published),
                tuple((s.start, s.end) for s in an.sentences)) for an in analyses]
    return solve_docs(docs, links=_event_links(analyses, corpus)).intervals
