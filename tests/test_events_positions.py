"""Position changes on hand-made records."""
import dataclasses

from storyline.events.positions import detect_changes
from storyline.records import Position, to_dict


def pos(aid, stance, polarity, topic, lemmas, date, holder="e1"):
    return Position(article_id=aid, start=0, end=1, stance=stance, topic=topic, text=topic,
                    holder_entity=holder, polarity=polarity, date=date, topic_lemmas=lemmas)


def test_change_on_same_topic_is_detected_with_both_sources():
    a = pos("a", "reject", 1, "sending troops", ("send", "troop"), "2024-01-01")
    b = pos("b", "assure", -1, "that troops won't be sent", ("send", "troop"), "2024-01-02")
    changes = detect_changes([a, b])
    assert changes == [(a, b)]
    assert changes[0][0].article_id == "a" and changes[0][1].article_id == "b"


def test_no_change_for_other_holder_topic_or_same_polarity():
    a = pos("a", "demand", 1, "a ceasefire", ("ceasefire",), "2024-01-01")
    other_holder = pos("b", "reject", -1, "a ceasefire", ("ceasefire",), "2024-01-02", holder="e2")
    other_topic = pos("c", "reject", -1, "new tariffs", ("tariff", "new"), "2024-01-03")
    same = pos("d", "support", 1, "the ceasefire", ("ceasefire",), "2024-01-04")
    assert detect_changes([a, other_holder, other_topic, same]) == []


def test_two_stances_of_one_report_on_one_day_are_a_contrast_not_a_change():
    a = pos("a", "reject", -1, "the motion", ("motion",), "2024-01-01")
    b = pos("a", "support", 1, "the motion", ("motion",), "2024-01-01")
    assert detect_changes([a, b]) == []
    # one report telling of two days ("on Monday did not rule out ... on Tuesday assured")
    c = pos("a", "support", 1, "the motion", ("motion",), "2024-01-02")
    assert detect_changes([a, c]) == [(a, c)]


def test_only_stances_of_one_family_on_a_closely_shared_topic_are_a_change_told_once():
    crit = pos("a", "criticize", -1, "Iran's nuclear programme", ("iran", "nuclear", "programme"), "2024-01-01")
    threat = pos("b", "threaten", 1, "sanctions on Iran's nuclear programme",
                 ("iran", "nuclear", "programme", "sanction"), "2024-01-05")
    assert detect_changes([crit, threat]) == []  # a judgement and a course of action
    demand = pos("c", "demand", 1, "Mobutu and Kabila to hold talks in South Africa",
                 ("africa", "hold", "kabila", "mobutu", "south", "talk"), "2024-01-01")
    refuse = pos("d", "reject", -1, "to hold bilateral talks outside the six-way framework",
                 ("bilateral", "framework", "hold", "talk", "way"), "2024-02-01")
    assert detect_changes([demand, refuse]) == []  # "hold" and "talks" only: two of five
    a = pos("e", "assure", 1, "to freeze enrichment", ("enrichment", "freeze"), "2024-01-01")
    b = pos("f", "reject", -1, "to freeze enrichment", ("enrichment", "freeze"), "2024-01-09")
    copy = pos("g", "reject", -1, "to freeze enrichment", ("enrichment", "freeze"), "2024-01-09")
    assert detect_changes([a, b, copy]) == [(a, b)]  # the copy of the report adds nothing


def test_a_stance_not_yet_held_is_no_change():
    a = pos("a", "reject", -1, "to freeze enrichment", ("enrichment", "freeze"), "2024-01-01")
    expected = dataclasses.replace(pos("b", "assure", 1, "to freeze enrichment", ("enrichment", "freeze"),
                                       "2024-01-09"), modality="planned")
    assert detect_changes([a, expected]) == []  # "Russia will expect Iran to pledge to freeze ..."
    held = dataclasses.replace(expected, modality="reported")
    assert detect_changes([a, held]) == [(a, held)]


def test_the_positions_listing_marks_a_stance_not_yet_held():
    from storyline.export.views import positions_text
    from storyline.library import Results
    from storyline.records import Article, ArticleAnalysis, CorpusAnalysis, Entity, Mention

    text = "Iran pledged to freeze enrichment. Iran will expect to reject the freeze."
    held = Position("a", 5, 12, "assure", "to freeze enrichment", text, "Iran", 0, polarity=1,
                    date="2024-01-01", topic_lemmas=("enrichment", "freeze"), modality="happened")
    later = dataclasses.replace(held, start=45, end=51, stance="reject", polarity=-1, date="2024-01-09",
                                modality="planned")
    an = ArticleAnalysis(article=Article(id="a", text=text, published="2024-01-01"),
                         mentions=(Mention("a", 0, 4, "Iran", "GPE"),), positions=(held, later))
    corpus = CorpusAnalysis(entities=(Entity("E1", "Iran", "GPE", names=("Iran",)),), mention_entity={"a": ["E1"]})
    out = positions_text(Results((an.article,), (an,), corpus), "Iran")
    assert "reject     (against) (planned, not yet held) to freeze enrichment" in out  # against, not negated
    assert "changes and contradictions" not in out


def test_a_stance_reads_as_its_word_and_its_net_direction_everywhere():
    from storyline.events.positions import stance_words

    base = Position("a", 0, 9, "criticize", "the talks", "X criticized the talks.", "X", 0, polarity=-1)
    assert stance_words(base) == ("criticize", "against")  # against the talks, not a denial
    denied = dataclasses.replace(base, stance="reject", negated=True, polarity=1)
    assert stance_words(denied) == ("not reject", "for")
    assert stance_words(to_dict(denied)) == ("not reject", "for")  # the web pages' records are dicts
