"""Full-text search: BM25 ranking, all-terms then any-term, grounded highlights, filters."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "web"))
from webfixture import built_db  # noqa: E402
import pytest

from storyline import library
from storyline.search import CorpusIndex, Filters, search
from storyline.search.fulltext import parse_highlight, query_terms, validate_date


@pytest.fixture(scope="module")
def rich():
    db = built_db("rich")
    return db, CorpusIndex(library.load(db))


def _ext(ix, aid):
    return ix.articles[aid].external_id


def test_all_terms_must_match_and_highlights_point_into_the_article(rich):
    db, ix = rich
    res = search(db, "levee repair", ix)
    assert res.mode == "all"
    assert {_ext(ix, h.article_id) for h in res.hits} == {"w-02", "w-03"}
    for h in res.hits:
        text = ix.articles[h.article_id].text
        assert text[h.start:h.end] == h.text
        words = {text[s:e].lower() for s, e in h.highlights}
        assert "levee" in words and any(w.startswith("repair") for w in words)  # porter: repairing -> repair


def test_falls_back_to_any_term_when_no_sentence_has_all(rich):
    db, ix = rich
    res = search(db, "levee zeppelin", ix)
    assert res.mode == "any" and res.hits
    assert all("levee" in h.text.lower() for h in res.hits)


def test_date_range_filter_uses_publication_dates(rich):
    db, ix = rich
    res = search(db, "governor", ix, Filters(date_from="2024-04-03", date_to="2024-04-05"))
    assert {h.published for h in res.hits} == {"2024-04-03", "2024-04-05"}
    month = search(db, "governor", ix, Filters(date_from="2024-04", date_to="2024-04"))
    assert len(month.hits) > len(res.hits)
    assert search(db, "governor", ix, Filters(date_from="2025")).hits == ()


def test_entity_filter_keeps_sentences_that_mention_it(rich):
    db, ix = rich
    becker = ix.find_entity("Tom Becker")
    assert becker is not None
    res = search(db, "", ix, Filters(entity=becker.id))
    assert res.mode == "browse" and res.hits
    assert {(h.article_id, h.sentence) for h in res.hits} == ix.entity_sentences[becker.id]
    assert sum("Becker" in h.text for h in res.hits) >= 3
    assert search(db, "state", ix, Filters(entity=becker.id)).hits  # "criticized the state", "state plan"
    assert search(db, "engineers", ix, Filters(entity=becker.id)).hits == ()  # never in a Becker sentence


def test_thread_and_event_type_filters(rich):
    db, ix = rich
    res = search(db, "Riverton", ix, Filters(thread="T2"))
    assert res.hits and {_ext(ix, h.article_id) for h in res.hits} <= {"w-04", "w-05"}
    parent = search(db, "Riverton", ix, Filters(thread="T1"))  # includes its sub-thread T2
    assert {_ext(ix, h.article_id) for h in parent.hits} > {_ext(ix, h.article_id) for h in res.hits}
    ev = search(db, "", ix, Filters(event_type="disaster"))
    assert [h.text.split()[:2] for h in ev.hits] == [["Flood", "waters"]]


def test_article_scope_ranks_titles(rich):
    db, ix = rich
    res = search(db, "mayor rejects", ix, scope="articles")
    assert res.hits and _ext(ix, res.hits[0].article_id) == "w-04"
    top = res.hits[0]  # shown by its best sentence, grounded like a sentence hit
    assert top.sentence == 0 and ix.articles[top.article_id].text[top.start:top.end] == top.text
    assert {ix.articles[top.article_id].text[s:e].lower() for s, e in top.highlights} >= {"mayor", "rejected"}
    title_only = {_ext(ix, h.article_id): h for h in search(db, "report", ix, scope="articles").hits}
    assert title_only["w-05"].sentence == -1 and title_only["w-05"].text.endswith("report")  # only its title has it
    assert title_only["w-03"].sentence >= 0  # "told reporters" (stemmed) in its text


def test_query_syntax_cannot_break_the_fts_query(rich):
    db, ix = rich
    for q in ['"unbalanced', "AND OR NOT", "levee*) NEAR(", "title:levee", "'; DROP TABLE articles; --"]:
        search(db, q, ix)  # no exception
    assert query_terms('U.S. troops "state of emergency" AND') == ['"state of emergency"', '"u s"', '"troops"', '"and"']
    assert query_terms("what does he want", frozenset({"what", "does", "he"})) == ['"want"']


def test_highlight_markers_become_offsets():
    text, spans = parse_highlight("the \x02levee\x03 broke near \x02Riverton\x03")
    assert text == "the levee broke near Riverton"
    assert [text[s:e] for s, e in spans] == ["levee", "Riverton"]


def test_dates_are_validated():
    assert validate_date("2024-04") == "2024-04"
    with pytest.raises(ValueError):
        validate_date("April 2024")


def test_the_text_listing_gives_one_line_per_hit_across_paragraph_breaks(tmp_path):
    import json

    from storyline.search import search_text
    from storyline.settings import Settings
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "p1", "published": "2024-04-02", "text":
                               "Crews shored up the levee overnight.\n\nThe levee held by morning."}) + "\n")
    db = str(tmp_path / "s.db")
    library.build([str(src)], Settings(db=db, model="en_core_web_sm", progress=False))
    lines = search_text(db, "levee").splitlines()
    assert len(lines) == 2 and all(ln.split("  ")[0].count(":") == 1 for ln in lines)
    assert any(ln.endswith("  Crews shored up the levee overnight.") for ln in lines)
