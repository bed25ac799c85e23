"""The learned pairwise order: features of two articles, cycle-free adding, the model's pairs."""
import json

import numpy as np
import pytest

from storyline.chronology import pairorder as po
from storyline.chronology.infer import infer_texts

EARLY = ("The death toll was 120 on May 3 , the health ministry said . "
         "Foreign ministers will hold a summit in Geneva on Friday to discuss aid .")
LATE = ("The death toll reached 150 on May 5 , officials said . "
        "Foreign ministers held a summit in Geneva on Friday and pledged aid .")


def _pair(a_text, b_text):
    pa, pb = po.profiles([("a", a_text), ("b", b_text)])
    idf = po.term_weights([pa, pb])
    return pa, pb, dict(zip(po.FEATURES, po.pair_features(pa, pb, idf))), po.pair_features(pb, pa, idf)


def test_profile_reads_dates_counts_and_announcements():
    pa, pb, _, _ = _pair(EARLY, LATE)
    assert dict(pa.counts) == {"dead": 120.0} and dict(pb.counts) == {"dead": 150.0}
    assert EARLY[pa.last_md_cue[0]:pa.last_md_cue[1]] == "May 3"
    assert pb.last_md - pa.last_md == 2
    assert pa.lede_md == pa.last_md  # the date is in the first sentences
    assert pa.announced == {("summit", "geneva")} and not pa.reported
    assert pb.reported == {("summit", "geneva")} and not pb.announced


def test_pair_features_point_from_early_to_late_and_are_antisymmetric():
    _, _, f, reverse = _pair(EARLY, LATE)
    assert f["month_day_0"] == 1.0  # May 3 -> May 5: two days, the nearest band
    assert f["lede_day_0"] == 1.0  # the same dates, in the ledes
    assert f["counts_0"] == 1.0  # 120 -> 150 dead: a ratio under 1.5
    assert f["announce"] == 1.0  # a announces the Geneva summit, b reports it
    assert f["future_share"] > 0  # a writes in the future more
    assert np.allclose(reverse, -np.array([f[k] for k in po.FEATURES]))


def test_unrelated_articles_have_no_directional_evidence():
    _, _, f, _ = _pair("Rain fell on the coast and roads were closed .", "A new bridge was opened in the north .")
    for k in po.FEATURES:
        if k.startswith(("full_date", "month_day", "lede_day", "counts", "announce", "day_link", "elapsed", "ordinal")):
            assert f[k] == 0.0, k


def test_add_acyclic_skips_cycles_and_implied_pairs():
    # known: 0 < 1. Candidates by confidence: 1<0 (contradicts), 2<0 (added: 2<0<1),
    # 1<2 (would close 2<0<1<2), 2<1 (already implied), 3<2 (added)
    added = po.add_acyclic(4, [(0, 1)], [(1, 2, 0.8), (2, 0, 0.85), (1, 0, 0.9), (2, 1, 0.7), (3, 2, 0.6)])
    assert added == [(2, 0, 0.85), (3, 2, 0.6)]


def test_add_acyclic_chain_through_added_pairs():
    added = po.add_acyclic(3, [], [(0, 1, 0.9), (1, 2, 0.8), (2, 0, 0.7)])
    assert [(i, j) for i, j, _ in added] == [(0, 1), (1, 2)]


def test_fit_learns_the_sign_of_a_signal():
    rng = np.random.default_rng(0)
    x = rng.choice([-1.0, 0.0, 1.0], size=(400, 2))
    y = (x[:, 0] + 0.3 * rng.standard_normal(400) > 0).astype(float)
    w = po.fit(x, y)
    assert w[0] > 1.0 and abs(w[1]) < 0.5


def test_model_pairs_carry_their_evidence_and_respect_known_order():
    model = po.Model(tuple(1.0 if k in ("month_day_0", "counts_0", "announce") else 0.0 for k in po.FEATURES), 0.9)
    pairs = po.model_pairs([("late", LATE), ("early", EARLY)], model=model)
    assert [(p.before, p.after) for p in pairs] == [("early", "late")]
    assert pairs[0].prob == pytest.approx(1 / (1 + np.exp(-3.0)))
    rules = [e.rule for e in pairs[0].evidence]
    assert rules[0].startswith("pairorder[") and "announce" in rules[0]
    assert any(e.rule == "pairorder.month_day" and e.start >= 0 for e in pairs[0].evidence)
    # the proven order says the opposite: the model's pair would close a cycle and is skipped
    assert po.model_pairs([("late", LATE), ("early", EARLY)], known=[("late", "early")], model=model) == []
    # anchors are not ordered between themselves by the model
    assert po.model_pairs([("late", LATE), ("early", EARLY)], model=model, skip={"late", "early"}) == []


def test_shipped_weights_load():
    model = po.load_model()
    assert model is not None and len(model.weights) == len(po.FEATURES)
    assert 0.5 < model.threshold < 1.0


def test_infer_texts_adds_model_pairs_only_when_asked():
    items = [("late", LATE, None), ("early", EARLY, None)]
    plain = infer_texts(items)
    assert not any("pairorder" in e.rule for p in plain.pairs for e in p.evidence)
    with_model = infer_texts(items, pairorder=True)
    proven = {(p.before, p.after) for p in plain.pairs}
    assert proven <= {(p.before, p.after) for p in with_model.pairs}
    assert ("late", "early") not in {(p.before, p.after) for p in with_model.pairs}
    assert [iv.earliest for iv in with_model.intervals] == [iv.earliest for iv in plain.intervals]


def test_eval_with_pairorder_on_two_shared_topics(shared_data, tmp_path, capsys):
    import argparse
    import json

    from storyline.eval import chronology as ev
    folder = shared_data / "chronology" / "w21k10"
    if not folder.exists():
        pytest.skip("chronology corpus absent")
    p = argparse.ArgumentParser()
    ev.add_arguments(p)
    assert ev.run(p.parse_args([str(folder), "--limit", "2", "--pairorder", "--out", str(tmp_path)])) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-3].startswith("pair_precision:")
    for f in tmp_path.glob("*.json"):
        pairs = json.loads(f.read_text())["pairs"]
        assert len({tuple(x) for x in pairs}) == len(pairs)
        assert not {(b, a) for a, b in pairs} & {tuple(x) for x in pairs}  # never both ways


def test_training_command_validates_on_held_out_topics(shared_data, tmp_path, capsys):
    import argparse

    from storyline.eval import chronology_train as tr
    folder = shared_data / "chronology"
    if not (folder / "w21k10").exists():
        pytest.skip("chronology corpus absent")
    p = argparse.ArgumentParser()
    tr.add_arguments(p)
    # a small run: w21k10 only, two folds; the weights go to a temporary file
    args = p.parse_args([str(folder), "--train", "w21k10", "--tune", "w21k10", "--score", "w21k10", "--folds", "2",
                         "--out", str(tmp_path / "w.json")])
    assert tr.run(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-2].startswith("cv_w21k10_pair_precision:") and lines[-1].startswith("cv_w21k10_pair_coverage:")
    written = json.loads((tmp_path / "w.json").read_text())
    assert written["features"] == list(po.FEATURES) and len(written["weights"]) == len(po.FEATURES)


def test_lede_date_is_read_from_the_first_sentences_only():
    text = ("Crews sealed the well . Engineers were relieved . Officials said little . "
            "Back on May 20 the first attempt failed .")
    p = po.profile("x", text)
    assert p.last_md is not None and p.lede_md is None


def test_pipeline_entry_point_adds_model_pairs_to_follows(monkeypatch):
    from storyline.chronology.infer import infer_intervals
    from storyline.records import Article, ArticleAnalysis, CorpusAnalysis, Sentence

    def analysis(aid, text):
        return ArticleAnalysis(article=Article(id=aid, text=text), sentences=(Sentence(aid, 0, 0, len(text)),))

    early = "The death toll was 120 on May 3 , the health ministry said ."
    late = "The death toll reached 150 on May 5 , officials said ."
    model = po.Model(tuple(1.0 if k in ("lede_day_0", "counts_0") else 0.0 for k in po.FEATURES), 0.8)
    monkeypatch.setattr(po, "load_model", lambda *a, **k: model)
    analyses = [analysis("late", late), analysis("early", early)]
    plain = {iv.article_id: iv for iv in infer_intervals(analyses, CorpusAnalysis())}
    assert plain["late"].follows == ()  # the calendar rules cannot order them
    by_id = {iv.article_id: iv for iv in infer_intervals(analyses, CorpusAnalysis(), pairorder=True)}
    assert by_id["late"].follows == ("early",)
    assert by_id["early"].rank < by_id["late"].rank
    ev = by_id["late"].order_evidence
    assert ev[0].rule.startswith("pairorder[0.88")
    texts = {"early": early, "late": late}
    assert {texts[e.article_id][e.start:e.end] for e in ev if e.rule == "pairorder.lede_day"} == {"May 3", "May 5"}
    assert by_id["late"].earliest == plain["late"].earliest and by_id["late"].latest == plain["late"].latest
