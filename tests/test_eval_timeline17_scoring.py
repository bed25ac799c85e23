"""Timeline17 scorers on hand-made cases with hand-computed scores."""
import json
from datetime import date

import pytest

from storyline.eval import rouge, timeline17

D1, D2, D3 = date(2010, 1, 1), date(2010, 1, 2), date(2010, 1, 3)


def test_tokens_follow_rouge_155_stop_words_and_stemming():
    # "the", "on", "a", "was" are SMART stop words; only words longer than 3 letters are stemmed
    assert rouge.tokens("The cat sat on the mat.") == ["cat", "sat", "mat"]
    assert rouge.tokens("A cat was sitting on a mat") == ["cat", "sit", "mat"]
    assert rouge.tokens("BP's oil-spill -LRB- 2010 -RRB-") == ["bp", "oil", "spill", "lrb", "2010", "rrb"]


def test_rouge_counts_hand_computed():
    c1 = rouge.rouge_n(["The cat sat on the mat."], ["A cat was sitting on a mat."], 1)
    assert (c1.hits, c1.peer, c1.model) == (2, 3, 3)
    c2 = rouge.rouge_n(["The cat sat on the mat."], ["A cat was sitting on a mat."], 2)
    assert (c2.hits, c2.peer, c2.model) == (0, 2, 2)
    # bigrams bridge removed stop words: "cat (on the) mat" -> (cat, mat)
    c3 = rouge.rouge_n(["cat on the mat"], ["cat mat"], 2)
    assert (c3.hits, c3.peer, c3.model) == (1, 1, 1)
    # clipped counts
    c4 = rouge.rouge_n(["cat cat cat"], ["cat dog"], 1)
    assert (c4.hits, c4.peer, c4.model) == (1, 3, 2)


def test_align_m1_same_day_and_missing_day():
    pred = {D1: ["cat sat mat"]}
    gold = {D1: ["cat sat mat"], D3: ["dog ran"]}
    s = rouge.align_m1(pred, gold)
    assert s[1].precision == pytest.approx(1.0)
    assert s[1].recall == pytest.approx(3 / 5)  # the 2-day-off gold day gets nothing
    assert s[1].f == pytest.approx(0.75)


def test_align_m1_down_weights_by_distance_and_uses_content_to_align():
    pred = {D2: ["dog ran fast"]}
    gold = {D1: ["cat sat"], D3: ["dog ran"]}
    s = rouge.align_m1(pred, gold)
    # D2 is one day from both gold days; content makes D3 the cheaper one; weight 1/2
    assert s[1].precision == pytest.approx((2 * 0.5) / 3)
    assert s[1].recall == pytest.approx((0 + 2 * 0.5) / 4)
    assert s[1].f == pytest.approx(2 / 7)
    assert s[2].precision == pytest.approx(0.5 / 2)
    assert s[2].recall == pytest.approx(0.5 / 2)


def test_date_f1_and_macro_average():
    p = rouge.date_prf({D1: [], D2: []}, {D2: [], D3: [], date(2010, 1, 4): []})
    assert (p.precision, p.recall) == (pytest.approx(0.5), pytest.approx(1 / 3))
    avg = rouge.average([rouge.PRF(1.0, 0.0), rouge.PRF(0.0, 1.0)])
    assert (avg.precision, avg.recall, avg.f) == (0.5, 0.5, 0.5)  # F from the averages, not mean of F


def test_b_cubed_hand_computed():
    pred = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    b = timeline17.b_cubed(pred, gold)
    assert b.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert b.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    perfect = timeline17.b_cubed(gold, gold)
    assert perfect.f == pytest.approx(1.0)


def test_gold_loading_merges_days_and_splits_sentences(tmp_path):
    path = tmp_path / "x.txt.timeline.json"
    path.write_text(json.dumps([
        {"date": "2010-01-01", "text": " First thing happens .  Second thing happens . "},
        {"date": "2010-01-01", "text": " A third one . "},
        {"date": "2010-01-05", "text": ["Listed sentence ."]},
    ]))
    gold = timeline17.load_gold(path)
    assert gold[D1] == ["First thing happens .", "Second thing happens .", "A third one ."]
    assert timeline17.gold_size(gold) == (2, 2)


def test_missing_corpus_is_an_eval_error(tmp_path):
    from storyline.errors import EvalError
    with pytest.raises(EvalError):
        timeline17.find_topics(tmp_path / "nothing")
