"""TempEval-3 TIMEX3 scoring on hand-made cases, and the TimeML reader/writer."""
import argparse
from dataclasses import dataclass

import pytest

from storyline.eval import tempeval as te
from storyline.eval.timeml import parse_tml, render_text, write_tml


@dataclass
class T:
    start: int
    end: int
    type: str = "DATE"
    value: str = ""


def test_perfect_system():
    gold = [T(0, 6, "DATE", "2025-08-15"), T(10, 20, "DURATION", "P2W")]
    c, _ = te.score_doc(gold, list(gold))
    f = te.figures(c)
    assert f["strict_f1"] == f["relaxed_f1"] == f["value_f1"] == f["type_accuracy"] == 1.0


def test_known_scores():
    # gold: three expressions; system: one exact (right value), one overlapping (wrong value,
    # wrong type), one spurious; one gold expression missed.
    gold = [T(0, 6, "DATE", "2025-08-15"), T(10, 25, "DURATION", "P2W"), T(40, 45, "DATE", "2026")]
    system = [T(0, 6, "DATE", "2025-08-15"), T(14, 25, "DATE", "P3W"), T(60, 64, "DATE", "2020")]
    c, pairs = te.score_doc(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed, c.type_ok, c.value_ok) == (3, 3, 1, 2, 1, 1)
    assert pairs == [(0, 0), (1, 1)]
    f = te.figures(c)
    assert f["strict_f1"] == pytest.approx(1 / 3)
    assert f["relaxed_f1"] == pytest.approx(2 / 3)
    assert f["type_accuracy"] == pytest.approx(0.5)
    assert f["value_f1"] == pytest.approx(1 / 3)   # P = 1/3, R = 1/3
    assert f["value_accuracy"] == pytest.approx(0.5)


def test_relaxed_matching_is_one_to_one():
    gold = [T(0, 20, "DATE", "a")]
    system = [T(0, 5, "DATE", "x"), T(10, 20, "DATE", "a")]  # both overlap the one gold span
    c, pairs = te.score_doc(gold, system)
    assert c.relaxed == 1 and len(pairs) == 1
    assert pairs == [(0, 1)]  # the larger overlap wins
    assert c.value_ok == 1


def test_unequal_sizes_and_empty():
    c, _ = te.score_doc([], [T(0, 3)])
    assert te.figures(c)["relaxed_f1"] == 0.0
    c, _ = te.score_doc([T(0, 3)], [])
    assert te.figures(c)["value_f1"] == 0.0


def _sample_tml(folder):
    """A one-sentence TimeML document of our own, written at run time: a creation time, three
    annotated expressions (a past weekday, a duration, next week), an event, a TLINK and an
    escaped ampersand."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sample.tml"
    dct = ('<TIMEX3 tid="t0" type="DATE" value="2025-08-20" temporalFunction="false" '
           'functionInDocument="CREATION_TIME">2025-08-20</TIMEX3>')
    text = ('The ministers <EVENT eid="e1" class="REPORTING">said</EVENT> '
            '<TIMEX3 tid="t1" type="DATE" value="2025-08-15">Friday</TIMEX3> that the talks, which lasted '
            '<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>, would resume '
            '<TIMEX3 tid="t3" type="DATE" value="2025-W35">next week</TIMEX3> in Geneva &amp; Bern.')
    path.write_text(f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>sample_0001</DOCID>\n<DCT>{dct}</DCT>\n'
                    f'<TEXT>\n{text}\n</TEXT>\n'
                    '<TLINK lid="l1" eventInstanceID="ei1" relatedToTime="t1" relType="IS_INCLUDED"/>\n'
                    '</TimeML>\n', encoding="utf-8")
    return path


def test_timeml_reader_and_writer(tmp_path):
    doc = parse_tml(_sample_tml(tmp_path / "in"))
    assert doc.dct == "2025-08-20" and doc.doc_id == "sample_0001"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "2025-08-15"), ("three days", "DURATION", "P3D"), ("next week", "DATE", "2025-W35")]
    assert "Geneva & Bern" in doc.text  # entities are unescaped; offsets count readable characters
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    out = tmp_path / "out.tml"
    write_tml(doc, list(doc.timexes), out)
    again = parse_tml(out)
    assert again.text == doc.text and again.dct == doc.dct
    assert [(t.start, t.end, t.value) for t in again.timexes] == [(t.start, t.end, t.value) for t in doc.timexes]
    assert "TLINK" not in out.read_text() and "&amp;" in out.read_text()
    assert render_text("a < b", []) == "a &lt; b"


def _run(argv):
    p = argparse.ArgumentParser()
    te.add_arguments(p)
    return te.run(p.parse_args(argv))


def test_command_on_the_fixture(tmp_path, capsys):
    _sample_tml(tmp_path / "in")
    assert _run([str(tmp_path / "in"), "--model", "none", "--out", str(tmp_path / "pred")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [ln.split(":")[0] for ln in lines[-4:]] == list(te.METRICS)
    assert float(lines[-1].split()[-1]) == 1.0  # value_f1 on the three hand-annotated expressions
    assert (tmp_path / "pred" / "sample.tml").exists()


def test_command_on_two_real_documents(shared_data, capsys):
    folder = shared_data / "tempeval3" / "Training" / "TBAQ-cleaned"
    if not folder.exists():
        pytest.skip("TempEval-3 training data not present")
    assert _run([str(folder), "--split", "TimeBank", "--limit", "2", "--model", "none"]) == 0
    out = capsys.readouterr().out
    value_f1 = float(out.strip().splitlines()[-1].split()[-1])
    assert value_f1 > 0.5


def test_missing_corpus_is_an_eval_error(tmp_path):
    from storyline.errors import EvalError
    with pytest.raises(EvalError):
        _run([str(tmp_path / "nowhere"), "--model", "none"])
    with pytest.raises(EvalError):
        _run([str(tmp_path), "--model", "none"])  # a folder without .tml files


def _value_f1(capsys) -> float:
    return float(capsys.readouterr().out.strip().splitlines()[-1].split()[-1])


def _write_cat(folder):
    """A small CAT XML document of our own: a title, a date line marked CREATION_TIME, two
    annotated sentences and one sentence without any markable (not scored)."""
    import xml.etree.ElementTree as ET
    sentences = ["Ferry line resumes after storm", "April 11 , 2019",
                 "The ferry service resumed on Tuesday , the operator said .",
                 "Repairs will last until next month .", "The pier was built in 1990 ."]
    root = ET.Element("Document", {"doc_id": "9001", "doc_name": "9001_ferry", "lang": "en"})
    ids = []
    for si, sent in enumerate(sentences):
        row = []
        for word in sent.split():
            n = sum(len(r) for r in ids) + len(row)
            ET.SubElement(root, "token", {"number": str(n), "sentence": str(si), "t_id": str(n + 1)}).text = word
            row.append(str(n + 1))
        ids.append(row)
    marks = ET.SubElement(root, "Markables")
    for m_id, function, value, si, lo, hi in (("1", "CREATION_TIME", "2019-04-11", 1, 0, 4),
                                              ("2", "NONE", "2019-04-09", 2, 5, 6),
                                              ("3", "NONE", "2019-05", 3, 4, 6)):
        el = ET.SubElement(marks, "TIMEX3", {"m_id": m_id, "type": "DATE", "value": value,
                                             "functionInDocument": function})
        for t in ids[si][lo:hi]:
            ET.SubElement(el, "token_anchor", {"t_id": t})
    event = ET.SubElement(marks, "EVENT_MENTION", {"m_id": "4"})
    ET.SubElement(event, "token_anchor", {"t_id": ids[2][3]})
    link = ET.SubElement(ET.SubElement(root, "Relations"), "TLINK", {"r_id": "1", "reltype": "IS_INCLUDED"})
    ET.SubElement(link, "source", {"m_id": "4"})
    ET.SubElement(link, "target", {"m_id": "2"})
    folder.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(folder / "9001_ferry.xml", encoding="utf-8", xml_declaration=True)
    return folder


def test_cat_xml_is_scored_on_its_annotated_sentences_with_or_without_the_creation_time(tmp_path, capsys):
    from storyline.eval.catml import read_cat_timeml
    folder = _write_cat(tmp_path / "gold")
    tmp_path = tmp_path / "out"
    doc = read_cat_timeml(folder / "9001_ferry.xml")
    assert doc.dct == "2019-04-11" and [g.value for g in doc.timexes] == ["2019-04-09", "2019-05"]
    assert doc.text[slice(*doc.dct_span)] == "April 11, 2019"
    assert not any(lo <= doc.text.index("1990") < hi for lo, hi in doc.scored)  # unannotated sentence
    assert _run([str(folder), "--model", "none"]) == 0
    assert _value_f1(capsys) == 1.0
    # withheld, the creation time is read back from the article's own date line
    assert _run([str(folder), "--model", "none", "--no-dct", "--out", str(tmp_path)]) == 0
    assert _value_f1(capsys) == 1.0
    written = read_cat_timeml(tmp_path / "9001_ferry.xml")
    assert [(g.text, g.value) for g in written.timexes] == [("Tuesday", "2019-04-09"), ("next month", "2019-05")]
    assert written.dct == "2019-04-11"
    assert _run([str(folder / "9001_ferry.xml"), "--model", "none"]) == 0  # one CAT file
    assert _value_f1(capsys) == 1.0
