"""Listing quotes by speaker and date."""
from __future__ import annotations

from storyline.quotes.query import filter_quotes, format_row, views
from storyline.records import Article, Quote, Span


def _quote(aid, start, speaker_text, entity=None):
    return Quote(article_id=aid, start=start, end=start + 5, kind="direct",
                 content=Span(start, start + 5, '"Yes."'), speaker_text=speaker_text,
                 speaker_entity=entity, attributed=bool(speaker_text))


ARTICLES = {
    "a": Article(id="a", text="", published="2025-08-14T10:00:00Z", source="wire"),
    "b": Article(id="b", text="", published="2025-08-20"),
    "c": Article(id="c", text=""),
}
QUOTES = [_quote("b", 10, "Trump", "e1"), _quote("a", 40, "He", "e1"),
          _quote("a", 5, "Lavrov", "e2"), _quote("c", 0, "")]
NAMES = {"e1": "Donald Trump", "e2": "Sergey Lavrov"}


def test_speaker_filter_uses_canonical_names_and_words():
    rows = filter_quotes(views(QUOTES, ARTICLES, NAMES), speaker="trump")
    assert [(v.quote.article_id, v.quote.start) for v in rows] == [("a", 40), ("b", 10)]
    assert {v.speaker for v in rows} == {"Donald Trump"}


def test_since_leaves_out_earlier_and_undated():
    rows = filter_quotes(views(QUOTES, ARTICLES, NAMES), since="2025-08-15")
    assert [v.quote.article_id for v in rows] == ["b"]


def test_no_filter_sorts_undated_last_and_keeps_unattributed():
    rows = filter_quotes(views(QUOTES, ARTICLES, NAMES))
    assert [v.date for v in rows] == ["2025-08-14", "2025-08-14", "2025-08-20", None]
    assert rows[-1].speaker == "unattributed"
    assert format_row(rows[0]).split("\t")[:3] == ["2025-08-14", "Sergey Lavrov", "direct"]


def test_a_quotation_split_around_its_cue_is_shown_without_the_cue(nlp_md):
    from storyline.entities.mentions import extract_mentions
    from storyline.quotes.extract import extract_quotes
    from storyline.quotes.query import said_text
    text = '"The port will reopen," said Lena Maas, a lawyer in Hamburg. "Nobody knows when the ships return."'
    art = Article(id="q", text=text)
    doc = nlp_md(text)
    (q,) = extract_quotes(doc, art, extract_mentions(doc, art))
    assert said_text(q) == '"The port will reopen," … "Nobody knows when the ships return."'
    assert "said Lena Maas" in q.content.text  # the record still covers first piece to last


def test_an_article_dated_only_by_its_text_shows_that_day_marked_inferred():
    rows = filter_quotes(views(QUOTES, ARTICLES, NAMES, inferred_days={"c": "2025-08-17"}), since="2025-08-15")
    assert [(v.quote.article_id, v.date, v.date_inferred) for v in rows] == \
        [("c", "2025-08-17", True), ("b", "2025-08-20", False)]
    assert format_row(rows[0]).startswith("2025-08-17 (inferred)\t")
    assert format_row(rows[1]).startswith("2025-08-20\t")
    # a publication date wins over an inferred day
    v = views([QUOTES[0]], ARTICLES, NAMES, inferred_days={"b": "2025-08-01"})[0]
    assert (v.date, v.date_inferred) == ("2025-08-20", False)
