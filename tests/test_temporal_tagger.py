"""Tagging and normalization of a news brief, with and without a publication date."""
from storyline.records import Article
from storyline.temporal.tagger import tag, tag_text


def _brief(fixtures_dir):
    return (fixtures_dir / "temporal" / "brief.txt").read_text().strip()


def _by_text(timexes):
    return {t.text: t for t in timexes}


def test_brief_resolves_against_its_date(fixtures_dir):
    text = _brief(fixtures_dir)
    got = _by_text(tag_text(text, "2025-08-20"))  # a Wednesday
    expected = {
        "Friday": ("DATE", "2025-08-15"),            # "said on Friday": the past one
        "Tuesday evening": ("TIME", "2025-08-19TEV"),
        "Four days later": ("DATE", "2025-08-23"),   # four days after Tuesday, the date in focus
        "two weeks": ("DURATION", "P2W"),
        "three-year": ("DURATION", "P3Y"),
        "February": ("DATE", "2026-02"),             # "will be held in February"
        "later this week": ("DATE", "2025-W34"),
        "last month": ("DATE", "2025-07"),
        "next year": ("DATE", "2026"),
    }
    for text_, (type_, value) in expected.items():
        assert text_ in got, f"missing {text_!r}: {sorted(got)}"
        assert (got[text_].type, got[text_].value) == (type_, value), text_
    assert got["Four days later"].anchor == "focus"
    assert got["later this week"].mod == "END"
    assert got["two weeks"].point == "2025-W36"  # "In two weeks ... may end"
    for t in got.values():
        assert text[t.start:t.end] == t.text
        assert t.rule and t.source and 0 < t.confidence <= 1


def test_brief_without_a_date_invents_nothing(fixtures_dir):
    text = _brief(fixtures_dir)
    got = _by_text(tag_text(text, None))
    assert got["Friday"].value == "XXXX-WXX-5" and got["Friday"].tense == "past"
    assert got["Tuesday evening"].value == "XXXX-WXX-2TEV"
    assert got["Four days later"].value == "XXXX-XX-XX"
    assert got["Four days later"].underspecified == "REF+4D"
    assert got["later this week"].value == "XXXX-WXX" and got["later this week"].underspecified == "DCT+0W"
    assert got["last month"].value == "XXXX-XX"
    assert got["next year"].value == "XXXX"
    assert got["February"].value == "XXXX-02"
    for t in got.values():
        assert t.anchor != "dct"
        assert t.value.startswith(("XXXX", "P")), t  # no year, hence no calendar date, is made up


def test_tense_from_the_parse_decides_the_weekday(nlp_sm):
    text = "The minister said Friday that the envoys will meet Friday in Geneva."
    doc = nlp_sm(text)
    found = tag(doc, Article(id="a1", text=text, published="2025-08-20"))
    assert [(t.text, t.value, t.tense) for t in found] == [
        ("Friday", "2025-08-15", "past"), ("Friday", "2025-08-22", "future")]


def test_explicit_dates_need_no_reference():
    text = "The treaty was signed on Aug. 7, 1998, and ratified in March 1999 during the 1990s."
    got = _by_text(tag_text(text, None))
    assert got["Aug. 7, 1998"].value == "1998-08-07"
    assert got["March 1999"].value == "1999-03"
    assert got["1990s"].value == "199"  # TimeBank leaves "the" out of decades


def test_a_holiday_with_its_year_is_that_years_day_and_a_holiday_thing_is_no_date():
    text = "Stores sold Christmas trees and Easter eggs. The fire broke out at Easter 2015, and " \
           "the mill reopened on Labor Day, 1999."
    for dct in (None, "2016-09-28"):
        got = _by_text(tag_text(text, dct))
        assert got["Easter 2015"].value == "2015-04-05"      # a computed holiday of the year written
        assert got["Labor Day, 1999"].value == "1999-09-06"
        assert "Christmas" not in got and "Easter" not in got  # trees and eggs are things


def test_not_time_expressions():
    text = "He may be right, she said, adding that the 6-year-old boy and 1990 shares were sold."
    assert [t.text for t in tag_text(text, "2025-08-20")] == []


def test_datetime_dct_default_date_and_empty_text():
    text = "The vote was held yesterday, officials said."
    [t] = tag_text(text, "2025-08-20T23:30:00+02:00")
    assert (t.text, t.value, t.anchor) == ("yesterday", "2025-08-19", "dct")
    guessed = tag(None, Article(id="a", text=text, published="2025-08-20", date_is_default=True))
    assert guessed[0].value == "2025-08-19" and guessed[0].confidence < t.confidence
    assert tag_text("", "2025-08-20") == []
    assert tag_text("No time here.", None) == []


def test_counts_parts_of_day_and_spelled_days():
    got = _by_text(tag_text("The rescue began on March eighth and took a couple of days; the divers "
                            "resurfaced the following evening.", "1998-03-05"))
    assert got["a couple of days"].value == "P2D"
    assert got["March eighth"].value == "1998-03-08"
    assert got["the following evening"].value == "1998-03-09TEV"
    got = _by_text(tag_text("Shares closed above the previous Friday's level.", "1989-10-27"))
    assert got["the previous Friday"].value == "1989-10-20"


def test_year_ago_adjectives_count_from_the_article_date():
    text = "Sales peaked in 1988. The year-ago results included a gain; a year earlier, it lost money."
    got = _by_text(tag_text(text, "1989-10-27"))
    assert got["The year-ago results"].value == "1988"  # "ago": from the article's present
    assert got["a year earlier"].value == "1987"  # "earlier": from the year in focus
