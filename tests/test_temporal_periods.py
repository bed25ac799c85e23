"""Periods compared and counted: year-ago periods model a period already over, a period end is
the last day of the period (fifth round of issue 4)."""
from datetime import date

import pytest

from storyline.temporal.tagger import tag_text
from storyline.temporal.values import period_end


def _texts(text, dct, nlp=None):
    return {t.text: t for t in tag_text(text, dct, nlp=nlp)}


@pytest.mark.parametrize("value, end", [
    ("1989-Q3", date(1989, 9, 30)),
    ("1989-Q4", date(1989, 12, 31)),
    ("1988-H2", date(1988, 12, 31)),
    ("1989", date(1989, 12, 31)),
    ("1992-02", date(1992, 2, 29)),
    ("1989-W43", date(1989, 10, 29)),
    ("1989-10-26", date(1989, 10, 26)),
    ("1989-SU", date(1989, 8, 31)),
    ("198", None),
    ("PRESENT_REF", None),
])
def test_period_end(value, end):
    assert period_end(value) == end


def test_year_ago_period_skips_a_quarter_still_ahead():
    # written 1989-10-26: the forecast names the third quarter of 1990, but the year-ago period
    # of the results just reported is last year's third quarter, not 1989's
    text = ("The company reported third-quarter earnings. It expects weak demand through the third "
            "quarter of 1990. In the year-ago period, the company earned $101 million.")
    found = _texts(text, "1989-10-26")
    assert found["the third quarter of 1990"].value == "1990-Q3"
    assert found["the year-ago period"].value == "1988-Q3"


def test_year_ago_period_still_follows_a_completed_quarter():
    text = "Profit rose in the second quarter. In the year-ago period, the company lost money."
    assert _texts(text, "1989-10-26")["the year-ago period"].value == "1988-Q2"


@pytest.mark.parametrize("text, extent, value", [
    ("The loan may be extended for an additional year.", "an additional year", "P1Y"),
    ("The strike could last another week.", "another week", "P1W"),
    ("Talks were put off by a further month.", "a further month", "P1M"),
    ("He spent a whole year abroad.", "a whole year", "P1Y"),
    ("Give the board one more day.", "one more day", "P1D"),
    ("The plant was idle for half a year.", "half a year", "P6M"),
    ("Prices rose for several years.", "several years", "PXY"),
])
def test_count_words_that_keep_the_count(text, extent, value):
    assert _texts(text, "1989-11-01")[extent].value == value


@pytest.mark.parametrize("text, extent", [
    ("The strike could last a year.", "a year"),
    ("The talks may last an hour.", "an hour"),
    ("The strike could last another week.", "another week"),
])
def test_the_verb_last_is_not_part_of_a_duration(text, extent):
    assert extent in _texts(text, "1989-11-01")


@pytest.mark.parametrize("text, extent, value", [
    ("The stock rose to a high for the year of $42 in June.", "the year", "1989"),
    ("Sales fell 3% for the week.", "the week", "1989-W44"),
    ("Later in the day, the board met again.", "the day", "1989-11-01"),
])
def test_the_period_with_nothing_in_focus_is_the_articles_own(text, extent, value):
    t = _texts(text, "1989-11-01")[extent]
    assert (t.value, t.anchor) == (value, "dct")


def test_that_day_with_nothing_in_focus_stays_unknown():
    assert _texts("That day, the board met again.", "1989-11-01")["That day"].value == "XXXX-XX-XX"


def test_the_year_with_a_year_in_focus_is_that_year():
    text = "In 1987, sales fell. The stock hit a low for the year in May."
    assert _texts(text, "1989-11-01")["the year"].value == "1987"


@pytest.mark.parametrize("text, first, value", [
    ("Two new flights will leave Perth on Monday and Tuesday nights.", "Monday", "XXXX-WXX-1TNI"),
    ("The shop opens Saturday and Sunday mornings.", "Saturday", "XXXX-WXX-6TMO"),
])
def test_a_weekday_coordinated_with_plural_parts_of_day_is_a_set(text, first, value):
    t = _texts(text, "1989-11-01")[first]
    assert (t.type, t.value) == ("SET", value)


def test_coordinated_weekdays_without_a_plural_stay_dates():
    found = _texts("The board met Monday and Tuesday.", "1989-11-01")
    assert (found["Monday"].type, found["Monday"].value) == ("DATE", "1989-10-30")


def test_year_earlier_months_are_a_span_like_the_first_nine_months():
    found = _texts("Net for the year-earlier nine months included a gain of $9.7 million.", "1989-10-26")
    t = found["the year-earlier nine months"]
    assert (t.type, t.value) == ("DURATION", "P9M")
    assert "nine months" not in found
    assert _texts("In the year-ago quarter, it lost money.", "1989-10-26")["the year-ago quarter"].value == "1988-Q3"


@pytest.mark.parametrize("text, extent, value, mod", [
    ("Revenue fell through the first nine months of the year.", "the year", "1989", ""),
    ("In 1987, sales fell in the first half of the year.", "the first half of the year", "1987-H1", ""),
    ("Sales should recover in the second half of the year.", "the second half of the year", "1989-H2", ""),
    ("Discounting marked the last half of the '80s.", "the last half of the '80s", "198", "END"),
    ("Prices rose in the first half of the 1970s.", "the first half of the 1970s", "197", "START"),
])
def test_parts_of_the_year_and_of_decades(text, extent, value, mod):
    t = _texts(text, "1989-11-01")[extent]
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize("text, extent, value", [
    ("Losses will go on through at least the first two quarters of 1990.",
     "at least the first two quarters of 1990", "1990-H1"),
    ("Sales grew in the last two quarters of 1988.", "the last two quarters of 1988", "1988-H2"),
])
def test_two_quarters_of_a_year_are_its_half(text, extent, value):
    found = _texts(text, "1989-11-01")
    assert (found[extent].type, found[extent].value) == ("DATE", value)
    assert not any(t.isdigit() for t in found)  # the year is inside the expression, not apart


@pytest.mark.parametrize("text, kept", [
    ("Funds account for more than a quarter of the entire market.", []),
    ("Three quarters of the voters agreed.", []),
    ("Profit fell in a quarter of 1989 that saw heavy losses.", ["a quarter", "1989"]),
    ("The plant was idle for a quarter.", ["a quarter"]),
])
def test_a_quarter_of_a_non_time_noun_is_a_fraction(text, kept):
    assert list(_texts(text, "1989-11-01")) == kept


@pytest.mark.parametrize("text, extent, value, mod", [
    ("He was shot at 10 p.m. Just over an hour later, he was declared dead.", "over an hour", "PT1H", "MORE_THAN"),
    ("Two hours later, the fire was out.", "Two hours", "PT2H", ""),
    ("Ten minutes earlier the alarm rang.", "Ten minutes", "PT10M", ""),
])
def test_hours_later_are_the_span_between_the_two_times(text, extent, value, mod):
    t = _texts(text, "1998-10-24")[extent]
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)


def test_days_later_stay_dates_counted_from_the_focus():
    t = _texts("The bank failed on Oct. 12. Three days later, regulators moved in.", "1998-10-24")["Three days later"]
    assert (t.type, t.value) == ("DATE", "1998-10-15")


@pytest.mark.parametrize("text, extent, value", [
    ("The firm was founded on June 16th of last year in a garage.", "June 16th of last year", "2015-06-16"),
    ("The plant reopens on May 3 next year.", "May 3 next year", "2017-05-03"),
    ("It was signed on the 3rd of May this year.", "the 3rd of May this year", "2016-05-03"),
])
def test_month_day_of_a_deictic_year_takes_that_year(text, extent, value):
    # written 2016-10-05: the day belongs to the year the deictic names, not to the article's
    found = _texts(text, "2016-10-05")
    assert found[extent].value == value


def test_last_years_possessive_is_not_read_as_the_days_year():
    found = _texts("On June 16 last year's winner spoke.", "2016-10-05")
    assert "June 16 last year" not in found
    assert found["June 16"].value == "2016-06-16"


@pytest.mark.parametrize("text, dct, extent, value", [
    # written in late July: "the Nov. 8 election" is the coming one even in a past clause ...
    ("Officials said Russia tried to influence the Nov. 8 election.", "2016-07-31", "Nov. 8", "2016-11-08"),
    # ... while a past clause keeps a date about as far back as ahead (195 days back, 170 ahead)
    ("Police have searched for him since the Oct. 23 slaying.", "1999-05-06", "Oct. 23", "1998-10-23"),
    # a date the verb governs follows the tense as before
    ("The talks ended on Nov. 8, officials said.", "2016-07-31", "Nov. 8", "2015-11-08"),
    # with no tense, a near tie goes to the past (mid-March: 186 days back, 180 ahead) ...
    ("He praises the law passed after the Sept. 11 floods.", "2016-03-15", "Sept. 11", "2015-09-11"),
    # ... and a coming day clearly nearer stays the coming one
    ("He praises the plan for the May 2 vote.", "2016-03-15", "May 2", "2016-05-02"),
])
def test_which_year_a_month_day_without_one_takes(nlp_md, text, dct, extent, value):
    assert _texts(text, dct, nlp=nlp_md)[extent].value == value


def test_a_noun_spelled_like_a_planning_verb_gives_no_tense(nlp_md):
    # "plan" heads the phrase the participle modifies; it is not "planned", so Monday is the past one
    found = _texts("The council plan rejected on Monday was close to an older proposal.", "2016-06-22", nlp=nlp_md)
    assert found["Monday"].value == "2016-06-20"
