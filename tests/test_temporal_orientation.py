"""Future-oriented time expressions: deadlines ("by the weekend") and plans ("hoped to ... by Friday")."""
import pytest

from storyline.temporal.tagger import tag_text
from storyline.temporal.tense import inflections

FRIDAY = "2021-03-26"  # a Friday in ISO week 12


def _values(text, nlp=None, dct=FRIDAY):
    return {t.text: t.value for t in tag_text(text, dct, nlp=nlp)}


@pytest.mark.parametrize("use_parse", [False, True])
def test_a_hoped_for_deadline_is_the_coming_weekend(use_parse, nlp_sm):
    text = "Egyptian officials said they hoped to refloat the ship by the weekend."
    assert _values(text, nlp_sm if use_parse else None) == {"the weekend": "2021-W12-WE"}


@pytest.mark.parametrize("use_parse", [False, True])
def test_deadline_prepositions_point_ahead_unless_the_clause_is_past(use_parse, nlp_sm):
    nlp = nlp_sm if use_parse else None
    assert _values("The museum is closed until Monday.", nlp) == {"Monday": "2021-03-29"}
    assert _values("The contract must be signed by Wednesday.", nlp) == {"Wednesday": "2021-03-31"}
    # a deadline already passed in the story's past stays in the past
    assert _values("The crew had cleared the deck by Monday.", nlp) == {"Monday": "2021-03-22"}


def test_plans_in_an_infinitive_point_ahead(nlp_sm):
    text = "The mayor said she intends to open the bridge on Sunday."
    assert _values(text, nlp_sm) == {"Sunday": "2021-03-28"}
    assert _values(text) == {"Sunday": "2021-03-28"}


def test_the_weekend_follows_the_tense_and_last_weekend_does_not():
    assert _values("The rescuers rested over the weekend.") == {"the weekend": "2021-W11-WE"}
    assert _values("The talks will resume after the weekend.") == {"the weekend": "2021-W12-WE"}
    assert _values("The talks will resume after last weekend's break.")["last weekend"] == "2021-W11-WE"


def test_regular_verb_forms_are_generated():
    assert {"hoped", "hopes", "hoping"} <= inflections("hope")
    assert {"planned", "planning", "plans"} <= inflections("plan")
    assert {"pledged", "aimed", "tries"} <= inflections("pledge") | inflections("aim") | inflections("try")


def test_be_with_a_to_infinitive_is_future(nlp_sm):
    text = "The company is to resume trading in Paris on Tuesday."
    assert _values(text, nlp_sm, dct="1989-10-27") == {"Tuesday": "1989-10-31"}
    assert _values(text, dct="1989-10-27") == {"Tuesday": "1989-10-31"}


def test_perfect_tenses_and_since_point_back(nlp_sm):
    # present perfect progressive: the search started in the past
    text = "Police have been searching for him since shortly after the Oct. 23 shooting."
    assert _values(text, nlp_sm, dct="1999-05-06") == {"Oct. 23": "1998-10-23"}
    # "since" marks a past starting point even in a future clause
    assert _values("The road will have been closed since Monday.", nlp_sm) == {"Monday": "2021-03-22"}
    assert _values("The road will have been closed since Monday.") == {"Monday": "2021-03-22"}


def test_past_and_modal_perfects_look_back(nlp_sm):
    monday = "1989-10-30"
    assert _values("The offer had been scheduled to expire at midnight Friday.", nlp_sm, dct=monday) == {
        "midnight Friday": "1989-10-27T24:00"}
    assert _values("Worries about the chip may have caused the decline on Wednesday.", nlp_sm, dct=monday) == {
        "Wednesday": "1989-10-25"}
    # the future perfect still looks ahead
    assert _values("The work will have finished by Wednesday.", nlp_sm, dct=monday) == {"Wednesday": "1989-11-01"}


def test_a_deadline_under_a_present_perfect_points_ahead(nlp_sm):
    wednesday = "2000-04-05"
    text = "The agency has given the relatives until 9 a.m. Tuesday to sign the paper."
    assert _values(text, nlp_sm, dct=wednesday) == {"9 a.m. Tuesday": "2000-04-11T09:00"}
    assert _values("The bank has extended the loans until Friday.", nlp_sm, dct=wednesday) == {"Friday": "2000-04-07"}
    # the past perfect and the simple past keep the deadline behind; "since" is a starting point
    assert _values("The agency had given them until Tuesday to sign.", nlp_sm, dct=wednesday) == {"Tuesday": "2000-04-04"}
    assert _values("The bank kept the branch open until Friday.", nlp_sm, dct=wednesday) == {"Friday": "2000-03-31"}
    # extending (like postponing) moves an end point ahead of the act, in the simple past too
    # (fifth round); the past perfect still looks back
    assert _values("The bank extended the loans until Friday.", nlp_sm, dct=wednesday) == {"Friday": "2000-04-07"}
    assert _values("The bank had extended the loans until Friday.", nlp_sm, dct=wednesday) == {"Friday": "2000-03-31"}
    assert _values("The talks have continued since Friday.", nlp_sm, dct=wednesday) == {"Friday": "2000-03-31"}


@pytest.mark.parametrize("use_parse", [False, True])
def test_a_possessive_weekday_in_a_present_clause_is_a_past_day(use_parse, nlp_sm):
    nlp = nlp_sm if use_parse else None
    monday = "1989-10-30"
    text = "The notes convert at $25 a share, a 24% premium over Thursday's closing price."
    assert _values(text, nlp, dct=monday) == {"Thursday": "1989-10-26"}
    # a future clause keeps the coming day; a weekday without the possessive is unchanged
    assert _values("The board will vote at Thursday's meeting.", nlp, dct=monday) == {"Thursday": "1989-11-02"}


def test_by_naming_the_doer_of_a_passive_is_no_deadline(nlp_sm):
    thursday = "2010-01-14"
    text = "Crews dug out the houses crushed by Tuesday's landslide."
    assert _values(text, nlp_sm, dct=thursday) == {"Tuesday": "2010-01-12"}
    # "by" before a deadline still points ahead
    assert _values("Lawmakers must file their amendments by Tuesday's deadline.", nlp_sm,
                   dct=thursday) == {"Tuesday": "2010-01-19"}


def test_a_perfect_infinitive_lies_before_the_verb_governing_it(nlp_sm):
    thursday = "2010-01-14"
    assert _values("Dozens are expected to have drowned in Tuesday's flood.", nlp_sm,
                   dct=thursday) == {"Tuesday": "2010-01-12"}
    assert _values("The suspect is believed to have fled the country on Monday.", nlp_sm,
                   dct=thursday) == {"Monday": "2010-01-11"}
    # a plain infinitive under "expected" still looks ahead
    assert _values("The minister is expected to travel to Paris on Monday.", nlp_sm,
                   dct=thursday) == {"Monday": "2010-01-18"}


def test_a_phrasal_verb_is_not_the_verb_it_is_built_on(nlp_sm):
    thursday = "2010-01-14"
    # "set up" is not "set" (a plan verb: "set a date for Monday")
    assert _values("The club has set up a fund to support the families of Tuesday's landslide victims.",
                   nlp_sm, dct=thursday) == {"Tuesday": "2010-01-12"}
    assert _values("The government set a date for Monday.", nlp_sm, dct=thursday) == {"Monday": "2010-01-18"}


def test_a_phrasal_verb_of_postponing_moves_its_day_ahead(nlp_sm):
    wednesday = "2024-05-08"
    # "put off" and "push back" are "postpone": the day they move to lies ahead
    assert _values("The vote was put off until Monday.", nlp_sm, dct=wednesday) == {"Monday": "2024-05-13"}
    assert _values("The council pushed back the hearing to Friday.", nlp_sm, dct=wednesday) == {"Friday": "2024-05-10"}
    # "put" and "push" alone are no plan verbs
    assert _values("The council put the plan to a vote on Monday.", nlp_sm, dct=wednesday) == {"Monday": "2024-05-06"}
