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


def test_threads_of_a_whole_build_over_two_small_topics(tmp_path):
    quake = ["A strong earthquake struck the coastal city of Portvale on Monday, destroying the harbour.",
             "Rescue teams in Portvale pulled survivors from the rubble of the harbour two days after the earthquake.",
             "The Portvale earthquake left thousands homeless, and aid flights landed at the damaged airport."]
    vote = ["Lawmakers in Elmsford approved the new budget after a long night of debate.",
            "The Elmsford budget vote split the ruling party, and two ministers resigned over the spending cuts.",
            "Elmsford's finance minister defended the budget cuts before lawmakers on Thursday."]
    for name, texts, day in (("quake_x", quake, 3), ("vote_y", vote, 4)):
        (tmp_path / name).mkdir()
        arts = [{"uid": str(i), "text": t, "dct": f"2024-05-{day + 2 * i:02d}"} for i, t in enumerate(texts)]
        (tmp_path / name / "articles.json").write_text(json.dumps(arts))
    out = tmp_path / "out"
    b3, n_stories, _, n = timeline17.thread_build_score(sorted(p for p in tmp_path.iterdir() if p.name != "out"), out)
    assert n == 6 and n_stories == 2 and b3.f == 1.0
    rows = dict(line.split("\t") for line in (out / "threads.tsv").read_text().splitlines())
    assert rows["quake_x/0"] == rows["quake_x/2"] != rows["vote_y/1"]
