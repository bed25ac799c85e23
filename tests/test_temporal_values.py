"""The underspecified value grammar and its resolution (pass two), on hand-made cases."""
from datetime import date

import pytest

from storyline.temporal.values import easter, granularity, holiday_date, resolve_value

WED = date(2025, 8, 20)  # a Wednesday


@pytest.mark.parametrize("u, tense, expected", [
    ("XXXX-WXX-5", "past", "2025-08-15"),      # "said Friday" -> the Friday before
    ("XXXX-WXX-5", "future", "2025-08-22"),    # "will meet Friday" -> the coming one
    ("XXXX-WXX-3", "past", "2025-08-20"),      # the article's own weekday is that day
    ("XXXX-WXX-2TEV", "past", "2025-08-19TEV"),
    ("PREV:XXXX-WXX-5", "future", "2025-08-15"),  # "last Friday" overrides the tense
    ("NEXT:XXXX-WXX-1", "past", "2025-08-25"),
])
def test_weekdays_follow_the_tense(u, tense, expected):
    assert resolve_value(u, WED, tense) == expected


@pytest.mark.parametrize("u, ref, tense, expected", [
    ("XXXX-02", WED, "future", "2026-02"),
    ("XXXX-02", WED, "past", "2025-02"),
    ("XXXX-08", WED, "past", "2025-08"),           # the reference month is this one
    ("XXXX-01-14", date(2000, 1, 7), "past", "2000-01-14"),  # a year back is too far: nearest
    ("XXXX-03-31", date(1989, 11, 2), "past", "1989-03-31"),
    ("XXXX-12-07", date(1989, 11, 2), "", "1989-12-07"),
    ("XXXX-Q4", date(1998, 1, 26), "past", "1997-Q4"),
    ("XXXX-Q3", date(1989, 11, 2), "future", "1989-Q3"),
    ("PREV:XXXX-11", date(1998, 11, 20), "", "1997-11"),  # "last November" is never this one
])
def test_months_and_quarters(u, ref, tense, expected):
    assert resolve_value(u, ref, tense) == expected


@pytest.mark.parametrize("u, expected", [
    ("DCT-1D", "2025-08-19"), ("DCT+1D", "2025-08-21"), ("DCT+0W", "2025-W34"),
    ("DCT-1M", "2025-07"), ("DCT+1Y", "2026"), ("DCT-1Q", "2025-Q2"), ("DCT-1E", "201"),
    ("DCT+0DT15:00", "2025-08-20T15:00"), ("DCT-1Y:Q4", "2024-Q4"), ("DCT+0Y:12-31", "2025-12-31"),
    ("DCT-XY", "PAST_REF"), ("P2W", "P2W"), ("PRESENT_REF", "PRESENT_REF"), ("1998-08-07", "1998-08-07"),
])
def test_offsets_from_the_article_date(u, expected):
    assert resolve_value(u, WED, "") == expected


def test_anaphoric_offsets_use_the_date_in_focus():
    assert resolve_value("REF+4D", WED, "past", focus="2025-08-19") == "2025-08-23"
    assert resolve_value("REF+1W", WED, "", focus="2025-08-19") == "2025-W35"
    # no focus: the article date stands in
    assert resolve_value("REF+4D", WED, "") == "2025-08-24"
    # "a year earlier" after a quarter keeps the quarter
    assert resolve_value("REF-1Y~", WED, "", focus="1989-Q3") == "1988-Q3"
    # ... and after a day ("the quarter ended Sept. 30 ... a year earlier"), that day a year before
    assert resolve_value("REF-1Y~", WED, "", focus="1989-09-30") == "1988-09-30"
    # "a year ago" counts from the article date whatever day is in focus
    assert resolve_value("DCT-1Y~", WED, "", focus="1989-10-27") == "2024"


@pytest.mark.parametrize("u, expected", [
    ("XXXX-WXX-5", "XXXX-WXX-5"), ("XXXX-02", "XXXX-02"), ("DCT-1D", "XXXX-XX-XX"),
    ("DCT+0W", "XXXX-WXX"), ("DCT-1M", "XXXX-XX"), ("DCT+1Y", "XXXX"), ("DCT-1Q", "XXXX-QX"),
    ("REF+4D", "XXXX-XX-XX"), ("DCT-1Y:Q4", "XXXX-Q4"), ("XXXX-WXX-2TEV", "XXXX-WXX-2TEV"),
])
def test_without_a_reference_nothing_is_invented(u, expected):
    assert resolve_value(u, None, "past") == expected


def test_holidays_and_weekends():
    assert easter(2000) == date(2000, 4, 23)
    assert easter(2025) == date(2025, 4, 20)
    assert holiday_date("11-W4-4", 1999) == date(1999, 11, 25)  # Thanksgiving
    assert holiday_date("11-W1-1+1", 1998) == date(1998, 11, 3)  # US Election Day
    assert holiday_date("05-WL-1", 2025) == date(2025, 5, 26)  # Memorial Day
    assert resolve_value("XXXX-11-W4-4", date(1999, 12, 1), "past") == "1999-11-25"
    assert resolve_value("PREV:XXXX-WXX-WE", WED, "") == "2025-W33-WE"


def test_granularity():
    assert [granularity(v) for v in ("2025-08-20", "2025-W34", "2025-08", "2025-Q3", "2025", "199", "19")] == \
        ["D", "W", "M", "Q", "Y", "E", "C"]
    assert granularity("P2W") == ""


def test_explicit_last_and_next_skip_the_reference_day():
    fri = date(1989, 10, 27)  # a Friday: "last Friday" written that day is a week back
    assert resolve_value("PREV:XXXX-WXX-5", fri) == "1989-10-20"
    assert resolve_value("NEXT:XXXX-WXX-5", fri) == "1989-11-03"
    assert resolve_value("XXXX-WXX-5", fri, "past") == "1989-10-27"  # a bare "Friday" is that day


def test_an_explicit_direction_on_a_month_day_compares_whole_dates():
    thu = date(1998, 3, 5)
    assert resolve_value("NEXT:XXXX-03-08", thu) == "1998-03-08"  # "this coming Sunday, March eighth"
    assert resolve_value("NEXT:XXXX-03-01", thu) == "1999-03-01"
    assert resolve_value("PREV:XXXX-03-08", thu) == "1997-03-08"


def test_the_week_of_a_day_is_its_iso_week():
    assert resolve_value("WEEKOF:XXXX-03-06", date(2000, 2, 24), "future") == "2000-W10"
    assert resolve_value("WEEKOF:XXXX-03-06", None) == "XXXX-WXX"
