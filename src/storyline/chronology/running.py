"""Running counts of one story event across articles: "47 days into the crisis", "the third
day of the trial", "six weeks after the explosion".

The origin family of ``infer.py`` already reads "Day 57 of the spill", "the 40 days since
the explosion" and "58 days ago" for the story's origin event. This module reads the other
forms of a running count — "N units into X", "the <ordinal> day / week / month of X", "N
units after X" — for any event word of ``data/event_words.tsv`` (a trial, a strike, talks,
not only the origin) and orders two articles that count from the same event word when the
day ranges their counts give do not overlap (with ``SLACK`` days between them): the smaller
count was written first. Measured and not used by default (docs/evaluation/chronology.md):
the forms are rare, and "N weeks after X" mostly tells the date of another event, not the
article's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import DateBound
from .lexicon import calendar, event_words

SLACK = 2


@dataclass(frozen=True)
class Count:
    article_id: str
    start: int
    end: int
    text: str
    event: str  # event lemma counted from
    lo: int  # days from the event to the article, at least
    hi: int  # ... at most
    form: str  # into | after | ordinal


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    cal = calendar()
    numbers = "|".join(sorted((re.escape(w) for w in cal.numbers), key=len, reverse=True))
    ordinals = "|".join(sorted((re.escape(w) for w in cal.ordinals), key=len, reverse=True))
    units = "|".join(u for u in cal.units if u != "year")
    rest = r"(?:the\s+|a\s+|an\s+|this\s+|its\s+)?(?P<rest>(?:[\w-]+\s+){0,3}?[\w-]+)"
    count = re.compile(rf"\b(?P<n>\d{{1,3}}|{numbers}|a)\s+(?P<unit>{units})s?\s+(?P<rel>into|after)\s+{rest}",
                       re.IGNORECASE)
    ordinal = re.compile(rf"\b(?:the\s+)?(?P<n>{ordinals}|\d{{1,3}}(?:st|nd|rd|th))\s+(?P<unit>{units})\s+of\s+{rest}",
                         re.IGNORECASE)
    return count, ordinal


def _value(word: str) -> int | None:
    cal = calendar()
    w = word.lower()
    if w == "a":
        return 1
    if w in cal.numbers:
        return cal.numbers[w]
    if w in cal.ordinals:
        return cal.ordinals[w]
    m = re.match(r"\d+", w)
    return int(m.group()) if m else None


def _event(rest: str) -> str:
    forms = event_words()
    for w in re.findall(r"[a-z]+", rest.lower()):
        if w in forms:
            return forms[w]
    return ""


def read_counts(article_id: str, text: str) -> list[Count]:
    """The running counts of one article whose phrase names an event word."""
    count, ordinal = _patterns()
    units = calendar().units
    out = []
    for rx, form in ((count, ""), (ordinal, "ordinal")):
        for m in rx.finditer(text):
            n, event = _value(m.group("n")), _event(m.group("rest"))
            if not n or not event:
                continue
            u = units[m.group("unit").lower()]
            if form == "ordinal":  # "the third week of": days 14..20
                lo, hi = (n - 1) * u, n * u - 1
            else:  # "six weeks into": about 42 days, half a unit either way
                lo, hi = n * u - u // 2, n * u + u // 2
            out.append(Count(article_id, m.start(), m.end(), m.group(0), event, lo, hi,
                             form or m.group("rel").lower()))
    return out


def running_pairs(texts: dict[str, str], slack: int = SLACK) -> list[tuple[str, str, DateBound]]:
    """(before, after, evidence): two articles counting from the same event word whose day
    ranges are more than ``slack`` days apart; the evidence holds the earlier count's offsets
    and both phrases."""
    counts = [c for art, text in texts.items() for c in read_counts(art, text)]
    best: dict[tuple[str, str], tuple[Count, Count]] = {}
    for i, x in enumerate(counts):
        for y in counts[i + 1:]:
            if x.article_id == y.article_id or x.event != y.event:
                continue
            if x.hi + slack < y.lo:
                best.setdefault((x.article_id, y.article_id), (x, y))
            elif y.hi + slack < x.lo:
                best.setdefault((y.article_id, x.article_id), (y, x))
    out = []
    for (a, b), (x, y) in sorted(best.items()):
        if (b, a) in best:
            continue  # the two articles count both ways: no order
        out.append((a, b, DateBound(a, "before_article", None, other_article=b, start=x.start, end=x.end,
                                    text=f"{x.text} / {y.text}", event=x.event, lo=x.lo, hi=x.hi,
                                    rule=f"running.{x.form}_{y.form}[{x.event}: {x.lo}-{x.hi} < {y.lo}-{y.hi} days]",
                                    confidence=0.6)))
    return out
