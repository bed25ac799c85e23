"""MEANTIME: the CAT XML reader, the mention matcher, and the command on a few documents."""
from __future__ import annotations


import pytest

from storyline.eval import meantime, run_eval
from storyline.eval.cat import read_cat


def _tiny_cat(folder):
    """A small CAT XML document of our own, written at run time: two sentences, five entity
    mentions (four linked to two instances), a creation time and a TLINK."""
    import xml.etree.ElementTree as ET
    words = [("Acme", 0), ("buys", 0), ("Widgetco", 0), ("Acme", 1), ("Corp.", 1), ("said", 1), ("``", 1),
             ("we", 1), ("are", 1), ("glad", 1), ("''", 1), (",", 1), ("and", 1), ("its", 1), ("shares", 1),
             ("(", 1), ("ACM", 1), (")", 1), ("rose", 1), ("$", 1), ("2", 1), (".", 1)]
    root = ET.Element("Document", {"doc_id": "900", "doc_name": "900_Example", "lang": "en"})
    for n, (word, sent) in enumerate(words):
        ET.SubElement(root, "token", {"t_id": str(n + 1), "sentence": str(sent), "number": str(n)}).text = word
    marks = ET.SubElement(root, "Markables")
    for m_id, kind, anchors in (("1", "NAM", [1]), ("2", "NAM", [3]), ("3", "NAM", [4, 5]), ("4", "PRO", [14]),
                                ("5", "NOM", [15])):
        el = ET.SubElement(marks, "ENTITY_MENTION", {"m_id": m_id, "syntactic_type": kind})
        for t in anchors:
            ET.SubElement(el, "token_anchor", {"t_id": str(t)})
    ET.SubElement(marks, "TIMEX3", {"m_id": "6", "type": "DATE", "value": "2001-02-03",
                                    "functionInDocument": "CREATION_TIME"})
    for m_id, name, instance in (("10", "Acme", "ORG1"), ("11", "Widgetco", "ORG2")):
        ET.SubElement(marks, "ENTITY", {"m_id": m_id, "TAG_DESCRIPTOR": name, "ent_type": "ORG",
                                        "instance_id": instance})
    rels = ET.SubElement(root, "Relations")
    for r_id, tag, sources, target, extra in (("100", "REFERS_TO", ["1", "3", "4"], "10", {}),
                                              ("101", "REFERS_TO", ["2"], "11", {}),
                                              ("102", "TLINK", ["1"], "6", {"reltype": "BEFORE"})):
        rel = ET.SubElement(rels, tag, {"r_id": r_id, **extra})
        for src in sources:
            ET.SubElement(rel, "source", {"m_id": src})
        ET.SubElement(rel, "target", {"m_id": target})
    path = folder / "900_Example.xml"
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def test_cat_reader_rebuilds_text_with_exact_token_offsets(tmp_path):
    doc = read_cat(_tiny_cat(tmp_path))
    assert doc.text == 'Acme buys Widgetco\nAcme Corp. said "we are glad", and its shares (ACM) rose $2.'
    for tok in doc.tokens:
        assert doc.text[tok.start:tok.end] in (tok.text, '"')
    assert doc.dct() == "2001-02-03"
    assert doc.instances() == {"1": "ORG1", "3": "ORG1", "4": "ORG1", "2": "ORG2"}
    assert [m.text for m in doc.mentions("ENTITY_MENTION")] == ["Acme", "Widgetco", "Acme Corp.", "its", "shares"]
    assert doc.markables["10"].anchored is False
    tl = next(r for r in doc.relations if r.tag == "TLINK")
    assert tl.sources == ("1",) and tl.targets == ("6",) and tl.attrs["reltype"] == "BEFORE"


def test_gold_mentions_keep_linked_spans_once(tmp_path):
    doc = read_cat(_tiny_cat(tmp_path))
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


def test_document_groups_put_reports_of_one_story_together(shared_data, nlp_md):
    from storyline.eval.cat import read_cat_dir

    folder = meantime.find_corpora(shared_data / "meantime-en")["corpus_airbus"]
    docs = read_cat_dir(folder)[:8]
    groups = meantime.document_groups(docs, list(nlp_md.pipe([d.text for d in docs])))
    assert set(groups) == {d.doc_id for d in docs}
    # eight Wikinews texts on several Airbus stories: neither one group nor all apart
    assert 1 < len(set(groups.values())) < len(docs)
