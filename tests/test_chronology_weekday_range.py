"""The week a weekday names, relative to its article, from the tense of its clause."""
from storyline.chronology.bounds import read_cues
from storyline.chronology.infer import relative_range


def _range(text: str, word: str):
    cue = next(c for c in read_cues("x", text) if c.text.startswith(word))
    return relative_range(text, cue)


def test_past_verb_after_the_weekday_still_places_it_in_the_week_before():
    # the past marker ("was") follows the weekday, and "late" is not a preposition
    assert _range("Late Tuesday the minister was flown to the flooded valley .", "Tuesday") == (-7, 0)


def test_unmarked_on_weekday_in_news_prose_is_the_week_before():
    assert _range("Rescue crews on Tuesday reached the last villages cut off by the flood .", "Tuesday") == (-7, 0)


def test_future_marker_before_the_weekday_places_it_after():
    assert _range("The minister will visit the valley on Friday .", "Friday") == (0, 7)


def test_weekday_with_no_preposition_and_no_tense_stays_open():
    assert _range("Tuesday also marks the start of the rainy season in the valley .", "Tuesday") == (-7, 7)
