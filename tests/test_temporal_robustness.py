"""The temporal stage never raises: far-away years, odd dates and arbitrary text degrade gracefully."""
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.temporal.tagger import tag_text
from storyline.temporal.values import parse_reference, resolve_value


def _values(text, dct):
    return {t.text: t.value for t in tag_text(text, dct)}


def test_years_before_the_common_era_become_bc_values():
    # 2009 - 2500 = astronomical year -491, i.e. 492 BC
    assert _values("Over 2,500 years ago the city was founded.", "2009-05-01") == {"2,500 years ago": "BC0492"}
    assert _values("The cave was painted 40,000 years ago.", "2020-01-01")["40,000 years ago"] == "BC37981"  # 2020 - 40000 = -37980


def test_shifts_in_small_units_beyond_the_calendar_do_not_raise():
    found = _values("Some 3,000,000 days ago the river changed course.", "2009-05-01")
    assert found["3,000,000 days ago"].startswith("BC")
    # past year 9999 four digits cannot write the year: only the direction is known
    assert resolve_value("DCT+9000Y", date(2009, 5, 1)) == "FUTURE_REF"
    assert resolve_value("DCT+1D", date(9999, 12, 31)) == "FUTURE_REF"


def test_references_at_the_edge_of_the_calendar_stay_unresolved():
    assert resolve_value("XXXX-12-25", date(9999, 12, 31), "future") == "XXXX-12-25"
    assert resolve_value("XXXX-WXX-5", date(1, 1, 1), "past") == "XXXX-WXX-5"
    assert resolve_value("NEXT:XXXX-11-W4-4", date(9999, 12, 1)) == "XXXX-11-W4-4"


def test_malformed_dcts_are_no_reference():
    assert parse_reference("20091399") is None  # month 13
    assert parse_reference("0000-01-01") is None
    assert parse_reference("2009-02-30") is None
    assert parse_reference("20091231") == date(2009, 12, 31)
    # "Friday" with an unusable DCT keeps its X's instead of crashing or guessing
    assert _values("They met on Friday.", "2009-13-45") == {"Friday": "XXXX-WXX-5"}


_WORDS = ["Friday", "last", "next", "week", "weekend", "years", "days", "ago", "later", "earlier", "the",
          "1998", "0001", "9999", "May", "Dec.", "31", "2,500", "10,000,000", "a", "year", "quarter",
          "fourth", "century", "20th", "1990s", "'90s", "Christmas", "Easter", "by", "until", "tonight",
          "10:30", "p.m.", "o'clock", "twice", "every", "half", "and", "1/2", "nineteen", "ninety",
          "of", "since", "before", "same", "that", "day", "following", "summer", "this", "month"]
_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=8)), max_size=14).map(" ".join)
_DCT = st.one_of(
    st.none(),
    st.dates().map(date.isoformat),
    st.from_regex(r"\A\d{4}(-\d\d(-\d\d)?)?(T\d\d:\d\d)?\Z"),
    st.from_regex(r"\A\d{8}\Z"),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, dct=_DCT)
def test_tagging_arbitrary_text_with_arbitrary_dcts_never_raises(text, dct):
    for t in tag_text(text, dct):
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start:t.end]
        assert isinstance(t.value, str)
