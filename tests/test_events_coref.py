"""Cross-article event coreference and document grouping."""
from storyline.events.coref import (MentionItem, candidate_pairs, cluster_mentions, group_documents, lemma_keys,
                                    period_range, tfidf_matrix)
from storyline.pipeline import analyse_corpus, analyse_doc
from storyline.records import Article


def item(doc, lemma, **kw):
    return MentionItem(doc=doc, keys=lemma_keys(lemma, lemma), **kw)


def test_announced_and_reported_meeting_form_one_event(nlp_sm):
    a = Article(id="a", text="The prime minister of Norway will meet the president of Finland on Friday in Oslo.",
                published="2024-03-04")
    b = Article(id="b", text="The prime minister of Norway met the president of Finland on Friday in Oslo.",
                published="2024-03-09")
    corpus = analyse_corpus([analyse_doc(nlp_sm(x.text), x) for x in (a, b)])
    meets = [e for e in corpus.events if e.type == "CONSULT"]
    assert len(meets) == 1
    assert set(meets[0].mentions) == {("a", 0), ("b", 0)}
    assert meets[0].date == "2024-03-08"
    assert corpus.event_ids["a"][0] == corpus.event_ids["b"][0]


def test_lemma_stems_merge_within_group_only():
    items = [item("d1", "shooting"), item("d2", "shoot"), item("d3", "shoot")]
    labels = cluster_mentions(items, {"d1": 0, "d2": 0, "d3": 1})
    assert labels[0] == labels[1] != labels[2]


def test_conflicts_keep_events_apart():
    days = [item("d1", "meet", day="2024-01-01"), item("d2", "meet", day="2024-01-02")]
    assert len(set(cluster_mentions(days, {"d1": 0, "d2": 0}))) == 2
    said = [item("d1", "say", reporting=True), item("d2", "say", reporting=True)]
    assert len(set(cluster_mentions(said, {"d1": 0, "d2": 0}))) == 2
    neg = [item("d1", "attack"), item("d2", "attack", negated=True)]
    assert len(set(cluster_mentions(neg, {"d1": 0, "d2": 0}))) == 2
    actors = [item("d1", "meet", participants=frozenset({"x", "y", "w"})),
              item("d2", "meet", participants=frozenset({"x", "z", "v"}))]
    assert len(set(cluster_mentions(actors, {"d1": 0, "d2": 0}))) == 2
    disjoint = [item("d1", "meet", participants=frozenset({"x"})),
                item("d2", "meet", participants=frozenset({"z"}))]
    assert len(set(cluster_mentions(disjoint, {"d1": 0, "d2": 0}))) == 2
    # "Trump and Zelenskyy met" / "Trump and Putin meet": each names an actor the other lacks
    other_pair = [item("d1", "meet", participants=frozenset({"x", "y"})),
                  item("d2", "meet", participants=frozenset({"x", "z"}))]
    assert len(set(cluster_mentions(other_pair, {"d1": 0, "d2": 0}))) == 2
    subset = [item("d1", "meet", participants=frozenset({"x", "y"})),
              item("d2", "meet", participants=frozenset({"x"}))]
    assert len(set(cluster_mentions(subset, {"d1": 0, "d2": 0}))) == 1
    # names inside an argument ("Ukraine's president") support a merge but never block one
    related = [item("d1", "meet", participants=frozenset({"x"}), associated=frozenset({"q"})),
               item("d2", "meet", participants=frozenset({"x", "z"}))]
    assert len(set(cluster_mentions(related, {"d1": 0, "d2": 0}))) == 1


def test_no_chaining_across_days():
    items = [item("d1", "summit", day="2024-01-01"), item("d2", "summit"),
             item("d3", "summit", day="2024-02-01")]
    labels = cluster_mentions(items, {"d1": 0, "d2": 0, "d3": 0})
    assert labels[0] != labels[2]


def test_typed_same_day_same_actor_merge_across_lemmas():
    items = [item("d1", "summit", type="CONSULT", day="2024-01-05", participants=frozenset({"e1"})),
             item("d2", "meet", type="CONSULT", day="2024-01-05", participants=frozenset({"e1", "e2"}))]
    labels = cluster_mentions(items, {"d1": 0, "d2": 0}, require_evidence=True)
    assert labels[0] == labels[1]


def test_group_documents_separates_topics():
    bags = [["quake", "chile", "tsunami", "magnitude"], ["quake", "chile", "magnitude", "aftershock"],
            ["election", "vote", "senate", "ballot"], ["election", "ballot", "recount", "vote"]]
    g = group_documents(bags, 0.85)
    assert g[0] == g[1] and g[2] == g[3] and g[0] != g[2]


def test_time_periods_of_any_precision_keep_events_apart():
    feb = [item("d1", "meet", period="2025-02"), item("d2", "meet", period="2025-08-18", day="2025-08-18")]
    assert len(set(cluster_mentions(feb, {"d1": 0, "d2": 0}))) == 2
    week = [item("d1", "summit", period="2025-W33"), item("d2", "summit", period="2025-08-15", day="2025-08-15")]
    assert len(set(cluster_mentions(week, {"d1": 0, "d2": 0}))) == 1
    assert period_range("2025-W33") == ("2025-08-11", "2025-08-17")
    assert period_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert period_range("PRESENT_REF") is None


def test_a_week_overlapping_a_day_is_evidence_across_articles():
    items = [item("d1", "summit", period="2025-W33"), item("d2", "summit", period="2025-08-15", day="2025-08-15")]
    assert len(set(cluster_mentions(items, {"d1": 0, "d2": 0}, require_evidence=True))) == 1
    far = [item("d1", "summit", period="2025-W30"), item("d2", "summit", period="2025-08-15", day="2025-08-15")]
    assert len(set(cluster_mentions(far, {"d1": 0, "d2": 0}, require_evidence=True))) == 2


def test_announced_after_being_reported_done_is_another_event():
    # reported as done in an article of the 10th; announced in one of the 12th
    items = [item("d1", "meet", participants=frozenset({"x"}), latest="2025-03-10"),
             item("d2", "meet", participants=frozenset({"x"}), earliest="2025-03-12")]
    assert len(set(cluster_mentions(items, {"d1": 0, "d2": 0}, require_evidence=True))) == 2
    items[1] = item("d2", "meet", participants=frozenset({"x"}), earliest="2025-03-08")
    assert len(set(cluster_mentions(items, {"d1": 0, "d2": 0}, require_evidence=True))) == 1


def _dense_average_link(bags, threshold):
    """The grouping computed the plain way: all pairs, dense vectors."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    x = tfidf_matrix(bags).toarray()
    labels = fcluster(linkage(np.nan_to_num(pdist(x, "cosine"), nan=1.0), "average"), t=threshold,
                      criterion="distance")
    return labels


def _same_partition(a, b):
    return {frozenset(i for i, x in enumerate(a) if x == v) for v in set(a)} == \
        {frozenset(i for i, x in enumerate(b) if x == v) for v in set(b)}


def _random_bags(n, seed=7):
    import random

    rnd = random.Random(seed)
    topics = [[f"t{k}_{w}" for w in range(12)] for k in range(n // 6 + 1)]
    common = [f"c{w}" for w in range(30)]
    return [rnd.sample(topics[rnd.randrange(len(topics))], 5) + rnd.sample(common, 6) for _ in range(n)]


def test_blocked_grouping_equals_all_pairs_average_link():
    bags = _random_bags(120)
    for threshold in (0.5, 0.85, 0.9):
        assert _same_partition(group_documents(bags, threshold), list(_dense_average_link(bags, threshold)))


def test_oversized_components_are_cut_tighter_and_stay_within_the_loose_groups():
    bags = _random_bags(120)
    loose = group_documents(bags, 0.9)
    capped = group_documents(bags, 0.9, max_component=10)
    assert len(set(capped)) > len(set(loose))
    for g in set(capped):
        members = [i for i, x in enumerate(capped) if x == g]
        assert len(members) <= 10
        # still one topic per group: its documents share a topic word
        topics = [{w.split("_")[0] for w in bags[i] if w.startswith("t")} for i in members]
        assert set.intersection(*topics)


def test_candidate_pairs_find_every_pair_above_the_cut_when_nothing_is_capped():
    import numpy as np

    bags = _random_bags(60)
    x = tfidf_matrix(bags)
    rows, cols, sims = candidate_pairs(x, 0.3)
    dense = (x @ x.T).toarray()
    expected = {(i, j) for i in range(60) for j in range(i + 1, 60) if dense[i, j] >= 0.3 - 1e-12}
    assert set(zip(rows.tolist(), cols.tolist())) == expected
    assert np.allclose(sims, [dense[i, j] for i, j in zip(rows, cols)])


def test_large_buckets_link_through_a_window_and_still_join_the_whole_run():
    items = [item(f"d{i}", "strike") for i in range(150)]
    labels = cluster_mentions(items, {f"d{i}": 0 for i in range(150)})
    assert len(set(labels)) == 1


def test_derivational_families_share_a_key_synonyms_do_not():
    assert lemma_keys("death", "death") & lemma_keys("die", "died")
    assert lemma_keys("invasion", "invasion") & lemma_keys("invade", "invaded")
    assert not lemma_keys("murder", "murder") & lemma_keys("kill", "killed")
    items = [item("d1", "die"), item("d2", "death"), item("d3", "murder")]
    labels = cluster_mentions(items, {"d1": 0, "d2": 0, "d3": 0})
    assert labels[0] == labels[1] != labels[2]


def test_shared_content_heads_are_evidence_across_articles_time_and_stop_words_are_not():
    groups = {"d1": 0, "d2": 0}
    tanker = [item("d1", "seize", arguments=frozenset({"tanker", "navy"})),
              item("d2", "seize", arguments=frozenset({"tanker", "gulf"}))]
    assert len(set(cluster_mentions(tanker, groups, require_evidence=True))) == 1
    monday = [item("d1", "seize", arguments=frozenset({"monday", "it"})),
              item("d2", "seize", arguments=frozenset({"monday", "it"}))]
    assert len(set(cluster_mentions(monday, groups, require_evidence=True))) == 2
    nothing = [item("d1", "seize", arguments=frozenset({"tanker"})), item("d2", "seize", arguments=frozenset({"ship"}))]
    assert len(set(cluster_mentions(nothing, groups, require_evidence=True))) == 2
    # without required evidence the lemma alone links them, as on ECB+
    assert len(set(cluster_mentions(nothing, groups))) == 1


def test_tied_participants_are_listed_in_a_stable_order():
    import subprocess
    import sys
    # the order of a set depends on the process's hash seed: run the same clustering in two
    # processes with different seeds and compare the participant lists
    code = ("from storyline.events.coref import cluster_events\n"
            "from storyline.records import Article, ArticleAnalysis, EventMention, Mention\n"
            "t = 'Lind and Marsh met in Oslo.'\n"
            "ms = (Mention('a', 0, 4, 'Lind', 'PERSON'), Mention('a', 9, 14, 'Marsh', 'PERSON'))\n"
            "ev = EventMention('a', 15, 18, 'met', 'meet', 'CONSULT', time_value='2024-03-01')\n"
            "an = ArticleAnalysis(article=Article(id='a', text=t, published='2024-03-01'), mentions=ms, events=(ev,))\n"
            "import storyline.events.coref as c\n"
            "items, where = c.mention_items([an], {'a': ['E1', 'E2']})\n"
            "items = [__import__('dataclasses').replace(items[0], participants=frozenset({'E1', 'E2', 'E3', 'E4'}))]\n"
            "c.mention_items = lambda *_: (items, where)\n"
            "events, _ = cluster_events([an], {'a': ['E1', 'E2']})\n"
            "print(events[0].participants)\n")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 2, 3, 4)}
    assert outs == {"('E1', 'E2', 'E3', 'E4')\n"}


def _one_article_events(nlp, text):
    """(event mention, event id) of one article through the per-article and cross-article stages."""
    analysis = analyse_doc(nlp(text), Article(id="x", text=text, published="2024-03-06"))
    return list(zip(analysis.events, analyse_corpus([analysis]).event_ids["x"]))


def test_one_article_keeps_a_quake_and_the_tsunami_it_set_off_apart_but_joins_its_words_for_the_quake(nlp_md):
    text = ("A powerful earthquake struck the island of Velora on Tuesday. The quake set off a tsunami "
            "along the southern coast. Rescuers said the tsunami destroyed two fishing villages.")
    by_trigger = {}
    for e, eid in _one_article_events(nlp_md, text):
        by_trigger.setdefault(e.trigger, set()).add(eid)
    (quake,) = by_trigger["earthquake"]
    assert by_trigger["quake"] == {quake}  # a clipped word for the same event
    assert by_trigger["struck"] == {quake}  # the verb tells its subject's event
    assert quake not in by_trigger["tsunami"]  # another happening of the same category


def test_talks_and_a_conference_in_one_article_are_still_one_meeting(nlp_md):
    text = ("Ministers of the two states held talks in Geneva on Monday. "
            "The conference ended without a joint statement.")
    ids = {e.trigger: eid for e, eid in _one_article_events(nlp_md, text)}
    assert ids["talks"] == ids["conference"]


def _quake(aid, day, timex=None, modality="happened"):
    from storyline.records import EventMention
    return EventMention(aid, 0, 5, "quake", "quake", "DISASTER", modality, time_value=day, time_precision="day",
                        timex_index=timex)


def test_an_event_is_dated_by_what_its_mentions_say_not_by_how_many_reports_came_the_next_day():
    from storyline.events.coref import _best_date
    published = {f"r{k}": "2024-02-07" for k in range(20)} | {"first": "2024-02-06", "dated": "2024-02-07",
                                                                 "also": "2024-02-08", "focus": "2024-02-08"}
    # twenty reports of the 7th tell the quake without a day; two date it to the 6th in words
    many = [_quake(f"r{k}", "2024-02-07") for k in range(20)] + [_quake("dated", "2024-02-06", timex=0),
                                                                  _quake("also", "2024-02-06", timex=0)]
    assert _best_date(many, published)[0] == "2024-02-06"
    # one stray day in one report (a photo caption's old date) does not date twenty reports' event
    stray = [_quake(f"r{k}", "2024-02-07") for k in range(20)] + [_quake("dated", "2023-11-04", timex=0)]
    assert _best_date(stray, published)[0] == "2024-02-07"
    # in a small event the one report that names the day is enough
    assert _best_date([_quake("r1", "2024-02-07"), _quake("dated", "2024-02-06", timex=0)], published)[0] \
        == "2024-02-06"
    # a day the narrative was on counts before report days
    focus = [_quake(f"r{k}", "2024-02-07") for k in range(5)] + [_quake("focus", "2024-02-05")]
    assert _best_date(focus, published)[0] == "2024-02-05"
    # nothing but report days: told as done, it is no later than its first report
    reports = [_quake(f"r{k}", "2024-02-07") for k in range(5)] + [_quake("first", "2024-02-06")]
    day, support = _best_date(reports, published)
    assert day == "2024-02-06" and 0 < support < 0.5
    assert _best_date([_quake("r1", None)], published) == (None, 0.0)


def test_places_a_hazard_strikes_say_where_and_do_not_keep_its_reports_apart(nlp_md):
    """A city and its country are places at two grains: the quake that struck the city and the
    country's quake, on the same day, are one event."""
    a = Article(id="a", text="A powerful earthquake struck Port Lemmon on Tuesday, flattening the harbour district.",
                published="2024-03-06")
    b = Article(id="b", text="Rescuers searched the rubble after Kestland's devastating earthquake destroyed "
                             "thousands of homes on Tuesday.", published="2024-03-07")
    corpus = analyse_corpus([analyse_doc(nlp_md(x.text), x) for x in (a, b)])
    (quake,) = [e for e in corpus.events if e.label == "earthquake"]
    assert {aid for aid, _ in quake.mentions} == {"a", "b"}
    assert quake.date == "2024-03-05"
    # an attack is not a hazard: the place attacked is its target, and two targets two attacks
    c = Article(id="c", text="Rebel fighters attacked Port Lemmon on Tuesday.", published="2024-03-06")
    d = Article(id="d", text="Rebel fighters attacked Kestland on Tuesday.", published="2024-03-06")
    attacks = [e for e in analyse_corpus([analyse_doc(nlp_md(x.text), x) for x in (c, d)]).events
               if e.type == "ASSAULT"]
    assert len(attacks) == 2


def test_a_lasting_hazard_is_one_event_across_its_reports_and_phases_but_not_across_years(nlp_md):
    """Reports of one story date the phases of a spill ("spread on Friday", "reached the marshes
    on Monday"): the days do not make two spills, and "the spill" of a later report without a day
    or a shared actor is still the story's spill; one of 1989 is another."""
    arts = [Article(id="a", text="An oil spill from a damaged tanker spread along the coast of Port Lemmon on Friday. "
                                 "Kestland Oil owns the tanker.", published="2024-03-02"),
            Article(id="b", text="Crews fought the oil spill near Port Lemmon on Monday as the slick reached the "
                                 "marshes. Kestland Oil sent skimmers.", published="2024-03-05"),
            Article(id="c", text="Kestland Oil has promised to meet every cost of the oil spill at Port Lemmon. "
                                 "The spill recalled the Varn Bay spill of 1989.", published="2024-03-06")]
    analyses = [analyse_doc(nlp_md(x.text), x) for x in arts]
    spills = sorted((e for e in analyse_corpus(analyses).events if e.label == "spill"), key=lambda e: -len(e.mentions))
    assert [len(e.mentions) for e in spills] == [4, 1]
    assert {aid for aid, _ in spills[0].mentions} == {"a", "b", "c"}
    assert spills[0].date == "2024-03-01"
    varn = analyses[2].events[spills[1].mentions[0][1]]
    assert varn.time_value == "1989"


def test_an_explosion_of_years_ago_gathers_no_undated_mention_of_the_reports_own_one():
    # one report recalls "a 2005 explosion at the refinery" beside "the explosion" it is about;
    # another dates the report's explosion to the day
    items = [item("r1", "explosion", type="ACCIDENT", period="2005", latest="2005-12-31", weak_day="2005-01-01"),
             item("r1", "explosion", type="ACCIDENT", weak_day="2010-04-27", latest="2010-04-27"),
             item("r2", "explosion", type="ACCIDENT", day="2010-04-20", period="2010-04-20",
                  weak_day="2010-04-20", latest="2010-04-20")]
    labels = cluster_mentions(items, {"r1": 0, "r2": 0}, require_evidence=True)
    assert labels[1] == labels[2] and labels[0] != labels[1]
    # a period told a few weeks back is no other time: "the April explosion" in a May report
    near = [item("r1", "explosion", type="ACCIDENT", period="2010-04", weak_day="2010-04-01"),
            item("r1", "explosion", type="ACCIDENT", weak_day="2010-05-10")]
    assert len(set(cluster_mentions(near, {"r1": 0}, require_evidence=True))) == 1


def test_an_event_told_only_with_a_year_is_dated_by_the_year_not_by_the_report():
    from storyline.events.coref import _best_date
    from storyline.records import EventMention
    old = [EventMention("r1", 0, 9, "explosion", "explosion", "ACCIDENT", "happened", time_value="2005",
                        time_precision="year", timex_index=0),
           EventMention("r2", 0, 9, "explosion", "explosion", "ACCIDENT", "happened", time_value="2010-05-13",
                        time_precision="day")]
    assert _best_date(old, {"r1": "2010-04-27", "r2": "2010-05-13"})[0] == "2005"


def test_one_hazard_dated_alike_in_several_document_groups_is_one_event():
    from types import SimpleNamespace

    from storyline.events.coref import _join_told_hazards
    from storyline.records import EventMention

    def blast(aid, day, lemma="explosion", type_="ACCIDENT"):
        return EventMention(aid, 0, 9, lemma, lemma, type_, "happened", time_value=day, time_precision="day",
                            timex_index=0)
    evs = {"r1": [blast("r1", "2010-04-20")], "r2": [blast("r2", "2010-04-20")],
           "r3": [blast("r3", "2010-04-21")], "r4": [blast("r4", "2010-04-20", "meeting", "CONSULT")],
           "r5": [blast("r5", "2010-04-20", "fire")]}
    by_article = {aid: SimpleNamespace(events=e) for aid, e in evs.items()}
    where = [(aid, 0) for aid in evs]
    items = [item(aid, evs[aid][0].lemma, type=evs[aid][0].type) for aid in evs]
    members = {k: [k] for k in range(len(where))}  # each report's mention alone, as in five groups
    joined = _join_told_hazards(members, items, where, by_article)
    groups = sorted(sorted(where[i][0] for i in idx) for idx in joined.values())
    # the same explosion on the same day joins; another day, another kind, another word do not
    assert groups == [["r1", "r2"], ["r3"], ["r4"], ["r5"]]
