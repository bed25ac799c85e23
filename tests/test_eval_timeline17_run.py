"""The Timeline17 command on two small topics of the shared corpus (skipped without it)."""
import json

from storyline.eval import run_eval, timeline17


def test_eval_runs_on_two_topics_and_writes_gold_layout(shared_data, tmp_path, capsys):
    root = shared_data / "timeline17" / "t17"
    assert run_eval("timeline17", [str(root), "--topic", "H1N1_guardian", "--topic", "MJ_bbc",
                                   "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in out[-4:]] == ["threads_b3_f1", "rouge1_f", "rouge2_f", "date_f1"]
    figures = {line.split(":")[0]: float(line.split(":")[1]) for line in out[-4:]}
    assert figures["threads_b3_f1"] > 0.8  # two unrelated stories (each with some off-topic articles)
    assert 0.05 < figures["rouge1_f"] < 1 and 0.3 < figures["date_f1"] <= 1
    pred = tmp_path / "MJ_bbc" / "bbc.co.uk.txt.timeline.json"
    data = json.loads(pred.read_text())
    gold = timeline17.load_gold(root / "MJ_bbc" / "bbc.co.uk.txt.timeline.json")
    assert len(data) == len(gold)
    assert all(set(e) == {"date", "text"} and isinstance(e["text"], list) and e["text"] for e in data)
    articles = " ".join(a["text"] for a in json.loads((root / "MJ_bbc" / "articles.json").read_text()))
    assert all(s in articles for e in data for s in e["text"])  # every sentence is from an article
