"""An article's own date stamp: a full date standing alone on a line under its title.

Pasted web pages and wire copy often carry their date as a line of the text
("March 06, 2008" under a Wikinews title; "Published: Tuesday, 4 March 2008 10:32
GMT"). Such a line is the article's creation time written in the text, as TimeML's
``functionInDocument="CREATION_TIME"`` marks it. An article without a publication
date in its metadata is resolved against its stamp (the tagger's anchor
``stamp``); one without a stamp stays underspecified.

The line test (``stamp_line``) is shared with the chronology, which reads the
same stamp as an equal bound on the article's date (rule ``date.dateline``).
Words allowed beside the date: ``data/dateline.txt``.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp.docview import line_span
from ..resources import data_lines
from .rules import tables

STAMP_LINES = 3  # a date stamp stands among an article's first non-blank lines
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\b")
_WORD = re.compile(r"[a-z.]+|\d+")
_FULL_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T|$)")


@dataclass(frozen=True)
class Stamp:
    """The date line's full date: its offsets in the text and its day (``YYYY-MM-DD``)."""

    start: int
    end: int
    day: str


@lru_cache(maxsize=1)
def stamp_words() -> frozenset[str]:
    """Words that may stand beside the date on a date line (``dateline.txt``), and weekday names."""
    words = {ln.strip().lower() for ln in data_lines("storyline.temporal", "dateline.txt") if ln.strip()}
    return frozenset(words | set(tables().get("normWeekday", {})))


_STAMP_OPEN = re.compile(r"\s*(?:page\s+)?(?:last\s+)?(?:updated|published|posted|modified)\b\s*:?\s*", re.I)
_STAMP_TOKEN = re.compile(r"\S+")
_STAMP_NUMBER = re.compile(r"^\d{1,4}(?:[:.]\d{2}){0,2}(?:am|pm|a\.m\.|p\.m\.)?,?$", re.I)


def stamp_head_end(sentence: str) -> int:
    """Length of a page's date stamp opening ``sentence`` ("Page last updated at 10:41 GMT ,
    Friday , 6 March 2026 11:41 UK The ferry crews ..."): a stamp word, then only dates,
    clock times, weekday and month names and the words of ``dateline.txt``, with a number among
    them; 0 when the sentence opens with none."""
    m = _STAMP_OPEN.match(sentence)
    if not m:
        return 0
    words = stamp_words() | frozenset(tables().get("normMonth", {}))
    end, digits = 0, False
    for tok in _STAMP_TOKEN.finditer(sentence, m.end()):
        t = tok.group()
        if _STAMP_NUMBER.match(t):
            digits = True
        elif t not in (",", "-", "--", "|", ":") and t.lower().strip(".,") not in words:
            break
        end = tok.end()
    if not digits or not end:
        return 0
    while end < len(sentence) and sentence[end].isspace():
        end += 1
    return end


def stamp_line(text: str, start: int, end: int) -> bool:
    """The date at ``start:end`` stands on one of the text's first ``STAMP_LINES`` non-blank
    lines with nothing beside it but a weekday, a clock time and stamp words."""
    lo, hi = line_span(text, start, end)
    if sum(1 for ln in text[:lo].split("\n") if ln.strip()) >= STAMP_LINES:
        return False
    rest = _CLOCK.sub(" ", (text[lo:start] + " " + text[end:hi]).lower())
    words = stamp_words()
    return all(w in words or w.strip(".") in words for w in _WORD.findall(rest))


def article_day(article, timexes=()) -> str | None:
    """The article's day (``YYYY-MM-DD``): its publication day, else the day of its own date
    line (the time expression the tagger marked ``CREATION_TIME``), else None."""
    day = (article.published or "")[:10] or next(
        (t.value[:10] for t in timexes if t.function == "CREATION_TIME"), "")
    return day if _FULL_DAY.match(day) else None


def find_stamp(text: str, timexes) -> Stamp | None:
    """The first of ``timexes`` (the article's, in text order) that names a full day without
    help from a reference date and stands on a date line; None when there is none."""
    for t in timexes:
        m = _FULL_DAY.match(t.value or "")
        if m and t.type in ("DATE", "TIME") and t.anchor in ("none", "") and stamp_line(text, t.start, t.end):
            return Stamp(t.start, t.end, m.group(1))
    return None


STAMP_MAX_CHARS = 120  # a date line is short: longer lines are not read for one


def text_stamp(text: str) -> Stamp | None:
    """``find_stamp`` on raw text (no parse, no reference date): the chronology's way in. Only
    the short lines among the first ``STAMP_LINES`` non-blank ones are tagged."""
    from .tagger import tag_text  # the tagger marks stamps itself, so it imports this module

    seen, pos = 0, 0
    while pos < len(text) and seen < STAMP_LINES:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        if line.strip():
            seen += 1
            if len(line) <= STAMP_MAX_CHARS:
                found = [dataclasses.replace(t, start=t.start + pos, end=t.end + pos) for t in tag_text(line, None)]
                stamp = find_stamp(text, found)
                if stamp is not None:
                    return stamp
        pos = nl + 1
    return None
