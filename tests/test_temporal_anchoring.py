"""Anchors read from the text (fourth round of issue 4): anaphoric weekdays ("the previous
Friday"), days counted from a weekday ("the day before last Tuesday"), and the tense of a
participle clause without auxiliaries."""
from storyline.temporal.tagger import tag_text
from storyline.temporal.values import resolve_value, unresolved
from storyline.temporal.values import parse_reference

FRIDAY = "2021-03-26"  # a Friday


def _tag(text, nlp=None, dct=FRIDAY):
    return {t.text: t for t in tag_text(text, dct, nlp=nlp)}


def test_the_previous_weekday_counts_back_from_the_day_in_focus():
    found = _tag("The strike began on Wednesday, March 3. The previous Friday, the union had voted for it.")
    assert found["The previous Friday"].value == "2021-02-26"
    assert found["The previous Friday"].anchor == "focus"


def test_the_following_weekday_counts_on_from_the_day_in_focus():
    found = _tag("The talks opened on Tuesday, March 2. The following Friday, the envoys left.")
    assert found["The following Friday"].value == "2021-03-05"


def test_the_previous_weekday_without_a_day_in_focus_counts_from_the_article_date():
    assert _tag("Shares fell 4% from the previous Friday.")["the previous Friday"].value == "2021-03-19"
    # no article date: the weekday stays underspecified
    assert {t.text: t.value for t in tag_text("Shares fell from the previous Friday.", None)} == {
        "the previous Friday": "XXXX-WXX-5"}


def test_the_day_before_or_after_a_weekday_moves_by_one_day():
    assert _tag("The hearing was held the day before last Tuesday.")["the day before last Tuesday"].value == "2021-03-22"
    assert _tag("The decision came the day after Tuesday's vote.")["the day after Tuesday"].value == "2021-03-24"
    # "last" excludes the article's own weekday: the day before last Friday, written on a Friday
    assert _tag("They met the day before last Friday.")["the day before last Friday"].value == "2021-03-18"


def test_day_offsets_in_the_value_grammar():
    ref = parse_reference(FRIDAY)
    assert resolve_value("OFF-1D:XXXX-WXX-2", ref, "past") == "2021-03-22"
    assert resolve_value("OFF+2D:2021-12-31", ref) == "2022-01-02"
    assert resolve_value("OFF-1D:XXXX-WXX-2", None, "past") == "XXXX-XX-XX"
    assert unresolved("OFF-1D:PREV:XXXX-WXX-2") == "XXXX-XX-XX"
    assert resolve_value("RPREV:XXXX-WXX-5", ref, "", "2021-03-03") == "2021-02-26"
    assert resolve_value("RPREV:XXXX-WXX-5", ref, "", "2021-03") == "2021-03-19"  # a month is no day


def test_a_participle_without_auxiliaries_takes_the_tense_of_its_clause(nlp_sm):
    text = "Two new ferries will sail from Dover in May, with the third one starting from August 6."
    found = _tag(text, nlp_sm)
    assert found["August 6"].tense == "future"
    assert found["August 6"].value == "2021-08-06"
    # a passive participle keeps its own past ("the injunction issued Thursday")
    assert _tag("The injunction issued Thursday will be reviewed.", nlp_sm)["Thursday"].value == "2021-03-25"


def test_a_year_earlier_than_a_day_in_focus_is_that_day_a_year_before():
    found = _tag("For the quarter ended Sept. 30, net income rose to $5 million from $4 million a year earlier.",
                 dct="1989-11-02")
    assert found["a year earlier"].value == "1988-09-30"
    # a quarter in focus keeps the quarter; nothing in focus gives the year
    found = _tag("Third-quarter profit rose 8% from a year earlier.", dct="1989-11-02")
    assert found["a year earlier"].value == "1988-Q3"
    assert _tag("Profit rose 8% from a year earlier.", dct="1989-11-02")["a year earlier"].value == "XXXX"


def test_a_24_hour_clock_time_in_utc_keeps_its_zone():
    found = _tag("The jet made its first flight on Tuesday in Seattle at 18:00 UTC.", dct="2009-12-16")
    assert found["18:00 UTC"].value == "2009-12-15T18:00Z"
    assert found["18:00 UTC"].type == "TIME"
    # like any clock time, it belongs to the day in focus; with none mentioned, the day stays unknown
    assert _tag("The launch is set for 08:30 GMT.", dct="2005-04-27")["08:30 GMT"].value == "XXXX-XX-XXT08:30Z"
    # a four-digit time without a colon is not read ("0735 GMT" could be a count)
    assert "0735 GMT" not in _tag("The blast came at 0735 GMT Friday.")


def test_a_span_without_a_unit_keeps_the_unit_unknown():
    for text, phrase in [("Troops will stay for a while.", "a while"),
                         ("The forces may remain in the region for a fairly lengthy period.", "a fairly lengthy period")]:
        found = _tag(text)
        assert found[phrase].type == "DURATION"
        assert found[phrase].value == "PXX"
    # a unit in the text is kept: "for years", "several months"
    assert _tag("The dispute has lasted for years.")["years"].value == "PXY"
    assert _tag("The talks took several months.")["several months"].value == "PXM"


def test_the_short_and_long_term_are_the_future_like_the_near_term():
    for phrase in ("the short term", "the long term", "the near term"):
        found = _tag(f"Prices should fall in {phrase}, analysts said.")
        assert (found[phrase].type, found[phrase].value) == ("DATE", "FUTURE_REF")
    # the compound adjective is no time expression
    assert "short-term" not in " ".join(_tag("The company will reduce short-term debt."))


def test_the_future_of_something_is_no_time_expression():
    assert "the future" not in _tag("Trade is very important to the future of both countries.")
    assert _tag("Both countries will trade more in the future.")["the future"].value == "FUTURE_REF"


def test_the_full_year_is_the_current_one_whatever_year_was_mentioned_last():
    text = "The plant will open in 1992. The chairman forecast higher earnings for the full year."
    assert _tag(text, dct="1989-10-30")["the full year"].value == "1989"
    # plain "for the year" stays anaphoric: the year in focus
    text = "Sales rose in 1987. For the year, profit doubled."
    assert _tag(text, dct="1989-10-30")["the year"].value == "1987"


def test_that_same_day_after_a_month_is_an_unknown_day_of_that_month():
    text = ("The site was closed on Thursday. Doctors on the list were killed, most recently last October "
            "when a sniper shot one. His name was crossed out that same day.")
    found = _tag(text, dct="1999-02-06")
    assert found["last October"].value == "1998-10"
    assert found["that same day"].value == "1998-10-XX"
    # with a day as the latest date, that day
    found = _tag("The ship ran aground on March 23. Tugs arrived that same day.")
    assert found["that same day"].value == "2021-03-23"


def test_the_following_morning_after_a_month_is_a_day_of_that_month():
    text = ('"I will vote for him on Election Day," she wrote. She refused to endorse him at the '
            "convention in July. At a breakfast the following morning, she said so again.")
    found = _tag(text, dct="2016-09-26")
    assert found["the following morning"].value == "2016-07-XXTMO"  # not Election Day + 1
    found = _tag("He landed on March 3. The next day he left; at 08:30 UTC he flew.", dct="2016-09-26")
    assert found["The next day"].value == "2016-03-04"


def test_a_holiday_week_is_the_iso_week_of_the_holiday():
    # Easter 2000 fell on Sunday April 23: its week began on the article's Monday
    assert _tag("Protesters prayed as Easter week began.", dct="2000-04-17")["Easter week"].value == "2000-W16"
    # a past clause a month later: the last one
    assert _tag("Sales rose during Easter week.", dct="2000-05-20")["Easter week"].value == "2000-W16"
    assert _tag("Shops will stay open during Thanksgiving week.", dct="1999-11-01")["Thanksgiving week"].value == "1999-W47"


def test_last_years_quarter_is_the_year_ago_quarter():
    text = "Third-quarter sales rose 5%. Sales for last year's quarter were about $3 million."
    assert _tag(text, dct="1989-11-01")["last year's quarter"].value == "1988-Q3"
    # no quarter in focus: last year's copy of the last completed quarter
    assert _tag("Sales for last year's period were flat.", dct="1989-11-01")["last year's period"].value == "1988-Q3"


def test_a_year_quarter_takes_the_quarter_in_focus():
    text = "Third-quarter net fell 20%. The company earned $3 million in the 1988 quarter."
    assert _tag(text, dct="1989-10-30")["the 1988 quarter"].value == "1988-Q3"
    text = "Profit for the second quarter rose. In the 1988 quarter, it lost money."
    assert _tag(text, dct="1989-08-10")["the 1988 quarter"].value == "1988-Q2"
    assert {t.text: t.value for t in tag_text("It earned more in the 1988 quarter.", None)} == {
        "the 1988 quarter": "1988-QX"}


def test_for_the_fiscal_year_is_the_current_one():
    text = "A drop in net income in 1987 will result in lower earnings for the fiscal year."
    assert _tag(text, dct="1989-11-02")["the fiscal year"].value == "1989"
