"""Views of a parsed doc: its text kept on it, tokens by part of speech, and the line breaks
the quote stage reads from it."""
from storyline.nlp.docview import doc_text, keep_text, line_breaks
from storyline.quotes.cues import _same_block

TEXT = ("Ministers met in Oslo on Monday.\n\n\"We will not sign,\" the envoy said.\n"
        "Talks resume next week.")


def test_doc_text_equals_spacy_text(nlp_sm):
    doc = nlp_sm(TEXT)
    assert doc_text(doc) == doc.text == TEXT


def test_keep_text_records_only_the_parsed_string(nlp_sm):
    doc = nlp_sm(TEXT)
    keep_text(doc, TEXT[:-1])  # another length: not the string the doc was parsed from
    assert doc_text(doc) == TEXT
    other = nlp_sm(TEXT)
    keep_text(other, TEXT)
    assert doc_text(other) is TEXT


def test_line_breaks_are_the_tokens_holding_newlines(nlp_sm):
    doc = nlp_sm(TEXT)
    assert line_breaks(doc) == [t.i for t in doc if "\n" in t.text]
    assert len(line_breaks(doc)) == 2


def test_same_block_stays_inside_the_paragraph(nlp_sm):
    doc = nlp_sm(TEXT)
    said = next(t for t in doc if t.text == "said")
    kept = _same_block(said, list(range(len(doc))), sentence=False)
    assert doc[kept[0]].text == '"' and doc[kept[-1]].text == "."
    assert "Oslo" not in {doc[i].text for i in kept} and "Talks" not in {doc[i].text for i in kept}


def test_tokens_with_pos_are_those_whose_pos_matches(nlp_sm):
    from storyline.nlp.docview import tokens_with_pos
    doc = nlp_sm(TEXT)
    want = frozenset({"VERB", "NOUN", "PRON"})
    got = tokens_with_pos(doc, want)
    assert [t.i for t in got] == [t.i for t in doc if t.pos_ in want]
    assert any(t.text == "met" for t in got) and not any(t.text == "Oslo" for t in got)
