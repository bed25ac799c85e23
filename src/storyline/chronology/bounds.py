"""What one article's text says about its own date: time cues with their tense.

``read_cues(article_id, text)`` finds calendar dates (full, month-year, year, month-day
without a year), weekdays, deictic words (yesterday, next week), and elapsed-time phrases
("six weeks ago", "in the 40 days since the explosion"), each with the tense of its clause
(future / past / modal / "" when unmarked) and, where one is near, the event word it
dates ("Saturday's concert"). Text that is not part of the story (reader comments, "related
stories", user posts; ``data/boilerplate.tsv``) is skipped.

Works on raw text (PTB-tokenized or not); the only linguistics is the tense markers of
``data/tense.tsv``, nearest marker wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import boilerplate, boilerplate_keys, calendar, event_words, tense_markers

RULES_VERSION = "chronology.cues.v1"


@dataclass(frozen=True)
class Cue:
    """One time expression in an article, read for what it says about the article's date."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str  # date | month | year | monthday | weekday | deictic | elapsed
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    lo: int = 0  # deictic/elapsed: offset range in days of the referent from the article date
    hi: int = 0
    tense: str = ""  # future | past | modal | ""
    event: str = ""  # event lemma dated by the cue ("" if none)
    sentence: tuple[int, int] = (0, 0)
    rule: str = ""
    before: str = ""  # the word just before the cue, lower case ("on", "since", "friday", ",")


@dataclass(frozen=True)
class _Patterns:
    full_mdy: re.Pattern
    full_dmy: re.Pattern
    month_year: re.Pattern
    monthday_md: re.Pattern
    monthday_dm: re.Pattern
    year: re.Pattern
    weekday: re.Pattern
    deictic: re.Pattern
    ago: re.Pattern
    since: re.Pattern
    dayof: re.Pattern


DEICTIC = {  # phrase -> (lo, hi) days from the article date
    "yesterday": (-1, -1), "today": (0, 0), "tonight": (0, 0), "tomorrow": (1, 1),
    "last night": (-1, 0), "this morning": (0, 0), "this afternoon": (0, 0),
    "this evening": (0, 0), "earlier today": (0, 0), "later today": (0, 0),
    "last week": (-13, -1), "next week": (1, 13), "this week": (-6, 6),
    "later this week": (0, 6), "earlier this week": (-6, 0),
}


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    cal = calendar()
    names = sorted(cal.months, key=len, reverse=True)
    mon = "(?P<mon>" + "|".join(n.capitalize() for n in names) + r")\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    yr = r"(?P<year>1[89]\d\d|20\d\d)"
    wd = "(?P<wd>" + "|".join(n.capitalize() for n in cal.weekdays) + ")"
    num_words = "|".join(sorted((re.escape(n) for n in cal.numbers), key=len, reverse=True))
    num = rf"(?P<num>\d{{1,3}}|{num_words})"
    unit = "(?P<unit>" + "|".join(cal.units) + ")s?"
    return _Patterns(
        full_mdy=re.compile(rf"\b{mon}\s+{day}\s*,?\s*{yr}\b"),
        full_dmy=re.compile(rf"\b{day}\s+(?:of\s+)?{mon}\s*,?\s*{yr}\b"),
        month_year=re.compile(rf"\b{mon}\s*,?\s*(?:of\s+)?{yr}\b"),
        monthday_md=re.compile(rf"\b{mon}\s+{day}\b(?!\s*,?\s*\d)(?!\s*(?:%|percent|per cent))"),
        monthday_dm=re.compile(rf"(?<![\d,.]\s)(?<![\d.,])\b{day}\s+(?:of\s+)?{mon}(?!\s*,?\s*\d)"),
        year=re.compile(rf"\b(?P<prep>in|since|during|early|late|mid|of|by|until|from)\s+(?:-\s*)?{yr}\b(?!\s*(?:%|percent))"),
        weekday=re.compile(rf"\b{wd}(?:\s*'s\b)?"),
        deictic=re.compile(r"\b(?P<dx>" + "|".join(sorted(DEICTIC, key=len, reverse=True)) + r")\b",
                           re.IGNORECASE),
        ago=re.compile(rf"\b(?P<q>about |nearly |almost |more than |over |some |around |just over |just under |less than )?"
                       rf"{num}\s+{unit}\s+ago\b", re.IGNORECASE),
        since=re.compile(rf"\b(?P<q>about |nearly |almost |more than |over |some |around |just over |less than )?"
                         rf"{num}\s+{unit}\s+since\s+(?:the\s+)?(?P<rest>(?:\S+\s+){{0,4}}?\S+)",
                         re.IGNORECASE),
        dayof=re.compile(rf"\b(?:day\s+(?P<n1>\d{{1,3}})\s+of|(?P<n2>\d{{1,3}})(?:st|nd|rd|th)\s+day\s+of)\b",
                         re.IGNORECASE),
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries on raw text: a full stop, ! or ? followed by space and a capital
    or quote. Good enough for clause-level tense; the pipeline passes its own sentences."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?](?:\s*(?:''|\"|'))?\s+(?=[A-Z`\"'])", text):
        end = m.end()
        if end - start > 1:
            spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def story_mask(text: str, sentences: list[tuple[int, int]], scopes: frozenset | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` that are page material, not story (from ``data/boilerplate.tsv``);
    ``scopes``: only the rows of these scopes (all when None)."""
    out = []
    for scope, start, end in page_matches(text):
        if scopes is not None and scope not in scopes:
            continue
        if scope == "trailer":
            out.append((start, len(text)))
        elif scope == "around":
            out.append((max(0, start - 60), min(len(text), end + 200)))
        elif scope == "caption":  # the sentence before a photo credit, and the credit
            prev = [sp for sp in sentences if sp[1] <= start + 1]
            out.append((prev[-1][0] if prev else max(0, start - 200), min(len(text), end + 60)))
        elif scope == "window":
            out.append((start, min(len(text), end + 200)))
        elif scope == "cut":
            out.append((start, end))
        else:
            for s, e in sentences:
                if s <= start < e:
                    out.append((s, e))
    return out


@lru_cache(maxsize=4096)
def page_matches(text: str) -> tuple[tuple[str, int, int], ...]:
    """(scope, start, end) of every match of a ``boilerplate.tsv`` row in ``text``, row by row.
    Kept for the last texts read: the chronology, the timeline and the briefing of one build
    ask for the same article's page material in turn."""
    folded = text.casefold()
    return tuple((scope, m.start(), m.end()) for (scope, rx), keys in zip(boilerplate(), boilerplate_keys())
                 if not keys or any(k in folded for k in keys) for m in rx.finditer(text))


# A wire dateline ahead of the story text: "DENVER | Mon Apr 12 , 2010 4:05 pm EDT DENVER
# -LRB- Reuters -RRB- - ", "LONDON (AP) -- ": anything up to an agency name in brackets and a dash.
_DATELINE = re.compile(r"^.{0,200}?\b[A-Z0-9][A-Za-z0-9.']*\s*(?:-LRB-|\()\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2}"
                       r"\s*(?:-RRB-|\))\s*(?:-+|—|–)(?:\s+|$)", re.M)


def dateline_end(sentence: str, whole: bool = False) -> int:
    """Length of a leading wire dateline/timestamp in ``sentence`` (0 if none), also when a
    headline line glued to the sentence comes before it ("Ferry strike ends\n\nBERGEN, March 4
    (Nordic Wire) -- ..."). A dateline that is (nearly) the whole sentence counts only with
    ``whole`` (else 0: the caller keeps the sentence as it is)."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", sentence[:200])]
    for start in starts:
        m = _DATELINE.match(sentence, start)
        if m:
            return m.end() if whole or m.end() < len(sentence) - 10 else 0
    return 0


def sentence_datelines(text: str, sentences) -> list[tuple[int, int]]:
    """Spans of the wire datelines opening sentences of ``text`` (spans ``sentences``): a page
    holding several reports has one at the head of each ("BERGEN (Nordic Wire) - ...")."""
    out = []
    for s, e in sentences:
        n = dateline_end(text[s:e])
        if n:
            out.append((s, s + n))
    return out


def page_cuts(text: str) -> list[tuple[int, int]]:
    """Spans of the page's own messages inside story sentences (``boilerplate.tsv`` scope
    ``cut``): text to skip, not sentences to drop."""
    return [(start, end) for scope, start, end in page_matches(text) if scope == "cut"]


def in_spans(pos: int, spans) -> bool:
    """Whether offset ``pos`` falls inside one of ``spans`` ((start, end), end excluded), e.g.
    the page material of ``story_mask``."""
    return any(s <= pos < e for s, e in spans)


def _clause(text: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause around a cue: the sentence cut at ; and at quote boundaries."""
    s, e = sent
    left = text.rfind(";", s, start)
    s = left + 1 if left >= 0 else s
    right = text.find(";", end, e)
    e = right if right >= 0 else e
    return s, e


def future_before(text: str, sent: tuple[int, int], start: int, reach: int = 60, label="future") -> bool:
    """A future marker shortly before the cue in its clause, with no past marker between
    ("will meet on June 5"; not "the promise made on May 18 that he will ..."); with
    ``label="past"`` the same for a past marker ("BP cut the pipe on 1 June")."""
    cs, _ = _clause(text, sent, start, start)
    s = max(cs, start - reach)
    last = ""
    hits = []
    for mk in tense_markers():
        for m in mk.pattern.finditer(text, s, start):
            hits.append((m.end(), mk.label))
    for end, lab in sorted(hits):
        if lab == "report":
            if start - end > 12:
                continue
            lab = "past"
        last = lab
    return last in ((label,) if isinstance(label, str) else tuple(label))


def tense_of(text: str, sent: tuple[int, int], start: int, end: int) -> str:
    """Tense of the clause around [start, end): the nearest marker of data/tense.tsv."""
    cs, ce = _clause(text, sent, start, end)
    best, best_d, rank = "", 10 ** 9, {"modal": 0, "future": 1, "past": 2}
    for mk in tense_markers():
        for m in mk.pattern.finditer(text, cs, ce):
            if m.start() < end and m.end() > start and mk.label == "past":
                continue  # a cue is not its own past marker ("May")
            if m.start() < end and m.end() > start:
                d = 0
            elif m.start() >= end:  # markers after the date govern it less often than before
                d = 3 * (m.start() - end)
            else:
                d = start - m.end()
            label = "future" if mk.label == "future_weak" else mk.label
            if label == "report":  # "said on Tuesday" dates the saying; "said ... will" does not
                if d > 12:
                    continue
                label = "past"
            if d < best_d or (d == best_d and rank[label] < rank.get(best, 3)):
                best, best_d = label, d
    return best


_WORD = re.compile(r"[a-z]+")


def event_near(text: str, sent: tuple[int, int], start: int, end: int, window: int = 40) -> str:
    """The event word closest to a cue within ``window`` characters in its sentence."""
    forms = event_words()
    s, e = max(sent[0], start - window), min(sent[1], end + window)
    best, best_d = "", 10 ** 9
    for m in _WORD.finditer(text, s, e):
        lemma = forms.get(m.group())
        if not lemma or (m.start() < end and m.end() > start):
            continue
        d = min(abs(m.start() - end), abs(start - m.end()))
        if d < best_d:
            best, best_d = lemma, d
    return best


def _valid(y: int | None, m: int, d: int | None) -> bool:
    import datetime as _dt
    try:
        _dt.date(y or 2000, m, d or 1)
    except ValueError:
        return False
    return True


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return calendar().numbers.get(w)


_QUAL_SLACK = {"": 0.0, "about ": 0.15, "nearly ": 0.15, "almost ": 0.15, "around ": 0.15, "some ": 0.15,
               "more than ": 0.5, "over ": 0.5, "just over ": 0.2, "just under ": 0.2, "less than ": 0.5}


def elapsed_range(n: int, unit_days: int, qual: str) -> tuple[int, int]:
    """The range in days an elapsed phrase allows ("six weeks" -> 39..45; "more than 2 weeks" ->
    14..21): rounding of the unit plus the qualifier's slack."""
    base = n * unit_days
    round_slack = 0 if unit_days == 1 else (3 if unit_days == 7 else (unit_days // 2 if unit_days < 365 else 183))
    q = qual.lower()
    extra = int(round(base * _QUAL_SLACK.get(q, 0.5)))
    if q in ("more than ", "over ", "just over "):
        return base, base + round_slack + extra
    if q in ("less than ", "just under "):
        return max(0, base - round_slack - extra), base
    lo = max(0, base - round_slack - extra)
    hi = base + round_slack + extra
    if unit_days == 1 and not q:
        hi += 1  # "40 days" counted inclusively or not
    return lo, hi


def story_parts(text: str, sentences=None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The sentence spans of ``text`` (``sentences`` when given) and the spans of page
    material among them (``story_mask``): what ``read_cues`` and ``reuse.lede_pairs`` read."""
    sents = list(sentences) if sentences else sentence_spans(text)
    return sents, story_mask(text, sents)


def read_cues(article_id: str, text: str, sentences: list[tuple[int, int]] | None = None,
              parts: tuple[list, list] | None = None) -> list[Cue]:
    """All time cues of one article, outside page material, with tense and dated event
    (``parts``: ``story_parts(text, sentences)`` when already computed)."""
    p = _patterns()
    cal = calendar()
    sents, masked = parts or story_parts(text, sentences)
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []

    def sent_of(pos: int) -> tuple[int, int]:
        for s, e in sents:
            if s <= pos < e:
                return s, e
        return 0, len(text)

    def add(m, kind, rule, **kw):
        s, e = m.span()
        if in_spans(s, masked) or any(s < te and e > ts for ts, te in taken):
            return
        sent = sent_of(s)
        taken.append((s, e))
        prev = re.search(r"(\S+)\s*$", text[max(0, s - 30):s])
        cues.append(Cue(article_id, s, e, text[s:e], kind, tense=tense_of(text, sent, s, e),
                        event=event_near(text, sent, s, e), sentence=sent, rule=rule,
                        before=prev.group(1).lower() if prev else "", **kw))

    for rx, rule in ((p.full_mdy, "date.mdy"), (p.full_dmy, "date.dmy")):
        for m in rx.finditer(text):
            mo, d, y = cal.months[m.group("mon").lower()], int(m.group("day")), int(m.group("year"))
            if _valid(y, mo, d):
                add(m, "date", rule, year=y, month=mo, day=d)
    for m in p.month_year.finditer(text):
        add(m, "month", "date.month_year", year=int(m.group("year")), month=cal.months[m.group("mon").lower()])
    for rx, rule in ((p.monthday_md, "date.md"), (p.monthday_dm, "date.dm")):
        for m in rx.finditer(text):
            mo, d = cal.months[m.group("mon").lower()], int(m.group("day"))
            if re.match(r"\s*,?\s*(?:last|next|the previous|the following) year\b", text[m.end():m.end() + 30]):
                continue  # "on 25 June last year": not in the story's year
            if _valid(None, mo, d) and d >= 1:
                add(m, "monthday", rule, month=mo, day=d)
    for m in p.year.finditer(text):
        add(m, "year", "date.year." + m.group("prep").lower(), year=int(m.group("year")))
    for m in p.ago.finditer(text):
        n = _number(m.group("num"))
        if n:
            lo, hi = elapsed_range(n, cal.units[m.group("unit").lower()], m.group("q") or "")
            add(m, "elapsed", "elapsed.ago", lo=-hi, hi=-lo)
    for m in p.since.finditer(text):
        n = _number(m.group("num"))
        if n:
            lo, hi = elapsed_range(n, cal.units[m.group("unit").lower()], m.group("q") or "")
            add(m, "elapsed", "elapsed.since", lo=-hi, hi=-lo)
    for m in p.dayof.finditer(text):
        n = int(m.group("n1") or m.group("n2"))
        if n >= 1:
            add(m, "elapsed", "elapsed.day_of", lo=-(n - 1) - 1, hi=-(n - 1) + 1)
    for m in p.deictic.finditer(text):
        lo, hi = DEICTIC[m.group("dx").lower()]
        add(m, "deictic", "deictic." + m.group("dx").lower().replace(" ", "_"), lo=lo, hi=hi)
    for m in p.weekday.finditer(text):
        add(m, "weekday", "weekday", weekday=cal.weekdays[m.group("wd").lower()])
    cues.sort(key=lambda c: c.start)
    return cues
