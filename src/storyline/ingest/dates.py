"""Publication dates from metadata: any common format, time zone kept."""
from __future__ import annotations

import datetime as dt
import re

_DATE_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def parse_published(value) -> str | None:
    """Return an ISO 8601 date (``2025-08-15``) or datetime (with its offset when
    one was given), or None when the value is empty or not a date. Never uses
    the clock: a partial date is completed only from itself (no default year)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(float(value), tz=dt.timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    if _DATE_ONLY.match(s):
        try:
            return dt.date.fromisoformat(s.strip()).isoformat()
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    from dateutil import parser as dparser

    sentinel_a = dt.datetime(1, 1, 1)
    sentinel_b = dt.datetime(2, 2, 2)
    try:
        a = dparser.parse(s, default=sentinel_a)
        b = dparser.parse(s, default=sentinel_b)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year:  # no year in the value: not a usable date
        return None
    if a.month != b.month or a.day != b.day:
        return None  # month or day missing: refuse rather than invent
    has_time = (a.hour, a.minute, a.second) != (0, 0, 0) or a.hour != b.hour
    if a.hour != b.hour or a.minute != b.minute:
        has_time = False  # no time given
    if not has_time and a.tzinfo is None:
        return a.date().isoformat()
    return a.isoformat()


def date_part(published: str | None) -> str | None:
    return published[:10] if published else None
