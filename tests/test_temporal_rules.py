"""The rule files: well formed, every rule matches its own example, numbers read right."""
import re

import pytest

from storyline.temporal import rules as R


def test_rule_ids_are_unique_and_files_have_headers():
    ids = [r.id for r in R.rules()]
    assert len(ids) == len(set(ids)) > 100
    from importlib import resources
    for name in ("rules.tsv", "repatterns.tsv", "normalization.tsv", "numbers.tsv", "tense.tsv"):
        text = resources.files("storyline.temporal").joinpath("data", name).read_text()
        assert text.startswith("# FORMAT"), name
        header = "\n".join(line for line in text.splitlines()[:20] if line.startswith("#")).lower()
        assert "example" in header, name


@pytest.mark.parametrize("rule", R.rules(), ids=lambda r: r.id)
def test_every_rule_matches_its_example(rule):
    m = rule.pattern.search(rule.example)
    assert m is not None, f"{rule.id}: {rule.example!r}"
    if "reject" not in rule.flags:
        assert R.fill(rule.value, m), rule.id


@pytest.mark.parametrize("text, value", [
    ("twenty four", "24"), ("two", "2"), ("a", "1"), ("1,000", "1000"), ("5 1/2", "5.5"),
    ("two and a half", "2.5"), ("several", "X"), ("a few", "X"), ("two thousand", "2000"),
])
def test_read_number(text, value):
    assert R.read_number(text) == value


@pytest.mark.parametrize("text, value", [
    ("nineteen ninety-seven", "1997"), ("'98", "1998"), ("1989", "1989"), ("two thousand", "2000"),
])
def test_read_year(text, value):
    assert R.read_year(text) == value


@pytest.mark.parametrize("text, value", [
    ("10:35 a.m.", "10:35"), ("10 p.m", "22:00"), ("12 a.m.", "00:00"), ("nine in the evening", "21:00"),
])
def test_read_clock(text, value):
    assert R.read_clock(text) == value


@pytest.mark.parametrize("value, tidy", [
    ("P1.5MIN", "PT1M30S"), ("P2.5Y", "P2Y6M"), ("P5.5H", "PT5H30M"), ("P2DE", "P20Y"), ("P3Q", "P3Q"), ("PXCE", "PXC"), ("PXDE", "PXY"),
    ("PXH", "PTXH"), ("P1W", "P1W"),
])
def test_duration_values(value, tidy):
    assert R.tidy_value(value) == tidy


def test_overlaps_keep_the_longest_and_rejects_block():
    text = "Sales rose in the first nine months of 1989, and he May be back."
    found = {(text[c.start:c.end], c.rule.id) for c in R.match_rules(text)}
    assert ("the first nine months", "dur_past_n") in found
    assert ("1989", "date_year") in found
    assert not any(t == "May" for t, _ in found)


def test_windows_cover_every_match():
    text = ("Nothing to see in this sentence. " * 5) + "The talks ended on Friday, four days later than planned."
    spans = R.windows(text)
    for c in R.match_rules(text):
        assert any(s <= c.start and c.end <= e for s, e in spans)
    assert sum(e - s for s, e in spans) < len(text)


def test_index_levels_are_not_years_and_frequencies_are_sets():
    from storyline.temporal.tagger import tag_text
    found = {t.text: t for t in tag_text("The index closed at 2082.1 points; flights run twice a week.", "1989-10-27")}
    assert "2082" not in found
    assert found["a week"].type == "SET" and found["a week"].value == "P1W"


def test_vague_and_quarter_durations():
    from storyline.temporal.tagger import tag_text
    found = {t.text: t for t in tag_text("Sales fell in recent months and over the past two quarters; "
                                         "the decades-long dispute lasted for centuries.", "1989-10-27")}
    assert (found["recent months"].type, found["recent months"].value) == ("DURATION", "PXM")
    assert found["the past two quarters"].value == "P2Q"
    assert found["decades-long"].value == "PXY"
    assert found["centuries"].value == "PXC"  # a vague count keeps the century unit


def test_couple_of_without_article():
    from storyline.temporal.tagger import tag_text
    found = {t.text: t.value for t in tag_text("Over the next couple of years the plant will close.", "1989-10-27")}
    assert found == {"the next couple of years": "P2Y"}


def test_spaced_counts_before_a_noun_are_durations():
    from storyline.temporal.tagger import tag_text
    found = {t.text: t.value for t in tag_text(
        "Annan wrapped up a three hour meeting after a six year process. A two year old boy watched.",
        "1989-10-27")}
    assert found == {"three hour": "PT3H", "six year": "P6Y"}  # an age is not a time expression


def test_hyphenated_counts_before_compound_nouns():
    from storyline.temporal.tagger import tag_text
    found = {t.text: t.value for t in tag_text("It came at the close of a two-week trading account; "
                                               "day-trading was banned.", "1989-10-27")}
    assert found == {"two-week": "P2W"}


def test_a_date_in_tokenized_text_keeps_its_year():
    # treebank-tokenized copy puts a space before every comma: "Feb. 4 , 2009" is still one date
    from storyline.temporal.tagger import tag_text
    found = {t.text: t.value for t in tag_text("The tanker ran aground on Friday , March 24 , 1989 , off Alaska ; "
                                               "a photo of Feb. 4 , 2009 shows the shore .", "2010-05-11")}
    assert found == {"Friday , March 24 , 1989": "1989-03-24", "Feb. 4 , 2009": "2009-02-04"}
