"""What one article's own sentences bound, and what they must not."""
from storyline.chronology.bounds import read_cues
from storyline.chronology.infer import infer_texts


def _interval(text, date=None):
    chron = infer_texts([("x", text, date)])
    iv = chron.intervals[0]
    return iv.earliest, iv.latest, iv


def test_past_full_date_is_a_lower_bound_with_evidence():
    lo, hi, iv = _interval("On March 7 , 2011 the rebels took the coastal town after a long siege .")
    assert (lo, hi) == ("2011-03-07", None)
    ev = iv.evidence[0]
    assert ev.kind == "lower" and ev.rule == "date.mdy" and ev.tense == "past"
    assert "rebels took" in ev.text


def test_future_date_is_an_upper_bound():
    lo, hi, _ = _interval("The trial of the two officers will start on Feb. 27 , 2012 in the capital .")
    assert (lo, hi) == (None, "2012-02-27")


def test_an_event_expected_or_planned_on_a_date_bounds_the_article_from_above():
    for text in ("The party caucus is expected on June 10 , 2031 to settle the bill .",
                 "A vote planned for June 10 , 2031 will settle the bill ."):
        assert _interval(text)[:2] == (None, "2031-06-10"), text
    # a plan that was, not one that is: no upper bound
    assert _interval("The party caucus was expected on June 10 , 2031 but never met .")[1] is None


def test_month_and_year_precision():
    assert _interval("The company collapsed in June 2009 , leaving debts .")[:2] == ("2009-06-01", None)
    assert _interval("The new bridge will open in 2031 , the ministry said .")[:2] == (None, "2031-12-31")


def test_conditional_and_reported_plans_bound_nothing():
    assert _interval("The vote would have been held on May 3 , 2010 if the court had agreed .")[:2] == (None, None)
    assert _interval("The ship was to sail on 4 July 2010 but never left port .")[:2] == (None, None)


def test_promise_dated_before_a_future_clause_is_not_an_upper_bound():
    # the date belongs to the promise (past), not to the future "will"
    lo, hi, _ = _interval("He made the promise to Congress on May 18 , 2010 that he will clean up the agency .")
    assert hi is None


def test_reader_comments_are_ignored():
    text = ("Officials met in the capital to discuss the outbreak , which began on 2 April 2009 . "
            "Schools in the region stay open and the ministry is sending more nurses to the clinics . "
            "Reader comments Posted by traveller 2 May 2012 I visited the square last year .")
    lo, hi, _ = _interval(text)
    assert (lo, hi) == ("2009-04-02", None)


def test_nothing_invented_without_dates():
    lo, hi, iv = _interval("The minister will meet union leaders on Friday to discuss the strike .")
    assert (lo, hi) == (None, None) and iv.evidence == ()


def test_cues_carry_offsets_and_tense():
    text = "Ministers met on Tuesday . They will meet again tomorrow ."
    cues = read_cues("x", text)
    kinds = {(c.kind, c.text, c.tense) for c in cues}
    assert ("weekday", "Tuesday", "past") in kinds
    assert ("deictic", "tomorrow", "future") in kinds
    for c in cues:
        assert text[c.start:c.end] == c.text


def test_said_yesterday_with_a_dated_anchor_bounds_the_other_article():
    # 2025-03-05 is a Wednesday: "yesterday" in the anchor is Tuesday 2025-03-04
    anchor = ("Officials confirmed yesterday that the bridge over the Vistula river reopened to traffic "
              "after the flood repairs .")
    other = ("The bridge over the Vistula river was reopened to traffic on Tuesday after the flood repairs , "
             "officials confirmed .")
    chron = infer_texts([("A", anchor, "2025-03-05"), ("B", other, None)])
    b = next(iv for iv in chron.intervals if iv.article_id == "B")
    assert b.earliest == "2025-03-04" and b.latest == "2025-03-11"
    assert {e.article_id for e in b.evidence} == {"A", "B"}


def test_will_meet_friday_with_a_dated_anchor_gives_an_upper_bound():
    # the anchor (Saturday 2025-03-15) reports the meeting of Friday 2025-03-14; the other
    # article announced it within the week before
    announce = "Finance ministers will meet in Geneva on Friday to sign the debt accord ."
    report = "Finance ministers met in Geneva on Friday and signed the debt accord ."
    chron = infer_texts([("A", announce, None), ("R", report, "2025-03-15")])
    a = next(iv for iv in chron.intervals if iv.article_id == "A")
    assert a.latest == "2025-03-14" and a.earliest == "2025-03-07"


def test_yearless_date_of_last_year_is_not_placed_in_the_story_year():
    from storyline.chronology.bounds import read_cues
    cues = read_cues("x", "The painter retired to her farm on 14 March last year after a long career .")
    assert not [c for c in cues if c.kind == "monthday"]


def test_yesterday_beside_a_date_fixes_the_article_date():
    lo, hi, iv = _interval("The central bank said yesterday , 31 May 2010 , that it had raised rates .")
    assert (lo, hi) == ("2010-06-01", "2010-06-01")
    assert any("beside_date" in e.rule and e.text.startswith("The central bank") for e in iv.evidence)


def test_a_date_line_under_the_title_is_the_articles_own_date():
    text = ("Harbor reopens after storm\nMarch 06, 2008\n"
            "The harbor reopened on Thursday after a storm closed it for two days in February 2008.")
    lo, hi, iv = _interval(text)
    assert (lo, hi) == ("2008-03-06", "2008-03-06")
    assert any(ev.rule == "date.dateline" and ev.kind == "equal" for ev in iv.evidence)
    stamped = "Harbor reopens\nPublished: Thursday, 6 March 2008 10:32 GMT\nThe harbor reopened."
    assert _interval(stamped)[:2] == ("2008-03-06", "2008-03-06")
    # the line ends without a full stop, so the sentence reader runs it into a future clause:
    # the date line is still the article's date, and its weekday is not read as a past Thursday
    ahead = ("Bridge to reopen\nThursday, March 06, 2008\n"
             "Engineers will reopen the bridge next week once the last checks are done.")
    lo, hi, iv = _interval(ahead)
    assert (lo, hi) == ("2008-03-06", "2008-03-06")
    assert [ev.text for ev in iv.evidence if ev.rule == "date.dateline"] == ["Thursday, March 06, 2008"]


def test_a_date_on_a_line_of_its_own_deep_in_the_story_is_not_a_date_line():
    text = ("Timeline of the strike\nThe union voted to strike.\nTalks failed twice.\nMarch 06, 2008\n"
            "Workers walked out.")
    lo, hi, iv = _interval(text)
    assert hi is None and not any(ev.rule == "date.dateline" for ev in iv.evidence)


def test_the_page_material_rows_skip_only_texts_that_cannot_match_them():
    import re

    from storyline.chronology.bounds import page_matches
    from storyline.chronology.lexicon import _required_words, boilerplate
    assert _required_words(re.compile(r"\bclick here\b", re.I)) == ("click here",)
    assert _required_words(re.compile(r"\b(?:last )?(?:updated|published) (?:on|at)\b", re.I)) == (
        "updated", "published")
    assert _required_words(re.compile(r"(?<![A-Za-z])Re\s*:", re.I)) == ()  # nothing long enough: always searched
    page = ("The ferry crews ended their strike on Monday . Photo : harbour office . Related stories : "
            "strike talks . Posted by Ola at 10:41 . Last updated on 6 March . This page was amended on "
            "7 March . Re : the rosters . Copyright Nordic Wire . She is a former reporter for the paper .")
    unfiltered = tuple((scope, m.start(), m.end()) for scope, rx in boilerplate() for m in rx.finditer(page))
    assert len(unfiltered) >= 7 and page_matches(page) == unfiltered
    assert page_matches("The ferry crews ended their strike on Monday .") == ()
