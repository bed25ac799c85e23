"""ECB+ reading and a tiny end-to-end run (three documents of one topic)."""
from storyline.eval import ecbplus
from storyline.eval.coref_metrics import score_clusters


def test_gold_reading_and_singletons(shared_data):
    docs = ecbplus.read_corpus(shared_data / "ecbplus", topics=[2], limit=3)
    gold, marks = ecbplus.gold_events(docs)
    assert gold and set(gold) == set(marks)
    assert all(ecbplus.is_event_tag(m.tag) for m in marks.values())
    # every mention lies in an annotated sentence
    for (name, t_ids), m in marks.items():
        doc = next(d for d in docs if d.name == name)
        sent = {t.t_id: t.sentence for t in doc.cat.tokens}[t_ids[0]]
        assert sent in doc.selected
    s = score_clusters(gold, dict(gold))
    assert s["conll"] == 1.0


def test_evaluate_small(shared_data):
    docs = ecbplus.read_corpus(shared_data / "ecbplus", topics=[2], limit=3)
    res = ecbplus.evaluate(docs, model="en_core_web_sm")
    p, r, f = res["detection"]
    assert 0.3 < p <= 1.0 and 0.3 < r <= 1.0
    assert 0.3 < res["gold_run"]["conll"] <= 1.0
    assert res["predicted_mentions"] > 0


def test_threads_over_two_topics_write_one_story_per_document(shared_data, tmp_path, capsys):
    docs = ecbplus.read_corpus(shared_data / "ecbplus", topics=[1, 2], limit=0)
    assert ecbplus._run_threads(docs, str(tmp_path)) == 0
    rows = dict(line.split("\t") for line in (tmp_path / "threads.tsv").read_text().splitlines())
    assert set(rows) == {d.name for d in docs}
    f1 = float(capsys.readouterr().out.strip().splitlines()[-1].split(": ")[1])
    assert 0.5 < f1 <= 1.0  # two topics of different events: mostly told apart
