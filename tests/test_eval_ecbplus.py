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
    # entity coreference over the gold participants, places and times: better than one
    # cluster per mention, and no worse than one per head lemma
    from storyline.eval.coref_metrics import singletons

    gold, _ = ecbplus.gold_entities(docs)
    assert res["entity_mentions"] == len(gold) > 0
    assert res["entity_run"]["conll"] > score_clusters(gold, singletons(gold))["conll"] + 0.2
    assert res["entity_run"]["conll"] >= res["entity_lemma"]["conll"] - 0.05
    # storyline's own mentions find most of the gold ones and cluster them above chance
    p, r, f = res["entity_detection"]
    assert p > 0.5 and r > 0.3
    assert res["entity_pred_run"]["conll"] > score_clusters(gold, singletons(gold))["conll"]


def test_gold_entities_are_the_other_markables_with_their_chains(shared_data):
    docs = ecbplus.read_corpus(shared_data / "ecbplus", topics=[2], limit=3)
    gold, marks = ecbplus.gold_entities(docs)
    events, _ = ecbplus.gold_events(docs)
    assert gold and not set(gold) & set(events)
    assert {m.tag.split("_")[0] for m in marks.values()} <= {"HUMAN", "NON", "LOC", "TIME"}
    # cross-document chains exist: some cluster spans two documents
    docs_of = {}
    for (name, _), c in gold.items():
        docs_of.setdefault(c, set()).add(name)
    assert any(len(v) > 1 for v in docs_of.values())


def test_time_key_is_the_normalized_day():
    from storyline.records import Timex

    t = [Timex(article_id="a", start=10, end=24, text="Friday evening", type="TIME", value="XXXX-WXX-5TEV")]
    assert ecbplus._time_key(t, 10, 24, "Friday evening") == ("value", "XXXX-WXX-5")
    u = [Timex(article_id="a", start=0, end=9, text="yesterday", type="DATE", value="XXXX-XX-XX")]
    assert ecbplus._time_key(u, 0, 9, "Yesterday") == ("text", "yesterday")
    assert ecbplus._time_key([], 0, 5, "twice") == ("text", "twice")
    d = [Timex(article_id="a", start=0, end=10, text="three days", type="DURATION", value="P3D")]
    assert ecbplus._time_key(d, 0, 10, "three days") == ("value", "P3D")


def test_threads_over_two_topics_write_one_story_per_document(shared_data, tmp_path, capsys):
    docs = ecbplus.read_corpus(shared_data / "ecbplus", topics=[1, 2], limit=0)
    assert ecbplus._run_threads(docs, str(tmp_path)) == 0
    rows = dict(line.split("\t") for line in (tmp_path / "threads.tsv").read_text().splitlines())
    assert set(rows) == {d.name for d in docs}
    f1 = float(capsys.readouterr().out.strip().splitlines()[-1].split(": ")[1])
    assert 0.5 < f1 <= 1.0  # two topics of different events: mostly told apart


def test_threads_of_a_whole_build_over_two_topics(shared_data, tmp_path, capsys):
    docs = ecbplus.read_corpus(shared_data / "ecbplus", topics=[1, 2], limit=0)
    assert ecbplus._run_threads(docs, str(tmp_path), build=True, model="en_core_web_sm") == 0
    rows = dict(line.split("\t") for line in (tmp_path / "threads.tsv").read_text().splitlines())
    assert set(rows) == {d.name for d in docs}
    out = capsys.readouterr().out.strip().splitlines()
    assert "a whole build" in out[0]
    assert 0.5 < float(out[-1].split(": ")[1]) <= 1.0
