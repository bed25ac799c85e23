"""The chronology scorer on hand-made cases with known figures."""
import json

import pytest

from storyline.eval import chronology as ev
from storyline.eval import run_eval

GOLD = [
    {"id": "a", "date": "2010-06-01", "anchor": False},
    {"id": "b", "date": "2010-06-05", "anchor": False},
    {"id": "c", "date": "2010-06-05", "anchor": False},
    {"id": "d", "date": "2010-06-10", "anchor": True},
]


def test_interval_metrics():
    pred = {"intervals": {
        "a": ["2010-05-30", "2010-06-02"],   # sound, width 3
        "b": ["2010-06-06", None],           # unsound (true date before earliest)
        "c": ["2010-06", "2010-06"],         # sound, month precision, width 29
        "d": ["2011-01-01", None],           # anchor: not scored
    }}
    f = ev.score_topic(pred, GOLD).figures()
    assert f["soundness"] == pytest.approx(2 / 3)
    assert f["coverage"] == pytest.approx(2 / 3)
    assert f["any_bound_coverage"] == pytest.approx(1.0)
    assert f["median_width"] == 16  # median of 3 and 29


def test_pairs_closure_precision_and_coverage():
    # scorable pairs: (a,b) (a,c) (a,d) (b,d) (c,d); (b,c) same date is not scorable
    pred = {"intervals": {}, "pairs": [["a", "b"], ["b", "d"], ["d", "c"]]}
    c = ev.score_topic(pred, GOLD)
    # closure: a<b, a<d, a<c, b<d, b<c, d<c -> scorable ordered: (a,b) ok, (a,c) ok, (a,d) ok, (b,d) ok, (c,d) wrong
    assert c.scorable_pairs == 5
    assert c.ordered == 5 and c.correct == 4
    f = c.figures()
    assert f["pair_precision"] == pytest.approx(0.8)
    assert f["pair_coverage"] == pytest.approx(1.0)
    assert f["kendall_tau_b"] is None  # no full ranking given


def test_pair_ordered_both_ways_is_wrong():
    pred = {"pairs": [["a", "b"], ["b", "a"]]}
    c = ev.score_topic(pred, GOLD)
    assert c.ordered == 1 and c.correct == 0


def test_full_order_gives_kendall_tau():
    pred = {"order": ["a", ["b", "c"], "d"]}
    f = ev.score_topic(pred, GOLD).figures()
    assert f["pair_precision"] == pytest.approx(1.0)
    assert f["kendall_tau_b"] == pytest.approx(1.0)
    rev = ev.score_topic({"order": ["d", ["b", "c"], "a"]}, GOLD).figures()
    assert rev["kendall_tau_b"] == pytest.approx(-1.0)


def test_bound_precision_parsing():
    assert str(ev._lo("2010")) == "2010-01-01" and str(ev._hi("2010")) == "2010-12-31"
    assert str(ev._hi("2010-02")) == "2010-02-28" and str(ev._hi("2010-12")) == "2010-12-31"


def test_run_on_a_tiny_corpus(tmp_path, capsys):
    rows = [{"id": "x1", "text": "Rebels took the town on March 7 , 2011 , officials said on Tuesday ."},
            {"id": "x2", "text": "The trial will start on Feb. 27 , 2012 , the court said ."}]
    gold = [{"id": "x1", "date": "2011-03-09", "anchor": False}, {"id": "x2", "date": "2012-01-15", "anchor": False}]
    (tmp_path / "t.input.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    (tmp_path / "t.gold.jsonl").write_text("\n".join(json.dumps(r) for r in gold))
    out = tmp_path / "pred"
    assert run_eval("chronology", [str(tmp_path), "--out", str(out)]) == 0
    pred = json.loads((out / "t.json").read_text())
    assert pred["intervals"]["x1"] == ["2011-03-07", None]
    assert pred["intervals"]["x2"] == [None, "2012-02-27"]
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-7].startswith("soundness: 1.0000") and lines[-1].startswith("kendall_tau_b")


def test_missing_corpus_raises(tmp_path):
    from storyline.errors import EvalError
    with pytest.raises(EvalError):
        run_eval("chronology", [str(tmp_path / "nothing")])


def test_eval_on_two_shared_topics(shared_data, tmp_path, capsys):
    folder = shared_data / "chronology" / "w21k10-mixed"
    if not folder.exists():
        pytest.skip("chronology corpus absent")
    assert run_eval("chronology", [str(folder), "--limit", "2", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.json"))) == 2
    out = capsys.readouterr().out
    assert "pair_precision:" in out


def test_full_ranking_ties_articles_without_evidence():
    from storyline.records import DateInterval
    ivs = [DateInterval("u1", None, None), DateInterval("late", "2010-06-10", None, rank=0),
           DateInterval("early", "2010-06-01", "2010-06-03", rank=0), DateInterval("u2", None, None)]
    order = ev.full_ranking(ivs)
    assert order == ["early", "late", ["u1", "u2"]]
    c = ev.score_topic({"order": order}, [
        {"id": "early", "date": "2010-06-02"}, {"id": "late", "date": "2010-06-12"},
        {"id": "u1", "date": "2010-06-05"}, {"id": "u2", "date": "2010-06-20"}])
    # pairs: early<late ok, early<u1 ok, early<u2 ok, late<u1 wrong, late<u2 ok; u1~u2 tied
    assert (c.ordered, c.correct, c.tied_pred) == (5, 4, 1)


def test_pair_rule_names_the_most_specific_family():
    from storyline.records import DateBound
    link = DateBound("a", "event", None, rule="weekday+link.same_event_context[0.40: summit]")
    cal = DateBound("b", "lower", "2011-03-07", rule="date.mdy")
    assert ev.pair_rule((cal, link)) == "link.same_event_context"
    assert ev.pair_rule((cal,)) == "calendar"
    assert ev.pair_rule(()) == "none"


def test_rule_precision_counts_scorable_direct_pairs():
    gold = [{"id": "a", "date": "2011-03-01", "anchor": False}, {"id": "b", "date": "2011-03-03", "anchor": False},
            {"id": "c", "date": "2011-03-03", "anchor": False}, {"id": "d", "date": "2011-03-02", "anchor": True}]
    rules = {("a", "b"): "calendar", ("c", "a"): "calendar",  # one right, one wrong
             ("b", "c"): "event.origin",  # same true date: not scorable
             ("d", "b"): "anchor.published"}
    assert ev.rule_precision(rules, gold) == {"calendar": [1, 2], "anchor.published": [1, 1]}


def _lede_corpus(tmp_path):
    lede = ("Rescue teams reached the flooded mountain town of Arvon after three days of heavy rain had cut "
            "every road into the valley .")
    first = lede + " Nearly two hundred homes stand in water . The governor asked for army help ."
    follow = ("Engineers began rebuilding the main bridge into Arvon . The army sent four heavy trucks . "
              "Officials said the damage would take months to repair . " + lede + " Insurers count the cost .")
    rows = [{"id": "follow", "text": follow}, {"id": "first", "text": first}]
    gold = [{"id": "first", "date": "2020-05-01", "anchor": False}, {"id": "follow", "date": "2020-05-03", "anchor": False}]
    (tmp_path / "t.input.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    (tmp_path / "t.gold.jsonl").write_text("\n".join(json.dumps(r) for r in gold))
    return rows


def test_lede_reuse_pairs_scored_and_switched_off(tmp_path, capsys):
    _lede_corpus(tmp_path)
    assert run_eval("chronology", [str(tmp_path), "--out", str(tmp_path / "on")]) == 0
    assert json.loads((tmp_path / "on" / "t.json").read_text())["pairs"] == [["first", "follow"]]
    err = capsys.readouterr().err
    assert "pairs by rule reuse.lede_to_body: precision 1.000 (1/1)" in err
    assert run_eval("chronology", [str(tmp_path), "--no-lede-reuse", "--out", str(tmp_path / "off")]) == 0
    assert json.loads((tmp_path / "off" / "t.json").read_text())["pairs"] == []


def test_extra_links_of_the_measured_rules(tmp_path):
    rows = [{"id": "late", "text": "In the fifth week of the strike the union called a ballot on the offer ."},
            {"id": "early", "text": "Twelve days into the strike , the dock workers rejected a new offer ."}]
    links = ev.extra_links(rows, ("running_counts",))
    assert [(a, b) for a, b, _ in links] == [("early", "late")]
    pred = ev.predict_topic(rows, extra=("running_counts",), rules=(rules := {}))
    assert pred["pairs"] == [["early", "late"]] and rules[("early", "late")] == "running."


def test_pipeline_mode_runs_the_build_path(tmp_path, capsys):
    """--pipeline parses the topic and runs the build's cross-article stage; its intervals and
    pairs come from the same text evidence as the text-only path's."""
    rows = [{"id": "x1", "text": "Rebels took the town on March 7 , 2011 , officials said on Tuesday ."},
            {"id": "x2", "text": "The trial will start on Feb. 27 , 2012 , the court said ."},
            {"id": "x3", "text": "The two leaders will meet for a summit in Geneva later this week , "
                                 "officials said on Monday ."},
            {"id": "x4", "text": "The two leaders met for their summit in Geneva on Thursday and "
                                 "agreed to talk again , officials said ."}]
    gold = [{"id": "x1", "date": "2011-03-09", "anchor": False}, {"id": "x2", "date": "2012-01-15", "anchor": False},
            {"id": "x3", "date": "2011-05-02", "anchor": False}, {"id": "x4", "date": "2011-05-06", "anchor": False}]
    (tmp_path / "t.input.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    (tmp_path / "t.gold.jsonl").write_text("\n".join(json.dumps(r) for r in gold))
    assert run_eval("chronology", [str(tmp_path), "--out", str(tmp_path / "text")]) == 0
    assert run_eval("chronology", [str(tmp_path), "--pipeline", "--model", "en_core_web_sm",
                                   "--out", str(tmp_path / "build")]) == 0
    text = json.loads((tmp_path / "text" / "t.json").read_text())
    build = json.loads((tmp_path / "build" / "t.json").read_text())
    assert build["intervals"]["x1"] == ["2011-03-07", None]
    assert build["intervals"]["x2"] == [None, "2012-02-27"]
    assert ["x3", "x4"] in build["pairs"]
    assert build["intervals"] == text["intervals"]
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("kendall_tau_b")
    from storyline.events.context import available
    if available():  # the events layer as `storyline build --context` clusters it
        assert run_eval("chronology", [str(tmp_path), "--pipeline", "--context", "--model", "en_core_web_sm",
                                       "--out", str(tmp_path / "context")]) == 0
        ctx = json.loads((tmp_path / "context" / "t.json").read_text())
        assert ctx["intervals"] == text["intervals"] and ["x3", "x4"] in ctx["pairs"]
