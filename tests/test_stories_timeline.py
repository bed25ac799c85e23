"""Timeline: dated entries from sentences naming days, undated articles marked and in inferred order."""
from storyline.records import (Article, ArticleAnalysis, CorpusAnalysis, DateInterval, Sentence, Timex)
from storyline.stories.summarize import Candidate, summarize
from storyline.stories.text import content_tokens, split_sentences
from storyline.stories.timeline import build_timeline
from dataclasses import replace
from datetime import date


def _analysis(aid, text, published=None, timexes=()):
    sents = tuple(Sentence(aid, i, s, e) for i, (s, e) in enumerate(split_sentences(text)))
    tx = []
    for phrase, value in timexes:
        start = text.index(phrase)
        tx.append(Timex(aid, start, start + len(phrase), phrase, "DATE", value))
    return ArticleAnalysis(article=Article(id=aid, text=text, published=published), sentences=sents,
                           timexes=tuple(tx))


def test_dated_entries_are_grounded_and_say_how_they_are_dated():
    a = _analysis("a1", "The bridge reopened on March 3 after repairs. Traffic was light in the morning.",
                  "2024-03-04", [("March 3", "2024-03-03")])
    b = _analysis("b1", "Engineers inspected the bridge cables for a week. They found no new cracks.", "2024-03-06")
    entries = build_timeline([a, b], CorpusAnalysis())
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    first = entries[0]
    assert first.date == "2024-03-03" and first.date_basis == "mentioned"
    assert first.text == a.article.text[first.start:first.end]
    assert "reopened" in first.text
    reported = [e for e in entries if e.article_id == "b1"]
    assert reported and reported[0].date == "2024-03-06" and reported[0].date_basis == "published"
    assert not any(e.inferred for e in entries)


def test_an_event_dated_only_by_its_report_does_not_make_the_sentence_name_a_day():
    from dataclasses import replace
    from storyline.records import EventMention
    text = "Parents want better schools. The board met on March 3 to hear them."
    a = _analysis("a1", text, "2024-03-05", [("March 3", "2024-03-03")])
    want = EventMention("a1", text.index("want"), text.index("want") + 4, "want", "want", "DEMAND",
                        time_value="2024-03-05", time_precision="day", timex_index=None)
    met = EventMention("a1", text.index("met"), text.index("met") + 3, "met", "meet", "MEET",
                       time_value="2024-03-03", time_precision="day", timex_index=0)
    entries = build_timeline([replace(a, events=(want, met))], CorpusAnalysis())
    by_text = {e.text: e for e in entries}
    assert by_text["The board met on March 3 to hear them."].date_basis == "mentioned"
    parents = by_text.get("Parents want better schools.")
    assert parents is None or (parents.date == "2024-03-05" and parents.date_basis == "published")


def test_an_article_whose_text_fixes_its_day_is_placed_on_it_marked_inferred():
    u = _analysis("u1", "The ferry service resumed after the storm. Passengers queued at dawn.")
    d = _analysis("d1", "The storm closed the harbor on March 3.", "2024-03-04", [("March 3", "2024-03-03")])
    corpus = CorpusAnalysis(intervals=(DateInterval("u1", "2024-03-05", "2024-03-05", rank=0),))
    entries = build_timeline([u, d], corpus)
    placed = [e for e in entries if e.article_id == "u1"]
    assert placed and all(e.date == "2024-03-05" and e.inferred and e.date_basis == "inferred" for e in placed)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert not any(e.inferred for e in entries if e.article_id == "d1")
    # an interval wider than a day keeps the article undated
    wide = CorpusAnalysis(intervals=(DateInterval("u1", "2024-03-05", "2024-03-09", rank=0),))
    assert all(e.date is None for e in build_timeline([u, d], wide) if e.article_id == "u1")


def test_undated_articles_are_marked_and_follow_the_inferred_order():
    u1 = _analysis("u1", "The ministers will meet next week to sign the accord.")
    u2 = _analysis("u2", "The ministers signed the accord after a night of talks.")
    d1 = _analysis("d1", "Talks on the accord began in the capital.", "2024-05-01")
    corpus = CorpusAnalysis(intervals=(DateInterval("u2", None, None, rank=1),
                                       DateInterval("u1", None, None, rank=0)))
    entries = build_timeline([u2, d1, u1], corpus)
    assert entries[0].article_id == "d1" and entries[0].date == "2024-05-01"
    undated = [e for e in entries if e.date is None]
    assert [e.article_id for e in undated] == ["u1", "u2"]  # inferred order, not input order
    assert all(e.inferred and e.rank is not None for e in undated)


def test_summarize_picks_the_most_mentioned_days_and_never_repeats_a_sentence():
    d = date(2024, 1, 10)
    def cand(aid, i, text, pub, days):
        return Candidate(aid, i, 0, len(text), text, pub, tuple(days), tuple(content_tokens(text)))
    cands = [
        cand("a", 0, "The dam failed on Monday and water flooded the valley villages below.", date(2024, 1, 11), [d]),
        cand("b", 0, "Monday's dam failure flooded valley villages and forced evacuations.", date(2024, 1, 12), [d]),
        cand("c", 0, "Villagers remembered the dam failure that flooded the valley on Monday.", date(2024, 1, 14), [d]),
        cand("c", 1, "A small fair opened in a distant town with music and food stalls.", date(2024, 1, 14), [date(2024, 1, 13)]),
    ]
    timeline = summarize(cands, n_dates=1, n_sents=2)
    assert [s.date for s in timeline] == [d]
    texts = [c.text for c in timeline[0].sentences]
    assert len(texts) == len(set(texts)) >= 1
    assert all("dam" in t for t in texts)


def test_a_long_story_is_summarized_to_its_important_days():
    acts = ["divers inspected pylons", "engineers poured concrete", "volunteers filled sandbags",
            "inspectors measured cracks", "cranes lifted boulders", "surveyors mapped erosion",
            "welders fixed railings", "pumps drained basements", "trucks delivered gravel",
            "council approved funding", "residents protested delays", "scientists sampled sediment",
            "ferries resumed crossings", "insurers assessed claims", "schools reopened classrooms",
            "fishermen repaired nets", "police closed promenades", "bakers donated bread",
            "architects drafted plans", "ministers toured harbours"]
    analyses = []
    for i in range(40):
        day = f"2024-02-{1 + i % 20:02d}"
        text = (f"On Tuesday {acts[i % 20]} near pier {i}. "
                f"Later {acts[(i * 7 + 3) % 20]} while crowds watched.")
        analyses.append(_analysis(f"n{i}", text, day, [("Tuesday", day)]))
    entries = build_timeline(analyses, CorpusAnalysis())
    days = {e.date for e in entries}
    assert 10 <= len(days) <= 19  # 3 * sqrt(40) days at most, never fewer than 10
    assert all(sum(1 for e in entries if e.date == d) <= 2 for d in days)
    assert all(e.text == next(a for a in analyses if a.article.id == e.article_id).article.text[e.start:e.end]
               for e in entries)


def test_a_wire_date_line_opening_a_sentence_is_left_out_of_its_entry():
    text = ("Ferry strike ends\n\nBERGEN, March 4 (Nordic Wire) -- The ferry crews ended their strike on "
            "Monday after the owners agreed to new rosters. Boats sailed again in the evening.")
    a = _analysis("w1", text, "2024-03-04", [("March 4", "2024-03-04"), ("Monday", "2024-03-04")])
    entries = build_timeline([a], CorpusAnalysis())
    crews = next(e for e in entries if "crews" in e.text)
    assert crews.text.startswith("The ferry crews ended their strike")
    assert crews.text == text[crews.start:crews.end].strip()


def test_reader_comments_and_a_bare_dateline_are_never_timeline_entries():
    # sentences as a parser splits a wire page: the byline and the timestamped dateline apart
    sentences = ["By Ines Okafor , Transport Editor BERGEN",
                 "Tue Mar 5 , 2024 6:02 pm CET BERGEN -LRB- Nordic Wire -RRB- -",
                 "The ferry crews ended their strike on Monday after the owners agreed to new rosters .",
                 "Boats sailed again in the evening .",
                 "We welcome comments that keep to the subject of the story .",
                 "Posted by harbourfan on March 1 , 2024 : the owners refused to talk to the crews on "
                 "February 27 and lost a fortune ."]
    text = "\n".join(sentences)
    spans, pos = [], 0
    for sent in sentences:
        spans.append((pos, pos + len(sent)))
        pos += len(sent) + 1
    a = _analysis("c1", text, "2024-03-05", [("Monday", "2024-03-04"), ("March 1 , 2024", "2024-03-01"),
                                             ("February 27", "2024-02-27"), ("Mar 5 , 2024", "2024-03-05")])
    a = replace(a, sentences=tuple(Sentence("c1", i, s, e) for i, (s, e) in enumerate(spans)))
    entries = build_timeline([a], CorpusAnalysis())
    assert entries and all(e.text == text[e.start:e.end].strip() for e in entries)
    shown = " ".join(e.text for e in entries)
    assert "The ferry crews ended their strike on Monday" in shown
    assert "harbourfan" not in shown and "refused" not in shown  # a reader's comment
    assert "Okafor" not in shown and "Nordic Wire" not in shown  # byline and dateline
    assert {e.date for e in entries} <= {"2024-03-04", "2024-03-05"}


def test_a_live_pages_entry_times_are_cut_from_its_sentences_but_a_year_is_not():
    from storyline.stories.text import story_spans
    live = ("Live coverage of the storm . -LRB- All times GMT . -RRB- 2358 The port authority says the "
            "harbour will stay shut . 2341 Rescuers reached the island by boat . 2310 Power returned to "
            "the north of the town .")
    spans = story_spans(live, split_sentences(live))
    texts = [live[sp.start:sp.end] for sp in spans]
    assert "The port authority says the harbour will stay shut ." in texts
    assert "Rescuers reached the island by boat ." in texts
    assert not any(t[:1].isdigit() for t in texts)
    # one number opening one sentence is no live page's entry time
    plain = "The club had a good season . 2009 The year of the flood is still remembered ."
    assert [plain[sp.start:sp.end] for sp in story_spans(plain, split_sentences(plain))][1].startswith("2009")


def test_a_pages_date_stamp_and_server_message_are_cut_from_the_sentence_they_open():
    from storyline.stories.text import story_spans
    page = ("Page last updated at 10:41 GMT , Friday , 8 March 2024 11:41 UK -LRB- an error occurred while "
            "processing this directive -RRB- The ferry crews ended their strike on Monday . Boats sailed again .")
    spans = story_spans(page, split_sentences(page))
    assert page[spans[0].start:spans[0].end] == "The ferry crews ended their strike on Monday ."
    assert spans[0].story and spans[0].days_from == 0  # the stamp's date still counts as named

    # "Updated" opening a sentence of the story is no stamp
    plain = "Updated rules for ferry crews came into force on Monday ."
    assert story_spans(plain, split_sentences(plain))[0].start == 0


def test_an_undated_articles_entry_reads_from_its_story_not_its_dateline():
    text = ("TROMSO -LRB- Nordic Wire -RRB- - Two trawlers collided in fog off the island overnight . "
            "The coast guard towed both to port .")
    entries = build_timeline([_analysis("u1", text)], CorpusAnalysis())
    assert entries[0].date is None and entries[0].text == "Two trawlers collided in fog off the island overnight ."
    assert text[entries[0].start:entries[0].end].strip() == entries[0].text
