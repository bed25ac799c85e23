"""Event extraction on sentences written for these tests."""
import pytest

from storyline.events.extract import extract_events, precision_of
from storyline.pipeline import analyse_doc
from storyline.records import Article


def analyse(nlp, text, published=None):
    art = Article(id="t", text=text, published=published)
    return analyse_doc(nlp(text), art)


def only(events, trigger):
    hits = [e for e in events if e.trigger == trigger]
    assert hits, [e.trigger for e in events]
    return hits[0]


def test_negative_conjunctions_negate_the_event(nlp_md):
    nor = analyse(nlp_md, "The ministers will not meet on Monday. Nor will they sign the treaty.", "2024-03-04")
    assert only(nor.events, "sign").modality == "negated"
    both = analyse(nlp_md, "The rebels would neither attack the town nor withdraw from it.", "2024-03-04")
    assert only(both.events, "attack").modality == "negated"
    assert only(both.events, "withdraw").modality == "negated"
    plain = analyse(nlp_md, "They will sign the treaty and withdraw their troops.", "2024-03-04")
    assert only(plain.events, "sign").modality == "planned"
    assert only(plain.events, "withdraw").modality == "planned"


def test_an_event_dated_before_the_article_is_not_planned_under_a_future_verb(nlp_md):
    an = analyse(nlp_md, "The memoir will describe her long 2008 battle with the regulators.", "2016-07-27")
    assert only(an.events, "battle").modality == "happened"
    ahead = analyse(nlp_md, "The two leaders will meet on Friday.", "2016-07-27")
    assert only(ahead.events, "meet").modality == "planned"


def test_a_spill_or_a_death_is_no_plan_of_the_verb_it_is_the_object_of(nlp_md):
    for text in ("The governor pledged to contain the spill within a week.",
                 "The cabinet offered a plan to compensate fishermen for the spill.",
                 "The firm means to resume work off the north coast after the oil spill."):
        spill = only(analyse(nlp_md, text, "2010-05-10").events, "spill")
        assert spill.type == "ACCIDENT" and spill.modality != "planned", (text, spill.modality)
    summit = only(analyse(nlp_md, "The leaders plan to attend the summit in Geneva.", "2010-05-10").events, "summit")
    assert summit.modality == "planned"  # a meeting is scheduled; a spill is not
    feared = analyse(nlp_md, "The ferry will sink if the pumps fail.", "2010-05-10")
    assert only(feared.events, "sink").modality == "hypothetical"  # its own words still count


def test_a_plan_told_in_the_past_perfect_is_no_plan_still_on(nlp_md):
    for text in ("The envoy had been scheduled to visit the three islands.",
                 "The ministers had planned to meet in Oslo before the storm."):
        ev = analyse(nlp_md, text, "2010-05-10").events
        assert only(ev, "visit" if "visit" in text else "meet").modality == "hypothetical", text
    on = analyse(nlp_md, "The ministers are scheduled to meet in Oslo on Friday.", "2010-05-10")
    assert only(on.events, "meet").modality == "planned"


def test_a_vehicle_sinking_and_the_harm_a_crash_does_are_the_accident(nlp_md):
    rig = analyse(nlp_md, "The drilling rig sank on Thursday after burning for two days.", "2010-04-23")
    assert only(rig.events, "sank").type == "ACCIDENT"
    shares = analyse(nlp_md, "Shares sank on Thursday.", "2010-04-23")
    assert all(e.type != "ACCIDENT" for e in shares.events)
    bus = analyse(nlp_md, "The bus crashed on the motorway, killing four.", "2010-04-23")
    assert only(bus.events, "crashed").type == "ACCIDENT"
    assert only(bus.events, "killing").type == "ACCIDENT"  # the crash's harm, no assault


def test_a_quake_named_by_its_weekday_is_the_last_such_day_even_under_would(nlp_md):
    # written on Wednesday 13 January: "Tuesday's quake" is the day before, though "would" follows
    an = analyse(nlp_md, "It was clear at once that Tuesday 's quake in the capital would be a grave "
                         "disaster .", "2010-01-13")
    quake = only(an.events, "quake")
    assert quake.time_value == "2010-01-12" and quake.modality != "planned"
    # a meeting named by its weekday keeps the tagger's reading
    meet = analyse(nlp_md, "Officials said Friday 's summit would go ahead .", "2010-01-13")
    assert only(meet.events, "summit").time_value == "2010-01-15"


def test_a_relative_clause_with_its_own_subject_is_no_plan_of_what_governs_its_noun(nlp_md):
    an = analyse(nlp_md, "They plan to meet the envoy who visited the capital .", "2024-05-06")
    assert only(an.events, "meet").modality == "planned"
    assert only(an.events, "visited").modality == "happened"
    an = analyse(nlp_md, "The governor has set up a panel into the spill which is sending tar onto the "
                         "beaches .", "2024-05-06")
    assert only(an.events, "sending").modality != "planned"


def test_a_negated_plan_negates_what_was_planned(nlp_md):
    an = analyse(nlp_md, "The senator is not planning to endorse anyone this year.", "2016-05-05")
    assert only(an.events, "endorse").modality == "negated"
    plan = analyse(nlp_md, "The senator is planning to endorse the governor.", "2016-05-05")
    assert only(plan.events, "endorse").modality == "planned"
    said = analyse(nlp_md, "He did not say that the rebels attacked the town.", "2016-05-05")
    assert only(said.events, "attacked").modality != "negated"  # a denied report is not a denied event


def test_announced_meeting_is_planned_with_place_partner_and_day(nlp_sm):
    an = analyse(nlp_sm, "The prime minister of Norway will meet the president of Finland on Friday in Oslo.",
                 "2024-03-04")
    ev = only(an.events, "meet")
    assert ev.type == "CONSULT" and ev.modality == "planned"
    roles = {a.role: a.text for a in ev.arguments}
    assert roles["location"] == "Oslo"
    assert "president" in roles["patient"]
    assert ev.time_value == "2024-03-08" and ev.time_precision == "day"
    # grounded: offsets point at the trigger in the text
    assert an.article.text[ev.start:ev.end] == "meet"


def test_negated_and_conditional_events(nlp_sm):
    neg = analyse(nlp_sm, "Rebel fighters did not attack the convoy.")
    assert only(neg.events, "attack").modality == "negated"
    cond = analyse(nlp_sm, "If the talks fail, the union could strike next week.")
    assert only(cond.events, "strike").modality == "hypothetical"


def test_undated_article_leaves_time_unknown(nlp_sm):
    an = analyse(nlp_sm, "Rebel fighters attacked the convoy near the border.")
    ev = only(an.events, "attacked")
    assert ev.modality == "happened" and ev.time_value is None
    dated = analyse(nlp_sm, "Rebel fighters attacked the convoy near the border.", "2024-05-02")
    assert only(dated.events, "attacked").time_value == "2024-05-02"


def test_event_noun_with_light_verb_gets_the_subject_as_agent(nlp_sm):
    an = analyse(nlp_sm, "The finance ministers held a video conference on Tuesday.", "2024-06-06")
    ev = only(an.events, "conference")
    assert ev.type == "CONSULT"
    assert any(a.role == "agent" and "ministers" in a.text for a in ev.arguments)


def test_positions_with_negated_stance_flip_polarity(nlp_sm):
    an = analyse(nlp_sm, "The governor did not rule out raising taxes.")
    pos = [p for p in an.positions if p.stance == "reject"]
    assert pos and pos[0].polarity == 1 and "taxes" in pos[0].topic and pos[0].negated
    an2 = analyse(nlp_sm, "The governor refused to raise taxes.")
    pos2 = [p for p in an2.positions if p.stance == "reject"]
    assert pos2 and pos2[0].polarity == -1 and pos2[0].holder_text == "The governor" and not pos2[0].negated


def test_all_scope_finds_untyped_events(nlp_sm):
    text = "The storm flooded the valley and the evacuation lasted two days."
    art = Article(id="t", text=text)
    doc = nlp_sm(text)
    typed, _ = extract_events(doc, art, [], [])
    every, _ = extract_events(doc, art, [], [], scope="all")
    assert len(every) > len(typed)
    assert {"flooded", "evacuation"} <= {e.trigger for e in every}


@pytest.mark.parametrize("value,expected", [("2024-03-08", "day"), ("2024-W10", "week"),
                                            ("2024-03", "month"), ("2024", "year"),
                                            ("XXXX-WXX-5", ""), (None, "")])
def test_precision_of(value, expected):
    assert precision_of(value) == expected


def test_a_time_expression_of_another_event_noun_does_not_date_the_trigger(nlp_md):
    an = analyse(nlp_md, "The third summit between the two prime ministers went off calmly, unlike their "
                         "talks in March.", "2024-06-10")
    summit, talks = only(an.events, "summit"), only(an.events, "talks")
    assert summit.timex_index is None and summit.time_value == "2024-06-10"  # the article's day
    assert talks.time_value == "2024-03" and talks.time_precision == "month"


def test_a_light_verb_subject_names_who_their_is(nlp_md):
    an = analyse(nlp_md, "Prime Minister Mark Carney and President Claudia Sheinbaum have opened their "
                         "Toronto talks on Monday.", "2024-06-10")
    talks = only(an.events, "talks")
    agents = [a.text for a in talks.arguments if a.role == "agent"]
    assert any("Carney" in a for a in agents) and any("Sheinbaum" in a for a in agents)
    assert "their" not in agents


def test_event_noun_without_a_rule_takes_its_family_verbs_type(nlp_sm):
    verb = only(analyse(nlp_sm, "Coast guards seized the tanker near the strait on Monday.",
                        "2024-05-08").events, "seized")
    noun = only(analyse(nlp_sm, "A court ordered the seizure of the tanker on Monday.",
                        "2024-05-08").events, "seizure")
    assert verb.type and verb.type != "OTHER"
    assert noun.type == verb.type  # "seizure" has no rule of its own: the family is "seize"


def test_a_position_topic_ends_before_an_adverbial_clause(nlp_md):
    a = analyse(nlp_md, "The president on Monday did not rule out sending troops to join the effort as he "
                        "met with European leaders.", "2025-08-19")
    pos = [p for p in a.positions if "troops" in p.topic]
    assert pos and pos[0].topic == "sending troops to join the effort"


def test_a_future_thing_is_possible_not_planned(nlp_md):
    a = analyse(nlp_md, "Ukraine seeks guarantees against a future Russian invasion. The upcoming talks "
                        "start on Friday.", "2025-08-19")
    assert only(a.events, "invasion").modality == "hypothetical"
    assert only(a.events, "talks").modality == "planned"


def test_criticism_is_against_its_topic_and_a_fronted_day_is_no_topic(nlp_md):
    a = analyse(nlp_md, "The mayor criticized the plan to close the bridge.", "2025-08-19")
    pos = [p for p in a.positions if p.stance == "criticize"]
    assert pos and pos[0].polarity == -1
    b = analyse(nlp_md, "Iran on Tuesday rejected a recent statement issued by the European Union.", "2025-08-19")
    pos = [p for p in b.positions if p.stance == "reject"]
    assert pos and pos[0].topic.startswith("a recent statement") and "Tuesday" not in pos[0].topic


def test_a_topic_headed_by_a_reversing_verb_stands_against_its_object(nlp_md):
    a = analyse(nlp_md, "Iran vowed it would defy the Security Council's decision.", "2025-08-19")
    b = analyse(nlp_md, "Iran refused to heed the Security Council's decision.", "2025-08-19")
    vow = [p for p in a.positions if p.stance == "assure"]
    refuse = [p for p in b.positions if p.stance == "reject"]
    assert vow and refuse and vow[0].polarity == refuse[0].polarity == -1  # both defiance


def test_no_plans_to_meet_is_no_plan(nlp_md):
    a = analyse(nlp_md, "Gedi said he had no plans to meet the officials.", "2025-08-19")
    assert only(a.events, "meet").modality == "negated"
    b = analyse(nlp_md, "Gedi said he plans to meet the officials.", "2025-08-19")
    assert only(b.events, "meet").modality == "planned"


def test_a_day_that_is_what_was_declared_does_not_date_the_declaration(nlp_md):
    a = analyse(nlp_md, "The president has declared January 2 as a national day of mourning.", "2006-12-30")
    ev = only(a.events, "declared")
    assert ev.modality == "happened" and ev.time_value != "2007-01-02"
    b = analyse(nlp_md, "The council met Friday as protesters gathered outside.", "2006-12-30")
    assert only(b.events, "met").time_value == "2006-12-29"


def test_what_will_happen_on_a_condition_is_hypothetical(nlp_md):
    for text in ("If the talks fail, the army will attack the town.",
                 "The army will attack the town if the talks fail.",
                 "Unless a deal is reached, the army will attack the town."):
        a = analyse(nlp_md, text, "2006-12-30")
        assert only(a.events, "attack").modality == "hypothetical", text
    plain = analyse(nlp_md, "The army will attack the town on Monday.", "2006-12-30")
    assert only(plain.events, "attack").modality == "planned"


def test_a_when_clause_of_a_habit_is_no_plan(nlp_md):
    a = analyse(nlp_md, "Typically, he just interrupts me when I ask a question he doesn't like.", "2016-07-27")
    assert only(a.events, "ask").modality != "planned"
    b = analyse(nlp_md, "Leaders worked to ensure their interests are heard when the two presidents meet.",
                "2016-07-27")
    assert only(b.events, "meet").modality == "planned"


def test_an_end_to_a_war_is_against_it_as_a_verb_or_a_noun_and_expected_stances_are_not_held(nlp_md):
    a = analyse(nlp_md, "The rebels demanded an end to the war. The rebels vowed to end the war.", "2025-08-19")
    assert [p.polarity for p in a.positions if "war" in p.topic] == [-1, -1]
    b = analyse(nlp_md, '"Russia will expect Iran to pledge to freeze its enrichment program," he said.',
                "2025-08-19")
    pledge = [p for p in b.positions if p.stance == "assure"]
    assert pledge and pledge[0].modality == "planned"


def test_a_day_that_bounds_an_event_does_not_date_it(nlp_md):
    a = analyse(nlp_md, "He asked if she would hold a press conference prior to Election Day.", "2016-07-27")
    assert only(a.events, "conference").time_value is None
    b = analyse(nlp_md, "The leaders will meet before March 3. They met on Friday.", "2016-07-27")
    assert only(b.events, "meet").time_value is None and only(b.events, "met").time_value == "2016-07-22"


@pytest.mark.parametrize("text, trigger", [
    ("Maria Lopez addressed the council on Monday, saying the bridge would reopen.", "saying"),
    ("Maria Lopez came to the harbour to inspect the damaged pier.", "inspect"),
    ("Maria Lopez ended the meeting by walking out of the hall.", "walking"),
    ("Maria Lopez agreed to meet the mayor.", "meet"),
])
def test_an_unexpressed_subject_is_the_governing_verbs(nlp_md, text, trigger):
    # participle adjuncts, purpose infinitives and gerunds after a preposition take the subject
    # of the verb they depend on, as complements ("agreed to meet") already did
    art = Article(id="t", text=text)
    an = analyse_doc(nlp_md(text), art)
    events, _ = extract_events(nlp_md(text), art, list(an.mentions), [], scope="all")
    ev = only(events, trigger)
    assert [a.text for a in ev.arguments if a.role == "agent"] == ["Maria Lopez"]


def test_a_clause_with_its_own_subject_keeps_it(nlp_md):
    text = "Maria Lopez left early because the mayor was speaking."
    art = Article(id="t", text=text)
    an = analyse_doc(nlp_md(text), art)
    events, _ = extract_events(nlp_md(text), art, list(an.mentions), [], scope="all")
    ev = only(events, "speaking")
    assert "Maria Lopez" not in [a.text for a in ev.arguments]


def test_a_past_event_without_a_day_takes_the_day_the_narrative_is_on(nlp_md):
    # "demoed" names no day: the Monday named just before, not the Wednesday of the report
    text = "Lena Ortiz unveiled the tablet on Monday. She demoed video calls and praised the screen."
    an = analyse(nlp_md, text, published="2024-05-08")
    assert only(an.events + an.actions, "unveiled").time_value == "2024-05-06"
    demoed = only(an.events + an.actions, "demoed")
    assert demoed.time_value == "2024-05-06" and demoed.timex_index is None
    # with no day named before it, the report's day
    an = analyse(nlp_md, "Lena Ortiz demoed video calls.", published="2024-05-08")
    assert only(an.events + an.actions, "demoed").time_value == "2024-05-08"


def _modality(an, trigger):
    hits = [e for e in an.events + an.actions if e.trigger == trigger]
    assert hits, [e.trigger for e in an.events + an.actions]
    return hits[0].modality


def test_what_a_denial_governs_is_negated_and_a_denied_denial_a_possibility(nlp_md):
    ruled = analyse(nlp_md, "The governor ruled out sending troops to the border.", "2024-03-04")
    assert _modality(ruled, "sending") == "negated"
    open_ = analyse(nlp_md, "The governor did not rule out sending troops to the border.", "2024-03-04")
    assert _modality(open_, "sending") == "hypothetical"
    refused = analyse(nlp_md, "The rebels refused to withdraw from the town.", "2024-03-04")
    assert _modality(refused, "withdraw") == "negated"


def test_a_hope_of_a_threat_to_or_a_vow_to_is_no_event_yet(nlp_md):
    hope = analyse(nlp_md, "The minister said the country should give up the hope of joining the alliance.",
                   "2024-03-04")
    assert _modality(hope, "joining") == "hypothetical"
    threat = analyse(nlp_md, "The minister mentioned the possibility of imposing sanctions or tariffs on the rebels.",
                     "2024-03-04")
    assert _modality(threat, "sanctions") == _modality(threat, "tariffs") == "hypothetical"
    vow = analyse(nlp_md, "The mayor vowed to rebuild the bridge.", "2024-03-04")
    assert _modality(vow, "rebuild") == "planned"


def test_a_clause_with_its_own_subject_is_not_the_possibility_above_it(nlp_md):
    an = analyse(nlp_md, "The president did not rule out sending troops to join the effort as he met with the "
                         "prime minister.", "2024-03-04")
    assert _modality(an, "sending") == "hypothetical"
    assert _modality(an, "met") == "happened"


def test_a_denial_above_a_plan_decides_and_conjuncts_of_one_form_share_the_governor(nlp_md):
    an = analyse(nlp_md, "The mayor once more refused to promise to release the audit.", "2024-03-04")
    assert _modality(an, "release") == "negated"
    both = analyse(nlp_md, "The two leaders plan to meet and sign the treaty.", "2024-03-04")
    assert _modality(both, "meet") == _modality(both, "sign") == "planned"


def test_a_participle_describing_a_noun_is_not_what_governs_the_noun(nlp_md):
    an = analyse(nlp_md, "The trial comes as Nordic troops struggle against fiercer than expected rebels in "
                         "the north of Valdoria, invaded by the alliance after the border attacks.", "2024-03-04")
    assert _modality(an, "invaded") == "happened"
    plan = analyse(nlp_md, "The council plans to rebuild the bridge destroyed by the flood.", "2024-03-04")
    assert _modality(plan, "rebuild") == "planned"


def types_of(events) -> set:
    return {(e.trigger, e.type) for e in events}


def test_hazards_courts_and_offices_are_typed_events(nlp_md):
    """General news beyond diplomacy: natural hazards, accidents, deaths, courts and office."""
    quake = analyse(nlp_md, "An earthquake shook the valley on Monday and a landslide buried the road; "
                            "two hikers died.", "2024-03-04")
    assert types_of(quake.events) >= {("earthquake", "DISASTER"), ("landslide", "DISASTER"), ("died", "DIE")}
    wreck = analyse(nlp_md, "The ferry ran aground near the harbour after a fire in its engine room.", "2024-03-04")
    assert types_of(wreck.events) >= {("ran", "ACCIDENT"), ("fire", "ACCIDENT")}
    # a vehicle that sinks or crashes has an accident; shares and websites do not
    vehicles = analyse(nlp_md, "The ferry sank off the cape, and later a plane crashed near the airfield.", "2024-03-04")
    assert types_of(vehicles.events) >= {("sank", "ACCIDENT"), ("crashed", "ACCIDENT")}
    assert not analyse(nlp_md, "The website crashed under the traffic.", "2024-03-04").events
    court = analyse(nlp_md, "Prosecutors charged the driver with manslaughter, and his trial opens in June; "
                            "the widow has sued the haulage firm.", "2024-03-04")
    assert types_of(court.events) >= {("charged", "CHARGE"), ("trial", "TRIAL"), ("sued", "SUE")}
    office = analyse(nlp_md, "The mayor resigned on Friday and the council appointed her deputy.", "2024-03-04")
    assert types_of(office.events) >= {("resigned", "RESIGN"), ("appointed", "APPOINT")}


def test_words_that_name_something_else_in_news_are_no_hazard(nlp_md):
    market = analyse(nlp_md, "Shares sank 5 percent and the chairman fired back at his critics.", "2024-03-04")
    assert not market.events  # "sank" and "fired" are no typed verbs
    kinds = analyse(nlp_md, "He faces the death penalty. A tsunami warning was issued, and the fire department "
                    "closed the beach.",
                    "2024-03-04")
    # a noun modifying another noun names a kind of thing, not a happening
    assert not any(e.trigger in ("death", "fire", "tsunami") for e in kinds.events)
    shots = analyse(nlp_md, "Soldiers opened fire on the convoy.", "2024-03-04")
    assert ("fire", "ASSAULT") in types_of(shots.events)
    # criticism, a price, a habit and a memo are no fire, charge, resignation or spill
    for text in ("The mayor came under fire for the decision.", "The utility charged households a new fee.",
                 "He quit smoking last year.", "The leak of the memo embarrassed the minister."):
        assert not analyse(nlp_md, text, "2024-03-04").events, text
    court = analyse(nlp_md, "Prosecutors charged the driver with manslaughter.", "2024-03-04")
    assert ("charged", "CHARGE") in types_of(court.events)


def test_a_hazard_as_subject_makes_its_verb_part_of_the_hazard_not_an_assault(nlp_md):
    quake = analyse(nlp_md, "A strong earthquake struck the coastal city on Tuesday.", "2024-03-05")
    assert types_of(quake.events) == {("earthquake", "DISASTER"), ("struck", "DISASTER")}
    blast = analyse(nlp_md, "An explosion that killed four miners tore through the pit.", "2024-03-05")
    assert ("killed", "ACCIDENT") in types_of(blast.events)
    threat = analyse(nlp_md, "The oil spill threatens the marshes of the delta.", "2024-03-05")
    assert ("threatens", "THREATEN") in types_of(threat.events)  # a threat by the spill is a threat
    troops = analyse(nlp_md, "Rebel fighters struck the town and killed four guards.", "2024-03-05")
    assert types_of(troops.events) >= {("struck", "ASSAULT"), ("killed", "ASSAULT")}


def test_the_page_around_the_story_tells_no_event(nlp_md):
    text = ("Troops advanced on the port city on Monday. This discussion is now closed. "
            "We welcome reader comments that advance a debate with facts.")
    events = analyse(nlp_md, text, "2024-03-05").events  # the typed events the build keeps
    assert [(e.trigger, e.type) for e in events] == [("advanced", "ASSAULT")]
    assert all(e.start < text.index("This discussion") for e in events)
    # "in advance of" is no advance of troops
    met = analyse(nlp_md, "The council met in advance of the vote.", "2024-03-05").events
    assert [e.trigger for e in met] == ["met"]
