"""SemEval-2015 Task 4: the temporal awareness scorer on hand-made timelines, the timeline
reader and writer, the corpus layout finder and the command on a tiny layout written here."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from storyline.eval import run_eval, semeval2015 as se
from storyline.eval.temporal_awareness import (BEFORE, INCLUDES, SIMULTANEOUS, Counts, Line, reduce, relations,
                                               score)

A, B, C = "1-1-a", "1-2-b", "1-3-c"


def _prf(gold, system):
    return tuple(round(x, 4) for x in score(gold, system).prf())


def test_temporal_awareness_identical_timelines_score_one():
    gold = [Line(1, "2010-06-07", (A,)), Line(2, None, (B, C)), Line(0, None, ("2-1-d",))]
    assert _prf(gold, gold) == (1.0, 1.0, 1.0)


def test_temporal_awareness_one_swapped_pair():
    # gold a < b < c, reduced {a<b, b<c}; system b < a < c, reduced {b<a, a<c}:
    # a<c holds in the gold closure (1 of 2); b<c holds in the system closure (1 of 2)
    gold = [Line(1, None, (A,)), Line(2, None, (B,)), Line(3, None, (C,))]
    system = [Line(1, None, (B,)), Line(2, None, (A,)), Line(3, None, (C,))]
    assert score(gold, system) == Counts(system=2, system_correct=1, gold=2, gold_found=1)
    assert _prf(gold, system) == (0.5, 0.5, 0.5)


def test_temporal_awareness_a_missing_event_loses_its_relations():
    # system a < c: right (P 1/1), but neither a<b nor b<c of the gold is in its closure
    gold = [Line(1, None, (A,)), Line(2, None, (B,)), Line(3, None, (C,))]
    assert _prf(gold, [Line(1, None, (A,)), Line(2, None, (C,))]) == (1.0, 0.0, 0.0)


def test_temporal_awareness_simultaneity_is_not_order():
    # gold a = b < c: reduced {a<c, a=b}; system a < b < c: reduced {a<b, b<c}
    gold = [Line(1, None, (A, B)), Line(2, None, (C,))]
    system = [Line(1, None, (A,)), Line(2, None, (B,)), Line(3, None, (C,))]
    assert set(reduce(relations(gold))) == {(A, BEFORE, C), (A, SIMULTANEOUS, B)}
    assert _prf(gold, system) == (0.5, 0.5, 0.5)


def test_temporal_awareness_date_anchors_carry_the_order():
    # gold: a on June 7, b on June 8: the order a<b follows from the dates, so the reduced
    # gold keeps the two anchors and the order of the days (3 relations)
    gold = [Line(1, "2010-06-07", (A,)), Line(2, "2010-06-08", (B,))]
    assert reduce(relations(gold)) == [("t:2010-06-07", INCLUDES, A), ("t:2010-06-08", INCLUDES, B),
                                       ("t:2010-06-07", BEFORE, "t:2010-06-08")]
    # the system orders them and anchors a only: both its relations are right; it finds 1 of 3
    system = [Line(1, "2010-06-07", (A,)), Line(2, None, (B,))]
    assert score(gold, system) == Counts(system=2, system_correct=2, gold=3, gold_found=1)
    assert _prf(gold, system) == (1.0, 0.3333, 0.5)


def test_temporal_awareness_a_coarser_date_includes_the_finer_one():
    # a in 2006, b on 2006-05-08 after it: the year includes the day; a wrong day for b is wrong
    gold = [Line(1, "2006", (A,)), Line(2, "2006-05-08", (B,))]
    assert ("t:2006", INCLUDES, "t:2006-05-08") in relations(gold)
    assert _prf(gold, [Line(1, "2006", (A,)), Line(2, "2006-05-09", (B,))])[1] < 1.0
    assert _prf(gold, gold) == (1.0, 1.0, 1.0)


def test_temporal_awareness_position_zero_is_not_ordered():
    # events at position 0 take part only in their line's coreference and their date's anchor
    gold = [Line(0, None, (A, B)), Line(1, "2010", (C,)), Line(0, "2011", ("2-1-d",))]
    rels = relations(gold)
    assert (A, SIMULTANEOUS, B) in rels and ("t:2011", INCLUDES, "2-1-d") in rels
    assert not any(r[1] == BEFORE and {r[0], r[2]} & {A, B} for r in rels)


def test_temporal_awareness_empty_system_scores_zero():
    gold = [Line(1, None, (A,)), Line(2, None, (B,))]
    assert score(gold, []) == Counts(system=0, system_correct=0, gold=1, gold_found=0)
    assert Counts().prf() == (0.0, 0.0, 0.0)


def test_align_renames_system_mentions_sharing_a_word_in_the_same_sentence():
    gold = [Line(1, None, ("7-2-court_case",)), Line(2, None, ("7-3-lost",))]
    system = [Line(1, None, ("7-2-case", "7-4-lost")), Line(2, None, ("7-3-lost",))]
    assert se.align(system, gold) == [Line(1, None, ("7-2-court_case", "7-4-lost")), Line(2, None, ("7-3-lost",))]


# ---------------------------------------------------------------- reader, layout, command

SENTENCES = [["Acme", "Corp", "sues", "Brightline"], ["May", "3", ",", "2011"],
             ["Acme", "Corp", "filed", "a", "lawsuit", "against", "Brightline", "on", "Monday", "."],
             ["Acme", "Corp", "was", "founded", "in", "1990", "."]]


def _tiny_cat(folder, doc_id="501", dct="2011-05-03"):
    root = ET.Element("Document", {"doc_id": doc_id, "doc_name": f"{doc_id}-Acme_sues"})
    n = 0
    for s, words in enumerate(SENTENCES):
        for w in words:
            n += 1
            ET.SubElement(root, "token", {"t_id": str(n), "sentence": str(s), "number": str(n - 1)}).text = w
    marks = ET.SubElement(root, "Markables")
    ET.SubElement(marks, "TIMEX3", {"m_id": "1", "type": "DATE", "value": dct, "functionInDocument": "CREATION_TIME"})
    folder.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(folder / f"{doc_id}-Acme_sues.xml", encoding="utf-8", xml_declaration=True)


def _layout(tmp_path):
    corpus = tmp_path / "data" / "corpus_x"
    _tiny_cat(corpus / "corpus_TrackA_CAT")
    _tiny_cat(corpus / "corpus_TrackB_CAT")
    (corpus / "list_target_entities.txt").write_text("Acme Corp\n", encoding="utf-8")
    gold = corpus / "TimeLines_Gold_Standard"
    gold.mkdir()
    (gold / "acme_corp.txt").write_text(
        "Acme Corp\n1\t1990\t501-3-founded\n2\t2011-05-02\t501-2-filed\t501-2-lawsuit\n0\tXXXX-XX-XX\t501-0-sues\n",
        encoding="utf-8")
    return tmp_path / "data"


def test_semeval_read_and_write_timeline_round_trip(tmp_path):
    root = _layout(tmp_path)
    entity, lines = se.read_timeline(root / "corpus_x" / "TimeLines_Gold_Standard" / "acme_corp.txt")
    assert entity == "Acme Corp"
    assert lines == [Line(1, "1990", ("501-3-founded",)), Line(2, "2011-05-02", ("501-2-filed", "501-2-lawsuit")),
                     Line(0, None, ("501-0-sues",))]
    se.write_timeline(tmp_path / "out" / "acme_corp.txt", entity, lines)
    assert se.read_timeline(tmp_path / "out" / "acme_corp.txt") == (entity, lines)
    assert (tmp_path / "out" / "acme_corp.txt").read_text().splitlines()[3] == "0\tXXXX-XX-XX\t501-0-sues"


def test_semeval_finds_the_track_a_documents_and_the_gold_targets(tmp_path):
    root = _layout(tmp_path)
    (corpora,) = se.find_corpora(root)
    assert corpora.name == "corpus_x" and corpora.documents.name == "corpus_TrackA_CAT"
    assert [(t.name, t.file, len(t.gold)) for t in corpora.targets] == [("Acme Corp", "acme_corp.txt", 3)]
    # without gold timelines, the list file names the targets
    for p in (root / "corpus_x" / "TimeLines_Gold_Standard").iterdir():
        p.unlink()
    (corpora,) = se.find_corpora(root)
    assert [(t.name, t.file, t.gold) for t in corpora.targets] == [("Acme Corp", "acme_corp.txt", None)]


def test_semeval_a_corpus_nested_below_another_keeps_its_own_targets(tmp_path):
    # the trial set's documents and timelines straight under the folder, a test corpus below it
    root = _layout(tmp_path)
    _tiny_cat(root / "Corpus-trial-data_task4", doc_id="777")
    trial_gold = root / "TimeLines_trial"
    trial_gold.mkdir()
    (trial_gold / "brightline.txt").write_text("Brightline\n1\t2011-05-02\t777-2-filed\n", encoding="utf-8")
    corpora = {c.name: c for c in se.find_corpora(root)}
    assert [t.name for t in corpora["data"].targets] == ["Brightline"]
    assert [t.name for t in corpora["corpus_x"].targets] == ["Acme Corp"]
    assert corpora["data"].documents.name == "Corpus-trial-data_task4"


def test_semeval_mention_keys_use_cat_sentences_and_tokens(tmp_path):
    from storyline.eval.cat import read_cat

    _tiny_cat(tmp_path)
    doc = read_cat(next(tmp_path.glob("*.xml")))
    assert doc.dct() == "2011-05-03"
    start = doc.text.index("filed")
    assert se.mention_key(doc, start, start + 5) == "501-2-filed"
    start = doc.text.index("a lawsuit")
    assert se.mention_key(doc, start, start + 9) == "501-2-a_lawsuit"


@pytest.mark.parametrize("target, names, expected", [
    ("Steve Jobs", [("Jobs", 5), ("Steve Jobs", 3), ("Steve Wozniak", 9)], "Steve Jobs"),
    ("iTunes store", [("iTunes", 9), ("iTunes Store", 2)], "iTunes Store"),
    ("Beatles Apple Corps", [("Apple", 50), ("Apple Corps", 4)], "Apple Corps"),
    ("Airbus", [("Boeing", 4)], None),
])
def test_semeval_target_matched_by_word_overlap(target, names, expected):
    from storyline.records import Entity

    ents = [Entity(f"E{i}", n, "ORG", names=(n,), mention_count=c) for i, (n, c) in enumerate(names)]
    got = se.match_entity(target, ents)
    assert (got.name if got else None) == expected


def test_semeval_command_on_a_tiny_layout(tmp_path, capsys):
    root = _layout(tmp_path)
    assert run_eval("semeval2015", [str(root), "--out", str(tmp_path / "pred"), "--model", "en_core_web_sm"]) == 0
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert [ln.split(":")[0] for ln in lines[-6:]] == ["micro_precision", "micro_recall", "micro_f1",
                                                        "macro_precision", "macro_recall", "macro_f1"]
    assert "corpus_x/Acme Corp: entity Acme Corp" in out.err
    entity, pred = se.read_timeline(tmp_path / "pred" / "corpus_x" / "acme_corp.txt")
    assert entity == "Acme Corp" and pred
    assert all(k.startswith("501-") for ln in pred for k in ln.mentions)
    founded = next(ln for ln in pred if "501-3-founded" in ln.mentions)
    assert founded.date == "1990"
