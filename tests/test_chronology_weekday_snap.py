"""Weekday-aligned dating: an event named by its weekday, whose calendar range (from the
other evidence) holds that weekday once, falls on that day; the articles tied to it follow."""
from storyline.chronology.infer import Doc, solve_docs

# invented countries and town: the rule knows only the calendar and the tense of the text
SIGNED = ("u1", "The trade ministers of Arvania and Belloria met on Monday in Carsgate and signed the fisheries "
          "accord after marathon talks. The final draft was circulated on March 8, 2011 by negotiators. A "
          "ratification vote is scheduled for March 12, 2011 in both parliaments.")
CELEBRATED = ("u2", "Fishermen in Carsgate celebrated yesterday after the trade ministers of Arvania and Belloria "
              "signed the fisheries accord following marathon talks. Harbour masters said quotas would change.")


def _intervals(snap: bool, first=SIGNED):
    chron = solve_docs([Doc(i, t) for i, t in (first, CELEBRATED)], snap=snap)
    return {iv.article_id: iv for iv in chron.intervals}


def test_a_weekday_with_one_fit_in_its_range_dates_the_event_and_the_linked_article():
    iv = _intervals(snap=True)
    # u1 lies in [Mar 8, Mar 12] 2011, so its past "Monday" is within [Mar 1, Mar 12]: only Mar 7
    assert (iv["u1"].earliest, iv["u1"].latest) == ("2011-03-08", "2011-03-12")
    # u2 says "yesterday" of the same signing: Mar 8, with the weekday step in its evidence
    assert (iv["u2"].earliest, iv["u2"].latest) == ("2011-03-08", "2011-03-08")
    assert any("weekday_in_range[2011-03-01..2011-03-12]" in e.rule for e in iv["u2"].evidence)


def test_without_the_weekday_step_the_linked_article_keeps_the_week_wide_range():
    iv = _intervals(snap=False)
    assert (iv["u2"].earliest, iv["u2"].latest) == ("2011-03-02", "2011-03-13")


def test_two_fits_in_the_range_leave_the_event_open():
    # u1 now lies in [Mar 1, Mar 12]: its Monday may be Feb 28 or Mar 7 (range wider than a week)
    wider = (SIGNED[0], SIGNED[1].replace("March 8, 2011", "March 1, 2011"))
    iv = _intervals(snap=True, first=wider)
    assert iv["u2"].earliest != iv["u2"].latest
    assert not any("weekday_in_range" in e.rule for e in iv["u2"].evidence)
