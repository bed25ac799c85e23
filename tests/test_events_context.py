"""Optional contextual vectors (numpy encoder) and the trained pair scorer."""
import json
import struct

import numpy as np
import pytest

from storyline.events import context, pairscore
from storyline.events.coref import MentionItem, lemma_keys


def _safetensors(tensors: dict) -> bytes:
    header, data, offset = {}, b"", 0
    for name, arr in tensors.items():
        raw = np.asarray(arr, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    head = json.dumps(header).encode() + b" "  # odd length: the data starts unaligned
    return struct.pack("<Q", len(head)) + head + data


def _tiny_weights(hidden=8, inner=16, vocab=20, layers=2, seed=1):
    rng = np.random.default_rng(seed)
    w = {"embeddings.word_embeddings.weight": rng.normal(size=(vocab, hidden)),
         "embeddings.position_embeddings.weight": rng.normal(size=(32, hidden)),
         "embeddings.token_type_embeddings.weight": rng.normal(size=(2, hidden)),
         "embeddings.LayerNorm.weight": np.ones(hidden), "embeddings.LayerNorm.bias": np.zeros(hidden)}
    for k in range(layers):
        p = f"encoder.layer.{k}."
        for part in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            w[p + part + ".weight"] = rng.normal(size=(hidden, hidden)) / 3
            w[p + part + ".bias"] = np.zeros(hidden)
        w[p + "intermediate.dense.weight"] = rng.normal(size=(inner, hidden)) / 3
        w[p + "intermediate.dense.bias"] = np.zeros(inner)
        w[p + "output.dense.weight"] = rng.normal(size=(hidden, inner)) / 3
        w[p + "output.dense.bias"] = np.zeros(hidden)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + ln + ".weight"] = np.ones(hidden)
            w[p + ln + ".bias"] = np.zeros(hidden)
    return {k: np.asarray(v, dtype=np.float32) for k, v in w.items()}


def test_safetensors_reader_keeps_values_and_copies_unaligned_data():
    w = {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.array([1.5, -2.0], dtype=np.float32)}
    out = context.read_safetensors(_safetensors(w))
    assert np.array_equal(out["a"], w["a"]) and np.array_equal(out["b"], w["b"])
    assert out["a"].flags["C_CONTIGUOUS"] and out["a"].flags["WRITEABLE"]


def test_encoder_states_are_contextual_and_normalised():
    enc = context.Encoder(_tiny_weights(), tokenizer=None, heads=2)
    assert enc.layers == 2
    h1 = enc.states(np.array([1, 5, 7, 2]))
    h2 = enc.states(np.array([1, 5, 9, 2]))
    assert h1.shape == (4, 8) and np.all(np.isfinite(h1))
    assert np.allclose(h1.mean(-1), 0, atol=1e-5)  # the last layer norm (gain 1, bias 0)
    assert not np.allclose(h1[1], h2[1])  # token 5 at the same place, another right neighbour


@pytest.mark.skipif(not context.available(), reason="optional model package not installed")
def test_packaged_model_puts_synonymous_triggers_closer():
    text = ("The police arrested the man after the shooting.\n"
            "Officers detained a suspect following the gunfire.\n"
            "The chef cooked a delicious dinner for the guests.")
    spans = [(text.index("shooting"), text.index("shooting") + 8), (text.index("gunfire"), text.index("gunfire") + 7),
             (text.index("cooked"), text.index("cooked") + 6)]
    trig, sent = context.mention_vectors(text, spans)
    assert trig[0] @ trig[1] > trig[0] @ trig[2] + 0.2


def _item(doc, lemma):
    return MentionItem(doc=doc, keys=lemma_keys(lemma, lemma))


def test_fit_learns_a_separable_rule():
    x = np.array([[1.0, v] for v in (-2, -1.5, -1, 1, 1.5, 2)])
    y = np.array([0, 0, 0, 1, 1, 1], dtype=float)
    w = pairscore.fit(x, y, l2=0.1)
    assert w[1] > 0 and np.all((1 / (1 + np.exp(-x @ w)) > 0.5) == (y == 1))


def test_fit_sample_weight_counts_a_row_as_repeated():
    x = np.array([[1.0, v] for v in (-2, -1, -0.5, 0.5, 1, 2)])
    y = np.array([0, 0, 1, 0, 1, 1], dtype=float)
    weighted = pairscore.fit(x, y, l2=0.1, sample_weight=np.array([1, 1, 3, 1, 1, 1.0]))
    repeated = pairscore.fit(np.vstack([x, x[[2, 2]]]), np.concatenate([y, [1, 1]]), l2=0.1)
    assert np.allclose(weighted, repeated, atol=1e-6)
    assert not np.allclose(weighted, pairscore.fit(x, y, l2=0.1), atol=1e-3)


def test_training_pairs_weight_every_negative_or_sample_them_with_a_seed():
    items = [_item(f"d{k}", lemma) for k, lemma in enumerate(("attack", "attack", "raid", "meet", "talk", "vote"))]
    rng = np.random.default_rng(3)
    trig = rng.normal(size=(6, 4))
    trig /= np.linalg.norm(trig, axis=1, keepdims=True)
    gold = [0, 0, 0, 1, 2, 3]
    groups = {it.doc: 0 for it in items}
    x, y, w = pairscore.training_pairs(items, groups, groups, trig, trig, lambda a, b: 0.5, gold)
    assert len(y) == 15 and y.sum() == 3  # every pair of the group; three coreferent
    assert np.all(w[y == 1] == 1.0) and np.all(w[y == 0] == pairscore.NEGATIVE_SHARE)
    xs, ys, ws = pairscore.training_pairs(items, groups, groups, trig, trig, lambda a, b: 0.5, gold,
                                          seed=0, negative_share=0.5)
    assert ys.sum() == 3 and len(ys) < 15 and np.all(ws == 1.0)


def test_cluster_scored_splits_by_contextual_vectors():
    items = [_item("d1", "attack"), _item("d2", "attack"), _item("d3", "raid"), _item("d4", "meet")]
    trig = np.array([[1, 0], [1, 0], [0.95, 0.31], [0, 1]], dtype=float)
    sent = trig.copy()
    weights, _ = pairscore.load_scorer()
    labels = pairscore.cluster_scored(items, {d: 0 for d in ("d1", "d2", "d3", "d4")}, {}, trig, sent,
                                      lambda a, b: 0.5, weights, 0.5)
    # "raid" joins "attack" through its vector; "meet" in another context stays apart
    assert labels[0] == labels[1] == labels[2] and labels[3] != labels[0]


def _arg_item(doc, lemma, arguments):
    return MentionItem(doc=doc, keys=lemma_keys(lemma, lemma), arguments=frozenset(arguments))


def test_cluster_pair_features_summarise_whole_clusters():
    items = [_arg_item("d1", "attack", {"rebel"}), _arg_item("d2", "attack", {"town"}),
             _arg_item("d3", "raid", {"rebel", "town"}), _arg_item("d4", "vote", {"senate"})]
    trig = np.array([[1, 0], [1, 0], [0.6, 0.8], [0, 1]], dtype=float)
    prob = np.array([[1, .9, .4, .1], [.9, 1, .2, .1], [.4, .2, 1, .3], [.1, .1, .3, 1]])
    labels, where, x, pairs = pairscore.cluster_pair_features(items, [0, 1, 2, 3], [1, 1, 2, 3], prob, trig, trig)
    assert labels == [1, 2, 3] and where[1] == [0, 1] and pairs == [(1, 2), (1, 3), (2, 3)]
    row = dict(zip(pairscore.CLUSTER_FEATURES, x[0]))  # {attack, attack} against {raid}
    assert row["average_p"] == pytest.approx(0.3) and row["max_p"] == 0.4 and row["min_p"] == 0.2
    assert row["trigger_cosine"] == pytest.approx(0.6) and row["argument_overlap"] == 1.0
    assert row["shared_key"] == 0.0 and row["shared_document"] == 0.0
    assert row["log_sizes"] == pytest.approx(np.log(3) + np.log(2))


def test_cluster_training_pairs_label_clusters_by_their_majority_event():
    items = [_item(f"d{k}", "attack") for k in range(5)]
    trig = np.eye(5)
    stages = [([0, 1, 2, 3, 4], np.eye(5), [1, 1, 2, 2, 3])]
    x, y = pairscore.cluster_training_pairs(items, stages, trig, trig, ["a", "a", "a", "b", "b"])
    # clusters {0,1} (a), {2,3} (a: a tie goes to the first seen), {4} (b)
    assert x.shape == (3, len(pairscore.CLUSTER_FEATURES)) and list(y) == [1.0, 0.0, 0.0]


def test_merge_stage_joins_first_stage_clusters_the_cluster_model_links():
    items = [_item("d1", "attack"), _item("d2", "attack"), _item("d3", "raid"), _item("d4", "meet")]
    trig = np.array([[1, 0], [1, 0], [0.95, 0.31], [0, 1]], dtype=float)
    stages = [([0, 1, 2, 3], np.eye(4), [1, 1, 2, 3])]
    alone = pairscore.merge_stage(items, stages, trig, trig, None, 0.0)
    assert alone[0] == alone[1] and len(set(alone)) == 3
    # a model that trusts the mean trigger cosine alone merges "raid" into "attack", not "meet"
    w = np.zeros(len(pairscore.CLUSTER_FEATURES))
    w[pairscore.CLUSTER_FEATURES.index("bias")] = -8.0
    w[pairscore.CLUSTER_FEATURES.index("trigger_cosine")] = 10.0
    merged = pairscore.merge_stage(items, stages, trig, trig, w, 0.5)
    assert merged[0] == merged[1] == merged[2] and merged[3] != merged[0]


def test_shipped_cluster_scorer_has_a_weight_per_feature():
    table = pairscore.load_cluster_scorer()
    assert table is not None
    weights, cut = table
    assert len(weights) == len(pairscore.CLUSTER_FEATURES) and 0 < cut < 1
    assert weights[pairscore.CLUSTER_FEATURES.index("max_p")] > 0


def test_shipped_scorer_has_a_weight_per_feature():
    weights, cut = pairscore.load_scorer()
    assert len(weights) == len(pairscore.FEATURES) and 0 < cut < 1
    assert weights[pairscore.FEATURES.index("trigger_cosine")] > 0


def test_document_pairs_separate_a_look_alike_happening_by_its_date_and_names():
    from storyline.events.docpairs import DocFeatures, group

    common = ("host", "oscar", "ceremony", "academy")

    def doc(extra, names, month, day, years):
        return DocFeatures(common + extra, tuple(names), month, day, frozenset(years))

    own, other = ("a0", "a1", "a2"), ("b0", "b1", "b2")
    same_time = [doc(own, ["N_x"], "08", "08-02", ["2013"])] * 2 + [doc(other, ["N_x"], "08", "08-02", ["2013"])] * 2
    look_alike = [doc(own, ["N_x"], "08", "08-02", ["2013"])] * 2 + [doc(other, ["N_y"], "12", "12-12", ["2008"])] * 2
    assert len(set(group(same_time))) == 1  # the shipped model: one happening told in other words
    labels = group(look_alike)  # the same words, but another person, month, day and year
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_argument_heads_read_subject_object_and_preposition_objects(nlp_sm):
    doc = nlp_sm("Gunmen attacked the embassy on Friday.")
    heads = pairscore.argument_heads(doc[1])
    assert {"embassy", "friday"} <= heads and ("gunman" in heads or "gunmen" in heads)
    assert not heads & {"attack", "the", "on"}


def test_pair_features_mark_shared_arguments_reporting_and_same_sentence():
    def item(doc, lemma, sentence, arguments, reporting=False):
        return MentionItem(doc=doc, keys=lemma_keys(lemma, lemma), sentence=sentence,
                           arguments=frozenset(arguments), reporting=reporting)

    t = np.array([1.0, 0.0])
    feats = dict(zip(pairscore.FEATURES, pairscore.pair_features(
        item("d1", "attack", 0, ["gunman", "embassy"]), item("d2", "attack", 0, ["embassy", "kabul"]),
        t, t, t, t, True, 0.5)))
    assert feats["argument_overlap"] == pytest.approx(1 / 3)
    assert feats["same_sentence"] == 0.0  # same sentence index, different documents
    said = dict(zip(pairscore.FEATURES, pairscore.pair_features(
        item("d1", "say", 3, [], True), item("d1", "say", 3, []), t, t, t, t, True, 1.0)))
    assert said["reporting_x_shared_key"] == 1.0 and said["same_sentence"] == 1.0
    assert said["argument_overlap"] == 0.0


def test_cannot_links_keep_even_the_closest_mentions_apart():
    items = [_item("d1", "attack"), _item("d2", "attack"), _item("d3", "attack")]
    trig = np.array([[1, 0], [1, 0], [1, 0]], dtype=float)
    weights, _ = pairscore.load_scorer()
    groups = {"d1": 0, "d2": 0, "d3": 0}
    together = pairscore.cluster_scored(items, groups, groups, trig, trig, lambda a, b: 0.5, weights, 0.5)
    assert together[0] == together[1] == together[2]
    apart = pairscore.cluster_scored(items, groups, groups, trig, trig, lambda a, b: 0.5, weights, 0.5,
                                     cannot=lambda a, b: {a.doc, b.doc} == {"d1", "d3"})
    # d2 may join either side, never both: d1 and d3 stay in different clusters
    assert apart[0] != apart[2] and apart[1] in (apart[0], apart[2])


def test_build_context_clusters_with_the_scorer(nlp_sm):
    """storyline build --context: the events layer of the cross-article stage uses the
    contextual pair scorer: the same quake told two ways is one event, another quake on
    another known day is not."""
    if not context.available():
        pytest.skip("the optional encoder is not installed (make context)")
    from storyline.pipeline import analyse_corpus, analyse_doc
    from storyline.records import Article
    texts = {"a": "A strong earthquake struck the coastal city of Ravna on Monday, killing dozens of people.",
             "b": "The earthquake that struck Ravna on Monday killed dozens of people, rescuers said.",
             "c": "An earthquake struck the mountain town of Osk on 3 May 2021, killing five people."}
    arts = [Article(id=k, text=v, published="2024-03-06") for k, v in texts.items()]
    analyses = [analyse_doc(nlp_sm(x.text), x) for x in arts]
    corpus = analyse_corpus(analyses, event_context=True)
    quake = {k: next(i for i, e in enumerate(an.events) if e.lemma == "strike")
             for k, an in zip(texts, analyses)}
    ids = {k: corpus.event_ids[k][i] for k, i in quake.items()}
    assert ids["a"] == ids["b"]
    assert ids["c"] != ids["a"]


def test_item_vectors_come_from_the_cache_when_the_key_matches(monkeypatch, tmp_path):
    from storyline.store import Store
    calls = []

    def fake_vectors(text, spans, encoder, sentences=()):
        calls.append(text)
        return np.ones((len(spans), 3), dtype=np.float32), np.full((len(spans), 3), 0.5, dtype=np.float32)

    def no_encoder():
        calls.append("load")

    monkeypatch.setattr(context, "mention_vectors", fake_vectors)
    monkeypatch.setattr(context, "load_encoder", no_encoder)
    items = [_item("d1", "attack"), _item("d1", "raid"), _item("d2", "attack")]
    spans, texts = [(0, 6), (10, 14), (0, 6)], {"d1": "attack and raid", "d2": "attack"}
    with Store(tmp_path / "s.db") as store:
        cache = store.vector_cache()
        first = pairscore.item_vectors(items, spans, texts, cache=cache)
        assert calls.count("load") == 2 and len(calls) == 4  # both documents encoded once
        calls.clear()
        again = pairscore.item_vectors(items, spans, texts, cache=cache)
        assert calls == []  # every document cached: the encoder is not even loaded
        assert np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1])
        texts["d2"] = "attack!"  # a changed text is another key: only d2 is encoded again
        pairscore.item_vectors(items, spans, texts, cache=cache)
        assert calls == ["load", "attack!"]
