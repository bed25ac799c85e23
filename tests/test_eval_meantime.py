"""MEANTIME: the CAT XML reader, the mention matcher, and the command on a few documents."""
from __future__ import annotations


import pytest

from storyline.eval import meantime, run_eval
from storyline.eval.cat import read_cat


def test_cat_reader_rebuilds_text_with_exact_token_offsets(fixtures_dir):
    doc = read_cat(fixtures_dir / "entities" / "tiny_cat.xml")
    assert doc.text == 'Acme buys Widgetco\nAcme Corp. said "we are glad", and its shares (ACM) rose $2.'
    for tok in doc.tokens:
        assert doc.text[tok.start:tok.end] in (tok.text, '"')
    assert doc.dct() == "2001-02-03"
    assert doc.instances() == {"1": "ORG1", "3": "ORG1", "4": "ORG1", "2": "ORG2"}
    assert [m.text for m in doc.mentions("ENTITY_MENTION")] == ["Acme", "Widgetco", "Acme Corp.", "its", "shares"]
    assert doc.markables["10"].anchored is False
    tl = next(r for r in doc.relations if r.tag == "TLINK")
    assert tl.sources == ("1",) and tl.targets == ("6",) and tl.attrs["reltype"] == "BEFORE"


def test_gold_mentions_keep_linked_spans_once(fixtures_dir):
    doc = read_cat(fixtures_dir / "entities" / "tiny_cat.xml")
    linked, texts, every = meantime.gold_mentions(doc)
    assert len(every) == 5 and len(linked) == 4  # "shares" is annotated but not linked
    assert linked[(0, 4)] == "ORG1"


def test_prf_on_hand_counts():
    assert meantime.prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert meantime.prf(0, 0, 5) == (0.0, 0.0, 0.0)


def test_head_matching_is_one_to_one(nlp_sm):
    text = "The new chief executive of Acme resigned."
    doc = nlp_sm(text)
    gold = [(0, 31)]  # "The new chief executive of Acme"
    pred_spans = [(8, 23), (27, 31)]  # "chief executive", "Acme"
    pred_ext = [(0, 23), (27, 31)]
    assert meantime.match_mentions(doc, pred_spans, pred_ext, gold) == {0: (0, 31)}
    assert meantime.match_mentions(doc, pred_spans, [(0, 31), (27, 31)], gold) == {0: (0, 31)}


def test_command_on_two_documents_per_corpus(shared_data, capsys, tmp_path):
    assert run_eval("meantime", [str(shared_data / "meantime-en"), "--limit", "2", "--no-events",
                                 "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-3].startswith("mention_f1: ") and lines[-1].startswith("conll_f1_predicted_mentions: ")
    for ln in lines[-3:]:
        assert 0.0 < float(ln.split(": ")[1]) <= 1.0
    key = (tmp_path / "corpus_airbus.key.tsv").read_text("utf-8").splitlines()
    assert key[0].startswith("# doc_id") and len(key) > 10
    assert (tmp_path / "corpus_apple.predicted.tsv").exists()
