"""Story threads: online assignment, nesting, labels, merges."""
from storyline.records import Article, ArticleAnalysis, CorpusAnalysis, Entity, Mention
from storyline.stories.threads import Params, ThreadIndex, assign_threads, doc_from_text

FLOOD = [
    "Heavy rain flooded the river town of Marlow on Monday; the river burst its banks and "
    "rescue boats evacuated residents from flooded homes near the old bridge.",
    "Flood water in Marlow began to recede as rescue crews pumped water from flooded homes; "
    "the river level fell overnight and residents returned to check the damage.",
    "Insurers estimate the Marlow flood damage to homes and shops along the river at millions; "
    "residents whose homes flooded asked for help with repairs.",
]
CHESS = [
    "The national chess championship opened in Dunmore with a quick win by the defending champion, "
    "who sacrificed a knight in the opening and mated in thirty moves.",
    "A teenage challenger leads the chess championship in Dunmore after winning with the black "
    "pieces; the defending champion drew his game in a long endgame.",
]


def test_new_article_joins_the_right_thread_online():
    index = ThreadIndex()
    t_flood = index.add(doc_from_text("f1", FLOOD[0], "2024-03-04"))
    t_chess = index.add(doc_from_text("c1", CHESS[0], "2024-03-04"))
    assert index.root_of(t_flood) != index.root_of(t_chess)
    before = dict(index.doc_thread)
    # one more article of each story, one at a time: each joins its story
    assert index.root_of(index.add(doc_from_text("f2", FLOOD[1], "2024-03-05"))) == index.root_of(t_flood)
    assert index.root_of(index.add(doc_from_text("c2", CHESS[1], "2024-03-05"))) == index.root_of(t_chess)
    # earlier assignments are untouched: nothing was recomputed
    assert all(index.doc_thread[k] == v for k, v in before.items())
    assert index.story_of("f3") is None
    index.add(doc_from_text("f3", FLOOD[2], "2024-03-07"))
    assert index.story_of("f3") == index.story_of("f1")
    stories = [t for t in index.threads() if t.parent is None]
    assert len(stories) == 2
    assert sorted(len(t.article_ids) for t in stories) == [2, 3]


def test_adding_the_same_article_twice_is_idempotent():
    index = ThreadIndex()
    first = index.add(doc_from_text("f1", FLOOD[0]))
    assert index.add(doc_from_text("f1", FLOOD[0])) == first
    assert sum(len(t.article_ids) for t in index.threads() if t.parent is None) == 1


def test_a_long_quiet_story_is_damped():
    index = ThreadIndex(Params(quiet_days=10, quiet_halflife=5))
    a = index.add(doc_from_text("f1", FLOOD[0], "2020-01-01"))
    b = index.add(doc_from_text("f2", FLOOD[1], "2023-01-01"))  # three years later: a new story
    assert index.root_of(a) != index.root_of(b)


def _analysis(aid, text, published, names):
    mentions = []
    for name, typ in names:
        start = text.index(name)
        mentions.append(Mention(aid, start, start + len(name), name, typ))
    return ArticleAnalysis(article=Article(id=aid, text=text, published=published), mentions=tuple(mentions))


def test_assign_threads_nests_sub_threads_and_labels_by_actors():
    analyses = [
        _analysis("f1", FLOOD[0], "2024-03-04", [("Marlow", "GPE")]),
        _analysis("c1", CHESS[0], "2024-03-04", [("Dunmore", "GPE")]),
        _analysis("f2", FLOOD[1], "2024-03-05", [("Marlow", "GPE")]),
        _analysis("c2", CHESS[1], "2024-03-06", [("Dunmore", "GPE")]),
    ]
    ent = (Entity("E1", "Marlow", "GPE", mention_count=2), Entity("E2", "Dunmore", "GPE", mention_count=2))
    corpus = CorpusAnalysis(entities=ent, mention_entity={"f1": ["E1"], "f2": ["E1"], "c1": ["E2"], "c2": ["E2"]})
    threads = assign_threads(analyses, corpus)
    stories = {t.id: t for t in threads if t.parent is None}
    assert len(stories) == 2
    by_article = {a: t for t in stories.values() for a in t.article_ids}
    assert by_article["f1"] is by_article["f2"] and by_article["c1"] is by_article["c2"]
    assert by_article["f1"].label.startswith("Marlow")
    assert by_article["c1"].label.startswith("Dunmore")
    assert "E1" in by_article["f1"].key_entities
    subs = [t for t in threads if t.parent is not None]
    assert subs and all(t.parent in stories for t in subs)
    assert {a for t in subs for a in t.article_ids} == {"f1", "f2", "c1", "c2"}


def test_stories_merge_when_their_centroids_meet():
    index = ThreadIndex(Params(join=0.9, merge=0.3))  # joining is nearly impossible ...
    for i, text in enumerate(FLOOD):
        index.add(doc_from_text(f"f{i}", text))
    # ... so each flood article opened a story, and merging brought them back together
    assert len({index.story_of(f"f{i}") for i in range(3)}) < 3


def test_index_state_round_trips_and_continues_like_an_uninterrupted_run():
    import json
    stream = [("f1", FLOOD[0]), ("c1", CHESS[0]), ("f2", FLOOD[1])]
    later = [("c2", CHESS[1]), ("f3", FLOOD[2])]
    whole = ThreadIndex()
    for aid, text in stream + later:
        whole.add(doc_from_text(aid, text, "2024-03-04"))
    first = ThreadIndex()
    for aid, text in stream:
        first.add(doc_from_text(aid, text, "2024-03-04"))
    restored = ThreadIndex.from_state(json.loads(json.dumps(first.to_state())))
    for aid, text in later:
        restored.add(doc_from_text(aid, text, "2024-03-04"))
    assert restored.doc_thread == whole.doc_thread
    assert [t.label for t in restored.threads()] == [t.label for t in whole.threads()]


def test_a_drifting_sub_thread_splits_off_as_its_own_story():
    # join everything into one story, but let sub-threads form by topic; then split drifted ones
    index = ThreadIndex(Params(join=0.0, sub_join=0.2, merge=1.1, split=0.3, split_min=2))
    for aid, text in [("f1", FLOOD[0]), ("f2", FLOOD[1]), ("f3", FLOOD[2]), ("c1", CHESS[0]), ("c2", CHESS[1])]:
        index.add(doc_from_text(aid, text))
    assert index.story_of("c1") == index.story_of("c2")
    assert index.story_of("c1") != index.story_of("f1")
    stories = {t.id: t for t in index.threads() if t.parent is None}
    assert sorted(len(t.article_ids) for t in stories.values()) == [2, 3]
    # the split-off story keeps its articles in a sub-thread of its own
    subs = [t for t in index.threads() if t.parent == index.story_of("c1")]
    assert subs and set(subs[0].article_ids) == {"c1", "c2"}


def _one_off_story(i: int) -> str:
    """A short article about a story of its own (made-up place, project and
    contractor words) that shares only the word "council" with the others."""
    letters = "bcdfghklmnprstvz"

    def word(seed: int, vowel: str, tail: str) -> str:
        return "".join(letters[(seed >> s) & 15] + vowel for s in (0, 4, 8)) + tail
    place, thing, firm = word(i, "a", "ville"), word(i * 7 + 3, "o", "ium"), word(i * 11 + 5, "e", "corp")
    return (f"The {place} council hired {firm} to rebuild the {thing}. "
            f"{firm} said the {thing} in {place} would reopen.")


def test_blocking_keys_hold_at_most_the_cap_most_recent_stories():
    index = ThreadIndex(Params(posting_cap=5, join=0.5, merge=1.1))
    threads = [index.add(doc_from_text(f"a{i}", _one_off_story(i), "2024-01-01")) for i in range(30)]
    stories = [index.root_of(t) for t in threads]
    assert len(set(stories)) == 30  # unrelated stories stay apart
    holders = index.postings.keys["t:council"]
    assert len(holders) == 5
    assert list(holders) == stories[-5:]  # the least recently active dropped out
    assert all(len(ids) <= 5 for ids in index.postings.keys.values())


def test_an_article_is_scored_against_a_bounded_shortlist():
    calls = []

    class Counting(ThreadIndex):
        def _similarity(self, vec, doc, c, top_level=True):
            calls.append(top_level)
            return super()._similarity(vec, doc, c, top_level)

    index = Counting(Params(max_candidates=4, join=0.5, merge=1.1))
    for i in range(25):
        calls.clear()
        index.add(doc_from_text(f"a{i}", _one_off_story(i), "2024-01-01"))
        assert calls.count(True) == min(i, 4)  # every earlier story shares "council": only 4 scored
    # the state keeps the recency order of each key, so a restored index blocks alike
    restored = ThreadIndex.from_state(index.to_state(), index.params)
    assert restored.postings.keys == index.postings.keys


def test_label_words_are_words_of_the_text_not_possessives_glued_together():
    text = ("The widow’s lawyers said the widow’s claim against the insurer would go to court; "
            "the widow’s claim names the insurer and the widow’s bank.")
    analyses = [_analysis("w1", text, "2024-03-04", []), _analysis("w2", text.replace("court", "trial"), "2024-03-05", [])]
    labels = " ".join(t.label for t in assign_threads(analyses, CorpusAnalysis()))
    assert "widows" not in labels
    assert "widow" in labels



def test_names_every_article_carries_do_not_join_unrelated_reports():
    """A wire service's copy names its own country and agency in every report: sharing those
    says nothing of the story, so reports on unrelated subjects stay apart, while a rare name
    still counts."""
    from storyline.stories.text import content_tokens
    from storyline.stories.threads import ThreadDoc

    reports = [
        "A panda cub was born at a breeding centre in the west, keepers said, the third this year.",
        "Floods swept through villages in the south after days of heavy rain, officials said.",
        "A trade fair for machine tools opened with exhibitors from forty countries.",
        "The central bank left its lending rate unchanged for a sixth month.",
        "A new high-speed rail line cut the journey between the two cities to four hours.",
        "Coal mine rescuers reached eleven trapped miners after a two-day search.",
        "The space agency said a weather satellite reached its orbit on schedule.",
        "Tea growers expect a smaller harvest after a dry spring in the hills.",
        "The national museum will reopen its bronze gallery after repairs, curators announced.",
    ]
    index = ThreadIndex()
    for i, text in enumerate(reports):
        index.add(ThreadDoc(f"r{i}", None, content_tokens(text), ["country", "agency"]))
    stories = [index.story_of(f"r{i}") for i in range(len(reports))]
    assert len(set(stories)) >= 7  # the first two share "said": they may go together
    assert stories[-1] not in stories[:-1]
    assert index._entity_weight("country") < 0.1
    assert index._entity_weight("a name not seen yet") == 1.0


def test_label_words_leave_out_weekdays_and_the_parts_of_hyphenated_names():
    """A label says what a thread is about: "monday" only dates it, and "sisi" is part of the
    name "Abdel-Karim el-Sisi" that the label already shows as an actor."""
    texts = [
        "Abdel-Karim el-Sisi opened the new harbour on Monday; el-Sisi said the harbour and its "
        "cranes would serve ferries on Monday and Tuesday.",
        "On Monday el-Sisi toured the harbour again and praised the cranes; the ferries begin "
        "their crossings from the harbour next Monday.",
    ]
    analyses = [_analysis(f"h{i}", t, f"2024-05-0{i + 6}", [("el-Sisi", "PERSON")]) for i, t in enumerate(texts)]
    corpus = CorpusAnalysis(entities=(Entity("E1", "Abdel-Karim el-Sisi", "PERSON"),),
                            mention_entity={"h0": ["E1"], "h1": ["E1"]})
    labels = [t.label for t in assign_threads(analyses, corpus)]
    assert labels and all(lb.startswith("Abdel-Karim el-Sisi:") for lb in labels)
    words = " ".join(lb.split(":", 1)[1] for lb in labels)
    assert "harbour" in words
    assert "monday" not in words and "sisi" not in words
