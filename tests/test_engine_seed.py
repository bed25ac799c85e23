"""The reference input, when ../shared is beside the checkout."""
from __future__ import annotations

import pytest

from storyline import library
from storyline.settings import Settings


@pytest.fixture(scope="module")
def seed(shared_data, tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    report, _ = library.build([str(shared_data / "seed" / "articles.txt")], Settings(db=str(db)))
    return report, library.load(str(db))


def test_seed_all_ten_articles_read_and_stored(seed):
    report, res = seed
    assert report.read == 10 and report.stored == 10 and report.skipped == 0
    assert all(a.published is None for a in res.articles)  # undated: nothing invented


def test_seed_main_actors_are_person_entities(seed):
    _, res = seed
    by_type = {}
    for e in res.corpus.entities:
        for n in e.names:
            by_type.setdefault(n, set()).add(e.type)
    for surname in ("Putin", "Trump", "Zelenskyy", "Lavrov"):
        persons = [e for e in res.corpus.entities if e.type == "PERSON" and any(surname in n for n in e.names)]
        assert len(persons) == 1, (surname, [(e.name, e.type) for e in res.corpus.entities if any(surname in n for n in e.names)])
        assert persons[0].mention_count >= 2


def test_seed_cli_views_who_said_what_roles_and_position_change(seed, capsys):
    from storyline.export import views

    _, res = seed
    lavrov = views.entity_text(res, "Lavrov")
    assert "Russia's top diplomat" in lavrov and "Russian Foreign Minister" in lavrov
    quotes = views.quotes_text(res, speaker="Lavrov")
    assert quotes.count("Sergey Lavrov") >= 2 and "won't meet with Zelenskyy" in quotes
    positions = views.positions_text(res, "Trump")
    assert "changes and contradictions:" in positions
    after = positions.split("changes and contradictions:")[1]
    assert "did not rule out sending U.S. troops" in after and "won't be sent" in after
    # the briefing reports the same change, as the text puts it: earlier first
    from storyline.stories.brief import render_brief
    brief = render_brief(res.analyses, res.corpus)
    changed = brief.split("Whose position changed")[1].split("What is expected next")[0]
    assert "Donald Trump on sending U.S. troops" in changed
    assert changed.index("not reject (for)") < changed.index("assure (against)")


def test_seed_events_listing_shows_each_report_first_and_counts_the_rest(seed):
    from storyline.export import views

    _, res = seed
    listing = views.events_text(res)
    assert "[1 mention;" in listing and "[1 mentions;" not in listing
    blocks = [b for b in listing.split("\n") if b.startswith("undated  CONSULT    summit  (")]
    assert blocks, listing[:500]
    block = listing.split(blocks[0])[1].split("\nundated  ")[0].splitlines()[1:]
    shown = [ln for ln in block if "[" in ln]
    assert len(shown) == views.EVENT_MENTIONS_SHOWN and "more (storyline export lists them all)" in block[-1]
    articles = [ln.rsplit("[", 1)[1].split(":")[0] for ln in shown]
    assert len(set(articles[:3])) == 3  # the summit's first lines come from three different reports


@pytest.fixture(scope="module")
def seed_db(shared_data, tmp_path_factory):
    db = tmp_path_factory.mktemp("seed_ask") / "seed.db"
    library.build([str(shared_data / "seed" / "articles.txt")], Settings(db=str(db)))
    return str(db)


def test_seed_when_did_they_meet_answers_with_the_summit_held_not_the_one_announced(seed_db):
    from storyline.search import CorpusIndex, ask

    ix = CorpusIndex(library.load(seed_db))
    held = ask(seed_db, "When did Trump and Putin meet?", ix)
    top = held.facts[0]
    assert top.kind == "event" and top.record["modality"] == "happened" and top.record["type"] == "CONSULT"
    assert "Friday" in held.answer  # the day the text names, no calendar date invented
    ahead = ask(seed_db, "When will Trump and Putin meet?", ix)
    assert ahead.facts[0].record["modality"] == "planned"
