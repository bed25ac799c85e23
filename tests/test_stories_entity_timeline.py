"""An entity's timeline through the real pipeline, on short articles written for the test."""
from __future__ import annotations

import pytest

from storyline.entities.query import find_entity
from storyline.pipeline import analyse_articles, analyse_corpus
from storyline.records import Article
from storyline.stories.entity_timeline import entity_timeline, mention_date

ARTICLES = [
    Article("a1", "Acme Corp. bought Widgetco on March 2, 2021. Acme Corp. later hired a new chief executive.",
            published="2021-03-10"),
    Article("a2", "Acme Corp. opened a factory in Ohio in January 2021. The company will build trucks there.",
            published="2021-04-05"),
    Article("a3", "Acme Corp. sued Brightline over a patent."),
]


@pytest.fixture(scope="module")
def acme(nlp_sm):
    analyses = list(analyse_articles(ARTICLES, nlp=nlp_sm, event_scope="all"))
    corpus = analyse_corpus(analyses)
    entity = find_entity(corpus.entities, "Acme")
    return analyses, corpus, entity_timeline(analyses, corpus, entity.id)


def test_entity_timeline_orders_dated_events_by_date_with_their_precision(acme):
    _, _, items = acme
    dated = [(i.label, i.date, i.precision) for i in items if i.date]
    assert dated == [("open", "2021-01", "month"), ("buy", "2021-03-02", "day"), ("hire", "2021-03-10", "day")]
    bases = {i.label: i.mentions[0].date_basis for i in items if i.date}
    # "later hired": no time expression, told as done: the day of the report, and said so
    assert bases == {"open": "mentioned", "buy": "mentioned", "hire": "published"}


def test_entity_timeline_keeps_undated_events_after_the_dated_ones(acme):
    _, _, items = acme
    undated = [(i.label, i.mentions[0].modality) for i in items if i.date is None]
    # a planned event gets no day; an article without a date gives its events none
    assert undated == [("build", "planned"), ("sue", "happened")]
    assert all(i.date is not None for i in items[:3])


def test_entity_timeline_items_are_grounded(acme):
    analyses, _, items = acme
    text = {a.article.id: a.article.text for a in analyses}
    for item in items:
        for m in item.mentions:
            assert text[m.article_id][m.start:m.end] == m.trigger
            assert m.sentence_start <= m.start < m.end <= m.sentence_end
            assert m.role in ("agent", "patient", "location", "other")
    # "The company will build": a nominal resolved to Acme counts as Acme taking part
    build = next(i for i in items if i.label == "build")
    assert build.mentions[0].article_id == "a2" and build.mentions[0].sentence == 1


def test_the_builds_records_give_the_same_timeline(acme, nlp_sm):
    # what `storyline build` stores (typed events; untyped ones with an entity among their
    # arguments as actions) gives the timeline the all-events scope gives
    analyses = list(analyse_articles(ARTICLES, nlp=nlp_sm))
    assert all(e.type != "OTHER" for a in analyses for e in a.events)
    assert all(e.type == "OTHER" and any(x.mention is not None for x in e.arguments)
               for a in analyses for e in a.actions)
    assert {e.lemma for a in analyses for e in a.actions} >= {"open", "buy", "build"}
    # taking someone on and suing are typed events (APPOINT, SUE), not untyped actions
    assert {(e.lemma, e.type) for a in analyses for e in a.events} >= {("hire", "APPOINT"), ("sue", "SUE")}
    corpus = analyse_corpus(analyses)
    items = entity_timeline(analyses, corpus, find_entity(corpus.entities, "Acme").id)
    assert [(i.label, i.date) for i in items] == [(i.label, i.date) for i in acme[2]]


def test_the_view_says_a_report_day_is_a_latest_date(acme):
    from storyline.export.views import entity_timeline_lines
    from storyline.library import Results

    analyses, corpus, _ = acme
    lines = entity_timeline_lines(Results(tuple(a.article for a in analyses), tuple(analyses), corpus),
                                  find_entity(corpus.entities, "Acme").id)
    hire = next(ln for ln in lines if "“hired”" in ln)
    buy = next(ln for ln in lines if "“bought”" in ln)
    assert hire.startswith("  by 2021-03-10")  # no time expression: it happened by the report's day
    assert buy.startswith("  2021-03-02 ")  # a date the text gives


def test_entity_timeline_of_an_entity_in_no_event_is_empty(acme):
    analyses, corpus, _ = acme
    assert entity_timeline(analyses, corpus, "no-such-entity") == []


@pytest.mark.parametrize("value, precision, expected", [
    ("2021-03-02", "day", ("2021-03-02", "day")),
    ("2021-03", "month", ("2021-03", "month")),
    ("2021", "year", ("2021", "year")),
    ("2021-03-02T10:00", "day", ("2021-03-02", "day")),
    ("2021-W09", "week", (None, "")),
    ("XXXX-WXX-5", "", (None, "")),
    (None, "", (None, "")),
])
def test_entity_timeline_mention_date_never_invents_a_precision(value, precision, expected):
    assert mention_date(value, precision) == expected


def test_entity_view_prints_the_timeline_dated_first():
    from storyline.export.views import entity_text
    from storyline.library import Results
    from storyline.records import (Argument, ArticleAnalysis, CorpusAnalysis, Entity, EventMention, Mention,
                                   Sentence)

    text = "Souza will visit the port. Souza opened the bridge on May 3, 2024."
    s2 = text.index("Souza opened")
    events = (EventMention("a1", 12, 17, "visit", "visit", "CONSULT", "planned",
                           (Argument("agent", 0, 5, "Souza", mention=0),), sentence=0),
              EventMention("a1", s2 + 6, s2 + 12, "opened", "open", "OTHER", "happened",
                           (Argument("agent", s2, s2 + 5, "Souza", mention=1),), time_value="2024-05-03",
                           time_precision="day", timex_index=0, sentence=1))
    an = ArticleAnalysis(article=Article("a1", text, published="2024-05-04"),
                         sentences=(Sentence("a1", 0, 0, s2 - 1), Sentence("a1", 1, s2, len(text))),
                         mentions=(Mention("a1", 0, 5, "Souza", "PERSON"), Mention("a1", s2, s2 + 5, "Souza", "PERSON")),
                         events=events)
    corpus = CorpusAnalysis(entities=(Entity("E1", "Souza", "PERSON", names=("Souza",), mention_count=2,
                                             article_ids=("a1",)),),
                            mention_entity={"a1": ["E1", "E1"]})
    out = entity_text(Results((an.article,), (an,), corpus), "Souza")
    section = out.split("timeline:\n")[1].split("mentions:")[0].splitlines()
    assert section[0].startswith(f"  {'2024-05-03':<13} OTHER") and "“opened” (agent, happened)" in section[0]
    assert section[0].endswith(f"[a1:{s2 + 6}-{s2 + 12}]")
    assert section[1].startswith("  undated") and "“visit” (agent, planned)" in section[1]


def test_entity_timeline_splits_an_event_whose_mentions_the_text_dates_apart():
    from storyline.records import Argument, ArticleAnalysis, CorpusAnalysis, EventMention, Mention, Sentence

    def article(aid, day, value):
        text = "Souza unveiled the phone."
        ev = EventMention(aid, 6, 14, "unveiled", "unveil", "OTHER", "happened",
                          (Argument("agent", 0, 5, "Souza", mention=0),), time_value=value,
                          time_precision="day" if value else "", sentence=0)
        return ArticleAnalysis(article=Article(aid, text, published=day), sentences=(Sentence(aid, 0, 0, len(text)),),
                               mentions=(Mention(aid, 0, 5, "Souza", "PERSON"),), events=(ev,))

    analyses = [article("b1", "2010-06-08", "2010-06-07"), article("b2", "2010-10-21", "2010-10-20"),
                article("b3", "2010-06-09", None)]
    corpus = CorpusAnalysis(mention_entity={a.article.id: ["E1"] for a in analyses},
                            event_ids={a.article.id: ["V1"] for a in analyses})
    items = entity_timeline(analyses, corpus, "E1")
    # one event cluster, two days its mentions cannot share: one item per day, the undated
    # mention with the first
    assert [(i.event_id, i.date, [m.article_id for m in i.mentions]) for i in items] == [
        ("V1", "2010-06-07", ["b1", "b3"]), ("V1", "2010-10-20", ["b2"])]


def test_undated_items_follow_the_order_the_chronology_inferred():
    from storyline.records import (Argument, ArticleAnalysis, CorpusAnalysis, DateInterval, EventMention,
                                   Mention, Sentence)

    def article(aid, trigger):
        text = f"Souza {trigger} the plan."
        ev = EventMention(aid, 6, 6 + len(trigger), trigger, trigger, "OTHER", "happened",
                          (Argument("agent", 0, 5, "Souza", mention=0),), sentence=0)
        return ArticleAnalysis(article=Article(aid, text), sentences=(Sentence(aid, 0, 0, len(text)),),
                               mentions=(Mention(aid, 0, 5, "Souza", "PERSON"),), actions=(ev,))

    # given in this order, but the second report was shown to come after the first and third
    analyses = [article("u1", "announced"), article("u2", "signed"), article("u3", "drafted")]
    corpus = CorpusAnalysis(mention_entity={a.article.id: ["E1"] for a in analyses},
                            intervals=(DateInterval("u1", None, None, rank=0), DateInterval("u2", None, None, rank=1),
                                       DateInterval("u3", None, None, rank=0)))
    items = entity_timeline(analyses, corpus, "E1")
    assert [i.mentions[0].article_id for i in items] == ["u1", "u3", "u2"]
    assert all(i.date is None for i in items)
