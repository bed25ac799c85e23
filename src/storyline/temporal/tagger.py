"""Time expressions: tagging (rules) and normalization (against the article date).

Public functions:

* ``tag(doc, article) -> list[Timex]`` — the per-article stage (doc is the
  spaCy Doc of ``article.text``; the DCT is ``article.published``);
* ``tag_text(text, dct, article_id="", nlp=None)`` — the same on raw text;
* ``resolve_value(underspecified, reference, tense)`` — re-exported from
  :mod:`.values` for the chronology stage.

Pass one (:func:`.rules.match_rules`) finds expressions and writes
underspecified values; pass two walks them in text order and resolves each
against the DCT (deictic forms) or the date in focus (anaphoric forms), using
the tense of the governing clause for bare weekdays and months. The machine's
clock is never consulted; without a DCT, values stay underspecified, unless the
text carries its own date line (:mod:`.stamp`): then they are resolved against it
(anchor ``stamp``).
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from datetime import timedelta

from ..records import Article, Timex
from .rules import Candidate, match_rules
from .stamp import find_stamp
from .tense import (PRESENT, doc_tense, governing_verb, in_passive_agent, names_a_thing, orient, present_perfect,
                    text_tense)
from .values import UNITS, granularity, parse_reference, period_end, resolve_value, value_date

NOMINAL_TENSE_RATIO = 2  # see _nearer_untensed

__all__ = ["tag", "tag_text", "resolve_value", "SOURCE"]

SOURCE = "storyline.temporal.rules.v1"
DEFAULT_DATE_FACTOR = 0.6  # confidence factor for values resolved against a --date-default date
STAMP_DATE_FACTOR = 0.9  # ... and against the date line of an article with no publication date
_FUZZY = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])|\n\s*\n")


_PREFIX = re.compile(r"^(PREV|NEXT|THIS|WEEKOF|RPREV|RNEXT|OFF[+-]\d+D):")


def _kind(u: str) -> str:
    """How an underspecified value depends on context: abs | dct | ref | tense | fuzzy."""
    core, directed = u, False
    while (m := _PREFIX.match(core)):
        directed = directed or not m.group(1).startswith("OFF")
        core = core[m.end():]
    if core.startswith("DCT") or re.match(r"^\d{4}~Q$", core):
        return "dct"
    if core.startswith("REF"):
        return "ref"
    if core.startswith("XXXX"):
        return "dct" if directed else "tense"
    if core in _FUZZY:
        return "fuzzy"
    return "abs"


def _confidence(kind: str, type_: str) -> float:
    if type_ in ("DURATION", "SET"):
        return 0.8
    return {"abs": 0.9, "dct": 0.85, "tense": 0.7, "ref": 0.6, "fuzzy": 0.7}[kind]


def _focus_value(value: str) -> str:
    head = value.split("T", 1)[0] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value
    return head if granularity(head) else ""


_OFFSET_UNIT = re.compile(r"^(?:DCT|REF)[+-](?:\d+|X)([CEYHQMWD])")


_SAME_UNIT = re.compile(r"^REF[+-][01]([MWD])(?=T[A-Z]{2}$|$)")  # a clock time keeps its day


def _within_coarse_focus(foci: list[str], u: str) -> str:
    """ "that same day", "the following morning" when the latest date mentioned is a month
    ("last October ... that same day", "the convention in July ... the following morning"): an
    unknown day of that month (``1998-10-XX``), not a day counted from an older day mentioned
    before it, nor from the article's date."""
    m = _SAME_UNIT.match(u)
    if not m or not foci:
        return ""
    latest = foci[-1]
    g = granularity(latest)
    if g not in ("M", "Y") or UNITS.index(g) >= UNITS.index(m.group(1)):
        return ""
    year = latest[:4]
    if m.group(1) == "W":
        return f"{year}-WXX"
    if m.group(1) == "M":
        return f"{year}-XX"
    return f"{latest}-XX" if g == "M" else f"{year}-XX-XX"


def _completed(foci: list[str], ref) -> list[str]:
    """The foci that ended on or before the article date: "the year-ago period" compares with a
    period already reported, so a quarter still ahead ("the third quarter of 1990") is not its model."""
    if ref is None:
        return foci
    return [f for f in foci if (e := period_end(f)) is not None and e <= ref]


_SAME_PERIOD = re.compile(r"^REF\+0[YQMWD](?::[A-Z0-9]+)?$")
_DEMONSTRATIVE = re.compile(r"\b(?:that|the same|those)\b", re.IGNORECASE)


def _current_period(text: str, c: Candidate, u: str) -> bool:
    """A definite "the year", "the day" naming the period it lies in, not one mentioned before
    ("that day", "the same week" need an antecedent)."""
    return bool(_SAME_PERIOD.match(u)) and not _DEMONSTRATIVE.search(text[max(0, c.start - 12):c.end])


def _pick_focus(foci: list[str], u: str) -> str:
    """The latest focus date at least as fine as the offset unit of ``u`` (else the latest)."""
    if not foci:
        return ""
    m = _OFFSET_UNIT.match(u)
    if m:
        want = UNITS.index(m.group(1))
        for f in reversed(foci):
            if UNITS.index(granularity(f)) >= want:
                return f
    return foci[-1]


_IN_BEFORE = re.compile(r"(?:^|\W)in\s+$", re.IGNORECASE)
_DUR_VALUE = re.compile(r"^P(\d+)([YMWD])$")


def _point(text: str, c: Candidate, value: str, ref, tense: str) -> str:
    """The calendar period "in two weeks" reaches, when the clause is about the future."""
    if c.rule.type != "DURATION" or tense != "future" or not _IN_BEFORE.search(text[max(0, c.start - 6):c.start]):
        return ""
    m = _DUR_VALUE.match(value)
    if not m:
        return ""
    return resolve_value(f"DCT+{m.group(1)}{m.group(2)}", ref, "")


def _sentence_starts(doc=None, text: str = "") -> list[int]:
    if doc is not None:
        try:
            return [s.start_char for s in doc.sents]
        except ValueError:
            pass
    return [0] + [m.end() for m in _SENT_END.finditer(text)]


def _nearer_untensed(u: str, value: str, ref, tense: str) -> str:
    """For a date that names a thing ("the Nov. 8 election"), the clause's tense is weak
    evidence: the occurrence nearest the reference wins when the one the tense points to is
    more than NOMINAL_TENSE_RATIO times as far ("said ... the Nov. 8 election", written in July,
    is the coming one; "since the Oct. 23 slaying", written in May, stays last year's)."""
    near = resolve_value(u, ref, PRESENT)
    a, b = _day_of(value), _day_of(near)
    if ref is None or a is None or b is None or a == b:
        return value
    return near if abs((a - ref).days) > NOMINAL_TENSE_RATIO * abs((b - ref).days) else value


def _day_of(value: str):
    """A representative day of a resolved date value: a month counts from its middle, as
    ``values._year_for_day`` measures it."""
    d = value_date(value)
    return d + timedelta(days=14) if d is not None and granularity(value) == "M" else d


def resolve_candidates(text: str, cands: list[Candidate], dct: str | None, article_id: str,
                       tenses: list[str], sent_starts: list[int],
                       nominal: list[bool] | None = None) -> list[Timex]:
    """Pass two: values from underspecified forms, in text order. ``nominal[i]``: candidate i
    is a date modifying a noun ("the Nov. 8 election")."""
    ref = parse_reference(dct)
    foci: list[str] = []  # resolved dates in text order: the date in focus is the latest fine enough
    out: list[Timex] = []
    seen: dict[str, str] = {}  # bare month / weekday form -> its value when the clause had a tense
    for i, (c, tense) in enumerate(zip(cands, tenses)):
        u = c.underspecified
        kind = _kind(u)
        repeated = seen.get(u, "") if kind == "tense" and not tense else ""
        focus = _pick_focus(_completed(foci, ref) if kind == "dct" and "~" in u else foci, u) \
            if kind in ("ref", "dct") else ""
        used_focus = (kind == "ref" and bool(focus)) or (
            u.startswith(("RPREV:", "RNEXT:")) and granularity(focus) == "D")
        coarse = _within_coarse_focus(foci, u) if kind == "ref" else ""
        current = False
        if c.rule.type == "SET" or (c.rule.type == "DURATION" and kind == "abs"):
            value = u
        elif repeated:
            # "expected to join in April ... the summit in April": a month named again in a clause
            # without tense is the one the earlier clause placed
            value = repeated
        elif coarse:
            value, used_focus = coarse + u[len("REF+0D"):], True
        elif kind == "ref" and not focus and _current_period(text, c, u):
            # "for the year", "later in the day" with no date mentioned before: the article's own
            value, current = resolve_value("DCT" + u[3:], ref, tense), ref is not None
        elif kind == "ref" and not focus:
            # "four days later" with no date mentioned before: later than what is unknown
            value = resolve_value(u, None, tense)
        else:
            value = resolve_value(u, ref, tense, focus)
            if kind == "tense" and tense != PRESENT and nominal and nominal[i]:
                value = _nearer_untensed(u, value, ref, tense)
        if kind == "abs":
            anchor = "none"
        elif current:
            anchor = "dct"
        elif used_focus:
            anchor = "focus"
        elif kind == "ref":
            anchor = "none"
        elif kind == "fuzzy":
            anchor = "none"
        else:
            anchor = "dct" if ref is not None else "none"
        if kind == "tense" and tense and c.rule.type in ("DATE", "TIME"):
            seen[u] = value
        if c.rule.type in ("DATE", "TIME") and kind != "ref" and "~" not in u:
            f = _focus_value(value)
            if f:
                foci.append(f)
        point = _point(text, c, value, ref, tense)
        sentence = bisect.bisect_right(sent_starts, c.start) - 1
        out.append(Timex(
            article_id=article_id, start=c.start, end=c.end, text=text[c.start:c.end],
            type=c.rule.type, value=value, underspecified=u, rule=c.rule.id, mod=c.mod,
            anchor=anchor, tense=tense if kind == "tense" or tense else "", sentence=sentence,
            source=SOURCE, confidence=_confidence(kind, c.rule.type), point=point,
        ))
    return out


def _with_stamp(text: str, cands, found: list[Timex], article, tenses, starts, nominal) -> list[Timex]:
    """The article's own date line (``temporal.stamp``) is marked ``CREATION_TIME``. When the
    article has no publication date, values are resolved against that line's day instead:
    anchor ``stamp``, confidence scaled by ``STAMP_DATE_FACTOR``. Without a date line nothing
    changes (an undated article keeps its underspecified values)."""
    stamp = find_stamp(text, found)
    if stamp is None:
        return found
    if not article.published:
        found = [dataclasses.replace(t, anchor="stamp", confidence=round(t.confidence * STAMP_DATE_FACTOR, 3))
                 if t.anchor == "dct" else t
                 for t in resolve_candidates(text, cands, stamp.day, article.id, tenses, starts, nominal)]
    return [dataclasses.replace(t, function="CREATION_TIME") if (t.start, t.end) == (stamp.start, stamp.end) else t
            for t in found]


def tag(doc, article: Article) -> list[Timex]:
    """Time expressions of ``article`` (doc = the spaCy Doc of its text)."""
    text = article.text
    cands = match_rules(text)
    starts = _sentence_starts(doc, text)
    has_parse = doc is not None and doc.has_annotation("DEP")
    tenses = []
    nominal = []
    for c in cands:
        perfect = agent = False
        nominal.append(has_parse and names_a_thing(doc, c.start, c.end))
        if has_parse:
            tenses.append(doc_tense(doc, c.start, c.end))
            perfect = present_perfect(governing_verb(doc, c.start, c.end))
            agent = in_passive_agent(doc, c.start, c.end)
        else:
            i = bisect.bisect_right(starts, c.start) - 1
            j = starts[i + 1] if i + 1 < len(starts) else len(text)
            tenses.append(text_tense(text[starts[i]:j], c.start - starts[i], c.end - starts[i]))
        tenses[-1] = orient(text, c.start, tenses[-1], perfect, c.end, agent)
    found = resolve_candidates(text, cands, article.published, article.id, tenses, starts, nominal)
    found = _with_stamp(text, cands, found, article, tenses, starts, nominal)
    if article.date_is_default:
        # the date was supplied by the user (--date-default), not by the article: values
        # resolved against it are only as good as that guess
        found = [dataclasses.replace(t, confidence=round(t.confidence * DEFAULT_DATE_FACTOR, 3))
                 if t.anchor == "dct" else t for t in found]
    return found


def tag_text(text: str, dct: str | None, article_id: str = "", nlp=None) -> list[Timex]:
    """Tag raw ``text`` with ``dct`` (ISO date/datetime or None); parse with ``nlp`` if given."""
    doc = nlp(text) if nlp is not None else None
    return tag(doc, Article(id=article_id, text=text, published=dct))
