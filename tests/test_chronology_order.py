"""Order between undated articles: the announced event comes before its report."""
import datetime as dt

from storyline.chronology.infer import infer_intervals, infer_texts, order_pairs
from storyline.records import Article, ArticleAnalysis, CorpusAnalysis, Sentence

ANNOUNCE = ("Energy ministers from the coastal states will gather in Lisbon on Thursday for a summit on "
            "offshore wind permits , officials said .")
REPORT = ("Energy ministers from the coastal states met in Lisbon on Thursday for a summit on offshore "
          "wind permits and agreed a common licence .")
UNRELATED = "Farmers in the north harvested a record wheat crop , the agriculture office said ."


def test_announce_before_report_with_evidence():
    chron = infer_texts([("rep", REPORT, None), ("ann", ANNOUNCE, None), ("other", UNRELATED, None)])
    pairs = order_pairs(chron)
    assert [(p.before, p.after) for p in pairs] == [("ann", "rep")]
    ev = pairs[0].evidence
    assert {e.article_id for e in ev} == {"ann", "rep"}
    assert {e.tense for e in ev} == {"future", "past"}
    ranks = {iv.article_id: iv.rank for iv in chron.intervals}
    assert ranks["ann"] < ranks["rep"]
    rep = next(iv for iv in chron.intervals if iv.article_id == "rep")
    assert rep.follows == ("ann",) and set(rep.order_evidence) == set(ev)
    # still no calendar date: nothing in the texts gives one
    assert all(iv.earliest is None and iv.latest is None for iv in chron.intervals)


def test_different_weekdays_are_not_linked():
    other_day = REPORT.replace("Thursday", "Monday")
    chron = infer_texts([("rep", other_day, None), ("ann", ANNOUNCE, None)])
    assert order_pairs(chron) == []


def test_inconsistent_evidence_is_reported():
    # a past date after a future date in the same article cannot both hold
    text = ("The rebels took the port on 9 March 2011 . "
            "The talks will begin on 1 March 2011 , the mediator announced .")
    chron = infer_texts([("x", text, None)])
    iv = chron.intervals[0]
    assert chron.conflicts and not iv.consistent and "dropped" in iv.notes[0]


def _analysis(aid, text, published=None):
    art = Article(id=aid, text=text, published=published)
    return ArticleAnalysis(article=art, sentences=(Sentence(aid, 0, 0, len(text)),))


def test_pipeline_entry_point_on_records():
    # the report is dated Friday 2024-05-17: its "Thursday" is 2024-05-16
    analyses = [_analysis("ann", ANNOUNCE), _analysis("rep", REPORT, "2024-05-17")]
    intervals = infer_intervals(analyses, CorpusAnalysis())
    by_id = {iv.article_id: iv for iv in intervals}
    assert by_id["rep"].inferred is False
    assert by_id["rep"].earliest == by_id["rep"].latest == "2024-05-17"
    ann = by_id["ann"]
    assert ann.inferred and ann.latest == "2024-05-16"
    assert dt.date.fromisoformat(ann.earliest) == dt.date(2024, 5, 9)
    assert ann.rank < by_id["rep"].rank


def test_follows_is_the_direct_predecessor_only():
    chron = infer_texts([("c", "Rain fell .", "2024-01-09"), ("a", "Snow fell .", "2024-01-01"),
                         ("b", "Hail fell .", "2024-01-05")])
    by_id = {iv.article_id: iv for iv in chron.intervals}
    assert by_id["c"].follows == ("b",) and by_id["b"].follows == ("a",) and by_id["a"].follows == ()
    assert [by_id[x].rank for x in "abc"] == [0, 1, 2]
    assert by_id["c"].order_evidence
    assert {e.rule for e in by_id["c"].order_evidence} <= {"anchor.published", "frame.anchor"}


def _announced_and_reported(a_text, b_text, word_a, word_b, lemma, etype):
    """Two one-event analyses of one event cluster: told as still to come in "a", as done in "b"."""
    from storyline.records import EventMention
    out = []
    for aid, text, word, modality in (("a", a_text, word_a, "planned"), ("b", b_text, word_b, "happened")):
        x = _analysis(aid, text)
        ev = EventMention(aid, text.index(word), text.index(word) + len(word), word, lemma, etype, modality)
        out.append(ArticleAnalysis(article=x.article, sentences=x.sentences, events=(ev,)))
    return out


def _follows(analyses, corpus):
    return {iv.article_id: iv for iv in infer_intervals(analyses, corpus)}["b"].follows


def test_events_layer_cluster_orders_planned_before_happened():
    a, b = _announced_and_reported("The port authority will open the new container terminal in Gdansk next spring .",
                                   "The port authority opened the new container terminal in Gdansk with a ceremony .",
                                   "open", "opened", "open", "launch")
    corpus = CorpusAnalysis(event_ids={"a": ["ev1"], "b": ["ev1"]})
    by_id = {iv.article_id: iv for iv in infer_intervals([b, a], corpus)}
    assert by_id["b"].follows == ("a",)
    assert by_id["b"].order_evidence[0].rule == "event.coref.planned_then_happened"
    # without the events layer there is nothing to order them by
    assert not _follows([b, a], CorpusAnalysis())


def test_a_hazard_told_as_still_to_come_is_a_forecast_and_orders_nothing():
    texts = ("Forecasters say the oil spill will reach the marshes of the Verdal delta within days .",
             "The oil spill reached the marshes of the Verdal delta on a falling tide .")
    corpus = CorpusAnalysis(event_ids={"a": ["ev1"], "b": ["ev1"]})
    a, b = _announced_and_reported(*texts, "spill", "spill", "spill", "ACCIDENT")
    assert not _follows([b, a], corpus)
    # the same two reports of a scheduled event are ordered
    a, b = _announced_and_reported(*texts, "spill", "spill", "spill", "CONSULT")
    assert _follows([b, a], corpus) == ("a",)
