"""One event verb in the future in one article and in the past in another (issue 14
follow-up; measured, off by default): the tense comes from the parse."""
from storyline.chronology.tenseshift import tense_of_verb, tense_shift_pairs, verb_tenses

PLAN = "The prime minister will visit Tarnow on Friday to see the new hospital . Doctors are waiting ."
DONE = "The prime minister visited Tarnow on Friday and opened the new hospital . Doctors cheered ."
ELSEWHERE = "The prime minister visited Lodz on Friday and opened a school ."


def _readings(nlp, texts):
    return {k: verb_tenses(nlp(t), k) for k, t in texts.items()}


def test_verb_tense_from_the_parse(nlp_sm):
    doc = nlp_sm("She will visit the plant . He visited the plant . They had met twice . "
                 "The minister is due to visit the port . He would visit if asked .")
    got = {(t.text, tense_of_verb(t)) for t in doc if t.pos_ == "VERB"}
    assert ("visit", "future") in got and ("visited", "past") in got and ("met", "past") in got
    assert {tense for text, tense in got if text == "visit"} >= {"future", ""}  # "would visit" stays open


def test_future_then_past_of_one_visit_orders_the_articles(nlp_sm):
    texts = {"done": DONE, "plan": PLAN}
    pairs = tense_shift_pairs(texts, _readings(nlp_sm, texts))
    assert [(a, b) for a, b, _ in pairs] == [("plan", "done")]
    ev = pairs[0][2]
    assert PLAN[ev.start:ev.end] == "visit" and ev.tense == "future"
    assert ev.rule == "tense.future_then_past[visit: tarnow]"


def test_no_shared_name_no_pair(nlp_sm):
    texts = {"plan": PLAN, "else": ELSEWHERE}
    assert tense_shift_pairs(texts, _readings(nlp_sm, texts)) == []
