"""Search and ask over a storyline store.

``search`` ranks sentences or articles with the store's full-text index (SQLite
FTS5/BM25 or PostgreSQL tsvector/ts_rank_cd) and filters them by entity,
thread, event type and date range; ``ask`` answers a plain
question with cited sentences and the extracted facts (quotes, events,
positions) that bear on it. ``search_text``/``ask_text`` are the command-line
renderings.
"""
from __future__ import annotations

from .ask import Answer, AnswerFact, Citation, ask
from .fulltext import Filters, Hit, SearchResult, search
from .index import CorpusIndex, Fact


def _index(db: str) -> CorpusIndex:
    from ..library import load

    return CorpusIndex(load(db))


def _one_line(text: str) -> str:
    """A sentence as one line of a listing (its offsets still point at the text as written)."""
    return " ".join(text.split())


def search_text(db: str, query: str, limit: int = 10, filters: Filters = Filters()) -> str:
    """Plain-text search hits: ``article:start-end  date  sentence``."""
    res = search(db, query, _index(db), filters, limit=limit)
    lines = [f"{h.article_id}:{h.start}-{h.end}  {h.published or 'undated'}  {_one_line(h.text)}" for h in res.hits]
    return "\n".join(lines) or "no hits"


def ask_text(db: str, question: str, limit: int = 5) -> str:
    """Plain-text answer: the best facts, then the supporting sentences."""
    ans = ask(db, question, _index(db), limit=limit)
    out = [f"answer: {ans.answer}" if ans.answer else "answer: no extracted fact answers this; best sentences:"]
    if ans.facts:
        out.append("facts:")
        out += [f"  [{f.kind}] {f.summary}  ({f.article_id}:{f.start}-{f.end})" for f in ans.facts]
    out.append("sources:")
    out += [f"  {c.article_id}:{c.start}-{c.end}  {c.published or 'undated'}  {_one_line(c.text)}"
            for c in ans.citations]
    if not ans.citations:
        out.append("  none")
    return "\n".join(out)


__all__ = ["Answer", "AnswerFact", "Citation", "CorpusIndex", "Fact", "Filters", "Hit", "SearchResult",
           "ask", "ask_text", "search", "search_text"]
