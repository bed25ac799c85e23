"""A fast reader of day-precision dates in raw text, for timeline summarization.

The temporal stage (``storyline.temporal.tagger``) is the full tagger; this
module is the fallback fast path the timeline summarizer uses when that
tagger offers no raw-text entry point: one regex pass finds "April 20",
"20 April 2010", "Apr. 20, 2010", "2010-04-20", "4/20/2010", weekday names and
"yesterday"/"today"/"tomorrow"/"last night", and resolves them against the
article's publication date. Only calendar days come out (no months, years,
durations). The word lists are ``data/day_words.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..resources import data_rows


@dataclass(frozen=True)
class DayDate:
    start: int
    end: int
    text: str
    date: date
    rule: str


@dataclass(frozen=True)
class _Words:
    month: dict
    weekday: dict
    relative: dict
    future: frozenset
    past: frozenset


@lru_cache(maxsize=1)
def _words() -> _Words:
    kinds: dict[str, dict] = {"month": {}, "weekday": {}, "relative": {}, "future": {}, "past": {}}
    for parts in data_rows("storyline.stories", "day_words.tsv"):
        kinds[parts[0]][parts[1]] = int(parts[2]) if len(parts) > 2 else 1
    return _Words(kinds["month"], kinds["weekday"], kinds["relative"],
                  frozenset(kinds["future"]), frozenset(kinds["past"]))


def day_name_words() -> frozenset[str]:
    """Weekday names and one-word relative days ("monday", "yesterday"): words that date a
    story, never name what it is about."""
    w = _words()
    return frozenset(k for k in (*w.weekday, *w.relative) if " " not in k)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    w = _words()
    mon = rf"(?P<mon>{_alt(w.month)})\.?"
    mon2 = rf"(?P<mon2>{_alt(w.month)})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?"
    year2 = r"(?:\s*,?\s*(?P<year2>(?:19|20)\d\d))?"
    parts = [
        r"(?P<iso>(?:19|20)\d\d)-(?P<isom>[01]\d)-(?P<isod>[0-3]\d)",
        r"(?P<usm>[01]?\d)/(?P<usd>[0-3]?\d)/(?P<usy>(?:19|20)\d\d)",
        rf"{mon}\s+{day}(?![\d:]){year}",
        rf"{day2}\s+(?:of\s+)?{mon2}{year2}",
        rf"(?P<wd>{_alt(w.weekday)})",
        rf"(?P<rel>{_alt(w.relative)})",
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, dct: date) -> date | None:
    """A day-month without a year: the reading in the DCT's year, unless that
    lies more than half a year after the DCT (then the year before)."""
    d = _safe_date(dct.year, month, day)
    if d and (d - dct).days > 183:
        d = _safe_date(dct.year - 1, month, day)
    return d


def _weekday(iso: int, dct: date, before: str) -> date:
    w = _words()
    cues = set(re.findall(r"[a-z']+", before.lower()))
    delta = iso - dct.isoweekday()
    if cues & w.future:
        return dct + timedelta(days=delta if delta > 0 else delta + 7)
    if cues & w.past:
        return dct + timedelta(days=delta if delta < 0 else delta - 7)
    return dct + timedelta(days=delta if delta <= 0 else delta - 7)


def day_dates(text: str, dct: date | None) -> list[DayDate]:
    """Every day-precision date expression in ``text``, resolved against ``dct``
    (without a DCT only fully specified dates come out)."""
    w = _words()
    out = []
    for m in _pattern().finditer(text):
        g = m.groupdict()
        d, rule = None, ""
        if g["iso"]:
            d, rule = _safe_date(int(g["iso"]), int(g["isom"]), int(g["isod"])), "iso"
        elif g["usy"]:
            d, rule = _safe_date(int(g["usy"]), int(g["usm"]), int(g["usd"])), "numeric"
        elif g["mon"] or g["mon2"]:
            mon = w.month[(g["mon"] or g["mon2"]).lower()]
            day_ = int(g["day"] or g["day2"])
            yr = g["year"] or g["year2"]
            if not (g["mon"] or g["mon2"])[0].isupper():
                continue  # month names are capitalized; this is "may", "mar", ... as a word
            if yr:
                d = _safe_date(int(yr), mon, day_)
            elif dct:
                d = _year_for(mon, day_, dct)
            rule = "month_day"
        elif g["wd"] and dct:
            word = g["wd"]
            if len(word) <= 4 and not word[0].isupper():
                continue  # "sat", "sun", "wed" as ordinary words
            before = text[max(0, m.start() - 60):m.start()]
            d, rule = _weekday(w.weekday[word.lower()], dct, before), "weekday"
        elif g["rel"] and dct:
            d, rule = dct + timedelta(days=w.relative[g["rel"].lower()]), "relative"
        if d:
            out.append(DayDate(m.start(), m.end(), m.group(0), d, rule))
    return out
