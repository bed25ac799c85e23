"""The PolNeAR scorer on hand-made cases with known scores, the brat reader/writer, and
the command on a tiny fixture corpus (and on two real documents when the data is here)."""
from __future__ import annotations

import pytest

from storyline.eval import polnear as P
from storyline.eval import run_eval

TEXT = 'Ann said the plan failed. "It is over," Bob said. Carl thinks so.'


def span(s: str, start: int = 0) -> tuple[tuple[int, int], ...]:
    i = TEXT.index(s, start)
    return ((i, i + len(s)),)


GOLD = [
    P.Attribution(content=span("the plan failed"), cue=span("said"), source=span("Ann")),
    P.Attribution(content=span('"It is over,"'), cue=span("said", 30), source=span("Bob")),
]
PRED = [
    P.Attribution(content=span("plan failed"), cue=span("said"), source=span("Ann")),
    P.Attribution(content=span('"It is over,"'), cue=span("said", 30), source=span("Carl")),
    P.Attribution(content=span("so"), cue=span("thinks"), source=span("Carl")),
]


def test_scores_on_a_hand_made_case():
    s = P.summary(P.score_document(TEXT, GOLD, PRED))
    # 2 of 3 predictions match, both gold found
    assert s["content_p"] == pytest.approx(2 / 3)
    assert s["content_r"] == pytest.approx(1.0)
    assert s["content_overlap_f1"] == pytest.approx(0.8)
    # only the quotation has exactly the gold words: P 1/3, R 1/2
    assert s["content_exact_f1"] == pytest.approx(0.4)
    # Ann right, Carl for Bob wrong
    assert s["source_accuracy"] == pytest.approx(0.5)
    assert s["attribution_f1"] == pytest.approx(0.4)
    assert s["direct_f1"] == pytest.approx(1.0)
    assert s["direct_source_accuracy"] == pytest.approx(0.0)
    # indirect: gold 1 (found), predicted 2 ("plan failed" matched, "so" not)
    assert s["indirect_p"] == pytest.approx(0.5)
    assert s["indirect_f1"] == pytest.approx(2 / 3)
    # cues: said, said matched; thinks extra -> P 2/3, R 1
    assert s["cue_f1"] == pytest.approx(0.8)
    # word level: gold 3 + 3 words, predicted 2 + 3 + 1, overlap 5
    assert s["content_token_f1"] == pytest.approx(2 * 5 / (6 + 6))


def test_matching_is_one_to_one_and_prefers_the_larger_overlap():
    gold = [P.Attribution(content=span("the plan failed"))]
    pred = [P.Attribution(content=span("Ann said the plan")),
            P.Attribution(content=span("the plan failed"))]
    assert P.match_pairs(TEXT, gold, pred) == [(0, 1)]
    s = P.summary(P.score_document(TEXT, gold, pred))
    assert s["content_p"] == pytest.approx(0.5)


def test_no_overlap_no_match_and_empty_inputs():
    gold = [P.Attribution(content=span("Carl thinks so"))]
    pred = [P.Attribution(content=span("the plan failed"))]
    assert P.match_pairs(TEXT, gold, pred) == []
    s = P.summary(P.score_document(TEXT, [], []))
    assert s["content_overlap_f1"] == 0.0 and s["source_accuracy"] == 0.0


def test_source_up_to_a_repeated_name_and_missing_sources():
    text = "Mr. Trump spoke. Trump said it. He left."
    gold = ((0, 9),)  # "Mr. Trump"
    assert P.source_correct(text, gold, ((17, 22),))  # "Trump"
    assert not P.source_correct(text, gold, ((32, 34),))  # "He"
    assert P.source_correct(text, (), ())
    assert not P.source_correct(text, gold, ())


def test_kinds_from_quotation_marks():
    t = 'He said "we won" and that "it ended." “All of it,” she said.'
    assert P.kind_of(t, ((8, 16),)) == "direct"
    assert P.kind_of(t, ((3, 36),)) == "partial"
    assert P.kind_of(t, ((0, 7),)) == "indirect"


BRIDGE_TEXT = ('Maria Lopez said the bridge would reopen in May. "We are ready," she added.\n\n'
               "The council denied the report.\n")
# three attributions of BRIDGE_TEXT in brat standoff (Source, Cue, Content, Attribution spans
# and the event tying them), and a note line the reader skips
BRIDGE_ANN = [("Source", 0, 11), ("Cue", 12, 16), ("Content", 17, 47), ("Attribution", 12, 16),
              ("Content", 49, 64), ("Source", 65, 68), ("Cue", 69, 74), ("Attribution", 69, 74),
              ("Source", 77, 88), ("Cue", 89, 95), ("Content", 96, 106), ("Attribution", 89, 95)]


def _bridge_corpus(root):
    """A one-document corpus in PolNeAR's layout (``dev/text``, ``dev/attributions``), written
    at run time: our own text and its attributions."""
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "bridge-story.txt").write_text(BRIDGE_TEXT, encoding="utf-8")
    lines = [f"T{i}\t{label} {a} {b}\t{BRIDGE_TEXT[a:b]}" for i, (label, a, b) in enumerate(BRIDGE_ANN, 1)]
    for k, (src, cue, content, att) in enumerate(((1, 2, 3, 4), (6, 7, 5, 8), (9, 10, 11, 12)), 1):
        lines.append(f"E{k}\tAttribution:T{att} Content:T{content} Cue:T{cue} Source:T{src}")
    lines.append("#1\tAnnotatorNotes T3\ta note line that the reader skips")
    ann = root / "dev" / "attributions" / "bridge-story_ab12.ann"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ann


def test_read_and_write_ann_round_trip(tmp_path):
    ann = _bridge_corpus(tmp_path / "corpus")
    gold = P.read_ann(ann)
    assert len(gold) == 3 and gold[1].source == ((65, 68),)
    text = BRIDGE_TEXT
    two_piece = P.Attribution(content=((0, 4), (10, 20)), cue=((5, 9),), source=())
    P.write_ann(tmp_path / "x.ann", gold + [two_piece], text)
    back = P.read_ann(tmp_path / "x.ann")
    assert back == gold + [two_piece]
    assert "Attribution-no-source" in (tmp_path / "x.ann").read_text()


def test_multiline_span_text_is_skipped(tmp_path):
    f = tmp_path / "a.ann"
    f.write_text("T1\tContent 0 4;6 9\tab\ncd\nT2\tCue 10 12\tx\n"
                 "E1\tAttribution:T2 Content:T1 Cue:T2\n", encoding="utf-8")
    assert P.read_ann(f) == [P.Attribution(content=((0, 4), (6, 9)), cue=((10, 12),))]


def test_command_on_the_fixture_corpus(tmp_path, capsys):
    root = tmp_path / "corpus"
    _bridge_corpus(root)
    assert run_eval("polnear", [str(root), "--split", "dev", "--model", "en_core_web_sm",
                                "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    figures = dict(line.split(": ") for line in lines if ": " in line and " " not in line.split(": ")[0])
    assert lines[-1].startswith("attribution_f1: ")
    assert float(figures["content_overlap_f1"]) >= 0.8  # all three are easy
    assert (tmp_path / "bridge-story_ab12.ann").exists()


def test_missing_corpus_is_an_eval_error(tmp_path):
    from storyline.errors import EvalError
    with pytest.raises(EvalError):
        P.load_documents(tmp_path / "nothing")


def test_two_real_dev_documents(shared_data, capsys):
    root = shared_data / "polnear" / "data"
    if not (root / "dev").exists():
        pytest.skip("PolNeAR dev not here")
    assert run_eval("polnear", [str(root), "--split", "dev", "--limit", "2",
                                "--model", "en_core_web_sm"]) == 0
    out = capsys.readouterr().out
    f1 = float(out.split("content_overlap_f1: ")[1].split()[0])
    assert f1 > 0.4
