"""Directional signals between undated articles measured in issue 14's follow-up: a lede
copied into a later article's body, the day cue of a sentence two articles share, running
counts from one event, and one event verb in the future in one article and in the past in
another. All four are off by default; these tests check what each function finds."""
from storyline.chronology.bounds import read_cues
from storyline.chronology.infer import infer_texts, order_pairs
from storyline.chronology.reuse import in_quote, lede_pairs, shared_sentence_links
from storyline.chronology.running import read_counts, running_pairs

LEDE = ("Rescue teams reached the flooded mountain town of Arvon after three days of heavy rain had cut "
        "every road into the valley .")
FIRST = (LEDE + " Nearly two hundred homes stand in water . The regional governor asked for army help . "
         "Schools in the valley are closed .")
FOLLOW = ("Engineers began rebuilding the main bridge into Arvon as the water started to fall . "
          "The army sent four heavy trucks with supplies . Officials said the damage would take months to "
          "repair . Insurers are counting the cost of the storm . " + LEDE.replace("heavy ", "")
          + " Nearly two hundred homes were flooded .")


def test_lede_copied_into_the_body_of_another_article_comes_first():
    pairs = lede_pairs({"first": FIRST, "follow": FOLLOW})
    assert [(a, b) for a, b, _ in pairs] == [("first", "follow")]
    ev = pairs[0][2]
    assert FIRST[ev.start:ev.end].strip() == LEDE
    assert ev.rule.startswith("reuse.lede_to_body[") and "sentence 1 -> 5" in ev.rule
    assert ev.other_article == "follow" and ev.kind == "before_article"


def test_lede_in_both_ledes_or_copied_everywhere_gives_no_order():
    # the same sentence first in both articles: nothing says which came first
    both = LEDE + " The army sent four heavy trucks with supplies ."
    assert lede_pairs({"first": FIRST, "other": both}) == []
    # a sentence four articles copy is stock text, not one story's lede
    filler = " Officials met . Roads stay shut . Power is out in places . "
    texts = {"first": FIRST, **{f"c{i}": f"Story {i} begins here today ." + filler + LEDE for i in range(3)}}
    assert lede_pairs(texts) == []


def test_lede_pair_orders_articles_through_the_network():
    chron = infer_texts([("follow", FOLLOW, None), ("first", FIRST, None)],
                        links=lede_pairs({"first": FIRST, "follow": FOLLOW}))
    pairs = order_pairs(chron)
    assert [(p.before, p.after) for p in pairs] == [("first", "follow")]
    assert any(e.rule.startswith("reuse.lede_to_body") for e in pairs[0].evidence)
    assert all(iv.earliest is None and iv.latest is None for iv in chron.intervals)


SHARED_TODAY = ("The city council voted today to close the old stone bridge over the river for repairs "
                "lasting a year , the mayor said .")


def test_shared_sentence_links_its_day_cues_and_dates_the_copy():
    copy = SHARED_TODAY.replace("today", "yesterday")
    texts = {"anchor": "Traffic will move to the ferry . " + SHARED_TODAY,
             "copy": copy + " Drivers face long detours ."}
    cues = {k: read_cues(k, t) for k, t in texts.items()}
    links = shared_sentence_links(texts, cues)
    assert len(links) == 1 and links[0].rule == "link.shared_sentence"
    (a, i), (b, j) = sorted([links[0].a, links[0].b])
    assert cues[a][i].text == "today" and cues[b][j].text == "yesterday"
    chron = infer_texts([("anchor", texts["anchor"], "2024-03-05"), ("copy", texts["copy"], None)],
                        shared_sentences=True)
    iv = next(iv for iv in chron.intervals if iv.article_id == "copy")
    assert (iv.earliest, iv.latest) == ("2024-03-06", "2024-03-06")
    assert any("link.shared_sentence" in e.rule for e in iv.evidence)


def test_shared_sentence_not_linked_inside_a_quote_or_on_other_dates():
    quoted = "`` We voted today to close the old stone bridge over the river for repairs lasting a year , '' the mayor said ."
    texts = {"a": quoted, "b": quoted}
    cues = {k: read_cues(k, t) for k, t in texts.items()}
    assert in_quote(quoted, (0, len(quoted)), quoted.index("today"))
    assert shared_sentence_links(texts, cues) == []
    one = "The council voted on June 3 , 2024 to close the old stone bridge over the river for repairs lasting a year ."
    texts = {"a": one, "b": one.replace("June 3 , 2024", "June 4")}
    cues = {k: read_cues(k, t) for k, t in texts.items()}
    assert shared_sentence_links(texts, cues) == []


def test_running_counts_order_articles_counting_from_one_event():
    early = "Twelve days into the strike , the dock workers rejected a new offer ."
    late = "In the fifth week of the strike the union called a ballot on the offer ."
    counts = read_counts("late", late)
    assert [(c.event, c.lo, c.hi, c.form) for c in counts] == [("strike", 28, 34, "ordinal")]
    assert read_counts("early", early)[0].lo == 12 - 0 and read_counts("early", early)[0].form == "into"
    pairs = running_pairs({"late": late, "early": early})
    assert [(a, b) for a, b, _ in pairs] == [("early", "late")]
    ev = pairs[0][2]
    assert early[ev.start:ev.end].lower().startswith("twelve days into the strike")
    assert ev.rule.startswith("running.into_ordinal[strike")


def test_running_counts_of_different_events_or_close_counts_give_nothing():
    a = "Twelve days into the strike , the dock workers rejected a new offer ."
    assert running_pairs({"a": a, "b": "Two weeks into the trial , the jury heard from the pilot ."}) == []
    assert running_pairs({"a": a, "b": "Two weeks into the strike , talks resumed ."}) == []  # 12 vs 11-17 days
