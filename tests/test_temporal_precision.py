"""Words that look like time expressions but are not: titles, idioms, the noun "march", the
adjective "recent"; and the past perfect of a plan adjective ("had been due to")."""
import pytest

from storyline.temporal.tagger import tag_text


def _texts(text, dct="1990-08-15"):
    return {t.text: t for t in tag_text(text, dct)}


@pytest.mark.parametrize("text, absent", [
    ('The secretary said on ABC\'s "This Week" program that talks would go on.', "This Week"),
    ("This is VOA Today.", "Today"),
    ("For the people of Poland, high noon comes now.", "noon"),
    ("Thousands joined the annual March for Life on the capital's main avenue.", "March"),
    ("She walked at the head of the March of the Mothers.", "March"),
    ("The recent collapse of the bond market hurt the bank.", "recent"),
])
def test_not_time_expressions(text, absent):
    assert not any(absent in t for t in _texts(text))


@pytest.mark.parametrize("text, present, value", [
    ("This week the talks resumed.", "This week", "1990-W33"),
    ("The company named him chief executive in March for health reasons.", "March", "1990-03"),
    ("Sales have fallen in recent years.", "recent years", "PXY"),
    ("He has recently resigned.", "recently", "PAST_REF"),
    ("Asked about the talks today, the minister was silent.", "today", "1990-08-15"),
])
def test_still_time_expressions(text, present, value):
    found = _texts(text)
    assert found[present].value == value


def test_past_perfect_plan_adjective_looks_back(nlp_md):
    # written on Monday 1989-10-30: the expiry "had been due" on the Friday before
    found = {t.text: t for t in tag_text("The offer was extended to Nov. 16. It had been due to expire "
                                         "Friday evening.", "1989-10-30", nlp=nlp_md)}
    assert found["Friday evening"].value == "1989-10-27TEV"
    ahead = {t.text: t for t in tag_text("The offer is due to expire Friday evening.", "1989-10-30", nlp=nlp_md)}
    assert ahead["Friday evening"].value == "1989-11-03TEV"


@pytest.mark.parametrize("focus, value", [
    ("1989-09-30", "1988-Q3"),  # "the quarter ended Sept. 30" in focus: that quarter, a year before
    ("1989-Q2", "1988-Q2"),  # a quarter in focus: kept
    ("1989-05", "1988-Q2"),  # a month in focus: its quarter
    ("", "1988-Q3"),  # nothing in focus: the last completed quarter, a year before
])
def test_year_ago_quarter_is_a_quarter(focus, value):
    from datetime import date

    from storyline.temporal.values import resolve_value
    assert resolve_value("DCT-1Y~Q", date(1989, 11, 1), "", focus) == value


def test_year_ago_quarter_rule():
    found = _texts("Profit rose to $5 million in the quarter ended Sept. 30 from $4 million in "
                   "the year-ago quarter.", "1989-11-01")
    assert found["the year-ago quarter"].value == "1988-Q3"


@pytest.mark.parametrize("text, expr, value", [
    ("It expects sales in the current fiscal year to rise.", "the current fiscal year", "1989"),
    ("Sales in the latest fiscal year fell 3%.", "the latest fiscal year", "1988"),
    ("It plans to expand next fiscal year.", "next fiscal year", "1990"),
])
def test_deictic_fiscal_years(text, expr, value):
    assert _texts(text, "1989-11-01")[expr].value == value


@pytest.mark.parametrize("text, expr, value", [
    # written on Thursday 1989-10-26, past clause: the date a decision takes effect lies ahead
    ("The bank also created a four-member office of the chairman, effective Feb. 1.", "Feb. 1", "1990-02-01"),
    ("The pay cut became effective Feb. 1.", "Feb. 1", "1989-02-01"),
])
def test_effective_dates_point_ahead(text, expr, value):
    assert _texts(text, "1989-10-26")[expr].value == value


@pytest.mark.parametrize("month, day, tense, value", [
    (1, 0, "past", 1989),  # "brought in a new chief in January" (late October): nine months back
    (1, 31, "past", 1989),  # "the fiscal year ended Jan. 31"
    (11, 16, "past", 1989),  # "said the offer expires Nov. 16": 20 days ahead wins over a year back
    (1, 0, "", 1990),  # no tense read from the clause: the nearest January
    (12, 0, "future", 1989),  # "a mission in December" seen from March stays ahead
])
def test_tense_reach_for_months(month, day, tense, value):
    from datetime import date

    from storyline.temporal.values import _direction, _year_for_day
    ref = date(1989, 10, 27) if month != 12 else date(1989, 3, 4)
    assert _year_for_day(month, day, ref, _direction(tense), tense in ("past", "future")) == value


def test_fronted_weekday_of_a_past_plan_verb_is_when_the_planning_happened(nlp_md):
    # written on Wednesday 1998-09-30
    before = {t.text: t for t in tag_text("On Friday, the government planned to send more aid to the region.",
                                          "1998-09-30", nlp=nlp_md)}
    assert before["Friday"].value == "1998-09-25"
    after = {t.text: t for t in tag_text("The opposition planned a large rally Saturday in the capital.",
                                         "1998-09-30", nlp=nlp_md)}
    assert after["Saturday"].value == "1998-10-03"


def test_year_ago_ordinal_quarter_is_one_expression():
    found = _texts("National Intergroup in the year-ago third quarter earned $22.5 million.", "1989-10-30")
    assert found["the year-ago third quarter"].value == "1988-Q3"
    assert "the year-ago" not in found


def test_mid_afternoon_spelled_apart():
    found = _texts("By mid afternoon, officials were counting the votes.", "1998-03-06")
    assert found["mid afternoon"].value == "1998-03-06TAF"


@pytest.mark.parametrize("text, expr, value", [
    ("Islam will one day be the second largest religion in the country.", "one day", "FUTURE_REF"),
    ("He said the company may someday return to the market.", "someday", "FUTURE_REF"),
    ("Holders may buy shares at 50% of the then current market price.", "then current", "PAST_REF"),
    ("The job lasted only one day.", "one day", "P1D"),
])
def test_generic_future_and_then_current(text, expr, value):
    assert _texts(text, "1998-03-03")[expr].value == value
