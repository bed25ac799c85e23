"""The reference briefs, given publication dates: the summit is one event on
the right day, and the change in the U.S. position on sending troops is found."""
import pytest

from storyline.events.positions import detect_changes, position_timeline
from storyline.pipeline import analyse_corpus, analyse_doc
from storyline.records import Article

# line index -> publication date given to the brief for this test
DATES = {1: "2025-09-08", 3: "2025-08-20", 4: "2025-08-18", 5: "2025-08-19", 6: "2025-08-15", 7: "2025-08-14", 8: "2025-08-13"}


@pytest.fixture(scope="module")
def seed(shared_data, nlp_md):
    lines = (shared_data / "seed" / "articles.txt").read_text(encoding="utf-8").splitlines()
    arts = [Article(id=f"s{i}", text=lines[i], published=d) for i, d in DATES.items()]
    analyses = [analyse_doc(nlp_md(a.text), a) for a in arts]
    return analyses, analyse_corpus(analyses)


def test_summit_is_one_event_across_articles_with_its_day(seed):
    analyses, corpus = seed
    summits = [e for e in corpus.events if e.label == "summit"]
    assert summits
    best = max(summits, key=lambda e: len(e.mentions))
    assert len({a for a, _ in best.mentions}) >= 2
    assert best.date == "2025-08-15"
    assert best.type == "CONSULT"


def test_change_in_position_on_sending_troops(seed):
    analyses, corpus = seed
    trump = [e for e in corpus.entities if "Trump" in e.name]
    assert trump
    changes = []
    for ent in trump:
        changes += detect_changes(position_timeline(analyses, corpus, ent.id))
    assert changes
    earlier, later = changes[0]
    assert "troops" in earlier.topic and "troops" in later.topic
    assert earlier.polarity == 1 and later.polarity == -1


def _event_with(corpus, analyses, article_id, trigger):
    by = {a.article.id: a for a in analyses}
    for ev in corpus.events:
        if any(a == article_id and by[a].events[k].trigger == trigger for a, k in ev.mentions):
            return ev, [by[a].events[k].trigger for a, k in ev.mentions]
    raise AssertionError(trigger)


def test_video_conference_is_one_event_with_the_talks_on_its_day(seed):
    analyses, corpus = seed
    ev, triggers = _event_with(corpus, analyses, "s3", "conference")
    assert "talks" in triggers and ev.type == "CONSULT"
    assert ev.date == "2025-08-20"


def test_incursion_is_one_event_with_its_participant(seed):
    analyses, corpus = seed
    ev, triggers = _event_with(corpus, analyses, "s1", "broken")
    assert "entered" in triggers and ev.type == "ASSAULT"
    names = {e.id: e.name for e in corpus.entities}
    assert any("Russia" in names.get(p, "") for p in ev.participants)
