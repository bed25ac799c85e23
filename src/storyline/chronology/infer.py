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
from dataclasses import dataclass, field, replace

from ..records import DateBound, DateInterval
from ..records.chronology import OrderPair
from . import stn
from ..nlp.docview import line_span
from ..temporal.stamp import text_stamp
from .bounds import Cue, future_before, read_cues, story_parts
from ..events.lexicon import unannounced_types
from .lexicon import event_words, onset_events, origin_events, planned_events
from .links import DayClusters, adjacent_links, announce_links, content_words, similar_links
from .reuse import lede_pairs, shared_sentence_links

VERSION = "storyline.chronology.v1"
Z, F = "Z", "F"

WEEK = 7
ORIGIN = "e:origin"  # the sudden event the story runs from (data/event_words.tsv, class origin)
ORIGIN_SLACK = 2
ALIGNED_THRESHOLD = 0.09  # context similarity for a weekday and a date on that weekday (links.py)
PIN_ONE_YEAR = 2  # articles writing full dates needed to fix the story year when all of them fall in one
STRONG_THRESHOLD = 0.19  # context similarity when five or more distinctive words are shared  # days between the facets of one origin event (blast, fire, leak)


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
    min_year: int | None = None  # the story year is no earlier than this
    calendar_year: int | None = None  # a frame year whose calendar matches the weekdays written beside dates
    calendar_years: tuple[int, ...] = ()  # all frame years whose calendar matches them

    def weekday(self, cue: Cue) -> int | None:
        """Day of the week of a written date, when the story calendar is known."""
        if cue.kind == "date":
            return dt.date(cue.year, cue.month, cue.day).weekday()
        years = [self.year] if self.year else list(self.calendar_years)
        if cue.kind != "monthday" or not years:
            return None
        days = set()
        for y in years:
            try:
                days.add(dt.date(y if cue.month >= self.origin else y + 1, cue.month, cue.day).weekday())
            except ValueError:
                return None
        return days.pop() if len(days) == 1 else None

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


def _calendar_years(frame: Frame, docs: list[Doc], cues: dict[str, list[Cue]], first: int = 1970,
                    last: int = 2040):
    """Frame years whose calendar puts every weekday written beside a yearless date
    ("Tuesday , June 1") on that date; needs such pairs from two articles.
    Returns (years, evidence)."""
    from .links import adjacent_links
    seen, arts, ev = [], set(), []
    for doc in docs:
        cs = cues[doc.id]
        for link in adjacent_links(doc.id, doc.text, cs):
            w, d = cs[link.a[1]], cs[link.b[1]]
            if d.kind == "monthday" and w.kind == "weekday":
                seen.append((d.month, d.day, w.weekday))
                arts.add(doc.id)
                if len(ev) < 3:
                    ev.append(_bound(doc, d, "frame", f"--{d.month:02d}-{d.day:02d}", 0.6, rule="frame.weekday_beside_date"))
    if len(arts) < 2:
        return [], ()
    years = []
    for y in range(frame.min_year or first, last + 1):
        ok = True
        for m, d, wd in seen:
            try:
                ok = dt.date(y if m >= frame.origin else y + 1, m, d).weekday() == wd
            except ValueError:
                ok = False
            if not ok:
                break
        if ok:
            years.append(y)
    return years, tuple(ev)


def _widest_gap(months: Counter) -> tuple[int, int]:
    """(length, month after it) of the widest run of months nobody mentions (a month counts
    when mentioned twice, or once in a small collection)."""
    total = sum(months.values())
    present = sorted(m for m, k in months.items() if k >= 2 or total < 10)
    best_gap, origin = -1, present[0]
    for i, m in enumerate(present):
        nxt = present[(i + 1) % len(present)]
        gap = (nxt - m - 1) % 12 if len(present) > 1 else 11
        if gap > best_gap:
            best_gap, origin = gap, nxt
    return best_gap, origin


def choose_frame(docs: list[Doc], cues: dict[str, list[Cue]], min_gap: int = 3) -> Frame | None:
    """The story year: the origin month after the widest run of months nobody mentions;
    its calendar year from the anchors, else from a clear majority of dated mentions."""
    months = Counter()
    for doc in docs:
        for c in cues[doc.id]:
            if c.kind == "monthday" and c.tense != "modal":
                months[c.month] += 1
        if doc.published:
            months[doc.published.month] += 3
    if not months:
        return None
    best_gap, origin = _widest_gap(months)
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
    # No dated article: the story year is not fixed, but it is no earlier than the frame year
    # of any date the stories write as past (at least two articles agreeing on the latest).
    years: dict[int, set[str]] = defaultdict(set)
    examples: dict[int, DateBound] = {}
    for doc in docs:
        for c in cues[doc.id]:
            if c.kind in ("date", "month") and c.tense == "past":
                y = frame.frame_year(c.year, c.month)
                years[y].add(doc.id)
                examples.setdefault(y, _bound(doc, c, "frame", f"{c.year:04d}-{c.month:02d}", 0.6, rule="frame.past_mention"))
    agreed = [y for y, arts in years.items() if len(arts) >= 2]
    min_year = max(agreed) if agreed else None
    frame = Frame(origin, None, (examples[min_year],) if agreed else (), 
                  f"story year unknown, not before {min_year}" if agreed else "story year unknown", min_year=min_year)
    years, cev = _calendar_years(frame, docs, cues)
    if years:
        pinned = years[0] if min_year is not None and years[0] - min_year <= 5 else None
        note = (f"story year {pinned}: the first year from {min_year} whose calendar fits the weekdays written "
                f"beside dates" if pinned else frame.note + "; weekdays of dates known from the calendar")
        frame = Frame(origin, None, frame.evidence + cev, note, min_year=min_year, calendar_year=pinned,
                      calendar_years=tuple(years))
    elif PIN_ONE_YEAR and min_year is not None:
        # every full date the collection writes (past, future or unmarked) falls in one story
        # year, and two articles at least write them: the yearless dates are of that year too
        # (and their months leave the story year starting where it did: "March 3, 2011" with
        # yearless June dates could put June in 2010 or 2011)
        full = [c for d in docs for c in cues[d.id] if c.kind == "date"]
        every = {frame.frame_year(c.year, c.month) for c in full}
        writers = {c.article_id for c in full}
        same_start = _widest_gap(months + Counter(c.month for c in full))[1] == origin
        if every == {min_year} and len(writers) >= PIN_ONE_YEAR and same_start:
            frame = Frame(origin, None, frame.evidence, f"story year {min_year}: every full date written falls in it",
                          min_year=min_year, calendar_year=min_year)
    return frame


# ---------------------------------------------------------------- cues -> constraints

_ATTACH_AFTER = re.compile(r"^\s*(?:'s\s+)?(?:[A-Za-z0-9][\w.-]*\s+){0,3}?([a-z]+)\b")
_ATTACH_BEFORE = re.compile(r"\b([a-z]+)\s+(?:(?:that|which)\s+)?(?:(?:struck|hit|happened|occurred|began|started|erupted|took place)\s+)?"
                            r"(?:on|of|this|last|from)\s+$")


_VERB_OF_ORIGIN = r"(?:began|started|struck|hit|erupted|happened|occurred|sank|broke out|exploded|hit)"
_AGO_SUBJECT = re.compile(r"\b([a-z]+)\s+(?:(?:that|which)\s+)?(?:" + _VERB_OF_ORIGIN + r"\s+)?(?:(?:about|nearly|almost|more than|over|some|around|just over|less than)\s+)?$")
_ORIGIN_BEFORE = re.compile(r"\b([a-z]+)\s+(?:(?:that|which)\s+)?" + _VERB_OF_ORIGIN + r"\s+(?:on|last)\s+$")


def origin_attached(text: str, cue: Cue) -> bool:
    """A weekday or deictic naming the day of the story's origin event, in the strict forms
    "Tuesday 's earthquake", "last week 's disaster", "the quake that struck on Tuesday"."""
    forms = event_words()
    after = text[cue.end:min(cue.end + 40, cue.sentence[1])]
    m = re.match(r"^\s*'s\s+(?:[A-Za-z0-9][\w.-]*\s+){0,3}?([a-z]+)\b", after)
    if m and forms.get(m.group(1)) in origin_events():
        return True
    before = text[max(cue.sentence[0], cue.start - 50):cue.start]
    m = _ORIGIN_BEFORE.search(before)
    return bool(m and forms.get(m.group(1)) in origin_events())


def origin_dated(text: str, cue: Cue) -> bool:
    """A date naming the day of the origin event in the strict forms "the April 20 explosion",
    "the explosion on April 20", "the rig exploded on April 20"."""
    forms = event_words()
    after = text[cue.end:min(cue.end + 30, cue.sentence[1])]
    m = re.match(r"^\s*(?:'s\s+)?(?:[a-z-]+\s+)?([a-z]+)\b", after)
    instant = origin_events() - onset_events()
    if m and forms.get(m.group(1)) in instant and re.search(r"\b(?:the|an?|'s)\s*$", text[max(0, cue.start - 6):cue.start]):
        return True
    before = text[max(cue.sentence[0], cue.start - 50):cue.start]
    m = re.search(r"\b([a-z]+)\s+(?:(?:that|which)\s+)?(" + _VERB_OF_ORIGIN + r"\s+)?on\s+$", before)
    if not m or forms.get(m.group(1)) not in origin_events():
        return False
    return bool(m.group(2)) or forms[m.group(1)] in instant  # "the spill on June 15" is not its start


def attached_event(text: str, cue: Cue) -> str:
    """The event word a date is attached to in the syntax of news prose:
    "Saturday 's concert", "the April 20 explosion", "the vote on Friday", "met on Friday"."""
    forms = event_words()
    after = text[cue.end:min(cue.end + 40, cue.sentence[1])]
    m = _ATTACH_AFTER.match(after)
    if m and m.group(1) in forms:
        return forms[m.group(1)]
    before = text[max(cue.sentence[0], cue.start - 40):cue.start]
    m = _ATTACH_BEFORE.search(before)
    if m and m.group(1) in forms:
        return forms[m.group(1)]
    if cue.kind == "elapsed":
        if cue.rule == "elapsed.ago":  # "since the crisis began 58 days ago", "the rig exploded six weeks ago"
            m = _AGO_SUBJECT.search(before)
            if m and forms.get(m.group(1)) in origin_events():
                return forms[m.group(1)]
            return ""
        words = re.findall(r"[a-z]+", (cue.text + " " + text[cue.end:cue.end + 50]).lower())[:8]
        for w in words:  # "40 days since the explosion", "Day 57 of the oil spill"
            if w in forms and forms[w] in origin_events():
                return forms[w]
    return ""


class _Builder:
    def __init__(self, frame: Frame | None):
        self.frame = frame
        self.constraints: list[stn.Constraint] = []
        self.weekdays: dict[str, tuple[int, Doc, Cue]] = {}  # event node -> its weekday, a cue naming it
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


def _stamp_constraints(b: _Builder, doc: Doc, a: str) -> tuple[int, int]:
    """The article's own date line under its title (``temporal.stamp``: "March 06, 2008";
    "Published: Tuesday, 4 March 2008 10:32 GMT") fixes its day: an equal bound, rule
    ``date.dateline``. Returns the line's offsets ((0, 0) without one)."""
    stamp = text_stamp(doc.text)
    if stamp is None:
        return 0, 0
    lo, hi = line_span(doc.text, stamp.start, stamp.end)
    ev = DateBound(article_id=doc.id, kind="equal", date=stamp.day, start=stamp.start, end=stamp.end,
                   text=doc.text[lo:hi].strip()[:400], rule="date.dateline", confidence=0.9)
    day = dt.date.fromisoformat(stamp.day).toordinal()
    b.lower(a, day, 0.9, ev)
    b.upper(a, day, 0.9, ev)
    return lo, hi


def _calendar_constraints(b: _Builder, doc: Doc, cue: Cue, a: str, yearless_ok: bool):
    """Dates in the text: past (or unmarked) -> the article is no earlier; future -> no later."""
    if cue.tense == "modal":
        return
    past = cue.tense in ("past", "")
    if not past and not future_before(doc.text, cue.sentence, cue.start):
        return  # a future marker after the date, or far from it: no upper bound
    conf = 0.9 if cue.tense == "past" else (0.75 if cue.tense == "future" else 0.8)
    if cue.tense == "" and cue.kind in ("date", "month") and not _dated_use(cue, full=True):
        return  # "a new court date of 22 March 2011": an unmarked date bounds only in "on/since/in ..."
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
    elif cue.kind == "monthday" and b.frame and yearless_ok and _dated_use(cue):
        if cue.tense == "":  # a yearless date with no tense ("a runoff on June 22") bounds nothing
            return
        if past and not future_before(doc.text, cue.sentence, cue.start, 100, "past"):
            return  # a yearless date is read as past only after a past verb
        lo, hi = b.frame.offset(cue.month, cue.day)
        label = f"--{cue.month:02d}-{cue.day:02d}"
        c = conf - 0.05
        if past:
            b.lower(a, lo, c, _bound(doc, cue, "lower", label, c, rule=cue.rule + ".frame"), ref=F)
        else:
            b.upper(a, hi, c, _bound(doc, cue, "upper", label, c, rule=cue.rule + ".frame"), ref=F)


def relative_range(text: str, cue: Cue) -> tuple[int, int] | None:
    """Days from the article's date to the day a cue names, when it names one relative to
    the article: a bare weekday (within the week before or after, by tense), yesterday /
    today / tomorrow, "N units ago"."""
    if cue.kind == "weekday":
        if cue.text.endswith("'s"):  # "Saturday 's show": before or after, the text rarely says
            return -WEEK, WEEK
        pre = text[max(0, cue.start - 8):cue.start].lower()
        if re.search(r"\blast\s+$", pre):
            return -2 * WEEK, -1
        if re.search(r"\bnext\s+$", pre):
            return 1, 2 * WEEK
        # a weekday in a past clause is in the week before the article, wherever the past verb
        # stands ("said on Tuesday", "On Tuesday , the president described"); a future one needs
        # its marker before it ("will meet on Friday"); "on Tuesday" in a clause with no tense
        # marker is news prose reporting the week's events: the week before too
        if cue.tense == "past":
            return -WEEK, 0
        if cue.tense == "future" and future_before(text, cue.sentence, cue.start, 80, ("future", "future_weak")):
            return 0, WEEK
        if cue.tense == "" and cue.before == "on":
            return -WEEK, 0
        return -WEEK, WEEK
    if cue.kind == "deictic" or (cue.kind == "elapsed" and cue.rule == "elapsed.ago"):
        return cue.lo, cue.hi
    return None


def _event_constraints(b: _Builder, doc: Doc, cue: Cue, a: str, yearless_ok: bool):
    """The story's origin event, dated in the text ("the April 20 explosion") or placed
    relative to the article ("Tuesday 's earthquake", "the crisis began 58 days ago", "Day 57
    of the spill"). Planned events are linked through ``_day_links`` instead."""
    lemma = attached_event(doc.text, cue)
    if not lemma or cue.tense == "modal":
        return
    origin = lemma in origin_events()
    if cue.kind in ("weekday", "deictic") and origin and cue.tense not in ("future", "modal") \
            and origin_attached(doc.text, cue):
        rng = relative_range(doc.text, cue)  # "Tuesday 's earthquake", "last week 's disaster"
        if rng is None or rng[1] >= 0 and cue.kind == "deictic":
            return  # "today 's death tally" counts, it does not date the origin
        lo, hi = rng[0] - ORIGIN_SLACK, min(0, rng[1]) + ORIGIN_SLACK
        if cue.kind == "weekday" and cue.tense == "":
            lo = -WEEK - ORIGIN_SLACK  # an origin event is over: the weekday is the last one
        ev = _bound(doc, cue, "event", None, 0.75, event="origin", lo=lo, hi=hi, rule="event.origin." + cue.rule)
        b.add(a, ORIGIN, hi, 0.75, ev)
        b.add(ORIGIN, a, -lo, 0.75, ev)
    elif cue.kind == "elapsed" and origin and cue.tense != "future" and cue.lo > -400:  # not "43 years ago"
        lo, hi = cue.lo - ORIGIN_SLACK, cue.hi + ORIGIN_SLACK
        ev = _bound(doc, cue, "event", None, 0.75, event="origin", lo=lo, hi=hi, rule="event.origin." + cue.rule)
        b.add(a, ORIGIN, hi, 0.75, ev)
        b.add(ORIGIN, a, -lo, 0.75, ev)
    elif cue.kind == "date" and origin and origin_dated(doc.text, cue):
        day = dt.date(cue.year, cue.month, cue.day).toordinal()
        ev = _bound(doc, cue, "event", dt.date.fromordinal(day).isoformat(), 0.75, event="origin",
                    rule="event.origin.dated")
        b.upper(ORIGIN, day + ORIGIN_SLACK, 0.75, ev)
        b.lower(ORIGIN, day - ORIGIN_SLACK, 0.75, ev)
    elif cue.kind == "monthday" and origin and b.frame and yearless_ok and origin_dated(doc.text, cue):
        lo, hi = b.frame.offset(cue.month, cue.day)
        ev = _bound(doc, cue, "event", f"--{cue.month:02d}-{cue.day:02d}", 0.7, event="origin",
                    rule="event.origin.dated.frame")
        b.upper(ORIGIN, hi + ORIGIN_SLACK, 0.7, ev, ref=F)
        b.lower(ORIGIN, lo - ORIGIN_SLACK, 0.7, ev, ref=F)


_PREPS = frozenset({"on", "since", "from", "by", "until", "before", "after", "through", ",", "-lrb-", "("})


_PAST_PREPS = frozenset({"on", "since", "from", "in", "during", ",", "-lrb-", "("})


def _dated_use(cue: Cue, full: bool = False) -> bool:
    """A date written without a year is used only in the prose of a dated clause ("on June 1",
    "Tuesday , June 1"), not as a name ("September 11 was ...") or a list heading; an
    unmarked full date only after a preposition of past time (``full``)."""
    from .lexicon import calendar
    preps = _PAST_PREPS if full else _PREPS
    return cue.before in preps or cue.before in calendar().weekdays


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


def _direction(text: str, cue: Cue) -> int:
    """+1 when a cue names a day not before its article ("later this week", "will meet on
    Friday"), -1 when not after it ("met on Friday"), 0 when the text does not say."""
    rng = relative_range(text, cue)
    if rng is None or cue.tense == "modal":
        return 0
    if rng[0] >= 0 and cue.tense == "future":
        return 1
    if rng[1] <= 0 and cue.tense == "past":
        return -1
    return 0


def _day_links(b: _Builder, docs: list[Doc], cues: dict[str, list[Cue]], ok: dict[str, bool],
               threshold: float, announce: bool = True, shared_sentences: bool = False) -> None:
    """Cues naming the same day in different articles share one node of the network."""
    texts = {d.id: d.text for d in docs}
    by_id = {d.id: d for d in docs}
    weekday_of = b.frame.weekday if b.frame else (lambda c: dt.date(c.year, c.month, c.day).weekday() if c.kind == "date" else None)
    clusters = DayClusters(cues, weekday_of)
    beside: set[tuple[str, int]] = set()
    for d in docs:
        for link in adjacent_links(d.id, d.text, cues[d.id]):
            if clusters.union(link) and cues[d.id][link.a[1]].kind == "weekday":
                beside.add(link.a)  # a weekday with its date need not be within the week
    if shared_sentences:  # the same sentence copied into two articles names the same day in both
        for link in shared_sentence_links(texts, cues, weekday_of):
            clusters.union(link)
    # the more articles, the more likely two different days share words: stricter links
    scale = max(1.0, (len(docs) / 30) ** 0.5)
    for link in similar_links(texts, cues, threshold=min(0.9, threshold * scale), weekday_of=weekday_of,
                              aligned_threshold=min(0.9, ALIGNED_THRESHOLD * scale),
                              strong_threshold=min(0.9, STRONG_THRESHOLD * scale ** 2)):
        clusters.union(link)
    if announce:
        for link in announce_links(texts, cues, lambda d, c: _direction(by_id[d].text, c), planned_events()):
            clusters.union(link)
    for n, (root, members) in enumerate(sorted(clusters.groups().items())):
        node = f"e:day{n}"
        wds = {k[1] for k in clusters.keys.get(root, ()) if k[0] == "wd"}
        if len(wds) == 1 and not any(k[0] == "date" for k in clusters.keys.get(root, ())):
            first = cues[members[0][0]][members[0][1]]
            b.weekdays[node] = (wds.pop(), by_id[members[0][0]], first)
        about = clusters.links[root][0] if clusters.links.get(root) else None
        how = (f"{about.rule}[{about.score:.2f}: {' '.join(about.shared[:5])}]" if about else "link")
        for art, i in members:
            cue, doc = cues[art][i], by_id[art]
            a = _a(art)
            own = next((l for l in clusters.links.get(root, ()) if (art, i) in (l.a, l.b)), about)
            how = f"{own.rule}[{own.score:.2f}: {' '.join(own.shared[:5])}]" if own else "link"
            if cue.kind == "date" and cue.tense != "modal":
                day = dt.date(cue.year, cue.month, cue.day).toordinal()
                ev = _bound(doc, cue, "event", _iso(day), 0.7, event=node[2:], rule=f"{cue.rule}+{how}")
                b.upper(node, day, 0.7, ev)
                b.lower(node, day, 0.7, ev)
            elif cue.kind == "monthday" and b.frame and ok[art] and _dated_use(cue) and cue.tense != "modal":
                lo, hi = b.frame.offset(cue.month, cue.day)
                ev = _bound(doc, cue, "event", f"--{cue.month:02d}-{cue.day:02d}", 0.7, event=node[2:],
                            rule=f"{cue.rule}.frame+{how}")
                b.upper(node, hi, 0.7, ev, ref=F)
                b.lower(node, lo, 0.7, ev, ref=F)
            elif (art, i) not in beside:
                rng = relative_range(doc.text, cue)
                if rng is None:
                    continue
                lo, hi = rng
                if doc.published and cue.kind == "weekday":  # a dated article names the very day
                    x = doc.published.toordinal()
                    days = [d for d in range(x + lo, x + hi + 1) if dt.date.fromordinal(d).weekday() == cue.weekday]
                    if days:
                        ev = _bound(doc, cue, "event", _iso(days[0]) if len(days) == 1 else None, 0.9,
                                    event=node[2:], lo=days[0] - x, hi=days[-1] - x, rule=f"{cue.rule}.dated_article+{how}")
                        b.lower(node, days[0], 0.9, ev)
                        b.upper(node, days[-1], 0.9, ev)
                        continue
                ev = _bound(doc, cue, "event", None, 0.7, event=node[2:], lo=lo, hi=hi, rule=f"{cue.rule}+{how}")
                b.add(a, node, hi, 0.7, ev)   # x_e - x_a <= hi
                b.add(node, a, -lo, 0.7, ev)  # x_a - x_e <= -lo


def build_constraints(docs: list[Doc], cues: dict[str, list[Cue]], frame: Frame | None,
                      links: list[tuple[str, str, DateBound]] = (), link_threshold: float = 0.3,
                      shared_sentences: bool = False) -> _Builder:
    b = _Builder(frame)
    if frame and frame.year is not None:
        origin = dt.date(frame.year, frame.origin, 1).toordinal()
        conf = 1.0 if frame.evidence and frame.evidence[0].rule == "frame.anchor" else 0.6
        ev = frame.evidence[0] if frame.evidence else DateBound("", "frame", None, rule="frame")
        b.add(Z, F, origin, conf, ev)
        b.add(F, Z, -origin, conf, ev)
    elif frame and frame.calendar_year is not None:
        origin = dt.date(frame.calendar_year, frame.origin, 1).toordinal()
        b.add(Z, F, origin, 0.6, frame.evidence[-1])
        b.add(F, Z, -origin, 0.6, frame.evidence[-1])
    elif frame and frame.min_year is not None:
        b.lower(F, dt.date(frame.min_year, frame.origin, 1).toordinal(), 0.6, frame.evidence[0])
    for doc in docs:
        a = _a(doc.id)
        b.nodes.append(a)
        if doc.published:
            day = doc.published.toordinal()
            ev = DateBound(doc.id, "equal", doc.published.isoformat(), rule="anchor.published", confidence=1.0,
                           text="publication date given")
            b.upper(a, day, 1.0, ev)
            b.lower(a, day, 1.0, ev)
        line = _stamp_constraints(b, doc, a)
        ok = _yearless_ok(frame, cues[doc.id])
        for cue in cues[doc.id]:
            if line[0] <= cue.start < line[1]:
                continue  # the date line is read once, above
            _calendar_constraints(b, doc, cue, a, ok)
            _event_constraints(b, doc, cue, a, ok)
    if link_threshold < 1:
        _day_links(b, docs, cues, {d.id: _yearless_ok(frame, cues[d.id]) for d in docs}, link_threshold,
                   shared_sentences=shared_sentences)
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


def snap_weekdays(b: _Builder, sol: stn.Solution, span: int = 2 * WEEK) -> int:
    """An event node known to fall on one weekday ("Monday", linked across articles) whose
    calendar range, solved from everything else, holds that weekday once: the event is that
    day. Adds the equality to ``b``; returns how many events were snapped."""
    snapped = 0
    for node, (wd, doc, cue) in b.weekdays.items():
        if node not in sol.where:
            continue
        lo, hi = -sol.bound(node, Z), sol.bound(Z, node)
        if lo == -stn.INF or hi == stn.INF or hi - lo >= span:
            continue
        days = [d for d in range(int(lo), int(hi) + 1) if dt.date.fromordinal(d).weekday() == wd]
        if len(days) != 1:
            continue
        ev = _bound(doc, cue, "event", _iso(days[0]), 0.7, event=node[2:],
                    rule=f"{cue.rule}.weekday_in_range[{_iso(lo)}..{_iso(hi)}]")
        b.upper(node, days[0], 0.7, ev)
        b.lower(node, days[0], 0.7, ev)
        snapped += 1
    return snapped


def solve_docs(docs: list[Doc], cues: dict[str, list[Cue]] | None = None,
               links: list[tuple[str, str, DateBound]] = (), use_frame: bool = True,
               link_threshold: float = 0.3, snap: bool = True, shared_sentences: bool = False,
               lede_reuse: bool = True) -> Chronology:
    parts = {d.id: story_parts(d.text, d.sentences) for d in docs} if cues is None or lede_reuse else {}
    cues = cues if cues is not None else {d.id: read_cues(d.id, d.text, parts=parts[d.id]) for d in docs}
    frame = choose_frame(docs, cues) if use_frame else None
    if lede_reuse:  # a lede copied further down another article: that article is no earlier
        links = list(links) + lede_pairs({d.id: d.text for d in docs}, parts=parts)
    b = build_constraints(docs, cues, frame, links, link_threshold, shared_sentences=shared_sentences)
    sol = stn.solve(b.nodes, b.constraints, hubs=(Z, F))
    if snap and snap_weekdays(b, sol):
        sol = stn.solve(b.nodes, b.constraints, hubs=(Z, F))
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
    for ax, ay in sol.ordered([_a(i) for i in ids]):  # x <= y and not y <= x
        x, y = ax[2:], ay[2:]
        pairs.append(OrderPair(x, y, _evidence(sol, ay, ax), strict=sol.bound(ay, ax) < 0))
        before[y].add(x)
    ranks = _ranks(ids, before)
    pair_ev = {(p.before, p.after): p.evidence for p in pairs}
    direct = {y: sorted(x for x in before[y] if not any(x in before.get(z, ()) for z in before[y] if z != x))
              for y in list(before)}
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
            consistent=not notes_by_article.get(d.id), notes=tuple(notes_by_article.get(d.id, ())),
            follows=tuple(direct.get(d.id, ())),
            order_evidence=tuple(dict.fromkeys(e for x in direct.get(d.id, ()) for e in pair_ev[(x, d.id)]))))
    return Chronology(intervals, pairs, sol.conflicts, frame.note if frame else "")


def infer_texts(items, use_frame: bool = True, link_threshold: float = 0.3, pairorder: bool = False,
                shared_sentences: bool = False, links: list[tuple[str, str, DateBound]] = (),
                lede_reuse: bool = True) -> Chronology:
    """Text-only path: ``items`` are (id, text, date or None). With ``pairorder``, the
    learned pairwise order (``pairorder.py``) adds the pairs it is confident of;
    ``lede_reuse`` orders an article whose lede another copies further down before it and
    ``shared_sentences`` links the day cues of sentences two articles share (``reuse.py``);
    ``links`` are extra (before, after, evidence) constraints, x[before] <= x[after]."""
    docs = [Doc(str(i), t, _parse_date(d)) for i, t, d in items]
    chron = solve_docs(docs, links=links, use_frame=use_frame, link_threshold=link_threshold,
                       shared_sentences=shared_sentences, lede_reuse=lede_reuse)
    return with_model_pairs(chron, docs) if pairorder else chron


def with_model_pairs(chron: Chronology, docs: list[Doc]) -> Chronology:
    """``chron`` with the pairs of the learned pairwise order added (confident, not proven:
    ``strict`` False, rule ``pairorder[...]`` in the evidence), without cycles; each
    article's ``follows``, ``order_evidence`` and ``rank`` then count them too."""
    from . import pairorder
    extra = pairorder.model_pairs([(d.id, d.text) for d in docs], [(p.before, p.after) for p in chron.pairs],
                                  skip={d.id for d in docs if d.published is not None})
    if not extra:
        return chron
    pairs = list(chron.pairs) + [OrderPair(m.before, m.after, m.evidence) for m in extra]
    before: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        before[p.after].add(p.before)
    ranks = _ranks([d.id for d in docs], before)
    pair_ev = {(p.before, p.after): p.evidence for p in pairs}
    intervals = []
    for iv in chron.intervals:
        preds = before.get(iv.article_id, set())
        direct = sorted(x for x in preds if not any(x in before.get(z, ()) for z in preds if z != x))
        intervals.append(replace(iv, rank=ranks.get(iv.article_id), follows=tuple(direct),
                                 order_evidence=tuple(dict.fromkeys(e for x in direct for e in pair_ev[(x, iv.article_id)]))))
    return Chronology(intervals, pairs, chron.conflicts, chron.frame)


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
    texts = {an.article.id: an.article.text for an in analyses}
    sents = {an.article.id: an.sentences for an in analyses}

    cache: dict[tuple[str, int, int], frozenset[str]] = {}

    def words(m) -> frozenset[str]:
        key = (m.article_id, m.start, m.end)
        if key not in cache:
            cache[key] = _words(m)
        return cache[key]

    def _words(m) -> frozenset[str]:
        ss = sents.get(m.article_id) or ()
        span = next(((x.start, x.end) for x in ss if x.start <= m.start < x.end), (max(0, m.start - 150), m.end + 150))
        return content_words(texts[m.article_id][span[0]:span[1]]) - {m.lemma, m.trigger.lower()}

    unannounced = unannounced_types()
    for eid, mentions in by_event.items():
        # a quake or a death "to come" is a forecast, not an announcement
        planned = [m for m in mentions if m.modality == "planned" and m.type not in unannounced]
        happened = [m for m in mentions if m.modality in ("happened", "ongoing")]
        for p in planned:
            for h in happened:
                # the cluster is trusted only when the two sentences also share three other words
                if p.article_id != h.article_id and len(words(p) & words(h)) >= 3:
                    links.append((p.article_id, h.article_id, DateBound(
                        p.article_id, "before_article", None, other_article=h.article_id, start=p.start,
                        end=p.end, text=p.trigger, rule="event.coref.planned_then_happened",
                        confidence=min(p.confidence, h.confidence, 0.6), event=eid)))
    return links


def infer_intervals(analyses, corpus, pairorder: bool = False) -> list[DateInterval]:
    """The cross-article stage: an interval, rank and evidence for every article (with
    ``pairorder``, also the learned pairwise order's confident pairs)."""
    return infer_chronology(analyses, corpus, pairorder).intervals


def infer_chronology(analyses, corpus, pairorder: bool = False) -> Chronology:
    """``infer_intervals`` with the ordered pairs and conflicts kept: the build's chronology
    from per-article records and the events layer's clusters (``corpus.event_ids``)."""
    analyses = list(analyses)
    if not analyses:
        return Chronology([], [], [], "")
    docs = [Doc(an.article.id, an.article.text,
                None if getattr(an.article, "date_is_default", False) else _parse_date(an.article.published),
                tuple((s.start, s.end) for s in an.sentences)) for an in analyses]
    if all(d.published is not None for d in docs):
        return Chronology(_all_dated(docs), [], [], "")
    chron = solve_docs(docs, links=_event_links(analyses, corpus))
    return with_model_pairs(chron, docs) if pairorder else chron


def _all_dated(docs) -> list[DateInterval]:
    """Every article has its date: nothing to infer. Each interval is its date, ranked by
    date (ties share a rank); skipping the network keeps large dated corpora linear."""
    days = sorted({d.published for d in docs})
    rank = {day: i + 1 for i, day in enumerate(days)}
    return [DateInterval(article_id=d.id, earliest=d.published.isoformat(), latest=d.published.isoformat(),
                         rank=rank[d.published], inferred=False) for d in docs]
