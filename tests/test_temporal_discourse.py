"""A month or weekday named again in a clause without tense is the one an earlier clause placed
(fifth round of issue 4)."""
from storyline.temporal.tagger import tag_text


def _values(text, dct, nlp):
    return [(t.text, t.value) for t in tag_text(text, dct, nlp=nlp)]


def test_a_repeated_month_without_tense_keeps_the_earlier_placement(nlp_md):
    text = ("The three countries are expected to join in April. They also can take part in planning "
            "for the summit in April.")
    assert _values(text, "1998-12-05", nlp_md) == [("April", "1999-04"), ("April", "1999-04")]


def test_a_month_without_tense_and_no_earlier_mention_keeps_the_news_default(nlp_md):
    text = "They also can take part in planning for the summit in April."
    assert _values(text, "1998-12-05", nlp_md) == [("April", "1998-04")]


def test_sentence_initial_now_with_a_comma_is_a_discourse_marker():
    assert tag_text("Now, he says, the plan looks different.", "1998-12-05") == []
    found = [(t.text, t.value) for t in tag_text("Now the alliance is bigger. It is raining now, he said.",
                                                 "1998-12-05")]
    assert found == [("Now", "PRESENT_REF"), ("now", "PRESENT_REF")]


def test_the_day_before_an_event_in_apposition_to_a_date_is_that_date():
    found = [(t.text, t.value) for t in tag_text(
        "Eight trading days after Oct. 12, the day before the stock market plunge, shares fell.", "1989-10-30")]
    assert found == [("Oct. 12", "1989-10-12"), ("the day", "1989-10-12")]
    # without the apposition "the day before" still counts back from the date in focus
    found = [(t.text, t.value) for t in tag_text("He left on Oct. 12. He had called the day before.", "1989-10-30")]
    assert found == [("Oct. 12", "1989-10-12"), ("the day before", "1989-10-11")]


def test_an_extended_deadline_lies_ahead(nlp_md):
    # written Monday 2000-04-03: the deadline the agency extended is the coming Tuesday
    found = [(t.text, t.value) for t in tag_text(
        "The agency extended its deadline until 9 a.m. Tuesday.", "2000-04-03", nlp=nlp_md)]
    assert found == [("9 a.m. Tuesday", "2000-04-04T09:00")]
    found = [(t.text, t.value) for t in tag_text(
        "Lenders have extended the company $90 million in loans through January.", "1989-10-30", nlp=nlp_md)]
    assert found == [("January", "1990-01")]
