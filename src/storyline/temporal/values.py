"""TIMEX3 values: the underspecified value grammar and its resolution.

The rules (first pass) write an *underspecified* value; :func:`resolve_value`
(second pass) turns it into a TIMEX3 value given a reference date and the tense
of the clause. The grammar is documented in ``docs/temporal.md``; in short:

* plain TIMEX3 values pass through (``1998-08-07``, ``1989-Q3``, ``P3Y``,
  ``PRESENT_REF``, ``199``);
* ``XXXX-...`` forms lack the year: ``XXXX-02``, ``XXXX-02-14``, ``XXXX-WXX-5``
  (weekday 1=Monday .. 7=Sunday), ``XXXX-SU``, ``XXXX-Q3``; the year (and week)
  come from the reference date, choosing the nearest occurrence in the
  direction the tense points to. A direction prefix overrides the tense:
  ``PREV:`` (the last one before the reference), ``NEXT:``, ``THIS:`` (the
  one in the reference's own week or year);
* ``DCT<sign><n><unit>`` and ``REF<sign><n><unit>`` are offsets from the
  document date or from the date in focus: units ``C`` century, ``E`` decade,
  ``Y`` year, ``H`` half-year, ``Q`` quarter, ``M`` month, ``W`` week, ``D``
  day; the result has the unit's granularity (``DCT-1D`` -> yesterday,
  ``DCT+0W`` -> this week). ``REF...~`` keeps the granularity of the date in
  focus when that is coarser than a day (``a year earlier`` after a quarter); ``~Q``
  always gives a quarter (the focus's, else the last completed one: ``the year-ago quarter``);
* ``:`` appends a part to a resolved year (``DCT-1Y:Q4`` -> last year's fourth
  quarter, ``DCT+0Y:SU``); ``T`` appends a time of day to any date form
  (``XXXX-WXX-2TEV``, ``DCT+0DT15:00``).

Unresolvable values (no reference date) become the TIMEX3 value with X's at
the right granularity (``DCT-1D`` -> ``XXXX-XX-XX``), never a guessed date.
"""
from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, date, timedelta

UNITS = "CEYHQMWD"
_REL = re.compile(r"^(DCT|REF)([+-])(\d+|X)([CEYHQMWD])(~Q?|)(?::(.+))?$")
_TIME = re.compile(r"^(.*?)(T(?:\d\d(?::\d\d)?Z?|MO|AF|EV|NI|DT|MI))$")
_DIR = re.compile(r"^(PREV|NEXT|THIS):(.*)$")
_ANADIR = re.compile(r"^(RPREV|RNEXT):(.*)$")
_OFF = re.compile(r"^OFF([+-]\d+)D:(.*)$")
_YEAR_Q = re.compile(r"^(\d{4})~Q$")
_MONTHDAY = re.compile(r"^XXXX-(\d\d)(?:-(\d\d))?$")
_WEEKDAY = re.compile(r"^XXXX-WXX-(\d)$")
_HOLIDAY = re.compile(r"^XXXX-(EASTER|(\d\d)-W[1-5L]-\d(?:\+\d)?)$")
_HOLIDAY_OF_YEAR = re.compile(r"^(\d{4})-(EASTER|\d\d-W[1-5L]-\d(?:\+\d)?)$")
_SEASON = re.compile(r"^XXXX-(SP|SU|FA|WI|Q[1-4]|H[12])$")
_DATE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_WEEKV = re.compile(r"^(\d{4})-W(\d\d)")
_QUARTERV = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")

_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1, "Q1": 2, "Q2": 5, "Q3": 8, "Q4": 11, "H1": 4, "H2": 10}
_UNRESOLVED = {"C": "XX", "E": "XXX", "Y": "XXXX", "H": "XXXX-HX", "Q": "XXXX-QX", "M": "XXXX-XX",
               "W": "XXXX-WXX", "D": "XXXX-XX-XX"}


def parse_reference(value: str | None) -> date | None:
    """The calendar day of an ISO date/datetime string (or a TIMEX3 value); None if it is not one."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(\d\d)(\d\d)(?!\d)", value.strip()) or _DATE.match(value.strip())  # 20091231
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        return date(int(y), int(mo or 1), int(d or 1))
    except ValueError:  # year 0000, month 13, February 30
        return None


def granularity(value: str) -> str:
    """Unit letter of a resolved date value: D, W, M, Q, H, Y, E, C, or '' if not a date."""
    if re.match(r"^\d{4}-\d\d-\d\d", value):
        return "D"
    if _WEEKV.match(value):
        return "W"
    if re.match(r"^\d{4}-\d\d$", value):
        return "M"
    m = _QUARTERV.match(value)
    if m:
        return "H" if m.group(2)[0] == "H" else "Q"
    if re.match(r"^\d{4}$", value):
        return "Y"
    if re.match(r"^\d{3}X?$", value):
        return "E"
    if re.match(r"^\d\d(?:XX)?$", value):
        return "C"
    return ""


def value_date(value: str) -> date | None:
    """A representative day inside a resolved date value (for arithmetic); None outside the calendar."""
    try:
        return _value_date(value)
    except ValueError:  # year 0000, week 60
        return None


def _value_date(value: str) -> date | None:
    m = _WEEKV.match(value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
    m = _QUARTERV.match(value)
    if m:
        return date(int(m.group(1)), _SEASON_MONTH[m.group(2)], 1)
    if re.match(r"^\d{3}X?$", value):
        return date(int(value[:3]) * 10, 1, 1)
    if re.match(r"^\d\d(?:XX)?$", value):
        return date(int(value[:2]) * 100, 1, 1)
    return parse_reference(value)


def period_end(value: str) -> date | None:
    """The last day of the period a resolved date value names (``1989-Q3`` -> 1989-09-30);
    None when the value is not a calendar period."""
    g = granularity(value)
    d = value_date(value)
    if d is None or g not in ("D", "W", "M", "Q", "H", "Y"):
        return None
    if g == "D":
        return d
    if g == "W":
        return d + timedelta(days=6)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12}[g]
    start_month = (d.month - 1) // months * months + 1
    start = date(d.year, start_month, 1)
    m = _QUARTERV.match(value)
    if m and m.group(2) in ("SP", "SU", "FA", "WI"):  # seasons: the three months around the representative one
        start = _add_months(date(d.year, d.month, 1), -1)
    try:
        return _add_months(start, months) - timedelta(days=1)
    except (ValueError, OutOfCalendar):
        return None


class OutOfCalendar(ValueError):
    """A shift lands outside the years a ``date`` can hold (1..9999); ``year`` is where it lands
    (astronomical numbering: 0 = 1 BC, -491 = 492 BC)."""

    def __init__(self, year: int):
        super().__init__(f"year {year} is outside the calendar")
        self.year = year


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    if not MINYEAR <= year <= MAXYEAR:
        raise OutOfCalendar(year)
    day = min(d.day, [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m])
    return date(year, m + 1, day)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def format_unit(d: date, unit: str) -> str:
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "H":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "E":
        return f"{d.year // 10:03d}"
    if unit == "C":
        return f"{d.year // 100:02d}"
    raise ValueError(unit)


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units; raises :class:`OutOfCalendar` beyond years 1..9999."""
    if unit in ("D", "W"):
        days = n * (7 if unit == "W" else 1)
        try:
            return d + timedelta(days=days)
        except OverflowError:
            raise OutOfCalendar(d.year + int(days / 365.2425)) from None
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "E": 120, "C": 1200}[unit]
    return _add_months(d, n * months)


def _direction(tense: str) -> str:
    """Where a bare weekday/month points: news reports the past unless the clause says otherwise."""
    return {"past": "PREV", "future": "NEXT", "present": "NEAR"}.get(tense, "PREV")


# how far (days) the tense may push a month-day away from the reference before the nearest
# occurrence is preferred ("by Jan. 14" in a past clause of Jan. 7); a month name always
# follows the tense (the last/next one is at most a year away)
TENSE_REACH_DAYS = 270
TENSE_REACH_DAYS_MONTH = 270
# ... and a tense read from the clause up to a year, unless the other occurrence is this close
TENSE_NEAR_OTHER_DAYS = 60
# with no tense to follow, the past occurrence wins unless the coming one is this much nearer
NEAR_TIE_DAYS = 30


def _resolve_weekday(wd: int, ref: date, direction: str, strict: bool = False) -> date:
    """The weekday ``wd`` nearest ``ref`` in ``direction``; ``strict`` (an explicit "last"/"next")
    excludes the reference's own day: "last Friday" written on a Friday is a week back."""
    delta = wd - ref.isoweekday()
    if direction == "THIS":
        return ref + timedelta(days=delta)
    if direction == "PREV":
        return ref + timedelta(days=delta if delta < 0 or (delta == 0 and not strict) else delta - 7)
    if direction == "NEXT":
        return ref + timedelta(days=delta if delta > 0 or (delta == 0 and not strict) else delta + 7)
    # nearest, ties (delta ±3/4) go to the past as news mostly reports
    back = delta if delta <= 0 else delta - 7
    fwd = back + 7
    return ref + timedelta(days=back if -back <= fwd else fwd)


def _resolve_year(month: int, ref: date, direction: str, strict: bool) -> int:
    """Year of the occurrence of ``month`` nearest ``ref`` in ``direction``.

    ``strict`` (an explicit "last"/"next") excludes the reference's own month.
    """
    if direction == "THIS":
        return ref.year
    if direction == "PREV":
        return ref.year if (month < ref.month or (month == ref.month and not strict)) else ref.year - 1
    if direction == "NEXT":
        return ref.year if (month > ref.month or (month == ref.month and not strict)) else ref.year + 1
    # nearest: within six months either way
    diff = month - ref.month
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def _year_strictly(month: int, day: int, ref: date, direction: str) -> int:
    """Year of the first month-day after (NEXT) or the last before (PREV) ``ref``
    ("this coming Sunday, March eighth" written on March 5 is this year's)."""
    years = (ref.year, ref.year + 1) if direction == "NEXT" else (ref.year, ref.year - 1)
    for y in years:
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if (d > ref) if direction == "NEXT" else (d < ref):
            return y
    return years[-1]


def _year_for_day(month: int, day: int, ref: date, direction: str, explicit: bool = False) -> int:
    """Year of a month (day=0) or month-day given without one.

    The occurrence the tense points to wins if it lies within TENSE_REACH_DAYS of the
    reference; a tense read from the clause (``explicit``) reaches up to a year when the
    occurrence on the other side is not close either (TENSE_NEAR_OTHER_DAYS: "brought in a new
    chief in January", written in late October, is this year's January, but "the offer
    expires Nov. 16", under a past reporting verb in late October, stays the coming one);
    otherwise (or with no usable tense) the nearest one.
    """
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day or 15)
        except ValueError:
            d = date(y, month, 28)
        options.append((y, (d - ref).days))
    if day == 0:  # a whole month contains the reference: it is this one
        for y, delta in options:
            if y == ref.year and month == ref.month:
                return y
    if direction not in ("PREV", "NEXT"):
        # nearest; a near tie between last year's and next year's goes to the past, which news
        # mostly reports ("the Sept. 11 attacks" written in mid-March)
        y, dd = min(options, key=lambda o: abs(o[1]))
        back = max((o for o in options if o[1] < 0), key=lambda o: o[1], default=None)
        if dd > 0 and back is not None and abs(back[1]) - dd <= NEAR_TIE_DAYS:
            return back[0]
        return y
    slack = 0 if day else 15
    past = max(((y, dd) for y, dd in options if dd <= slack), key=lambda o: o[1])
    fut = min(((y, dd) for y, dd in options if dd >= -slack), key=lambda o: o[1])
    (y, dd), other = (past, fut) if direction == "PREV" else (fut, past)
    reach = TENSE_REACH_DAYS if day else TENSE_REACH_DAYS_MONTH
    if abs(dd) <= reach or (explicit and abs(dd) <= 366 and abs(other[1]) > TENSE_NEAR_OTHER_DAYS):
        return y
    return min(options, key=lambda o: abs(o[1]))[0]


def _resolve_date_part(u: str, ref: date | None, tense: str, focus: str = "") -> str:
    m = _HOLIDAY_OF_YEAR.match(u)
    if m:  # "Easter 2015": the holiday of the year written, with or without a reference
        day = holiday_date(m.group(2), int(m.group(1)))
        return day.isoformat() if day else u
    m = _OFF.match(u)
    if m:  # "the day before Tuesday": a day form moved by whole days
        day = _resolve_date_part(m.group(2), ref, tense, focus)
        d = parse_reference(day) if granularity(day) == "D" else None
        return (d + timedelta(days=int(m.group(1)))).isoformat() if d else "XXXX-XX-XX"
    m = _YEAR_Q.match(u)
    if m:  # "the 1988 quarter": the quarter in focus (else the last completed one) of that year
        fd = value_date(focus) if focus else None
        if fd is not None and granularity(focus) in ("Q", "M", "W", "D"):
            q = (fd.month - 1) // 3 + 1
        elif ref is not None:
            q = (shift(ref, -1, "Q").month - 1) // 3 + 1
        else:
            return f"{m.group(1)}-QX"
        return f"{m.group(1)}-Q{q}"
    m = _ANADIR.match(u)
    if m:  # "the previous Friday": before the day in focus (the reference when none is)
        fd = parse_reference(focus) if focus and granularity(focus) == "D" else None
        return _resolve_date_part(m.group(1)[1:] + ":" + m.group(2), fd or ref, tense)
    if u.startswith("WEEKOF:"):  # "the week of March 6": the ISO week holding that day
        h = _HOLIDAY.match(u[7:])
        if h and ref is not None:  # "as Easter week began": the holiday's week this year holds the reference
            this = holiday_date(u[12:], ref.year)
            if this is not None and this.isocalendar()[:2] == ref.isocalendar()[:2]:
                return format_unit(this, "W")
        day = _resolve_date_part(u[7:], ref, tense, focus)
        d = parse_reference(day) if granularity(day) == "D" else None
        return format_unit(d, "W") if d else "XXXX-WXX"
    direction = _direction(tense)
    strict = False
    m = _DIR.match(u)
    if m:
        direction, u = m.group(1), m.group(2)
        strict = True
    m = _REL.match(u)
    if m:
        anchor, sign, n, unit, keep, part = m.groups()
        if n == "X":  # "a few years ago", "some days later": a vague offset
            if anchor == "DCT":
                return "PAST_REF" if sign == "-" else "FUTURE_REF"
            return _UNRESOLVED[unit]
        base, g = ref, unit
        fd = value_date(focus) if focus else None
        fg = granularity(focus) if fd is not None else ""
        if anchor == "REF" and fd is not None and (UNITS.index(fg) >= UNITS.index(unit) or ref is None):
            base = fd
        if keep == "~" and anchor == "REF" and fg == "D" and unit in "YQM":
            base, g = fd, "D"  # "a year earlier" after "the quarter ended Sept. 30": that day a year before
        elif keep and fg in ("M", "Q", "H") and UNITS.index(fg) > UNITS.index(unit):
            # "a year earlier" after a quarter: the same quarter a year before
            base, g = fd, ("Q" if keep == "~Q" and fg == "M" else fg)
        elif keep == "~Q" and fd is not None and UNITS.index(fg) > UNITS.index("Q"):
            base, g = fd, "Q"  # "the year-ago quarter" after "the quarter ended Sept. 30": its quarter
        elif keep == "~Q" and ref is not None:
            base, g = shift(ref, -1, "Q"), "Q"  # no quarter in focus: the last completed one
        if base is None:
            return _unresolved_part(part) if part else _UNRESOLVED[unit]
        k = int(n) * (-1 if sign == "-" else 1)
        try:
            d = shift(base, k, unit)
        except OutOfCalendar as exc:  # "2,500 years ago": a year the date type cannot hold
            return far_year(exc.year)
        if part:
            return _append_part(format_unit(d, "Y" if unit in "YECH" else unit), part)
        return format_unit(d, g)
    if u == "XXXX-WXX-WE":
        if ref is None:
            return u
        return format_unit(_resolve_weekday(6, ref, direction), "W") + "-WE"
    m = _WEEKDAY.match(u)
    if m:
        if ref is None:
            return u
        return _resolve_weekday(int(m.group(1)), ref, direction, strict).isoformat()
    m = _MONTHDAY.match(u)
    if m:
        if ref is None:
            return u
        month = int(m.group(1))
        if strict and m.group(2) and direction in ("PREV", "NEXT"):
            year = _year_strictly(month, int(m.group(2)), ref, direction)
        elif strict:
            year = _resolve_year(month, ref, direction, strict)
        else:
            year = _year_for_day(month, int(m.group(2) or 0), ref, direction, tense in ("past", "future"))
        return f"{year:04d}-{u[5:]}"
    m = _HOLIDAY.match(u)
    if m:
        if ref is None:
            return u
        month = 4 if m.group(1) == "EASTER" else int(m.group(2))
        year = _resolve_year(month, ref, direction, strict)
        day = holiday_date(u[5:], year)
        if day is not None and not strict and direction in ("PREV", "NEXT"):
            if direction == "PREV" and day > ref:
                day = holiday_date(u[5:], year - 1)
            elif direction == "NEXT" and day < ref:
                day = holiday_date(u[5:], year + 1)
        return day.isoformat() if day else u
    m = _SEASON.match(u)
    if m:
        if ref is None:
            return u
        part = m.group(1)
        month = _SEASON_MONTH[part]
        if part == "WI":  # winter straddles the year: Dec-Feb, named by its January's year
            month = 1
        if part[0] in "QH" and not strict:
            # business periods: this year's, unless it starts more than a quarter ahead
            year = ref.year - 1 if month > ref.month + 4 else ref.year
        else:
            year = _resolve_year(month, ref, direction, strict) if direction != "NEAR" else ref.year
        return f"{year:04d}-{m.group(1)}"
    return u


def easter(year: int) -> date:
    """Western Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(spec: str, year: int) -> date | None:
    """``MM-Wn-d[+k]``: the n-th (L = last) weekday d of month MM, plus k days; or ``EASTER``."""
    if spec == "EASTER":
        return easter(year)
    m = re.match(r"^(\d\d)-W([1-5L])-(\d)(?:\+(\d))?$", spec)
    if not m:
        return None
    month, nth, wd = int(m.group(1)), m.group(2), int(m.group(3))
    first = date(year, month, 1)
    day = first + timedelta(days=(wd - first.isoweekday()) % 7)
    if nth == "L":
        while (day + timedelta(weeks=1)).month == month:
            day += timedelta(weeks=1)
    else:
        day += timedelta(weeks=int(nth) - 1)
    return day + timedelta(days=int(m.group(4) or 0))


def _unresolved_part(part: str) -> str:
    return "XXXX-" + part if re.match(r"^(Q[1-4]|H[12]|SP|SU|FA|WI|\d\d(-\d\d)?)$", part) else "XXXX"


def _append_part(year_value: str, part: str) -> str:
    return f"{year_value}-{part}"


def far_year(year: int) -> str:
    """A year outside 1..9999 as a TIMEX3 value: ``BC0492`` (astronomical year -491, i.e. 492 BC)
    before the common era; ``FUTURE_REF`` after 9999, which four digits cannot write."""
    if year <= 0:
        return f"BC{1 - year:04d}"
    return "FUTURE_REF"


def unresolved(underspecified: str) -> str:
    """The value of ``underspecified`` with nothing resolved: X's where the calendar is unknown."""
    u = underspecified.strip()
    m = _TIME.match(u)
    if m and m.group(1) and not m.group(1).startswith("P"):
        return unresolved(m.group(1)) + m.group(2)
    if u.startswith("WEEKOF:"):
        return "XXXX-WXX"
    if _OFF.match(u):
        return "XXXX-XX-XX"
    if _YEAR_Q.match(u):
        return u[:4] + "-QX"
    m = _ANADIR.match(u) or _DIR.match(u)
    if m:
        u = m.group(2)
    m = _REL.match(u)
    if m:
        return _unresolved_part(m.group(6)) if m.group(6) else _UNRESOLVED[m.group(4)]
    return u


def resolve_value(underspecified: str, reference: date | None, tense: str = "", focus: str = "") -> str:
    """Resolve an underspecified value (see module doc) against ``reference``.

    ``tense`` is ``past``, ``present``, ``future`` or ``""``; ``focus`` is the
    resolved value of the date in focus for ``REF`` forms (the reference date
    is used when there is none). Without a reference date the result keeps X's
    where the calendar is unknown: nothing is invented.
    """
    try:
        return _resolve(underspecified.strip(), reference, tense, focus)
    except (ValueError, OverflowError):
        # a reference at the edge of the calendar (year 1 or 9999): the year before or after
        # cannot be written, so the value stays as unresolved as it would be with no date
        return unresolved(underspecified)


def _resolve(u: str, reference: date | None, tense: str, focus: str) -> str:
    if not u:
        return u
    m = _TIME.match(u)
    if m and m.group(1) and not m.group(1).startswith("P"):
        head = _resolve_date_part(m.group(1), reference, tense, focus)
        return head + m.group(2)
    return _resolve_date_part(u, reference, tense, focus)
