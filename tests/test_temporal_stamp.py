"""An undated article that carries its own date line is resolved against that day."""
from storyline.pipeline import analyse_articles, analyse_corpus
from storyline.records import Article
from storyline.temporal.stamp import find_stamp, stamp_line
from storyline.temporal.tagger import tag_text

PASTED = ("Ferry crews return to the lake crossing\n"
          "Published: Thursday, 11 April 2019 08:15 GMT\n"
          "On Tuesday, the operator and the crews' union signed an agreement after the storm, the operator said. "
          "Repairs to the second pier will take until next month, said Lena Ortiz, the port director.")


def _values(text, dct=None):
    return {t.text: t for t in tag_text(text, dct)}


def test_a_date_line_under_the_title_is_the_reference_for_relative_expressions():
    got = _values(PASTED)
    line = got["Thursday, 11 April 2019 08:15 GMT"] if "Thursday, 11 April 2019 08:15 GMT" in got else \
        next(t for t in got.values() if t.function == "CREATION_TIME")
    assert line.function == "CREATION_TIME" and line.value.startswith("2019-04-11")
    tuesday = got["Tuesday"]
    assert tuesday.value == "2019-04-09" and tuesday.anchor == "stamp"
    assert got["next month"].value == "2019-05" and got["next month"].anchor == "stamp"
    # a value resolved against the text's own line is less sure than one against metadata
    assert tuesday.confidence < _values(PASTED, "2019-04-11")["Tuesday"].confidence


def test_metadata_date_wins_and_the_line_is_still_marked():
    got = _values(PASTED, "2019-04-12")
    assert got["Tuesday"].value == "2019-04-09" and got["Tuesday"].anchor == "dct"
    assert [t.value for t in got.values() if t.function] == ["2019-04-11"]


def test_a_date_inside_a_sentence_or_far_down_is_no_date_line():
    in_title = ("Storm closes lake crossing on 11 April 2019\n"
                "The ferry service stopped on Tuesday, the operator said.")
    got = _values(in_title)
    assert got["Tuesday"].value == "XXXX-WXX-2" and not any(t.function for t in got.values())
    low = "Title\nFirst line.\nSecond line.\nThird line.\n11 April 2019\nThe ferry stopped on Tuesday."
    assert _values(low)["Tuesday"].value == "XXXX-WXX-2"
    assert find_stamp(low, tag_text(low, None)) is None


def test_stamp_line_allows_only_stamp_words_beside_the_date():
    text = "Headline here\nUpdated 11 April 2019, 08:15\nBody."
    s = text.index("11 April")
    assert stamp_line(text, s, s + len("11 April 2019"))
    text2 = "Headline here\nStorm hits 11 April 2019\nBody."
    s2 = text2.index("11 April")
    assert not stamp_line(text2, s2, s2 + len("11 April 2019"))


def test_a_pasted_article_gets_dated_events_and_timeline_days(nlp_sm):
    art = Article(id="p1", text=PASTED, title="")
    analyses = list(analyse_articles([art], nlp=nlp_sm))
    signed = [e for e in analyses[0].events if e.trigger == "signed"]
    assert signed and signed[0].time_value == "2019-04-09"
    corpus = analyse_corpus(analyses)
    entries = [e for e in corpus.timeline if e.article_id == "p1"]
    assert any(e.date == "2019-04-09" and e.date_basis == "mentioned" and e.inferred for e in entries)
    assert all(e.inferred for e in entries)  # the article has no publication date: marked so
    assert not any(e.text.startswith("Published") for e in entries)  # the date line is no entry
    assert analyses[0].article.published is None  # the record is not given a made-up date
    ortiz = next(e for e in corpus.entities if e.name == "Lena Ortiz")
    assert [(r.text, r.date) for r in ortiz.roles] == [("port director", "2019-04-11")]
