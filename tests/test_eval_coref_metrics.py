"""Coreference scorers on hand-made cases whose scores were computed by hand."""
import pytest

from storyline.eval.coref_metrics import b_cubed, ceaf_e, muc, score_clusters


def assign(*clusters):
    return {m: i for i, c in enumerate(clusters) for m in c}


# Key {a b c} {d e f g}; response {a b} {c d} {f g h i}: e is missing from the
# response, h and i are not in the key (twinless on both sides).
KEY = assign("abc", "defg")
RESP = assign("ab", "cd", "fghi")


def test_muc_with_twinless_mentions():
    # recall: {a b c} cut in 2 parts -> 1 of 2 links; {d e f g} -> {d} {e} {f g}: 1 of 3
    # precision: {a b} 1/1, {c d} 0/1, {f g h i} -> {f g} {h} {i}: 1/3
    p, r, f = muc(KEY, RESP)
    assert r == pytest.approx(2 / 5)
    assert p == pytest.approx(2 / 5)
    assert f == pytest.approx(0.4)


def test_b_cubed_with_twinless_mentions():
    # recall = (4/3 + 1/3 + 1/4 + 4/4) / 7 ; precision = (4/2 + 1/2 + 1/2 + 4/4) / 8
    p, r, f = b_cubed(KEY, RESP)
    assert r == pytest.approx(35 / 84)
    assert p == pytest.approx(0.5)
    assert f == pytest.approx(2 * 0.5 * (35 / 84) / (0.5 + 35 / 84))


def test_ceaf_e_optimal_alignment():
    # phi4: K1-R1 = 4/5, K1-R2 = 2/5, K2-R2 = 2/6, K2-R3 = 4/8 -> best 0.8 + 0.5
    p, r, f = ceaf_e(KEY, RESP)
    assert r == pytest.approx(1.3 / 2)
    assert p == pytest.approx(1.3 / 3)
    assert f == pytest.approx(0.52)


def test_conll_is_mean_of_three_f1():
    s = score_clusters(KEY, RESP)
    assert s["conll"] == pytest.approx((s["muc"][2] + s["b3"][2] + s["ceafe"][2]) / 3)


def test_identical_clusterings_score_one():
    s = score_clusters(KEY, dict(KEY))
    for name in ("muc", "b3", "ceafe"):
        assert s[name] == pytest.approx((1.0, 1.0, 1.0))
    assert s["conll"] == pytest.approx(1.0)


def test_all_singletons_response():
    # No links predicted: MUC 0; B3 precision 1 and recall (1/3*3 + 1/4*4)/7
    resp = {m: m for m in "abcdefg"}
    s = score_clusters(KEY, resp)
    assert s["muc"] == (0.0, 0.0, 0.0)
    assert s["b3"][0] == pytest.approx(1.0)
    assert s["b3"][1] == pytest.approx(2 / 7)
    # CEAF-e: best K1-{a} 2/4, K2-{d} 2/5 -> 0.9; R = 0.9/2, P = 0.9/7
    assert s["ceafe"][1] == pytest.approx(0.45)
    assert s["ceafe"][0] == pytest.approx(0.9 / 7)


def test_one_big_cluster_response():
    # All in one: MUC recall 1, precision 5/6; B3 precision (9+16)/7/7
    resp = {m: 0 for m in "abcdefg"}
    s = score_clusters(KEY, resp)
    assert s["muc"][1] == pytest.approx(1.0)
    assert s["muc"][0] == pytest.approx(5 / 6)
    assert s["b3"][1] == pytest.approx(1.0)
    assert s["b3"][0] == pytest.approx(25 / 49)


def test_singleton_key_clusters_count_in_b3_and_ceaf():
    key = assign("ab", "c")
    resp = assign("ab", "c")
    s = score_clusters(key, resp)
    assert s["ceafe"][2] == pytest.approx(1.0)
    resp2 = assign("abc")
    s2 = score_clusters(key, resp2)
    # CEAF-e: {a b}-{a b c} = 4/5, {c} unaligned -> R = 0.4, P = 0.8
    assert s2["ceafe"][1] == pytest.approx(0.4)
    assert s2["ceafe"][0] == pytest.approx(0.8)


def test_empty_sides():
    s = score_clusters({}, {"a": 1})
    assert s["conll"] == 0.0
