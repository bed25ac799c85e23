"""Briefings: sections from hand-built analyses, --since, --thread, HTML escaping."""
from dataclasses import replace

import pytest

from storyline.records import (Article, ArticleAnalysis, CorpusAnalysis, Entity, EventMention, Mention,
                               Position, Quote, Sentence, Span, Thread)
from storyline.records.chronology import DateInterval
from storyline.stories.brief import render_brief

T1 = "Mayor Lind said the dam would hold. Engineers will inspect the dam on Friday."
T2 = "Mayor Lind now says the dam may fail. \"We are evacuating the valley,\" Lind said."
T3 = "Residents packed their cars as water rose behind the dam."


def _sents(aid, text):
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        out.append(Sentence(aid, i, start, min(end, len(text))))
        start = end + 1
    return tuple(out)


def _mention(aid, text, name, typ="PERSON"):
    s = text.index(name)
    return Mention(aid, s, s + len(name), name, typ)


@pytest.fixture
def story():
    a1 = ArticleAnalysis(
        article=Article(id="a1", text=T1, title="<script>alert(1)</script> Dam safe, mayor says",
                        published="2024-04-01"),
        sentences=_sents("a1", T1), mentions=(_mention("a1", T1, "Lind"),),
        events=(EventMention("a1", T1.index("inspect"), T1.index("inspect") + 7, "inspect", "inspect",
                             "INVESTIGATE", modality="planned", time_value="2024-04-05"),),
        positions=(Position("a1", 0, 34, "assure", "the dam", "the dam would hold", holder_text="Lind",
                            holder_entity="E1", polarity=1, date="2024-04-01"),))
    q_start = T2.index('"')
    content = T2[q_start + 1:T2.index(',"')]
    a2 = ArticleAnalysis(
        article=Article(id="a2", text=T2, title="Mayor warns dam may fail", published="2024-04-03"),
        sentences=_sents("a2", T2), mentions=(_mention("a2", T2, "Lind"),),
        quotes=(Quote("a2", q_start, len(T2), "direct", Span(q_start + 1, q_start + 1 + len(content), content),
                      speaker_text="Lind", speaker_mention=0, speaker_entity="E1", attributed=True),
                Quote("a2", 0, 10, "indirect", Span(0, 10, T2[:10]), attributed=False)),
        positions=(Position("a2", 0, 37, "assure", "the dam", "the dam may fail", holder_text="Lind",
                            holder_entity="E1", polarity=-1, date="2024-04-03"),))
    a3 = ArticleAnalysis(article=Article(id="a3", text=T3, title="Valley residents leave"),
                         sentences=_sents("a3", T3))
    corpus = CorpusAnalysis(
        entities=(Entity("E1", "Anna Lind", "PERSON", mention_count=2),),
        mention_entity={"a1": ["E1"], "a2": ["E1"], "a3": []},
        threads=(Thread("T1", "Anna Lind: dam, valley", ("a1", "a2", "a3")),
                 Thread("T1.1", "Anna Lind: dam", ("a1", "a2"), parent="T1"),
                 Thread("T1.2", "valley", ("a3",), parent="T1")))
    return [a1, a2, a3], corpus


def test_text_brief_has_every_section(story):
    analyses, corpus = story
    out = render_brief(analyses, corpus)
    assert "3 articles (2024-04-01 to 2024-04-03; 1 undated)" in out
    assert "T1 Anna Lind: dam, valley (3 articles)" in out
    assert "Anna Lind (PERSON, 2 mentions)" in out
    assert "Anna Lind: “We are evacuating the valley”" in out
    assert "unattributed:" in out
    assert "Anna Lind on the dam: assure (for, 2024-04-01) [1] → assure (against, 2024-04-03) [2]" in out
    assert "inspect (2024-04-05): Engineers will inspect the dam on Friday" in out
    assert "undated (order not known): Residents packed" in out  # no chronology evidence: no made-up rank
    assert "[3] Valley residents leave (undated" in out


def test_undated_articles_name_the_articles_they_follow(story):
    analyses, corpus = story
    t4 = "Residents returned to the valley after the dam held."
    a4 = ArticleAnalysis(article=Article(id="a4", text=t4, title="Residents return"), sentences=_sents("a4", t4))
    corpus = replace(corpus, intervals=(DateInterval("a3", None, None, rank=0),
                                        DateInterval("a4", None, None, rank=1, follows=("a3",))))
    out = render_brief(analyses + [a4], corpus)
    assert "undated (inferred: before [4]): Residents packed their cars" in out
    assert "undated (inferred: after [3]): Residents returned" in out
    assert out.index("Residents packed their cars") < out.index("Residents returned")
    # an interval with both ends is shown as the dates the text allows; one day exactly puts
    # the article on the dated timeline, marked as inferred
    dated = replace(corpus, intervals=(DateInterval("a3", "2024-04-02", "2024-04-02", rank=0),
                                       DateInterval("a4", "2024-04-03", "2024-04-09", rank=1, follows=("a3",))))
    out = render_brief(analyses + [a4], dated)
    assert "2024-04-02 (inferred from the text): Residents packed" in out
    assert "undated (inferred: 2024-04-03 to 2024-04-09, after [" in out


def test_since_keeps_only_what_is_new(story):
    analyses, corpus = story
    out = render_brief(analyses, corpus, since="2024-04-02")
    assert "1 article (2024-04-03 to 2024-04-03)" in out
    assert "new since 2024-04-02 (1 undated article cannot be placed and is left out)" in out
    assert "Mayor warns dam may fail" in out
    assert "Dam safe" not in out
    assert "1 new article" in out


def test_thread_filter(story):
    analyses, corpus = story
    out = render_brief(analyses, corpus, thread="T1.2")
    assert "thread t1.2: valley" in out.lower()
    assert "1 article (no publication dates)" in out
    assert "Mayor" not in out.split("Sources")[1]


def test_html_escapes_article_text(story):
    analyses, corpus = story
    out = render_brief(analyses, corpus, fmt="html")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.startswith("<!DOCTYPE html>") and "<h2>Who said what</h2>" in out
    # sub-threads are a list inside their story's item
    assert "<li>T1 Anna Lind: dam, valley (3 articles)<ul><li>T1.1 Anna Lind: dam (2)</li>" in out


def test_markdown_and_empty_inputs():
    md = render_brief([], CorpusAnalysis(), fmt="md")
    assert md.startswith("# Briefing") and "## What happened" in md and "- none found" in md
    with pytest.raises(ValueError):
        render_brief([], CorpusAnalysis(), fmt="pdf")


def test_unknown_thread_is_said_so(story):
    analyses, corpus = story
    out = render_brief(analyses, corpus, thread="T9")
    assert "no thread T9 (top-level threads: T1)" in out


def test_a_promise_inside_a_quotation_is_not_expected_next_unless_dated_ahead():
    text = '"We will rebuild the bridge," Lind said. Crews will inspect the dam on Friday.'
    parts = (Span(0, 29, text[:29]),)
    a = ArticleAnalysis(
        article=Article(id="q1", text=text, title="Bridge", published="2024-04-01"), sentences=_sents("q1", text),
        quotes=(Quote("q1", 0, 29, "direct", parts[0], speaker_text="Lind", attributed=True),),
        events=(EventMention("q1", text.index("rebuild"), text.index("rebuild") + 7, "rebuild", "rebuild", "OTHER",
                             modality="planned"),
                EventMention("q1", text.index("inspect"), text.index("inspect") + 7, "inspect", "inspect",
                             "INVESTIGATE", modality="planned", time_value="2024-04-05")))
    expected = render_brief([a], CorpusAnalysis()).split("What is expected next")[1].split("Sources")[0]
    assert "inspect (2024-04-05)" in expected
    assert "rebuild" not in expected


def test_a_speaker_known_only_as_a_pronoun_is_marked_not_named():
    text = 'A woman waited at the gate. "It never crossed my mind," she said.'
    she = Mention("p1", text.index("she"), text.index("she") + 3, "she", "PERSON", kind="pronoun")
    q_start = text.index('"')
    content = text[q_start:text.index(",") + 2]
    a = ArticleAnalysis(article=Article(id="p1", text=text, title="Gate", published="2024-04-01"),
                        sentences=_sents("p1", text), mentions=(she,),
                        quotes=(Quote("p1", q_start, q_start + len(content), "direct",
                                      Span(q_start, q_start + len(content), content), speaker_text="she",
                                      speaker_mention=0, attributed=True),))
    out = render_brief([a], CorpusAnalysis())
    assert "she (not named): “It never crossed my mind,”" in out


def _planned(aid, text, word, value=None):
    s = text.index(word)
    return EventMention(aid, s, s + len(word), word, word, "OTHER", modality="planned", time_value=value)


def _expected_section(analyses, corpus=None):
    return render_brief(analyses, corpus or CorpusAnalysis()).split("What is expected next")[1].split("Sources")[0]


def test_expected_next_keeps_only_what_is_still_ahead_of_the_newest_report():
    old_t = "The council will vote on the budget in March. Crews will repaint the bridge."
    new_t = "The council will debate the tramway. Engineers will test the tramway in June."
    old = ArticleAnalysis(
        article=Article(id="o1", text=old_t, title="Budget", published="2024-02-01"), sentences=_sents("o1", old_t),
        events=(_planned("o1", old_t, "vote", "2024-03"), _planned("o1", old_t, "repaint")))
    new = ArticleAnalysis(
        article=Article(id="n1", text=new_t, title="Tramway", published="2024-05-02"), sentences=_sents("n1", new_t),
        events=(_planned("n1", new_t, "debate"), _planned("n1", new_t, "test", "2024-06")))
    expected = _expected_section([old, new])
    assert "test (2024-06)" in expected and "debate" in expected
    # the March vote was due before the newest report; an undated plan three months old is stale
    assert "vote" not in expected and "repaint" not in expected
    # a report a few days older than the newest still counts
    recent = replace(old, article=replace(old.article, published="2024-04-25"))
    assert "repaint" in _expected_section([recent, new])
    # without any day nothing can be judged stale, so everything stays
    undated = [replace(x, article=replace(x.article, published=None)) for x in (old, new)]
    assert "vote" in _expected_section(undated) and "repaint" in _expected_section(undated)


def test_articles_dated_by_their_own_text_are_counted_sorted_and_named_by_their_headline():
    t1 = "Tram line opens\nMay 02, 2024\nThe first tram left the depot at dawn."
    t2 = "Tram works begin\nApril 03, 2024\nWorkers closed the avenue."
    a1 = ArticleAnalysis(article=Article(id="t1", text=t1), sentences=_sents("t1", t1))
    a2 = ArticleAnalysis(article=Article(id="t2", text=t2), sentences=_sents("t2", t2))
    corpus = CorpusAnalysis(intervals=(DateInterval("t1", "2024-05-02", "2024-05-02", rank=1),
                                       DateInterval("t2", "2024-04-03", "2024-04-03", rank=0)))
    out = render_brief([a1, a2], corpus)
    assert "2 articles (no publication dates; 2 dated from their text: 2024-04-03 to 2024-05-02)" in out
    sources = out.split("Sources")[1]
    assert sources.index("[1] Tram works begin (2024-04-03, inferred from the text;") < \
        sources.index("[2] Tram line opens (2024-05-02, inferred from the text;")
    # --since places them by the day their text fixes
    assert "1 article (no publication dates; 1 dated from its text: 2024-05-02)" in \
        render_brief([a1, a2], corpus, since="2024-05-01")


def test_reports_of_one_day_keep_the_order_of_their_times():
    late = ArticleAnalysis(article=Article(id="l1", text="Evening update.", title="Evening",
                                           published="2024-04-02T18:00:00"), sentences=_sents("l1", "Evening update."))
    early = ArticleAnalysis(article=Article(id="e1", text="Morning update.", title="Morning",
                                            published="2024-04-02T07:00:00"), sentences=_sents("e1", "Morning update."))
    sources = render_brief([late, early], CorpusAnalysis()).split("Sources")[1]
    assert sources.index("[1] Morning") < sources.index("[2] Evening")


def test_a_long_story_keeps_its_latest_days_and_its_most_named_ones():
    """More dated entries than the briefing shows: the days the fewest reports name go, the
    newest reports stay (a plain cut would keep the oldest days and drop the latest news)."""
    from storyline.records import Timex
    analyses = []
    nouns = ("harbour bridge tunnel school clinic market stadium library museum depot airport "
             "ferry canal prison reservoir orchard quarry foundry theatre cathedral mill dairy "
             "brewery lighthouse observatory").split()
    trades = ("bakers drivers nurses miners pilots farmers dockers welders tailors clerks porters "
              "masons glaziers weavers potters cobblers smiths coopers tanners millers carvers "
              "roofers plumbers joiners fishers").split()
    for k in range(25):
        day = f"2024-03-{k + 1:02d}"
        old = f"19{60 + k}"
        # every report names its own day and a background year of its own; three also name
        # the flood of 1953-02-01
        text = (f"Angry {trades[k]} blocked the {nouns[k]} on {day}. "
                f"Its {trades[24 - k]} guild dates from {old}."
                + (" The flood of 1953-02-01 was recalled." if k in (3, 9, 15) else ""))
        timexes = [Timex(f"r{k}", text.index(day), text.index(day) + 10, day, "DATE", day),
                   Timex(f"r{k}", text.index(old), text.index(old) + 4, old, "DATE", f"{old}-06-01")]
        if k in (3, 9, 15):
            s = text.index("1953")
            timexes.append(Timex(f"r{k}", s, s + 10, "1953-02-01", "DATE", "1953-02-01"))
        analyses.append(ArticleAnalysis(article=Article(id=f"r{k}", text=text, title=f"Report {k}",
                                                        published=day),
                                        sentences=_sents(f"r{k}", text), timexes=tuple(timexes)))
    out = render_brief(analyses, CorpusAnalysis())
    happened = out.split("What happened")[1].split("Who said what")[0]
    items = [line for line in happened.splitlines() if line.startswith("  - ")]
    assert len(items) == 40
    assert "timeline entries, on days fewer reports name, are left out" in happened
    days = [line[4:14] for line in items]
    assert days == sorted(days)
    assert "2024-03-25" in days and "2024-03-01" in days   # the newest and the first report
    assert "1953-02-01" in days                           # named by three reports
    assert sum(d.startswith("19") and d != "1953-02-01" for d in days) < 25  # background trimmed


def test_threads_of_a_large_collection_show_the_largest_and_count_the_rest():
    analyses, threads = [], []
    for k in range(13):  # story k holds k + 1 articles; story 12 has eight sub-threads
        ids = []
        for j in range(k + 1):
            aid = f"s{k}a{j}"
            text = f"Report {j} of story {k}."
            analyses.append(ArticleAnalysis(article=Article(id=aid, text=text, published="2024-05-01"),
                                            sentences=_sents(aid, text)))
            ids.append(aid)
        threads.append(Thread(f"T{k + 1}", f"story {k}", tuple(ids)))
        if k == 12:
            threads += [Thread(f"T13.{j + 1}", f"part {j}", (ids[j],) if j < 7 else tuple(ids[7:]), parent="T13")
                        for j in range(8)]
    out = render_brief(analyses, CorpusAnalysis(threads=tuple(threads)))
    section = out.split("Threads")[1].split("Main actors")[0]
    stories = [ln.split()[1] for ln in section.splitlines() if ln.startswith("  - T")]
    assert stories == [f"T{k}" for k in range(4, 14)]  # the ten largest, in their own order
    assert "3 smaller stories left out" in section
    subs = [ln.split()[1] for ln in section.splitlines() if ln.startswith("    - T13.")]
    assert len(subs) == 5 and "T13.8" in subs  # the sub-thread of six articles is among them
    assert "… 3 smaller sub-threads" in section


def test_two_reports_of_one_day_disagreeing_are_not_a_change(story):
    analyses, corpus = story
    a1, a2, a3 = analyses
    same_day = replace(a2, positions=tuple(replace(p, date="2024-04-01") for p in a2.positions))
    out = render_brief([a1, same_day, a3], corpus)
    assert "Anna Lind on" not in out.split("Whose position changed")[1].split("What is expected next")[0]
    assert "Anna Lind on the dam" in render_brief(analyses, corpus)  # two days apart: a change


def test_main_actors_show_the_roles_said_most_often_once_each():
    text = "Director Ana Ruiz spoke. FBI director Ana Ruiz left. The FBI Director Ana Ruiz returned."
    from storyline.records import Role
    spots = [(text.index("Director Ana"), "Director"), (text.index("FBI director"), "FBI director"),
             (text.index("FBI Director"), "the FBI Director")]
    mentions = tuple(Mention("r1", s + len(role.split()[-1]) + 1 if role == "Director" else s, s + 20, "Ana Ruiz",
                             "PERSON", roles=(Role(role, "r1", s, s + len(role)),)) for s, role in spots)
    a = ArticleAnalysis(article=Article(id="r1", text=text, published="2024-05-01"), sentences=_sents("r1", text),
                        mentions=mentions)
    corpus = CorpusAnalysis(entities=(Entity("E1", "Ana Ruiz", "PERSON", mention_count=3),),
                            mention_entity={"r1": ["E1", "E1", "E1"]})
    actors = render_brief([a], corpus).split("Main actors")[1].split("What happened")[0]
    assert "Ana Ruiz (PERSON, 3 mentions) — FBI director, Director" in actors


def test_who_said_what_gives_the_latest_reports_a_voice_first():
    analyses = []
    for k in range(15):
        text = f'"We will rebuild pier {k}," said Mayor Lind.'
        end = text.index(',"')
        q = Quote(f"q{k}", 0, len(text), "direct", Span(1, end, text[1:end]), speaker_text="Mayor Lind",
                  attributed=True)
        analyses.append(ArticleAnalysis(article=Article(id=f"q{k}", text=text, published=f"2024-05-{k + 1:02d}"),
                                        sentences=_sents(f"q{k}", text), quotes=(q,)))
    section = render_brief(analyses, CorpusAnalysis()).split("Who said what")[1].split("Whose position")[0]
    piers = [int(ln.split("pier ")[1].split("”")[0].rstrip(",")) for ln in section.splitlines() if "pier" in ln]
    assert piers == list(range(3, 15))  # the twelve latest, in report order


def test_a_change_on_a_topic_that_opens_with_a_preposition_says_on_once(story):
    analyses, corpus = story
    with_on = [replace(a, positions=tuple(replace(p, topic="on " + p.topic) for p in a.positions)) for a in analyses]
    section = render_brief(with_on, corpus).split("Whose position changed")[1].split("What is expected next")[0]
    assert "Anna Lind on the dam" in section and "on on" not in section


def test_a_quotation_ending_in_a_quoted_word_keeps_its_inner_mark():
    text = 'A pilot spoke. "The caller warned of a bomb, saying it was \'for the cause\'" he said.'
    q_start = text.index('"')
    q_end = text.index('" he') + 1
    content = text[q_start:q_end]
    a = ArticleAnalysis(article=Article(id="p2", text=text, title="Flight", published="2024-04-01"),
                        sentences=_sents("p2", text), mentions=(),
                        quotes=(Quote("p2", q_start, q_end, "direct", Span(q_start, q_end, content),
                                      speaker_text="A pilot", attributed=True),))
    out = render_brief([a], CorpusAnalysis())
    assert "A pilot: “The caller warned of a bomb, saying it was 'for the cause'”" in out


@pytest.mark.parametrize("text, opening, closing, speaker, shown", [
    ("The chief executive spoke. He called the ruling ''total nonsense'' on Monday.", "''", "'' on", "He",
     "total nonsense"),
    ("The mayor spoke on Monday. «We will open the bridge in spring», she said.", "«", "»", "she",
     "We will open the bridge in spring"),
    ("The mayor spoke on Monday . `` We will open the bridge in spring , '' she said .", "``", "'' she",
     "she", "We will open the bridge in spring ,"),
])
def test_a_quotation_loses_its_own_marks_in_the_briefing(text, opening, closing, speaker, shown):
    q_start = text.index(opening)
    q_end = text.index(closing) + len(closing.split()[0])
    a = ArticleAnalysis(article=Article(id="p3", text=text, title="Ruling", published="2024-04-01"),
                        sentences=_sents("p3", text), mentions=(),
                        quotes=(Quote("p3", q_start, q_end, "direct", Span(q_start, q_end, text[q_start:q_end]),
                                      speaker_text=speaker, attributed=True),))
    out = render_brief([a], CorpusAnalysis())
    assert f"{speaker}: “{shown}”" in out


def test_reported_words_that_open_or_end_with_a_quoted_phrase_keep_its_marks():
    from storyline.stories.brief import _unquoted
    assert _unquoted('the closure had caused "deep concern"') == 'the closure had caused "deep concern"'
    assert _unquoted('"a brazen breach" of the rules') == '"a brazen breach" of the rules'
    assert _unquoted('"surprise" and then "dismay"') == '"surprise" and then "dismay"'
    assert _unquoted('“We will rebuild,”') == "We will rebuild,"


def test_quoted_phrases_in_guillemets_keep_their_marks():
    from storyline.stories.brief import _unquoted
    assert _unquoted("«la paix» et «la guerre»") == "«la paix» et «la guerre»"


def test_an_agency_named_only_in_datelines_and_disclaimers_is_no_main_actor():
    analyses = []
    for i, body in enumerate(["Maersk said the ship was freed. Maersk will pay the crews.",
                              "Maersk sent tugs to the strait. The strait reopened on Monday."]):
        text = (f"SKAGEN, Denmark (Nordic Wire) - {body} Opinions in columns are the writers' and "
                f"do not represent those of Nordic Wire.")
        aid = f"w{i}"
        mentions = [Mention(aid, m.start(), m.end(), m.group(), "ORG") for m in
                    __import__("re").finditer(r"Maersk|Nordic Wire", text)]
        analyses.append(ArticleAnalysis(article=Article(id=aid, text=text, title="Strait", published=f"2024-05-0{i + 1}"),
                                        sentences=_sents(aid, text), mentions=tuple(mentions)))
    actors = render_brief(analyses, CorpusAnalysis()).split("Main actors")[1].split("What happened")[0]
    assert "Maersk (ORG, 3 mentions)" in actors
    assert "Nordic Wire" not in actors


def test_who_said_what_gives_its_room_to_named_voices_before_what_an_estimate_appears_to_be():
    first = "The early estimate appears to be far too low. "
    said = "".join(f"Lind said the pumps ran for {n} hours. " for n in range(1, 14))
    text = first + said
    lind = [Mention("v1", m.start(), m.end(), "Lind", "PERSON") for m in __import__("re").finditer("Lind", text)]
    quotes = [Quote("v1", text.index("far"), text.index(" low") + 4, "indirect",
                    Span(text.index("far"), text.index(" low") + 4, "far too low"),
                    speaker_text="The early estimate", attributed=True, cue_class="thought")]
    for i, m in enumerate(lind):
        s = text.index("the pumps", m.start)
        e = text.index(" hours", s) + 6
        quotes.append(Quote("v1", s, e, "indirect", Span(s, e, text[s:e]), speaker_text="Lind",
                            speaker_mention=i, attributed=True, cue_class="speech"))
    a = ArticleAnalysis(article=Article(id="v1", text=text, title="Pumps", published="2024-04-01"),
                        sentences=_sents("v1", text), mentions=tuple(lind), quotes=tuple(quotes))
    corpus = CorpusAnalysis(entities=(Entity(id="e1", name="Karin Lind", type="PERSON"),),
                            mention_entity={"v1": ["e1"] * len(lind)})
    section = render_brief([a], corpus).split("Who said what")[1].split("Whose position")[0]
    assert section.count("Karin Lind:") == 12
    assert "far too low" not in section


def test_a_report_is_voiced_by_words_that_say_something_not_by_one_reported_noun():
    """ "Crews reported progress" is an attribution whose words are one noun: when the briefing has
    room for one quote of the report, a sentence that says what happened takes it, even from an
    unnamed official."""
    analyses = []
    for k in range(11):
        text = f"Mayor Lind said pier {k} would reopen."
        s = text.index("pier")
        analyses.append(ArticleAnalysis(
            article=Article(id=f"f{k}", text=text, published=f"2024-05-{k + 1:02d}"), sentences=_sents(f"f{k}", text),
            quotes=(Quote(f"f{k}", s, len(text) - 1, "indirect", Span(s, len(text) - 1, text[s:-1]),
                          speaker_text="Mayor Lind", attributed=True, cue_class="speech"),)))
    text = "Salvage crews reported progress on Sunday. A harbour official said the pumps were working again."
    p = text.index("progress")
    w = text.index("the pumps")
    crews = Mention("n1", 0, len("Salvage crews"), "Salvage crews", "ORG")
    quotes = (Quote("n1", p, p + len("progress"), "indirect", Span(p, p + len("progress"), "progress"),
                    speaker_text="Salvage crews", speaker_mention=0, attributed=True, cue_class="speech"),
              Quote("n1", w, len(text) - 1, "indirect", Span(w, len(text) - 1, text[w:-1]),
                    speaker_text="A harbour official", attributed=True, cue_class="speech"))
    analyses.append(ArticleAnalysis(article=Article(id="n1", text=text, published="2024-05-20"),
                                    sentences=_sents("n1", text), mentions=(crews,), quotes=quotes))
    corpus = CorpusAnalysis(entities=(Entity("E9", "Salvage crews", "ORG"),), mention_entity={"n1": ["E9"]})
    section = render_brief(analyses, corpus).split("Who said what")[1].split("Whose position")[0]
    assert "A harbour official: the pumps were working again" in section
    assert "Salvage crews: progress" not in section


def test_a_readers_comment_is_no_voice_in_who_said_what():
    story = 'The quay reopened on Monday, the harbour master said. Trawlers queued to unload their catch.'
    comment = ' Posted by oldsalt: "Nobody asked the fishermen," my neighbour said.'
    text = story + comment
    said = story.index(", the")
    own = Quote("h1", 0, said, "indirect", Span(0, said, text[:said]), speaker_text="the harbour master",
                attributed=True)
    c0 = text.index('"Nobody')
    c1 = text.index(',"', c0) + 2
    reader = Quote("h1", c0, c1, "direct", Span(c0 + 1, c1 - 2, text[c0 + 1:c1 - 2]),
                   speaker_text="my neighbour", attributed=True)
    a = ArticleAnalysis(article=Article(id="h1", text=text, published="2024-06-03"),
                        sentences=_sents("h1", text), quotes=(own, reader))
    section = render_brief([a], CorpusAnalysis()).split("Who said what")[1].split("Whose position")[0]
    assert "the harbour master: The quay reopened on Monday" in section
    assert "fishermen" not in section and "neighbour" not in section


def test_what_happened_holds_nothing_dated_after_its_own_report():
    from storyline.records import Timex
    text = "The harbour reopened on Monday. A charity concert for the crews is due on Saturday."
    a = ArticleAnalysis(
        article=Article(id="h1", text=text, published="2024-04-03"), sentences=_sents("h1", text),
        timexes=(Timex("h1", text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE", "2024-04-01"),
                 Timex("h1", text.index("Saturday"), text.index("Saturday") + 8, "Saturday", "DATE",
                       "2024-04-06")),
        events=(EventMention("h1", text.index("concert"), text.index("concert") + 7, "concert", "concert",
                             "OTHER", modality="planned", time_value="2024-04-06"),))
    out = render_brief([a], CorpusAnalysis())
    happened = out.split("What happened")[1].split("Who said what")[0]
    assert "2024-04-01: The harbour reopened on Monday" in happened
    assert "concert" not in happened and "2024-04-06" not in happened
    assert "concert (2024-04-06): A charity concert" in out.split("What is expected next")[1]


def test_expected_next_shows_the_story_sentence_without_its_dateline():
    text = ("OSLO -LRB- Nordic Wire -RRB- - The ferry union will vote on the new rosters on Friday . "
            "We welcome comments that keep to the subject . Posted by harbourfan : the owners will "
            "sell the boats next year .")
    vote = text.index("vote")
    sell = text.index("sell")
    a = ArticleAnalysis(
        article=Article(id="o1", text=text, published="2024-04-03"), sentences=_sents("o1", text),
        events=(EventMention("o1", vote, vote + 4, "vote", "vote", "OTHER", modality="planned",
                             time_value="2024-04-05"),
                EventMention("o1", sell, sell + 4, "sell", "sell", "OTHER", modality="planned")))
    section = _expected_section([a])
    assert "vote (2024-04-05): The ferry union will vote on the new rosters on Friday" in section
    assert "Nordic Wire" not in section and "sell" not in section


def test_reported_words_are_shown_without_the_that_introducing_them():
    text = "The harbour master said that the quay would reopen on Monday."
    c0 = text.index("that")
    q = Quote("t1", c0, len(text) - 1, "indirect", Span(c0, len(text) - 1, text[c0:-1]),
              speaker_text="The harbour master", attributed=True)
    a = ArticleAnalysis(article=Article(id="t1", text=text, published="2024-06-03"),
                        sentences=_sents("t1", text), quotes=(q,))
    section = render_brief([a], CorpusAnalysis()).split("Who said what")[1].split("Whose position")[0]
    assert "The harbour master: the quay would reopen on Monday [1]" in section


def test_a_dateline_opening_a_later_report_on_the_page_is_page_material():
    from storyline.chronology.bounds import in_spans
    from storyline.stories.text import page_material
    text = ("OSLO -LRB- Nordic Wire -RRB- - The ferry strike ended . "
            "BERGEN -LRB- Nordic Wire -RRB- - Airlines cut flights to the coast .")
    second = text.index("BERGEN")
    a = ArticleAnalysis(article=Article(id="w1", text=text), sentences=_sents("w1", text))
    page = page_material(a, dateline_only=True)
    assert in_spans(0, page) and in_spans(text.index("Wire", second), page)
    assert not in_spans(text.index("Airlines"), page) and not in_spans(text.index("ferry"), page)
