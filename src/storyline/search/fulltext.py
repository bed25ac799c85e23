"""Full-text search over stored sentences and articles (the store's ``fts_rows``:
FTS5 and BM25 on SQLite, tsvector and ts_rank_cd on PostgreSQL), with filters
by entity, thread, event type and date range.

Hits are grounded: article id, sentence index, character offsets of the
sentence and of each matched term in the article text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..store import HL_CLOSE, HL_OPEN, BaseStore, FtsRow, open_store
from .index import CorpusIndex

MAX_CANDIDATES = 5000
_ABBREV = re.compile(r"\b(?:\w\.){2,}")
_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """Narrow a search. Dates are ISO prefixes (``2024``, ``2024-04``, ``2024-04-02``)
    compared with the article's publication date; an undated article passes
    no date filter."""

    entity: str | None = None  # entity id (or a name the index can resolve)
    thread: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None

    def any(self) -> bool:
        return any((self.entity, self.thread, self.event_type, self.date_from, self.date_to, self.article))


@dataclass(frozen=True)
class Hit:
    article_id: str
    sentence: int  # -1 for an article-level hit
    start: int
    end: int
    text: str
    score: float  # higher is better
    title: str = ""
    published: str | None = None
    highlights: tuple[tuple[int, int], ...] = ()  # absolute offsets of matched terms


@dataclass(frozen=True)
class SearchResult:
    query: str
    fts_query: str
    mode: str  # all | any | browse
    total: int
    hits: tuple[Hit, ...] = ()
    filters: Filters = field(default_factory=Filters)


def query_terms(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """FTS5-safe terms of free text: quoted phrases, abbreviations (``U.S.`` ->
    the phrase ``u s``) and words of two or more characters, minus stopwords.
    Each term is returned already quoted for FTS5."""
    terms: list[str] = []
    rest = text
    for m in _PHRASE.finditer(text):
        words = [w.lower() for w in _WORD.findall(m.group(1))]
        if words:
            terms.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", rest)
    for m in _ABBREV.finditer(rest):
        terms.append('"' + " ".join(w.lower() for w in _WORD.findall(m.group(0))) + '"')
    rest = _ABBREV.sub(" ", rest)
    for w in _WORD.findall(rest):
        w = w.lower()
        if len(w) > 1 and w not in stopwords:
            terms.append(f'"{w}"')
    return list(dict.fromkeys(terms))


def validate_date(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not DATE_RE.match(value):
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return value


def allowed_articles(index: CorpusIndex, f: Filters) -> set[str] | None:
    """Articles that pass the article-level filters (None: no restriction)."""
    ids: set[str] | None = None

    def narrow(s: set[str]):
        nonlocal ids
        ids = set(s) if ids is None else ids & s

    if f.article:
        narrow({f.article})
    if f.thread:
        narrow(index.thread_articles(f.thread))
    if f.entity:
        e = index.find_entity(f.entity)
        narrow({aid for aid, _ in index.entity_sentences.get(e.id, ())} if e else set())
    if f.date_from or f.date_to:
        lo, hi = f.date_from or "", f.date_to or ""
        narrow({aid for aid in index.articles if _date_in(index.article_date(aid), lo, hi)})
    return ids


def _date_in(d: str | None, lo: str, hi: str) -> bool:
    if d is None:
        return False
    if lo and d[:len(lo)] < lo:
        return False
    if hi and d[:len(hi)] > hi:
        return False
    return True


def sentence_ok(index: CorpusIndex, f: Filters, aid: str, idx: int) -> bool:
    """Sentence-level filters: the sentence mentions the entity / carries an event of the type."""
    if f.entity:
        e = index.find_entity(f.entity)
        if e is None or (aid, idx) not in index.entity_sentences.get(e.id, set()):
            return False
    if f.event_type and f.event_type.upper() not in index.sentence_event_types.get((aid, idx), set()):
        return False
    return True


def parse_highlight(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove FTS5 highlight markers; return the plain text and matched spans."""
    out, spans, pos, open_at = [], [], 0, None
    for ch in marked:
        if ch == HL_OPEN:
            open_at = pos
        elif ch == HL_CLOSE:
            if open_at is not None:
                spans.append((open_at, pos))
            open_at = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


def search(db: str, query: str, index: CorpusIndex, filters: Filters = Filters(), limit: int = 20,
           offset: int = 0, scope: str = "sentences") -> SearchResult:
    """Rank sentences (or articles) for ``query`` with BM25, then apply ``filters``.

    All terms must match; when nothing does, any term may (``mode`` says which).
    An empty query with filters lists the matching sentences in article order.
    """
    if scope not in ("sentences", "articles"):
        raise ValueError("scope must be 'sentences' or 'articles'")
    validate_date(filters.date_from)
    validate_date(filters.date_to)
    ids = allowed_articles(index, filters)
    terms = query_terms(query)
    if not terms:
        hits = _browse(index, filters, ids) if filters.any() and scope == "sentences" else []
        return SearchResult(query, "", "browse", len(hits), tuple(hits[offset:offset + limit]), filters)
    with open_store(db, readonly=True) as store:
        mode, match = "all", " AND ".join(terms)
        rows = store.fts_rows(scope, terms, mode, ids, MAX_CANDIDATES)
        if not rows and len(terms) > 1:
            mode, match = "any", " OR ".join(terms)
            rows = store.fts_rows(scope, terms, mode, ids, MAX_CANDIDATES)
        if scope == "articles":
            hits = _article_hits(store, index, rows, terms)
        else:
            hits = [_hit(index, r, r.score) for r in rows if sentence_ok(index, filters, r.article_id, r.idx)]
    return SearchResult(query, match, mode, len(hits), tuple(hits[offset:offset + limit]), filters)


def _hit(index: CorpusIndex, row: FtsRow, score: float) -> Hit:
    """A sentence hit; matched terms become absolute offsets in the article."""
    aid, start = row.article_id, row.start
    art = index.articles.get(aid)
    text, spans = parse_highlight(row.marked)
    return Hit(aid, row.idx, start, row.end, text, round(score, 4), art.title if art else "",
               index.article_date(aid), tuple((start + a, start + b) for a, b in spans))


def _article_hits(store: BaseStore, index: CorpusIndex, rows: list[FtsRow], terms: list[str]) -> list[Hit]:
    """Article hits in article rank, each shown by its best-matching sentence
    (grounded like a sentence hit); an article matched by its title alone shows
    the title (sentence -1, no offsets)."""
    order = [r.article_id for r in rows]
    scores = {r.article_id: r.score for r in rows}
    best: dict[str, FtsRow] = {}
    for r in store.fts_rows("sentences", terms, "any", set(order), MAX_CANDIDATES):
        best.setdefault(r.article_id, r)
    hits = []
    for aid in order:
        if aid in best:
            hits.append(_hit(index, best[aid], scores[aid]))
        else:
            art = index.articles.get(aid)
            title = art.title if art else ""
            hits.append(Hit(aid, -1, 0, 0, title, round(scores[aid], 4), title, index.article_date(aid)))
    return hits


def _browse(index: CorpusIndex, f: Filters, ids: set[str] | None) -> list[Hit]:
    out = []
    for aid, an in index.analyses.items():
        if ids is not None and aid not in ids:
            continue
        for s in an.sentences:
            if sentence_ok(index, f, aid, s.index):
                art = index.articles[aid]
                out.append(Hit(aid, s.index, s.start, s.end, art.text[s.start:s.end], 0.0, art.title,
                               index.article_date(aid)))
    return out
